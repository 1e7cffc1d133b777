//! What `check` warns of in tag, author and publication names: one name written in
//! several ways across the archive (`North Korea`, `north korea`; `José Núñez`, `Jose
//! Nunez`), which gloss files under one page whose title then shows every spelling, and
//! an article that lists one name twice, which its page shows once.
//!
//! In: the articles and their [`Index`]. Out: warnings at the name in the front matter.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::index::{Index, Term, TermSlugs};
use crate::anchor::AnchoredArticle;
use crate::diagnostic::Diagnostic;
use crate::parse::Article;

/// How many other files a warning names before it only counts them.
const NAMED: usize = 4;

/// One taxonomy as the warnings speak of it.
struct Taxonomy<'a> {
    /// `tag`, `author`, `publication`.
    kind: &'static str,
    /// The output folder of its pages.
    section: &'static str,
    /// The front matter key its names are written under.
    key: &'static str,
    terms: &'a [Term],
    /// How its names become their pages' slugs.
    slugs: &'a TermSlugs,
    names: fn(&Article) -> Vec<&str>,
}

/// The warnings of every taxonomy, in file order within each.
pub fn warnings(articles: &[Arc<AnchoredArticle>], index: &Index) -> Vec<Diagnostic> {
    let taxonomies = [
        Taxonomy {
            kind: "tag",
            section: "tags",
            key: "tags",
            terms: &index.tags,
            slugs: &index.slugs.tags,
            names: |a| a.front.tags.iter().map(String::as_str).collect(),
        },
        Taxonomy {
            kind: "author",
            section: "authors",
            key: "authors",
            terms: &index.authors,
            slugs: &index.slugs.authors,
            names: |a| a.front.authors.iter().map(String::as_str).collect(),
        },
        Taxonomy {
            kind: "publication",
            section: "sources",
            key: "name",
            terms: &index.sources,
            slugs: &index.slugs.sources,
            names: |a| {
                a.front
                    .source
                    .as_ref()
                    .and_then(|s| s.name.as_deref())
                    .into_iter()
                    .collect()
            },
        },
    ];
    let mut found = Vec::new();
    for taxonomy in &taxonomies {
        found.extend(repeated(articles, taxonomy));
        found.extend(spelled_apart(articles, taxonomy));
    }
    found
}

/// A name an article lists twice, the same or another spelling of one term: parse
/// keeps the first (see `ArticleFront::repeated`).
fn repeated(articles: &[Arc<AnchoredArticle>], taxonomy: &Taxonomy<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for anchored in articles {
        let article = &anchored.article;
        let mut dropped: HashMap<&str, usize> = HashMap::new();
        for (key, name, kept) in &article.front.repeated {
            if *key != taxonomy.key {
                continue;
            }
            let times = dropped.entry(name).or_insert(0);
            *times += 1;
            // Which time this spelling stands in the list: the kept one comes first.
            let nth = *times + usize::from(name == kept);
            let message = if name == kept {
                format!("the {} `{name}` is listed twice", taxonomy.kind)
            } else {
                format!(
                    "`{name}` and `{kept}` are one {} to gloss ({}/{}/): the article lists it once, as `{kept}`",
                    taxonomy.kind,
                    taxonomy.section,
                    taxonomy.slugs.slug(kept),
                )
            };
            found.push(
                at_name(article, taxonomy.key, name, nth, message)
                    .label(format!("the same {} again", taxonomy.kind))
                    .hint("remove one of them"),
            );
        }
    }
    found
}

