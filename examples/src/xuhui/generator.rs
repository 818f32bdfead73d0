//! Builds the Xuhui 2017 plan; see the module docs of [`super`] for what it contains.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use mubiao::{
    Goal, Granularity, KeyTask, KeyTaskKind, LagCause, LagClass, Level, Milestone, Person,
    PlanDocument, PlanItem, QuantityTarget, Responsibility, Role, SubProject, Target, Unit,
    UnitKind,
};

use super::catalogue::{
    measure_for, Theme, DEPARTMENTS, GIVEN_NAMES, GOVERNMENT, KEY_WORK, LEADERS, MEASURES,
    OTHER_GOALS, PHASES, STREETS, STREETS_IN_TURN, SURNAMES,
};
use super::random::SplitMix64;

const YEAR: i32 = 2017;
const SEED: u64 = 2017;
/// Sub-projects of the 77 key-work tasks.
const KEY_WORK_SUB_PROJECTS: usize = 221;
/// How many of them lag at the end of Q1.
const LAGGING_AT_Q1: usize = 11;

/// The reasons recorded for the 11 lagging sub-projects, in the order they are met.
const LAG_REASONS: [Option<(LagClass, LagCause, &str)>; LAGGING_AT_Q1] = [
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "市级相关政策调整,实施方案需按新政策修改后重新报批",
    )),
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "上级部门出台新的管理规定,原定推进方式暂停执行",
    )),
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "国家层面政策口径调整,配套细则尚未下发",
    )),
    Some((
        LagClass::Subjective,
        LagCause::Other,
        "前期调研不充分,实施方案反复修改",
    )),
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "市里统一调整工作时序,本区节点随之调整",
    )),
    Some((
        LagClass::Objective,
        LagCause::HigherLevelApproval,
        "项目需经市级部门审批,审批尚未完成",
    )),
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "相关标准修订中,需待新标准发布后实施",
    )),
    None,
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "市级试点方案调整,区级方案同步修改",
    )),
    Some((
        LagClass::Subjective,
        LagCause::Other,
        "部门间协调不到位,推进力度不足",
    )),
    Some((
        LagClass::Objective,
        LagCause::PolicyChange,
        "政策调整导致项目资金来源需重新落实",
    )),
];

/// The Xuhui district's 2017 plan, with progress through March 2017.
///
/// The same call always returns the same document.
pub fn plan_2017() -> PlanDocument {
    let mut builder = Builder::new();
    builder.organisation();
    builder.key_work();
    builder.other_goals();
    builder.contracts();
    builder.document
}

/// A milestone before it gets its id.
struct Node {
    due: NaiveDate,
    granularity: Granularity,
    title: String,
    target: Target,
}

/// What a generated sub-project does in Q1.
#[derive(Clone, Copy, PartialEq)]
enum Q1 {
    OnSchedule,
    Lagging(usize),
}

struct Builder {
    document: PlanDocument,
    rng: SplitMix64,
    street_turn: usize,
    partner_turn: usize,
    lead_turn: usize,
    sub_projects_made: usize,
    /// Supervising leader and lead unit → the key tasks their contract covers.
    contracts: BTreeMap<(String, String), BTreeSet<String>>,
}

fn date(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(YEAR, month, day).unwrap_or(NaiveDate::MIN)
}

fn month_end(month: u32) -> NaiveDate {
    if month >= 12 {
        return date(12, 31);
    }
    date(month + 1, 1)
        .checked_sub_days(Days::new(1))
        .unwrap_or(NaiveDate::MIN)
}

fn quantity(unit: &str, goal: Goal, baseline: Option<f64>) -> Target {
    Target::Quantity(QuantityTarget {
        unit: unit.to_owned(),
        goal,
        baseline,
    })
}

fn deliverable(description: &str) -> Target {
    Target::Deliverable {
        description: description.to_owned(),
    }
}

