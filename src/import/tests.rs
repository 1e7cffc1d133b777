use super::*;

/// The seed's three hover cards, exactly as scraped.
const TRUMP_CARD: &str = "Donald TrumpKinzinger, Gaetz get in back-and-forth on Twitter over \
    Cheney vote READ: Liz Cheney's speech on the House floor Cheney in defiant floor \
    speech:\u{a0}Trump on 'crusade to undermine our democracy' MORE";
const POMPEO_CARD: &str = "Mike PompeoPompeo on CIA recruitment: We can't risk national security \
    to appease 'liberal, woke agenda' DNC gathers opposition research on over 20 potential GOP \
    presidential candidates Dozens of scientists call for deeper investigation into origins of \
    COVID-19, including the lab theory MORE";
const OBAMA_CARD: &str = "Barack Hussein ObamaBiden expected to tap Rahm Emanuel for Japan \
    ambassador Baltimore businessman enters Maryland governor race Press: Let us now praise Liz \
    Cheney MORE";
const SEED_TITLE: &str = "Trump left Hanoi with no credible path forward";

/// The seed's tricky parts, shortened: title twice, credit, cards, a double blank, the bio.
fn seed_excerpt() -> String {
    [
        SEED_TITLE,
        "",
        SEED_TITLE,
        "© Getty Images",
        "",
        &format!("Even before president Donald Trump{TRUMP_CARD} walked away from the table."),
        "",
        "In the eight months since Singapore, Kim’s vague promise went nowhere — no deal.",
        "",
        "",
        "No deal.",
        "",
        &format!("Both the president and Mike Pompeo{POMPEO_CARD} said they are anxious."),
        "",
        &format!("He’ll hand it off, just like Barack Obama{OBAMA_CARD} did."),
        "",
        "It will be up to the next president to decide about Trump’s\u{a0}best friend.",
        "",
        "P.J. Crowley is a former U.S. Assistant Secretary of State. Follow him: @pjcrowley.",
    ]
    .join("\n")
}

const SEED_EXCERPT_BODY: &str = "\
Even before president Donald Trump walked away from the table.

In the eight months since Singapore, Kim’s vague promise went nowhere — no deal.

No deal.

Both the president and Mike Pompeo said they are anxious.

He’ll hand it off, just like Barack Obama did.

It will be up to the next president to decide about Trump’s\u{a0}best friend.

P.J. Crowley is a former U.S. Assistant Secretary of State. Follow him: @pjcrowley.
";

fn body_of(raw: &str) -> String {
    match clean(raw) {
        Ok(cleaned) => cleaned.body,
        Err(error) => panic!("{raw:?} did not clean: {error}"),
    }
}

/// A one-paragraph article around `sentence`.
fn article(sentence: &str) -> String {
    format!("A headline\n\n{sentence}\n")
}

fn removal(line: usize, kind: RemovalKind, text: &str) -> Removal {
    Removal {
        line,
        kind,
        text: text.to_owned(),
    }
}

#[test]
fn seed_excerpt_cleans_to_its_paragraphs_without_cards() {
    let cleaned = clean(&seed_excerpt()).expect("the excerpt cleans");
    assert_eq!(cleaned.title, SEED_TITLE);
    assert_eq!(cleaned.body, SEED_EXCERPT_BODY);
    assert_eq!(cleaned.credits, ["© Getty Images"]);
    assert_eq!(cleaned.bio_authors, ["P.J. Crowley"]);
}

#[test]
fn removals_report_line_numbers_kinds_and_text_in_order() {
    let cleaned = clean(&seed_excerpt()).expect("the excerpt cleans");
    let expected = [
        removal(3, RemovalKind::RepeatedTitle, SEED_TITLE),
        removal(4, RemovalKind::PhotoCredit, "© Getty Images"),
        removal(6, RemovalKind::HoverCard, TRUMP_CARD),
        removal(10, RemovalKind::BlankLines, ""),
        removal(13, RemovalKind::HoverCard, POMPEO_CARD),
        removal(15, RemovalKind::HoverCard, OBAMA_CARD),
    ];
    assert_eq!(cleaned.removed, expected);
}

#[test]
fn the_real_seed_cleans_to_its_paragraphs_with_three_cards_collapsed() {
    // The op-ed as it was scraped, kept with the tests.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/000_e93747164a79f068.txt"
    );
    let raw = std::fs::read_to_string(path).expect("the seed");
    // Lines 1-4: title, blank, title again, credit. Then the paragraphs, cards cut.
    let paragraphs: Vec<&str> = raw
        .lines()
        .skip(4)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(paragraphs.len(), 24);
    let expected = paragraphs
        .join("\n\n")
        .replace(TRUMP_CARD, "")
        .replace(POMPEO_CARD, "");
    let expected = expected.replace(OBAMA_CARD, "") + "\n";
    assert!(expected.contains("Donald Trump walked away from the negotiating table, failure"));
    assert!(expected.contains("Secretary of State Mike Pompeo said they are anxious"));
    assert!(expected.contains("just like Barack Obama did."));

    let cleaned = clean(&raw).expect("the seed cleans");
    assert_eq!(cleaned.body, expected);
    assert_eq!(cleaned.title, SEED_TITLE);
    assert_eq!(cleaned.credits, ["© Getty Images"]);
    assert_eq!(cleaned.bio_authors, ["P.J. Crowley"]);
    let kinds: Vec<(usize, RemovalKind)> =
        cleaned.removed.iter().map(|r| (r.line, r.kind)).collect();
    let expected_kinds = [
        (3, RemovalKind::RepeatedTitle),
        (4, RemovalKind::PhotoCredit),
        (6, RemovalKind::HoverCard),
        (10, RemovalKind::BlankLines),
        (39, RemovalKind::HoverCard),
        (49, RemovalKind::HoverCard),
    ];
    assert_eq!(kinds, expected_kinds);
}

