//! The site's language: every UI string comes from the theme's translation files
//! (`translations/<code>.yaml`), and dates and numbers are formatted the way that language
//! writes them. Pure: the theme reads the files, this module parses and checks them.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};

/// The language whose keys every other translation must have: the default theme's own.
pub const REFERENCE: &str = "vi";

/// One translation file's text, and how to name it in an error.
pub struct TranslationFile {
    /// "themes/default/translations/en.yaml" (embedded) or the site's own file path.
    pub label: String,
    pub text: String,
}

/// The UI strings of one language.
#[derive(Debug, Clone)]
pub struct Language {
    pub code: String,
    strings: BTreeMap<String, String>,
}

impl Language {
    /// Builds a language from its translation files (the default theme's first, the site's
    /// overrides after, later files winning key by key). `reference_keys` are the keys every
    /// language must have; a missing one is an error naming the file and the key.
    pub fn from_files(
        code: &str,
        files: &[TranslationFile],
        reference_keys: &[String],
    ) -> Result<Language> {
        let mut strings = BTreeMap::new();
        for file in files {
            let parsed = parse(file)?;
            // A key thidua does not know is almost always a misspelt one, which would
            // otherwise change nothing without a word.
            if !reference_keys.is_empty()
                && let Some(unknown) = parsed.keys().find(|k| !reference_keys.contains(k))
            {
                let hint = crate::text::nearest(unknown, reference_keys.iter().map(String::as_str))
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                return Err(Error::Refused(format!(
                    "{} has an unknown key `{unknown}`{hint}: the keys are those of the \
                     default theme's translations/{REFERENCE}.yaml",
                    file.label
                )));
            }
            strings.extend(parsed);
        }
        let missing: Vec<&str> = reference_keys
            .iter()
            .filter(|key| !strings.contains_key(key.as_str()))
            .map(String::as_str)
            .collect();
        if let Some(first) = missing.first() {
            let label = files.last().map_or("", |f| f.label.as_str());
            let more = match missing.len() - 1 {
                0 => String::new(),
                n if n <= 10 => format!(" (and {n} more: {})", missing[1..].join(", ")),
                n => format!(" (and {n} more: {}, …)", missing[1..11].join(", ")),
            };
            return Err(Error::Refused(format!(
                "{label} has no translation for the key `{first}`{more}: add `{first}: \"…\"` to it \
                 (the keys are those of the default theme's translations/{REFERENCE}.yaml)"
            )));
        }
        Ok(Language {
            code: code.to_string(),
            strings,
        })
    }

    /// Every key and its string, for templates (`{{ t.nav_home }}`).
    pub fn strings(&self) -> &BTreeMap<String, String> {
        &self.strings
    }

    /// The string for `key`. Loading checked that every key of the reference language is
    /// present, so a missing key is a bug in thidua; it shows as the key itself.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }

    /// The string for `key` with its `{name}` placeholders filled.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }

    /// This language with `{name}` placeholders filled in every string at once, for words
    /// a site sets for all its pages (the plan's phase word).
    pub fn with_words(mut self, values: &[(&str, &str)]) -> Language {
        for text in self.strings.values_mut() {
            if text.contains('{') {
                *text = fill(text, values);
            }
        }
        self
    }

    /// "29/12/2023" (vi and en alike: the day-month-year order both use).
    pub fn date_short(&self, date: NaiveDate) -> String {
        self.date("date_short", date)
    }

    /// "ngày 29 tháng 12 năm 2023" / "29 December 2023".
    pub fn date_long(&self, date: NaiveDate) -> String {
        self.date("date_long", date)
    }

    fn date(&self, key: &str, date: NaiveDate) -> String {
        let (d, m, yyyy) = (
            date.day().to_string(),
            date.month().to_string(),
            date.year().to_string(),
        );
        let (dd, mm) = (format!("{:02}", date.day()), format!("{:02}", date.month()));
        let month = self.month_name(date.month());
        self.fill(
            key,
            &[
                ("d", &d),
                ("dd", &dd),
                ("m", &m),
                ("mm", &mm),
                ("yyyy", &yyyy),
                ("month", month),
            ],
        )
    }

    /// "tháng 3" / "March".
    pub fn month_name(&self, month: u32) -> &str {
        const KEYS: [&str; 12] = [
            "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
            "month_9", "month_10", "month_11", "month_12",
        ];
        self.t(KEYS[(month.clamp(1, 12) - 1) as usize])
    }

    /// "tháng 3/2024" / "March 2024".
    pub fn month_label(&self, year: i32, month: u32) -> String {
        self.fill(
            "month_label",
            &[
                ("m", &month.to_string()),
                ("yyyy", &year.to_string()),
                ("month", self.month_name(month)),
            ],
        )
    }

    /// 10234 → "10.234" (vi) / "10,234" (en).
    pub fn number(&self, value: i64) -> String {
        let separator = self.t("thousands_separator");
        let digits = value.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() * 2);
        if value < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(separator);
            }
            out.push(c);
        }
        out
    }

    /// "28,6%" (vi) / "28.6%" (en): one decimal, none when it is zero.
    pub fn percent(&self, percent: f64) -> String {
        let rounded = (percent * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 {
            format!("{}%", self.number(rounded as i64))
        } else {
            let text = format!("{rounded:.1}");
            let (whole, fraction) = text.split_once('.').unwrap_or((&text, "0"));
            let whole = whole.parse::<i64>().map_or(whole.to_string(), |w| {
                if w == 0 && rounded < 0.0 {
                    "-0".to_string()
                } else {
                    self.number(w)
                }
            });
            format!("{whole}{}{fraction}%", self.t("decimal_separator"))
        }
    }
}