fn node(due: NaiveDate, granularity: Granularity, title: &str, target: Target) -> Node {
    Node {
        due,
        granularity,
        title: title.to_owned(),
        target,
    }
}

fn person_name(index: usize) -> String {
    let surname = SURNAMES
        .get(index % SURNAMES.len())
        .copied()
        .unwrap_or("王");
    let given = GIVEN_NAMES
        .get((index * 7 + index / SURNAMES.len()) % GIVEN_NAMES.len())
        .copied()
        .unwrap_or("明");
    format!("{surname}{given}")
}

fn section_of(unit: &str) -> String {
    format!("{unit}-s1")
}

fn section_head_of(unit: &str) -> String {
    format!("{unit}-s1-head")
}

fn head_of(unit: &str) -> String {
    format!("{unit}-head")
}

impl Builder {
    fn new() -> Self {
        Self {
            document: PlanDocument::new(YEAR, "徐汇区2017年政府工作目标"),
            rng: SplitMix64::new(SEED),
            street_turn: 0,
            partner_turn: 0,
            lead_turn: 0,
            sub_projects_made: 0,
            contracts: BTreeMap::new(),
        }
    }

    fn organisation(&mut self) {
        let (gov_id, gov_name) = GOVERNMENT;
        self.unit(gov_id, gov_name, UnitKind::Government, None);
        for (i, (id, role_name)) in LEADERS.iter().enumerate() {
            let role = if i == 0 {
                Role::DistrictHead
            } else {
                Role::DeputyDistrictHead
            };
            let name = format!("{}({role_name})", person_name(i));
            self.person(id, &name, role, gov_id);
        }
        let working: Vec<(&str, &str, UnitKind)> = DEPARTMENTS
            .iter()
            .map(|&(id, name)| (id, name, UnitKind::Department))
            .chain(STREETS.iter().map(|&(id, name, town)| {
                (
                    id,
                    name,
                    if town {
                        UnitKind::Town
                    } else {
                        UnitKind::Street
                    },
                )
            }))
            .collect();
        for (i, (id, name, kind)) in working.into_iter().enumerate() {
            self.unit(id, name, kind, Some(gov_id));
            let section_name = if kind == UnitKind::Department {
                format!("{name}综合业务科")
            } else if id == "hongmei" {
                format!("{name}城市管理办公室")
            } else {
                format!("{name}社区管理办公室")
            };
            let section = section_of(id);
            self.unit(&section, &section_name, UnitKind::Section, Some(id));
            self.person(&head_of(id), &person_name(10 + 2 * i), Role::UnitHead, id);
            self.person(
                &section_head_of(id),
                &person_name(11 + 2 * i),
                Role::SectionHead,
                &section,
            );
        }
    }

    fn unit(&mut self, id: &str, name: &str, kind: UnitKind, parent: Option<&str>) {
        self.document.units.push(Unit {
            id: id.into(),
            name: name.to_owned(),
            kind,
            parent: parent.map(Into::into),
        });
    }

    fn person(&mut self, id: &str, name: &str, role: Role, unit: &str) {
        self.document.people.push(Person {
            id: id.into(),
            name: name.to_owned(),
            role,
            unit: unit.into(),
        });
    }

    fn unit_name(&self, id: &str) -> String {
        self.document
            .units
            .iter()
            .find(|unit| unit.id.as_str() == id)
            .map(|unit| unit.name.clone())
            .unwrap_or_default()
    }

    /// Resolves a lead or partner entry, taking the next street where the entry says so.
    fn resolve(&mut self, entry: &str) -> String {
        if entry == STREETS_IN_TURN {
            let street = STREETS
                .get(self.street_turn % STREETS.len())
                .map_or("hongmei", |street| street.0);
            self.street_turn += 1;
            street.to_owned()
        } else {
            entry.to_owned()
        }
    }