/// Raw sentence with residue, and the sentence as it should read.
const CARD_SHAPES: [(&str, &str); 16] = [
    (
        "Leader Mitch McConnellAddison (Mitch) Mitchell McConnellSenate GOP blocks Jan. 6 \
         commission Trump praises Cheney challenger MORE (R-Ky.) said Tuesday.",
        "Leader Mitch McConnell (R-Ky.) said Tuesday.",
    ),
    (
        "Speaker Nancy PelosiNancy PelosiPelosi says House will vote Democrats eye August recess \
         MORE told reporters.",
        "Speaker Nancy Pelosi told reporters.",
    ),
    (
        "The bill passed, said Chuck SchumerChuck SchumerSchumer vows vote on voting rights MORE.",
        "The bill passed, said Chuck Schumer.",
    ),
    (
        "Critics hit Joe BidenJoe BidenBiden signs order Biden to meet governors MORE's plan.",
        "Critics hit Joe Biden's plan.",
    ),
    (
        "Critics pounced on Joe BidenJoe BidenBiden signs order on cybersecurity MORE’s plan.",
        "Critics pounced on Joe Biden’s plan.",
    ),
    (
        "Speaker PelosiNancy PelosiWhite House says talks are on track MORE replied in kind.",
        "Speaker Pelosi replied in kind.",
    ),
    (
        "Vice President Mike PenceMichael (Mike) Richard PencePence says he and Trump may never \
         see eye to eye MORE declined to comment.",
        "Vice President Mike Pence declined to comment.",
    ),
    (
        "Rep. Nydia VelázquezNydia Margarita VelázquezDemocrats press for relief in Puerto Rico \
         MORE (D-N.Y.) agreed.",
        "Rep. Nydia Velázquez (D-N.Y.) agreed.",
    ),
    (
        "Rep. Alexandria Ocasio-CortezAlexandria Ocasio-CortezOcasio-Cortez hits back at critics \
         MORE (D-N.Y.) tweeted.",
        "Rep. Alexandria Ocasio-Cortez (D-N.Y.) tweeted.",
    ),
    (
        "Both Joe BidenJoe BidenBiden heads to Europe MORE and Kamala HarrisKamala HarrisHarris \
         visits border MORE spoke.",
        "Both Joe Biden and Kamala Harris spoke.",
    ),
    (
        "He later met with Chuck SchumerCharles (Chuck) Ellis SchumerSenate passes China bill MORE",
        "He later met with Chuck Schumer",
    ),
    (
        "Leader Kevin McCarthyKevin McCarthyMcCarthy faces pressure over Jan. 6 MORE (R-Calif.) \
         balked.",
        "Leader Kevin McCarthy (R-Calif.) balked.",
    ),
    (
        "Gov. Ron DeSantisRonald Dion DeSantisDeSantis signs election bill MORE (R-Fla.) signed.",
        "Gov. Ron DeSantis (R-Fla.) signed.",
    ),
    (
        "Speaker Nancy PelosiNancy Pelosi‘Squad’ pushes for more spending MORE said no.",
        "Speaker Nancy Pelosi said no.",
    ),
    (
        "Sen. Joe ManchinJoseph (Joe) ManchinManchin: ‘I’m not changing my mind’ MORE (D-W.Va.) \
         held firm.",
        "Sen. Joe Manchin (D-W.Va.) held firm.",
    ),
    (
        "(Former President Barack ObamaBarack Hussein ObamaObama praises Liz Cheney MORE did too.)",
        "(Former President Barack Obama did too.)",
    ),
];

#[test]
fn every_hover_card_shape_collapses_to_the_name_the_sentence_used() {
    for (raw, expected) in CARD_SHAPES {
        assert_eq!(
            body_of(&article(raw)),
            format!("{expected}\n"),
            "for {raw:?}"
        );
    }
}

#[test]
fn hover_card_with_formal_name_collapses_to_the_name_used() {
    let raw = article("Mitch McConnellAddison (Mitch) Mitchell McConnellHeadline MORE spoke.");
    assert_eq!(body_of(&raw), "Mitch McConnell spoke.\n");
}

#[test]
fn each_card_in_a_line_is_reported_on_that_line() {
    let cleaned = clean(&article(CARD_SHAPES[9].0)).expect("cleans");
    let expected = [
        removal(
            3,
            RemovalKind::HoverCard,
            "Joe BidenBiden heads to Europe MORE",
        ),
        removal(
            3,
            RemovalKind::HoverCard,
            "Kamala HarrisHarris visits border MORE",
        ),
    ];
    assert_eq!(cleaned.removed, expected);
}

#[test]
fn a_hover_card_in_the_title_line_is_cut_too() {
    let cleaned = clean("Joe BidenJoe BidenBiden in Europe MORE wins\n\nBody.").expect("cleans");
    assert_eq!(cleaned.title, "Joe Biden wins");
    let expected = [removal(
        1,
        RemovalKind::HoverCard,
        "Joe BidenBiden in Europe MORE",
    )];
    assert_eq!(cleaned.removed, expected);
}

