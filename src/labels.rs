//! The words the site itself says (navigation, headings, "Notes", "3 min read", month
//! names, what search reports), in English unless `site.toml`'s `[labels]` table gives
//! them in the site's own language.
//!
//! In: the `[labels]` table. Out: [`Labels`], which the templates read as the global
//! `labels` (and the `label` filter for the ones that take a number or a name), the
//! renderer for the few words it writes itself, and `gloss.js` and `search.js` from the
//! page's `data-labels` when the site changes one of theirs. Placeholders in braces
//! (`{n}`, `{name}`) are filled where the label is used. A count label (`note_count`)
//! may have a form for each plural category of the site's language (`note_count_one`,
//! `note_count_few`; CLDR's categories, picked by its rules). What the words mean is not
//! decided here.

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
    ("search_off", "Search needs JavaScript"),
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
    ("contents", "Contents"),
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
    ("link_to_note_words", "Link to this passage: the words of note {n}"),
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
    ("newest", "Newest"),
    ("oldest", "Oldest"),
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
    ("did_you_mean", "Did you mean {query}?"),
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
    ("result_page", "Page"),
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

/// The lists of names a site may give under `[labels]`: each key, how many names it
/// holds, and how to write it.
const NAME_LISTS: [(&str, usize, &str); 4] = [
    (
        "months",
        12,
        "of the months from January to December: months = [\"janvier\", ...]",
    ),
    (
        "months_short",
        12,
        "of the months, short, from January to December: months_short = [\"janv.\", ...]",
    ),
    (
        "weekdays",
        7,
        "of the days from Monday to Sunday: weekdays = [\"lundi\", ...]",
    ),
    (
        "weekdays_short",
        7,
        "of the days, short, from Monday to Sunday: weekdays_short = [\"lun.\", ...]",
    ),
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

/// The labels that count something: each may have a form for each of the plural
/// categories its language uses, under the key with `_zero`, `_one`, `_two`, `_few` or
/// `_many` after it; the label itself is the form for every other number.
pub const COUNTS: &[&str] = &[
    "reading_time",
    "note_count",
    "article_count",
    "mention_count",
    "results_for",
    "results_showing",
];

/// CLDR's plural categories but "other", in its order.
const CATEGORIES: [&str; 5] = ["zero", "one", "two", "few", "many"];

/// How a language picks the form of a count: CLDR's cardinal rules for it (for `pt-BR`,
/// those of `pt-BR` or else of `pt`), English's when CLDR has none.
#[derive(Clone)]
struct Plurals {
    tag: String,
    rules: Option<intl_pluralrules::PluralRules>,
}

impl Plurals {
    fn new(tag: &str) -> Self {
        let create = |tag: &str| {
            let id: unic_langid::LanguageIdentifier = tag.parse().ok()?;
            intl_pluralrules::PluralRules::create(id, intl_pluralrules::PluralRuleType::CARDINAL)
                .ok()
        };
        let primary = tag.split(['-', '_']).next().unwrap_or(tag);
        Self {
            tag: tag.to_owned(),
            rules: create(tag).or_else(|| create(primary)),
        }
    }

    /// The category of `n` as an index into [`CATEGORIES`], or `None` for "other".
    fn category(&self, n: u64) -> Option<usize> {
        use intl_pluralrules::PluralCategory as C;
        let Some(rules) = &self.rules else {
            return (n == 1).then_some(1);
        };
        // CLDR 38 gave these languages a form for whole millions ("1 000 000 de notes"),
        // which the rules' data predates.
        if n != 0 && n.is_multiple_of(1_000_000) && MILLIONS.contains(&self.primary().as_str()) {
            return Some(4);
        }
        match rules.select(n) {
            Ok(C::ZERO) => Some(0),
            Ok(C::ONE) => Some(1),
            Ok(C::TWO) => Some(2),
            Ok(C::FEW) => Some(3),
            Ok(C::MANY) => Some(4),
            Ok(C::OTHER) | Err(_) => None,
        }
    }

    /// The categories (but "other") whole numbers take in this language.
    fn used(&self) -> Vec<usize> {
        let mut used: Vec<usize> = (0..=1000)
            .chain([1_000_000])
            .filter_map(|n| self.category(n))
            .collect();
        used.sort_unstable();
        used.dedup();
        used
    }
}

/// The languages whose counts take CLDR's `many` for whole millions.
const MILLIONS: [&str; 5] = ["ca", "es", "fr", "it", "pt"];

impl Plurals {
    /// The language's primary subtag, lower-cased (`pt` of `pt-BR`).
    fn primary(&self) -> String {
        self.tag
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    }
}

impl std::fmt::Debug for Plurals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Plurals").field(&self.tag).finish()
    }
}