/// A term written in several ways over the archive: a warning for each article with a
/// spelling other than the one most articles use.
fn spelled_apart(articles: &[Arc<AnchoredArticle>], taxonomy: &Taxonomy<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for term in taxonomy.terms.iter().filter(|t| t.names.len() > 1) {
        // Which spellings each of the term's articles writes, articles in file order.
        let mut writers: Vec<(&Article, Vec<&str>)> = term
            .articles
            .iter()
            .map(|&i| {
                let article = &*articles[i].article;
                // With the names parse left out as repeats: they were written here too.
                let left_out = article
                    .front
                    .repeated
                    .iter()
                    .filter(|(key, _, _)| *key == taxonomy.key)
                    .map(|(_, name, _)| name.as_str());
                let mut spellings: Vec<&str> = (taxonomy.names)(article)
                    .into_iter()
                    .chain(left_out)
                    .map(str::trim)
                    .filter(|n| term.names.iter().any(|t| t == n))
                    .collect();
                spellings.sort_unstable();
                spellings.dedup();
                (article, spellings)
            })
            .collect();
        writers.sort_by(|a, b| a.0.file.rel.cmp(&b.0.file.rel));
        let count = |name: &str| writers.iter().filter(|(_, s)| s.contains(&name)).count();
        // The index names a term by its commonest spelling first (see index::terms).
        let usual = term.names.first().map_or("", String::as_str);
        let title = term.names.join(" / ");
        let usual_count = count(usual);
        for name in term
            .names
            .iter()
            .map(String::as_str)
            .filter(|n| *n != usual)
        {
            // An article that writes both is warned of as repeating the term.
            let only: Vec<&Article> = writers
                .iter()
                .filter(|(_, s)| s.contains(&name) && !s.contains(&usual))
                .map(|(a, _)| *a)
                .collect();
            for (i, article) in only.iter().enumerate() {
                let mut warning = at_name(
                    article,
                    taxonomy.key,
                    name,
                    1,
                    format!(
                        "the {} `{name}` is written `{usual}` in {usual_count} {}: gloss files both under one page, {}/{}/, titled “{title}”",
                        taxonomy.kind,
                        if usual_count == 1 { "article" } else { "articles" },
                        taxonomy.section,
                        term.slug,
                    ),
                )
                .label(format!("another spelling of `{usual}`"))
                .hint(format!(
                    "write `{usual}` as the other articles do; names meant to stay apart must differ in more than case, accents or punctuation"
                ));
                let others: Vec<&str> = only
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, a)| a.file.path.to_str().unwrap_or_default())
                    .collect();
                if !others.is_empty() {
                    let mut list = others[..others.len().min(NAMED)].join(", ");
                    if others.len() > NAMED {
                        list.push_str(&format!(" and {} more", others.len() - NAMED));
                    }
                    warning = warning.note(format!("also written `{name}` in {list}"));
                }
                found.push(warning);
            }
        }
    }
    found
}

/// A warning about `article` at the `nth` time `name` stands after `key` in its front
/// matter (at the key when it cannot be found as written, as with escapes).
fn at_name(article: &Article, key: &str, name: &str, nth: usize, message: String) -> Diagnostic {
    let file = &article.file;
    let front = &file.text[..article.body.start.min(file.text.len())];
    let span = name_span(front, key, name, nth)
        .or_else(|| crate::parse::key_span(front, key))
        .unwrap_or(0..0);
    Diagnostic::warning(&file.path, message).at(&file.text, span)
}

/// The `nth` (1-based) place of `name` as a whole name (not part of a longer one) after
/// the line of `key` in `front`.
fn name_span(front: &str, key: &str, name: &str, nth: usize) -> Option<Range<usize>> {
    if name.is_empty() {
        return None;
    }
    let from = crate::parse::key_span(front, key)?.end;
    // A name stands alone between quotes, list brackets, commas, a YAML dash or the
    // line's ends, spaces aside: `Korea` is not found inside `"North Korea"`.
    let whole = |start: usize, end: usize| {
        let before = front[..start]
            .trim_end_matches([' ', '\t'])
            .chars()
            .next_back();
        let after = front[end..].trim_start_matches([' ', '\t']).chars().next();
        before.is_none_or(|c| matches!(c, '"' | '\'' | '[' | ',' | '-' | ':' | '\n'))
            && after.is_none_or(|c| matches!(c, '"' | '\'' | ']' | ',' | '\r' | '\n' | '#'))
    };
    front[from..]
        .match_indices(name)
        .map(|(at, _)| from + at..from + at + name.len())
        .filter(|span| whole(span.start, span.end))
        .nth(nth - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_found_whole_after_its_key() {
        let front = "title = \"Korea\"\ntags = [\"North Korea\", \"Korea\", \"Korea\"]\n";
        let first = name_span(front, "tags", "Korea", 1).unwrap();
        assert_eq!(&front[first.start - 1..first.end + 1], "\"Korea\"");
        let second = name_span(front, "tags", "Korea", 2).unwrap();
        assert!(second.start > first.start);
        assert_eq!(name_span(front, "tags", "Korea", 3), None);
        assert_eq!(name_span(front, "authors", "Korea", 1), None);
    }
}
