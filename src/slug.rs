//! Turns names into URL slugs: ASCII, lowercase, words joined by `-`.
//!
//! In: any text (a tag, an author, a heading). Out: a slug that is stable between builds
//! and safe as one path segment. Non-Latin scripts are transliterated with deunicode, so
//! `Ri Yong Ho` and `Rí Yong-ho` meet on one page ([`term_key`]), while distinct names
//! whose slugs collide (`C` and `C#`) are told apart by [`TermSlugs`].

use std::collections::{BTreeMap, BTreeSet};

/// The slug of `text`: transliterated to ASCII, lowercase, runs of anything but letters
/// and digits turned into one `-`, no `-` at either end. Empty when nothing is left.
pub fn slugify(text: &str) -> String {
    let bare: String;
    let text = if text.chars().any(is_pointing) {
        bare = text.chars().filter(|&c| !is_pointing(c)).collect();
        &bare
    } else {
        text
    };
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

/// The URL segment a name would have on its own: its [`slugify`] slug, or a stable
/// hash for names with nothing ASCII-able left. [`TermSlugs`] tells apart the names
/// whose segments collide.
pub fn term_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        format!("t-{:08x}", crate::cache::hash(name.as_bytes()) as u32)
    } else {
        slug
    }
}

/// What makes two names one tag, author or publication: equal keys. Case, accents in
/// every script (`Rí` is `Ri`, `Ελλάδα` is `ΕΛΛΑΔΑ`, whose capitals are written without
/// them, and `Ιρὰν` is `ιραν`; Greek's final `ς` is `σ`), and the spaces and punctuation
/// between words do not count (`Rí Yong-ho` is `Ri Yong Ho`); other letters and symbols
/// such as `#` and `+` do (`C`, `C#` and `C++` are three terms, `王伟` and `汪伟` two; a
/// kana's voicing marks are no accents, so `か` and `が` are two letters).
pub fn term_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Canonical decomposition sets an accent apart from its letter, to be dropped; NFC
    // then joins again what is no accent (a Hangul syllable's jamo, a kana's voicing).
    let bare: std::borrow::Cow<'_, str> = if name.is_ascii() {
        name.into()
    } else {
        let mut letter = ' ';
        name.nfd()
            .filter(|&c| {
                if !is_pointing(c) {
                    letter = c;
                    return true;
                }
                is_own_letter(letter, c)
            })
            .nfc()
            .collect::<String>()
            .into()
    };
    let mut key = String::with_capacity(bare.len());
    let mut gap = false;
    for c in bare.chars() {
        if is_separator(c) {
            gap = true;
            continue;
        }
        if gap && !key.is_empty() {
            key.push(' ');
        }
        gap = false;
        if is_latin(c) {
            key.extend(
                deunicode::deunicode_char(c)
                    .unwrap_or("")
                    .chars()
                    .map(|c| c.to_ascii_lowercase()),
            );
        } else if c == 'ς' {
            key.push('σ');
        } else {
            key.extend(c.to_lowercase());
        }
    }
    if key.is_empty() {
        // Nothing but punctuation: the name is its own key.
        name.trim().to_owned()
    } else {
        key
    }
}

/// Marks written over or under letters that a name may have or leave out without being
/// another name, as accents on Latin letters: Arabic short vowels and other harakat, the
/// tatweel that stretches a word, Hebrew points, and combining accents.
pub fn is_pointing(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0640}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
    )
}

/// Whether `mark` after `letter` makes a letter of its own alphabet rather than an
/// accent: Cyrillic `й`, `ў` (a breve) and `ї` (a diaeresis) are letters of Russian,
/// Ukrainian and Belarusian, so `войны` (wars) and `воины` (warriors) are two words;
/// `ё`, often written `е`, is not one of them.
fn is_own_letter(letter: char, mark: char) -> bool {
    matches!(
        (letter, mark),
        ('и' | 'И' | 'у' | 'У', '\u{306}') | ('і' | 'І', '\u{308}')
    )
}

