//! The command line: clap types, each subcommand turned into one library call.
//!
//! In: the arguments. Out: what the library returned, printed, and an exit code:
//! 0 done, 1 content problems, 2 usage or I/O failure.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use gloss::config::{Config, Drafts, Overrides};
use gloss::diagnostic::Diagnostics;
use gloss::output::{self, Takeover};

mod editorial;

/// A static site generator for annotated articles.
#[derive(Debug, Parser)]
#[command(name = "gloss", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (default: <root>/public).
    Build(BuildArgs),
    /// Check every article, sidecar and template, and report every problem; write nothing
    /// (with --fix, propose new places for notes whose words were edited).
    Check(editorial::CheckArgs),
    /// Start an article: a draft with front matter, and an empty sidecar.
    New(editorial::NewArgs),
    /// Turn raw scraped text into articles, reporting everything the cleaning removed.
    Import(editorial::ImportArgs),
    /// Read W3C Web Annotations or a Hypothesis export into an article's sidecar.
    ImportNotes(editorial::ImportNotesArgs),
    /// Serve the site with live reload, rebuilding on every save; never writes public/.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct RootArgs {
    /// The site's folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    root: RootArgs,
    /// Where to write the site.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Build drafts too.
    #[arg(long)]
    drafts: bool,
    /// Publish URL for this build, instead of site.toml's base_url.
    #[arg(long)]
    base_url: Option<String>,
    /// Build into an output folder that gloss did not make, keeping its files.
    #[arg(long)]
    force: bool,
    /// List what would be added, changed and removed; write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    root: RootArgs,
    /// First port to try; the next free one is taken when it is busy.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on (default 127.0.0.1); other machines can reach a non-loopback one.
    #[arg(long)]
    bind: Option<std::net::IpAddr>,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Serve drafts too.
    #[arg(long)]
    drafts: bool,
}

/// Lets the program end as Unix tools do when what it prints goes into a pipe already
/// closed (`gloss check --format json | head`), instead of panicking at its next print:
/// Rust ignores SIGPIPE, so every print would fail. Not for `serve`, whose connections
/// a browser may close at any time.
fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Ends the program with exit code 2 and a line on what failed when what it prints
/// cannot be written (`gloss check --format json > /dev/full`: a full disk), instead of
/// the panic Rust's printing macros end in.
fn end_with_a_message_when_output_fails() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if let Some(why) = message.strip_prefix("failed printing to ") {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "gloss: cannot write to {why}");
            std::process::exit(2);
        }
        default(info);
    }));
}

/// Ends the program on Ctrl-C (SIGINT, exit code 130), SIGTERM (143) or a closed
/// terminal (SIGHUP, 129), as a shell expects, once the staging folder of the build under
/// way is removed: an interrupted build leaves no folder beside the output, which is the
/// old site or, when the new one was already being swapped in, the new one. The signals
/// are caught from here on; a thread of its own waits for them.
fn end_on_interrupt_without_staging() {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    // Listening starts here, not when the thread first runs.
    let signals = {
        let _inside = runtime.enter();
        Interrupts::listen()
    };
    let Some(mut signals) = signals else {
        return;
    };
    let waiting = std::thread::Builder::new()
        .name("gloss-interrupt".to_owned())
        .spawn(move || {
            let code = runtime.block_on(signals.next());
            if output::abandon_staging() {
                eprintln!("gloss: interrupted; the output folder was left as it was");
            } else {
                eprintln!("gloss: interrupted");
            }
            std::process::exit(code);
        });
    // Without the thread, an interrupt ends the program as before it was caught: the
    // next build removes what it left.
    drop(waiting);
}

/// Whether signal `number` is ignored, as the program was started.
#[cfg(unix)]
fn ignored(number: libc::c_int) -> bool {
    // SAFETY: reads the signal's disposition into a zeroed struct; changes nothing.
    unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        libc::sigaction(number, std::ptr::null(), &raw mut current) == 0
            && current.sa_sigaction == libc::SIG_IGN
    }
}

/// The signals that interrupt a build.
struct Interrupts {
    #[cfg(unix)]
    interrupt: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    terminate: Option<tokio::signal::unix::Signal>,
    /// The terminal it runs in closed.
    #[cfg(unix)]
    hangup: Option<tokio::signal::unix::Signal>,
    #[cfg(windows)]
    ctrl_c: tokio::signal::windows::CtrlC,
}

