// Reading a note: opened in place on narrow screens by keyboard and by tap,
// closed by Escape, the close button or a tap elsewhere, with focus back on the
// marker; on wide screens a marker leads to its sidenote; marked words, marker
// and note light up together.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NARROW, WIDE, clickAt, launch, open, settle, writeSite } from "./lib.mjs";

let context;
let touch;
before(async () => {
  context = await launch();
  touch = await launch({ viewport: NARROW, hasTouch: true, isMobile: true });
});
after(async () => {
  await context?.close();
  await touch?.close();
});

const state = (page, n) =>
  page.evaluate((n) => {
    const side = document.getElementById(`sidenote-${n}`);
    const marker = document.getElementById(`noteref-${n}`);
    return {
      visible: side.getClientRects().length > 0,
      expanded: marker.getAttribute("aria-expanded"),
      controls: marker.getAttribute("aria-controls"),
      focus: document.activeElement.id,
      markerTop: marker.getBoundingClientRect().top,
      // Where the note's first lines end (96 px of it, or all of a shorter one).
      firstLines: Math.min(side.getBoundingClientRect().top + 96, side.getBoundingClientRect().bottom),
      innerHeight,
      hash: location.hash,
    };
  }, n);

for (const site of ["example", "crowded"]) {
  describe(`${site} article at 390 px`, () => {
    it("opens a note in place from the keyboard and closes it with Escape", async () => {
      const page = await open(context, site, { viewport: NARROW });
      const n = 3;
      await page.locator(`#noteref-${n}`).scrollIntoViewIfNeeded();
      assert.equal((await state(page, n)).expanded, "false");
      await page.locator(`#noteref-${n}`).focus();
      const closed = await state(page, n);
      assert.equal(closed.visible, true, "focus on the marker opens the note in place");
      assert.equal(closed.expanded, "true");
      assert.equal(closed.focus, `noteref-${n}`, "focus stays on the marker");
      assert.equal(closed.controls, `sidenote-${n}`);

      await page.keyboard.press("Enter");
      const opened = await state(page, n);
      assert.equal(opened.visible, true, "Enter opens the note");
      assert.equal(opened.expanded, "true");
      assert.equal(opened.focus, `sidenote-${n}`, "focus moves into the note");
      assert.equal(opened.hash, "", "the page did not jump to the endnote");
      // The page scrolls only when the note would open out of sight, just enough to show
      // its first lines, and never past the marker.
      const moved = closed.markerTop - opened.markerTop;
      assert.ok(moved >= -1, "the reading position moved back");
      assert.ok(opened.firstLines <= opened.innerHeight + 1 || opened.markerTop <= 9, "the note's first lines are out of sight");
      if (moved > 1) assert.ok(opened.firstLines >= opened.innerHeight - 1 || opened.markerTop <= 9, `the page moved ${moved} px, more than it takes to show the note`);
      assert.ok(opened.markerTop >= 0, "the marker left the screen");
      // What a screen reader meets: a note named after its number, holding the note's text.
      const tree = await page.locator(`#sidenote-${n}`).ariaSnapshot();
      assert.match(tree, new RegExp(`note "Note ${n}"`));
      assert.match(tree, /button "Close note 3"/);
      const words = (await page.locator(`#note-${n} .gloss-note-body, #note-${n} .gloss-entry`).first().innerText()).slice(0, 40);
      assert.ok(tree.replace(/\s+/g, " ").includes(words.replace(/\s+/g, " ").slice(0, 30)), "the note's text is exposed");

      await page.keyboard.press("Escape");
      const after = await state(page, n);
      assert.equal(after.visible, false, "Escape closes the note, and focus back on the marker opens nothing");
      assert.equal(after.expanded, "false");
      assert.equal(after.focus, `noteref-${n}`, "focus returns to the marker");
      assert.ok(Math.abs(after.markerTop - opened.markerTop) < 1, "closing moved the page");

      await page.keyboard.press("Space");
      assert.equal((await state(page, n)).visible, true, "Space opens the note too");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.className), "gloss-close", "Tab reaches the close button");
      await page.keyboard.press("Enter");
      const shut = await state(page, n);
      assert.equal(shut.visible, false, "the close button closes the note");
      assert.equal(shut.focus, `noteref-${n}`);

      // Tab on from the marker: the note shuts as focus leaves, and the next marker's
      // opens.
      await page.locator("#site-search").focus();
      await page.locator(`#noteref-${n}`).focus();
      assert.equal((await state(page, n)).visible, true);
      await page.keyboard.press("Tab");
      assert.equal((await state(page, n)).visible, false, "the note shuts when focus leaves it");
      const next = await page.evaluate(() => document.activeElement.matches(".gloss-marker") && document.activeElement.getAttribute("data-note"));
      if (next) assert.equal((await state(page, next)).visible, true, "the next marker's note opens");
      await page.locator(`#noteref-${n}`).focus();

      // Escape pressed elsewhere (the search box) shuts the open note but leaves focus
      // where it is and does there what it does: the box is emptied.
      await page.keyboard.press("Enter");
      assert.equal((await state(page, n)).visible, true);
      await page.keyboard.press("/");
      await page.keyboard.type("sanctions");
      await page.keyboard.press("Escape");
      const away = await state(page, n);
      assert.equal(away.visible, false, "the note is shut");
      assert.equal(away.focus, "site-search", "focus stays in the search box");
      assert.equal(await page.inputValue("#site-search"), "", "the search box is emptied");
      await page.close();
    });

    it("keeps the focus out of a note the screen's new width hides", async () => {
      const page = await open(context, site, { viewport: NARROW });
      await page.locator("#noteref-2").focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      assert.ok(await page.evaluate(() => document.activeElement.closest("#sidenote-2") !== null), "in the note");
      // Turned wide: the note goes to the margin, hidden from screen readers until gone
      // into, and the focus goes back to its marker instead of staying hidden in it.
      await page.setViewportSize(WIDE);
      await page.waitForFunction(() => !document.activeElement.closest("[aria-hidden=true]"));
      assert.equal(await page.evaluate(() => document.activeElement.id), "noteref-2");
      await page.close();
    });

    it("opens a note on tap and closes it with the close button or a tap elsewhere", async () => {
      const page = await open(touch, site, { viewport: NARROW });
      await page.locator("#noteref-2").tap();
      assert.equal((await state(page, 2)).visible, true, "a tap opens the note");
      await page.locator("#sidenote-2 .gloss-close").tap();
      const closed = await state(page, 2);
      assert.equal(closed.visible, false, "the close button closes it");
      assert.equal(closed.focus, "noteref-2");

      await page.locator("#noteref-2").tap();
      await page.locator("#noteref-1").tap();
      assert.equal((await state(page, 2)).visible, false, "opening another note closes the first");
      assert.equal((await state(page, 1)).visible, true);

      const title = page.locator("h1").first();
      await title.scrollIntoViewIfNeeded();
      await title.tap();
      assert.equal((await state(page, 1)).visible, false, "a tap outside closes the note");
      assert.equal((await state(page, 1)).expanded, "false");
      await page.close();
    });
  });

  describe(`${site} article at 1400 px`, () => {
    it("a marker leads to its sidenote without leaving the passage", async () => {
      const page = await open(context, site, { viewport: WIDE });
      const before = await state(page, 2);
      await clickAt(page, "#noteref-2");
      const after = await state(page, 2);
      assert.equal(after.focus, "sidenote-2");
      assert.equal(after.hash, "");
      assert.ok(Math.abs(after.markerTop - before.markerTop) <= 100, "the page jumped");
      assert.equal(after.expanded, null, "no aria-expanded where the note is always shown");
      await page.keyboard.press("Escape");
      assert.equal((await state(page, 2)).focus, "noteref-2", "Escape returns to the marker");
      // Left, the note is out of the way again: hidden from screen readers, and Tab goes
      // on past it.
      assert.equal(await page.getAttribute("#sidenote-2", "aria-hidden"), "true");
      await page.keyboard.press("Tab");
      assert.ok(await page.evaluate(() => !document.activeElement.closest("#sidenote-2")), "Tab went into the note left");
      await page.close();
    });

    it("keeps the notes in the margin out of a screen reader's way until one is gone into", async () => {
      const page = await open(context, site, { viewport: WIDE });
      const hidden = () =>
        page.evaluate(() =>
          [...document.querySelectorAll(".gloss-sidenote:not(.is-flow)")].map((s) => [s.dataset.note, s.getAttribute("aria-hidden")]),
        );
      const margin = await hidden();
      assert.ok(margin.length > 0);
      assert.deepEqual(margin.filter(([, h]) => h !== "true"), [], "every note in the margin is hidden");
      // The text reads on from paragraph to paragraph; the notes stay in the endnotes.
      const text = await page.locator(".article-body").ariaSnapshot();
      assert.doesNotMatch(text, /note "Note \d+"/);
      await clickAt(page, "#noteref-2");
      const tree = await page.locator("#sidenote-2").ariaSnapshot();
      assert.match(tree, /note "Note 2"/, "the note gone into is read");
      await page.keyboard.press("Escape");
      await page.close();
    });

    it("lights up marked words, marker and note together on hover and focus", async () => {
      const page = await open(context, site, { viewport: WIDE });
      const lit = () =>
        page.evaluate(() =>
          [...document.querySelectorAll(".is-active")].map((el) => `${el.localName}.${el.classList[0]}:${el.dataset.note || el.dataset.notes}`),
        );
      await page.locator("#noteref-4").hover();
      assert.deepEqual((await lit()).sort(), ["a.gloss-marker:4", "div.gloss-sidenote:4", "mark.gloss-mark:4"]);
      await page.locator("#sidenote-5").hover();
      assert.deepEqual((await lit()).sort(), ["a.gloss-marker:5", "div.gloss-sidenote:5", "mark.gloss-mark:5"]);
      await page.mouse.move(1, 1);
      await page.locator("#noteref-6").focus();
      await settle(page);
      assert.deepEqual((await lit()).sort(), ["a.gloss-marker:6", "div.gloss-sidenote:6", "mark.gloss-mark:6"]);
      const colours = await page.evaluate(() => {
        const bg = (el) => getComputedStyle(el).backgroundColor;
        return { on: bg(document.querySelector('mark[data-notes="6"]')), off: bg(document.querySelector('mark[data-notes="1"]')) };
      });
      assert.notEqual(colours.on, colours.off, "the lit words look different");
      await page.close();
    });
  });
}

