//! The ledger as a transparency log: the Xuhui ledger replayed, checkpointed as it grows,
//! signed, and checked — by the library and by a verifier written here from the RFC and
//! the note format alone (SHA-256 and Ed25519, no library code) — against a dropped tail,
//! a rewritten history and a fork.

// Test code: a failed unwrap or index is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation
)]

use chrono::{NaiveDate, NaiveDateTime};
use mubiao::transparency::{leaf_hash, verify_consistency, verify_inclusion, NoteSigner};
use mubiao::{Error, IntegrityProblem, Ledger, PlanDocument};
use mubiao_examples::data_path;
use sha2::{Digest, Sha256};

fn at(m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2017, m, d)
        .unwrap()
        .and_hms_opt(23, 0, 0)
        .unwrap()
}

/// The Xuhui ledger as recorded up to `until`.
fn xuhui_until(until: NaiveDateTime) -> Ledger {
    let plan = PlanDocument::from_json_str(
        &std::fs::read_to_string(data_path("xuhui-2017.json")).unwrap(),
    )
    .unwrap();
    let (plan, mut backlog) =
        mubiao_tests::split_at(plan, NaiveDate::from_ymd_opt(2017, 1, 6).unwrap()).unwrap();
    let mut ledger = Ledger::adopt(plan, "district-head", at(1, 6), None).unwrap();
    mubiao_tests::catch_up(&mut ledger, &mut backlog, until).unwrap();
    ledger
}

fn district_key() -> NoteSigner {
    NoteSigner::from_seed("xuhui.gov.cn/mubiao/2017", [42; 32]).unwrap()
}

/// RFC 9162's MTH, written from the RFC: SHA-256 with 0x00 and 0x01 prefixes.
fn independent_root(lines: &[&str]) -> [u8; 32] {
    fn mth(leaves: &[[u8; 32]]) -> [u8; 32] {
        match leaves.len() {
            0 => Sha256::digest([]).into(),
            1 => leaves[0],
            n => {
                let mut k = 1;
                while k * 2 < n {
                    k *= 2;
                }
                let mut h = Sha256::new();
                h.update([1u8]);
                h.update(mth(&leaves[..k]));
                h.update(mth(&leaves[k..]));
                h.finalize().into()
            }
        }
    }
    let leaves: Vec<[u8; 32]> = lines
        .iter()
        .map(|line| {
            let mut h = Sha256::new();
            h.update([0u8]);
            h.update(line.as_bytes());
            h.finalize().into()
        })
        .collect();
    mth(&leaves)
}

/// A signed checkpoint read by hand: the text, the tree size and head, and the signature
/// line checked with the published key's bytes.
fn independent_open(note: &str, public_key: [u8; 32], name: &str) -> (u64, [u8; 32]) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let (text, signatures) = note.rsplit_once("\n\n").unwrap();
    let text = format!("{text}\n");
    let line = signatures
        .lines()
        .find(|l| l.starts_with(&format!("\u{2014} {name} ")))
        .unwrap();
    let blob = b64.decode(line.rsplit(' ').next().unwrap()).unwrap();
    let mut id_input = name.as_bytes().to_vec();
    id_input.push(b'\n');
    id_input.push(1);
    id_input.extend_from_slice(&public_key);
    assert_eq!(&blob[..4], &Sha256::digest(&id_input)[..4], "key id");
    let key = ed25519_dalek::VerifyingKey::from_bytes(&public_key).unwrap();
    let signature = ed25519_dalek::Signature::from_slice(&blob[4..]).unwrap();
    key.verify_strict(text.as_bytes(), &signature).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(name));
    let size = lines.next().unwrap().parse().unwrap();
    let root: [u8; 32] = b64
        .decode(lines.next().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    (size, root)
}

