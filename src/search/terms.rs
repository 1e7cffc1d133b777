//! Turns text into search terms: words cut on Unicode classes, case and accents folded,
//! the stop words of the site's language dropped (and, in French and Italian, the
//! elided article of a word cut off), English suffixes stripped. Chinese and Japanese,
//! written without spaces, are cut into overlapping pairs of characters, the last
//! character standing alone too (`北京市` gives `北京`, `京市`, `市`), so a word inside a
//! sentence is found by its own pairs, and a word of one character among the terms it
//! starts.
//!
//! In: any text. Out: terms, each with where its word sits in the text. `static/search.js`
//! applies the very same rules to what a reader types and to the passages it highlights,
//! so every rule here stays small enough to write twice; the tests at the bottom and the
//! browser suite check both sides against one table.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// English words too common to find anything; neither indexed nor searched (see
/// [`Language`] for other languages'). Sorted, for binary search.
pub const STOP_WORDS: [&str; 30] = [
    "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "in",
    "is", "it", "its", "not", "of", "on", "or", "that", "the", "their", "this", "to", "was",
    "were", "which", "with",
];

/// What a site's language adds to the rules: its stop words; and the short words French
/// and Italian elide into the next (`l’homme`, `qu’il`, `dell’arte`), which are cut off
/// so that a word is found with or without its article, in every language, since an
/// article may be written in another language than its site's (a French article in an
/// English archive). Shipped in the manifest, so the browser applies the same. A
/// language without its own list keeps the English stop words.
#[derive(Debug)]
pub struct Language {
    /// Its stop words, folded and sorted.
    pub stop_words: &'static [&'static str],
    /// The stop words packed into integers, for a binary search.
    stop_keys: Vec<u64>,
    /// The elided words, folded: [`ELIDED`].
    pub elided: &'static [&'static str],
}

/// The words French and Italian elide into the next, folded and sorted.
pub const ELIDED: [&str; 20] = [
    "all", "c", "d", "dall", "dell", "j", "jusqu", "l", "lorsqu", "m", "n", "nell", "puisqu", "qu",
    "quell", "quest", "s", "sull", "t", "un",
];

/// The stop words of the languages with lists of their own, folded (`für` is `fur`,
/// `её` is `ее`), each of two to eight bytes, sorted.
const LANGUAGES: [(&str, &[&str]); 7] = [
    (
        "fr",
        &[
            "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "elle", "en", "est", "et",
            "il", "ils", "la", "le", "les", "leur", "lui", "mais", "ne", "nous", "on", "ou", "par",
            "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "un",
            "une", "vous",
        ],
    ),
    (
        "de",
        &[
            "als", "am", "an", "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der",
            "des", "die", "ein", "eine", "einem", "einen", "einer", "eines", "es", "fur", "hat",
            "im", "in", "ist", "mit", "nach", "nicht", "noch", "oder", "sich", "sie", "sind",
            "und", "von", "war", "wie", "wir", "zu", "zum", "zur",
        ],
    ),
    (
        "es",
        &[
            "al", "como", "con", "de", "del", "el", "en", "es", "la", "las", "lo", "los", "mas",
            "no", "para", "pero", "por", "que", "se", "sin", "su", "sus", "un", "una",
        ],
    ),
    (
        "it",
        &[
            "al", "alla", "che", "con", "da", "dal", "del", "della", "di", "gli", "il", "in", "la",
            "le", "lo", "ma", "nel", "non", "per", "piu", "si", "su", "un", "una", "uno",
        ],
    ),
    (
        "pt",
        &[
            "ao", "aos", "as", "com", "como", "da", "das", "de", "do", "dos", "em", "na", "nas",
            "no", "nos", "os", "para", "pela", "pelo", "por", "que", "se", "sem", "um", "uma",
        ],
    ),
    (
        "ru",
        &[
            "бы", "был", "была", "были", "было", "вам", "вас", "все", "вы", "да", "для", "до",
            "его", "ее", "если", "есть", "же", "за", "из", "или", "им", "их", "как", "ко", "ли",
            "мы", "на", "над", "нас", "не", "нет", "но", "ну", "об", "он", "она", "они", "оно",
            "от", "по", "под", "при", "со", "так", "там", "то", "тот", "ты", "уже", "что", "это",
        ],
    ),
    (
        "nl",
        &[
            "aan", "als", "bij", "dat", "de", "den", "der", "die", "dit", "een", "en", "er", "het",
            "hij", "in", "is", "met", "niet", "of", "om", "op", "te", "van", "voor", "was", "wat",
            "ze", "zijn",
        ],
    ),
];

