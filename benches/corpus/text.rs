//! The words of generated articles: sentences, paragraphs, headings and the blocks of a
//! body, inline styling, and the shared context entries.
//!
//! Text is kept as tokens (a word, the punctuation after it, the inline style it sits in)
//! so the reading text is known exactly, and written out as Markdown only at the end.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::words::{capitalized, made_up, slug, Vocabulary};
use super::Rng;

/// A shared context entry.
pub(crate) struct ContextEntry {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) aliases: Vec<String>,
    pub(crate) summary: String,
    pub(crate) paragraphs: Vec<String>,
}

/// Inline styling over a run of tokens.
pub(crate) enum Style {
    Emphasis,
    Strong,
    Link(String),
}

pub(crate) struct Token {
    pub(crate) word: String,
    /// `""`, `","` or `"."`, written right after the word.
    pub(crate) punct: &'static str,
    /// Index into [`Inline::styles`].
    pub(crate) style: Option<usize>,
    /// Part of a planted phrase: never styled, never part of another quote.
    pub(crate) locked: bool,
}

/// The text of one paragraph-level block.
#[derive(Default)]
pub(crate) struct Inline {
    pub(crate) tokens: Vec<Token>,
    pub(crate) styles: Vec<Style>,
}

pub(crate) enum Block {
    Heading(Inline),
    Paragraph(Inline),
    List(Vec<Inline>),
    Quote(Inline),
    Code(&'static str, String),
}

pub(crate) const PLACE_NOUNS: [&str; 12] = [
    "harbour",
    "valley",
    "station",
    "pass",
    "council",
    "accord",
    "plateau",
    "reservoir",
    "commission",
    "bridge",
    "archive",
    "corridor",
];

pub(crate) const CODE: [(&str, &str); 3] = [
    (
        "rust",
        "fn total(prices: &[u32]) -> u32 {\n    prices.iter().sum()\n}\n\nlet sum = total(&[3, 5, 8]);\nassert_eq!(sum, 16);",
    ),
    (
        "python",
        "def share(votes, total):\n    if total == 0:\n        return 0.0\n    return round(100 * votes / total, 1)\n\nprint(share(4120, 9800))",
    ),
    (
        "text",
        "station     opened   closed\nnorth pier  1911     1968\nold quay    1923     1994\nriver gate  1930     -",
    ),
];

/// Styles a few short runs of words: emphasis, strong emphasis, a link.
pub(crate) fn style(rng: &mut Rng, inline: &mut Inline) {
    for (chance, longest) in [(0.3, 2), (0.15, 3), (0.3, 4)] {
        if !rng.chance(chance) {
            continue;
        }
        let length = 1 + rng.below(longest) as usize;
        if inline.tokens.len() <= length {
            continue;
        }
        let first = rng.below((inline.tokens.len() - length) as u64) as usize;
        let run = &inline.tokens[first..first + length];
        let free = run.iter().all(|t| t.style.is_none() && !t.locked)
            && run[..length - 1].iter().all(|t| t.punct.is_empty());
        if !free {
            continue;
        }
        let style = match longest {
            2 => Style::Emphasis,
            3 => Style::Strong,
            _ => Style::Link(format!(
                "https://example.org/{}",
                slug(&inline.tokens[first].word)
            )),
        };
        inline.styles.push(style);
        let index = inline.styles.len() - 1;
        for token in &mut inline.tokens[first..first + length] {
            token.style = Some(index);
        }
    }
}

/// Inline Markdown; `markers[token]` is written right after that token's word.
pub(crate) fn inline_markdown(inline: &Inline, markers: &BTreeMap<usize, String>) -> String {
    let tokens = &inline.tokens;
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let opens = token.style.is_some() && (i == 0 || tokens[i - 1].style != token.style);
        let closes =
            token.style.is_some() && (i + 1 == tokens.len() || tokens[i + 1].style != token.style);
        let style = token.style.map(|s| &inline.styles[s]);
        if opens {
            out.push_str(match style {
                Some(Style::Emphasis) => "*",
                Some(Style::Strong) => "**",
                _ => "[",
            });
        }
        out.push_str(&token.word);
        if closes {
            match style {
                Some(Style::Emphasis) => out.push('*'),
                Some(Style::Strong) => out.push_str("**"),
                Some(Style::Link(url)) => {
                    let _ = write!(out, "]({url})");
                }
                None => {}
            }
        }
        if let Some(marker) = markers.get(&i) {
            out.push_str(marker);
        }
        out.push_str(token.punct);
    }
    out
}

/// A sentence: capitalized first word, a comma now and then, a full stop.
pub(crate) fn sentence(
    rng: &mut Rng,
    vocabulary: &Vocabulary,
    shortest: u64,
    longest: u64,
) -> Vec<Token> {
    let length = (shortest + rng.below(longest - shortest + 1)) as usize;
    let mut tokens: Vec<Token> = Vec::with_capacity(length);
    while tokens.len() < length {
        let word = vocabulary.word(rng);
        // No word twice in a row: "the the" reads as a typo.
        if tokens.last().is_some_and(|t| t.word == word) {
            continue;
        }
        tokens.push(Token {
            word: word.to_owned(),
            punct: "",
            style: None,
            locked: false,
        });
    }
    tokens[0].word = capitalized(&tokens[0].word);
    for token in tokens.iter_mut().take(length.saturating_sub(2)).skip(2) {
        if rng.chance(0.07) {
            token.punct = ",";
        }
    }
    tokens[length - 1].punct = ".";
    tokens
}