impl PartialEq for Plurals {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag
    }
}

impl Eq for Plurals {}

/// The forms of one count label.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CountForms {
    /// Whether the site's language picks the form (the site gave the label or one of its
    /// forms); English picks it otherwise, for the English forms.
    site: bool,
    /// The form for each of [`CATEGORIES`] there is one for; the label itself serves
    /// the rest.
    forms: [Option<String>; 5],
}

/// `key` as a count label and a category (`note_count_few` -> `note_count`, 3).
fn count_form(key: &str) -> Option<(&'static str, usize)> {
    let (base, category) = key.rsplit_once('_')?;
    let base = COUNTS.iter().find(|c| **c == base)?;
    let category = CATEGORIES.iter().position(|c| *c == category)?;
    Some((base, category))
}

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
    "did_you_mean",
    "only_common_words",
    "only_short_words",
    "only_common_and_short",
    "nothing_to_search",
    "search_failed",
    "result_article",
    "result_note",
    "result_context",
    "result_page",
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
    /// The other lists of names the site gave (`months_short`, `weekdays`,
    /// `weekdays_short`); without them, jiff writes them in English.
    names: BTreeMap<&'static str, Vec<String>>,
    /// The keys the site gave.
    given: std::collections::BTreeSet<&'static str>,
    /// The plural forms the site gave (`note_count_few`), by count label and category.
    given_forms: BTreeMap<(&'static str, usize), String>,
    /// The site's language's plural rules.
    plurals: Plurals,
    /// Each count label's forms, worked out once.
    counts: BTreeMap<&'static str, CountForms>,
}

impl Default for Labels {
    fn default() -> Self {
        let mut labels = Self {
            texts: DEFAULTS
                .iter()
                .map(|(key, text)| (*key, (*text).to_owned()))
                .collect(),
            months: MONTHS.iter().map(|m| (*m).to_owned()).collect(),
            names: BTreeMap::new(),
            given: std::collections::BTreeSet::new(),
            given_forms: BTreeMap::new(),
            plurals: Plurals::new("en"),
            counts: BTreeMap::new(),
        };
        labels.settle();
        labels
    }
}

