//! `gloss serve` as an editor uses it: edits show up, a broken quote lays the diagnostic
//! over the last good page, a fix clears it, and no path leaves the site.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::SiteTest;

#[path = "../support/serve.rs"]
mod running;

use running::{get, save, Server};

fn start(site: &SiteTest) -> Server {
    running::start(
        &assert_cmd::cargo::cargo_bin("gloss"),
        &site.root,
        Stdio::null(),
    )
}

/// `site()` served, once its article's page is: the server and that page's path.
fn serving_live(site: &SiteTest) -> (Server, &'static str) {
    let server = start(site);
    let page = "/2020/live/";
    eventually(&server.address, page, "the first build", |b| {
        b.contains("First body.")
    });
    (server, page)
}

/// Polls `path` until `check` holds on its body, for at most ten seconds.
fn eventually(address: &str, path: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (_, body) = get(address, path);
        if check(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "timed out waiting for: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

const ARTICLE: &str =
    "+++\ntitle = \"Live\"\ndate = 2020-01-02\n+++\nThe summit at Yongbyon ended early.\n";
const SIDECAR: &str = "# notes\n[[note]]\nquote = \"Yongbyon\"\nbody = \"First body.\"\n";

fn site() -> SiteTest {
    let site = SiteTest::empty();
    std::fs::create_dir_all(site.root.join("content/2020")).expect("mkdir");
    std::fs::write(
        site.root.join("site.toml"),
        "title = \"Live\"\nbase_url = \"https://example.org/\"\n",
    )
    .expect("site");
    std::fs::write(site.root.join("content/2020/live.md"), ARTICLE).expect("article");
    std::fs::write(
        site.root.join("content/2020/live.annotations.toml"),
        SIDECAR,
    )
    .expect("sidecar");
    site
}

#[test]
fn edits_show_up_and_a_broken_quote_shows_an_overlay_over_the_last_good_page() {
    let site = site();
    let server = start(&site);
    let page = "/2020/live/";
    let (status, body) = get(&server.address, page);
    assert_eq!(status, 200);
    assert!(body.contains("First body."));
    let article = site.root.join("content/2020/live.md");
    save(&article, &ARTICLE.replace("ended early", "ended at noon"));
    eventually(&server.address, page, "the article edit", |b| {
        b.contains("ended at noon")
    });
    let sidecar = site.root.join("content/2020/live.annotations.toml");
    save(&sidecar, &SIDECAR.replace("First body.", "Second body."));
    eventually(&server.address, page, "the sidecar edit", |b| {
        b.contains("Second body.")
    });
    save(&sidecar, &SIDECAR.replace("\"Yongbyon\"", "\"Pyongyang\""));
    let broken = eventually(&server.address, page, "the overlay", |b| {
        b.contains("gloss-error-overlay")
    });
    assert!(
        broken.contains("quote not found"),
        "the overlay shows check's diagnostic"
    );
    assert!(
        broken.contains("Second body."),
        "the last good page is still served"
    );
    let (_, home) = get(&server.address, "/");
    assert!(
        home.contains("gloss-error-overlay"),
        "every page shows the overlay"
    );
    save(&sidecar, SIDECAR);
    eventually(&server.address, page, "the overlay to clear", |b| {
        !b.contains("gloss-error-overlay") && b.contains("First body.")
    });
    assert!(
        !site.root.join("public").exists(),
        "serve never writes the publish folder"
    );
}

/// Every rebuild reads files and lists folders; those reads must not count as changes,
/// or the server would rebuild forever. One save makes one rebuild line, and quiet
/// means quiet.
#[test]
fn reading_files_is_not_a_change_and_one_save_is_one_rebuild() {
    let site = site();
    let server = start(&site);
    let rebuilds = |wait: Duration| {
        let until = Instant::now() + wait;
        let mut lines = Vec::new();
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            match server.output.recv_timeout(left) {
                Ok(line) => lines.push(line),
                Err(_) => break,
            }
        }
        lines
    };
    let idle = rebuilds(Duration::from_millis(1500));
    assert!(idle.is_empty(), "rebuilt with nothing saved: {idle:?}");
    save(
        &site.root.join("content/2020/live.md"),
        &ARTICLE.replace("ended early", "ended at noon"),
    );
    eventually(&server.address, "/2020/live/", "the edit", |b| {
        b.contains("ended at noon")
    });
    let after = rebuilds(Duration::from_millis(1500));
    let rebuilt: Vec<&String> = after.iter().filter(|l| l.contains(" changed: ")).collect();
    assert!(
        rebuilt.len() == 1,
        "one save, and then quiet, but the server printed {after:?}"
    );
}

#[test]
fn paths_that_try_to_leave_the_site_get_400_or_404_and_never_a_file() {
    let site = site();
    let server = start(&site);
    for path in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/..%5csite.toml",
        "/content/../../site.toml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/%00",
    ] {
        let (status, body) = get(&server.address, path);
        assert!(status == 400 || status == 404, "{path} -> {status}");
        assert!(!body.contains("base_url"), "{path} leaked a file");
    }
    let (status, body) = get(&server.address, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's own 404 page");
    // Its links lead to this server, not to the published site.
    assert!(!body.contains("href=\"https://example.org/"), "{body}");
    assert!(body.contains("href=\"/archive/index.html\""), "{body}");
    let (status, _) = get(&server.address, "/2020/live");
    assert_eq!(status, 308, "a folder without its slash redirects");
}

#[test]
fn many_connections_at_once_are_all_served() {
    let site = site();
    let server = start(&site);
    let address = server.address.clone();
    let workers: Vec<_> = (0..200)
        .map(|_| {
            let address = address.clone();
            std::thread::spawn(move || get(&address, "/2020/live/").0)
        })
        .collect();
    let ok = workers
        .into_iter()
        .filter_map(|w| w.join().ok())
        .filter(|&s| s == 200)
        .count();
    assert_eq!(ok, 200);
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .write_all(b"\x16\x03\x01garbage that is not HTTP\r\n\r\n")
        .expect("send");
    let mut sink = Vec::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    let _ = stream.read_to_end(&mut sink);
    assert_eq!(
        get(&server.address, "/").0,
        200,
        "still serving after malformed HTTP"
    );
}

#[test]
fn a_note_an_edit_moves_is_shown_on_every_page_until_the_next_save() {
    let site = SiteTest::occurrence_note();
    let server = start(&site);
    let page = "/2020/talks/";
    let (status, body) = get(&server.address, page);
    assert_eq!(status, 200);
    assert!(!body.contains("gloss-warnings"));
    let article = site.root.join("content/2020/talks.md");
    let text = std::fs::read_to_string(&article).expect("article");
    save(
        &article,
        &text.replace("The summit", "First, CVID.\n\nThe summit"),
    );
    let warned = eventually(&server.address, page, "the warnings banner", |b| {
        b.contains("gloss-warnings")
    });
    assert!(
        warned.contains("note 1 (marker 1 on the page) has moved to other words"),
        "{warned}"
    );
    let (_, home) = get(&server.address, "/");
    assert!(home.contains("gloss-warnings"), "every page shows it");
    // The next save that warns of nothing takes it away.
    let text = std::fs::read_to_string(&article).expect("article");
    save(&article, &text.replace("was the aim", "is the aim"));
    eventually(&server.address, page, "the banner to go", |b| {
        !b.contains("gloss-warnings") && b.contains("is the aim")
    });
}

#[test]
fn a_templates_or_static_folder_made_while_serving_is_watched_from_then_on() {
    let site = site();
    let (server, page) = serving_live(&site);
    std::fs::create_dir_all(site.root.join("templates/partials")).expect("mkdir");
    std::fs::create_dir_all(site.root.join("static")).expect("mkdir");
    let built_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/base.html"),
    )
    .expect("base.html");
    let base = site.root.join("templates/base.html");
    save(
        &base,
        &built_in.replace("</body>", "<p>FIRST EDIT</p></body>"),
    );
    eventually(&server.address, page, "the new template", |b| {
        b.contains("FIRST EDIT")
    });
    // Later saves in the new folder are seen too.
    save(
        &base,
        &built_in.replace("</body>", "<p>SECOND EDIT</p></body>"),
    );
    eventually(&server.address, page, "the template's next edit", |b| {
        b.contains("SECOND EDIT")
    });
    save(&site.root.join("static/extra.css"), "p { color: red }\n");
    eventually(&server.address, "/extra.css", "the new static file", |b| {
        b.contains("color: red")
    });
}

