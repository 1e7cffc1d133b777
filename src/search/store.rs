//! The document store: what results show (titles, links, dates, passages), packed into
//! chunk files of about 16 KiB (a source or two), each a JavaScript string `search.js`
//! splits.
//!
//! In: each source's documents written as records. Out: chunk files, and the number of
//! the first document of each. Records and their fields are separated by ASCII control
//! characters that never occur in the text (any control character there becomes a
//! space), so the browser reads them with `split`, and the JavaScript string holding them
//! needs only `\` and `"` escaped. Where chunks end is decided by each source's own id and
//! size (content-defined, as backup tools cut files), never by a running total: an edit
//! changes the chunk of the edited article and, now and then, its neighbour, nothing else.

/// Between the records of one chunk.
pub const RECORD: char = '\u{1e}';
/// Between the fields of one record.
pub const FIELD: char = '\u{1f}';
/// Between the passages of an article or context entry.
pub const PASSAGE: char = '\u{1d}';
/// Between a passage's paragraph number and its text.
pub const PART: char = '\u{1c}';
/// Between the result cards of one term and those of the next, in a shard.
pub const TERM: char = '\u{1b}';

/// A chunk is cut on average every this many bytes. A result whose document has no
/// card in its query's shards loads the whole chunk holding it, so a page of such
/// results loads about ten chunks: small chunks keep that page's bytes down, and a
/// browser takes about as long for one file of any size up to these.
pub const CHUNK_TARGET: usize = 16 * 1024;
/// No cut before a chunk holds this many bytes.
pub const CHUNK_MIN: usize = 4 * 1024;
/// Always a cut before a source that would take a chunk past this many bytes (a single
/// source larger than this stays whole).
pub const CHUNK_MAX: usize = 32 * 1024;

/// Appends `text` to `out` as it may stand inside a double-quoted JavaScript string and
/// between the separators: `\` and `"` escaped, control characters and the two Unicode
/// line separators as spaces.
pub fn push_text(out: &mut String, text: &str) {
    // Runs of text that need nothing are copied whole: most passages have no character
    // to change, and curly quotes (whose first byte the line separators share) are many.
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let (replacement, len) = match bytes[at] {
            b'"' => ("\\\"", 1),
            b'\\' => ("\\\\", 1),
            b if b < 0x20 => (" ", 1),
            // U+2028 and U+2029, the line and paragraph separators.
            0xe2 if bytes.get(at + 1) == Some(&0x80)
                && matches!(bytes.get(at + 2), Some(0xa8 | 0xa9)) =>
            {
                (" ", 3)
            }
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        at += len;
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// One record being written: fields are added in order, each preceded by [`FIELD`]
/// except the first.
pub struct Record<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Record<'a> {
    /// Starts a record at the end of `out`.
    pub fn new(out: &'a mut String) -> Self {
        Self { out, first: true }
    }

    /// Goes on with a record `out` ends with: the next field is separated from it.
    pub fn continuing(out: &'a mut String) -> Self {
        Self { out, first: false }
    }

    fn separate(&mut self) {
        if !self.first {
            self.out.push(FIELD);
        }
        self.first = false;
    }

    /// Adds a text field.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.separate();
        push_text(self.out, text);
        self
    }

    /// Adds a number field.
    pub fn number(&mut self, number: usize) -> &mut Self {
        self.separate();
        self.out.push_str(&number.to_string());
        self
    }

    /// Adds a field of passages, each its paragraph number (0 for none) and its text.
    pub fn passages<'p>(&mut self, passages: impl Iterator<Item = (usize, &'p str)>) {
        self.separate();
        for (i, (block, text)) in passages.enumerate() {
            if i > 0 {
                self.out.push(PASSAGE);
            }
            self.out.push_str(&block.to_string());
            self.out.push(PART);
            push_text(self.out, text);
        }
    }
}

/// How a sequence of items (sources, terms) is cut into files: on average every
/// `target` bytes, never before `min` bytes, always before passing `max` bytes (a single
/// item larger than that stays whole).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Average bytes between content-defined cuts.
    pub target: usize,
    /// No cut before a file holds this many bytes.
    pub min: usize,
    /// Always a cut before an item that would take a file past this many bytes.
    pub max: usize,
}

/// The limits of document chunks.
pub const CHUNKS: Limits = Limits {
    target: CHUNK_TARGET,
    min: CHUNK_MIN,
    max: CHUNK_MAX,
};

/// One file as planned: which items it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    /// Index of its first item.
    pub first: usize,
    /// Number of items.
    pub len: usize,
}

