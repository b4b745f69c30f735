/**
 * A worksheet is read up to its merges: what the schema puts after them (data validations, print setup,
 * extensions: a third of a template sheet's text) holds nothing the reader needs, so it is neither
 * inflated further, decoded nor scanned (issue 9). The file is a LibreOffice-written submission with its
 * ThongTin sheet edited; the expected values are the ones typed into it.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";
import { readCentralDirectory } from "../../src/core/read/package";
import { CLEAN, editedPart, thongTinGrid, withThongTinRow } from "./fixtures/limit-fixtures";

const ROW = '<row r="41"><c r="A41" t="inlineStr"><is><t>kept</t></is></c></row><row r="60"><c r="B60" t="inlineStr"><is><t>m</t></is></c><c r="C60" t="inlineStr"><is><t>covered</t></is></c></row>';

describe("the sheet after its merges is not read", () => {
  it("merges written where the schema puts them (before the validations) apply", () => {
    const grid = thongTinGrid(withThongTinRow(ROW, undefined, '<mergeCell ref="B60:C60"/>'));
    expect(grid.text(41, 1)).toBe("kept");
    expect(grid.mergeAt(60, 3)).toEqual({ top: 60, left: 2, bottom: 60, right: 3 });
    expect(grid.text(60, 3)).toBe("");
  });

  it("text after the first element past the merges is never scanned: broken XML there does not refuse the file", async () => {
    const bytes = editedPart(withThongTinRow(ROW), "xl/worksheets/sheet1.xml", (xml) => xml.replace("</worksheet>", "<broken></worksheet>"));
    expect(thongTinGrid(bytes).text(41, 1)).toBe("kept");
    expect((await readSubmission(bytes, "a.xlsx")).kind).toBe("submission");
  });

  it("the same break before the merges still refuses the file (the cells and merges are checked as before)", async () => {
    const bytes = editedPart(new Uint8Array(readFileSync(CLEAN)), "xl/worksheets/sheet1.xml", (xml) => xml.replace("</sheetData>", "<broken></sheetData>"));
    const outcome = await readSubmission(bytes, "a.xlsx");
    expect(outcome.kind === "submission" ? [] : outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  });

  it("merges a writer put after the validations (out of the schema's order, which Excel repairs) are not read", () => {
    const bytes = editedPart(withThongTinRow(ROW), "xl/worksheets/sheet1.xml", (xml) => xml.replace("</worksheet>", '<mergeCells count="1"><mergeCell ref="B60:C60"/></mergeCells></worksheet>'));
    const grid = thongTinGrid(bytes);
    expect(grid.mergeAt(60, 3)).toBeNull();
    expect(grid.text(60, 3)).toBe("covered");
  });

  it("a prefixed element past the merges stops it too", () => {
    const bytes = editedPart(withThongTinRow(ROW), "xl/worksheets/sheet1.xml", (xml) =>
      xml
        .replace("<worksheet ", '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')
        .replace("<dataValidations", "<x:dataValidations")
        .replace("</dataValidations>", "<broken></x:dataValidations>"),
    );
    expect(thongTinGrid(bytes).text(41, 1)).toBe("kept");
  });

  it("a sheet read in slices (over 4 MB) is still inflated to its end after the stop: a wrong CRC refuses the file", async () => {
    // 5 MB of comment that does not compress much, after the last element read: the part is inflated in
    // slices of its compressed bytes, and the stop comes in the first of them.
    const big = editedPart(new Uint8Array(readFileSync(CLEAN)), "xl/worksheets/sheet1.xml", (xml) => xml.replace("</worksheet>", `<!--${noise(5_000_000)}--></worksheet>`));
    expect((await readSubmission(big, "a.xlsx")).kind).toBe("submission");
    const outcome = await readSubmission(withWrongCrc(big, "xl/worksheets/sheet1.xml"), "a.xlsx");
    expect(outcome.kind === "submission" ? [] : outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  });
});

/** `length` letters and digits from a fixed pseudo-random sequence (same text every run). */
function noise(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let x = 2463534242;
  let out = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[(x >>> 0) % alphabet.length] ?? "a";
  }
  return out;
}

/** `bytes` with the CRC-32 of entry `name` changed in its local header and in the central directory. */
function withWrongCrc(bytes: Uint8Array, name: string): Uint8Array {
  const entry = readCentralDirectory(bytes)?.find((e) => e.name === name);
  if (!entry) throw new Error(`no entry ${name}`);
  const out = new Uint8Array(bytes);
  const crc = [0, 8, 16, 24].map((shift) => (entry.crc >>> shift) & 0xff);
  let changed = 0;
  for (let i = 0; i + 4 <= out.length; i++) {
    if (out[i] === crc[0] && out[i + 1] === crc[1] && out[i + 2] === crc[2] && out[i + 3] === crc[3]) {
      out[i] = (out[i] ?? 0) ^ 0xff;
      changed++;
    }
  }
  // The local header and the central directory (the compressed bytes may hold it by chance too).
  expect(changed).toBeGreaterThanOrEqual(2);
  return out;
}
