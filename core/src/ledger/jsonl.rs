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
        for (n, line) in text.lines().enumerate() {
            let number = n + 1;
            if line.trim().is_empty() {
                return Err(FormatError::Syntax {
                    line: number,
                    column: 1,
                    message: "empty line; a ledger has one entry on every line".to_owned(),
                }
                .into());
            }
            let at_line = |error: FormatError| match error {
                FormatError::Syntax {
                    column, message, ..
                } => FormatError::Syntax {
                    line: number,
                    column,
                    message,
                },
                FormatError::Shape {
                    path,
                    column,
                    message,
                    ..
                } => FormatError::Shape {
                    path,
                    line: number,
                    column,
                    message,
                },
                other => other,
            };
            let mut deserializer = serde_json::Deserializer::from_str(line);
            let entry: super::Entry =
                serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
                    let pointer = crate::format::json_pointer(error.path());
                    at_line(
                        FormatError::from_json(error.into_inner(), pointer.clone())
                            .into_shape(pointer),
                    )
                })?;
            deserializer
                .end()
                .map_err(|error| at_line(FormatError::from_json(error, String::new())))?;
            entries.push(entry);
        }
        super::hash::verify(&entries)?;
        let mut entries = entries.into_iter();
        let Some(first) = entries.next() else {
            return Err(FormatError::Syntax {
                line: 1,
                column: 1,
                message: "the ledger is empty; its first line adopts the plan".to_owned(),
            }
            .into());
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