#[test]
fn a_second_sidecar_saved_while_serving_is_refused_as_the_build_refuses_it() {
    let site = site();
    let (server, page) = serving_live(&site);
    save(
        &site.root.join("content/2020/live.annotations.yaml"),
        "note:\n  - quote: summit\n    body: Second file.\n",
    );
    let refused = eventually(&server.address, page, "the overlay", |b| {
        b.contains("gloss-error-overlay")
    });
    assert!(
        refused.contains("a second sidecar for one article"),
        "{refused}"
    );
}

#[test]
fn a_warning_that_still_holds_stays_on_the_page_after_a_save() {
    let site = site();
    let with_ids = ARTICLE.replace(
        "The summit at Yongbyon ended early.\n",
        "## Talks {#talks}\n\nThe summit at Yongbyon ended early.\n\n## More talks {#talks}\n\nLater.\n",
    );
    site.write("content/2020/live.md", &with_ids);
    let server = start(&site);
    let page = "/2020/live/";
    eventually(&server.address, page, "the banner", |b| {
        b.contains("gloss-warnings") && b.contains("has the id `talks` too")
    });
    save(
        &site.root.join("content/2020/live.md"),
        &with_ids.replace("Later.", "Later still."),
    );
    let after = eventually(&server.address, page, "the edit", |b| {
        b.contains("Later still.")
    });
    assert!(
        after.contains("gloss-warnings") && after.contains("has the id `talks` too"),
        "{after}"
    );
    // Fixed, it goes.
    save(
        &site.root.join("content/2020/live.md"),
        &with_ids.replace("## More talks {#talks}", "## More talks {#more}"),
    );
    eventually(&server.address, page, "the banner to go", |b| {
        !b.contains("gloss-warnings") && b.contains("More talks")
    });
}

#[test]
fn an_address_this_machine_lacks_is_named_as_such_not_as_a_busy_port() {
    let site = site();
    // 192.0.2.1 is kept for documentation (RFC 5737): no machine has it.
    let out = site.gloss(&["serve", "--bind", "192.0.2.1", "--port", "18450"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot serve on 192.0.2.1: it is no address of this machine"),
        "{stderr}"
    );
    assert!(!stderr.contains("no free port"), "{stderr}");
}
