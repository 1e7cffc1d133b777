// Search, as a reader uses it: from the header box of any page or the search page,
// from file:// and from http://. A word found only in a note lands on that note, a word
// found only in a context entry on the entry, a word of the article on its paragraph.
// The keyboard moves through results, a live region counts them, and without
// JavaScript the header and the search page say search needs it.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, launch, offsite, scratch, serve, url, writeSite } from "./lib.mjs";

// Words of the example archive, each in one place only (tests/integration/search.rs
// checks that against the index).
const NOTE_WORD = "Sofitel"; // the note on "abbreviated negotiation in Hanoi"
const CONTEXT_WORD = "graphite"; // the Yongbyon context entry's body
const ARTICLE_WORD = "policymakers"; // one paragraph of the article

let context;
let noScript;
let http;
before(async () => {
  const dir = build("example");
  http = await serve(dir);
  context = await launch();
  noScript = await launch({ javaScriptEnabled: false });
});
after(async () => {
  assert.deepEqual(offsite, [], "search fetched nothing from other hosts");
  await context?.close();
  await noScript?.close();
  http?.server.close();
});

const ORIGINS = {
  "file://": (path) => url("example", path),
  "http://": (path) => http.base + path,
};

/** The search page of `origin` (file:// unless given) asked for `query`. */
function searchPage(query, origin = "file://") {
  return ORIGINS[origin]("search/index.html") + (query === undefined ? "" : `?q=${encodeURIComponent(query)}`);
}

/** A copy of the example archive's build, for a test that breaks something in it. */
function exampleCopy(prefix) {
  const dir = join(scratch(prefix), "public");
  cpSync(build("example"), dir, { recursive: true });
  return dir;
}

/** Waits until the search page has shown the results of its latest query. */
async function results(page) {
  await page.waitForSelector('[data-gloss-search][data-state="done"]');
  return page.$$eval("#search-results a.search-hit", (links) =>
    links.map((a) => ({ href: a.getAttribute("href"), kind: a.querySelector(".search-kind").textContent, text: a.textContent })),
  );
}

/** Types `word` into the header box of the home page (focused with "/") and submits it. */
async function searchFromHeader(page, origin, word) {
  await page.goto(ORIGINS[origin]("index.html"));
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "site-search");
  await page.keyboard.type(word);
  await Promise.all([page.waitForURL(/search\/(index\.html)?\?q=/), page.keyboard.press("Enter")]);
  return results(page);
}

/** Where the page landed: the element the fragment names, and whether it is on screen. */
function landing(page) {
  return page.evaluate(() => {
    const target = document.querySelector(":target");
    const r = target?.getBoundingClientRect();
    return { path: location.pathname, hash: location.hash, id: target?.id, inView: Boolean(r && r.bottom > 0 && r.top < innerHeight) };
  });
}