/// Spaces and the punctuation that joins or quotes words.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_'
                | '.'
                | ','
                | '\''
                | '"'
                | '/'
                | ':'
                | ';'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '|'
                | '!'
                | '?'
                | '&'
        )
        || ('\u{2010}'..='\u{205E}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
}

/// Latin letters with accents, whose ASCII form is the same letter.
fn is_latin(c: char) -> bool {
    c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// The URL segments of one taxonomy's terms (tags, authors or publications), decided
/// over all its names at once. A term keeps [`term_slug`] of its name unless another
/// term has that slug too: then the first by [`term_key`] keeps it and each other one
/// gets its symbols spelled out (`c-sharp`, `c-plus-plus`) or, when that is not enough
/// (`王伟` and `汪伟` are both `wang-wei`), a short stable hash of its key. Only the
/// exceptions are stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermSlugs {
    /// Term key to slug, for the terms whose slug is not their [`term_slug`].
    exceptions: BTreeMap<String, String>,
}

impl TermSlugs {
    /// The slugs of the terms `names` make.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        // Each spelling once, in the order first met: an archive names its few hundred
        // terms tens of thousands of times.
        let mut met: crate::cache::FastMap<&str, ()> = crate::cache::FastMap::default();
        let mut keys: BTreeMap<String, String> = BTreeMap::new();
        for name in names {
            let name = name.trim();
            if !name.is_empty() && met.insert(name, ()).is_none() {
                keys.entry(term_key(name))
                    .or_insert_with(|| term_slug(name));
            }
        }
        let mut by_slug: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (key, slug) in &keys {
            by_slug.entry(slug).or_default().push(key);
        }
        let mut taken: BTreeSet<String> = by_slug.keys().map(|s| (*s).to_owned()).collect();
        let mut exceptions = BTreeMap::new();
        for (slug, keys) in &by_slug {
            // Keys come sorted: the first keeps the slug.
            for key in keys.iter().skip(1) {
                let spelled = slugify(&spell_symbols(key));
                let chosen = if !spelled.is_empty() && !taken.contains(&spelled) {
                    spelled
                } else {
                    let mut n = crate::cache::hash(key.as_bytes());
                    loop {
                        let candidate = format!("{slug}-{:06x}", n & 0xff_ffff);
                        if !taken.contains(&candidate) {
                            break candidate;
                        }
                        n = n.rotate_right(24);
                    }
                };
                taken.insert(chosen.clone());
                exceptions.insert((*key).to_owned(), chosen);
            }
        }
        TermSlugs { exceptions }
    }

    /// The URL segment of `name`'s page.
    pub fn slug(&self, name: &str) -> String {
        let name = name.trim();
        if !self.exceptions.is_empty() {
            if let Some(slug) = self.exceptions.get(&term_key(name)) {
                return slug.clone();
            }
        }
        term_slug(name)
    }

    /// Adds what these slugs depend on to a cache key.
    pub fn key(&self, key: crate::cache::Key) -> crate::cache::Key {
        self.exceptions
            .iter()
            .fold(key.u64(self.exceptions.len() as u64), |key, (k, v)| {
                key.str(k).str(v)
            })
    }
}

/// `key` with the symbols that tell names apart written as words: `c#` as `c sharp`.
fn spell_symbols(key: &str) -> String {
    let mut spelled = String::with_capacity(key.len() + 16);
    for c in key.chars() {
        let word = match c {
            '#' => "sharp",
            '+' => "plus",
            '@' => "at",
            '%' => "percent",
            '$' => "dollar",
            '*' => "star",
            '=' => "equals",
            '<' => "less",
            '>' => "greater",
            '~' => "tilde",
            '^' => "caret",
            _ => {
                spelled.push(c);
                continue;
            }
        };
        spelled.push(' ');
        spelled.push_str(word);
        spelled.push(' ');
    }
    spelled
}

#[cfg(test)]
mod tests {
    use super::{slugify, term_key, TermSlugs};

