//! The words the site itself says (navigation, headings, "Notes", "3 min read", month
//! names, what search reports), in English unless `site.toml`'s `[labels]` table gives
//! them in the site's own language.
//!
//! In: the `[labels]` table. Out: [`Labels`], which the templates read as the global
//! `labels` (and the `label` filter for the ones that take a number or a name), the
//! renderer for the few words it writes itself, and `gloss.js` and `search.js` from the
//! page's `data-labels` when the site changes one of theirs. Placeholders in braces
//! (`{n}`, `{name}`) are filled where the label is used; a key ending in `_one` is the
//! form used when the number is 1. What the words mean is not decided here.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::diagnostic::{did_you_mean, Diagnostic};

/// Every label with its English text. Keys read in the browser are in [`SCRIPT_KEYS`].
pub const DEFAULTS: &[(&str, &str)] = &[
    // Every page.
    ("skip_to_content", "Skip to content"),
    ("site_navigation", "Site"),
    ("archive", "Archive"),
    ("tags", "Tags"),
    ("authors", "Authors"),
    ("publications", "Publications"),
    ("context", "Context"),
    ("home", "Home"),
    ("breadcrumb", "Breadcrumb"),
    ("search", "Search"),
    ("search_the_archive", "Search the archive"),
    ("atom_feed", "Atom feed"),
    // Articles.
    ("by", "By"),
    ("updated", "updated"),
    ("first_published_in", "first published in"),
    ("original", "original"),
    ("reading_time", "{n} min read"),
    ("reading_time_one", "{n} min read"),
    ("note_count", "{n} notes"),
    ("note_count_one", "{n} note"),
    ("corrections", "Corrections"),
    ("correction_on", "on"),
    ("note_number", "note {n}"),
    ("credits", "Credits"),
    ("footnotes", "Footnotes"),
    ("footnote_marker", "Footnote {n}"),
    ("back_to_footnote", "Back to footnote {n} reference {m}"),
    ("notes", "Notes"),
    ("notes_as_annotations", "Notes as W3C Web Annotations"),
    ("note_marker", "Note {n}"),
    ("back_to_note", "Back to note {n}"),
    ("more_on", "More on {title}"),
    ("sources", "Sources"),
    ("link_to_passage", "Link to this passage"),
    ("link_to_note_words", "Link to the words of note {n}"),
    ("kind_context", "context"),
    ("kind_definition", "definition"),
    ("kind_correction", "correction"),
    ("kind_source", "source"),
    ("more_articles", "More articles"),
    ("older", "Older"),
    ("newer", "Newer"),
    ("related", "Related"),
    ("done", "Done"),
    ("not_done", "Not done"),
    ("table_number", "Table {n}"),
    // Lists.
    ("page_number", "page {n}"),
    ("pages", "Pages"),
    ("page_of", "Page {n} of {m}"),
    ("tag_heading", "Tag: {name}"),
    ("author_heading", "Author: {name}"),
    ("publication_heading", "Publication: {name}"),
    ("article_count", "{n} articles"),
    ("article_count_one", "{n} article"),
    ("filed_as", "filed as {names}"),
    ("none_yet", "None yet."),
    ("no_articles_yet", "No articles yet."),
    // Context entries.
    ("context_lede", "Background entries that notes across the archive refer to."),
    ("also_known_as", "Also known as: {names}"),
    ("mentioned_in", "Mentioned in"),
    ("no_mentions", "No published article refers to this entry yet."),
    ("mention_count", "{n} mentions"),
    ("mention_count_one", "{n} mention"),
    ("no_context_entries", "No context entries yet."),
    // The page for a missing address.
    ("page_not_found", "Page not found"),
    ("no_page_here", "There is no page at this address."),
    // Search.
    ("search_everything", "Search titles, articles, notes and context entries"),
    (
        "search_keys",
        "Press / on any page to search; ↓ and ↑ move through the results and Enter opens one.",
    ),
    (
        "search_needs_javascript",
        "Search needs JavaScript, which is off or unavailable in this browser. Every article is still listed in the archive and its lists:",
    ),
    ("search_results", "Search results"),
    ("more_results", "More results"),
    ("results_for", "{n} results for “{query}”."),
    ("results_for_one", "{n} result for “{query}”."),
    ("results_showing", "{n} results for “{query}”, showing the first {m}."),
    ("no_results_for", "No results for “{query}”."),
    ("only_common_words", "Only very common words: add a more specific one."),
    (
        "only_short_words",
        "Single letters and digits are not searched: add a word of two or more.",
    ),
    (
        "only_common_and_short",
        "Only very common words and single letters: add a more specific word.",
    ),
    (
        "nothing_to_search",
        "Nothing to search for in these characters: type a word.",
    ),
    ("search_failed", "Search could not load its index ({error})."),
    ("result_article", "Article"),
    ("result_note", "Note {n}"),
    ("result_context", "Context"),
    ("result_on", "on"),
    ("result_also", "also"),
    // Notes opened in place and shortened in the margin.
    ("close_note", "Close note {n}"),
    ("more", "More"),
    ("less", "Less"),
    ("of_note", "of note {n}"),
    // Dates.
    ("date", "{month} {day}, {year}"),
    ("month_year", "{month} {year}"),
];

