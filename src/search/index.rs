//! The inverted index: for every term, the documents holding it with a precomputed
//! weight, cut into shards by term prefix.
//!
//! In: documents, as [`Counted`] terms. Out: a [`TermIndex`] whose posting lists are
//! compact strings and whose shards stay under [`SHARD_BYTES`] where a prefix allows.
//! Weights are BM25's term-frequency part, with each document's length against the
//! average of its kind, quantized to 1..=63: the browser only adds up `idf × weight`
//! and never needs a table of document lengths, so a first query loads no more than the
//! shards of its terms.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use super::documents::Kind;

/// A shard grows past this many bytes only when a single term's postings do.
pub const SHARD_BYTES: usize = 48 * 1024;

/// Shortest shard key, in characters.
pub const KEY_CHARS: usize = 2;

/// How much a term in a heading (title, quote, aliases) counts against one in the text.
pub const HEADING_BOOST: u32 = 3;

/// BM25's saturation and length-normalization constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Highest quantized weight; the digit alphabet has 64 symbols.
pub const MAX_WEIGHT: u8 = 63;

/// The 64 symbols postings are written with, all safe inside a JavaScript string.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The terms of one document, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    /// Article, note or context entry: lengths are compared within a kind.
    pub kind: Option<Kind>,
    /// Each term with its count, heading occurrences counted [`HEADING_BOOST`] times.
    pub terms: Vec<(String, u32)>,
    /// Number of terms, each counted once.
    pub length: u32,
}

impl Counted {
    /// Counts the terms of a heading and of some passages.
    pub fn new<'a>(kind: Kind, heading: &str, passages: impl Iterator<Item = &'a str>) -> Self {
        let mut counts: FastMap<String, u32> = FastMap::default();
        let mut length = 0u32;
        let mut add = |term: &str, by: u32| {
            length += 1;
            match counts.get_mut(term) {
                Some(count) => *count += by,
                None => {
                    counts.insert(term.to_owned(), by);
                }
            }
        };
        super::terms::each_term(heading, |term, _| add(term, HEADING_BOOST));
        for text in passages {
            super::terms::each_term(text, |term, _| add(term, 1));
        }
        let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
        terms.sort_unstable();
        Self {
            kind: Some(kind),
            terms,
            length,
        }
    }
}

/// A hash map keyed by short strings, hashed a word at a time: SipHash's resistance to
/// chosen keys buys nothing against a site's own text, and indexing hashes every word.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The multiply-rotate hash rustc uses for its own tables.
#[derive(Default)]
struct WordHasher(u64);

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

/// The index as shipped: encoded posting lists grouped into shards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermIndex {
    /// Shard key → (term → encoded postings).
    pub shards: BTreeMap<String, BTreeMap<String, String>>,
    /// Prefixes whose terms were spread over longer keys.
    pub split: BTreeSet<String>,
}

/// Posting lists being built. Documents are numbered as they are added, in order; their
/// weights are computed by [`Builder::finish`], once every kind's average length is
/// known. Holding counts rather than documents keeps the memory to 8 bytes a posting.
#[derive(Debug, Default)]
pub struct Builder {
    /// Term → (document, count), documents ascending.
    lists: FastMap<String, Vec<(u32, u32)>>,
    /// Each document's kind and length, by number.
    documents: Vec<(Option<Kind>, u32)>,
}

impl Builder {
    /// Adds the next document.
    pub fn add(&mut self, counted: Counted) {
        let number = u32::try_from(self.documents.len()).unwrap_or(u32::MAX);
        self.documents.push((counted.kind, counted.length));
        for (term, count) in counted.terms {
            self.lists.entry(term).or_default().push((number, count));
        }
    }

    /// How many documents were added.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// The weighted posting lists, by term.
    pub fn finish(self) -> BTreeMap<String, Vec<Posting>> {
        let mut totals: BTreeMap<Option<Kind>, (f64, f64)> = BTreeMap::new();
        for &(kind, length) in &self.documents {
            let total = totals.entry(kind).or_default();
            total.0 += f64::from(length);
            total.1 += 1.0;
        }
        let averages: BTreeMap<Option<Kind>, f64> = totals
            .into_iter()
            .map(|(kind, (sum, count))| (kind, (sum / count).max(1.0)))
            .collect();
        let documents = &self.documents;
        self.lists
            .into_iter()
            .map(|(term, list)| {
                let list = list
                    .into_iter()
                    .map(|(doc, count)| {
                        let (kind, length) = documents[doc as usize];
                        let average = averages.get(&kind).copied().unwrap_or(1.0);
                        Posting {
                            doc,
                            weight: weight(count, length, average),
                        }
                    })
                    .collect();
                (term, list)
            })
            .collect()
    }
}

