//! Says what to do about a template error, from Tera's message and the place it names.
//!
//! In: Tera's message, the template it names with the byte range it points at, and
//! every template's name and text. Out: the hint a writer can act on (a name to correct,
//! the blocks there are, a value to test first), and the range worth underlining. No
//! Tera here but the names of its filters: plain text in, text out.

use std::ops::Range;

/// The filters Tera 2 has built in, as it registers them.
const TERA_FILTERS: [&str; 37] = [
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
];

/// The filters gloss adds to Tera's own: its three, and the text filters Tera 2 keeps
/// in a crate of its own.
pub(super) const GLOSS_FILTERS: [&str; 8] = [
    "date",
    "label",
    "slugify",
    "urlencode",
    "urlencode_strict",
    "striptags",
    "spaceless",
    "json_encode",
];

/// The name a message gives in its first backticks (`Unknown filter `uppper``).
fn named(message: &str) -> Option<&str> {
    message.split('`').nth(1).filter(|name| !name.is_empty())
}

/// The range `span` widened to the name the message gives, when the span points at its
/// start or at the quote before it (Tera points at one character).
pub(super) fn widened(message: &str, source: &str, span: Range<usize>) -> Range<usize> {
    let Some(name) = named(message) else {
        return span;
    };
    let Some(rest) = source.get(span.start..) else {
        return span;
    };
    let quote = usize::from(rest.starts_with(['"', '\'']));
    if rest[quote..].starts_with(name) {
        return span.start + quote..span.start + quote + name.len();
    }
    span
}

/// The known template `name` was meant to be, when one is really close: a slip of the
/// keys (`artcle.html`, `partial/note.html`), judged by the length of the file's own name
/// so that a long folder does not make far names close (`partials/masthead.html` is not
/// `partials/note.html`), or the one file of that name in another folder (`note.html`
/// for `partials/note.html`).
pub(super) fn close_template<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let known: Vec<&'a str> = known.into_iter().filter(|k| *k != name).collect();
    if let Some(typo) = crate::diagnostic::typo_of(name, known.iter().copied(), stem) {
        return Some(typo);
    }
    let file = |path: &'a str| path.rsplit('/').next().unwrap_or(path);
    let own = name.rsplit('/').next().unwrap_or(name);
    let mut same = known.iter().filter(|k| file(k).eq_ignore_ascii_case(own));
    match (same.next(), same.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// A template's file name without its folder and ending (`note` for
/// `partials/note.html`).
fn stem(name: &str) -> &str {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.split('.').next().unwrap_or(file)
}

/// What to do about `message`, Tera's error in `template` (`source`) at `span`, when
/// there is more to say than the general advice: a name close to one that is known,
/// the blocks the templates it extends have, a value that is none on this page, the
/// components Tera 2 has in place of macros.
pub(super) fn specific(
    message: &str,
    template: &str,
    source: &str,
    span: &Range<usize>,
    templates: &[(String, String)],
) -> Option<String> {
    if message.starts_with("Unknown template") {
        let name = named(message)?;
        return Some(super::tags::missing_template_hint(
            name, "include", templates,
        ));
    }
    if message.starts_with("Unknown filter") {
        let name = named(message)?;
        let known = TERA_FILTERS.iter().chain(&GLOSS_FILTERS).copied();
        return crate::diagnostic::typo_of(name, known, |filter| filter)
            .map(|filter| format!("did you mean `{filter}`?"));
    }
    if message.contains("is not defined in any parent template") {
        return blocks_hint(named(message)?, template, templates);
    }
    if message.contains("but got `none`") {
        return Some(none_hint(source, span.start));
    }
    if message.starts_with("Unknown tag") {
        let tag = word_at(source, span.start);
        if ["import", "macro", "endmacro"].contains(&tag) {
            return Some(
                "Tera 2 has no macros and no `import`: write a component, `{% component name(arg) %}…{% endcomponent name %}` in any template, and call it as `{{ <name arg=\"…\" /> }}`; it sees only its arguments (docs/templates.md)"
                    .to_owned(),
            );
        }
    }
    None
}

/// What to do about a field read from a value that lacks it (`article.source.name` on a
/// page whose article has no `[source]`), given the template and where the field's name
/// starts in it.
pub(super) fn field(source: &str, at: usize) -> Option<String> {
    let before = source.get(..at)?.strip_suffix('.')?;
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| i + 1);
    let value = &before[start..];
    if value.is_empty() {
        return None;
    }
    // What every page has is never none: its field's name is misspelt.
    if [
        "article", "page", "site", "list", "entry", "content", "labels",
    ]
    .contains(&value)
    {
        return Some(format!(
            "`{value}` has no such field: docs/templates.md lists the fields of `{value}`; correct the field's name"
        ));
    }
    Some(format!(
        "`{value}` is none on this page or has no such field: docs/templates.md says which values may be none; test it first (`{{% if {value} %}}…{{% endif %}}`), or correct the field's name"
    ))
}

/// What to do about a template error whose message is `message`.
pub(super) fn general(message: &str, syntax: bool) -> String {
    if message.starts_with("Unknown filter") {
        return "gloss adds the filters date, label, slugify, urlencode, urlencode_strict, striptags, spaceless and json_encode to Tera's own (docs/templates.md); check the name".to_owned();
    }
    if message.contains("Unknown tag") || message.contains("Unexpected end of input") {
        return "a block opened above may be left open: check that every {% if %}, {% for %}, {% block %} and {% component %} has its {% end... %}".to_owned();
    }
    if syntax {
        return "fix the template's syntax at this place".to_owned();
    }
    "fix the template at this place; docs/templates.md lists the variables each template receives"
        .to_owned()
}

