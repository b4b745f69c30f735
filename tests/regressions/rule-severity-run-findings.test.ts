/**
 * Regression (review of 2026-12-07): FORMS.md §6.1, "`ruleSeverity` maps a rule id, or a prefix ending in
 * `*` …, to a severity or `off`". The findings the run makes itself, after reading (V-PERIOD-05 late,
 * V-PERIOD-06 no received date, V-DUP-01 superseded, V-DUP-02 identical), kept their catalogue severity
 * whatever the option said: `{"V-PERIOD-05": "off"}` left every lateness warning, and `"V-*": "info"` was
 * half applied. Files: the frozen sample (modified 2023) and a copy re-saved by openpyxl (modified now),
 * both of unit BAO-TGVN: the copy is the later, so effective; both are late for a deadline of 2023-01-01.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Options } from "../../src/core/options";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const dir = mkdtempSync(path.join(os.tmpdir(), "tonghop-rs-run-"));
let original: Uint8Array;
let resaved: Uint8Array;

beforeAll(() => {
  original = new Uint8Array(readFileSync(SAMPLE));
  const out = path.join(dir, "resaved.xlsx");
  execFileSync("/usr/bin/python3", ["-c", "import openpyxl, sys\nopenpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])\n", SAMPLE, out], { stdio: "pipe" });
  resaved = new Uint8Array(readFileSync(out));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(options: Options): Promise<{ findings: string[]; statuses: string[] }> {
  const inputs = [
    { id: "a", file: "a/" + FILE, bytes: original },
    { id: "b", file: "b/" + FILE, bytes: resaved },
    { id: "c", file: "c/" + FILE, bytes: original }, // identical to a: V-DUP-02
  ];
  const result = await runPipeline({ inputs, period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, options: { deadlines: { "2023-H1": "2023-01-01" }, ...options }, aggregate: false });
  return {
    findings: result.run.findings.filter((f) => /^V-(PERIOD-0[56]|DUP-0[12])$/u.test(f.rule)).map((f) => `${f.rule}:${f.severity}:${f.file ?? ""}`).sort(),
    statuses: result.run.inputs.map((i) => `${i.file}:${i.status}`),
  };
}

describe("ruleSeverity reaches the run's own findings", () => {
  it("as catalogued: both dated files late (warning), the earlier superseded and the copy identical (info)", async () => {
    const got = await run({});
    expect(got.findings).toEqual([`V-DUP-01:info:a/${FILE}`, `V-DUP-02:info:c/${FILE}`, `V-PERIOD-05:warning:a/${FILE}`, `V-PERIOD-05:warning:b/${FILE}`]);
    expect(got.statuses).toEqual([`a/${FILE}:duplicate`, `b/${FILE}:accepted`, `c/${FILE}:duplicate`]);
  });

  it("off by id: none of them, the statuses as before", async () => {
    const got = await run({ ruleSeverity: { "V-PERIOD-05": "off", "V-DUP-01": "off", "V-DUP-02": "off" } });
    expect(got.findings).toEqual([]);
    expect(got.statuses).toEqual([`a/${FILE}:duplicate`, `b/${FILE}:accepted`, `c/${FILE}:duplicate`]);
  });

  it("by prefix: lateness made an error rejects the effective file, with its reason", async () => {
    const result = await runPipeline({ inputs: [{ id: "b", file: FILE, bytes: resaved }], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, options: { deadlines: { "2023-H1": "2023-01-01" }, ruleSeverity: { "V-PERIOD-*": "error" } }, aggregate: false });
    expect(result.run.findings.filter((f) => f.rule === "V-PERIOD-05").map((f) => f.severity)).toEqual(["error"]);
    expect(result.run.inputs.map((i) => [i.status, i.reasons])).toEqual([["rejected", ["V-PERIOD-05"]]]);
  });
});
