// A reader clicks through the example archive from file://: home to article, to a
// tag, author, publication, year and month page and back to the article, and from a
// context entry to the exact note that mentions it. Links name index.html, so every
// click lands on a page, not on a folder listing.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NARROW, SITES, launch, open, url } from "./lib.mjs";

let context;
before(async () => {
  context = await launch();
});
after(async () => {
  await context?.close();
});

const ARTICLE = SITES.example.article;

/** Clicks the first link matching `selector` and waits for the new page. */
async function click(page, selector) {
  const link = page.locator(selector).first();
  assert.ok(await link.count(), `no link ${selector} on ${page.url()}`);
  const before = page.url();
  await Promise.all([page.waitForURL((next) => next.href !== before), link.click()]);
  await page.waitForLoadState("load");
  assert.ok(page.url().startsWith("file://"), page.url());
  assert.ok(!page.url().endsWith("/"), `landed on a folder: ${page.url()}`);
  return page;
}

describe("the example archive from file://", () => {
  it("home leads to the article and the article to every list it belongs to", async () => {
    const page = await context.newPage();
    await page.goto(url("example", "index.html"));
    await click(page, `a[href$="${ARTICLE}"]`);
    assert.ok(page.url().endsWith(ARTICLE));
    const title = await page.locator("h1").textContent();
    for (const [kind, selector] of [
      ["tag", ".article-header .tags a"],
      ["author", ".article-header .authors a"],
      ["publication", '.article-header a[href*="sources/"]'],
    ]) {
      await page.goto(url("example", ARTICLE));
      await click(page, selector);
      const listed = page.locator(".article-list h2 a", { hasText: title.trim() });
      assert.equal(await listed.count(), 1, `the ${kind} page lists the article`);
      await click(page, `.article-list h2 a`);
      assert.ok(page.url().endsWith(ARTICLE), `back from the ${kind} page`);
    }
    await page.close();
  });

  it("the date archive leads from year to month to the article", async () => {
    const page = await context.newPage();
    await page.goto(url("example", "index.html"));
    await click(page, '.site-nav a[href*="archive/"]');
    await click(page, ".archive-year h2 a");
    await page.goto(url("example", "archive/index.html"));
    await click(page, ".month-list a");
    await click(page, ".article-list h2 a");
    assert.ok(page.url().endsWith(ARTICLE));
    await page.close();
  });

  it("a context entry's mention lands on its note", async () => {
    const page = await context.newPage();
    await page.goto(url("example", "index.html"));
    await click(page, '.site-nav a[href*="context/"]');
    await click(page, ".entry-list a");
    const mention = page.locator(".mentions a").first();
    const href = await mention.getAttribute("href");
    const note = href.split("#")[1];
    await click(page, ".mentions a");
    const target = await page.evaluate(() => document.querySelector(":target")?.id);
    assert.equal(target, note, "the mention lands on the note itself");
    await page.close();
  });
});

describe("a long article's table of contents", () => {
  it("opens from the keyboard and leads to each section", async () => {
    const page = await open(context, "crowded", { viewport: NARROW });
    const summary = page.locator(".contents summary");
    assert.equal(await page.locator(".contents ol").isVisible(), false, "closed until opened");
    await summary.focus();
    await page.keyboard.press("Enter");
    const links = page.locator(".contents a");
    assert.equal(await links.first().isVisible(), true, "Enter opens it");
    const headings = await page.locator(".article-body :is(h2, h3)").evaluateAll((hs) => hs.map((h) => h.id));
    const targets = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href").slice(1)));
    assert.deepEqual(targets, headings, "one entry a section, in order");
    await page.locator(".contents a").last().click();
    const landed = await page.evaluate(() => ({
      hash: location.hash.slice(1),
      top: document.getElementById(location.hash.slice(1)).getBoundingClientRect().top,
    }));
    assert.equal(landed.hash, targets.at(-1));
    assert.ok(landed.top >= -1 && landed.top < 200, `the section's heading is at the top (${landed.top} px)`);
    await page.close();
  });
});
