//! The inverted index: for every term, the documents holding it with a precomputed
//! weight, written as compact strings.
//!
//! In: documents, as [`Counted`] terms. Out: [`Postings`], the lists of every term kept as
//! (document, count) so that one document's terms can be taken out and put back when it
//! is edited, and each list's encoding. Weights are BM25's term-frequency part, with each
//! document's length against the average of its kind, quantized to 1..=63: the browser
//! only adds up `idf × weight` and never needs a table of document lengths, so a first
//! query loads no more than the shards of its terms. The averages are rounded to four
//! significant bits, so that an edit rarely moves them and rarely changes the weights of
//! other documents.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use super::documents::Kind;

/// How much a term in a heading (title, quote, aliases) counts against one in the text,
/// the heading's length aside: a title is short whatever the document's length, so its
/// words are not weighed down by a long text (BM25F, with a field of its own).
pub const HEADING_BOOST: u32 = 3;

/// What one occurrence in a heading adds to a term's count: the count keeps heading
/// occurrences in its high 16 bits and the text's in its low 16 (see [`Weights::of`]).
pub const HEADING_UNIT: u32 = 1 << 16;

/// Adds `by` (1, or [`HEADING_UNIT`]) to `count`, each half saturating on its own.
fn add(count: &mut u32, by: u32) {
    let half = if by == HEADING_UNIT {
        *count >> 16
    } else {
        *count & 0xFFFF
    };
    if half < 0xFFFF {
        *count += by;
    }
}

/// BM25's saturation and length-normalization constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Highest quantized weight; the digit alphabet has 64 symbols.
pub const MAX_WEIGHT: u8 = 63;

/// The 64 symbols postings are written with, all safe inside a JavaScript string.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The terms of one document, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// Article, note or context entry: lengths are compared within a kind.
    pub kind: Kind,
    /// Each term that has no number yet with its count, heading occurrences counted in
    /// [`HEADING_UNIT`]s; sorted.
    pub terms: Vec<(String, u32)>,
    /// The same for terms that already have a number, by number, in no set order.
    pub numbered: Vec<(u32, u32)>,
    /// Number of terms, each counted once.
    pub length: u32,
}

impl Counted {
    /// Counts the terms of a heading and of some passages.
    pub fn new<'a>(kind: Kind, heading: &str, passages: impl Iterator<Item = &'a str>) -> Self {
        Self::against(&Postings::default(), kind, heading, passages)
    }

    /// Counts the terms of a heading and of some passages, taking the numbers of terms
    /// `known` has already numbered: most words of a site are met in its first
    /// documents, so counting many documents at once needs no string of its own for
    /// most terms, and numbering them afterwards (one thread) has little left to do.
    pub fn against<'a>(
        known: &Postings,
        kind: Kind,
        heading: &str,
        passages: impl Iterator<Item = &'a str>,
    ) -> Self {
        let passages: Vec<&str> = passages.collect();
        // About one distinct term every 16 bytes of an article's text.
        let size = passages.iter().map(|p| p.len()).sum::<usize>() / 16 + 8;
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.serve(known);
            let mut tally = Tally {
                known,
                scratch,
                met: Vec::with_capacity(size),
                fresh: FastMap::default(),
                length: 0,
                buffer: String::new(),
            };
            tally.text(heading, HEADING_UNIT);
            for text in passages {
                tally.text(text, 1);
            }
            let Tally {
                scratch,
                met,
                fresh,
                length,
                ..
            } = tally;
            let numbered = met
                .into_iter()
                .map(|id| (id, std::mem::take(&mut scratch.counts[id as usize])))
                .collect();
            let mut terms: Vec<(String, u32)> = fresh.into_iter().collect();
            terms.sort_unstable();
            Self {
                kind,
                terms,
                numbered,
                length,
            }
        })
    }
}

/// The terms of one document being counted against `known`.
struct Tally<'a> {
    known: &'a Postings,
    /// This thread's counts and remembered words.
    scratch: &'a mut Scratch,
    /// The numbered terms met, in the order first met.
    met: Vec<u32>,
    /// The terms without a number, by name.
    fresh: FastMap<String, u32>,
    length: u32,
    buffer: String,
}

