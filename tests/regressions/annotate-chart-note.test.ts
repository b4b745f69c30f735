/**
 * Regression: `annotate` on a unit file with a chart (drawn by openpyxl, as by many tools) stopped with
 * exceljs's "Cannot read properties of undefined (reading 'anchors')" stack trace: no returned file, and the
 * note CLI.md promises ("objects exceljs cannot carry (charts, …) may be dropped, which is noted on an added
 * first sheet LoiPhatHien") was lost with it. The copy is now made without the chart and says so.
 * Fixture: fixtures/chart-in-submission.xlsx, made by fixtures/make-chart-submission.py.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";
import { convertWithLibreOffice } from "../helpers/libreoffice";

const FIXTURE = path.join(__dirname, "fixtures", "chart-in-submission.xlsx");

/** Sheet names, and every text of the first sheet, read by openpyxl. */
function readBack(file: string): Promise<{ sheets: string[]; firstSheetTexts: string[]; b12: unknown }> {
  const script = [
    "import json, sys, warnings, openpyxl",
    "warnings.simplefilter('ignore')",
    "wb = openpyxl.load_workbook(sys.argv[1])",
    "first = wb.worksheets[0]",
    "texts = [c.value for row in first.iter_rows() for c in row if isinstance(c.value, str)]",
    "print(json.dumps({'sheets': wb.sheetnames, 'firstSheetTexts': texts, 'b12': wb['01_TCD']['B12'].value}))",
  ].join("\n");
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", script, file], (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as { sheets: string[]; firstSheetTexts: string[]; b12: unknown }),
    );
  });
}

describe("annotate on a file with a chart", () => {
  it("writes the copy, notes the dropped chart on LoiPhatHien, keeps the unit's values", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "returned.xlsx");
    const r = await runCli(["annotate", FIXTURE, "--period", "2023-H1", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const back = await readBack(out);
    expect(back.sheets[0]).toBe("LoiPhatHien");
    expect(back.firstSheetTexts.some((t) => t.startsWith("Lưu ý:") && t.includes("biểu đồ"))).toBe(true);
    expect(back.b12).toBe(6); // 01_TCD (1) of ok-filled.xlsx (expectations.json)
    await convertWithLibreOffice(out, "csv");
  }, 120_000);
});
