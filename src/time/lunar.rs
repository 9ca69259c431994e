//! The Vietnamese lunar calendar (âm lịch), for days such as Tết Nguyên đán (1/1) and Giỗ Tổ
//! Hùng Vương (10/3) whose solar date changes every year.
//!
//! The calendar is lunisolar: a month starts on the day (local time) of a new moon; month 11
//! is the one holding the winter solstice; a year with 13 months repeats the first month
//! after month 11 in which the sun enters no new 30° sector of longitude (a month without a
//! "major solar term"). Vietnam applies these rules at UTC+7, China at UTC+8, so the two
//! calendars differ in some years (Tết 2007 fell on 17/02 in Vietnam and on 18/02 in China).
//!
//! New moons and the sun's longitude are computed with the classic low-precision formulas
//! from Jean Meeus (*Astronomical Algorithms*), as in Hồ Ngọc Đức's published method for the
//! Vietnamese calendar; they are accurate to a few minutes for the years 1900–2100 this tool
//! needs. In the rare month whose new moon falls within minutes of local midnight, calendars
//! computed from finer ephemerides may start that month a day apart.
//! Pure; unit-tested below against dates published in Vietnamese calendars.

use std::f64::consts::PI;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::i18n::Language;

/// Vietnam's offset from UTC in hours, at which the Vietnamese calendar is computed.
pub const VIETNAM: f64 = 7.0;

/// Mean length of a lunation in days.
const SYNODIC_MONTH: f64 = 29.530588853;
/// Julian date of the new moon of 1 January 1900, 13:52 UT: lunation number 0.
const NEW_MOON_1900: f64 = 2415021.076998695;

/// A date in the lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    pub day: u32,
    pub month: u32,
    /// The lunar year, named after the solar year in which it mostly falls (Giáp Thìn = 2024).
    pub year: i32,
    /// True for the repeated (leap) month of a 13-month year, e.g. "tháng 2 nhuận" in 2023.
    pub leap: bool,
}

/// A yearly lunar day without a year, as a plan writes it (`lunar: "10/03"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LunarDay {
    pub day: u32,
    pub month: u32,
}

/// Julian day number of a (proleptic Gregorian) date; chrono counts days from 1 January 1 CE.
fn julian_day(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + 1_721_425
}

fn from_julian_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day - 1_721_425).ok()?)
}

fn sin_degrees(degrees: f64) -> f64 {
    (degrees * PI / 180.0).sin()
}

/// The moment (Julian date, UT) of the `k`-th new moon after the one of 1 January 1900.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85; // Julian centuries since 1900
    let (t2, t3) = (t * t, t * t * t);
    let mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        + 0.00033 * sin_degrees(166.56 + 132.87 * t - 0.009173 * t2);
    // Mean anomalies of the sun and the moon, and the moon's argument of latitude.
    let sun = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let moon = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let correction = (0.1734 - 0.000393 * t) * sin_degrees(sun) + 0.0021 * sin_degrees(2.0 * sun)
        - 0.4068 * sin_degrees(moon)
        + 0.0161 * sin_degrees(2.0 * moon)
        - 0.0004 * sin_degrees(3.0 * moon)
        + 0.0104 * sin_degrees(2.0 * latitude)
        - 0.0051 * sin_degrees(sun + moon)
        - 0.0074 * sin_degrees(sun - moon)
        + 0.0004 * sin_degrees(2.0 * latitude + sun)
        - 0.0004 * sin_degrees(2.0 * latitude - sun)
        - 0.0006 * sin_degrees(2.0 * latitude + moon)
        + 0.0010 * sin_degrees(2.0 * latitude - moon)
        + 0.0005 * sin_degrees(2.0 * moon + sun);
    // Terrestrial minus universal time, in days.
    let delta_t = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    mean + correction - delta_t
}

/// The day (Julian day number, local time) on which the `k`-th new moon falls.
fn new_moon_day(k: i64, timezone: f64) -> i64 {
    (new_moon(k) + 0.5 + timezone / 24.0).floor() as i64
}