#[test]
fn checkpoints_of_a_growing_ledger_verify_and_prove_one_history() {
    let march = xuhui_until(at(3, 31));
    let june = xuhui_until(at(6, 30));
    let key = district_key();
    let verifier = key.verifier();
    let public_key: [u8; 32] = {
        use base64::Engine;
        // name+keyid+base64: the base64 may hold '+' itself.
        let material = verifier
            .verifier_key()
            .splitn(3, '+')
            .nth(2)
            .unwrap()
            .to_owned();
        base64::engine::general_purpose::STANDARD
            .decode(material)
            .unwrap()[1..]
            .try_into()
            .unwrap()
    };
    let march_note = march.signed_checkpoint(&key, None).unwrap();
    let june_note = june.signed_checkpoint(&key, None).unwrap();
    let (old, new) = (march.tree_size(), june.tree_size());
    assert!(old > 10 && new > old, "{old} {new}");

    // The heads, computed by hand from the JSON Lines, are the checkpoints'.
    let june_text = june.to_jsonl();
    let lines: Vec<&str> = june_text.lines().collect();
    assert_eq!(lines.len() as u64, new);
    let (size, root) = independent_open(&june_note, public_key, verifier.name());
    assert_eq!((size, root), (new, independent_root(&lines)));
    let (size, root) = independent_open(&march_note, public_key, verifier.name());
    assert_eq!(
        (size, root),
        (old, independent_root(&lines[..old as usize]))
    );

    // The June ledger holds March's checkpoint (it grew) and its own.
    assert_eq!(
        june.verify_checkpoint(&march_note, &verifier).unwrap().size,
        old
    );
    assert_eq!(
        june.verify_checkpoint(&june_note, &verifier).unwrap().size,
        new
    );

    // June extends March: the consistency proof checks against both heads.
    let proof = june.consistency_proof(old, new).unwrap();
    let (march_head, june_head) = (march.tree_head(old).unwrap(), june.tree_head(new).unwrap());
    verify_consistency(old, new, &march_head, &june_head, &proof).unwrap();

    // Every entry is in June's checkpoint, by its line's bytes.
    for (sequence, line) in lines.iter().enumerate() {
        let sequence = sequence as u64;
        let proof = june.inclusion_proof(sequence, new).unwrap();
        verify_inclusion(
            sequence,
            new,
            &leaf_hash(line.as_bytes()),
            &proof,
            &june_head,
        )
        .unwrap();
    }
}