describe("keyboard order around an opened note", () => {
  // Guards the reader report of Tab skipping the paragraph's other markers once a note
  // was opened: the note stands after its paragraph, so the next stop was the text below.
  const leaveNote = async (page, n) => {
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const inside = await page.evaluate((n) => !!document.activeElement.closest(`#sidenote-${n}`), n);
      if (!inside) break;
    }
    return page.evaluate(() => document.activeElement.id);
  };

  for (const viewport of [NARROW, WIDE]) {
    it(`at ${viewport.width} px Tab goes on from an opened note to the paragraph's next marker`, async () => {
      const page = await open(context, "crowded", { viewport });
      await page.locator("#noteref-3").focus();
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement.id), "sidenote-3", "Enter opens the note");
      assert.equal(await leaveNote(page, 3), "noteref-4", "Tab out of the note reaches the next marker");
      await page.keyboard.press("Escape");

      await page.locator("#noteref-3").focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Shift+Tab");
      assert.equal(await page.evaluate(() => document.activeElement.id), "noteref-3", "Shift+Tab goes back to the marker");

      await page.keyboard.press("Enter");
      await page.keyboard.press("Escape");
      assert.equal(await page.evaluate(() => document.activeElement.id), "noteref-3");
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.id), "noteref-4", "after closing, Tab reaches the next marker");
      await page.close();
    });
  }

  // Guards the reader reports of Tab going back up the margin after a note was left
  // (marker 6, then More of note 4, then More of note 5 a second time) and, on a phone,
  // back into the note just left, still open after its paragraph.
  for (const viewport of [NARROW, WIDE])
  it(`at ${viewport.width} px Tab goes on through the text, not back into the notes`, async () => {
    const page = await open(context, "crowded", { viewport });
    await page.locator("#noteref-3").focus();
    await page.keyboard.press("Enter");
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      if (!(await page.evaluate(() => !!document.activeElement.closest("#sidenote-3")))) break;
    }
    const visited = [];
    for (let i = 0; i < 12; i++) {
      visited.push(await page.evaluate(() => {
        const el = document.activeElement;
        return el.closest(".gloss-sidenote") ? `in ${el.closest(".gloss-sidenote").id}` : el.id || el.textContent.trim().slice(0, 20);
      }));
      await page.keyboard.press("Tab");
    }
    assert.equal(visited[0], "noteref-4");
    assert.deepEqual(visited.filter((v) => v.startsWith("in ")), [], `Tab went into notes beside the text: ${visited.join(", ")}`);
    assert.equal(new Set(visited).size, visited.length, `a stop came twice: ${visited.join(", ")}`);
    // Entered from its marker, a note is walked through as before.
    await page.keyboard.press("Escape");
    const n = await page.evaluate(() => document.querySelector(".gloss-sidenote:is(.is-clamped, :has(a[href]))")?.dataset.note);
    assert.ok(n, "no note beside the text has a link or a More");
    await page.locator(`#noteref-${n}`).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate((n) => !!document.activeElement.closest(`#sidenote-${n}`), n), "Tab from an entered note's start stays in it");
    await page.close();
  });
});