/// The word (letters, digits, `_`) that starts at `at` in `source`.
fn word_at(source: &str, at: usize) -> &str {
    let rest = source.get(at..).unwrap_or_default();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// What to do about a value that is none where a filter or a test wants another kind
/// (`{{ article.updated | date }}` on a page whose article has no `updated`), given
/// where the value starts in the template.
fn none_hint(source: &str, at: usize) -> String {
    let rest = source.get(at..).unwrap_or_default();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(rest.len());
    let value = rest[..end].trim_end_matches('.');
    // Only `value | filter` says for sure which value is none: a filter's own arguments
    // (`truncate(length=none)`), or a filter's name where the span starts, may be it.
    let expression = rest[end..].split(['}', '%']).next().unwrap_or_default();
    if value.is_empty()
        || value.starts_with(|c: char| c.is_ascii_digit())
        || expression.contains('(')
    {
        return "the value is none on this page: docs/templates.md says which values may be none; test it first (`{% if value %}…{% endif %}`)".to_owned();
    }
    format!(
        "`{value}` is none on this page: docs/templates.md says which values may be none; test it first (`{{% if {value} %}}…{{% endif %}}`)"
    )
}

/// The blocks a child of other templates may fill, when it fills `block`, which none of
/// them has: those of the template `child` extends and of the ones that template
/// extends, with the closest named first.
fn blocks_hint(block: &str, child: &str, templates: &[(String, String)]) -> Option<String> {
    let text_of = |name: &str| super::tags::text_of(templates, name);
    let parent = extends_of(text_of(child)?)?;
    let mut blocks: Vec<&str> = Vec::new();
    let mut chain = vec![parent];
    let mut current = Some(parent);
    while let Some(name) = current {
        let Some(text) = text_of(name) else {
            break;
        };
        for found in block_names(text) {
            if !blocks.contains(&found) {
                blocks.push(found);
            }
        }
        current = extends_of(text).filter(|next| !chain.contains(next));
        chain.extend(current);
    }
    let listed: Vec<String> = blocks.iter().map(|b| format!("`{b}`")).collect();
    let has = match listed.split_last() {
        None => "has no block".to_owned(),
        Some((only, [])) => format!("has only the block {only}"),
        Some((last, rest)) => format!("has the blocks {} and {last}", rest.join(", ")),
    };
    let which = if chain.len() == 1 {
        parent.to_owned()
    } else {
        format!("{} (through what it extends)", parent)
    };
    let advice = format!(
        "{which} {has}; fill one of those (docs/templates.md says what each holds), or add the block to {parent}"
    );
    Some(
        match crate::diagnostic::did_you_mean(block, blocks.iter().copied()) {
            Some(meant) => format!("did you mean `{meant}`? {advice}"),
            None => advice,
        },
    )
}

/// The template `text` extends (`{% extends "base.html" %}`), if any.
fn extends_of(text: &str) -> Option<&str> {
    text.match_indices("{%").find_map(|(at, _)| {
        let tag = text[at + 2..].trim_start_matches('-').trim_start();
        let rest = tag.strip_prefix("extends")?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let name = &rest[1..];
        name.find(quote).map(|end| &name[..end])
    })
}

/// The names of the blocks `text` defines (`{% block main %}`), in order.
pub(super) fn block_names(text: &str) -> Vec<&str> {
    text.match_indices("{%")
        .filter_map(|(at, _)| {
            let tag = text[at + 2..].trim_start_matches('-').trim_start();
            let rest = tag.strip_prefix("block")?;
            let name = rest.trim_start();
            if name.len() == rest.len() {
                return None;
            }
            let word = word_at(name, 0);
            (!word.is_empty()).then_some(word)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_read_from_a_value_that_may_be_none_or_from_one_that_never_is() {
        let source = "<p>{{ article.source.name }} {{ article.titel }}</p>";
        let at = |field: &str| source.find(field).expect("field");
        let none = field(source, at("name")).expect("a hint");
        assert!(
            none.contains("`article.source` is none on this page"),
            "{none}"
        );
        let misspelt = field(source, at("titel")).expect("a hint");
        assert!(
            misspelt.starts_with("`article` has no such field"),
            "{misspelt}"
        );
    }

    #[test]
    fn every_tera_filter_named_here_is_one_tera_has() {
        for filter in TERA_FILTERS {
            let mut tera = tera::Tera::new();
            let template = format!("{{{{ x | {filter} }}}}");
            assert!(
                tera.add_raw_template("t", &template).is_ok(),
                "Tera has no filter `{filter}`"
            );
        }
    }

    #[test]
    fn the_blocks_of_every_template_extended_are_named() {
        let templates: Vec<(String, String)> = [
            (
                "base.html",
                "{% block title %}{% endblock title %}<main>{%- block main %}{% endblock %}</main>",
            ),
            (
                "wide.html",
                "{% extends \"base.html\" %}{% block aside %}{% endblock aside %}",
            ),
            (
                "article.html",
                "{% extends 'wide.html' %}{% block mian %}x{% endblock %}",
            ),
        ]
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
        let hint = blocks_hint("mian", "article.html", &templates).expect("a hint");
        assert!(
            hint.starts_with("did you mean `main`? wide.html (through what it extends) has the blocks `aside`, `title` and `main`"),
            "{hint}"
        );
    }

    #[test]
    fn a_value_that_is_none_is_named_with_the_test_to_write() {
        let source = "{{ article.updated | date }}";
        let hint = none_hint(source, 3);
        assert!(
            hint.starts_with("`article.updated` is none on this page"),
            "{hint}"
        );
        assert!(
            hint.contains("`{% if article.updated %}…{% endif %}`"),
            "{hint}"
        );
    }
}
