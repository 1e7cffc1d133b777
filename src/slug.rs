//! Turns names into URL slugs: ASCII, lowercase, words joined by `-`.
//!
//! In: any text (a tag, an author, a heading). Out: a slug that is stable between builds
//! and safe as one path segment. Non-Latin scripts are transliterated with deunicode, so
//! `Ri Yong Ho` and `Rí Yong-ho` can meet on one page; callers decide what to do when two
//! names share a slug.

/// The slug of `text`: transliterated to ASCII, lowercase, runs of anything but letters
/// and digits turned into one `-`, no `-` at either end. Empty when nothing is left.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    slug
}

/// The URL segment of a tag, author or publication page; names with nothing ASCII-able
/// left get a stable hash. Names with one term slug share one page.
pub fn term_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        format!("t-{:08x}", crate::cache::hash(name.as_bytes()) as u32)
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_ascii_lowercase_and_dashed() {
        assert_eq!(slugify("North Korea"), "north-korea");
        assert_eq!(
            slugify("  Kim Jong Un's   summit!! "),
            "kim-jong-un-s-summit"
        );
        assert_eq!(slugify("Pyeongchang 평창"), "pyeongchang-pyeongcang");
        assert_eq!(slugify("Zürich"), "zurich");
        assert_eq!(slugify("!!!"), "");
    }
}
