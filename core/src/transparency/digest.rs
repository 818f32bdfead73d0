//! The hash function of a ledger: SHA-256 (the default, as RFC 9162 and the C2SP formats
//! use it) or SM3 (GB/T 32905-2016, the national standard Chinese government systems are
//! often required to use). Chosen when a ledger is adopted and recorded in its first entry;
//! the hash chain and the Merkle tree both use it.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sm3::Sm3;

use super::TreeHash;

/// The hash function of a ledger's chain and tree. Both give 32 bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "json-schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HashAlgorithm {
    /// SHA-256 (FIPS 180-4).
    #[default]
    Sha256,
    /// SM3 (GB/T 32905-2016).
    Sm3,
}

impl HashAlgorithm {
    /// The name as documents write it: `sha256` or `sm3`.
    pub fn as_str(self) -> &'static str {
        match self {
            HashAlgorithm::Sha256 => "sha256",
            HashAlgorithm::Sm3 => "sm3",
        }
    }

    /// The hash of the concatenation of `parts`.
    pub fn hash(self, parts: &[&[u8]]) -> TreeHash {
        fn with<D: Digest>(parts: &[&[u8]]) -> [u8; 32] {
            let mut hasher = D::new();
            for part in parts {
                hasher.update(part);
            }
            let mut out = [0u8; 32];
            for (o, b) in out.iter_mut().zip(hasher.finalize().iter()) {
                *o = *b;
            }
            out
        }
        TreeHash(match self {
            HashAlgorithm::Sha256 => with::<Sha256>(parts),
            HashAlgorithm::Sm3 => with::<Sm3>(parts),
        })
    }

    /// A leaf's hash: H(0x00 ‖ data).
    pub fn leaf(self, data: &[u8]) -> TreeHash {
        self.hash(&[&[0x00], data])
    }

    /// An interior node's hash: H(0x01 ‖ left ‖ right).
    pub fn node(self, left: &TreeHash, right: &TreeHash) -> TreeHash {
        self.hash(&[&[0x01], &left.0, &right.0])
    }

    /// The head of the empty tree: the hash of nothing.
    pub fn empty_root(self) -> TreeHash {
        self.hash(&[])
    }
}

impl std::str::FromStr for HashAlgorithm {
    type Err = crate::ArgumentError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.to_ascii_lowercase().replace('-', "").as_str() {
            "sha256" => Ok(HashAlgorithm::Sha256),
            "sm3" => Ok(HashAlgorithm::Sm3),
            _ => Err(crate::ArgumentError::new(
                "hash",
                format!("the hash of a ledger is \"sha256\" or \"sm3\", not {text:?}"),
                format!("台账的哈希算法为 \"sha256\" 或 \"sm3\",而不是 {text:?}"),
            )),
        }
    }
}
