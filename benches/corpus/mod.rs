//! Generates a corpus of annotated articles for benchmarks: a gloss site and the same
//! articles as a Hugo site.
//!
//! Deterministic: the same options and seed give the same bytes on every machine (a
//! splitmix64 generator, no clock, no hashing order). Shared by `examples/gen_corpus.rs`
//! and `benches/build.rs` through `#[path]`.

mod article;
mod hugo;
mod text;
mod words;

use std::fs;
use std::io;
use std::path::Path;

use article::{Article, Shape};
use text::ContextEntry;
use words::Vocabulary;

/// splitmix64: small, fast and the same everywhere.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The people, tags and their popularity shared by all articles.
pub(crate) struct Cast {
    pub(crate) authors: Vec<String>,
    pub(crate) tags: Vec<String>,
    /// Cumulative tag weights, rank r weighing 1 / (r + 1): a long tail.
    tag_weights: Vec<f64>,
}

impl Cast {
    /// A tag index, popular tags often.
    pub(crate) fn tag_rank(&self, rng: &mut Rng) -> usize {
        let total = self.tag_weights[self.tag_weights.len() - 1];
        let target = rng.unit() * total;
        self.tag_weights
            .partition_point(|&w| w < target)
            .min(self.tags.len() - 1)
    }
}

/// What to generate.
pub(crate) struct Options {
    pub(crate) articles: usize,
    pub(crate) seed: u64,
    /// Words per article, about.
    pub(crate) words: usize,
    /// Notes per article, on average.
    pub(crate) notes: usize,
    /// Also write the Hugo site.
    pub(crate) hugo: bool,
}

/// What was generated.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub(crate) articles: usize,
    pub(crate) words: usize,
    pub(crate) notes: usize,
    pub(crate) prefixed: usize,
    pub(crate) bytes: u64,
}

const TITLE: &str = "Generated annotated archive";

/// The generated site's `site.toml`.
pub(crate) const SITE_TOML: &str = "title = \"Generated annotated archive\"\nbase_url = \"https://example.org/\"\ndescription = \"A generated corpus for benchmarks.\"\npaginate = 10\n";
const TAGS: usize = 200;
const AUTHORS: usize = 20;
const CONTEXT_ENTRIES: usize = 50;

/// Writes `<out>/gloss/` (site.toml, content/) and, with `options.hugo`, `<out>/hugo/`.
///
/// # Errors
/// Any I/O failure.
pub(crate) fn generate(options: &Options, out: &Path) -> io::Result<Summary> {
    let mut rng = Rng::new(options.seed);
    let vocabulary = Vocabulary::new(&mut rng, 3000);
    let mut total = 0.0;
    let cast = Cast {
        authors: words::authors(&mut rng, AUTHORS),
        tags: words::tags(&mut rng, &vocabulary, TAGS),
        tag_weights: (0..TAGS)
            .map(|r| {
                total += 1.0 / (r as f64 + 1.0);
                total
            })
            .collect(),
    };
    let entries = text::context_entries(&mut rng, &vocabulary, CONTEXT_ENTRIES);
    let gloss = out.join("gloss");
    let hugo = out.join("hugo");
    let mut summary = Summary::default();
    write(&mut summary, &gloss.join("site.toml"), SITE_TOML)?;
    if options.hugo {
        write(&mut summary, &hugo.join("hugo.toml"), &hugo::config(TITLE))?;
        for (path, text) in hugo::LAYOUTS {
            write(&mut summary, &hugo.join("layouts").join(path), text)?;
        }
        let list = hugo::LAYOUTS
            .iter()
            .find(|(path, _)| *path == "list.html")
            .map_or("", |(_, text)| text);
        write(
            &mut summary,
            &hugo.join("layouts").join(hugo::TERM_LAYOUT),
            list,
        )?;
    }
    for entry in &entries {
        write(
            &mut summary,
            &gloss.join(format!("content/context/{}.md", entry.id)),
            &context_markdown(entry, false),
        )?;
        if options.hugo {
            write(
                &mut summary,
                &hugo.join(format!("content/context/{}.md", entry.id)),
                &context_markdown(entry, true),
            )?;
        }
    }
    let shape = Shape {
        words: options.words,
        notes: options.notes,
        context_entries: entries.len(),
    };
    let mut stems = std::collections::HashSet::new();
    for _ in 0..options.articles {
        let mut article = Article::generate(&mut rng, &vocabulary, &cast, &shape);
        let mut stem = article.stem.clone();
        let mut n = 2;
        while !stems.insert(format!("{}/{stem}", article.year)) {
            stem = format!("{}-{n}", article.stem);
            n += 1;
        }
        article.stem = stem;
        summary.articles += 1;
        summary.words += article.word_count();
        summary.notes += article.note_count();
        summary.prefixed += article.prefixed_count();
        let dir = format!("content/{}", article.year);
        let front = front_matter(&article, false);
        write(
            &mut summary,
            &gloss.join(format!("{dir}/{}.md", article.stem)),
            &format!("{front}\n{}", article.markdown(None)),
        )?;
        write(
            &mut summary,
            &gloss.join(format!("{dir}/{}.annotations.toml", article.stem)),
            &article.sidecar(&entries),
        )?;
        if options.hugo {
            let front = front_matter(&article, true);
            write(
                &mut summary,
                &hugo.join(format!("{dir}/{}.md", article.stem)),
                &format!("{front}\n{}", article.markdown(Some(&entries))),
            )?;
        }
    }
    Ok(summary)
}

