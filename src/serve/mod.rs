//! `gloss serve`: builds the site in memory, serves it, and rebuilds on every save.
//!
//! In: the site's folder and the serve options. Out: an HTTP server on loopback (unless
//! `--bind` says otherwise) that never writes the publish folder. A watcher (notify with
//! a debouncer) sees saves in `content/`, `templates/`, `static/` and `site.toml`,
//! passes over editors' temporary files, and rebuilds through [`crate::rebuild`] with a
//! [`crate::cache::BuildCache`]: a saved article is patched in with only the files that
//! depend on it (see [`crate::incremental`]), anything else is a cached build that
//! renders only the pages whose inputs changed. Open pages reload themselves; a failed
//! rebuild keeps the last good pages and lays the diagnostics over them.

pub mod http;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::{Duration, Instant};

use notify::RecursiveMode;

use crate::cache::BuildCache;
use crate::config::{Config, Drafts, Overrides};
use crate::diagnostic::{Category, Diagnostic};
use http::{Served, Shared};

/// How `gloss serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site's folder.
    pub root: PathBuf,
    /// First port to try; the next free one is taken when it is busy.
    pub port: u16,
    /// Address to listen on; loopback unless given.
    pub bind: Option<IpAddr>,
    /// Open the site in the default browser.
    pub open: bool,
    /// Drafts in or out.
    pub drafts: Drafts,
}

/// How many ports after the first one are tried.
const PORT_TRIES: u16 = 50;

/// Runs the server until Ctrl-C.
///
/// # Errors
/// No free port, or the watcher cannot start.
pub fn run(options: &Options) -> Result<(), Diagnostic> {
    let root = std::fs::canonicalize(&options.root).map_err(|err| {
        let problem = io_error(&options.root, "cannot open the site's folder", &err);
        if err.kind() == std::io::ErrorKind::NotFound {
            problem.hint("pass --root the folder that holds site.toml, or run `gloss serve` in it")
        } else {
            problem
        }
    })?;
    let options = &Options {
        root,
        ..options.clone()
    };
    let shared: Shared = Arc::new(RwLock::new(Served::default()));
    let mut cache = BuildCache::keeping();
    let started = Instant::now();
    match rebuild(&options.root, options.drafts, &mut cache, &shared, &[]) {
        Outcome::Failed(count) => {
            println!(
                "the site does not build yet ({}); they show on every page",
                crate::diagnostic::problems(count)
            )
        }
        done => println!("{done} in {} ms", started.elapsed().as_millis()),
    }
    let address = options.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    if !address.is_loopback() {
        eprintln!("warning: serving on {address}, which other machines can reach; gloss serve is a preview server, not a web server");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|err| io_error(&options.root, "cannot start the server", &err))?;
    runtime.block_on(async {
        let listener = bind(address, options.port).await.map_err(|err| {
            let (message, hint) = if err.kind() == std::io::ErrorKind::AddrInUse {
                (
                    format!(
                        "no free port from {} to {}",
                        options.port,
                        options.port.saturating_add(PORT_TRIES)
                    ),
                    "pass another --port".to_owned(),
                )
            } else if err.kind() == std::io::ErrorKind::AddrNotAvailable {
                (
                    format!("cannot serve on {address}: it is no address of this machine"),
                    "leave out --bind to serve on 127.0.0.1, or pass one of this machine's addresses (0.0.0.0 for all of them)".to_owned(),
                )
            } else {
                (
                    format!("cannot serve on {address} port {}: {err}", options.port),
                    "pass another --bind or --port (a port below 1024 needs the rights of an administrator)".to_owned(),
                )
            };
            let mut d = Diagnostic::error("(command line)", message);
            d.category = Category::Io;
            d.hint(hint)
        })?;
        let local = listener
            .local_addr()
            .map_err(|err| io_error(&options.root, "cannot read the server address", &err))?;
        let url = format!("http://{}/", display_address(local));
        println!(
            "serving {} at {url} (Ctrl-C to stop)",
            options.root.display()
        );
        if options.open {
            open_browser(&url);
        }
        let livereload = tower_livereload::LiveReloadLayer::new();
        let reloader = livereload.reloader();
        let watch = watch(
            options.root.clone(),
            options.drafts,
            cache,
            Arc::clone(&shared),
            move || reloader.reload(),
        )?;
        let state = Arc::clone(&shared);
        let app = axum::Router::new()
            .fallback(move |request| http::handle(Arc::clone(&state), request))
            .layer(axum::extract::DefaultBodyLimit::max(16 * 1024))
            .layer(livereload);
        let served = axum::serve(listener, app).with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        });
        let result = served
            .await
            .map_err(|err| io_error(&options.root, "the server stopped", &err));
        drop(watch);
        result
    })
}

