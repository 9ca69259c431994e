//! What every reader hands the recogniser: the document's non-empty lines, each with its
//! place in the source, with page-break artefacts joined. Pure; tested below.

/// One line (a paragraph, in a Word file) of the document, Markdown emphasis kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Where it came from: the line number in a text file, the paragraph number in a Word
    /// file, the line of the extracted text of a PDF (1-based).
    pub number: usize,
    pub text: String,
}

/// Splits plain text (pasted from Word or a web page) into its non-empty lines.
pub fn from_text(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let text = clean(line);
            (!text.is_empty()).then_some(Line {
                number: index + 1,
                text,
            })
        })
        .collect()
}

/// Non-breaking spaces, tabs and runs of spaces become one space; ends trimmed.
pub fn clean(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
            space = true;
        } else if !c.is_control() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Joins a line cut by a page break ("… kỷ niệm" / "70 chiến thắng …", "xây" / "dựng kế
/// hoạch"): a line that does not end a sentence, followed by one that starts in lower case or
/// with a number that is not an item number. The joined line keeps the first line's number.
pub fn join_page_breaks(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(previous) = out.last_mut()
            && continues(&previous.text, &line.text)
        {
            previous.text.push(' ');
            previous.text.push_str(&line.text);
            continue;
        }
        out.push(line);
    }
    out
}

fn continues(previous: &str, next: &str) -> bool {
    let ends_open = previous
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    let Some(first) = next.chars().next() else {
        return false;
    };
    let starts_open = first.is_lowercase() || (first.is_ascii_digit() && !is_item_number(next));
    // A heading in capitals is never continued.
    let heading = previous.chars().filter(|c| c.is_lowercase()).count() == 0;
    ends_open && starts_open && !heading && previous.chars().count() > 40
}

/// "1.", "1.1.", "2.3 ", "1)": an item number at the start of a line.
pub fn is_item_number(text: &str) -> bool {
    item_number(text).is_some()
}

/// The item number at the start of `text` ("1.2") and the text after it.
pub fn item_number(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    let mut last_was_digit = false;
    while end < bytes.len()
        && (bytes[end].is_ascii_digit() || (bytes[end] == b'.' && last_was_digit))
    {
        last_was_digit = bytes[end].is_ascii_digit();
        end += 1;
    }
    if end == 0 {
        return None;
    }
    let number = &text[..end];
    let rest = &text[end..];
    // "1)" counts as well as "1."; a bare number must be followed by a dot or bracket.
    let (number, rest) = if let Some(rest) = rest.strip_prefix(')') {
        (number, rest)
    } else if let Some(number) = number.strip_suffix('.') {
        (number, rest)
    } else if number.contains('.') {
        (number, rest)
    } else {
        return None;
    };
    if !rest.starts_with(' ') || number.len() > 8 {
        return None;
    }
    Some((number, rest.trim_start()))
}

/// The text without Markdown emphasis markers (`*`, `_` runs) and list dashes at the start.
pub fn plain(text: &str) -> String {
    let text = text.replace("***", "").replace("**", "");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '*' {
            out.push(c);
        }
    }
    clean(&out)
}

/// A line's text without its list bullet ("- ", "+ ", "• ").
pub fn unbullet(text: &str) -> &str {
    let trimmed = text.trim_start();
    for bullet in ["- ", "+ ", "• ", "– ", "* "] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                number: i + 1,
                text: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn text_keeps_line_numbers_and_drops_blank_lines() {
        let read = from_text("\u{feff}\n  Số:\u{a0}46/KH  \n\n\tKẾ HOẠCH\r\n");
        let expected = vec![
            Line {
                number: 2,
                text: "Số: 46/KH".to_string(),
            },
            Line {
                number: 4,
                text: "KẾ HOẠCH".to_string(),
            },
        ];
        assert_eq!(read, expected);
    }

    #[test]
    fn page_breaks_are_joined_but_items_and_headings_are_not() {
        let joined = join_page_breaks(lines(&[
            "Các phong trào thi đua tập trung hướng đến chào mừng; kỷ niệm",
            "70 chiến thắng Điện Biên Phủ.",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Ban chấp hành công đoàn cơ sở chủ động xây",
            "dựng kế hoạch.",
            "Thực hiện tốt các nhiệm vụ năm 2024 của đơn vị mình",
            "1.1. Nội dung",
        ]));
        let texts: Vec<&str> = joined.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Các phong trào thi đua tập trung hướng đến chào mừng; kỷ niệm 70 chiến thắng Điện Biên Phủ.",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "Ban chấp hành công đoàn cơ sở chủ động xây dựng kế hoạch.",
                "Thực hiện tốt các nhiệm vụ năm 2024 của đơn vị mình",
                "1.1. Nội dung",
            ]
        );
        assert_eq!(joined[3].number, 5);
    }

    #[test]
    fn item_numbers() {
        assert_eq!(item_number("1.1. Phát động"), Some(("1.1", "Phát động")));
        assert_eq!(item_number("2.3 Vận động"), Some(("2.3", "Vận động")));
        assert_eq!(item_number("1. Mục đích"), Some(("1", "Mục đích")));
        assert_eq!(item_number("2) Yêu cầu"), Some(("2", "Yêu cầu")));
        assert_eq!(item_number("70 chiến thắng"), None);
        assert_eq!(item_number("2024."), None);
        assert_eq!(item_number(""), None);
    }

    #[test]
    fn plain_drops_emphasis() {
        assert_eq!(plain("***“Đổi mới”***."), "“Đổi mới”.");
        assert_eq!(plain("**Đợt 1:** Từ"), "Đợt 1: Từ");
        assert_eq!(unbullet("- Lưu VP."), "Lưu VP.");
    }
}
