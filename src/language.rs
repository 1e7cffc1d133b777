//! Language tags (BCP 47) and the writing direction they imply, the script a language
//! is usually written in, and the scripts written without spaces between words.
//!
//! In: a tag from `site.toml` or an article's front matter (`ar`, `pt-BR`, `ku-Arab`).
//! Out: whether it is well formed, and `rtl` or `ltr` for the `dir` attribute, so an
//! Arabic article reads right to left inside an English archive and the other way round.

/// Languages written right to left in their usual script.
const RIGHT_TO_LEFT: [&str; 16] = [
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "nqo", "ps", "sd", "syr", "ug", "ur", "yi",
    "prs",
];

/// Scripts written right to left, for a tag that names its script (`az-Arab`).
const RIGHT_TO_LEFT_SCRIPTS: [&str; 9] = [
    "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr",
];

/// True for a tag shaped like BCP 47: a primary language of 2 to 3 letters (or `x`/`i`
/// for private and grandfathered ones), then subtags of 1 to 8 letters or digits.
pub fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let primary_ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        || matches!(primary, "x" | "i" | "X" | "I");
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// `rtl` or `ltr`: the direction of text in language `tag`; a script subtag decides
/// when there is one (`ku-Arab` is right to left, `ar-Latn` left to right).
pub fn direction(tag: &str) -> &'static str {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or_default();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return if RIGHT_TO_LEFT_SCRIPTS.contains(&script) {
            "rtl"
        } else {
            "ltr"
        };
    }
    if RIGHT_TO_LEFT.contains(&primary) {
        "rtl"
    } else {
        "ltr"
    }
}

/// Han characters, kana and the ideographic iteration marks: scripts written without
/// spaces between words. (Korean is written with spaces.) Search cuts them into pairs;
/// word counts count each as a word.
pub fn is_ideographic(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// Characters between which a line break shows no space (CSS's segment break rule):
/// Han characters, kana and the full-width punctuation written with them. Quotes are
/// matched, and passages searched, with no white space between two of them.
pub fn joins_without_space(c: char) -> bool {
    is_ideographic(c)
        || matches!(c, '\u{3001}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}')
}

/// Characters written into text that readers do not see: the soft hyphen (it shows only
/// where a line breaks), the zero-width space, the word joiner, the byte-order mark, and
/// the Arabic tatweel, which only stretches a word to fill a line (`الكتـــاب` is
/// `الكتاب`). Quotes are matched, and words searched, without them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{640}'
    )
}

/// The families of scripts [`language_of`] tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Hebrew,
    Cyrillic,
    Greek,
    /// Han and kana, written by Chinese and Japanese alike.
    Ideographic,
    Hangul,
    Devanagari,
    Thai,
}

/// The script of a letter, when it is one of [`Script`]'s.
fn script_of_char(c: char) -> Option<Script> {
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => Script::Latin,
        '\u{600}'..='\u{6FF}'
        | '\u{750}'..='\u{77F}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
        '\u{590}'..='\u{5FF}' => Script::Hebrew,
        '\u{400}'..='\u{4FF}' => Script::Cyrillic,
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => Script::Hangul,
        '\u{900}'..='\u{97F}' => Script::Devanagari,
        '\u{E00}'..='\u{E7F}' => Script::Thai,
        c if is_ideographic(c) => Script::Ideographic,
        _ => return None,
    })
}

/// The script language `tag` is usually written in; its script subtag when it has one.
fn script_of_language(tag: &str) -> Script {
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let primary = parts.next().unwrap_or_default();
    if let Some(script) = parts.find(|p| p.len() == 4) {
        match script {
            "arab" => return Script::Arabic,
            "hebr" => return Script::Hebrew,
            "cyrl" => return Script::Cyrillic,
            "latn" => return Script::Latin,
            "hans" | "hant" | "jpan" => return Script::Ideographic,
            _ => {}
        }
    }
    match primary {
        "ar" | "fa" | "ur" | "ps" | "ckb" | "ug" | "sd" | "prs" | "ks" => Script::Arabic,
        "he" | "iw" | "yi" => Script::Hebrew,
        "ru" | "uk" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "mn" | "tg" => Script::Cyrillic,
        "el" => Script::Greek,
        "zh" | "ja" => Script::Ideographic,
        "ko" => Script::Hangul,
        "hi" | "mr" | "ne" | "sa" => Script::Devanagari,
        "th" => Script::Thai,
        _ => Script::Latin,
    }
}

/// The language `text` is written in, of the two it may be: `own` (an article's) or
/// `other` (the site's). `other` only when most of the text's letters are in the
/// script `other` is written in and not in `own`'s: a note in English on an Arabic
/// article; two languages of one script cannot be told apart, and give `own`.
pub fn language_of<'a>(text: &str, own: &'a str, other: &'a str) -> &'a str {
    let (own_script, other_script) = (script_of_language(own), script_of_language(other));
    if own_script == other_script {
        return own;
    }
    let (mut in_own, mut in_other) = (0usize, 0usize);
    for script in text.chars().filter_map(script_of_char) {
        if script == own_script {
            in_own += 1;
        } else if script == other_script {
            in_other += 1;
        }
    }
    if in_other > in_own {
        other
    } else {
        own
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_to_left_languages_and_scripts() {
        for tag in [
            "ar", "ar-EG", "he", "fa-IR", "ur", "ku-Arab", "az-Arab", "yi",
        ] {
            assert_eq!(direction(tag), "rtl", "{tag}");
        }
        for tag in ["en", "fr-CA", "pt-BR", "zh-Hant-TW", "ar-Latn", "ku", "tr"] {
            assert_eq!(direction(tag), "ltr", "{tag}");
        }
    }

    #[test]
    fn tags_are_checked_for_shape() {
        for good in [
            "en",
            "ar",
            "pt-BR",
            "zh-Hant-TW",
            "sr-Latn-RS",
            "x-klingon",
            "yue",
        ] {
            assert!(is_tag(good), "{good}");
        }
        for bad in ["", "english", "e", "en_US", "ar-", "fr-ab cd", "123"] {
            assert!(!is_tag(bad), "{bad}");
        }
    }

    #[test]
    fn a_note_is_in_the_site_s_language_when_its_letters_are_in_its_script() {
        let french = "Le \u{AB} Livre blanc \u{BB} du minist\u{E8}re, annonc\u{E9} pour juin.";
        assert_eq!(language_of(french, "ar", "fr"), "fr");
        assert_eq!(
            language_of("\u{627}\u{644}\u{643}\u{62A}\u{627}\u{628}", "ar", "fr"),
            "ar"
        );
        // A name in Latin letters inside Arabic text does not make it French.
        let mixed = "\u{642}\u{627}\u{644} \u{627}\u{644}\u{648}\u{632}\u{64A}\u{631} Macron";
        assert_eq!(language_of(mixed, "ar", "en"), "ar");
        // Two languages of one script: the article's.
        assert_eq!(language_of("A note in English.", "de", "en"), "de");
        assert_eq!(
            language_of("\u{732B}\u{304C}\u{3044}\u{308B}", "ja", "en"),
            "ja"
        );
        assert_eq!(language_of("A cat.", "ja", "en"), "en");
    }
}