impl Tally<'_> {
    /// Counts every term of `text`, each `by` times. An ASCII word met before (in any
    /// document this thread counted against the same terms) is looked up as it stands,
    /// skipping folding and stemming: most words of a text are such repeats.
    fn text(&mut self, text: &str, by: u32) {
        for range in super::terms::words(text) {
            let word = &text[range];
            let ascii = word.is_ascii();
            if ascii {
                if let Some(gives) = self.scratch.recalled(word) {
                    if let Some(id) = gives {
                        self.numbered(id, by);
                    }
                    continue;
                }
            }
            // What the word gives: no term (`Known(None)`), a numbered term, or a term
            // without a number (`Fresh`: not remembered, it may have one by the next
            // batch). An ASCII word gives at most one term.
            let mut gives = Gives::Known(None);
            let mut buffer = std::mem::take(&mut self.buffer);
            super::terms::word_terms(word, self.known.language, &mut buffer, |term| {
                gives = self
                    .term(term, by)
                    .map_or(Gives::Fresh, |id| Gives::Known(Some(id)));
            });
            self.buffer = buffer;
            if let (true, Gives::Known(gives)) = (ascii, gives) {
                self.scratch.remember(word, gives);
            }
        }
    }

    /// Counts one term; its number if it has one.
    fn term(&mut self, term: &str, by: u32) -> Option<u32> {
        if let Some(id) = self.known.find(term) {
            self.numbered(id, by);
            return Some(id);
        }
        self.length += 1;
        match self.fresh.get_mut(term) {
            Some(count) => add(count, by),
            None => {
                self.fresh.insert(term.to_owned(), by);
            }
        }
        None
    }

    fn numbered(&mut self, id: u32, by: u32) {
        self.length += 1;
        let count = &mut self.scratch.counts[id as usize];
        if *count == 0 {
            self.met.push(id);
        }
        add(count, by);
    }
}

/// What one word gives, as [`Tally::text`] learns it.
enum Gives {
    /// No term, or a term with this number: worth remembering.
    Known(Option<u32>),
    /// A term without a number yet.
    Fresh,
}

/// One thread's working tables for counting, kept from document to document.
#[derive(Default)]
struct Scratch {
    /// Each known term's count in the document being counted, by number; zero between
    /// documents. One table a thread, reused, instead of a map a document.
    counts: Vec<u32>,
    /// What ASCII words, as they stand in text, give: no term (`None`) or a numbered
    /// term, for the term numbers of the postings `generation` names. Words of up to
    /// [`SHORT`] bytes are keyed by their bytes in one integer (most words are: no
    /// pointer to follow, no string to compare), longer ones by themselves.
    short: FastMap<u128, Option<u32>>,
    long: FastMap<Box<str>, Option<u32>>,
    /// The [`Postings::generation`] whose numbers `words` holds.
    generation: u64,
}

impl Scratch {
    /// Most words remembered, so that a site in many scripts or with much noise keeps a
    /// bounded table (ten times the distinct words of a 10,000-article corpus).
    const MOST_WORDS: usize = 1 << 18;

    /// Readies the tables for counting against `known`: room for a count of each of its
    /// terms, and no word numbered by other postings (numbers only grow within one, so
    /// what is remembered stays right).
    fn serve(&mut self, known: &Postings) {
        if self.counts.len() < known.terms.len() {
            self.counts.resize(known.terms.len(), 0);
        }
        if self.generation != known.generation {
            self.forget();
            self.generation = known.generation;
        }
    }

    fn remember(&mut self, word: &str, gives: Option<u32>) {
        if self.short.len() + self.long.len() >= Self::MOST_WORDS {
            self.forget();
        }
        match short_key(word) {
            Some(key) => self.short.insert(key, gives),
            None => self.long.insert(word.into(), gives),
        };
    }

