/**
 * Regression (review of 2026-12-07): a blank template's code row stayed 15 pt, so its long identities
 * ("6=8+9+10=11+12+13=14+18" in an 11-character column) printed over the header above and the unit's row
 * below; 02/TCD printed "1=3+5+7=9+1" with a stray "1" on the next line, a wrong identity on paper. The
 * report's code row already grew to its wrapped codes (WORKBOOKS.md §2.2: "characters ÷ (width − 1),
 * rounded up", 15 pt a line); the template's does now. Read back by openpyxl, the rule worked out in Python.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const SCRIPT = [
  "import json, math, sys, warnings, openpyxl",
  "from openpyxl.utils import get_column_letter",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "out = {}",
  "for ws in wb.worksheets[1:]:",
  "    row = next(r for r in range(1, 40) if str(ws.cell(r, 1).value or '') in ('MS', 'A') and str(ws.cell(r, 2).value or '') not in ('', 'None') and (ws.cell(r, 1).value == 'MS' or ws.cell(r, 2).value == 'B'))",
  "    need = 1",
  "    for c in range(1, ws.max_column + 1):",
  "        text = ws.cell(row, c).value",
  "        if text is None: continue",
  "        width = ws.column_dimensions[get_column_letter(c)].width or 8.43",
  "        need = max(need, math.ceil(len(str(text)) / (width - 1)))",
  "    out[ws.title] = {'lines': need, 'height': ws.row_dimensions[row].height}",
  "print(json.dumps(out))",
].join("\n");

describe("a template's code row", () => {
  it("is as tall as its longest wrapped code, on every form sheet", async () => {
    const file = path.join(await tempDir(), "t.xlsx");
    const made = await runCli(["template", "--period", "2023-H1", "--unit", "VU-CAU-AU", "--out", file]);
    expect(made.code, made.stderr).toBe(0);
    const rows = await new Promise<Record<string, { lines: number; height: number | null }>>((resolve, reject) => {
      execFile("/usr/bin/python3", ["-c", SCRIPT, file], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Record<string, { lines: number; height: number | null }>)));
    });
    // By hand: 01_XLD's "6=8+9+10=11+12+13=14+18" (23 characters) in a numeric column needs more than one line.
    expect(rows["01_XLD"]?.lines).toBeGreaterThan(1);
    for (const [sheet, { lines, height }] of Object.entries(rows)) {
      if (lines > 1) expect(height ?? 15, sheet).toBeGreaterThanOrEqual(15 * lines);
    }
  }, 60_000);
});