impl Language {
    fn new(stop_words: &'static [&'static str]) -> Self {
        Self {
            stop_words,
            stop_keys: stop_words.iter().map(|w| pack(w.as_bytes())).collect(),
            elided: &ELIDED,
        }
    }

    /// The rules of the language `tag` (BCP 47) is in, by its primary subtag.
    pub fn of(tag: &str) -> &'static Language {
        static ALL: std::sync::LazyLock<Vec<(&str, Language)>> = std::sync::LazyLock::new(|| {
            std::iter::once(("en", Language::new(&STOP_WORDS)))
                .chain(
                    LANGUAGES
                        .iter()
                        .map(|(tag, stop)| (*tag, Language::new(stop))),
                )
                .collect()
        });
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        ALL.iter()
            .find(|(known, _)| primary.eq_ignore_ascii_case(known))
            .map_or(&ALL[0].1, |(_, language)| language)
    }

    /// English, the rules of a site that names no other language.
    pub fn english() -> &'static Language {
        Self::of("en")
    }

    /// Whether `folded` is one of its stop words: a binary search over the words packed
    /// into integers, since every indexed word asks.
    fn is_stop_word(&self, folded: &str) -> bool {
        folded.len() <= 8
            && self
                .stop_keys
                .binary_search(&pack(folded.as_bytes()))
                .is_ok()
    }

    /// `word` without an elided word before its first apostrophe (`l’homme` is
    /// `homme`); the word itself when it starts otherwise.
    fn elide<'w>(&self, word: &'w str) -> &'w str {
        if self.elided.is_empty() {
            return word;
        }
        let Some((at, apostrophe)) = word.char_indices().find(|&(_, c)| is_apostrophe(c)) else {
            return word;
        };
        let head = &word[..at];
        let elided = head.len() <= 6
            && self
                .elided
                .iter()
                .any(|e| e.len() == head.len() && e.eq_ignore_ascii_case(head));
        if elided {
            &word[at + apostrophe.len_utf8()..]
        } else {
            word
        }
    }
}

/// `word` without the `’s` of a possessive (`EU’s` is `EU`, `Kim's` is `Kim`), which the
/// stemmer alone would leave on a short word (`eus`).
fn without_possessive(word: &str) -> &str {
    let stem = word
        .strip_suffix(['s', 'S'])
        .and_then(|rest| rest.strip_suffix(is_apostrophe));
    match stem {
        Some(stem) if !stem.is_empty() => stem,
        _ => word,
    }
}

/// Longest term, in characters: a longer word is indexed by its first 40 characters
/// (unstemmed), which a query for the whole word also asks for.
pub const MAX_TERM_CHARS: usize = 40;

/// One term and the byte range of the word it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The folded, stemmed term.
    pub text: String,
    /// Where its word sits in the text that was cut.
    pub word: Range<usize>,
}

/// Every term of `text` in `language`, in order: what both the index and a query are
/// made of.
pub fn terms(text: &str, language: &Language) -> Vec<Term> {
    let mut out = Vec::new();
    each_term(text, language, |term, word| {
        out.push(Term {
            text: term.to_owned(),
            word,
        });
    });
    out
}

/// Calls `found` with every term of `text` and its word's byte range, in order, without
/// allocating for each word: the indexer's hot path.
pub fn each_term(text: &str, language: &Language, mut found: impl FnMut(&str, Range<usize>)) {
    let mut buffer = String::new();
    for word in words(text) {
        word_terms(&text[word.clone()], language, &mut buffer, |term| {
            found(term, word.clone())
        });
    }
}

