// Without JavaScript the endnotes carry everything: every marker lands on its
// endnote, which :target highlights, and every back-link lands on its marker.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { NARROW, WIDE, clickAt, launch, open } from "./lib.mjs";

let noScript;
before(async () => {
  noScript = await launch({ javaScriptEnabled: false });
});
after(async () => {
  await noScript?.close();
});

/** Clicks `selector` and reports where the page went and whether the target shows. */
async function follow(page, selector) {
  await clickAt(page, selector);
  return page.evaluate(() => {
    const target = document.querySelector(":target");
    const r = target?.getBoundingClientRect();
    return {
      hash: location.hash,
      id: target?.id,
      inView: Boolean(r && r.bottom > 0 && r.top < innerHeight),
      background: target && getComputedStyle(target).backgroundColor,
    };
  });
}

for (const site of ["example", "crowded"]) {
  for (const viewport of [WIDE, NARROW]) {
    describe(`${site} article at ${viewport.width} px without JavaScript`, () => {
      it("every marker lands on its endnote and every back-link on its marker", async () => {
        const page = await open(noScript, site, { viewport });
        const numbers = await page.evaluate(() =>
          [...document.querySelectorAll("a.gloss-marker")].map((a) => [a.dataset.note, a.getAttribute("role")]),
        );
        const count = numbers.length;
        assert.ok(count > 0);
        const plain = await page.evaluate(() => getComputedStyle(document.querySelector(".gloss-note")).backgroundColor);
        for (const [n, role] of numbers) {
          assert.equal(role, "doc-noteref");
          const there = await follow(page, `#noteref-${n}`);
          assert.equal(there.hash, `#note-${n}`);
          assert.equal(there.id, `note-${n}`, `marker ${n} has no target`);
          assert.ok(there.inView, `endnote ${n} is not on screen`);
          assert.notEqual(there.background, plain, `endnote ${n} is not highlighted`);

          const home = await follow(page, `#note-${n} a[role="doc-backlink"]`);
          assert.equal(home.id, `noteref-${n}`, `back-link ${n} misses its marker`);
          assert.ok(home.inView, `marker ${n} is not on screen`);
        }
        const endnotes = await page.evaluate(() => document.querySelectorAll('[role="doc-endnotes"] li[id^="note-"]').length);
        assert.equal(endnotes, count, "one endnote per marker");
        await page.close();
      });
    });
  }
}
