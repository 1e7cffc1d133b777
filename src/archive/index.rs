//! Works out how articles relate: by date, tag, author, publication, and context entry.
//!
//! In: the anchored articles. Out: an [`Index`] of plain article positions: newest first,
//! taxonomies with their slugs, years and months, previous and next, related articles and
//! the passages that mention each context entry. Pages are rendered from it; nothing here
//! renders or copies article data.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::anchor::AnchoredArticle;

/// A tag, author or publication: the names that share one slug, and their articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// URL segment (`north-korea`).
    pub slug: String,
    /// The spellings found, sorted (`North Korea`, `north korea`).
    pub names: Vec<String>,
    /// Articles, newest first (indices into the article list).
    pub articles: Vec<usize>,
}

/// One month of the date archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// 1 to 12.
    pub month: i8,
    /// Articles, newest first.
    pub articles: Vec<usize>,
}

/// One year of the date archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// The year.
    pub year: i16,
    /// Articles, newest first.
    pub articles: Vec<usize>,
    /// Months with articles, newest first.
    pub months: Vec<Month>,
}

/// The slugs of each taxonomy's terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slugs {
    /// Tags.
    pub tags: TermSlugs,
    /// Authors.
    pub authors: TermSlugs,
    /// Publications.
    pub sources: TermSlugs,
}

impl Slugs {
    /// The slugs of the terms of `articles`.
    pub fn new(articles: &[std::sync::Arc<AnchoredArticle>]) -> Self {
        let fronts = || articles.iter().map(|a| &a.article.front);
        Slugs {
            tags: TermSlugs::new(fronts().flat_map(|f| f.tags.iter().map(String::as_str))),
            authors: TermSlugs::new(fronts().flat_map(|f| f.authors.iter().map(String::as_str))),
            sources: TermSlugs::new(
                fronts().filter_map(|f| f.source.as_ref().and_then(|s| s.name.as_deref())),
            ),
        }
    }

    /// Adds what these slugs depend on to a cache key.
    pub fn key(&self, key: crate::cache::Key) -> crate::cache::Key {
        self.sources.key(self.authors.key(self.tags.key(key)))
    }
}

/// A passage that refers to a context entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// The article.
    pub article: usize,
    /// The note's position in the article's (numbered) notes.
    pub note: usize,
}

/// The relations between articles.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// All articles, newest first (ties by URL).
    pub newest_first: Vec<usize>,
    /// Tags, by slug.
    pub tags: Vec<Term>,
    /// Authors, by slug.
    pub authors: Vec<Term>,
    /// Publications (`[source].name`), by slug.
    pub sources: Vec<Term>,
    /// How tag, author and publication names become their pages' slugs.
    pub slugs: Slugs,
    /// Years, newest first.
    pub years: Vec<Year>,
    /// Per article: the next newer article.
    pub newer: Vec<Option<usize>>,
    /// Per article: the next older article.
    pub older: Vec<Option<usize>>,
    /// Per article: up to five related articles, most shared tags first.
    pub related: Vec<Vec<usize>>,
    /// Per context entry id: the passages that refer to it, newest article first.
    pub mentions: BTreeMap<String, Vec<Mention>>,
}

pub use crate::slug::{term_slug, TermSlugs};

/// How many related articles an article page shows.
pub const RELATED: usize = 5;

/// Builds the index of `articles`.
pub fn build<'a>(articles: &'a [std::sync::Arc<AnchoredArticle>]) -> Index {
    let mut newest_first: Vec<usize> = (0..articles.len()).collect();
    newest_first.sort_by(|&a, &b| {
        let (a, b) = (&articles[a].article, &articles[b].article);
        b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url))
    });
    let mut newer = vec![None; articles.len()];
    let mut older = vec![None; articles.len()];
    for pair in newest_first.windows(2) {
        older[pair[0]] = Some(pair[1]);
        newer[pair[1]] = Some(pair[0]);
    }
    let slugs = Slugs::new(articles);
    let names = |list: &'a [String]| list.iter().map(String::as_str).collect::<Vec<&str>>();
    let tags = terms(&newest_first, &slugs.tags, |i| {
        names(&articles[i].article.front.tags)
    });
    let authors = terms(&newest_first, &slugs.authors, |i| {
        names(&articles[i].article.front.authors)
    });
    let sources = terms(&newest_first, &slugs.sources, |i| {
        articles[i]
            .article
            .front
            .source
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .into_iter()
            .collect()
    });
    let related = related(articles, &newest_first, &tags);
    Index {
        years: years(articles, &newest_first),
        mentions: mentions(articles, &newest_first),
        newest_first,
        tags,
        authors,
        sources,
        slugs,
        newer,
        older,
        related,
    }
}

