//! IOB2 tags over the four CoNLL entity types.

/// CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntType {
    Per,
    Org,
    Loc,
    Misc,
}

impl EntType {
    pub const ALL: [EntType; 4] = [EntType::Per, EntType::Org, EntType::Loc, EntType::Misc];
    pub fn name(self) -> &'static str {
        match self {
            EntType::Per => "PER",
            EntType::Org => "ORG",
            EntType::Loc => "LOC",
            EntType::Misc => "MISC",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// An IOB2 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    O,
    B(EntType),
    I(EntType),
}

/// Number of tags: O plus B and I for each type.
pub const NTAGS: usize = 9;

impl Tag {
    /// Dense index: O = 0, B-X = 1 + 2x, I-X = 2 + 2x.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t.index(),
            Tag::I(t) => 2 + 2 * t.index(),
        }
    }
    pub fn from_index(i: usize) -> Tag {
        if i == 0 || i >= NTAGS {
            return Tag::O;
        }
        let t = EntType::ALL[(i - 1) / 2];
        if (i - 1) % 2 == 0 {
            Tag::B(t)
        } else {
            Tag::I(t)
        }
    }
    pub fn ent_type(self) -> Option<EntType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }
    /// Whether `next` may follow `self` in IOB2.
    pub fn allows(self, next: Tag) -> bool {
        match next {
            Tag::I(t) => self.ent_type() == Some(t),
            _ => true,
        }
    }
    pub fn as_str(self) -> &'static str {
        const S: [&str; NTAGS] = [
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ];
        S[self.index()]
    }
}

/// Entity spans `(type, start, end)` (token indices, end exclusive) of an
/// IOB2 tag sequence; a stray `I-X` starts an entity.
pub fn spans(tags: &[Tag]) -> Vec<(EntType, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(EntType, usize)> = None;
    for (i, t) in tags.iter().enumerate() {
        match *t {
            Tag::O => {
                if let Some((ty, s)) = cur.take() {
                    out.push((ty, s, i));
                }
            }
            Tag::B(ty) => {
                if let Some((pty, s)) = cur.take() {
                    out.push((pty, s, i));
                }
                cur = Some((ty, i));
            }
            Tag::I(ty) => match cur {
                Some((pty, _)) if pty == ty => {}
                _ => {
                    if let Some((pty, s)) = cur.take() {
                        out.push((pty, s, i));
                    }
                    cur = Some((ty, i));
                }
            },
        }
    }
    if let Some((ty, s)) = cur {
        out.push((ty, s, tags.len()));
    }
    out
}
