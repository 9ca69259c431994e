//! Lays the recognised facts out as a `plan.yaml` in the order and with the comments of the
//! starter plan (`thidua init`): every value says where it came from, every guess or gap is
//! marked `# KIỂM TRA: …`. Pure: returns the text and the summary.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::dates::Start;
use super::recognise::{Extracted, Fact, ItemList, Text};

/// The marker a person searches for before publishing.
pub const REVIEW: &str = "KIỂM TRA";

/// What the writer produced: the plan's text, and lists for the summary.
#[derive(Debug, Clone, Default)]
pub struct Written {
    pub yaml: String,
    /// Fields read from the document.
    pub found: Vec<String>,
    /// `field: what to check`, in the plan's order.
    pub review: Vec<String>,
    /// Required fields that are missing: the plan does not build until they are filled in.
    pub missing: Vec<String>,
}

/// Where the values came from, for the comments: "dòng" in a text or PDF file, "đoạn" in a
/// Word file.
pub struct Source<'a> {
    pub file_name: &'a str,
    pub unit: &'a str,
}

struct Out<'a> {
    text: String,
    source: &'a Source<'a>,
    written: Written,
}

/// A YAML double-quoted scalar: safe for any text.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || c == '\u{2028}'
                || c == '\u{2029}'
                || c == '\u{85}'
                || c == '\u{feff}' =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl Out<'_> {
    fn line(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    fn comment_for(&self, about: &str, line: Option<usize>, review: Option<&str>) -> String {
        let mut parts = Vec::new();
        if !about.is_empty() {
            parts.push(about.to_string());
        }
        if let Some(line) = line {
            parts.push(format!("{} {line}", self.source.unit));
        }
        if let Some(note) = review {
            parts.push(format!("{REVIEW}: {note}"));
        }
        parts.join(" · ")
    }

    // Each argument is one part of the written line; a struct would only rename them.
    #[allow(clippy::too_many_arguments)]
    /// `key: value  # about · dòng N · KIỂM TRA: …`; the comment goes above a long value.
    fn field(
        &mut self,
        indent: usize,
        key: &str,
        value: &str,
        about: &str,
        line: Option<usize>,
        review: Option<&str>,
        label: &str,
    ) {
        let pad = " ".repeat(indent);
        let comment = self.comment_for(about, line, review);
        let head = format!("{pad}{key}: {value}");
        if comment.is_empty() {
            self.line(&head);
        } else if head.chars().count() > 70 {
            self.line(&format!("{pad}# {comment}"));
            self.line(&head);
        } else {
            let width = 52usize.saturating_sub(head.chars().count()).max(1);
            self.line(&format!("{head}{}# {comment}", " ".repeat(width)));
        }
        if let Some(note) = review {
            self.written.review.push(format!("{label}: {note}"));
        } else if line.is_some() {
            self.written.found.push(label.to_string());
        }
    }

    fn text_fact(&mut self, indent: usize, key: &str, fact: &Text, about: &str, label: &str) {
        self.field(
            indent,
            key,
            &quote(&fact.value),
            about,
            Some(fact.line),
            fact.review.as_deref(),
            label,
        );
    }

    fn date_fact(
        &mut self,
        indent: usize,
        key: &str,
        fact: &Fact<NaiveDate>,
        about: &str,
        label: &str,
    ) {
        self.field(
            indent,
            key,
            &iso(fact.value),
            about,
            Some(fact.line),
            fact.review.as_deref(),
            label,
        );
    }

    /// A field the document did not give: commented out, so the plan says what to fill in.
    fn absent(
        &mut self,
        indent: usize,
        key: &str,
        example: &str,
        note: &str,
        required: bool,
        label: &str,
    ) {
        let pad = " ".repeat(indent);
        self.line(&format!("{pad}# {key}: {example}   # {REVIEW}: {note}"));
        if required {
            self.written.missing.push(format!("{label}: {note}"));
        } else {
            self.written.review.push(format!("{label}: {note}"));
        }
    }

    fn optional_text(
        &mut self,
        indent: usize,
        key: &str,
        fact: Option<&Text>,
        about: &str,
        label: &str,
    ) {
        if let Some(fact) = fact {
            self.text_fact(indent, key, fact, about, label);
        }
    }

    fn text_list(&mut self, indent: usize, key: &str, items: &[Text], about: &str, label: &str) {
        if items.is_empty() {
            return;
        }
        let pad = " ".repeat(indent);
        let head = format!("{pad}{key}:");
        if about.is_empty() {
            self.line(&head);
        } else {
            self.line(&format!(
                "{head}{}# {about}",
                " ".repeat(52usize.saturating_sub(head.chars().count()).max(1))
            ));
        }
        for item in items {
            let comment = self.comment_for("", Some(item.line), item.review.as_deref());
            self.line(&format!("{pad}  - {}   # {comment}", quote(&item.value)));
        }
        self.written.found.push(label.to_string());
    }
}

