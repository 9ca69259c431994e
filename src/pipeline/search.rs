//! The prebuilt static search index. Written as JavaScript files (not JSON) so the search
//! also works when the site is opened from `file://`, where browsers refuse `fetch`:
//!
//! - `search/docs.js`: one row per story: name, headline, unit, award, movement, URL.
//! - `search/terms-<k>.js`: body words → story numbers (delta-encoded), sharded by the first
//!   letter of the diacritic-folded word, so a query loads only the shards it needs.
//!
//! Words found in more than half of the stories are left out of the postings (they cannot
//! rank anything) and listed as `common`, so the script treats them as optional.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::model::story::Story;
use crate::pipeline::views::Computed;
use crate::text;

pub const DIR: &str = "search/";

/// The words of a text as the index holds them: the composed (NFC) text split at anything
/// that is not a letter or digit (the script's `/[^\p{L}\p{N}]+/u`), each word lowercased.
/// Composition matters because a decomposed "ướ" carries combining marks, which are not
/// alphanumeric. Each word is lowercased on its own, as a reader types it into the search box
/// (lowercasing a whole text differs only for letters whose lowercase depends on what
/// follows, like a Greek final sigma).
pub fn words(text: &str) -> Vec<String> {
    let composed: std::borrow::Cow<str> = if is_nfc(text) {
        text.into()
    } else {
        text.nfc().collect::<String>().into()
    };
    composed
        .split(is_separator)
        .filter(|w| !w.is_empty())
        .flat_map(lowercase_words)
        .collect()
}

/// Whether `c` separates words: the script's `[^\p{L}\p{N}]`. ASCII is decided without a
/// table lookup (most characters of Vietnamese text are ASCII), and Vietnamese letters are
/// all alphabetic, so the Unicode lookup runs only for the rest.
fn is_separator(c: char) -> bool {
    match c as u32 {
        0..=0x7F => !c.is_ascii_alphanumeric(),
        // Latin-1 letters, Latin Extended-A/B (ă â đ ê ô ơ ư…) and Latin Extended Additional
        // (ạ ả ấ ầ … ỹ): every Vietnamese letter, decided without a table lookup.
        0xC0..=0x24F => matches!(c, '×' | '÷'),
        0x1E00..=0x1EFF => false,
        _ => !c.is_alphanumeric(),
    }
}

/// The shard a word's postings live in: the first ASCII letter or digit of its folded form.
pub fn shard(word: &str) -> char {
    text::fold(word)
        .chars()
        .next()
        .filter(char::is_ascii_alphanumeric)
        .unwrap_or('_')
}

/// JSON for a string (quotes, escapes), for hand-assembled JavaScript.
fn json(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialize")
}

/// The postings of one run of stories. Each distinct spelling of a word ("Người", "người")
/// is lowercased once per run and remembered, instead of lowercasing every story whole.
#[derive(Default)]
struct RunPostings<'a> {
    /// Spelling as written → the range of `parts` holding its words' slots.
    spellings: FxHashMap<&'a str, (u32, u32)>,
    parts: Vec<usize>,
    /// Lowercase word → its slot in `words`.
    slots: FxHashMap<String, usize>,
    words: Vec<(String, Vec<u32>)>,
}

impl<'a> RunPostings<'a> {
    fn add(&mut self, id: u32, text: &'a str) {
        if !is_nfc(text) {
            // Rare (text typed in an editor is composed): its spellings are not remembered.
            for lowered in words(text) {
                let slot = self.slot(lowered);
                Self::push(&mut self.words[slot].1, id);
            }
            return;
        }
        for word in text.split(is_separator).filter(|w| !w.is_empty()) {
            let (start, end) = match self.spellings.get(word) {
                Some(&range) => range,
                None => {
                    let start = self.parts.len() as u32;
                    for lowered in lowercase_words(word) {
                        let slot = self.slot(lowered);
                        self.parts.push(slot);
                    }
                    let range = (start, self.parts.len() as u32);
                    self.spellings.insert(word, range);
                    range
                }
            };
            for &slot in &self.parts[start as usize..end as usize] {
                Self::push(&mut self.words[slot].1, id);
            }
        }
    }

    /// Stories are added in order, so a word seen again in the same story ends with its id.
    fn push(ids: &mut Vec<u32>, id: u32) {
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }

