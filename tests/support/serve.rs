//! A `gloss serve` of a site, started on a free port, and what its clients do: raw
//! GETs and editors' saves. Shared by the serve tests and `examples/serve_latency`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `gloss serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// `host:port` it listens on.
    pub(crate) address: String,
    /// What the server prints after its URL, line by line.
    pub(crate) output: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `gloss` (the binary at `gloss`) serving `root`, and waits for its URL; its
/// standard error goes to `stderr`.
pub(crate) fn start(gloss: &Path, root: &Path, stderr: Stdio) -> Server {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut child = Command::new(gloss)
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(stderr)
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
    // The rest is read on, so the server's pipe never fills.
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

/// Sends a raw request line and returns (status, body).
pub(crate) fn get(address: &str, path: &str) -> (u16, String) {
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

/// Saves a file the way editors do: a temporary file renamed over the old one, so the
/// server never sees it half-written.
pub(crate) fn save(path: &Path, text: &str) {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
}