for (const origin of Object.keys(ORIGINS)) {
  describe(`search from ${origin}`, () => {
    it("a word found only in a note body lands on that note", async () => {
      const page = await context.newPage();
      const found = await searchFromHeader(page, origin, NOTE_WORD);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.match(found[0].kind, /^Note \d+/);
      assert.match(found[0].href, /^\.\.\/2019\/trump-left-hanoi\/(index\.html)?#note-\d+$/);
      const status = await page.textContent("#search-status");
      assert.equal(status, `1 result for “${NOTE_WORD}”.`);
      await page.waitForFunction((text) => document.querySelector('#search-live[role="status"][aria-live="polite"]')?.textContent === text, status);
      const passage = await page.innerHTML("#search-results .search-passage");
      assert.match(passage, new RegExp(`<mark>${NOTE_WORD}</mark>`));

      await page.keyboard.press("ArrowDown");
      assert.equal(await page.evaluate(() => document.activeElement.className), "search-hit");
      await Promise.all([page.waitForURL(/#note-/), page.keyboard.press("Enter")]);
      const there = await landing(page);
      const number = found[0].href.split("#note-")[1];
      assert.equal(there.id, `note-${number}`);
      assert.ok(there.inView, "the note is not on screen");
      assert.ok((await page.textContent(`#note-${number}`)).includes(NOTE_WORD));
      await page.close();
    });

    it("a word found only in a context entry lands on the entry", async () => {
      const page = await context.newPage();
      const found = await searchFromHeader(page, origin, CONTEXT_WORD);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].kind, "Context");
      assert.match(found[0].href, /^\.\.\/context\/yongbyon\/(index\.html)?#:~:text=/);
      await Promise.all([page.waitForURL(/context\/yongbyon/), page.click("#search-results a.search-hit")]);
      const there = await landing(page);
      assert.match(there.path, /\/context\/yongbyon\/(index\.html)?$/);
      assert.equal(await page.textContent("h1"), "Yongbyon Nuclear Scientific Research Center");
      await page.close();
    });

    it("a word of the article lands on its paragraph, scrolled into view", async () => {
      const page = await context.newPage();
      await page.goto(searchPage(ARTICLE_WORD, origin));
      const found = await results(page);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].kind, "Article");
      assert.match(found[0].href, /#p-\d+$/);
      await Promise.all([page.waitForURL(/trump-left-hanoi/), page.click("#search-results a.search-hit")]);
      await page.waitForFunction(() => scrollY > 0);
      const there = await landing(page);
      assert.equal(`#${there.id}`, found[0].href.slice(found[0].href.indexOf("#")));
      assert.ok(there.inView, "the paragraph is not on screen");
      assert.ok((await page.textContent(`#${there.id}`)).includes(ARTICLE_WORD));
      await page.close();
    });
  });
}

describe("search page", () => {
  it("finds a page outside the archive and lands on it", async () => {
    const page = await context.newPage();
    // "corrected" is only in the example archive's About page.
    await page.goto(searchPage("corrected"));
    const found = await results(page);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].kind, "Page");
    assert.match(found[0].text, /About this archive/);
    await Promise.all([page.waitForURL(/about\//), page.click("#search-results a.search-hit")]);
    assert.equal(await page.textContent("h1"), "About this archive");
    await page.close();
  });

  it("finds context entries by their aliases, folding case and accents", async () => {
    const page = await context.newPage();
    await page.goto(searchPage("NYŎNGBYON"));
    const found = await results(page);
    assert.ok(found.length >= 1);
    assert.equal(found[0].kind, "Context");
    assert.match(found[0].text, /Yongbyon/);
    await page.close();
  });

  it("typing searches at every key and the live region speaks once, when typing pauses", async () => {
    const page = await context.newPage();
    await page.goto(searchPage());
    await page.evaluate(() => {
      window.spoken = [];
      const live = document.getElementById("search-live");
      new MutationObserver(() => window.spoken.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    });
    await page.keyboard.type("Yongbyon", { delay: 30 });
    const found = await results(page);
    assert.ok(found.length >= 1);
    const status = await page.textContent("#search-status");
    assert.match(status, /^\d+ results? for “Yongbyon”/);
    await page.waitForFunction(() => window.spoken.length > 0);
    await page.waitForTimeout(700);
    assert.deepEqual(await page.evaluate(() => window.spoken), [status]);
    await page.close();
  });

  it("gives no verdict on the first two letters typed of a word", async () => {
    const page = await context.newPage();
    await page.goto(searchPage());
    await page.keyboard.type("Yq");
    await page.waitForSelector('[data-gloss-search][data-state="done"]');
    assert.equal(await page.textContent("#search-status"), "");
    await page.keyboard.press("Backspace");
    await page.keyboard.type("ongbyon");
    assert.ok((await results(page)).length >= 1);
    // Submitted, two letters are a query like any other.
    await page.fill("#search-input", "Yq");
    await page.keyboard.press("Enter");
    await results(page);
    assert.match(await page.textContent("#search-status"), /^No results for “Yq”/);
    await page.close();
  });

  it("a pasted query's count is spoken with its results", async () => {
    const page = await context.newPage();
    await page.goto(searchPage());
    await page.fill("#search-input", "Yongbyon");
    const found = await results(page);
    assert.ok(found.length >= 1);
    const status = await page.textContent("#search-status");
    assert.match(status, /^\d+ results? for “Yongbyon”/);
    assert.equal(await page.textContent("#search-live"), status);
    await page.close();
  });

  it("arrow keys move through the results and back to the box", async () => {
    const page = await context.newPage();
    await page.goto(searchPage());
    assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
    await page.keyboard.type("Yongbyon");
    const found = await results(page);
    assert.ok(found.length >= 3, `only ${found.length} results`);
    const focused = () => page.evaluate(() => [...document.querySelectorAll("#search-results a.search-hit")].indexOf(document.activeElement));
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), 0);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await focused(), 2);
    await page.keyboard.press("ArrowUp");
    assert.equal(await focused(), 1);
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.activeElement.id), "search-input");
    const status = await page.textContent("#search-status");
    assert.match(status, new RegExp(`^${found.length} results for “Yongbyon”`));
    const names = await page.$$eval("#search-results a.search-hit", (links) => links.map((a) => a.getAttribute("aria-describedby")));
    assert.ok(names.every((id) => id && id.startsWith("search-passage-")));
    await page.close();
  });

  it("shows ten results, then the rest in the same ranking on request", async () => {
    const page = await context.newPage();
    await page.goto(searchPage("north korea"));
    const first = await results(page);
    assert.equal(first.length, 10);
    const status = await page.textContent("#search-status");
    const total = Number(status.split(" ")[0]);
    assert.ok(total > 10, status);
    assert.match(status, /, showing the first 10\.$/);
    await page.click("#search-more");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results a.search-hit").length === n, total);
    const all = await page.$$eval("#search-results a.search-hit", (links) => links.map((a) => a.getAttribute("href")));
    assert.deepEqual(all.slice(0, 10), first.map((r) => r.href));
    assert.equal(new Set(all).size, total, "no result twice");
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), all[10]);
    assert.ok(await page.isHidden("#search-more"));
    await page.close();
  });

  it("shows a word's first page from the shard it ranks with, the same as from the documents", async () => {
    const page = await context.newPage();
    const chunks = () => page.evaluate(() => document.querySelectorAll('script[src*="/docs-"]').length);
    const shown = () =>
      page.$$eval("#search-results li", (items) => items.map((li) => li.innerHTML.replace(/search-passage-\d+/g, "")));
    await page.goto(searchPage("summit"));
    const first = await results(page);
    assert.equal(first.length, 10);
    assert.equal(await chunks(), 0, "no document chunk loaded for the first page");
    const fromCards = await shown();
    assert.ok(fromCards.every((html) => /<mark>summit<\/mark>/i.test(html)), fromCards.join("\n"));
    await page.click("#search-more");
    await page.waitForFunction(() => document.querySelectorAll("#search-results a.search-hit").length > 10);
    assert.ok((await chunks()) > 0, "the next page reads the document chunks");
    // The same query answered from the document chunks alone: the same results, each
    // with the same link, title, date and note. The passage may be cut differently, and
    // so may a text fragment (a card's starts nearer the word).
    await page.evaluate(() =>
      window.glossSearch.page.open().then((index) => {
        index.keepCards = () => {};
        index.termCards.clear();
        index.lists.clear();
        return window.glossSearch.page.run("summit");
      }),
    );
    const fromChunks = await shown();
    const head = (html) => html.split('<p class="search-passage"')[0].replace(/#:~:text=[^"]*/, "#:~:text=");
    assert.deepEqual(fromChunks.slice(0, 10).map(head), fromCards.map(head));
    await page.close();
  });

  it("has no accessibility violations with results shown, in both colour schemes", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      await page.goto(searchPage("Yongbyon"));
      await results(page);
      const found = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa"]).analyze();
      assert.deepEqual(found.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], colorScheme);
      await page.close();
    }
  });

  it("keeps only documents holding every word, the word being typed as a prefix", async () => {
    const page = await context.newPage();
    const count = async (query) => {
      await page.goto(searchPage(query));
      const found = await results(page);
      return { found, status: await page.textContent("#search-status") };
    };
    const both = await count(`${ARTICLE_WORD} learning`);
    assert.ok(both.found.some((r) => r.kind === "Article" && r.href.includes("trump-left-hanoi")), JSON.stringify(both.found));
    assert.deepEqual((await count(`${ARTICLE_WORD} ${NOTE_WORD} `)).found, [], "no document holds both");
    const typed = await count(ARTICLE_WORD.slice(0, 7));
    assert.ok(typed.found.some((r) => r.href.includes("trump-left-hanoi")), JSON.stringify(typed.found));
    const whole = await count(`${ARTICLE_WORD} `);
    assert.ok(Number(typed.status.split(" ")[0]) >= Number(whole.status.split(" ")[0]), `${typed.status} / ${whole.status}`);
    await page.close();
  });

  it("warms its code up while idle without a trace: the same results, no script error", async () => {
    const errors = [];
    const shown = async (warm) => {
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      const query = `${ARTICLE_WORD} learning`;
      if (warm) {
        // Opened without a query, the page warms up once idle; the query comes after.
        await page.goto(searchPage());
        await page.waitForFunction(() => window.glossSearch.warmed);
        await page.fill("#search-input", query);
      } else {
        // Opened with a query, the page has no idle time to warm up before it.
        await page.goto(searchPage(query));
      }
      await page.waitForFunction((q) => window.glossSearch.lastQuery?.text === q, query);
      const found = await results(page);
      const warmed = await page.evaluate(() => window.glossSearch.warmed);
      await page.close();
      return { found, warmed };
    };
    const cold = await shown(false);
    const warm = await shown(true);
    assert.equal(cold.warmed, false, "a page opened with a query does not warm up");
    assert.equal(warm.warmed, true);
    assert.ok(cold.found.length > 0);
    assert.deepEqual(warm.found, cold.found);
    assert.deepEqual(errors, []);
  });

  it("asks for the index's manifest while it reads the page, not after its script runs", async () => {
    const page = await context.newPage();
    await page.goto(searchPage(ARTICLE_WORD, "http://"));
    assert.ok((await results(page)).length > 0);
    const timing = await page.evaluate(() => {
      const entry = (name) => performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.endsWith(name));
      return { script: entry("/search.js"), manifest: entry("/search/manifest.js") };
    });
    assert.equal(timing.manifest.length, 1, JSON.stringify(timing));
    // A request search.js made could only start once search.js had arrived.
    assert.ok(timing.manifest[0].startTime < timing.script[0].responseEnd, JSON.stringify(timing));
    await page.close();
  });

  it("says so when its index is missing, instead of waiting for it", async () => {
    const dir = exampleCopy("gloss-no-index-");
    rmSync(join(dir, "search", "manifest.js"));
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, "search", "index.html")).href + `?q=${ARTICLE_WORD}`);
    await page.waitForFunction(() => /could not load its index/.test(document.getElementById("search-status").textContent));
    assert.equal(await page.$$eval("#search-results li", (items) => items.length), 0);
    await page.close();
  });

  it("runs on a site's own search page without the optional parts, and names a missing required one", async () => {
    const dir = exampleCopy("gloss-own-search-");
    const file = join(dir, "search", "index.html");
    const html = readFileSync(file, "utf8");
    const errors = [];
    const open = async (edited) => {
      writeFileSync(file, edited);
      const page = await context.newPage();
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href + `?q=${ARTICLE_WORD}`);
      return page;
    };
    // No status line, no live region, no "More results" button.
    const bare = html.replace(/<p id="search-status"[^]*?<\/p>\n/, "").replace(/<p id="search-live"[^]*?<\/p>\n/, "").replace(/<p class="search-more-wrap">[^]*?<\/p>\n/, "");
    assert.ok(["search-status", "search-live", "search-more"].every((id) => !bare.includes(`id="${id}"`)), "the parts are gone");
    let page = await open(bare);
    assert.ok((await results(page)).length > 0);
    assert.match(await page.textContent("#search-status"), /result/);
    await page.close();
    // No results list: the page says what is missing.
    page = await open(html.replace(/<ol id="search-results"[^]*?<\/ol>\n/, ""));
    await page.waitForFunction(() => /cannot run here/.test(document.querySelector("[data-gloss-search]").textContent));
    assert.match(await page.textContent("[data-gloss-search]"), /#search-results/);
    await page.close();
    assert.deepEqual(errors, []);
  });

  it("shows an article in another language, and its notes, in that language and direction", async () => {
    const site = writeSite("languages", "2021/cairo/index.html", {
      "site.toml": 'title = "Languages"\nbase_url = "https://example.org/"\n',
      "content/2021/cairo.md": '+++\ntitle = "القاهرة والوفد"\ndate = 2021-03-01\nlanguage = "ar"\n+++\nزار الوفد مدينة القاهرة في الربيع.\n',
      "content/2021/cairo.annotations.toml":
        '[[note]]\nquote = "الوفد"\nbody = "الوفد التجاري Quillfeather."\n' +
        '[[note]]\nquote = "الربيع"\nbody = "The National Election Authority, Gladewick."\n',
      "content/2021/paris.md": '+++\ntitle = "Paris"\ndate = 2021-03-02\n+++\nThe Quillfeather delegation reached Paris.\n',
    });
    const page = await context.newPage();
    const shown = async (query) => {
      await page.goto(url(site, "search/index.html") + `?q=${encodeURIComponent(query)}`);
      await results(page);
      return page.$$eval("#search-results li", (items) =>
        items.map((li) => {
          const attrs = (el) => (el ? `${el.getAttribute("lang")}/${el.getAttribute("dir")}` : "none");
          return {
            kind: li.querySelector(".search-kind").textContent,
            title: attrs(li.querySelector(".search-title")),
            passage: attrs(li.querySelector(".search-passage")),
            quote: attrs(li.querySelector(".search-meta q")),
          };
        }),
      );
    };
    assert.deepEqual(await shown("القاهرة"), [{ kind: "Article", title: "ar/rtl", passage: "ar/rtl", quote: "none" }]);
    const both = await shown("Quillfeather");
    assert.equal(both.length, 2, JSON.stringify(both));
    const note = both.find((r) => r.kind.startsWith("Note"));
    assert.deepEqual(note, { kind: note.kind, title: "ar/rtl", passage: "ar/rtl", quote: "ar/rtl" });
    const english = both.find((r) => r.kind === "Article");
    assert.deepEqual(english, { kind: "Article", title: "null/null", passage: "null/null", quote: "none" }, "the site's own language is not repeated");
    // A note in the site's language on an Arabic article: its body is English.
    assert.deepEqual(await shown("Gladewick"), [{ kind: "Note 2", title: "ar/rtl", passage: "null/null", quote: "ar/rtl" }]);
    await page.close();
  });

  it("speaks the site's language when site.toml gives its labels", async () => {
    const site = writeSite("french", "2019/sommet/index.html", {
      "site.toml":
        'title = "Archives"\nbase_url = "https://example.org/"\nlanguage = "fr"\n[labels]\n' +
        'results_for_one = "{n} résultat pour « {query} »."\nno_results_for = "Aucun résultat pour « {query} »."\n' +
        'result_article = "Article"\nresult_note = "Note {n}"\nkind_definition = "définition"\n' +
        'date = "{day} {month} {year}"\nclose_note = "Fermer la note {n}"\n' +
        'months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]\n',
      "content/2019/sommet.md": '+++\ntitle = "Le sommet"\ndate = 2019-08-06\n+++\nLe sommet de Hanoï a échoué.\n',
      "content/2019/sommet.annotations.toml": '[[note]]\nquote = "Hanoï"\nkind = "definition"\nbody = "Capitale du Viêt Nam, Quillfeather."\n',
    });
    const page = await context.newPage();
    await page.goto(url(site, "search/index.html") + "?q=Quillfeather");
    await results(page);
    assert.equal(await page.textContent("#search-status"), "1 résultat pour « Quillfeather ».");
    assert.equal(await page.textContent("#search-results .search-kind"), "Note 1 (définition)");
    assert.equal(await page.textContent("#search-results time"), "6 août 2019");
    await page.goto(url(site, "search/index.html") + "?q=zzyzx");
    await page.waitForSelector('[data-gloss-search][data-state="done"]');
    assert.equal(await page.textContent("#search-status"), "Aucun résultat pour « zzyzx ».");
    // gloss.js names its buttons in the site's words too.
    await page.goto(url(site));
    await page.waitForSelector("#sidenote-1 .gloss-close", { state: "attached" });
    assert.equal(await page.locator("#sidenote-1 .gloss-close").getAttribute("aria-label"), "Fermer la note 1");
    await page.close();
  });

  it("finds a French word with or without its elided article, as the index does", async () => {
    const site = writeSite("elision", "2019/port/index.html", {
      "site.toml": 'title = "Archives"\nbase_url = "https://example.org/"\nlanguage = "fr"\n',
      "content/2019/port.md": '+++\ntitle = "Le port"\ndate = 2019-08-06\n+++\nL’Établissement du port et l\'homme qu’il nomma.\n',
    });
    const page = await context.newPage();
    for (const query of ["etablissement", "l’établissement", "homme", "L'homme"]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      const found = await results(page);
      assert.equal(found.length, 1, query);
      const marked = await page.$$eval("#search-results mark", (marks) => marks.map((m) => m.textContent));
      assert.ok(marked.length > 0, `${query}: nothing marked`);
    }
    // The same rules as src/search/terms.rs: French stop words dropped, elided words cut.
    const terms = await page.evaluate(() => window.glossSearch.terms("L’homme et la femme de l'État, qu’il aime"));
    assert.deepEqual(terms, ["homm", "femm", "etat", "aim"]);
    await page.close();
  });

  it("shows and marks the passage of an initialism and links to its paragraph", async () => {
    const site = writeSite("initialisms", "2024/envoys/index.html", {
      "site.toml": 'title = "Initialisms"\nbase_url = "https://example.org/"\n',
      "content/2024/envoys.md":
        '+++\ntitle = "Envoys"\ndate = 2024-01-01\n+++\nFirst paragraph about weather.\n\nThe U.N. envoy came with an F.B.I. agent of the U.S. embassy.\n',
    });
    const page = await context.newPage();
    const shown = () =>
      page.$$eval("#search-results li", (items) =>
        items.map((li) => ({
          href: li.querySelector("a.search-hit").getAttribute("href"),
          marked: [...li.querySelectorAll(".search-passage mark")].map((m) => m.textContent),
        })),
      );
    for (const [query, marked] of [["UN", "U.N"], ["U.N.", "U.N"], ["us", "U.S"], ["fbi", "F.B.I"]]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      await results(page);
      const fromCards = await shown();
      assert.deepEqual(fromCards, [{ href: "../2024/envoys/index.html#p-2", marked: [marked] }], query);
      // The same from the document chunk, as a result without a card shows it.
      await page.evaluate((q) =>
        window.glossSearch.page.open().then((index) => {
          index.keepCards = () => {};
          index.termCards.clear();
          index.lists.clear();
          return window.glossSearch.page.run(q);
        }), query);
      assert.deepEqual(await shown(), fromCards, query);
    }
    await page.close();
  });

  it("finds a Chinese or Japanese word of one character, and marks it", async () => {
    const site = writeSite("one-character", "2022/pet/index.html", {
      "site.toml": 'title = "Z"\nbase_url = "https://example.org/"\nlanguage = "zh"\n',
      "content/2022/pet.md": '+++\ntitle = "我的宠物"\ndate = 2022-01-01\n+++\n我有一只猫，猫很可爱。我也有一条狗。\n\n日本語の本を読む。\n',
      "content/2022/zoo.md": '+++\ntitle = "动物园"\ndate = 2022-01-02\n+++\n动物园里有熊猫。\n',
    });
    const page = await context.newPage();
    for (const [query, hrefs, marked] of [
      ["猫", ["../2022/pet/index.html#p-1", "../2022/zoo/index.html#p-1"], ["猫", "猫", "猫"]],
      ["狗", ["../2022/pet/index.html#p-1"], ["狗"]],
      ["本", ["../2022/pet/index.html#p-2"], ["本", "本"]],
      ["熊猫", ["../2022/zoo/index.html#p-1"], ["熊猫"]],
    ]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      assert.deepEqual((await results(page)).map((r) => r.href).sort(), hrefs, query);
      assert.deepEqual(await page.$$eval("#search-results .search-passage mark", (all) => all.map((m) => m.textContent)), marked, query);
    }
    await page.close();
  });

  it("finds words with soft hyphens, zero-width spaces or a tatweel in them, and marks them whole", async () => {
    const site = writeSite("invisible", "2024/shy/index.html", {
      "site.toml": 'title = "Shy"\nbase_url = "https://example.org/"\n',
      "content/2024/shy.md":
        '+++\ntitle = "Shy"\ndate = 2024-01-01\n+++\nThe de\u00adnu\u00adclear\u00adiza\u00adtion talks and the Yong\u200bbyon site.\n\n\u0648\u0642\u0627\u0644 \u0627\u0644\u0643\u062a\u0640\u0640\u0640\u0627\u0628 \u0627\u0644\u0623\u0628\u064a\u0636.\n',
    });
    const page = await context.newPage();
    for (const [query, href, marked] of [
      ["denuclearization", "../2024/shy/index.html#p-1", "de\u00adnu\u00adclear\u00adiza\u00adtion"],
      ["Yongbyon", "../2024/shy/index.html#p-1", "Yong\u200bbyon"],
      ["\u0627\u0644\u0643\u062a\u0627\u0628", "../2024/shy/index.html#p-2", "\u0627\u0644\u0643\u062a\u0640\u0640\u0640\u0627\u0628"],
    ]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      assert.deepEqual((await results(page)).map((r) => r.href), [href], query);
      assert.deepEqual(await page.$$eval("#search-results .search-passage mark", (all) => all.map((m) => m.textContent)), [marked], query);
    }
    await page.close();
  });

  it("shows a passage holding every word of the query, read from the document once the page is shown", async () => {
    const site = writeSite("passages", "2024/water/index.html", {
      "site.toml": 'title = "Water"\nbase_url = "https://example.org/"\n',
      "content/2024/water.md":
        '+++\ntitle = "Water"\ndate = 2024-01-01\n+++\nThe water main under Elm Street is a century old.\n\nPipe breaks doubled in five years.\n\nMain breaks rose sharply last winter.\n',
    });
    const page = await context.newPage();
    await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent("main breaks"));
    await results(page);
    // The words' own cards hold the paragraphs where each first occurs, neither with both.
    await page.waitForFunction(() => document.querySelector("#search-results a.search-hit")?.getAttribute("href").endsWith("#p-3"));
    assert.deepEqual(
      await page.$$eval("#search-results .search-passage mark", (all) => all.map((m) => m.textContent)),
      ["Main", "breaks"],
    );
    await page.close();
  });

  it("lands on the table cell it found, whose words stand earlier on the page too", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `| Filler ${i} | mud |`).join("\n");
    const site = writeSite("cells", "2024/congo/index.html", {
      "site.toml": 'title = "Cells"\nbase_url = "https://example.org/"\n',
      "content/2024/congo.md":
        '+++\ntitle = "The sitatunga of Congo"\ndate = 2024-01-01\n+++\n' +
        `| Animal | Range |\n| - | - |\n${rows}\n| The sitatunga of Congo | papyrus swamps |\n`,
      "content/2024/congo.annotations.toml": '[[note]]\nquote = "sitatunga"\nbody = "An antelope."\n',
    });
    const page = await context.newPage();
    // The cell's words are the title's too, and its note's marker stands among them.
    for (const [query, cell] of [["papyrus", "papyrus swamps"], ["sitatunga", "The sitatungaNote 1 of Congo"]]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      const found = await results(page);
      const hit = found.find((r) => r.kind === "Article");
      assert.match(hit.href, /#p-\d+$/, query);
      await Promise.all([page.waitForURL(/congo/), page.click(`#search-results a.search-hit[href="${hit.href}"]`)]);
      const there = await landing(page);
      assert.equal((await page.textContent(`#${there.id}`)).trim(), cell, query);
      assert.ok(there.inView, query);
    }
    await page.close();
  });

  it("takes the last word as the start of others while typing, not when opened or submitted", async () => {
    const site = writeSite("prefixes", "2024/hill/index.html", {
      "site.toml": 'title = "Prefixes"\nbase_url = "https://example.org/"\n',
      "content/2024/hill.md": '+++\ntitle = "On the Hill"\ndate = 2024-01-01\n+++\nThe Hill voted.\n',
      "content/2024/hillary.md": '+++\ntitle = "A campaign"\ndate = 2024-01-02\n+++\nHillary spoke.\n',
    });
    const page = await context.newPage();
    const titles = async () => (await results(page)).map((r) => r.text.replace(/^Article\s*/, "")).sort();
    await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent("The Hill"));
    assert.deepEqual(await titles(), ["On the Hill"], "opened from the address");
    await page.fill("#search-input", "");
    await page.keyboard.type("Hill");
    await page.waitForFunction(() => document.querySelectorAll("#search-results a.search-hit").length === 2);
    assert.deepEqual(await titles(), ["A campaign", "On the Hill"], "while typing");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelectorAll("#search-results a.search-hit").length === 1);
    assert.deepEqual(await titles(), ["On the Hill"], "submitted");
    // A start of a word that is none finds the words it starts all the same.
    await page.goto(url(site, "search/index.html") + "?q=Hilla");
    assert.deepEqual(await titles(), ["A campaign"], "a start alone");
    await page.close();
  });

  it("finds Korean words by their start, as they stand with their particles", async () => {
    const site = writeSite("korean", "2019/seoul/index.html", {
      "site.toml": 'title = "Archive"\nbase_url = "https://example.org/"\nlanguage = "ko"\n',
      "content/2019/seoul.md": "+++\ntitle = \"Seoul\"\ndate = 2019-08-06\n+++\n서울대학교는 1946년에 설립되었습니다.\n",
      "content/2019/busan.md": "+++\ntitle = \"Busan\"\ndate = 2019-08-07\n+++\n부산은 항구 도시입니다.\n",
    });
    const page = await context.newPage();
    for (const query of ["서울 설립", "설립 서울대학교", "서울"]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      const found = await results(page);
      assert.deepEqual(found.map((r) => r.href.replace(/#.*/, "")), ["../2019/seoul/index.html"], query);
    }
    await page.close();
  });

  it("finds an Arabic word with or without its article, as the index does", async () => {
    const site = writeSite("arabic", "2019/cairo/index.html", {
      "site.toml": 'title = "أرشيف"\nbase_url = "https://example.org/"\nlanguage = "ar"\n',
      "content/2019/cairo.md": "+++\ntitle = \"القاهرة\"\ndate = 2019-08-06\n+++\nوصل الوفد إلى القاهرة أمس، ثم عاد بالقطار.\n",
    });
    const page = await context.newPage();
    for (const [query, marked] of [["قاهرة", "القاهرة"], ["بالقاهرة", "القاهرة"], ["قطار", "بالقطار"], ["وفد", "الوفد"]]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      assert.equal((await results(page)).length, 1, query);
      const marks = await page.$$eval("#search-results mark", (all) => all.map((m) => m.textContent));
      assert.ok(marks.includes(marked), `${query}: ${marks}`);
    }
    // A misspelling in another script than Latin is offered its word too.
    await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent("قاهره"));
    assert.equal(await (await page.waitForSelector("#search-status a.search-suggestion")).textContent(), "القاهرة");
    await page.close();
  });

  it("keeps finding a word at every letter typed, past where its stem ends", async () => {
    const site = writeSite("typing", "2019/talks/index.html", {
      "site.toml": 'title = "Typing"\nbase_url = "https://example.org/"\n',
      "content/2019/talks.md": "+++\ntitle = \"Talks\"\ndate = 2019-08-06\n+++\nThe envoys were talking about policies and stopped.\n",
    });
    const page = await context.newPage();
    await page.goto(url(site, "search/index.html"));
    for (const word of ["talking", "policies", "stopped"]) {
      for (let n = 4; n <= word.length; n++) {
        await page.fill("#search-input", "");
        await page.type("#search-input", word.slice(0, n));
        await page.waitForFunction(
          (typed) => document.querySelector("[data-gloss-search]")?.dataset.state === "done" &&
            document.querySelector("#search-status").textContent.includes(`“${typed}”`),
          word.slice(0, n),
        );
        const found = await page.$$eval("#search-results a.search-hit", (links) => links.length);
        assert.equal(found, 1, `${word.slice(0, n)} found nothing`);
        const marked = await page.$$eval("#search-results mark", (marks) => marks.map((m) => m.textContent));
        assert.ok(marked.includes(word), `${word.slice(0, n)}: ${marked}`);
      }
    }
    await page.close();
  });

  it("lands on a heading it found, not on its line in the table of contents", async () => {
    const paragraphs = ["Alpha", "Bravo", "Quibblefish aftermath", "Delta"]
      .map((heading, i) => `## ${heading}\n\n${"Words of the section go on here. ".repeat(40)}Part ${i}.\n`)
      .join("\n");
    const site = writeSite("headings", "2019/long/index.html", {
      "site.toml": 'title = "Headings"\nbase_url = "https://example.org/"\n',
      "content/2019/long.md": `+++\ntitle = "Long"\ndate = 2019-08-06\n+++\n${paragraphs}`,
    });
    const page = await context.newPage();
    await page.goto(url(site, "search/index.html") + "?q=quibblefish");
    const [hit] = await results(page);
    assert.match(hit.href, /#p-\d+$/);
    await Promise.all([page.waitForURL(/long/), page.click("#search-results a.search-hit")]);
    const landed = await page.evaluate(() => {
      const heading = document.querySelector(":target")?.closest("h2");
      const r = heading?.getBoundingClientRect();
      return { text: heading?.textContent, inView: Boolean(r && r.top >= 0 && r.top < innerHeight), contents: document.querySelector("details")?.open };
    });
    assert.deepEqual(landed, { text: "Quibblefish aftermath", inView: true, contents: false });
    await page.close();
  });

  it("counts its results in the plural forms of the site's language", async () => {
    const files = {
      "site.toml":
        'title = "Архив"\nbase_url = "https://example.org/"\nlanguage = "ru"\n[labels]\n' +
        'results_for = "{n} результата по запросу «{query}»."\nresults_for_one = "{n} результат по запросу «{query}»."\n' +
        'results_for_few = "{n} результата по запросу «{query}»."\nresults_for_many = "{n} результатов по запросу «{query}»."\n' +
        'results_showing = "{n} результата по запросу «{query}», показаны первые {m}."\n' +
        'results_showing_one = "{n} результат по запросу «{query}», показаны первые {m}."\n' +
        'results_showing_many = "{n} результатов по запросу «{query}», показаны первые {m}."\n',
    };
    // 21 articles say "альфа"; 3 of them "бета" too, 5 "гамма".
    for (let i = 1; i <= 21; i++) {
      const words = ["альфа", i <= 3 ? "бета" : "", i <= 5 ? "гамма" : ""].join(" ");
      files[`content/2019/s${i}.md`] = `+++\ntitle = "Статья ${i}"\ndate = 2019-03-${String(i).padStart(2, "0")}\n+++\nТекст: ${words}.\n`;
    }
    const site = writeSite("russian", "2019/s1/index.html", files);
    const page = await context.newPage();
    for (const [query, said] of [
      ["альфа", "21 результат по запросу «альфа», показаны первые 10."],
      ["бета", "3 результата по запросу «бета»."],
      ["гамма", "5 результатов по запросу «гамма»."],
    ]) {
      await page.goto(url(site, "search/index.html") + "?q=" + encodeURIComponent(query));
      await results(page);
      assert.equal(await page.textContent("#search-status"), said, query);
    }
    await page.close();
  });

  it("Back comes to the query of a result opened before typing paused", async () => {
    for (const origin of Object.keys(ORIGINS)) {
      const page = await context.newPage();
      await page.goto(searchPage(undefined, origin));
      assert.equal(await page.isVisible("#search-help"), true);
      await page.keyboard.type("Yongbyon");
      await results(page);
      await page.keyboard.press("ArrowDown");
      await Promise.all([page.waitForURL((u) => !u.pathname.includes("/search/")), page.keyboard.press("Enter")]);
      await page.goBack();
      assert.match(page.url(), /\?q=Yongbyon$/, origin);
      await results(page);
      assert.equal(await page.inputValue("#search-input"), "Yongbyon", origin);
      await page.close();
    }
  });

  it("Back from a result shows the results, scroll and focus the reader left", async () => {
    for (const origin of Object.keys(ORIGINS)) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1000, height: 600 });
      await page.goto(searchPage("north korea", origin));
      await results(page);
      await page.click("#search-more");
      await page.waitForFunction(() => document.querySelectorAll("#search-results a.search-hit").length > 10);
      // Every result shown with its best passage: none changes under the reader after.
      await page.evaluate(() => window.glossSearch.page.settled);
      const links = await page.$$eval("#search-results a.search-hit", (all) => all.map((a) => a.getAttribute("href")));
      const opened = links.length - 2;
      await page.focus(`#search-results li:nth-child(${opened + 1}) a.search-hit`);
      const scroll = await page.evaluate(() => scrollY);
      assert.ok(scroll > 0, origin);
      await Promise.all([page.waitForURL((u) => !u.pathname.includes("/search/")), page.keyboard.press("Enter")]);
      await page.goBack();
      await page.waitForFunction((n) => document.querySelectorAll("#search-results a.search-hit").length === n, links.length);
      await page.waitForFunction((y) => scrollY === y, scroll);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), links[opened], origin);
      await page.close();
    }
  });

  it("says so when nothing matches", async () => {
    const page = await context.newPage();
    await page.goto(searchPage("zzyzx"));
    assert.deepEqual(await results(page), []);
    assert.equal(await page.textContent("#search-status"), "No results for “zzyzx”.");
    await page.close();
  });

  it("offers the closest word the archive has when a word finds nothing, and runs it", async () => {
    const page = await context.newPage();
    const offer = "No results for “Yongbion nuclear”. Did you mean Yongbyon nuclear?";
    for (const origin of Object.keys(ORIGINS)) {
      await page.goto(searchPage("Yongbion nuclear", origin));
      const link = await page.waitForSelector("#search-status a.search-suggestion");
      assert.equal(await link.textContent(), "Yongbyon nuclear", origin);
      assert.equal(await page.textContent("#search-status"), offer, origin);
      assert.equal(await page.textContent("#search-live"), offer, origin);
      await link.click();
      await page.waitForFunction(() => /results? for “Yongbyon nuclear”/.test(document.getElementById("search-status").textContent));
      assert.ok((await results(page)).length >= 1, origin);
      assert.equal(await page.inputValue("#search-input"), "Yongbyon nuclear", origin);
      assert.match(page.url(), /\?q=Yongbyon(\+|%20)nuclear$/, origin);
      assert.equal(await page.evaluate(() => document.activeElement.id), "search-input", origin);
    }
    // The start of a word being typed counts; a word with nothing close is offered nothing.
    await page.goto(searchPage());
    await page.fill("#search-input", "denuclearisat");
    assert.equal(await (await page.waitForSelector("#search-status a.search-suggestion")).textContent(), "denuclearization");
    // A misspelling that sorts before its word, which starts the next shard of the
    // index (see its manifest): the word is found there.
    await page.goto(searchPage("contry"));
    assert.equal(await (await page.waitForSelector("#search-status a.search-suggestion")).textContent(), "country");
    // A misspelling of a common word whose first letter is wrong sorts shards away from
    // it: found among the manifest's commonest terms.
    await page.goto(searchPage("uclear"));
    assert.equal(await (await page.waitForSelector("#search-status a.search-suggestion")).textContent(), "nuclear");
    // A last word taken as still being typed, whose stem finds nothing either, is
    // offered the word it stands for too.
    await page.goto(searchPage("Hnoi"));
    assert.equal(await (await page.waitForSelector("#search-status a.search-suggestion")).textContent(), "Hanoi");
    await page.goto(searchPage("zzyzx"));
    await results(page);
    await page.waitForTimeout(200);
    assert.equal(await page.$("#search-status a"), null);
    await page.close();
  });

  it("says why a query of only common words, letters or digits searches nothing", async () => {
    const page = await context.newPage();
    for (const [query, said] of [
      ["the of", "Only very common words: add a more specific one."],
      ["8-1", "Single letters and digits are not searched: add a word of two or more."],
      ["the 5", "Only very common words and single letters: add a more specific word."],
      ["—", "Nothing to search for in these characters: type a word."],
    ]) {
      await page.goto(searchPage(query));
      await page.waitForSelector('[data-gloss-search][data-state="done"]');
      assert.equal(await page.textContent("#search-status"), said, query);
    }
    await page.close();
  });

  it("makes the same terms as the index builder", async () => {
    const page = await context.newPage();
    await page.goto(searchPage());
    await page.evaluate(() => window.glossSearch.page.open());
    // The table of SHARED_CASES in src/search/terms.rs.
    const cases = [
      ["Kim’s offer", ["kim", "offer"]],
      ["O‘Reilly’s l‘homme Hawaiʼi ‘U.S.’ 'U.K.'", ["oreil", "homm", "hawaii", "us", "uk"]],
      ["القاهرة وبالقاهرة للقاهرة قاهرة الله", ["قاهرة", "قاهرة", "قاهرة", "قاهرة", "له"]],
      ["Talks, talking, talked", ["talk", "talk", "talk"]],
      ["policies policy", ["policy", "policy"]],
      ["Pyŏngyang Nyŏngbyŏn", ["pyongyang", "nyongbyon"]],
      ["STRASSE straße", ["strass", "strass"]],
      ["the U.S. and a 5% rise", ["us", "ris"]],
      ["making make made", ["mak", "mak", "mad"]],
      ["agree agreed agreeing", ["agr", "agr", "agr"]],
      ["stopped running", ["stop", "run"]],
      ["Trump–Kim long-range", ["trump", "kim", "long", "rang"]],
      ["ﬁnal İstanbul", ["final", "istanbul"]],
      ["1994 2019-03-06", ["1994", "2019", "03", "06"]],
      ["3.14 and 2,5 of 14; 1.2.3 06.03.2019 1,000,000 v2.0 3.14's 7.", ["3.14", "2.5", "14", "06", "03", "2019", "000", "000", "v2", "14"]],
      ["status analysis classes", ["status", "analysis", "class"]],
      ["Yongbyon’s", ["yongbyon"]],
      ["'90s rock", ["90s", "rock"]],
      ["clearly", ["clear"]],
      ["L’économie de l'euro", ["economi", "de", "euro"]],
      ["the U.S. and U.S.A. e.g. end.A.B 2.0 Ph.D.", ["us", "usa", "eg", "end", "ab", "2.0", "ph"]],
      ["The EU's budget, Jong-un’s envoy", ["eu", "budget", "jong", "un", "envoy"]],
      ["北京市の港湾局", ["北京", "京市", "市の", "の港", "港湾", "湾局", "局"]],
      ["東京タワー 港", ["東京", "京タ", "タワ", "ワー", "ー", "港"]],
      ["Tokyo東京2020", ["tokyo", "東京", "京", "2020"]],
      ["de\u00adnu\u00adclear Yong\u200bbyon \u0627\u0644\u0643\u062a\u0640\u0640\u0627\u0628", ["denuclear", "yongbyon", "كتاب"]],
      ["Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch's", ["llanfairpwllgwyngyllgogerychwyrndrobwlll"]],
    ];
    for (const [text, expected] of cases) {
      assert.deepEqual(await page.evaluate((t) => window.glossSearch.terms(t), text), expected, text);
    }
    // Marks cover the matched words, and in Chinese or Japanese the matched characters.
    const marked = [
      ["The talks in Hanoi", "talk", "The <mark>talks</mark> in Hanoi"],
      ["日本の首都は東京です", "首都", "日本の<mark>首都</mark>は東京です"],
      ["東京都の港湾局", "東京都", "<mark>東京都</mark>の港湾局"],
      ["北京と東京", "東京 北京", "<mark>北京</mark>と<mark>東京</mark>"],
      // A run with digits or Latin letters in it, as dates are written.
      ["北京大学成立于1898年", "北京", "<mark>北京</mark>大学成立于1898年"],
      ["1919年5月4日的学生运动", "运动", "1919年5月4日的学生<mark>运动</mark>"],
      ["Tokyo東京2020", "2020", "Tokyo東京<mark>2020</mark>"],
      // One character, found in the pairs it starts, marks only itself.
      ["我有一只猫，猫很可爱。", "猫", "我有一只<mark>猫</mark>，<mark>猫</mark>很可爱。"],
      ["日本語の本を読む", "本", "日<mark>本</mark>語の<mark>本</mark>を読む"],
    ];
    for (const [text, query, expected] of marked) {
      assert.equal(await page.evaluate(([t, q]) => window.glossSearch.marked(t, q), [text, query]), expected, text);
    }
    await page.close();
  });
});

