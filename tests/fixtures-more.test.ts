/**
 * The second fixture set (tests/fixtures/submissions/more/, openpyxl): one file per remaining rule,
 * validated through the CLI with the flags each case needs (--units, --config, --history,
 * --max-file-size, --period), checked against expectations written from the spec.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { findExpected } from "./helpers/expectations";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../src/core/read/reader";
import { WIDE_ROW } from "../src/core/read/submission";
import { runCli, tempDir } from "./helpers/cli";

const ROOT = path.join(__dirname, "fixtures", "submissions");

interface Expected {
  unit?: string | null;
  status: string;
  findings?: Array<{ rule: string; severity: string; sheet: string | null; cell: string | null; value?: unknown; expected?: unknown }>;
  complete?: boolean;
  mustNotHave?: string[];
  values?: Array<{ form: string; row: string | null; column: number; sheet: string; cell: string; value: number }>;
  args?: { units?: string; config?: string; history?: string[]; maxFileSizeMB?: number; period?: string };
}

const expectations = JSON.parse(readFileSync(path.join(ROOT, "more", "expectations.json"), "utf8")) as { files: Record<string, Expected> };

interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  value: unknown;
  expected: unknown;
}

describe("more fixtures, one per rule, through the CLI", () => {
  for (const [rel, exp] of Object.entries(expectations.files)) {
    it(rel, async () => {
      const dir = await tempDir();
      const json = path.join(dir, "r.json");
      const a = exp.args ?? {};
      const argv = ["validate", path.join(ROOT, rel), "--period", a.period ?? "2023-H1", "--json", json];
      if (a.units) argv.push("--units", path.join(ROOT, a.units));
      if (a.config) argv.push("--config", path.join(ROOT, a.config));
      if (a.history) argv.push("--history", ...a.history.map((h) => path.join(ROOT, h)));
      if (a.maxFileSizeMB !== undefined) argv.push("--max-file-size", String(a.maxFileSizeMB));
      const result = await runCli(argv);
      expect(result.code, result.stderr).toBeLessThan(2);
      const r = JSON.parse(await readFile(json, "utf8")) as { inputs: Array<{ file: string; unit: string | null; status: string }>; findings: JsonFinding[] };
      const file = path.basename(rel);
      const input = r.inputs.find((i) => i.file === file);
      expect(input?.status).toBe(exp.status);
      if (exp.unit !== undefined) expect(input?.unit).toBe(exp.unit);
      const mine = r.findings.filter((f) => f.file === file);
      const show = mine.map((f) => `${f.rule}@${f.sheet ?? "-"}!${f.cell ?? "-"}`).join(", ");
      for (const want of exp.findings ?? []) {
        const hit = findExpected(mine, want);
        expect(hit, `${JSON.stringify(want)} among ${show}`).toBeDefined();
      }
      if (exp.complete) expect(mine).toHaveLength((exp.findings ?? []).length);
      for (const rule of exp.mustNotHave ?? []) expect(mine.filter((f) => f.rule === rule)).toEqual([]);
      if (exp.values && exp.values.length > 0) {
        const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(ROOT, rel))), file);
        expect(outcome.kind).toBe("submission");
        if (outcome.kind !== "submission") return;
        for (const v of exp.values) {
          const cell = outcome.submission.forms.find((f) => f.form.code === v.form)?.cells.get(v.row ?? WIDE_ROW)?.get(v.column);
          expect({ sheet: cell?.sheet, cell: cell?.cell, value: cell?.value }).toEqual({ sheet: v.sheet, cell: v.cell, value: v.value });
        }
      }
    });
  }
});

describe("an earlier report as history input (NguonSoLieu, PERIODS.md §6)", () => {
  it("gives the same plan and continuity findings as the earlier submission itself", async () => {
    const dir = await tempDir();
    const q1Report = path.join(dir, "BaoCaoTongHop_2023-Q1.xlsx");
    const made = await runCli(["aggregate", path.join(ROOT, "more", "history", "BM_VU-ASEAN_2023-Q1.xlsx"), "--period", "2023-Q1", "--out", q1Report]);
    expect(made.code, made.stderr).toBeLessThan(2);
    const viaReport = path.join(dir, "a.json");
    const viaFile = path.join(dir, "b.json");
    const current = path.join(ROOT, "more", "cases", "history-current.xlsx");
    await runCli(["validate", current, "--period", "2023-H1", "--json", viaReport, "--history", q1Report]);
    await runCli(["validate", current, "--period", "2023-H1", "--json", viaFile, "--history", path.join(ROOT, "more", "history", "BM_VU-ASEAN_2023-Q1.xlsx")]);
    const rules = async (p: string): Promise<string[]> =>
      ((JSON.parse(await readFile(p, "utf8")) as { findings: JsonFinding[] }).findings)
        .filter((f) => /^V-(CONT|PLAN)-0[13]$/u.test(f.rule))
        .map((f) => `${f.rule}@${f.sheet ?? ""}!${f.cell ?? ""}=${String(f.value)}/${String(f.expected)}`)
        .sort();
    const fromReport = await rules(viaReport);
    expect(fromReport.some((r) => r.startsWith("V-PLAN-01@KH_TH!C11=5/4"))).toBe(true);
    expect(fromReport.some((r) => r.startsWith("V-CONT-01@"))).toBe(true);
    expect(fromReport).toEqual(await rules(viaFile));
  });
});
