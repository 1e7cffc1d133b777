//! One generated article: its blocks of words, the notes anchored to them, and the two
//! ways it is written out (gloss Markdown + sidecar, and Markdown with footnotes).
//!
//! Text is kept as tokens (a word, the punctuation after it, the inline style it sits
//! in), so the generator knows the reading text exactly and can prove each quote
//! unique before writing it: a quote is a run of words that occurs once in the whole
//! reading text, and a prefixed note sits on a phrase planted twice on purpose.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::text::{
    body, headline, inline_markdown, pick_distinct, sentence, sentence_text, style, Block,
    ContextEntry, Inline, Token, PLACE_NOUNS,
};
use super::words::{capitalized, made_up, slug, Vocabulary};
use super::Rng;

/// Where a note's quote sits: block, list item (0 outside lists), first and last token.
#[derive(Clone, Copy)]
struct Place {
    block: usize,
    item: usize,
    first: usize,
    last: usize,
}

/// A generated note, ready to be written as a sidecar entry or as a footnote.
pub(crate) struct Note {
    place: Place,
    quote: String,
    prefix: Option<String>,
    kind: Option<&'static str>,
    date: Option<String>,
    body: Option<String>,
    /// Index of a context entry.
    reference: Option<usize>,
    sources: Vec<(String, String)>,
}

/// What an article is made of.
pub(crate) struct Article {
    pub(crate) title: String,
    pub(crate) stem: String,
    pub(crate) year: u32,
    pub(crate) date: String,
    pub(crate) authors: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) publication: usize,
    pub(crate) summary: String,
    blocks: Vec<Block>,
    notes: Vec<Note>,
}

/// How big an article is and what its notes may point to.
pub(crate) struct Shape {
    pub(crate) words: usize,
    pub(crate) notes: usize,
    /// Number of context entries a note may `ref`; 0 for none.
    pub(crate) context_entries: usize,
}

