//! Typographic punctuation for the plain-text fields of front matter (titles), so that a
//! headline typed on a plain keyboard reads as its article's body does: the body goes
//! through pulldown-cmark's smart punctuation, a title is not Markdown.
//!
//! In: text as typed. Out: the same text with straight quotes curled, `--` and `---` as
//! en and em dashes, and `...` as an ellipsis.

/// Characters after which a quote opens rather than closes.
fn opens_after(previous: Option<char>) -> bool {
    match previous {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, '(' | '[' | '{' | '‘' | '“' | '—' | '–' | '/' | '-')
        }
    }
}

/// `text` with typographic quotes, dashes and ellipses.
pub fn smarten(text: &str) -> String {
    if !text.contains(['\'', '"', '-', '.']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        let (put, used) = match c {
            '-' if next == Some('-') => {
                if chars.get(at + 2) == Some(&'-') {
                    ('—', 3)
                } else {
                    ('–', 2)
                }
            }
            '.' if next == Some('.') && chars.get(at + 2) == Some(&'.') => ('…', 3),
            '"' => (if opens_after(previous) { '“' } else { '”' }, 1),
            '\'' => {
                // An apostrophe inside a word or before a year's digits ('90s), a
                // closing quote after a word, an opening one before a word.
                let inside_word = previous.is_some_and(char::is_alphanumeric);
                let elision = next.is_some_and(|n| n.is_ascii_digit());
                if !inside_word && opens_after(previous) && !elision {
                    ('‘', 1)
                } else {
                    ('’', 1)
                }
            }
            other => (other, 1),
        };
        out.push(put);
        previous = Some(put);
        at += used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What pulldown-cmark's smart punctuation makes of `text` as a paragraph.
    fn as_the_body_sets_it(text: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        Parser::new_ext(text, Options::ENABLE_SMART_PUNCTUATION)
            .filter_map(|event| match event {
                Event::Text(text) => Some(text.into_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn titles_are_set_as_the_body_sets_the_same_words() {
        for title in [
            r#"Ça va? L'été — 2026's "big" review"#,
            r#""Maximum pressure" is over, says Kim's envoy"#,
            "Rock 'n' roll, the '90s and a 'quoted' word",
            r#"He said "it's 'fine'" -- then left..."#,
            "1999---2019: twenty years",
            r#"The "deal" (or "no deal")"#,
            "Plain words only",
        ] {
            assert_eq!(smarten(title), as_the_body_sets_it(title), "{title}");
        }
    }

    #[test]
    fn text_already_typographic_is_kept() {
        let title = "Kim’s “best offer” – what next…";
        assert_eq!(smarten(title), title);
    }
}
