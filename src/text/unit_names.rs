//! Unit names that look like a misspelling of another unit: a name used in only one story and
//! a letter or two away from a unit used elsewhere ("Công ty Cơ kí Mẫu" beside "Công ty Cơ
//! khí Mẫu") would give that worker a unit page of their own. Pure.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Diagnostic, line_of};
use crate::text;

/// One story's `unit:`.
pub struct Mention<'a> {
    pub unit: &'a str,
    pub path: &'a Path,
    /// The story's source, to find the line.
    pub source: &'a str,
}

/// Warns about each unit named in only one story (and not in `registered`) that is within a
/// small edit distance of another unit. Spellings that give the same unit page ("Trường
/// Tiểu học Hoa Sữa" and "Truong Tieu hoc Hoa Sua") are not repeated here: validation
/// reports those already.
pub fn misspellings(mentions: &[Mention], registered: &[&str]) -> Vec<Diagnostic> {
    struct Uses<'a> {
        folded: String,
        /// `folded` as characters, for the edit distance.
        letters: Vec<char>,
        slug: String,
        mentions: Vec<&'a Mention<'a>>,
        registered: bool,
    }
    let mut units: BTreeMap<&str, Uses> = BTreeMap::new();
    let names = mentions
        .iter()
        .map(|m| m.unit)
        .chain(registered.iter().copied());
    for unit in names {
        units.entry(unit.trim()).or_insert_with(|| {
            let folded = text::fold(unit.trim());
            Uses {
                letters: folded.chars().collect(),
                slug: text::slugify(&folded),
                folded,
                mentions: Vec::new(),
                registered: false,
            }
        });
    }
    for mention in mentions {
        if let Some(uses) = units.get_mut(mention.unit.trim()) {
            uses.mentions.push(mention);
        }
    }
    for unit in registered {
        if let Some(uses) = units.get_mut(unit.trim()) {
            uses.registered = true;
        }
    }

    let mut found = Vec::new();
    for (name, uses) in &units {
        let ([mention], false) = (uses.mentions.as_slice(), uses.registered) else {
            continue;
        };
        let limit = (uses.letters.len() / 12).clamp(1, 3);
        // Cheap tests first: a site with thousands of units compares every pair.
        let nearest = units
            .iter()
            .filter(|(other, other_uses)| {
                other != &name
                    && uses.letters.len().abs_diff(other_uses.letters.len()) <= limit
                    && other_uses.slug != uses.slug
            })
            .filter_map(|(other, other_uses)| {
                let distance = distance_within(&uses.letters, &other_uses.letters, limit)?;
                Some((distance, *other, other_uses))
            })
            .filter(|(_, _, other_uses)| !differ_only_in_numbers(&uses.folded, &other_uses.folded))
            .min_by_key(|(distance, _, other_uses)| {
                (*distance, usize::MAX - other_uses.mentions.len())
            });
        let Some((_, other, other_uses)) = nearest else {
            continue;
        };
        let elsewhere = match other_uses.mentions.len() {
            0 => "in registrations.yaml".to_string(),
            1 => "in 1 other story".to_string(),
            n => format!("in {n} other stories"),
        };
        let line = line_of(mention.source, &format!("unit: \"{name}"))
            .or_else(|| line_of(mention.source, "unit:"));
        found.push(
            Diagnostic::warning(
                mention.path,
                format!("unit “{name}” appears only here, and “{other}” is written {elsewhere}"),
            )
            .at(line, None)
            .with_hint(format!(
                "did you mean “{other}”? If these are two different units, ignore this warning"
            )),
        );
    }
    found
}

