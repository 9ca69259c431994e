//! The body's parts: what comes before section I (basis, context, preamble) and the sections
//! I–IV, told apart by their headings' words, with their numbered items.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    Extracted, Fact, Implementation, Item, ItemList, Purpose, Schedule, Sector, Sectors, Text,
    body, capitalise_first, is_upper,
};
use crate::import::lines::{Line, item_number, plain, unbullet};
use crate::text::slugify;

pub(super) struct Section<'a> {
    pub heading: &'a Line,
    pub title: String,
    pub lines: &'a [Line],
}

pub(super) struct Split<'a> {
    pub front: &'a [Line],
    pub list: Vec<Section<'a>>,
}

static ROMAN_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:PHẦN\s+)?([IVXl1]{1,5})\s*[.:)\-]\s*(.+)$").expect("valid pattern")
});

/// A section heading ("I. MỤC ĐÍCH, YÊU CẦU", "1I. NỘI DUNG" with a digit typed for an I):
/// its number and title.
pub(super) fn roman_heading(text: &str) -> Option<(u32, String)> {
    let text = plain(text);
    let caps = ROMAN_HEADING.captures(&text)?;
    let title = caps
        .get(2)?
        .as_str()
        .trim()
        .trim_end_matches([':', '.'])
        .to_string();
    if !is_upper(&title) {
        return None;
    }
    Some((roman(caps.get(1)?.as_str())?, title))
}

/// I, II, IV … with `1` or `l` typed for `I`; "1" alone (an Arabic one) counts too.
pub(super) fn roman(token: &str) -> Option<u32> {
    let token: String = token
        .chars()
        .map(|c| if c == '1' || c == 'l' { 'I' } else { c })
        .collect();
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let digits: Option<Vec<u32>> = token.chars().map(value).collect();
    let digits = digits?;
    let mut total = 0;
    for (i, digit) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > digit) {
            total -= *digit as i64;
        } else {
            total += *digit as i64;
        }
    }
    u32::try_from(total).ok().filter(|n| (1..=39).contains(n))
}

/// The end of the body: "Nơi nhận:" or the signature.
pub(super) fn body_end(lines: &[Line]) -> usize {
    lines
        .iter()
        .position(|line| {
            let lower = plain(&line.text).to_lowercase();
            lower.starts_with("nơi nhận")
        })
        .unwrap_or(lines.len())
}

pub(super) fn split(lines: &[Line]) -> Split<'_> {
    let lines = &lines[..body_end(lines)];
    let starts: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| roman_heading(&line.text).map(|(_, title)| (i, title)))
        .collect();
    let front_end = starts.first().map_or(lines.len(), |(i, _)| *i);
    let list = starts
        .iter()
        .enumerate()
        .map(|(n, (i, title))| {
            let end = starts.get(n + 1).map_or(lines.len(), |(j, _)| *j);
            Section {
                heading: &lines[*i],
                title: title.clone(),
                lines: &lines[i + 1..end],
            }
        })
        .collect();
    Split {
        front: &lines[..front_end],
        list,
    }
}

/// Basis ("Căn cứ …", "Thực hiện …"), context paragraphs and the preamble (the last
/// paragraph before section I when it ends in a colon).
pub(super) fn read_front(lines: &[Line], plan: &mut Extracted) {
    let mut basis: Vec<&Line> = Vec::new();
    let mut context: Vec<Text> = Vec::new();
    for line in lines {
        let text = plain(&line.text);
        let lower = text.to_lowercase();
        if lower.starts_with("kính gửi") || body::phase_line(&line.text).is_some() {
            continue;
        }
        if (lower.starts_with("căn cứ") || lower.starts_with("thực hiện")) && context.is_empty()
        {
            basis.push(line);
        } else {
            context.push(Fact::new(line.text.clone(), line.number));
        }
    }
    if let Some(first) = basis.first() {
        let text: Vec<&str> = basis.iter().map(|l| l.text.as_str()).collect();
        plan.basis = Some(Fact::new(text.join(" "), first.number));
    }
    if context
        .last()
        .is_some_and(|last| last.value.trim_end().ends_with(':'))
    {
        plan.preamble = context.pop();
    }
    plan.context = context;
}

