//! `campaign.ics` (iCalendar, RFC 5545): the phases as all-day multi-day events, every
//! anniversary, and the units' launch dates. UIDs are stable across builds, so re-importing
//! the file updates events instead of duplicating them. Strings in, strings out.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Language;
use crate::model::audience::Audience;
use crate::model::config::Config;
use crate::model::plan::Plan;
use crate::model::registration::Registration;
use crate::pipeline::views::urls;
use crate::text;

pub const CALENDAR: &str = "campaign.ics";

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn date_value(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

struct Event {
    uid: String,
    start: NaiveDate,
    /// Last day, inclusive (written as the exclusive DTEND the standard wants).
    end: NaiveDate,
    summary: String,
    description: Option<String>,
    location: Option<String>,
    contact: Option<String>,
    url: String,
}

pub fn calendar(
    config: &Config,
    plan: &Plan,
    registrations: &[Registration],
    language: &Language,
) -> String {
    let campaign = text::slugify(&plan.campaign.name);
    let uid = |kind: &str, id: &str| format!("{kind}-{id}@{campaign}.thidua");
    let mut events = Vec::new();
    for phase in &plan.phases {
        events.push(Event {
            uid: uid("phase", &phase.id),
            start: phase.start.0,
            end: phase.end.0,
            summary: format!("{}: {}", phase.name, plan.campaign.name),
            description: phase.theme.as_ref().map(|t| {
                format!(
                    "{}{}",
                    language.t("phase_theme"),
                    crate::markup::markdown::plain(&t.0)
                )
            }),
            location: None,
            contact: None,
            url: format!("{}{}#{}", config.base_url, urls::TIMELINE, phase.id),
        });
    }
    for anniversary in &plan.anniversaries {
        let Some(date) = anniversary.date else {
            continue;
        };
        events.push(Event {
            uid: uid("anniversary", &anniversary.id),
            start: date.0,
            end: date.0,
            summary: anniversary.title_in(language),
            description: anniversary
                .origin
                .map(|o| {
                    format!(
                        "{} – {}",
                        language.date_short(o.0),
                        language.date_short(date.0)
                    )
                })
                .or_else(|| anniversary.lunar_label_in(language)),
            location: None,
            contact: None,
            url: format!(
                "{}{}#{}",
                config.base_url,
                urls::ANNIVERSARIES,
                anniversary.id
            ),
        });
    }
    for registration in registrations {
        events.push(Event {
            uid: uid("launch", &registration.unit_slug),
            start: registration.launch_date.0,
            end: registration.launch_date.0,
            summary: language.fill("ics_registration", &[("unit", &registration.unit)]),
            description: registration.sector.clone(),
            location: registration.place.clone(),
            contact: registration
                .contact
                .clone()
                .filter(|_| config.audience == Audience::Internal),
            url: format!("{}{}", config.base_url, urls::REGISTRATIONS),
        });
    }

    let stamp = format!("{}T000000Z", date_value(plan.document.date.0));
    let mut ics = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//thidua//campaign calendar//VI".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(&plan.campaign.name)),
        format!("X-WR-TIMEZONE:{}", config.timezone.name()),
    ] {
        ics.push_str(&fold(&line));
    }
    for event in events {
        let mut lines = vec![
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", event.uid),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", date_value(event.start)),
            format!(
                "DTEND;VALUE=DATE:{}",
                date_value(event.end.succ_opt().unwrap_or(event.end))
            ),
            format!("SUMMARY:{}", escape(&event.summary)),
        ];
        if let Some(description) = event.description {
            lines.push(format!("DESCRIPTION:{}", escape(&description)));
        }
        if let Some(location) = event.location {
            lines.push(format!("LOCATION:{}", escape(&location)));
        }
        if let Some(contact) = event.contact {
            lines.push(format!("CONTACT:{}", escape(&contact)));
        }
        lines.push(format!("URL:{}", event.url));
        lines.push("TRANSP:TRANSPARENT".to_string());
        lines.push("END:VEVENT".to_string());
        for line in lines {
            ics.push_str(&fold(&line));
        }
    }
    ics.push_str(&fold("END:VCALENDAR"));
    ics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape("Người tốt, việc tốt; a\\b\nc"),
            "Người tốt\\, việc tốt\\; a\\\\b\\nc"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "Kỷ niệm ".repeat(20));
        let folded = fold(&line);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end_matches("\r\n"), line);
    }
}
