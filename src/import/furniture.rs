//! Page furniture: whole lines of the page around a story that a scraper kept.
//!
//! Read shapes, each a whole line, compared ignoring case and a closing colon or full
//! stop: an advertisement's label (`Advertisement`, `Advertisement - Scroll to continue`),
//! a sign-up, a pointer past the ads (`Story continues below`), share buttons (`Share
//! this:`, `Share on Facebook Share on Twitter Email`), a link to another story
//! (`Related: …`, `READ MORE: …`, `MORE: …`, `Also read: …`, `Related Articles`), a
//! sponsor's label (`Sponsored content`), a line that is only a time stamp (`Updated 3:45
//! PM ET, Tue March 5, 2019`, `Mar 5, 2019 | 10:42 AM`, `Last modified on Tue 5 Mar 2019
//! 11.02 GMT`), a reading time (`3 min read`) and a copyright line (`Copyright 2019 The Hill. All
//! rights reserved.`). A single button word (`Share`, `Tweet`, `Email`, `Print`) is
//! furniture only where it stands alone as a paragraph, since a hard-wrapped sentence can
//! leave one on a line of its own. Prose that starts alike (`Advertisement revenue fell`,
//! `Share prices fell`, `Related: the two ministers are cousins, which neither disclosed.`)
//! stays.

/// Lines that are the page around a story, whole, compared ignoring case and a closing
/// colon or full stop; dashes of any length read as `-`.
const FURNITURE: [&str; 35] = [
    "advertisement",
    "advertisement - scroll to continue",
    "scroll to continue",
    "skip advertisement",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "article continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "share this",
    "share this article",
    "share this story",
    "copy link",
    "link copied",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "sign up for our newsletters",
    "listen to this article",
    "read more",
    "recommended",
    "most read",
    "trending now",
    "you may also like",
    "more from this author",
    "print this article",
    "read more »",
    "read more ›",
    "read more →",
    "related articles",
    "related stories",
    "related content",
    "sponsored content",
    "sponsored",
    "advertiser content",
];

/// Share buttons that are furniture alone, as a paragraph of their own.
const LONE_BUTTONS: [&str; 5] = ["share", "tweet", "email", "e-mail", "print"];

/// The words of a line of share buttons (`Share on Facebook Share on Twitter Email`).
const SHARE_WORDS: &str = "share on via facebook twitter x linkedin whatsapp reddit email \
    e-mail print copy link pinterest tweet";

/// Where a line of furniture is furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// Wherever the line stands.
    AnyLine,
    /// Only as a paragraph of its own: a lone button word.
    Alone,
}

/// Whether `text`, a trimmed line, is page furniture, and where.
pub(super) fn furniture(text: &str) -> Option<Reach> {
    let lower: String = text
        .chars()
        .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    let bare = lower.trim_end_matches([':', '.', ' ']);
    if LONE_BUTTONS.contains(&bare) {
        return Some(Reach::Alone);
    }
    if let Some(reach) = time_stamp(&lower, text) {
        return Some(reach);
    }
    let whole = FURNITURE.contains(&bare)
        || is_share_buttons(bare)
        || is_reading_time(bare)
        || is_copyright(&lower)
        || is_link_to_another_story(&lower, text);
    whole.then_some(Reach::AnyLine)
}

/// Two or more share buttons, one of them a button itself (`Share`, `Tweet`, `Email`,
/// `Print`) and not only the names of networks.
fn is_share_buttons(bare: &str) -> bool {
    let words: Vec<&str> = bare.split_whitespace().collect();
    words.len() >= 2
        && words.iter().any(|w| LONE_BUTTONS.contains(w))
        && words
            .iter()
            .all(|w| SHARE_WORDS.split_whitespace().any(|s| s == *w))
}

/// Labels that open a time stamp, longest first, compared in lower case.
const STAMP_LABELS: [&str; 8] = [
    "last modified on",
    "last modified",
    "last updated",
    "modified",
    "updated",
    "published",
    "posted on",
    "posted",
];

/// How many of [`STAMP_WORDS`], from the first, name months.
const MONTH_WORDS: usize = 24;

/// Words a time stamp is made of besides numbers, in lower case: months (the first
/// [`MONTH_WORDS`]), days, the halves of the day and time zones.
const STAMP_WORDS: &str = "jan feb mar apr may jun jul aug sep sept oct nov dec january \
    february march april june july august september october november december mon tue tues \
    wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday \
    am pm a.m. p.m. et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest at on";

/// A line that is only a time stamp: `Updated 3:45 PM ET, Tue March 5, 2019`, `Updated:
/// 10:42 AM ET`, `Posted: Mar 5, 2019 / 10:42 AM EST`, `Mar 5, 2019 | 10:42 AM`, `Last
/// modified on Tue 5 Mar 2019 11.02 GMT`. Every word after the label is a number, a
/// month, a day, AM or PM or a time zone, and it holds a time or a month; a sentence has
/// other words. Labelled, it is furniture wherever it stands; without a label it needs a
/// time and a month, and must stand alone, since a hard-wrapped sentence can leave `on
/// May 5 at 10:42 AM` on a line of its own.
fn time_stamp(lower: &str, text: &str) -> Option<Reach> {
    if text.len() >= 80 {
        return None;
    }
    let labelled = STAMP_LABELS.iter().find_map(|label| {
        lower
            .strip_prefix(label)
            .filter(|rest| rest.starts_with([' ', ':']))
    });
    let rest = labelled.map_or(lower, |rest| rest.trim_start_matches([' ', ':']));
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '/' | '-' | '–' | '—'))
        .filter(|w| !w.is_empty())
        .collect();
    let is_number = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.'))
            && w.starts_with(|c: char| c.is_ascii_digit())
    };
    let is_word = |w: &str| {
        STAMP_WORDS
            .split_whitespace()
            .any(|s| s == w || s == w.trim_end_matches('.'))
    };
    let clock = words
        .iter()
        .any(|w| is_number(w) && w.contains([':', '.']) && !w.ends_with('.'));
    let month = words.iter().any(|w| {
        STAMP_WORDS
            .split_whitespace()
            .take(MONTH_WORDS)
            .any(|m| m == w.trim_end_matches('.'))
    });
    let stamp =
        words.iter().all(|w| is_number(w) || is_word(w)) && words.iter().any(|w| is_number(w));
    match labelled {
        Some(_) if stamp && (clock || month) => Some(Reach::AnyLine),
        None if stamp && clock && month => Some(Reach::Alone),
        _ => None,
    }
}