pub(super) fn read_section(section: &Section, plan: &mut Extracted) {
    let lower = section.title.to_lowercase();
    let heading = Some(Fact::new(section.title.clone(), section.heading.number));
    if (lower.contains("mục đích") || lower.contains("yêu cầu")) && plan.purpose.is_none() {
        plan.purpose = Some(read_purpose(section, heading));
    } else if lower.contains("nội dung") && plan.sectors.is_none() {
        plan.sectors = read_sectors(section, heading);
    } else if (lower.contains("thời gian") || lower.contains("đợt") || lower.contains("giai đoạn"))
        && plan.schedule.is_none()
    {
        let intro: Vec<&Line> = section
            .lines
            .iter()
            .take_while(|line| body::phase_line(&line.text).is_none())
            .collect();
        plan.schedule = Some(Schedule {
            heading,
            intro: join(&intro),
        });
    } else if lower.contains("tổ chức thực hiện") || lower.contains("giải pháp") {
        plan.implementation = Some(read_implementation(section, heading));
    }
}

fn join(lines: &[&Line]) -> Option<Text> {
    let first = lines.first()?;
    let text: Vec<&str> = lines.iter().map(|l| unbullet(&l.text)).collect();
    Some(Fact::new(text.join(" "), first.number))
}

fn read_purpose(section: &Section, heading: Option<Text>) -> Purpose {
    let mut purpose = Purpose {
        heading,
        ..Purpose::default()
    };
    let mut into_requirements = false;
    for line in section.lines {
        if let Some((number, rest)) = item_number(&plain(&line.text))
            && !number.contains('.')
            && rest.split_whitespace().count() <= 4
        {
            into_requirements = rest.to_lowercase().contains("yêu cầu");
            continue;
        }
        let fact = Fact::new(unbullet(&line.text).to_string(), line.number);
        if into_requirements {
            purpose.requirements.push(fact);
        } else {
            purpose.purpose.push(fact);
        }
    }
    purpose
}

/// "1. Đối với khối doanh nghiệp" → a sector with the items "1.1", "1.2" … under it.
fn read_sectors(section: &Section, heading: Option<Text>) -> Option<Sectors> {
    let mut list: Vec<Sector> = Vec::new();
    for line in section.lines {
        let plain_text = plain(&line.text);
        match item_number(&plain_text) {
            Some((number, rest)) if !number.contains('.') => {
                let name = rest.trim_end_matches(['.', ':']).trim().to_string();
                list.push(Sector {
                    id: sector_id(&name),
                    number: number.to_string(),
                    short_name: short_name(&name),
                    name: Fact::new(name, line.number),
                    items: Vec::new(),
                });
            }
            Some((number, _)) if list.last().is_some() => {
                let text = strip_number(&line.text, number);
                let movements = body::movements(&text);
                if let Some(sector) = list.last_mut() {
                    sector.items.push(Item {
                        number: number.to_string(),
                        text: Fact::new(text, line.number),
                        movements,
                    });
                }
            }
            _ => {
                // A paragraph continuing the item above it.
                if let Some(item) = list.last_mut().and_then(|s| s.items.last_mut()) {
                    item.text.value.push(' ');
                    item.text.value.push_str(unbullet(&line.text));
                    item.movements = body::movements(&item.text.value);
                }
            }
        }
    }
    list.retain(|sector| !sector.items.is_empty());
    (!list.is_empty()).then_some(Sectors { heading, list })
}

