//! Year-end assessment, rule by rule, with the arithmetic written out; the scheme's
//! validation; bad input; and the Xuhui 2017 year end.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![allow(clippy::field_reassign_with_default)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mubiao::{
    AssessmentError, Band, ComponentScores, CreditBasis, Explained, Grade, Language,
    MissingRatings, ObjectiveLag, PartialRule, Plan, PlanDocument, ScoringScheme, StatusOptions,
    UnitAssessment,
};
use mubiao_examples::{data_path, xuhui, XUHUI_2017_COMPONENTS_FILE, XUHUI_2017_YEAR_END_FILE};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, m, d).unwrap()
}

/// Unit `a` (a department) leads sub-projects `s1` (key task `k1`) and `s2` (key task `k2`);
/// unit `b` (a street) partners both; unit `c` (a department) does nothing.
/// - m1, due 31 Mar, done 20 Mar: on time.
/// - m2, due 30 Jun, done 20 Jul: 20 days late.
/// - m3, at least 10 by 30 Sep, 6 reported: missed.
/// - m4, due 31 Oct, not done, objective reason: excused.
/// - m6 (in s2), due 30 Jun by quarter, done 10 Mar: a quarter early.
fn plan_json() -> String {
    r#"{
      "format_version": 1, "year": 2017, "name": "assessment",
      "units": [
        {"id": "gov", "name": "Government", "kind": "government"},
        {"id": "a", "name": "Unit A", "kind": "department", "parent": "gov"},
        {"id": "b", "name": "Unit B", "kind": "street", "parent": "gov"},
        {"id": "c", "name": "Unit C", "kind": "department", "parent": "gov"}
      ],
      "people": [
        {"id": "d", "name": "Deputy", "role": "deputy_district_head", "unit": "gov"},
        {"id": "ha", "name": "Head A", "role": "unit_head", "unit": "a"}
      ],
      "plan_items": [{"id": "p", "title": "p", "submitted_by": "a"}],
      "key_tasks": [
        {"id": "k1", "title": "Task one", "kind": "key_work", "level": "district", "plan_item": "p",
         "supervising_leader": "d", "sub_projects": [
          {"id": "s1", "title": "S1", "responsibility": {"lead_unit": "a", "partner_units": ["b"]}, "milestones": [
            {"id": "m1", "title": "m1", "due": "2017-03-31", "target": {"deliverable": {"description": "x"}}},
            {"id": "m2", "title": "m2", "due": "2017-06-30", "target": {"deliverable": {"description": "x"}}},
            {"id": "m3", "title": "m3", "due": "2017-09-30", "target": {"quantity": {"unit": "sites", "goal": {"at_least": 10}}}},
            {"id": "m4", "title": "m4", "due": "2017-10-31", "target": {"deliverable": {"description": "x"}}}]}]},
        {"id": "k2", "title": "Task two", "kind": "key_work", "level": "city", "plan_item": "p",
         "supervising_leader": "d", "sub_projects": [
          {"id": "s2", "title": "S2", "responsibility": {"lead_unit": "a", "partner_units": ["b"]}, "milestones": [
            {"id": "m6", "title": "m6", "due": "2017-06-30", "granularity": "quarter", "target": {"deliverable": {"description": "x"}}}]}]}
      ],
      "progress_reports": [
        {"milestone": "m1", "date": "2017-03-20", "progress": "done"},
        {"milestone": "m2", "date": "2017-07-20", "progress": "done"},
        {"milestone": "m3", "date": "2017-09-15", "progress": {"cumulative": 6}},
        {"milestone": "m6", "date": "2017-03-10", "progress": "done"}
      ],
      "lag_reasons": [
        {"milestone": "m4", "class": "objective", "cause": "policy_change", "text": "policy", "recorded_on": "2017-11-02"}
      ],
      "partner_ratings": [
        {"sub_project": "s1", "partner": "b", "score": 90, "rated_by": "ha", "rated_on": "2017-12-20"},
        {"sub_project": "s2", "partner": "b", "score": 70, "rated_by": "ha", "rated_on": "2017-12-20"}
      ]
    }"#
    .to_owned()
}

fn plan() -> Plan {
    Plan::from_json_str(&plan_json()).unwrap()
}