    fn slot(&mut self, lowered: String) -> usize {
        if let Some(&slot) = self.slots.get(&lowered) {
            return slot;
        }
        self.words.push((lowered.clone(), Vec::new()));
        self.slots.insert(lowered, self.words.len() - 1);
        self.words.len() - 1
    }

    fn into_map(self) -> FxHashMap<String, Vec<u32>> {
        self.words.into_iter().collect()
    }
}

/// A word lowercased, as the words the script finds in lowercased text: lowercasing can add a
/// character that separates words ("İ" becomes "i" and a combining dot), so the result is
/// split again.
fn lowercase_words(word: &str) -> Vec<String> {
    if word.is_ascii() {
        return vec![word.to_ascii_lowercase()];
    }
    let lowered = word.to_lowercase();
    if !lowered.chars().any(is_separator) {
        return vec![lowered];
    }
    lowered
        .split(is_separator)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `text` is composed (NFC), quickly. ASCII cannot change a text's normal form and
/// makes up most of Vietnamese text, so only the other characters are checked.
fn is_nfc(text: &str) -> bool {
    text.is_ascii()
        || matches!(
            unicode_normalization::is_nfc_quick(text.chars().filter(|c| !c.is_ascii())),
            unicode_normalization::IsNormalized::Yes
        )
}

/// Which stories each body word appears in. Kept between preview builds, so an edit to one
/// story updates that story's words instead of indexing the whole site again.
pub struct Index {
    /// Word → card numbers (the document ids), ascending.
    postings: FxHashMap<String, Vec<u32>>,
}

/// Stories indexed per parallel task; the tasks' word lists are then merged in order.
const STORIES_PER_TASK: usize = 256;

impl Index {
    /// Indexes the body of every story, in card order (card numbers are the document ids).
    pub fn build(stories: &[Story], computed: &Computed) -> Self {
        // Lowercasing and splitting is the costly part, so it runs in parallel over runs of
        // stories; merging the runs allocates only for words not seen before (the vocabulary
        // is small), and visiting runs in order keeps every posting list ascending.
        let runs: Vec<FxHashMap<String, Vec<u32>>> = computed
            .card_story
            .par_chunks(STORIES_PER_TASK)
            .enumerate()
            .map(|(run, story_indices)| {
                let mut postings = RunPostings::default();
                for (offset, &story_index) in story_indices.iter().enumerate() {
                    let id = (run * STORIES_PER_TASK + offset) as u32;
                    postings.add(id, &stories[story_index].plain_text);
                }
                postings.into_map()
            })
            .collect();
        let mut runs = runs.into_iter();
        let mut postings = runs.next().unwrap_or_default();
        for run in runs {
            for (word, ids) in run {
                match postings.get_mut(&word) {
                    Some(existing) => existing.extend(ids),
                    None => {
                        postings.insert(word, ids);
                    }
                }
            }
        }
        Self { postings }
    }

    /// Re-indexes the story with card number `card` after its body text changed.
    pub fn replace(&mut self, card: usize, old_text: &str, new_text: &str) {
        let id = card as u32;
        let old: HashSet<String> = words(old_text).into_iter().collect();
        let new: HashSet<String> = words(new_text).into_iter().collect();
        for word in old.difference(&new) {
            if let Some(ids) = self.postings.get_mut(word) {
                if let Ok(at) = ids.binary_search(&id) {
                    ids.remove(at);
                }
                if ids.is_empty() {
                    self.postings.remove(word);
                }
            }
        }
        for word in new.difference(&old) {
            let ids = self.postings.entry(word.to_string()).or_default();
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
        }
    }

    /// The index files, as `(path, contents)`.
    pub fn files(
        &self,
        stories: &[Story],
        computed: &Computed,
        plan: &crate::model::plan::Plan,
    ) -> Vec<(String, String)> {
        let mut docs = String::from("window.THIDUA_SEARCH_DOCS=[\n");
        for (card, &story_index) in computed.cards.iter().zip(&computed.card_story) {
            let story = &stories[story_index];
            docs.push_str(&format!(
                "[{},{},{},{},{},{}],\n",
                json(&card.name),
                json(&card.headline),
                json(&card.unit),
                json(&plan.awards[story.award].name),
                json(story.movement.as_deref().unwrap_or("")),
                json(&card.url)
            ));
        }

        // Words found in more than half of the stories cannot rank anything.
        let total = computed.cards.len().max(1);
        let mut common: Vec<&str> = Vec::new();
        let mut shards: BTreeMap<char, Vec<(&str, &[u32])>> = BTreeMap::new();
        for (word, ids) in &self.postings {
            if total >= 20 && ids.len() * 2 > total {
                common.push(word);
            } else {
                shards.entry(shard(word)).or_default().push((word, ids));
            }
        }
        common.sort_unstable();
        docs.push_str("];\nwindow.THIDUA_SEARCH_COMMON=[");
        docs.push_str(&common.iter().map(|w| json(w)).collect::<Vec<_>>().join(","));
        docs.push_str("];\nwindow.THIDUA_SEARCH_SHARDS=\"");
        docs.push_str(&shards.keys().collect::<String>());
        docs.push_str("\";\n");

        let mut files = vec![(format!("{DIR}docs.js"), docs)];
        files.par_extend(shards.into_par_iter().map(|(key, mut entries)| {
            entries.sort_unstable();
            let mut js = format!(
                "(window.THIDUA_SEARCH_TERMS=window.THIDUA_SEARCH_TERMS||{{}})[{}]={{\n",
                json(&key.to_string())
            );
            let mut number = itoa::Buffer::new();
            for (word, ids) in entries {
                js.push_str(&json(word));
                js.push_str(":[");
                // Ids ascend; storing the gaps keeps the numbers short.
                let mut previous = 0;
                for (n, &id) in ids.iter().enumerate() {
                    if n > 0 {
                        js.push(',');
                    }
                    js.push_str(number.format(id - previous));
                    previous = id;
                }
                js.push_str("],\n");
            }
            js.push_str("};\n");
            (format!("{DIR}terms-{key}.js"), js)
        }));
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_and_split_at_punctuation() {
        let found = words("Người tốt, việc tốt! (Đợt 2)");
        assert_eq!(found, ["người", "tốt", "việc", "tốt", "đợt", "2"]);
        // Decomposed input is normalised to the composed form the script produces.
        let decomposed = "Hu\u{031b}o\u{031b}\u{0301}ng";
        assert_eq!(words(decomposed), ["hướng".nfc().collect::<String>()]);
    }

    #[test]
    fn separators_match_letters_and_digits() {
        for c in ['a', 'Z', '0', 'ă', 'Đ', 'ư', 'ế', 'ỹ', 'Ạ', '漢'] {
            assert!(!is_separator(c), "{c} is part of a word");
        }
        for c in [' ', ',', '“', '”', '–', '…', '×', '\u{a0}'] {
            assert!(is_separator(c), "{c:?} separates words");
        }
    }

    #[test]
    fn postings_match_the_words_of_each_lowercased_text() {
        let texts = [
            "NGƯỜI tốt, việc tốt. Người TỐT!",
            // Decomposed, as some editors save it.
            "Hu\u{031b}o\u{031b}\u{0301}ng dẫn người",
            // Lowercasing adds a combining dot, which separates words in lowercased text.
            "İstanbul xin chào",
            "Đồng Du, ĐỒNG DU và đông du",
            // Each word is lowercased alone, so a final sigma is final within its word.
            "ΟΔΟΣ.ΑΘΗΝΑ",
        ];
        let mut run = RunPostings::default();
        for (id, text) in texts.iter().enumerate() {
            run.add(id as u32, text);
        }
        let found: BTreeMap<String, Vec<u32>> = run.into_map().into_iter().collect();
        let mut expected: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (id, text) in texts.iter().enumerate() {
            for word in words(text) {
                let ids = expected.entry(word).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
        assert_eq!(found, expected);
        assert_eq!(found["người"], [0, 1]);
        assert_eq!(found["đồng"], [3]);
        assert_eq!(found["οδος"], [4]);
    }

    #[test]
    fn shards_use_the_folded_first_letter() {
        assert_eq!(shard("đồng"), 'd');
        assert_eq!(shard("ươm"), 'u');
        assert_eq!(shard("2024"), '2');
        assert_eq!(shard("漢"), '_');
    }
}