#[test]
fn a_dropped_tail_a_rewrite_and_a_fork_are_caught_by_a_checkpoint() {
    let june = xuhui_until(at(6, 30));
    let key = district_key();
    let verifier = key.verifier();
    let note = june.signed_checkpoint(&key, None).unwrap();
    let text = june.to_jsonl();

    // A dropped tail: the ledger ends before the checkpoint's size. Its chain still
    // verifies on its own; only the checkpoint shows the loss.
    let lines: Vec<&str> = text.lines().collect();
    let shorter = Ledger::from_jsonl(&lines[..lines.len() - 3].join("\n")).unwrap();
    match shorter.verify_checkpoint(&note, &verifier).unwrap_err() {
        Error::Integrity(error) => {
            assert!(
                matches!(error.problem, IntegrityProblem::CheckpointPastEnd { size } if size == june.tree_size())
            );
            assert!(error
                .message(mubiao::Language::Chinese)
                .contains("已签名的检查点"));
        }
        other => panic!("{other:?}"),
    }

    // A fork: the same history up to its last entry, which differs — what a host that
    // shows different ledgers to different readers holds. Each ledger verifies on its
    // own; the checkpoint of one does not match the other.
    let fork =
        Ledger::from_jsonl(&reseal_with_reason(&text, lines.len() - 1, "another tip")).unwrap();
    fork.verify().unwrap();
    assert_eq!(fork.tree_size(), june.tree_size());
    let fork_note = fork.signed_checkpoint(&key, None).unwrap();
    for (ledger, note) in [(&june, &fork_note), (&fork, &note)] {
        match ledger.verify_checkpoint(note, &verifier).unwrap_err() {
            Error::Integrity(error) => assert!(matches!(
                error.problem,
                IntegrityProblem::CheckpointMismatch { .. }
            )),
            other => panic!("{other:?}"),
        }
    }

    // A rewritten history: one early line changed and the chain sealed again, so that
    // the ledger verifies on its own; the checkpoint shows the rewrite.
    let rewritten = reseal_with_reason(&text, 3, "rewritten after the fact");
    let rewritten = Ledger::from_jsonl(&rewritten).unwrap();
    rewritten.verify().unwrap();
    match rewritten.verify_checkpoint(&note, &verifier).unwrap_err() {
        Error::Integrity(error) => assert!(matches!(
            error.problem,
            IntegrityProblem::CheckpointMismatch { size } if size == june.tree_size()
        )),
        other => panic!("{other:?}"),
    }

    // An auditor reads the files without replaying the rules and finds the same.
    Ledger::verify_jsonl_checkpoint(&text, &note, &verifier).unwrap();
    let short_text = lines[..lines.len() - 3].join("\n");
    assert!(matches!(
        Ledger::verify_jsonl_checkpoint(&short_text, &note, &verifier),
        Err(Error::Integrity(e)) if matches!(e.problem, IntegrityProblem::CheckpointPastEnd { .. })
    ));
    assert!(matches!(
        Ledger::verify_jsonl_checkpoint(&rewritten.to_jsonl(), &note, &verifier),
        Err(Error::Integrity(e)) if matches!(e.problem, IntegrityProblem::CheckpointMismatch { .. })
    ));

    // A checkpoint signed by another key, or edited, is refused before anything else.
    let stranger = NoteSigner::from_seed("xuhui.gov.cn/mubiao/2017", [7; 32]).unwrap();
    let forged = june.signed_checkpoint(&stranger, None).unwrap();
    assert_eq!(
        june.verify_checkpoint(&forged, &verifier)
            .unwrap_err()
            .code(),
        "not-signed-by-key"
    );
    let edited = note.replacen(&format!("\n{}\n", june.tree_size()), "\n1\n", 1);
    assert_eq!(
        june.verify_checkpoint(&edited, &verifier)
            .unwrap_err()
            .code(),
        "bad-signature"
    );
}

/// The ledger text with entry `sequence`'s reason set to `reason`, and every hash from
/// there on sealed again by the format's rule — what a forger who can write the file does.
fn reseal_with_reason(text: &str, sequence: usize, reason: &str) -> String {
    let mut previous = mubiao::GENESIS_HASH.to_owned();
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut value: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).unwrap();
        value.remove("hash");
        if i == sequence {
            value.insert("reason".into(), reason.into());
        }
        value.insert("previous_hash".into(), previous.clone().into());
        let body = serde_json::to_string(&value).unwrap();
        let hash = mubiao_tests::sha256_hex(body.as_bytes());
        out.push(format!("{},\"hash\":\"{hash}\"}}", &body[..body.len() - 1]));
        previous = hash;
    }
    out.join("\n")
}

