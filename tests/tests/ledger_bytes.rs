//! The ledger's integrity is checked on the bytes of its lines, by exactly the procedure
//! `docs/ledger.md` gives: files whose bytes changed but whose values did not are refused,
//! files written by another tool with their chain rebuilt by that procedure are read, a
//! published head finds a dropped or rewritten tail, and integrity is verified without
//! any rule.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::{
    Change, Error, Head, IntegrityProblem, LagClass, Ledger, MilestoneStatus, Progress, Rule,
    StatusOptions,
};
use mubiao_tests::{example_to_adopt, sha256_hex as sha256};
use serde_json::Value;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, m, d).unwrap()
}

fn at(m: u32, d: u32) -> NaiveDateTime {
    day(m, d).and_hms_opt(17, 30, 0).unwrap()
}

/// A ledger of the example plan with a report, a request for a later date, its approval
/// and a reason holding characters some readers take for line breaks.
fn ledger() -> Ledger {
    let mut ledger =
        Ledger::adopt(example_to_adopt().unwrap(), "district-head", at(1, 5), None).unwrap();
    ledger
        .record(
            "hongmei-urban-head",
            at(3, 20),
            Change::ReportProgress {
                milestone: "hm-rivers-q1".into(),
                date: day(3, 20),
                progress: Progress::Cumulative(6.0),
                note: Some("six sites\u{2028}along two rivers\u{85}中文".into()),
            },
            None,
        )
        .unwrap();
    ledger
        .record(
            "water-head",
            at(3, 25),
            Change::RequestLaterDate {
                milestone: "sewage-approval".into(),
                due: day(4, 30),
                class: LagClass::Objective,
                cause: None,
                text: "the city's approval is pending".into(),
            },
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    ledger
}

fn lines(ledger: &Ledger) -> Vec<String> {
    ledger.to_jsonl().lines().map(str::to_owned).collect()
}

/// The chain of `values` rebuilt as the documented procedure says, each line written by
/// `write`.
fn rechain(values: &[Value], write: impl Fn(&Value) -> String) -> Vec<String> {
    let lines: Vec<String> = values.iter().map(Value::to_string).collect();
    mubiao_tests::rechain(&lines, 0, write)
}

#[test]
fn lines_are_written_escaping_line_separators_and_read_back_byte_for_byte() {
    let ledger = ledger();
    let text = ledger.to_jsonl();
    assert!(
        text.contains("\\u2028") && text.contains("\\u0085"),
        "{text}"
    );
    assert!(!text.contains('\u{2028}') && !text.contains('\u{85}'));
    // Every reader splits it into as many lines as there are entries.
    assert_eq!(text.lines().count(), ledger.entries().len());
    let again = Ledger::from_jsonl(&text).unwrap();
    assert_eq!(again.to_jsonl(), text);
    assert_eq!(again.head(), ledger.head());
    assert_eq!(ledger.head().sequence, 2);
    // The first entry states the ledger's format; every entry its rules.
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["format_version"], 1);
    assert_eq!(first["rules"], mubiao::RULES_VERSION);
}