/// Cuts items into files: `items` gives each item's stable hash and size, in order. A cut
/// falls before an item with a probability of its size over the target, decided by its
/// hash, once the file holds the minimum; and always before one that would take the file
/// past the maximum. Cuts depend on the items near them only, so changing one item moves
/// at most the cuts around it.
pub fn plan(items: impl Iterator<Item = (u64, usize)>, limits: Limits) -> Vec<Planned> {
    let mut planner = Planner::new(limits);
    for (hash, len) in items {
        planner.push(hash, len);
    }
    planner.files
}

/// [`plan`] one item at a time: every file but the last is complete once planned, so
/// files can be made while later items are still being produced.
#[derive(Debug)]
pub struct Planner {
    limits: Limits,
    files: Vec<Planned>,
    size: usize,
    items: usize,
}

impl Planner {
    /// Nothing planned yet.
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            files: Vec::new(),
            size: 0,
            items: 0,
        }
    }

    /// Plans the next item.
    pub fn push(&mut self, hash: u64, len: usize) {
        let limits = self.limits;
        let cut = match self.files.last() {
            None => true,
            Some(_) if self.size < limits.min => false,
            Some(_) => self.size + len > limits.max || cuts(hash, len, limits.target),
        };
        if cut {
            self.files.push(Planned {
                first: self.items,
                len: 0,
            });
            self.size = 0;
        }
        if let Some(last) = self.files.last_mut() {
            last.len += 1;
        }
        self.size += len + 1;
        self.items += 1;
    }

    /// The files no later item can join: all but the last.
    pub fn complete(&self) -> &[Planned] {
        &self.files[..self.files.len().saturating_sub(1)]
    }
}

/// Whether a content-defined cut falls before an item of `len` bytes whose stable hash is
/// `hash`: with probability `len / target`, so cuts come every `target` bytes on average
/// whatever the items' sizes.
pub fn cuts(hash: u64, len: usize, target: usize) -> bool {
    let threshold = (u64::MAX / target as u64).saturating_mul(len as u64);
    hash < threshold
}

/// The text of chunk `n` holding `records` (each a source's records, already joined).
pub fn chunk_text<'r>(n: usize, records: impl Iterator<Item = &'r str>) -> String {
    let mut text = format!("glossSearch.docs({n},\"");
    for (i, record) in records.enumerate() {
        if i > 0 {
            text.push(RECORD);
        }
        text.push_str(record);
    }
    text.push_str("\");\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_a_javascript_string_and_loses_control_characters() {
        let mut out = String::new();
        push_text(&mut out, "a \"b\" \\ c\u{1e}d\u{2028}é");
        assert_eq!(out, "a \\\"b\\\" \\\\ c d é");
    }

    proptest::proptest! {
        /// Copying runs whole gives what changing a character at a time gives.
        #[test]
        fn text_is_escaped_as_a_character_at_a_time(
            text in "[a\"\\\\\u{1}\u{1e} é’“\u{2028}\u{2029}\u{2027}\u{202a}]{0,24}"
        ) {
            let mut slow = String::new();
            for c in text.chars() {
                match c {
                    '"' => slow.push_str("\\\""),
                    '\\' => slow.push_str("\\\\"),
                    c if c < ' ' || c == '\u{2028}' || c == '\u{2029}' => slow.push(' '),
                    c => slow.push(c),
                }
            }
            let mut fast = String::from("kept ");
            push_text(&mut fast, &text);
            proptest::prop_assert_eq!(fast, format!("kept {slow}"));
        }
    }

    #[test]
    fn records_separate_fields_and_passages() {
        let mut out = String::new();
        Record::new(&mut out)
            .text("a")
            .number(3)
            .passages([(1, "one"), (0, "two")].into_iter());
        assert_eq!(out, "a\u{1f}3\u{1f}1\u{1c}one\u{1d}0\u{1c}two");
    }

    #[test]
    fn chunks_are_cut_by_the_sources_own_hash_and_size() {
        let sources: Vec<(u64, usize)> = (0..2000u64)
            .map(|i| (crate::cache::hash(&i.to_le_bytes()), 4000))
            .collect();
        let chunks = plan(sources.iter().copied(), CHUNKS);
        assert_eq!(chunks.iter().map(|c| c.len).sum::<usize>(), 2000);
        assert!(chunks.iter().all(|c| c.len * 4001 <= CHUNK_MAX + 4001));
        let average = 2000 * 4000 / chunks.len();
        assert!((CHUNK_MIN..CHUNK_MAX).contains(&average), "{average}");
        // Growing one source changes where its own chunk ends at most.
        let mut edited = sources.clone();
        edited[1000].1 += 100;
        let after = plan(edited.iter().copied(), CHUNKS);
        let changed = chunks.iter().filter(|c| !after.contains(c)).count();
        assert!(changed <= 2, "{changed} chunks changed");
    }
}
