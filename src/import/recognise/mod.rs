//! The recogniser: reads the lines of a Vietnamese official document laid out by Nghị định
//! 30/2020/NĐ-CP (header columns, number, place and date, kind and title, basis, sections,
//! phases, anniversaries, awards, recipients, signature) into the facts of a plan. Pure: no
//! I/O; every fact remembers its source line, and every guess carries a note for review.

mod body;
mod header;
mod sections;

use chrono::NaiveDate;

use super::dates::Start;
use super::lines::{self, Line};

/// One value read from the document, with the line it came from and, when it was guessed or
/// looks wrong, what a person should check (in Vietnamese: it is written into the plan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact<T> {
    pub value: T,
    pub line: usize,
    pub review: Option<String>,
}

impl<T> Fact<T> {
    pub fn new(value: T, line: usize) -> Self {
        Self {
            value,
            line,
            review: None,
        }
    }

    pub fn review(mut self, note: impl Into<String>) -> Self {
        self.review = Some(note.into());
        self
    }
}

pub type Text = Fact<String>;

#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub kind: Option<Text>,
    pub number: Option<Text>,
    pub parent_issuer: Option<Text>,
    pub issuer: Option<Text>,
    pub place: Option<Text>,
    pub date: Option<Fact<NaiveDate>>,
    pub title: Option<Text>,
    pub basis: Option<Text>,
    pub context: Vec<Text>,
    pub preamble: Option<Text>,
    pub campaign: Campaign,
    pub themes: Vec<Theme>,
    pub purpose: Option<Purpose>,
    pub sectors: Option<Sectors>,
    pub schedule: Option<Schedule>,
    pub phases: Vec<Phase>,
    pub anniversaries: Vec<Anniversary>,
    pub awards: Vec<Text>,
    pub implementation: Option<Implementation>,
    pub registration_email: Option<Text>,
    pub recipients: Vec<Text>,
    pub signer: Signer,
}

#[derive(Debug, Clone, Default)]
pub struct Campaign {
    pub name: Option<Text>,
    pub start: Option<Fact<NaiveDate>>,
    pub end: Option<Fact<NaiveDate>>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub level: Text,
    pub text: Text,
}

#[derive(Debug, Clone, Default)]
pub struct Purpose {
    pub heading: Option<Text>,
    pub purpose: Vec<Text>,
    pub requirements: Vec<Text>,
}

#[derive(Debug, Clone)]
pub struct Sectors {
    pub heading: Option<Text>,
    pub list: Vec<Sector>,
}

#[derive(Debug, Clone)]
pub struct Sector {
    pub id: String,
    pub number: String,
    pub name: Text,
    pub short_name: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub number: String,
    pub text: Text,
    pub movements: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Schedule {
    pub heading: Option<Text>,
    pub intro: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct Phase {
    pub id: String,
    pub name: Text,
    pub start: Option<Start>,
    pub end: Option<NaiveDate>,
    pub period_text: Option<String>,
    pub theme: Option<String>,
    pub focus: Option<Text>,
    /// What to check about the dates.
    pub review: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Anniversary {
    pub id: String,
    pub name: String,
    pub origin: Option<NaiveDate>,
    pub lunar: Option<String>,
    pub ordinal: Option<i32>,
    pub phase: Option<String>,
    pub wording: String,
    pub line: usize,
    pub review: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Implementation {
    pub heading: Option<Text>,
    pub solutions: Option<ItemList>,
    pub organization: Option<ItemList>,
    pub closing: Option<Text>,
}

#[derive(Debug, Clone)]
pub struct ItemList {
    pub heading: Text,
    pub items: Vec<(String, Text)>,
}

#[derive(Debug, Clone, Default)]
pub struct Signer {
    pub on_behalf: Option<Text>,
    pub title: Option<Text>,
    pub name: Option<Text>,
}

/// Reads `lines` (as a reader produced them) into the facts of a plan.
pub fn recognise(lines: Vec<Line>) -> Extracted {
    let lines: Vec<Line> = lines::join_page_breaks(lines);
    let mut plan = Extracted::default();
    let body_start = header::read(&lines, &mut plan);
    let sections = sections::split(&lines[body_start..]);
    sections::read_front(sections.front, &mut plan);
    for section in &sections.list {
        sections::read_section(section, &mut plan);
    }
    body::read_everywhere(&lines, &mut plan);
    body::fill_campaign(&mut plan);
    plan
}

/// "LIÊN ĐOÀN LAO ĐỘNG" → "Liên đoàn lao động"; "chiến thắng" → "Chiến thắng".
pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when `text` has letters and none of them is lower case.
pub fn is_upper(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests;