    /// What `word` gives, when remembered.
    fn recalled(&self, word: &str) -> Option<Option<u32>> {
        match short_key(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    fn forget(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// Words up to this many bytes are remembered by [`short_key`].
const SHORT: usize = 15;

/// A word of up to [`SHORT`] bytes as one integer: its bytes, then its length in the
/// last byte (so that no two words share a key).
fn short_key(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    if bytes.len() > SHORT {
        return None;
    }
    let mut key = [0u8; 16];
    key[..bytes.len()].copy_from_slice(bytes);
    key[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(key))
}

thread_local! {
    /// This thread's counting tables (see [`Scratch`]).
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// A hash map keyed by short strings, hashed a word at a time: SipHash's resistance to
/// chosen keys buys nothing against a site's own text, and indexing hashes every word.
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The multiply-rotate hash rustc uses for its own tables.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 56);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// One document holding a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The document's number.
    pub doc: u32,
    /// Quantized weight, 1..=[`MAX_WEIGHT`].
    pub weight: u8,
}

/// The quantized average document length of a kind: `sum / count` rounded to the
/// nearest integer, then down to its four highest bits. Integer arithmetic only, so every
/// machine gets the same weights.
pub fn average(sum: u64, count: u64) -> u64 {
    if count == 0 {
        return 1;
    }
    let exact = ((sum + count / 2) / count).max(1);
    let shift = (64 - exact.leading_zeros()).saturating_sub(4);
    (exact >> shift) << shift
}

/// A document's kind and length, which its weights depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Article, note or context entry.
    pub kind: Kind,
    /// Its number of terms, each counted once.
    pub length: u32,
}

/// Every term's posting list, with terms numbered as they are first seen. The numbers
/// are internal: nothing shipped depends on them.
#[derive(Debug)]
pub struct Postings {
    /// Unique to this value in the process: tables that remember term numbers (see
    /// [`Scratch`]) know whose numbers they hold.
    generation: u64,
    /// The language whose rules made the terms.
    pub language: &'static super::terms::Language,
    ids: FastMap<Box<str>, u32>,
    /// Each term by number.
    pub terms: Vec<Box<str>>,
    /// Each term's (document, count) pairs, documents ascending.
    pub lists: Vec<Vec<(u32, u32)>>,
}

impl Default for Postings {
    fn default() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Self {
            generation: NEXT.fetch_add(1, Ordering::Relaxed),
            language: super::terms::Language::english(),
            ids: FastMap::default(),
            terms: Vec::new(),
            lists: Vec::new(),
        }
    }
}

impl Postings {
    /// The number of `term`, given one if it has none yet.
    pub fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.ids.insert(term.into(), id);
        self.terms.push(term.into());
        self.lists.push(Vec::new());
        id
    }

