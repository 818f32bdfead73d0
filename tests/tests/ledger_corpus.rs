//! The shared corpus of tampered and hostile ledger files in `tests/fixtures/ledgers/`,
//! read by the Rust, Python and JavaScript tests alike. `expected.json` gives, for each
//! file, the first line that fails the documented procedure (`null` when every line
//! verifies) and whether the file loads. An independent verifier written here from
//! `docs/ledger.md` alone (serde_json and sha2, no library code) must agree with the
//! library on every file.
//!
//! Run with `MUBIAO_BLESS=1` to write the corpus again.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::{Change, Error, LagClass, Ledger, Progress};
use mubiao_tests::{example_to_adopt, rechain, sha256_hex as sha256, workspace_dir};
use serde_json::Value;

fn at(m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2017, m, d)
        .unwrap()
        .and_hms_opt(17, 30, 0)
        .unwrap()
}

fn base() -> String {
    let mut ledger =
        Ledger::adopt(example_to_adopt().unwrap(), "district-head", at(1, 5), None).unwrap();
    for (n, (m, d)) in [(2, 10), (3, 20)].into_iter().enumerate() {
        ledger
            .record(
                "hongmei-urban-head",
                at(m, d),
                Change::ReportProgress {
                    milestone: "hm-rivers-q1".into(),
                    date: NaiveDate::from_ymd_opt(2017, m, d).unwrap(),
                    progress: Progress::Cumulative(2.0 + 4.0 * n as f64),
                    note: Some(format!("徐汇 report {n}\u{2028}second line")),
                },
                None,
            )
            .unwrap();
    }
    ledger
        .record(
            "water-head",
            at(3, 25),
            Change::RequestLaterDate {
                milestone: "sewage-approval".into(),
                due: NaiveDate::from_ymd_opt(2017, 4, 30).unwrap(),
                class: LagClass::Objective,
                cause: None,
                text: "the city's approval is pending".into(),
            },
            None,
        )
        .unwrap();
    ledger.to_jsonl()
}

fn joined(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Every file of the corpus, by name, as bytes.
fn corpus() -> BTreeMap<&'static str, Vec<u8>> {
    let text = base();
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let with = |f: &dyn Fn(&mut Vec<String>)| {
        let mut changed = lines.clone();
        f(&mut changed);
        joined(&changed).into_bytes()
    };
    let mut files = BTreeMap::new();
    files.insert("as-written.jsonl", text.clone().into_bytes());
    files.insert(
        "edited.jsonl",
        with(&|l| l[2] = l[2].replacen("\"cumulative\":6.0", "\"cumulative\":7.0", 1)),
    );
    files.insert(
        "space-added.jsonl",
        with(&|l| l[1] = l[1].replacen("\"sequence\":1", "\"sequence\": 1", 1)),
    );
    files.insert(
        "character-escaped.jsonl",
        with(&|l| l[1] = l[1].replacen('徐', "\\u5f90", 1)),
    );
    files.insert(
        "null-reason.jsonl",
        with(&|l| {
            l[3] = l[3].replacen(
                ",\"previous_hash\"",
                ",\"reason\":null,\"previous_hash\"",
                1,
            )
        }),
    );
    files.insert("removed.jsonl", with(&|l| drop(l.remove(2))));
    files.insert("inserted.jsonl", with(&|l| l.insert(2, l[1].clone())));
    files.insert("reordered.jsonl", with(&|l| l.swap(2, 3)));
    files.insert(
        "truncated-line.jsonl",
        with(&|l| {
            let last = l.len() - 1;
            let keep = l[last].len() - 10;
            l[last].truncate(keep);
        }),
    );
    files.insert("dropped-tail.jsonl", joined(&lines[..3]).into_bytes());
    files.insert(
        "rewritten-suffix.jsonl",
        joined(&rechain(
            &{
                let mut l = lines.clone();
                l[3] = l[3].replacen("the city's approval is pending", "forged", 1);
                l
            },
            3,
            |v| serde_json::to_string(v).unwrap(),
        ))
        .into_bytes(),
    );
    files.insert(
        "crlf.jsonl",
        lines
            .iter()
            .map(|l| format!("{l}\r\n"))
            .collect::<String>()
            .into_bytes(),
    );
    files.insert(
        "python-json-rechained.jsonl",
        joined(&rechain(&lines, 0, mubiao_tests::python_json_dumps)).into_bytes(),
    );
    files.insert(
        "sorted-members-rechained.jsonl",
        joined(&rechain(&lines, 0, |v| serde_json::to_string(v).unwrap())).into_bytes(),
    );
    files.insert("bom.jsonl", {
        let mut bytes = vec![0xef, 0xbb, 0xbf];
        bytes.extend_from_slice(text.as_bytes());
        bytes
    });
    files.insert("empty.jsonl", Vec::new());
    files.insert("blank-line.jsonl", with(&|l| l.insert(2, String::new())));
    files.insert(
        "binary.jsonl",
        vec![0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10],
    );
    files.insert(
        "not-json.jsonl",
        with(&|l| l[2] = "{\"sequence\": 2,".to_owned()),
    );
    files
}

