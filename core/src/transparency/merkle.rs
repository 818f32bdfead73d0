//! The Merkle tree of RFC 9162 (Certificate Transparency 2.0, the hashing of RFC 6962):
//! tree heads of any size, inclusion proofs and consistency proofs, and their checks.
//!
//! A leaf's hash is H(0x00 ‖ data) and a node's H(0x01 ‖ left ‖ right), H being SHA-256 (or
//! SM3, for a tree made with [`MerkleTree::with_algorithm`]); a tree of `n` leaves splits at
//! the largest power of two below `n`. The proofs and the checks
//! follow the RFC's sections 2.1.3 and 2.1.4 step by step, so any implementation of the RFC
//! checks what this one proves, and the other way round.

use super::{HashAlgorithm, ProofError, TreeHash};

/// The hash of a leaf holding `data`: SHA-256(0x00 ‖ data).
pub fn leaf_hash(data: &[u8]) -> TreeHash {
    HashAlgorithm::Sha256.leaf(data)
}

/// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
pub fn node_hash(left: &TreeHash, right: &TreeHash) -> TreeHash {
    HashAlgorithm::Sha256.node(left, right)
}

/// The root of the empty tree: SHA-256 of nothing.
pub fn empty_root() -> TreeHash {
    HashAlgorithm::Sha256.empty_root()
}

/// The largest power of two below `n` (`n` ≥ 2).
fn split(n: u64) -> u64 {
    let below = n.saturating_sub(1);
    1u64 << (63 - below.leading_zeros().min(63))
}

/// An append-only Merkle tree that keeps the hash of every complete subtree, so that a
/// tree head of any earlier size and every proof cost a number of hashes logarithmic in
/// the size (twice the leaves' hashes in memory).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MerkleTree {
    algorithm: HashAlgorithm,
    /// `levels[k][i]` is the hash of leaves `i·2^k .. (i+1)·2^k`.
    levels: Vec<Vec<TreeHash>>,
}

impl MerkleTree {
    /// The empty tree, hashed with SHA-256.
    pub fn new() -> Self {
        Self::default()
    }

    /// The empty tree, hashed with `algorithm`.
    pub fn with_algorithm(algorithm: HashAlgorithm) -> Self {
        Self {
            algorithm,
            levels: Vec::new(),
        }
    }

    /// The hash function of the tree.
    pub fn algorithm(&self) -> HashAlgorithm {
        self.algorithm
    }