#[test]
fn changed_bytes_with_the_same_values_are_refused() {
    let original = lines(&ledger());
    let line = &original[1];
    let variants: Vec<(&str, String)> = vec![
        (
            "a space added",
            line.replacen("\"sequence\":1", "\"sequence\": 1", 1),
        ),
        ("a character escaped", line.replacen('中', "\\u4e2d", 1)),
        ("members reordered", {
            // serde_json's own map writes members in alphabetical order.
            let value: Value = serde_json::from_str(line).unwrap();
            serde_json::to_string(&value).unwrap()
        }),
        (
            "a null reason",
            line.replacen(
                ",\"previous_hash\"",
                ",\"reason\":null,\"previous_hash\"",
                1,
            ),
        ),
        ("a float written longer", line.replacen("6.0", "6.00", 1)),
    ];
    for (what, changed) in variants {
        assert_ne!(&changed, line, "{what}");
        let mut file = original.clone();
        file[1] = changed;
        match Ledger::verify_jsonl(&(file.join("\n") + "\n"), &[]) {
            Err(Error::Integrity(error)) => assert_eq!(error.line, 2, "{what}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    // CRLF line ends are line ends: the lines' bytes are the same.
    let crlf = original.join("\r\n") + "\r\n";
    assert!(Ledger::from_jsonl(&crlf).is_ok());
}

#[test]
fn files_written_by_another_tool_with_their_chain_rebuilt_are_read() {
    let ledger = ledger();
    let values: Vec<Value> = lines(&ledger)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Python's json.dumps style: spaces after separators, ASCII-only escapes.
    let spaced = rechain(&values, mubiao_tests::python_json_dumps);
    let text = spaced.join("\n") + "\n";
    let head = Ledger::verify_jsonl(&text, &[]).unwrap();
    let read = Ledger::from_jsonl(&text).unwrap();
    assert_eq!(read.head(), head);
    assert_eq!(read.to_jsonl(), text, "the bytes read are the bytes kept");
    assert_eq!(read.entries().len(), ledger.entries().len());
    read.verify().unwrap();
    // The values are the same as the library's own file.
    assert_eq!(read.plan(), ledger.plan());
}

#[test]
fn a_published_head_finds_a_dropped_tail_a_rewritten_suffix_and_a_fork() {
    let ledger = ledger();
    let published = ledger.head();
    let text = ledger.to_jsonl();
    assert!(Ledger::from_jsonl_anchored(&text, std::slice::from_ref(&published)).is_ok());

    // Dropped tail: the last entry taken away. The chain alone is whole.
    let dropped: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert!(Ledger::verify_jsonl(&dropped, &[]).is_ok());
    match Ledger::verify_jsonl(&dropped, std::slice::from_ref(&published)) {
        Err(Error::Integrity(error)) => {
            assert_eq!(
                error.problem,
                IntegrityProblem::DroppedTail { published: 2 }
            );
        }
        other => panic!("{other:?}"),
    }

    // Rewritten suffix: the last entry replaced by another, with a sound chain.
    let values: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut forged = values[2].clone();
    forged["change"]["text"] = Value::String("rewritten".into());
    forged["previous_hash"] = Value::String(ledger.entries()[1].hash.clone());
    forged.as_object_mut().unwrap().remove("hash");
    let body = serde_json::to_string(&forged).unwrap();
    let forged_line = format!(
        "{},\"hash\":\"{}\"}}",
        body.strip_suffix('}').unwrap(),
        sha256(body.as_bytes())
    );
    let rewritten: String = text
        .lines()
        .take(2)
        .chain(std::iter::once(forged_line.as_str()))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(Ledger::verify_jsonl(&rewritten, &[]).is_ok());
    match Ledger::from_jsonl_anchored(&rewritten, std::slice::from_ref(&published)) {
        Err(Error::Integrity(error)) => {
            assert_eq!(error.line, 3);
            assert!(matches!(error.problem, IntegrityProblem::Forked { .. }));
        }
        other => panic!("{other:?}"),
    }
    // A head published earlier still matches the shared part of a fork.
    let early = Head {
        sequence: 1,
        hash: ledger.entries()[1].hash.clone(),
    };
    assert!(Ledger::verify_jsonl(&rewritten, &[early]).is_ok());
}

/// The test ledger with a well-chained fourth entry appended: a progress report on
/// `hm-rivers-q1` recorded at `recorded_at` by `actor`. Returns the entries' values and
/// the text.
fn with_report_appended(recorded_at: &str, actor: &str) -> (Vec<Value>, String) {
    let mut values: Vec<Value> = ledger()
        .to_jsonl()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    values.push(serde_json::json!({
        "sequence": 3, "rules": 2, "recorded_at": recorded_at, "actor": actor,
        "change": {"kind": "report_progress", "milestone": "hm-rivers-q1", "date": "2017-04-01", "progress": {"cumulative": 9.0}},
        "previous_hash": "", "hash": ""
    }));
    let text = rechain(&values, |v| serde_json::to_string(v).unwrap()).join("\n") + "\n";
    (values, text)
}

#[test]
fn integrity_is_verified_without_rules_and_refusals_name_their_line() {
    // A well-chained entry that breaks a rule: a report by a unit that does not lead.
    let (_, text) = with_report_appended("2017-04-01T09:00:00", "water-head");
    assert_eq!(Ledger::verify_jsonl(&text, &[]).unwrap().sequence, 3);
    match Ledger::from_jsonl(&text) {
        Err(Error::Change(refused)) => {
            assert_eq!(refused.rule, Rule::LeadUnitOnly);
            assert_eq!(refused.line, Some(4));
            assert!(refused.to_string().contains("on line 4"), "{refused}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn entries_are_replayed_under_the_rules_of_their_version() {
    // An entry recorded in 2030: refused under the rules of version 2, which bound
    // moments; accepted as written before rules had versions.
    let (mut values, current) = with_report_appended("2030-04-01T09:00:00", "hongmei-urban-head");
    match Ledger::from_jsonl(&current) {
        Err(Error::Change(refused)) => assert_eq!(refused.rule, Rule::MomentOutsidePlanPeriod),
        other => panic!("{other:?}"),
    }
    values[3].as_object_mut().unwrap().remove("rules");
    let legacy = rechain(&values, |v| serde_json::to_string(v).unwrap()).join("\n") + "\n";
    let read = Ledger::from_jsonl(&legacy).unwrap();
    assert_eq!(read.entries()[3].rules, 1);
}

#[test]
fn a_later_date_approved_afterwards_does_not_rewrite_the_past() {
    let mut ledger = ledger();
    // On 31 March the feasibility study was due and not done: lagging.
    let before = ledger.plan_on(day(3, 31)).unwrap();
    let status = before
        .status(day(3, 31), &StatusOptions::default())
        .unwrap();
    assert_eq!(
        status.milestone("sewage-approval").unwrap().status,
        MilestoneStatus::Lagging
    );
    ledger
        .record(
            "deputy-urban",
            at(4, 2),
            Change::ApproveLaterDate { request: 2 },
            None,
        )
        .unwrap();
    // The plan as it stands now has the later date …
    let now = ledger
        .plan()
        .status(day(3, 31), &StatusOptions::default())
        .unwrap();
    assert_eq!(
        now.milestone("sewage-approval").unwrap().status,
        MilestoneStatus::NotYetDue
    );
    // … but 31 March, asked of the ledger, looks as it did.
    let then = ledger.plan_on(day(3, 31)).unwrap();
    let status = then.status(day(3, 31), &StatusOptions::default()).unwrap();
    assert_eq!(
        status.milestone("sewage-approval").unwrap().status,
        MilestoneStatus::Lagging
    );
}

#[test]
fn reading_errors_name_their_line_and_kind() {
    let text = ledger().to_jsonl();
    // A byte-order mark, an empty file, binary junk, invalid UTF-8.
    let with_bom = format!("\u{feff}{text}");
    assert_eq!(
        Ledger::from_jsonl(&with_bom).unwrap_err().code(),
        "not-utf8"
    );
    assert_eq!(Ledger::from_jsonl("").unwrap_err().code(), "empty-document");
    assert_eq!(
        Ledger::from_jsonl("\n\n").unwrap_err().code(),
        "empty-document"
    );
    let junk = Ledger::from_jsonl("\u{1}\u{2}PK\u{3}\u{4}").unwrap_err();
    assert_eq!(junk.code(), "malformed-json");
    let mut bytes = text.clone().into_bytes();
    let second_line = text.find('\n').unwrap() + 5;
    bytes[second_line] = 0xff;
    match Ledger::from_jsonl_bytes(&bytes, &[]) {
        Err(Error::Format(error)) => {
            assert_eq!(error.code(), "not-utf8");
            assert_eq!(error.position().unwrap().0, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_pending_request_is_the_milestones_recorded_reason_until_decided() {
    let mut ledger = ledger();
    // The request of 25 March (entry 2) gave an objective reason: on 31 March the lagging
    // milestone has it, marked pending, and needs no second one.
    let plan = ledger.plan_on(day(3, 31)).unwrap();
    let status = plan.status(day(3, 31), &StatusOptions::default()).unwrap();
    let row = status.milestone("sewage-approval").unwrap();
    assert_eq!(row.status, MilestoneStatus::Lagging);
    let reason = row.lag_reason.as_ref().unwrap();
    assert_eq!(reason.pending_request, Some(2));
    assert_eq!(reason.text, "the city's approval is pending");
    let report = status.report();
    assert_eq!(
        report
            .lagging
            .iter()
            .filter(|e| e.item.needs_reason())
            .count(),
        0
    );
    let text = report.render(mubiao::Language::English);
    assert!(
        text.contains("request #2 for a later date pending"),
        "{text}"
    );
    assert!(report
        .render(mubiao::Language::Chinese)
        .contains("延期申请 #2 待批"));
    // Refused on 2 April: the reason stays, no longer pending.
    ledger
        .record(
            "deputy-urban",
            at(4, 2),
            Change::RefuseLaterDate { request: 2 },
            Some("the approval is expected within the quarter".into()),
        )
        .unwrap();
    let after = ledger
        .plan()
        .status(day(4, 2), &StatusOptions::default())
        .unwrap();
    let reason = after
        .milestone("sewage-approval")
        .unwrap()
        .lag_reason
        .unwrap();
    assert_eq!(reason.pending_request, None);
    // And 31 March, asked again, still shows the request pending then.
    let then = ledger.plan_on(day(3, 31)).unwrap();
    let row = then
        .status(day(3, 31), &StatusOptions::default())
        .unwrap()
        .milestone("sewage-approval")
        .unwrap();
    assert_eq!(row.lag_reason.unwrap().pending_request, Some(2));
}