impl Interrupts {
    /// Starts catching them, inside a Tokio runtime; each but one the program was
    /// started with ignored (Ctrl-C by `nohup` or in a background job of a script, where
    /// SIGTERM still stops it), which stays ignored. None when both are.
    fn listen() -> Option<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let catch = |number, kind| (!ignored(number)).then(|| signal(kind).ok()).flatten();
            let interrupt = catch(libc::SIGINT, SignalKind::interrupt());
            let terminate = catch(libc::SIGTERM, SignalKind::terminate());
            let hangup = catch(libc::SIGHUP, SignalKind::hangup());
            (interrupt.is_some() || terminate.is_some() || hangup.is_some()).then_some(Self {
                interrupt,
                terminate,
                hangup,
            })
        }
        #[cfg(windows)]
        {
            Some(Self {
                ctrl_c: tokio::signal::windows::ctrl_c().ok()?,
            })
        }
    }

    /// Waits for the next one; the exit code it asks for (128 and its number).
    async fn next(&mut self) -> i32 {
        #[cfg(unix)]
        {
            // A signal not caught never comes.
            async fn next(signal: Option<&mut tokio::signal::unix::Signal>) {
                match signal {
                    Some(signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending().await,
                }
            }
            tokio::select! {
                () = next(self.interrupt.as_mut()) => 130,
                () = next(self.terminate.as_mut()) => 143,
                () = next(self.hangup.as_mut()) => 129,
            }
        }
        #[cfg(windows)]
        {
            self.ctrl_c.recv().await;
            130
        }
    }
}

impl Cli {
    /// Runs the command and returns the process exit code.
    pub(crate) fn run(self) -> i32 {
        if !matches!(self.command, Command::Serve(_)) {
            end_quietly_on_a_closed_pipe();
        }
        end_with_a_message_when_output_fails();
        let color = std::io::stderr().is_terminal();
        let result = match self.command {
            Command::Build(args) => build(args),
            Command::Check(args) if args.format == editorial::Format::Json => {
                return check_json(&args.root, args.overrides());
            }
            Command::Check(args) if args.fix => editorial::fix(&args),
            Command::Check(args) => check(&args.root, args.overrides()),
            Command::New(args) => editorial::new(&args),
            Command::Import(args) => editorial::import(&args),
            Command::ImportNotes(args) => editorial::import_notes(&args),
            Command::Serve(args) => serve(&args),
        };
        match result {
            Ok(()) => 0,
            Err(diagnostics) => {
                print_diagnostics(&diagnostics, color);
                diagnostics.exit_code().max(1)
            }
        }
    }
}

fn load_config(root: &std::path::Path, overrides: Overrides) -> Result<Config, Diagnostics> {
    Config::load(root, overrides)
}

fn build(args: BuildArgs) -> Result<(), Diagnostics> {
    let started = Instant::now();
    let overrides = Overrides {
        output_dir: args.output,
        base_url: args.base_url,
        drafts: if args.drafts {
            Drafts::Include
        } else {
            Drafts::Exclude
        },
    };
    let config = load_config(&args.root.root, overrides)?;
    output::apart_from_sources(&config.output_dir, &config.sources())?;
    let takeover = if args.force {
        Takeover::Force
    } else {
        Takeover::Refuse
    };
    if args.dry_run {
        // Says now what the build itself would refuse.
        output::may_take(&config.output_dir, takeover)?;
        return dry_run(&config);
    }
    // The content is read once: the fingerprint is taken from it, and the build goes on
    // with it when something changed.
    let mut cache = gloss::cache::BuildCache::default();
    let content = gloss::load_content(&config, &mut cache)?;
    let inputs = gloss::cache::fingerprint(&config, &content);
    if inputs.is_some() && inputs == output::up_to_date_inputs(&config.output_dir) {
        // What a killed build left goes now too, as the docs promise the next build does.
        for left in output::clear_left(&config.output_dir)? {
            println!(
                "removed {}, which a build that was killed left behind",
                left.display()
            );
        }
        println!(
            "{} is up to date: nothing changed since the last build ({} ms)",
            config.output_dir.display(),
            started.elapsed().as_millis()
        );
        return Ok(());
    }
    // Pages go to disk as they are rendered; a failure drops the staging folder and
    // leaves the output as it was, and so does an interrupt.
    end_on_interrupt_without_staging();
    let staging = output::Staging::open(&config.output_dir, takeover)?;
    cache.places = gloss::anchor::places::read(&config.output_dir);
    let name_static = |problem| output::name_static_file(problem, &config.static_dir, &config.root);
    let placed = gloss::build_loaded(&config, &mut cache, content, &staging)
        .map_err(|found| Diagnostics(found.0.into_iter().map(name_static).collect()))?;
    let files = placed.len();
    let report = staging.finish(placed, inputs).map_err(name_static)?;
    println!(
        "built {} files ({} written, {} unchanged, {} removed, {} KiB) into {} in {} ms",
        files,
        report.written,
        report.unchanged,
        report.removed,
        report.bytes / 1024,
        config.output_dir.display(),
        started.elapsed().as_millis()
    );
    match cache.drafts_left_out {
        0 => {}
        1 => println!("1 draft left out (build with --drafts to see it)"),
        n => println!("{n} drafts left out (build with --drafts to see them)"),
    }
    print_diagnostics(
        &Diagnostics(cache.take_warnings()),
        std::io::stderr().is_terminal(),
    );
    if let Some((old, why)) = &report.left_behind {
        eprintln!(
            "warning: the previous output, moved to {}, could not be deleted ({why}); the new site is in place: delete that folder by hand",
            old.display()
        );
    }
    Ok(())
}

