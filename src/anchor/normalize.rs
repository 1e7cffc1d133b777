//! Folds text the way quotes are matched: white space and typography do not count.
//!
//! In: reading text (or a quote). Out: the folded text and, for reading text, where each
//! folded byte came from. Folding: Unicode NFC; any run of white space (line breaks,
//! no-break spaces) becomes one space; `‘ ’` become `'`, `“ ”` become `"`, `…` becomes
//! `...`, `–` becomes `--`, `—` becomes `---`; soft hyphens and zero-width spaces, which
//! a reader does not see, fold away. One source character that folds to several bytes is
//! a *group*: a match may not start or end inside it; so is an emoji of several
//! characters (a flag, a skin tone, a family joined by zero-width joiners).

use std::ops::Range;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Folded text with a map back to the text it was folded from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte range of the original it came from. Bytes of one
    /// group share one range.
    pub origin: Vec<Range<u32>>,
}

impl Folded {
    /// Folds `text`, keeping the map back to it.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() || matches!(is_nfc_quick(text.chars()), IsNormalized::Yes) {
            Self::from_nfc(text)
        } else {
            Self::from_any(text)
        }
    }

    /// Folds text already in NFC (nearly all text): runs of ASCII words one plain space
    /// apart fold to themselves, so they are copied whole, a byte mapping to a byte.
    pub(super) fn from_nfc(text: &str) -> Self {
        let mut folded = Self::with_capacity(text.len());
        let bytes = text.as_bytes();
        let word_byte = |b: u8| b.is_ascii() && !is_ascii_space(b);
        let mut at = 0;
        while at < bytes.len() {
            // A space starting the run is not a run of white space: any run is taken
            // whole below, so the character before it is never white space.
            let mut end = at;
            while end < bytes.len() {
                if word_byte(bytes[end]) {
                    end += 1;
                } else if bytes[end] == b' ' && bytes.get(end + 1).is_some_and(|&b| word_byte(b)) {
                    end += 2;
                } else {
                    break;
                }
            }
            // A letter or digit that an emoji sequence goes on from (`1️⃣`) is the
            // sequence's, not the run's.
            if end > at && text[end..].chars().next().is_some_and(continues_sequence) {
                end -= 1;
            }
            if end > at {
                folded.text.push_str(&text[at..end]);
                folded
                    .origin
                    .extend((to_u32(at)..to_u32(end)).map(|i| i..i + 1));
                at = end;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let mut end = at + c.len_utf8();
            if c.is_whitespace() {
                end = white_space_end(text, end);
                folded.push(space_between(text, at, end), at..end);
            } else if let Some(sequence) = emoji_sequence_end(text, at, c) {
                // One group, so no quote starts or ends inside it.
                end = sequence;
                folded.push(&text[at..end], at..end);
            } else {
                let mut buffer = [0u8; 4];
                folded.push(
                    fold_char(c).unwrap_or_else(|| c.encode_utf8(&mut buffer)),
                    at..end,
                );
            }
            at = end;
        }
        folded
    }

    /// Folds any text, composing each cluster of a character and the marks that join it
    /// to NFC on the way.
    pub(super) fn from_any(text: &str) -> Self {
        let mut folded = Self::with_capacity(text.len());
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                let end = white_space_end(text, start + c.len_utf8());
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                folded.push(space_between(text, start, end), start..end);
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if next.is_whitespace() || is_stable(next) {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
            if let Some(sequence) = emoji_sequence_end(text, start, c) {
                end = end.max(sequence);
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
            }
            let cluster: String = text[start..end].nfc().collect();
            folded.push_folded(&cluster, start..end);
        }
        folded
    }

    fn with_capacity(len: usize) -> Self {
        Folded {
            text: String::with_capacity(len),
            origin: Vec::with_capacity(len),
        }
    }

    fn push_folded(&mut self, cluster: &str, origin: Range<usize>) {
        let mut out = String::new();
        for c in cluster.chars() {
            let mut buffer = [0u8; 4];
            out.push_str(fold_char(c).unwrap_or_else(|| c.encode_utf8(&mut buffer)));
        }
        self.push(&out, origin);
    }

    fn push(&mut self, piece: &str, origin: Range<usize>) {
        let origin = to_u32(origin.start)..to_u32(origin.end);
        self.text.push_str(piece);
        self.origin.extend(std::iter::repeat_n(origin, piece.len()));
    }

    /// True when a match over `range` of the folded text neither starts nor ends inside a
    /// group (one character that folded to several bytes).
    pub fn on_group_bounds(&self, range: &Range<usize>) -> bool {
        let starts_clean =
            range.start == 0 || self.origin[range.start - 1] != self.origin[range.start];
        let ends_clean =
            range.end >= self.origin.len() || self.origin[range.end] != self.origin[range.end - 1];
        starts_clean && ends_clean && !range.is_empty()
    }

    /// The original byte range behind `range` of the folded text.
    pub fn original(&self, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() || range.end > self.origin.len() {
            let at = self.origin.get(range.start).map_or(0, |o| o.start as usize);
            return at..at;
        }
        self.origin[range.start].start as usize..self.origin[range.end - 1].end as usize
    }
}

