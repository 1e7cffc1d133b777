//! Lines that are a list's items in the scraped text, made a Markdown list.
//!
//! In: the body's paragraphs, each its lines as written. Out: Markdown blocks, where a
//! paragraph whose every line starts as an item (`- cleaner rivers`, `• lower bills`,
//! `* more trains`, `1. First, call 911.`) becomes a list, and a run of such paragraphs
//! of one kind (bullets or numbers) one list: a scraper writes an item a paragraph as often
//! as an item a line. Each item keeps its words as written ([`super::literal`] and
//! [`super::as_written`]); numbers stay as written. A paragraph of one line that opens
//! with a dash (`– Yes, he said.`, `— Jane Doe`) is dialogue or a signature, not an item,
//! and a line of marks alone (`* * *`) is a rule; both stay text, as does a paragraph
//! whose lines are not all items and a numbered line with no other item next to it
//! (`1. FC Köln hat am Samstag gewonnen.`), which is prose that opens with a number.

use std::borrow::Cow;

use super::{as_written, literal};

/// One item: its number, for a numbered list, and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Item<'a> {
    number: Option<u32>,
    text: &'a str,
    /// The whole line, mark and all.
    line: &'a str,
}

/// Marks that open an item in a list of two or more lines.
const BULLETS: [&str; 6] = ["- ", "* ", "• ", "· ", "– ", "— "];
/// Marks that open an item that is a paragraph on its own: not the dashes of dialogue.
const LONE_BULLETS: [&str; 4] = ["- ", "* ", "• ", "· "];

/// The body's Markdown blocks made from `paragraphs`, each a paragraph's lines: lists
/// where the lines are items, paragraphs as written otherwise; and the lines whose mark
/// was written otherwise (`• `, `* `, `2) `, a number out of turn), for the report.
pub(super) fn blocks<'a>(paragraphs: &[Vec<&'a str>]) -> (Vec<String>, Vec<&'a str>) {
    let mut blocks = Vec::with_capacity(paragraphs.len());
    let mut remarked = Vec::new();
    // The list being gathered, and whether it is numbered.
    let mut list: Vec<Item<'_>> = Vec::new();
    for lines in paragraphs {
        // A line that leads into items right under it (`Gains:`) is a paragraph of its own.
        let (intro, lines) = match lead_in(lines) {
            Some(at) => (Some(&lines[..at]), &lines[at..]),
            None => (None, &lines[..]),
        };
        if let Some(intro) = intro {
            close(&mut list, &mut blocks, &mut remarked);
            let text: Vec<Cow<'_, str>> = intro.iter().map(|line| literal(line)).collect();
            blocks.push(as_written(text.join("\n")));
        }
        let Some(found) = items(lines) else {
            close(&mut list, &mut blocks, &mut remarked);
            let text: Vec<Cow<'_, str>> = lines.iter().map(|line| literal(line)).collect();
            blocks.push(as_written(text.join("\n")));
            continue;
        };
        let numbered = |items: &[Item<'_>]| items.first().is_some_and(|i| i.number.is_some());
        if !list.is_empty() && numbered(&list) != numbered(&found) {
            close(&mut list, &mut blocks, &mut remarked);
        }
        list.extend(found);
    }
    close(&mut list, &mut blocks, &mut remarked);
    (blocks, remarked)
}

/// Writes the gathered `list`, if any, as one Markdown list, noting in `remarked` each
/// line whose mark is written otherwise.
fn close<'a>(list: &mut Vec<Item<'a>>, blocks: &mut Vec<String>, remarked: &mut Vec<&'a str>) {
    if list.is_empty() {
        return;
    }
    // One numbered line alone is prose that opens with a number (`1. FC Köln won`,
    // `2. Bundesliga: …`): a list needs two or more.
    if let [only @ Item {
        number: Some(_), ..
    }] = list[..]
    {
        blocks.push(as_written(literal(only.line).into_owned()));
        list.clear();
        return;
    }
    let written: Vec<String> = list
        .iter()
        .map(|item| {
            let words = as_written(literal(item.text.trim()).into_owned());
            let mark = match item.number {
                Some(n) => format!("{n}. "),
                None => "- ".to_owned(),
            };
            if !item.line.trim_start().starts_with(&mark) {
                remarked.push(item.line);
            }
            format!("{mark}{words}")
        })
        .collect();
    blocks.push(written.join("\n"));
    list.clear();
}