    /// The number of `term`, if it has one.
    pub fn find(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// Empties every list, keeping the term numbers.
    pub fn clear(&mut self) {
        for list in &mut self.lists {
            list.clear();
        }
    }

    /// Appends document `doc`, numbered after every document already added.
    pub fn push(&mut self, doc: u32, terms: &[(u32, u32)]) {
        for &(term, count) in terms {
            self.lists[term as usize].push((doc, count));
        }
    }

    /// Takes document `doc` out of the lists of `terms`.
    pub fn remove(&mut self, doc: u32, terms: &[(u32, u32)]) {
        for &(term, _) in terms {
            let list = &mut self.lists[term as usize];
            if let Ok(at) = list.binary_search_by_key(&doc, |p| p.0) {
                list.remove(at);
            }
        }
    }

    /// Puts document `doc` into the lists of `terms`, in document order.
    pub fn insert(&mut self, doc: u32, terms: &[(u32, u32)]) {
        for &(term, count) in terms {
            let list = &mut self.lists[term as usize];
            match list.binary_search_by_key(&doc, |p| p.0) {
                Ok(at) => list[at] = (doc, count),
                Err(at) => list.insert(at, (doc, count)),
            }
        }
    }

    /// The encoded list of term `term`, each document weighed with its [`Weights`].
    pub fn encode(&self, term: u32, weights: &[Weights]) -> String {
        let list = &self.lists[term as usize];
        let mut out = Vec::with_capacity(list.len() * 2);
        let mut previous = 0u32;
        for &(doc, count) in list {
            push_number(&mut out, doc - previous);
            previous = doc;
            out.push(DIGITS[usize::from(weights[doc as usize].of(count))]);
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

/// A document's weights for the counts most terms have, worked out once: encoding the
/// lists of an edited article's terms weighs a few million postings.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    norm: f64,
    first: [u8; 4],
}

impl Weights {
    /// The weights of a document of `length` terms against the `average` of its kind.
    pub fn new(length: u32, average: u64) -> Self {
        let norm = norm(length, average);
        Self {
            norm,
            first: [1, 2, 3, 4].map(|count| scaled(count, norm)),
        }
    }

    /// The weight of a term occurring `count` times.
    pub fn of(&self, count: u32) -> u8 {
        match count {
            1..=4 => self.first[count as usize - 1],
            _ => scaled(count, self.norm),
        }
    }
}

/// The part of BM25's term-frequency factor that depends on the document alone:
/// `K1 × (1 − B + B × length / average)`.
pub fn norm(length: u32, average: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let average = average.max(1) as f64;
    K1 * (1.0 - B + B * f64::from(length) / average)
}

/// A term's weight in a document where it occurs `count` times (in the text, and in
/// the heading as counted in [`HEADING_UNIT`]s), given the document's [`norm`]: BM25F's
/// term-frequency factor, the text's occurrences normalized by the document's length
/// and the heading's by none, scaled to 1..=[`MAX_WEIGHT`].
fn scaled(count: u32, norm: f64) -> u8 {
    let text = f64::from(count & 0xFFFF) * K1 / norm;
    let tf = f64::from(HEADING_BOOST * (count >> 16)) + text;
    let factor = tf * (K1 + 1.0) / (tf + K1);
    let scaled = (factor / (K1 + 1.0) * f64::from(MAX_WEIGHT)).round();
    // The factor lies in (0, K1 + 1), so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let quantized = scaled as u8;
    quantized.clamp(1, MAX_WEIGHT)
}

/// Compares terms as JavaScript compares strings (by UTF-16 code units), so that the
/// browser can find a term's shard by comparing it with each shard's first term.
pub fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// BM25's term-frequency factor, scaled to 1..=[`MAX_WEIGHT`].
pub fn weight(count: u32, length: u32, average: f64) -> u8 {
    let norm = K1 * (1.0 - B + B * f64::from(length) / average);
    scaled(count, norm)
}

/// Writes a posting list: for each posting, the gap from the previous document number
/// (from 0) as base-32 digits, low first, each but the last with 32 added; then the
/// weight as one digit.
pub fn encode(list: &[Posting]) -> String {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut previous = 0u32;
    for posting in list {
        push_number(&mut out, posting.doc - previous);
        previous = posting.doc;
        out.push(DIGITS[usize::from(posting.weight.min(MAX_WEIGHT))]);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Writes ascending numbers as their gaps, in the digits [`encode`] uses, without weights.
pub fn encode_gaps(numbers: &[u32]) -> String {
    let mut out = Vec::with_capacity(numbers.len() * 2);
    let mut previous = 0u32;
    for &number in numbers {
        push_number(&mut out, number - previous);
        previous = number;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn push_number(out: &mut Vec<u8>, mut number: u32) {
    while number >= 32 {
        out.push(DIGITS[(32 + (number & 31)) as usize]);
        number >>= 5;
    }
    out.push(DIGITS[number as usize]);
}

/// Reads back what [`encode`] wrote; `None` on a malformed string.
pub fn decode(text: &str) -> Option<Vec<Posting>> {
    let mut out = Vec::new();
    let mut bytes = text.bytes();
    let mut previous = 0u32;
    while let Some(gap) = read_number(&mut bytes) {
        previous = previous.checked_add(gap?)?;
        let weight = u8::try_from(digit(bytes.next()?)?).ok()?;
        out.push(Posting {
            doc: previous,
            weight,
        });
    }
    Some(out)
}

/// Reads back what [`encode_gaps`] wrote; `None` on a malformed string.
pub fn decode_gaps(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut bytes = text.bytes();
    let mut previous = 0u32;
    while let Some(gap) = read_number(&mut bytes) {
        previous = previous.checked_add(gap?)?;
        out.push(previous);
    }
    Some(out)
}

fn digit(byte: u8) -> Option<u32> {
    DIGITS
        .iter()
        .position(|&d| d == byte)
        .and_then(|v| u32::try_from(v).ok())
}

/// The next number, `None` at the end, `Some(None)` when malformed.
fn read_number(bytes: &mut impl Iterator<Item = u8>) -> Option<Option<u32>> {
    let first = bytes.next()?;
    let mut read = || -> Option<u32> {
        let mut value = digit(first)?;
        let mut number = 0u32;
        let mut shift = 0u32;
        while value >= 32 {
            number |= (value - 32).checked_shl(shift)?;
            shift += 5;
            value = digit(bytes.next()?)?;
        }
        Some(number | value.checked_shl(shift)?)
    };
    Some(read())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    fn posting(doc: u32, weight: u8) -> Posting {
        Posting { doc, weight }
    }

    #[test]
    fn postings_round_trip_through_their_encoding() {
        let list = vec![
            posting(0, 1),
            posting(31, 63),
            posting(32, 7),
            posting(1_000, 20),
            posting(90_000, 2),
        ];
        let text = encode(&list);
        assert!(text.bytes().all(|b| DIGITS.contains(&b)));
        assert_eq!(decode(&text), Some(list));
    }

    #[test]
    fn gaps_round_trip_through_their_encoding() {
        let starts = vec![0, 3, 40, 41, 5_000];
        assert_eq!(decode_gaps(&encode_gaps(&starts)), Some(starts));
        assert_eq!(decode_gaps("~"), None);
    }

    #[test]
    fn close_documents_cost_two_characters_a_posting() {
        let list: Vec<Posting> = (0..100).map(|d| posting(d, 5)).collect();
        assert_eq!(encode(&list).len(), 200);
    }

    #[test]
    fn weights_grow_with_count_and_shrink_with_length() {
        assert!(weight(3, 100, 100.0) > weight(1, 100, 100.0));
        assert!(weight(1, 20, 100.0) > weight(1, 400, 100.0));
        assert_eq!(weight(10_000, 1, 100.0), MAX_WEIGHT);
        assert!(weight(1, 1_000_000, 1.0) >= 1);
    }

    #[test]
    fn a_word_of_the_title_outweighs_a_short_text_that_mentions_it_once() {
        // "Sanctions", 1,000 words mentioning it once more, against a brief of 50
        // words mentioning it once, where documents have 400 words on average.
        let titled = weight(HEADING_UNIT + 1, 1_000, 400.0);
        let brief = weight(1, 50, 400.0);
        assert!(titled > brief, "{titled} against {brief}");
        // The text alone is weighed as before, by BM25.
        assert!(weight(1, 1_000, 400.0) < brief);
    }

    #[test]
    fn averages_keep_four_significant_bits() {
        assert_eq!(average(0, 0), 1);
        assert_eq!(average(7, 1), 7);
        assert_eq!(average(600, 1), 576);
        assert_eq!(average(6_000_000, 10_000), 576);
        assert_eq!(average(6_000_100, 10_000), 576, "an edit leaves it alone");
        assert_eq!(average(21, 2), 11);
    }

    #[test]
    fn a_document_heading_counts_more_than_its_text() {
        let counted = Counted::new(Kind::Article, "Hanoi summit", ["summit talks"].into_iter());
        assert_eq!(
            counted.terms,
            [
                ("hanoi".to_owned(), HEADING_UNIT),
                ("summit".to_owned(), HEADING_UNIT + 1),
                ("talk".to_owned(), 1)
            ]
        );
        assert_eq!(counted.length, 4);
    }

    #[test]
    fn terms_already_numbered_are_counted_by_number() {
        let mut known = Postings::default();
        let summit = known.id("summit");
        let counted = Counted::against(
            &known,
            Kind::Article,
            "Hanoi summit",
            ["summit talks"].into_iter(),
        );
        assert_eq!(counted.numbered, [(summit, HEADING_UNIT + 1)]);
        assert_eq!(
            counted.terms,
            [("hanoi".to_owned(), HEADING_UNIT), ("talk".to_owned(), 1)]
        );
        assert_eq!(counted.length, 4);
    }

    /// The counts of `texts` (heading first) against `known`, term by term as
    /// [`super::super::terms::each_term`] gives them, with nothing remembered; numbered
    /// terms by number.
    fn counted_plainly(known: &Postings, texts: &[String]) -> Counted {
        let mut numbered: BTreeMap<u32, u32> = BTreeMap::new();
        let mut fresh: BTreeMap<String, u32> = BTreeMap::new();
        let mut length = 0;
        for (i, text) in texts.iter().enumerate() {
            let by = if i == 0 { HEADING_UNIT } else { 1 };
            super::super::terms::each_term(text, known.language, |term, _| {
                length += 1;
                match known.find(term) {
                    Some(id) => *numbered.entry(id).or_default() += by,
                    None => *fresh.entry(term.to_owned()).or_default() += by,
                }
            });
        }
        Counted {
            kind: Kind::Note,
            terms: fresh.into_iter().collect(),
            numbered: numbered.into_iter().collect(),
            length,
        }
    }

    proptest! {
        /// Words remembered from earlier documents (as terms get numbers between them, the
        /// way batches are counted) count exactly as words folded afresh.
        #[test]
        fn remembered_words_count_as_words_folded_afresh(
            docs in prop::collection::vec(
                prop::collection::vec(
                    prop::collection::vec(
                        prop::sample::select(vec![
                            "Summit", "summit", "SUMMITS", "talks", "the", "The", "won't",
                            "Kim's", "Café", "cafe", "Straße", "a", "x1", "'90", "and",
                            // Past the short words' integer keys, and at their edge.
                            "Internationalisation", "internationalising", "fifteenletterss",
                        ]),
                        0..12,
                    ).prop_map(|words| words.join(" ")),
                    1..4,
                ),
                1..8,
            ),
            number_after in prop::collection::vec(any::<bool>(), 8),
        ) {
            let mut known = Postings::default();
            for (doc, texts) in docs.iter().enumerate() {
                let expected = counted_plainly(&known, texts);
                let mut counted = Counted::against(
                    &known,
                    Kind::Note,
                    &texts[0],
                    texts[1..].iter().map(String::as_str),
                );
                counted.numbered.sort_unstable();
                prop_assert_eq!(&counted, &expected);
                if number_after[doc] {
                    for (term, _) in &counted.terms {
                        known.id(term);
                    }
                }
            }
        }
    }

    #[test]
    fn documents_taken_out_and_put_back_leave_the_lists_as_built() {
        let mut postings = Postings::default();
        let (a, b, c) = (
            postings.id("hanoi"),
            postings.id("talk"),
            postings.id("summit"),
        );
        let docs = [vec![(a, 2), (b, 1)], vec![(a, 1)], vec![(a, 1), (c, 1)]];
        for (doc, terms) in docs.iter().enumerate() {
            postings.push(doc as u32, terms);
        }
        let built = postings.lists.clone();
        postings.remove(1, &docs[1]);
        assert_eq!(postings.lists[a as usize], [(0, 2), (2, 1)]);
        postings.insert(1, &docs[1]);
        assert_eq!(postings.lists, built);
        let weights = [Weights::new(3, 3), Weights::new(1, 3), Weights::new(2, 3)];
        let encoded = postings.encode(a, &weights);
        let weights: Vec<u8> = decode(&encoded).unwrap().iter().map(|p| p.weight).collect();
        assert!(weights[0] > weights[2], "{weights:?}");
    }

    #[test]
    fn terms_sort_as_javascript_compares_them() {
        use std::cmp::Ordering;
        assert_eq!(utf16_order("ab", "b"), Ordering::Less);
        // U+FF21 sorts after U+10000 by code point, before it by UTF-16 code unit.
        assert_eq!(utf16_order("\u{ff21}", "\u{10000}"), Ordering::Greater);
    }
}
