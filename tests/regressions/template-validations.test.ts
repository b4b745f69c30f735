/**
 * Regression (review of 2026-12-07), WORKBOOKS.md §1.1 ("INT cells accept whole numbers ≥ 0, MONEY and
 * LAND cells accept decimals ≥ 0"), as the blank template carries it:
 * - exceljs joins alike validations in address-string order, where "AA12" sorts before "U12": 01_KQGQ's
 *   AA12 had a validation of its own and U12:AA12 another over it (03_KQGQ: AA12:AF12 under Y12:AF12), a cell
 *   in two validations, which .NET readers (EPPlus) refuse. Each row's run is now given as one range.
 * - ThongTin B10 (Ngày lập) had a lower bound of 25569.0004 (1970-01-01 00:00:36): the serial of
 *   01/01/2000 (36526) taken for milliseconds. By hand: 01/01/2000 is Excel serial 36526.
 * Read back by openpyxl.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const SCRIPT = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "twice, inputs, date = {}, {}, None",
  "for ws in wb.worksheets:",
  "    seen = {}",
  "    for dv in ws.data_validations.dataValidation:",
  "        if dv.type == 'date': date = dv.formula1",
  "        for rng in dv.sqref.ranges:",
  "            for row in ws.iter_rows(min_row=rng.min_row, max_row=rng.max_row, min_col=rng.min_col, max_col=rng.max_col):",
  "                for c in row: seen[c.coordinate] = seen.get(c.coordinate, 0) + 1",
  "    twice[ws.title] = sorted(k for k, v in seen.items() if v > 1)",
  "    inputs[ws.title] = sorted(c.coordinate for r in ws.iter_rows() for c in r if c.protection.locked is False and c.number_format in ('#,##0', '#,##0.000', '#,##0.00') and c.coordinate not in seen)",
  "print(json.dumps({'twice': twice, 'unvalidated': inputs, 'date': date}))",
].join("\n");

describe("the template's data validations", () => {
  it("cover each numeric input cell once, and Ngày lập from 01/01/2000", async () => {
    const file = path.join(await tempDir(), "t.xlsx");
    const made = await runCli(["template", "--period", "2023-H1", "--unit", "VU-CAU-AU", "--out", file]);
    expect(made.code, made.stderr).toBe(0);
    const got = await new Promise<{ twice: Record<string, string[]>; unvalidated: Record<string, string[]>; date: string | null }>((resolve, reject) => {
      execFile("/usr/bin/python3", ["-c", SCRIPT, file], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as never)));
    });
    for (const [sheet, cells] of Object.entries(got.twice)) expect(cells, sheet).toEqual([]);
    for (const [sheet, cells] of Object.entries(got.unvalidated)) expect(cells, sheet).toEqual([]);
    expect(got.date).toBe("36526");
  }, 60_000);
});
