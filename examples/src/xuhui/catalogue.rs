//! The fixed names of the Xuhui example: units, leaders, and the titles of the district's
//! 2017 goals, grouped by theme.

use mubiao::{KeyTaskKind, Level};

/// The district government, root of the unit tree.
pub const GOVERNMENT: (&str, &str) = ("xuhui-gov", "徐汇区人民政府");

/// District departments (委办局): id and name.
pub const DEPARTMENTS: [(&str, &str); 24] = [
    ("fgw", "区发展和改革委员会"),
    ("kw", "区科学技术委员会"),
    ("swh", "区商务委员会"),
    ("jjw", "区建设和交通委员会"),
    ("water", "区市政和水务管理署"),
    ("edu", "区教育局"),
    ("health", "区卫生和计划生育委员会"),
    ("civil", "区民政局"),
    ("hr", "区人力资源和社会保障局"),
    ("finance", "区财政局"),
    ("planning", "区规划和土地管理局"),
    ("housing", "区住房保障和房屋管理局"),
    ("green", "区绿化和市容管理局"),
    ("env", "区环境保护局"),
    ("culture", "区文化局"),
    ("sports", "区体育局"),
    ("chengguan", "区城市管理行政执法局"),
    ("market", "区市场监督管理局"),
    ("safety", "区安全生产监督管理局"),
    ("tourism", "区旅游局"),
    ("justice", "区司法局"),
    ("finserv", "区金融服务办公室"),
    ("westbund", "区滨江开发建设管理办公室"),
    ("ip", "区知识产权局"),
];

/// The district's 12 streets and 1 town: id, name, and whether it is the town.
pub const STREETS: [(&str, &str, bool); 13] = [
    ("tianping", "天平路街道", false),
    ("hunan", "湖南路街道", false),
    ("xietu", "斜土路街道", false),
    ("fenglin", "枫林路街道", false),
    ("changqiao", "长桥街道", false),
    ("tianlin", "田林街道", false),
    ("hongmei", "虹梅路街道", false),
    ("kangjian", "康健新村街道", false),
    ("xujiahui", "徐家汇街道", false),
    ("lingyun", "凌云路街道", false),
    ("longhua", "龙华街道", false),
    ("caohejing", "漕河泾街道", false),
    ("huajing", "华泾镇", true),
];

/// Surnames and given names that make the (fictional) names of the example's people.
pub const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭",
    "林", "何", "高", "罗",
];
/// Given names, combined with [`SURNAMES`].
pub const GIVEN_NAMES: [&str; 17] = [
    "建国", "伟", "芳", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
    "秀英", "华",
];

/// The district head and the deputy district heads: id, area of work.
pub const LEADERS: [(&str, &str); 7] = [
    ("district-head", "区长"),
    ("deputy-econ", "副区长(经济与科创)"),
    ("deputy-urban", "副区长(城市建设)"),
    ("deputy-env", "副区长(生态环境与城市管理)"),
    ("deputy-social", "副区长(社会事业)"),
    ("deputy-culture", "副区长(文化旅游)"),
    ("deputy-safety", "副区长(安全与法治)"),
];

/// Stands in a lead list for "one of the streets or the town, in turn".
pub const STREETS_IN_TURN: &str = "*streets";

/// A theme of the district's key work: who supervises it, which units lead and help, and
/// the titles of its key tasks.
pub struct Theme {
    /// The supervising leader's id.
    pub supervisor: &'static str,
    /// City-assigned or the district's own.
    pub level: Level,
    /// Units that lead its sub-projects, in turn.
    pub leads: &'static [&'static str],
    /// Units that help, in turn.
    pub partners: &'static [&'static str],
    /// The key tasks.
    pub titles: &'static [&'static str],
}