/// Writes the plan for `plan`.
pub fn write(plan: &Extracted, source: &Source) -> Written {
    let mut out = Out {
        text: String::new(),
        source,
        written: Written::default(),
    };
    out.line(&format!(
        "# Kế hoạch phát động phong trào thi đua, nhập từ “{}” bằng `thidua import plan`.",
        source.file_name.replace('\n', " ")
    ));
    out.line(&format!(
        "# Mỗi giá trị ghi nguồn ({} trong văn bản); chỗ có “{REVIEW}” cần người xem lại.",
        source.unit
    ));
    out.line("# Sửa xong, chạy `thidua check` để kiểm tra.");
    out.line("# Ngày viết theo dạng YYYY-MM-DD. Chữ trong kế hoạch có thể dùng Markdown: *nghiêng*, **đậm**.");
    out.line("");
    write_document(&mut out, plan);
    write_campaign(&mut out, plan);
    write_sections(&mut out, plan);
    write_phases(&mut out, plan);
    write_anniversaries(&mut out, plan);
    write_awards(&mut out, plan);
    write_closing(&mut out, plan);
    out.written.yaml = out.text;
    out.written
}

fn write_document(out: &mut Out, plan: &Extracted) {
    out.line("# Thông tin văn bản (hiện ở đầu trang “Kế hoạch”).");
    out.line("document:");
    match &plan.kind {
        Some(kind) => out.text_fact(2, "kind", kind, "loại văn bản", "document.kind"),
        None => out.absent(
            2,
            "kind",
            "\"Kế hoạch\"",
            "không thấy loại văn bản; mặc định “Kế hoạch”",
            false,
            "document.kind",
        ),
    }
    match &plan.number {
        Some(number) => out.text_fact(
            2,
            "number",
            number,
            "số, ký hiệu văn bản",
            "document.number",
        ),
        None => out.absent(
            2,
            "number",
            "\"\"",
            "văn bản không có số (bỏ trống nếu đúng như vậy)",
            false,
            "document.number",
        ),
    }
    out.optional_text(
        2,
        "parent_issuer",
        plan.parent_issuer.as_ref(),
        "cơ quan cấp trên",
        "document.parent_issuer",
    );
    match &plan.issuer {
        Some(issuer) => out.text_fact(2, "issuer", issuer, "cơ quan ban hành", "document.issuer"),
        None => out.absent(
            2,
            "issuer",
            "\"\"",
            "không tìm thấy cơ quan ban hành",
            true,
            "document.issuer",
        ),
    }
    match &plan.place {
        Some(place) => out.text_fact(
            2,
            "place",
            place,
            "địa danh ở dòng ngày tháng",
            "document.place",
        ),
        None => out.absent(
            2,
            "place",
            "\"\"",
            "không tìm thấy địa danh",
            true,
            "document.place",
        ),
    }
    match &plan.date {
        Some(date) => out.date_fact(2, "date", date, "ngày ban hành", "document.date"),
        None => out.absent(
            2,
            "date",
            "YYYY-MM-DD",
            "không tìm thấy ngày ban hành",
            true,
            "document.date",
        ),
    }
    match &plan.title {
        Some(title) => out.text_fact(2, "title", title, "trích yếu", "document.title"),
        None => out.absent(
            2,
            "title",
            "\"\"",
            "không tìm thấy trích yếu",
            true,
            "document.title",
        ),
    }
    out.optional_text(2, "basis", plan.basis.as_ref(), "căn cứ", "document.basis");
    out.text_list(
        2,
        "context",
        &plan.context,
        "các đoạn nêu bối cảnh",
        "document.context",
    );
    out.optional_text(
        2,
        "preamble",
        plan.preamble.as_ref(),
        "lời dẫn",
        "document.preamble",
    );
    out.line("");
}

