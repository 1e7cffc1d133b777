// Where the notes sit: beside the text on wide screens (with and without
// JavaScript), hidden until opened on narrow ones; the measure, the language,
// the colour schemes, print, and that nothing is fetched from another host.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { crc32, deflateSync } from "node:zlib";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { NARROW, SITES, WIDE, addStyle, build, htmlFiles, launch, offsite, open, overlaps, repo, sidenoteBoxes, writeSite } from "./lib.mjs";

let context;
let noScript;
before(async () => {
  context = await launch();
  noScript = await launch({ javaScriptEnabled: false });
});
after(async () => {
  await context?.close();
  await noScript?.close();
});

/** Boxes of the text blocks of the article body (what a sidenote must not cover). */
function textBoxes(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll(".article-body :is(p, h2, h3, h4, li, table, blockquote, pre)")]
      .filter((el) => !el.closest(".gloss-sidenote"))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right };
      }),
  );
}

function coverText(notes, blocks) {
  const hits = [];
  for (const { n, box } of notes) {
    for (const b of blocks) {
      if (box.top < b.bottom && b.top < box.bottom && box.left < b.right && b.left < box.right) hits.push(n);
    }
  }
  return [...new Set(hits)];
}

for (const site of Object.keys(SITES)) {
  describe(`${site} article`, () => {
    it("at 1920, 1400 and 1060 px places every sidenote beside the text, in order, near its marker, none overlapping", async () => {
      // 1060 px: just above the 66em where the text, the gap and the margin column fit;
      // 1920 px: past the 100em where the margin column widens.
      const widths = {};
      for (const viewport of [{ width: 1920, height: WIDE.height }, WIDE, { width: 1060, height: WIDE.height }]) {
        const page = await open(context, site, { viewport });
        const notes = await sidenoteBoxes(page);
        const markers = await page.locator(".gloss-marker").count();
        assert.ok(markers > 0);
        assert.equal(notes.length, markers, "every marker has a visible sidenote");
        assert.deepEqual(overlaps(notes), [], "sidenotes overlap");
        assert.deepEqual(coverText(notes, await textBoxes(page)), [], "sidenotes cover the text");
        for (const { n, box, marker } of notes) {
          // Half a screen at most, so a note is in view with its marker; a whole screen in
          // the fixture crowded past what shortening notes can make room for.
          const reach = site === "crowded" ? WIDE.height : WIDE.height / 2;
          assert.ok(Math.abs(box.top - marker.top) < reach, `note ${n} starts ${box.top - marker.top}px from its marker`);
          assert.ok(box.top >= marker.top - 24, `note ${n} starts above its marker's line`);
          assert.ok(box.right <= viewport.width, `note ${n} runs off the page at ${viewport.width}px`);
        }
        const tops = notes.map((note) => note.box.top);
        assert.deepEqual(tops, [...tops].sort((a, b) => a - b), "sidenotes keep the markers' order");
        widths[viewport.width] = notes[0].box.right - notes[0].box.left;
        await page.close();
      }
      assert.ok(widths[1920] > widths[1400] + 50, `margin notes ${widths[1920]} px wide at 1920 px, ${widths[1400]} px at 1400 px`);
    });

    it("at 1400 px without JavaScript floats the sidenotes into the margin, none overlapping", async () => {
      const page = await open(noScript, site, { viewport: WIDE });
      const notes = await sidenoteBoxes(page);
      assert.ok(notes.length > 0);
      assert.deepEqual(overlaps(notes), [], "sidenotes overlap");
      assert.deepEqual(coverText(notes, await textBoxes(page)), [], "sidenotes cover the text");
      await page.close();
    });

    it("at 390 px hides the sidenotes and never scrolls sideways", async () => {
      for (const ctx of [context, noScript]) {
        const page = await open(ctx, site, { viewport: NARROW });
        assert.deepEqual(await sidenoteBoxes(page), []);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= NARROW.width, `page is ${width}px wide`);
        await page.close();
      }
    });

    it("sets a measure of 65 to 75 characters", async () => {
      for (const viewport of [WIDE, { width: 1000, height: 800 }]) {
        const page = await open(context, site, { viewport });
        const perLine = await page.evaluate(() => {
          const body = document.querySelector(".article-body");
          const paragraph = body.querySelector(":scope > p");
          const probe = document.createElement("span");
          probe.style.whiteSpace = "nowrap";
          probe.textContent = body.textContent.replace(/\s+/g, " ").slice(0, 2000);
          paragraph.append(probe);
          const average = probe.getBoundingClientRect().width / probe.textContent.length;
          probe.remove();
          return paragraph.clientWidth / average;
        });
        assert.ok(perLine >= 65 && perLine <= 75, `${Math.round(perLine)} characters a line at ${viewport.width}px`);
        await page.close();
      }
    });

    it("takes lang from site.toml", async () => {
      const page = await open(noScript, site);
      const expected = site === "crowded" ? "en-GB" : "en";
      assert.equal(await page.getAttribute("html", "lang"), expected);
      await page.close();
    });

    it("loads nothing from other hosts and no web fonts", async () => {
      const page = await open(context, site);
      const resources = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name));
      assert.deepEqual(resources.filter((name) => !name.startsWith("file:")), []);
      const fonts = await page.evaluate(() => [...document.fonts].length);
      assert.equal(fonts, 0, "no @font-face");
      assert.deepEqual(offsite, []);
      await page.close();
    });

    it("follows prefers-color-scheme", async () => {
      const page = await open(context, site);
      const luminance = () =>
        page.evaluate(() => {
          const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        });
      await page.emulateMedia({ colorScheme: "light" });
      assert.ok((await luminance()) > 0.9, "light background in the light scheme");
      await page.emulateMedia({ colorScheme: "dark" });
      assert.ok((await luminance()) < 0.15, "dark background in the dark scheme");
      await page.close();
    });

    it("prints the article and its endnotes with source addresses, without navigation", async () => {
      const page = await open(context, site);
      await page.emulateMedia({ media: "print" });
      const shown = (selector) =>
        page.evaluate((s) => [...document.querySelectorAll(s)].some((el) => el.getClientRects().length > 0), selector);
      assert.equal(await shown(".site-header"), false, "site navigation printed");
      assert.equal(await shown(".site-footer"), false, "footer printed");
      assert.equal(await shown(".gloss-sidenote"), false, "sidenotes printed twice");
      assert.equal(await shown(".gloss-notes li"), true, "endnotes missing");
      const printed = await page.evaluate(() =>
        [...document.querySelectorAll(".gloss-notes .gloss-sources a, .source-link")].map((a) => [
          a.getAttribute("href"),
          getComputedStyle(a, "::after").content,
        ]),
      );
      assert.ok(printed.length > 0);
      for (const [href, content] of printed) assert.ok(content.includes(href), `${href} is not printed`);
      await page.close();
    });

    it("shows a visible focus outline on markers and links", async () => {
      const page = await open(context, site, { viewport: NARROW });
      await page.locator(".gloss-marker").first().focus();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { marker: document.activeElement.matches(".gloss-marker"), style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      assert.ok(outline.marker, "focus is on a marker");
      assert.notEqual(outline.style, "none");
      assert.ok(outline.width >= 2);
      await page.close();
    });
  });
}