/// BM25's term-frequency factor, scaled to 1..=[`MAX_WEIGHT`].
pub fn weight(count: u32, length: u32, average: f64) -> u8 {
    let tf = f64::from(count);
    let norm = 1.0 - B + B * f64::from(length) / average;
    let factor = tf * (K1 + 1.0) / (tf + K1 * norm);
    let scaled = (factor / (K1 + 1.0) * f64::from(MAX_WEIGHT)).round();
    // The factor lies in (0, K1 + 1), so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let quantized = scaled as u8;
    quantized.clamp(1, MAX_WEIGHT)
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

/// The shard key of a term: its first [`KEY_CHARS`] characters, one more for each
/// prefix in `split` it starts with, never longer than the term.
pub fn key(term: &str, split: &BTreeSet<String>) -> String {
    let chars: Vec<char> = term.chars().collect();
    let mut n = KEY_CHARS.min(chars.len());
    loop {
        let prefix: String = chars[..n].iter().collect();
        if n < chars.len() && split.contains(&prefix) {
            n += 1;
        } else {
            return prefix;
        }
    }
}

/// Encodes the posting lists and groups them into shards, splitting a prefix whose
/// shard would pass [`SHARD_BYTES`] into longer ones (a shard of one term stays whole).
pub fn shard(postings: &BTreeMap<String, Vec<Posting>>) -> TermIndex {
    let encoded: Vec<(String, String)> = postings
        .iter()
        .map(|(term, list)| (term.clone(), encode(list)))
        .collect();
    let mut index = TermIndex::default();
    place(&encoded, KEY_CHARS, &mut index);
    index
}

/// Places `terms` (sorted, sharing everything before their `n`th character) in shards
/// keyed by their first `n` characters.
fn place(terms: &[(String, String)], n: usize, index: &mut TermIndex) {
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (term, list) in terms {
        let prefix: String = term.chars().take(n).collect();
        groups
            .entry(prefix)
            .or_default()
            .push((term.clone(), list.clone()));
    }
    for (prefix, members) in groups {
        let size: usize = members.iter().map(|(t, l)| t.len() + l.len() + 6).sum();
        let longer: Vec<(String, String)> = members
            .iter()
            .filter(|(t, _)| t.chars().count() > n)
            .cloned()
            .collect();
        if size > SHARD_BYTES && !longer.is_empty() && members.len() > 1 {
            index.split.insert(prefix.clone());
            for (term, list) in members.iter().filter(|(t, _)| t.chars().count() <= n) {
                index
                    .shards
                    .entry(prefix.clone())
                    .or_default()
                    .insert(term.clone(), list.clone());
            }
            place(&longer, n + 1, index);
        } else {
            index.shards.entry(prefix).or_default().extend(members);
        }
    }
}

/// The file name a shard key is written under: ASCII letters and digits as they are,
/// any other character as `_` and its hexadecimal code point.
pub fn file_stem(key: &str) -> String {
    let mut out = String::with_capacity(key.len() * 2);
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
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
    fn a_document_heading_counts_more_than_its_text() {
        let counted = Counted::new(Kind::Article, "Hanoi summit", ["summit talks"].into_iter());
        assert_eq!(
            counted.terms,
            [
                ("hanoi".to_owned(), HEADING_BOOST),
                ("summit".to_owned(), HEADING_BOOST + 1),
                ("talk".to_owned(), 1)
            ]
        );
        assert_eq!(counted.length, 4);
    }

    #[test]
    fn documents_are_numbered_as_added_and_weighed_within_their_kind() {
        let mut builder = Builder::default();
        builder.add(Counted::new(
            Kind::Article,
            "",
            ["hanoi talks hanoi"].into_iter(),
        ));
        builder.add(Counted::new(Kind::Note, "", ["hanoi"].into_iter()));
        builder.add(Counted::new(
            Kind::Note,
            "",
            ["hanoi summit talks"].into_iter(),
        ));
        assert_eq!(builder.len(), 3);
        let lists = builder.finish();
        let docs = |term: &str| lists[term].iter().map(|p| p.doc).collect::<Vec<_>>();
        assert_eq!(docs("hanoi"), [0, 1, 2]);
        assert_eq!(docs("talk"), [0, 2]);
        let hanoi = &lists["hanoi"];
        assert!(
            hanoi[1].weight > hanoi[2].weight,
            "a shorter note weighs more"
        );
    }

    #[test]
    fn small_prefixes_share_a_shard_and_big_ones_split() {
        let mut lists = BTreeMap::new();
        lists.insert("hanoi".to_owned(), vec![posting(1, 5)]);
        lists.insert("hat".to_owned(), vec![posting(2, 5)]);
        let big: Vec<Posting> = (0..SHARD_BYTES as u32).map(|d| posting(d, 5)).collect();
        lists.insert("th".to_owned(), vec![posting(3, 5)]);
        lists.insert("thea".to_owned(), big.clone());
        lists.insert("thin".to_owned(), big);
        let index = shard(&lists);
        assert_eq!(index.split, BTreeSet::from(["th".to_owned()]));
        let keys: Vec<&String> = index.shards.keys().collect();
        assert_eq!(keys, ["ha", "th", "the", "thi"]);
        assert_eq!(key("hanoi", &index.split), "ha");
        assert_eq!(key("th", &index.split), "th");
        assert_eq!(key("theatre", &index.split), "the");
        assert_eq!(key("thin", &index.split), "thi");
        for term in lists.keys() {
            let shard = &index.shards[&key(term, &index.split)];
            assert!(shard.contains_key(term), "{term}");
        }
    }

    #[test]
    fn shard_file_names_are_plain_ascii() {
        assert_eq!(file_stem("ab"), "ab");
        assert_eq!(file_stem("ñu"), "_f1u");
        assert_eq!(file_stem("평양"), "_d3c9_c591");
    }
}
