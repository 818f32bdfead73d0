//! Finding things by id in large plans without storing every id a second time.
//!
//! An [`IdIndex`] is an open-addressing hash table of positions: 8 bytes a slot, at most
//! three quarters full, and a look-up compares the id string only at slots whose stored
//! hash bits match. Hashes are keyed per process (SipHash with random keys), so ids chosen
//! to collide cannot slow validation down.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

/// A look-up from id to position for one kind of thing.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdIndex {
    hasher: RandomState,
    /// `(upper hash bits, position + 1)`; `position + 1 == 0` marks an empty slot.
    slots: Vec<(u32, u32)>,
    /// How many slots are taken.
    occupied: usize,
}

impl PartialEq for IdIndex {
    /// Two indexes are equal when they index the same positions; the hash keys differ.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
    }
}

impl Eq for IdIndex {}

/// A position whose id repeats the id of an earlier position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// The later position.
    pub position: u32,
    /// The first position with the same id.
    pub first: u32,
}

/// A power-of-two table size that holds `count` ids at most three quarters full.
fn capacity_for(count: usize) -> usize {
    let wanted = (count.saturating_mul(4) / 3).max(4);
    wanted.checked_next_power_of_two().unwrap_or(wanted)
}

/// The slot an id's hash starts probing from. The hash is masked while still 64 bits wide:
/// on wasm32 `usize` has 32 bits, and converting the whole hash would fail for almost every
/// id and send them all to one slot.
fn home_slot(hash: u64, mask: usize) -> usize {
    let wide_mask = u64::try_from(mask).unwrap_or(u64::MAX);
    usize::try_from(hash & wide_mask).unwrap_or(0)
}

