//! Finds the line breaks of a Markdown text that a reader sees as nothing at all.
//!
//! In: a body's pulldown-cmark events. Out: for each event, whether it is a soft line
//! break between two characters that white space joins without a space (Chinese,
//! Japanese, their full-width punctuation: [`crate::language::joins_without_space`]).
//! CSS's segment break rule shows no space there, but browsers that do not implement it
//! (Chromium) show one, so gloss writes such a break as nothing: in the page, in the
//! reading text (and so in a note's quote and in search), in summaries. Hard breaks
//! (`<br>`) stay, since they break the line the reader sees.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::html_tag;
use crate::language::joins_without_space;

/// For each of `events` (`event` reads the event out of an item), true when it is a soft
/// break between two joining characters: the last character of the text before it and
/// the first of the text after it, looking through inline styling, links and inline HTML
/// tags (but not a footnote reference, an image or a `<br>`, which a reader sees between).
/// Empty when there is none, as in nearly every text: ask with `.get(i) == Some(&true)`.
pub fn joined_breaks<'a, T>(events: &[T], event: impl Fn(&T) -> &Event<'a>) -> Vec<bool> {
    let mut joined = Vec::new();
    for (i, item) in events.iter().enumerate() {
        if !matches!(event(item), Event::SoftBreak) {
            continue;
        }
        let before = events[..i]
            .iter()
            .rev()
            .map(&event)
            .map(|e| edge(e, |text| text.chars().next_back()));
        let after = events[i + 1..]
            .iter()
            .map(&event)
            .map(|e| edge(e, |text| text.chars().next()));
        if first_char(before).is_some_and(joins_without_space)
            && first_char(after).is_some_and(joins_without_space)
        {
            if joined.is_empty() {
                joined = vec![false; events.len()];
            }
            joined[i] = true;
        }
    }
    joined
}

/// `events` without the soft breaks [`joined_breaks`] finds.
pub fn without_joined_breaks(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let joined = joined_breaks(&events, |e| e);
    if joined.is_empty() {
        return events;
    }
    events
        .into_iter()
        .zip(joined)
        .filter_map(|(event, joined)| (!joined).then_some(event))
        .collect()
}

/// What an event next to a soft break shows there.
enum Edge {
    /// A character of text (none for empty text).
    Char(Option<char>),
    /// Nothing a reader sees: look further.
    Through,
    /// Something else: the break is no joined one.
    Stop,
}

fn edge(event: &Event<'_>, pick: impl Fn(&str) -> Option<char>) -> Edge {
    match event {
        Event::Text(text) | Event::Code(text) => Edge::Char(pick(text)),
        Event::Start(
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. },
        )
        | Event::End(
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link,
        ) => Edge::Through,
        Event::InlineHtml(html) if html_tag(html).is_some_and(|tag| tag.name != "br") => {
            Edge::Through
        }
        _ => Edge::Stop,
    }
}

fn first_char(mut edges: impl Iterator<Item = Edge>) -> Option<char> {
    edges.find_map(|edge| match edge {
        Edge::Char(c) => Some(c),
        Edge::Through => None,
        Edge::Stop => Some(None),
    })?
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::reading_text::events;

    fn joined(body: &str) -> Vec<usize> {
        let events: Vec<_> = events(body).collect();
        let joined = joined_breaks(&events, |(e, _)| e);
        (0..events.len())
            .filter(|&i| joined.get(i) == Some(&true))
            .collect()
    }

    #[test]
    fn a_break_between_two_ideographs_is_joined() {
        assert_eq!(joined("首都機能を\n移転する").len(), 1);
        assert_eq!(joined("首都機能を \n移転する").len(), 1);
        assert_eq!(joined("首都*機能を*\n[移転](x.md)する").len(), 1);
        assert_eq!(joined("首都機能を<b>\n</b>移転する").len(), 1);
    }

    #[test]
    fn other_breaks_stay() {
        for body in [
            "Kim\nMoon",
            "首都\nSeoul",
            "Seoul\n首都",
            "首都  \n機能",
            "首都\\\n機能",
            "首都[^1]\n機能\n\n[^1]: x",
            "首都<br>\n機能",
            "首都![x](y.png)\n機能",
        ] {
            assert!(joined(body).is_empty(), "{body:?}");
        }
    }

    #[test]
    fn joined_breaks_are_left_out() {
        let events: Vec<_> = events("首都\n機能 and\nmore").map(|(e, _)| e).collect();
        let kept = without_joined_breaks(events.clone());
        assert_eq!(kept.len(), events.len() - 1);
    }
}
