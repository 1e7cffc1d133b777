// The Nu HTML checker (vnu.jar from npm, run on the machine's Java) reports nothing,
// no error, warning or note, on any page of either site, and does report a broken copy
// of an article (negative control): an image without alt text and an element HTML does
// not have.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { before, describe, it } from "node:test";
import { SITES, build, here, htmlFiles, scratch } from "./lib.mjs";

const jar = join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
const java = spawnSync("java", ["-version"]).status === 0;
const required = process.env.GLOSS_REQUIRE_VNU === "1";
const skip = !java && !required && "java is not installed (scripts/browser-tests installs it)";

/** Runs vnu once over `files`; returns its messages grouped by file path. */
function check(files) {
  const run = spawnSync("java", ["-Xss4m", "-jar", jar, "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.ok(run.stderr.trim().startsWith("{"), `vnu did not report:\n${run.stderr}${run.error ?? ""}`);
  const byFile = new Map(files.map((file) => [file, []]));
  for (const message of JSON.parse(run.stderr).messages) {
    const file = decodeURIComponent(new URL(message.url).pathname);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(`${message.type}: line ${message.lastLine}: ${message.message}`);
  }
  return byFile;
}

describe("Nu HTML checker", { skip }, () => {
  let pages;
  let messages;
  const broken = join(scratch("gloss-vnu-"), "broken");
  const noAlt = `${broken}-no-alt.html`;
  const badElement = `${broken}-bad-element.html`;

  before(() => {
    pages = Object.keys(SITES).flatMap((site) => htmlFiles(build(site)).map((file) => ({ site, file })));
    // Broken copies of the crowded article.
    const html = readFileSync(join(build("crowded"), SITES.crowded.article), "utf8");
    writeFileSync(noAlt, html.replace("<p>", '<p><img src="tide.png" width="20" height="20">'));
    writeFileSync(badElement, html.replace("<p>", "<p><glossnote>an element HTML does not have</glossnote>"));
    messages = check([...pages.map((page) => page.file), noAlt, badElement]);
  });

  it("finds nothing to report (no error, warning or note) in any page of either site", () => {
    const errors = pages.flatMap(({ site, file }) =>
      messages.get(file).map((m) => `${site}: ${relative(build(site), file)}: ${m}`),
    );
    assert.ok(pages.length > 10);
    assert.deepEqual(errors, []);
  });

  it("reports an image without alt text (negative control)", () => {
    const found = messages.get(noAlt);
    assert.ok(found.some((m) => /img.*alt/.test(m)), found.join("\n"));
  });

  it("reports an element HTML does not have (negative control)", () => {
    const found = messages.get(badElement);
    assert.ok(found.some((m) => m.includes("glossnote")), found.join("\n"));
  });
});
