/**
 * Regression (issue 9, memory): a text a submission keeps (a ThongTin field, the unit's name, a sheet
 * name, `modified`) was a cut of its part's decoded XML, and V8 keeps a cut of 13 or more characters as
 * a view into the text it came from: every submission kept its shared strings' whole XML (~28 KB) and
 * more alive, a third of its memory, which the collector copied and the system paged in for 1,000 files.
 * Read as the CLI's worker reads (the bundle the global setup builds), the outcomes kept, a heap
 * snapshot of that process must hold no part's XML text.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/cli";

const FOLDER = path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1");
const CLEAN = path.join(__dirname, "..", "fixtures", "submissions", "cases", "ok-libreoffice-resaved.xlsx");
const WORKER = path.join(REPO, "dist", "cli-read-worker.cjs");

/** In a child process: read `files` with the worker's task, keep the outcomes, count XML texts over 2 KB on the heap. */
const SCRIPT = `
const v8 = require("node:v8");
const path = require("node:path");
const readTask = require(process.argv[1]).default;
(async () => {
  const kept = [];
  for (const full of process.argv.slice(2)) kept.push(await readTask({ full, file: path.basename(full), limits: {}, timed: false }));
  const chunks = [];
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(chunk);
  const snap = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const meta = snap.snapshot.meta;
  const width = meta.node_fields.length;
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => meta.node_fields.indexOf(f));
  const stringType = meta.node_types[0].indexOf("string");
  let xmlTexts = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    if (snap.nodes[i + typeAt] !== stringType || snap.nodes[i + sizeAt] < 2048) continue;
    if (snap.strings[snap.nodes[i + nameAt]].startsWith("<?xml")) xmlTexts++;
  }
  const submissions = kept.filter((o) => o.kind === "submission").length;
  console.log(JSON.stringify({ xmlTexts, submissions }));
})();
`;

describe("texts a submission keeps hold no part's XML", () => {
  it("20 submissions read and kept: no XML text of 2 KB or more left on the heap", { timeout: 60_000 }, () => {
    const files = [
      CLEAN,
      ...readdirSync(FOLDER)
        .filter((f) => f.endsWith(".xlsx"))
        .sort()
        .slice(0, 19)
        .map((f) => path.join(FOLDER, f)),
    ];
    const out = execFileSync(process.execPath, ["-e", SCRIPT, WORKER, ...files], { encoding: "utf8", maxBuffer: 1 << 26 });
    const { xmlTexts, submissions } = JSON.parse(out) as { xmlTexts: number; submissions: number };
    expect(submissions).toBe(20);
    expect(xmlTexts).toBe(0);
  });
});
