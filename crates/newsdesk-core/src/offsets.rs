/// Converts UTF-8 byte offsets of a text into Unicode code point offsets.
///
/// NLP code works on byte offsets (that is what `str` slicing uses); JSON
/// output speaks code points. Build one map per text and convert at the edge.
/// For ASCII text (most news) the map is empty and conversion is free.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// `chars_before[b]` = number of code points in `text[..b]`, for every
    /// byte offset `b` in `0..=len`; empty when the text is ASCII.
    chars_before: Vec<u32>,
    len: usize,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return OffsetMap { chars_before: Vec::new(), len: text.len() };
        }
        let mut chars_before = Vec::with_capacity(text.len() + 1);
        let mut n = 0u32;
        for (i, ch) in text.char_indices() {
            debug_assert_eq!(chars_before.len(), i);
            for _ in 0..ch.len_utf8() {
                chars_before.push(n);
            }
            n += 1;
        }
        chars_before.push(n);
        OffsetMap { chars_before, len: text.len() }
    }

    /// Code point offset of byte offset `byte` (clamped to the text length).
    /// A byte offset inside a multi-byte character maps to that character.
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        if self.chars_before.is_empty() {
            byte
        } else {
            self.chars_before[byte] as usize
        }
    }

    /// Byte offset of code point offset `ch` (clamped to the text length).
    pub fn to_byte(&self, ch: usize) -> usize {
        if self.chars_before.is_empty() {
            return ch.min(self.len);
        }
        // chars_before is non-decreasing: first byte whose count reaches ch.
        self.chars_before.partition_point(|&c| (c as usize) < ch)
    }

    /// Converts a byte span to a code point [`crate::Span`].
    pub fn span(&self, start: usize, end: usize) -> crate::Span {
        crate::Span::new(self.to_char(start), self.to_char(end))
    }

    pub fn is_identity(&self) -> bool {
        self.chars_before.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = OffsetMap::new("hello world");
        assert!(m.is_identity());
        assert_eq!(m.to_char(5), 5);
        assert_eq!(m.to_char(100), 11);
    }

    #[test]
    fn multibyte_maps_to_code_points() {
        let text = "a“é”b😀c";
        let m = OffsetMap::new(text);
        for (ci, (bi, _)) in text.char_indices().enumerate() {
            assert_eq!(m.to_char(bi), ci, "byte {bi}");
            assert_eq!(m.to_byte(ci), bi, "char {ci}");
        }
        assert_eq!(m.to_char(text.len()), text.chars().count());
        assert_eq!(m.to_byte(text.chars().count()), text.len());
    }
}