/// Calls `found` with the terms of one word (as [`words`] cuts them): none for a stop
/// word, at most one for an ASCII word. `buffer` is scratch space, reused from word to
/// word.
pub fn word_terms(
    word: &str,
    language: &Language,
    buffer: &mut String,
    mut found: impl FnMut(&str),
) {
    // The possessive first: `un’s` (of the UN) is no Italian `un’` before `s`.
    let word = language.elide(without_possessive(word));
    if word.is_ascii() {
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        if buffer.starts_with(|c: char| c.is_ascii_digit()) && buffer.contains(['.', ',']) {
            // A decimal number (see [`words`]) keeps its point, a comma read as one.
            if buffer.contains(',') {
                *buffer = buffer.replace(',', ".");
            }
        } else if buffer.contains(['\'', '.']) {
            buffer.retain(|c| c != '\'' && c != '.');
        }
        if shape(buffer, language) {
            found(buffer);
        }
    } else {
        for mut piece in fold(word) {
            if shape(&mut piece, language) {
                found(&piece);
            }
        }
    }
}

/// The byte ranges of the words of `text`: runs of letters, digits and combining marks,
/// joined across an apostrophe (`'`, `’`, or `‘` as some keyboards type it) that has
/// word characters on both sides (`Kim’s` and `O‘Reilly` are one word each, `'90` is
/// not).
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = if text.is_ascii() {
        ascii_words(text.as_bytes())
    } else {
        unicode_words(text)
    };
    if text.contains('.') {
        join_initials(text, &mut words);
    }
    if text.contains(['.', ',']) {
        join_decimals(text, &mut words);
    }
    words
}

/// Joins the letters of an initialism into one word (`U.S.`, `U.S.A.`, `e.g.`): single
/// letters apart by one dot each. Its term is the letters alone (`us`), as for `US`.
fn join_initials(text: &str, words: &mut Vec<Range<usize>>) {
    let letter = |r: &Range<usize>| {
        let mut chars = text[r.clone()].chars();
        chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
    };
    // In place: `kept` words are final, the last of them perhaps still growing.
    let mut kept = 0;
    let mut joined = false;
    for at in 0..words.len() {
        let word = words[at].clone();
        if kept > 0 {
            let last = &words[kept - 1];
            // The dot between them first: most words are apart by a space.
            if text.as_bytes().get(last.end) == Some(&b'.')
                && last.end + 1 == word.start
                && letter(&word)
                && (joined || letter(last))
            {
                words[kept - 1].end = word.end;
                joined = true;
                continue;
            }
        }
        joined = false;
        words[kept] = word;
        kept += 1;
    }
    words.truncate(kept);
}

/// Joins a decimal number into one word (`3.14`, `2,5`): two runs of ASCII digits apart
/// by one dot or comma, unless a dot or comma and a digit stand on either side (`1.2.3`,
/// `1,000,000` and `06.03.2019` stay apart, found by their parts). Its term keeps the
/// point, so `14` does not find `3.14`.
fn join_decimals(text: &str, words: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let digits = |r: &Range<usize>| bytes[r.clone()].iter().all(u8::is_ascii_digit);
    let point = |at: usize| matches!(bytes.get(at), Some(b'.' | b','));
    let digit = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    // In place, as `join_initials` does.
    let mut kept = 0;
    for at in 0..words.len() {
        let word = words[at].clone();
        if kept > 0 {
            let last = &words[kept - 1];
            if point(last.end)
                && last.end + 1 == word.start
                && digits(last)
                && digits(&word)
                && !(last.start >= 2 && point(last.start - 1) && digit(last.start - 2))
                && !(point(word.end) && digit(word.end + 1))
            {
                words[kept - 1].end = word.end;
                continue;
            }
        }
        words[kept] = word;
        kept += 1;
    }
    words.truncate(kept);
}

/// [`words`] of any text, a character at a time.
fn unicode_words(text: &str) -> Vec<Range<usize>> {
    cut_words(
        text.char_indices(),
        text.len(),
        is_word_char,
        is_apostrophe,
        0,
    )
}

