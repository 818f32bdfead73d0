//! The sub-projects the district's report names, written out with its figures.

use mubiao::{Goal, Granularity, Progress, SubProject};

use super::{date, deliverable, head_of, node, quantity, section_head_of, Builder, Node};

fn quarterly(title_and_targets: Vec<(u32, &str, mubiao::Target)>) -> Vec<Node> {
    title_and_targets
        .into_iter()
        .map(|(month, title, target)| {
            node(super::month_end(month), Granularity::Quarter, title, target)
        })
        .collect()
}

fn units(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| (*id).to_owned()).collect()
}

impl Builder {
    /// The first task of the year: the science and innovation centre's core area, with
    /// its five goals and the patents target (69 per 10,000 residents by Q4).
    pub(super) fn innovation(&mut self, task: &str) -> Vec<SubProject> {
        let mut subs = Vec::new();
        let specs: [(&str, &str, &[&str], Vec<Node>); 6] = [
            (
                "出台知识产权服务业和科技产业发展两个专项政策",
                "kw",
                &["ip", "fgw"],
                quarterly(vec![
                    (
                        3,
                        "完成两个专项政策草案",
                        deliverable("两个专项政策草案完成"),
                    ),
                    (6, "两个专项政策正式出台", deliverable("两个专项政策出台")),
                ]),
            ),
            (
                "建设一批标杆性创新功能平台",
                "kw",
                &["caohejing"],
                quarterly(vec![
                    (
                        3,
                        "累计建成2个平台",
                        quantity("个", Goal::AtLeast(2.0), Some(0.0)),
                    ),
                    (
                        6,
                        "累计建成4个平台",
                        quantity("个", Goal::AtLeast(4.0), Some(0.0)),
                    ),
                    (
                        9,
                        "累计建成6个平台",
                        quantity("个", Goal::AtLeast(6.0), Some(0.0)),
                    ),
                    (
                        12,
                        "累计建成8个平台",
                        quantity("个", Goal::AtLeast(8.0), Some(0.0)),
                    ),
                ]),
            ),
            (
                "推动微软加速器等国际化众创空间集聚",
                "kw",
                &["swh", "caohejing"],
                quarterly(vec![
                    (3, "微软加速器签约", deliverable("微软加速器签约落地")),
                    (
                        12,
                        "新增国际化众创空间3家",
                        quantity("家", Goal::AtLeast(3.0), Some(0.0)),
                    ),
                ]),
            ),
            (
                "积极争取国家商标审查协助中心落地",
                "ip",
                &["market"],
                quarterly(vec![
                    (3, "提交申报材料", deliverable("申报材料报送国家商标局")),
                    (9, "协助中心落地", deliverable("国家商标审查协助中心落地")),
                ]),
            ),
            (
                "推进上海知识产权交易中心落地",
                "ip",
                &["finserv"],
                quarterly(vec![
                    (3, "完成选址", deliverable("交易中心选址确定")),
                    (
                        12,
                        "交易中心运营",
                        deliverable("上海知识产权交易中心落地运营"),
                    ),
                ]),
            ),
            (
                "每万人发明专利授权拥有量达到69件",
                "ip",
                &["kw"],
                quarterly(vec![
                    (
                        3,
                        "达到62件/万人",
                        quantity("件/万人", Goal::AtLeast(62.0), Some(60.5)),
                    ),
                    (
                        6,
                        "达到64件/万人",
                        quantity("件/万人", Goal::AtLeast(64.0), Some(60.5)),
                    ),
                    (
                        9,
                        "达到66.5件/万人",
                        quantity("件/万人", Goal::AtLeast(66.5), Some(60.5)),
                    ),
                    (
                        12,
                        "达到69件/万人",
                        quantity("件/万人", Goal::AtLeast(69.0), Some(60.5)),
                    ),
                ]),
            ),
        ];
        for (i, (title, lead, partners, nodes)) in specs.into_iter().enumerate() {
            let id = format!("{task}-{}", i + 1);
            let sub = self.sub_project(&id, title, lead, units(partners), nodes);
            let by = section_head_of(lead);
            match i {
                0 | 3 | 4 => {
                    self.report(&format!("{id}-m1"), date(3, 24), Progress::Done, &by, None)
                }
                1 => {
                    self.report(
                        &format!("{id}-m1"),
                        date(3, 17),
                        Progress::Cumulative(2.0),
                        &by,
                        None,
                    );
                    self.report(
                        &format!("{id}-m2"),
                        date(3, 17),
                        Progress::Cumulative(2.0),
                        &by,
                        None,
                    );
                }
                2 => self.report(
                    &format!("{id}-m1"),
                    date(2, 21),
                    Progress::Done,
                    &by,
                    Some("微软加速器签约入驻"),
                ),
                _ => {
                    self.report(
                        &format!("{id}-m1"),
                        date(3, 31),
                        Progress::Cumulative(62.3),
                        &by,
                        None,
                    );
                    self.report(
                        &format!("{id}-m2"),
                        date(3, 31),
                        Progress::Cumulative(62.3),
                        &by,
                        None,
                    );
                }
            }
            subs.push(sub);
        }
        subs
    }