/// English month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The labels `gloss.js` and `search.js` use (each file also holds their English text).
pub const SCRIPT_KEYS: &[&str] = &[
    "close_note",
    "more",
    "less",
    "of_note",
    "more_results",
    "results_for",
    "results_for_one",
    "results_showing",
    "no_results_for",
    "only_common_words",
    "only_short_words",
    "only_common_and_short",
    "nothing_to_search",
    "search_failed",
    "result_article",
    "result_note",
    "result_context",
    "result_on",
    "result_also",
    "kind_context",
    "kind_definition",
    "kind_correction",
    "kind_source",
    "date",
];

/// The site's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    texts: BTreeMap<&'static str, String>,
    months: Vec<String>,
    /// The keys the site gave.
    given: std::collections::BTreeSet<&'static str>,
    /// For each count label, the text used for the number 1 when it is not the label's
    /// own (its `_one` form), worked out once.
    ones: BTreeMap<&'static str, String>,
}

impl Default for Labels {
    fn default() -> Self {
        let mut labels = Self {
            texts: DEFAULTS
                .iter()
                .map(|(key, text)| (*key, (*text).to_owned()))
                .collect(),
            months: MONTHS.iter().map(|m| (*m).to_owned()).collect(),
            given: std::collections::BTreeSet::new(),
            ones: BTreeMap::new(),
        };
        labels.settle();
        labels
    }
}

