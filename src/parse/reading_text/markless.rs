//! Finds the events of a body that stand inside inline HTML which can hold no mark.
//!
//! In: a body's events. Out: for each event, whether it stands inside such an element,
//! and whether a reader sees its text. A script or a style sheet holds code, a text box
//! or a page title only text, SVG and MathML no HTML elements, a list to pick from only
//! its options: a `<mark>` or a marker written there breaks the code, shows as literal
//! text, or is no valid HTML. The reading text and the marks both follow this one walk,
//! so what is left out of one is never marked by the other.

use std::ops::Range;

use pulldown_cmark::Event;

use super::html_tag;

/// What stands inside an element of inline HTML that can hold no mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Markless {
    /// Text no reader sees as words of the article: code (a script, a style sheet), a
    /// text box's or a page title's text, or what is shown only where scripts or frames
    /// are not. It is no reading text.
    Unseen,
    /// Words a reader sees, in an SVG image, in MathML or in a list to pick from: reading
    /// text, written without marks.
    Seen,
}

/// The elements that can hold no mark, what they hold, and whether one can hold another
/// of its own name (a template in a template, an SVG image in another).
const ELEMENTS: [(&str, Markless, bool); 16] = [
    ("script", Markless::Unseen, false),
    ("style", Markless::Unseen, false),
    ("textarea", Markless::Unseen, false),
    ("title", Markless::Unseen, false),
    ("xmp", Markless::Unseen, false),
    ("iframe", Markless::Unseen, false),
    ("noembed", Markless::Unseen, false),
    ("noframes", Markless::Unseen, false),
    ("noscript", Markless::Unseen, false),
    ("template", Markless::Unseen, true),
    ("svg", Markless::Seen, true),
    ("math", Markless::Seen, true),
    ("select", Markless::Seen, false),
    ("datalist", Markless::Seen, false),
    ("optgroup", Markless::Seen, false),
    ("option", Markless::Seen, false),
];

/// One element open, innermost last.
struct Open {
    name: &'static str,
    holds: Markless,
    nests: bool,
    /// Elements of the same name open inside it.
    same: usize,
    /// Markdown elements (emphasis, a link) open inside it.
    depth: usize,
}