describe("a note on a cell of a long table", () => {
  // Guards the reader report of a note on a table cell opening 5,000 px below its
  // marker, after the table, with nothing on screen to show it had opened.
  const rows = Array.from({ length: 40 }, (_, i) => `| ${i + 1} | Tide gauge ${i + 1} read at dawn and dusk |`);
  const site = writeSite("long-table", "2024/tides/index.html", {
    "site.toml": 'title = "Tides"\nbase_url = "https://example.org/"\n',
    "content/2024/tides.md": `+++\ntitle = "Tides"\ndate = 2024-01-02\n+++\n\nThe ledger.\n\n| n | reading |\n| - | - |\n${rows.join("\n")}\n\nAfter the table.\n`,
    "content/2024/tides.annotations.toml": '[[note]]\nquote = "Tide gauge 2 read"\nbody = "The second gauge stood on the pier head."\n',
  });

  it("opens in sight of the reader, and closing it brings the marker back", async () => {
    const page = await open(context, site, { viewport: NARROW });
    const inView = (selector) =>
      page.evaluate((selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      }, selector);
    await clickAt(page, "#noteref-1");
    const distance = await page.evaluate(
      () => document.querySelector("#sidenote-1").getBoundingClientRect().top - document.querySelector("#noteref-1").getBoundingClientRect().top,
    );
    assert.ok(distance > NARROW.height, `the note stands ${distance}px below its marker: the test proves nothing`);
    assert.ok(await inView("#sidenote-1"), "the opened note is out of sight");
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.activeElement.id), "noteref-1");
    assert.ok(await inView("#noteref-1"), "the marker focused again is out of sight");
    await page.close();
  });
});

