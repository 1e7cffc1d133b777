//! Finds the tag a template error is about when Tera names no place for it.
//!
//! In: a Tera error about the templates as a whole (a template that extends or includes
//! one that is missing or leads back to itself, a component that calls itself without
//! end) and every template's name and text. Out: the template and the byte range of the
//! name in its `{% extends %}` or `{% include %}` tag, or of the component's call, with
//! what to say about it. No Tera here but its error kinds: plain text in, ranges out.

use std::ops::Range;

/// Where a Tera error without a span sits, as a writer would fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tagged {
    /// The template that holds the tag.
    pub(super) template: String,
    /// The tag's part to point at, in that template's text.
    pub(super) span: Range<usize>,
    /// What went wrong, in one line.
    pub(super) message: String,
    /// What to do about it.
    pub(super) hint: String,
}

/// What Tera's message for a component that calls itself without end starts with.
const TOO_DEEP: &str = "Maximum render recursion depth for components exceeded";

/// The text of template `name` among `templates` (name, text), built-ins first: the
/// last of that name, a site's own override when it has one.
pub(super) fn text_of<'a>(templates: &'a [(String, String)], name: &str) -> Option<&'a str> {
    templates
        .iter()
        .rev()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
}

/// The tag `err` is about, when it is one of the errors Tera gives without a place and
/// the tag can be found in `templates` (name, text).
pub(super) fn place(err: &tera::Error, templates: &[(String, String)]) -> Option<Tagged> {
    let text_of = |name: &str| text_of(templates, name);
    let named_in = |holder: &str, tag: &str, named: &str| {
        let span = tag_naming(text_of(holder)?, tag, named)?;
        Some((holder.to_owned(), span))
    };
    match err.kind() {
        tera::ErrorKind::MissingParent { current, parent } => {
            let (template, span) = named_in(current, "extends", parent)?;
            Some(Tagged {
                template,
                span,
                message: format!("`{parent}` is no template, and {current} extends it"),
                hint: missing_template_hint(parent, "extends", templates),
            })
        }
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let (closing, holder) = closing_pair(tpl, inheritance_chain)?;
            let (template, span) = named_in(holder, "extends", closing)?;
            let mut chain = vec![tpl.as_str()];
            chain.extend(inheritance_chain.iter().map(String::as_str));
            Some(Tagged {
                template,
                span,
                message: format!(
                    "templates extend each other in a circle: {}",
                    chain.join(" extends ")
                ),
                hint:
                    "extend a template that does not lead back here, such as the built-in base.html"
                        .to_owned(),
            })
        }
        tera::ErrorKind::CircularInclude { include_chain, .. } => {
            let (closing, holder) = include_chain
                .len()
                .checked_sub(2)
                .map(|at| (&include_chain[at + 1], &include_chain[at]))?;
            let (template, span) = named_in(holder, "include", closing)?;
            Some(Tagged {
                template,
                span,
                message: format!(
                    "templates include each other in a circle: {}",
                    include_chain.join(" includes ")
                ),
                hint: "a page would never end: take out this include, or include a template that does not lead back here".to_owned(),
            })
        }
        tera::ErrorKind::Msg(message) if message.starts_with(TOO_DEEP) => {
            let (template, span, chain) = component_circle(templates)?;
            Some(Tagged {
                template,
                span,
                message: format!(
                    "a component calls itself without end: {}",
                    chain.join(" calls ")
                ),
                hint: "a page would never end: call the component only under an `{% if %}` that turns false, or take out this call".to_owned(),
            })
        }
        _ => None,
    }
}

/// What to do about `name`, which a `{% extends %}` or `{% include %}` (`tag`) names
/// and no template is: the known name close to it, or what may be named.
pub(super) fn missing_template_hint(
    name: &str,
    tag: &str,
    templates: &[(String, String)],
) -> String {
    let known = templates.iter().map(|(n, _)| n.as_str());
    if let Some(close) = super::hints::close_template(name, known) {
        return format!("did you mean `{close}`?");
    }
    let (verb, examples) = if tag == "extends" {
        ("extend", "the built-in base.html")
    } else {
        ("include", "a built-in one docs/templates.md lists")
    };
    format!(
        "{verb} a template gloss has ({examples}, or a file of the site's templates/), or add templates/{name}"
    )
}

