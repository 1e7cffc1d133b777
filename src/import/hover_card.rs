//! Link hover-card residue: what a scraper keeps of a linked name's pop-up card.
//!
//! On sites like The Hill a linked name is followed, with no space, by its card: the name
//! again (perhaps a formal version, `Addison (Mitch) Mitchell McConnell`), glued to the
//! first of some related headlines, and the word `MORE`; then the sentence goes on:
//! `president Donald TrumpDonald TrumpKinzinger, Gaetz … MORE walked away`.
//!
//! A card is cut out only when all of these hold: a *glue point*, a lowercase letter (or a
//! period) with an uppercase letter right after it inside one word (`Trump|Donald`); a
//! capitalised word of at least two characters ending at the glue point (the name as the
//! sentence used it); a card name, the capitalised words right after the glue point, in
//! which the sentence name's last word comes again *glued to the card's text*: a capital
//! or an opening quote right after it (`TrumpKinzinger`, `PompeoPompeo`, `Pelosi‘Squad’`);
//! and a standalone `MORE` (after white space, before a non-alphanumeric character or the
//! end) within [`MAX_CARD_BYTES`]. Everything from the glue point to the end of `MORE` goes,
//! so `Trump` + ` walked` and `Biden` + `'s plan` join up. Inside one word the glue points
//! are tried from the last, so in `McConnellAddison` the cut falls after `McConnell`, not
//! inside it; and the glued last name counts only if a different word follows it than
//! follows the glue point. Words like `McDonald`, `iPhone` or `YouTube` therefore stay, as
//! does any line without a closing `MORE`.
//!
//! The card's name may also be the sentence's whole name again (two words or more) glued
//! to a capital or a digit (`Ri Yong-hoRi Yong-hoRi meets`, `Ilhan OmarIlhan Omar2020`).
//! The name glued to itself in the word the glue point opened (`BlaBlaCar`) is no card's
//! name; and a second `MORE` after the first, with only headline-like words between, makes
//! the card's end unsure (its headline may hold the first): both are kept as doubts.
//!
//! A passage that has the name again and a `MORE` after it but not the rest of the shape
//! (`Shares of TomTom rose … want MORE before`, where the second `Tom` is followed by a
//! space and a sentence) is kept, and returned as a doubt for the editor to look at.

use std::borrow::Cow;

/// The longest card, in bytes from the glue point to the end of `MORE`: a name and three
/// headlines, as the seed's longest (about 260 bytes) has, with room to spare.
const MAX_CARD_BYTES: usize = 600;
/// How far after a glue point a `MORE` makes a passage that is no card a doubt.
const MAX_DOUBT_BYTES: usize = 2400;
/// How many capitalised words after the glue point may form the card name.
const MAX_NAME_WORDS: usize = 6;
/// How many capitalised words before the glue point may form the name the sentence used.
const MAX_USED_WORDS: usize = 6;
/// The word that closes a card.
const MORE: &str = "MORE";

/// One line with its hover cards cut out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stripped<'a> {
    /// The line without its cards; borrowed when it had none.
    pub(super) text: Cow<'a, str>,
    /// Each card cut out, in the order cut, from the repeated name to `MORE`.
    pub(super) cards: Vec<String>,
    /// Each passage kept that looks like a card but is not shaped like one, from the glue
    /// point to `MORE`, in line order.
    pub(super) doubts: Vec<String>,
}

/// Cuts every hover card out of `line`; a line without one comes back unchanged.
///
/// Cuts again until no card is left, so stripping a stripped line changes nothing even
/// when a cut lets an earlier glue point qualify (never seen in real text). The doubts
/// are those of the line as it is left.
pub(super) fn strip(line: &str) -> Stripped<'_> {
    let mut text = Cow::Borrowed(line);
    let mut cards = Vec::new();
    loop {
        let pass = strip_once(&text);
        if pass.cards.is_empty() {
            return Stripped {
                text,
                cards,
                doubts: pass.doubts,
            };
        }
        cards.extend(pass.cards);
        text = Cow::Owned(pass.text);
    }
}

/// What one pass over a line found.
struct Pass {
    /// The line without the cards found; meaningless when there are none.
    text: String,
    cards: Vec<String>,
    doubts: Vec<String>,
}

/// One pass over `line`, left to right: the line without its cards, the cards and the
/// doubts.
fn strip_once(line: &str) -> Pass {
    let mut pass = Pass {
        text: String::new(),
        cards: Vec::new(),
        doubts: Vec::new(),
    };
    let mut from = 0;
    loop {
        let (card, doubts) = next_card(line, from);
        pass.doubts.extend(
            doubts
                .into_iter()
                .map(|(start, end)| line[start..end].to_owned()),
        );
        let Some((start, end)) = card else { break };
        pass.text.push_str(&line[from..start]);
        pass.cards.push(line[start..end].to_owned());
        from = end;
    }
    if !pass.cards.is_empty() {
        pass.text.push_str(&line[from..]);
    }
    pass
}

