//! The hash chain that makes a ledger tamper-evident.
//!
//! Each entry's `hash` is the SHA-256, in lower-case hex, of the entry's canonical form:
//! the entry written as compact JSON with its members in this order — `sequence`,
//! `recorded_at`, `actor`, `change`, `reason` (left out when absent), `previous_hash` —
//! exactly the entry's JSON Lines line without its final `"hash"` member. `previous_hash`
//! is the hash of the entry before, and 64 zeros for the first. Another system verifies a
//! ledger file line by line: strip `,"hash":"…"` from the end of the line (keeping the
//! closing `}`), hash the bytes, compare, and check that each line's `previous_hash` is
//! the hash of the line before and its `sequence` counts up from 0.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::error::{IntegrityError, IntegrityProblem};
use super::Entry;

/// The `previous_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Serialize)]
struct Canonical<'a> {
    sequence: u64,
    recorded_at: &'a chrono::NaiveDateTime,
    actor: &'a crate::ids::PersonId,
    change: &'a super::Change,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: &'a Option<String>,
    previous_hash: &'a str,
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

/// The canonical bytes of an entry: what its hash covers.
pub(crate) fn canonical(entry: &Entry) -> Vec<u8> {
    let canonical = Canonical {
        sequence: entry.sequence,
        recorded_at: &entry.recorded_at,
        actor: &entry.actor,
        change: &entry.change,
        reason: &entry.reason,
        previous_hash: &entry.previous_hash,
    };
    // Serialising these types cannot fail; an empty input would only give a wrong hash.
    serde_json::to_vec(&canonical).unwrap_or_default()
}

/// The hash of an entry's canonical form.
pub(crate) fn hash_of(entry: &Entry) -> String {
    hex(&Sha256::digest(canonical(entry)))
}

/// Checks sequence numbers, the chain of previous hashes and every entry's own hash;
/// reports the first entry that fails.
pub(crate) fn verify(entries: &[Entry]) -> Result<(), IntegrityError> {
    let mut previous = GENESIS_HASH;
    for (position, entry) in entries.iter().enumerate() {
        let expected = u64::try_from(position).unwrap_or(u64::MAX);
        let fail = |problem| IntegrityError {
            sequence: entry.sequence,
            line: position + 1,
            problem,
        };
        if entry.sequence != expected {
            return Err(fail(IntegrityProblem::WrongSequence { expected }));
        }
        if entry.previous_hash != previous {
            return Err(fail(IntegrityProblem::BrokenChain));
        }
        if hash_of(entry) != entry.hash {
            return Err(fail(IntegrityProblem::HashMismatch));
        }
        previous = &entry.hash;
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
            hex(&Sha256::digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(GENESIS_HASH.len(), 64);
    }
}
