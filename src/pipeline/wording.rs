//! The plan's own words in the UI: the document's kind and number ("Công văn số
//! 08/CV-CĐVP", or a call with no number), and the word for its parts ("Đợt", "Giai đoạn").
//! UI strings carry `{kind}`, `{kind_lower}`, `{phase_word}` and `{phase_word_lower}`
//! placeholders, filled once per build. Pure.

use serde::Serialize;

use crate::i18n::Language;
use crate::model::plan::{Document, Plan};
use crate::text;

/// The site's language with the plan's words filled into every UI string: the menu says
/// "Công văn" for a Công văn, headings say "Giai đoạn thi đua hiện nay" for a plan that
/// calls its parts "Giai đoạn".
pub fn language_for(plan: &Plan, language: Language) -> Language {
    let phase_word = plan
        .campaign
        .phase_word
        .clone()
        .unwrap_or_else(|| language.t("phase_word").to_string());
    let kind = plan.document.kind.trim().to_string();
    language.with_words(&[
        ("phase_word_lower", &text::lowercase_common(&phase_word)),
        ("phase_word", &phase_word),
        ("kind_lower", &text::lowercase_common(&kind)),
        ("kind", &kind),
    ])
}

/// How the UI names the document, with or without its number.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentWords {
    /// "Kế hoạch số 46/KH-LĐLĐ"; "Lời kêu gọi ngày 12/03/2024" when it has no number.
    pub label: String,
    /// "Xem toàn văn công văn số 08/CV-CĐVP"; "Xem toàn văn lời kêu gọi".
    pub link: String,
    /// "Kế hoạch số 46/KH-LĐLĐ, Long Biên, ngày 29 tháng 12 năm 2023".
    pub footer: String,
}

/// The document's names in `language` (already filled by [`language_for`]).
pub fn document_words(document: &Document, language: &Language) -> DocumentWords {
    let date_short = language.date_short(document.date.0);
    let date_long = language.date_long(document.date.0);
    let number = document
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let values = |date: &str| {
        [
            ("number", number.unwrap_or_default().to_string()),
            ("place", document.place.clone()),
            ("date", date.to_string()),
        ]
    };
    let fill = |key: &str, date: &str| {
        let key = match number {
            Some(_) => key.to_string(),
            None => format!("{key}_unnumbered"),
        };
        let values = values(date);
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        language.fill(&key, &pairs)
    };
    DocumentWords {
        label: fill("document_label", &date_short),
        link: fill("index_read_plan", &date_short),
        footer: fill("footer_document", &date_long),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::{Date, RichText};

    fn document(kind: &str, number: Option<&str>) -> Document {
        Document {
            kind: kind.to_string(),
            number: number.map(str::to_string),
            issuer: "Liên đoàn Lao động tỉnh Vĩnh Phúc".to_string(),
            parent_issuer: None,
            place: "Vĩnh Yên".to_string(),
            date: Date(chrono::NaiveDate::from_ymd_opt(2024, 3, 12).unwrap()),
            title: RichText("Về việc tổ chức thi đua".to_string()),
            basis: None,
            context: Vec::new(),
            preamble: None,
        }
    }

    fn vi_for(kind: &str) -> Language {
        let vi = crate::pipeline::theme::embedded_language("vi").unwrap();
        vi.with_words(&[
            ("kind_lower", &text::lowercase_common(kind)),
            ("kind", kind),
        ])
    }

    #[test]
    fn a_numbered_document_is_named_by_its_kind_and_number() {
        let words = document_words(
            &document("Công văn", Some("08/CV-CĐVP")),
            &vi_for("Công văn"),
        );
        assert_eq!(words.label, "Công văn số 08/CV-CĐVP");
        assert_eq!(words.link, "Xem toàn văn công văn số 08/CV-CĐVP");
        assert_eq!(
            words.footer,
            "Công văn số 08/CV-CĐVP, Vĩnh Yên, ngày 12 tháng 3 năm 2024"
        );
    }

    #[test]
    fn a_document_without_number_never_says_so() {
        let words = document_words(&document("Lời kêu gọi", None), &vi_for("Lời kêu gọi"));
        assert_eq!(words.label, "Lời kêu gọi ngày 12/03/2024");
        assert_eq!(words.link, "Xem toàn văn lời kêu gọi");
        assert_eq!(
            words.footer,
            "Lời kêu gọi ngày 12 tháng 3 năm 2024, Vĩnh Yên"
        );
        for text in [&words.label, &words.link, &words.footer] {
            assert!(!text.contains("số"), "{text}");
        }
    }
}
