//! The ledger as JSON Lines: one entry a line, append-only friendly.
//!
//! Reading is all or nothing and happens in two steps: the integrity of every line is
//! verified on its bytes ([`Ledger::verify_jsonl`], which needs no rule), then the entries
//! are replayed against the rules of the version each was recorded under. Every error
//! names its line. Nothing after a bad line is silently dropped.

use super::hash::{check_anchors, Chain, Head};
use super::{Entry, Ledger, LEDGER_FORMAT};
use super::{IntegrityError, IntegrityProblem};
use crate::error::{EncodingProblem, Error, FormatError};

/// The lines of a ledger's text with their numbers, from 1. A line ends at a line feed; a
/// carriage return before it is not part of the line.
fn numbered_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(n, line)| (n + 1, line))
}

/// Checks the text as a whole before its lines: not empty, no byte-order mark.
fn check_text(text: &str) -> Result<(), FormatError> {
    if text.starts_with('\u{feff}') {
        return Err(FormatError::Encoding {
            problem: EncodingProblem::ByteOrderMark,
            line: 1,
            column: 1,
        });
    }
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    Ok(())
}

/// A line that is not JSON at all is a format error with its column, not an integrity one.
fn syntax_first(error: IntegrityError, line: &str) -> Error {
    if error.problem == IntegrityProblem::NotAnEntry {
        if let Err(syntax) = serde_json::from_str::<serde::de::IgnoredAny>(line) {
            return FormatError::from_json(syntax, String::new())
                .on_line(error.line)
                .into();
        }
    }
    error.into()
}

fn empty_line(number: usize) -> FormatError {
    FormatError::Syntax {
        line: number,
        column: 1,
        message: "empty line; a ledger has one entry on every line, with no blank lines".to_owned(),
        message_zh: "空行;台账的每一行都是一条记录,不能有空行".to_owned(),
    }
}

/// A line of a ledger's text that passed the chain's checks, with the chain's hash function.
struct CheckedLine<'a> {
    text: &'a str,
    algorithm: crate::transparency::HashAlgorithm,
}