impl Article {
    /// Generates an article of about `shape.words` words with `shape.notes` notes.
    pub(crate) fn generate(
        rng: &mut Rng,
        vocabulary: &Vocabulary,
        cast: &super::Cast,
        shape: &Shape,
    ) -> Self {
        let length = 4 + rng.below(6) as usize;
        let title = headline(rng, vocabulary, length);
        let year = 2005 + rng.below(20) as u32;
        let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
        let count = 1 + rng.below(2) as usize;
        let authors = pick_distinct(rng, cast.authors.len(), count)
            .into_iter()
            .map(|i| cast.authors[i].clone())
            .collect();
        let mut tags: Vec<String> = Vec::new();
        // No more tags than the cast has (the long article's cast has one).
        let wanted = (2 + rng.below(5) as usize).min(cast.tags.len());
        while tags.len() < wanted {
            let tag = &cast.tags[cast.tag_rank(rng)];
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        let summary = sentence_text(&sentence(rng, vocabulary, 14, 26));
        let mut article = Self {
            stem: slug(&title),
            title,
            year,
            date,
            authors,
            tags,
            publication: rng.below(super::words::PUBLICATIONS.len() as u64) as usize,
            summary,
            blocks: body(rng, vocabulary, shape.words),
            notes: Vec::new(),
        };
        article.annotate(rng, vocabulary, shape);
        article
    }

    /// Plants phrases for prefixed notes, styles some words, then picks the quotes.
    fn annotate(&mut self, rng: &mut Rng, vocabulary: &Vocabulary, shape: &Shape) {
        let prefixed = match shape.notes {
            0 => 0,
            1..=12 => [0, 1, 1, 1, 2][rng.below(5) as usize].min(shape.notes),
            many => many / 8,
        };
        let mut planted: Vec<[Place; 2]> = Vec::new();
        for _ in 0..prefixed {
            self.plant(rng, &mut planted);
        }
        for block in &mut self.blocks {
            match block {
                Block::Paragraph(inline) | Block::Quote(inline) => style(rng, inline),
                Block::List(items) => items.iter_mut().for_each(|item| style(rng, item)),
                Block::Heading(_) | Block::Code(..) => {}
            }
        }
        let reading = self.reading_text();
        let mut used: Vec<Place> = Vec::new();
        for places in planted {
            let chosen = places[rng.below(2) as usize];
            let prefix = self.words_before(chosen, 2);
            let quote = self.text_of(chosen);
            if count(&reading, &quote) == 2 && count(&reading, &format!("{prefix} {quote}")) == 1 {
                self.push_note(rng, vocabulary, shape, chosen, quote, Some(prefix));
                used.extend(places);
            }
        }
        let eligible = self.eligible();
        let mut attempts = 0;
        while self.notes.len() < shape.notes && attempts < shape.notes * 60 && !eligible.is_empty()
        {
            attempts += 1;
            let (block, item) = eligible[rng.below(eligible.len() as u64) as usize];
            let inline = self.inline(block, item);
            let length = 2 + rng.below(5) as usize;
            if inline.tokens.len() < length + 1 {
                continue;
            }
            let first = rng.below((inline.tokens.len() - length) as u64) as usize;
            let place = Place {
                block,
                item,
                first,
                last: first + length - 1,
            };
            if !fits(inline, place) || used.iter().any(|u| overlaps(*u, place)) {
                continue;
            }
            let quote = self.text_of(place);
            if quote.len() < 8 || count(&reading, &quote) != 1 {
                continue;
            }
            used.push(place);
            self.push_note(rng, vocabulary, shape, place, quote, None);
        }
    }

    fn push_note(
        &mut self,
        rng: &mut Rng,
        vocabulary: &Vocabulary,
        shape: &Shape,
        place: Place,
        quote: String,
        prefix: Option<String>,
    ) {
        let reference = (shape.context_entries > 0 && rng.chance(0.2))
            .then(|| rng.below(shape.context_entries as u64) as usize);
        let body = (reference.is_none() || rng.chance(0.5)).then(|| {
            let sentences = 1 + rng.below(3) as usize;
            let mut text = String::new();
            for n in 0..sentences {
                if n > 0 {
                    text.push(' ');
                }
                let mut tokens = sentence(rng, vocabulary, 8, 20);
                if n == 0 && tokens.len() > 3 && rng.chance(0.3) {
                    tokens[2].word = format!("*{}*", tokens[2].word);
                }
                text.push_str(&sentence_text(&tokens));
            }
            text
        });
        let roll = rng.below(20);
        let kind = match roll {
            0 | 1 => Some("definition"),
            2 => Some("correction"),
            _ => None,
        };
        let date = (roll == 2).then(|| {
            format!(
                "{}-{:02}-{:02}",
                self.year + 1 + rng.below(3) as u32,
                1 + rng.below(12),
                1 + rng.below(28)
            )
        });
        let sources = (0..[0, 0, 1, 1, 2][rng.below(5) as usize])
            .map(|n| {
                let title = {
                    let n = 3 + rng.below(4) as usize;
                    headline(rng, vocabulary, n)
                };
                let url = format!(
                    "https://sources.example.org/{}/{}-{n}",
                    self.year,
                    slug(&title)
                );
                (title, url)
            })
            .collect();
        self.notes.push(Note {
            place,
            quote,
            prefix,
            kind,
            date,
            body,
            reference,
            sources,
        });
    }

    /// Inserts one made-up two-word phrase into two different paragraphs, keeping the
    /// places of phrases planted before right.
    fn plant(&mut self, rng: &mut Rng, planted: &mut Vec<[Place; 2]>) {
        let paragraphs: Vec<usize> = (0..self.blocks.len())
            .filter(|&b| matches!(self.blocks[b], Block::Paragraph(_)))
            .collect();
        if paragraphs.len() < 2 {
            return;
        }
        let phrase = [
            capitalized(&made_up(rng, 2)),
            rng.pick(&PLACE_NOUNS).to_string(),
        ];
        let picked = pick_distinct(rng, paragraphs.len(), 2);
        let mut places = Vec::new();
        for index in picked {
            let block = paragraphs[index];
            let Block::Paragraph(inline) = &mut self.blocks[block] else {
                return;
            };
            let spots: Vec<usize> = (3..inline.tokens.len())
                .filter(|&i| {
                    let before = &inline.tokens[i - 1];
                    before.punct.is_empty() && !before.locked && !inline.tokens[i].locked
                })
                .collect();
            if spots.is_empty() {
                return;
            }
            let at = spots[rng.below(spots.len() as u64) as usize];
            for (offset, word) in phrase.iter().enumerate() {
                inline.tokens.insert(
                    at + offset,
                    Token {
                        word: word.clone(),
                        punct: "",
                        style: None,
                        locked: true,
                    },
                );
            }
            for place in planted.iter_mut().flatten() {
                if place.block == block && place.first >= at {
                    place.first += 2;
                    place.last += 2;
                }
            }
            places.push(Place {
                block,
                item: 0,
                first: at,
                last: at + 1,
            });
        }
        planted.push([places[0], places[1]]);
    }

    fn eligible(&self) -> Vec<(usize, usize)> {
        let mut eligible = Vec::new();
        for (b, block) in self.blocks.iter().enumerate() {
            match block {
                Block::Paragraph(_) | Block::Quote(_) => eligible.push((b, 0)),
                Block::List(items) => eligible.extend((0..items.len()).map(|i| (b, i))),
                Block::Heading(_) | Block::Code(..) => {}
            }
        }
        eligible
    }

    fn inline(&self, block: usize, item: usize) -> &Inline {
        match &self.blocks[block] {
            Block::Heading(inline) | Block::Paragraph(inline) | Block::Quote(inline) => inline,
            Block::List(items) => &items[item],
            Block::Code(..) => unreachable!("code blocks hold no notes"),
        }
    }

    /// The reading text of the quote at `place`: its words and inner punctuation.
    fn text_of(&self, place: Place) -> String {
        let tokens = &self.inline(place.block, place.item).tokens[place.first..=place.last];
        let mut text = String::new();
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(&token.word);
            if i + 1 < tokens.len() {
                text.push_str(token.punct);
            }
        }
        text
    }