/// [`words`] of ASCII text, a byte at a time.
fn ascii_words(bytes: &[u8]) -> Vec<Range<usize>> {
    cut_words(
        bytes.iter().copied().enumerate(),
        bytes.len(),
        |b: u8| b.is_ascii_alphanumeric(),
        |b: u8| b == b'\'',
        bytes.len() / 5,
    )
}

/// The ranges of the runs of word units among `units` (each with its byte offset; the
/// text is `len` bytes), a run going on across one joining unit between word units.
/// Made once per unit type, so the byte walk stays a byte walk.
fn cut_words<U: Copy>(
    units: impl Iterator<Item = (usize, U)>,
    len: usize,
    is_word: impl Fn(U) -> bool,
    joins: impl Fn(U) -> bool,
    capacity: usize,
) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(capacity);
    let mut start: Option<usize> = None;
    let mut units = units.peekable();
    while let Some((at, unit)) = units.next() {
        if is_word(unit) {
            start.get_or_insert(at);
            continue;
        }
        let joined =
            joins(unit) && start.is_some() && units.peek().is_some_and(|&(_, next)| is_word(next));
        if joined {
            continue;
        }
        if let Some(begin) = start.take() {
            out.push(begin..at);
        }
    }
    if let Some(begin) = start {
        out.push(begin..len);
    }
    out
}

/// Folds one word to what is compared: lower case, compatibility decomposition, marks and
/// apostrophes dropped, a few letters that do not decompose spelled out (`ß` → `ss`).
/// The result is split again where folding left something that is not a letter or
/// digit (`½` → `1`, `2`), so a word may give several pieces, or none.
pub fn fold(word: &str) -> Vec<String> {
    let mut folded = String::with_capacity(word.len());
    for c in word.to_lowercase().nfkd() {
        // A word holds a dot only between the letters of an initialism (`É.U.`).
        if is_combining_mark(c) || is_apostrophe(c) || is_invisible(c) || c == '.' {
            continue;
        }
        match spelled_out(c) {
            Some(letters) => folded.push_str(letters),
            None => folded.push(c),
        }
    }
    let mut pieces = Vec::new();
    for piece in folded.split(|c: char| !c.is_alphanumeric()) {
        pair_ideographs(piece, &mut pieces);
    }
    pieces
}

/// Pushes the pieces of one folded run: its stretches of other scripts as they are, each
/// stretch of Chinese or Japanese characters as its overlapping pairs, then its last
/// character alone. Every character of the stretch then starts a piece, so a word of one
/// character (`猫`) is found among the terms it starts (`猫很` of `猫很可爱`, `猫` of
/// `一只猫`) in one run of sorted terms, for one more term a stretch rather than one a
/// character. `search.js` leaves the last character out of a query of a longer word.
fn pair_ideographs(piece: &str, out: &mut Vec<String>) {
    let mut rest = piece;
    while !rest.is_empty() {
        let ideographic = rest.chars().next().is_some_and(is_ideographic);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_ideographic(c) != ideographic)
            .map_or(rest.len(), |(at, _)| at);
        let (stretch, after) = rest.split_at(end);
        if ideographic {
            let chars: Vec<char> = stretch.chars().collect();
            out.extend(chars.windows(2).map(|pair| pair.iter().collect::<String>()));
            out.extend(chars.last().map(char::to_string));
        } else {
            out.push(stretch.to_owned());
        }
        rest = after;
    }
}

pub use crate::language::is_ideographic;

/// The term a folded piece gives in `language`, if any: none for single characters,
/// stop words and overlong runs; otherwise the piece, stemmed.
pub fn term(folded: &str, language: &Language) -> Option<String> {
    let mut term = folded.to_owned();
    shape(&mut term, language).then_some(term)
}