describe("gloss.js", () => {
  it("is small, self-contained and fetches nothing", () => {
    const source = readFileSync(join(repo, "static", "gloss.js"), "utf8");
    // A page's one script, unminified and commented: 15 KiB, about 5 KiB compressed.
    assert.ok(source.length < 15 * 1024, `gloss.js is ${source.length} bytes`);
    assert.doesNotMatch(source, /\bimport\b|\brequire\(|fetch\(|XMLHttpRequest|https?:\/\//);
  });
});

describe("a note in a narrow table cell", () => {
  // Twelve notes, the last in a cell beside an address a phone's column must break.
  const words = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ivy", "Juniper", "Larch"];
  const site = writeSite("cell-marker", "2024/cells/index.html", {
    "site.toml": 'title = "Cells"\nbase_url = "https://example.org/"\n',
    "content/2024/cells.md": [
      '+++\ntitle = "Cells"\ndate = 2024-01-02\n+++\n',
      `${words.join(" ")}.\n`,
      "| Port | Ledger |",
      "| --- | --- |",
      "| Singapore | https://example.org/harbours/singapore/ledgers/1833-1911/volume-two |",
      "",
    ].join("\n"),
    "content/2024/cells.annotations.toml": [...words, "Singapore"]
      .map((w) => `[[note]]\nquote = "${w}"\nbody = "About ${w}."\n`)
      .join("\n"),
  });

  it("keeps a marker's number on one line", async () => {
    const page = await open(context, site, { viewport: { width: 320, height: 800 } });
    const marker = page.locator("td #noteref-12");
    assert.match(await marker.textContent(), /12$/);
    assert.equal(await marker.evaluate((m) => m.getClientRects().length), 1, "the number breaks across lines");
    await page.close();
  });
});

describe("crowded article", () => {
  it("shortens a long note behind a More button that opens it and keeps the layout clear", async () => {
    const page = await open(context, "crowded", { viewport: WIDE });
    const more = page.locator("#sidenote-3 .gloss-more");
    assert.equal(await more.isVisible(), true, "the long note has a More button");
    assert.equal(await more.getAttribute("aria-expanded"), "false");
    const before = (await page.locator("#sidenote-3").boundingBox()).height;
    await more.click();
    assert.equal(await more.getAttribute("aria-expanded"), "true");
    const opened = (await page.locator("#sidenote-3").boundingBox()).height;
    assert.ok(opened > before + 40, `note grew from ${before} to ${opened}`);
    assert.deepEqual(overlaps(await sidenoteBoxes(page)), [], "sidenotes overlap once a note is opened");
    await more.click();
    assert.equal(await more.getAttribute("aria-expanded"), "false");
    await page.close();
  });

  it("the overlap check catches overlapping sidenotes (negative control)", async () => {
    const page = await open(context, "crowded", { viewport: WIDE });
    await addStyle(page, ".gloss-placed .gloss-sidenote { top: 0 !important; }");
    assert.ok(overlaps(await sidenoteBoxes(page)).length > 0, "stacked sidenotes were not reported");
    await page.close();
    const floated = await open(noScript, "crowded", { viewport: WIDE });
    await addStyle(floated, ".gloss-sidenote { clear: none !important; }");
    assert.ok(overlaps(await sidenoteBoxes(floated)).length > 0, "unstacked floats were not reported");
    await floated.close();
  });
});

describe("print", () => {
  // Guards the reader report of code and tables cut off at the paper's edge: a long
  // command, an address with no space to break at, and a table of eight columns.
  const wide = writeSite("print", "2024/wide/index.html", {
    "site.toml": 'title = "Print"\nbase_url = "https://example.org/"\n',
    "content/2024/wide.md": [
      '+++\ntitle = "Wide things on paper"\ndate = 2024-01-02\n+++\n',
      "A command:\n",
      "```sh\ngloss build --root ./archive --output ./public --drafts --base-url https://example.org/a/rather/long/path/ && rsync -av ./public/ host:/srv/www/archive/\n```\n",
      "A log:\n",
      `\`\`\`\n${"0123456789abcdef".repeat(12)}\n\`\`\`\n`,
      `| ${["Harbour", "Established", "Highest spring tide", "Lowest neap tide", "Gauge", "Clerk", "Ledger", "Address"].join(" | ")} |`,
      `|${" --- |".repeat(8)}`,
      `| Portlow | 1833 | 6.1 m at the September equinox | 1.2 m | Pier head | Two clerks | Customs house | https://example.org/harbours/portlow/ledgers/1833-1911 |`,
      "",
      "![The harbour wall, top to bottom](wall.svg)",
      "",
    ].join("\n"),
    "content/2024/wall.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="1400"><rect width="300" height="1400" fill="#888"/></svg>\n',
  });
  // An A4 page less the print margins, in CSS pixels.
  const PAPER = { width: 628, height: 900 };

  it("wraps code and fits tables to the paper instead of cutting them off", async () => {
    const page = await open(context, wide, { viewport: PAPER });
    const clipped = () =>
      page.evaluate(() => {
        const column = document.querySelector(".article-body").getBoundingClientRect();
        return [...document.querySelectorAll(".article-body :is(pre, .table-scroll, table, td, th)")]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > column.right + 1)
          .map((el) => `${el.localName}: ${el.scrollWidth} px of content in ${el.clientWidth} px`);
      });
    assert.ok((await clipped()).length > 0, "the screen layout already fits: the test proves nothing");
    await page.emulateMedia({ media: "print" });
    assert.deepEqual(await clipped(), []);
    const wrapped = await page.evaluate(() => getComputedStyle(document.querySelector("pre")).whiteSpace);
    assert.equal(wrapped, "pre-wrap", "code keeps its line breaks and indentation");
    // A header's words break between words, not inside one ("Gau / ge").
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll("th")].filter((th) => !th.textContent.includes(" ")).filter((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
      }).map((th) => th.textContent),
    );
    assert.deepEqual(broken, []);
    // A picture taller than a page fits on one (24 cm, in CSS pixels).
    const tall = await page.evaluate(() => document.querySelector(".article-body img").getBoundingClientRect().height);
    assert.ok(tall > 0 && tall <= 24 * 96 / 2.54 + 1, `the picture is ${tall}px tall on paper`);
    await page.close();
  });
});