    /// How many sub-projects each generic key-work task gets: 24 get two, 40 three and
    /// 10 four, shuffled, which with the named tasks makes 221.
    fn generic_counts(&mut self) -> Vec<usize> {
        let mut counts: Vec<usize> = [(2, 24), (3, 40), (4, 10)]
            .iter()
            .flat_map(|&(count, tasks)| std::iter::repeat(count).take(tasks))
            .collect();
        for i in (1..counts.len()).rev() {
            let j = self.rng.below(i + 1);
            counts.swap(i, j);
        }
        counts
    }

    fn key_work(&mut self) {
        let mut counts = self.generic_counts().into_iter();
        // Sub-projects of key work not written out by hand: 221 − 6 (innovation) − 3
        // (rivers) − 2 (historic roads) = 210, of which 11 lag.
        let generic_total = KEY_WORK_SUB_PROJECTS - 11;
        let mut lagging = BTreeSet::new();
        while lagging.len() < LAGGING_AT_Q1 {
            lagging.insert(self.rng.below(generic_total));
        }
        let lagging: Vec<usize> = lagging.into_iter().collect();
        let mut generic_seen = 0;
        let mut number = 0;
        for theme in &KEY_WORK {
            for title in theme.titles {
                number += 1;
                let task_id = format!("kw-{number:02}");
                let mut sub_projects = match *title {
                    "加快科创中心重要承载区建设" => self.innovation(&task_id),
                    "推进中小河道综合治理" => self.rivers(&task_id),
                    "衡复历史风貌区道路整治更新" => self.historic_roads(&task_id),
                    _ => Vec::new(),
                };
                let generic = match *title {
                    "加快科创中心重要承载区建设" | "衡复历史风貌区道路整治更新" => {
                        0
                    }
                    "推进中小河道综合治理" => 2,
                    _ => counts.next().unwrap_or(2),
                };
                for _ in 0..generic {
                    let q1 = match lagging.iter().position(|&l| l == generic_seen) {
                        Some(rank) => Q1::Lagging(rank),
                        None => Q1::OnSchedule,
                    };
                    generic_seen += 1;
                    let index = sub_projects.len() + 1;
                    let sub = self.generic_sub_project(&task_id, index, title, theme, q1);
                    sub_projects.push(sub);
                }
                self.key_task(
                    &task_id,
                    title,
                    KeyTaskKind::KeyWork,
                    theme.level,
                    theme.supervisor,
                    sub_projects,
                );
            }
        }
    }

    fn other_goals(&mut self) {
        let mut numbers: BTreeMap<&str, usize> = BTreeMap::new();
        for &(title, kind, level, supervisor, lead, partners) in &OTHER_GOALS {
            let prefix = match kind {
                KeyTaskKind::SpecialWork => "sw",
                KeyTaskKind::PracticalProject => "pp",
                KeyTaskKind::MajorProject => "mp",
                KeyTaskKind::UnitGoal => "ug",
                KeyTaskKind::KeyWork => "kw",
            };
            let number = numbers.entry(prefix).or_default();
            *number += 1;
            let task_id = format!("{prefix}-{number:02}");
            let multi_year = title.starts_with("轨道交通");
            let count = 1 + self.rng.below(2);
            let mut sub_projects = Vec::new();
            for index in 1..=count {
                let phase = PHASES.get(index - 1).copied().unwrap_or("推进实施");
                let sub_title = format!("{title}:{phase}");
                let mut nodes = self.generic_nodes(title);
                if multi_year {
                    nodes.push(node(
                        NaiveDate::from_ymd_opt(YEAR + 1, 6, 30).unwrap_or(NaiveDate::MIN),
                        Granularity::Quarter,
                        "2018年二季度完成车站主体结构",
                        deliverable("车站主体结构完成"),
                    ));
                }
                let partner_ids: Vec<String> = partners.iter().map(|p| (*p).to_owned()).collect();
                let sub_id = format!("{task_id}-{index}");
                let mut sub = self.sub_project(&sub_id, &sub_title, lead, partner_ids, nodes);
                if multi_year {
                    sub.start = NaiveDate::from_ymd_opt(YEAR - 1, 7, 1);
                }
                self.q1_reports(&sub, Q1::OnSchedule);
                sub_projects.push(sub);
            }
            self.key_task(&task_id, title, kind, level, supervisor, sub_projects);
            if let Some(task) = self.document.key_tasks.last_mut() {
                task.multi_year = multi_year;
            }
        }
    }

