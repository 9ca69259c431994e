//! Facts found anywhere in the body: phases, anniversaries, year themes, movements, award
//! titles, the registration e-mail, recipients and the signature; then the campaign's own
//! name and period, which the document implies rather than states.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;

use super::sections::{body_end, roman, roman_heading};
use super::{Anniversary, Extracted, Fact, Phase, Text, Theme, capitalise_first, is_upper};
use crate::import::dates::{self, Start};
use crate::import::lines::{Line, item_number, plain, unbullet};
use crate::text::slugify;
use crate::time::lunar;

static PHASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(đợt|giai\s+đoạn))\s+([0-9IVXl]{1,5})\s*[:.\-)]?\s*(.*)$")
        .expect("valid pattern")
});
static ANNIVERSARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)kỷ\s+niệm\s+(?:lần\s+thứ\s+)?(\d{1,4})\s+(?:năm\s+)?([^;“”()\x22]{3,140}?)\s*\(\s*(\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4})\s*(?:[-–—]\s*(\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*\d{4})\s*)?\)",
    )
    .expect("valid pattern")
});
static TET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Tết\s+Nguyên\s+[đĐ]án\s+(\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+)(?:\s+(\d{4}))?")
        .expect("valid pattern")
});
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"“([^”]{2,200})”|"([^"]{2,200})""#).expect("valid pattern"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
        .expect("valid pattern")
});
static YEAR_THEME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:([^;,.“”]{2,60}?)\s+(?:thực\s+hiện|lấy)\s+)?chủ\s+đề\s*([^;“”:]{0,60}?)\s*:?\s*“([^”]{2,300})”",
    )
    .expect("valid pattern")
});
static ISSUER_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)Ban\s+(?:Thường\s+vụ|Chấp\s+hành)\s+(.{5,80}?)\s+(?:phát\s+động|đề\s+nghị|xây\s+dựng|ban\s+hành|hướng\s+dẫn|thông\s+báo|kêu\s+gọi|yêu\s+cầu)",
    )
    .expect("valid pattern")
});

/// A phase line ("Đợt 1: Từ 01/01/2024 …", "- **Giai đoạn II.** …"): the phase word, its
/// number as written, and the rest of the line.
pub(super) fn phase_line(text: &str) -> Option<(String, String, String)> {
    let text = plain(unbullet(&plain(text)));
    let caps = PHASE.captures(&text)?;
    let word = capitalise_first(&caps.get(1)?.as_str().to_lowercase());
    Some((
        word.split_whitespace().collect::<Vec<_>>().join(" "),
        caps.get(2)?.as_str().to_string(),
        caps.get(3)?.as_str().trim().to_string(),
    ))
}