describe("an article with many notes", () => {
  // Guards the reader report of notes piling up in the margin until one stood 3,000 px
  // below its marker: thirty paragraphs, each with three notes of about 210 characters.
  const words = (n, k) =>
    `Note ${k} of paragraph ${n}: the clerk who kept this page wrote in a careful hand, ` +
    "and the figures agree with the almanac of the same year to within an inch, " +
    "except on the days of the great storms, when the gauge was under water.";
  const paragraphs = [];
  const notes = [];
  for (let n = 1; n <= 30; n++) {
    paragraphs.push(
      `In that year the clerk read gauge ${n} at dawn and again at dusk, and wrote both readings in the ledger with the ` +
        `wind and the weather. The pilots of season ${n} trusted the figures more than the moon, and said so in the ` +
        `harbour office. The town, which had laughed at the clerks, was quiet by the time ledger ${n} was full.`,
    );
    for (const [k, quote] of [`gauge ${n} at dawn`, `season ${n} trusted`, `ledger ${n} was full`].entries()) {
      notes.push(`[[note]]\nquote = "${quote}"\nbody = "${words(n, k + 1)}"\n`);
    }
  }
  const site = writeSite("many-notes", "2024/ledger/index.html", {
    "site.toml": 'title = "Many notes"\nbase_url = "https://example.org/"\n',
    "content/2024/ledger.md": `+++\ntitle = "Ninety notes"\ndate = 2024-01-02\n+++\n\n${paragraphs.join("\n\n")}\n`,
    "content/2024/ledger.annotations.toml": notes.join("\n"),
  });
  const SCREEN = { width: 1280, height: 800 };

  it("at 1280 px keeps every note within a screen of its marker, in the margin or in place", async () => {
    const page = await open(context, site, { viewport: SCREEN });
    const placed = await sidenoteBoxes(page);
    assert.ok(placed.length > 30, `only ${placed.length} notes are in the margin`);
    assert.deepEqual(overlaps(placed), [], "sidenotes overlap");
    assert.deepEqual(coverText(placed, await textBoxes(page)), [], "sidenotes cover the text");
    const end = await page.evaluate(() => document.querySelector(".article-body").getBoundingClientRect().bottom + scrollY);
    for (const { n, box, marker } of placed) {
      assert.ok(Math.abs(box.top - marker.top) <= SCREEN.height, `note ${n} starts ${box.top - marker.top}px from its marker`);
      assert.ok(box.bottom <= end + SCREEN.height, `note ${n} ends ${box.bottom - end}px past the article`);
    }
    // A note the margin has no room for opens in place under its paragraph.
    const inFlow = await page.evaluate(() =>
      [...document.querySelectorAll(".gloss-marker[aria-expanded]")].map((marker) => Number(marker.dataset.note)),
    );
    assert.equal(placed.length + inFlow.length, 90, "every note is in the margin or in the flow");
    for (const n of inFlow.slice(0, 3)) {
      await page.locator(`#noteref-${n}`).click();
      assert.equal(await page.locator(`#noteref-${n}`).getAttribute("aria-expanded"), "true");
      const [opened] = (await sidenoteBoxes(page)).filter((note) => note.n === n);
      assert.ok(opened, `note ${n} did not open`);
      assert.ok(opened.box.top > opened.marker.top && opened.box.top - opened.marker.top <= SCREEN.height, `note ${n} opened ${opened.box.top - opened.marker.top}px from its marker`);
      assert.deepEqual(overlaps(await sidenoteBoxes(page)), [], `sidenotes overlap with note ${n} open`);
      await page.keyboard.press("Escape");
      assert.equal(await page.locator(`#noteref-${n}`).getAttribute("aria-expanded"), "false");
    }
    await page.close();
  });

  it("shortens crowded notes to a few lines behind a More button that opens them in place", async () => {
    const page = await open(context, site, { viewport: SCREEN });
    const id = await page.locator(".gloss-sidenote.is-clamped").first().getAttribute("id");
    const side = page.locator(`#${id}`);
    const more = side.locator(".gloss-more");
    assert.equal(await more.evaluate((button) => button.localName), "button");
    assert.equal(await more.getAttribute("aria-expanded"), "false");
    const before = (await side.boundingBox()).height;
    assert.ok(before < 5 * 19 + 30, `a shortened note is ${before}px tall`);
    await more.click();
    assert.equal(await more.getAttribute("aria-expanded"), "true");
    assert.ok((await side.boundingBox()).height > before + 19, "More did not open the note");
    assert.deepEqual(overlaps(await sidenoteBoxes(page)), [], "sidenotes overlap once a note is opened");
    await page.close();
  });

  it("keeps the focus on a visible Less when More opens any shortened note from the keyboard", async () => {
    const page = await open(context, site, { viewport: SCREEN });
    const ids = await page.locator(".gloss-sidenote.is-clamped").evaluateAll((sides) => sides.map((side) => side.id));
    assert.ok(ids.length > 3, `only ${ids.length} notes are shortened`);
    for (const id of ids) {
      const more = page.locator(`#${id} .gloss-more`);
      await more.focus();
      await page.keyboard.press("Enter");
      const state = () =>
        more.evaluate((button) => ({
          focused: document.activeElement === button,
          shown: button.checkVisibility(),
          expanded: button.getAttribute("aria-expanded"),
        }));
      assert.deepEqual(await state(), { focused: true, shown: true, expanded: "true" }, `${id} opened`);
      await page.keyboard.press("Enter");
      assert.deepEqual(await state(), { focused: true, shown: true, expanded: "false" }, `${id} shortened again`);
    }
    await page.close();
  });
});