/// A listener on `address` at the first free port from `first`; the error of the last
/// try when none is free, or at once when the address itself cannot be served on.
async fn bind(address: IpAddr, first: u16) -> std::io::Result<tokio::net::TcpListener> {
    let mut last = None;
    for port in first..=first.saturating_add(PORT_TRIES) {
        match tokio::net::TcpListener::bind(SocketAddr::new(address, port)).await {
            Ok(listener) => return Ok(listener),
            Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::from(std::io::ErrorKind::AddrInUse)))
}

fn display_address(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    // The opener's own complaints (xdg-open lists every browser it did not find) are
    // kept off the terminal; one line says what to do instead. Explorer exits with 1
    // even when it opened the page, so only a failure to start it counts there.
    let started = std::process::Command::new(command)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let url = url.to_owned();
    match started {
        Err(_) => eprintln!("could not open a browser; open {url} yourself"),
        Ok(mut child) => {
            std::thread::spawn(move || {
                let failed = child.wait().map_or(true, |status| !status.success());
                if failed && !cfg!(windows) {
                    eprintln!("could not open a browser; open {url} yourself");
                }
            });
        }
    }
}

/// What one rebuild did, for the terminal.
enum Outcome {
    /// These many pages changed, the rest kept (one saved article).
    Patched(usize),
    /// The whole site was built again, with these many pages.
    Built(usize),
    /// It failed with these many problems; the last good pages stay, under the overlay.
    Failed(usize),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Patched(1) => write!(f, "updated 1 page"),
            Outcome::Patched(n) => write!(f, "updated {n} pages"),
            Outcome::Built(n) => write!(f, "built {n} pages"),
            Outcome::Failed(n) => write!(
                f,
                "{}, shown on every open page",
                crate::diagnostic::problems(*n)
            ),
        }
    }
}

/// Brings the shared state up to date after `changed` were saved (everything on the
/// first call, with an empty cache). A failure keeps the last good pages and records
/// the diagnostics for the overlay.
fn rebuild(
    root: &Path,
    drafts: Drafts,
    cache: &mut BuildCache,
    shared: &Shared,
    changed: &[PathBuf],
) -> Outcome {
    let overrides = Overrides {
        drafts,
        ..Overrides::default()
    };
    let write = || {
        shared
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    };
    let result = Config::load(root, overrides).and_then(|config| {
        if changed.is_empty() {
            // Where notes stood at the last `gloss build`, to tell of those edits move.
            cache.places = crate::anchor::places::read(&config.output_dir);
        }
        // A patch goes in under the lock: a few binary searches, no build.
        write().base_url.clone_from(&config.base_url);
        crate::rebuild(&config, cache, changed, |files| {
            let mut served = write();
            let pages = served.files.replace(files)?;
            served.error = None;
            Ok(pages)
        })
    });
    // Told in the terminal, and on every page until the next rebuild.
    let warnings = result.is_ok().then(|| {
        let text: String = cache
            .take_warnings()
            .iter()
            .map(|warning| warning.render(false))
            .collect();
        eprint!("{text}");
        text
    });
    if let Some(text) = warnings {
        write().warnings = (!text.is_empty()).then_some(text);
    }
    match result {
        Ok(crate::Rebuilt::Patched(pages)) => Outcome::Patched(pages),
        Ok(crate::Rebuilt::Whole(site)) => {
            let pages = site
                .files
                .iter()
                .filter(|f| f.path.ends_with(".html"))
                .count();
            let mut served = write();
            let old = std::mem::replace(&mut served.files, site);
            served.error = None;
            served.unbuilt = false;
            drop(served);
            // The last site is freed after the lock is released, not while requests wait.
            drop(old);
            Outcome::Built(pages)
        }
        Err(diagnostics) => {
            let text: String = diagnostics.0.iter().map(|d| d.render(false)).collect();
            eprint!("{text}");
            let mut served = write();
            served.error = Some(text);
            if served.files.files.is_empty() {
                served.files = http::unbuilt_site();
                served.unbuilt = true;
            }
            Outcome::Failed(diagnostics.0.len())
        }
    }
}