    #[test]
    fn names_differing_in_case_accents_or_spacing_are_one_term() {
        assert_eq!(term_key("Rí Yong-ho"), term_key("ri yong ho"));
        // Arabic with and without its short vowels, or stretched; Hebrew with points.
        assert_eq!(term_key("ثَقَافَة"), term_key("ثقافة"));
        assert_eq!(slugify("ثَقَافَة"), slugify("ثقافة"));
        assert_eq!(term_key("الكتـــاب"), term_key("الكتاب"));
        assert_eq!(term_key("שָׁלוֹם"), term_key("שלום"));
        assert_ne!(term_key("ثقافة"), term_key("ثقافات"));
        assert_eq!(term_key("Food & Drink"), term_key("food drink"));
        assert_eq!(term_key("“Brexit”"), term_key("brexit"));
        assert_ne!(term_key("C"), term_key("C#"));
        assert_ne!(term_key("C#"), term_key("C++"));
        assert_ne!(term_key("王伟"), term_key("汪伟"));
        assert_ne!(term_key("!!!"), term_key("???"));
    }

    #[test]
    fn accents_of_every_script_do_not_count() {
        // Greek capitals are written without the tonos; Greek's final sigma is a sigma.
        assert_eq!(term_key("Ελλάδα"), term_key("ΕΛΛΑΔΑ"));
        assert_eq!(
            term_key("Γιώργος Παπαδόπουλος"),
            term_key("Γιωργος Παπαδοπουλος")
        );
        assert_eq!(term_key("Ιράν"), term_key("ιραν"));
        assert_eq!(term_key("Ιρὰν"), term_key("ιραν"));
        assert_eq!(term_key("Ελλάς"), term_key("ΕΛΛΑΣ"));
        assert_eq!(term_key("Ёлка"), term_key("елка"));
        // Cyrillic letters written with a mark are letters of their own.
        assert_ne!(term_key("войны"), term_key("воины"));
        assert_ne!(term_key("Мой Ли"), term_key("Мои Ли"));
        assert_ne!(term_key("Київ"), term_key("Кіів"));
        assert_ne!(term_key("Ўладзімір"), term_key("Уладзімір"));
        assert_eq!(term_key("ВОЙНЫ"), term_key("войны"));
        // Decomposed as typed or precomposed, one key.
        assert_eq!(term_key("Ελλα\u{301}δα"), term_key("Ελλάδα"));
        // What is no accent stays: a kana's voicing, a Hangul syllable, Devanagari's
        // vowel signs.
        assert_ne!(term_key("かっこう"), term_key("がっこう"));
        assert_eq!(term_key("서울"), "서울");
        assert_ne!(term_key("भारत"), term_key("भरत"));
    }

    #[test]
    fn colliding_slugs_are_told_apart_and_unique() {
        let names = [
            "C",
            "C++",
            "c#",
            "C sharp",
            "王伟",
            "汪伟",
            "Rí Yong-ho",
            "Ri Yong Ho",
            "Go",
        ];
        let slugs = TermSlugs::new(names);
        let of = |name: &str| slugs.slug(name);
        assert_eq!(of("C"), "c");
        assert_eq!(of("C++"), "c-plus-plus");
        // "c-sharp" is taken by "C sharp", so C# gets a hash of its own.
        assert_eq!(of("C sharp"), "c-sharp");
        assert!(
            of("C#").starts_with("c-") && of("C#") != "c-sharp",
            "{}",
            of("C#")
        );
        assert_eq!(of("Rí Yong-ho"), of("Ri Yong Ho"));
        assert_eq!(of("Go"), "go");
        assert_ne!(of("王伟"), of("汪伟"));
        let mut all: Vec<String> = names.iter().map(|n| of(n)).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), names.len() - 1, "one slug per term: {all:?}");
        // The same names in any order give the same slugs.
        let reversed = TermSlugs::new(names.iter().rev().copied());
        assert_eq!(reversed, slugs);
        // Without collisions nothing is stored and every slug is the plain one.
        assert_eq!(TermSlugs::new(["Go", "Rust"]), TermSlugs::default());
    }

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
