//! The hash chain that makes a ledger tamper-evident, checked on the bytes of each line.
//!
//! Each line of a ledger is one JSON object whose last member is `"hash"`: the line ends
//! with `,"hash":"` + 64 lower-case hex digits + `"}`. The hash is the SHA-256 of the
//! line's bytes with that ending replaced by `}` — the *canonical bytes* of the entry are
//! the bytes of the line itself, as written, not a re-serialisation of its values. So a
//! change to any byte shows, whatever it means to a JSON reader, and a line written by any
//! tool (other spacing, other escapes, other member order) verifies as long as its hash
//! was computed by this rule. `previous_hash` is the hash of the line before (64 zeros for
//! the first) and `sequence` counts up from 0. Nothing here depends on how the library
//! serialises values, so a future version that writes floats or escapes differently
//! cannot make a stored ledger fail.
//!
//! The library writes lines as compact JSON and escapes U+2028, U+2029 and U+0085, which
//! some readers (Python's `str.splitlines`, JavaScript before ES2019) treat as line
//! breaks.

use crate::transparency::HashAlgorithm;
use serde::{Deserialize, Serialize};

use super::error::{IntegrityError, IntegrityProblem};

/// The `previous_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a line must end with, before its 64 hex digits.
const HASH_MEMBER: &str = ",\"hash\":\"";
/// The length of the ending `,"hash":"` + 64 hex digits + `"}`.
const ENDING: usize = HASH_MEMBER.len() + 64 + 2;

/// The last entry of a ledger, to publish so that a later reading can tell a dropped or
/// rewritten tail: its sequence number and hash.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// The sequence number of the entry.
    pub sequence: u64,
    /// Its hash, 64 lower-case hex digits.
    pub hash: String,
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        for nibble in [byte >> 4, byte & 0x0f] {
            if let Some(&digit) = DIGITS.get(usize::from(nibble)) {
                out.push(char::from(digit));
            }
        }
    }
    out
}

/// Escapes the characters some readers take for line breaks; they can stand only inside
/// JSON strings, where `\uXXXX` means the same character.
fn escape_separators(json: &str) -> String {
    json.replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
        .replace('\u{85}', "\\u0085")
}

/// The line for an entry whose members, without `hash`, serialise to `body` (a JSON
/// object): the body with separators escaped and the hash appended; returns the line and
/// the hash.
pub(crate) fn seal<T: Serialize>(body: &T, algorithm: HashAlgorithm) -> (String, String) {
    // Serialising these types cannot fail: every map key is a string.
    let json = escape_separators(&serde_json::to_string(body).unwrap_or_default());
    let hash = hex(&algorithm.hash(&[json.as_bytes()]).0);
    let open = json.strip_suffix('}').unwrap_or(&json);
    let line = format!("{open}{HASH_MEMBER}{hash}\"}}");
    (line, hash)
}

/// The members of a line that the chain is made of; every other member is skipped.
#[derive(Deserialize)]
struct Links {
    sequence: u64,
    previous_hash: String,
    hash: String,
    /// The ledger's hash function, stated by its first entry (SHA-256 when absent); read
    /// as text so that an unknown name is reported as such.
    #[serde(default)]
    hash_algorithm: Option<String>,
}

/// Checks one line on its own: that it ends with its hash member and that the hash is the
/// hash of its canonical bytes, by `algorithm` or, when `None` (the first line), by the
/// function the line states (SHA-256 when it states none). Returns the line's sequence
/// number and hash, its previous hash, and the function it was checked with; `number` is
/// the line's number, from 1, for errors.
pub(crate) fn check_line(
    line: &str,
    number: usize,
    algorithm: Option<HashAlgorithm>,
) -> Result<(Head, String, HashAlgorithm), IntegrityError> {
    let links: Links = serde_json::from_str(line).map_err(|_| IntegrityError {
        sequence: None,
        line: number,
        problem: IntegrityProblem::NotAnEntry,
    })?;
    let fail = |problem| IntegrityError {
        sequence: Some(links.sequence),
        line: number,
        problem,
    };
    let cut = line
        .len()
        .checked_sub(ENDING)
        .ok_or_else(|| fail(IntegrityProblem::HashNotLast))?;
    let (body, ending) = (line.get(..cut), line.get(cut..));
    let expected_ending = format!("{HASH_MEMBER}{}\"}}", links.hash);
    let (Some(body), Some(ending)) = (body, ending) else {
        return Err(fail(IntegrityProblem::HashNotLast));
    };
    let well_formed_hash = links.hash.len() == 64
        && links
            .hash
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    if ending != expected_ending || !well_formed_hash {
        return Err(fail(IntegrityProblem::HashNotLast));
    }
    // Only the first entry states the hash function; a later one cannot change it.
    let algorithm = match (algorithm, links.hash_algorithm.as_deref()) {
        (None, None) => HashAlgorithm::Sha256,
        (None, Some("sha256")) => HashAlgorithm::Sha256,
        (None, Some("sm3")) => HashAlgorithm::Sm3,
        (None, Some(other)) => {
            return Err(fail(IntegrityProblem::UnknownHashAlgorithm {
                found: other.chars().take(40).collect(),
            }))
        }
        (Some(known), None) => known,
        (Some(_), Some(_)) => return Err(fail(IntegrityProblem::HashAlgorithmRestated)),
    };
    if hex(&algorithm.hash(&[body.as_bytes(), b"}"]).0) != links.hash {
        return Err(fail(IntegrityProblem::HashMismatch));
    }
    Ok((
        Head {
            sequence: links.sequence,
            hash: links.hash,
        },
        links.previous_hash,
        algorithm,
    ))
}

