//! Photo-credit lines: the caption residue a scraper leaves where a picture was.
//!
//! Read shapes: `© Getty Images`; a label and a source, `Photo: Reuters`, `Photo by Jane
//! Doe/Getty Images`; a whole line in parentheses naming an agency or a photo,
//! `(AP Photo/Evan Vucci, File)`; and the bare `Getty Images` or `AP Photo/Evan Vucci`
//! (nothing but `/` or `,` and a source after the agency).
//! A credit is short ([`MAX_CREDIT_CHARS`], [`MAX_CREDIT_WORDS`]), and a parenthesised or
//! bare one does not end like a sentence, so prose that mentions photos stays; so does a
//! sentence after a label (`Photo: the minister's own account says he took it himself.`).

/// Longest photo-credit line, in characters.
const MAX_CREDIT_CHARS: usize = 120;
/// Most words in a photo-credit line.
const MAX_CREDIT_WORDS: usize = 12;
/// Labels that open a credit line, compared ignoring ASCII case.
const CREDIT_LABELS: [&str; 10] = [
    "photo:",
    "photos:",
    "photo by ",
    "photograph:",
    "photograph by ",
    "photo credit:",
    "image:",
    "image credit:",
    "credit:",
    "illustration:",
];
/// Words that make a whole line in parentheses a credit: "(AP Photo/Evan Vucci)".
const CREDIT_MARKERS: [&str; 10] = [
    "Getty",
    "AP Photo",
    "Associated Press",
    "Reuters",
    "AFP",
    "EPA",
    "Shutterstock",
    "Bloomberg",
    "Photo",
    "Images",
];
/// How a credit without ©, label or parentheses starts: "AP Photo/Evan Vucci".
const BARE_CREDIT_STARTS: [&str; 2] = ["Getty Images", "AP Photo"];

/// Whether a trimmed line is a photo credit: "© Getty Images", "Photo: Reuters",
/// "(Getty Images)", "AP Photo/Evan Vucci". Short lines only; a sentence is never one.
pub(super) fn is_photo_credit(text: &str) -> bool {
    if text.chars().count() > MAX_CREDIT_CHARS || text.split_whitespace().count() > MAX_CREDIT_WORDS
    {
        return false;
    }
    match text
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
    {
        Some(inner) => {
            let inner = inner.trim();
            is_marked_credit(inner) || (names_a_picture(inner) && !ends_sentence(inner))
        }
        None => is_marked_credit(text) || (starts_like_bare_credit(text) && !ends_sentence(text)),
    }
}

/// Whether the words in parentheses credit a picture: they speak of a photo or images
/// ("AP Photo/Evan Vucci", "Getty Images"), or are an agency alone or before a `/`
/// ("Reuters", "Reuters/Jane Doe"). "(Disclosure: Bloomberg LP owns …)" is no credit.
fn names_a_picture(inner: &str) -> bool {
    ["Photo", "photo", "Images", "Illustration"]
        .iter()
        .any(|word| inner.contains(word))
        || CREDIT_MARKERS.iter().any(|marker| {
            inner
                .strip_prefix(marker)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// A credit opened by © or by a label such as "Photo:", with something after it.
fn is_marked_credit(text: &str) -> bool {
    let has_label = |label: &&str| {
        text.get(..label.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(label))
            && !text[label.len()..].trim().is_empty()
            && !super::furniture::is_sentence_after_label(&text[label.len()..])
    };
    text.strip_prefix('©')
        .is_some_and(|rest| !rest.trim().is_empty())
        || CREDIT_LABELS.iter().any(has_label)
}

/// `Getty Images`, `AP Photo/Evan Vucci` or `AP Photo, File`, but not `AP Photographers`
/// nor a subheading such as `Getty Images buys a rival`.
fn starts_like_bare_credit(text: &str) -> bool {
    BARE_CREDIT_STARTS.iter().any(|start| {
        text.strip_prefix(start).is_some_and(|rest| {
            rest.is_empty()
                || rest.starts_with('/')
                // `AP Photo, File`, `Getty Images, Jane Doe`; not `Getty Images, the
                // photo agency, declined to comment`.
                || rest.strip_prefix(',').is_some_and(|names| {
                    names
                        .split_whitespace()
                        .all(|word| word.starts_with(char::is_uppercase))
                })
        })
    })
}

/// Whether `text` ends like a sentence, so it is prose rather than a credit.
fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '"', '”'])
}