/// For each event of `events`, what it stands inside, when that is an element that can
/// hold no mark. An element's start tag stands outside it and its end tag inside it. An
/// element left open ends with the Markdown it was opened in (its block, or the
/// emphasis around it), whose end stands outside it. Inside a script or any other
/// unseen element only its own end tag counts: its text is no HTML.
pub(super) fn markless(events: &[(Event<'_>, Range<usize>)]) -> Vec<Option<Markless>> {
    let mut open: Vec<Open> = Vec::new();
    events
        .iter()
        .map(|(event, _)| {
            let within = open.last().map(|o| o.holds);
            match event {
                Event::Start(_) => {
                    if let Some(top) = open.last_mut() {
                        top.depth += 1;
                    }
                }
                Event::End(_) => {
                    // An end of Markdown opened outside the elements it closes (an image
                    // whose alt text opens a script) is in the element it was opened in.
                    while let Some(top) = open.last_mut() {
                        if top.depth > 0 {
                            top.depth -= 1;
                            return Some(top.holds);
                        }
                        open.pop();
                    }
                    return None;
                }
                Event::InlineHtml(html) => step(&mut open, html),
                _ => {}
            }
            within
        })
        .collect()
}

/// Follows the elements open through `html`, one tag of inline HTML.
fn step(open: &mut Vec<Open>, html: &str) {
    let Some(tag) = html_tag(html) else {
        return;
    };
    if tag.closing {
        // An end tag closes the innermost element of its name and all inside it; inside
        // an unseen element, only that element's own.
        let reach = match open.last() {
            Some(top) if top.holds == Markless::Unseen => open.len() - 1,
            _ => 0,
        };
        if let Some(at) = open[reach..].iter().rposition(|o| o.name == tag.name) {
            let at = reach + at;
            if open[at].same > 0 {
                open[at].same -= 1;
            } else {
                open.truncate(at);
            }
        }
        return;
    }
    match open.last_mut() {
        Some(top) if top.name == tag.name => {
            if top.nests {
                top.same += 1;
            }
            return;
        }
        Some(top) if top.holds == Markless::Unseen => return,
        _ => {}
    }
    let Some(&(name, holds, nests)) = ELEMENTS.iter().find(|(name, ..)| *name == tag.name) else {
        return;
    };
    // `<svg/>` holds nothing: SVG and MathML tags may close themselves, where HTML reads
    // past the slash (`<script/>` stays open).
    if matches!(name, "svg" | "math") && html.trim_end().ends_with("/>") {
        return;
    }
    open.push(Open {
        name,
        holds,
        nests,
        same: 0,
        depth: 0,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each event of `body` that stands inside an element that can hold no mark, as
    /// written, with `?` for unseen and `!` for seen.
    fn inside(body: &str) -> Vec<String> {
        let events: Vec<(Event<'_>, Range<usize>)> = super::super::events(body).collect();
        markless(&events)
            .into_iter()
            .zip(&events)
            .filter_map(|(within, (_, range))| {
                let mark = match within? {
                    Markless::Unseen => '?',
                    Markless::Seen => '!',
                };
                Some(format!("{mark}{}", &body[range.clone()]))
            })
            .collect()
    }

    #[test]
    fn a_script_s_text_and_end_tag_are_unseen_and_its_start_tag_is_outside() {
        assert_eq!(
            inside("Kim <script>var x = 1;</script> offered."),
            ["?var x = 1;", "?</script>"]
        );
        // Its text is no HTML: a tag written in it opens nothing.
        assert_eq!(
            inside("A <style>b <svg> c</style> d <TEXTAREA>e</TEXTAREA> f"),
            ["?b ", "?<svg>", "? c", "?</style>", "?e", "?</TEXTAREA>"]
        );
    }

    #[test]
    fn svg_mathml_and_lists_to_pick_from_are_seen() {
        assert_eq!(
            inside("Kim <svg viewBox=\"0 0 9 9\"><text>S</text></svg> offered."),
            ["!<text>", "!S", "!</text>", "!</svg>"]
        );
        assert_eq!(
            inside("A <math><mi>x</mi></math> <select><option>One<option>Two</select> b"),
            [
                "!<mi>",
                "!x",
                "!</mi>",
                "!</math>",
                "!<option>",
                "!One",
                "!<option>",
                "!Two",
                "!</select>"
            ]
        );
    }

    #[test]
    fn a_style_sheet_in_an_svg_image_is_unseen_and_images_nest() {
        assert_eq!(
            inside("<svg><style>t{}</style><svg>S</svg>T</svg> after"),
            [
                "!<style>",
                "?t{}",
                "?</style>",
                "!<svg>",
                "!S",
                "!</svg>",
                "!T",
                "!</svg>"
            ]
        );
        assert!(inside("An <svg/> image and <math /> too.").is_empty());
    }

    #[test]
    fn an_element_left_open_ends_with_the_markdown_around_it() {
        assert_eq!(
            inside("*Kim <script>x* y\n\nNext <svg>S\n\nafter"),
            ["?x", "!S"]
        );
        // Emphasis opened inside ends inside (its events span its source).
        assert_eq!(
            inside("Kim <svg>*S* T</svg> after"),
            ["!*S*", "!S", "!*S*", "! T", "!</svg>"]
        );
    }

    #[test]
    fn markdown_that_closes_an_unseen_element_opened_inside_it_ends_in_its_own() {
        // The image's end closes the script its alt text opened: the end is the svg's.
        let body = "Ten <svg>![a <script>b](i.png) c</svg> eleven.\n\nLater zebrawords here.";
        let shown = inside(body);
        assert!(
            shown.contains(&"!![a <script>b](i.png)".to_owned()),
            "{shown:?}"
        );
        let reading = super::super::ReadingText::build(body);
        assert!(
            reading.text.contains("Later zebrawords here."),
            "{:?}",
            reading.text
        );
    }
}
