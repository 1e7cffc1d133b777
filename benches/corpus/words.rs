//! The generated corpus's words: a ranked vocabulary drawn with Zipf-like frequencies,
//! made-up proper names, and the fixed casts of authors, publications and tags.
//!
//! The vocabulary is a few hundred common English words followed by a few thousand
//! pronounceable made-up words, so text has realistic word lengths and repetition
//! without copying any real prose. Everything is drawn from the caller's [`Rng`].

use super::Rng;

/// Common words, most frequent first; their rank sets how often they appear.
const COMMON: &str = "the of and to a in that is was for on it with as by at from \
    this be are or an have not had but were which they their has its been would will \
    there more one who all also after about into when than other over some new two \
    first most only then these could such may those between while under during through \
    before where many three against because both each since still even much among \
    however later around without until another several any just against every four \
    government officials city country people year years week month state public \
    report plan policy talks deal agreement council minister leader region border \
    coast river market workers prices water energy trade court election party vote \
    budget schools hospital farmers police army villages province capital island \
    harbour bridge railway company bank industry history museum university science \
    research study data evidence record letter speech statement interview meeting \
    summit visit mission program project effort system network reform law rules \
    tax debt growth crisis conflict peace treaty sanctions talks envoy delegation \
    committee commission office ministry agency service union league group family \
    children women men voters residents citizens critics supporters analysts experts \
    writers readers editors journalists historians engineers doctors teachers judges \
    said told asked agreed argued claimed warned noted added wrote called made took \
    gave found saw knew thought seemed became remained began ended opened closed \
    moved built raised cut held kept left brought sent paid offered promised refused \
    allowed helped needed wanted expected reported announced published signed \
    approved rejected delayed reached returned followed joined led lost won faced \
    large small long short high low early late recent former current local national \
    foreign regional central northern southern eastern western major minor senior \
    young old full open free private public political economic social military legal \
    financial cultural official formal final likely possible serious difficult clear \
    important different similar general special common strong weak quiet sudden \
    slow quick careful modest broad narrow heavy light dark bright cold warm dry wet \
    road street square station tower hall house room door window table paper book \
    page story news word name number part side end point case line form level rate \
    share price cost value amount figure total half third quarter season winter \
    spring summer autumn morning evening night day hour moment period decade century \
    question answer problem issue reason result effect change decision choice chance \
    risk threat fear hope trust support pressure power control interest demand need \
    help use work play rise fall return offer test move step turn view sign mark";

/// Syllables that make the made-up words and names.
const ONSETS: [&str; 24] = [
    "b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r", "s", "st",
    "t", "tr", "v", "w", "z", "th",
];
const NUCLEI: [&str; 10] = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io", "ee"];
const CODAS: [&str; 14] = [
    "", "", "", "n", "r", "l", "s", "m", "t", "nd", "rt", "sk", "ll", "st",
];

/// Given names and family names that make the authors and the people of context entries.
const GIVEN: [&str; 24] = [
    "Ada", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko",
    "Luis", "Maya", "Nikhil", "Olga", "Pavel", "Rosa", "Samir", "Tove", "Umar", "Vera", "Wen",
    "Yusuf", "Zora",
];
const FAMILY: [&str; 24] = [
    "Abara",
    "Bergstrom",
    "Castell",
    "Delacroix",
    "Eng",
    "Fontaine",
    "Galloway",
    "Haddad",
    "Ivers",
    "Jovanovic",
    "Kowal",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrakis",
    "Quist",
    "Rahman",
    "Sorensen",
    "Tanaka",
    "Ulloa",
    "Varga",
    "Whitlock",
    "Zeller",
];

/// The five publications articles are taken from, with their home pages.
pub(crate) const PUBLICATIONS: [(&str, &str); 5] = [
    ("The Northern Courier", "https://courier.example.org"),
    ("Harbour Review", "https://harbour-review.example.org"),
    ("The Evening Ledger", "https://ledger.example.net"),
    ("Meridian Weekly", "https://meridian.example.com"),
    ("Coastline Dispatch", "https://dispatch.example.org"),
];

/// A ranked word list with a Zipf-like sampler over it.
pub(crate) struct Vocabulary {
    words: Vec<String>,
    /// Cumulative weights, rank r weighing 1 / (r + 2).
    cumulative: Vec<f64>,
    /// Where the made-up words begin: nouns for headings and tags are drawn past it too.
    common: usize,
}

impl Vocabulary {
    /// The common words followed by `invented` made-up ones, all distinct.
    pub(crate) fn new(rng: &mut Rng, invented: usize) -> Self {
        let mut seen = std::collections::HashSet::new();
        let mut words: Vec<String> = Vec::new();
        for word in COMMON.split_whitespace() {
            if seen.insert(word.to_owned()) {
                words.push(word.to_owned());
            }
        }
        let common = words.len();
        while words.len() < common + invented {
            let word = {
                let n = 1 + rng.below(3) as usize;
                made_up(rng, n)
            };
            if word.len() > 2 && seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / (rank as f64 + 2.0);
                total
            })
            .collect();
        Self {
            words,
            cumulative,
            common,
        }
    }

    /// One word, frequent ones often and rare ones rarely.
    pub(crate) fn word(&self, rng: &mut Rng) -> &str {
        let total = self.cumulative[self.cumulative.len() - 1];
        let target = rng.unit() * total;
        let rank = self.cumulative.partition_point(|&c| c < target);
        &self.words[rank.min(self.words.len() - 1)]
    }

    /// A content word (not among the first hundred, which are mostly function words).
    pub(crate) fn content_word(&self, rng: &mut Rng) -> &str {
        let low = 100.min(self.common);
        let span = self.words.len() - low;
        // Squaring favours the common content words over the made-up tail.
        let pick = (rng.unit() * rng.unit() * span as f64) as usize;
        &self.words[low + pick.min(span - 1)]
    }
}

/// A pronounceable made-up word of `syllables` syllables, lower case.
pub(crate) fn made_up(rng: &mut Rng, syllables: usize) -> String {
    let mut word = String::new();
    for _ in 0..syllables {
        let onset = *rng.pick(&ONSETS[..]);
        word.push_str(onset);
        let nucleus = *rng.pick(&NUCLEI[..]);
        word.push_str(nucleus);
    }
    let coda = *rng.pick(&CODAS[..]);
    word.push_str(coda);
    word
}

/// `word` with its first letter in upper case.
pub(crate) fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A person's name: a given name and a family name from the fixed lists.
pub(crate) fn person(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(&GIVEN), rng.pick(&FAMILY))
}

/// `count` distinct author names.
pub(crate) fn authors(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    while names.len() < count {
        let name = person(rng);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// `count` distinct tags of one or two words, most popular first.
pub(crate) fn tags(rng: &mut Rng, vocabulary: &Vocabulary, count: usize) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    while tags.len() < count {
        let tag = if rng.below(3) == 0 {
            format!(
                "{} {}",
                vocabulary.content_word(rng),
                vocabulary.content_word(rng)
            )
        } else {
            vocabulary.content_word(rng).to_owned()
        };
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Lower-case, ASCII, words joined by `-`: a file stem or URL segment.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}
