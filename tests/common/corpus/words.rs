//! Word banks for the generated corpus: Vietnamese names, units and sentence templates, so a
//! generated story reads like a real one (and exercises the same Markdown and Unicode paths).
//! Name lists are kept dense (`rustfmt::skip`): one name per line would only add length.

#[rustfmt::skip]
pub const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Lương", "Mai", "Cao", "Tạ", "Đoàn", "Lâm",
    "Hà", "Trịnh", "Kiều", "Quách", "Tô", "Vương", "Chu", "Khúc",
];

#[rustfmt::skip]
pub const MALE_MIDDLE_NAMES: &[&str] = &[
    "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Tiến", "Mạnh", "Đình",
    "Ngọc", "Trọng", "Quốc", "Hoàng", "Bá", "Duy", "Gia",
];

#[rustfmt::skip]
pub const FEMALE_MIDDLE_NAMES: &[&str] = &[
    "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Kim", "Bích", "Diệu", "Hải",
    "Khánh", "Mỹ", "Lan", "Thúy", "Quỳnh", "Bảo", "Tuyết",
];

#[rustfmt::skip]
pub const MALE_GIVEN_NAMES: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khải",
    "Khánh", "Kiên", "Lâm", "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quyết",
    "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
    "Vũ", "Hưng", "Lộc", "Tâm", "Hoà", "Đông", "Khoa",
];

#[rustfmt::skip]
pub const FEMALE_GIVEN_NAMES: &[&str] = &[
    "Anh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung",
    "Oanh", "Phượng", "Quyên", "Tâm", "Thảo", "Thơ", "Thủy", "Trang", "Tuyết", "Vân", "Yến",
    "Xuân", "Ánh", "Diệp", "Hậu", "Lụa", "Nguyệt", "Trinh",
];

/// Sector ids, names and the movements the generated plan lists for them.
pub const SECTORS: &[(&str, &str, &[&str])] = &[
    (
        "doanh-nghiep",
        "Khối doanh nghiệp",
        &[
            "Lao động giỏi, lao động sáng tạo",
            "Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động",
        ],
    ),
    (
        "hanh-chinh-su-nghiep",
        "Khối hành chính sự nghiệp",
        &[
            "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
            "Người tốt, việc tốt",
        ],
    ),
    (
        "giao-duc",
        "Khối giáo dục",
        &["Dạy tốt – học tốt", "Đổi mới, sáng tạo trong dạy và học"],
    ),
];

/// Units with the index of their sector in `SECTORS`.
pub const UNITS: &[(&str, usize)] = &[
    ("Công ty TNHH May mặc Bãi Giữa", 0),
    ("Công ty CP Vận tải hành khách Sông Hồng Xanh", 0),
    ("Công ty TNHH Cơ khí chính xác Sài Đồng", 0),
    ("Công ty CP Dược phẩm Phúc Lợi", 0),
    ("Công ty TNHH Điện tử Việt Hưng", 0),
    ("Công ty CP Nước giải khát Gia Lâm", 0),
    ("Công ty TNHH Thực phẩm sạch Ngọc Thụy", 0),
    ("Công ty CP Xây dựng và Phát triển đô thị Thạch Bàn", 0),
    ("Công ty TNHH Bao bì Long Biên", 0),
    ("Xí nghiệp Môi trường đô thị Long Biên", 0),
    ("Công ty TNHH Linh kiện ô tô Đức Giang", 0),
    ("Công ty CP Thương mại Việt Phát", 0),
    ("Công ty TNHH Dệt kim Đông Xuân Mới", 0),
    ("Công ty CP In và Truyền thông Hồng Hà", 0),
    ("Công ty TNHH Nhựa kỹ thuật Phúc Đồng", 0),
    ("Công ty CP Logistics Gia Thụy", 0),
    ("Khách sạn Bến Sông", 0),
    ("Công ty TNHH Chế biến nông sản Cự Khối", 0),
    ("Hợp tác xã Rau an toàn Long Biên", 0),
    ("Công ty CP Cơ điện lạnh Ngọc Lâm", 0),
    ("Bệnh viện Đa khoa Bồ Đề", 1),
    ("Trung tâm Y tế quận Long Biên", 1),
    ("UBND phường Ngọc Lâm", 1),
    ("UBND phường Bồ Đề", 1),
    ("UBND phường Việt Hưng", 1),
    ("Trung tâm Văn hóa – Thông tin và Thể thao quận", 1),
    ("Ban Quản lý dự án đầu tư xây dựng quận", 1),
    ("Trạm Y tế phường Long Biên", 1),
    ("Đội Quản lý trật tự đô thị quận", 1),
    ("Thư viện quận Long Biên", 1),
    ("Trường Mầm non Hoa Sữa", 2),
    ("Trường Mầm non Ánh Sao", 2),
    ("Trường Tiểu học Ái Mộ", 2),
    ("Trường Tiểu học Gia Thụy", 2),
    ("Trường Tiểu học Đoàn Khuê", 2),
    ("Trường THCS Ngọc Lâm", 2),
    ("Trường THCS Thượng Thanh", 2),
    ("Trường THCS Phúc Lợi", 2),
    ("Trường THPT Thạch Bàn", 2),
    (
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên quận",
        2,
    ),
];