/// Fills `{name}` placeholders of `template`; unknown placeholders stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A translation file: a flat map of keys to strings.
pub fn parse(file: &TranslationFile) -> Result<BTreeMap<String, String>> {
    yaml_serde::from_str::<Option<BTreeMap<String, String>>>(&file.text)
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            Error::Refused(format!(
                "{}: {e} (a translation file is a list of `key: \"text\"` lines)",
                file.label
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_files(code: &str) -> Vec<TranslationFile> {
        crate::pipeline::theme::default_translation(code)
            .map(|text| TranslationFile {
                label: format!("themes/default/translations/{code}.yaml"),
                text: text.to_string(),
            })
            .into_iter()
            .collect()
    }

    fn reference_keys() -> Vec<String> {
        parse(&default_files(REFERENCE)[0])
            .unwrap()
            .into_keys()
            .collect()
    }

    fn language(code: &str) -> Language {
        Language::from_files(code, &default_files(code), &reference_keys()).unwrap()
    }

    #[test]
    fn every_vietnamese_key_has_an_english_translation() {
        let english = parse(&default_files("en")[0]).unwrap();
        let missing: Vec<String> = reference_keys()
            .into_iter()
            .filter(|k| !english.contains_key(k))
            .collect();
        assert!(missing.is_empty(), "en.yaml lacks {missing:?}");
        let extra: Vec<&String> = english
            .keys()
            .filter(|k| !reference_keys().contains(k))
            .collect();
        assert!(
            extra.is_empty(),
            "en.yaml has keys vi.yaml lacks: {extra:?}"
        );
    }

    #[test]
    fn vietnamese_dates_and_numbers() {
        let vi = language("vi");
        let date = NaiveDate::from_ymd_opt(2023, 12, 29).unwrap();
        assert_eq!(vi.date_short(date), "29/12/2023");
        assert_eq!(vi.date_long(date), "ngày 29 tháng 12 năm 2023");
        let early = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(vi.date_short(early), "01/03/2024");
        assert_eq!(vi.date_long(early), "ngày 1 tháng 3 năm 2024");
        assert_eq!(vi.number(0), "0");
        assert_eq!(vi.number(999), "999");
        assert_eq!(vi.number(10234), "10.234");
        assert_eq!(vi.number(1234567), "1.234.567");
        assert_eq!(vi.number(-1500), "-1.500");
        assert_eq!(vi.percent(28.638), "28,6%");
        assert_eq!(vi.percent(100.0), "100%");
        assert_eq!(vi.percent(0.0), "0%");
        assert_eq!(vi.month_label(2024, 3), "tháng 3/2024");
    }

    #[test]
    fn english_dates_and_numbers() {
        let en = language("en");
        let date = NaiveDate::from_ymd_opt(2023, 12, 29).unwrap();
        assert_eq!(en.date_short(date), "29/12/2023");
        assert_eq!(en.date_long(date), "29 December 2023");
        assert_eq!(en.number(10234), "10,234");
        assert_eq!(en.number(1234567), "1,234,567");
        assert_eq!(en.percent(28.638), "28.6%");
        assert_eq!(en.percent(1234.5), "1,234.5%");
        assert_eq!(en.month_label(2024, 3), "March 2024");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill("còn {n} ngày", &[("n", "149")]), "còn 149 ngày");
        assert_eq!(fill("{a}{b} {c}", &[("a", "1"), ("b", "2")]), "12 {c}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn a_missing_key_names_the_file_and_the_key() {
        let files = [TranslationFile {
            label: "themes/mine/translations/fr.yaml".into(),
            text: "nav_home: \"Accueil\"\n".into(),
        }];
        let keys = vec!["nav_home".to_string(), "nav_plan".to_string()];
        let message = Language::from_files("fr", &files, &keys)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("themes/mine/translations/fr.yaml") && message.contains("`nav_plan`"),
            "{message}"
        );
    }

    #[test]
    fn an_unknown_key_is_an_error_with_a_suggestion() {
        let files = [TranslationFile {
            label: "themes/mine/translations/vi.yaml".into(),
            text: "nav_hom: \"Trang đầu\"\n".into(),
        }];
        let message = Language::from_files("vi", &files, &reference_keys())
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("themes/mine/translations/vi.yaml")
                && message.contains("`nav_hom`")
                && message.contains("did you mean `nav_home`"),
            "{message}"
        );
    }

    #[test]
    fn later_files_override_key_by_key() {
        let files = [
            TranslationFile {
                label: "a".into(),
                text: "x: \"1\"\ny: \"2\"\n".into(),
            },
            TranslationFile {
                label: "b".into(),
                text: "y: \"3\"\n".into(),
            },
        ];
        let language = Language::from_files("xx", &files, &[]).unwrap();
        assert_eq!((language.t("x"), language.t("y")), ("1", "3"));
    }
}