#[test]
fn words_with_inner_capitals_and_a_plain_more_pass_through_unchanged() {
    let sentences = [
        "He ate at McDonald’s and checked his iPhone during the PowerPoint.",
        "She posts JavaScript tutorials on YouTube for MORE than a million viewers.",
        "Gov. Ron DeSantis said MORE testing was needed, and LeBron James agreed.",
        "We need MORE jobs, not fewer. MORE!",
        "The PowerPoint deck had MORE slides than the JavaScript demo.",
        "Mitch McConnell said he wants MORE time.",
        "Donald TrumpDonald Trump is a glitch without a closing word.",
        "Nancy PelosiPelosi’s aides said MOREOVER nothing.",
        "Visit the McDonald McDonald’s MORE often.",
        "A lone MORE and an iPhoneiPhone MORE do nothing.",
    ];
    for sentence in sentences {
        assert_eq!(
            body_of(&article(sentence)),
            format!("{sentence}\n"),
            "for {sentence:?}"
        );
    }
}

#[test]
fn a_card_too_long_to_be_one_is_left_alone() {
    let filler = "word ".repeat(300);
    let sentence = format!("Joe BidenJoe BidenBiden {filler}MORE said.");
    assert_eq!(body_of(&article(&sentence)), format!("{sentence}\n"));
}

#[test]
fn crlf_and_a_byte_order_mark_are_handled() {
    let raw = "\u{feff}Title\r\n\r\nTitle\r\n© Getty Images\r\n\r\nFirst.  \r\n\r\n\r\nSecond.\r\n";
    let cleaned = clean(raw).expect("cleans");
    assert_eq!(cleaned.title, "Title");
    assert_eq!(cleaned.body, "First.\n\nSecond.\n");
    assert_eq!(cleaned.credits, ["© Getty Images"]);
    let expected = [
        removal(3, RemovalKind::RepeatedTitle, "Title"),
        removal(4, RemovalKind::PhotoCredit, "© Getty Images"),
        removal(8, RemovalKind::BlankLines, ""),
    ];
    assert_eq!(cleaned.removed, expected);
}

#[test]
fn text_without_residue_keeps_every_paragraph_as_written() {
    let body = "“Curly” quotes — and dashes.\n\nA hard-wrapped\nparagraph stays.\n\nEnd.\n";
    let cleaned = clean(&format!("Title\n\n{body}")).expect("cleans");
    assert_eq!(cleaned.body, body);
    assert!(cleaned.removed.is_empty() && cleaned.credits.is_empty());
    assert!(cleaned.bio_authors.is_empty());
}

#[test]
fn one_paragraph_per_line_without_blank_lines_becomes_separate_paragraphs() {
    let raw = "Title\nTitle\nPhoto: Reuters\nFirst paragraph.\nSecond paragraph.\n\n\n";
    assert_eq!(body_of(raw), "First paragraph.\n\nSecond paragraph.\n");
}

#[test]
fn runs_of_blank_lines_collapse_and_each_extra_line_is_reported() {
    let cleaned = clean("\n\nTitle\n\n\n\nOne.\n \n\t\n\nTwo.\n\n\n").expect("cleans");
    assert_eq!(cleaned.body, "One.\n\nTwo.\n");
    let expected = [
        removal(9, RemovalKind::BlankLines, ""),
        removal(10, RemovalKind::BlankLines, ""),
    ];
    assert_eq!(cleaned.removed, expected);
}

#[test]
fn the_title_is_repeated_only_right_after_the_title() {
    assert_eq!(
        body_of("Title\n© AP\nTitle\n\nIntro.\n\nTitle\n"),
        "Intro.\n\nTitle\n"
    );
    // Its quotes curled or its letters capitals, it is the title still.
    assert_eq!(
        body_of("Mayor's plan fails\n\nMayor’s plan fails\nMAYOR'S PLAN FAILS\n\nIntro.\n"),
        "Intro.\n"
    );
}

#[test]
fn photo_credit_lines_are_recognised_in_every_shape() {
    let credits = [
        "© Getty Images",
        "© AP Photo/Evan Vucci",
        "Photo: Reuters",
        "PHOTO BY Jane Doe/Getty Images",
        "(Getty Images)",
        "(AP Photo/Evan Vucci, File)",
        "AP Photo/Evan Vucci",
        "Getty Images",
        "AP Photo, File",
        "Image credit: NASA",
        "(Reuters/Jane Doe)",
        "(Reuters)",
    ];
    for credit in credits {
        let cleaned = clean(&format!("Title\n\n{credit}\n\nBody.")).expect("cleans");
        assert_eq!(cleaned.credits, [credit], "for {credit:?}");
        assert_eq!(cleaned.body, "Body.\n");
    }
}

#[test]
fn sentences_that_mention_photos_are_not_credits() {
    let lines = [
        "Photos of the summit were everywhere.",
        "(Laughter)",
        "Getty Images said Tuesday it would appeal.",
        "AP Photographers covered the summit.",
        "Getty Images buys a rival",
        "©",
        "Photo:",
        "(Reuters reported the talks had stalled.)",
        "(Disclosure: Bloomberg LP owns a minority stake in the rival)",
        "Getty Images, the photo agency, declined to comment",
    ];
    for line in lines {
        assert!(!credit::is_photo_credit(line), "for {line:?}");
    }
}