/// A hash of everything [`build`] reads of the articles, in their order: equal keys
/// give equal indexes, so a rebuild after an edit that kept every article's date, tags,
/// authors, publication and note references reuses the last index. `memo` keeps each
/// article's part under the article's own key (a hash of its files), so only changed
/// articles are hashed again.
pub fn key(
    articles: &[std::sync::Arc<AnchoredArticle>],
    memo: &mut crate::cache::FastMap<u64, u64>,
) -> u64 {
    let parts: Vec<u64> = articles
        .iter()
        .map(|a| *memo.entry(a.article.key).or_insert_with(|| article_part(a)))
        .collect();
    if memo.len() > 2 * articles.len() + 64 {
        let live: std::collections::HashSet<u64> = articles.iter().map(|a| a.article.key).collect();
        memo.retain(|k, _| live.contains(k));
    }
    parts
        .iter()
        .fold(
            crate::cache::Key::new().u64(parts.len() as u64),
            |key, part| key.u64(*part),
        )
        .finish()
}

/// What [`build`] reads of one article, its redirects and its last change (which files a
/// patch does not make depend on), hashed.
pub(crate) fn article_part(anchored: &AnchoredArticle) -> u64 {
    use crate::cache::Key;
    let list = |key: Key, names: &[String]| {
        names
            .iter()
            .fold(key.u64(names.len() as u64), |key, name| key.str(name))
    };
    let article = &anchored.article;
    let day = article.date.day;
    let mut key = Key::new()
        .str(&article.file.rel)
        .str(&article.url)
        .str(&article.date.rfc3339)
        .u64(day.year().unsigned_abs().into())
        .u64(day.month().unsigned_abs().into())
        .u64(day.day().unsigned_abs().into());
    key = list(key, &article.front.tags);
    key = list(key, &article.front.authors);
    // Not read by the index, but files of their own, and the sitemap's time of the
    // article's last change: a change of either is for a full build.
    key = list(key, &article.redirects);
    key = key.str(&super::feeds::last_change(anchored).rfc3339);
    key = key.str(
        article
            .front
            .source
            .as_ref()
            .and_then(|s| s.name.as_deref())
            .unwrap_or("\u{0}"),
    );
    key = key.u64(anchored.notes.len() as u64);
    for note in &anchored.notes {
        key = key.str(note.spec.reference.as_deref().unwrap_or("\u{0}"));
    }
    key.finish()
}

fn terms<'a>(
    order: &[usize],
    slugs: &TermSlugs,
    names_of: impl Fn(usize) -> Vec<&'a str>,
) -> Vec<Term> {
    // Each distinct spelling is slugged once, each slug is looked up once per article.
    let mut slug_of: HashMap<&str, usize> = HashMap::new();
    let mut terms: Vec<Term> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    // How many times each spelling is written, to name a term by its commonest first.
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for &article in order {
        let mut seen: Vec<usize> = Vec::new();
        for name in names_of(article) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let t = *slug_of.entry(name).or_insert_with(|| {
                let slug = slugs.slug(name);
                *by_slug.entry(slug.clone()).or_insert_with(|| {
                    terms.push(Term {
                        slug,
                        names: Vec::new(),
                        articles: Vec::new(),
                    });
                    terms.len() - 1
                })
            });
            *uses.entry(name).or_default() += 1;
            let term = &mut terms[t];
            if !term.names.iter().any(|n| n == name) {
                term.names.push(name.to_owned());
            }
            if !seen.contains(&t) {
                term.articles.push(article);
                seen.push(t);
            }
        }
    }
    let mut list = terms;
    // The commonest spelling first; of spellings as common, the one with its accents
    // (`Économie` before `economie`), then in sorted order (`North Korea` first).
    let accents = |name: &str| name.chars().filter(|c| !c.is_ascii()).count();
    for term in &mut list {
        term.names.sort_by(|a, b| {
            let (ua, ub) = (uses.get(a.as_str()), uses.get(b.as_str()));
            ub.cmp(&ua)
                .then_with(|| accents(b).cmp(&accents(a)))
                .then_with(|| a.cmp(b))
        });
    }
    // In the order of the names as readers read them, case and accents aside (`Été`
    // among the e's, `أدب` before `ب`), not of their transliterated slugs.
    let mut keyed: Vec<(String, Term)> = list
        .into_iter()
        .map(|term| {
            let key = term
                .names
                .first()
                .map_or_else(String::new, |name| crate::slug::term_key(name));
            (key, term)
        })
        .collect();
    keyed.sort_unstable_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.slug.cmp(&y.slug)));
    keyed.into_iter().map(|(_, term)| term).collect()
}

