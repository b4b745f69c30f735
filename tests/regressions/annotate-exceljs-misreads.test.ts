/**
 * Regression (an outside review, 2026-12-07): `annotate` wrote copies that had lost the unit's values, and
 * said it had succeeded (exit 0). CLI.md: "values, styles, merges and sheets are kept". exceljs 4.4
 * misreads packages that OOXML allows and openpyxl, LibreOffice and our reader read:
 * - text in CDATA sections came back empty (every text cell of the copy);
 * - shared strings under another name (`xl/strings.xml`) came back as their indexes ("1", "2");
 * - a phonetic guide in an inline string cut the rest of the sheet (24 cells of 01_TCD);
 * - number formats lost their backslash escapes (`0\m`, a number, became `0m`, a time), and the built-in
 *   accounting formats 41 and 43 became General.
 * xlsx/for-exceljs.ts now puts each in Excel's form first. Fixtures and how they were made: the folder
 * beside this file. Each copy is read back by openpyxl and compared with its original, cell by cell.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const FIXTURES = path.join(__dirname, "fixtures", "annotate-exceljs-misreads");

/** Every filled cell of every sheet but LoiPhatHien, with its value and number format, as openpyxl reads them. */
const READ = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "out = {}",
  "for ws in wb.worksheets:",
  "  if ws.title == 'LoiPhatHien': continue",
  "  for row in ws.iter_rows():",
  "    for c in row:",
  "      if c.value is not None and c.value != '': out[ws.title + '!' + c.coordinate] = [str(c.value), c.number_format]",
  "print(json.dumps(out, ensure_ascii=False))",
].join("\n");

type Cells = Record<string, [string, string]>;

function cellsOf(file: string): Promise<Cells> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", READ, file], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Cells)));
  });
}

async function annotated(fixture: string): Promise<string> {
  const out = path.join(await tempDir("tonghop-misreads-"), "copy.xlsx");
  const r = await runCli(["annotate", path.join(FIXTURES, fixture), "--period", "2023-H1", "--out", out]);
  expect(r.code, r.stderr).toBeLessThan(2);
  return out;
}

const values = (cells: Cells): Record<string, string> => Object.fromEntries(Object.entries(cells).map(([k, [v]]) => [k, v]));

describe("annotate keeps what exceljs would misread", () => {
  it.each([
    ["cdata-strings.xlsx", "every shared string in CDATA"],
    ["cdata-inline-string.xlsx", "an inline string in CDATA"],
    ["shared-strings-other-name.xlsx", "the shared strings at xl/strings.xml"],
    ["inline-string-phonetic.xlsx", "a phonetic guide in an inline string"],
  ])("%s (%s): every value of the copy is the original's", async (fixture) => {
    const original = await cellsOf(path.join(FIXTURES, fixture));
    expect(Object.keys(original).length).toBeGreaterThan(800);
    expect(values(await cellsOf(await annotated(fixture)))).toEqual(values(original));
  }, 60_000);

  it("parts-moved.xlsx (the workbook, sheets, strings and styles renamed): the copy holds the demo file's values", async () => {
    // openpyxl itself cannot open the moved package: the copy is compared with the file it was made from.
    const original = await cellsOf(path.join(FIXTURES, "original.xlsx"));
    expect(values(await cellsOf(await annotated("parts-moved.xlsx")))).toEqual(values(original));
  }, 60_000);

  it("number-formats.xlsx: every format is kept, escapes and the built-ins 41 and 43 included", async () => {
    const original = await cellsOf(path.join(FIXTURES, "number-formats.xlsx"));
    const copy = await cellsOf(await annotated("number-formats.xlsx"));
    // The currency built-ins (42, 44 at PCTN!D12 and D15) show the machine's currency: left to exceljs (DECISIONS.md).
    const currency = new Set(["PCTN!D12", "PCTN!D15"]);
    const kept = (cells: Cells): Cells => Object.fromEntries(Object.entries(cells).filter(([k]) => !currency.has(k)));
    expect(original["01_TCD!Z12"]?.[1]).toBe("0\\m");
    expect(kept(copy)).toEqual(kept(original));
  }, 60_000);
});