#[test]
fn closing_bios_name_their_authors_and_stay_in_the_body() {
    let bios: [(&str, &[&str]); 9] = [
        (
            "Jane Roe is a teacher in Ohio who writes about schools.",
            &["Jane Roe"],
        ),
        (
            "P.J. Crowley is a former U.S. Assistant Secretary of State.",
            &["P.J. Crowley"],
        ),
        (
            "Jane Doe is a senior fellow at the Brookings Institution.",
            &["Jane Doe"],
        ),
        (
            "John Q. Smith is the author of “A Book.”",
            &["John Q. Smith"],
        ),
        (
            "Jane Doe and John Smith are fellows at Hoover.",
            &["Jane Doe", "John Smith"],
        ),
        (
            "Ann Lee, Bo Park, and Cy Young are researchers.",
            &["Ann Lee", "Bo Park", "Cy Young"],
        ),
        (
            "Jane Doe, a former ambassador to Japan, is now retired.",
            &["Jane Doe"],
        ),
        (
            "Ambassador Joseph DeTrani is the former special envoy.",
            &["Joseph DeTrani"],
        ),
        (
            "Ludwig van Beethoven and Ana de la Cruz, both former editors, are writing a book.",
            &["Ludwig van Beethoven", "Ana de la Cruz"],
        ),
    ];
    for (bio, authors) in bios {
        let cleaned = clean(&format!("Title\n\nBody.\n\n{bio}")).expect("cleans");
        assert_eq!(cleaned.bio_authors, authors, "for {bio:?}");
        assert_eq!(cleaned.body, format!("Body.\n\n{bio}\n"));
    }
}

#[test]
fn closing_paragraphs_that_are_not_bios_name_no_one() {
    let endings = [
        "The president is right to say the freeze should happen.",
        "Kim Jong Un is unlikely to give up his nuclear capability.",
        "Trump is a former reality television star.",
        "The United States is a former ally, critics say.",
        "Jane Doe and John Smith are friends.",
        "John Bolton, a former national security adviser, is expected to testify before the committee next week.",
        "Jane Doe, the former ambassador, is leaving the embassy on Friday.",
        // "former" alone names no role.
        "Kim Jong Un is a former student in Bern.",
    ];
    for ending in endings {
        assert!(bio::authors(ending).is_empty(), "for {ending:?}");
    }
    let cleaned = clean("Title\n\nP.J. Crowley is a former envoy.\n\nThe end.").expect("cleans");
    assert!(cleaned.bio_authors.is_empty());
}

#[test]
fn cleaning_an_already_clean_body_is_a_no_op() {
    let mut raws: Vec<String> = CARD_SHAPES.iter().map(|(raw, _)| article(raw)).collect();
    raws.push(seed_excerpt());
    raws.push("Title\nOne.\nTwo.\n".to_owned());
    raws.push("Title\n\nWrapped\nlines.\n\nNext.".to_owned());
    for raw in raws {
        let first = clean(&raw).expect("cleans");
        let again = clean(&format!("{}\n\n{}", first.title, first.body)).expect("cleans again");
        assert_eq!(again.body, first.body, "for {raw:?}");
        assert_eq!(again.bio_authors, first.bio_authors);
        assert!(again.removed.is_empty(), "for {raw:?}: {:?}", again.removed);
    }
}

#[test]
fn texts_without_an_article_are_refused() {
    assert_eq!(clean(""), Err(ImportError::Empty));
    assert_eq!(clean("\u{feff} \r\n\t\n"), Err(ImportError::Empty));
    assert_eq!(
        clean("© Getty Images\nTitle\n\nBody."),
        Err(ImportError::NoTitle)
    );
    assert_eq!(
        clean("Title\n\nTitle\n© Getty Images\n\n"),
        Err(ImportError::NoBody)
    );
    let message = ImportError::NoBody.to_string();
    assert_eq!(message, "the text has a title but no paragraphs after it");
}

#[test]
fn removal_kinds_read_as_labels() {
    let kinds = [
        RemovalKind::RepeatedTitle,
        RemovalKind::PhotoCredit,
        RemovalKind::HoverCard,
        RemovalKind::BlankLines,
    ];
    let labels: Vec<String> = kinds.iter().map(ToString::to_string).collect();
    let expected = [
        "repeated title",
        "photo credit",
        "link hover card",
        "extra blank line",
    ];
    assert_eq!(labels, expected);
}

/// Texts stitched from awkward fragments by a fixed pseudo-random sequence (xorshift).
fn stitched_texts(count: usize) -> Vec<String> {
    let fragments: Vec<&str> = " |\n|\r\n|\n\n|MORE|Trump|Donald |Mc|Connell|a|É|é|(|)|©|.|,|'\
        |\u{a0}|\t|Photo: | is a former | and |Jo Lee"
        .split('|')
        .collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % 1024).unwrap_or_default()
    };
    let mut text = |length: usize| -> String {
        let start = if next() % 4 == 0 { "\u{feff}" } else { "" };
        let pieces = (0..length).map(|_| fragments[next() % fragments.len()]);
        std::iter::once(start).chain(pieces).collect()
    };
    (0..count).map(|index| text(index % 40)).collect()
}

#[test]
fn odd_texts_never_panic_and_clean_to_bodies_that_clean_again_unchanged() {
    let odd = "\u{feff}|\r|\r\n\r\n|MORE|T\naB MORE|T\nÀÉ aÉ É MORE é|T\nxY.Z. MORE.Ünïcödé\
        |T\n(((( )))) ©©© (©)|T\n\u{a0}MORE\u{a0}|T\nîÎ îÎ MOREÎ|T\nA. B.C. D.E MORE\
        |T\n is  are , , and ,|T\nAb, is a former";
    for raw in stitched_texts(5000)
        .into_iter()
        .chain(odd.split('|').map(String::from))
    {
        let Ok(first) = clean(&raw) else { continue };
        let well_formed = first.body.ends_with('\n') && !first.body.contains("\n\n\n");
        assert!(well_formed, "for {raw:?}");
        let again = clean(&format!("{}\n\n{}", first.title, first.body));
        assert_eq!(again.map(|c| c.body), Ok(first.body), "for {raw:?}");
    }
}

