//! Closing author bios: the last paragraph of an op-ed often says who wrote it.
//!
//! Shapes read: "X is a former …", "X is the author of …", "X and Y are …",
//! "X, Y and Z are …", "X, a former …, is …" and "X and Y, both …, are …". A name is two to
//! six capitalised words ("P.J. Crowley", "Alexandria Ocasio-Cortez"), lowercase particles
//! ("de", "van") allowed inside; a leading honorific ("Dr.", "Ambassador") is dropped. The
//! words around the verb must name a role ("fellow", "author", "secretary", "who writes", …),
//! so "Kim Jong Un is unlikely to give up …" is not a bio, nor is "… is a former student"
//! ("former" alone names no role); and what follows the verb must
//! say who the person is ("is a …", "is president of …"), not what the person does, so
//! "John Bolton, a former adviser, is expected to testify" is not one either.

/// Longest paragraph read as a bio, in characters.
const MAX_BIO_CHARS: usize = 800;
/// How many words after the verb may hold the role.
const MAX_ROLE_WORDS: usize = 10;
/// Most words in one name, honorific aside.
const MAX_NAME_WORDS: usize = 6;
/// Titles dropped from the front of a name, separated by spaces.
const HONORIFICS: &str = "\
    Dr. Prof. Professor Ambassador Amb. Gen. Adm. Col. Lt. Mr. Ms. Mrs. Rev. Sen. Rep. Gov.";
/// Capitalised words that open sentences, never names, separated by spaces.
const NOT_NAMES: &str = "\
    The This That These Those It He She They We You I There Here What Our His Her Their A An \
    In But So";
/// Lowercase words allowed inside a name, separated by spaces.
const PARTICLES: &str = "\
    de da di del della der den van von la le bin ibn dos";
/// Starts of words that name a role, separated by spaces; "fellow" also matches "fellows".
/// A qualifier ("former", "senior", "retired") names none: "a former student" is no bio.
const ROLE_STEMS: &str = "\
    fellow author co-author professor director co-director president founder \
    co-founder editor columnist contributor analyst chair executive partner researcher \
    scholar lecturer adviser advisor ambassador correspondent writer journalist attorney \
    lawyer economist ceo consultant strategist commentator historian secretary minister \
    official envoy diplomat negotiator senator congressman congresswoman governor \
    writes wrote";

/// The authors a closing bio names, in order; empty when `paragraph` is not a bio.
pub(super) fn authors(paragraph: &str) -> Vec<String> {
    let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() > MAX_BIO_CHARS {
        return Vec::new();
    }
    parse(&text).unwrap_or_default()
}

/// The names of a byline (`By Maria Okafor`, `By Jane Doe and John Smith`, `BY JANE
/// DOE`, `By ANNA SCHMIDT, Associated Press`, `by Anna Schmidt | Reuters`), if `line` is
/// one; names in capitals are written in title case, and an agency or a role after the
/// names (`, Associated Press`, `| Reuters`, `, Staff Writer`) is no author.
pub(super) fn byline(line: &str) -> Option<Vec<String>> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("BY "))
        .or_else(|| line.strip_prefix("by "))?;
    let rest = rest.trim().trim_end_matches('.');
    // `By Anna Schmidt | Reuters`, `By Anna Schmidt, Associated Press`: the agency or the
    // role after the names is no author.
    let rest = rest.split(" | ").next().unwrap_or(rest).trim();
    let kept: Vec<&str> = rest
        .split(", ")
        .enumerate()
        .filter(|&(index, piece)| index == 0 || !is_agency_or_role(piece))
        .map(|(_, piece)| piece)
        .collect();
    let rest = kept.join(", ");
    let rest = rest.as_str();
    names(&title_cased(rest)).filter(|names| !names.is_empty())
}

