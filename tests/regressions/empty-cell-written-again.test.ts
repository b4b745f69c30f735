/**
 * A cell written twice at one reference reads as the last one written, and an empty cell written last
 * empties it (the reader keeps no empty cell, but it replaces one before it). sheet.ts skips that search
 * for an empty cell right of every cell its row holds (most cells: empty, in order), so the cases it must
 * still see are here: the same reference again, a reference left of a later cell, and a row element met
 * twice. Merges read whole (`<mergeCell ref="…"/>`) and those the scanner's events read (white space in
 * the tag, a character reference in the value) give the same ranges. The file is a LibreOffice-written
 * submission with rows added to its ThongTin sheet by editing the XML; each case is read with and
 * without the readers of whole elements.
 */
import { afterEach, describe, expect, it } from "vitest";
import { wholeElements } from "../../src/core/read/xmlscan";
import { thongTinGrid, withThongTinRow } from "./fixtures/limit-fixtures";

function withCellsWrittenAgain(): Uint8Array {
  const rows =
    // B42 written with a value, then empty; C42 empty, then with a value.
    '<row r="42"><c r="B42"><v>5</v></c><c r="B42" s="1"/><c r="C42"/><c r="C42"><v>6</v></c></row>' +
    // An empty C43 after D43: left of the last cell kept.
    '<row r="43"><c r="C43"><v>1</v></c><c r="D43"><v>2</v></c><c r="C43"/><c r="E43"/></row>' +
    // Row 44 met twice: its second element empties B44 and leaves C44.
    '<row r="44"><c r="B44"><v>3</v></c><c r="C44"><v>4</v></c></row><row r="44"><c r="B44"/></row>' +
    '<row r="70"><c r="B70"><v>7</v></c></row><row r="71"><c r="D71"><v>8</v></c></row>';
  const merges = '<mergeCell ref="B70:C70" /><mergeCell ref="D&#55;1:E71"/><mergeCell ref="F70:G71"/>';
  return withThongTinRow(rows, undefined, merges);
}

afterEach(() => {
  wholeElements.enabled = true;
});

describe("a cell written again at its reference", () => {
  for (const whole of [true, false]) {
    it(`reads as the last one written, an empty one emptying it (${whole ? "whole elements" : "the scanner's events"})`, () => {
      wholeElements.enabled = whole;
      const grid = thongTinGrid(withCellsWrittenAgain());
      expect(grid.at(42, 2).kind).toBe("empty");
      expect(grid.at(42, 3)).toMatchObject({ kind: "number", number: 6 });
      expect(grid.at(43, 3).kind).toBe("empty");
      expect(grid.at(43, 4)).toMatchObject({ kind: "number", number: 2 });
      expect(grid.at(44, 2).kind).toBe("empty");
      expect(grid.at(44, 3)).toMatchObject({ kind: "number", number: 4 });
      expect(grid.columnsOf(43)).toEqual([4]);
    });

    it(`reads merges written whole and otherwise alike (${whole ? "whole elements" : "the scanner's events"})`, () => {
      wholeElements.enabled = whole;
      const grid = thongTinGrid(withCellsWrittenAgain());
      expect(grid.mergeAt(70, 3)).toEqual({ top: 70, left: 2, bottom: 70, right: 3 });
      expect(grid.mergeAt(71, 5)).toEqual({ top: 71, left: 4, bottom: 71, right: 5 });
      expect(grid.mergeAt(71, 7)).toEqual({ top: 70, left: 6, bottom: 71, right: 7 });
    });
  }
});
