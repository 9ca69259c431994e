//! Vietnamese ordering with ICU4X's collator for the `vi` locale (a ă â b c d đ e ê … and
//! tones ngang < huyền < hỏi < ngã < sắc < nặng), and the people order readers expect:
//! by given name (the last word, "Nguyễn Văn An" under A), then by the rest.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale::locale;

fn collator() -> &'static CollatorBorrowed<'static> {
    static COLLATOR: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    COLLATOR.get_or_init(|| {
        Collator::try_new(locale!("vi").into(), CollatorOptions::default())
            .expect("the compiled collation data includes Vietnamese")
    })
}

/// Compares two texts (unit names, titles) in Vietnamese order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

/// Compares two people's names: given name first, then family and middle names, then the
/// whole name (so the order is total and stable).
pub fn compare_names(a: &str, b: &str) -> Ordering {
    let (a_rest, a_given) = split_given_name(a);
    let (b_rest, b_given) = split_given_name(b);
    compare(a_given, b_given)
        .then_with(|| compare(a_rest, b_rest))
        .then_with(|| a.cmp(b))
}

/// "Nguyễn Văn An" → ("Nguyễn Văn", "An").
fn split_given_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((rest, given)) => (rest.trim_end(), given),
        None => ("", name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_names_in_vietnamese_order() {
        let expected = [
            "Dương Văn An",
            "Đỗ Văn An",
            "Nguyễn Văn An",
            "Trần Thị Ánh",
            "Lê Văn Ân",
            "Phạm Thanh Bình",
            "Hoàng Thị Chi",
            "Vũ Mạnh Cường",
            "Đặng Tiến Dũng",
            "Bùi Quốc Đạt",
            "Ngô Minh Đức",
            "Đỗ Thu Hà",
            "Dương Văn Hải",
            "Lý Thị Hạnh",
            "Nguyễn Thị Hương",
            "Trần Thị Hương",
            "Võ Thị Hường",
            "Trần Văn Hướng",
            "Nguyễn Văn Khoa",
            "Mai Thị Yến",
        ];
        let mut shuffled = expected.to_vec();
        shuffled.reverse();
        shuffled.swap(3, 11);
        shuffled.swap(0, 7);
        shuffled.sort_by(|a, b| compare_names(a, b));
        assert_eq!(shuffled, expected);
    }

    #[test]
    fn letters_and_tones_follow_the_vietnamese_alphabet() {
        assert_eq!(compare("Dung", "Đông"), Ordering::Less, "d before đ");
        assert_eq!(compare("Ang", "Ăng"), Ordering::Less, "a before ă");
        assert_eq!(compare("Ăng", "Âng"), Ordering::Less, "ă before â");
        assert_eq!(compare("Ong", "Ông"), Ordering::Less);
        assert_eq!(compare("Ông", "Ơn"), Ordering::Less);
        assert_eq!(compare("Uyên", "Ưng"), Ordering::Less);
        assert_eq!(
            compare("Zeta", "Đông"),
            Ordering::Greater,
            "not code-point order"
        );
        let mut tones = ["má", "mạ", "mã", "mà", "ma", "mả"];
        tones.sort_by(|a, b| compare(a, b));
        assert_eq!(tones, ["ma", "mà", "mả", "mã", "má", "mạ"]);
    }
}
