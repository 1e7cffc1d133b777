//! The output folder is a record too: files gloss did not make survive every build, a
//! folder gloss did not make is only taken over with --force, and --dry-run writes nothing.

use crate::harness::SiteTest;

fn site() -> SiteTest {
    let site = SiteTest::empty();
    std::fs::create_dir_all(site.root.join("content/2020")).expect("mkdir");
    std::fs::write(
        site.root.join("site.toml"),
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    )
    .expect("site");
    std::fs::write(
        site.root.join("content/2020/a.md"),
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nText.\n",
    )
    .expect("article");
    site
}

#[test]
fn a_deploy_repository_a_cname_and_a_users_file_are_left_untouched() {
    let site = site();
    let public = site.root.join("public");
    std::fs::create_dir_all(public.join(".git/refs")).expect("git");
    std::fs::write(public.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").expect("head");
    std::fs::write(public.join("CNAME"), "archive.example.org\n").expect("cname");
    std::fs::write(public.join("notes-for-editors.txt"), "keep me\n").expect("user file");

    let refused = site.gloss(&["build"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a folder gloss did not make is refused"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert!(!public.join("index.html").exists(), "nothing was written");
    // A dry run says so too, rather than planning a build that would be refused.
    let planned = site.gloss(&["build", "--dry-run"]);
    assert_eq!(planned.status.code(), Some(2), "the dry run is refused too");
    assert!(String::from_utf8_lossy(&planned.stderr).contains("--force"));
    assert!(site
        .gloss(&["build", "--dry-run", "--force"])
        .status
        .success());

    let forced = site.gloss(&["build", "--force"]);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    std::fs::remove_file(site.root.join("content/2020/a.md")).expect("delete");
    std::fs::write(
        site.root.join("content/2020/b.md"),
        "+++\ntitle = \"B\"\ndate = 2020-01-03\n+++\nText.\n",
    )
    .expect("article");
    let again = site.gloss(&["build"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    assert_eq!(
        std::fs::read_to_string(public.join(".git/HEAD")).expect("kept"),
        "ref: refs/heads/gh-pages\n"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("CNAME")).expect("kept"),
        "archive.example.org\n"
    );
    assert_eq!(
        std::fs::read_to_string(public.join("notes-for-editors.txt")).expect("kept"),
        "keep me\n"
    );
    assert!(
        !public.join("2020/a/index.html").exists(),
        "gloss's own stale page is removed"
    );
    assert!(public.join("2020/b/index.html").exists());
}

#[test]
fn dry_run_lists_the_plan_and_writes_nothing() {
    let site = site();
    assert!(site.gloss(&["build"]).status.success());
    let public = site.root.join("public");
    let before = std::fs::read(public.join("index.html")).expect("home");
    std::fs::write(
        site.root.join("content/2020/c.md"),
        "+++\ntitle = \"C\"\ndate = 2021-01-01\n+++\nNew.\n",
    )
    .expect("article");
    let out = site.gloss(&["build", "--dry-run"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("add 2020/c/index.html"), "{text}");
    assert!(text.contains("change index.html"), "{text}");
    assert!(!public.join("2020/c/index.html").exists());
    assert_eq!(
        std::fs::read(public.join("index.html")).expect("home"),
        before
    );
}

#[test]
fn a_build_with_nothing_changed_stops_early_and_any_input_change_builds_again() {
    let site = site();
    let build = |what: &str| {
        let run = site.gloss(&["build"]);
        assert!(
            run.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    assert!(build("first").starts_with("built "));
    assert!(build("nothing changed").contains("is up to date"));
    let edits: [(&str, &str); 5] = [
        (
            "content/2020/a.md",
            "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nText, edited.\n",
        ),
        (
            "content/2020/a.annotations.toml",
            "[[note]]\nquote = \"edited\"\nbody = \"A note.\"\n",
        ),
        ("content/2020/photo.txt", "an asset\n"),
        (
            "templates/partials/summary.html",
            "<p>{{ item.title }}</p>\n",
        ),
        ("static/extra.css", "body { margin: 0 }\n"),
    ];
    for (path, text) in edits {
        let file = site.root.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(&file, text).expect("edit");
        assert!(
            build(path).starts_with("built "),
            "{path} changed, so the site is built again"
        );
        assert!(
            build(path).contains("is up to date"),
            "{path}: then nothing changed"
        );
    }
    std::fs::remove_file(site.root.join("content/2020/photo.txt")).expect("delete");
    assert!(build("an asset removed").starts_with("built "));
}

#[test]
fn another_gloss_executable_builds_again_what_the_last_one_built() {
    // Default templates, static files and rendering live in the executable: a rebuilt
    // or reinstalled gloss must not take an older one's output for up to date.
    let site = site();
    let tools = tempfile::tempdir().expect("tempdir");
    let original = assert_cmd::cargo::cargo_bin("gloss");
    let build = |tool: &std::path::Path| {
        // A copy just written can be "busy" for a moment: another test's child process,
        // forked while the copy was open, holds it until it runs its own program.
        let run = (0..50)
            .find_map(|_| {
                match std::process::Command::new(tool)
                    .args(["build", "--root"])
                    .arg(&site.root)
                    .output()
                {
                    Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        None
                    }
                    other => Some(other),
                }
            })
            .expect("the copy stays busy")
            .expect("runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        String::from_utf8_lossy(&run.stdout).into_owned()
    };
    let first = tools.path().join("gloss-a");
    std::fs::copy(&original, &first).expect("copy");
    assert!(build(&first).starts_with("built "));
    assert!(build(&first).contains("is up to date"));
    // The same bytes installed again, later: a new executable as far as anyone can tell.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = tools.path().join("gloss-b");
    std::fs::copy(&original, &second).expect("copy");
    assert!(
        build(&second).starts_with("built "),
        "a different executable builds the site again"
    );
    assert!(build(&second).contains("is up to date"));
}

#[test]
fn an_output_folder_inside_a_source_folder_is_refused_before_anything_is_written() {
    let site = site();
    for (output, folder) in [
        ("content/2020/out", "content/"),
        (".", "content/"),
        ("static/site", "static/"),
        ("templates/out", "templates/"),
    ] {
        let out = site.gloss(&[
            "build",
            "--output",
            &site.root.join(output).to_string_lossy(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{output}: {stderr}");
        assert!(stderr.contains(folder), "{output}: {stderr}");
        if output != "." {
            assert!(!site.root.join(output).exists(), "{output}");
        }
    }
}

#[test]
fn files_beside_drafts_are_published_only_with_their_drafts() {
    let site = SiteTest::empty();
    let draft = "+++\ntitle = \"D\"\ndate = 2020-01-02\ndraft = true\n+++\nText.\n";
    let published = "+++\ntitle = \"P\"\ndate = 2020-01-02\n+++\nText.\n";
    site.write(
        "site.toml",
        "title = \"T\"\nbase_url = \"https://example.org/\"\n",
    )
    // A draft's page bundle: its folder is the draft's.
    .write("content/2020/harbour/index.md", draft)
    .write("content/2020/harbour/photo.jpg", "jpg")
    // A folder of drafts only.
    .write("content/drafts/a.md", draft)
    .write("content/drafts/b.md", draft)
    .write("content/drafts/chart.png", "png")
    // A folder with one published article keeps its files, drafts or not.
    .write("content/2020/p.md", published)
    .write("content/2020/d.md", draft)
    .write("content/2020/shared.pdf", "pdf")
    .write("content/images/logo.png", "png")
    // A draft `index.md` beside a published article: the folder is the published one's
    // too, so its files stay.
    .write("content/2021/port/index.md", draft)
    .write("content/2021/port/quay.md", published)
    .write("content/2021/port/map.png", "png")
    .build();
    let public = site.root.join("public");
    for gone in ["2020/harbour/photo.jpg", "drafts/chart.png"] {
        assert!(!public.join(gone).exists(), "{gone} was published");
    }
    for kept in [
        "2020/shared.pdf",
        "images/logo.png",
        "2020/p/index.html",
        "2021/port/map.png",
    ] {
        assert!(public.join(kept).exists(), "{kept} is missing");
    }
    let with_drafts = site.gloss(&["build", "--drafts"]);
    assert!(with_drafts.status.success());
    for back in ["2020/harbour/photo.jpg", "drafts/chart.png"] {
        assert!(
            public.join(back).exists(),
            "{back} is missing with --drafts"
        );
    }
}

#[test]
fn printing_into_a_closed_pipe_ends_quietly() {
    let site = SiteTest::new(".");
    // More lines to print than a pipe holds, so that gloss is still printing when the
    // reader has gone.
    std::fs::create_dir_all(site.root.join("content/bulk")).expect("mkdir");
    for i in 0..4000 {
        std::fs::write(
            site.root
                .join(format!("content/bulk/file-with-a-longish-name-{i}.txt")),
            "x\n",
        )
        .expect("file");
    }
    let gloss = assert_cmd::cargo::cargo_bin("gloss");
    for command in ["build --dry-run", "check --format json"] {
        // `head -c 1` reads one byte and closes the pipe while gloss is still printing.
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "'{}' {command} --root '{}' | head -c 1 >/dev/null",
                gloss.display(),
                site.root.display()
            ))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{command}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{command}: {stderr}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn printing_onto_a_full_disk_ends_with_exit_code_2_and_says_so() {
    let site = SiteTest::new(".");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("gloss"))
        .args(["check", "--format", "json", "--root"])
        .arg(&site.root)
        .stdout(full)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("gloss: cannot write to stdout"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Runs `gloss build` on `site` in the background, with SIGINT as a terminal sends it
/// (whatever this test's own disposition of it is) or, with `ignoring`, ignored as a
/// script's background job has it, and waits until it writes into its staging folder;
/// fails the test when the build ends first.
#[cfg(unix)]
fn build_until_it_writes(site: &SiteTest, ignoring: bool) -> std::process::Child {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("gloss"));
    command
        .args(["build", "--root"])
        .arg(&site.root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only resets a signal's disposition in the child before it runs gloss.
    unsafe {
        command.pre_exec(move || {
            libc::signal(
                libc::SIGINT,
                if ignoring {
                    libc::SIG_IGN
                } else {
                    libc::SIG_DFL
                },
            );
            Ok(())
        });
    }
    let mut child = command.spawn().expect("runs");
    let staging = site.root.join(".public.gloss-staging");
    while !staging.exists() {
        assert!(
            child.try_wait().expect("waits").is_none(),
            "the build ended before it wrote: make the site larger"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    child
}

#[cfg(unix)]
#[test]
fn an_interrupted_build_leaves_the_output_as_it_was_and_a_killed_one_s_folder_is_removed_next_time()
{
    let site = site();
    // Enough articles that the build is still writing when the signal comes.
    let paragraph = "The envoys met at the summit and spoke of the treaty, the talks and the years before them. ".repeat(12);
    for i in 0..300 {
        std::fs::write(
            site.root.join(format!("content/2020/article-{i}.md")),
            format!("+++\ntitle = \"Article {i}\"\ndate = 2020-01-02\n+++\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n"),
        )
        .expect("article");
    }
    assert!(site.gloss(&["build"]).status.success());
    let public = site.root.join("public");
    let manifest = || std::fs::read_to_string(public.join(".gloss-manifest")).expect("manifest");
    let before = manifest();
    let staging = site.root.join(".public.gloss-staging");
    std::fs::write(
        site.root.join("content/2020/a.md"),
        "+++\ntitle = \"A\"\ndate = 2020-01-02\n+++\nOther text.\n",
    )
    .expect("edit");

    let interrupted = build_until_it_writes(&site, false);
    // SAFETY: sends SIGINT to the child this test started, which is still running.
    unsafe {
        libc::kill(i32::try_from(interrupted.id()).expect("pid"), libc::SIGINT);
    }
    let out = interrupted.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(!staging.exists(), "the staging folder is removed");
    assert_eq!(manifest(), before, "the output is the old site");
    assert!(std::fs::read_to_string(public.join("2020/a/index.html"))
        .expect("old page")
        .contains("Text."));

    // A background job of a script ignores Ctrl-C; SIGTERM, what stops it, is caught.
    let terminated = build_until_it_writes(&site, true);
    // SAFETY: sends SIGTERM to the child this test started, which is still running.
    unsafe {
        libc::kill(i32::try_from(terminated.id()).expect("pid"), libc::SIGTERM);
    }
    let out = terminated.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(!staging.exists(), "the staging folder is removed");
    assert_eq!(manifest(), before, "the output is the old site");
    // The terminal it runs in closed.
    let hung_up = build_until_it_writes(&site, false);
    // SAFETY: sends SIGHUP to the child this test started, which is still running.
    unsafe {
        libc::kill(i32::try_from(hung_up.id()).expect("pid"), libc::SIGHUP);
    }
    let out = hung_up.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(129), "{stderr}");
    assert!(stderr.contains("gloss: interrupted"), "{stderr}");
    assert!(!staging.exists(), "the staging folder is removed");
    assert_eq!(manifest(), before, "the output is the old site");

    // Killed outright, a build leaves its staging folder: the next one removes it.
    let mut killed = build_until_it_writes(&site, false);
    killed.kill().expect("killed");
    killed.wait().expect("ends");
    assert!(staging.exists(), "SIGKILL cannot be caught");
    assert_eq!(manifest(), before);
    let again = site.gloss(&["build"]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(!staging.exists(), "the next build removed it");
    assert!(std::fs::read_to_string(public.join("2020/a/index.html"))
        .expect("new page")
        .contains("Other text."));
}

// Before, `--output site.toml --force` put the site in place of the
// file and left the file as a hidden `.site.toml.gloss-old`.
#[test]
fn a_file_given_as_the_output_is_refused_even_with_force() {
    let site = site();
    for output in ["site.toml", "notes.txt"] {
        let file = site.root.join(output);
        if !file.exists() {
            std::fs::write(&file, "my notes\n").expect("user file");
        }
        let before = std::fs::read(&file).expect("read");
        let path = file.to_str().expect("utf-8");
        for args in [
            &["build", "--output", path][..],
            &["build", "--output", path, "--force"],
        ] {
            let out = site.gloss(args);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(stderr.contains("is a file, not a folder"), "{stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(file.is_file(), "{args:?}: the file is still a file");
            assert_eq!(std::fs::read(&file).expect("read"), before, "{args:?}");
            assert!(!site.root.join(format!(".{output}.gloss-old")).exists());
            assert!(!site.root.join(format!(".{output}.gloss-staging")).exists());
        }
    }
}

// Before, a build killed right after its swap left the old site
// as `.public.gloss-staging`, and the next build, finding nothing changed, kept it.
#[test]
fn an_old_site_a_killed_build_left_is_removed_by_a_build_that_finds_nothing_changed() {
    let site = site();
    assert!(site.gloss(&["build"]).status.success());
    let left = site.root.join(".public.gloss-staging");
    std::fs::create_dir_all(left.join("2020/a")).expect("left folder");
    std::fs::write(left.join("2020/a/index.html"), "old").expect("left page");
    std::fs::write(left.join(".gloss-manifest"), "# Files written by gloss\n").expect("manifest");
    let again = site.gloss(&["build"]);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert!(stdout.contains("up to date"), "{stdout}");
    assert!(
        stdout.contains(".public.gloss-staging"),
        "it is mentioned: {stdout}"
    );
    assert!(!left.exists(), "the old site is gone");
}