/// A byline's names with each name in capitals written in title case, name by name:
/// `and` or `AND` between names is `and`; a name written otherwise keeps its letters;
/// each name (between commas and `and`s) is read as Turkish or not from its own
/// letters; a letter after `'` or `-` starts a part of the name. So `İSMAİL YILMAZ and
/// MIKE DAVIS` is `İsmail Yılmaz and Mike Davis`, `JOHN SMITH and Mike Davis` is `John
/// Smith and Mike Davis`, and `MARY O'NEILL` is `Mary O'Neill`.
fn title_cased(rest: &str) -> String {
    rest.split(", ")
        .map(|piece| {
            let words: Vec<&str> = piece.split(' ').collect();
            words
                .split(|word| *word == "and" || *word == "AND")
                .map(|name| {
                    let capitals = name.iter().all(|word| *word == word.to_uppercase())
                        && name
                            .iter()
                            .any(|word| word.chars().any(char::is_alphabetic));
                    if !capitals {
                        return name.join(" ");
                    }
                    let turkish = name.iter().any(|word| word.contains(['İ', 'ı']));
                    name.iter()
                        .map(|word| {
                            let mut titled = String::with_capacity(word.len());
                            let mut starts = true;
                            for c in word.chars() {
                                if starts {
                                    titled.extend(c.to_uppercase());
                                } else {
                                    titled.push_str(&lower(c, turkish));
                                }
                                starts = matches!(c, '\'' | '’' | '-');
                            }
                            titled
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The small letter of capital `c` inside a name in capitals. A Turkish (or Azerbaijani)
/// name, told by its dotted `İ` or dotless `ı`, writes `İ` small as `i` and `I` as `ı`
/// (`İSMAİL YILMAZ` is `İsmail Yılmaz`); elsewhere `İ` is `i` too, not `i` with a
/// combining dot above, as Unicode's own rule makes it.
fn lower(c: char, turkish: bool) -> String {
    match c {
        'İ' => "i".to_owned(),
        'I' if turkish => "ı".to_owned(),
        c => c.to_lowercase().collect(),
    }
}

/// News agencies and desks a byline names after its writers, compared ignoring case.
const AGENCIES: [&str; 24] = [
    "associated press",
    "the associated press",
    "ap",
    "reuters",
    "afp",
    "agence france-presse",
    "bloomberg",
    "bloomberg news",
    "dpa",
    "deutsche presse-agentur",
    "upi",
    "efe",
    "ansa",
    "kyodo",
    "kyodo news",
    "xinhua",
    "cnn",
    "aa",
    "anadolu",
    "yonhap",
    "tass",
    "pti",
    "ians",
    "europa press",
];

/// Words that make a byline's piece an agency in any of several languages (`Anadolu
/// Agency`, `Anadolu Ajansı`, `Agencia EFE`, `Agenzia Nova`, `Deutsche Presse-Agentur`),
/// compared ignoring case, as the piece's words or the last part of a hyphenated one.
const AGENCY_WORDS: [&str; 9] = [
    "agency", "agence", "agentur", "ajansı", "ajansi", "agencia", "agenzia", "agência", "agencja",
];

/// Words that end a writer's role in a byline (`Staff Writer`, `Washington Correspondent`).
const BYLINE_ROLES: [&str; 6] = [
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "staff",
    "contributor",
];

/// Whether a piece of a byline after a comma is an agency (`Associated Press`, `AP`) or a
/// role (`Staff Writer`), not a name.
fn is_agency_or_role(piece: &str) -> bool {
    let lower = piece.trim().to_lowercase();
    AGENCIES.contains(&lower.as_str())
        || lower
            .split([' ', '-'])
            .any(|word| AGENCY_WORDS.contains(&word))
        || lower
            .split_whitespace()
            .last()
            .is_some_and(|last| BYLINE_ROLES.contains(&last.trim_end_matches('s')))
}

/// "is" takes one name, "are" two or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Is,
    Are,
}

/// The names that open `text` if it is shaped like a bio.
fn parse(text: &str) -> Option<Vec<String>> {
    let (subject, verb, predicate) = split_at_verb(text)?;
    let (names_part, appositive) = split_appositive(subject);
    let names = names(names_part)?;
    let count_fits = match verb {
        Verb::Is => names.len() == 1,
        Verb::Are => names.len() >= 2,
    };
    // "X and Y, both former editors, are writing a book": a shared role named between
    // commas is a bio's, whatever follows.
    let shaped = describes(predicate) || appositive.starts_with("both ");
    (count_fits && shaped && names_role(appositive, predicate)).then_some(names)
}

/// Words a bio's predicate opens with: it says who the person is ("is a senior fellow",
/// "are the authors of", "is president of"), where a news sentence says what the person
/// does ("is expected to testify").
const PREDICATE_OPENINGS: &str = "a an the both also now currently one each former senior retired";

/// Whether `predicate` opens as a bio's does: with an article or the like, or with the
/// role itself.
fn describes(predicate: &str) -> bool {
    let Some(first) = predicate.split_whitespace().next() else {
        return false;
    };
    let first = first
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    is_listed(PREDICATE_OPENINGS, &first)
        || ROLE_STEMS
            .split_whitespace()
            .any(|stem| first.starts_with(stem))
}

/// Splits at the first " is " or " are ": subject, verb, predicate.
fn split_at_verb(text: &str) -> Option<(&str, Verb, &str)> {
    let is = text.find(" is ").map(|at| (at, Verb::Is, " is ".len()));
    let are = text.find(" are ").map(|at| (at, Verb::Are, " are ".len()));
    let (at, verb, len) = [is, are].into_iter().flatten().min_by_key(|&(at, ..)| at)?;
    Some((&text[..at], verb, &text[at + len..]))
}

/// Splits "X, a former envoy," into the names and the appositive ("a former envoy").
fn split_appositive(subject: &str) -> (&str, &str) {
    let Some(inner) = subject.strip_suffix(',') else {
        return (subject, "");
    };
    inner
        .match_indices(", ")
        .map(|(at, _)| at)
        .find(|&at| inner[at + 2..].starts_with(char::is_lowercase))
        .map_or((inner, ""), |at| (&inner[..at], &inner[at + 2..]))
}

/// The names in "X", "X and Y" or "X, Y, and Z"; `None` if any part is not a name.
fn names(part: &str) -> Option<Vec<String>> {
    part.split(", ")
        .flat_map(|piece| piece.split(" and "))
        .map(|piece| name(piece.strip_prefix("and ").unwrap_or(piece).trim()))
        .collect()
}

/// `piece` as a name, its honorific dropped, if it looks like one.
fn name(piece: &str) -> Option<String> {
    let words: Vec<&str> = piece.split(' ').collect();
    let words = match words.split_first() {
        Some((first, rest)) if is_listed(HONORIFICS, first) => rest,
        _ => &words[..],
    };
    let (first, last) = (words.first()?, words.last()?);
    let fits = (2..=MAX_NAME_WORDS).contains(&words.len())
        && !is_listed(NOT_NAMES, first)
        && is_name_word(first)
        && is_name_word(last)
        && words
            .iter()
            .all(|word| is_name_word(word) || is_listed(PARTICLES, word));
    fits.then(|| words.join(" "))
}

/// "Crowley", "P.J.", "O’Rourke", "Ocasio-Cortez", "Jr.".
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
}

/// Whether the appositive or the words after the verb name a role.
fn names_role(appositive: &str, predicate: &str) -> bool {
    appositive
        .split_whitespace()
        .chain(predicate.split_whitespace().take(MAX_ROLE_WORDS))
        .map(|word| {
            word.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|word| {
            ROLE_STEMS
                .split_whitespace()
                .any(|stem| word.starts_with(stem))
        })
}

/// Whether `word` is one of the space-separated words of `list`.
fn is_listed(list: &str, word: &str) -> bool {
    list.split_whitespace().any(|listed| listed == word)
}
