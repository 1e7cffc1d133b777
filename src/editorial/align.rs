//! Character-level alignment for re-anchoring: edit distances and word boundaries.
//!
//! In: folded text as characters, and a quote, prefix or suffix. Out: edit distances
//! (whole strings, a pattern against the start of a text, the best substring of a text)
//! and positions moved to word boundaries. Plain dynamic programs over short windows:
//! [`crate::anchor::fuzzy`] finds where to look, these measure what is there.

use std::ops::Range;

/// `at` moved back to the start of the word it is inside, if any.
pub(super) fn word_start(chars: &[char], mut at: usize) -> usize {
    while at > 0
        && at < chars.len()
        && chars[at - 1].is_alphanumeric()
        && chars[at].is_alphanumeric()
    {
        at -= 1;
    }
    at
}

/// `at` moved past the rest of the word it is inside and the spaces after it.
pub(super) fn next_word_start(chars: &[char], mut at: usize) -> usize {
    if at > 0 && at < chars.len() && chars[at - 1].is_alphanumeric() {
        while at < chars.len() && chars[at].is_alphanumeric() {
            at += 1;
        }
        while at < chars.len() && chars[at] == ' ' {
            at += 1;
        }
    }
    at
}

/// `at` moved on to the end of the word it is inside, if any.
pub(super) fn word_end(chars: &[char], mut at: usize) -> usize {
    while at > 0
        && at < chars.len()
        && chars[at - 1].is_alphanumeric()
        && chars[at].is_alphanumeric()
    {
        at += 1;
    }
    at
}

/// `at` moved back before the word it is inside and the spaces before that.
pub(super) fn previous_word_end(chars: &[char], mut at: usize) -> usize {
    if at > 0 && at < chars.len() && chars[at].is_alphanumeric() {
        while at > 0 && chars[at - 1].is_alphanumeric() {
            at -= 1;
        }
        while at > 0 && chars[at - 1] == ' ' {
            at -= 1;
        }
    }
    at
}

/// Levenshtein distance between two character strings.
pub(super) fn distance(a: &[char], b: &[char]) -> usize {
    crate::diagnostic::levenshtein(a, b)
}

/// The smallest distance between `pattern` and a start of `text` (`text[..j]`, any j).
pub(super) fn anchored_distance(pattern: &[char], text: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=text.len()).collect();
    for (i, &p) in pattern.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &t) in text.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(p != t))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row.into_iter().min().unwrap_or(pattern.len())
}

/// The substring of `text` closest to `pattern` (free start and end), with its distance.
pub(super) fn best_substring(pattern: &[char], text: &[char]) -> Option<(Range<usize>, usize)> {
    if pattern.is_empty() || text.is_empty() {
        return None;
    }
    // row[j]: distance of pattern[..i] to the best text[s..j]; start[j]: that s.
    let mut row: Vec<usize> = vec![0; text.len() + 1];
    let mut start: Vec<usize> = (0..=text.len()).collect();
    for (i, &p) in pattern.iter().enumerate() {
        let mut next = vec![i + 1; text.len() + 1];
        let mut next_start = start.clone();
        for j in 1..=text.len() {
            let substitute = row[j - 1] + usize::from(p != text[j - 1]);
            let skip_pattern = row[j] + 1;
            let skip_text = next[j - 1] + 1;
            let (value, from) = if substitute <= skip_pattern && substitute <= skip_text {
                (substitute, start[j - 1])
            } else if skip_pattern <= skip_text {
                (skip_pattern, start[j])
            } else {
                (skip_text, next_start[j - 1])
            };
            next[j] = value;
            next_start[j] = from;
        }
        row = next;
        start = next_start;
    }
    let (end, edits) = row
        .iter()
        .enumerate()
        .skip(1)
        .min_by_key(|&(j, &d)| (d, j))
        .map(|(j, &d)| (j, d))?;
    Some((start[end]..end, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_alignment_finds_the_closest_passage() {
        let text: Vec<char> = "xx the quick brwn fox yy".chars().collect();
        let pattern: Vec<char> = "quick brown".chars().collect();
        let (range, edits) = best_substring(&pattern, &text).expect("found");
        assert_eq!(edits, 1);
        assert_eq!(text[range].iter().collect::<String>(), "quick brwn");
    }
}