/// The 77 key-work tasks (重点工作) of 2017, in 15 themes.
pub const KEY_WORK: [Theme; 15] = [
    Theme {
        supervisor: "district-head",
        level: Level::City,
        leads: &["kw", "ip", "fgw"],
        partners: &["swh", "finserv", "hr", "caohejing"],
        titles: &[
            "加快科创中心重要承载区建设",
            "推进人工智能产业集聚发展",
            "加快发展生命健康产业",
            "建设软件和信息服务业基地",
            "推进漕河泾开发区功能提升",
            "完善人才服务和引进政策",
        ],
    },
    Theme {
        supervisor: "deputy-econ",
        level: Level::City,
        leads: &["swh", "fgw", "market", "finserv"],
        partners: &["finance", "kw", "justice", "xujiahui"],
        titles: &[
            "复制推广自贸试验区制度创新成果",
            "深化“证照分离”改革试点",
            "优化营商环境和企业服务",
            "推进徐家汇商圈转型升级",
            "发展现代金融服务业",
            "加强区域招商引资",
            "推进国资国企改革",
        ],
    },
    Theme {
        supervisor: "deputy-urban",
        level: Level::City,
        leads: &["westbund", "jjw", "green"],
        partners: &["planning", "culture", "sports", "longhua"],
        titles: &[
            "推进徐汇滨江公共空间贯通工程",
            "建设西岸传媒港",
            "推进西岸文化走廊建设",
            "完善滨江交通配套",
        ],
    },
    Theme {
        supervisor: "deputy-env",
        level: Level::City,
        leads: &[STREETS_IN_TURN, "water"],
        partners: &["chengguan", "env", "jjw", "water"],
        titles: &[
            "推进中小河道综合治理",
            "消除黑臭水体",
            "完善污水收集管网",
            "推进海绵城市建设试点",
        ],
    },
    Theme {
        supervisor: "deputy-urban",
        level: Level::District,
        leads: &["planning", "jjw", "housing", "xujiahui"],
        partners: &["swh", "culture", "tianping", "hunan"],
        titles: &[
            "推进徐家汇城市更新",
            "衡复历史风貌区道路整治更新",
            "推进衡复历史风貌区保护发展",
            "推进旧住房综合改造",
            "推进城中村改造",
            "加快保障性住房建设",
            "推进重点地区规划编制",
        ],
    },
    Theme {
        supervisor: "deputy-urban",
        level: Level::District,
        leads: &["jjw"],
        partners: &["planning", "chengguan", STREETS_IN_TURN],
        titles: &[
            "推进轨道交通配套建设",
            "完善道路交通网络",
            "推进停车治理",
            "优化公交线网",
        ],
    },
    Theme {
        supervisor: "deputy-social",
        level: Level::District,
        leads: &["housing", "civil", STREETS_IN_TURN],
        partners: &["chengguan", "housing", "civil"],
        titles: &[
            "推进住宅小区综合治理",
            "加强物业服务管理",
            "推进社区基层治理创新",
            "建设“15分钟社区生活圈”",
        ],
    },
    Theme {
        supervisor: "deputy-social",
        level: Level::District,
        leads: &["civil", "health", "hr"],
        partners: &["finance", STREETS_IN_TURN],
        titles: &[
            "建立老年长期护理保险制度",
            "增加养老服务床位",
            "推进社区综合为老服务中心建设",
            "完善社会救助体系",
            "促进就业创业",
            "推进医养结合",
        ],
    },
    Theme {
        supervisor: "deputy-social",
        level: Level::District,
        leads: &["edu"],
        partners: &["finance", "planning", "sports"],
        titles: &[
            "深化基础教育综合改革",
            "推进学区化集团化办学",
            "扩大优质学前教育资源",
            "推进校舍新建改扩建",
            "加强教师队伍建设",
        ],
    },
    Theme {
        supervisor: "deputy-social",
        level: Level::District,
        leads: &["health"],
        partners: &["civil", "finance", "hr"],
        titles: &[
            "深化医药卫生体制改革",
            "推进家庭医生签约服务",
            "提升区域医疗中心能级",
            "加强公共卫生体系建设",
        ],
    },
    Theme {
        supervisor: "deputy-env",
        level: Level::City,
        leads: &["env", "green"],
        partners: &["chengguan", "market", STREETS_IN_TURN],
        titles: &[
            "实施环保三年行动计划",
            "推进大气污染防治",
            "推进生活垃圾分类减量",
            "新建和改造公共绿地",
            "推进林荫道和绿道建设",
        ],
    },
    Theme {
        supervisor: "deputy-env",
        level: Level::City,
        leads: &["chengguan", STREETS_IN_TURN],
        partners: &["planning", "housing", "market"],
        titles: &[
            "推进“五违四必”区域环境综合整治",
            "拆除违法建筑",
            "整治无证无照经营",
            "推进架空线入地和合杆整治",
            "加强市容环境精细化管理",
        ],
    },
    Theme {
        supervisor: "deputy-culture",
        level: Level::District,
        leads: &["culture", "sports", "tourism"],
        partners: &["edu", "westbund", STREETS_IN_TURN],
        titles: &[
            "建设公共文化服务体系",
            "推进文物保护和利用",
            "举办重大体育赛事",
            "建设社区体育设施",
            "发展全域旅游",
            "推进文化创意产业发展",
        ],
    },
    Theme {
        supervisor: "deputy-safety",
        level: Level::District,
        leads: &["safety", "market"],
        partners: &["chengguan", "jjw", STREETS_IN_TURN],
        titles: &[
            "加强安全生产监管",
            "推进食品安全城区创建",
            "加强消防安全隐患整治",
            "推进社会信用体系建设",
        ],
    },
    Theme {
        supervisor: "deputy-safety",
        level: Level::District,
        leads: &["justice", "fgw", "finance"],
        partners: &["market", "hr"],
        titles: &[
            "推进法治政府建设",
            "深化“放管服”改革",
            "推进“互联网+政务服务”",
            "深化财政预算管理改革",
            "加强政府债务和审计监督",
            "推进信访矛盾化解",
        ],
    },
];