#[test]
fn a_long_line_full_of_cards_and_inner_capitals_cleans_in_linear_time() {
    let line = "Joe BidenJoe BidenBiden signs bill MORE said McDonald, MORE or less; ";
    let started = std::time::Instant::now();
    let cleaned = clean(&format!("Title\n\n{}", line.repeat(20_000))).expect("cleans");
    let expected = "Joe Biden said McDonald, MORE or less; ".repeat(20_000);
    assert_eq!(cleaned.body, format!("{}\n", expected.trim_end()));
    assert_eq!(cleaned.removed.len(), 20_000);
    let elapsed = started.elapsed();
    assert!(
        elapsed.as_secs() < 30,
        "took {elapsed:?}, so something is quadratic"
    );
}

#[test]
fn plain_text_that_markdown_would_read_as_markup_is_escaped() {
    use super::literal;
    for (line, markdown) in [
        ("# Not a heading", "\\# Not a heading"),
        ("1984. The year it began", "1984\\. The year it began"),
        ("* starred", "\\* starred"),
        ("- dashed", "\\- dashed"),
        ("> quoted", "\\> quoted"),
        ("---", "\\-\\-\\-"),
        ("* * *", "\\* \\* \\*"),
        ("```", "\\```"),
        ("      indented", "indented"),
        (
            "A <script>alert(1)</script> here",
            "A \\<script>alert(1)\\</script> here",
        ),
        ("a \\* b", "a \\\\* b"),
        (
            "Plain: 3 < 4, -5 and 1.5 stay.",
            "Plain: 3 < 4, -5 and 1.5 stay.",
        ),
        ("  two spaces stay", "  two spaces stay"),
    ] {
        assert_eq!(literal(line), markdown, "{line}");
    }
}

#[test]
fn an_imported_text_renders_as_it_was_written() {
    let raw =
        "Title\n\n# Not a heading\n\n1984. The year.\n\n+ plussed\n\n<script>alert(1)</script>\n\n\
               The fee rose 5*3 and 2*4 times, said the __init__ committee.\n\n\
               ---\n\nSee [1](x) and `ls` and ~~old~~ at AT&amp;T,\nthen *more\nlines*.\n";
    let cleaned = clean(raw).expect("cleans");
    let events: Vec<_> = pulldown_cmark::Parser::new(&cleaned.body).collect();
    assert!(
        events.iter().all(|e| matches!(
            e,
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Paragraph)
                | pulldown_cmark::Event::End(pulldown_cmark::TagEnd::Paragraph)
                | pulldown_cmark::Event::Text(_)
                | pulldown_cmark::Event::SoftBreak
        )),
        "{events:?}"
    );
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        text,
        "# Not a heading1984. The year.+ plussed<script>alert(1)</script>\
         The fee rose 5*3 and 2*4 times, said the __init__ committee.\
         ---See [1](x) and `ls` and ~~old~~ at AT&amp;T,then *morelines*."
    );
    // A paragraph that reads as written keeps the Markdown an editor would type.
    assert!(
        cleaned.body.contains("\n\n1984\\. The year.\n\n"),
        "{}",
        cleaned.body
    );
}

#[test]
fn scraped_text_is_made_plain_before_it_is_cleaned() {
    assert_eq!(
        super::prepare("Title &amp; more &#8217;s &#x2014; &mdash;&nbsp;&unknown; AT&T\r\rBody\x1b[31m red\x1b[0m\x00.\r\n"),
        "Title & more ’s — —\u{a0}&unknown; AT&T\n\nBody red.\n"
    );
    // An old Mac file's lines are lines, so its title is its first line only.
    let cleaned = clean(&super::prepare("Old Mac\rFirst.\r\rSecond.\r")).expect("cleans");
    assert_eq!(cleaned.title, "Old Mac");
    assert_eq!(cleaned.body, "First.\n\nSecond.\n");
}

#[test]
fn page_furniture_and_a_byline_leave_the_body_and_the_byline_names_the_authors() {
    let raw = "Harbor bridge closes\n\nBy Maria Okafor\nUpdated 3:45 PM ET, Tue March 5, 2019\n\nThe bridge closed on Tuesday.\n\nAdvertisement\n\nStory continues below\n\nShare on Facebook Share on Twitter Email\n\nRelated: Harbor bridge delays anger commuters\n\nOfficials said it would reopen.\n\nSign up for our newsletter\n";
    let cleaned = clean(raw).expect("cleans");
    assert_eq!(
        cleaned.body,
        "The bridge closed on Tuesday.\n\nOfficials said it would reopen.\n"
    );
    assert_eq!(cleaned.byline_authors, ["Maria Okafor"]);
    let kinds: Vec<RemovalKind> = cleaned
        .removed
        .iter()
        .map(|r| r.kind)
        .filter(|k| *k != RemovalKind::BlankLines)
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == RemovalKind::PageFurniture)
            .count(),
        6,
        "{:?}",
        cleaned.removed
    );
    assert!(kinds.contains(&RemovalKind::Byline));
    // Sentences that start alike stay.
    for kept in [
        "By Tuesday, officials had closed the bridge.",
        "Updated figures show 40 closures.",
        "Share prices fell on the news",
        "Advertisement revenue fell by half.",
    ] {
        let cleaned = clean(&format!("Title\n\n{kept}\n\nMore.\n")).expect("cleans");
        assert!(
            cleaned.body.starts_with(kept),
            "{kept:?}: {:?}",
            cleaned.body
        );
    }
    assert_eq!(
        bio::byline("BY JANE DOE and JOHN SMITH").expect("byline"),
        ["Jane Doe", "John Smith"]
    );
}

