// Shared by the browser tests: builds the sites with the release binary, starts
// Debian's Chromium through playwright-core, and measures what a reader sees.
//
// Nothing here touches the network: pages load from file:// URLs and Chromium
// runs with background networking, component updates and sync turned off.

import { execFileSync, fork } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "..", "..");
export const WIDE = { width: 1400, height: 900 };
export const NARROW = { width: 390, height: 844 };

/** The two sites under test: the example archive and the crowded fixture. */
export const SITES = {
  example: { root: repo, article: "2019/trump-left-hanoi/index.html" },
  crowded: { root: join(repo, "tests", "fixtures", "crowded"), article: "2024/tide-tables/index.html" },
};

/**
 * Sites a test writes for itself, by key: `writeSite(key, article, files)` writes `files` (path under
 * the site's root -> text) and registers the site as `key` for `build`, `url` and `open`.
 * `article` is the page `url` opens by default. Kept apart from SITES, which every page
 * of is checked by the axe and vnu tests.
 */
const WRITTEN = {};
export function writeSite(key, article, files) {
  const root = scratch(`gloss-${key}-src-`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  WRITTEN[key] = { root, article };
  return key;
}
const known = (site) => SITES[site] || WRITTEN[site];

const binary = process.env.GLOSS_BIN || join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "release", "gloss");
const temporary = [];
process.on("exit", () => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A new folder under the system's temp dir, removed when the process exits. */
export function scratch(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

const built = new Map();
/** Builds `site` (a key of SITES) into a fresh folder once per process; returns the folder. */
export function build(site) {
  if (!built.has(site)) {
    if (!existsSync(binary)) {
      throw new Error(`${binary} is missing: run \`cargo build --release\` (scripts/browser-tests does)`);
    }
    const out = join(scratch(`gloss-${site}-`), "public");
    execFileSync(binary, ["build", "--root", known(site).root, "--output", out], { stdio: "pipe" });
    built.set(site, out);
  }
  return built.get(site);
}

/** The file:// URL of `path` in the build of `site`, with an optional #fragment. */
export function url(site, path = known(site).article, fragment = "") {
  return pathToFileURL(join(build(site), path)).href + fragment;
}

/** Every .html file under `dir`, as absolute paths, sorted. */
export function htmlFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...htmlFiles(path));
    else if (name.endsWith(".html")) found.push(path);
  }
  return found;
}

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts Debian's Chromium with a fresh profile; never a downloaded browser.
 * Playwright passes the new folder to Chromium as --user-data-dir itself.
 * `options` are Playwright context options (viewport, javaScriptEnabled, colorScheme...).
 * With `guard` (the tests), every request is held up by Playwright to refuse any to
 * another host; measurements pass `guard: false`, since that costs each request a round
 * trip to this process that a reader's browser does not make.
 */
export async function launch(options = {}, { guard = true } = {}) {
  const profile = scratch("gloss-chromium-");
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: WIDE,
    reducedMotion: "reduce",
    ...options,
  });
  if (options.javaScriptEnabled === false) scriptless.add(context);
  if (!guard) return context;
  // Any request to another host is refused and recorded; local files and the
  // loopback address (a test may serve a build there) go through.
  await context.route(/^(?!file:|data:|about:|blob:|https?:\/\/(127\.0\.0\.1|localhost)[:/])/, (route) => {
    offsite.push(route.request().url());
    return route.abort();
  });
  return context;
}
/** URLs the pages tried to fetch from other hosts; the tests expect none. */
export const offsite = [];
const scriptless = new WeakSet();

/** Opens `site`'s article (or `path`) in a new page of `context` at `viewport`. */
export async function open(context, site, { viewport = WIDE, path, fragment = "" } = {}) {
  const page = context.pages().find((p) => p.url() === "about:blank") || (await context.newPage());
  await page.setViewportSize(viewport);
  await page.goto(url(site, path, fragment));
  await settle(page);
  return page;
}

/** Waits until gloss.js has run and two frames have been painted (when scripts run at all). */
export async function settle(page) {
  if (scriptless.has(page.context())) return;
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
}

/**
 * Clicks the middle of `selector`'s first match with the mouse, as a reader would,
 * scrolling only when it is off screen. Unlike Playwright's click it needs no script
 * in the page (so it works with JavaScript off) and never scrolls a visible target.
 */
export async function clickAt(page, selector) {
  const point = await page.evaluate((s) => {
    const el = document.querySelector(s);
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) el.scrollIntoView({ block: "center" });
    const r = el.getClientRects()[0];
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, selector);
  await page.mouse.click(point.x, point.y);
}

/** Adds a style sheet without waiting for script events (works with JavaScript off). */
export function addStyle(page, css) {
  return page.evaluate((text) => {
    const style = document.createElement("style");
    style.textContent = text;
    document.head.append(style);
  }, css);
}

/** Boxes of every visible sidenote and of its marker, in page coordinates. */
export function sidenoteBoxes(page) {
  return page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, right: r.right + scrollX };
    };
    return [...document.querySelectorAll(".gloss-sidenote")]
      .filter((side) => side.getClientRects().length > 0)
      .map((side) => {
        const n = side.dataset.note;
        const marker = document.getElementById(`noteref-${n}`);
        return { n: Number(n), box: box(side), marker: box(marker) };
      });
  });
}

/** Pairs of sidenotes whose boxes intersect, as "a/b" strings. */
export function overlaps(notes) {
  const found = [];
  for (let i = 0; i < notes.length; i++) {
    for (let j = i + 1; j < notes.length; j++) {
      const a = notes[i].box;
      const b = notes[j].box;
      if (a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right) {
        found.push(`${notes[i].n}/${notes[j].n}`);
      }
    }
  }
  return found;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css" };

/**
 * `serve(dir)` in a child process of its own, for measurements: the server's work then
 * does not delay the events the measuring process waits for. Resolves to
 * { base, log, close }; `log` fills with { path, size } as the child reports each file
 * sent (a moment after it is sent).
 */
export function serveApart(dir) {
  const child = fork(join(here, "serve-child.mjs"), [dir]);
  const log = [];
  return new Promise((done, fail) => {
    child.on("message", (message) => {
      if (message.entry) log.push(message.entry);
      else if (message.base) done({ base: message.base, log, close: () => child.kill() });
    });
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`the server exited (${code})`)));
  });
}

/**
 * Serves the built site in `dir` on 127.0.0.1 at a free port, as a static host would
 * (a folder answers with its index.html). Resolves to { server, base, log }: `log`
 * records the path and size of every file sent, in order.
 */
export function serve(dir) {
  const root = resolve(dir);
  const log = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const size = statSync(file).size;
      log.push({ path, size });
      response.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream", "content-length": size });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => done({ server, log, base: `http://127.0.0.1:${server.address().port}/` }));
  });
}
