//! The ledger as JSON Lines: one entry a line, append-only friendly.
//!
//! Reading is all or nothing: a line that is not an entry is reported with its line number,
//! the hash chain is verified, and every entry is checked again against the rules as it is
//! replayed. Nothing after a bad line is silently dropped.

use super::{Change, Ledger};
use crate::error::{Error, FormatError};

impl Ledger {
    /// The ledger as JSON Lines: each entry as compact JSON on its own line.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for entry in &self.entries {
            // Entries always serialise; a failure would only leave the line out.
            if let Ok(line) = serde_json::to_string(entry) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// Reads a ledger from JSON Lines, verifies its hash chain and replays it, checking
    /// every entry against the rules.
    ///
    /// # Errors
    ///
    /// [`Error::Format`] for a line that is not an entry (its line number in the error's
    /// `line`, the column within it), [`Error::Integrity`] for an edited, removed, inserted
    /// or reordered entry, [`Error::Change`] for an entry the rules refuse.
    pub fn from_jsonl(text: &str) -> Result<Ledger, Error> {
        let mut entries = Vec::new();
        if text.starts_with('\u{feff}') {
            return Err(FormatError::Encoding {
                problem: crate::EncodingProblem::ByteOrderMark,
                line: 1,
                column: 1,
            }
            .into());
        }
        for (n, line) in text.lines().enumerate() {
            let number = n + 1;
            if line.trim().is_empty() {
                return Err(FormatError::Syntax {
                    line: number,
                    column: 1,
                    message: "empty line; a ledger has one entry on every line".to_owned(),
                    message_zh: "空行;台账的每一行都是一条记录".to_owned(),
                }
                .into());
            }
            let entry: super::Entry =
                crate::format::read_json(line.as_bytes()).map_err(|error| error.on_line(number))?;
            entries.push(entry);
        }
        super::hash::verify(&entries)?;
        let mut entries = entries.into_iter();
        let Some(first) = entries.next() else {
            return Err(FormatError::Empty.into());
        };
        let Change::AdoptPlan { plan } = first.change else {
            return Err(super::refused(
                0,
                &first.change,
                super::Rule::FirstEntryAdoptsPlan,
                "the first entry must adopt the plan",
            )
            .into());
        };
        let mut ledger =
            Ledger::adopt(*plan, first.actor.as_str(), first.recorded_at, first.reason)?;
        for entry in entries {
            let (accepted, plan) = ledger.accept(
                entry.actor.as_str(),
                entry.recorded_at,
                entry.change,
                entry.reason,
            )?;
            ledger.commit(accepted, plan);
        }
        Ok(ledger)
    }
}
