//! Pure Vietnamese text helpers: slugs, diacritic folding, the Vietnamese dates of messages
//! and of `DateView` (pages format numbers and dates through [`crate::i18n`]).
//! No I/O; everything here is unit-tested below.

pub mod collate;
pub(crate) mod unit_names;

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// A common noun as it reads inside a sentence: "Công văn" → "công văn", "Giai đoạn" →
/// "giai đoạn". Only words written with a single leading capital change; acronyms and words
/// with a capital inside ("BCH", "CNVCLĐ", "iPhone") are kept, since they are names.
pub fn lowercase_common(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut chars = word.chars();
        match chars.next() {
            Some(first) if first.is_uppercase() && !chars.clone().any(char::is_uppercase) => {
                out.extend(first.to_lowercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(word),
        }
    }
    out
}

/// Removes Vietnamese (and other Latin) diacritics and lowercases: "Đồng Du" → "dong du".
/// Đ/đ have no decomposition in Unicode, so they are mapped to d by hand.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'Đ' | 'đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}')
}

/// Slugs become folder names; file systems refuse names over 255 bytes, and a URL this long is
/// unreadable anyway.
pub const MAX_SLUG_LEN: usize = 80;

/// A URL-safe slug: diacritics folded, ASCII letters and digits kept, everything else one hyphen,
/// at most [`MAX_SLUG_LEN`] characters (cut at a word boundary where there is one).
/// "Nguyễn Trường Giang" → "nguyen-truong-giang".
pub fn slugify(text: &str) -> String {
    let mut slug = slugify_whole(text);
    if slug.len() > MAX_SLUG_LEN {
        // The slug is ASCII, so any byte index is a character boundary.
        let cut = match slug[..=MAX_SLUG_LEN].rfind('-') {
            Some(hyphen) if hyphen > 0 => hyphen,
            _ => MAX_SLUG_LEN,
        };
        slug.truncate(cut);
    }
    slug
}

fn slugify_whole(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// "29/12/2023": the short Vietnamese date, day and month zero-padded.
pub fn date_short(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// "ngày 29 tháng 12 năm 2023": the long form used in official documents.
pub fn date_long(date: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        date.day(),
        date.month(),
        date.year()
    )
}

/// Edit distance, used for "did you mean" hints on misspelt names and fields.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b_chars.len()).collect();
    let mut current = vec![0; b_chars.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b_chars.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b_chars.len()]
}

/// The candidate closest to `wanted` (compared diacritic-insensitively), if it is close enough
/// to be a plausible typo.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_folded = fold(wanted);
    candidates
        .into_iter()
        .map(|candidate| (levenshtein(&wanted_folded, &fold(candidate)), candidate))
        .filter(|(distance, candidate)| {
            *distance <= (wanted_folded.chars().count().max(candidate.chars().count()) / 3).max(2)
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Plain words of a text, for word counts and summaries.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The first `max_words` words of `text`, with an ellipsis when cut.
pub fn truncate_words(text: &str, max_words: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= max_words {
        words.join(" ")
    } else {
        format!("{}…", words[..max_words].join(" "))
    }
}

/// Initials for the avatar of a story without a photo: family name and given name,
/// "Nguyễn Văn An" → "NA".
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first_letter = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
    };
    match (words.first(), words.last()) {
        (Some(first), Some(last)) if words.len() > 1 => {
            format!(
                "{}{}",
                first_letter(first).unwrap_or_default(),
                first_letter(last).unwrap_or_default()
            )
        }
        (Some(only), _) => first_letter(only).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_common_keeps_names_and_acronyms() {
        assert_eq!(lowercase_common("Kế hoạch"), "kế hoạch");
        assert_eq!(lowercase_common("Công văn"), "công văn");
        assert_eq!(lowercase_common("Lời kêu gọi"), "lời kêu gọi");
        assert_eq!(lowercase_common("Đợt"), "đợt");
        assert_eq!(lowercase_common("Nghị quyết BCH"), "nghị quyết BCH");
        assert_eq!(
            lowercase_common("Kế hoạch liên tịch LĐLĐ"),
            "kế hoạch liên tịch LĐLĐ"
        );
    }

    #[test]
    fn slugs_fold_vietnamese_letters() {
        assert_eq!(slugify("Nguyễn Trường Giang"), "nguyen-truong-giang");
        assert_eq!(slugify("Đồng Du"), "dong-du");
        assert_eq!(slugify("Đông Du"), "dong-du");
        assert_eq!(slugify("  Người tốt, việc tốt! "), "nguoi-tot-viec-tot");
        assert_eq!(slugify("Đợt II"), "dot-ii");
        assert_eq!(slugify("Trường THCS Ái Mộ"), "truong-thcs-ai-mo");
        assert_eq!(slugify("Quỳnh Hưởng Ưng Ơn"), "quynh-huong-ung-on");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn fold_is_case_and_accent_insensitive() {
        assert_eq!(fold("Người Tốt, VIỆC TỐT"), "nguoi tot, viec tot");
        assert_eq!(fold("Hướng"), fold("hương"));
    }

    #[test]
    fn dates_are_formatted_vietnamese_style() {
        let date = NaiveDate::from_ymd_opt(2023, 12, 29).unwrap();
        assert_eq!(date_short(date), "29/12/2023");
        assert_eq!(date_long(date), "ngày 29 tháng 12 năm 2023");
        let early = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(date_short(early), "01/03/2024");
        assert_eq!(date_long(early), "ngày 1 tháng 3 năm 2024");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word_boundary() {
        let long = "Công ty TNHH Một thành viên Xây dựng và Thương mại Dịch vụ Kỹ thuật Công nghệ Môi trường Long Biên";
        let slug = slugify(long);
        assert!(slug.len() <= MAX_SLUG_LEN, "{slug}");
        assert_eq!(
            slug,
            "cong-ty-tnhh-mot-thanh-vien-xay-dung-va-thuong-mai-dich-vu-ky-thuat-cong-nghe"
        );
        assert_eq!(slugify(&"a".repeat(300)).len(), MAX_SLUG_LEN);
    }

    #[test]
    fn nearest_suggests_close_names_only() {
        let awards = [
            "Người tốt, việc tốt",
            "Công nhân giỏi",
            "Sáng kiến, sáng tạo",
        ];
        assert_eq!(
            nearest("Nguoi tot viec tot", awards),
            Some("Người tốt, việc tốt")
        );
        assert_eq!(nearest("Công nhân gioi", awards), Some("Công nhân giỏi"));
        assert_eq!(nearest("Hoàn toàn khác hẳn", awards), None);
        assert_eq!(nearest("awrd", ["award", "name"]), Some("award"));
    }

    #[test]
    fn initials_take_family_and_given_name() {
        assert_eq!(initials("Nguyễn Văn An"), "NA");
        assert_eq!(initials("Đỗ Thị Ánh"), "ĐÁ");
        assert_eq!(initials("Hà"), "H");
    }

    #[test]
    fn truncation_keeps_whole_words() {
        assert_eq!(truncate_words("một hai ba", 5), "một hai ba");
        assert_eq!(truncate_words("một hai ba bốn", 2), "một hai…");
    }
}