/// Jobs per sector (same order as `SECTORS`).
#[rustfmt::skip]
pub const ROLES: &[&[&str]] = &[
    &[
        "công nhân may", "thợ hàn", "kỹ thuật viên bảo trì", "lái xe buýt",
        "công nhân vận hành dây chuyền", "tổ trưởng sản xuất", "nhân viên kho", "kỹ sư điện",
        "thợ tiện", "công nhân vệ sinh môi trường",
    ],
    &[
        "điều dưỡng", "bác sĩ", "cán bộ địa chính", "kế toán", "cán bộ văn hóa", "y sĩ",
        "cán bộ một cửa", "thủ thư",
    ],
    &[
        "giáo viên", "cô nuôi dạy trẻ", "nhân viên thư viện", "giáo viên chủ nhiệm",
        "nhân viên y tế học đường", "giáo viên Toán", "giáo viên Ngữ văn",
    ],
];

pub const AWARDS: &[(&str, &str, &str)] = &[
    (
        "nguoi-tot-viec-tot",
        "Người tốt, việc tốt",
        "Biểu dương cá nhân có hành động, việc làm tốt, tiêu biểu trong lao động và cuộc sống.",
    ),
    (
        "cong-nhan-gioi",
        "Công nhân giỏi",
        "Dành cho người lao động có tay nghề giỏi, năng suất và chất lượng lao động cao.",
    ),
    (
        "sang-kien-sang-tao",
        "Sáng kiến, sáng tạo",
        "Dành cho người lao động có sáng kiến, cải tiến kỹ thuật, giải pháp nâng cao hiệu quả công việc.",
    ),
    (
        "chien-si-thi-dua-cap-co-so",
        "Chiến sĩ thi đua cấp cơ sở",
        "Danh hiệu theo Luật Thi đua, khen thưởng dành cho cá nhân có thành tích tiêu biểu ở cấp cơ sở.",
    ),
];

/// Headlines; `{role}` is the worker's job.
pub const HEADLINES: &[&str] = &[
    "Người {role} nhiều năm liền vượt định mức",
    "Người {role} với những sáng kiến làm lợi hàng trăm triệu đồng",
    "Người {role} lặng lẽ giúp đỡ đồng nghiệp khó khăn",
    "Từ {role} trẻ đến tấm gương “Lao động giỏi” của đơn vị",
    "Người {role} trả lại tài sản đánh rơi cho người dân",
    "Người {role} tận tụy với từng việc nhỏ",
    "Hai mươi năm một nghề: chuyện của người {role}",
    "Người {role} truyền lửa nghề cho lớp trẻ",
    "Người {role} đi đầu trong chuyển đổi số",
    "Người {role} không ngại khó, không ngại khổ",
    "Người {role} và cải tiến giúp tiết kiệm điện năng",
    "Người {role} trong những ngày cao điểm",
];

