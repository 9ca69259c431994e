//! A deterministic generator of large campaign sites, shared by the scale test
//! (`tests/scale.rs`, through `tests/common`) and the benchmark corpus tool
//! (`examples/corpus/`, through `#[path]`). It lives with the tests rather than in the library
//! because no user command needs it; it uses only `std` and thidua's own slug function.
//!
//! The same seed and story count always give the same site, byte for byte.

pub mod site;
mod words;

use std::collections::HashSet;

use words::*;

/// The generated campaign runs from 1 January to 31 December of this year.
pub const YEAR: i32 = 2025;

/// A small, seeded PRNG (SplitMix64): deterministic on every platform, no crate needed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub fn range(&mut self, low: usize, high_inclusive: usize) -> usize {
        low + self.below(high_inclusive - low + 1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One generated story, with what the site and the Hugo twin both need.
pub struct GeneratedStory {
    pub slug: String,
    pub name: String,
    pub headline: String,
    pub unit: &'static str,
    pub sector: &'static str,
    pub award: &'static str,
    pub movement: &'static str,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The phase the date falls in (a name from `PHASES`).
    pub phase: &'static str,
    pub summary: Option<String>,
    /// Photo path relative to `content/`, when photos are generated for this story.
    pub photo: Option<String>,
    pub photo_alt: String,
    pub body: String,
}

/// A day of `YEAR` as (month, day).
pub type MonthDay = (u32, u32);

/// The three phases of the generated plan: id, name, first and last day.
pub const PHASES: &[(&str, &str, MonthDay, MonthDay)] = &[
    ("dot-1", "Đợt 1", (1, 1), (4, 30)),
    ("dot-2", "Đợt 2", (5, 1), (8, 31)),
    ("dot-3", "Đợt 3", (9, 1), (12, 31)),
];

pub struct Corpus {
    pub stories: Vec<GeneratedStory>,
}

/// Generates `count` stories from `seed`; every fourth story has a photo when `photos`.
pub fn generate(count: usize, seed: u64, photos: bool) -> Corpus {
    let mut rng = Rng::new(seed);
    let mut slugs = HashSet::with_capacity(count);
    let stories = (0..count)
        .map(|index| story(&mut rng, &mut slugs, photos && index % 4 == 0))
        .collect();
    Corpus { stories }
}

fn story(rng: &mut Rng, slugs: &mut HashSet<String>, photo: bool) -> GeneratedStory {
    let female = rng.below(2) == 0;
    let (name, given) = unique_name(rng, slugs, female);
    let slug = thidua::text::slugify(&name);
    let &(unit, sector_index) = rng.pick(UNITS);
    let (sector, _, movements) = SECTORS[sector_index];
    let role = *rng.pick(ROLES[sector_index]);
    let &(_, award, _) = rng.pick(AWARDS);
    let movement = *rng.pick(movements);
    let day_of_year = rng.below(365) as u32;
    let (month, day) = month_day(day_of_year);
    let phase = PHASES
        .iter()
        .find(|(_, _, start, end)| (month, day) >= *start && (month, day) <= *end)
        .map(|(_, name, _, _)| *name)
        .unwrap_or("Đợt 3");
    let short = format!("{} {given}", if female { "chị" } else { "anh" });
    let fill = |rng: &mut Rng, template: &str| {
        template
            .replace("{short}", &short)
            .replace("{Short}", &capitalize(&short))
            .replace("{name}", &name)
            .replace("{unit}", unit)
            .replace("{role}", role)
            .replace("{years}", &rng.range(5, 28).to_string())
            .replace("{n}", &rng.range(3, 15).to_string())
            .replace("{pct}", &rng.range(105, 160).to_string())
            .replace("{award}", award)
            .replace("{movement}", movement)
            .replace("{year}", &YEAR.to_string())
    };
    let headline = say(rng, &fill, HEADLINES);
    let body = body(rng, &fill);
    let summary = (rng.below(2) == 0).then(|| {
        format!(
            "{}, {role} của {unit}, được biểu dương danh hiệu “{award}”.",
            capitalize(&short)
        )
    });
    GeneratedStory {
        photo: photo.then(|| format!("images/{slug}.png")),
        photo_alt: format!("Ảnh chân dung {short} tại nơi làm việc"),
        slug,
        name,
        headline,
        unit,
        sector,
        award,
        movement,
        date: format!("{YEAR}-{month:02}-{day:02}"),
        phase,
        summary,
        body,
    }
}

fn rng_pick(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len())]
}

type Fill<'a> = dyn Fn(&mut Rng, &str) -> String + 'a;