/// How long a file must stay quiet before its events are handed on. An editor's save
/// (write a temporary file, rename it over the old one) takes a millisecond or two; the
/// wait is part of every edit-to-reload, so it is kept short. Events are looked at five
/// times within it.
const QUIET: Duration = Duration::from_millis(25);

/// The watcher: alive while the returned value is.
type Debouncer = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

struct Watch {
    _debouncer: std::sync::Arc<std::sync::Mutex<Debouncer>>,
}

/// The site's folders a save can change, each watched with all it holds.
const WATCHED: [&str; 3] = ["content", "templates", "static"];

/// Watches each of the site's [`WATCHED`] folders that exists and is not watched yet
/// (at the start, or `templates/` or `static/` made while serving), marking it in
/// `watched`. Watching a folder watched already only renews its watch.
///
/// # Errors
/// The watcher's refusal; the folders not yet watched stay marked so.
fn watch_new_folders(
    root: &Path,
    debouncer: &mut Debouncer,
    watched: &mut [bool; 3],
) -> Result<(), notify::Error> {
    for (folder, done) in WATCHED.iter().zip(watched.iter_mut()) {
        let path = root.join(folder);
        if !path.is_dir() {
            // A folder removed is watched again when it comes back.
            *done = false;
        } else if !*done {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
            *done = true;
        }
    }
    Ok(())
}

fn watch(
    root: PathBuf,
    drafts: Drafts,
    mut cache: BuildCache,
    shared: Shared,
    reload: impl Fn() + Send + 'static,
) -> Result<Watch, Diagnostic> {
    let (sender, receiver) = mpsc::channel();
    let mut debouncer = notify_debouncer_full::new_debouncer(QUIET, Some(QUIET / 5), sender)
        .map_err(|err| watch_error(&root, &err))?;
    let mut watched = [false; 3];
    watch_new_folders(&root, &mut debouncer, &mut watched)
        .map_err(|err| watch_error(&root, &err))?;
    // The root itself, for site.toml and for the folders made while serving.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|err| watch_error(&root, &err))?;
    let debouncer = std::sync::Arc::new(std::sync::Mutex::new(debouncer));
    let adding = std::sync::Arc::clone(&debouncer);
    // Every change under the watched folders is reported from here on, so a rebuild
    // looks only at the reported paths instead of every file of the site. The first
    // rebuild still looks at every file: something may have changed between the first
    // build and the watcher's start.
    cache.files.trust_watcher();
    cache.files.rescan();
    std::thread::spawn(move || {
        for result in receiver {
            let events = match result {
                Ok(events) => events,
                Err(_) => {
                    // Events may have been lost: look at every file on the next rebuild.
                    cache.files.rescan();
                    continue;
                }
            };
            if events.iter().any(|e| e.need_rescan()) {
                cache.files.rescan();
            }
            // A folder made (or made again) while serving is watched from now on.
            for (done, remade) in watched.iter_mut().zip(remade_folders(&root, &events)) {
                if remade {
                    *done = false;
                }
            }
            if watched.contains(&false) {
                if let Ok(mut debouncer) = adding.lock() {
                    let before = watched;
                    // A folder that cannot be watched yet is tried again next time.
                    let _ = watch_new_folders(&root, &mut debouncer, &mut watched);
                    // What a new folder already holds was never reported.
                    if watched != before {
                        cache.files.rescan();
                    }
                }
            }
            let changed = changed_inputs(&root, &events);
            if changed.is_empty() {
                continue;
            }
            let started = Instant::now();
            let what = describe(&root, &changed);
            match rebuild(&root, drafts, &mut cache, &shared, &changed) {
                failed @ Outcome::Failed(_) => println!("{what} changed: {failed}"),
                done => println!(
                    "{what} changed: {done} in {} ms",
                    started.elapsed().as_millis()
                ),
            }
            reload();
        }
    });
    Ok(Watch {
        _debouncer: debouncer,
    })
}

