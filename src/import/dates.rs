//! Dates and periods as Vietnamese official documents write them: `01/01/2024`, `1/1/2024`,
//! `01.01.2024`, "ngày 29 tháng 12 năm 2023", day.month ranges sharing a year
//! ("1.1 - 30.6.2026"), month-only ranges ("tháng 9/2021 đến tháng 11/2021") and starts that
//! are not dates ("từ khi phát động", "từ nay", "Từ sau 30/10/2020"). Pure; tested below.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::time::calendar::days_in_month;

/// How a phase starts, in the words of the plan schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    Date(NaiveDate),
    /// "từ khi phát động": from the campaign's launch.
    Launch,
    /// "từ sau 30/10/2020": the day after a date.
    After(NaiveDate),
    /// "từ nay": from the document's date.
    Document,
}

/// A period read from a phase line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub start: Option<Start>,
    pub end: Option<NaiveDate>,
    /// Something was read loosely (a missing year taken from the end date, "tháng" before a
    /// full date, a month-only bound): the value is right for the usual reading, but a person
    /// should look.
    pub notes: Vec<String>,
}

/// Every dash the documents use (hyphen, en dash, em dash, minus) becomes `-`.
pub fn normalise_dashes(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '–' | '—' | '−' | '‒' | '‐' => '-',
            other => other,
        })
        .collect()
}

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\b").expect("valid pattern")
});
static WORDED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("valid pattern")
});
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*[/.]\s*(\d{1,2})\b").expect("valid pattern"));
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^tháng\s+(\d{1,2})\s*[/.\-]\s*(\d{4})\b").expect("valid pattern")
});
static MONTH_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^tháng\s+(\d{1,2})\b").expect("valid pattern"));
static YEAR_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:hết\s+)?năm\s+(\d{4})\b").expect("valid pattern"));

/// A whole date at the start of `text` ("01/01/2024", "1.1.2024", "ngày 29 tháng 12 năm
/// 2023"), with the length of text it used.
pub fn date_at(text: &str) -> Option<(NaiveDate, usize)> {
    let caps = FULL_DATE
        .captures(text)
        .or_else(|| WORDED_DATE.captures(text))?;
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (day, month, year) = (number(1)?, number(2)?, number(3)?);
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some((date, caps.get(0)?.end()))
}

/// The first whole date anywhere in `text`.
pub fn find_date(text: &str) -> Option<(NaiveDate, usize, usize)> {
    let text = normalise_dashes(text);
    char_starts(&text).find_map(|start| {
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        date_at(&text[start..]).map(|(date, len)| (date, start, start + len))
    })
}

fn char_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.char_indices().map(|(i, _)| i)
}

/// One bound of a period: a date, or a day and month waiting for the other bound's year, or a
/// month of a year.
#[derive(Debug, Clone, Copy)]
enum Bound {
    Date(NaiveDate),
    DayMonth(u32, u32),
    Month(u32, i32),
    MonthNoYear(u32),
    Year(i32),
}

fn bound_at(text: &str) -> Option<Bound> {
    let text = text.trim_start();
    if let Some((date, _)) = date_at(text) {
        return Some(Bound::Date(date));
    }
    // "ngày 01.01.2024", and "tháng 01/01/2024" (sic): a whole date after a stray word.
    for word in ["ngày", "tháng"] {
        if let Some(rest) = strip_word(text, word)
            && let Some((date, _)) = date_at(rest.trim_start())
        {
            return Some(Bound::Date(date));
        }
    }
    let number = |caps: &regex::Captures, i: usize| caps.get(i)?.as_str().parse::<u32>().ok();
    if let Some(caps) = MONTH_YEAR.captures(text) {
        let (month, year) = (number(&caps, 1)?, number(&caps, 2)?);
        return (1..=12)
            .contains(&month)
            .then_some(Bound::Month(month, i32::try_from(year).ok()?));
    }
    if let Some(caps) = MONTH_ONLY.captures(text) {
        let month = number(&caps, 1)?;
        return (1..=12)
            .contains(&month)
            .then_some(Bound::MonthNoYear(month));
    }
    if let Some(caps) = YEAR_ONLY.captures(text) {
        return Some(Bound::Year(i32::try_from(number(&caps, 1)?).ok()?));
    }
    let text = strip_word(text, "ngày").unwrap_or(text).trim_start();
    if let Some(caps) = DAY_MONTH.captures(text) {
        let (day, month) = (number(&caps, 1)?, number(&caps, 2)?);
        return ((1..=31).contains(&day) && (1..=12).contains(&month))
            .then_some(Bound::DayMonth(day, month));
    }
    None
}

