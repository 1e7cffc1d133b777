//! Language tags (BCP 47) and the writing direction they imply, and the scripts written
//! without spaces between words.
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
}