/// `gloss build --dry-run`: what a build would add, change and remove.
fn dry_run(config: &gloss::config::Config) -> Result<(), Diagnostics> {
    let site = gloss::build(config)?;
    let plan = output::plan(&site, &config.output_dir);
    for (label, list) in [
        ("add", &plan.added),
        ("change", &plan.changed),
        ("remove", &plan.removed),
    ] {
        for path in list {
            println!("{label} {path}");
        }
    }
    println!(
        "dry run: {} to add, {} to change, {} to remove; nothing written",
        plan.added.len(),
        plan.changed.len(),
        plan.removed.len()
    );
    Ok(())
}

/// `gloss check --format json`: every problem, and a broken `site.toml` too, as one JSON
/// document on stdout; the exit code is the text report's.
fn check_json(args: &RootArgs, overrides: Overrides) -> i32 {
    let diagnostics = check_site(&args.root, overrides).unwrap_or_else(|problems| problems);
    println!("{}", diagnostics.to_json());
    if diagnostics.has_errors() {
        diagnostics.exit_code().max(1)
    } else {
        0
    }
}

fn check(args: &RootArgs, overrides: Overrides) -> Result<(), Diagnostics> {
    report_check(check_site(&args.root, overrides)?)
}

/// What `check` finds in the site at `root`: the problems of `site.toml` with those of
/// the rest, checked with the settings that could be read (a value in error as its
/// default), as a build would refuse to go on from them.
///
/// # Errors
/// A `site.toml` that cannot be read at all (missing, not UTF-8, not TOML).
fn check_site(root: &std::path::Path, overrides: Overrides) -> Result<Diagnostics, Diagnostics> {
    let (config, mut found) = Config::load_in_part(root, overrides)?;
    found.extend(gloss::check(&config).0);
    let mut diagnostics = Diagnostics(found);
    diagnostics.sort();
    Ok(diagnostics)
}

/// What `check` found: its errors as the command's failure, else its warnings and the
/// line that counts them.
fn report_check(diagnostics: Diagnostics) -> Result<(), Diagnostics> {
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    print_diagnostics(&diagnostics, std::io::stderr().is_terminal());
    println!("{}", gloss::diagnostic::tally(0, diagnostics.0.len()));
    Ok(())
}

fn serve(args: &ServeArgs) -> Result<(), Diagnostics> {
    let options = gloss::serve::Options {
        root: args.root.root.clone(),
        port: args.port,
        bind: args.bind,
        open: args.open,
        drafts: if args.drafts {
            Drafts::Include
        } else {
            Drafts::Exclude
        },
    };
    gloss::serve::run(&options).map_err(Diagnostics::from)
}

fn print_diagnostics(diagnostics: &Diagnostics, color: bool) {
    for diagnostic in &diagnostics.0 {
        eprint!("{}", diagnostic.render(color));
    }
    let errors = diagnostics
        .0
        .iter()
        .filter(|d| d.severity == gloss::diagnostic::Severity::Error)
        .count();
    if errors > 0 {
        eprintln!(
            "{}",
            gloss::diagnostic::tally(errors, diagnostics.0.len() - errors)
        );
    }
}