/// One article of `words` words with `notes` notes, as (Markdown file, sidecar): the
/// anchoring stress case of issue #2.
pub(crate) fn long_article(seed: u64, words: usize, notes: usize) -> (String, String) {
    let mut rng = Rng::new(seed);
    let vocabulary = Vocabulary::new(&mut rng, 3000);
    let cast = Cast {
        authors: words::authors(&mut rng, 2),
        tags: vec!["long read".to_owned()],
        tag_weights: vec![1.0],
    };
    let shape = Shape {
        words,
        notes,
        context_entries: 0,
    };
    let article = Article::generate(&mut rng, &vocabulary, &cast, &shape);
    let markdown = format!(
        "{}\n{}",
        front_matter(&article, false),
        article.markdown(None)
    );
    (markdown, article.sidecar(&[]))
}

fn front_matter(article: &Article, hugo: bool) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| article::toml_string(s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (name, home) = words::PUBLICATIONS[article.publication];
    let url = format!("{home}/{}/{}", article.year, article.stem);
    let mut front = format!(
        "+++\ntitle = {}\ndate = {}\nauthors = [{}]\ntags = [{}]\nsummary = {}\n",
        article::toml_string(&article.title),
        article.date,
        list(&article.authors),
        list(&article.tags),
        article::toml_string(&article.summary),
    );
    if hugo {
        front.push_str(&format!(
            "sources = [{}]\nsource_url = \"{url}\"\n",
            article::toml_string(name)
        ));
    } else {
        front.push_str(&format!(
            "\n[source]\nname = {}\nurl = \"{url}\"\n",
            article::toml_string(name)
        ));
    }
    front.push_str("+++\n");
    front
}

fn context_markdown(entry: &ContextEntry, hugo: bool) -> String {
    let mut text = format!("+++\ntitle = {}\n", article::toml_string(&entry.title));
    if !hugo && !entry.aliases.is_empty() {
        let aliases: Vec<String> = entry
            .aliases
            .iter()
            .map(|a| article::toml_string(a))
            .collect();
        text.push_str(&format!("aliases = [{}]\n", aliases.join(", ")));
    }
    text.push_str(&format!(
        "summary = {}\n+++\n",
        article::toml_string(&entry.summary)
    ));
    for paragraph in &entry.paragraphs {
        text.push('\n');
        text.push_str(paragraph);
        text.push('\n');
    }
    text
}

fn write(summary: &mut Summary, path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)?;
    summary.bytes += text.len() as u64;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_long_article_has_its_words_and_notes_and_is_the_same_for_a_seed() {
        // Its cast has a single tag: asking an article for more once looped for ever.
        let (markdown, sidecar) = super::long_article(2, 5_000, 200);
        let words = markdown.split_whitespace().count();
        assert!((4_500..6_500).contains(&words), "{words} words");
        let notes = sidecar.matches("[[note]]").count();
        assert!((180..=200).contains(&notes), "{notes} notes");
        assert_eq!(super::long_article(2, 5_000, 200), (markdown, sidecar));
    }
}