fn components() -> ComponentScores {
    let mut scores = ComponentScores::new();
    for (unit, budget, satisfaction) in [("a", 90.0, 80.0), ("b", 70.0, 60.0)] {
        let mut values = BTreeMap::new();
        values.insert("budget_execution".to_owned(), budget);
        values.insert("public_satisfaction".to_owned(), satisfaction);
        scores.insert(unit.into(), values);
    }
    scores
}

fn assess_with(plan: &Plan, scheme: ScoringScheme) -> Vec<UnitAssessment> {
    plan.assess(
        day(12, 31),
        &scheme.validate().unwrap(),
        &components(),
        &StatusOptions::default(),
    )
    .unwrap()
    .units
}

fn unit<'a>(units: &'a [UnitAssessment], id: &str) -> &'a UnitAssessment {
    units.iter().find(|u| u.unit.as_str() == id).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn the_default_scheme_step_by_step() {
    let plan = plan();
    let assessment = plan
        .assess(
            day(12, 31),
            &mubiao::Scheme::default(),
            &components(),
            &StatusOptions::default(),
        )
        .unwrap();
    let a = unit(&assessment.units, "a");
    // s1: m1 on time 1.0; m2 20 days late 1 − 0.01 × 20 = 0.8; m3 missed, 6 of 10 = 0.6
    // by the proportional rule, but no more than a completion on 31 Dec would earn,
    // max(0.5, 1 − 0.01 × 92) = 0.5; m4 excused. (1 + 0.8 + 0.5) / 3 = 0.76667.
    // s2: m6 a quarter early, no bonus by default: 1.0.
    // Lead(a) = (76.6667 + 100) / 2 = 88.3333 (one sub-project in each key task).
    close(a.lead_score.unwrap(), (230.0 / 3.0 + 100.0) / 2.0);
    assert_eq!(a.partner_score, None);
    close(a.target_completion, (230.0 / 3.0 + 100.0) / 2.0);
    // Performance(a) = 0.4 × 88.3333 + 0.3 × 90 + 0.3 × 80 = 35.3333 + 27 + 24 = 86.3333.
    close(
        a.performance,
        0.4 * (230.0 / 3.0 + 100.0) / 2.0 + 27.0 + 24.0,
    );
    // b partners s1 (3 assessed milestones, rated 90) and s2 (1, rated 70):
    // (3 × 90 + 1 × 70) / 4 = 85. It leads nothing, so target completion = 85.
    let b = unit(&assessment.units, "b");
    close(b.partner_score.unwrap(), 85.0);
    assert_eq!(b.lead_score, None);
    // Performance(b) = 0.4 × 85 + 0.3 × 70 + 0.3 × 60 = 34 + 21 + 18 = 73.
    close(b.performance, 73.0);
    // c leads and partners nothing.
    assert_eq!(assessment.not_assessed, vec!["c".into()]);
    // Grades: 86.33 good, 73 pass. Ranks 1 and 2; each first in its group.
    assert_eq!((a.grade, a.rank, a.group_rank), (Grade::Good, 1, 1));
    assert_eq!((b.grade, b.rank, b.group_rank), (Grade::Pass, 2, 1));
    // Accountability: m3, missed with no reason, 92 days overdue. m4 has an objective reason.
    assert_eq!(assessment.accountability.len(), 1);
    let item = &assessment.accountability[0];
    assert_eq!(
        (
            item.milestone.as_str(),
            item.days_overdue,
            item.lead_unit.as_str()
        ),
        ("m3", 92, "a")
    );
    // The explanation names each milestone's basis and rule.
    let bases: Vec<CreditBasis> = a
        .explanation
        .nodes()
        .into_iter()
        .filter_map(|n| match &n.explained {
            Explained::Milestone { basis, .. } => Some(basis.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(bases.len(), 4);
    assert_eq!(bases[0], CreditBasis::OnTime);
    assert_eq!(bases[1], CreditBasis::Late { days: 20 });
    assert_eq!(
        bases[2],
        CreditBasis::Missed {
            rule: "proportional".into(),
            achieved: Some(0.6)
        }
    );
    assert!(matches!(bases[3], CreditBasis::Early { periods: 1, .. }));
    // Every point adds up.
    for unit in &assessment.units {
        assert!(unit.explanation.imbalance() < 1e-9);
        close(unit.explanation.points, unit.performance);
    }
}

#[test]
fn an_early_bonus_is_capped_and_so_is_the_score() {
    let mut scheme = ScoringScheme::default();
    scheme.credit.early_bonus_per_period = 0.08;
    scheme.credit.early_bonus_cap = 0.05;
    // m6 one quarter early: bonus min(0.08, 0.05) = 0.05, credit 1.05, s2 = 105.
    // Lead(a) = (76.6667 + 105) / 2 = 90.8333.
    let units = assess_with(&plan(), scheme.clone());
    close(
        unit(&units, "a").lead_score.unwrap(),
        (230.0 / 3.0 + 105.0) / 2.0,
    );
    // With only the early milestone in k1's place, the raw lead score 105 is capped at 100.
    let mut document = plan().into_document();
    document.key_tasks.remove(0);
    document
        .progress_reports
        .retain(|r| r.milestone.as_str() == "m6");
    document.lag_reasons.clear();
    document
        .partner_ratings
        .retain(|r| r.sub_project.as_str() == "s2");
    let plan = document.validate().unwrap();
    let units = assess_with(&plan, scheme);
    let a = unit(&units, "a");
    close(a.lead_score.unwrap(), 100.0);
    let cap = a
        .explanation
        .nodes()
        .into_iter()
        .find(|n| n.explained == Explained::Cap)
        .unwrap();
    close(cap.score, -5.0);
    assert!(a.explanation.imbalance() < 1e-9);
}

#[test]
fn late_credit_decays_to_its_floor() {
    let mut scheme = ScoringScheme::default();
    scheme.credit.late_penalty_per_day = 0.02;
    scheme.credit.late_floor = 0.7;
    // m2: 1 − 0.02 × 20 = 0.6, floored at 0.7; m3: partial 0.6, ceiling max(0.7, 1 − 1.84) = 0.7.
    // s1 = (1 + 0.7 + 0.6) / 3.
    let units = assess_with(&plan(), scheme);
    close(
        unit(&units, "a").lead_score.unwrap(),
        ((2.3 / 3.0) * 100.0 + 100.0) / 2.0,
    );
}

#[test]
fn partial_credit_rules_by_level() {
    let lead = |rule: PartialRule| {
        let mut scheme = ScoringScheme::default();
        scheme.credit.partial = rule;
        unit(&assess_with(&plan(), scheme), "a").lead_score.unwrap()
    };
    // Interpolated, red flag 0.5: (0.6 − 0.5) / (1 − 0.5) = 0.2 → s1 = (1 + 0.8 + 0.2) / 3.
    close(
        lead(PartialRule::Interpolated { red_flag: 0.5 }),
        (200.0 / 3.0 + 100.0) / 2.0,
    );
    // Bands: 0.6 reaches the 0.5 band, credit 0.4 → s1 = (1 + 0.8 + 0.4) / 3.
    let bands = PartialRule::Bands {
        bands: vec![
            Band {
                at_least: 0.9,
                credit: 0.9,
            },
            Band {
                at_least: 0.5,
                credit: 0.4,
            },
        ],
    };
    close(lead(bands), (220.0 / 3.0 + 100.0) / 2.0);
    // None: 0 → s1 = (1 + 0.8) / 3.
    close(lead(PartialRule::None), (180.0 / 3.0 + 100.0) / 2.0);
    // k1 is a district task: a district rule overrides the default.
    let mut scheme = ScoringScheme::default();
    scheme
        .credit
        .partial_by_level
        .insert(mubiao::Level::District, PartialRule::None);
    let a = unit(&assess_with(&plan(), scheme), "a").clone();
    close(a.lead_score.unwrap(), (180.0 / 3.0 + 100.0) / 2.0);
    let names: Vec<String> = a
        .explanation
        .nodes()
        .into_iter()
        .filter_map(|n| match &n.explained {
            Explained::Milestone {
                basis: CreditBasis::Missed { rule, .. },
                ..
            } => Some(rule.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(names, vec!["none".to_owned()]);
}

#[test]
fn objective_lags_excluded_or_penalised_and_late_completions_excused() {
    // Penalised: m4 counts as missed, a deliverable: 0 → s1 = (1 + 0.8 + 0.5 + 0) / 4.
    let mut scheme = ScoringScheme::default();
    scheme.credit.objective_lag = ObjectiveLag::Penalised;
    close(
        unit(&assess_with(&plan(), scheme), "a").lead_score.unwrap(),
        (57.5 + 100.0) / 2.0,
    );
    // An objective reason recorded on 5 July, before m2 was done on 20 July: not penalised,
    // full credit → s1 = (1 + 1 + 0.5) / 3.
    let mut document = plan().into_document();
    document.lag_reasons.push(mubiao::LagReason {
        milestone: "m2".into(),
        class: mubiao::LagClass::Objective,
        cause: None,
        text: "higher-level approval".into(),
        recorded_on: day(7, 5),
        pending_request: None,
    });
    let units = assess_with(&document.validate().unwrap(), ScoringScheme::default());
    close(
        unit(&units, "a").lead_score.unwrap(),
        (250.0 / 3.0 + 100.0) / 2.0,
    );
}

#[test]
fn weights_and_missing_ratings() {
    // m1 weighs 2: s1 = (2 × 1 + 0.8 + 0.5) / 4 = 0.825.
    let mut scheme = ScoringScheme::default();
    scheme.weights.milestones.insert("m1".into(), 2.0);
    close(
        unit(&assess_with(&plan(), scheme), "a").lead_score.unwrap(),
        (82.5 + 100.0) / 2.0,
    );
    // k1 weighs 3: lead = (3 × 76.6667 + 1 × 100) / 4.
    let mut scheme = ScoringScheme::default();
    scheme.weights.key_tasks.insert("k1".into(), 3.0);
    close(
        unit(&assess_with(&plan(), scheme), "a").lead_score.unwrap(),
        (230.0 + 100.0) / 4.0,
    );

    // c becomes a partner of s1 but is not rated.
    let mut document = plan().into_document();
    document.key_tasks[0].sub_projects[0]
        .responsibility
        .partner_units
        .push("c".into());
    let plan = document.validate().unwrap();
    let mut with_c = components();
    with_c.insert("c".into(), components()["a"].clone());
    let run = |missing| {
        let mut scheme = ScoringScheme::default();
        scheme.missing_ratings = missing;
        plan.assess(
            day(12, 31),
            &scheme.validate().unwrap(),
            &with_c,
            &StatusOptions::default(),
        )
    };
    // Excluded (the default): c has nothing to be assessed on, and the scores given for
    // it are reported as not used.
    let excluded = run(MissingRatings::Excluded).unwrap();
    assert_eq!(excluded.not_assessed, vec!["c".into()]);
    assert_eq!(excluded.components_not_used, vec!["c".into()]);
    // Neutral 80: c's partner score is 80, its target completion too.
    let neutral = run(MissingRatings::Neutral { score: 80.0 }).unwrap();
    close(unit(&neutral.units, "c").target_completion, 80.0);
    assert!(unit(&neutral.units, "c")
        .explanation
        .nodes()
        .iter()
        .any(|n| matches!(n.explained, Explained::MissingRating { .. })));
    // Error: names the unit, the lead unit and the sub-project.
    match run(MissingRatings::Error).unwrap_err() {
        AssessmentError::MissingRating {
            unit,
            lead,
            sub_project,
        } => {
            assert_eq!(
                (unit.as_str(), lead.as_str(), sub_project.as_str()),
                ("c", "a", "s1")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_component_values_name_the_unit_and_the_item() {
    let plan = plan();
    let scheme = mubiao::Scheme::default();
    let options = StatusOptions::default();
    let mut unknown = components();
    unknown.get_mut("a").unwrap().insert("morale".into(), 50.0);
    let error = plan
        .assess(day(12, 31), &scheme, &unknown, &options)
        .unwrap_err();
    assert_eq!(error.code(), "unknown-component");
    assert!(error.to_string().contains("`a`") && error.to_string().contains("`morale`"));
    // The scheme's components are listed in either language, in that language's words.
    let zh = error.message(mubiao::Language::Chinese);
    assert!(
        zh.contains("`public_satisfaction`") && !zh.contains(", "),
        "{zh}"
    );
    let mut missing = components();
    missing.get_mut("b").unwrap().remove("public_satisfaction");
    match plan
        .assess(day(12, 31), &scheme, &missing, &options)
        .unwrap_err()
    {
        AssessmentError::MissingComponent { unit, component } => {
            assert_eq!(
                (unit.as_str(), component.as_str()),
                ("b", "public_satisfaction")
            );
        }
        other => panic!("{other:?}"),
    }
    let mut invalid = components();
    invalid
        .get_mut("a")
        .unwrap()
        .insert("budget_execution".into(), f64::NAN);
    assert_eq!(
        plan.assess(day(12, 31), &scheme, &invalid, &options)
            .unwrap_err()
            .code(),
        "invalid-component"
    );
    let mut stranger = components();
    stranger.insert("nowhere".into(), BTreeMap::new());
    assert_eq!(
        plan.assess(day(12, 31), &scheme, &stranger, &options)
            .unwrap_err()
            .code(),
        "unknown-unit"
    );
    // A rating that bypassed the ledger, given by someone outside the lead unit, never
    // makes it into a plan: validation names the rater and the sub-project.
    let mut document = PlanDocument::from_json_str(&plan_json()).unwrap();
    document.people.push(mubiao::Person {
        id: "hb".into(),
        name: "Head B".into(),
        role: mubiao::Role::UnitHead,
        unit: "b".into(),
    });
    document.partner_ratings[0].rated_by = "hb".into();
    let error = document.validate().unwrap_err();
    assert_eq!(error.problems[0].code.as_str(), "rating-by-non-lead");
    assert!(
        error.problems[0].message.contains("`hb`") && error.problems[0].message.contains("`s1`")
    );
}

#[test]
fn schemes_are_validated_with_paths() {
    let mut scheme = ScoringScheme::default();
    scheme.components[0].weight = 0.35;
    scheme.lead_weight = f64::NAN;
    scheme.grades.good = 95.0;
    scheme.credit.partial = PartialRule::Bands {
        bands: vec![
            Band {
                at_least: 0.5,
                credit: 0.5,
            },
            Band {
                at_least: 0.7,
                credit: 0.2,
            },
        ],
    };
    let problems = scheme.validate().unwrap_err().problems;
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.code.as_str(), p.path.as_str()))
        .collect();
    assert!(
        found.contains(&("weights-do-not-sum", "/components")),
        "{found:?}"
    );
    assert!(
        found.contains(&("not-a-number", "/lead_weight")),
        "{found:?}"
    );
    assert!(
        found.contains(&("thresholds-out-of-order", "/grades")),
        "{found:?}"
    );
    assert!(
        found.contains(&("thresholds-out-of-order", "/credit/partial/bands/1")),
        "{found:?}"
    );
    // Within the stated tolerance, weights pass.
    let mut scheme = ScoringScheme::default();
    scheme.components[0].weight = 0.3 + 5e-7;
    assert!(scheme.validate().is_ok());
    // A scheme reads from JSON and refuses unknown fields.
    let json = serde_json::to_string(&ScoringScheme::default()).unwrap();
    assert_eq!(
        ScoringScheme::from_json_str(&json).unwrap(),
        ScoringScheme::default()
    );
    let bad = json.replacen("{", "{\"bonus\":1,", 1);
    assert!(ScoringScheme::from_json_str(&bad)
        .unwrap_err()
        .to_string()
        .contains("unknown field `bonus`"));
}

fn xuhui_year_end() -> (Plan, ComponentScores) {
    let plan =
        Plan::from_json_str(&std::fs::read_to_string(data_path(XUHUI_2017_YEAR_END_FILE)).unwrap())
            .unwrap();
    let components = serde_json::from_str(
        &std::fs::read_to_string(data_path(XUHUI_2017_COMPONENTS_FILE)).unwrap(),
    )
    .unwrap();
    (plan, components)
}

/// The Xuhui 2017 year-end assessment with the default scheme.
fn xuhui_assessment() -> mubiao::Assessment {
    let (plan, components) = xuhui_year_end();
    plan.assess(
        day(12, 31),
        &mubiao::Scheme::default(),
        &components,
        &StatusOptions::default(),
    )
    .unwrap()
}

#[test]
fn the_year_end_data_is_what_the_generator_writes() {
    let (document, components) = xuhui::year_end_2017();
    let mut text = document.to_json_string_pretty();
    text.push('\n');
    assert!(
        text == std::fs::read_to_string(data_path(XUHUI_2017_YEAR_END_FILE)).unwrap(),
        "run `cargo run --example generate_xuhui`"
    );
    let mut text = serde_json::to_string_pretty(&components).unwrap();
    text.push('\n');
    assert!(text == std::fs::read_to_string(data_path(XUHUI_2017_COMPONENTS_FILE)).unwrap());
}

#[test]
fn xuhui_2017_every_point_adds_up() {
    let assessment = xuhui_assessment();
    // 24 departments and 13 streets and town, each leading or partnering some work.
    assert_eq!(assessment.units.len(), 37);
    assert!(assessment.not_assessed.is_empty());
    for unit in &assessment.units {
        assert!(unit.explanation.imbalance() < 1e-9, "{}", unit.unit);
        assert!(
            (unit.explanation.points - unit.performance).abs() < 1e-9,
            "{}",
            unit.unit
        );
        for score in [unit.performance, unit.target_completion]
            .into_iter()
            .chain(unit.lead_score)
            .chain(unit.partner_score)
        {
            assert!((0.0..=100.0).contains(&score), "{}: {score}", unit.unit);
        }
    }
    // At most 20% excellent: floor(0.2 × 37) = 7.
    let excellent = assessment
        .units
        .iter()
        .filter(|u| u.grade == Grade::Excellent)
        .count();
    assert!(excellent <= 7);
    // Ranks start at 1 and never decrease down the list; groups are ranked separately.
    assert_eq!(assessment.units[0].rank, 1);
    assert!(assessment.units.windows(2).all(|w| w[0].rank <= w[1].rank));
    let streets: Vec<u32> = assessment
        .units
        .iter()
        .filter(|u| u.kind.is_street_or_town())
        .map(|u| u.group_rank)
        .collect();
    assert_eq!(streets.len(), 13);
    assert_eq!(streets[0], 1);
    // Accountability: lagging, no objective reason, most overdue first.
    assert!(!assessment.accountability.is_empty());
    assert!(assessment
        .accountability
        .windows(2)
        .all(|w| w[0].days_overdue >= w[1].days_overdue));
    assert!(assessment.accountability.iter().all(|a| a
        .reason
        .as_ref()
        .map_or(true, |r| r.class == mubiao::LagClass::Subjective)));
    // Rendered in both languages; serialisable.
    let text = assessment.render(Language::Chinese);
    assert!(text.contains("年度考核") && text.contains("问责清单") && text.contains("得分构成"));
    assert!(assessment
        .render(Language::English)
        .contains("Accountability"));
    let json = serde_json::to_value(&assessment).unwrap();
    assert_eq!(json["units"][0]["rank"], 1);
}

#[test]
fn an_assessment_travels_as_checked_bytes() {
    let assessment = xuhui_assessment();
    let bytes = assessment.to_bytes();
    assert!(bytes.starts_with(b"MUBIAO-ASSESSMENT\0\x01\x00{"));
    assert_eq!(mubiao::Assessment::from_bytes(&bytes).unwrap(), assessment);
    // A roll-up's bytes are not an assessment's, nor the other way round.
    assert_eq!(
        mubiao::Rollup::from_bytes(&bytes).unwrap_err().code(),
        "bad-snapshot"
    );
    // Impossible figures are refused, naming the unit.
    let mut forged = assessment.clone();
    forged.units[0].performance = 140.0;
    let error = mubiao::Assessment::from_bytes(&forged.to_bytes()).unwrap_err();
    assert_eq!(error.code(), "bad-snapshot");
    assert!(
        error.to_string().contains(forged.units[0].unit.as_str()),
        "{error}"
    );
    let mut unranked = assessment;
    unranked.units[1].rank = 0;
    assert!(mubiao::Assessment::from_bytes(&unranked.to_bytes()).is_err());
}