#[test]
fn lines_that_are_a_list_stay_a_list_and_other_lines_stay_as_written() {
    let cleaned = clean("Title\n\nWhat is closed:\n\n- Roads are closed\n- Schools are *shut*\n\n1. First, call 911.\n2. Then wait.\n\n- Only one dash line\nand prose after it.\n").expect("cleans");
    assert_eq!(
        cleaned.body,
        "What is closed:\n\n- Roads are closed\n- Schools are \\*shut\\*\n\n1. First, call 911.\n2. Then wait.\n\n\\- Only one dash line\nand prose after it.\n"
    );
    let html = crate::render::markdown(&cleaned.body);
    assert!(
        html.contains("<li>Roads are closed</li>") && html.contains("<ol>"),
        "{html}"
    );
}

// Guards the hover-card cutter against real text: a name that merely starts with itself
// (`TomTom`, `JoJo`) and a shouted `MORE` later in the sentence cut half of it away.
#[test]
fn a_name_that_repeats_itself_without_a_card_keeps_its_sentence_and_is_a_doubt() {
    for (sentence, doubt) in [
        (
            "Shares of TomTom rose 5 percent after the results, but analysts said investors would want MORE before upgrading the stock.",
            "Tom rose 5 percent after the results, but analysts said investors would want MORE",
        ),
        (
            "The singer JoJo said the tour would add dates; fans asked for MORE.",
            "Jo said the tour would add dates; fans asked for MORE",
        ),
    ] {
        let cleaned = clean(&article(sentence)).expect("cleans");
        assert_eq!(cleaned.body, format!("{sentence}\n"));
        assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
        let expected = [Doubt {
            line: 3,
            kind: RemovalKind::HoverCard,
            text: doubt.to_owned(),
        }];
        assert_eq!(cleaned.doubts, expected);
    }
    // The seed's cards are cut, and raise no doubt.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/000_e93747164a79f068.txt"
    );
    let seed = clean(&std::fs::read_to_string(path).expect("the seed")).expect("cleans");
    assert!(seed.doubts.is_empty(), "{:?}", seed.doubts);
    assert_eq!(
        seed.removed
            .iter()
            .filter(|r| r.kind == RemovalKind::HoverCard)
            .count(),
        3
    );
}

#[test]
fn a_card_is_cut_only_when_the_name_comes_again_glued_to_its_text() {
    let kept = [
        // The name again, but a space and a sentence after it.
        "Speaker Nancy PelosiNancy Pelosi said she wants MORE time.",
        // Glued, but no `MORE` near enough.
        &format!("Joe BidenJoe BidenBiden {}MORE said.", "word ".repeat(130)),
    ];
    for sentence in kept {
        assert_eq!(body_of(&article(sentence)), format!("{sentence}\n"));
    }
    assert_eq!(
        body_of(&article(
            "Speaker Nancy PelosiNancy Pelosi‘Squad’ asks MORE said no."
        )),
        "Speaker Nancy Pelosi said no.\n"
    );
}

#[test]
fn every_named_html_character_reference_is_read() {
    assert_eq!(
        super::prepare(
            "Ren&eacute;e paid &pound;5 &euro; &ntilde; &uuml; &ccedil; &deg; &frac12; &times; \
             &trade; &reg; &bull; &middot; &shy;| &NotEqualTilde; &#233; &#xE9;"
        ),
        "Renée paid £5 € ñ ü ç ° ½ × ™ ® • · \u{ad}| \u{2242}\u{338} é é"
    );
    // Without its `;`, or unknown, a reference is text as written.
    assert_eq!(
        super::prepare("AT&T &copy 2019, R&D; &nosuch; &#xZZ; &"),
        "AT&T &copy 2019, R&D; &nosuch; &#xZZ; &"
    );
}

#[test]
fn markdown_with_front_matter_and_html_pages_are_refused() {
    for markdown in [
        "---\ntitle: A story\ndate: 2019-01-01\n---\n\nThe body.\n",
        "\u{feff}+++\ntitle = \"A story\"\n+++\nThe body.\n",
    ] {
        assert_eq!(
            clean(markdown),
            Err(ImportError::FrontMatter),
            "{markdown:?}"
        );
    }
    for html in [
        "<!DOCTYPE html>\n<html><head><title>A story</title></head><body><p>x</p></body></html>",
        "\n  <!doctype HTML>\n<p>x</p>",
        "<html lang=\"en\">\n<body>x</body>\n</html>",
    ] {
        assert_eq!(clean(html), Err(ImportError::Html), "{html:?}");
    }
    // A rule under the title, or a tag in the text, is still text.
    assert!(clean("Title\n\n---\n\nBody.\n").is_ok());
    assert!(clean("<b>Title</b>\n\nBody.\n").is_ok());
}

#[test]
fn list_items_a_line_or_a_paragraph_each_become_a_markdown_list() {
    let one_a_line =
        "Title\nThe plan promises:\n- cleaner rivers\n• lower bills\n* more trains\nThat is all.\n";
    assert_eq!(
        body_of(one_a_line),
        "The plan promises:\n\n- cleaner rivers\n- lower bills\n- more trains\n\nThat is all.\n"
    );
    let apart = "Title\n\nSteps:\n\n1. x\n\n2. y\n\n- cleaner rivers\n";
    assert_eq!(body_of(apart), "Steps:\n\n1. x\n2. y\n\n- cleaner rivers\n");
    let html = crate::render::markdown(&body_of(one_a_line));
    assert!(html.contains("<li>lower bills</li>"), "{html}");
}