/// For a circle of `extends` starting at `start`: the template named last, which closes
/// the circle, and the one whose tag names it.
fn closing_pair<'a>(start: &'a str, chain: &'a [String]) -> Option<(&'a str, &'a str)> {
    let closing = chain.last()?;
    let holder = match chain.len() {
        0 => return None,
        1 => start,
        n => &chain[n - 2],
    };
    Some((closing, holder))
}

/// The range of `name` in the first `{% tag "name" %}` of `text` (quotes of either kind,
/// with or without `-` trimming marks).
pub(super) fn tag_naming(text: &str, tag: &str, name: &str) -> Option<Range<usize>> {
    text.match_indices("{%").find_map(|(at, _)| {
        let inside = &text[at + 2..];
        let trimmed = inside.trim_start_matches('-').trim_start();
        let rest = trimmed.strip_prefix(tag)?;
        let after_tag = rest.trim_start();
        if after_tag.len() == rest.len() {
            return None;
        }
        let quote = after_tag
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let value = after_tag[1..].strip_prefix(name)?;
        value.starts_with(quote).then(|| {
            let start = text.len() - after_tag.len() + 1;
            start..start + name.len()
        })
    })
}

/// A component that leads back to itself through its own calls: the template of the
/// definition whose call closes the circle, that call's range, and the circle by name.
fn component_circle(templates: &[(String, String)]) -> Option<(String, Range<usize>, Vec<String>)> {
    let definitions: Vec<Definition<'_>> = templates
        .iter()
        .flat_map(|(template, text)| definitions(template, text))
        .collect();
    for start in 0..definitions.len() {
        let mut path = Vec::new();
        let mut seen = vec![false; definitions.len()];
        if leads_back(&definitions, start, start, &mut path, &mut seen) {
            let &(holder, call) = path.last()?;
            let mut chain: Vec<String> = path
                .iter()
                .map(|&(d, _)| definitions[d].name.to_owned())
                .collect();
            chain.push(definitions[start].name.to_owned());
            let definition = &definitions[holder];
            return Some((
                definition.template.to_owned(),
                definition.calls[call].1.clone(),
                chain,
            ));
        }
    }
    None
}

/// Whether the calls of definition `at` lead to definition `start`; `path` then holds
/// each call taken (definition, call), depth first.
fn leads_back(
    definitions: &[Definition<'_>],
    start: usize,
    at: usize,
    path: &mut Vec<(usize, usize)>,
    seen: &mut [bool],
) -> bool {
    for (i, (called, _)) in definitions[at].calls.iter().enumerate() {
        let Some(callee) = definitions.iter().position(|d| d.name == called) else {
            continue;
        };
        path.push((at, i));
        if callee == start {
            return true;
        }
        if !seen[callee] {
            seen[callee] = true;
            if leads_back(definitions, start, callee, path, seen) {
                return true;
            }
        }
        path.pop();
    }
    false
}

/// One `{% component name(...) %}...{% endcomponent %}` of a template.
#[derive(Debug)]
struct Definition<'a> {
    template: &'a str,
    name: &'a str,
    /// Each component its body calls (`<name`), with the range of the name.
    calls: Vec<(String, Range<usize>)>,
}

