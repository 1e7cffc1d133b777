//! The example archive in this repository builds, and every marker and back-link of its
//! article resolves.

use crate::harness::{sel, SiteTest};

#[test]
fn example_article_markers_and_backlinks_all_resolve() {
    let site = SiteTest::new(".");
    site.build();
    let html = site.html("2019/trump-left-hanoi/index.html");
    let markers: Vec<_> = html
        .select(&sel("a[role=doc-noteref].gloss-marker"))
        .collect();
    assert!(markers.len() >= 15, "only {} markers", markers.len());
    for (i, marker) in markers.iter().enumerate() {
        let number = i + 1;
        assert_eq!(
            marker.value().attr("href"),
            Some(format!("#note-{number}").as_str())
        );
        let note = html
            .select(&sel(&format!("[role=doc-endnotes] li#note-{number}")))
            .next();
        let note = note.unwrap_or_else(|| panic!("no endnote for marker {number}"));
        let back = note
            .select(&sel("a[role=doc-backlink]"))
            .next()
            .expect("back-link");
        let target = back
            .value()
            .attr("href")
            .expect("href")
            .trim_start_matches('#')
            .to_owned();
        assert_eq!(
            marker.value().attr("id"),
            Some(target.as_str()),
            "note {number} returns elsewhere"
        );
        assert_eq!(
            back.value().attr("aria-label"),
            Some(format!("Back to note {number}").as_str())
        );
    }
}
