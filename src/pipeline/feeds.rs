//! Machine-readable outputs: the sitemap, robots.txt, and the Atom and RSS 2.0 feeds of
//! stories. Strings in, strings out.

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;

use crate::model::audience::Audience;
use crate::model::config::Config;
use crate::model::plan::Plan;
use crate::model::story::Story;
use crate::pipeline::views::Computed;

pub const SITEMAP: &str = "sitemap.xml";
pub const ATOM: &str = "atom.xml";
pub const RSS: &str = "rss.xml";

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `sitemap.xml` listing every page URL (relative to the site root) as an absolute URL.
pub fn sitemap(base_url: &str, page_urls: &[&str]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in page_urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&format!("{base_url}{url}")));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `robots.txt`: the public site invites crawlers and names its sitemap; the internal
/// bulletin asks every crawler to stay away.
pub fn robots(config: &Config) -> String {
    match config.audience {
        Audience::Public => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}{SITEMAP}\n",
            config.base_url
        ),
        Audience::Internal => "User-agent: *\nDisallow: /\n".to_string(),
    }
}

/// Midnight of `date` in the campaign's timezone.
fn midnight(timezone: Tz, date: NaiveDate) -> chrono::DateTime<Tz> {
    let naive = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    timezone
        .from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| timezone.from_utc_datetime(&naive))
}

/// The newest stories, as the feeds carry them: `(story, permalink)`.
fn newest<'a>(
    config: &Config,
    stories: &'a [Story],
    computed: &Computed,
) -> Vec<(&'a Story, String)> {
    computed
        .card_story
        .iter()
        .zip(&computed.cards)
        .take(config.feed_limit)
        .map(|(&index, card)| (&stories[index], format!("{}{}", config.base_url, card.url)))
        .collect()
}

fn title(config: &Config, plan: &Plan) -> String {
    config
        .title
        .clone()
        .unwrap_or_else(|| plan.campaign.name.clone())
}

/// An Atom 1.0 feed of the newest stories.
pub fn atom(config: &Config, plan: &Plan, stories: &[Story], computed: &Computed) -> String {
    let entries = newest(config, stories, computed);
    let updated = entries
        .first()
        .map(|(s, _)| s.date)
        .unwrap_or(plan.document.date.0);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&config.language)
    );
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&title(config, plan))
    ));
    xml.push_str(&format!(
        "  <subtitle>{}</subtitle>\n",
        xml_escape(&plan.campaign.name)
    ));
    xml.push_str(&format!("  <id>{}</id>\n", xml_escape(&config.base_url)));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&config.base_url)
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&format!("{}{ATOM}", config.base_url))
    ));
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        midnight(config.timezone, updated).to_rfc3339()
    ));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml_escape(&plan.document.issuer)
    ));
    xml.push_str("  <generator>thidua</generator>\n");
    for (story, link) in entries {
        let when = midnight(config.timezone, story.date).to_rfc3339();
        xml.push_str("  <entry>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&format!("{} – {}", story.name, story.headline))
        ));
        xml.push_str(&format!("    <id>{}</id>\n", xml_escape(&link)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&link)
        ));
        xml.push_str(&format!(
            "    <published>{when}</published>\n    <updated>{when}</updated>\n"
        ));
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            xml_escape(&story.unit)
        ));
        xml.push_str(&format!(
            "    <category term=\"{}\"/>\n",
            xml_escape(&plan.awards[story.award].name)
        ));
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml_escape(&story.summary)
        ));
        xml.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(&story.body_html)
        ));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// An RSS 2.0 feed of the newest stories, for readers that only speak RSS.
pub fn rss(config: &Config, plan: &Plan, stories: &[Story], computed: &Computed) -> String {
    let entries = newest(config, stories, computed);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&title(config, plan))
    ));
    xml.push_str(&format!(
        "  <link>{}</link>\n",
        xml_escape(&config.base_url)
    ));
    xml.push_str(&format!(
        "  <description>{}</description>\n",
        xml_escape(&xml_escape(&plan.campaign.name))
    ));
    xml.push_str(&format!(
        "  <language>{}</language>\n",
        xml_escape(&config.language)
    ));
    xml.push_str(&format!(
        "  <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_escape(&format!("{}{RSS}", config.base_url))
    ));
    for (story, link) in entries {
        xml.push_str("  <item>\n");
        xml.push_str(&format!(
            "    <title>{}</title>\n",
            xml_escape(&format!("{} – {}", story.name, story.headline))
        ));
        xml.push_str(&format!("    <link>{}</link>\n", xml_escape(&link)));
        xml.push_str(&format!(
            "    <guid isPermaLink=\"true\">{}</guid>\n",
            xml_escape(&link)
        ));
        xml.push_str(&format!(
            "    <pubDate>{}</pubDate>\n",
            midnight(config.timezone, story.date).to_rfc2822()
        ));
        xml.push_str(&format!(
            "    <category>{}</category>\n",
            xml_escape(&plan.awards[story.award].name)
        ));
        // Readers treat an RSS description as HTML: escape the summary as HTML first.
        xml.push_str(&format!(
            "    <description>{}</description>\n",
            xml_escape(&xml_escape(&story.summary))
        ));
        xml.push_str("  </item>\n");
    }
    xml.push_str("</channel>\n</rss>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_covers_markup_quotes_and_control_characters() {
        assert_eq!(
            xml_escape("a & <b> \"c\" 'd'\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(xml_escape("Người tốt, việc tốt"), "Người tốt, việc tốt");
    }

    #[test]
    fn sitemap_urls_are_absolute() {
        let xml = sitemap("https://example.org/thidua/2024/", &["", "bang-vang/"]);
        assert!(xml.contains("<loc>https://example.org/thidua/2024/</loc>"));
        assert!(xml.contains("<loc>https://example.org/thidua/2024/bang-vang/</loc>"));
    }

    #[test]
    fn midnight_is_in_the_campaign_timezone() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        assert_eq!(
            midnight(Tz::Asia__Ho_Chi_Minh, date).to_rfc3339(),
            "2024-03-01T00:00:00+07:00"
        );
    }
}