describe("back from a note", () => {
  it("shows the marked words above the marker, not only the marker's line", async () => {
    const page = await open(context, "crowded", { viewport: NARROW });
    const n = await page.evaluate(() => document.querySelectorAll(".gloss-marker").length);
    const below = await page.evaluate((n) => document.querySelector(`#noteref-${n}`).getBoundingClientRect().top + scrollY, n);
    assert.ok(below > NARROW.height, `marker ${n} is ${below}px down the page: the test proves nothing`);
    await page.locator(`#note-${n} [role=doc-backlink]`).evaluate((a) => a.click());
    await page.waitForFunction((n) => location.hash === `#noteref-${n}`, n);
    const top = await page.evaluate((n) => document.querySelector(`#noteref-${n}`).getBoundingClientRect().top, n);
    assert.ok(top > NARROW.height / 5, `the marker is ${top}px from the top of the screen`);
    await page.close();
  });
});

describe("a note on a heading", () => {
  // Guards the reader report of a heading named "Reading the curve Note 13": the
  // marker stood inside the heading, so its label joined the heading's name.
  for (const viewport of [NARROW, WIDE]) {
    it(`at ${viewport.width} px leaves the heading named by its words alone, with the marker beside it`, async () => {
      const page = await open(context, "crowded", { viewport });
      const heading = page.getByRole("heading", { name: "Reading the curve", exact: true });
      assert.equal(await heading.count(), 1, await page.locator(".article-body").ariaSnapshot());
      assert.match(await heading.ariaSnapshot(), /^- heading "Reading the curve" \[level=2\]/);
      const marker = page.getByRole("link", { name: "Note 13", exact: true });
      assert.equal(await marker.count(), 1, "the marker keeps its name");
      const [h, m] = await Promise.all([heading.boundingBox(), marker.boundingBox()]);
      const text = await heading.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const rects = [...range.getClientRects()];
        return rects[rects.length - 1].toJSON();
      });
      assert.ok(m.y < h.y + h.height && m.y + m.height > text.top, "the marker stands on the heading's last line");
      assert.ok(m.x >= text.right - 1 && m.x - text.right < 20, `the marker is ${m.x - text.right}px from the heading's words`);
      await marker.click();
      assert.equal(await page.locator("#sidenote-13").isVisible(), true, "the marker opens its note");
      await page.close();
    });
  }
});
