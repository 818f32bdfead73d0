//! A mutation fuzzer for every reader and check the library exposes to untrusted input: the
//! plan reader, validation, status, the calendar, the scoring scheme, the ledger reader and
//! signed checkpoints.
//!
//! Each target starts from a corpus seeded with the example data, mutates it — bytes
//! flipped, inserted, deleted and spliced, tokens of JSON and of the domain dropped in,
//! values of the parsed document replaced, duplicated and deepened — and runs the target
//! on every mutant. A target fails on a panic (the test harness reports it), on an input
//! that takes more than [`SLOWEST`] to answer, or on an answer larger than its bound. The
//! run is deterministic for a seed; a failing input is written to
//! `target/fuzz-failures/` with its seed so it can be replayed and kept as a regression.
//!
//! `MUBIAO_FUZZ_SECONDS` sets each target's time budget (default 8 s; CI runs the
//! default), `MUBIAO_FUZZ_SEED` the seed.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::{
    Language, Ledger, PlanDocument, ScoringScheme, StatusOptions, WorkingCalendar,
    MAX_PROBLEMS_PER_CODE,
};
use mubiao_examples::data_path;
use mubiao_tests::{example_plan_json, workspace_dir};
use serde_json::Value;

/// The longest any one input may take (a debug build, on a busy two-core machine).
const SLOWEST: Duration = Duration::from_secs(10);

/// The largest message any one error may have.
const LONGEST_MESSAGE: usize = 64 * 1024;

struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn budget() -> Duration {
    let seconds = std::env::var("MUBIAO_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8.0_f64);
    Duration::from_secs_f64(seconds)
}

fn seed(target: &str) -> u64 {
    let base = std::env::var("MUBIAO_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2017_u64);
    target.bytes().fold(base ^ 0x9E37_79B9_7F4A_7C15, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    }) | 1
}

/// Tokens worth dropping into JSON text: syntax, hostile numbers, dates, names.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "false",
    "-1",
    "0",
    "1e400",
    "18446744073709551616",
    "-9223372036854775809",
    "1.5",
    "NaN",
    "\"2017-02-30\"",
    "\"2017-3-1\"",
    "\"0000-01-01\"",
    "\"+262142-12-31\"",
    "\"9999-12-31T23:59:59\"",
    "\"1900-01-01T00:00:00\"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\u{feff}",
    "\u{2028}",
    "\"section\"",
    "\"government\"",
    "\"major_project\"",
    "\"multi_year\": true",
    "\"format_version\": 2",
    "\"parent\": \"gov\"",
    "[[[[[[[[[[",
    "]]]]]]]]]]",
    "\"objective\"",
    "\"done\"",
    "{\"cumulative\": 1e308}",
];