    fn key_task(
        &mut self,
        id: &str,
        title: &str,
        kind: KeyTaskKind,
        level: Level,
        supervisor: &str,
        sub_projects: Vec<SubProject>,
    ) {
        let submitted_by = sub_projects
            .first()
            .and_then(|sub| sub.responsibility.lead_unit.clone())
            .map(|unit| unit.as_str().to_owned())
            .unwrap_or_else(|| GOVERNMENT.0.to_owned());
        for sub in &sub_projects {
            if let Some(lead) = &sub.responsibility.lead_unit {
                self.contracts
                    .entry((supervisor.to_owned(), lead.as_str().to_owned()))
                    .or_default()
                    .insert(id.to_owned());
            }
        }
        let plan_item = format!("pi-{id}");
        let submitter_name = self.unit_name(&submitted_by);
        self.document.plan_items.push(PlanItem {
            id: plan_item.as_str().into(),
            title: format!("{submitter_name}年度工作计划:{title}"),
            submitted_by: submitted_by.as_str().into(),
        });
        self.document.key_tasks.push(KeyTask {
            id: id.into(),
            title: title.to_owned(),
            kind,
            level,
            plan_item: plan_item.as_str().into(),
            supervising_leader: Some(supervisor.into()),
            multi_year: false,
            sub_projects,
            withdrawn: None,
        });
    }

    fn sub_project(
        &mut self,
        id: &str,
        title: &str,
        lead: &str,
        partners: Vec<String>,
        nodes: Vec<Node>,
    ) -> SubProject {
        self.sub_projects_made += 1;
        let milestones = nodes
            .into_iter()
            .enumerate()
            .map(|(n, node)| Milestone {
                id: format!("{id}-m{}", n + 1).into(),
                title: node.title,
                due: Some(node.due),
                granularity: node.granularity,
                target: Some(node.target),
                responsibility: None,
                withdrawn: None,
            })
            .collect();
        SubProject {
            id: id.into(),
            title: title.to_owned(),
            start: None,
            responsibility: Responsibility {
                lead_unit: Some(lead.into()),
                partner_units: partners
                    .into_iter()
                    .filter(|partner| partner != lead)
                    .map(Into::into)
                    .collect(),
                responsible_person: Some(section_head_of(lead).into()),
            },
            milestones,
            withdrawn: None,
        }
    }

    fn generic_sub_project(
        &mut self,
        task_id: &str,
        index: usize,
        task_title: &str,
        theme: &Theme,
        q1: Q1,
    ) -> SubProject {
        let lead_entry = theme
            .leads
            .get(self.lead_turn % theme.leads.len().max(1))
            .copied()
            .unwrap_or("fgw");
        self.lead_turn += 1;
        let lead = self.resolve(lead_entry);
        // Every sixth sub-project works alone; the others have one or two partners.
        let mut partners = Vec::new();
        if self.sub_projects_made % 6 != 5 {
            let wanted = 1 + self.rng.below(2);
            let mut tries = 0;
            while partners.len() < wanted && tries < 8 {
                tries += 1;
                let entry = theme
                    .partners
                    .get(self.partner_turn % theme.partners.len().max(1))
                    .copied()
                    .unwrap_or("fgw");
                self.partner_turn += 1;
                let partner = self.resolve(entry);
                if partner != lead && !partners.contains(&partner) {
                    partners.push(partner);
                }
            }
        }
        let phase = PHASES
            .get((index - 1) % PHASES.len())
            .copied()
            .unwrap_or("推进实施");
        let title = format!("{task_title}:{phase}");
        let nodes = match task_title {
            "加强安全生产监管" if index == 1 => self.incident_limits(),
            "深化财政预算管理改革" if index == 1 => self.budget_execution_band(),
            _ => self.generic_nodes(task_title),
        };
        let sub = self.sub_project(
            &format!("{task_id}-{index}"),
            &title,
            &lead,
            partners,
            nodes,
        );
        self.q1_reports(&sub, q1);
        sub
    }

