//! JSON pointers built on the stack and written out only when a problem is reported, so
//! checking a plan of millions of milestones allocates nothing for the ones that are fine.

use std::fmt;

use crate::format::escape_pointer_token;

/// A JSON pointer as a chain of segments.
#[derive(Clone, Copy)]
pub(super) struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Loc<'a> {
    /// The whole document: `/`.
    pub(super) const ROOT: Loc<'static> = Loc {
        parent: None,
        segment: Segment::Root,
    };

    /// The member `key` of this object.
    pub(super) fn key(&'a self, key: &'a str) -> Loc<'a> {
        Loc {
            parent: Some(self),
            segment: Segment::Key(key),
        }
    }

    /// The element `index` of this array.
    pub(super) fn index(&'a self, index: usize) -> Loc<'a> {
        Loc {
            parent: Some(self),
            segment: Segment::Index(index),
        }
    }
}

impl fmt::Display for Loc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(parent) = self.parent {
            write!(f, "{parent}")?;
        }
        match self.segment {
            Segment::Root if self.parent.is_none() => Ok(()),
            Segment::Root => Ok(()),
            Segment::Key(key) => write!(f, "/{}", escape_pointer_token(key)),
            Segment::Index(index) => write!(f, "/{index}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_are_written_on_demand() {
        let tasks = Loc::ROOT.key("key_tasks");
        let task = tasks.index(3);
        let subs = task.key("sub_projects");
        let sub = subs.index(1);
        assert_eq!(sub.to_string(), "/key_tasks/3/sub_projects/1");
        assert_eq!(Loc::ROOT.key("a/b").to_string(), "/a~1b");
        assert_eq!(Loc::ROOT.to_string(), "");
    }
}
