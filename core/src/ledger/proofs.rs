//! The ledger as a transparency log: a Merkle tree over its lines (each line's bytes as
//! written, without the newline, is a leaf), signed checkpoints of it, and the proofs a
//! host gives to anyone holding a checkpoint.

use super::error::{IntegrityError, IntegrityProblem};
use super::Ledger;
use crate::transparency::{
    Checkpoint, MerkleTree, NoteError, NoteSigner, NoteVerifier, ProofError, TreeHash,
};

impl Ledger {
    /// The Merkle tree of the ledger's lines.
    pub(crate) fn tree(&self) -> &MerkleTree {
        &self.tree
    }

    /// How many entries the ledger holds: the size of its tree.
    pub fn tree_size(&self) -> u64 {
        self.tree().size()
    }

    /// The tree head (RFC 9162 Merkle root) of the first `size` entries.
    ///
    /// # Errors
    ///
    /// [`ProofError::BeyondTree`] when the ledger holds fewer entries.
    pub fn tree_head(&self, size: u64) -> Result<TreeHash, ProofError> {
        self.tree().root(size)
    }

    /// The checkpoint of the whole ledger now: `origin` (the log's name, e.g.
    /// `xuhui.gov.cn/mubiao/2017`), its size and its tree head. Sign it with
    /// [`Checkpoint::sign`] and publish it.
    pub fn checkpoint(&self, origin: &str) -> Checkpoint {
        let size = self.tree_size();
        Checkpoint {
            origin: origin.to_owned(),
            size,
            root: self
                .tree_head(size)
                .unwrap_or_else(|_| self.hash_algorithm().empty_root()),
            extensions: Vec::new(),
        }
    }

    /// The checkpoint of the whole ledger under `origin` — the signer's name when `None`,
    /// as for a key named after the log — signed by `signer`.
    ///
    /// # Errors
    ///
    /// [`NoteError::BadText`] when the origin holds a newline or a control character.
    pub fn signed_checkpoint(
        &self,
        signer: &NoteSigner,
        origin: Option<&str>,
    ) -> Result<String, NoteError> {
        self.checkpoint(origin.unwrap_or(signer.name()))
            .sign(signer)
    }

    /// The proof that entry `sequence` is in the tree of the first `size` entries.
    ///
    /// # Errors
    ///
    /// As [`MerkleTree::inclusion_proof`].
    pub fn inclusion_proof(&self, sequence: u64, size: u64) -> Result<Vec<TreeHash>, ProofError> {
        self.tree().inclusion_proof(sequence, size)
    }

    /// The proof that the tree of the first `new` entries extends that of the first `old`.
    ///
    /// # Errors
    ///
    /// As [`MerkleTree::consistency_proof`].
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<TreeHash>, ProofError> {
        self.tree().consistency_proof(old, new)
    }

    /// Checks the ledger against a checkpoint published for it, signed by `verifier`: the
    /// signature, then that the ledger holds the checkpoint's entries with its tree head.
    /// A dropped tail, a rewritten history and a fork each fail; a ledger that has grown
    /// since the checkpoint passes. Returns the checkpoint.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Note`] for a note that is not signed by the key or not a checkpoint,
    /// [`crate::Error::Integrity`] ([`IntegrityProblem::CheckpointPastEnd`] or
    /// [`IntegrityProblem::CheckpointMismatch`]) for a ledger that does not hold it.
    pub fn verify_checkpoint(
        &self,
        note: &str,
        verifier: &NoteVerifier,
    ) -> Result<Checkpoint, crate::Error> {
        holds_checkpoint(self.tree(), note, verifier)
    }
}

/// Checks that `tree` holds the checkpoint `note` signed by `verifier`: the signature, then
/// the size, then the tree head at that size.
pub(super) fn holds_checkpoint(
    tree: &MerkleTree,
    note: &str,
    verifier: &NoteVerifier,
) -> Result<Checkpoint, crate::Error> {
    let checkpoint = Checkpoint::open(note, verifier)?;
    let size = checkpoint.size;
    let last = tree.size();
    let line_of = |entries: u64| usize::try_from(entries).unwrap_or(usize::MAX);
    if size > last {
        return Err(IntegrityError {
            sequence: last.checked_sub(1),
            line: line_of(last),
            problem: IntegrityProblem::CheckpointPastEnd { size },
        }
        .into());
    }
    if tree.root(size)? != checkpoint.root {
        return Err(IntegrityError {
            sequence: size.checked_sub(1),
            line: line_of(size),
            problem: IntegrityProblem::CheckpointMismatch { size },
        }
        .into());
    }
    Ok(checkpoint)
}