/// The components `text` (the template `template`) defines, with the calls in each.
fn definitions<'a>(template: &'a str, text: &'a str) -> Vec<Definition<'a>> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("{%") {
        let inside = &text[at + 2..];
        let trimmed = inside.trim_start_matches('-').trim_start();
        let Some(rest) = trimmed.strip_prefix("component") else {
            continue;
        };
        let name_text = rest.trim_start();
        if name_text.len() == rest.len() {
            continue;
        }
        let end = name_text
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(name_text.len());
        if end == 0 {
            continue;
        }
        let name = &name_text[..end];
        let body_start = text.len() - name_text.len();
        let body_end = text[body_start..]
            .find("endcomponent")
            .map_or(text.len(), |e| body_start + e);
        let body = &text[body_start + end..body_end];
        let calls = body
            .match_indices('<')
            .filter_map(|(lt, _)| {
                let called = &body[lt + 1..];
                let len = called
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(called.len());
                let start = body_start + end + lt + 1;
                (len > 0).then(|| (called[..len].to_owned(), start..start + len))
            })
            .collect();
        found.push(Definition {
            template,
            name,
            calls,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect()
    }

    fn tera_error(list: &[(&str, &str)]) -> tera::Error {
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(list.iter().copied())
            .expect_err("the templates do not compile")
    }

    #[test]
    fn the_tag_naming_a_template_is_found_with_either_quote_and_trimming_marks() {
        let text = "x {%- include 'partials/a.html' -%} {% extends \"base.html\" %}";
        let include = tag_naming(text, "include", "partials/a.html").expect("include");
        assert_eq!(&text[include], "partials/a.html");
        let extends = tag_naming(text, "extends", "base.html").expect("extends");
        assert_eq!(&text[extends], "base.html");
        assert_eq!(tag_naming(text, "include", "base.html"), None);
        assert_eq!(tag_naming("{% includes 'a' %}", "include", "a"), None);
    }

    #[test]
    fn a_missing_parent_is_placed_at_the_extends_that_names_it() {
        let list = [
            (
                "base.html",
                "<main>{% block main %}{% endblock main %}</main>",
            ),
            (
                "article.html",
                "{% extends \"bsae.html\" %}{% block main %}x{% endblock main %}",
            ),
        ];
        let tagged = place(&tera_error(&list), &templates(&list)).expect("placed");
        assert_eq!(tagged.template, "article.html");
        assert_eq!(&list[1].1[tagged.span], "bsae.html");
        assert_eq!(tagged.hint, "did you mean `base.html`?");
    }

    #[test]
    fn a_circle_of_includes_is_placed_at_the_include_that_closes_it() {
        let list = [
            ("article.html", "{% include \"a.html\" %}"),
            ("a.html", "A {% include \"b.html\" %}"),
            ("b.html", "B\n{% include \"a.html\" %}"),
        ];
        let tagged = place(&tera_error(&list), &templates(&list)).expect("placed");
        assert_eq!(tagged.template, "b.html");
        assert_eq!(&list[2].1[tagged.span], "a.html");
        assert!(
            tagged
                .message
                .contains("a.html includes b.html includes a.html"),
            "{}",
            tagged.message
        );
    }

    #[test]
    fn a_template_that_extends_itself_is_placed_at_its_extends() {
        let list = [("article.html", "{% extends \"article.html\" %}")];
        let tagged = place(&tera_error(&list), &templates(&list)).expect("placed");
        assert_eq!(tagged.template, "article.html");
        assert_eq!(&list[0].1[tagged.span], "article.html");
    }

    #[test]
    fn a_component_that_calls_itself_is_placed_at_the_call_that_closes_the_circle() {
        let list = templates(&[
            ("article.html", "{{ <outer n={1} /> }}"),
            (
                "components.html",
                "{% component outer(n) %}{{ <inner n={n} /> }}{% endcomponent outer %}\n{% component inner(n) %}<b>{{ <outer n={n} /> }}</b>{% endcomponent inner %}",
            ),
        ]);
        let err = tera::Error::message(format!("{TOO_DEEP}."));
        let tagged = place(&err, &list).expect("placed");
        assert_eq!(tagged.template, "components.html");
        let text = &list[1].1;
        assert_eq!(&text[tagged.span.clone()], "outer");
        assert!(tagged.span.start > text.find("component inner").expect("inner"));
        assert!(
            tagged.message.ends_with("outer calls inner calls outer"),
            "{}",
            tagged.message
        );
    }
}
