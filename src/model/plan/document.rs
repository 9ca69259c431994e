//! The parts of the plan that reach templates as written: dates, rich text, the document's
//! header and its sections.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::markup::markdown;
use crate::model::audience::Visibility;
use crate::text;
use crate::time::calendar;

/// A date as written in YAML (`2024-03-01` or `01/03/2024`); shown to templates as
/// `{iso, short, long}` so they never format dates themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// Deserializes a string through `parse`, raising the error inside the visitor so the YAML
/// parser attaches the value's line and column to it.
pub(super) fn deserialize_text<'de, D, T>(
    deserializer: D,
    expecting: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    struct TextVisitor<T> {
        expecting: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> serde::de::Visitor<'_> for TextVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            (self.parse)(value).map_err(E::custom)
        }
    }
    deserializer.deserialize_str(TextVisitor { expecting, parse })
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_text(deserializer, "a date (YYYY-MM-DD)", |text| {
            calendar::parse_date(text).map(Date)
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DateView::from(self.0).serialize(serializer)
    }
}

/// How a date reaches templates.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub iso: String,
    pub short: String,
    pub long: String,
    pub year: i32,
    pub month: u32,
}

impl From<NaiveDate> for DateView {
    fn from(date: NaiveDate) -> Self {
        Self {
            iso: date.format("%Y-%m-%d").to_string(),
            short: text::date_short(date),
            long: text::date_long(date),
            year: date.year(),
            month: date.month(),
        }
    }
}

/// Text with inline Markdown (`*italic*`, `**bold**`); templates get `{html, plain}`.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct RichText(pub String);

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View {
            html: String,
            plain: String,
        }
        View {
            html: markdown::inline(&self.0),
            plain: markdown::plain(&self.0),
        }
        .serialize(serializer)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Document {
    #[serde(default = "default_kind")]
    pub kind: String,
    /// Absent for a document published without one (a call printed in a newspaper).
    pub number: Option<String>,
    pub issuer: String,
    pub parent_issuer: Option<String>,
    pub place: String,
    pub date: Date,
    pub title: RichText,
    pub basis: Option<RichText>,
    #[serde(default)]
    pub context: Vec<RichText>,
    pub preamble: Option<RichText>,
}

fn default_kind() -> String {
    "Kế hoạch".to_string()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Theme {
    pub level: String,
    pub text: RichText,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Purpose {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    #[serde(default)]
    pub purpose: Vec<RichText>,
    #[serde(default)]
    pub requirements: Vec<RichText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Sectors {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub list: Vec<Sector>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Sector {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub id: String,
    pub number: Option<String>,
    pub name: String,
    pub short_name: Option<String>,
    #[serde(default)]
    pub items: Vec<Item>,
}

impl Sector {
    pub fn label(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Item {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub number: Option<String>,
    pub text: RichText,
    #[serde(default)]
    pub movements: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Schedule {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub intro: Option<RichText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Implementation {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub solutions: Option<NumberedList>,
    pub organization: Option<NumberedList>,
    pub closing: Option<RichText>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct NumberedList {
    /// `internal` keeps this part out of the public website.
    #[serde(default, skip_serializing)]
    pub visibility: Visibility,
    pub heading: Option<String>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Signer {
    pub on_behalf: Option<String>,
    pub title: Option<String>,
    pub name: String,
}
