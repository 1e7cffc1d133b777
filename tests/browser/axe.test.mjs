// axe-core (WCAG 2.0 A and AA, WCAG 2.1 AA, and target size from 2.2 AA) finds
// nothing on the articles at both widths, in both colour schemes, with a note opened
// in place, and on every other page of both sites; and it does find an image without
// alt text and a link too small to hit (negative controls).

import assert from "node:assert/strict";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import { NARROW, SITES, WIDE, build, htmlFiles, launch, open, settle } from "./lib.mjs";

// wcag22aa is target-size alone (2.5.8): every link and button at least 24 px, or spaced.
const TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"];

let light;
let dark;
before(async () => {
  light = await launch({ colorScheme: "light" });
  dark = await launch({ colorScheme: "dark" });
});
after(async () => {
  await light?.close();
  await dark?.close();
});

async function violations(page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((node) => node.target.join(" ")).slice(0, 5).join("\n    ")}`,
  );
}

for (const site of Object.keys(SITES)) {
  describe(`${site} article`, () => {
    for (const [scheme, ctx] of [["light", () => light], ["dark", () => dark]]) {
      for (const viewport of [WIDE, NARROW]) {
        it(`has no violations at ${viewport.width} px in the ${scheme} scheme`, async () => {
          const page = await open(ctx(), site, { viewport });
          assert.deepEqual(await violations(page), []);
          if (viewport === NARROW) {
            await page.locator("#noteref-1").click();
            await settle(page);
            assert.equal(await page.locator("#sidenote-1").isVisible(), true);
            assert.deepEqual(await violations(page), [], "with a note open");
          } else {
            await page.locator("#noteref-1").hover();
            assert.deepEqual(await violations(page), [], "with a note lit up");
          }
          const contents = page.locator(".contents summary");
          if (site === "crowded") assert.equal(await contents.count(), 1, "the crowded article has a table of contents");
          if (await contents.count()) {
            await contents.click();
            assert.equal(await page.locator(".contents ol").isVisible(), true);
            assert.deepEqual(await violations(page), [], "with the table of contents open");
          }
          await page.close();
        });
      }
    }

    it("has no violations on any other page", async () => {
      const out = build(site);
      const page = await light.newPage();
      const found = [];
      for (const file of htmlFiles(out)) {
        if (relative(out, file) === SITES[site].article) continue;
        await page.goto(pathToFileURL(file).href);
        for (const v of await violations(page)) found.push(`${relative(out, file)}: ${v}`);
      }
      assert.deepEqual(found, []);
      await page.close();
    });
  });
}

describe("negative control", () => {
  it("axe reports an image without alt text", async () => {
    const page = await open(light, "crowded", { viewport: WIDE });
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
      img.width = 20;
      img.height = 20;
      document.querySelector(".article-body p").append(img);
    });
    const found = await violations(page);
    assert.ok(found.some((v) => v.startsWith("image-alt")), `image-alt not reported: ${found.join("; ")}`);
    await page.close();
  });

  it("axe reports links too small and too close to hit", async () => {
    const page = await open(light, "crowded", { viewport: WIDE });
    await page.evaluate(() => {
      const list = document.createElement("ul");
      list.innerHTML = '<li><a href="#a" style="font-size:10px;line-height:1">a</a></li><li><a href="#b" style="font-size:10px;line-height:1">b</a></li>';
      list.style.cssText = "list-style:none;margin:0;padding:0;line-height:1";
      document.querySelector(".article-body").append(list);
    });
    const found = await violations(page);
    assert.ok(found.some((v) => v.startsWith("target-size")), `target-size not reported: ${found.join("; ")}`);
    await page.close();
  });
});
