//! Finding things by id in large plans without storing every id a second time.
//!
//! An [`IdIndex`] is a table of `(hash of id, position)` sorted by hash: 12 bytes per entry
//! instead of a copy of every id string, and a look-up is a binary search followed by a
//! string comparison at the positions that share the hash.

use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

/// A look-up from id to position for one kind of thing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct IdIndex {
    /// `(hash, position)`, sorted; among equal hashes, by position.
    entries: Vec<(u64, u32)>,
}

/// A position whose id repeats the id of an earlier position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Duplicate {
    /// The later position.
    pub position: u32,
    /// The first position with the same id.
    pub first: u32,
}

fn hash(id: &str) -> u64 {
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

impl IdIndex {
    /// Indexes `ids` (in position order); `id_at` gives the id at a position again. Returns
    /// the index and every position whose id an earlier position already has, in position
    /// order. Positions past `u32::MAX` are not indexed; callers check sizes first.
    pub(crate) fn build<'a, I, F>(ids: I, id_at: F) -> (Self, Vec<Duplicate>)
    where
        I: Iterator<Item = &'a str>,
        F: Fn(u32) -> Option<&'a str>,
    {
        let mut entries: Vec<(u64, u32)> = ids
            .enumerate()
            .filter_map(|(i, id)| Some((hash(id), u32::try_from(i).ok()?)))
            .collect();
        entries.sort_unstable();
        let mut duplicates = Vec::new();
        let mut run_start = 0;
        while run_start < entries.len() {
            let Some(&(run_hash, _)) = entries.get(run_start) else {
                break;
            };
            let run_end = entries.get(run_start..).map_or(run_start, |rest| {
                run_start + rest.iter().take_while(|(h, _)| *h == run_hash).count()
            });
            if run_end - run_start > 1 {
                let run = entries.get(run_start..run_end).unwrap_or_default();
                for (k, &(_, position)) in run.iter().enumerate() {
                    let id = id_at(position);
                    let earlier = run
                        .get(..k)
                        .unwrap_or_default()
                        .iter()
                        .find(|(_, other)| id_at(*other) == id);
                    if let Some(&(_, first)) = earlier {
                        duplicates.push(Duplicate { position, first });
                    }
                }
            }
            run_start = run_end;
        }
        duplicates.sort_unstable_by_key(|d| d.position);
        (Self { entries }, duplicates)
    }

    /// The first position whose id is `id`.
    pub(crate) fn find<'a, F>(&self, id: &str, id_at: F) -> Option<u32>
    where
        F: Fn(u32) -> Option<&'a str>,
    {
        let wanted = hash(id);
        let start = self.entries.partition_point(|(h, _)| *h < wanted);
        self.entries
            .get(start..)?
            .iter()
            .take_while(|(h, _)| *h == wanted)
            .map(|&(_, position)| position)
            .find(|&position| id_at(position) == Some(id))
    }

    /// Heap bytes held by the index.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<(u64, u32)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_first_positions_and_reports_duplicates() {
        let ids = ["a", "b", "a", "c", "b", "a"];
        let at = |p: u32| ids.get(p as usize).copied();
        let (index, duplicates) = IdIndex::build(ids.iter().copied(), at);
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
    fn empty_index_finds_nothing() {
        let (index, duplicates) = IdIndex::build(std::iter::empty(), |_| None);
        assert_eq!(index.find("x", |_| None), None);
        assert!(duplicates.is_empty());
    }
}