fn write_campaign(out: &mut Out, plan: &Extracted) {
    out.line("# Phong trào thi đua: tên ngắn và thời gian.");
    out.line("campaign:");
    match &plan.campaign.name {
        Some(name) => out.text_fact(
            2,
            "name",
            name,
            "tên ngắn, dùng khắp trang",
            "campaign.name",
        ),
        None => out.absent(
            2,
            "name",
            "\"\"",
            "đặt tên ngắn cho phong trào",
            true,
            "campaign.name",
        ),
    }
    match &plan.campaign.start {
        Some(start) => out.date_fact(
            2,
            "start",
            start,
            "ngày bắt đầu (ngày đầu của đợt sớm nhất)",
            "campaign.start",
        ),
        None => out.absent(
            2,
            "start",
            "YYYY-MM-DD",
            "không suy ra được ngày bắt đầu",
            true,
            "campaign.start",
        ),
    }
    match &plan.campaign.end {
        Some(end) => out.date_fact(
            2,
            "end",
            end,
            "ngày kết thúc (ngày cuối của đợt muộn nhất)",
            "campaign.end",
        ),
        None => out.absent(
            2,
            "end",
            "YYYY-MM-DD",
            "không suy ra được ngày kết thúc",
            true,
            "campaign.end",
        ),
    }
    if plan.phases.iter().any(|p| p.start == Some(Start::Launch)) {
        out.absent(2, "launch", "YYYY-MM-DD", "văn bản không ghi ngày phát động; điền khi biết (đến lúc đó trang ghi “chưa xác định ngày”)", false, "campaign.launch");
    }
    out.line("");
    if !plan.themes.is_empty() {
        out.line("# Chủ đề năm (không bắt buộc).");
        out.line("themes:");
        for theme in &plan.themes {
            let comment = out.comment_for(
                "cấp đưa ra chủ đề",
                Some(theme.level.line),
                theme.level.review.as_deref(),
            );
            out.line(&format!(
                "  - level: {}   # {comment}",
                quote(&theme.level.value)
            ));
            out.field(
                4,
                "text",
                &quote(&theme.text.value),
                "nội dung chủ đề",
                Some(theme.text.line),
                None,
                "themes.text",
            );
            if let Some(note) = &theme.level.review {
                out.written
                    .review
                    .push(format!("themes.level “{}”: {note}", theme.level.value));
            }
        }
        out.line("");
    }
}