/// A ledger adopted with SM3: its first entry says so, every hash of its chain is the SM3
/// of the line (checked here with the `sm3` crate directly), its tree and checkpoints use
/// SM3, it reads back from JSON Lines as it was, and a line that claims another hash
/// function is refused.
#[test]
fn a_ledger_hashed_with_sm3_chains_checkpoints_and_reads_back() {
    use mubiao::transparency::HashAlgorithm;
    use mubiao::{Change, Progress};
    let plan = mubiao_tests::example_to_adopt().unwrap();
    let mut ledger =
        Ledger::adopt_with_hash(plan, "district-head", at(1, 5), None, HashAlgorithm::Sm3).unwrap();
    for (i, day) in [10u32, 11, 12].into_iter().enumerate() {
        let report = Change::ReportProgress {
            milestone: "hm-rivers-q3".into(),
            date: NaiveDate::from_ymd_opt(2017, 3, day).unwrap(),
            progress: Progress::Cumulative(4.0 + i as f64),
            note: None,
        };
        ledger
            .record("hongmei-urban-head", at(3, day), report, None)
            .unwrap();
    }
    assert_eq!(ledger.hash_algorithm(), HashAlgorithm::Sm3);
    let text = ledger.to_jsonl();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("\"hash_algorithm\":\"sm3\""));
    assert!(lines[1..].iter().all(|l| !l.contains("hash_algorithm")));
    for line in &lines {
        let (body, hash) = line.rsplit_once(",\"hash\":\"").unwrap();
        let expected: String = sm3::Sm3::digest(format!("{body}}}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(&hash[..64], expected);
    }
    let again = Ledger::from_jsonl(&text).unwrap();
    assert_eq!(again.to_jsonl(), text);
    assert_eq!(again.hash_algorithm(), HashAlgorithm::Sm3);
    assert_eq!(again.tree_head(4).unwrap(), ledger.tree_head(4).unwrap());
    let leaf = HashAlgorithm::Sm3.leaf(lines[2].as_bytes());
    let head = ledger.tree_head(4).unwrap();
    HashAlgorithm::Sm3
        .verify_inclusion(2, 4, &leaf, &ledger.inclusion_proof(2, 4).unwrap(), &head)
        .unwrap();
    let key = district_key();
    let note = ledger.signed_checkpoint(&key, None).unwrap();
    again.verify_checkpoint(&note, &key.verifier()).unwrap();
    Ledger::verify_jsonl_checkpoint(&text, &note, &key.verifier()).unwrap();
    // The same entries hashed with SHA-256 are another ledger.
    let sha = Ledger::adopt(
        mubiao_tests::example_to_adopt().unwrap(),
        "district-head",
        at(1, 5),
        None,
    )
    .unwrap();
    assert_ne!(sha.tree_head(1).unwrap(), ledger.tree_head(1).unwrap());
    // A first line whose claim is taken away no longer matches its hash; a later line
    // that claims a hash function is not an entry of the format.
    let unclaimed = text.replacen("\"hash_algorithm\":\"sm3\",", "", 1);
    assert!(Ledger::from_jsonl(&unclaimed).is_err());
    let claimed_later = text.replacen(
        "\"sequence\":1,",
        "\"sequence\":1,\"hash_algorithm\":\"sm3\",",
        1,
    );
    match Ledger::from_jsonl(&claimed_later).unwrap_err() {
        Error::Integrity(error) => {
            assert_eq!(error.line, 2);
            assert_eq!(error.problem, IntegrityProblem::HashAlgorithmRestated);
        }
        other => panic!("{other:?}"),
    }
    // A hash function the format does not know is named in the message.
    let unknown = text.replacen(
        "\"hash_algorithm\":\"sm3\"",
        "\"hash_algorithm\":\"md5\"",
        1,
    );
    match Ledger::verify_jsonl(&unknown, &[]).unwrap_err() {
        Error::Integrity(error) => {
            assert_eq!(error.line, 1);
            assert!(
                matches!(error.problem, IntegrityProblem::UnknownHashAlgorithm { ref found } if found == "md5")
            );
            assert!(error.message(mubiao::Language::Chinese).contains("\"sm3\""));
        }
        other => panic!("{other:?}"),
    }
    // The ledger as it stood at a past moment is replayed with its own hash function.
    let past = ledger.plan_at(at(3, 10)).unwrap();
    assert!(past.milestone_count() > 0);
    // A checkpoint may carry an origin other than the key's name.
    let named = ledger
        .signed_checkpoint(&key, Some("xuhui.gov.cn/ledger"))
        .unwrap();
    assert_eq!(
        again
            .verify_checkpoint(&named, &key.verifier())
            .unwrap()
            .origin,
        "xuhui.gov.cn/ledger"
    );
}