impl IdIndex {
    fn len(&self) -> usize {
        self.occupied
    }

    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// Indexes `ids` (in position order); `id_at` gives the id at a position again. Returns
    /// the index and every position whose id an earlier position already has, in position
    /// order. Positions from `u32::MAX - 1` on are not indexed; callers check sizes first.
    pub(crate) fn build<'a, I, F>(count: usize, ids: I, id_at: F) -> (Self, Vec<Duplicate>)
    where
        I: Iterator<Item = &'a str>,
        F: Fn(u32) -> Option<&'a str>,
    {
        let mut index = Self {
            hasher: RandomState::new(),
            slots: vec![(0, 0); capacity_for(count)],
            occupied: 0,
        };
        let capacity = index.slots.len();
        let mask = capacity - 1;
        let mut duplicates = Vec::new();
        for (position, id) in ids.enumerate() {
            let Some(stored) = u32::try_from(position).ok().and_then(|p| p.checked_add(1)) else {
                break;
            };
            let hash = index.hash(id);
            let tag = u32::try_from(hash >> 32).unwrap_or(0);
            let mut slot = home_slot(hash, mask);
            while let Some(entry) = index.slots.get_mut(slot) {
                if entry.1 == 0 {
                    *entry = (tag, stored);
                    index.occupied += 1;
                    break;
                }
                let (other_tag, other) = *entry;
                if other_tag == tag && id_at(other - 1) == Some(id) {
                    duplicates.push(Duplicate {
                        position: stored - 1,
                        first: other - 1,
                    });
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        (index, duplicates)
    }

    /// Adds `id` at `position`, growing the table when it would be more than three
    /// quarters full; `id_at` gives the id at every position already indexed (for the
    /// growth). The caller has checked that `id` is not indexed yet. Growing doubles the
    /// table, so adding n ids one by one costs O(n) in all.
    pub(crate) fn insert<'a, F>(&mut self, id: &str, position: u32, id_at: F)
    where
        F: Fn(u32) -> Option<&'a str>,
    {
        let Some(stored) = position.checked_add(1) else {
            return;
        };
        if self.occupied.saturating_add(1).saturating_mul(4) > self.slots.len().saturating_mul(3) {
            let mut grown = Self {
                hasher: self.hasher.clone(),
                slots: vec![
                    (0, 0);
                    capacity_for(self.occupied.saturating_add(1).saturating_mul(2))
                ],
                occupied: 0,
            };
            for &(_, other) in &self.slots {
                if other != 0 {
                    if let Some(other_id) = id_at(other - 1) {
                        grown.place(other_id, other);
                    }
                }
            }
            *self = grown;
        }
        self.place(id, stored);
    }

    /// Puts `stored` (a position + 1) in the first free slot of `id`'s probe sequence.
    fn place(&mut self, id: &str, stored: u32) {
        let mask = self.slots.len().saturating_sub(1);
        let hash = self.hash(id);
        let tag = u32::try_from(hash >> 32).unwrap_or(0);
        let mut slot = home_slot(hash, mask);
        for _ in 0..self.slots.len() {
            match self.slots.get_mut(slot) {
                Some(entry) if entry.1 == 0 => {
                    *entry = (tag, stored);
                    self.occupied += 1;
                    return;
                }
                Some(_) => slot = (slot + 1) & mask,
                None => return,
            }
        }
    }

    /// Moves every indexed position from `from` on `by` places up: `by` things were
    /// inserted at `from`.
    pub(crate) fn shift_from(&mut self, from: u32, by: u32) {
        for (_, stored) in &mut self.slots {
            if *stored > from {
                *stored = stored.saturating_add(by);
            }
        }
    }

    /// The first position whose id is `id`.
    pub(crate) fn find<'a, F>(&self, id: &str, id_at: F) -> Option<u32>
    where
        F: Fn(u32) -> Option<&'a str>,
    {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let hash = self.hash(id);
        let tag = u32::try_from(hash >> 32).unwrap_or(0);
        let mut slot = home_slot(hash, mask);
        for _ in 0..self.slots.len() {
            let &(other_tag, stored) = self.slots.get(slot)?;
            if stored == 0 {
                return None;
            }
            if other_tag == tag && id_at(stored - 1) == Some(id) {
                return Some(stored - 1);
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// The longest run of occupied slots: the worst probe length of a look-up.
    #[cfg(test)]
    pub(crate) fn longest_run(&self) -> usize {
        let mut longest = 0;
        let mut run = 0;
        for (_, stored) in &self.slots {
            run = if *stored == 0 { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        longest
    }

    /// Heap bytes held by the index.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.slots.capacity() * std::mem::size_of::<(u32, u32)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_positions_and_reports_duplicates() {
        let ids = ["a", "b", "a", "c", "b", "a"];
        let at = |p: u32| ids.get(p as usize).copied();
        let (index, duplicates) = IdIndex::build(ids.len(), ids.iter().copied(), at);
        assert_eq!(index.find("a", at), Some(0));
        assert_eq!(index.find("b", at), Some(1));
        assert_eq!(index.find("c", at), Some(3));
        assert_eq!(index.find("d", at), None);
        assert_eq!(
            duplicates,
            vec![
                Duplicate {
                    position: 2,
                    first: 0
                },
                Duplicate {
                    position: 4,
                    first: 1
                },
                Duplicate {
                    position: 5,
                    first: 0
                },
            ]
        );
    }

    #[test]
    fn home_slots_use_the_low_bits_of_the_whole_hash() {
        // A hash above 2^32 keeps its low bits on every target, wasm32 included.
        assert_eq!(home_slot(0xdead_beef_0000_1234, 0xffff), 0x1234);
        assert_eq!(home_slot(u64::MAX, 0x3ff), 0x3ff);
    }

    #[test]
    fn probes_stay_short_for_many_ids() {
        // 100,000 ids must spread over the table: a hash that lost its bits would send
        // every id to one slot and make the longest probe run as long as the table.
        let ids: Vec<String> = (0..100_000).map(|i| format!("m-{i}")).collect();
        let at = |p: u32| ids.get(p as usize).map(String::as_str);
        let (index, _) = IdIndex::build(ids.len(), ids.iter().map(String::as_str), at);
        assert!(
            index.longest_run() < 200,
            "longest run {}",
            index.longest_run()
        );
        assert_eq!(index.find("m-99999", at), Some(99_999));
    }

    #[test]
    fn inserts_grow_the_table_and_shifts_move_positions() {
        let mut ids: Vec<String> = (0..10).map(|i| format!("id-{i}")).collect();
        let (mut index, _) = {
            let at = |p: u32| ids.get(p as usize).map(String::as_str);
            IdIndex::build(ids.len(), ids.iter().map(String::as_str), at)
        };
        for i in 10..1000 {
            ids.push(format!("id-{i}"));
            let at = |p: u32| ids.get(p as usize).map(String::as_str);
            index.insert(&format!("id-{i}"), i, at);
        }
        // Insert one id in the middle: positions from 500 on move up one.
        ids.insert(500, "middle".to_owned());
        index.shift_from(500, 1);
        let at = |p: u32| ids.get(p as usize).map(String::as_str);
        index.insert("middle", 500, at);
        assert_eq!(index.len(), 1001);
        for (p, id) in ids.iter().enumerate() {
            assert_eq!(index.find(id, at), u32::try_from(p).ok(), "{id}");
        }
        assert!(index.longest_run() < 100);
    }

    #[test]
    fn empty_index_finds_nothing() {
        let (index, duplicates) = IdIndex::build(0, std::iter::empty(), |_| None);
        assert_eq!(index.find("x", |_| None), None);
        assert!(duplicates.is_empty());
    }
}