/// Mutates bytes: flips, inserts, deletes, duplicates, splices tokens and other inputs.
fn mutate_bytes(random: &mut Random, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=random.below(4) {
        let at = random.below(out.len() + 1);
        match random.below(7) {
            0 if !out.is_empty() => {
                let i = random.below(out.len());
                out[i] ^= 1 << random.below(8);
            }
            1 if !out.is_empty() => {
                let end = (at + 1 + random.below(64)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 => {
                let token = TOKENS[random.below(TOKENS.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            3 if !out.is_empty() => {
                let from = random.below(out.len());
                let end = (from + 1 + random.below(256)).min(out.len());
                let piece = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
            4 if !corpus.is_empty() => {
                let other = &corpus[random.below(corpus.len())];
                if !other.is_empty() {
                    let from = random.below(other.len());
                    let end = (from + 1 + random.below(512)).min(other.len());
                    out.splice(at..at, other[from..end].iter().copied());
                }
            }
            5 => out.insert(at, random.next() as u8),
            _ if !out.is_empty() => out.truncate(random.below(out.len()) + 1),
            _ => {}
        }
    }
    out
}

/// Every value of a JSON document, as pointers, for structured mutation.
fn pointers(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                let token = key.replace('~', "~0").replace('/', "~1");
                pointers(item, format!("{path}/{token}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(path);
}

fn replacement(random: &mut Random, old: &Value) -> Value {
    match random.below(14) {
        0 => Value::Null,
        1 => Value::Bool(random.chance(50)),
        2 => serde_json::json!(-1),
        3 => serde_json::json!(1e308),
        4 => serde_json::json!(u64::MAX),
        5 => serde_json::json!(""),
        6 => serde_json::json!("2017-02-30"),
        7 => serde_json::json!("9999-12-31"),
        8 => serde_json::json!([]),
        9 => serde_json::json!({}),
        10 => serde_json::json!([old.clone(), old.clone()]),
        11 => serde_json::json!("gov"),
        12 => serde_json::json!(2017),
        _ => old.clone(),
    }
}

/// Mutates a parsed document: values replaced, members dropped, array items repeated.
fn mutate_value(random: &mut Random, input: &Value) -> Value {
    let mut doc = input.clone();
    let mut all = Vec::new();
    pointers(&doc, String::new(), &mut all);
    for _ in 0..=random.below(3) {
        let path = &all[random.below(all.len())];
        let Some((parent_path, last)) = path.rsplit_once('/') else {
            continue;
        };
        let Some(parent) = doc.pointer_mut(parent_path) else {
            continue;
        };
        match parent {
            Value::Object(map) => {
                if random.chance(25) {
                    map.remove(last);
                } else if let Some(old) = map.get(last).cloned() {
                    map.insert(last.to_owned(), replacement(random, &old));
                }
            }
            Value::Array(items) => {
                if let Ok(i) = last.parse::<usize>() {
                    if i < items.len() {
                        if random.chance(30) {
                            // Repeat an item many times: duplicates at scale.
                            let item = items[i].clone();
                            let copies = 1 + random.below(200);
                            items.splice(i..i, std::iter::repeat(item).take(copies));
                        } else {
                            let old = items[i].clone();
                            items[i] = replacement(random, &old);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    doc
}

/// Runs `target` on mutants of the corpus until the budget is spent; returns how many
/// inputs ran.
fn fuzz(name: &str, corpus: Vec<Vec<u8>>, target: impl Fn(&[u8])) -> usize {
    let mut random = Random(seed(name));
    let parsed: Vec<Value> = corpus
        .iter()
        .filter_map(|input| serde_json::from_slice(input).ok())
        .collect();
    let started = Instant::now();
    let mut runs = 0;
    let mut slowest = Duration::ZERO;
    // Every corpus input runs once as it is.
    let mut inputs: Vec<Vec<u8>> = corpus.clone();
    while started.elapsed() < budget() || !inputs.is_empty() {
        let input = match inputs.pop() {
            Some(input) => input,
            None if !parsed.is_empty() && random.chance(50) => {
                let pick = random.below(parsed.len());
                let value = mutate_value(&mut random, &parsed[pick]);
                serde_json::to_vec(&value).unwrap()
            }
            None => {
                let pick = random.below(corpus.len());
                mutate_bytes(&mut random, &corpus[pick], &corpus)
            }
        };
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(&input)));
        let took = start.elapsed();
        slowest = slowest.max(took);
        if outcome.is_err() || took > SLOWEST {
            let dir = workspace_dir().join("target").join("fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let file: PathBuf = dir.join(format!("{name}-{runs}.bin"));
            let _ = std::fs::write(&file, &input);
            panic!(
                "{name}: input {runs} {} after {took:?}; saved to {}",
                if outcome.is_err() {
                    "panicked"
                } else {
                    "was too slow"
                },
                file.display()
            );
        }
        runs += 1;
    }
    eprintln!(
        "{name}: {runs} inputs in {:?}, slowest {slowest:?}",
        started.elapsed()
    );
    assert!(
        runs > corpus.len(),
        "{name}: the budget ran only the corpus"
    );
    runs
}

fn check_error(error: &mubiao::Error) {
    for language in [Language::English, Language::Chinese] {
        let message = error.message(language);
        assert!(!message.is_empty());
        assert!(message.len() <= LONGEST_MESSAGE, "{} bytes", message.len());
    }
    assert!(!error.code().is_empty());
    if let mubiao::Error::Validation(error) = error {
        let mut counts = std::collections::BTreeMap::new();
        for problem in &error.problems {
            *counts.entry(problem.code).or_insert(0) += 1;
        }
        assert!(counts.values().all(|&n| n <= MAX_PROBLEMS_PER_CODE));
    }
}

/// Lines that parse as JSON objects, written again with their chain rebuilt by the
/// documented procedure; `None` when any line is not an object.
fn reseal(input: &[u8]) -> Option<String> {
    use sha2::{Digest, Sha256};
    let text = std::str::from_utf8(input).ok()?;
    let mut previous = mubiao::GENESIS_HASH.to_owned();
    let mut out = String::new();
    for line in text.lines() {
        let mut value: Value = serde_json::from_str(line).ok()?;
        let object = value.as_object_mut()?;
        object.remove("hash");
        object.insert("previous_hash".into(), Value::String(previous.clone()));
        let body = serde_json::to_string(&value).ok()?;
        let hash: String = Sha256::digest(body.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        out.push_str(body.strip_suffix('}')?);
        out.push_str(&format!(",\"hash\":\"{hash}\"}}\n"));
        previous = hash;
    }
    Some(out)
}

fn read(path: PathBuf) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn plan_corpus() -> Vec<Vec<u8>> {
    // The small example four times over: most mutants are of it, so more of them run.
    let example = example_plan_json().as_bytes().to_vec();
    vec![
        example.clone(),
        example.clone(),
        example.clone(),
        example,
        read(data_path("xuhui-2017.json")),
    ]
}

#[test]
fn fuzz_plan_reader_and_validation() {
    fuzz("plan", plan_corpus(), |input| {
        match PlanDocument::from_json_slice(input) {
            Ok(document) => {
                let problems = document.problems();
                assert!(problems.len() <= MAX_PROBLEMS_PER_CODE * 64);
                if let Err(error) = document.validate() {
                    check_error(&error.into());
                }
            }
            Err(error) => check_error(&error.into()),
        }
        if let Ok(value) = serde_json::from_slice::<Value>(input) {
            if let Err(error) = PlanDocument::from_json_value(value) {
                check_error(&error.into());
            }
        }
    });
}

#[test]
fn fuzz_status_and_assessment() {
    let dates = [
        "2016-12-31",
        "2017-03-31",
        "2017-06-30",
        "2017-12-31",
        "2018-06-30",
    ];
    fuzz("status", plan_corpus(), |input| {
        let Ok(plan) = mubiao::Plan::from_json_slice(input) else {
            return;
        };
        for date in dates {
            let as_of: NaiveDate = date.parse().unwrap();
            match plan.status(as_of, &StatusOptions::default()) {
                Ok(status) => {
                    let rollup = status.rollup();
                    assert!(rollup
                        .overall
                        .completion_rate()
                        .is_none_or(|r| (0.0..=1.0).contains(&r)));
                    let text = status.report().render(Language::Chinese);
                    assert!(text.len() < input.len() * 64 + 64 * 1024);
                }
                Err(error) => check_error(&error.into()),
            }
        }
        if let Err(error) = plan.assess(
            "2017-12-31".parse().unwrap(),
            &mubiao::Scheme::default(),
            &Default::default(),
            &StatusOptions::default(),
        ) {
            check_error(&error.into());
        }
        let _ = plan.trend(
            "2017-12-31".parse().unwrap(),
            mubiao::Granularity::Month,
            &StatusOptions::default(),
        );
    });
}

#[test]
fn fuzz_calendar() {
    fuzz(
        "calendar",
        vec![read(data_path("calendar-2017.json"))],
        |input| match WorkingCalendar::from_json_slice(input) {
            Ok(calendar) => {
                let a: NaiveDate = "2017-01-01".parse().unwrap();
                let b: NaiveDate = "2017-12-31".parse().unwrap();
                let days = calendar.working_days_between(a, b);
                assert!((0..=365).contains(&days), "{days}");
            }
            Err(error) => check_error(&error),
        },
    );
}

#[test]
fn fuzz_scheme() {
    let default = serde_json::to_vec(&ScoringScheme::default()).unwrap();
    fuzz("scheme", vec![default], |input| {
        let Ok(text) = std::str::from_utf8(input) else {
            return;
        };
        match ScoringScheme::from_json_str(text) {
            Ok(scheme) => {
                if let Err(error) = scheme.validate() {
                    check_error(&mubiao::Error::Validation(error));
                }
            }
            Err(error) => check_error(&error.into()),
        }
    });
}

/// The example plan adopted, and one progress report: the seed of the ledger targets.
fn two_entry_ledger() -> Ledger {
    let mut ledger = Ledger::adopt(
        mubiao_tests::example_to_adopt().unwrap(),
        "district-head",
        "2017-01-05T09:00:00".parse::<NaiveDateTime>().unwrap(),
        None,
    )
    .unwrap();
    ledger
        .record(
            "hongmei-urban-head",
            "2017-03-20T17:00:00".parse().unwrap(),
            mubiao::Change::ReportProgress {
                milestone: "hm-rivers-q1".into(),
                date: "2017-03-20".parse().unwrap(),
                progress: mubiao::Progress::Cumulative(6.0),
                note: None,
            },
            None,
        )
        .unwrap();
    ledger
}

#[test]
fn fuzz_ledger_reader() {
    let ledger = two_entry_ledger();
    let corpus = vec![ledger.to_jsonl().into_bytes()];
    let signer = mubiao::transparency::NoteSigner::from_seed("fuzz.example/log", [3; 32]).unwrap();
    let verifier = signer.verifier();
    fuzz("ledger", corpus, |input| {
        match Ledger::from_jsonl_bytes(input, &[]) {
            Ok(ledger) => {
                ledger.verify().unwrap();
                // Whatever was read, its own checkpoint verifies, from the ledger and from
                // the text alone.
                let note = ledger.signed_checkpoint(&signer, None).unwrap();
                ledger.verify_checkpoint(&note, &verifier).unwrap();
                let text = std::str::from_utf8(input).unwrap();
                Ledger::verify_jsonl_checkpoint(text, &note, &verifier).unwrap();
            }
            Err(error) => check_error(&error),
        }
        // The same lines with their chain rebuilt as the format says, so that mutated
        // entries get past integrity and are replayed against the rules.
        if let Some(resealed) = reseal(input) {
            match Ledger::from_jsonl(&resealed) {
                Ok(ledger) => {
                    ledger.verify().unwrap();
                    assert_eq!(ledger.to_jsonl(), resealed);
                    let _ = ledger.plan_on("2017-06-30".parse().unwrap());
                }
                Err(error) => check_error(&error),
            }
        }
    });
}

#[test]
fn fuzz_signed_checkpoints() {
    let ledger = two_entry_ledger();
    let signer = mubiao::transparency::NoteSigner::from_seed("fuzz.example/log", [5; 32]).unwrap();
    let witness = mubiao::transparency::NoteSigner::from_seed("witness.example", [6; 32]).unwrap();
    let verifier = signer.verifier();
    let note = witness
        .cosign(&ledger.signed_checkpoint(&signer, None).unwrap())
        .unwrap();
    let corpus = vec![
        note.clone().into_bytes(),
        verifier.verifier_key().into_bytes(),
        signer.signer_key().into_bytes(),
        ledger.checkpoint("fuzz.example/log").to_text().into_bytes(),
    ];
    fuzz("checkpoints", corpus, |input| {
        let text = String::from_utf8_lossy(input);
        let _ = mubiao::transparency::Checkpoint::parse(&text);
        let _ = mubiao::transparency::NoteVerifier::from_verifier_key(&text);
        let _ = mubiao::transparency::NoteSigner::from_signer_key(&text);
        let _ = witness.verifier().open(&text);
        match ledger.verify_checkpoint(&text, &verifier) {
            // Only the true note (or one with other signatures added) verifies.
            Ok(checkpoint) => assert_eq!(checkpoint.size, ledger.tree_size()),
            Err(error) => check_error(&error),
        }
    });
}