/// The sun's apparent ecliptic longitude at a Julian date, in radians, in `[0, 2π)`.
fn sun_longitude(julian_date: f64) -> f64 {
    let t = (julian_date - 2451545.0) / 36525.0; // Julian centuries since J2000
    let t2 = t * t;
    let anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let centre = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin_degrees(anomaly)
        + (0.019993 - 0.000101 * t) * sin_degrees(2.0 * anomaly)
        + 0.000290 * sin_degrees(3.0 * anomaly);
    let longitude = (mean_longitude + centre) * PI / 180.0;
    longitude.rem_euclid(2.0 * PI)
}

/// Which 30° sector (0 = spring equinox … 9 = winter solstice … 11) the sun is in at the
/// start of a local day. A month whose start and next start share a sector holds no major
/// solar term.
fn sun_sector(day: i64, timezone: f64) -> i64 {
    (sun_longitude(day as f64 - 0.5 - timezone / 24.0) / PI * 6.0).floor() as i64
}

/// The lunation number of the month starting on `day` (rounded to the nearest).
fn lunation_of(day: i64) -> i64 {
    ((day as f64 - NEW_MOON_1900) / SYNODIC_MONTH + 0.5).floor() as i64
}

/// The first day of lunar month 11 of `year`, the month that holds the winter solstice.
fn month_11_start(year: i32, timezone: f64) -> Option<i64> {
    let december_31 = julian_day(NaiveDate::from_ymd_opt(year, 12, 31)?);
    let k = ((december_31 - 2_415_021) as f64 / SYNODIC_MONTH).floor() as i64;
    let start = new_moon_day(k, timezone);
    // If the sun has already passed 270° when this month starts, the solstice fell in the
    // month before.
    Some(if sun_sector(start, timezone) >= 9 {
        new_moon_day(k - 1, timezone)
    } else {
        start
    })
}

/// In a 13-month year starting at month 11 on `month_11`, how many months after month 11
/// the leap month is: the first month holding no major solar term.
fn leap_month_offset(month_11: i64, timezone: f64) -> i64 {
    let k = lunation_of(month_11);
    let mut offset = 1;
    let mut sector = sun_sector(new_moon_day(k + 1, timezone), timezone);
    loop {
        let previous = sector;
        offset += 1;
        sector = sun_sector(new_moon_day(k + offset, timezone), timezone);
        if sector == previous || offset >= 14 {
            return offset - 1;
        }
    }
}

/// The years this module is tested for; outside them the formulas drift.
fn supported(year: i32) -> bool {
    (1800..=2199).contains(&year)
}