/// `text` without a leading `word` (any case) and the space after it.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.to_lowercase() == word && rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// Reads a period such as "Từ tháng 01/01/2024 đến 31/7/2024", "1.1 - 30.6.2026",
/// "tháng 9/2021 đến tháng 11/2021", "Từ khi phát động đến 30/6/2025" or "Từ sau 30/10/2020
/// đến 15/12/2020".
pub fn parse_period(text: &str) -> Period {
    let text = normalise_dashes(text).replace('\u{a0}', " ");
    let mut notes = Vec::new();
    let trimmed = text.trim().trim_end_matches(['.', ':', ';', ',']).trim();
    let body = strip_word(trimmed, "từ").unwrap_or(trimmed).trim_start();
    let (start_text, end_text) = split_period(body);
    let start_lower = start_text.to_lowercase();
    let end = end_text.and_then(bound_at);
    let end_date = match end {
        Some(Bound::Date(date)) => Some(date),
        Some(Bound::Month(month, year)) => {
            NaiveDate::from_ymd_opt(year, month, days_in_month(year, month))
        }
        Some(Bound::Year(year)) => NaiveDate::from_ymd_opt(year, 12, 31),
        _ => None,
    };
    let start = if start_lower.contains("phát động") {
        Some(Start::Launch)
    } else if start_lower.starts_with("nay") || start_lower.starts_with("ngày ban hành") {
        Some(Start::Document)
    } else if let Some(rest) = strip_word(start_text.trim(), "sau") {
        match bound_at(rest) {
            Some(Bound::Date(date)) => Some(Start::After(date)),
            Some(Bound::DayMonth(day, month)) => {
                let year = end_date.map(|d| chrono::Datelike::year(&d));
                year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
                    .map(Start::After)
            }
            _ => None,
        }
    } else {
        if let Some(rest) = strip_word(start_text.trim(), "tháng")
            && date_at(rest.trim_start()).is_some()
        {
            // Only a note: "Từ tháng 01/01/2024" plainly means the first of January.
            notes.push(format!(
                "“{}”: read as a whole date after a stray “tháng”",
                start_text.trim()
            ));
        }
        let end_year = end_date.map(|d| chrono::Datelike::year(&d));
        match bound_at(start_text) {
            Some(Bound::Date(date)) => Some(Start::Date(date)),
            Some(Bound::Month(month, year)) => {
                NaiveDate::from_ymd_opt(year, month, 1).map(Start::Date)
            }
            Some(Bound::MonthNoYear(month)) => end_year
                .and_then(|year| NaiveDate::from_ymd_opt(year, month, 1))
                .map(Start::Date),
            Some(Bound::DayMonth(day, month)) => {
                notes.push("the start has no year: the end date's year was used".to_string());
                end_year
                    .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
                    .map(Start::Date)
            }
            Some(Bound::Year(year)) => NaiveDate::from_ymd_opt(year, 1, 1).map(Start::Date),
            None => None,
        }
    };
    // A start after its end, with a shared year taken from the end ("1.11 - 28.2.2026"):
    // the start belongs to the year before.
    let start = match (start, end_date) {
        (Some(Start::Date(start)), Some(end)) if start > end => {
            let earlier = start.with_year_checked(-1);
            if earlier.is_some_and(|e| e <= end)
                && matches!(bound_at(start_text), Some(Bound::DayMonth(..)))
            {
                earlier.map(Start::Date)
            } else {
                notes.push("the start is after the end".to_string());
                Some(Start::Date(start))
            }
        }
        (start, _) => start,
    };
    Period {
        start,
        end: end_date,
        notes,
    }
}

trait YearShift {
    fn with_year_checked(&self, delta: i32) -> Option<NaiveDate>;
}

impl YearShift for NaiveDate {
    fn with_year_checked(&self, delta: i32) -> Option<NaiveDate> {
        use chrono::Datelike;
        self.with_year(self.year() + delta)
    }
}