/// Makes a folded piece its term in place: false (and left as it is) for a single
/// character (unless ideographic) or a stop word; an overlong word is cut to its first
/// [`MAX_TERM_CHARS`] characters, anything else stemmed.
fn shape(folded: &mut String, language: &Language) -> bool {
    if !folded.is_ascii() {
        strip_arabic_article(folded);
    }
    let chars = if folded.is_ascii() {
        folded.len()
    } else {
        folded.chars().count()
    };
    let single = chars == 1 && folded.chars().next().is_some_and(is_ideographic);
    if !(single || chars >= 2) || language.is_stop_word(folded) {
        return false;
    }
    if chars > MAX_TERM_CHARS {
        let cut = folded
            .char_indices()
            .nth(MAX_TERM_CHARS)
            .map_or(folded.len(), |(at, _)| at);
        folded.truncate(cut);
    } else {
        stem_in_place(folded);
    }
    true
}

/// The Arabic article joined to a word (`ال`, also after `و`, `ب`, `ك`, `ف`, `وب`, `وك`,
/// and `لل`, `ولل`),
/// cut off when two letters or more are left: `قاهرة` finds `القاهرة` and `بالقاهرة`, as
/// `homme` finds `l’homme`. `static/search.js` cuts it the same way.
fn strip_arabic_article(word: &mut String) {
    for article in [
        "وبال", "وكال", "ولل", "وال", "بال", "كال", "فال", "لل", "ال",
    ] {
        if let Some(rest) = word.strip_prefix(article) {
            if rest.chars().count() >= 2 {
                *word = rest.to_owned();
            }
            return;
        }
    }
}

/// Up to eight bytes as one big-endian integer, zero-padded: integers sort as the words do.
const fn pack(bytes: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < bytes.len() {
            key |= bytes[i] as u64;
        }
        i += 1;
    }
    key
}

/// Strips the commonest English endings from a folded word of ASCII letters, so
/// `talks`, `talking` and `talked` meet at `talk`, `policies` and `policy` at `policy`.
/// Deliberately light: plural `-s`/`-es`/`-ies`, then one of `-ing`, `-edly`, `-ed`,
/// `-ly`, then a doubled final consonant (`stopped` → `stop`) and final `e`s (`making`
/// and `make` meet at `mak`, `agreed` and `agree` at `agr`). Anything with a digit or a
/// letter outside a–z is left alone, and a stem keeps at least three letters.
pub fn stem(word: &str) -> String {
    let mut w = word.to_owned();
    stem_in_place(&mut w);
    w
}

/// [`stem`], on the word's own buffer.
fn stem_in_place(w: &mut String) {
    if !w.bytes().all(|b| b.is_ascii_lowercase()) || w.len() < 4 {
        return;
    }
    if w.ends_with("ies") && w.len() >= 5 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    }
    for (suffix, keep) in [("ing", 3), ("edly", 3), ("ed", 3), ("ly", 4)] {
        if w.ends_with(suffix) && w.len() - suffix.len() >= keep {
            w.truncate(w.len() - suffix.len());
            let bytes = w.as_bytes();
            let n = bytes.len();
            if suffix != "ly"
                && n >= 4
                && bytes[n - 1] == bytes[n - 2]
                && !b"aeioulsz".contains(&bytes[n - 1])
            {
                w.truncate(n - 1);
            }
            break;
        }
    }
    while w.len() > 3 && w.ends_with('e') {
        w.truncate(w.len() - 1);
    }
}

/// What JavaScript's `[\p{Alphabetic}\p{N}\p{M}]` matches, and the characters a reader
/// does not see ([`is_invisible`]), which stay inside the word they stand in.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c) || is_invisible(c)
    }
}

