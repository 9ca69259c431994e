//! The prebuilt static search index. Written as JavaScript files (not JSON) so the search
//! also works when the site is opened from `file://`, where browsers refuse `fetch`:
//!
//! - `search/docs.js`: one row per story: name, headline, unit, award, movement, URL.
//! - `search/terms-<k>.js`: body words → story numbers (delta-encoded), sharded by the first
//!   letter of the diacritic-folded word, so a query loads only the shards it needs.
//!
//! Words found in more than half of the stories are left out of the postings (they cannot
//! rank anything) and listed as `common`, so the script treats them as optional.

use std::collections::{BTreeMap, HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::story::Story;
use crate::text;
use crate::views::Computed;

pub const DIR: &str = "search/";

/// Lowercase NFC words of a text, split at anything that is not a letter or digit: the same
/// rule as the script's `/[^\p{L}\p{N}]+/u`.
pub fn words(text: &str) -> Vec<String> {
    // Compose first: a decomposed "ướ" carries combining marks, which are not alphanumeric.
    let composed: String = text.nfc().collect();
    composed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect()
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

/// The index files, as `(path, contents)`.
pub fn index(
    stories: &[Story],
    computed: &Computed,
    plan: &crate::plan::Plan,
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

    // Body words per story, in card order (card numbers are the document ids).
    let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
    for (id, &story_index) in computed.card_story.iter().enumerate() {
        let story = &stories[story_index];
        let unique: HashSet<String> = words(&story.plain_text).into_iter().collect();
        for word in unique {
            postings.entry(word).or_default().push(id as u32);
        }
    }
    let total = computed.cards.len().max(1);
    let mut common: Vec<String> = Vec::new();
    let mut shards: BTreeMap<char, Vec<(String, Vec<u32>)>> = BTreeMap::new();
    for (word, ids) in postings {
        if total >= 20 && ids.len() * 2 > total {
            common.push(word);
        } else {
            shards.entry(shard(&word)).or_default().push((word, ids));
        }
    }
    common.sort();
    docs.push_str("];\nwindow.THIDUA_SEARCH_COMMON=[");
    docs.push_str(&common.iter().map(|w| json(w)).collect::<Vec<_>>().join(","));
    docs.push_str("];\nwindow.THIDUA_SEARCH_SHARDS=\"");
    docs.push_str(&shards.keys().collect::<String>());
    docs.push_str("\";\n");

    let mut files = vec![(format!("{DIR}docs.js"), docs)];
    for (key, mut entries) in shards {
        entries.sort();
        let mut js = format!(
            "(window.THIDUA_SEARCH_TERMS=window.THIDUA_SEARCH_TERMS||{{}})[{}]={{\n",
            json(&key.to_string())
        );
        for (word, ids) in entries {
            // Ids are ascending; store gaps, which are short numbers.
            let mut previous = 0;
            let gaps: Vec<String> = ids
                .iter()
                .map(|&id| {
                    let gap = id - previous;
                    previous = id;
                    gap.to_string()
                })
                .collect();
            js.push_str(&format!("{}:[{}],\n", json(&word), gaps.join(",")));
        }
        js.push_str("};\n");
        files.push((format!("{DIR}terms-{key}.js"), js));
    }
    files
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
    fn shards_use_the_folded_first_letter() {
        assert_eq!(shard("đồng"), 'd');
        assert_eq!(shard("ươm"), 'u');
        assert_eq!(shard("2024"), '2');
        assert_eq!(shard("漢"), '_');
    }
}