fn years(articles: &[std::sync::Arc<AnchoredArticle>], order: &[usize]) -> Vec<Year> {
    let mut years: Vec<Year> = Vec::new();
    for &i in order {
        let day = articles[i].article.date.day;
        if years.last().is_none_or(|y| y.year != day.year()) {
            years.push(Year {
                year: day.year(),
                articles: Vec::new(),
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            continue;
        };
        year.articles.push(i);
        if year.months.last().is_none_or(|m| m.month != day.month()) {
            year.months.push(Month {
                month: day.month(),
                articles: Vec::new(),
            });
        }
        if let Some(month) = year.months.last_mut() {
            month.articles.push(i);
        }
    }
    years
}

/// Related articles by shared tags. Only the articles nearest in date within each tag
/// are considered, so a tag on half the archive does not make this quadratic.
fn related(
    articles: &[std::sync::Arc<AnchoredArticle>],
    order: &[usize],
    tags: &[Term],
) -> Vec<Vec<usize>> {
    const WINDOW: usize = 60;
    let rank: Vec<usize> = {
        let mut rank = vec![0; articles.len()];
        for (position, &i) in order.iter().enumerate() {
            rank[i] = position;
        }
        rank
    };
    // For each article, its tags and its position in each tag's list.
    let mut tags_of: Vec<Vec<(usize, usize)>> = vec![Vec::new(); articles.len()];
    for (t, term) in tags.iter().enumerate() {
        for (p, &a) in term.articles.iter().enumerate() {
            tags_of[a].push((t, p));
        }
    }
    (0..articles.len())
        .into_par_iter()
        .map_init(
            // Per thread: how many tags each article shares with the current one, and
            // which counters are not zero (so resetting costs what counting did).
            || (vec![0u32; articles.len()], Vec::new()),
            |(shared, met), a| {
                for &(t, at) in &tags_of[a] {
                    let list = &tags[t].articles;
                    let from = at.saturating_sub(WINDOW);
                    let to = (at + WINDOW + 1).min(list.len());
                    for &other in &list[from..to] {
                        if other != a {
                            if shared[other] == 0 {
                                met.push(other);
                            }
                            shared[other] += 1;
                        }
                    }
                }
                let by = |&other: &usize| {
                    (
                        std::cmp::Reverse(shared[other]),
                        rank[a].abs_diff(rank[other]),
                        rank[other],
                    )
                };
                let mut best = met.clone();
                if best.len() > RELATED {
                    best.select_nth_unstable_by_key(RELATED, by);
                    best.truncate(RELATED);
                }
                best.sort_unstable_by_key(by);
                for &other in met.iter() {
                    shared[other] = 0;
                }
                met.clear();
                best
            },
        )
        .collect()
}

fn mentions(
    articles: &[std::sync::Arc<AnchoredArticle>],
    order: &[usize],
) -> BTreeMap<String, Vec<Mention>> {
    let mut mentions: BTreeMap<String, Vec<Mention>> = BTreeMap::new();
    for &article in order {
        for (note, anchored) in articles[article].notes.iter().enumerate() {
            if let Some(id) = &anchored.spec.reference {
                mentions
                    .entry(id.clone())
                    .or_default()
                    .push(Mention { article, note });
            }
        }
    }
    mentions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_that_slug_alike_share_a_term() {
        let names = [
            vec!["North Korea".to_owned()],
            vec!["north korea".to_owned(), "Sanctions".to_owned()],
        ];
        let slugs = TermSlugs::new(names.iter().flatten().map(String::as_str));
        let terms = terms(&[0, 1], &slugs, |i| {
            names[i].iter().map(String::as_str).collect()
        });
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].slug, "north-korea");
        assert_eq!(terms[0].names, ["North Korea", "north korea"]);
        assert_eq!(terms[0].articles, [0, 1]);
    }

    #[test]
    fn names_without_ascii_letters_get_a_stable_slug() {
        assert_eq!(term_slug("!!!"), term_slug("!!!"));
        assert!(term_slug("!!!").starts_with("t-"));
        assert_eq!(term_slug("Ri Yong Ho"), "ri-yong-ho");
    }
}
