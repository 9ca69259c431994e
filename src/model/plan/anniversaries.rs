//! Resolving anniversaries: the day each falls on within the campaign (solar or lunar), its
//! ordinal, and the checks against the plan's own wording.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::raw::*;
use super::*;
use crate::time::lunar;

pub(super) fn resolve_anniversaries(
    raw: Vec<RawAnniversary>,
    campaign: &Campaign,
    phases: &[Phase],
    path: &Path,
    source: &str,
    report: &mut impl FnMut(Diagnostic),
) -> Vec<Anniversary> {
    let mut anniversaries = Vec::with_capacity(raw.len());
    for anniversary in raw {
        let line = line_of(source, &format!("name: \"{}\"", anniversary.name))
            .or_else(|| line_of(source, &anniversary.name));
        let fail = |message: String| Diagnostic::error(path, message).at(line, None);
        let parsed = match (&anniversary.origin, &anniversary.day, &anniversary.lunar) {
            (Some(origin), None, None) => Ok(Yearly::Solar(origin.0.month(), origin.0.day())),
            (None, Some(day), None) => {
                parse_day_month(day).map(|(month, day)| Yearly::Solar(month, day))
            }
            (None, None, Some(lunar)) => lunar::parse_day(lunar).map(Yearly::Lunar),
            (None, None, None) => {
                report(
                    fail(format!("anniversary “{}” has no date", anniversary.name)).with_hint(
                        "add `origin: YYYY-MM-DD` (e.g. 1929-07-28), `day: DD/MM` (e.g. 30/04) or `lunar: DD/MM` (e.g. 10/03)",
                    ),
                );
                continue;
            }
            _ => {
                report(
                    fail(format!("anniversary “{}” has more than one of `origin`, `day` and `lunar`", anniversary.name))
                        .with_hint("use `origin: YYYY-MM-DD` when the year is known, `day: DD/MM` for a yearly day, `lunar: DD/MM` for a lunar day"),
                );
                continue;
            }
        };
        let yearly = match parsed {
            Ok(yearly) => yearly,
            Err(message) => {
                report(fail(format!(
                    "anniversary “{}”: {message}",
                    anniversary.name
                )));
                continue;
            }
        };
        if anniversary.origin_year.is_some() && !matches!(yearly, Yearly::Lunar(_)) {
            report(
                fail(format!(
                    "anniversary “{}”: `origin_year` is only for lunar days",
                    anniversary.name
                ))
                .with_hint("for a solar date write the whole original date: `origin: YYYY-MM-DD`"),
            );
            continue;
        }
        let (start, end) = (campaign.start.0, campaign.end.0);
        let (date, lunar_date) = match yearly {
            Yearly::Solar(month, day) => (
                calendar::occurrences_between(month, day, start, end)
                    .first()
                    .copied(),
                None,
            ),
            Yearly::Lunar(lunar_day) => lunar::occurrences_between(lunar_day, start, end)
                .first()
                .map_or((None, None), |(date, lunar)| (Some(*date), Some(*lunar))),
        };
        let origin_year = anniversary
            .origin
            .map(|o| o.0.year())
            .or(anniversary.origin_year);
        let ordinal = match (
            anniversary.origin,
            anniversary.origin_year,
            date,
            lunar_date,
        ) {
            (Some(origin), _, Some(date), _) => Some(calendar::ordinal(origin.0, date)),
            (None, Some(year), _, Some(lunar)) => Some(lunar.year - year),
            _ => None,
        };
        let (month, day) = match (yearly, date) {
            (Yearly::Solar(month, day), _) => (month, day),
            (Yearly::Lunar(_), Some(date)) => (date.month(), date.day()),
            (Yearly::Lunar(lunar), None) => (lunar.month, lunar.day),
        };
        if date.is_none() {
            let written = match yearly {
                Yearly::Solar(month, day) => format!("{day:02}/{month:02}"),
                Yearly::Lunar(lunar) => format!("{:02}/{:02} âm lịch", lunar.day, lunar.month),
            };
            report(
                Diagnostic::warning(
                    path,
                    format!(
                        "anniversary “{}” ({written}) does not fall within the campaign period",
                        anniversary.name
                    ),
                )
                .at(line, None),
            );
        }
        if let Some(stated) = anniversary.ordinal {
            match (origin_year, ordinal) {
                (None, _) => {
                    report(
                        fail(format!(
                            "anniversary “{}” states ordinal {stated} but has no `origin` year to check it against",
                            anniversary.name
                        ))
                        .with_hint("give `origin: YYYY-MM-DD` (or `origin_year` for a lunar day), or remove `ordinal`"),
                    );
                    continue;
                }
                (Some(origin_year), Some(computed)) if computed != stated => {
                    report(
                        fail(format!(
                            "anniversary “{}”: the plan says {stated} năm, but {} to {} is the {computed}th anniversary",
                            anniversary.name,
                            origin_year,
                            origin_year + computed
                        ))
                        .with_hint(format!("correct `ordinal` to {computed} or fix `origin`")),
                    );
                    continue;
                }
                _ => {}
            }
        }
        if let Some(phase_id) = &anniversary.phase {
            match phases.iter().find(|phase| &phase.id == phase_id) {
                None => {
                    let known: Vec<&str> = phases.iter().map(|p| p.id.as_str()).collect();
                    report(
                        fail(format!(
                            "anniversary “{}” names unknown phase `{phase_id}`",
                            anniversary.name
                        ))
                        .with_hint(format!("known phases: {}", known.join(", "))),
                    );
                    continue;
                }
                Some(phase) => {
                    if let Some(date) = date
                        && (date < phase.start.0 || date > phase.end.0)
                    {
                        report(
                            Diagnostic::warning(
                                path,
                                format!(
                                    "anniversary “{}” ({}) is listed under phase “{}”, but falls outside it",
                                    anniversary.name,
                                    text::date_short(date),
                                    phase.name
                                ),
                            )
                            .at(line, None),
                        );
                    }
                }
            }
        }
        let title = match ordinal {
            Some(n) => format!("Kỷ niệm {n} năm {}", anniversary.name),
            None => anniversary.name.clone(),
        };
        anniversaries.push(Anniversary {
            id: anniversary
                .id
                .unwrap_or_else(|| text::slugify(&anniversary.name)),
            name: anniversary.name,
            origin: anniversary.origin,
            month,
            day,
            lunar: match yearly {
                Yearly::Lunar(lunar) => Some(lunar),
                Yearly::Solar(..) => None,
            },
            lunar_date,
            date: date.map(Date),
            ordinal,
            title,
            phase: anniversary.phase,
            plan_wording: anniversary.plan_wording,
        });
    }
    anniversaries.sort_by_key(|a| (a.date.is_none(), a.date, a.month, a.day));
    anniversaries
}