/// A byte range in a line: its start and its end.
type Span = (usize, usize);

/// What a glue point starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A card, as a byte range.
    Card(usize, usize),
    /// Something like a card that is kept, as a byte range.
    Doubt(usize, usize),
}

/// Byte range in `line` of the first card at or after `from`, and the byte ranges of the
/// doubts before it (or before the end, when there is no card).
fn next_card(line: &str, from: usize) -> (Option<Span>, Vec<Span>) {
    let Some(rest) = line.get(from..) else {
        return (None, Vec::new());
    };
    let mut doubts: Vec<Span> = Vec::new();
    for (start, word) in words(rest) {
        // A word inside a passage already doubted is part of that passage.
        if doubts.last().is_some_and(|&(_, end)| from + start < end) {
            continue;
        }
        let mut doubt = None;
        for glue in glue_points(word).into_iter().rev() {
            match card_at(rest, start + glue) {
                Some(Verdict::Card(s, e)) => return (Some((from + s, from + e)), doubts),
                Some(Verdict::Doubt(s, e)) => doubt = doubt.or(Some((from + s, from + e))),
                None => {}
            }
        }
        doubts.extend(doubt);
    }
    (None, doubts)
}

/// Each whitespace-separated word of `text` with its byte offset, lazily.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.char_indices()
        .filter(|&(index, c)| {
            !c.is_whitespace()
                && text[..index]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(start, _)| {
            let word = &text[start..];
            (
                start,
                &word[..word.find(char::is_whitespace).unwrap_or(word.len())],
            )
        })
}

/// Byte offsets in `word` where an uppercase letter follows a lowercase letter or a period.
fn glue_points(word: &str) -> Vec<usize> {
    let mut points = Vec::new();
    let mut previous: Option<char> = None;
    for (index, c) in word.char_indices() {
        if c.is_uppercase() && previous.is_some_and(|p| p.is_lowercase() || p == '.') {
            points.push(index);
        }
        previous = Some(c);
    }
    points
}

/// What starts at `glue` in `text`: a card when every condition holds, a doubt when the
/// name comes again and a `MORE` follows but the card's shape is not there.
fn card_at(text: &str, glue: usize) -> Option<Verdict> {
    let (before, card) = text.split_at_checked(glue)?;
    let used = used_name(before)?;
    if opens_card(&used, card) {
        if let Some(end) = more_end(card, MAX_CARD_BYTES) {
            // A second `MORE` with no card opening before it may close this card, whose
            // headline then holds the first: neither cut is sure, so the card is kept.
            return Some(match second_more(card, end) {
                Some(last) => Verdict::Doubt(glue, glue + last),
                None => Verdict::Card(glue, glue + end),
            });
        }
    }
    if !repeats(&used, card) {
        return None;
    }
    more_end(card, MAX_DOUBT_BYTES).map(|end| Verdict::Doubt(glue, glue + end))
}

/// Whether `card` opens as a card does after the name `used`: the name again glued to
/// the card's text (see [`glued_repeat`] and [`repeated_name`]).
fn opens_card(used: &[&str], card: &str) -> bool {
    glued_repeat(used, card) || repeated_name(used, card)
}

/// End, in bytes within `card`, of a standalone `MORE` after the one ending at `first`
/// and within [`MAX_CARD_BYTES`], when only headline-like words stand between the two
/// (no punctuation, no other card opening): the card's headline may hold the first
/// (`Jordan: Democrats want MORE investigations Jordan blasts probe MORE`).
fn second_more(card: &str, first: usize) -> Option<usize> {
    let next = first + more_end(card.get(first..)?, MAX_CARD_BYTES.saturating_sub(first))?;
    let between = &card[first..next];
    // Words after a card's `MORE` go on with the sentence, which has its commas and
    // stops (`MORE said McDonald, MORE or less`); headlines in a row have none.
    if between.contains([',', ';', '.', '!', '?']) {
        return None;
    }
    let another = words(between).any(|(start, word)| {
        glue_points(word).into_iter().any(|glue| {
            let at = first + start + glue;
            card.split_at_checked(at).is_some_and(|(before, rest)| {
                used_name(before).is_some_and(|used| opens_card(&used, rest))
            })
        })
    });
    (!another).then_some(next)
}

