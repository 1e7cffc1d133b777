// Prints where the time of a first query goes, stage by stage, on a built site: the
// marks search.js records (each script requested and loaded, each term's postings
// decoded, the ranking, each result shown), from file:// and over HTTP, one fresh
// browser profile a run. Not a test.
//
//   node tests/browser/search-stages.mjs OUT [query ...]

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, serve } from "./lib.mjs";

const [dirArg, ...queries] = process.argv.slice(2);
const dir = resolve(dirArg);
const RUNS = Number(process.env.RUNS || 1);
const { server, base } = await serve(dir);

for (const query of queries) {
  for (const origin of ["file", "http"]) {
    for (let run = 0; run < RUNS; run++) {
      const context = await launch({}, { guard: false });
      const page = await context.newPage();
      await page.goto(origin === "http" ? `${base}search/index.html` : pathToFileURL(join(dir, "search/index.html")).href);
      await page.evaluate(() => window.glossSearch.page.open());
      if (process.env.WAIT) await page.waitForTimeout(Number(process.env.WAIT));
      await page.evaluate((q) => window.glossSearch.page.run(q), query);
      const timing = await page.evaluate(() => window.glossSearch.lastQuery);
      await context.close();
      console.log(`${query} (${origin}): ${timing.marks.map(([what, ms]) => `${ms} ${what}`).join("; ")}`);
    }
  }
}
server.close();