/// Characters inside words that readers do not see ([`crate::language::is_invisible`],
/// as quotes are matched without them), and the zero-width joiners, which join the
/// letters of a Persian word or an emoji without being read: dropped when a word is
/// folded.
fn is_invisible(c: char) -> bool {
    crate::language::is_invisible(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// The characters written for an apostrophe: straight, curly (`’`), the left quote some
/// keyboards and fonts give for it (`O‘Reilly`) and the modifier letter (`ʼ`), which is
/// a letter already and so inside its word.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{2bc}')
}

/// Letters that no decomposition takes apart, spelled as readers type them.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'ı' => "i",
        'þ' => "th",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_cut_into_words_as_any_text_is() {
        for text in [
            "",
            "Kim's summit",
            "'90s rock 'n' roll",
            "a-b c_d e'",
            "x''y",
            "  2019: Hanoi.  ",
            "it's'",
        ] {
            assert_eq!(
                ascii_words(text.as_bytes()),
                unicode_words(text),
                "{text:?}"
            );
        }
    }

    fn texts(text: &str) -> Vec<String> {
        texts_in(text, "en")
    }

    fn texts_in(text: &str, language: &str) -> Vec<String> {
        terms(text, Language::of(language))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// The table `tests/browser/search.test.mjs` checks `search.js` against: keep the two
    /// in step.
    pub(crate) const SHARED_CASES: &[(&str, &[&str])] = &[
        ("Kim’s offer", &["kim", "offer"]),
        (
            "O‘Reilly’s l‘homme Hawaiʼi ‘U.S.’ 'U.K.'",
            &["oreil", "homm", "hawaii", "us", "uk"],
        ),
        (
            "القاهرة وبالقاهرة للقاهرة قاهرة الله",
            &["قاهرة", "قاهرة", "قاهرة", "قاهرة", "له"],
        ),
        ("Talks, talking, talked", &["talk", "talk", "talk"]),
        ("policies policy", &["policy", "policy"]),
        ("Pyŏngyang Nyŏngbyŏn", &["pyongyang", "nyongbyon"]),
        ("STRASSE straße", &["strass", "strass"]),
        ("the U.S. and a 5% rise", &["us", "ris"]),
        ("making make made", &["mak", "mak", "mad"]),
        ("agree agreed agreeing", &["agr", "agr", "agr"]),
        ("stopped running", &["stop", "run"]),
        ("Trump–Kim long-range", &["trump", "kim", "long", "rang"]),
        ("ﬁnal İstanbul", &["final", "istanbul"]),
        ("1994 2019-03-06", &["1994", "2019", "03", "06"]),
        (
            "3.14 and 2,5 of 14; 1.2.3 06.03.2019 1,000,000 v2.0 3.14's 7.",
            &[
                "3.14", "2.5", "14", "06", "03", "2019", "000", "000", "v2", "14",
            ],
        ),
        ("status analysis classes", &["status", "analysis", "class"]),
        ("Yongbyon’s", &["yongbyon"]),
        ("'90s rock", &["90s", "rock"]),
        ("clearly", &["clear"]),
        ("L’économie de l'euro", &["economi", "de", "euro"]),
        (
            "the U.S. and U.S.A. e.g. end.A.B 2.0 Ph.D.",
            &["us", "usa", "eg", "end", "ab", "2.0", "ph"],
        ),
        (
            "The EU's budget, Jong-un’s envoy",
            &["eu", "budget", "jong", "un", "envoy"],
        ),
        (
            "北京市の港湾局",
            &["北京", "京市", "市の", "の港", "港湾", "湾局", "局"],
        ),
        (
            "東京タワー 港",
            &["東京", "京タ", "タワ", "ワー", "ー", "港"],
        ),
        ("Tokyo東京2020", &["tokyo", "東京", "京", "2020"]),
        (
            "de\u{AD}nu\u{AD}clear Yong\u{200B}byon \u{627}\u{644}\u{643}\u{62A}\u{640}\u{640}\u{627}\u{628}",
            &["denuclear", "yongbyon", "كتاب"],
        ),
        (
            "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch's",
            &["llanfairpwllgwyngyllgogerychwyrndrobwlll"],
        ),
    ];

    #[test]
    fn shared_cases_give_the_same_terms_as_search_js() {
        for (text, expected) in SHARED_CASES {
            assert_eq!(texts(text), *expected, "terms of {text:?}");
        }
    }

    #[test]
    fn words_keep_their_byte_ranges_across_accents() {
        let text = "À Pyŏngyang, d’accord.";
        let ranges = words(text);
        let cut: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(cut, ["À", "Pyŏngyang", "d’accord"]);
    }

    #[test]
    fn a_word_with_a_decomposed_accent_is_one_word() {
        let text = "Pyo\u{306}ngyang";
        assert_eq!(words(text).len(), 1);
        assert_eq!(words(text)[0], 0..text.len());
        assert_eq!(texts(text), ["pyongyang"]);
    }

    #[test]
    fn apostrophes_join_only_between_word_characters() {
        assert_eq!(words("rock 'n' roll").len(), 3);
        assert_eq!(words("don't").len(), 1);
        assert_eq!(texts("don't"), ["dont"]);
    }

    #[test]
    fn stop_words_are_sorted_and_folded() {
        let english = Language::english();
        assert!(!english.is_stop_word("tho") && !english.is_stop_word("thee"));
        assert!(!english.is_stop_word("a"));
        for tag in ["en", "fr", "de", "es", "it", "pt", "ru", "nl"] {
            let language = Language::of(tag);
            let words = language.stop_words;
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{tag}");
            assert!(language.stop_keys.windows(2).all(|w| w[0] < w[1]), "{tag}");
            for word in words {
                assert!(
                    (2..=8).contains(&word.len()) && language.is_stop_word(word),
                    "{tag} {word}"
                );
                assert_eq!(fold(word), [*word], "{tag}");
            }
            for word in language.elided {
                assert_eq!(fold(word), [*word], "{tag}");
            }
        }
        // A language without a list of its own keeps the English one.
        assert!(std::ptr::eq(Language::of("ar"), english));
        assert!(std::ptr::eq(Language::of("fr-CA"), Language::of("fr")));
    }

    #[test]
    fn a_language_drops_its_own_stop_words_and_cuts_its_elided_words() {
        assert_eq!(
            texts_in("L’homme et la femme de l'État, qu’il aime", "fr"),
            ["homm", "femm", "etat", "aim"]
        );
        // In English too the elided article is cut (an article may be French), but
        // French words are no stop words.
        assert_eq!(texts("L’homme et la femme"), ["homm", "et", "la", "femm"]);
        assert_eq!(texts_in("dell’arte e l'Italia", "it"), ["art", "italia"]);
        assert_eq!(
            texts_in("Die Stadt und der Fluss", "de"),
            ["stadt", "fluss"]
        );
        // Only a whole elided word before the apostrophe is cut.
        assert_eq!(texts_in("aujourd’hui", "fr"), ["aujourdhui"]);
    }

    #[test]
    fn stop_words_and_single_characters_give_no_term_and_overlong_words_their_start() {
        assert!(texts("The of a I").is_empty());
        let long = "pneumonoultramicroscopicsilicovolcanoconiosis-"
            .repeat(2)
            .replace('-', "");
        assert_eq!(texts(&long), [long[..MAX_TERM_CHARS].to_owned()]);
        assert_eq!(
            texts(&"x".repeat(MAX_TERM_CHARS)),
            ["x".repeat(MAX_TERM_CHARS)]
        );
        let greek = "α".repeat(MAX_TERM_CHARS + 5);
        assert_eq!(texts(&greek), ["α".repeat(MAX_TERM_CHARS)]);
    }

    #[test]
    fn stemming_leaves_short_words_numbers_and_other_scripts_alone() {
        assert_eq!(stem("bus"), "bus");
        assert_eq!(stem("2010s"), "2010s");
        assert_eq!(stem("новости"), "новости");
        assert_eq!(stem("sing"), "sing");
    }

    #[test]
    fn stemming_is_idempotent_on_common_endings() {
        for word in [
            "negotiations",
            "sanctions",
            "walked",
            "denuclearization",
            "offers",
        ] {
            let once = stem(word);
            assert_eq!(stem(&once), once, "{word}");
        }
    }

    #[test]
    fn folding_spells_out_letters_without_decomposition() {
        assert_eq!(fold("Øresund"), ["oresund"]);
        assert_eq!(fold("Łódź"), ["lodz"]);
        assert_eq!(fold("½"), ["1", "2"]);
    }
}