/// How an anniversary recurs: on a solar month and day, or on a lunar day.
#[derive(Clone, Copy)]
enum Yearly {
    Solar(u32, u32),
    Lunar(LunarDay),
}

/// "30/04" or "30/4" → (4, 30).
fn parse_day_month(text: &str) -> Result<(u32, u32), String> {
    let (day, month) = text
        .trim()
        .split_once('/')
        .ok_or_else(|| format!("`day: {text}` is not a day: write it as DD/MM, e.g. 30/04"))?;
    let day: u32 = day
        .trim()
        .parse()
        .map_err(|_| format!("`day: {text}`: “{day}” is not a number"))?;
    let month: u32 = month
        .trim()
        .parse()
        .map_err(|_| format!("`day: {text}`: “{month}” is not a month number"))?;
    // 2024 is a leap year, so 29/02 is accepted as a yearly day.
    if !(1..=12).contains(&month) || NaiveDate::from_ymd_opt(2024, month, day).is_none() {
        return Err(format!("`day: {text}` does not exist in the calendar"));
    }
    Ok((month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_month_parsing() {
        assert_eq!(parse_day_month("30/04"), Ok((4, 30)));
        assert_eq!(parse_day_month("1/5"), Ok((5, 1)));
        assert_eq!(parse_day_month("29/02"), Ok((2, 29)));
        assert!(parse_day_month("31/04").is_err());
        assert!(parse_day_month("30-04").is_err());
        assert!(parse_day_month("x/04").is_err());
    }
}
