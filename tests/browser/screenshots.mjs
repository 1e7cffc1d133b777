// Takes the README's screenshots of the example article:
//   docs/screenshots/article-wide.png           1400 px, notes beside the text
//   docs/screenshots/article-narrow-popover.png 390 px, a note opened in place
// Run it from tests/browser with `node screenshots.mjs` after `cargo build --release`.
// Pass --site crowded to look at the fixture instead (written to the temp folder).

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { NARROW, WIDE, launch, open, repo, scratch, settle } from "./lib.mjs";

const site = process.argv.includes("--site") ? process.argv[process.argv.indexOf("--site") + 1] : "example";
const dark = process.argv.includes("--dark");
const out = site === "example" && !dark ? join(repo, "docs", "screenshots") : scratch("gloss-shots-");
mkdirSync(out, { recursive: true });

const context = await launch({ colorScheme: dark ? "dark" : "light" });
try {
  const wide = await open(context, site, { viewport: WIDE });
  await wide.screenshot({ path: join(out, "article-wide.png") });
  await wide.evaluate(() => document.querySelector(".gloss-marker").closest("p").scrollIntoView());
  await wide.evaluate(() => scrollBy(0, 700));
  await settle(wide);
  await wide.screenshot({ path: join(out, "article-wide-2.png") });

  const narrow = await open(context, site, { viewport: NARROW });
  // Scroll so the third paragraph's first marker sits in the upper third, then open it.
  const marker = narrow.locator(".gloss-marker").nth(site === "example" ? 2 : 0);
  await marker.evaluate((el) => {
    el.scrollIntoView({ block: "start" });
    scrollBy(0, -240);
  });
  await marker.click();
  await settle(narrow);
  await narrow.screenshot({ path: join(out, "article-narrow-popover.png") });
  console.log(`screenshots in ${out}`);
} finally {
  await context.close();
}