#[test]
fn furniture_standing_alone_is_removed_and_reported() {
    let lines = [
        "Advertisement",
        "Advertisement - Scroll to continue",
        "Share this:",
        "Share",
        "Tweet",
        "Email",
        "Print",
        "3 min read",
        "Copyright 2019 The Hill. All rights reserved.",
    ];
    let raw = format!("Title\n\nFirst.\n\n{}\n\nLast.\n", lines.join("\n\n"));
    let cleaned = clean(&raw).expect("cleans");
    assert_eq!(cleaned.body, "First.\n\nLast.\n");
    let removed: Vec<&str> = cleaned
        .removed
        .iter()
        .filter(|r| r.kind == RemovalKind::PageFurniture)
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(removed, lines);
    // Stacked without blank lines, share buttons are still a paragraph of their own.
    assert_eq!(
        body_of("Title\n\nFirst.\n\nShare\nTweet\nEmail\n\nLast.\n"),
        "First.\n\nLast.\n"
    );
    // A button's word on a line of a wrapped paragraph is the paragraph's.
    assert_eq!(
        body_of("Title\n\nWrite to us by\nEmail\nor post.\n\nLast.\n"),
        "Write to us by\nEmail\nor post.\n\nLast.\n"
    );
}

// Guards against a word that doubles a syllable (`BlaBlaCar`, `MiuMiu`) with a shouted
// `MORE` after it being cut as a card: its words were lost.
#[test]
fn a_word_glued_to_itself_with_no_name_around_it_is_kept_with_a_doubt() {
    for (sentence, doubt) in [
        (
            "Ride-sharing firm BlaBlaCar said it wants MORE drivers in France.",
            "BlaCar said it wants MORE",
        ),
        (
            "Fashion house MiuMiu said it wants MORE shops.",
            "Miu said it wants MORE",
        ),
        (
            "Shares of Johnson & JohnsonJohnson Inc rose and MORE followed.",
            "Johnson Inc rose and MORE",
        ),
    ] {
        let cleaned = clean(&article(sentence)).expect("cleans");
        assert_eq!(cleaned.body, format!("{sentence}\n"));
        assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
        let texts: Vec<_> = cleaned.doubts.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, [doubt], "for {sentence:?}");
    }
}

// Guards against a card whose headline holds `MORE` being cut at that word, leaving the
// rest of the card in the sentence.
#[test]
fn a_card_with_more_in_its_headline_is_kept_whole_with_a_doubt() {
    let sentence = "Rep. Jim JordanJim JordanJordan: Democrats want MORE investigations Jordan \
                    blasts probe MORE said no.";
    let cleaned = clean(&article(sentence)).expect("cleans");
    assert_eq!(cleaned.body, format!("{sentence}\n"));
    assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
    let texts: Vec<_> = cleaned.doubts.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Jim JordanJordan: Democrats want MORE investigations Jordan blasts probe MORE"]
    );
    // Two cards on one line, each closed by its own `MORE`, are both cut.
    assert_eq!(
        body_of(&article(CARD_SHAPES[9].0)),
        format!("{}\n", CARD_SHAPES[9].1)
    );
}

// Guards against cards after a hyphenated name or with a headline opening with a digit
// passing through without a word.
#[test]
fn a_card_after_a_hyphenated_name_or_opening_with_a_digit_is_cut() {
    for (sentence, kept, card) in [
        (
            "Foreign Minister Ri Yong-hoRi Yong-hoRi meets Pompeo MORE read a statement.",
            "Foreign Minister Ri Yong-ho read a statement.",
            "Ri Yong-hoRi meets Pompeo MORE",
        ),
        (
            "Rep. Ilhan OmarIlhan Omar2020 census counts MORE spoke.",
            "Rep. Ilhan Omar spoke.",
            "Ilhan Omar2020 census counts MORE",
        ),
    ] {
        let cleaned = clean(&article(sentence)).expect("cleans");
        assert_eq!(cleaned.body, format!("{kept}\n"));
        assert_eq!(cleaned.removed, [removal(3, RemovalKind::HoverCard, card)]);
        assert!(cleaned.doubts.is_empty(), "{:?}", cleaned.doubts);
    }
}

// Guards against prose opening with a number and a full stop (`1. FC Köln`, `2.
// Bundesliga`) turning into an ordered list: the page showed `<ol start="2">`.
#[test]
fn a_paragraph_opening_with_a_number_alone_is_prose_not_a_list() {
    let raw = "Derby\n\n1. FC Köln hat am Samstag das Derby gewonnen.\n\n\
               Die Fans feierten.\n\n2. Bundesliga: Hamburg verliert.\n";
    assert_eq!(
        body_of(raw),
        "1\\. FC Köln hat am Samstag das Derby gewonnen.\n\nDie Fans feierten.\n\n\
         2\\. Bundesliga: Hamburg verliert.\n"
    );
    // Two numbered paragraphs in a row are a list.
    assert_eq!(
        body_of("Steps\n\n1. Call 911.\n\n2. Wait.\n"),
        "1. Call 911.\n2. Wait.\n"
    );
}

// Guards against whole sentences after a label being removed as furniture or credits.
#[test]
fn a_sentence_after_a_label_is_prose_and_stays() {
    for sentence in [
        "Related: the two ministers are cousins, which neither disclosed.",
        "Photo: the minister's own account says he took it himself.",
        "Credit: the bank's rating fell twice in 2019, and lenders noticed.",
        "Image: a word the campaign cared about more than policy.",
    ] {
        let cleaned = clean(&article(sentence)).expect("cleans");
        assert_eq!(cleaned.body, format!("{sentence}\n"));
        assert!(cleaned.removed.is_empty(), "{:?}", cleaned.removed);
        assert!(cleaned.credits.is_empty(), "{:?}", cleaned.credits);
    }
    // Credits and pointers after a label still go.
    for line in [
        "Photo: courtesy of the family.",
        "Related: Harbor bridge reopens.",
    ] {
        let cleaned = clean(&format!("A headline\n\n{line}\n\nBody.\n")).expect("cleans");
        assert_eq!(cleaned.body, "Body.\n", "for {line:?}");
    }
}