/// Which of the [`WATCHED`] folders `events` made, moved or removed. Reading one (a
/// listing of it, as `gloss check`, `ls -R`, an editor's file tree and watching it all
/// do) is no such change: taking it for one watched the folder again, which listed it,
/// and so on while nothing changed.
fn remade_folders(root: &Path, events: &[notify_debouncer_full::DebouncedEvent]) -> [bool; 3] {
    WATCHED.map(|folder| {
        let path = root.join(folder);
        events
            .iter()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
            .any(|e| e.paths.contains(&path))
    })
}

/// The site's inputs that `events` changed, each once. Reads (opening a file or listing
/// a folder, as every rebuild does) are not changes: reacting to them would rebuild
/// forever. Neither are editors' temporary files.
fn changed_inputs(root: &Path, events: &[notify_debouncer_full::DebouncedEvent]) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = events
        .iter()
        .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
        .flat_map(|e| e.paths.iter())
        .filter(|p| is_site_input(root, p))
        .cloned()
        .collect();
    changed.sort();
    changed.dedup();
    changed
}

/// True for a saved file that is part of the site (not an editor's temporary file).
pub fn is_site_input(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    let temporary = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak", ".part", ".crdownload"]
            .iter()
            .any(|s| name.ends_with(s));
    if temporary {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    matches!(
        first.as_deref(),
        Some("content" | "templates" | "static" | "site.toml")
    )
}

/// What the terminal says changed: the first path (of [`changed_inputs`], sorted and
/// each once) and how many more.
fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let name = |p: &PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
    match changed {
        [] => String::new(),
        [one] => name(one),
        [first, rest @ ..] => format!("{} and {} more", name(first), rest.len()),
    }
}

fn watch_error(root: &Path, err: &notify::Error) -> Diagnostic {
    let mut diagnostic = Diagnostic::error(root, format!("cannot watch the site's files: {err}"))
        .hint("on Linux, raise fs.inotify.max_user_watches, or serve a smaller folder");
    diagnostic.category = Category::Io;
    diagnostic
}

fn io_error(root: &Path, what: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::io(root, what, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporary_files_are_not_inputs() {
        let root = Path::new("/site");
        assert!(is_site_input(root, Path::new("/site/content/2019/a.md")));
        assert!(is_site_input(root, Path::new("/site/site.toml")));
        assert!(is_site_input(root, Path::new("/site/templates/base.html")));
        for temp in [
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/#a.md#",
            "/site/public/index.html",
            "/site/target/x",
        ] {
            assert!(!is_site_input(root, Path::new(temp)), "{temp}");
        }
    }

    #[test]
    fn reading_a_watched_folder_does_not_watch_it_again() {
        use notify::event::{AccessKind, CreateKind, EventKind};
        let root = Path::new("/site");
        let event = |kind: EventKind, path: &str| {
            notify_debouncer_full::DebouncedEvent::new(
                notify::Event::new(kind).add_path(PathBuf::from(path)),
                Instant::now(),
            )
        };
        let opened = event(EventKind::Access(AccessKind::Any), "/site/content");
        assert_eq!(
            remade_folders(root, std::slice::from_ref(&opened)),
            [false; 3]
        );
        assert!(changed_inputs(root, std::slice::from_ref(&opened)).is_empty());
        let made = event(EventKind::Create(CreateKind::Folder), "/site/static");
        assert_eq!(remade_folders(root, &[opened, made]), [false, false, true]);
    }
}
