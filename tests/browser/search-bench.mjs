// Measures search on a built site in Chromium: how many bytes of index a first query
// loads and how long it takes to show its results. Not a test: it prints a table.
//
//   cargo run --release --example gen_corpus -- --articles 10000 --no-hugo --out /tmp/corpus
//   target/release/gloss build --root /tmp/corpus/gloss --output /tmp/corpus/public
//   node tests/browser/search-bench.mjs /tmp/corpus/public [query ...]
//
// Each query runs in a fresh browser profile (nothing cached), over HTTP from a server on
// 127.0.0.1 that counts the bytes it sends (in a process of its own, so that its work does
// not hold up the benchmark's), and from file://. A query is put into the
// search page's box as a reader would, and timed in the page from the box's input event:
// pasted (one input event), and typed a key at a time (timed from the last key, when the
// earlier keys' queries have loaded some of what it needs). A reader's first key or
// paste comes READER_MS (500) after the page has its manifest, the quickest a person
// goes from a page opening to a query; pasted queries are also timed with no pause at
// all, while the browser is still busy with the page it has just opened. "ranked" is when the results
// are ranked (shards loaded), "first result" when the first one shows, "page" when the
// first ten show with their passages. "cold" opens search/index.html?q=... and times
// from navigation start to the first ten shown. Bytes are those of the index files
// (search/*.js, the manifest included) a query's page loaded: pasted, and typed (every
// key's query together). The last column is the CPU time Chromium's main threads spent
// on a query from file:// (see cpu below).

import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, serveApart } from "./lib.mjs";

const [dirArg, ...queryArgs] = process.argv.slice(2);
if (!dirArg) {
  console.error("usage: node search-bench.mjs <built site folder> [query ...]");
  process.exit(2);
}
const dir = resolve(dirArg);
const QUERIES = queryArgs.length
  ? queryArgs
  : ["government", "hospital budget", "union report capital", "Pavel Moreau", "harb", "zzyzx"];
const RUNS = Number(process.env.RUNS || 3);
// Milliseconds between keys when a query is typed a key at a time (a fast typist);
// KEY_MS=20 in the environment types faster.
const KEY_MS = Number(process.env.KEY_MS || 80);
// Milliseconds from the page having its manifest to the reader's first key or paste.
const READER_MS = Number(process.env.READER_MS ?? 500);

const { log, base, close } = await serveApart(dir);
// The server reports each file it sent a moment after sending it.
const settled = () => new Promise((done) => setTimeout(done, 50));

const indexBytes = (entries) =>
  entries.filter((e) => /^\/search\/.*\.js$/.test(e.path)).reduce((sum, e) => sum + e.size, 0);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const browser = () => launch({}, { guard: false });

/**
 * One query typed into the search box in a fresh profile, timed in the page from the
 * box's input event to the page of results shown: pasted (one input event), or typed a
 * key at a time, `KEY_MS` apart, timed from the last key; the first input `pause` ms
 * after the page has its manifest. Returns { ranked, first, ms, bytes, results, files }.
 */
async function inBox(origin, query, keys = false, pause = READER_MS) {
  const context = await browser();
  const page = await context.newPage();
  const start = log.length;
  await page.goto(origin === "http" ? `${base}search/index.html` : pathToFileURL(join(dir, "search/index.html")).href);
  await page.evaluate(() => window.glossSearch.page.open());
  await page.evaluate(() => {
    const box = document.getElementById("search-input");
    const section = document.querySelector("[data-gloss-search]");
    window.benchInput = 0;
    window.benchDone = 0;
    box.addEventListener("input", () => { window.benchInput = performance.now(); window.benchDone = 0; }, true);
    new MutationObserver(() => {
      if (section.getAttribute("data-state") === "done") window.benchDone = performance.now();
    }).observe(section, { attributes: true, attributeFilter: ["data-state"] });
  });
  if (pause) await page.waitForTimeout(pause);
  if (keys) await page.locator("#search-input").pressSequentially(query, { delay: KEY_MS });
  else await page.fill("#search-input", query);
  await page.waitForFunction(() => window.benchDone > 0 && window.glossSearch.lastQuery);
  const ms = await page.evaluate(() => window.benchDone - window.benchInput);
  const timing = await page.evaluate(() => window.glossSearch.lastQuery);
  await settled();
  const entries = log.slice(start);
  await context.close();
  return {
    ranked: timing.rankedMs,
    first: timing.firstMs,
    ms,
    results: timing.results,
    bytes: indexBytes(entries),
    files: entries.filter((e) => e.path.startsWith("/search/")).length,
  };
}