fn write_sections(out: &mut Out, plan: &Extracted) {
    if let Some(purpose) = &plan.purpose {
        out.line("# I. Mục đích, yêu cầu (không bắt buộc).");
        out.line("purpose:");
        out.optional_text(
            2,
            "heading",
            purpose.heading.as_ref(),
            "tiêu đề mục",
            "purpose.heading",
        );
        out.text_list(
            2,
            "purpose",
            &purpose.purpose,
            "các ý về mục đích",
            "purpose.purpose",
        );
        out.text_list(
            2,
            "requirements",
            &purpose.requirements,
            "các ý về yêu cầu",
            "purpose.requirements",
        );
        out.line("");
    }
    if let Some(sectors) = &plan.sectors {
        out.line("# II. Nội dung thi đua theo từng khối (không bắt buộc). Khi có khối, mỗi bài viết ghi `sector`.");
        out.line("sectors:");
        out.optional_text(
            2,
            "heading",
            sectors.heading.as_ref(),
            "tiêu đề mục",
            "sectors.heading",
        );
        out.line("  list:");
        for sector in &sectors.list {
            let line = sector.name.line;
            out.field(
                4,
                "- id",
                &sector.id,
                "mã khối, dùng trong bài viết: `sector:`",
                Some(line),
                None,
                "sectors.id",
            );
            out.field(
                6,
                "number",
                &quote(&sector.number),
                "số thứ tự trong văn bản",
                Some(line),
                None,
                "sectors.number",
            );
            out.text_fact(6, "name", &sector.name, "tên đầy đủ", "sectors.name");
            out.field(
                6,
                "short_name",
                &quote(&sector.short_name),
                "tên ngắn hiện trên trang",
                None,
                Some("tên ngắn đặt theo tên khối; sửa nếu cần"),
                "sectors.short_name",
            );
            out.line("      items:");
            for item in &sector.items {
                out.field(
                    8,
                    "- number",
                    &quote(&item.number),
                    "số thứ tự",
                    Some(item.text.line),
                    None,
                    "sectors.items.number",
                );
                out.text_fact(10, "text", &item.text, "nội dung", "sectors.items.text");
                write_movements(out, &item.movements);
            }
        }
        out.line("");
    }
    if let Some(schedule) = &plan.schedule {
        out.line("# III. Thời gian tổ chức (không bắt buộc).");
        out.line("schedule:");
        out.optional_text(
            2,
            "heading",
            schedule.heading.as_ref(),
            "tiêu đề mục",
            "schedule.heading",
        );
        out.optional_text(
            2,
            "intro",
            schedule.intro.as_ref(),
            "lời dẫn",
            "schedule.intro",
        );
        out.line("");
    }
}

fn write_movements(out: &mut Out, movements: &[String]) {
    if movements.is_empty() {
        out.line("          movements: []");
        return;
    }
    out.line("          movements:                            # tên phong trào trong ngoặc kép; bài viết ghi `movement:` đúng tên này");
    for movement in movements {
        out.line(&format!("            - {}", quote(movement)));
    }
    out.written
        .found
        .push("sectors.items.movements".to_string());
}

fn write_phases(out: &mut Out, plan: &Extracted) {
    out.line("# Các đợt thi đua (ít nhất một đợt).");
    if plan.phases.is_empty() {
        out.line("phases: []");
        out.written.missing.push(format!("phases: không tìm thấy đợt thi đua nào (dòng “Đợt 1: Từ … đến …”); thêm ít nhất một đợt ({REVIEW})"));
        out.line("");
        return;
    }
    out.line("phases:");
    let mut seen_ranges: Vec<(String, NaiveDate, NaiveDate)> = Vec::new();
    for phase in &plan.phases {
        let line = phase.name.line;
        let review = (!phase.review.is_empty()).then(|| phase.review.join("; "));
        out.field(
            2,
            "- id",
            &phase.id,
            "mã đợt",
            Some(line),
            None,
            "phases.id",
        );
        out.field(
            4,
            "name",
            &quote(&phase.name.value),
            "tên đợt",
            Some(line),
            review.as_deref(),
            "phases.name",
        );
        let label = format!("phases “{}”", phase.name.value);
        match phase.start {
            Some(Start::Date(date)) => out.field(
                4,
                "start",
                &iso(date),
                "ngày bắt đầu",
                Some(line),
                None,
                "phases.start",
            ),
            Some(Start::Launch) => out.field(
                4,
                "start",
                "launch",
                "từ ngày phát động",
                Some(line),
                None,
                "phases.start",
            ),
            Some(Start::Document) => out.field(
                4,
                "start",
                "document",
                "“từ nay”: từ ngày ban hành văn bản",
                Some(line),
                None,
                "phases.start",
            ),
            Some(Start::After(date)) => out.field(
                4,
                "start",
                &format!("after {}", iso(date)),
                "“sau” ngày này: bắt đầu từ hôm sau",
                Some(line),
                None,
                "phases.start",
            ),
            None => out.absent(
                4,
                "start",
                "YYYY-MM-DD",
                "không đọc được ngày bắt đầu",
                true,
                &label,
            ),
        }
        match phase.end {
            Some(end) => out.field(
                4,
                "end",
                &iso(end),
                "ngày kết thúc",
                Some(line),
                None,
                "phases.end",
            ),
            None => out.absent(
                4,
                "end",
                "YYYY-MM-DD",
                "không đọc được ngày kết thúc",
                true,
                &label,
            ),
        }
        if let (Some(Start::Date(start)), Some(end)) = (phase.start, phase.end) {
            let overlapping: Vec<&str> = seen_ranges
                .iter()
                .filter(|(_, s, e)| start <= *e && *s <= end)
                .map(|(id, _, _)| id.as_str())
                .collect();
            if !overlapping.is_empty() {
                let ids = overlapping.join(", ");
                out.field(
                    4,
                    "overlaps",
                    &format!("[{ids}]"),
                    "văn bản cho các đợt này trùng thời gian",
                    Some(line),
                    Some("các đợt trùng thời gian; xoá dòng này nếu không cố ý"),
                    "phases.overlaps",
                );
            }
            seen_ranges.push((phase.id.clone(), start, end));
        }
        if let Some(period) = &phase.period_text {
            out.field(
                4,
                "period_text",
                &quote(period),
                "thời gian như văn bản ghi",
                Some(line),
                None,
                "phases.period_text",
            );
        }
        if let Some(theme) = &phase.theme {
            out.field(
                4,
                "theme",
                &quote(theme),
                "chủ đề đợt",
                Some(line),
                None,
                "phases.theme",
            );
        }
        out.optional_text(
            4,
            "focus",
            phase.focus.as_ref(),
            "trọng tâm",
            "phases.focus",
        );
    }
    out.line("");
}

