/**
 * Cell references and style numbers are read in place (no string cut out per cell, issue 9); what is not a
 * plain "B12" or a plain number goes the general way, so every form reads as before: "$C$41", lower case
 * "d41", a character reference ("E&#52;1" is E41), a style " 7" with a space, and a cell without `r`
 * after one (the next column); merge references read by hand as the regular expression read them. The file is a LibreOffice-written submission with one row added to its
 * ThongTin sheet by editing the XML; the expected values are the ones typed into that row.
 */
import { describe, expect, it } from "vitest";
import { thongTinGrid, withThongTinRow } from "./fixtures/limit-fixtures";

function withReferenceForms(): Uint8Array {
  const row =
    '<row r="41"><c r="A41" t="inlineStr"><is><t>a</t></is></c>' +
    '<c r="$C$41" t="inlineStr"><is><t>c</t></is></c>' +
    '<c r="d41" t="inlineStr"><is><t>d</t></is></c>' +
    '<c r="E&#52;1" t="inlineStr"><is><t>e</t></is></c>' +
    '<c t="inlineStr"><is><t>f</t></is></c>' +
    '<c r="H41" s=" 0"><v>8</v></c>' +
    '<c r="ZZZZ41" t="inlineStr"><is><t>not a reference: the next column</t></is></c></row>';
  // Merges: plain and with "$" (read by hand), lower case (not a range to the regular expression the
  // reader has always used: ignored), and an 11-letter column (past the hand reader: the expression's way).
  const covered = [60, 61, 62].map((r) => `<row r="${r}">${["B", "C", "E", "G", "J"].map((c) => `<c r="${c}${r}" t="inlineStr"><is><t>x</t></is></c>`).join("")}</row>`).join("");
  const merges = '<mergeCell ref="$B$60:$C$61"/><mergeCell ref="e60:f60"/><mergeCell ref="H60:G62"/><mergeCell ref="AAAAAAAAAAA60:J60"/>';
  return withThongTinRow(row + covered, undefined, merges);
}

describe("cell references read in place", () => {
  it("read every form as the general reader does", () => {
    const grid = thongTinGrid(withReferenceForms());
    expect([1, 2, 3, 4, 5, 6].map((col) => grid.text(41, col))).toEqual(["a", "", "c", "d", "e", "f"]);
    expect(grid.at(41, 8)).toMatchObject({ kind: "number", number: 8 });
    expect(grid.text(41, 9)).toBe("not a reference: the next column");
  });

  it("reads merge references as before: upper case, with or without $, either corner first", () => {
    const grid = thongTinGrid(withReferenceForms());
    expect(grid.mergeAt(61, 3)).toEqual({ top: 60, left: 2, bottom: 61, right: 3 });
    expect(grid.mergeAt(60, 5)).toBeNull();
    expect(grid.mergeAt(62, 7)).toEqual({ top: 60, left: 7, bottom: 62, right: 8 });
    // "AAAAAAAAAAA" is column 26^10 + … : a range from J to it, as the expression reads it.
    expect(grid.mergeAt(60, 10)?.left).toBe(10);
  });
});