/// Follows a ledger's lines as a chain: each line checked on its own, sequence numbers
/// counting up from 0, each `previous_hash` the hash of the line before.
#[derive(Debug, Default)]
pub(crate) struct Chain {
    head: Option<Head>,
    count: u64,
    /// The hash function the first line stated.
    algorithm: Option<HashAlgorithm>,
}

impl Chain {
    /// Checks the next line; `number` is its line number, from 1.
    pub(crate) fn push(&mut self, line: &str, number: usize) -> Result<Head, IntegrityError> {
        let (head, previous, algorithm) = check_line(line, number, self.algorithm)?;
        let fail = |problem| IntegrityError {
            sequence: Some(head.sequence),
            line: number,
            problem,
        };
        if head.sequence != self.count {
            return Err(fail(IntegrityProblem::WrongSequence {
                expected: self.count,
            }));
        }
        let expected = self.head.as_ref().map_or(GENESIS_HASH, |h| h.hash.as_str());
        if previous != expected {
            return Err(fail(IntegrityProblem::BrokenChain));
        }
        self.count = self.count.saturating_add(1);
        self.head = Some(head.clone());
        self.algorithm = Some(algorithm);
        Ok(head)
    }

    /// The hash function of the chain: the one its first line states, SHA-256 before any.
    pub(crate) fn algorithm(&self) -> HashAlgorithm {
        self.algorithm.unwrap_or_default()
    }

    /// The last line's sequence number and hash, once a line was pushed.
    pub(crate) fn head(&self) -> Option<&Head> {
        self.head.as_ref()
    }
}

/// Checks that a chain holds every published head: a head past the chain's end means its
/// tail was dropped, a head whose hash differs means the ledger was rewritten or forked
/// from that entry on. `hash_at` gives the hash of the entry of a sequence number.
pub(crate) fn check_anchors<'a>(
    published: &[Head],
    last: Option<&Head>,
    hash_at: impl Fn(u64) -> Option<&'a str>,
) -> Result<(), IntegrityError> {
    for head in published {
        let line = usize::try_from(head.sequence)
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        match hash_at(head.sequence) {
            None => {
                return Err(IntegrityError {
                    sequence: last.map(|l| l.sequence),
                    line: line.min(
                        last.and_then(|l| usize::try_from(l.sequence).ok())
                            .map_or(0, |s| s.saturating_add(1)),
                    ),
                    problem: IntegrityProblem::DroppedTail {
                        published: head.sequence,
                    },
                })
            }
            Some(hash) if hash != head.hash => {
                return Err(IntegrityError {
                    sequence: Some(head.sequence),
                    line,
                    problem: IntegrityProblem::Forked {
                        published: head.hash.clone(),
                    },
                })
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_sha256() {
        // SHA-256 of the empty string.
        assert_eq!(
            hex(&HashAlgorithm::Sha256.hash(&[b""]).0),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(GENESIS_HASH.len(), 64);
    }

    #[test]
    fn a_sealed_line_checks_and_any_changed_byte_shows() {
        let body =
            serde_json::json!({"sequence": 0, "previous_hash": GENESIS_HASH, "note": "a\u{2028}b"});
        let (line, hash) = seal(&body, HashAlgorithm::Sha256);
        assert!(line.contains("a\\u2028b"), "{line}");
        assert!(line.ends_with(&format!(",\"hash\":\"{hash}\"}}")));
        assert_eq!(check_line(&line, 1, None).unwrap().0.hash, hash);
        // The same values written with other spacing are other bytes.
        let spaced = line.replacen("\"sequence\":0", "\"sequence\": 0", 1);
        assert_eq!(
            check_line(&spaced, 1, None).unwrap_err().problem,
            IntegrityProblem::HashMismatch
        );
        // A line whose hash is not its last member is not an entry of this format.
        let moved = format!("{{\"hash\":\"{hash}\",{}", &line[1..line.len() - ENDING]);
        assert!(check_line(&moved, 1, None).is_err());
    }
}