/// Splits a period at "đến" (or "tới"), else at a dash between two bounds.
fn split_period(text: &str) -> (&str, Option<&str>) {
    let lower = text.to_lowercase();
    for word in [
        " đến hết ngày ",
        " đến hết ",
        " đến ngày ",
        " đến ",
        " tới ",
    ] {
        if let Some(index) = lower.find(word) {
            // Lowercasing keeps byte offsets for Vietnamese letters used here.
            if text.is_char_boundary(index) && text.is_char_boundary(index + word.len()) {
                return (&text[..index], Some(&text[index + word.len()..]));
            }
        }
    }
    // "1.1 - 30.6.2026", "01/01/2024-31/7/2024": a dash not inside a date.
    for (index, _) in text.match_indices('-') {
        let (left, right) = (&text[..index], &text[index + 1..]);
        if bound_at(right).is_some() && left.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
            return (left, Some(right));
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn period(text: &str) -> (Option<Start>, Option<NaiveDate>) {
        let p = parse_period(text);
        (p.start, p.end)
    }

    #[test]
    fn whole_dates_in_every_written_form() {
        for text in [
            "01/01/2024",
            "1/1/2024",
            "01.01.2024",
            "1-1-2024",
            "ngày 1 tháng 1 năm 2024",
        ] {
            assert_eq!(date_at(text).map(|d| d.0), Some(day(2024, 1, 1)), "{text}");
        }
        assert_eq!(date_at("31/2/2024"), None);
        assert_eq!(date_at("29/12/23"), None);
        assert_eq!(
            find_date("Long Biên, ngày 29 tháng 12 năm 2023").map(|d| d.0),
            Some(day(2023, 12, 29))
        );
        assert_eq!(find_date("năm 2024 và 12024"), None);
    }

    #[test]
    fn ranges_with_every_dash_and_connective() {
        let expected = (Some(Start::Date(day(2024, 1, 1))), Some(day(2024, 7, 31)));
        for text in [
            "Từ 01/01/2024 đến 31/7/2024",
            "từ 1/1/2024 đến ngày 31/7/2024",
            "01/01/2024-31/7/2024",
            "01/01/2024 - 31/7/2024",
            "01/01/2024 – 31/7/2024",
            "01/01/2024—31/7/2024",
            "Từ tháng 01/01/2024 đến 31/7/2024",
            "Từ ngày 01.01.2024 đến hết ngày 31.7.2024",
        ] {
            assert_eq!(period(text), expected, "{text}");
        }
    }

    #[test]
    fn day_month_ranges_share_the_end_year() {
        assert_eq!(
            period("1.1 - 30.6.2026"),
            (Some(Start::Date(day(2026, 1, 1))), Some(day(2026, 6, 30)))
        );
        assert_eq!(
            period("Từ 15/11 đến 28/2/2026"),
            (Some(Start::Date(day(2025, 11, 15))), Some(day(2026, 2, 28)))
        );
        assert!(!parse_period("1.1 - 30.6.2026").notes.is_empty());
    }

    #[test]
    fn month_only_ranges_cover_whole_months() {
        assert_eq!(
            period("tháng 9/2021 đến tháng 11/2021"),
            (Some(Start::Date(day(2021, 9, 1))), Some(day(2021, 11, 30)))
        );
        assert_eq!(
            period("Từ tháng 9 đến tháng 12/2025"),
            (Some(Start::Date(day(2025, 9, 1))), Some(day(2025, 12, 31)))
        );
        assert_eq!(
            period("Từ tháng 9/2025 đến hết năm 2025"),
            (Some(Start::Date(day(2025, 9, 1))), Some(day(2025, 12, 31)))
        );
    }

    #[test]
    fn starts_that_are_not_dates() {
        assert_eq!(
            period("Từ khi phát động đến 30/6/2025"),
            (Some(Start::Launch), Some(day(2025, 6, 30)))
        );
        assert_eq!(
            period("Từ nay đến hết ngày 31/12/2024"),
            (Some(Start::Document), Some(day(2024, 12, 31)))
        );
        assert_eq!(
            period("Từ sau 30/10/2020 đến 15/12/2020"),
            (
                Some(Start::After(day(2020, 10, 30))),
                Some(day(2020, 12, 15))
            )
        );
    }

    #[test]
    fn nonsense_is_no_period_and_no_panic() {
        assert_eq!(period(""), (None, None));
        assert_eq!(period("nhiệm kỳ 2023-2028"), (None, None));
        assert_eq!(period("đến"), (None, None));
        assert_eq!(period("Từ tháng"), (None, None));
        assert_eq!(period("99/99/9999 - 1.1"), (None, None));
        let _ = parse_period("từ ÂĐ - đến – —");
    }
}
