/**
 * Regression (review of 2026-12-07, third round): `annotate` on two valid packages the reader reads well.
 * CLI.md: "values, styles, merges and sheets are kept".
 * - Relationship targets through `..` (`../xl/worksheets/sheet1.xml` from xl/, valid OPC): exceljs found no
 *   sheet, and the copy held only LoiPhatHien, with exit 0 and "Đã ghi tệp trả lại".
 * - Dates as ISO text (`<c t="d"><v>2022-12-15T00:00:00</v></c>`, Strict Open XML, openpyxl's iso_dates):
 *   exceljs read them with parseFloat, and the copy held 14/07/1905 (the serial 2022).
 * Both are now put in Excel's form before exceljs loads the package (xlsx/for-exceljs.ts), and a copy that
 * would lack one of the unit's sheets is refused with the sheet named, never written. The copies are read
 * back by openpyxl.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { forTests } from "../../src/core/xlsx/for-exceljs";
import { runCli, tempDir } from "../helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

/** The sample with some parts changed. */
function variant(change: (parts: Record<string, Uint8Array>) => void): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  change(parts);
  return zipSync(parts);
}

function edit(parts: Record<string, Uint8Array>, name: string, f: (xml: string) => string): void {
  const before = strFromU8(parts[name] ?? new Uint8Array());
  const after = f(before);
  if (after === before) throw new Error(`${name} unchanged`);
  parts[name] = strToU8(after);
}

const READ = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "t = wb['ThongTin']",
  "v = lambda c: t[c].value.isoformat() if hasattr(t[c].value, 'isoformat') else t[c].value",
  "print(json.dumps({'sheets': wb.sheetnames, 'B6': v('B6'), 'B7': v('B7'), 'B3': v('B3')}))",
].join("\n");

function seen(file: string): Promise<{ sheets: string[]; B6: unknown; B7: unknown; B3: unknown }> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", READ, file], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as { sheets: string[]; B6: unknown; B7: unknown; B3: unknown })));
  });
}

async function annotate(bytes: Uint8Array): Promise<{ code: number; out: string; stdout: string; stderr: string }> {
  const dir = await tempDir("tonghop-annot-odd-");
  const input = path.join(dir, FILE);
  writeFileSync(input, bytes);
  const out = path.join(dir, "copy.xlsx");
  const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out, "--created", "2023-07-01"]);
  return { code: r.code, out, stdout: r.stdout, stderr: r.stderr };
}

const ORIGINAL_SHEETS = ["ThongTin", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN"];

/** The copy is written, with LoiPhatHien first and every one of the unit's sheets, and a value read back. */
async function expectWholeCopy(bytes: Uint8Array): Promise<void> {
  const r = await annotate(bytes);
  expect(r.stderr).not.toMatch(/Không ghi được|Error/u);
  const copy = await seen(r.out);
  expect(copy.sheets).toEqual(["LoiPhatHien", ...ORIGINAL_SHEETS]);
  expect(copy.B3).toBe("BAO-TGVN");
}

describe("annotate keeps every sheet and every date", () => {
  it("relationship targets through '..': every sheet is in the copy", async () => {
    const bytes = variant((parts) => edit(parts, "xl/_rels/workbook.xml.rels", (xml) => xml.replace(/Target="(?!\.\.\/|\/|http)([^"]+)"/gu, 'Target="../xl/$1"')));
    await expectWholeCopy(bytes);
  }, 60_000);

  it("ISO dates (t=\"d\") stay the same dates", async () => {
    const bytes = variant((parts) =>
      edit(parts, "xl/worksheets/sheet1.xml", (xml) =>
        xml.replace('<c r="B6" s="5"><v>44910</v>', '<c r="B6" s="5" t="d"><v>2022-12-15T00:00:00</v>').replace('<c r="B7" s="5"><v>45091</v>', '<c r="B7" s="5" t="d"><v>2023-06-14</v>'),
      ),
    );
    const r = await annotate(bytes);
    expect(r.stderr).not.toMatch(/Không ghi được|Error/u);
    const copy = await seen(r.out);
    expect(copy.B6).toBe("2022-12-15T00:00:00");
    expect(copy.B7).toBe("2023-06-14T00:00:00");
  }, 60_000);

  it("the ISO dates' serials, by hand (1900 and 1904 systems; a time of day kept; no date left alone)", () => {
    const cell = (t: string, v: string) => `<c r="A1" s="1" t="${t}"><v>${v}</v></c>`;
    // 2022-12-15: 44910 days from 1899-12-30 (Excel's 1900 system); 1904 system: 1462 fewer.
    expect(forTests.serialDates(cell("d", "2022-12-15T00:00:00"), false)).toBe('<c r="A1" s="1"><v>44910</v></c>');
    expect(forTests.serialDates(cell("d", "2022-12-15"), true)).toBe('<c r="A1" s="1"><v>43448</v></c>');
    expect(forTests.serialDates(cell("d", "2022-12-15T12:00:00Z"), false)).toBe('<c r="A1" s="1"><v>44910.5</v></c>');
    expect(forTests.serialDates(cell("d", "không phải ngày"), false)).toBe(cell("d", "không phải ngày"));
    expect(forTests.serialDates('<c r="A1" t="d"/><c r="A2"><v>1</v></c>', false)).toBe('<c r="A1" t="d"/><c r="A2"><v>1</v></c>');
    expect(forTests.relativeTargets('<Relationship Id="r" Type="t" Target="../xl/worksheets/sheet1.xml"/>', "xl")).toBe('<Relationship Id="r" Type="t" Target="worksheets/sheet1.xml"/>');
    expect(forTests.relativeTargets('<Relationship Id="r" Type="t" Target="./a/../styles.xml"/>', "xl")).toBe('<Relationship Id="r" Type="t" Target="styles.xml"/>');
  });
});

describe("a worksheet part named otherwise, and one that is missing", () => {
  it("a sheet part named thongtin.xml (exceljs reads sheetN.xml only): the copy has every sheet", async () => {
    const bytes = variant((parts) => {
      const data = parts["xl/worksheets/sheet1.xml"];
      if (!data) throw new Error("no sheet1");
      parts["xl/worksheets/thongtin.xml"] = data;
      delete parts["xl/worksheets/sheet1.xml"];
      edit(parts, "xl/_rels/workbook.xml.rels", (xml) => xml.replace('Target="worksheets/sheet1.xml"', 'Target="worksheets/thongtin.xml"'));
      edit(parts, "[Content_Types].xml", (xml) => xml.replace('PartName="/xl/worksheets/sheet1.xml"', 'PartName="/xl/worksheets/thongtin.xml"'));
    });
    await expectWholeCopy(bytes);
  }, 60_000);

  it("a sheet whose part is missing: no copy, the sheet and part named, nothing written (it was written without it)", async () => {
    const bytes = variant((parts) => {
      delete parts["xl/worksheets/sheet4.xml"];
    });
    const r = await annotate(bytes);
    // Since 2026-12-07 (sixth session) the reader says the package is damaged (V-FILE-01): exit 1, as for any
    // unreadable input (CLI.md); before, the copy was refused by the check of annotate's own (exit 2).
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('tệp bị hỏng: thiếu thành phần xl/worksheets/sheet4.xml của trang tính "01_TCD"');
    expect(existsSync(r.out)).toBe(false);
  }, 60_000);
});
