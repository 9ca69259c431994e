//! Pure date logic: parsing dates as editors write them, today in the campaign timezone,
//! anniversary ordinals and occurrences, countdowns, phase status and progress.
//! No I/O; everything here is unit-tested below.

use chrono::{Datelike, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// Parses `YYYY-MM-DD` (ISO, preferred) or `DD/MM/YYYY` (how Vietnamese documents write dates).
/// Errors explain what is wrong in words an editor can act on.
pub fn parse_date(input: &str) -> Result<NaiveDate, String> {
    let text = input.trim();
    let (year, month, day) = if let Some(parts) = split3(text, '-') {
        if parts[0].len() != 4 {
            return Err(format!(
                "“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2024-03-01"
            ));
        }
        (parts[0], parts[1], parts[2])
    } else if let Some(parts) = split3(text, '/') {
        if parts[2].len() != 4 {
            return Err(format!(
                "“{text}” has an ambiguous year “{}”: write the full year, e.g. {}/{}/20{} or 20{}-{}-{}",
                parts[2], parts[0], parts[1], parts[2], parts[2], parts[1], parts[0]
            ));
        }
        (parts[2], parts[1], parts[0])
    } else {
        return Err(format!(
            "“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2024-03-01"
        ));
    };
    let number = |part: &str| -> Result<u32, String> {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2024-03-01"
            ));
        }
        part.parse::<u32>().map_err(|e| e.to_string())
    };
    let (year, month, day) = (number(year)? as i32, number(month)?, number(day)?);
    if !(1..=12).contains(&month) {
        return Err(format!(
            "“{text}” is not a date: there is no month {month} (months go from 1 to 12)"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "“{text}” is not a date: month {month} of {year} has only {} days",
            days_in_month(year, month)
        )
    })
}

fn split3(text: &str, separator: char) -> Option<[&str; 3]> {
    let mut parts = text.split(separator);
    let parts = [parts.next()?, parts.next()?, parts.next()?];
    (text.matches(separator).count() == 2).then_some(parts)
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("month is 1..=12");
    let next = first + Months::new(1);
    (next - first).num_days() as u32
}

/// Today's date in the campaign's timezone (Hà Nội is UTC+7, so at 20:00 UTC it is already
/// tomorrow there).
pub fn today_in(timezone: Tz) -> NaiveDate {
    Utc::now().with_timezone(&timezone).date_naive()
}

/// The anniversary number celebrated on an occurrence: 1929 → 2024 is the 95th.
pub fn ordinal(origin: NaiveDate, occurrence: NaiveDate) -> i32 {
    occurrence.year() - origin.year()
}

/// The date of a yearly day (month/day) in a given year; 29 February falls on the 28th in
/// common years.
pub fn yearly_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        (month == 2 && day == 29)
            .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .flatten()
    })
}

/// Every date in `[start, end]` on which a yearly day falls, in order. A campaign spanning two
/// calendar years (a school year) can hold a day once or twice.
pub fn occurrences_between(
    month: u32,
    day: u32,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<NaiveDate> {
    (start.year()..=end.year())
        .filter_map(|year| yearly_date(year, month, day))
        .filter(|date| *date >= start && *date <= end)
        .collect()
}

/// Where a date stands relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", content = "days", rename_all = "lowercase")]
pub enum Countdown {
    /// The day is still to come, in this many days.
    Upcoming(i64),
    Today,
    /// The day was this many days ago.
    Past(i64),
}

pub fn countdown(target: NaiveDate, today: NaiveDate) -> Countdown {
    let days = (target - today).num_days();
    match days {
        0 => Countdown::Today,
        d if d > 0 => Countdown::Upcoming(d),
        d => Countdown::Past(-d),
    }
}

/// A phase's state on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseState {
    Upcoming,
    Active,
    Ended,
}