    /// A tree hashed with `algorithm` of the leaves holding `data`, in order.
    pub fn from_leaves<'a>(
        algorithm: HashAlgorithm,
        data: impl IntoIterator<Item = &'a [u8]>,
    ) -> Self {
        let mut tree = Self::with_algorithm(algorithm);
        for leaf in data {
            tree.push(leaf);
        }
        tree
    }

    /// Adds a leaf holding `data`.
    pub fn push(&mut self, data: &[u8]) {
        self.push_hash(self.algorithm.leaf(data));
    }

    /// Adds a leaf whose hash is `hash`.
    pub fn push_hash(&mut self, hash: TreeHash) {
        let mut carry = hash;
        let mut level = 0;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
            }
            let Some(row) = self.levels.get_mut(level) else {
                return;
            };
            row.push(carry);
            // A row of even length has just completed a subtree one level up.
            if row.len() % 2 == 1 {
                return;
            }
            let (Some(right), Some(left)) = (
                row.last(),
                row.len().checked_sub(2).and_then(|i| row.get(i)),
            ) else {
                return;
            };
            carry = self.algorithm.node(left, right);
            level += 1;
        }
    }

    /// How many leaves the tree has.
    pub fn size(&self) -> u64 {
        self.levels
            .first()
            .map_or(0, |leaves| u64::try_from(leaves.len()).unwrap_or(u64::MAX))
    }

    /// The hash of the complete, aligned subtree of `2^level` leaves numbered `index`.
    fn complete(&self, level: u32, index: u64) -> Option<TreeHash> {
        let row = self.levels.get(usize::try_from(level).ok()?)?;
        row.get(usize::try_from(index).ok()?).copied()
    }

    /// MTH(D[start:end]) for `start < end ≤ size`. Every range a head or proof asks for
    /// splits into a complete subtree on the left and the rest: logarithmic work.
    fn subtree(&self, start: u64, end: u64) -> Option<TreeHash> {
        let n = end.checked_sub(start).filter(|&n| n > 0)?;
        if n.is_power_of_two() && start % n == 0 {
            return self.complete(n.trailing_zeros(), start / n);
        }
        let k = split(n);
        let left = self.subtree(start, start.checked_add(k)?)?;
        let right = self.subtree(start.checked_add(k)?, end)?;
        Some(self.algorithm.node(&left, &right))
    }

    fn check_size(&self, size: u64) -> Result<(), ProofError> {
        if size > self.size() {
            return Err(ProofError::BeyondTree {
                size,
                tree_size: self.size(),
            });
        }
        Ok(())
    }

    /// The tree head (root hash) of the first `size` leaves.
    ///
    /// # Errors
    ///
    /// [`ProofError::BeyondTree`] when the tree has fewer than `size` leaves.
    pub fn root(&self, size: u64) -> Result<TreeHash, ProofError> {
        self.check_size(size)?;
        if size == 0 {
            return Ok(self.algorithm.empty_root());
        }
        self.subtree(0, size).ok_or(ProofError::BeyondTree {
            size,
            tree_size: self.size(),
        })
    }

    /// The inclusion proof (audit path) of leaf `index` in the tree of the first `size`
    /// leaves: RFC 9162, 2.1.3.1.
    ///
    /// # Errors
    ///
    /// [`ProofError::BeyondTree`] when the tree has fewer than `size` leaves,
    /// [`ProofError::LeafOutsideTree`] when `index` is not below `size`.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<TreeHash>, ProofError> {
        self.check_size(size)?;
        if index >= size {
            return Err(ProofError::LeafOutsideTree { index, size });
        }
        let mut proof = Vec::new();
        self.path(index, 0, size, &mut proof)
            .ok_or(ProofError::LeafOutsideTree { index, size })?;
        Ok(proof)
    }

    /// PATH(m, D[start:end]), deepest hash first.
    fn path(&self, m: u64, start: u64, end: u64, proof: &mut Vec<TreeHash>) -> Option<()> {
        let n = end.checked_sub(start)?;
        if n <= 1 {
            return Some(());
        }
        let k = split(n);
        let middle = start.checked_add(k)?;
        if m < k {
            self.path(m, start, middle, proof)?;
            proof.push(self.subtree(middle, end)?);
        } else {
            self.path(m - k, middle, end, proof)?;
            proof.push(self.subtree(start, middle)?);
        }
        Some(())
    }

    /// The consistency proof that the tree of the first `new` leaves extends the tree of
    /// the first `old`: RFC 9162, 2.1.4.1. Empty when `old` is 0 or equals `new`.
    ///
    /// # Errors
    ///
    /// [`ProofError::BeyondTree`] when the tree has fewer than `new` leaves,
    /// [`ProofError::SizesOutOfOrder`] when `old` is past `new`.
    pub fn consistency_proof(&self, old: u64, new: u64) -> Result<Vec<TreeHash>, ProofError> {
        self.check_size(new)?;
        if old > new {
            return Err(ProofError::SizesOutOfOrder { old, new });
        }
        let mut proof = Vec::new();
        if old > 0 && old < new {
            self.subproof(old, 0, new, true, &mut proof)
                .ok_or(ProofError::SizesOutOfOrder { old, new })?;
        }
        Ok(proof)
    }

    /// SUBPROOF(m, D[start:end], b).
    fn subproof(
        &self,
        m: u64,
        start: u64,
        end: u64,
        whole: bool,
        proof: &mut Vec<TreeHash>,
    ) -> Option<()> {
        let n = end.checked_sub(start)?;
        if m == n {
            if !whole {
                proof.push(self.subtree(start, end)?);
            }
            return Some(());
        }
        let k = split(n);
        let middle = start.checked_add(k)?;
        if m <= k {
            self.subproof(m, start, middle, whole, proof)?;
            proof.push(self.subtree(middle, end)?);
        } else {
            self.subproof(m - k, middle, end, false, proof)?;
            proof.push(self.subtree(start, middle)?);
        }
        Some(())
    }
}

/// Checks an inclusion proof: that the leaf `index` whose hash is `leaf` is in the tree of
/// `size` leaves whose head is `root` (RFC 9162, 2.1.3.2).
///
/// # Errors
///
/// [`ProofError::LeafOutsideTree`] when `index` is not below `size`,
/// [`ProofError::ProofDoesNotVerify`] when the proof does not lead to `root`.
pub fn verify_inclusion(
    index: u64,
    size: u64,
    leaf: &TreeHash,
    proof: &[TreeHash],
    root: &TreeHash,
) -> Result<(), ProofError> {
    HashAlgorithm::Sha256.verify_inclusion(index, size, leaf, proof, root)
}

/// Checks a consistency proof: that the tree of `new` leaves whose head is `new_root`
/// extends the tree of `old` leaves whose head is `old_root` (RFC 9162, 2.1.4.2).
///
/// # Errors
///
/// [`ProofError::SizesOutOfOrder`] when `old` is past `new`,
/// [`ProofError::ProofDoesNotVerify`] when the proof does not lead to both heads.
pub fn verify_consistency(
    old: u64,
    new: u64,
    old_root: &TreeHash,
    new_root: &TreeHash,
    proof: &[TreeHash],
) -> Result<(), ProofError> {
    HashAlgorithm::Sha256.verify_consistency(old, new, old_root, new_root, proof)
}