/// Sentences; placeholders: `{short}` ("anh Khải"), `{Short}` ("Anh Khải"), `{name}`,
/// `{unit}`, `{role}`, `{years}`, `{n}`, `{pct}`, `{award}`, `{movement}`, `{year}`.
pub const OPENINGS: &[&str] = &[
    "Gắn bó với {unit} đã {years} năm, {short} được đồng nghiệp gọi vui là “người giữ lửa” của tổ.",
    "Ở {unit}, nhắc đến {name} là ai cũng nhớ tới một {role} cần mẫn, đến sớm về muộn.",
    "Năm {year}, {short} là một trong những gương mặt tiêu biểu được {unit} đề nghị biểu dương.",
    "Không ồn ào, không phô trương, {short} lặng lẽ làm tốt phần việc của mình suốt {years} năm qua.",
    "Bước vào nghề {role} từ khi mới ngoài hai mươi tuổi, {short} chưa một lần nghĩ tới chuyện bỏ nghề.",
];

pub const SENTENCES: &[&str] = &[
    "Mỗi ngày, {short} có mặt ở đơn vị từ 6 giờ 30 để kiểm tra lại máy móc và sổ sách trước ca làm việc.",
    "Năm qua, {short} hoàn thành {pct}% kế hoạch được giao, dẫn đầu tổ về năng suất và chất lượng.",
    "Sáng kiến của {short} giúp rút ngắn thời gian xử lý công việc gần {n} phút mỗi ca.",
    "Ban chấp hành công đoàn đánh giá {short} là đoàn viên gương mẫu, luôn đi đầu trong các phong trào.",
    "Khi đồng nghiệp gặp khó khăn, {short} là người đầu tiên đứng ra vận động quyên góp.",
    "{Short} tham gia đầy đủ các lớp bồi dưỡng chuyên môn và chia sẻ lại kiến thức cho các bạn trẻ trong tổ.",
    "Trong đợt cao điểm cuối năm, {short} tình nguyện làm thêm giờ để kịp tiến độ của đơn vị.",
    "Nhờ cách làm mới của {short}, tỷ lệ sai sót giảm rõ rệt, được lãnh đạo {unit} ghi nhận.",
    "Ngoài giờ làm việc, {short} còn tích cực tham gia hoạt động văn nghệ, thể thao của công đoàn cơ sở.",
    "Gia đình {short} nhiều năm liền đạt danh hiệu “Gia đình văn hóa” của khu dân cư.",
    "Tổ của {short} có {n} người, và năm nào cũng được công nhận “Tổ lao động giỏi”.",
    "{Short} thường nói vui rằng nghề {role} dạy mình tính kiên nhẫn và sự chỉn chu.",
    "Từ kinh nghiệm thực tế, {short} đã hướng dẫn {n} đồng nghiệp mới vào nghề làm quen với công việc.",
    "Phong trào “{movement}” ở đơn vị có thêm sức lan tỏa nhờ những việc làm cụ thể như của {short}.",
    "Những đóng góp ấy là cơ sở để {unit} đề nghị khen thưởng {short} danh hiệu “{award}”.",
    "Có những tháng {short} gần như không nghỉ ngày nào, nhưng chưa bao giờ than vãn.",
    "Đồng nghiệp kể rằng {short} luôn giữ thói quen ghi chép tỉ mỉ từng công việc trong ngày.",
    "Năm {year}, đơn vị ứng dụng phần mềm quản lý mới và {short} là người hướng dẫn cả tổ sử dụng.",
    "{Short} đề xuất sắp xếp lại khu vực làm việc, giúp tiết kiệm khoảng {pct} triệu đồng mỗi năm.",
    "Dù công việc bận rộn, {short} vẫn dành thời gian chăm sóc bố mẹ già và kèm con học mỗi tối.",
    "Mỗi sáng thứ Hai, {short} cùng tổ rà soát lại kế hoạch tuần và phân công việc cho từng người.",
    "Có lần thiết bị gặp sự cố lúc nửa đêm, {short} đã có mặt chỉ sau hai mươi phút để cùng xử lý.",
    "Nhiều năm liền, {short} được bầu vào ban chấp hành công đoàn bộ phận.",
    "Những buổi sinh hoạt chuyên đề do {short} chủ trì luôn đông người tham dự.",
    "{Short} tự học thêm tin học văn phòng để lập bảng theo dõi công việc cho cả tổ.",
    "Các bạn trẻ mới vào đơn vị đều được {short} kèm cặp tận tình trong những tháng đầu.",
    "Khi thành phố phát động ủng hộ đồng bào vùng bão lũ, {short} là một trong những người đóng góp sớm nhất.",
    "Tiền thưởng sáng kiến, {short} dành một phần để mua sách tặng con em đoàn viên.",
    "Lãnh đạo {unit} cho biết đơn vị sẽ nhân rộng cách làm của {short} ra các bộ phận khác.",
    "Trong hội thi tay nghề cấp quận năm {year}, {short} đạt giải nhì.",
    "Với {short}, mỗi lời cảm ơn của người dân là động lực để tiếp tục cố gắng.",
    "Ngày nghỉ, {short} thường cùng nhóm thiện nguyện của công đoàn đi thăm các gia đình khó khăn.",
    "Bảng theo dõi thi đua của tổ năm nào cũng ghi tên {short} ở vị trí dẫn đầu.",
    "Sổ tay kinh nghiệm {short} viết tay suốt nhiều năm nay đã được đơn vị in thành tài liệu nội bộ.",
];

