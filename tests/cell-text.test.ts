/**
 * Text that cannot go into a cell as it is (WORKBOOKS.md §2.1): "Excel holds at most 32,767 characters
 * in a cell and rejects a file with more: text from a unit that is longer is written cut to 32,000
 * characters followed by "… (cắt bớt, N ký tự)" (N the original length) … Control characters that XML 1.0
 * cannot carry (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF, unpaired surrogates) are
 * written as `_xHHHH_`, as Excel itself does." The expected strings below are written from that text.
 */
import { describe, expect, it } from "vitest";
import { cellText, cellValue, needsCellText } from "../src/core/xlsx/celltext";

describe("cellText: length (WORKBOOKS.md §2.1)", () => {
  it("keeps text of up to 32,767 characters whole", () => {
    const text = "x".repeat(32_767);
    expect(cellText(text)).toBe(text);
    expect(needsCellText(text)).toBe(false);
  });

  it("cuts longer text to 32,000 characters and the marker with the original length", () => {
    const text = "0123456789".repeat(3_277).slice(0, 32_768);
    expect(cellText(text)).toBe(`${text.slice(0, 32_000)}… (cắt bớt, 32768 ký tự)`);
    const mb = "ab".repeat(524_288);
    expect(cellText(mb)).toBe(`${"ab".repeat(16_000)}… (cắt bớt, 1048576 ký tự)`);
    expect(cellText(mb).length).toBeLessThanOrEqual(32_767);
  });

  it("never leaves half of a surrogate pair at the cut", () => {
    const text = `${"a".repeat(31_999)}😀${"b".repeat(40_000)}`; // the pair spans characters 32,000 and 32,001
    const cut = cellText(text);
    expect(cut).toBe(`${"a".repeat(31_999)}… (cắt bớt, ${text.length} ký tự)`);
  });
});

describe("cellText: characters XML 1.0 cannot carry (WORKBOOKS.md §2.1)", () => {
  it("writes each as _xHHHH_", () => {
    const cases: ReadonlyArray<readonly [string, string]> = [
      ["\u0000", "_x0000_"],
      ["\u0001", "_x0001_"],
      ["\u0008", "_x0008_"],
      ["\u000B", "_x000B_"],
      ["\u000C", "_x000C_"],
      ["\u000E", "_x000E_"],
      ["\u001F", "_x001F_"],
      ["\uFFFE", "_xFFFE_"],
      ["\uFFFF", "_xFFFF_"],
      ["\uD800", "_xD800_"], // a high surrogate alone
      ["\uDC00", "_xDC00_"], // a low surrogate alone
      ["a\uDBFFb", "a_xDBFF_b"],
    ];
    for (const [text, written] of cases) expect(cellText(text), JSON.stringify(text)).toBe(written);
  });

  it("keeps what XML carries: tab, line feed, carriage return, paired surrogates, Vietnamese", () => {
    for (const text of ["a\tb", "a\nb", "a\r\nb", "😀", "Vụ Châu Âu", "=SUM(A1)", "U+E000 \uE000"]) {
      expect(cellText(text)).toBe(text);
      expect(needsCellText(text)).toBe(false);
    }
  });

  it("writes U+007F as _x007F_ too: XML carries it, but exceljs would delete it (docs/DECISIONS.md)", () => {
    expect(cellText("a\u007Fb")).toBe("a_x007F_b");
  });

  it("writes a literal _xHHHH_ so it reads back as typed (Excel escapes its underscore as _x005F_)", () => {
    expect(cellText("_x0041_")).toBe("_x005F_x0041_");
    expect(cellText("a_x00e9_b")).toBe("a_x005F_x00e9_b");
    expect(cellText("_x12_ and x0041_")).toBe("_x12_ and x0041_"); // not an escape: left alone
  });

  it("cuts first, then escapes, so a cut text still reads as at most 32,000 characters and the marker", () => {
    const text = "\u0001".repeat(40_000);
    expect(cellText(text)).toBe(`${"_x0001_".repeat(32_000)}… (cắt bớt, 40000 ký tự)`);
  });

  it("passes numbers, dates and null through cellValue untouched", () => {
    const date = new Date(Date.UTC(2023, 5, 14));
    expect(cellValue(12)).toBe(12);
    expect(cellValue(date)).toBe(date);
    expect(cellValue(null)).toBeNull();
    expect(cellValue("a\u0002")).toBe("a_x0002_");
  });
});