pub fn phase_state(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> PhaseState {
    if today < start {
        PhaseState::Upcoming
    } else if today > end {
        PhaseState::Ended
    } else {
        PhaseState::Active
    }
}

/// Inclusive day count of a period: 1 January to 31 July 2024 is 213 days.
pub fn period_days(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days() + 1
}

/// How far along a period is on `today`, in percent: 0 before it starts, 100 after it ends,
/// otherwise the share of its days that have begun (today counts as begun).
pub fn progress_percent(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> f64 {
    if today < start {
        0.0
    } else if today > end {
        100.0
    } else {
        ((today - start).num_days() + 1) as f64 * 100.0 / period_days(start, end) as f64
    }
}

/// Position of a date on an axis from `start` to `end` as a percentage of the axis width
/// (start of the day). Clamped to 0..=100.
pub fn axis_position(date: NaiveDate, start: NaiveDate, end: NaiveDate) -> f64 {
    let total = period_days(start, end) as f64;
    ((date - start).num_days() as f64 * 100.0 / total).clamp(0.0, 100.0)
}

/// The first day of every month that begins inside `[start, end]`, plus `start`'s own month
/// start when `start` is the first: the ticks of a timeline axis.
pub fn month_starts(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).expect("valid month");
    if month < start {
        month = month + Months::new(1);
    }
    let mut ticks = Vec::new();
    while month <= end {
        ticks.push(month);
        month = month + Months::new(1);
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_iso_and_vietnamese_dates() {
        assert_eq!(parse_date("2024-03-01"), Ok(d(2024, 3, 1)));
        assert_eq!(parse_date(" 2024-3-1 "), Ok(d(2024, 3, 1)));
        assert_eq!(parse_date("29/12/2023"), Ok(d(2023, 12, 29)));
        assert_eq!(parse_date("7/5/1954"), Ok(d(1954, 5, 7)));
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates_with_reasons() {
        let feb = parse_date("2024-02-31").unwrap_err();
        assert!(feb.contains("only 29 days"), "{feb}");
        assert!(
            parse_date("31/02/2023")
                .unwrap_err()
                .contains("only 28 days")
        );
        assert!(
            parse_date("2024-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(
            parse_date("29/12/23")
                .unwrap_err()
                .contains("ambiguous year")
        );
        assert!(parse_date("hôm qua").unwrap_err().contains("YYYY-MM-DD"));
        assert!(parse_date("24-12-29").is_err());
        assert!(parse_date("2024-1a-01").is_err());
        assert!(parse_date("").is_err());
    }

    #[test]
    fn ordinals_are_year_differences() {
        assert_eq!(ordinal(d(1929, 7, 28), d(2024, 7, 28)), 95);
        assert_eq!(ordinal(d(1954, 10, 10), d(2024, 10, 10)), 70);
        assert_eq!(ordinal(d(1890, 5, 19), d(2024, 5, 19)), 134);
        assert_eq!(ordinal(d(1944, 12, 22), d(2024, 12, 22)), 80);
    }

    #[test]
    fn occurrences_fall_inside_the_period() {
        assert_eq!(
            occurrences_between(7, 28, d(2024, 1, 1), d(2024, 12, 31)),
            vec![d(2024, 7, 28)]
        );
        // A school year 2025–2026 holds 2/9 in 2025 and 3/2 in 2026.
        assert_eq!(
            occurrences_between(9, 2, d(2025, 8, 15), d(2026, 5, 31)),
            vec![d(2025, 9, 2)]
        );
        assert_eq!(
            occurrences_between(2, 3, d(2025, 8, 15), d(2026, 5, 31)),
            vec![d(2026, 2, 3)]
        );
        assert!(occurrences_between(12, 22, d(2024, 1, 1), d(2024, 7, 31)).is_empty());
        // 29 February in a common year falls on the 28th.
        assert_eq!(
            occurrences_between(2, 29, d(2025, 1, 1), d(2025, 12, 31)),
            vec![d(2025, 2, 28)]
        );
        assert_eq!(
            occurrences_between(2, 29, d(2024, 1, 1), d(2024, 12, 31)),
            vec![d(2024, 2, 29)]
        );
    }

    #[test]
    fn countdowns_cross_month_year_and_leap_days() {
        assert_eq!(
            countdown(d(2024, 7, 28), d(2024, 3, 1)),
            Countdown::Upcoming(149)
        );
        assert_eq!(
            countdown(d(2024, 3, 1), d(2024, 2, 28)),
            Countdown::Upcoming(2)
        );
        assert_eq!(
            countdown(d(2023, 3, 1), d(2023, 2, 28)),
            Countdown::Upcoming(1)
        );
        assert_eq!(
            countdown(d(2025, 1, 1), d(2024, 12, 31)),
            Countdown::Upcoming(1)
        );
        assert_eq!(countdown(d(2024, 7, 28), d(2024, 7, 28)), Countdown::Today);
        assert_eq!(
            countdown(d(2024, 2, 3), d(2024, 8, 15)),
            Countdown::Past(194)
        );
    }

    #[test]
    fn phase_state_and_progress() {
        let (start, end) = (d(2024, 1, 1), d(2024, 7, 31));
        assert_eq!(period_days(start, end), 213);
        assert_eq!(
            phase_state(start, end, d(2023, 12, 31)),
            PhaseState::Upcoming
        );
        assert_eq!(phase_state(start, end, start), PhaseState::Active);
        assert_eq!(phase_state(start, end, end), PhaseState::Active);
        assert_eq!(phase_state(start, end, d(2024, 8, 1)), PhaseState::Ended);
        assert_eq!(progress_percent(start, end, d(2023, 6, 1)), 0.0);
        assert_eq!(progress_percent(start, end, d(2024, 8, 15)), 100.0);
        assert_eq!(progress_percent(start, end, end), 100.0);
        // 1 March 2024 is day 61 of 213 (January 31 + February 29 + 1).
        let march = progress_percent(start, end, d(2024, 3, 1));
        assert!((march - 61.0 * 100.0 / 213.0).abs() < 1e-9, "{march}");
    }

    #[test]
    fn month_ticks_cover_the_period() {
        let ticks = month_starts(d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(ticks.len(), 12);
        assert_eq!(ticks[0], d(2024, 1, 1));
        assert_eq!(ticks[11], d(2024, 12, 1));
        let school = month_starts(d(2025, 8, 15), d(2026, 5, 31));
        assert_eq!(school.first(), Some(&d(2025, 9, 1)));
        assert_eq!(school.last(), Some(&d(2026, 5, 1)));
        assert_eq!(
            axis_position(d(2024, 1, 1), d(2024, 1, 1), d(2024, 12, 31)),
            0.0
        );
    }

    #[test]
    fn days_in_month_knows_leap_years() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2024, 12), 31);
    }
}