pub const QUOTES: &[&str] = &[
    "“Mình làm tốt phần việc của mình thì cả tập thể mới mạnh được”, {short} chia sẻ.",
    "“Không có việc nào là nhỏ, chỉ có người làm chưa hết lòng”, {short} nói.",
    "“Được đồng nghiệp tin tưởng là phần thưởng lớn nhất với tôi”, {short} tâm sự.",
    "“Cứ thấy việc cần làm là làm thôi, không nghĩ nhiều”, {short} cười hiền.",
];

pub const HEADINGS: &[&str] = &[
    "Cần mẫn với từng công việc",
    "Những sáng kiến từ thực tế",
    "Tấm lòng với đồng nghiệp",
    "Đi đầu trong phong trào thi đua",
    "Giữ lửa nghề",
    "Một ngày làm việc",
    "Niềm vui giản dị",
    "Lan tỏa việc tốt",
];

pub const LIST_INTROS: &[&str] = &[
    "Trong năm, {short} đã:",
    "Những kết quả nổi bật của {short}:",
    "Sổ theo dõi thi đua của đơn vị ghi nhận {short}:",
];

pub const LIST_ITEMS: &[&str] = &[
    "Hoàn thành **{pct}%** kế hoạch được giao, không để xảy ra sai sót;",
    "Đề xuất {n} sáng kiến cải tiến, trong đó có sáng kiến được áp dụng toàn đơn vị;",
    "Hướng dẫn, kèm cặp {n} đồng nghiệp mới;",
    "Tham gia đầy đủ các hoạt động do công đoàn cơ sở tổ chức;",
    "Đóng góp cho quỹ “Mái ấm công đoàn” và quỹ hỗ trợ đoàn viên khó khăn;",
    "Không vi phạm an toàn lao động, giữ gìn nơi làm việc *xanh – sạch – đẹp*;",
    "Được bình xét hoàn thành xuất sắc nhiệm vụ {n} năm liền;",
];

pub const CLOSINGS: &[&str] = &[
    "Câu chuyện của {short} được giới thiệu trong chuyên mục [Gương người tốt, việc tốt](https://thidua.example.vn/bang-vang/) của Liên đoàn Lao động.",
    "Xem thêm các gương điển hình khác của phong trào tại [trang Bảng vàng](https://thidua.example.vn/bang-vang/).",
    "Tấm gương của {short} là minh chứng sinh động cho phong trào thi đua *“{movement}”* của đơn vị.",
];