pub(crate) fn sentence_text(tokens: &[Token]) -> String {
    let mut text = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&token.word);
        text.push_str(token.punct);
    }
    text
}

pub(crate) fn paragraph(rng: &mut Rng, vocabulary: &Vocabulary, sentences: usize) -> Inline {
    let mut inline = Inline::default();
    for _ in 0..sentences {
        inline.tokens.extend(sentence(rng, vocabulary, 7, 24));
    }
    inline
}

/// A title-case line of `words` words.
pub(crate) fn headline(rng: &mut Rng, vocabulary: &Vocabulary, words: usize) -> String {
    let mut line: Vec<String> = Vec::new();
    for i in 0..words {
        let word = if i % 2 == 0 {
            vocabulary.content_word(rng)
        } else {
            vocabulary.word(rng)
        };
        line.push(if i == 0 || word.len() > 3 {
            capitalized(word)
        } else {
            word.to_owned()
        });
    }
    line.join(" ")
}

pub(crate) fn heading(rng: &mut Rng, vocabulary: &Vocabulary) -> Inline {
    let words = {
        let n = 2 + rng.below(4) as usize;
        headline(rng, vocabulary, n)
    };
    Inline {
        tokens: words
            .split(' ')
            .map(|w| Token {
                word: w.to_owned(),
                punct: "",
                style: None,
                locked: false,
            })
            .collect(),
        styles: Vec::new(),
    }
}

/// About `words` words: an introduction, then sections with a heading each; a list and
/// a block quote in most articles, a fenced code block in one of ten.
pub(crate) fn body(rng: &mut Rng, vocabulary: &Vocabulary, words: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut written = 0;
    let add = |blocks: &mut Vec<Block>, block: Block, written: &mut usize| {
        *written += match &block {
            Block::Heading(i) | Block::Paragraph(i) | Block::Quote(i) => i.tokens.len(),
            Block::List(items) => items.iter().map(|i| i.tokens.len()).sum(),
            Block::Code(..) => 0,
        };
        blocks.push(block);
    };
    for _ in 0..2 {
        let p = {
            let n = 2 + rng.below(3) as usize;
            paragraph(rng, vocabulary, n)
        };
        add(&mut blocks, Block::Paragraph(p), &mut written);
    }
    let code_at = (rng.below(10) == 0).then(|| 1 + rng.below(3));
    let mut section = 0;
    while written < words {
        section += 1;
        add(
            &mut blocks,
            Block::Heading(heading(rng, vocabulary)),
            &mut written,
        );
        for n in 0..2 + rng.below(3) {
            let p = {
                let n = 2 + rng.below(4) as usize;
                paragraph(rng, vocabulary, n)
            };
            add(&mut blocks, Block::Paragraph(p), &mut written);
            if n == 0 && (section == 1 || rng.chance(0.15)) {
                let items = (0..3 + rng.below(3))
                    .map(|_| Inline {
                        tokens: sentence(rng, vocabulary, 5, 12),
                        styles: Vec::new(),
                    })
                    .collect();
                add(&mut blocks, Block::List(items), &mut written);
            }
            if n == 1 && (section == 2 || rng.chance(0.1)) {
                let q = {
                    let n = 1 + rng.below(3) as usize;
                    paragraph(rng, vocabulary, n)
                };
                add(&mut blocks, Block::Quote(q), &mut written);
            }
            if n == 0 && code_at == Some(section) {
                let (lang, code) = CODE[rng.below(CODE.len() as u64) as usize];
                add(
                    &mut blocks,
                    Block::Code(lang, code.to_owned()),
                    &mut written,
                );
            }
        }
    }
    blocks
}

/// `count` distinct indices below `len`.
pub(crate) fn pick_distinct(rng: &mut Rng, len: usize, count: usize) -> Vec<usize> {
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < count.min(len) {
        let i = rng.below(len as u64) as usize;
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
}

/// Generates the shared context entries: people, places and topics.
pub(crate) fn context_entries(
    rng: &mut Rng,
    vocabulary: &Vocabulary,
    count: usize,
) -> Vec<ContextEntry> {
    let mut entries: Vec<ContextEntry> = Vec::new();
    while entries.len() < count {
        let (folder, title, aliases) = match entries.len() % 3 {
            0 => ("people", super::words::person(rng), Vec::new()),
            1 => {
                let name = capitalized(&made_up(rng, 2));
                let noun = rng.pick(&PLACE_NOUNS);
                (
                    "places",
                    format!("{name} {}", capitalized(noun)),
                    vec![name],
                )
            }
            _ => (
                "topics",
                {
                    let n = 2 + rng.below(2) as usize;
                    headline(rng, vocabulary, n)
                },
                Vec::new(),
            ),
        };
        let id = format!("{folder}/{}", slug(&title));
        if entries.iter().any(|e| e.id == id) {
            continue;
        }
        let summary = sentence_text(&sentence(rng, vocabulary, 12, 24));
        let paragraphs = (0..2 + rng.below(2))
            .map(|_| sentence_text(&paragraph(rng, vocabulary, 3).tokens))
            .collect();
        entries.push(ContextEntry {
            id,
            title,
            aliases,
            summary,
            paragraphs,
        });
    }
    entries
}
