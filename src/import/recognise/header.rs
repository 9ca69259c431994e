//! The document's header: issuing body (and its parent), Quốc hiệu, number, place and date,
//! the kind and the title, whether the two header columns were kept apart or flattened into
//! one line.

use std::sync::LazyLock;

use regex::Regex;

use super::{Extracted, Fact, capitalise_first, is_upper};
use crate::import::dates;
use crate::import::lines::{Line, plain};

/// Document kinds written as a line of capitals above the title.
const KINDS: &[&str] = &[
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
    "THÔNG BÁO",
    "LỜI KÊU GỌI",
    "CHƯƠNG TRÌNH",
    "CÔNG VĂN",
    "QUYẾT ĐỊNH",
    "THƯ KÊU GỌI",
    "PHÁT ĐỘNG",
];

/// The kind a number's symbol stands for ("46/KH-LĐLĐ" → Kế hoạch).
const SYMBOLS: &[(&str, &str)] = &[
    ("KH", "Kế hoạch"),
    ("CV", "Công văn"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("CTr", "Chương trình"),
    ("QĐ", "Quyết định"),
];

static QUOC_HIEU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)CỘNG\s+HO[ÀÒ]A\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM").expect("valid pattern")
});
static MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc").expect("valid pattern")
});
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)Số\s*:?\s*([0-9/][^\s,;]*)").expect("valid pattern"));
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)([^\n,]*?)\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
        .expect("valid pattern")
});
static ORG_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"LIÊN ĐOÀN|CÔNG ĐOÀN|LĐLĐ|BAN |ỦY BAN|UỶ BAN|TRƯỜNG|HỘI ĐỒNG|SỞ |PHÒNG ")
        .expect("valid pattern")
});

/// Reads the header into `plan`; returns the index of the first line after the title.
pub(super) fn read(lines: &[Line], plan: &mut Extracted) -> usize {
    let window = lines.len().min(20);
    let kind_at = lines[..window]
        .iter()
        .position(|line| kind_of(&line.text).is_some());
    let vv_at = lines[..window]
        .iter()
        .position(|line| plain(&line.text).to_lowercase().starts_with("v/v"));
    let basis_at = lines[..window].iter().position(|line| {
        let lower = plain(&line.text).to_lowercase();
        lower.starts_with("căn cứ")
            || lower.starts_with("thực hiện")
            || lower.starts_with("kính gửi")
    });
    let header_end = kind_at.or(vv_at).or(basis_at).unwrap_or(0);
    read_columns(&lines[..header_end], plan);

    let mut next = header_end;
    if let Some(at) = kind_at {
        let text = plain(&lines[at].text);
        let kind = kind_of(&text).unwrap_or_default();
        plan.kind = Some(Fact::new(
            capitalise_first(&kind.to_lowercase()),
            lines[at].number,
        ));
        let rest = text[kind.len()..]
            .trim()
            .trim_start_matches([':', '-'])
            .trim();
        if !rest.is_empty() {
            plan.title = Some(Fact::new(rest.to_string(), lines[at].number));
            next = at + 1;
        } else if let Some(title) = lines.get(at + 1) {
            plan.title = Some(Fact::new(title_text(&title.text), title.number));
            next = at + 2;
        }
    } else if let Some(at) = vv_at {
        let text = plain(&lines[at].text);
        let title = text[3..].trim_start_matches([':', ' ', '.']).trim();
        plan.title = Some(Fact::new(capitalise_first(title), lines[at].number));
        next = at + 1;
    }
    // The "V/v" line of a Công văn, when a kind line was also found, is not the body.
    if kind_at.is_some() && vv_at.is_some_and(|at| at >= next) {
        next = vv_at.map_or(next, |at| at + 1);
    }
    if plan.kind.is_none() {
        let symbol_kind = plan
            .number
            .as_ref()
            .and_then(|number| kind_from_symbol(&number.value));
        plan.kind = match (symbol_kind, vv_at) {
            (Some(kind), _) => Some(
                Fact::new(kind.to_string(), plan.number.as_ref().map_or(1, |n| n.line))
                    .review("loại văn bản suy ra từ ký hiệu số"),
            ),
            (None, Some(at)) => Some(
                Fact::new("Công văn".to_string(), lines[at].number)
                    .review("loại văn bản suy ra từ dòng “V/v”"),
            ),
            (None, None) => None,
        };
    }
    next
}

/// The kind a line names, if it is a kind line ("KẾ HOẠCH", "KẾ HOẠCH Phát động …").
fn kind_of(text: &str) -> Option<String> {
    let text = plain(text);
    let upper = text.trim().trim_end_matches(['.', ':']);
    KINDS.iter().find_map(|kind| {
        let rest = upper.strip_prefix(kind)?;
        (rest.is_empty()
            || (rest.starts_with(' ')
                && upper.len() < 400
                && !is_upper(&rest.chars().take(12).collect::<String>())))
        .then(|| kind.to_string())
    })
}