/// Whether the card opens with the sentence's name of two words or more, or its last two
/// or more words, written again and glued to a capital, a digit or an opening quote:
/// `Ri Yong-ho` + `Ri meets Pompeo`, `Ilhan Omar` + `2020 census counts`.
fn repeated_name(used: &[&str], card: &str) -> bool {
    (0..used.len().saturating_sub(1)).any(|from| {
        let name = used[from..].join(" ");
        card.strip_prefix(name.as_str()).is_some_and(|rest| {
            let text = rest.trim_start_matches(['‘', '“', '\'', '"', '(', '[']);
            text.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
    })
}

/// The capitalised words that end at the glue point: the name as the sentence used it.
fn used_name(before: &str) -> Option<Vec<&str>> {
    let mut words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(MAX_USED_WORDS)
        .map(without_leading_punctuation)
        .take_while(|word| starts_uppercase(word))
        .collect();
    words.reverse();
    let last = words.last()?;
    (last.chars().count() >= 2).then_some(words)
}

/// Whether the card opens with a name sharing the first word or the last word of `used`:
/// a card's name, or a word that merely starts alike (`TomTom rose`, `JoJo said`).
///
/// A last word matched inside a longer camel-case word counts only if what follows it
/// differs from what follows the glue point: `Mc|Donald` does not repeat in `McDonald’s`.
fn repeats(used: &[&str], card: &str) -> bool {
    let (Some(first), Some(last)) = (used.first(), used.last()) else {
        return false;
    };
    let name = card_name(card);
    let glued = leading_segment(card);
    name.first()
        .is_some_and(|word| after_whole_word(word, first).is_some())
        || name.iter().any(|word| {
            after_whole_word(word, last).is_some_and(|rest| leading_segment(rest) != glued)
        })
}

/// Whether the card's name holds the last word of `used` glued to the card's text: a
/// capital, or an opening quote or parenthesis and a capital, right after it
/// (`TrumpKinzinger`, `Pelosi‘Squad’`), and not the word the glue point opened.
fn glued_repeat(used: &[&str], card: &str) -> bool {
    let Some(last) = used.last() else {
        return false;
    };
    let glued = leading_segment(card);
    // The card's first word is the one the glue point opened: the name glued to itself
    // there (`Bla|BlaCar`) is a word that doubles a syllable, not a card's name.
    card_name(card).iter().skip(1).any(|word| {
        after_whole_word(word, last).is_some_and(|rest| {
            let text = rest.trim_start_matches(['‘', '“', '\'', '"', '(', '[']);
            starts_uppercase(text) && leading_segment(rest) != glued
        })
    })
}

/// The capitalised words that open the card, up to one with a clause mark in it.
fn card_name(card: &str) -> Vec<&str> {
    let mut words = Vec::new();
    for word in card.split_whitespace().take(MAX_NAME_WORDS) {
        if !starts_uppercase(without_leading_punctuation(word)) || is_more(word) {
            break;
        }
        words.push(word);
        if word.contains([',', ':', ';', '!', '?']) {
            break;
        }
    }
    words
}

/// What follows `name` in `word` (after an opening parenthesis or quote) if `word` starts
/// with the whole word `name`: nothing, punctuation, or a glued capital (`PelosiHeadline`).
fn after_whole_word<'w>(word: &'w str, name: &str) -> Option<&'w str> {
    without_leading_punctuation(word)
        .strip_prefix(name)
        .filter(|rest| {
            rest.chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || c.is_uppercase())
        })
}

/// The letters that open `text`, up to a glue point or a non-letter: `Donald` in `DonaldTrump`.
fn leading_segment(text: &str) -> &str {
    let mut previous: Option<char> = None;
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            let boundary = !c.is_alphabetic()
                || (c.is_uppercase() && previous.is_some_and(char::is_lowercase));
            previous = Some(c);
            boundary
        })
        .map_or(text.len(), |(index, _)| index);
    &text[..end]
}

/// End, in bytes within `card`, of the first standalone `MORE` within `max` bytes.
fn more_end(card: &str, max: usize) -> Option<usize> {
    let mut limit = card.len().min(max);
    while !card.is_char_boundary(limit) {
        limit -= 1;
    }
    card[..limit]
        .match_indices(MORE)
        .map(|(index, _)| index + MORE.len())
        .find(|&end| {
            let before = card[..end - MORE.len()].chars().next_back();
            let after = card[end..].chars().next();
            before.is_some_and(char::is_whitespace) && after.is_none_or(|c| !c.is_alphanumeric())
        })
}

/// Whether `word` is `MORE` itself, perhaps with punctuation after it.
fn is_more(word: &str) -> bool {
    word.strip_prefix(MORE)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// `word` without the quotes, parentheses or other marks before its first letter or digit.
fn without_leading_punctuation(word: &str) -> &str {
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `word` starts with an uppercase letter.
fn starts_uppercase(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}