/** A `width` by `height` PNG of one colour. */
function png(width, height) {
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, "latin1");
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

describe("a picture in a note", () => {
  const site = writeSite("note-picture", "2024/keeper/index.html", {
    "site.toml": 'title = "Pictures"\nbase_url = "https://example.org/"\n',
    "content/2024/portrait.png": png(300, 400),
    "content/2024/keeper.md": '+++\ntitle = "The keeper"\ndate = 2024-05-01\n+++\n\nThe harbour keeper, Maria Vos, retired.\n',
    "content/2024/keeper.annotations.toml":
      '[[note]]\nquote = "Maria Vos"\nbody = "![Maria Vos in 2019](portrait.png)\\n\\nKeeper from 2011 to 2021."\n',
  });

  it("is a few lines high, whole in the margin and in the notes, in its own proportions", async () => {
    build(site);
    const page = await open(context, site);
    await page.waitForFunction(() => [...document.images].every((img) => img.complete));
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll(".gloss-note-body img")].map((img) => {
        const r = img.getBoundingClientRect();
        const note = img.closest(".gloss-sidenote");
        return {
          width: r.width,
          height: r.height,
          em: parseFloat(getComputedStyle(img).fontSize),
          clamped: note ? note.classList.contains("is-clamped") : false,
        };
      }),
    );
    assert.equal(boxes.length, 2, JSON.stringify(boxes));
    for (const box of boxes) {
      assert.ok(Math.abs(box.height - 9 * box.em) < 1, JSON.stringify(box));
      assert.ok(Math.abs(box.width / box.height - 0.75) < 0.01, JSON.stringify(box));
      assert.equal(box.clamped, false, JSON.stringify(box));
    }
    await page.close();
  });
});