/// Where the items start in `lines` whose first lines are none and whose last two or
/// more all are (`Gains:`, `- cleaner rivers`, `- lower bills`).
fn lead_in(lines: &[&str]) -> Option<usize> {
    let first = lines
        .iter()
        .position(|line| item(line, &BULLETS).is_some())?;
    (first > 0 && lines.len() - first >= 2 && items(&lines[first..]).is_some()).then_some(first)
}

/// The items of `lines` when every line is one, all bullets or all numbers.
fn items<'a>(lines: &[&'a str]) -> Option<Vec<Item<'a>>> {
    let marks: &[&str] = if lines.len() == 1 {
        &LONE_BULLETS
    } else {
        &BULLETS
    };
    let items: Vec<Item<'a>> = lines
        .iter()
        .map(|line| item(line, marks))
        .collect::<Option<_>>()?;
    let numbered = items.iter().filter(|i| i.number.is_some()).count();
    (numbered == 0 || numbered == items.len()).then_some(items)
}

/// `line` as an item opened by one of `marks` or by a number (`1. `, `12) `), if it is one
/// with words after its mark.
fn item<'a>(line: &'a str, marks: &[&str]) -> Option<Item<'a>> {
    let whole = line;
    let line = line.trim_start();
    let (number, text) = if let Some(rest) = marks.iter().find_map(|m| line.strip_prefix(m)) {
        (None, rest)
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        let rest = line[digits..]
            .strip_prefix(". ")
            .or_else(|| line[digits..].strip_prefix(") "))?;
        if !(1..=3).contains(&digits) {
            return None;
        }
        (Some(line[..digits].parse().ok()?), rest)
    };
    // `* * *` and `- - -` are rules; an item has words.
    let words = text.trim();
    let rule = words
        .chars()
        .all(|c| matches!(c, '-' | '*' | '_' | '=' | '•' | '·' | ' ' | '\t'));
    (!rule).then_some(Item {
        number,
        text,
        line: whole,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(paragraphs: &[&[&str]]) -> Vec<String> {
        let paragraphs: Vec<Vec<&str>> = paragraphs.iter().map(|p| p.to_vec()).collect();
        blocks(&paragraphs).0
    }

    #[test]
    fn items_a_paragraph_each_make_one_list_of_their_kind() {
        let blocks = made(&[
            &["The plan promises:"],
            &["- cleaner rivers"],
            &["• lower bills"],
            &["* more trains"],
            &["1. First, call 911."],
            &["2) Then wait."],
            &["That is all."],
        ]);
        assert_eq!(
            blocks,
            [
                "The plan promises:",
                "- cleaner rivers\n- lower bills\n- more trains",
                "1. First, call 911.\n2. Then wait.",
                "That is all.",
            ]
        );
    }

    #[test]
    fn a_lone_item_is_a_list_and_dashes_rules_and_mixed_lines_stay_text() {
        assert_eq!(made(&[&["- cleaner rivers"]]), ["- cleaner rivers"]);
        assert_eq!(made(&[&["1. x"]]), ["1\\. x"]);
        assert_eq!(made(&[&["– Yes, he said."]]), ["– Yes, he said."]);
        assert_eq!(made(&[&["* * *"]]), ["\\* \\* \\*"]);
        assert_eq!(made(&[&["1984. A year."]]), ["1984\\. A year."]);
        assert_eq!(made(&[&["- one", "and prose"]]), ["\\- one\nand prose"]);
        assert_eq!(made(&[&["– a", "— b"]]), ["- a\n- b"]);
        assert_eq!(made(&[&["- a", "1. b"]]), ["\\- a\n1\\. b"]);
    }

    #[test]
    fn a_line_leading_into_items_right_under_it_is_a_paragraph_before_the_list() {
        assert_eq!(
            made(&[&["Gains:", "- cleaner rivers", "- lower bills"]]),
            ["Gains:", "- cleaner rivers\n- lower bills"]
        );
        assert_eq!(
            made(&[&["Intro line", "1. one", "2. two"]]),
            ["Intro line", "1. one\n2. two"]
        );
        // One item under a line, or items with prose after them, stay as written.
        assert_eq!(made(&[&["He said", "- no"]]), ["He said\n\\- no"]);
        assert_eq!(made(&[&["A", "- b", "c"]]), ["A\n\\- b\nc"]);
    }
}
