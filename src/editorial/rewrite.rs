//! Rewrites a sidecar's anchoring values in place, keeping everything else as written.
//!
//! In: a sidecar's text and, per note (by sidecar position), its new `quote`, `prefix`,
//! `suffix` and `occurrence`. Out: the new text. TOML sidecars are edited through
//! toml_edit, so comments, key order, blank lines and string styles of everything not
//! changed stay as they were; a new key goes right after `quote`. YAML sidecars are
//! refused: gloss cannot yet change a YAML value without risking the rest of the file.

use toml_edit::{DocumentMut, Item, Table, Value};

use super::refit::Anchoring;

/// Why a sidecar could not be rewritten.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RewriteError {
    /// YAML sidecars are reported, not rewritten.
    #[error("gloss rewrites TOML sidecars only, and this one is YAML")]
    Yaml,
    /// The file is not TOML gloss can read.
    #[error("the sidecar is not valid TOML: {0}")]
    Invalid(String),
    /// `note` is not an array of `[[note]]` tables.
    #[error(
        "the notes are not written as [[note]] tables, which is the only layout gloss rewrites"
    )]
    Layout,
    /// A note index past the end.
    #[error("the sidecar has no note {0}")]
    NoSuchNote(usize),
}

/// The order anchoring keys are written in, after `quote`.
const ANCHOR_KEYS: [&str; 4] = ["quote", "prefix", "suffix", "occurrence"];

/// Applies `changes` (sidecar index, new values) to the sidecar `text` named `rel`.
///
/// # Errors
/// A YAML sidecar, TOML that does not parse, notes not laid out as `[[note]]`, or an
/// index past the last note.
pub fn apply(
    rel: &str,
    text: &str,
    changes: &[(usize, Anchoring)],
) -> Result<String, RewriteError> {
    if !rel.ends_with(".toml") {
        return Err(RewriteError::Yaml);
    }
    // The file's byte order mark and line endings are its own: kept as they were.
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let crlf = text.contains("\r\n");
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|err: toml_edit::TomlError| RewriteError::Invalid(err.message().to_owned()))?;
    let notes = doc
        .get_mut("note")
        .and_then(Item::as_array_of_tables_mut)
        .ok_or(RewriteError::Layout)?;
    for (index, to) in changes {
        let table = notes
            .get_mut(*index)
            .ok_or(RewriteError::NoSuchNote(index + 1))?;
        for (key, new) in [
            ("quote", Some(&to.quote)),
            ("prefix", to.prefix.as_ref()),
            ("suffix", to.suffix.as_ref()),
        ] {
            let new = new.map(|text| in_style_of(table.get(key).and_then(Item::as_value), text));
            set(table, key, new);
        }
        set(
            table,
            "occurrence",
            to.occurrence
                .and_then(|n| i64::try_from(n).ok())
                .map(Value::from),
        );
    }
    let mut out = doc.to_string();
    if crlf {
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(format!("{bom}{out}"))
}

/// Sets, replaces or removes one key, keeping its comments and spacing when it stays.
fn set(table: &mut Table, key: &str, new: Option<Value>) {
    let Some(mut new) = new else {
        table.remove(key);
        return;
    };
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut) {
        if same_value(old, &new) {
            return;
        }
        *new.decor_mut() = old.decor().clone();
        *old = new;
        return;
    }
    table.insert(key, Item::Value(new));
    let order: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let rank = |k: &str| {
        let position = order.iter().position(|o| o == k).unwrap_or(usize::MAX);
        match ANCHOR_KEYS.iter().position(|a| *a == k) {
            // Anchoring keys sit together, in their own order, where `quote` is.
            Some(a) => (order.iter().position(|o| o == "quote").unwrap_or(0), a),
            None => (position, 0),
        }
    };
    table.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
}