describe("long unbroken words", () => {
  // A headline, tag, heading, address and code span with no break in them wrap inside the
  // column at 320 px instead of making every page that shows them scroll sideways.
  const long = "Pneumonoultramicroscopicsilicovolcanoconiosis";
  const site = writeSite("long-words", "2025/long/index.html", {
    "site.toml": 'title = "Long words"\nbase_url = "https://example.org/"\n',
    "content/2025/long.md":
      `+++\ntitle = "${long}-antidisestablishmentarianism headline"\ndate = 2025-01-02\n` +
      `tags = ["averyveryveryverylongtagnamewithoutanyspacesatallwhatsoever"]\n+++\n\n` +
      `## A heading with ${long} in it\n\n` +
      "See https://example.org/a/very/long/address/that/keeps/going/and/going/without/a/break/index.html here.\n\n" +
      "A `very_long_inline_code_identifier_that_does_not_break_anywhere_at_all` inside.\n",
    "content/2025/long.annotations.toml": `[[note]]\nquote = "${long} in it"\nbody = "A note on a heading."\n`,
  });

  it("make no page scroll sideways at 320 px", async () => {
    const dir = build(site);
    const files = htmlFiles(dir);
    assert.ok(files.length > 10, `only ${files.length} pages`);
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 700 });
    const wide = [];
    for (const file of files) {
      await page.goto(pathToFileURL(file).href);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${relative(dir, file)}: ${width}px`);
    }
    assert.deepEqual(wide, []);
    await page.close();
  });
});

describe("a right-to-left site", () => {
  // Its margin column is on the left, at the end of its lines, with and without gloss.js;
  // an article in a left-to-right language on it keeps the site's side.
  const site = writeSite("rtl", "2024/qimma/index.html", {
    "site.toml": 'title = "أرشيف"\nbase_url = "https://example.org/"\nlanguage = "ar"\n',
    "content/2024/qimma.md":
      '+++\ntitle = "قمة هانوي"\ndate = 2024-03-01\n+++\n\nغادر الرئيس هانوي دون اتفاق، بعد أن عرض كيم تفكيك جزء من مجمع يونغبيون النووي مقابل تخفيف العقوبات.\n',
    "content/2024/qimma.annotations.toml":
      '[[note]]\nquote = "يونغبيون"\nbody = "المجمع النووي الرئيسي."\n\n[[note]]\nquote = "تخفيف العقوبات"\nbody = "رفع جزئي للعقوبات."\n',
    "content/2024/english.md": '+++\ntitle = "Hanoi"\ndate = 2024-03-02\nlanguage = "en"\n+++\n\nThe talks in Hanoi ended early.\n',
    "content/2024/english.annotations.toml": '[[note]]\nquote = "Hanoi"\nbody = "Capital of Viet Nam."\n',
  });

  it("sets the sidenotes in the left margin, clear of the text", async () => {
    for (const [ctx, path] of [[context, undefined], [noScript, undefined], [context, "2024/english/index.html"], [noScript, "2024/english/index.html"]]) {
      const page = await open(ctx, site, { viewport: WIDE, path });
      const notes = await sidenoteBoxes(page);
      assert.ok(notes.length > 0, `no sidenotes on ${path || "the article"}`);
      const text = await page.evaluate(() => document.querySelector(".article-body").getBoundingClientRect().left);
      for (const { n, box } of notes) {
        assert.ok(box.right <= text, `note ${n} of ${path || "the article"} ends at ${box.right}px, right of the text's start at ${text}px`);
        assert.ok(box.left >= 0, `note ${n} runs off the page`);
      }
      assert.deepEqual(overlaps(notes), [], "sidenotes overlap");
      await page.close();
    }
  });
});