/// A goal outside the 77 key-work tasks: title, kind, level, supervisor, lead, partners.
pub type OtherGoal = (
    &'static str,
    KeyTaskKind,
    Level,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// The 25 special-work goals (11 city-level, 14 district-level), and the district's
/// practical projects, major projects and unit goals.
pub const OTHER_GOALS: [OtherGoal; 34] = [
    (
        "创建国家生态园林城区",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-env",
        "green",
        &["env"],
    ),
    (
        "全面落实河长制",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-env",
        "water",
        &["env", "chengguan"],
    ),
    (
        "完成“五违四必”整治区块销项",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-env",
        "chengguan",
        &["planning"],
    ),
    (
        "推进全国文明城区创建",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-culture",
        "culture",
        &["civil"],
    ),
    (
        "创建国家食品安全示范城市",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-safety",
        "market",
        &["health"],
    ),
    (
        "推进长期护理保险试点",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-social",
        "hr",
        &["civil", "health"],
    ),
    (
        "推进单位体育场地向社会开放",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-culture",
        "sports",
        &["edu"],
    ),
    (
        "建设国家知识产权示范城区",
        KeyTaskKind::SpecialWork,
        Level::City,
        "district-head",
        "ip",
        &["kw"],
    ),
    (
        "推进城市网格化综合管理",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-env",
        "chengguan",
        &["housing"],
    ),
    (
        "建设“双创”示范基地",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-econ",
        "kw",
        &["swh", "hr"],
    ),
    (
        "推进社区卫生服务综合改革",
        KeyTaskKind::SpecialWork,
        Level::City,
        "deputy-social",
        "health",
        &["finance"],
    ),
    (
        "推进智慧城区建设",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-econ",
        "fgw",
        &["kw"],
    ),
    (
        "完善公共法律服务体系",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-safety",
        "justice",
        &["civil"],
    ),
    (
        "实施人才发展规划",
        KeyTaskKind::SpecialWork,
        Level::District,
        "district-head",
        "hr",
        &["kw"],
    ),
    (
        "推进社区工作者职业体系改革",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-social",
        "civil",
        &["hr", "finance"],
    ),
    (
        "推进老旧电梯更新改造",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-safety",
        "market",
        &["housing"],
    ),
    (
        "建设市民健身步道",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-culture",
        "sports",
        &["green"],
    ),
    (
        "推进公共文化配送",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-culture",
        "culture",
        &["tianlin"],
    ),
    (
        "开展消防安全专项整治",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-safety",
        "safety",
        &["housing", "chengguan"],
    ),
    (
        "推进背街小巷整治",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-env",
        "green",
        &["chengguan", "xietu"],
    ),
    (
        "推进小区雨污混接改造",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-env",
        "water",
        &["housing"],
    ),
    (
        "推进早餐工程",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-econ",
        "swh",
        &["market"],
    ),
    (
        "开展政务公开标准化试点",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-safety",
        "justice",
        &["fgw"],
    ),
    (
        "推进政府购买服务改革",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-safety",
        "finance",
        &["civil"],
    ),
    (
        "提升统计数据质量",
        KeyTaskKind::SpecialWork,
        Level::District,
        "deputy-econ",
        "fgw",
        &[],
    ),
    (
        "新建和改建公共厕所",
        KeyTaskKind::PracticalProject,
        Level::District,
        "deputy-env",
        "green",
        &["chengguan"],
    ),
    (
        "完成老旧小区二次供水改造",
        KeyTaskKind::PracticalProject,
        Level::District,
        "deputy-urban",
        "water",
        &["housing"],
    ),
    (
        "新建社区长者食堂",
        KeyTaskKind::PracticalProject,
        Level::District,
        "deputy-social",
        "civil",
        &["market"],
    ),
    (
        "为独居老人安装紧急呼叫装置",
        KeyTaskKind::PracticalProject,
        Level::District,
        "deputy-social",
        "civil",
        &["kangjian"],
    ),
    (
        "轨道交通15号线徐汇段建设",
        KeyTaskKind::MajorProject,
        Level::City,
        "deputy-urban",
        "jjw",
        &["planning", "huajing"],
    ),
    (
        "徐家汇中心项目建设",
        KeyTaskKind::MajorProject,
        Level::District,
        "deputy-urban",
        "planning",
        &["xujiahui"],
    ),
    (
        "虹梅路街道营商服务年度目标",
        KeyTaskKind::UnitGoal,
        Level::District,
        "deputy-econ",
        "hongmei",
        &[],
    ),
    (
        "区科委年度工作目标",
        KeyTaskKind::UnitGoal,
        Level::District,
        "district-head",
        "kw",
        &[],
    ),
    (
        "龙华街道社区治理年度目标",
        KeyTaskKind::UnitGoal,
        Level::District,
        "deputy-social",
        "longhua",
        &[],
    ),
];

/// Names of the phases a sub-project goes through, used in sub-project titles.
pub const PHASES: [&str; 5] = [
    "制定实施方案",
    "重点区域先行推进",
    "全面推进实施",
    "配套政策出台",
    "建立长效机制",
];

/// The units of measure that fit a task, by words in its title: for totals of a few dozen,
/// of a few hundred, and of thousands. The first entry whose words the title holds is
/// used; the last is the default.
pub const MEASURES_BY_WORK: [(&[&str], [&str; 3]); 10] = [
    (
        &["厕所", "设施", "步道", "新建", "改建", "装置"],
        ["处", "个", "平方米"],
    ),
    (
        &[
            "人才",
            "就业",
            "养老",
            "救助",
            "社区",
            "民生",
            "教育",
            "医疗",
            "卫生",
            "健康服务",
        ],
        ["场", "人", "人次"],
    ),
    (
        &[
            "科创",
            "人工智能",
            "知识产权",
            "专利",
            "软件",
            "信息",
            "创新",
            "生命健康",
            "孵化",
            "众创",
        ],
        ["项", "家", "件"],
    ),
    (
        &[
            "招商",
            "企业",
            "营商",
            "商圈",
            "金融",
            "产业",
            "经济",
            "国资",
            "自贸",
            "开发区",
            "总部",
        ],
        ["场", "家", "万元"],
    ),
    (
        &[
            "河道", "水", "绿化", "绿地", "生态", "园林", "环境", "市容", "公园", "滨江",
        ],
        ["处", "处", "平方米"],
    ),
    (
        &[
            "道路", "交通", "停车", "轨道", "管网", "改造", "旧区", "住房", "建设", "工程", "风貌",
        ],
        ["处", "户", "平方米"],
    ),
    (
        &["安全", "监管", "执法", "消防", "治理", "整治", "违法"],
        ["次", "家", "人次"],
    ),
    (
        &["文化", "体育", "旅游", "艺术", "演出", "赛事"],
        ["场", "场", "人次"],
    ),
    (
        &[
            "改革", "政策", "财政", "管理", "政务", "服务", "制度", "证照",
        ],
        ["项", "件", "件"],
    ),
    (&[], ["项", "个", "人次"]),
];

/// The unit of measure for a generated quantity target of a task: a word that fits the
/// task's work, for a total of the size `measure` (an entry of [`MEASURES`]) gives.
pub fn measure_for(task_title: &str, measure: usize) -> &'static str {
    let size = match MEASURES.get(measure).map_or(0, |m| m.2) {
        0..=60 => 0,
        61..=200 => 1,
        _ => 2,
    };
    MEASURES_BY_WORK
        .iter()
        .find(|(words, _)| words.is_empty() || words.iter().any(|w| task_title.contains(w)))
        .and_then(|(_, units)| units.get(size).copied())
        .unwrap_or("项")
}

/// The sizes of generated quantity targets: a unit (the size's kind), smallest and largest
/// total.
pub const MEASURES: [(&str, u32, u32); 8] = [
    ("个", 4, 40),
    ("项", 3, 12),
    ("处", 6, 60),
    ("家", 10, 200),
    ("公里", 2, 30),
    ("户", 100, 2000),
    ("场", 4, 48),
    ("平方米", 1000, 20000),
];