fn write_anniversaries(out: &mut Out, plan: &Extracted) {
    if plan.anniversaries.is_empty() {
        return;
    }
    out.line("# Các ngày kỷ niệm: mỗi ngày có trang đếm ngược. Mỗi ngày ghi một trong ba cách:");
    out.line("# `origin` (ngày gốc có năm), `day` (ngày dương lịch hằng năm), `lunar` (ngày âm lịch hằng năm).");
    out.line("anniversaries:");
    let mut ids = BTreeSet::new();
    for anniversary in &plan.anniversaries {
        let line = Some(anniversary.line);
        let mut id = anniversary.id.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{}-{n}", anniversary.id);
            n += 1;
        }
        out.field(2, "- id", &id, "mã", line, None, "anniversaries.id");
        out.field(
            4,
            "name",
            &quote(&anniversary.name),
            "tên ngày kỷ niệm",
            line,
            anniversary.review.as_deref(),
            &format!("anniversaries “{}”", anniversary.name),
        );
        if let Some(origin) = anniversary.origin {
            out.field(
                4,
                "origin",
                &iso(origin),
                "ngày gốc có năm",
                line,
                None,
                "anniversaries.origin",
            );
        }
        if let Some(lunar) = &anniversary.lunar {
            out.field(
                4,
                "lunar",
                &quote(lunar),
                "ngày/tháng âm lịch",
                line,
                None,
                "anniversaries.lunar",
            );
        }
        match anniversary.ordinal {
            Some(ordinal) => out.field(4, "ordinal", &ordinal.to_string(), "lần kỷ niệm như văn bản ghi", line, None, "anniversaries.ordinal"),
            None if anniversary.origin.is_some() => out.line(&format!("    # ordinal: …   # {REVIEW}: lần kỷ niệm văn bản ghi không khớp với ngày gốc; xem dòng “name”")),
            None => {}
        }
        if let Some(phase) = &anniversary.phase {
            out.field(
                4,
                "phase",
                phase,
                "thuộc đợt (theo ngày)",
                line,
                None,
                "anniversaries.phase",
            );
        }
        out.field(
            4,
            "plan_wording",
            &quote(&anniversary.wording),
            "lời văn bản",
            line,
            None,
            "anniversaries.plan_wording",
        );
    }
    out.line("");
}