// Guards against an agency after a byline's names becoming an author, and a byline in
// capitals or with a bar not being read.
#[test]
fn a_bylines_agency_is_no_author_and_capitals_are_title_case() {
    for (line, names) in [
        ("By ANNA SCHMIDT, Associated Press", &["Anna Schmidt"][..]),
        ("By Anna Schmidt, AP", &["Anna Schmidt"]),
        ("by Anna Schmidt | Reuters", &["Anna Schmidt"]),
        (
            "By Anna Schmidt and Tom Baker, Bloomberg",
            &["Anna Schmidt", "Tom Baker"],
        ),
        ("By Jane Doe, Staff Writer", &["Jane Doe"]),
        (
            "By Jane Doe, John Smith and Ann Lee",
            &["Jane Doe", "John Smith", "Ann Lee"],
        ),
        // A Turkish name in capitals, with its dotted capital I; agencies named in
        // other languages than English.
        ("By İSMAİL YILMAZ, Associated Press", &["İsmail Yılmaz"]),
        ("By ŞÜKRÜ ÖZTÜRK, Anadolu Ajansı", &["Şükrü Öztürk"]),
        ("By İSMAİL YILMAZ, Anadolu Agency", &["İsmail Yılmaz"]),
        (
            "By ANNA SCHMIDT, Deutsche Presse-Agentur",
            &["Anna Schmidt"],
        ),
        ("By ANNA SCHMIDT, dpa", &["Anna Schmidt"]),
        ("By ISMAIL YILMAZ, AFP", &["Ismail Yilmaz"]),
    ] {
        let cleaned = clean(&format!("Title\n{line}\n\nBody.\n")).expect("cleans");
        assert_eq!(cleaned.byline_authors, names, "for {line:?}");
        assert_eq!(cleaned.removed, [removal(2, RemovalKind::Byline, line)]);
    }
}

// Guards against one Turkish name in a byline in capitals turning every `I` of the
// other names into `ı` ("Mıke Davıs"), and an `AND` in capitals joining two names
// into one ("John Smith And Mike Davis").
#[test]
fn each_name_of_a_byline_in_capitals_is_title_cased_on_its_own() {
    for (line, names) in [
        (
            "BY İSMAİL YILMAZ and MIKE DAVIS",
            &["İsmail Yılmaz", "Mike Davis"][..],
        ),
        (
            "BY MIKE DAVIS AND İSMAİL YILMAZ",
            &["Mike Davis", "İsmail Yılmaz"],
        ),
        (
            "BY JOHN SMITH AND MIKE DAVIS",
            &["John Smith", "Mike Davis"],
        ),
        (
            "BY İSMAİL YILMAZ, MIKE DAVIS AND ANN LEE",
            &["İsmail Yılmaz", "Mike Davis", "Ann Lee"],
        ),
        // Only a name in capitals is title-cased, and a part after `'` or `-` starts
        // with a capital.
        (
            "BY JOHN SMITH and Mike Davis",
            &["John Smith", "Mike Davis"],
        ),
        (
            "BY MARY O'NEILL AND JEAN-LUC PICARD",
            &["Mary O'Neill", "Jean-Luc Picard"],
        ),
        ("By Jean DUPONT", &["Jean DUPONT"]),
    ] {
        assert_eq!(bio::byline(line).expect("byline"), names, "for {line:?}");
    }
}

// Guards against "the text passed through unchanged" when control characters were taken
// out, references read or list marks rewritten: each is a change with its line.
#[test]
fn every_character_written_otherwise_is_a_change_on_its_line() {
    let prepared = super::prepare_noting("Title\n\nA \x1b[31mred\x1b[0m word\x00.\x0c\nAT&amp;T\n");
    let change = |line, kind, count| Change { line, kind, count };
    assert_eq!(
        prepared.changes,
        [
            change(3, ChangeKind::ControlCharacters, 4),
            change(4, ChangeKind::CharacterReferences, 1),
        ]
    );
    assert_eq!(prepared.text, "Title\n\nA red word.\nAT&T\n");
    let cleaned = clean("Title\n\nGains:\n• one\n- two\n\nSteps:\n1) x\n2. y\n").expect("cleans");
    assert_eq!(
        cleaned.changes,
        [
            change(4, ChangeKind::ListMarker, 1),
            change(8, ChangeKind::ListMarker, 1),
        ]
    );
    assert_eq!(
        change(3, ChangeKind::ControlCharacters, 4).to_string(),
        "4 control characters taken out"
    );
    assert!(clean("Title\n\nPlain text.\n")
        .expect("cleans")
        .changes
        .is_empty());
}

// Guards against time stamps and pointers to other stories kept as paragraphs, while a
// sentence that holds the same words stays.
#[test]
fn lines_that_are_only_a_time_stamp_or_a_pointer_leave_and_are_reported() {
    let raw = "Title\n\nUpdated: 10:42 AM ET\n\nMar 5, 2019 | 10:42 AM\n\nBody.\n\n\
               MORE: North Korea fires missile into sea\n\nRead More »\n\n\
               The vote came on Mar 5, 2019 at 10:42 AM, and MORE: nothing.\n\nSponsored content\n";
    let cleaned = clean(raw).expect("cleans");
    assert_eq!(
        cleaned.body,
        "Body.\n\nThe vote came on Mar 5, 2019 at 10:42 AM, and MORE: nothing.\n"
    );
    let lines: Vec<usize> = cleaned.removed.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 5, 9, 11, 15]);
    assert!(cleaned
        .removed
        .iter()
        .all(|r| r.kind == RemovalKind::PageFurniture));
}