/// `text` as a TOML string written as the value it replaces was: a literal string
/// (`'called it the "grand bargain"'`) stays one when `text` can be one, and a basic
/// string (`"..."`) stays basic, its `"` escaped. A new key is a basic string.
fn in_style_of(old: Option<&Value>, text: &str) -> Value {
    let literal = match old {
        Some(Value::String(old)) => old
            .as_repr()
            .and_then(|repr| repr.as_raw().as_str())
            .is_some_and(|raw| raw.starts_with('\'') && !raw.starts_with("'''")),
        _ => false,
    };
    let can_be_literal = !text.contains('\'') && !text.chars().any(char::is_control);
    let raw = if literal && can_be_literal {
        format!("'{text}'")
    } else {
        let mut raw = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => raw.push_str("\\\""),
                '\\' => raw.push_str("\\\\"),
                '\n' => raw.push_str("\\n"),
                '\t' => raw.push_str("\\t"),
                '\r' => raw.push_str("\\r"),
                c if c.is_control() => raw.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => raw.push(c),
            }
        }
        raw.push('"');
        raw
    };
    raw.parse().unwrap_or_else(|_| Value::from(text))
}

fn same_value(old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Integer(a), Value::Integer(b)) => a.value() == b.value(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIDECAR: &str = "# Header comment.\n\n[[note]]\n# why this note\nquote = \"old words\"  # checked\nbody = \"\"\"\nA body.\n\"\"\"\n\n[[note]]\nquote = \"CVID\"\noccurrence = 2\nref = \"cvid\"\n[[note.sources]]\ntitle = \"T\"\nurl = \"https://x.org\"\n";

    #[test]
    fn only_the_changed_values_change() {
        let to = Anchoring {
            quote: "new words".into(),
            prefix: Some("just before".into()),
            ..Anchoring::default()
        };
        let out = apply("a.annotations.toml", SIDECAR, &[(0, to)]).expect("rewrites");
        assert_eq!(
            out,
            SIDECAR.replace(
                "quote = \"old words\"  # checked\n",
                "quote = \"new words\"  # checked\nprefix = \"just before\"\n"
            )
        );
    }

    #[test]
    fn a_byte_order_mark_and_crlf_line_endings_are_kept() {
        let to = Anchoring {
            quote: "new words".into(),
            prefix: Some("just before".into()),
            ..Anchoring::default()
        };
        let windows = format!("\u{feff}{}", SIDECAR.replace('\n', "\r\n"));
        let out = apply("a.annotations.toml", &windows, &[(0, to)]).expect("rewrites");
        let expected = SIDECAR.replace(
            "quote = \"old words\"  # checked\n",
            "quote = \"new words\"  # checked\nprefix = \"just before\"\n",
        );
        assert_eq!(out, format!("\u{feff}{}", expected.replace('\n', "\r\n")));
    }

    #[test]
    fn an_occurrence_no_longer_needed_is_removed() {
        let to = Anchoring {
            quote: "CVID".into(),
            suffix: Some("or bust".into()),
            ..Anchoring::default()
        };
        let out = apply("a.annotations.toml", SIDECAR, &[(1, to)]).expect("rewrites");
        assert!(
            out.contains(
                "quote = \"CVID\"\nsuffix = \"or bust\"\nref = \"cvid\"\n[[note.sources]]"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_literal_string_stays_literal_and_a_basic_one_basic() {
        let to = |quote: &str| Anchoring {
            quote: quote.into(),
            ..Anchoring::default()
        };
        let literal = "[[note]]\nquote = 'the \"grand bargain\"'  # as typed\nbody = \"b\"\n";
        let out = apply(
            "a.annotations.toml",
            literal,
            &[(0, to("the \"grand bargains\""))],
        );
        assert_eq!(
            out.as_deref(),
            Ok("[[note]]\nquote = 'the \"grand bargains\"'  # as typed\nbody = \"b\"\n")
        );
        // An apostrophe cannot go into a literal string: the value is escaped instead.
        let out = apply("a.annotations.toml", literal, &[(0, to("Kim's \"deal\""))]);
        assert_eq!(
            out.as_deref(),
            Ok("[[note]]\nquote = \"Kim's \\\"deal\\\"\"  # as typed\nbody = \"b\"\n")
        );
        let basic = "[[note]]\nquote = \"old\"\nbody = \"b\"\n";
        let out = apply("a.annotations.toml", basic, &[(0, to("the \"deal\""))]);
        assert_eq!(
            out.as_deref(),
            Ok("[[note]]\nquote = \"the \\\"deal\\\"\"\nbody = \"b\"\n")
        );
    }

    #[test]
    fn yaml_is_refused() {
        assert_eq!(
            apply("a.annotations.yaml", "note: []\n", &[]),
            Err(RewriteError::Yaml)
        );
    }
}
