/**
 * Regression (issue 9): Excel's `_xHHHH_` escapes (ECMA-376 Part 1 §22.9.2.19, ST_Xstring: `_x0009_` is a
 * tab) were decoded in shared strings but not in inline strings (`<c t="inlineStr"><is><t>`), so the same
 * text read differently by where the writer put it. Both are decoded the same now. The file is a
 * LibreOffice-written submission with three cells added to its ThongTin sheet by editing the XML.
 */
import { readFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ReadBudget } from "../../src/core/read/limits";
import { Package } from "../../src/core/read/parts";
import { StreamGrid } from "../../src/core/read/sheet";
import { WorkbookParts } from "../../src/core/read/workbook";
import { CLEAN } from "./fixtures/limit-fixtures";

function withEscapedCells(): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(CLEAN)));
  const sst = strFromU8(parts["xl/sharedStrings.xml"] ?? new Uint8Array());
  const index = (sst.match(/<si>/gu) ?? []).length;
  parts["xl/sharedStrings.xml"] = strToU8(sst.replace(/uniqueCount="\d+"/u, `uniqueCount="${index + 1}"`).replace("</sst>", "<si><t>Tổ_x0009_1</t></si></sst>"));
  const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] ?? new Uint8Array()); // ThongTin
  const row =
    '<row r="40"><c r="A40" t="s"><v>' + String(index) + "</v></c>" +
    '<c r="B40" t="inlineStr"><is><t>Tổ_x0009_1</t></is></c>' +
    '<c r="C40" t="inlineStr"><is><r><t>Tổ_x0009_</t></r><r><t>1</t></r></is></c></row>';
  parts["xl/worksheets/sheet1.xml"] = strToU8(sheet.replace("</sheetData>", `${row}</sheetData>`));
  return zipSync(parts);
}

describe("_xHHHH_ escapes in inline strings", () => {
  it("read as in shared strings: _x0009_ is a tab", () => {
    const workbook = new WorkbookParts(new Package(withEscapedCells(), new ReadBudget()));
    const entry = workbook.sheets[0];
    if (!entry) throw new Error("no sheet");
    const grid = new StreamGrid(0, entry, workbook);
    expect([1, 2, 3].map((col) => grid.text(40, col))).toEqual(["Tổ\t1", "Tổ\t1", "Tổ\t1"]);
  });
});