/// Checks a ledger's text as a chain, line by line (not empty, no byte-order mark, no empty
/// line, every line's hash and link), handing each checked line and its head to `each`.
fn chain_of(text: &str, mut each: impl FnMut(CheckedLine<'_>, Head)) -> Result<Chain, Error> {
    check_text(text)?;
    let mut chain = Chain::default();
    for (number, line) in numbered_lines(text) {
        if line.trim().is_empty() {
            return Err(empty_line(number).into());
        }
        let head = chain
            .push(line, number)
            .map_err(|error| syntax_first(error, line))?;
        let algorithm = chain.algorithm();
        each(
            CheckedLine {
                text: line,
                algorithm,
            },
            head,
        );
    }
    Ok(chain)
}

impl Ledger {
    /// The ledger as JSON Lines: each entry on its own line, exactly the bytes its hash
    /// covers (as written by this library, or as read).
    pub fn to_jsonl(&self) -> String {
        let mut out = String::with_capacity(self.lines.iter().map(|l| l.len() + 1).sum());
        for line in &self.lines {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// Verifies the integrity of a ledger's text without replaying any rule: every line
    /// ends with its hash, every hash is the SHA-256 (or the SM3, when the first line says
    /// so) of its line's bytes, sequence numbers
    /// count up from 0 and each `previous_hash` is the hash of the line before. Every
    /// `published` head (from [`Ledger::head`]) must be in the chain with the same hash.
    /// Returns the head of the ledger read. A ledger valid when written stays verifiable
    /// whatever later versions do to the rules.
    ///
    /// # Errors
    ///
    /// [`Error::Format`] for text that is empty, starts with a byte-order mark or has an
    /// empty line; [`Error::Integrity`] naming the first line that fails.
    pub fn verify_jsonl(text: &str, published: &[Head]) -> Result<Head, Error> {
        let mut hashes: Vec<String> = Vec::new();
        let chain = chain_of(text, |_, head| hashes.push(head.hash))?;
        let head = chain.head().cloned().ok_or(FormatError::Empty)?;
        check_anchors(published, Some(&head), |sequence| {
            hashes
                .get(usize::try_from(sequence).ok()?)
                .map(String::as_str)
        })?;
        Ok(head)
    }

    /// Checks a ledger's text against a published checkpoint signed by `verifier`, without
    /// replaying any rule — what an auditor with a large ledger runs: the chain of every
    /// line as [`Ledger::verify_jsonl`] checks it, then the checkpoint as
    /// [`Ledger::verify_checkpoint`] does. Returns the checkpoint.
    ///
    /// # Errors
    ///
    /// As [`Ledger::verify_jsonl`] and [`Ledger::verify_checkpoint`].
    pub fn verify_jsonl_checkpoint(
        text: &str,
        note: &str,
        verifier: &crate::transparency::NoteVerifier,
    ) -> Result<crate::transparency::Checkpoint, Error> {
        let mut tree: Option<crate::transparency::MerkleTree> = None;
        chain_of(text, |line, _| {
            // The first line tells the hash function of the tree.
            tree.get_or_insert_with(|| {
                crate::transparency::MerkleTree::with_algorithm(line.algorithm)
            })
            .push(line.text.as_bytes());
        })?;
        let tree = tree.ok_or(FormatError::Empty)?;
        super::proofs::holds_checkpoint(&tree, note, verifier)
    }

    /// Reads a ledger from JSON Lines: verifies every line's integrity on its bytes, then
    /// replays the entries, checking each against the rules of the version it was recorded
    /// under.
    ///
    /// # Errors
    ///
    /// [`Error::Format`] for a line that is not an entry (its line number in the error's
    /// `line`, the column within it), [`Error::Integrity`] for an edited, removed, inserted
    /// or reordered line, [`Error::Change`] for an entry the rules refuse (its `line`
    /// names it).
    pub fn from_jsonl(text: &str) -> Result<Ledger, Error> {
        Self::from_jsonl_anchored(text, &[])
    }

    /// Reads a ledger from the bytes of a file, naming a byte-order mark, UTF-16 and other
    /// encodings with the line and column of the first bad byte; otherwise as
    /// [`Ledger::from_jsonl`].
    ///
    /// # Errors
    ///
    /// As [`Ledger::from_jsonl`], and [`FormatError::Encoding`] for bytes that are not
    /// UTF-8 text.
    pub fn from_jsonl_bytes(bytes: &[u8], published: &[Head]) -> Result<Ledger, Error> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::from_jsonl_anchored(text, published),
            Err(_) => Err(crate::arguments::utf8_text(bytes.to_vec())
                .err()
                .unwrap_or(FormatError::Empty)
                .into()),
        }
    }

    /// Reads a ledger as [`Ledger::from_jsonl`] does, and checks that every `published`
    /// head is in it with the same hash: a dropped tail, a rewritten suffix or a fork is an
    /// [`Error::Integrity`].
    ///
    /// # Errors
    ///
    /// As [`Ledger::from_jsonl`] and [`Ledger::verify_jsonl`].
    pub fn from_jsonl_anchored(text: &str, published: &[Head]) -> Result<Ledger, Error> {
        check_text(text)?;
        let mut chain = Chain::default();
        let mut read: Vec<(usize, Entry, String)> = Vec::new();
        for (number, line) in numbered_lines(text) {
            if line.trim().is_empty() {
                return Err(empty_line(number).into());
            }
            chain
                .push(line, number)
                .map_err(|error| syntax_first(error, line))?;
            let entry: Entry =
                crate::format::read_json(line.as_bytes()).map_err(|error| error.on_line(number))?;
            read.push((number, entry, line.to_owned()));
        }
        check_anchors(published, chain.head(), |sequence| {
            read.get(usize::try_from(sequence).ok()?)
                .map(|(_, entry, _)| entry.hash.as_str())
        })?;
        let mut read = read.into_iter();
        let Some((number, first, line)) = read.next() else {
            return Err(FormatError::Empty.into());
        };
        if let Some(version) = first.format_version.filter(|v| *v != LEDGER_FORMAT) {
            return Err(FormatError::UnsupportedFormatVersion {
                found: version.to_string(),
                supported: LEDGER_FORMAT,
            }
            .into());
        }
        let plan = super::check_adoption(
            &first.change,
            first.actor.as_str(),
            first.recorded_at,
            first.rules,
        )
        .map_err(|refused| refused.on_line(number))?;
        let mut ledger = Ledger::started(first, line, plan);
        for (number, entry, line) in read {
            let (applied, _) = ledger
                .check(
                    entry.actor.as_str(),
                    entry.recorded_at,
                    &entry.change,
                    entry.reason.as_deref(),
                    entry.rules,
                )
                .map_err(|refused| refused.on_line(number))?;
            ledger.commit(entry, line, applied);
        }
        Ok(ledger)
    }
}