fn title_text(text: &str) -> String {
    let text = plain(text);
    let text = text
        .trim_start_matches(['(', '"', '“'])
        .trim_end_matches([')', '"', '”']);
    capitalise_first(text.trim())
}

fn kind_from_symbol(number: &str) -> Option<&'static str> {
    let symbol = number.split('/').nth(1)?;
    let head = symbol.split('-').next()?;
    SYMBOLS
        .iter()
        .find(|(code, _)| head.eq_ignore_ascii_case(code))
        .map(|(_, kind)| *kind)
}

/// The header columns, in whatever order the reader produced them: each marker (Quốc hiệu,
/// motto, number, place and date) is cut out, and what is left in capitals are the issuers.
fn read_columns(lines: &[Line], plan: &mut Extracted) {
    let mut issuers: Vec<(String, usize)> = Vec::new();
    for line in lines {
        let text = plain(&line.text);
        let text = QUOC_HIEU.replace_all(&text, "\n");
        let text = MOTTO.replace_all(&text, "\n").into_owned();
        let mut text = dates::normalise_dashes(&text);
        if let Some(caps) = NUMBER.captures(&text)
            && let Some(found) = caps.get(1)
        {
            let number = found.as_str().trim_end_matches(['.', ':']).to_string();
            let fact = Fact::new(number.clone(), line.number);
            plan.number = Some(if number.starts_with('/') {
                fact.review("số văn bản chưa điền (chỉ có ký hiệu)")
            } else {
                fact
            });
            let range = caps.get(0).map_or(0..0, |m| m.range());
            text.replace_range(range, "\n");
        }
        if let Some(caps) = PLACE_DATE.captures(&text) {
            let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let date = match (number(2), number(3), number(4)) {
                (Some(d), Some(m), Some(y)) => chrono::NaiveDate::from_ymd_opt(y as i32, m, d),
                _ => None,
            };
            match date {
                Some(date) => plan.date = Some(Fact::new(date, line.number)),
                None => {
                    plan.date = None;
                }
            }
            let place = caps.get(1).map_or("", |m| m.as_str()).trim();
            if !place.is_empty() {
                plan.place = Some(Fact::new(place.to_string(), line.number));
            }
            let range = caps.get(0).map_or(0..0, |m| m.range());
            text.replace_range(range, "\n");
        }
        for fragment in text.split('\n') {
            let fragment = fragment
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .trim();
            if fragment.chars().filter(|c| c.is_alphabetic()).count() < 3 || !is_upper(fragment) {
                continue;
            }
            issuers.extend(
                split_orgs(fragment)
                    .into_iter()
                    .map(|org| (org, line.number)),
            );
        }
    }
    let flattened = lines.len() == 1 && issuers.len() > 1;
    let mut issuers = issuers.into_iter().rev();
    if let Some((issuer, line)) = issuers.next() {
        let fact = Fact::new(issuer, line);
        plan.issuer = Some(if flattened {
            fact.review("đầu văn bản bị dồn thành một dòng; kiểm tra tên cơ quan ban hành")
        } else {
            fact
        });
    }
    if let Some((parent, line)) = issuers.next() {
        plan.parent_issuer = Some(Fact::new(parent, line));
    }
}

/// Two issuing bodies run together in one fragment ("LĐLĐ THÀNH PHỐ HÀ NỘI LIÊN ĐOÀN LAO
/// ĐỘNG QUẬN LONG BIÊN") are cut where the second one's name begins.
fn split_orgs(fragment: &str) -> Vec<String> {
    let starts: Vec<usize> = ORG_START.find_iter(fragment).map(|m| m.start()).collect();
    match starts.as_slice() {
        [first, .., last] if *first == 0 && *last > 0 => vec![
            fragment[..*last].trim().to_string(),
            fragment[*last..].trim().to_string(),
        ],
        _ => vec![fragment.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_run_together_are_cut_apart() {
        assert_eq!(
            split_orgs("LĐLĐ THÀNH PHỐ HÀ NỘI LIÊN ĐOÀN LAO ĐỘNG QUẬN LONG BIÊN"),
            ["LĐLĐ THÀNH PHỐ HÀ NỘI", "LIÊN ĐOÀN LAO ĐỘNG QUẬN LONG BIÊN"]
        );
        assert_eq!(split_orgs("CÔNG ĐOÀN VIÊN CHỨC"), ["CÔNG ĐOÀN VIÊN CHỨC"]);
    }

    #[test]
    fn kinds_and_symbols() {
        assert_eq!(kind_of("KẾ HOẠCH").as_deref(), Some("KẾ HOẠCH"));
        assert_eq!(kind_of("**HƯỚNG DẪN**").as_deref(), Some("HƯỚNG DẪN"));
        assert_eq!(kind_of("Kế hoạch số 12"), None);
        assert_eq!(kind_from_symbol("08/CV-CĐVP"), Some("Công văn"));
        assert_eq!(kind_from_symbol("46/KH-LĐLĐ"), Some("Kế hoạch"));
        assert_eq!(kind_from_symbol("46"), None);
    }
}
