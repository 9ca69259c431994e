//! Generated stories for the bundled campaign plan, to test and measure the preview on a large
//! site. Deterministic: the same count always gives the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng", "Xuân"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Khánh", "Lan",
    "Linh", "Long", "Mai", "Nam", "Ngọc", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn",
    "Vân",
];
/// Award titles and sector ids of the bundled plan (content/plan.yaml).
const AWARDS: &[&str] = &[
    "Người tốt, việc tốt",
    "Công nhân giỏi",
    "Sáng kiến, sáng tạo",
    "Chiến sĩ thi đua cấp cơ sở",
];
const SECTORS: &[&str] = &["doanh-nghiep", "hanh-chinh-su-nghiep"];

/// The generated story `index` (0-based) as file name and text.
pub fn story(index: usize) -> (String, String) {
    let name = format!(
        "{} {} {} {}",
        FAMILY[index % FAMILY.len()],
        MIDDLE[(index / FAMILY.len()) % MIDDLE.len()],
        GIVEN[(index / (FAMILY.len() * MIDDLE.len())) % GIVEN.len()],
        // The numbered suffix keeps every name, and so every URL, unique.
        index + 1
    );
    let unit = format!("Công ty Cổ phần Sản xuất số {}", index % 40 + 1);
    let date = format!("2024-{:02}-{:02}", index % 12 + 1, index % 28 + 1);
    let mut body = String::new();
    for paragraph in 0..4 {
        if paragraph == 2 {
            body.push_str("## Những con số ấn tượng\n\n");
            for item in 0..3 {
                let _ = writeln!(
                    body,
                    "- Tiết kiệm {} triệu đồng chi phí nhờ cải tiến số {}",
                    (index + item) % 90 + 10,
                    item + 1
                );
            }
            body.push('\n');
        }
        let _ = writeln!(
            body,
            "Anh chị {name} là người lao động tiêu biểu của {unit}. Trong đợt thi đua, \
             anh chị đã đề xuất **{} sáng kiến**, giúp giảm thời gian sản xuất và nâng cao \
             chất lượng sản phẩm. Đồng nghiệp đánh giá cao tinh thần trách nhiệm, sự tận tụy \
             và tinh thần sẵn sàng giúp đỡ mọi người trong công việc hằng ngày ({paragraph}).\n",
            index % 7 + 1
        );
    }
    let text = format!(
        "---\nname: \"{name}\"\nheadline: \"Gương điển hình số {number}: {name}\"\n\
         unit: \"{unit}\"\nsector: {sector}\naward: \"{award}\"\ndate: {date}\n---\n\n{body}",
        number = index + 1,
        sector = SECTORS[index % SECTORS.len()],
        award = AWARDS[index % AWARDS.len()],
    );
    (format!("generated-{:05}.md", index + 1), text)
}

/// Adds `count` generated stories to `site/content/stories/` (a copy of the bundled site).
pub fn add_stories(site: &Path, count: usize) {
    let dir = site.join("content/stories");
    fs::create_dir_all(&dir).unwrap();
    for index in 0..count {
        let (file, text) = story(index);
        fs::write(dir.join(file), text).unwrap();
    }
}