/// What the white space at `start..end` of `text` folds to: one space, or nothing
/// between two characters of the scripts written without spaces (Chinese, Japanese),
/// where a browser shows no space for a line break (CSS's segment break rule), so
/// that a quote copied from the page finds text the writer broke over lines, with or
/// without the space.
fn space_between(text: &str, start: usize, end: usize) -> &'static str {
    if joins(
        text[..start].chars().next_back(),
        text[end..].chars().next(),
    ) {
        ""
    } else {
        " "
    }
}

/// Whether white space between `before` and `after` counts as none: between two
/// characters a line break shows no space between.
fn joins(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(is_wide) && after.is_some_and(is_wide)
}

use crate::language::joins_without_space as is_wide;

/// The white space [`char::is_whitespace`] counts among ASCII bytes (vertical tab too).
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Where the run of white space going on at `from` ends.
fn white_space_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| from + i)
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// True for a character NFC never joins to what comes before it: a starter that is
/// normalized on its own. Combining marks are not, and neither are Hangul vowel and
/// final jamo, which compose with the syllable before them though they are starters.
pub(super) fn is_stable(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) == 0
        && matches!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes)
}

/// True for a character that goes on with the emoji before it: a zero-width joiner,
/// a variation selector, a skin tone, a tag (of a subdivision's flag) or the keycap.
fn continues_sequence(c: char) -> bool {
    matches!(c,
        '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}'
        | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0020}'..='\u{e007f}')
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
}

/// Where the emoji sequence that `c` at `start` begins ends, when `c` begins one of two
/// characters or more: a flag (two regional indicators), a character with the
/// characters that go on with it, and whatever a zero-width joiner joins (`👨‍👩‍👧`).
/// A reader sees one picture, so a quote may hold it whole or not at all.
fn emoji_sequence_end(text: &str, start: usize, c: char) -> Option<usize> {
    let mut end = start + c.len_utf8();
    let mut rest = text[end..].chars();
    if is_regional_indicator(c) {
        // Flags pair the indicators of a run from its start; `start` is always a pair's
        // first, as every sequence is taken whole.
        let second = rest.next().filter(|&n| is_regional_indicator(n))?;
        end += second.len_utf8();
        rest = text[end..].chars();
    }
    let mut joined = false;
    for next in rest {
        if joined && !next.is_whitespace() {
            joined = false;
        } else if continues_sequence(next) {
            joined = next == '\u{200d}';
        } else {
            break;
        }
        end += next.len_utf8();
    }
    (end > start + c.len_utf8()).then_some(end)
}

/// The plain-keyboard form of a typographic character, if it has one.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' => "'",
        '\u{201c}' | '\u{201d}' => "\"",
        '\u{2026}' => "...",
        '\u{2013}' => "--",
        '\u{2014}' => "---",
        // Invisible, or typography as a dash's length is (the tatweel).
        c if crate::language::is_invisible(c) => "",
        _ => return None,
    })
}

/// Folds a quote, prefix or suffix the same way, trimming white space at both ends.
pub fn fold(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut space = false;
    for c in nfc.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            if !joins(out.chars().next_back(), Some(c)) {
                out.push(' ');
            }
            space = false;
        }
        match fold_char(c) {
            Some(plain) => out.push_str(plain),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_and_white_space_fold_away() {
        assert_eq!(
            fold("  Kim\u{2019}s \u{201c}best\u{201d}\n offer\u{2026} \u{2014} no "),
            "Kim's \"best\" offer... --- no"
        );
        assert_eq!(Folded::new("a\u{a0}\n b\u{2013}c").text, "a b--c");
        // What a reader does not see is not there.
        let hyphenated = Folded::new("de\u{ad}nu\u{ad}clear\u{ad}iza\u{200b}tion");
        assert_eq!(hyphenated.text, "denuclearization");
        assert_eq!(hyphenated.original(&(0..16)), 0..25);
        assert_eq!(fold("de\u{ad}nuclear\u{feff}"), "denuclear");
        assert_eq!(fold("الكتـــاب"), "الكتاب");
    }

    #[test]
    fn a_match_may_not_cut_a_group() {
        let folded = Folded::new("x\u{2014}y");
        assert_eq!(folded.text, "x---y");
        assert!(folded.on_group_bounds(&(0..5)));
        assert!(!folded.on_group_bounds(&(1..3)));
        assert!(!folded.on_group_bounds(&(2..5)));
        assert_eq!(folded.original(&(1..4)), 1..4);
    }

    #[test]
    fn decomposed_text_folds_to_nfc() {
        let folded = Folded::new("Cafe\u{301} ok");
        assert_eq!(folded.text, "Caf\u{e9} ok");
        assert_eq!(fold("Cafe\u{301}"), "Caf\u{e9}");
        assert_eq!(folded.original(&(0..5)), 0..6);
    }

    #[test]
    fn decomposed_hangul_jamo_fold_to_syllables() {
        // The vowel jamo is a starter, yet NFC joins it to the consonant before it.
        let decomposed = "\u{1106}\u{1175} \u{110b}\u{1175}";
        let folded = Folded::new(decomposed);
        assert_eq!(folded.text, "\u{bbf8} \u{c774}");
        assert_eq!(folded.text, fold(decomposed));
        assert_eq!(folded.original(&(0..3)), 0..6);
    }
}