/// The edit distance between `a` and `b` if it is at most `limit`: only a band of
/// `2 × limit + 1` cells of each row can stay within it, and a row whose cells all exceed it
/// ends the search.
fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let beyond = limit + 1;
    let mut previous: Vec<usize> = (0..=b.len()).map(|j| j.min(beyond)).collect();
    let mut current = vec![beyond; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        let from = (i + 1).saturating_sub(limit).max(1);
        let to = (i + 1 + limit).min(b.len());
        current.fill(beyond);
        current[0] = (i + 1).min(beyond);
        for j in from..=to {
            let substitution = previous[j - 1] + usize::from(*ca != b[j - 1]);
            current[j] = substitution
                .min(previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(beyond);
        }
        if current.iter().all(|&cell| cell >= beyond) {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    let distance = previous[b.len()];
    (distance <= limit).then_some(distance)
}

/// "Đội 1" and "Đội 2", "Tổ A" and "Tổ B", "Xí nghiệp I" and "Xí nghiệp II" are different
/// units, not misspellings.
fn differ_only_in_numbers(a: &str, b: &str) -> bool {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    let identifier = |word: &str| {
        word.chars().count() == 1
            || word.chars().all(|c| c.is_ascii_digit())
            || word.chars().all(|c| "ivxlcdm".contains(c))
    };
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || (identifier(x) && identifier(y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention<'a>(unit: &'a str, path: &'a str) -> Mention<'a> {
        Mention {
            unit,
            path: Path::new(path),
            source: "",
        }
    }

    #[test]
    fn a_one_off_near_spelling_suggests_the_common_one() {
        let mentions = [
            mention("Công ty Cơ khí Mẫu", "a.md"),
            mention("Công ty Cơ khí Mẫu", "b.md"),
            mention("Công ty Cơ kí Mẫu", "c.md"),
        ];
        let found = misspellings(&mentions, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, Path::new("c.md"));
        assert!(
            found[0]
                .message
                .contains("“Công ty Cơ khí Mẫu” is written in 2 other stories")
        );
    }

    #[test]
    fn registered_units_count_as_known_spellings() {
        let mentions = [mention("Trường Tiểu học Hoa Sũa", "a.md")];
        let found = misspellings(&mentions, &["Trường Tiểu học Hoa Sữa xanh"]);
        assert!(found.is_empty(), "three letters apart: {found:?}");
        let found = misspellings(&mentions, &["Trường Tiểu học Hoa Sữ"]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("in registrations.yaml"));
        // A registered unit is never itself the misspelling.
        let mentions = [mention("Trường Tiểu học Hoa Sữ", "a.md")];
        assert!(misspellings(&mentions, &["Trường Tiểu học Hoa Sữ"]).is_empty());
    }

    #[test]
    fn numbered_units_and_distant_names_are_left_alone() {
        let mentions = [
            mention("Xí nghiệp 1", "a.md"),
            mention("Xí nghiệp 2", "b.md"),
            mention("Tổ A", "c.md"),
            mention("Tổ B", "d.md"),
            mention("Đội II", "e.md"),
            mention("Đội III", "f.md"),
            mention("Trường Tiểu học Hoa Sữa", "g.md"),
            mention("Trường Tiểu học Hoa Mai", "h.md"),
        ];
        assert!(misspellings(&mentions, &[]).is_empty());
    }

    #[test]
    fn banded_distance_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "ab",
            "cong ty",
            "cong ti",
            "cong ty co khi mau",
            "cong ty co ki mau",
            "truong tieu hoc hoa sua",
            "truong tieu hoc hoa mai",
            "xi nghiep 1",
        ];
        for a in words {
            for b in words {
                let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let full = text::levenshtein(a, b);
                for limit in 0..4 {
                    let expected = (full <= limit).then_some(full);
                    assert_eq!(
                        distance_within(&x, &y, limit),
                        expected,
                        "{a:?} {b:?} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn spellings_of_one_unit_page_are_left_to_validation() {
        let mentions = [
            mention("Trường Tiểu học Hoa Sữa", "a.md"),
            mention("Truong Tieu hoc Hoa Sua", "b.md"),
        ];
        assert!(misspellings(&mentions, &[]).is_empty());
    }
}