describe("search without JavaScript", () => {
  it("the header box gives way to a link saying search needs JavaScript, to the search page, which says so", async () => {
    const page = await noScript.newPage();
    await page.goto(url("example", "index.html"));
    // No box to type into that could not search; the link says why, in its place.
    assert.equal(await page.isVisible("#site-search"), false);
    assert.equal(await page.isVisible("form[role=search] button"), false);
    const off = page.locator(".site-search-off");
    assert.equal(await off.isVisible(), true);
    assert.equal((await off.textContent()).trim(), "Search needs JavaScript");
    await Promise.all([page.waitForURL(/search\/(index\.html)?$/), off.click()]);
    const message = await page.textContent(".search-nojs");
    assert.match(message, /Search needs JavaScript/);
    const lists = await page.$$eval(".search-nojs a", (links) => links.map((a) => a.getAttribute("href")));
    for (const list of ["archive", "tags", "authors", "sources", "context"]) {
      assert.ok(lists.some((href) => href.startsWith(`../${list}/`)), `${list}: ${lists}`);
    }
    // The keys it would take are not offered without the script that reads them.
    assert.equal(await page.isVisible("#search-help"), false);
    await page.close();
    // With the script, the box is there and the link is not.
    const live = await context.newPage();
    await live.goto(url("example", "index.html"));
    assert.equal(await live.isVisible("#site-search"), true);
    assert.equal(await live.isVisible(".site-search-off"), false);
    const label = await live.$eval("form[role=search] input[name=q]", (input) => input.labels[0]?.textContent);
    assert.equal(label, "Search the archive");
    await live.close();
  });

});