/// Every quoted name in an item ("phong trào “*Lao động giỏi*”"), emphasis dropped.
pub(super) fn movements(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for caps in QUOTED.captures_iter(text) {
        let quoted = caps.get(1).or(caps.get(2)).map_or("", |m| m.as_str());
        let name = plain(quoted)
            .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
            .to_string();
        if name.chars().count() >= 3 && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

pub(super) fn read_everywhere(lines: &[Line], plan: &mut Extracted) {
    let end = body_end(lines);
    read_phases(&lines[..end], plan);
    read_anniversaries(&lines[..end], plan);
    read_themes(plan);
    read_awards(&lines[..end], plan);
    read_email(lines, plan);
    read_closing_block(&lines[end..], plan);
    read_issuer_fallback(lines, plan);
}

fn read_phases(lines: &[Line], plan: &mut Extracted) {
    let mut index = 0;
    while index < lines.len() {
        let Some((word, token, rest)) = phase_line(&lines[index].text) else {
            index += 1;
            continue;
        };
        let line = &lines[index];
        let mut review = Vec::new();
        let number = if token.bytes().all(|b| b.is_ascii_digit()) {
            token.clone()
        } else {
            let normal: String = token
                .chars()
                .map(|c| if c == '1' || c == 'l' { 'I' } else { c })
                .collect();
            if normal != token {
                review.push(format!(
                    "số đợt “{token}” đọc là {normal} (gõ nhầm số 1 thay chữ I?)"
                ));
            }
            if roman(&normal).is_none() {
                index += 1;
                continue;
            }
            normal
        };
        let name = format!("{word} {number}");
        let (period_text, theme) = split_theme(&rest);
        // The focus: the paragraphs under the phase line, up to the next phase or heading.
        let mut focus_lines: Vec<&Line> = Vec::new();
        let mut next = index + 1;
        while let Some(following) = lines.get(next) {
            if phase_line(&following.text).is_some()
                || roman_heading(&following.text).is_some()
                || item_number(&plain(&following.text)).is_some()
            {
                break;
            }
            focus_lines.push(following);
            next += 1;
        }
        let mut period_text = period_text;
        let mut theme = theme;
        focus_lines.retain(|focus| {
            let lower = plain(&focus.text).to_lowercase();
            if period_text.is_none() && (lower.starts_with("thời gian") || lower.starts_with("từ "))
            {
                let text = plain(&focus.text);
                let text = text
                    .split_once(':')
                    .map_or(text.as_str(), |(_, t)| t)
                    .trim()
                    .to_string();
                period_text = Some(text);
                return false;
            }
            if theme.is_none() && lower.starts_with("chủ đề") {
                theme = split_theme(&plain(&focus.text)).1;
                return false;
            }
            true
        });
        let period = dates::parse_period(period_text.as_deref().unwrap_or(""));
        review.extend(period.notes.iter().cloned());
        if period.start.is_none() {
            review.push("không đọc được ngày bắt đầu".to_string());
        }
        if period.end.is_none() {
            review.push("không đọc được ngày kết thúc".to_string());
        }
        let focus = (!focus_lines.is_empty()).then(|| {
            let text: Vec<&str> = focus_lines.iter().map(|l| unbullet(&l.text)).collect();
            Fact::new(text.join(" "), focus_lines[0].number)
        });
        plan.phases.push(Phase {
            id: slugify(&name),
            name: Fact::new(name, line.number),
            start: period.start,
            end: period.end,
            period_text,
            theme,
            focus,
            review,
        });
        index = next;
    }
    // The same phase named twice (in the schedule and again in a summary) is kept once.
    let mut seen = std::collections::HashSet::new();
    plan.phases.retain(|phase| seen.insert(phase.id.clone()));
}

/// "Từ 01/01/2024 đến 31/7/2024: Với chủ đề: “…”." → the period and the theme.
fn split_theme(rest: &str) -> (Option<String>, Option<String>) {
    let lower = rest.to_lowercase();
    let (period, theme_part) = match lower.find("chủ đề") {
        Some(at) if rest.is_char_boundary(at) => (&rest[..at], Some(&rest[at..])),
        _ => (rest, None),
    };
    let period = period
        .trim()
        .trim_end_matches(|c: char| c == ':' || c == ',' || c == '.' || c.is_whitespace());
    let period = period
        .strip_suffix("Với")
        .or_else(|| period.strip_suffix("với"))
        .unwrap_or(period)
        .trim()
        .trim_end_matches([':', ',', ';', '.'])
        .trim();
    let theme = theme_part.and_then(|part| {
        let quoted = movements(part).into_iter().next();
        quoted.or_else(|| {
            let after = part
                .get("chủ đề".len()..)?
                .trim_start_matches([':', ' '])
                .trim();
            (!after.is_empty()).then(|| plain(after).trim_end_matches('.').to_string())
        })
    });
    ((!period.is_empty()).then(|| period.to_string()), theme)
}

fn parse_slash_date(text: &str) -> Option<NaiveDate> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    dates::date_at(&text).map(|(date, _)| date)
}

/// Years the campaign's phases cover (from their dates).
fn campaign_years(plan: &Extracted) -> Vec<i32> {
    let mut years: Vec<i32> = Vec::new();
    for phase in &plan.phases {
        let start = match phase.start {
            Some(Start::Date(d)) | Some(Start::After(d)) => Some(d),
            _ => None,
        };
        for date in [start, phase.end].into_iter().flatten() {
            if !years.contains(&date.year()) {
                years.push(date.year());
            }
        }
    }
    if years.is_empty()
        && let Some(date) = &plan.date
    {
        years.push(date.value.year() + i32::from(date.value.month() >= 10));
    }
    years
}

fn read_anniversaries(lines: &[Line], plan: &mut Extracted) {
    let years = campaign_years(plan);
    let mut found: Vec<(Anniversary, usize, bool)> = Vec::new();
    for line in lines {
        let in_focus = plan
            .phases
            .iter()
            .any(|p| p.focus.as_ref().is_some_and(|f| f.line == line.number));
        let text = plain(&line.text);
        for caps in ANNIVERSARY.captures_iter(&text) {
            let (Some(whole), Some(ordinal), Some(name), Some(origin)) =
                (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            let Some(origin) = parse_slash_date(origin.as_str()) else {
                continue;
            };
            let Ok(ordinal) = ordinal.as_str().parse::<i32>() else {
                continue;
            };
            let end = caps.get(4).and_then(|m| parse_slash_date(m.as_str()));
            let name = capitalise_first(name.as_str().trim().trim_end_matches(',').trim());
            let (ordinal, review) = check_ordinal(origin, ordinal, end, &years);
            let anniversary = Anniversary {
                id: slugify(&name),
                name,
                origin: Some(origin),
                lunar: None,
                ordinal,
                phase: None,
                wording: whole.as_str().to_string(),
                line: line.number,
                review,
            };
            found.push((anniversary, line.number, in_focus));
        }
        for caps in TET.captures_iter(&text) {
            let (Some(whole), Some(year_name)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let name = format!("Tết Nguyên đán {}", year_name.as_str());
            found.push((
                Anniversary {
                    id: slugify(&name),
                    name,
                    origin: None,
                    lunar: Some("01/01".to_string()),
                    ordinal: None,
                    phase: None,
                    wording: whole.as_str().to_string(),
                    line: line.number,
                    review: None,
                },
                line.number,
                in_focus,
            ));
        }
    }
    // One entry per day: the name written with the most capitals ("Ngày Giải phóng Thủ đô"),
    // the wording a phase's focus uses (else the first).
    let mut merged: Vec<Anniversary> = Vec::new();
    let mut wording_from_focus: Vec<bool> = Vec::new();
    for (anniversary, _, in_focus) in found {
        let same = merged
            .iter()
            .position(|m| m.origin == anniversary.origin && m.lunar == anniversary.lunar);
        match same {
            None => {
                merged.push(anniversary);
                wording_from_focus.push(in_focus);
            }
            Some(at) => {
                let capitals = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
                if capitals(&anniversary.name) > capitals(&merged[at].name) {
                    merged[at].name = anniversary.name.clone();
                    merged[at].id = anniversary.id.clone();
                }
                if in_focus && !wording_from_focus[at] {
                    merged[at].wording = anniversary.wording;
                    merged[at].line = anniversary.line;
                    wording_from_focus[at] = true;
                }
                if merged[at].review.is_none() {
                    merged[at].review = anniversary.review;
                }
            }
        }
    }
    for anniversary in &mut merged {
        anniversary.phase = phase_of(anniversary, plan, &years);
    }
    merged.sort_by_key(|a| occurrence(a, &years));
    plan.anniversaries = merged;
}

/// The stated ordinal against the dates: a year typo is flagged, never trusted.
fn check_ordinal(
    origin: NaiveDate,
    ordinal: i32,
    end: Option<NaiveDate>,
    years: &[i32],
) -> (Option<i32>, Option<String>) {
    let target = origin.year() + ordinal;
    let fits_campaign = years.is_empty() || years.contains(&target);
    match end {
        Some(end) if end.year() == target && fits_campaign => (Some(ordinal), None),
        Some(end) if fits_campaign => (
            Some(ordinal),
            Some(format!(
                "văn bản ghi năm cuối {} nhưng {} năm từ {} là năm {target}: kiểm tra lỗi gõ năm",
                end.year(),
                ordinal,
                origin.year()
            )),
        ),
        None if fits_campaign => (Some(ordinal), None),
        _ => (
            None,
            Some(format!(
                "văn bản ghi “{ordinal} năm” nhưng tính từ năm {} không rơi vào năm thi đua: kiểm tra năm gốc và lần kỷ niệm",
                origin.year()
            )),
        ),
    }
}

/// The date the anniversary falls on within the campaign's years.
fn occurrence(anniversary: &Anniversary, years: &[i32]) -> Option<NaiveDate> {
    let year = *years.first()?;
    match (anniversary.origin, &anniversary.lunar) {
        (Some(origin), _) => years
            .iter()
            .find_map(|y| NaiveDate::from_ymd_opt(*y, origin.month(), origin.day()))
            .or(NaiveDate::from_ymd_opt(year, origin.month(), origin.day())),
        (None, Some(_)) => lunar::to_solar(
            lunar::LunarDate {
                day: 1,
                month: 1,
                year,
                leap: false,
            },
            lunar::VIETNAM,
        ),
        _ => None,
    }
}

/// The phase the anniversary falls in, when exactly one phase with dates holds it.
fn phase_of(anniversary: &Anniversary, plan: &Extracted, years: &[i32]) -> Option<String> {
    let containing: Vec<&Phase> = plan
        .phases
        .iter()
        .filter(|phase| {
            let start = match phase.start {
                Some(Start::Date(d)) => Some(d),
                Some(Start::After(d)) => d.checked_add_signed(Duration::days(1)),
                Some(Start::Document) => plan.date.as_ref().map(|d| d.value),
                _ => None,
            };
            let dates =
                years
                    .iter()
                    .filter_map(|y| match (anniversary.origin, &anniversary.lunar) {
                        (Some(origin), _) => {
                            NaiveDate::from_ymd_opt(*y, origin.month(), origin.day())
                        }
                        (None, Some(_)) => lunar::to_solar(
                            lunar::LunarDate {
                                day: 1,
                                month: 1,
                                year: *y,
                                leap: false,
                            },
                            lunar::VIETNAM,
                        ),
                        _ => None,
                    });
            match (start, phase.end) {
                (Some(start), Some(end)) => dates.into_iter().any(|d| d >= start && d <= end),
                _ => false,
            }
        })
        .collect();
    match containing.as_slice() {
        [one] => Some(one.id.clone()),
        _ => None,
    }
}

/// Year themes in the context: "Năm Tổng LĐLĐ Việt Nam thực hiện chủ đề “…”", "chủ đề
/// Thành phố “…”".
fn read_themes(plan: &mut Extracted) {
    let mut themes = Vec::new();
    for paragraph in plan.context.iter().chain(plan.preamble.iter()) {
        let text = plain(&paragraph.value);
        for caps in YEAR_THEME.captures_iter(&text) {
            let before = caps.get(1).map_or("", |m| m.as_str()).trim();
            let after = caps.get(2).map_or("", |m| m.as_str()).trim();
            let theme = caps.get(3).map_or("", |m| m.as_str()).trim();
            let level = if after.is_empty() { before } else { after };
            let level = level
                .trim_start_matches("và ")
                .trim_start_matches("Năm ")
                .trim_start_matches("năm ")
                .trim();
            if level.is_empty() || theme.is_empty() {
                continue;
            }
            themes.push(Theme {
                level: Fact::new(capitalise_first(level), paragraph.line)
                    .review("cấp đưa ra chủ đề đọc từ câu văn; kiểm tra tên cấp"),
                text: Fact::new(theme.to_string(), paragraph.line),
            });
        }
    }
    plan.themes = themes;
}

/// "… phấn đấu đạt danh hiệu: “Người tốt, việc tốt”, “Công nhân giỏi”, chiến sĩ thi đua cấp
/// cơ sở và các danh hiệu thi đua khác …"
fn read_awards(lines: &[Line], plan: &mut Extracted) {
    for line in lines {
        let text = plain(&line.text);
        let lower = text.to_lowercase();
        let Some(at) = lower
            .find("danh hiệu:")
            .or_else(|| lower.find("danh hiệu thi đua:"))
        else {
            continue;
        };
        let Some(after) = text
            .get(at..)
            .and_then(|t| t.split_once(':'))
            .map(|(_, a)| a)
        else {
            continue;
        };
        for name in award_names(after) {
            if !plan.awards.iter().any(|a| a.value == name) {
                plan.awards.push(Fact::new(name, line.number));
            }
        }
    }
}

fn award_names(list: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = list.trim_start();
    while !rest.is_empty() {
        rest = rest.trim_start_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
        if let Some(stripped) = rest.strip_prefix("và ") {
            rest = stripped.trim_start();
        }
        let (name, next) = if let Some(inner) = rest.strip_prefix('“') {
            match inner.split_once('”') {
                Some((name, next)) => (name.to_string(), next),
                None => break,
            }
        } else if let Some(inner) = rest.strip_prefix('"') {
            match inner.split_once('"') {
                Some((name, next)) => (name.to_string(), next),
                None => break,
            }
        } else {
            let end = [",", ";", ".", " và "]
                .iter()
                .filter_map(|sep| rest.find(sep))
                .min()
                .unwrap_or(rest.len());
            let name = rest[..end].trim();
            let lower = name.to_lowercase();
            if name.is_empty()
                || lower.starts_with("các ")
                || lower.contains("khác")
                || name.split_whitespace().count() > 8
            {
                break;
            }
            (name.to_string(), &rest[end..])
        };
        let name = name.trim().trim_end_matches([',', '.']).trim();
        if !name.is_empty() {
            names.push(capitalise_first(name));
        }
        rest = next;
        if rest.trim_start().starts_with('.') {
            break;
        }
    }
    names
}

fn read_email(lines: &[Line], plan: &mut Extracted) {
    let mut first: Option<Text> = None;
    for line in lines {
        if let Some(found) = EMAIL.find(&line.text) {
            let fact = Fact::new(
                found.as_str().trim_end_matches('.').to_string(),
                line.number,
            );
            if line.text.to_lowercase().contains("đăng ký") {
                plan.registration_email = Some(fact);
                return;
            }
            first.get_or_insert(fact);
        }
    }
    plan.registration_email = first.map(|f| f.review("không rõ đây có phải địa chỉ nhận đăng ký"));
}

/// "Nơi nhận:" with its list, and the signature block.
fn read_closing_block(lines: &[Line], plan: &mut Extracted) {
    let mut index = 0;
    if let Some(first) = lines.first() {
        let text = plain(&first.text);
        if let Some((_, inline)) = text.split_once(':') {
            for item in inline
                .split(" - ")
                .map(|i| unbullet(i.trim()))
                .filter(|i| !i.is_empty())
            {
                plan.recipients
                    .push(Fact::new(item.to_string(), first.number));
            }
        }
        index = 1;
    }
    while let Some(line) = lines.get(index) {
        let trimmed = line.text.trim_start();
        if !(trimmed.starts_with('-') || trimmed.starts_with('+') || trimmed.starts_with('•')) {
            break;
        }
        plan.recipients
            .push(Fact::new(plain(unbullet(trimmed)), line.number));
        index += 1;
    }
    read_signer(&lines[index.min(lines.len())..], plan);
}

fn read_signer(lines: &[Line], plan: &mut Extracted) {
    let on_behalf_at = lines.iter().position(|line| {
        let text = plain(&line.text);
        ["TM.", "T/M", "T.M.", "KT.", "TL.", "TUQ.", "Q."]
            .iter()
            .any(|p| text.starts_with(p))
    });
    let mut next = 0;
    if let Some(at) = on_behalf_at {
        plan.signer.on_behalf = Some(Fact::new(plain(&lines[at].text), lines[at].number));
        next = at + 1;
    }
    if let Some(line) = lines.get(next).filter(|l| is_upper(&plain(&l.text))) {
        plan.signer.title = Some(Fact::new(plain(&line.text), line.number));
        next += 1;
    }
    if plan.signer.on_behalf.is_none() && plan.signer.title.is_none() {
        return;
    }
    let name = lines[next.min(lines.len())..].iter().rev().find(|line| {
        let text = plain(&line.text);
        let words: Vec<&str> = text.split_whitespace().collect();
        (2..=6).contains(&words.len())
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !is_upper(&text)
    });
    if let Some(line) = name {
        plan.signer.name = Some(Fact::new(plain(&line.text), line.number));
    }
}

/// Without an issuer in the header (text pasted without it), the body usually names it:
/// "Ban Thường vụ Liên đoàn Lao động quận … phát động …". An issuer in capitals gets the
/// spelling the body uses for it.
fn read_issuer_fallback(lines: &[Line], plan: &mut Extracted) {
    if plan.issuer.is_none() {
        for line in lines {
            if let Some(org) = ISSUER_IN_TEXT
                .captures(&plain(&line.text))
                .and_then(|c| c.get(1))
            {
                plan.issuer = Some(
                    Fact::new(org.as_str().trim().to_string(), line.number)
                        .review("không thấy tên cơ quan ở đầu văn bản; lấy từ câu văn"),
                );
                return;
            }
        }
        return;
    }
    let Some(issuer) = plan.issuer.as_mut() else {
        return;
    };
    if !is_upper(&issuer.value) {
        return;
    }
    let wanted = issuer.value.to_lowercase();
    for line in lines {
        let text = plain(&line.text);
        let lower = text.to_lowercase();
        if let Some(at) = lower.find(&wanted)
            && let Some(spelled) = text.get(at..at + wanted.len())
            && spelled.to_lowercase() == wanted
            && !is_upper(spelled)
        {
            issuer.value = spelled.to_string();
            return;
        }
    }
}

/// The campaign's name and period: the document implies them (its title, its phases).
pub(super) fn fill_campaign(plan: &mut Extracted) {
    if let Some(title) = &plan.title {
        let lower = title.value.to_lowercase();
        let name = match lower.find("phong trào") {
            Some(at) => title.value.get(at..).map(capitalise_first),
            None => Some(capitalise_first(&title.value)),
        };
        plan.campaign.name = name.map(|n| {
            Fact::new(n, title.line)
                .review("tên ngắn dùng khắp trang, lấy từ trích yếu: rút gọn nếu cần")
        });
    }
    let document_date = plan.date.as_ref().map(|d| d.value);
    let starts = plan.phases.iter().filter_map(|phase| {
        let date = match phase.start? {
            Start::Date(d) => Some(d),
            Start::After(d) => d.checked_add_signed(Duration::days(1)),
            Start::Document => document_date,
            Start::Launch => None,
        };
        date.map(|d| (d, phase.name.line))
    });
    if let Some((start, line)) = starts.min() {
        let all_known = plan
            .phases
            .iter()
            .all(|p| matches!(p.start, Some(Start::Date(_))));
        let fact = Fact::new(start, line);
        plan.campaign.start = Some(if all_known {
            fact
        } else {
            fact.review("có đợt không bắt đầu bằng một ngày cụ thể: kiểm tra ngày bắt đầu")
        });
    }
    if let Some((end, line)) = plan
        .phases
        .iter()
        .filter_map(|p| p.end.map(|e| (e, p.name.line)))
        .max()
    {
        plan.campaign.end = Some(Fact::new(end, line));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn award_lists_stop_at_the_catch_all() {
        assert_eq!(
            award_names(
                r#" "Người tốt, việc tốt", "Công nhân giỏi", chiến sĩ thi đua cấp cơ sở và các danh hiệu thi đua khác theo Luật"#
            ),
            [
                "Người tốt, việc tốt",
                "Công nhân giỏi",
                "Chiến sĩ thi đua cấp cơ sở"
            ]
        );
        assert_eq!(award_names(" “Lao động giỏi”."), ["Lao động giỏi"]);
        assert!(award_names("").is_empty());
    }

    #[test]
    fn phase_lines() {
        let (word, number, rest) =
            phase_line("- **Đợt 1:** Từ 01/01/2024 đến 31/7/2024: Với chủ đề: ***“Đổi mới”***.")
                .unwrap();
        assert_eq!((word.as_str(), number.as_str()), ("Đợt", "1"));
        assert_eq!(
            split_theme(&rest),
            (
                Some("Từ 01/01/2024 đến 31/7/2024".to_string()),
                Some("Đổi mới".to_string())
            )
        );
        assert_eq!(
            phase_line("GIAI ĐOẠN II. Từ nay").map(|p| p.0),
            Some("Giai đoạn".to_string())
        );
        assert_eq!(phase_line("Đợt thi đua cao điểm"), None);
    }

    #[test]
    fn ordinals_are_checked_against_the_dates() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            check_ordinal(day(1929, 7, 28), 95, Some(day(2024, 7, 28)), &[2024]),
            (Some(95), None)
        );
        let (ordinal, review) =
            check_ordinal(day(1929, 7, 28), 95, Some(day(2023, 7, 28)), &[2024]);
        assert_eq!(ordinal, Some(95));
        assert!(review.unwrap().contains("2023"));
        let (ordinal, review) =
            check_ordinal(day(1920, 7, 28), 95, Some(day(2024, 7, 28)), &[2024]);
        assert_eq!(ordinal, None);
        assert!(review.is_some());
    }
}