/// `3 min read`, `5-minute read`, `4 minutes to read`.
fn is_reading_time(bare: &str) -> bool {
    let digits = bare.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = bare[digits..].trim_start_matches([' ', '-']);
    ["min", "mins", "minute", "minutes"].iter().any(|unit| {
        rest.strip_prefix(unit)
            .is_some_and(|read| [" read", " to read"].contains(&read))
    })
}

/// `Copyright 2019 The Hill. All rights reserved.`, `© 2019 Example Media. All Rights
/// Reserved`: a short line that reserves rights.
fn is_copyright(lower: &str) -> bool {
    lower.len() < 200
        && ["copyright", "©", "(c)"]
            .iter()
            .any(|start| lower.starts_with(start))
        && lower.contains("all rights reserved")
}

/// `Related: …`, `READ MORE: …`: a link to another story.
fn is_link_to_another_story(lower: &str, text: &str) -> bool {
    [
        "related:",
        "read more:",
        "read also:",
        "also read:",
        "see also:",
        "watch:",
    ]
    .iter()
    .chain(&["more:"])
    .any(|label| {
        // `More:` opens sentences too; a pointer shouts it (`MORE: North Korea fires`).
        let cased = *label != "more:" || text.starts_with("MORE:");
        cased
            && lower.starts_with(label)
            && text.len() < 200
            && !is_sentence_after_label(text.get(label.len()..).unwrap_or(""))
    })
}

/// Fewest words after a label that make it a sentence rather than a pointer or a credit.
const MIN_SENTENCE_WORDS: usize = 8;

/// Whether what follows a label (`Related:`, `Photo:`) is a sentence of its own: it opens
/// in lower case, runs to [`MIN_SENTENCE_WORDS`] words or more and ends with a full stop
/// (`Related: the two ministers are cousins, which neither disclosed.`), where a headline
/// or a credit opens with a capital or stops short (`Photo: courtesy of the family.`).
pub(super) fn is_sentence_after_label(rest: &str) -> bool {
    let rest = rest.trim();
    rest.starts_with(char::is_lowercase)
        && rest
            .trim_end_matches(['"', '”', '’', '\'', ')'])
            .ends_with(['.', '!', '?'])
        && rest.split_whitespace().count() >= MIN_SENTENCE_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_of_furniture_is_recognised() {
        for line in [
            "Advertisement",
            "Advertisement - Scroll to continue",
            "ADVERTISEMENT – SCROLL TO CONTINUE",
            "Share this:",
            "Share on Facebook Share on Twitter Email",
            "Share Tweet Email",
            "3 min read",
            "5-minute read",
            "12 minutes to read",
            "Copyright 2019 The Hill. All rights reserved.",
            "© 2024 Example Media. All Rights Reserved",
            "Related: Harbor bridge delays anger commuters",
            "Updated 3:45 PM ET, Tue March 5, 2019",
            "Updated: 10:42 AM ET",
            "Posted: Mar 5, 2019 / 10:42 AM EST",
            "Last modified on Tue 5 Mar 2019 11.02 GMT",
            "MORE: North Korea fires missile into sea",
            "Also read: Harbor bridge reopens",
            "Read More »",
            "Related Articles",
            "Sponsored content",
        ] {
            assert_eq!(furniture(line), Some(Reach::AnyLine), "{line:?}");
        }
        for line in [
            "Share",
            "Tweet",
            "Email",
            "Print",
            "Email:",
            "Mar 5, 2019 | 10:42 AM",
        ] {
            assert_eq!(furniture(line), Some(Reach::Alone), "{line:?}");
        }
    }

    #[test]
    fn prose_that_starts_alike_is_no_furniture() {
        for line in [
            "Advertisement revenue fell by half.",
            "Share prices fell on the news",
            "Share this with your friends, she said.",
            "Facebook Twitter",
            "3 min",
            "1000 min read",
            "Copyright law is a mess, all rights reserved or not, critics say, and the courts agree, so the bill would rewrite it from top to bottom before the end of the session, with hearings on each part of it in the spring and a vote in the summer.",
            "Copyright 2019",
            "Email me at the office.",
            "Updated figures came on Mar 5, 2019 at 10:42 AM.",
            "Posted: the minister wrote at 10:42 AM on Mar 5 that he would resign.",
            "More: five of them said so.",
            "Sponsored content is on the rise, the study found.",
            "1999",
            "on May 5",
            "Related: the two ministers are cousins, which neither disclosed.",
        ] {
            assert_eq!(furniture(line), None, "{line:?}");
        }
    }
}
