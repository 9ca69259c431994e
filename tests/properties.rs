//! Properties of the date math, checked on many generated dates (proptest): anniversary
//! ordinals, countdowns, phase progress and date parsing.

use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

use thidua::time::calendar::{
    Countdown, PhaseState, countdown, occurrences_between, ordinal, parse_date, phase_state,
    progress_percent, yearly_date,
};

/// Any date from year 1000 to 9999 (the years `parse_date` accepts).
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1000, 1, 1)
        .unwrap()
        .num_days_from_ce();
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .unwrap()
        .num_days_from_ce();
    (first..=last).prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// A period of up to three years starting on any date, and a day up to a year around it.
fn period_and_day() -> impl Strategy<Value = (NaiveDate, NaiveDate, NaiveDate)> {
    (date(), 0i64..1100, -400i64..1500).prop_filter_map(
        "stays within year 9999",
        |(start, length, offset)| {
            let end = start.checked_add_signed(Duration::days(length))?;
            let day = start.checked_add_signed(Duration::days(offset))?;
            (end.year() <= 9999 && day.year() <= 9999).then_some((start, end, day))
        },
    )
}

proptest! {
    #[test]
    fn the_ordinal_of_an_anniversary_is_the_year_difference(origin in date(), years in 0i32..300) {
        prop_assume!(origin.year() + years <= 9999);
        let occurrence = yearly_date(origin.year() + years, origin.month(), origin.day()).unwrap();
        prop_assert_eq!(ordinal(origin, occurrence), years);
        prop_assert_eq!(occurrence.month(), origin.month());
        // Only 29 February moves, to the 28th of a common year.
        if origin.month() != 2 || origin.day() != 29 {
            prop_assert_eq!(occurrence.day(), origin.day());
        } else {
            prop_assert!(occurrence.day() == 29 || occurrence.day() == 28);
        }
    }

    #[test]
    fn every_occurrence_in_a_period_is_in_it_and_a_year_apart(
        (start, end, _) in period_and_day(),
        origin in date(),
    ) {
        let found = occurrences_between(origin.month(), origin.day(), start, end);
        for occurrence in &found {
            prop_assert!(start <= *occurrence && *occurrence <= end);
            prop_assert_eq!(ordinal(origin, *occurrence), occurrence.year() - origin.year());
        }
        for pair in found.windows(2) {
            prop_assert_eq!(pair[1].year() - pair[0].year(), 1);
        }
        // A period of at least a year holds every yearly day at least once.
        if end - start >= Duration::days(365) {
            prop_assert!(!found.is_empty());
        }
    }

    #[test]
    fn a_countdown_is_positive_before_the_day_today_on_it_and_past_after(
        target in date(),
        offset in -4000i64..4000,
    ) {
        let Some(today) = target.checked_add_signed(Duration::days(offset)) else {
            return Ok(());
        };
        match countdown(target, today) {
            Countdown::Upcoming(days) => {
                prop_assert!(today < target);
                prop_assert!(days > 0);
                prop_assert_eq!(today + Duration::days(days), target);
            }
            Countdown::Today => prop_assert_eq!(today, target),
            Countdown::Past(days) => {
                prop_assert!(today > target);
                prop_assert!(days > 0);
                prop_assert_eq!(target + Duration::days(days), today);
            }
        }
    }

    #[test]
    fn progress_is_0_before_100_after_and_within_0_100_during((start, end, day) in period_and_day()) {
        let percent = progress_percent(start, end, day);
        match phase_state(start, end, day) {
            PhaseState::Upcoming => {
                prop_assert!(day < start);
                prop_assert_eq!(percent, 0.0);
            }
            PhaseState::Ended => {
                prop_assert!(day > end);
                prop_assert_eq!(percent, 100.0);
            }
            PhaseState::Active => {
                prop_assert!(start <= day && day <= end);
                prop_assert!(percent > 0.0 && percent <= 100.0, "{}", percent);
            }
        }
        if day == end {
            prop_assert_eq!(percent, 100.0);
        }
    }

    #[test]
    fn progress_never_goes_back((start, end, day) in period_and_day(), step in 0i64..400) {
        let Some(later) = day.checked_add_signed(Duration::days(step)) else {
            return Ok(());
        };
        prop_assert!(progress_percent(start, end, day) <= progress_percent(start, end, later));
    }

    #[test]
    fn dates_parse_back_in_both_spellings(day in date()) {
        prop_assert_eq!(parse_date(&day.format("%Y-%m-%d").to_string()), Ok(day));
        prop_assert_eq!(parse_date(&day.format("%d/%m/%Y").to_string()), Ok(day));
        prop_assert_eq!(parse_date(&day.format("%-d/%-m/%Y").to_string()), Ok(day));
    }

    #[test]
    fn any_text_is_parsed_or_refused_with_a_reason(text in "\\PC{0,24}|[0-9/-]{0,14}") {
        match parse_date(&text) {
            Ok(day) => prop_assert!((1000..=9999).contains(&day.year())),
            Err(reason) => prop_assert!(reason.contains(text.trim())),
        }
    }
}