/**
 * Main-thread CPU time of one typed query from file://, from a Chromium trace: the
 * renderer's (the search itself) and the browser process's (reading the files). Unlike
 * wall time it hardly moves when other processes compete for the cores.
 */
async function cpu(query) {
  const context = await browser();
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(dir, "search/index.html")).href);
  await page.evaluate(() => window.glossSearch.page.open());
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const complete = new Promise((done) => cdp.once("Tracing.tracingComplete", done));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["toplevel", "__metadata"] }, transferMode: "ReportEvents" });
  await page.evaluate((q) => window.glossSearch.page.run(q), query);
  await cdp.send("Tracing.end");
  await complete;
  await context.close();
  const names = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name);
  const sum = { renderer: 0, browser: 0 };
  for (const e of events) {
    if (e.ph !== "X" || e.name !== "ThreadControllerImpl::RunTask" || e.tdur === undefined) continue;
    const thread = names.get(`${e.pid}:${e.tid}`);
    if (thread === "CrRendererMain") sum.renderer += e.tdur / 1000;
    else if (thread === "CrBrowserMain") sum.browser += e.tdur / 1000;
  }
  return sum;
}

async function cold(query) {
  const context = await browser();
  const page = await context.newPage();
  const start = log.length;
  await page.goto(`${base}search/index.html?q=${encodeURIComponent(query)}`);
  await page.waitForSelector('[data-gloss-search][data-state="done"]');
  const ms = await page.evaluate(() => performance.now());
  await settled();
  const entries = log.slice(start);
  await context.close();
  return { ms, bytes: indexBytes(entries) };
}

const manifest = statSync(join(dir, "search/manifest.js")).size;
console.log(`site: ${dir}; manifest ${(manifest / 1024).toFixed(1)} KiB; ${RUNS} runs a query, median`);
console.log(`first input ${READER_MS} ms after the page has its manifest`);
console.log("| query | results | index files | first-query bytes | pasted, http: ranked / first result / page (ms) | pasted, file: ranked / first result / page (ms) | pasted with no pause, file: ranked / first / page (ms) | typed, http: last key to page (ms), index bytes of all its keys | cold ?q=, http (ms) | main-thread CPU, renderer + browser (ms) |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
const triple = (runs) => ["ranked", "first", "ms"].map((k) => median(runs.map((r) => r[k])).toFixed(0)).join(" / ");
for (const query of QUERIES) {
  const http = [];
  const file = [];
  const rushed = [];
  const keyed = [];
  const fresh = [];
  const work = [];
  for (let i = 0; i < RUNS; i++) {
    http.push(await inBox("http", query));
    file.push(await inBox("file", query));
    rushed.push(await inBox("file", query, false, 0));
    keyed.push(await inBox("http", query, true));
    fresh.push(await cold(query));
    work.push(await cpu(query));
  }
  const renderer = median(work.map((w) => w.renderer));
  const browserCpu = median(work.map((w) => w.browser));
  const first = http[0];
  const kib = (first.bytes / 1024).toFixed(1);
  console.log(
    `| ${query} | ${first.results} | ${first.files} | ${kib} KiB | ${triple(http)} | ${triple(file)} | ${triple(rushed)} | ${median(keyed.map((r) => r.ms)).toFixed(0)}, ${(keyed[0].bytes / 1024).toFixed(1)} KiB | ${median(fresh.map((r) => r.ms)).toFixed(0)} | ${renderer.toFixed(0)} + ${browserCpu.toFixed(0)} |`,
  );
}
close();
