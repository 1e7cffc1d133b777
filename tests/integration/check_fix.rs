//! `check --fix [--write]` on small sites whose article was edited after its notes were
//! written: which passage it proposes, what it writes, and how it exits.

use std::process::Output;

use crate::harness::SiteTest;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
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