    fn words_before(&self, place: Place, words: usize) -> String {
        let tokens = &self.inline(place.block, place.item).tokens;
        let from = place.first.saturating_sub(words);
        let mut text = String::new();
        for token in &tokens[from..place.first] {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&token.word);
            text.push_str(token.punct);
        }
        text
    }

    /// Every block's reading text, blocks apart by a blank line (code blocks left out).
    fn reading_text(&self) -> String {
        let mut texts: Vec<String> = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Heading(inline) | Block::Paragraph(inline) | Block::Quote(inline) => {
                    texts.push(sentence_text(&inline.tokens));
                }
                Block::List(items) => texts.extend(items.iter().map(|i| sentence_text(&i.tokens))),
                Block::Code(..) => {}
            }
        }
        texts.join("\n\n")
    }

    /// Number of words of reading text.
    pub(crate) fn word_count(&self) -> usize {
        self.reading_text().split_whitespace().count()
    }

    /// Number of notes.
    pub(crate) fn note_count(&self) -> usize {
        self.notes.len()
    }

    /// Number of notes with a `prefix`.
    pub(crate) fn prefixed_count(&self) -> usize {
        self.notes.iter().filter(|n| n.prefix.is_some()).count()
    }

    /// The Markdown body; with `footnotes`, each note follows its quote as a footnote.
    pub(crate) fn markdown(&self, footnotes: Option<&[ContextEntry]>) -> String {
        let mut markers: BTreeMap<(usize, usize, usize), Vec<String>> = BTreeMap::new();
        let mut definitions = String::new();
        if let Some(entries) = footnotes {
            let mut order: Vec<usize> = (0..self.notes.len()).collect();
            order.sort_by_key(|&n| {
                let p = self.notes[n].place;
                (p.block, p.item, p.last, p.first)
            });
            for (number, &n) in order.iter().enumerate() {
                let note = &self.notes[n];
                let p = note.place;
                markers
                    .entry((p.block, p.item, p.last))
                    .or_default()
                    .push(format!("[^{}]", number + 1));
                let _ = writeln!(
                    definitions,
                    "[^{}]: {}",
                    number + 1,
                    footnote_text(note, entries)
                );
            }
        }
        let mut out = String::new();
        for (b, block) in self.blocks.iter().enumerate() {
            if b > 0 {
                out.push('\n');
            }
            let marks = |item: usize| {
                markers
                    .range((b, item, 0)..=(b, item, usize::MAX))
                    .map(|(&(_, _, t), m)| (t, m.concat()))
                    .collect::<BTreeMap<usize, String>>()
            };
            match block {
                Block::Heading(inline) => {
                    let _ = writeln!(out, "## {}", inline_markdown(inline, &BTreeMap::new()));
                }
                Block::Paragraph(inline) => {
                    let _ = writeln!(out, "{}", inline_markdown(inline, &marks(0)));
                }
                Block::Quote(inline) => {
                    let _ = writeln!(out, "> {}", inline_markdown(inline, &marks(0)));
                }
                Block::List(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let _ = writeln!(out, "- {}", inline_markdown(item, &marks(i)));
                    }
                }
                Block::Code(lang, code) => {
                    let _ = writeln!(out, "```{lang}\n{code}\n```");
                }
            }
        }
        if !definitions.is_empty() {
            out.push('\n');
            out.push_str(&definitions);
        }
        out
    }

    /// The sidecar: one `[[note]]` per note, in generation order.
    pub(crate) fn sidecar(&self, entries: &[ContextEntry]) -> String {
        let mut out = String::from("# Notes for the generated article of the same name.\n");
        for note in &self.notes {
            let _ = writeln!(out, "\n[[note]]\nquote = {}", toml_string(&note.quote));
            if let Some(prefix) = &note.prefix {
                let _ = writeln!(out, "prefix = {}", toml_string(prefix));
            }
            if let Some(kind) = note.kind {
                let _ = writeln!(out, "kind = \"{kind}\"");
            }
            if let Some(date) = &note.date {
                let _ = writeln!(out, "date = {date}");
            }
            if let Some(entry) = note.reference {
                let _ = writeln!(out, "ref = \"{}\"", entries[entry].id);
            }
            if let Some(body) = &note.body {
                let _ = writeln!(out, "body = \"\"\"\n{body}\n\"\"\"");
            }
            for (title, url) in &note.sources {
                let _ = writeln!(
                    out,
                    "[[note.sources]]\ntitle = {}\nurl = \"{url}\"",
                    toml_string(title)
                );
            }
        }
        out
    }
}