    /// Rivers: Hongmei's 15 sites (1,895 m²) along 5 rivers by September, Changqiao's 12
    /// sites planned for year end, and the sewage project.
    pub(super) fn rivers(&mut self, task: &str) -> Vec<SubProject> {
        let hongmei = format!("{task}-1");
        let hongmei_sub = self.sub_project(
            &hongmei,
            "拆除蒲汇塘、上澳塘、小排河等5条河道沿线15处违法建筑(共1895平方米)",
            "hongmei",
            units(&["chengguan", "water"]),
            quarterly(vec![
                (
                    3,
                    "累计拆除4处",
                    quantity("处", Goal::AtLeast(4.0), Some(0.0)),
                ),
                (
                    6,
                    "累计拆除8处",
                    quantity("处", Goal::AtLeast(8.0), Some(0.0)),
                ),
                (
                    9,
                    "15处全部拆除",
                    quantity("处", Goal::AtLeast(15.0), Some(0.0)),
                ),
            ]),
        );
        let by = section_head_of("hongmei");
        self.report(
            &format!("{hongmei}-m1"),
            date(3, 10),
            Progress::Cumulative(4.0),
            &by,
            None,
        );
        self.report(
            &format!("{hongmei}-m2"),
            date(3, 29),
            Progress::Cumulative(9.0),
            &by,
            Some("提前完成二季度节点"),
        );
        self.report(
            &format!("{hongmei}-m3"),
            date(3, 29),
            Progress::Cumulative(9.0),
            &by,
            None,
        );
        self.report(
            &format!("{hongmei}-m3"),
            date(4, 6),
            Progress::Cumulative(11.0),
            &by,
            Some("已完成约四分之三,集中力量攻坚剩余违建"),
        );

        let changqiao = format!("{task}-2");
        let changqiao_sub = self.sub_project(
            &changqiao,
            "拆除辖区河道沿线12处违法建筑",
            "changqiao",
            units(&["chengguan"]),
            quarterly(vec![
                (
                    3,
                    "累计拆除3处",
                    quantity("处", Goal::AtLeast(3.0), Some(0.0)),
                ),
                (
                    12,
                    "12处全部拆除",
                    quantity("处", Goal::AtLeast(12.0), Some(0.0)),
                ),
            ]),
        );
        let by = section_head_of("changqiao");
        self.report(
            &format!("{changqiao}-m1"),
            date(2, 20),
            Progress::Cumulative(5.0),
            &by,
            None,
        );
        self.report(
            &format!("{changqiao}-m2"),
            date(3, 28),
            Progress::Cumulative(12.0),
            &by,
            Some("原计划年底完成,一季度全部拆除"),
        );

        let sewage = format!("{task}-3");
        let mut sewage_sub = self.sub_project(
            &sewage,
            "污水治理工程:可研审批、网上招投标、开工建设",
            "water",
            units(&["jjw", "planning"]),
            vec![
                node(
                    date(3, 31),
                    Granularity::Quarter,
                    "可行性研究报告获批",
                    deliverable("可行性研究报告获得审批"),
                ),
                node(
                    date(4, 30),
                    Granularity::Month,
                    "完成网上招投标",
                    deliverable("网上招投标完成"),
                ),
                node(
                    date(6, 30),
                    Granularity::Quarter,
                    "工程开工",
                    deliverable("工程开工建设"),
                ),
            ],
        );
        sewage_sub.responsibility.responsible_person = Some(head_of("water").into());
        let by = head_of("water");
        self.report(
            &format!("{sewage}-m1"),
            date(3, 15),
            Progress::Underway,
            &by,
            Some("审批尚未完成,经办人员每天到审批部门跟进"),
        );
        self.report(
            &format!("{sewage}-m1"),
            date(3, 31),
            Progress::Done,
            &by,
            Some("可研报告于3月底获批"),
        );
        vec![hongmei_sub, changqiao_sub, sewage_sub]
    }

    /// The 12 historic-area roads: 6 (Fuxing Road M., Jianguo Road W., Jiashan Road and
    /// others) under works from April, all 12 finished before the end of Q3.
    pub(super) fn historic_roads(&mut self, task: &str) -> Vec<SubProject> {
        let first = format!("{task}-1");
        let first_sub = self.sub_project(
            &first,
            "复兴中路、建国西路、嘉善路等6条风貌道路分段业态调整、道路铺装和沿街景观提升",
            "jjw",
            units(&["tianping", "hunan"]),
            quarterly(vec![
                (
                    3,
                    "完成6条道路整治设计方案审定",
                    deliverable("6条道路整治方案审定"),
                ),
                (
                    6,
                    "6条道路全部开工",
                    quantity("条(已开工)", Goal::AtLeast(6.0), Some(0.0)),
                ),
                (
                    9,
                    "6条道路全部完工",
                    quantity("条(已完工)", Goal::AtLeast(6.0), Some(0.0)),
                ),
            ]),
        );
        let second = format!("{task}-2");
        let second_sub = self.sub_project(
            &second,
            "永嘉路等其余6条风貌道路保护修缮",
            "jjw",
            units(&["hunan", "xujiahui"]),
            quarterly(vec![
                (3, "完成修缮方案编制", deliverable("修缮方案编制完成")),
                (
                    6,
                    "累计完工2条",
                    quantity("条(已完工)", Goal::AtLeast(2.0), Some(0.0)),
                ),
                (
                    9,
                    "6条道路全部完工",
                    quantity("条(已完工)", Goal::AtLeast(6.0), Some(0.0)),
                ),
            ]),
        );
        let by = section_head_of("jjw");
        self.report(
            &format!("{first}-m1"),
            date(3, 24),
            Progress::Done,
            &by,
            None,
        );
        self.report(
            &format!("{second}-m1"),
            date(3, 30),
            Progress::Done,
            &by,
            None,
        );
        vec![first_sub, second_sub]
    }
}
