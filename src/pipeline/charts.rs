//! Statistics charts as standalone SVG bar charts made at build time: no JavaScript and no
//! chart library in the page. Each bar carries its label and count as data attributes, so
//! the figures can be checked against the accessible table beside the chart.

use crate::pipeline::feeds::xml_escape;

// Narrow enough that a phone shows the chart at its own size (labels 13 px on screen, not
// shrunk to 6 px as a 640 px chart was); the table beside it holds the full names.
const WIDTH: f64 = 340.0;
const ROW: f64 = 38.0;
const BAR_HEIGHT: f64 = 14.0;
const MAX_BAR: f64 = 290.0;
/// Characters of a label that fit the width at 13 px (a longer one ends in "…").
const LABEL_CHARS: usize = 44;

/// A horizontal bar chart: one row per `(label, count)`, the label above its bar.
pub fn bar_chart(title: &str, rows: &[(String, usize)]) -> String {
    let max = rows
        .iter()
        .map(|(_, count)| *count)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * rows.len().max(1) as f64 + 34.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"title\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n<title id=\"title\">{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"0\" y=\"16\" font-size=\"15\" font-weight=\"bold\" fill=\"#7f1d1d\">{}</text>\n",
        xml_escape(title),
        xml_escape(title)
    );
    for (index, (label, count)) in rows.iter().enumerate() {
        let y = 34.0 + index as f64 * ROW;
        let width = (*count as f64 / max as f64 * MAX_BAR).round();
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{:.0}\" fill=\"#1f2937\">{}</text>\n<rect class=\"bar\" data-label=\"{}\" data-count=\"{count}\" x=\"0\" y=\"{:.0}\" width=\"{width:.0}\" height=\"{BAR_HEIGHT}\" fill=\"#b91c1c\"/>\n<text x=\"{:.0}\" y=\"{:.0}\" fill=\"#1f2937\">{count}</text>\n",
            y + 11.0,
            xml_escape(&shorten(label)),
            xml_escape(label),
            y + 16.0,
            width + 6.0,
            y + 28.0
        ));
    }
    svg.push_str("</svg>\n");
    svg
}

/// `label`, cut to [`LABEL_CHARS`] characters with "…" when longer.
fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut short: String = label.chars().take(LABEL_CHARS - 1).collect();
    short.truncate(short.trim_end().len());
    short.push('…');
    short
}

/// Bar width for a count, for tests and templates that compare.
pub fn bar_width(count: usize, max: usize) -> f64 {
    (count as f64 / max.max(1) as f64 * MAX_BAR).round()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional_and_labels_escaped() {
        let svg = bar_chart(
            "Theo <đơn vị>",
            &[("A & B".into(), 4), ("C".into(), 2), ("D".into(), 0)],
        );
        assert!(svg.contains("<title id=\"title\">Theo &lt;đơn vị&gt;</title>"));
        assert!(
            svg.contains(
                "data-label=\"A &amp; B\" data-count=\"4\" x=\"0\" y=\"50\" width=\"290\""
            )
        );
        assert!(svg.contains("data-count=\"2\" x=\"0\" y=\"88\" width=\"145\""));
        assert!(svg.contains("data-count=\"0\" x=\"0\" y=\"126\" width=\"0\""));
        assert_eq!(bar_width(1, 4), 73.0);
    }

    #[test]
    fn long_labels_are_shortened_on_the_chart_only() {
        let long = "Công ty cổ phần dịch vụ môi trường và công trình đô thị Cổ Mày";
        let svg = bar_chart("T", &[(long.into(), 1)]);
        assert!(svg.contains(&format!("data-label=\"{long}\"")));
        assert!(svg.contains(">Công ty cổ phần dịch vụ môi trường và công…</text>"));
    }
}
