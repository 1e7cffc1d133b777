//! `check --fix [--write]` on small sites whose article was edited after its notes were
//! written: which passage it proposes, what it writes, and how it exits.

use crate::harness::{stderr, stdout, SiteTest};

const ARTICLE: &str = "content/2019/a.md";
const SIDECAR: &str = "content/2019/a.annotations.toml";

/// A site with one article of `body` and a sidecar of `notes`.
fn site(body: &str, notes: &str) -> SiteTest {
    let site = SiteTest::minimal();
    site.write(
        ARTICLE,
        format!("+++\ntitle = \"A\"\ndate = 2019-03-01\n+++\n{body}"),
    )
    .write(SIDECAR, notes);
    site
}

/// Runs `check --fix` on `site` and asserts that its diff holds `line`.
fn proposes(site: &SiteTest, line: &str) -> std::process::Output {
    let out = site.gloss(&["check", "--fix"]);
    let diff = stdout(&out);
    assert!(diff.lines().any(|l| l == line), "{diff}{}", stderr(&out));
    out
}

const RELIEF: &str = "[[note]]\nquote = \"partial sanctions relief\"\nprefix = \"in return for \"\nbody = \"Relief.\"\n";

#[test]
fn the_edited_passage_with_the_note_s_prefix_wins_over_the_same_words_elsewhere() {
    let site = site(
        "Kim offered Yongbyon in return for partial sanction relief.\n\nThe summit asked for partial sanctions relief and CVID at once.\n",
        RELIEF,
    );
    let out = proposes(&site, "+quote = \"partial sanction relief\"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_prefix_edited_around_a_quote_found_once_is_refreshed() {
    let site = site(
        "Kim offered Yongbyon in exchange for partial sanctions relief.\n",
        RELIEF,
    );
    let out = proposes(&site, "+prefix = \"in exchange for\"");
    let diff = stdout(&out);
    assert!(!diff.contains("+quote"), "{diff}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn a_proposed_quote_keeps_whole_words_the_writer_s_quotation_marks_and_string_style() {
    let site = site(
        "He called it the \"grand bargain\" and left.\n",
        "[[note]]\nquote = 'called it the \"grand bargain\"'  # literal string\nbody = \"Bargain.\"\n",
    );
    site.write(
        ARTICLE,
        "+++\ntitle = \"A\"\ndate = 2019-03-01\n+++\nHe called it the \"grand bargains\" and left.\n",
    );
    let out = site.gloss(&["check", "--fix", "--write"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        site.read(SIDECAR),
        "[[note]]\nquote = 'called it the \"grand bargains\"'  # literal string\nbody = \"Bargain.\"\n"
    );
    site.build();
    let page = site.page("2019/a/index.html");
    assert!(
        page.contains("bargains”</mark>"),
        "the mark ends after the closing quotation mark: {page}"
    );
}

#[test]
fn check_fix_exits_0_when_every_note_has_a_place_to_write() {
    let site = SiteTest::occurrence_note();
    site.build();
    let article = site.root.join("content/2020/talks.md");
    let text = std::fs::read_to_string(&article).expect("article");
    std::fs::write(
        &article,
        text.replace("The summit", "First, CVID.\n\nThe summit"),
    )
    .expect("edit");
    let out = site.gloss(&["check", "--fix"]);
    assert!(
        stdout(&out).contains("1 note(s) can be re-anchored"),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Before, the last line said "no problems found" while the sidecar on
    // disk still held what `build` refuses.
    let last = stdout(&out).lines().last().unwrap_or_default().to_owned();
    assert!(!last.contains("no problems found"), "{last}");
    assert!(
        last.contains("once the changes above are written; nothing written yet")
            && last.contains("1 note(s)"),
        "{last}"
    );
    // A note left unplaced still fails it.
    site.write(
        "content/2020/talks.annotations.toml",
        "[[note]]\nquote = \"CVID\"\noccurrence = 2\nbody = \"Complete.\"\n\n[[note]]\nquote = \"fire and fury\"\nbody = \"Gone.\"\n",
    );
    let out = site.gloss(&["check", "--fix"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_moved_note_is_reported_beside_another_note_of_its_sidecar_that_finds_no_place() {
    let site = SiteTest::occurrence_note();
    site.write(
        "content/2020/talks.annotations.toml",
        "[[note]]\nquote = \"Yongbyon\"\nbody = \"Site.\"\n\n[[note]]\nquote = \"CVID\"\noccurrence = 2\nbody = \"Complete.\"\n",
    )
    .write(
        "content/2020/talks.md",
        "+++\ntitle = \"Talks\"\ndate = 2020-01-02\n+++\nAt Yongbyon. The summit asked for CVID at once.\n\nLater the envoy said CVID was the aim.\n",
    );
    site.build();
    site.write(
        "content/2020/talks.md",
        "+++\ntitle = \"Talks\"\ndate = 2020-01-02\n+++\nFirst, CVID.\n\nAt the site. The summit asked for CVID at once.\n\nLater the envoy said CVID was the aim.\n",
    );
    let check = site.gloss(&["check"]);
    let report = stderr(&check);
    assert!(report.contains("quote not found"), "{report}");
    assert!(report.contains("has moved to other words"), "{report}");
    let fix = site.gloss(&["check", "--fix"]);
    assert!(
        stdout(&fix).contains("note 2 put back where it stood at the last build"),
        "{}",
        stdout(&fix)
    );
    assert_eq!(fix.status.code(), Some(1), "note 1 stays unplaced");
}

#[test]
fn check_fix_write_keeps_a_sidecar_s_byte_order_mark() {
    let site = site(
        "The nuclear research center at Yongbyon.\n",
        "\u{feff}# Notes.\r\n[[note]]\r\nquote  = \"research centre at Yongbyon\"  # checked\r\nbody = \"Site.\"\r\n",
    );
    let out = site.gloss(&["check", "--fix", "--write"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        site.read(SIDECAR),
        "\u{feff}# Notes.\r\n[[note]]\r\nquote  = \"research center at Yongbyon\"  # checked\r\nbody = \"Site.\"\r\n"
    );
}

#[test]
fn fix_goes_on_past_a_site_toml_it_can_read_and_reports_its_problems() {
    let site = site(
        "Kim offered Yongbyon in exchange for partial sanctions relief.\n",
        RELIEF,
    );
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}colour = \"red\"\n"));
    let out = proposes(&site, "+prefix = \"in exchange for\"");
    let report = stderr(&out);
    assert!(report.contains("unknown key `colour`"), "{report}");
    assert_eq!(out.status.code(), Some(1), "{report}");
}

#[test]
fn a_note_left_unplaced_does_not_hide_the_rest_of_the_site_s_problems() {
    let site = site(
        "The quick brown fox jumped over the dog.\n\nBad [l](#nope).\n",
        "[[note]]\nquote = \"quick brown fox jumps over\"\nbody = \"Fox.\"\n\n[[note]]\nquote = \"zebra unicorn\"\nbody = \"Zebra.\"\n",
    );
    let out = site.gloss(&["check", "--fix"]);
    let report = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        stdout(&out).contains("+quote = \"quick brown fox jumped over\""),
        "{}",
        stdout(&out)
    );
    assert!(report.contains("#nope"), "{report}");
    assert_eq!(report.matches("zebra unicorn").count(), 1, "{report}");
    assert!(!report.contains("quick brown fox jumps over"), "{report}");
    assert!(report.contains("1 error, 1 warning"), "{report}");
}