/// The item's text after its number, emphasis inside kept ("1.1. Phát động …").
fn strip_number(text: &str, number: &str) -> String {
    let trimmed = text.trim_start_matches('*').trim_start();
    let rest = trimmed
        .strip_prefix(number)
        .map(|r| r.trim_start_matches(['.', ')']).trim_start_matches('*'))
        .unwrap_or(trimmed);
    rest.trim().to_string()
}

/// "Đối với khu vực hành chính, sự nghiệp, Trường học" → "hanh-chinh-su-nghiep": the
/// sector's own words, at most four.
fn sector_id(name: &str) -> String {
    let words = sector_words(name);
    let short: Vec<&str> = words.split_whitespace().take(4).collect();
    let id = slugify(&short.join(" "));
    if id.is_empty() {
        "khoi".to_string()
    } else {
        id
    }
}

fn sector_words(name: &str) -> String {
    let mut rest = name.trim();
    for prefix in ["đối với", "các", "khối", "khu vực", "ngành"] {
        if rest.to_lowercase().starts_with(prefix)
            && let Some(after) = rest.get(prefix.len()..)
        {
            rest = after.trim_start();
        }
    }
    rest.to_string()
}

fn short_name(name: &str) -> String {
    let words = sector_words(name);
    let mut chars = words.chars();
    let lower: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => return capitalise_first(name),
    };
    format!("Khối {lower}")
}

fn read_implementation(section: &Section, heading: Option<Text>) -> Implementation {
    let mut implementation = Implementation {
        heading,
        ..Implementation::default()
    };
    let mut lists: Vec<ItemList> = Vec::new();
    let mut closing: Vec<&Line> = Vec::new();
    for line in section.lines {
        let plain_text = plain(&line.text);
        match item_number(&plain_text) {
            Some((number, rest))
                if !number.contains('.') && rest.split_whitespace().count() <= 6 =>
            {
                lists.push(ItemList {
                    heading: Fact::new(rest.trim_end_matches(['.', ':']).to_string(), line.number),
                    items: Vec::new(),
                });
                closing.clear();
            }
            Some((number, _)) => {
                if lists.is_empty() {
                    lists.push(ItemList {
                        heading: Fact::new("Tổ chức thực hiện".to_string(), line.number)
                            .review("văn bản không có tiêu đề mục này"),
                        items: Vec::new(),
                    });
                }
                let text = strip_number(&line.text, number);
                if let Some(list) = lists.last_mut() {
                    list.items
                        .push((number.to_string(), Fact::new(text, line.number)));
                }
                closing.clear();
            }
            None => closing.push(line),
        }
    }
    implementation.closing = join(&closing);
    let mut lists = lists.into_iter().filter(|l| !l.items.is_empty());
    let first = lists.next();
    let second = lists.next();
    match (first, second) {
        (Some(a), Some(b)) => {
            implementation.solutions = Some(a);
            implementation.organization = Some(b);
        }
        (Some(a), None) if a.heading.value.to_lowercase().contains("giải pháp") => {
            implementation.solutions = Some(a)
        }
        (Some(a), None) => implementation.organization = Some(a),
        _ => {}
    }
    implementation
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numbers_with_typos() {
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("1I"), Some(2));
        assert_eq!(roman("Il"), Some(2));
        assert_eq!(roman("1"), Some(1));
        assert_eq!(roman("ABC"), None);
        assert_eq!(roman_heading("I. MỤC ĐÍCH, YÊU CẦU").map(|h| h.0), Some(1));
        assert_eq!(roman_heading("1I. NỘI DUNG").map(|h| h.0), Some(2));
        assert_eq!(roman_heading("1. Mục đích"), None);
    }

    #[test]
    fn sector_ids_are_short_slugs() {
        assert_eq!(sector_id("Đối với khối doanh nghiệp"), "doanh-nghiep");
        assert_eq!(
            sector_id("Đối với khu vực hành chính, sự nghiệp, Trường học"),
            "hanh-chinh-su-nghiep"
        );
        assert_eq!(short_name("Đối với khối doanh nghiệp"), "Khối doanh nghiệp");
    }
}