impl Labels {
    /// The English labels with `table` (the `[labels]` of `site.toml`, whose text is
    /// `source`) laid over them.
    ///
    /// # Errors
    /// Every unknown key (with the key it probably meant), every value that is not text,
    /// and a `months` that is not a list of twelve names, each at its line of `source`.
    pub fn read(
        table: &toml::Table,
        source: &std::sync::Arc<str>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut labels = Self::default();
        let mut problems = Vec::new();
        let at = |key: &str, message: String| {
            let mut problem = Diagnostic::error(crate::config::FILE, message);
            if let Some(span) = key_span(source, key) {
                problem = problem.at(source, span);
            }
            problem
        };
        for (key, value) in table {
            if key == "months" {
                let names: Option<Vec<String>> = value.as_array().and_then(|list| {
                    list.iter()
                        .map(|name| name.as_str().map(str::to_owned))
                        .collect()
                });
                match names {
                    Some(names) if names.len() == 12 => labels.months = names,
                    _ => problems.push(
                        at(key, "`months` is not a list of twelve names".to_owned()).hint(
                            "write the month names from January to December: months = [\"janvier\", ...]",
                        ),
                    ),
                }
                continue;
            }
            let Some((known, english)) = DEFAULTS.iter().find(|(k, _)| *k == key) else {
                let keys = DEFAULTS.iter().map(|(k, _)| *k).chain(["months"]);
                let hint = match did_you_mean(key, keys) {
                    Some(meant) => format!("did you mean `{meant}`?"),
                    None => "docs/labels.md in gloss's repository lists every label".to_owned(),
                };
                problems.push(at(key, format!("unknown label `{key}`")).hint(hint));
                continue;
            };
            match value.as_str() {
                Some(text) => {
                    // A placeholder the English does not have would be printed as written.
                    let allowed = placeholders(english);
                    if let Some(wrong) = placeholders(text)
                        .into_iter()
                        .find(|p| !allowed.contains(p))
                    {
                        let takes = if allowed.is_empty() {
                            "it takes none".to_owned()
                        } else {
                            format!(
                                "it takes {}",
                                allowed
                                    .iter()
                                    .map(|p| format!("{{{p}}}"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        };
                        problems.push(
                            at(
                                key,
                                format!(
                                    "label `{key}` has {{{wrong}}}, which is not filled in there"
                                ),
                            )
                            .hint(format!("{takes}; the English is \"{english}\"")),
                        );
                    }
                    labels.texts.insert(known, text.to_owned());
                    labels.given.insert(known);
                }
                None => problems.push(
                    at(key, format!("label `{key}` is not text"))
                        .hint(format!("write it in quotes: {key} = \"...\"")),
                ),
            }
        }
        if problems.is_empty() {
            labels.settle();
            Ok(labels)
        } else {
            Err(problems)
        }
    }

    /// The text of label `key` as written, placeholders included.
    ///
    /// # Panics
    /// When `key` is not one of [`DEFAULTS`] (a mistake in gloss, not in a site).
    pub fn get(&self, key: &str) -> &str {
        match self.texts.get(key) {
            Some(text) => text,
            None => panic!("no label `{key}`"),
        }
    }

    /// Whether `key` is a label.
    pub fn has(&self, key: &str) -> bool {
        self.texts.contains_key(key)
    }

    /// Label `key` for the number `n`, `{n}` filled in: its `_one` form when `n` is 1
    /// and there is one, unless the site gave `key` and not its `_one` (a language
    /// whose one form serves every number then needs to write only one).
    pub fn count(&self, key: &str, n: u64) -> String {
        fill(self.for_number(key, n), &[("n", &n.to_string())])
    }

    /// The text of label `key` for the number `n`, its placeholders left in: the `_one`
    /// form for 1 (see [`Labels::count`]).
    pub fn for_number(&self, key: &str, n: u64) -> &str {
        match self.ones.get(key) {
            Some(one) if n == 1 => one,
            _ => self.get(key),
        }
    }

    /// Works out [`Labels::ones`] from the texts and the keys the site gave.
    fn settle(&mut self) {
        self.ones = DEFAULTS
            .iter()
            .filter_map(|(one, _)| {
                let key = one.strip_suffix("_one")?;
                let (key, _) = DEFAULTS.iter().find(|(k, _)| *k == key)?;
                let english_one = self.given.contains(key) && !self.given.contains(one);
                (!english_one).then(|| (*key, self.get(one).to_owned()))
            })
            .collect();
    }

    /// Label `key` with `{n}` filled in.
    pub fn number(&self, key: &str, n: u64) -> String {
        fill(self.get(key), &[("n", &n.to_string())])
    }

    /// How a note's `kind` reads: the `kind_<kind>` label for the kinds gloss knows,
    /// the kind as written for any other.
    pub fn kind(&self, kind: &str) -> String {
        // Matched, not looked up by a key made for it: this runs for every note.
        let key = match kind {
            "context" => "kind_context",
            "definition" => "kind_definition",
            "correction" => "kind_correction",
            "source" => "kind_source",
            other => return other.to_owned(),
        };
        self.get(key).to_owned()
    }

    /// A day as the site writes it (`March 6, 2019`).
    pub fn date(&self, date: jiff::civil::Date) -> String {
        fill(
            self.get("date"),
            &[
                ("month", self.month_name(date.month())),
                ("day", &date.day().to_string()),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// A month as the site names it in the date archive (`March 2019`).
    pub fn month(&self, year: i16, month: i8) -> String {
        fill(
            self.get("month_year"),
            &[
                ("month", self.month_name(month)),
                ("year", &year.to_string()),
            ],
        )
    }

    fn month_name(&self, month: i8) -> &str {
        let index = usize::try_from(month - 1).unwrap_or(0).min(11);
        &self.months[index]
    }

    /// The label texts by key, for the templates' global `labels`.
    pub fn texts(&self) -> &BTreeMap<&'static str, String> {
        &self.texts
    }

    /// The labels the browser scripts use, as JSON, when the site changed one of them
    /// (or a month name); `None` when the scripts' own English is right.
    pub fn script_json(&self) -> Option<String> {
        let english = Self::default();
        let changed = self.months != english.months
            || SCRIPT_KEYS.iter().any(|k| self.get(k) != english.get(k));
        if !changed {
            return None;
        }
        let mut value = serde_json::Map::new();
        for key in SCRIPT_KEYS {
            value.insert((*key).to_owned(), self.get(key).into());
        }
        value.insert("months".to_owned(), self.months.clone().into());
        Some(serde_json::Value::Object(value).to_string())
    }

    /// Every text, for cache keys.
    pub fn fingerprint(&self) -> String {
        format!("{:?}{:?}{:?}", self.texts, self.months, self.given)
    }
}

/// `text` with each `{name}` of `values` replaced by its value; other braces stay.
pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    fill_with(text, |name, out| {
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => {
                out.push_str(value);
                true
            }
            None => false,
        }
    })
}

/// `text` with each `{name}` replaced by what `put` writes for it; a name `put` does not
/// know (it returns false) stays as written. One pass, one string.
pub fn fill_with(text: &str, mut put: impl FnMut(&str, &mut String) -> bool) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        if !put(&after[..close], &mut out) {
            out.push_str(&rest[open..open + close + 2]);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The names in braces in `text`, in order.
fn placeholders(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill_with(text, |name, _| {
        names.push(name.to_owned());
        true
    });
    names
}

/// The span of `key = ` in the `[labels]` table of `source`.
fn key_span(source: &str, key: &str) -> Option<Range<usize>> {
    let start = source.find("[labels]")?;
    let mut offset = start;
    for line in source[start..].split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let bare = trimmed
            .strip_prefix(key)
            .or_else(|| trimmed.strip_prefix(&format!("\"{key}\"")));
        if let Some(rest) = bare {
            if rest.trim_start().starts_with('=') {
                return Some(offset + indent..offset + indent + key.len());
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Labels, Vec<Diagnostic>> {
        let table: toml::Table = text.parse().expect("toml");
        let labels = table
            .get("labels")
            .and_then(|v| v.as_table())
            .cloned()
            .unwrap_or_default();
        Labels::read(&labels, &std::sync::Arc::from(text))
    }

    #[test]
    fn counts_take_the_one_form_for_one() {
        let labels = Labels::default();
        assert_eq!(labels.count("note_count", 1), "1 note");
        assert_eq!(labels.count("note_count", 25), "25 notes");
        assert_eq!(labels.count("reading_time", 1), "1 min read");
    }

    #[test]
    fn a_site_gives_its_own_words_and_month_names() {
        let labels = read(
            "[labels]\nnotes = \"Notes de contexte\"\nnote_count = \"{n} notes\"\nnote_count_one = \"une note\"\ndate = \"{day} {month} {year}\"\nmonths = [\"janvier\", \"février\", \"mars\", \"avril\", \"mai\", \"juin\", \"juillet\", \"août\", \"septembre\", \"octobre\", \"novembre\", \"décembre\"]\n",
        )
        .expect("labels");
        assert_eq!(labels.get("notes"), "Notes de contexte");
        assert_eq!(labels.count("note_count", 1), "une note");
        // Given without its `_one`, a count label serves every number.
        let read_only = read("[labels]\nreading_time = \"{n} min de lecture\"\n").expect("labels");
        assert_eq!(read_only.count("reading_time", 1), "1 min de lecture");
        let day = jiff::civil::date(2019, 3, 6);
        assert_eq!(labels.date(day), "6 mars 2019");
        assert_eq!(labels.month(2019, 8), "août 2019");
        assert_eq!(Labels::default().date(day), "March 6, 2019");
        let script = labels.script_json().expect("months changed");
        assert!(script.contains("\"mars\""), "{script}");
        assert_eq!(Labels::default().script_json(), None);
    }

    #[test]
    fn unknown_keys_and_wrong_values_are_named_at_their_lines() {
        let text = "title = \"T\"\n[labels]\nnotse = \"Notes\"\nmore = 3\nmonths = [\"a\"]\n";
        let problems = read(text).expect_err("problems");
        let shown: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
        assert_eq!(problems.len(), 3, "{shown:#?}");
        let all = shown.join("\n");
        assert!(all.contains("unknown label `notse`"), "{all}");
        assert!(all.contains("did you mean `notes`?"), "{all}");
        assert!(all.contains("label `more` is not text"), "{all}");
        assert!(all.contains("twelve names"), "{all}");
        let wrong =
            read("[labels]\nnote_count = \"{count} notes\"\nnote_count_one = \"une note\"\n")
                .expect_err("a placeholder the label does not take");
        let shown = format!("{:?}", wrong[0]);
        assert!(shown.contains("label `note_count` has {count}"), "{shown}");
        assert!(shown.contains("it takes {n}"), "{shown}");
        assert_eq!(key_span(text, "notse"), Some(21..26));
    }

    #[test]
    fn every_label_is_listed_in_the_docs_with_its_english() {
        let docs = include_str!("../docs/labels.md");
        for (key, english) in DEFAULTS {
            let row = format!("| `{key}` | {} |", english.replace('|', "\\|"));
            assert!(docs.contains(&row), "docs/labels.md lacks {row}");
        }
    }

    #[test]
    fn the_scripts_hold_the_same_english_as_the_defaults() {
        let scripts = [
            include_str!("../static/gloss.js"),
            include_str!("../static/search.js"),
        ]
        .concat();
        for key in SCRIPT_KEYS {
            let english = serde_json::to_string(Labels::default().get(key)).expect("json");
            assert!(
                scripts.contains(&format!("{key}: {english}")),
                "the scripts do not hold {key}: {english}"
            );
        }
        for month in MONTHS {
            assert!(scripts.contains(&format!("\"{month}\"")), "{month}");
        }
    }
}