describe("a note in Arabic on an English site", () => {
  // Guards the reader report of an Arabic note beside an English site's text laid out
  // left to right inside the note's English head line, its last line starting at the left.
  const site = writeSite("arabic-note", "2024/a/index.html", {
    "site.toml": 'title = "T"\nbase_url = "https://example.org/"\n',
    "content/2024/a.md":
      '+++\ntitle = "مقال"\ndate = 2024-01-02\nlanguage = "ar"\n+++\n\nافتتح المعرض الجديد في القدس يوم الأحد بحضور الوزير والسفراء من دول عديدة وسط اهتمام كبير.\n',
    "content/2024/a.annotations.toml":
      '[[note]]\nquote = "المعرض الجديد"\nbody = "المعرض هو أكبر حدث ثقافي في المدينة منذ عشر سنوات، ويضم أعمالا من أكثر من عشرين بلدا وحفل التوقيع."\n[[note.sources]]\ntitle = "موقع المعرض"\nurl = "https://example.org/x"\n',
  });

  it("sets the note's words right to left, each line ending at the note's right edge", async () => {
    const page = await open(context, site, { viewport: WIDE });
    const body = await page.evaluate(() => {
      const el = document.querySelector("#sidenote-1 .gloss-note-body");
      const box = el.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(el);
      const rights = [...range.getClientRects()].map((r) => Math.round(r.right));
      return { display: getComputedStyle(el).display, direction: getComputedStyle(el).direction, right: Math.round(box.right), rights };
    });
    assert.equal(body.direction, "rtl");
    assert.equal(body.display, "block", "the note's words run inside its English head line");
    assert.ok(body.rights.length > 1, "the note fits one line: the test proves nothing");
    for (const right of body.rights) assert.ok(Math.abs(right - body.right) <= 2, `a line ends at ${right}, the note at ${body.right}`);
    await page.close();
  });
});

describe("a table with long addresses", () => {
  // Guards the reader report of a column of long URLs squeezing a prose column to a
  // word a line (64 px wide, seven lines a cell).
  const rows = Array.from({ length: 6 }, (_, i) =>
    `| ${i + 1} | [https://example.org/harbours/portlow/ledgers/number/${i}/without/any/break](https://example.org/harbours/portlow/ledgers/number/${i}/without/any/break) | a normal cell with several words in it |`);
  const site = writeSite("long-urls", "2024/urls/index.html", {
    "site.toml": 'title = "T"\nbase_url = "https://example.org/"\n',
    "content/2024/urls.md": `+++\ntitle = "Addresses"\ndate = 2024-01-02\n+++\n\n| n | address | text |\n| - | - | - |\n${rows.join("\n")}\n`,
  });

  for (const viewport of [NARROW, WIDE]) {
    it(`at ${viewport.width} px gives the prose column room for more than a word a line`, async () => {
      const page = await open(context, site, { viewport });
      const lines = await page.evaluate(() => {
        const cell = document.querySelector("tbody tr td:last-child");
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      });
      assert.ok(lines <= 3, `"a normal cell with several words in it" takes ${lines} lines`);
      await page.close();
    });
  }
});
