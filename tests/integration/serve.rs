//! `gloss serve` as an editor uses it: edits show up, a broken quote lays the diagnostic
//! over the last good page, a fix clears it, and no path leaves the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::SiteTest;

struct Server {
    child: Child,
    address: String,
    /// What the server prints after its URL, line by line.
    output: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &SiteTest) -> Server {
    let port = free_port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("gloss"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("gloss serve starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("serve prints its URL").expect("line");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().expect("host").to_owned();
        }
    };
    let (sender, output) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    Server {
        child,
        address,
        output,
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// Sends a raw request line and returns (status, body).
fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
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

/// Saves a file the way editors do: a temporary file renamed over the old one, so the
/// server never sees it half-written.
fn save(path: &std::path::Path, text: &str) {
    let temporary = path.with_extension("gloss-test-tmp~");
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
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
