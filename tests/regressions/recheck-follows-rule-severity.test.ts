/**
 * Regression (review of 2026-12-07): FORMS.md §7.5 re-checks "only rules of severity error" on the totals,
 * and §6.1 lets option `ruleSeverity` make a rule a warning, an error or `off`. The re-check used the
 * catalogue's severities: a rule the user had made a warning (so the unit was accepted and summed) or
 * turned off came back as an error on TỔNG CỘNG and I, counted on the cover ("Số lỗi 2") and in
 * KiemTra; a relation made an error was never re-checked. The file: the frozen sample with 01_TCD's
 * column 1 (B12) = 5 and column 4 (E12) = 3, so `1=4+13+22` fails by hand (5 ≠ 3), written by openpyxl.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Options } from "../../src/core/options";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runCli } from "../helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const dir = mkdtempSync(path.join(os.tmpdir(), "tonghop-recheck-"));
let bytes: Uint8Array;

beforeAll(() => {
  const out = path.join(dir, FILE);
  // I12 (column 8, "Tiếp nhiều lần") = 4 keeps V-REL-01/TCD-1 (c8 <= c4: 4 <= 3) failing too, a warning by default.
  const script = "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['01_TCD']\nws['B12'] = 5\nws['E12'] = 3\nws['I12'] = 4\nwb.save(sys.argv[2])\n";
  execFileSync("/usr/bin/python3", ["-c", script, SAMPLE, out], { stdio: "pipe" });
  bytes = new Uint8Array(readFileSync(out));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The unit's own findings on 01_TCD, and the totals' findings (rule, severity, scope, report cell). */
async function run(options: Options): Promise<{ unit: string[]; totals: string[]; accepted: boolean }> {
  const result = await runPipeline({ inputs: [{ id: FILE, file: FILE, bytes }], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, options, aggregate: true, creationTime: "2023-06-20T00:00:00Z" });
  const report = result.report;
  if (report === null) throw new Error("no report");
  return {
    unit: result.run.findings.filter((f) => f.form === "01/TCD" && /^V-(ID|REL)-/u.test(f.rule)).map((f) => `${f.rule}:${f.severity}@${f.cell ?? ""}`),
    totals: report.totalFindings.map((f) => `${f.rule}:${f.severity}:${f.unit ?? ""}@${f.sheet ?? ""}!${f.cell ?? ""}`),
    accepted: result.run.summary.accepted === 1,
  };
}

describe("the totals' re-check follows ruleSeverity", () => {
  it("as catalogued: the unit is rejected and nothing is summed; accepted with errors, TỔNG CỘNG and I fail", async () => {
    const plain = await run({});
    expect(plain.unit).toEqual(["V-ID-01/TCD-1:error@B12", "V-REL-01/TCD-1:warning@I12"]);
    expect(plain.accepted).toBe(false);
    expect(plain.totals).toEqual([]);
    const forced = await run({ acceptWithErrors: true });
    expect(forced.totals.filter((t) => t.startsWith("V-ID-01/TCD-1:error:"))).toHaveLength(2); // TOTAL and TRONG_NUOC
    expect(forced.totals.some((t) => t.startsWith("V-REL-"))).toBe(false); // a warning: not re-checked
  });

  it.each([["warning"], ["off"]] as const)("V-ID-01/TCD-1 made %s: the unit is accepted and its sums give no error", async (severity) => {
    const got = await run({ ruleSeverity: { "V-ID-01/TCD-1": severity } });
    expect(got.accepted).toBe(true);
    expect(got.totals).toEqual([]);
  });

  it("a relation made an error is re-checked (accepted with errors)", async () => {
    const got = await run({ ruleSeverity: { "V-REL-01/TCD-*": "error", "V-ID-*": "off" }, acceptWithErrors: true });
    expect(got.unit).toEqual(["V-REL-01/TCD-1:error@I12"]);
    expect(got.totals.map((t) => t.split("@")[0])).toEqual(["V-REL-01/TCD-1:error:TOTAL", "V-REL-01/TCD-1:error:TRONG_NUOC"]);
  });
});

describe("the CLI's count of errors", () => {
  it("includes the totals' findings, as the cover, KiemTra and the JSON do (WORKBOOKS.md §2.3)", async () => {
    const inputs = path.join(dir, "in");
    mkdirSync(inputs, { recursive: true });
    writeFileSync(path.join(inputs, FILE), bytes);
    const json = path.join(dir, "r.json");
    const res = await runCli(["aggregate", inputs, "--period", "2023-H1", "--out", path.join(dir, "r.xlsx"), "--json", json, "--accept-with-errors", "--lang", "en", "--created", "2023-06-20"]);
    expect(res.code, res.stderr).toBe(1);
    const findings = (JSON.parse(readFileSync(json, "utf8")) as { findings: Array<{ severity: string; unit: string | null }> }).findings;
    const errors = findings.filter((f) => f.severity === "error");
    // By hand: the unit's V-ID-01/TCD-1, and the same rule on TỔNG CỘNG and on I (its group).
    expect(errors.map((f) => f.unit)).toEqual(["BAO-TGVN", "TOTAL", "TRONG_NUOC"]);
    expect(res.stdout).toMatch(/Check results: 3 errors, /u);
  });
});
