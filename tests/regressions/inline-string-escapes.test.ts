/**
 * Regression (issue 9): Excel's `_xHHHH_` escapes (ECMA-376 Part 1 §22.9.2.19, ST_Xstring: `_x0009_` is a
 * tab) were decoded in shared strings but not in inline strings (`<c t="inlineStr"><is><t>`), so the same
 * text read differently by where the writer put it. Both are decoded the same now. The file is a
 * LibreOffice-written submission with three cells added to its ThongTin sheet by editing the XML.
 */
import { describe, expect, it } from "vitest";
import { nextSharedString, thongTinGrid, withThongTinRow } from "./fixtures/limit-fixtures";

function withEscapedCells(): Uint8Array {
  const row =
    '<row r="40"><c r="A40" t="s"><v>' + String(nextSharedString()) + "</v></c>" +
    '<c r="B40" t="inlineStr"><is><t>Tổ_x0009_1</t></is></c>' +
    '<c r="C40" t="inlineStr"><is><r><t>Tổ_x0009_</t></r><r><t>1</t></r></is></c></row>';
  return withThongTinRow(row, "Tổ_x0009_1");
}

describe("_xHHHH_ escapes in inline strings", () => {
  it("read as in shared strings: _x0009_ is a tab", () => {
    const grid = thongTinGrid(withEscapedCells());
    expect([1, 2, 3].map((col) => grid.text(40, col))).toEqual(["Tổ\t1", "Tổ\t1", "Tổ\t1"]);
  });
});