    /// Quarterly nodes, or Q1 refined to months then quarterly, with a deliverable or a
    /// cumulative quantity target.
    fn generic_nodes(&mut self, task_title: &str) -> Vec<Node> {
        let schedule: &[(u32, Granularity)] = match self.rng.below(3) {
            0 => &[
                (3, Granularity::Quarter),
                (6, Granularity::Quarter),
                (9, Granularity::Quarter),
                (12, Granularity::Quarter),
            ],
            1 => &[
                (1, Granularity::Month),
                (2, Granularity::Month),
                (3, Granularity::Month),
                (6, Granularity::Quarter),
                (9, Granularity::Quarter),
                (12, Granularity::Quarter),
            ],
            _ => &[
                (3, Granularity::Month),
                (6, Granularity::Quarter),
                (12, Granularity::Quarter),
            ],
        };
        if self.rng.chance(55) {
            let measure = self.rng.below(MEASURES.len());
            let (_, low, high) = MEASURES.get(measure).copied().unwrap_or(("个", 4, 40));
            // The unit fits the task's work; the size of the total is the draw's.
            let unit = measure_for(task_title, measure);
            let total = self.rng.between(low, high);
            // Cumulative values rise strictly from node to node, so every node asks for
            // more than the one before.
            let mut previous = 0;
            schedule
                .iter()
                .map(|&(month, granularity)| {
                    let value = (total * month).div_ceil(12).max(previous + 1);
                    previous = value;
                    node(
                        month_end(month),
                        granularity,
                        &format!("累计完成{value}{unit}"),
                        quantity(unit, Goal::AtLeast(f64::from(value)), Some(0.0)),
                    )
                })
                .collect()
        } else {
            schedule
                .iter()
                .map(|&(month, granularity)| {
                    let step = match month {
                        1 => "完成调研摸底",
                        2 => "完成实施方案编制",
                        3 => "方案通过审定并启动实施",
                        6 => "完成年度任务过半",
                        9 => "完成主体工作",
                        _ => "全面完成年度任务并通过验收",
                    };
                    node(month_end(month), granularity, step, deliverable(step))
                })
                .collect()
        }
    }

    /// At most so many work-safety incidents, cumulative by quarter.
    fn incident_limits(&mut self) -> Vec<Node> {
        [(3, 3.0), (6, 6.0), (9, 9.0), (12, 12.0)]
            .iter()
            .map(|&(month, limit)| {
                node(
                    month_end(month),
                    Granularity::Quarter,
                    &format!("生产安全事故累计不超过{limit}起"),
                    quantity("起", Goal::AtMost(limit), None),
                )
            })
            .collect()
    }

    /// Budget execution held within a band that rises each quarter.
    fn budget_execution_band(&mut self) -> Vec<Node> {
        [
            (3, 20.0, 30.0),
            (6, 45.0, 55.0),
            (9, 70.0, 80.0),
            (12, 95.0, 100.0),
        ]
        .iter()
        .map(|&(month, low, high)| {
            node(
                month_end(month),
                Granularity::Quarter,
                &format!("预算执行率保持在{low}%至{high}%"),
                quantity("%", Goal::Within { low, high }, None),
            )
        })
        .collect()
    }
}

mod named;
mod records;

/// The day a report is made: `days` before `due`, never before the year starts.
fn days_before(due: NaiveDate, days: u32) -> NaiveDate {
    let earlier = due
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(due);
    if earlier.year() < YEAR {
        date(1, 1)
    } else {
        earlier
    }
}
