/**
 * Regression (a fresh-eyes review of the same day's annotate changes, 2026-12-07): five faults in putting a
 * unit's package in Excel's form (xlsx/for-exceljs.ts), and one in the reader, each with the file that shows it.
 * - Comments before a root element made the prefix check backtrack: 2^(k-1) tries for k comments (k = 40 never
 *   ended; `annotate` hung on a file `validate` accepts). A tag padded with spaces did the same, quadratically,
 *   in the ISO-date pass. Both linear now.
 * - An entry stored with its %-escape in its name (`sheet%204.xml`, as the Open XML SDK stores it) was no longer
 *   found once targets were unescaped: the part as written is looked up first.
 * - A worksheet outside xl/worksheets/ (`xl/ws/data.xml`) was moved without its relationships: its notes were
 *   silently gone from the copy.
 * - A link spelled in another case than its part (`worksheets/Sheet1.xml` for sheet1.xml) was left as it was, and
 *   exceljs dropped the sheet.
 * - A cell without `r` after one with a reference in another row was placed in the row before, not as the reader
 *   places it; a single-quoted `r` got a second `r`.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { forTests } from "../../src/core/xlsx/for-exceljs";
import { runCli, tempDir } from "../helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

const NOTE_AND_SHEETS = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "c = wb['ThongTin']['A1'].comment",
  "print(json.dumps({'sheets': wb.sheetnames, 'note': c.text if c else None, 'B3': wb['ThongTin']['B3'].value}))",
].join("\n");

function seen(file: string): { sheets: string[]; note: string | null; B3: string } {
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", NOTE_AND_SHEETS, file], { encoding: "utf8" })) as { sheets: string[]; note: string | null; B3: string };
}

async function annotated(parts: Record<string, Uint8Array>): Promise<{ code: number; stderr: string; out: string; dir: string }> {
  const dir = await tempDir("tonghop-annot-review-");
  const input = path.join(dir, FILE);
  writeFileSync(input, zipSync(parts));
  const out = path.join(dir, "copy.xlsx");
  const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out, "--created", "2023-07-01"]);
  return { code: r.code, stderr: r.stderr, out, dir };
}

function edit(parts: Record<string, Uint8Array>, name: string, f: (xml: string) => string): void {
  const before = strFromU8(parts[name] ?? new Uint8Array());
  const after = f(before);
  if (after === before) throw new Error(`${name} unchanged`);
  parts[name] = strToU8(after);
}

const ALL = ["LoiPhatHien", "ThongTin", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN"];

describe("putting a package in Excel's form: the review's cases", () => {
  it("comments before the root, and a tag padded with spaces, cost linear time (they hung)", () => {
    const comments = `<?xml version="1.0"?>${"<!--c-->".repeat(60)}<Properties xmlns="x"><a/></Properties>`;
    expect(forTests.unprefixedMain(comments)).toBe(comments);
    const prefixed = `<?xml version="1.0"?>${"<!--c-->".repeat(60)}<x:worksheet xmlns:x="${MAIN}"><x:sheetData/></x:worksheet>`;
    expect(forTests.unprefixedMain(prefixed)).toBe(`<?xml version="1.0"?>${"<!--c-->".repeat(60)}<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`);
    const padded = `<sheetData><row r="1"><c r="A1"${" ".repeat(200_000)} t="d"><v>2022-12-15</v></c></row></sheetData>`;
    expect(forTests.serialDates(padded, false)).toBe(`<sheetData><row r="1"><c r="A1"${" ".repeat(200_000)}><v>44910</v></c></row></sheetData>`);
    // A default namespace beside the prefix: left alone (two xmlns would be made).
    const both = `<x:worksheet xmlns="${MAIN}" xmlns:x="${MAIN}"/>`;
    expect(forTests.unprefixedMain(both)).toBe(both);
  }, 10_000);

  it("cells without r are placed as the reader places them; a single-quoted r is kept", () => {
    expect(forTests.cellReferences('<row><c r="A5"/><c/></row><row><c/></row>')).toBe('<row r="1"><c r="A5"/><c r="B5"/></row><row r="6"><c r="A6"/></row>');
    expect(forTests.cellReferences("<row r='2'><c r='C2'/><c/></row>")).toBe("<row r='2'><c r='C2'/><c r=\"D2\"/></row>");
  });

  it("an entry stored with its %-escape in its name is found by the reader and annotated", async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
    const data = parts["xl/worksheets/sheet4.xml"];
    if (!data) throw new Error("no sheet4");
    delete parts["xl/worksheets/sheet4.xml"];
    parts["xl/worksheets/sheet%204.xml"] = data;
    edit(parts, "xl/_rels/workbook.xml.rels", (xml) => xml.replace('Target="worksheets/sheet4.xml"', 'Target="worksheets/sheet%204.xml"'));
    const r = await annotated(parts);
    expect(r.stderr).not.toContain("Không ghi được");
    const json = path.join(r.dir, "v.json");
    await runCli(["validate", path.join(r.dir, FILE), "--period", "2023-H1", "--json", json]);
    expect((JSON.parse(readFileSync(json, "utf8")) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule)).not.toContain("V-LAYOUT-01");
    expect(seen(r.out).sheets).toEqual(ALL);
  }, 60_000);

  it("a worksheet outside xl/worksheets/ keeps its notes; a link in another case than its part keeps its sheet", async () => {
    // The sample with a note on ThongTin!A1, written by openpyxl.
    const dir = await tempDir("tonghop-annot-review-note-");
    const noted = path.join(dir, "noted.xlsx");
    execFileSync("/usr/bin/python3", ["-c", "import sys, warnings, openpyxl\nfrom openpyxl.comments import Comment\nwarnings.simplefilter('ignore')\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['ThongTin']['A1'].comment = Comment('ghi chú của đơn vị', 'Đơn vị')\nwb.save(sys.argv[2])", SAMPLE, noted]);
    const base = unzipSync(new Uint8Array(readFileSync(noted)));
    expect(seen(noted).note).toBe("ghi chú của đơn vị");

    const moved = { ...base };
    const sheet = moved["xl/worksheets/sheet1.xml"];
    const rels = moved["xl/worksheets/_rels/sheet1.xml.rels"];
    if (!sheet || !rels) throw new Error("no sheet1 or its relationships");
    delete moved["xl/worksheets/sheet1.xml"];
    delete moved["xl/worksheets/_rels/sheet1.xml.rels"];
    moved["xl/ws/data.xml"] = sheet;
    // Its links from its new folder: one level up to xl/ as before.
    moved["xl/ws/_rels/data.xml.rels"] = rels;
    edit(moved, "xl/_rels/workbook.xml.rels", (xml) => xml.replace(/Target="\/?(?:xl\/)?worksheets\/sheet1\.xml"/u, 'Target="ws/data.xml"'));
    const a = await annotated(moved);
    expect(a.stderr).not.toContain("Không ghi được");
    const copy = seen(a.out);
    expect(copy.sheets).toEqual(ALL);
    expect(copy.note).toContain("ghi chú của đơn vị");

    const upper = { ...base };
    edit(upper, "xl/_rels/workbook.xml.rels", (xml) => xml.replace(/Target="\/?(?:xl\/)?worksheets\/sheet1\.xml"/u, 'Target="worksheets/Sheet1.xml"'));
    const b = await annotated(upper);
    expect(b.stderr).not.toContain("Không ghi được");
    expect(seen(b.out).sheets).toEqual(ALL);
    expect(seen(b.out).B3).toBe("BAO-TGVN");
  }, 60_000);
});