impl Labels {
    /// The English labels with `table` (the `[labels]` of `site.toml`, whose text is
    /// `source`) laid over them, for a site in `language` (a BCP 47 tag), whose plural
    /// rules pick the forms of the counts the site gives.
    ///
    /// # Errors
    /// Every unknown key (with the key it probably meant), every value that is not text,
    /// a `months` that is not a list of twelve names, and a plural form the language
    /// never uses, each at its line of `source`.
    pub fn read(
        table: &toml::Table,
        source: &std::sync::Arc<str>,
        language: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut labels = Self {
            plurals: Plurals::new(language),
            ..Self::default()
        };
        let used = labels.plurals.used();
        let mut problems = Vec::new();
        let at = |key: &str, message: String| {
            let mut problem = Diagnostic::error(crate::config::FILE, message);
            if let Some(span) = key_span(source, key) {
                problem = problem.at(source, span);
            }
            problem
        };
        for (key, value) in table {
            if let Some(&(list, count, example)) = NAME_LISTS.iter().find(|(k, ..)| *k == key) {
                let names: Option<Vec<String>> = value.as_array().and_then(|list| {
                    list.iter()
                        .map(|name| name.as_str().map(str::to_owned))
                        .collect()
                });
                match names {
                    Some(names) if names.len() == count && list == "months" => {
                        labels.months = names;
                    }
                    Some(names) if names.len() == count => {
                        labels.names.insert(list, names);
                    }
                    _ => problems.push(
                        at(
                            key,
                            format!(
                                "`{list}` is not a list of {} names",
                                if count == 12 { "twelve" } else { "seven" }
                            ),
                        )
                        .hint(format!("write the names {example}")),
                    ),
                }
                continue;
            }
            let form = count_form(key);
            if let Some((base, category)) = form {
                if !used.contains(&category) {
                    let forms: Vec<&str> = used
                        .iter()
                        .map(|c| CATEGORIES[*c])
                        .chain(["other"])
                        .collect();
                    problems.push(
                        at(
                            key,
                            format!(
                                "label `{key}` is never used: counts in `{language}` take the forms {}",
                                forms.join(", ")
                            ),
                        )
                        .hint(format!(
                            "remove it, or give the form of a category `{language}` has (`{base}` is the one for \"other\"); check `language` in site.toml if the site is in another"
                        )),
                    );
                    continue;
                }
            }
            let english = DEFAULTS.iter().find(|(k, _)| *k == key).or_else(|| {
                let (base, _) = form?;
                DEFAULTS.iter().find(|(k, _)| *k == base)
            });
            let Some((known, english)) = english else {
                let keys = DEFAULTS
                    .iter()
                    .map(|(k, _)| *k)
                    .chain(NAME_LISTS.iter().map(|(k, ..)| *k));
                // `note_count_other`: the form for "other" is the count's own key.
                let other = key
                    .strip_suffix("_other")
                    .filter(|base| DEFAULTS.iter().any(|(k, _)| k == base));
                let hint = match (other, did_you_mean(key, keys)) {
                    (Some(base), _) => {
                        format!("the form for \"other\" is `{base}` itself: write `{base} = ...`")
                    }
                    (None, Some(meant)) => format!("did you mean `{meant}`?"),
                    (None, None) => {
                        "docs/labels.md in gloss's repository lists every label".to_owned()
                    }
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
                    match form {
                        Some(form) => {
                            labels.given_forms.insert(form, text.to_owned());
                            // The English `_one` forms are labels of their own too.
                            if known.len() == key.len() {
                                labels.texts.insert(known, text.to_owned());
                                labels.given.insert(known);
                            }
                        }
                        None => {
                            labels.texts.insert(known, text.to_owned());
                            labels.given.insert(known);
                        }
                    }
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

    /// Label `key` for the number `n`, `{n}` filled in (see [`Labels::for_number`]).
    pub fn count(&self, key: &str, n: u64) -> String {
        fill(self.for_number(key, n), &[("n", &n.to_string())])
    }

    /// The text of label `key` for the number `n`, its placeholders left in. For a count
    /// label, the form of the plural category the site's language puts `n` in, when the
    /// site gave it; the label itself when not. English's rules and forms (`_one` for 1)
    /// when the site gave neither the label nor a form of it.
    pub fn for_number(&self, key: &str, n: u64) -> &str {
        let Some(count) = self.counts.get(key) else {
            return self.get(key);
        };
        let category = if count.site {
            self.plurals.category(n)
        } else {
            (n == 1).then_some(1)
        };
        category
            .and_then(|c| count.forms[c].as_deref())
            .unwrap_or_else(|| self.get(key))
    }

    /// Works out [`Labels::counts`] from the texts and the keys the site gave.
    fn settle(&mut self) {
        self.counts = COUNTS
            .iter()
            .map(|key| {
                let site = self.given.contains(key)
                    || self.given_forms.keys().any(|(base, _)| base == key);
                let forms = std::array::from_fn(|category| {
                    if let Some(text) = self.given_forms.get(&(*key, category)) {
                        return Some(text.clone());
                    }
                    // English's own `_one`, for English's rules.
                    let english_one = format!("{key}_{}", CATEGORIES[category]);
                    (!site && category == 1)
                        .then(|| DEFAULTS.iter().find(|(k, _)| *k == english_one))
                        .flatten()
                        .map(|(_, text)| (*text).to_owned())
                });
                (*key, CountForms { site, forms })
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

    /// A day written with a strftime `format`, its names the site's: `%B` from
    /// `months`; `%b` (and `%h`) from `months_short`, or `months` when the site gave
    /// only those; `%A` from `weekdays`; `%a` from `weekdays_short`, or `weekdays`.
    /// Names the site did not give jiff writes, in English.
    ///
    /// # Errors
    /// A message naming the format, when it holds a directive a day cannot fill.
    pub fn strftime(&self, date: jiff::civil::Date, format: &str) -> Result<String, String> {
        let english = self.months.iter().eq(MONTHS.iter());
        let month = usize::try_from(date.month() - 1).unwrap_or(0).min(11);
        let weekday = usize::from(date.weekday().to_monday_zero_offset().unsigned_abs()).min(6);
        let name = |list: &str, i: usize| self.names.get(list).map(|names| names[i].as_str());
        let mut own = String::with_capacity(format.len() + 8);
        let mut rest = format;
        while let Some(at) = rest.find('%') {
            own.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let next = after.chars().next().map_or(0, char::len_utf8);
            let given = match &after[..next] {
                "B" => Some(self.months[month].as_str()),
                "b" | "h" => name("months_short", month)
                    .or_else(|| (!english).then(|| self.months[month].as_str())),
                "A" => name("weekdays", weekday),
                "a" => name("weekdays_short", weekday).or_else(|| name("weekdays", weekday)),
                _ => None,
            };
            match given {
                Some(text) => own.push_str(&text.replace('%', "%%")),
                // `%%` and every other directive as written, for jiff.
                None => {
                    own.push('%');
                    own.push_str(&after[..next]);
                }
            }
            rest = &after[next..];
        }
        own.push_str(rest);
        jiff::fmt::strtime::format(&own, date).map_err(|err| {
            format!("`{format}` is no date format gloss can write ({err}); write directives such as %Y, %m, %d, %B, %b, %A, %a, %e or %-d")
        })
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
    /// (or a month name, or a form of one of their counts); `None` when the scripts' own
    /// English is right. A count of theirs comes with each of its forms (`null` for
    /// none) and, as `<key>_rules`, the language whose plural rules pick them.
    pub fn script_json(&self) -> Option<String> {
        let english = Self::default();
        let changed = self.months != english.months
            || SCRIPT_KEYS.iter().any(|k| self.get(k) != english.get(k))
            || self.counts != english.counts;
        if !changed {
            return None;
        }
        let mut value = serde_json::Map::new();
        for key in SCRIPT_KEYS {
            value.insert((*key).to_owned(), self.get(key).into());
        }
        for key in SCRIPT_KEYS {
            let Some(count) = self.counts.get(key) else {
                continue;
            };
            for (category, form) in CATEGORIES.iter().zip(&count.forms) {
                value.insert(format!("{key}_{category}"), form.clone().into());
            }
            let rules = if count.site { &self.plurals.tag } else { "en" };
            value.insert(format!("{key}_rules"), rules.into());
        }
        value.insert("months".to_owned(), self.months.clone().into());
        Some(serde_json::Value::Object(value).to_string())
    }

    /// Every text, for cache keys.
    pub fn fingerprint(&self) -> String {
        format!(
            "{:?}{:?}{:?}{:?}{:?}",
            self.texts, self.months, self.names, self.given, self.counts
        )
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

/// What follows `key` (bare or quoted) at the start of `text`.
fn named_key<'a>(text: &'a str, key: &str, quoted: &str) -> Option<&'a str> {
    text.strip_prefix(key).or_else(|| text.strip_prefix(quoted))
}

/// Where `key` of the `[labels]` table is written in site.toml's `source`: as `key = `
/// under `[labels]`, as a table of its own (`[labels.key]`), or dotted at the top
/// (`labels.key = `); `None` when it is written some other way.
fn key_span(source: &str, key: &str) -> Option<Range<usize>> {
    let quoted = format!("\"{key}\"");
    let named = |text| named_key(text, key, &quoted);
    let mut in_labels = false;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let at = offset + indent;
        offset += line.len();
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.trim_start();
            in_labels = header
                .strip_prefix("labels")
                .is_some_and(|rest| rest.trim_start().starts_with(']'));
            let sub = header
                .strip_prefix("labels")
                .and_then(|rest| rest.trim_start().strip_prefix('.'))
                .map(str::trim_start);
            if let Some(rest) = sub.and_then(|sub| named(sub).map(|rest| (sub, rest))) {
                let (sub, rest) = rest;
                if rest.trim_start().starts_with(']') {
                    let from = at + (trimmed.len() - sub.len());
                    return Some(from..from + (sub.len() - rest.len()));
                }
            }
            continue;
        }
        let dotted = if in_labels {
            Some(trimmed)
        } else {
            trimmed
                .strip_prefix("labels")
                .and_then(|rest| rest.trim_start().strip_prefix('.'))
                .map(str::trim_start)
        };
        if let Some(text) = dotted {
            if let Some(rest) = named(text) {
                if rest.trim_start().starts_with(['=', '.']) {
                    let from = at + (trimmed.len() - text.len());
                    return Some(from..from + (text.len() - rest.len()));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_found_where_it_is_written() {
        fn at<'a>(source: &'a str, key: &str) -> Option<&'a str> {
            key_span(source, key).map(|span| &source[span])
        }
        let source =
            "title = \"T\"\n[labels]\nnotse = \"N\"\n\"quoted\" = \"Q\"\n[labels.foo]\nbar = 1\n";
        assert_eq!(at(source, "notse"), Some("notse"));
        assert_eq!(at(source, "quoted"), Some("\"quoted\""));
        assert_eq!(at(source, "foo"), Some("foo"));
        assert_eq!(at(source, "bar"), None);
        assert_eq!(at("labels.notes = \"N\"\n", "notes"), Some("notes"));
        assert_eq!(at("[extra]\nnotes = 1\n", "notes"), None);
        let line = |key: &str| {
            key_span(source, key).map(|span| crate::diagnostic::line_column(source, span.start).0)
        };
        assert_eq!(line("foo"), Some(5));
    }

    fn read(text: &str) -> Result<Labels, Vec<Diagnostic>> {
        let table: toml::Table = text.parse().expect("toml");
        let labels = table
            .get("labels")
            .and_then(|v| v.as_table())
            .cloned()
            .unwrap_or_default();
        Labels::read(&labels, &std::sync::Arc::from(text), "fr")
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

    fn read_in(language: &str, text: &str) -> Result<Labels, Vec<Diagnostic>> {
        let table: toml::Table = text.parse().expect("toml");
        let labels = table["labels"].as_table().cloned().unwrap_or_default();
        Labels::read(&labels, &std::sync::Arc::from(text), language)
    }

    #[test]
    fn counts_take_the_form_of_their_plural_category() {
        let russian = read_in(
            "ru",
            "[labels]\nnote_count = \"{n} заметки\"\nnote_count_one = \"{n} заметка\"\nnote_count_few = \"{n} заметки\"\nnote_count_many = \"{n} заметок\"\n",
        )
        .expect("labels");
        let forms: Vec<String> = [1, 2, 5, 11, 12, 21, 22, 25, 101, 111]
            .iter()
            .map(|n| russian.count("note_count", *n))
            .collect();
        assert_eq!(
            forms,
            [
                "1 заметка",
                "2 заметки",
                "5 заметок",
                "11 заметок",
                "12 заметок",
                "21 заметка",
                "22 заметки",
                "25 заметок",
                "101 заметка",
                "111 заметок"
            ]
        );
        // Counts the site left in English keep English's forms: 21 is not "one" there.
        assert_eq!(russian.count("article_count", 21), "21 articles");
        assert_eq!(russian.count("article_count", 1), "1 article");

        let arabic = read_in(
            "ar",
            "[labels]\narticle_count = \"{n} مقال\"\narticle_count_zero = \"لا مقالات\"\narticle_count_one = \"مقال واحد\"\narticle_count_two = \"مقالان\"\narticle_count_few = \"{n} مقالات\"\n",
        )
        .expect("labels");
        let forms: Vec<String> = [0, 1, 2, 3, 10, 11, 100]
            .iter()
            .map(|n| arabic.count("article_count", *n))
            .collect();
        assert_eq!(
            forms,
            [
                "لا مقالات",
                "مقال واحد",
                "مقالان",
                "3 مقالات",
                "10 مقالات",
                "11 مقال",
                "100 مقال"
            ]
        );
    }

    #[test]
    fn french_and_its_neighbours_count_whole_millions_in_a_form_of_their_own() {
        let french = read_in(
            "fr",
            "[labels]\nnote_count = \"{n} notes\"\nnote_count_one = \"{n} note\"\nnote_count_many = \"{n} de notes\"\n",
        )
        .expect("`many` is a form French counts take");
        assert_eq!(french.count("note_count", 2_000_000), "2000000 de notes");
        assert_eq!(french.count("note_count", 2_000_001), "2000001 notes");
        assert_eq!(french.count("note_count", 1), "1 note");
        let brazilian = read_in("pt-BR", "[labels]\nnote_count_many = \"{n} de notas\"\n")
            .expect("Portuguese too");
        assert_eq!(brazilian.count("note_count", 1_000_000), "1000000 de notas");
        assert!(read_in("en", "[labels]\nnote_count_many = \"{n} x\"\n").is_err());
    }

    #[test]
    fn the_one_form_serves_the_numbers_the_language_counts_as_one() {
        // French counts 0 as one; English does not.
        let french = read_in(
            "fr",
            "[labels]\nnote_count = \"{n} notes\"\nnote_count_one = \"{n} note\"\n",
        )
        .expect("labels");
        assert_eq!(french.count("note_count", 0), "0 note");
        assert_eq!(french.count("note_count", 1), "1 note");
        assert_eq!(french.count("note_count", 2), "2 notes");
        assert_eq!(Labels::default().count("note_count", 0), "0 notes");
        // A regional tag CLDR has no rules of its own for takes its language's.
        let canadian =
            read_in("fr-CA", "[labels]\nnote_count_one = \"{n} note\"\n").expect("labels");
        assert_eq!(canadian.count("note_count", 0), "0 note");
        // A language CLDR does not know counts as English does.
        let unknown = read_in("tlh", "[labels]\nnote_count_one = \"{n} note\"\n").expect("labels");
        assert_eq!(unknown.count("note_count", 0), "0 notes");
        assert_eq!(unknown.count("note_count", 1), "1 note");
    }

    #[test]
    fn a_form_the_language_never_uses_is_an_error_at_its_line() {
        let text = "[labels]\nnote_count = \"{n} notes\"\nnote_count_few = \"{n} notes\"\n";
        let problems = read_in("fr", text).expect_err("French has no few");
        let shown = format!("{:?}", problems[0]);
        assert!(
            shown.contains(
                "label `note_count_few` is never used: counts in `fr` take the forms one, many, other"
            ),
            "{shown}"
        );
        let japanese = read_in("ja", "[labels]\nnote_count_one = \"{n}件\"\n")
            .expect_err("Japanese has one form");
        assert!(
            format!("{:?}", japanese[0]).contains("take the forms other"),
            "{japanese:?}"
        );
        // Only counts have forms.
        let not_a_count =
            read_in("ru", "[labels]\nnote_number_few = \"x\"\n").expect_err("not a count");
        assert!(format!("{:?}", not_a_count[0]).contains("unknown label `note_number_few`"));
        let placeholder = read_in("ru", "[labels]\nnote_count_few = \"{count}\"\n")
            .expect_err("a placeholder the count does not take");
        assert!(format!("{:?}", placeholder[0]).contains("it takes {n}"));
    }

    #[test]
    fn the_scripts_get_the_forms_of_their_counts_and_the_rules_that_pick_them() {
        let russian = read_in(
            "ru",
            "[labels]\nresults_for = \"{n} результатов\"\nresults_for_few = \"{n} результата\"\n",
        )
        .expect("labels");
        let json: serde_json::Value =
            serde_json::from_str(&russian.script_json().expect("changed")).expect("json");
        assert_eq!(json["results_for_rules"], "ru");
        assert_eq!(json["results_for_few"], "{n} результата");
        // The English one form is not Russian's.
        assert_eq!(json["results_for_one"], serde_json::Value::Null);
        assert_eq!(json["results_showing_rules"], "en");
        // A form alone changes what the scripts say.
        let one = read_in("en", "[labels]\nresults_for_one = \"One result.\"\n").expect("labels");
        assert!(one.script_json().is_some());
    }

    #[test]
    fn a_strftime_month_is_the_site_s() {
        let labels = read(
            "[labels]\nmonths = [\"janvier\", \"février\", \"mars\", \"avril\", \"mai\", \"juin\", \"juillet\", \"août\", \"septembre\", \"octobre\", \"novembre\", \"décembre\"]\n",
        )
        .expect("labels");
        let day = jiff::civil::date(2019, 8, 6);
        assert_eq!(
            labels.strftime(day, "%e %B %Y").expect("formats"),
            " 6 août 2019"
        );
        assert_eq!(
            labels.strftime(day, "100%% %B").expect("formats"),
            "100% août"
        );
        assert_eq!(
            labels.strftime(day, "%Y-%m-%d").expect("formats"),
            "2019-08-06"
        );
        assert_eq!(
            Labels::default().strftime(day, "%B %-d").expect("formats"),
            "August 6"
        );
        // Short months and weekdays: the site's, else its months, else English.
        assert_eq!(
            labels.strftime(day, "%a %e %b").expect("formats"),
            "Tue  6 août"
        );
        assert_eq!(
            Labels::default()
                .strftime(day, "%A %a %b")
                .expect("formats"),
            "Tuesday Tue Aug"
        );
        let days = read(
            "[labels]\nweekdays = [\"lundi\", \"mardi\", \"mercredi\", \"jeudi\", \"vendredi\", \"samedi\", \"dimanche\"]\nmonths_short = [\"janv.\", \"févr.\", \"mars\", \"avr.\", \"mai\", \"juin\", \"juil.\", \"août\", \"sept.\", \"oct.\", \"nov.\", \"déc.\"]\n",
        )
        .expect("labels");
        assert_eq!(
            days.strftime(jiff::civil::date(2024, 12, 1), "%A %-d %b, %a")
                .expect("formats"),
            "dimanche 1 déc., dimanche"
        );
        // A directive jiff does not know, or a lone %, or a time for a day, is an error
        // that names the format, and no panic.
        for format in ["%Q %B", "%B %", "%H:%M"] {
            let err = labels.strftime(day, format).expect_err(format);
            assert!(
                err.starts_with(&format!("`{format}` is no date format")),
                "{err}"
            );
        }
    }

    #[test]
    fn the_other_form_of_a_count_is_told_to_be_the_count_s_own_key() {
        let problems = read("title = \"T\"\n[labels]\nnote_count_other = \"{n} notes\"\n")
            .expect_err("problems");
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("the form for \"other\" is `note_count` itself: write `note_count = ...`")
        );
    }

    #[test]
    fn unknown_keys_and_wrong_values_are_named_at_their_lines() {
        let text = "title = \"T\"\n[labels]\nnotse = \"Notes\"\nmore = 3\nmonths = [\"a\"]\nweekdays = [\"lundi\"]\n";
        let problems = read(text).expect_err("problems");
        let shown: Vec<String> = problems.iter().map(|p| format!("{p:?}")).collect();
        assert_eq!(problems.len(), 4, "{shown:#?}");
        let all = shown.join("\n");
        assert!(
            all.contains("`weekdays` is not a list of seven names"),
            "{all}"
        );
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