/// The lunar date of a solar date, computed at `timezone` hours from UTC ([`VIETNAM`] for the
/// Vietnamese calendar). `None` outside the years 1800–2199.
pub fn to_lunar(date: NaiveDate, timezone: f64) -> Option<LunarDate> {
    if !supported(date.year()) {
        return None;
    }
    let day = julian_day(date);
    // The last new moon on or before `day`: start from the mean lunation after it and step
    // back, since the true new moon can be up to about 14 hours from the mean one.
    let mut k = ((day as f64 - NEW_MOON_1900) / SYNODIC_MONTH).floor() as i64 + 1;
    let mut month_start = new_moon_day(k, timezone);
    while month_start > day {
        k -= 1;
        month_start = new_moon_day(k, timezone);
    }
    // The months from the last month 11 to the next one.
    let mut this_11 = month_11_start(date.year(), timezone)?;
    let next_11;
    let mut year = date.year();
    if this_11 >= month_start {
        next_11 = this_11;
        this_11 = month_11_start(date.year() - 1, timezone)?;
    } else {
        year += 1;
        next_11 = month_11_start(date.year() + 1, timezone)?;
    }
    let months_after_11 = ((month_start - this_11) as f64 / 29.0).floor() as i64;
    let mut month = months_after_11 + 11;
    let mut leap = false;
    if next_11 - this_11 > 365 {
        let leap_offset = leap_month_offset(this_11, timezone);
        if months_after_11 >= leap_offset {
            month = months_after_11 + 10;
            leap = months_after_11 == leap_offset;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && months_after_11 < 4 {
        year -= 1;
    }
    Some(LunarDate {
        day: u32::try_from(day - month_start + 1).ok()?,
        month: u32::try_from(month).ok()?,
        year,
        leap,
    })
}

/// The first day and the length (29 or 30 days) of a lunar month; `None` for a leap month
/// the year does not have, or a year outside 1800–2199.
pub fn month_span(year: i32, month: u32, leap: bool, timezone: f64) -> Option<(NaiveDate, u32)> {
    if !supported(year) || !(1..=12).contains(&month) {
        return None;
    }
    let (this_11, next_11) = if month < 11 {
        (
            month_11_start(year - 1, timezone)?,
            month_11_start(year, timezone)?,
        )
    } else {
        (
            month_11_start(year, timezone)?,
            month_11_start(year + 1, timezone)?,
        )
    };
    let k = lunation_of(this_11);
    let mut offset = (i64::from(month) - 11).rem_euclid(12);
    if next_11 - this_11 > 365 {
        let leap_offset = leap_month_offset(this_11, timezone);
        let leap_month = (leap_offset - 2).rem_euclid(12);
        if leap && i64::from(month) != leap_month {
            return None;
        }
        if leap || offset >= leap_offset {
            offset += 1;
        }
    } else if leap {
        return None;
    }
    let start = new_moon_day(k + offset, timezone);
    let length = new_moon_day(k + offset + 1, timezone) - start;
    Some((from_julian_day(start)?, u32::try_from(length).ok()?))
}

/// The solar date of a lunar date; `None` for a day the month does not have (the 30th of a
/// 29-day month), a leap month the year does not have, or a year outside 1800–2199.
pub fn to_solar(lunar: LunarDate, timezone: f64) -> Option<NaiveDate> {
    let (start, length) = month_span(lunar.year, lunar.month, lunar.leap, timezone)?;
    (1..=length)
        .contains(&lunar.day)
        .then(|| start + Duration::days(i64::from(lunar.day) - 1))
}

/// Every solar date in `[start, end]` on which a yearly lunar day falls, with its lunar date,
/// in the Vietnamese calendar. The 30th of a month that has only 29 days that year is kept on
/// the 29th, its last day, as families do for a death anniversary.
pub fn occurrences_between(
    yearly: LunarDay,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<(NaiveDate, LunarDate)> {
    // Lunar year Y runs from late January/February of Y to early the next year.
    (start.year() - 1..=end.year())
        .filter_map(|year| {
            let (month_start, length) = month_span(year, yearly.month, false, VIETNAM)?;
            let day = yearly.day.min(length);
            let date = month_start + Duration::days(i64::from(day) - 1);
            let lunar = LunarDate {
                day,
                month: yearly.month,
                year,
                leap: false,
            };
            Some((date, lunar))
        })
        .filter(|(date, _)| *date >= start && *date <= end)
        .collect()
}

const STEMS: [&str; 10] = [
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];
const BRANCHES: [&str; 12] = [
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
];

/// The sexagenary (can chi) name of a lunar year: 2024 → "Giáp Thìn", 2025 → "Ất Tỵ".
pub fn year_name(year: i32) -> String {
    let stem = (year + 6).rem_euclid(10) as usize;
    let branch = (year + 8).rem_euclid(12) as usize;
    format!("{} {}", STEMS[stem], BRANCHES[branch])
}

/// How a lunar date is said, in Vietnamese: "mùng 1 Tết Giáp Thìn", "mùng 10 tháng 3 năm
/// Giáp Thìn", "rằm tháng Giêng năm Ất Tỵ", "ngày 20 tháng Chạp năm Giáp Thìn". The year
/// keeps its can chi name in every language.
pub fn label(date: LunarDate, language: &Language) -> String {
    let year = year_name(date.year);
    let d = date.day.to_string();
    if date.month == 1 && !date.leap && date.day <= 3 {
        return language.fill("lunar_tet", &[("d", &d), ("year", &year)]);
    }
    let day = match date.day {
        1..=10 => language.fill("lunar_day_early", &[("d", &d)]),
        15 => language.t("lunar_full_moon").to_string(),
        _ => language.fill("lunar_day", &[("d", &d)]),
    };
    const MONTHS: [&str; 12] = [
        "lunar_month_1",
        "lunar_month_2",
        "lunar_month_3",
        "lunar_month_4",
        "lunar_month_5",
        "lunar_month_6",
        "lunar_month_7",
        "lunar_month_8",
        "lunar_month_9",
        "lunar_month_10",
        "lunar_month_11",
        "lunar_month_12",
    ];
    let month = language.t(MONTHS[(date.month.clamp(1, 12) - 1) as usize]);
    let leap = if date.leap {
        language.t("lunar_leap")
    } else {
        ""
    };
    language.fill(
        "lunar_date",
        &[
            ("day", &day),
            ("month", month),
            ("leap", leap),
            ("year", &year),
        ],
    )
}

/// Parses a yearly lunar day as a plan writes it: `DD/MM` in Vietnamese order (`"10/03"` is
/// the 10th day of the 3rd month), or `MM-DD` (`"03-10"`, the same day).
pub fn parse_day(text: &str) -> Result<LunarDay, String> {
    let trimmed = text.trim();
    let (day, month) = if let Some((day, month)) = trimmed.split_once('/') {
        (day, month)
    } else if let Some((month, day)) = trimmed.split_once('-') {
        (day, month)
    } else {
        return Err(format!(
            "`lunar: {text}` is not a lunar day: write it as DD/MM, e.g. \"10/03\" for the 10th day of the 3rd month"
        ));
    };
    let number = |part: &str, what: &str| -> Result<u32, String> {
        part.trim()
            .parse::<u32>()
            .map_err(|_| format!("`lunar: {text}`: “{}” is not a {what} number", part.trim()))
    };
    let (day, month) = (number(day, "day")?, number(month, "month")?);
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`lunar: {text}`: there is no lunar month {month} (months go from 1 to 12)"
        ));
    }
    if !(1..=30).contains(&day) {
        return Err(format!(
            "`lunar: {text}`: a lunar month has at most 30 days, so day {day} does not exist"
        ));
    }
    Ok(LunarDay { day, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn lunar(day: u32, month: u32, year: i32) -> LunarDate {
        LunarDate {
            day,
            month,
            year,
            leap: false,
        }
    }

    /// Tết Nguyên đán (1/1) of `year` in the calendar of `timezone`.
    fn tet(year: i32, timezone: f64) -> NaiveDate {
        to_solar(lunar(1, 1, year), timezone).unwrap()
    }

    #[test]
    fn tet_falls_on_the_published_dates() {
        assert_eq!(tet(2024, VIETNAM), d(2024, 2, 10)); // Giáp Thìn
        assert_eq!(tet(2025, VIETNAM), d(2025, 1, 29)); // Ất Tỵ
        assert_eq!(tet(2026, VIETNAM), d(2026, 2, 17)); // Bính Ngọ
        assert_eq!(tet(2023, VIETNAM), d(2023, 1, 22)); // Quý Mão
        assert_eq!(tet(2000, VIETNAM), d(2000, 2, 5)); // Canh Thìn
    }

    #[test]
    fn vietnam_and_china_differ_where_the_new_moon_is_near_midnight() {
        // Tết Đinh Hợi: the new moon fell at 16:14 UTC on 17 February 2007, 23:14 in Hà Nội
        // but already 00:14 on the 18th in Beijing.
        assert_eq!(tet(2007, VIETNAM), d(2007, 2, 17));
        assert_eq!(tet(2007, 8.0), d(2007, 2, 18));
        // Tết Mậu Thân 1968 (the year after Vietnam moved to UTC+7).
        assert_eq!(tet(1968, VIETNAM), d(1968, 1, 29));
        assert_eq!(tet(1968, 8.0), d(1968, 1, 30));
        // Tết Ất Sửu 1985 came a whole month earlier in Vietnam.
        assert_eq!(tet(1985, VIETNAM), d(1985, 1, 21));
        assert_eq!(tet(1985, 8.0), d(1985, 2, 20));
        // Tết Canh Tuất 2030: the new moon falls at about 23:07 in Hà Nội on 2 February.
        assert_eq!(tet(2030, VIETNAM), d(2030, 2, 2));
        assert_eq!(tet(2030, 8.0), d(2030, 2, 3));
    }

    #[test]
    fn other_lunar_days() {
        // Giỗ Tổ Hùng Vương, 10/3.
        assert_eq!(to_solar(lunar(10, 3, 2024), VIETNAM), Some(d(2024, 4, 18)));
        assert_eq!(to_solar(lunar(10, 3, 2025), VIETNAM), Some(d(2025, 4, 7)));
        // Tết Trung thu, 15/8.
        assert_eq!(to_solar(lunar(15, 8, 2024), VIETNAM), Some(d(2024, 9, 17)));
        // Ông Công ông Táo, 23/12 of Quý Mão, in the solar year 2024.
        assert_eq!(to_solar(lunar(23, 12, 2023), VIETNAM), Some(d(2024, 2, 2)));
    }

    #[test]
    fn solar_to_lunar_names_the_lunar_year_and_leap_months() {
        assert_eq!(to_lunar(d(2024, 2, 10), VIETNAM), Some(lunar(1, 1, 2024)));
        assert_eq!(to_lunar(d(2024, 2, 9), VIETNAM), Some(lunar(30, 12, 2023)));
        assert_eq!(to_lunar(d(2024, 1, 1), VIETNAM), Some(lunar(20, 11, 2023)));
        assert_eq!(to_lunar(d(2024, 4, 18), VIETNAM), Some(lunar(10, 3, 2024)));
        // 2023 (Quý Mão) repeated month 2: the leap month began on 22 March.
        let leap = to_lunar(d(2023, 3, 22), VIETNAM).unwrap();
        assert_eq!(
            leap,
            LunarDate {
                day: 1,
                month: 2,
                year: 2023,
                leap: true
            }
        );
        assert_eq!(to_lunar(d(2023, 4, 20), VIETNAM), Some(lunar(1, 3, 2023)));
        // 2025 (Ất Tỵ) repeats month 6.
        assert_eq!(
            to_lunar(d(2025, 7, 25), VIETNAM).map(|l| (l.month, l.leap)),
            Some((6, true))
        );
    }

    #[test]
    fn leap_months_exist_only_in_their_year() {
        let leap_2 = LunarDate {
            day: 1,
            month: 2,
            year: 2023,
            leap: true,
        };
        assert_eq!(to_solar(leap_2, VIETNAM), Some(d(2023, 3, 22)));
        assert_eq!(to_solar(LunarDate { month: 3, ..leap_2 }, VIETNAM), None);
        assert_eq!(
            to_solar(
                LunarDate {
                    year: 2024,
                    ..leap_2
                },
                VIETNAM
            ),
            None
        );
    }

    #[test]
    fn conversions_round_trip_every_day_for_decades() {
        let mut date = d(1990, 1, 1);
        while date <= d(2060, 12, 31) {
            let lunar = to_lunar(date, VIETNAM).unwrap();
            assert!((1..=30).contains(&lunar.day), "{date}: {lunar:?}");
            assert_eq!(to_solar(lunar, VIETNAM), Some(date), "{date}: {lunar:?}");
            date += Duration::days(1);
        }
    }

    #[test]
    fn a_missing_30th_day_is_refused_or_kept_on_the_29th() {
        // Month 12 of Quý Mão (2023) has 30 days; month 1 of Giáp Thìn has 29.
        assert_eq!(
            month_span(2024, 1, false, VIETNAM),
            Some((d(2024, 2, 10), 29))
        );
        assert_eq!(to_solar(lunar(30, 1, 2024), VIETNAM), None);
        let found = occurrences_between(
            LunarDay { day: 30, month: 1 },
            d(2024, 1, 1),
            d(2024, 12, 31),
        );
        assert_eq!(found, vec![(d(2024, 3, 9), lunar(29, 1, 2024))]);
    }

    #[test]
    fn occurrences_inside_a_period() {
        let tet_day = LunarDay { day: 1, month: 1 };
        assert_eq!(
            occurrences_between(tet_day, d(2024, 1, 1), d(2024, 12, 31)),
            vec![(d(2024, 2, 10), lunar(1, 1, 2024))]
        );
        // A school year holds one Tết.
        assert_eq!(
            occurrences_between(tet_day, d(2025, 8, 15), d(2026, 5, 31)),
            vec![(d(2026, 2, 17), lunar(1, 1, 2026))]
        );
        // 23/12 of the previous lunar year falls in January or February.
        assert_eq!(
            occurrences_between(
                LunarDay { day: 23, month: 12 },
                d(2024, 1, 1),
                d(2024, 12, 31)
            ),
            vec![(d(2024, 2, 2), lunar(23, 12, 2023))]
        );
        assert!(occurrences_between(tet_day, d(2024, 3, 1), d(2024, 12, 31)).is_empty());
    }

    #[test]
    fn year_names_follow_the_sexagenary_cycle() {
        assert_eq!(year_name(2024), "Giáp Thìn");
        assert_eq!(year_name(2025), "Ất Tỵ");
        assert_eq!(year_name(2026), "Bính Ngọ");
        assert_eq!(year_name(2007), "Đinh Hợi");
        assert_eq!(year_name(1968), "Mậu Thân");
        assert_eq!(year_name(1945), "Ất Dậu");
        assert_eq!(year_name(2023), "Quý Mão");
    }

    #[test]
    fn labels_read_as_vietnamese_say_them() {
        let vi = crate::pipeline::theme::embedded_language("vi").unwrap();
        let label = |date| label(date, &vi);
        assert_eq!(label(lunar(1, 1, 2024)), "mùng 1 Tết Giáp Thìn");
        assert_eq!(label(lunar(10, 3, 2024)), "mùng 10 tháng 3 năm Giáp Thìn");
        assert_eq!(label(lunar(15, 1, 2025)), "rằm tháng Giêng năm Ất Tỵ");
        assert_eq!(label(lunar(23, 12, 2023)), "ngày 23 tháng Chạp năm Quý Mão");
        let leap = LunarDate {
            leap: true,
            ..lunar(5, 2, 2023)
        };
        assert_eq!(label(leap), "mùng 5 tháng 2 nhuận năm Quý Mão");
    }

    #[test]
    fn labels_in_english_keep_the_year_name() {
        let en = crate::pipeline::theme::embedded_language("en").unwrap();
        assert_eq!(label(lunar(1, 1, 2024), &en), "day 1 of Tết Giáp Thìn");
        assert_eq!(
            label(lunar(10, 3, 2024), &en),
            "day 10 of the 3rd lunar month, year Giáp Thìn"
        );
        assert_eq!(
            label(lunar(15, 1, 2025), &en),
            "full-moon day of the 1st lunar month, year Ất Tỵ"
        );
        let leap = LunarDate {
            leap: true,
            ..lunar(5, 2, 2023)
        };
        assert_eq!(
            label(leap, &en),
            "day 5 of the 2nd leap lunar month, year Quý Mão"
        );
    }

    #[test]
    fn parses_lunar_days_in_both_written_orders() {
        assert_eq!(parse_day("10/03"), Ok(LunarDay { day: 10, month: 3 }));
        assert_eq!(parse_day("10/3"), Ok(LunarDay { day: 10, month: 3 }));
        assert_eq!(parse_day("03-10"), Ok(LunarDay { day: 10, month: 3 }));
        assert_eq!(parse_day("01-01"), Ok(LunarDay { day: 1, month: 1 }));
        assert!(parse_day("31/01").unwrap_err().contains("at most 30 days"));
        assert!(
            parse_day("01/13")
                .unwrap_err()
                .contains("no lunar month 13")
        );
        assert!(parse_day("rằm").unwrap_err().contains("DD/MM"));
        assert!(parse_day("x/03").unwrap_err().contains("not a day number"));
    }
}
