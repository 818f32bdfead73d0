//! What makes a ledger checkable by people who do not trust its host: a Merkle tree over
//! its entries (RFC 9162), checkpoints of the tree signed as notes (the C2SP
//! `tlog-checkpoint` and `signed-note` formats, Ed25519), and the proofs that an entry is
//! in a checkpoint and that a later checkpoint extends an earlier one.
//!
//! Everything here is defined on bytes and follows published formats, so a verifier
//! written without this library — with any SHA-256 and Ed25519 — checks the same things;
//! `docs/ledger.md` spells the bytes out.
//!
//! ```
//! use mubiao::transparency::{verify_consistency, verify_inclusion, leaf_hash, MerkleTree};
//!
//! let mut tree = MerkleTree::new();
//! for entry in ["adopted", "report 1", "report 2", "rating"] {
//!     tree.push(entry.as_bytes());
//! }
//! let head = tree.root(4)?;
//! let proof = tree.inclusion_proof(2, 4)?;
//! verify_inclusion(2, 4, &leaf_hash(b"report 2"), &proof, &head)?;
//! let earlier = tree.root(3)?;
//! verify_consistency(3, 4, &earlier, &head, &tree.consistency_proof(3, 4)?)?;
//! # Ok::<(), mubiao::transparency::ProofError>(())
//! ```

mod checkpoint;
mod digest;
mod merkle;
mod note;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use checkpoint::Checkpoint;
pub use digest::HashAlgorithm;
pub use merkle::{
    empty_root, leaf_hash, node_hash, verify_consistency, verify_inclusion, MerkleTree,
};
pub use note::{NoteError, NoteSigner, NoteVerifier};

/// A SHA-256 hash in the tree: a leaf's, a node's or a tree head. Written as 64 lower-case
/// hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TreeHash(pub [u8; 32]);

impl fmt::Display for TreeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for byte in self.0 {
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for TreeHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TreeHash({self})")
    }
}

/// Text that is not 64 hex digits.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a tree hash is 64 hex digits; {found:?} is not")]
pub struct NotAHash {
    /// The text, cut to 80 characters.
    pub found: String,
}

impl FromStr for TreeHash {
    type Err = NotAHash;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || NotAHash {
            found: text.chars().take(80).collect(),
        };
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return Err(fail());
        }
        let mut hash = [0u8; 32];
        for (out, pair) in hash.iter_mut().zip(bytes.chunks_exact(2)) {
            let digit = |b: u8| char::from(b).to_digit(16);
            let (Some(&high), Some(&low)) = (pair.first(), pair.get(1)) else {
                return Err(fail());
            };
            let (Some(high), Some(low)) = (digit(high), digit(low)) else {
                return Err(fail());
            };
            *out = u8::try_from(high * 16 + low).map_err(|_| fail())?;
        }
        Ok(TreeHash(hash))
    }
}

impl TreeHash {
    /// Reads a hash given as the argument `argument` of a call: 64 hex digits, or a bad
    /// argument that says so in both languages.
    ///
    /// # Errors
    ///
    /// [`crate::ArgumentError`] for text that is not 64 hex digits.
    pub fn from_argument(argument: &str, text: &str) -> Result<Self, crate::ArgumentError> {
        text.parse().map_err(|_| {
            crate::ArgumentError::new(
                argument,
                "a tree hash is 64 hex digits (0-9, a-f), as the ledger writes them",
                "树哈希应为 64 位十六进制数字(0-9、a-f),与台账中写法相同",
            )
        })
    }
}

impl Serialize for TreeHash {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TreeHash {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a tree head or proof cannot be given, or a proof does not check.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    /// A size past the tree's end.
    #[error("the tree has {tree_size} entries; a tree of {size} cannot be shown from it")]
    BeyondTree {
        /// The size asked for.
        size: u64,
        /// The tree's size.
        tree_size: u64,
    },
    /// A leaf number that is not below the tree size.
    #[error("entry {index} is not in a tree of {size} entries (entries count from 0)")]
    LeafOutsideTree {
        /// The leaf asked for.
        index: u64,
        /// The tree size.
        size: u64,
    },
    /// An older size past a newer one.
    #[error("a tree of {old} entries cannot be an earlier state of one of {new}")]
    SizesOutOfOrder {
        /// The older size given.
        old: u64,
        /// The newer size given.
        new: u64,
    },
    /// The proof does not lead to the tree head (or heads) given.
    #[error("the proof does not lead to the tree head given: the entry is not in that tree, or the trees are not one history")]
    ProofDoesNotVerify,
}

impl ProofError {
    /// A stable code for the error.
    pub fn code(&self) -> &'static str {
        match self {
            ProofError::BeyondTree { .. } => "beyond-tree",
            ProofError::LeafOutsideTree { .. } => "leaf-outside-tree",
            ProofError::SizesOutOfOrder { .. } => "sizes-out-of-order",
            ProofError::ProofDoesNotVerify => "proof-does-not-verify",
        }
    }

    /// The error as a sentence in a language.
    pub fn message(&self, language: crate::Language) -> String {
        match language {
            crate::Language::Chinese => match self {
                ProofError::BeyondTree { size, tree_size } => {
                    format!("账本只有 {tree_size} 条记录,无法给出 {size} 条记录时的树")
                }
                ProofError::LeafOutsideTree { index, size } => {
                    format!("第 {index} 条记录不在 {size} 条记录的树中(记录从 0 编号)")
                }
                ProofError::SizesOutOfOrder { old, new } => {
                    format!("{old} 条记录的树不可能是 {new} 条记录的树的较早状态")
                }
                ProofError::ProofDoesNotVerify => {
                    "证明与给定的树根不符:该记录不在这棵树中,或两棵树不是同一段历史".to_owned()
                }
            },
            _ => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests;