impl HashAlgorithm {
    /// [`verify_inclusion`] in a tree hashed with this function.
    ///
    /// # Errors
    ///
    /// As [`verify_inclusion`].
    pub fn verify_inclusion(
        self,
        index: u64,
        size: u64,
        leaf: &TreeHash,
        proof: &[TreeHash],
        root: &TreeHash,
    ) -> Result<(), ProofError> {
        inclusion(self, index, size, leaf, proof, root)
    }

    /// [`verify_consistency`] in trees hashed with this function.
    ///
    /// # Errors
    ///
    /// As [`verify_consistency`].
    pub fn verify_consistency(
        self,
        old: u64,
        new: u64,
        old_root: &TreeHash,
        new_root: &TreeHash,
        proof: &[TreeHash],
    ) -> Result<(), ProofError> {
        consistency(self, old, new, old_root, new_root, proof)
    }
}

/// Which side of the running hash a proof hash goes on.
enum Side {
    Left,
    Right,
}

/// The climb of RFC 9162's checks from a leaf to the root: `f` the node's number on its
/// level, `s` the last node's; each proof hash goes on the left or the right.
struct Climb {
    f: u64,
    s: u64,
}

impl Climb {
    /// The side of the next proof hash; `None` when the proof is longer than the climb.
    fn next(&mut self) -> Option<Side> {
        if self.s == 0 {
            return None;
        }
        let side = if self.f & 1 == 1 || self.f == self.s {
            // A left sibling; a node with none climbs until it is a right child.
            if self.f & 1 == 0 {
                while self.f & 1 == 0 && self.f != 0 {
                    self.f >>= 1;
                    self.s >>= 1;
                }
            }
            Side::Left
        } else {
            Side::Right
        };
        self.f >>= 1;
        self.s >>= 1;
        Some(side)
    }

    /// Whether the climb reached the root.
    fn done(&self) -> bool {
        self.s == 0
    }
}

fn inclusion(
    algorithm: HashAlgorithm,
    index: u64,
    size: u64,
    leaf: &TreeHash,
    proof: &[TreeHash],
    root: &TreeHash,
) -> Result<(), ProofError> {
    let node_hash = |l: &TreeHash, r: &TreeHash| algorithm.node(l, r);
    if index >= size {
        return Err(ProofError::LeafOutsideTree { index, size });
    }
    let mut climb = Climb {
        f: index,
        s: size - 1,
    };
    let mut r = *leaf;
    for p in proof {
        r = match climb.next().ok_or(ProofError::ProofDoesNotVerify)? {
            Side::Left => node_hash(p, &r),
            Side::Right => node_hash(&r, p),
        };
    }
    if climb.done() && r == *root {
        Ok(())
    } else {
        Err(ProofError::ProofDoesNotVerify)
    }
}

fn consistency(
    algorithm: HashAlgorithm,
    old: u64,
    new: u64,
    old_root: &TreeHash,
    new_root: &TreeHash,
    proof: &[TreeHash],
) -> Result<(), ProofError> {
    let node_hash = |l: &TreeHash, r: &TreeHash| algorithm.node(l, r);
    if old > new {
        return Err(ProofError::SizesOutOfOrder { old, new });
    }
    if old == new {
        // The same tree: no proof, the same head.
        return if proof.is_empty() && old_root == new_root {
            Ok(())
        } else {
            Err(ProofError::ProofDoesNotVerify)
        };
    }
    if old == 0 {
        // Every tree extends the empty one.
        return if proof.is_empty() {
            Ok(())
        } else {
            Err(ProofError::ProofDoesNotVerify)
        };
    }
    let mut path: Vec<TreeHash> = Vec::with_capacity(proof.len() + 1);
    if old.is_power_of_two() {
        path.push(*old_root);
    }
    path.extend_from_slice(proof);
    let Some((first, rest)) = path.split_first() else {
        return Err(ProofError::ProofDoesNotVerify);
    };
    let (mut f, mut s) = (old - 1, new - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (*first, *first);
    let mut climb = Climb { f, s };
    for c in rest {
        match climb.next().ok_or(ProofError::ProofDoesNotVerify)? {
            Side::Left => {
                fr = node_hash(c, &fr);
                sr = node_hash(c, &sr);
            }
            Side::Right => sr = node_hash(&sr, c),
        }
    }
    if fr == *old_root && sr == *new_root && climb.done() {
        Ok(())
    } else {
        Err(ProofError::ProofDoesNotVerify)
    }
}
