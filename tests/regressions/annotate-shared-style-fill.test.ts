/**
 * Regression: `annotate` coloured far more than the finding cells. exceljs gives every cell of one style
 * (xf index) the same style object, and `cell.fill = …` changed that object: with one error on
 * 01_TCD!B12, all 231 input cells of the eight form sheets came out error-red; with an error on PCTN!D18
 * and a warning on PCTN!D19, every input cell (the error's too) came out warning-yellow, the colour set last.
 * CLI.md: "every finding marked on its cell". Only the finding cells may change, to the worst severity's colour.
 * Fixtures: fixtures/annotate-shared-style/, two files of `tonghop demo` (seed 2023, period 2023-9M).
 * Read back by openpyxl, another code base than the exceljs that wrote the copy.
 */
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { annotateWorkbook } from "../../src/core/annotate";
import type { Finding, Severity } from "../../src/core/findings";
import { runCli, tempDir } from "../helpers/cli";

const FIXTURES = path.join(__dirname, "fixtures", "annotate-shared-style");
const ERROR = "FFFFC7CE";
const WARNING = "FFFFEB9C";
const INFO = "FFDDEBF7";

/** `sheet!A1` → "pattern colour" of every cell with a fill, on every sheet but LoiPhatHien (openpyxl). */
function fillsOf(file: string): Promise<Record<string, string>> {
  const script = [
    "import json, sys, warnings, openpyxl",
    "warnings.simplefilter('ignore')",
    "wb = openpyxl.load_workbook(sys.argv[1])",
    "out = {}",
    "for ws in wb.worksheets:",
    "    if ws.title.startswith('LoiPhatHien'): continue",
    "    for row in ws.iter_rows():",
    "        for c in row:",
    "            f = c.fill",
    "            if f is None or f.fill_type is None: continue",
    "            colour = f.fgColor.rgb if isinstance(f.fgColor.rgb, str) else 'theme%s/%s' % (f.fgColor.theme, f.fgColor.tint)",
    "            out['%s!%s' % (ws.title, c.coordinate)] = '%s %s' % (f.fill_type, colour)",
    "print(json.dumps(out))",
  ].join("\n");
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", script, file], { maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, string>),
    );
  });
}

/** The cells whose fill differs between the original and the copy, with the copy's fill. */
async function changedFills(original: string, copy: string): Promise<Record<string, string>> {
  const [before, after] = await Promise.all([fillsOf(original), fillsOf(copy)]);
  const changed: Record<string, string> = {};
  for (const ref of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[ref] !== after[ref]) changed[ref] = after[ref] ?? "none";
  }
  return changed;
}

describe("annotate marks only the finding cells, though input cells share one style", () => {
  it("one error: only 01_TCD!B12 turns red; the other input cells keep their fill", async () => {
    const original = path.join(FIXTURES, "BM_CQDD-CN-SHA_2023-9M.xlsx");
    const out = path.join(await tempDir(), "sha.xlsx");
    const r = await runCli(["annotate", original, "--period", "2023-9M", "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("'01_TCD'!B12");
    expect(await changedFills(original, out)).toEqual({ "01_TCD!B12": `solid ${ERROR}` });
    // The input cells still have a fill of their own (the template's), so the comparison above covers them.
    const fills = await fillsOf(original);
    expect(Object.values(fills).filter((f) => f === fills["01_TCD!B12"]).length).toBeGreaterThan(200);
  }, 60_000);

  it("an error and a warning on two cells: each its own colour, nothing else", async () => {
    const original = path.join(FIXTURES, "BM_VU-ASEAN_2023-9M.xlsx");
    const out = path.join(await tempDir(), "asean.xlsx");
    const r = await runCli(["annotate", original, "--period", "2023-9M", "--out", out]);
    expect(r.code, r.stderr).toBe(1);
    expect(await changedFills(original, out)).toEqual({ "PCTN!D18": `solid ${ERROR}`, "PCTN!D19": `solid ${WARNING}` });
  }, 60_000);

  it("a cell with a warning and an error takes the error's colour, whichever is listed first", async () => {
    const dir = await tempDir();
    const original = path.join(FIXTURES, "BM_VU-ASEAN_2023-9M.xlsx");
    const finding = (severity: Severity, sheet: string, cell: string): Finding => ({
      file: "BM_VU-ASEAN_2023-9M.xlsx",
      unit: "VU-ASEAN",
      severity,
      rule: `TEST-${severity}`,
      form: null,
      sheet,
      cell,
      row: null,
      column: null,
      value: null,
      expected: null,
      message: { vi: `thử ${severity}`, en: `test ${severity}` },
    });
    const findings = [
      finding("warning", "PCTN", "D19"),
      finding("error", "PCTN", "D19"),
      finding("info", "01_TTr", "C11"),
      finding("warning", "01_TTr", "D11"),
      finding("info", "01_TTr", "D11"),
    ];
    const bytes = await annotateWorkbook(new Uint8Array(await readFile(original)), findings, { creationTime: "2023-09-14T00:00:00Z" });
    const out = path.join(dir, "both.xlsx");
    await writeFile(out, bytes);
    expect(await changedFills(original, out)).toEqual({
      "PCTN!D19": `solid ${ERROR}`,
      "01_TTr!C11": `solid ${INFO}`,
      "01_TTr!D11": `solid ${WARNING}`,
    });
  }, 60_000);
});