/// The documented procedure, from `docs/ledger.md` alone: the first bad line, from 1, or
/// `None` when every line verifies.
fn independent_first_bad_line(bytes: &[u8]) -> Option<usize> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(1);
    };
    if text.starts_with('\u{feff}') || text.trim().is_empty() {
        return Some(1);
    }
    let mut previous = "0".repeat(64);
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let Some(cut) = line.len().checked_sub(75) else {
            return Some(number);
        };
        let (Some(body), Some(ending)) = (line.get(..cut), line.get(cut..)) else {
            return Some(number);
        };
        let Some(hash) = ending
            .strip_prefix(",\"hash\":\"")
            .and_then(|e| e.strip_suffix("\"}"))
        else {
            return Some(number);
        };
        if !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Some(number);
        }
        let Ok(value) = serde_json::from_str::<Value>(line) else {
            return Some(number);
        };
        if value["hash"] != hash
            || value["sequence"] != n as u64
            || value["previous_hash"] != previous.as_str()
            || sha256(format!("{body}}}").as_bytes()) != hash
        {
            return Some(number);
        }
        previous = hash.to_owned();
    }
    None
}

fn library_first_bad_line(bytes: &[u8]) -> Option<usize> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => return Some(1),
    };
    match Ledger::verify_jsonl(text, &[]) {
        Ok(_) => None,
        Err(Error::Integrity(error)) => Some(error.line),
        Err(Error::Format(error)) => Some(error.position().map_or(1, |(line, _)| line)),
        Err(other) => panic!("{other:?}"),
    }
}

fn expected() -> Value {
    let base = base();
    let head: mubiao::Head = {
        let last = base.lines().last().unwrap();
        let value: Value = serde_json::from_str(last).unwrap();
        mubiao::Head {
            sequence: value["sequence"].as_u64().unwrap(),
            hash: value["hash"].as_str().unwrap().to_owned(),
        }
    };
    let mut files = serde_json::Map::new();
    for (name, bytes) in corpus() {
        let first_bad = independent_first_bad_line(&bytes);
        let loads = Ledger::from_jsonl_bytes(&bytes, &[]).is_ok();
        let anchored = Ledger::from_jsonl_bytes(&bytes, std::slice::from_ref(&head)).is_ok();
        files.insert(
            name.to_owned(),
            serde_json::json!({"first_bad_line": first_bad, "loads": loads, "loads_with_head": anchored}),
        );
    }
    serde_json::json!({"published_head": head, "files": files})
}

#[test]
fn the_checked_in_corpus_is_the_one_made_here() {
    let dir = workspace_dir().join("tests/fixtures/ledgers");
    if std::env::var_os("MUBIAO_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in corpus() {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        let mut text = serde_json::to_string_pretty(&expected()).unwrap();
        text.push('\n');
        std::fs::write(dir.join("expected.json"), text).unwrap();
    }
    for (name, bytes) in corpus() {
        assert_eq!(
            std::fs::read(dir.join(name)).unwrap_or_default(),
            bytes,
            "{name} is out of step; run `MUBIAO_BLESS=1 cargo test -p mubiao-tests --test ledger_corpus`"
        );
    }
    let checked_in: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert_eq!(checked_in, expected());
}

#[test]
fn the_library_and_an_independent_verifier_agree_on_every_file() {
    let expected = expected();
    for (name, bytes) in corpus() {
        let mine = independent_first_bad_line(&bytes);
        let theirs = library_first_bad_line(&bytes);
        assert_eq!(mine, theirs, "{name}");
        let want = &expected["files"][name];
        assert_eq!(want["first_bad_line"], serde_json::json!(mine), "{name}");
    }
    // What each kind of file must give, whatever the implementation.
    let files = &expected["files"];
    for name in ["as-written.jsonl", "crlf.jsonl"] {
        assert_eq!(files[name]["first_bad_line"], Value::Null, "{name}");
        assert_eq!(files[name]["loads_with_head"], true, "{name}");
    }
    // Written again by other tools with the chain rebuilt: whole and readable, but other
    // bytes, so the head published for the original no longer matches.
    for name in [
        "python-json-rechained.jsonl",
        "sorted-members-rechained.jsonl",
    ] {
        assert_eq!(files[name]["first_bad_line"], Value::Null, "{name}");
        assert_eq!(files[name]["loads"], true, "{name}");
        assert_eq!(files[name]["loads_with_head"], false, "{name}");
    }
    for name in ["dropped-tail.jsonl", "rewritten-suffix.jsonl"] {
        assert_eq!(files[name]["loads"], true, "{name}");
        assert_eq!(files[name]["loads_with_head"], false, "{name}");
    }
    for name in [
        "edited.jsonl",
        "space-added.jsonl",
        "character-escaped.jsonl",
        "null-reason.jsonl",
        "removed.jsonl",
        "inserted.jsonl",
        "reordered.jsonl",
        "truncated-line.jsonl",
        "bom.jsonl",
        "empty.jsonl",
        "blank-line.jsonl",
        "binary.jsonl",
        "not-json.jsonl",
    ] {
        assert_ne!(files[name]["first_bad_line"], Value::Null, "{name}");
        assert_eq!(files[name]["loads"], false, "{name}");
    }
}
