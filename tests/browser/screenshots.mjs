// Takes the README's screenshots of the example article:
//   docs/screenshots/article-wide.png           1400 px, notes beside the text
//   docs/screenshots/article-narrow-popover.png 390 px, a note opened in place
// Run it from tests/browser with `node screenshots.mjs` after `cargo build --release`.
// Pass --site crowded (the fixture) or --dark to look at other cases; those go to
// the system's temp folder.

import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NARROW, WIDE, launch, open, repo, settle } from "./lib.mjs";

const site = process.argv.includes("--site") ? process.argv[process.argv.indexOf("--site") + 1] : "example";
const dark = process.argv.includes("--dark");
const out = site === "example" && !dark ? join(repo, "docs", "screenshots") : join(tmpdir(), `gloss-screenshots-${site}${dark ? "-dark" : ""}`);
mkdirSync(out, { recursive: true });

const context = await launch({ colorScheme: dark ? "dark" : "light" });
try {
  const wide = await open(context, site, { viewport: WIDE });
  await wide.evaluate(() => scrollTo(0, document.querySelector("h1").getBoundingClientRect().top + scrollY - 24));
  await settle(wide);
  await wide.screenshot({ path: join(out, "article-wide.png") });

  // The first paragraph near the top, its last note opened in place under it.
  const narrow = await open(context, site, { viewport: NARROW });
  const n = await narrow.evaluate(() => {
    const paragraph = document.querySelector(".article-body > p");
    scrollTo(0, paragraph.getBoundingClientRect().top + scrollY - 96);
    return [...paragraph.querySelectorAll(".gloss-marker")].pop().dataset.note;
  });
  await narrow.locator(`#noteref-${n}`).focus();
  await narrow.keyboard.press("Enter");
  await narrow.evaluate(() => document.activeElement.blur());
  await settle(narrow);
  await narrow.screenshot({ path: join(out, "article-narrow-popover.png") });
  console.log(`screenshots in ${out}`);
} finally {
  await context.close();
}