/// One of `templates`, filled in.
fn say(rng: &mut Rng, fill: &Fill, templates: &[&'static str]) -> String {
    let template = rng_pick(rng, templates);
    fill(rng, template)
}

/// A shuffled bank of templates dealt without repeats (until it runs out and is reshuffled),
/// so one story does not say the same sentence twice.
struct Deck {
    cards: Vec<&'static str>,
    bank: &'static [&'static str],
}

impl Deck {
    fn new(bank: &'static [&'static str]) -> Self {
        Deck {
            cards: Vec::new(),
            bank,
        }
    }

    fn deal(&mut self, rng: &mut Rng, fill: &Fill) -> String {
        if self.cards.is_empty() {
            self.cards = self.bank.to_vec();
            // Fisher–Yates.
            for i in (1..self.cards.len()).rev() {
                let j = rng.below(i + 1);
                self.cards.swap(i, j);
            }
        }
        let template = self.cards.pop().unwrap_or_default();
        fill(rng, template)
    }
}

/// A realistic full name whose slug no earlier story has: family + middle + given name, and
/// after a few collisions a second middle name ("Nguyễn Thị Thu Hằng"), as Vietnamese names
/// often have. Returns the name and the given name.
fn unique_name(rng: &mut Rng, slugs: &mut HashSet<String>, female: bool) -> (String, String) {
    let (middles, givens) = if female {
        (FEMALE_MIDDLE_NAMES, FEMALE_GIVEN_NAMES)
    } else {
        (MALE_MIDDLE_NAMES, MALE_GIVEN_NAMES)
    };
    for attempt in 0.. {
        let family = rng_pick(rng, FAMILY_NAMES);
        let given = rng_pick(rng, givens);
        let mut middle = rng_pick(rng, middles).to_string();
        // Longer names once the three-word space gets crowded; a third middle name only
        // after very many tries, so the loop always ends.
        for _ in 0..(attempt / 8).min(2) {
            let extra = rng_pick(rng, middles);
            if !middle.contains(extra) {
                middle = format!("{middle} {extra}");
            }
        }
        let name = format!("{family} {middle} {given}");
        if slugs.insert(thidua::text::slugify(&name)) {
            return (name, given.to_string());
        }
    }
    unreachable!("the name loop only ends by returning")
}

/// A Markdown body of 400–600 words: an opening paragraph, sections with headings, lists,
/// emphasis, quotes and a closing link. Sentences are added only while they fit the story's
/// word budget, so the length lands within about one sentence below the target.
fn body(rng: &mut Rng, fill: &Fill) -> String {
    let closing = say(rng, fill, CLOSINGS);
    let budget = rng.range(430, 600) - count_words(&closing);
    let mut sentences = Deck::new(SENTENCES);
    let mut headings = Deck::new(HEADINGS);
    let mut items = Deck::new(LIST_ITEMS);
    let mut blocks = vec![format!(
        "{} {}",
        say(rng, fill, OPENINGS),
        sentences.deal(rng, fill)
    )];
    let mut words = count_words(&blocks[0]);
    let fits = |words: usize, text: &str| words + count_words(text) <= budget;
    'sections: for section in 0.. {
        if section % 3 == 0 {
            let heading = format!("## {}", headings.deal(rng, fill));
            // A heading needs room for at least one sentence after it.
            if words + count_words(&heading) + 25 > budget {
                break;
            }
            words += count_words(&heading);
            blocks.push(heading);
        }
        let is_list = section % 4 == 1;
        let (mut block, lines) = if is_list {
            (say(rng, fill, LIST_INTROS), rng.range(3, 5))
        } else {
            (sentences.deal(rng, fill), rng.range(1, 3))
        };
        if !fits(words, &block) {
            break;
        }
        words += count_words(&block);
        for line in 0..lines {
            let next = if is_list {
                items.deal(rng, fill)
            } else if section % 3 == 2 && line + 1 == lines {
                say(rng, fill, QUOTES)
            } else {
                sentences.deal(rng, fill)
            };
            if !fits(words, &next) {
                blocks.push(block);
                break 'sections;
            }
            words += count_words(&next);
            block.push_str(match (is_list, line) {
                (true, 0) => "\n\n- ",
                (true, _) => "\n- ",
                (false, _) => " ",
            });
            block.push_str(&next);
        }
        blocks.push(block);
    }
    blocks.push(closing);
    let mut out = blocks.join("\n\n");
    out.push('\n');
    out
}

/// Words a reader sees: Markdown markers (`##`, `-`) are not words.
fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| !matches!(*w, "##" | "-"))
        .count()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Month and day of the `day_of_year`-th day (0-based) of `YEAR` (not a leap year).
fn month_day(day_of_year: u32) -> (u32, u32) {
    const LENGTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut left = day_of_year;
    for (month, length) in LENGTHS.iter().enumerate() {
        if left < *length {
            return (month as u32 + 1, left + 1);
        }
        left -= length;
    }
    (12, 31)
}