fn footnote_text(note: &Note, entries: &[ContextEntry]) -> String {
    let mut text = String::new();
    match (&note.body, note.reference) {
        (Some(body), _) => text.push_str(body),
        (None, Some(entry)) => text.push_str(&entries[entry].summary),
        (None, None) => {}
    }
    if let Some(entry) = note.reference {
        let entry = &entries[entry];
        let _ = write!(text, " See [{}](/context/{}/).", entry.title, entry.id);
    }
    for (title, url) in &note.sources {
        let _ = write!(text, " Source: [{title}]({url}).");
    }
    text
}

/// A TOML basic string.
pub(crate) fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Overlapping occurrences of `needle` in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    let mut found = 0;
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle) {
        found += 1;
        from += at + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    found
}

fn overlaps(a: Place, b: Place) -> bool {
    a.block == b.block && a.item == b.item && a.first <= b.last && b.first <= a.last
}

/// True when the run neither cuts a styled run in two nor takes a planted word.
fn fits(inline: &Inline, place: Place) -> bool {
    let tokens = &inline.tokens;
    let run = &tokens[place.first..=place.last];
    if run.iter().any(|t| t.locked) || run[..run.len() - 1].iter().any(|t| t.punct == ".") {
        return false;
    }
    let cut_before = place.first > 0
        && tokens[place.first].style.is_some()
        && tokens[place.first].style == tokens[place.first - 1].style;
    let cut_after = place.last + 1 < tokens.len()
        && tokens[place.last].style.is_some()
        && tokens[place.last].style == tokens[place.last + 1].style;
    !cut_before && !cut_after
}
