//! Who a build is for, and who may see a piece of content. The public website never holds
//! internal or draft content; the internal bulletin may.

use serde::Deserialize;

/// Who a build is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// The public website (the default).
    #[default]
    Public,
    /// The federation's internal bulletin (bản tin nội bộ).
    Internal,
}

impl Audience {
    pub fn name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
        }
    }

    /// Whether content marked `visibility` may appear in this build.
    pub fn may_see(self, visibility: Visibility) -> bool {
        self == Audience::Internal || visibility == Visibility::Public
    }
}

/// Who may see a story or a plan section: everyone (`public`, the default) or only readers of
/// the internal bulletin (`internal`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    #[default]
    Public,
    Internal,
}

impl Visibility {
    pub fn is_public(&self) -> bool {
        *self == Visibility::Public
    }
}