fn write_awards(out: &mut Out, plan: &Extracted) {
    out.line("# Danh hiệu thi đua các đơn vị đăng ký. Bài viết ghi `award:` theo tên hoặc mã.");
    if plan.awards.is_empty() {
        out.line(&format!("awards: []                                        # {REVIEW}: không thấy “danh hiệu:” trong văn bản"));
        out.written
            .review
            .push("awards: không thấy danh hiệu thi đua nào".to_string());
        out.line("");
        return;
    }
    out.line("awards:");
    for award in &plan.awards {
        out.field(
            2,
            "- id",
            &crate::text::slugify(&award.value),
            "mã",
            Some(award.line),
            None,
            "awards.id",
        );
        out.text_fact(4, "name", award, "tên danh hiệu", "awards.name");
        out.line("    # description: \"\"   # mô tả ngắn (không bắt buộc; văn bản không ghi)");
    }
    out.line("");
}

fn write_list(out: &mut Out, indent: usize, key: &str, list: &ItemList, label: &str) {
    let pad = " ".repeat(indent);
    out.line(&format!("{pad}{key}:"));
    out.text_fact(indent + 2, "heading", &list.heading, "tiêu đề", label);
    out.line(&format!("{pad}  items:"));
    for (number, text) in &list.items {
        out.field(
            indent + 4,
            "- number",
            &quote(number),
            "số thứ tự",
            Some(text.line),
            None,
            label,
        );
        out.text_fact(indent + 6, "text", text, "nội dung", label);
    }
}

fn write_closing(out: &mut Out, plan: &Extracted) {
    if let Some(implementation) = &plan.implementation {
        out.line("# IV. Tổ chức thực hiện (không bắt buộc).");
        out.line("implementation:");
        out.optional_text(
            2,
            "heading",
            implementation.heading.as_ref(),
            "tiêu đề mục",
            "implementation.heading",
        );
        if let Some(list) = &implementation.solutions {
            write_list(out, 2, "solutions", list, "implementation.solutions");
        }
        if let Some(list) = &implementation.organization {
            write_list(out, 2, "organization", list, "implementation.organization");
        }
        out.optional_text(
            2,
            "closing",
            implementation.closing.as_ref(),
            "đoạn kết",
            "implementation.closing",
        );
        out.line("");
    }
    match &plan.registration_email {
        Some(email) => out.text_fact(
            0,
            "registration_email",
            email,
            "nơi đơn vị gửi đăng ký",
            "registration_email",
        ),
        None => out.absent(
            0,
            "registration_email",
            "\"\"",
            "văn bản không ghi địa chỉ nhận đăng ký (không bắt buộc)",
            false,
            "registration_email",
        ),
    }
    out.text_list(0, "recipients", &plan.recipients, "nơi nhận", "recipients");
    let signer = &plan.signer;
    if signer.on_behalf.is_some() || signer.title.is_some() || signer.name.is_some() {
        let pad = 52usize.saturating_sub("signer:".len());
        out.line(&format!("signer:{}# người ký", " ".repeat(pad)));
        out.optional_text(
            2,
            "on_behalf",
            signer.on_behalf.as_ref(),
            "thay mặt",
            "signer.on_behalf",
        );
        out.optional_text(2, "title", signer.title.as_ref(), "chức vụ", "signer.title");
        match &signer.name {
            Some(name) => out.text_fact(2, "name", name, "họ tên", "signer.name"),
            None => out.absent(
                2,
                "name",
                "\"\"",
                "không đọc được họ tên người ký",
                true,
                "signer.name",
            ),
        }
    } else {
        out.written
            .review
            .push("signer: không thấy khối chữ ký".to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_any_text() {
        for text in [
            "a \"b\" \\ c",
            "# không phải chú thích",
            "x: y",
            "dòng\nmới\u{7}",
            "- *đậm*",
            "'",
        ] {
            let yaml = format!("v: {}\n", quote(text));
            let value: yaml_serde::Value = yaml_serde::from_str(&yaml).unwrap();
            let expected: String = text.to_string();
            assert_eq!(value["v"].as_str(), Some(expected.as_str()), "{text:?}");
        }
    }
}
