//! Approximate matching: where does a quote *nearly* occur?
//!
//! In: a folded pattern and folded text. Out: the passages within a bounded edit
//! distance, best first. Myers' bit-parallel algorithm scans the text once per pattern
//! (linear time for patterns up to 64 characters; longer ones are matched on their first
//! 64), then a small dynamic program finds where each near match starts. Used for the
//! "nearest passage" of a quote that is not found, and by re-anchoring.

use std::collections::HashMap;
use std::ops::Range;

/// One near match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearMatch {
    /// Edits (insertions, deletions, substitutions of characters) from the pattern.
    pub distance: usize,
    /// Byte range in the text.
    pub range: Range<usize>,
}

const WORD: usize = 64;

/// Passages of `text` within `max_distance` edits of `pattern`, best first, at most
/// `limit` of them, none overlapping another.
pub fn near_matches(
    pattern: &str,
    text: &str,
    max_distance: usize,
    limit: usize,
) -> Vec<NearMatch> {
    let pattern: Vec<char> = pattern.chars().take(WORD).collect();
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return Vec::new();
    }
    let mut peq: HashMap<char, u64> = HashMap::new();
    for (i, &c) in pattern.iter().enumerate() {
        *peq.entry(c).or_insert(0) |= 1 << i;
    }
    let high = 1u64 << (m - 1);
    let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, m);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (byte, c) in text.char_indices() {
        let eq = peq.get(&c).copied().unwrap_or(0);
        let xv = eq | mv;
        let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & high != 0 {
            score += 1;
        } else if mh & high != 0 {
            score -= 1;
        }
        ph <<= 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
        if score <= max_distance {
            let end = byte + c.len_utf8();
            match ends.last_mut() {
                // Neighbouring ends are one passage; keep its best end.
                Some(last) if end - last.0 <= 4 * c.len_utf8() => {
                    if score < last.1 {
                        *last = (end, score);
                    }
                }
                _ => ends.push((end, score)),
            }
        }
    }
    ends.sort_by_key(|&(end, score)| (score, end));
    let mut found: Vec<NearMatch> = Vec::new();
    for (end, _) in ends {
        let mut near = with_start(&pattern, text, end, max_distance);
        near.range = whole_words(text, near.range);
        if found
            .iter()
            .all(|f| f.range.end <= near.range.start || near.range.end <= f.range.start)
        {
            found.push(near);
        }
        if found.len() == limit {
            break;
        }
    }
    found.sort_by_key(|f| (f.distance, f.range.start));
    found
}

/// How many letters a near match is widened by at most, at either end, to start and end
/// with whole words: `the may` of `the mayor` is shown as `the mayor`, while a match
/// inside a long word stays as it is.
const WIDEN: usize = 3;

/// `range` of `text` widened to whole words when a word runs on past either end by at
/// most [`WIDEN`] letters (never into scripts written without spaces between words).
fn whole_words(text: &str, range: Range<usize>) -> Range<usize> {
    // Thai, Lao, Khmer and Myanmar run their words together as ideographs do.
    let unspaced = |c: char| {
        crate::language::is_ideographic(c)
            || matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
    };
    let letter = |c: char| c.is_alphanumeric() && !unspaced(c);
    let starts_in_word = text[..range.start].chars().next_back().is_some_and(letter)
        && text[range.start..].chars().next().is_some_and(letter);
    let ends_in_word = text[..range.end].chars().next_back().is_some_and(letter)
        && text[range.end..].chars().next().is_some_and(letter);
    let mut start = range.start;
    if starts_in_word {
        let before: Vec<(usize, char)> = text[..range.start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| letter(c))
            .take(WIDEN + 1)
            .collect();
        if before.len() <= WIDEN {
            start = before.last().map_or(start, |&(at, _)| at);
        }
    }
    let mut end = range.end;
    if ends_in_word {
        let after: Vec<(usize, char)> = text[range.end..]
            .char_indices()
            .take_while(|&(_, c)| letter(c))
            .take(WIDEN + 1)
            .collect();
        if after.len() <= WIDEN {
            end = after
                .last()
                .map_or(end, |&(at, c)| range.end + at + c.len_utf8());
        }
    }
    start..end
}

/// Finds the start that gives the smallest distance for a match ending at byte `end`.
fn with_start(pattern: &[char], text: &str, end: usize, max_distance: usize) -> NearMatch {
    let window: Vec<(usize, char)> = text[..end]
        .char_indices()
        .rev()
        .take(pattern.len() + max_distance)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // Distance from each suffix of the window to the whole pattern, by a DP over the
    // reversed strings: row[j] = distance(pattern[i..], window[j..]).
    let n = window.len();
    let m = pattern.len();
    let mut next: Vec<usize> = (0..=n).map(|j| n - j).collect();
    for i in (0..m).rev() {
        let mut row = vec![0usize; n + 1];
        row[n] = m - i;
        for j in (0..n).rev() {
            let substitute = next[j + 1] + usize::from(pattern[i] != window[j].1);
            row[j] = substitute.min(next[j] + 1).min(row[j + 1] + 1);
        }
        next = row;
    }
    let (best, distance) = (0..n)
        .map(|j| (j, next[j]))
        .min_by_key(|&(j, d)| (d, j))
        .unwrap_or((0, m));
    let start = window.get(best).map_or(end, |&(byte, _)| byte);
    NearMatch {
        distance,
        range: start..end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_passage_with_one_letter_changed() {
        let text = "the nuclear research center at Yongbyon, in return";
        let found = near_matches("research centre at Yongbyon", text, 5, 3);
        assert_eq!(found[0].distance, 2);
        assert_eq!(&text[found[0].range.clone()], "research center at Yongbyon");
    }

    #[test]
    fn a_near_match_ending_inside_a_word_takes_the_whole_word() {
        let text = "a second paragraph mentions the mayor and the budget office";
        let found = near_matches("the mayr", text, 2, 1);
        assert_eq!(&text[found[0].range.clone()], "the mayor");
        // Not into ideographs, which run on without spaces.
        let text = "会议在北京举行了三天";
        let found = near_matches("在北京举", text, 1, 1);
        assert_eq!(&text[found[0].range.clone()], "在北京举");
        let text = "การประปานครหลวงขึ้นราคาน้ำประปา";
        let found = near_matches("การประปานครหลวงขนราคา", text, 2, 1);
        assert!(text[found[0].range.clone()].ends_with("ราคา"));
    }

    #[test]
    fn nothing_close_gives_nothing() {
        assert!(near_matches("zebra", "the quick brown fox", 1, 3).is_empty());
    }

    #[test]
    fn best_matches_come_first_and_do_not_overlap() {
        let text = "grand bargain; a grand bargin; the grand bargain";
        let found = near_matches("grand bargain", text, 2, 5);
        assert_eq!(found.iter().filter(|f| f.distance == 0).count(), 2);
        assert_eq!(found.last().map(|f| f.distance), Some(1));
    }
}
