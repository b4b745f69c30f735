/**
 * Cell values (WORKBOOKS.md §1.5, FORMS.md §1.2). Cells are written to real .xlsx bytes with exceljs (an
 * independent writer) and read back by the reader's own workbook and sheet reading (workbook.ts, sheet.ts)
 * and its cell normaliser (`plainFromRaw`), exactly as a unit's file would be. These expectations were
 * first written against the exceljs reader's normaliser (`plainCell`, removed with that reader); the same
 * files give the same values.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  isDateFormat,
  isExternalFormula,
  parseNumberText,
  readDateCell,
  readNumeric,
  readText,
  round15,
} from "../src/core/read/cells";
import type { PlainCell } from "../src/core/read/cells.types";
import { ReadBudget } from "../src/core/read/limits";
import { Package } from "../src/core/read/parts";
import { StreamGrid } from "../src/core/read/sheet";
import { WorkbookParts } from "../src/core/read/workbook";
import { columnNumber } from "../src/core/xlsx/layout";

interface Loaded {
  /** The sheet as exceljs loads it: a witness of what the file holds (the quirks a case is there for). */
  readonly ws: ExcelJS.Worksheet;
  readonly date1904: boolean;
  /** The cell as the reader normalises it. */
  readonly cell: (address: string) => PlainCell;
}

/** Build a one-sheet workbook, write it to .xlsx bytes and read it back. */
async function roundTrip(build: (ws: ExcelJS.Worksheet) => void, date1904 = false): Promise<Loaded> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  build(wb.addWorksheet("S"));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const workbook = new WorkbookParts(new Package(bytes, new ReadBudget()));
  const index = workbook.sheets.findIndex((entry) => entry.name === "S");
  const entry = workbook.sheets[index];
  if (!entry) throw new Error("sheet S lost in the round trip");
  const grid = new StreamGrid(index, entry, workbook);
  const witness = new ExcelJS.Workbook();
  await witness.xlsx.load(bytes.buffer as ArrayBuffer);
  const ws = witness.getWorksheet("S");
  if (!ws) throw new Error("sheet S lost in the round trip");
  const at = (address: string): PlainCell => {
    const m = /^([A-Z]+)(\d+)$/u.exec(address);
    if (!m) throw new Error(`not an address: ${address}`);
    return grid.at(Number(m[2]), columnNumber(m[1] ?? "A"));
  };
  return { ws, date1904: workbook.date1904, cell: at };
}

const NFD_TEXT = "Tha\u0300nh pho\u0302\u0301";

let main: Loaded;

beforeAll(async () => {
  main = await roundTrip((ws) => {
    ws.getCell("A1").value = 42;
    ws.getCell("A2").value = { formula: "0.1+0.2", result: 0.30000000000000004 };
    ws.getCell("A3").value = { formula: "B1" };
    ws.getCell("A4").value = { formula: "A1-A1", result: 0 };
    ws.getCell("A5").value = { formula: "A1*0.3*10", result: 9.000000000000002 };
    ws.getCell("B2").value = { formula: "A1*2", result: 4, shareType: "shared", ref: "B2:B3" } as ExcelJS.CellFormulaValue;
    ws.getCell("B3").value = { sharedFormula: "B2", result: 5 };
    ws.getCell("C1").value = { formula: "SUM(A1:A2*2)", result: 7, shareType: "array", ref: "C1" } as ExcelJS.CellFormulaValue;
    ws.getCell("C2").value = { formula: "[1]Sheet1!A1", result: 9 };
    ws.getCell("C3").value = { error: "#REF!" };
    ws.getCell("C4").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("C5").value = { formula: "A1>0", result: false };
    ws.getCell("C6").value = { formula: "\"12,5\"&\"\"", result: "12,5" };
    ws.getCell("C7").value = { formula: "A9", result: { error: "#REF!" } };
    ws.getCell("C8").value = { formula: "'[2]Thông tin'!B3", result: "abc" };
    ws.getCell("D1").value = { richText: [{ text: "Số " }, { text: "liệu", font: { bold: true } }] };
    ws.getCell("D2").value = { text: "link", hyperlink: "https://example.org" };
    ws.getCell("D3").value = {
      text: { richText: [{ text: "rich " }, { text: "link" }] },
      hyperlink: "https://example.org",
    } as unknown as ExcelJS.CellHyperlinkValue;
    ws.getCell("D4").value = true;
    ws.getCell("D5").value = false;
    ws.getCell("D6").value = new Date(Date.UTC(2023, 8, 14));
    ws.getCell("D7").value = 45183;
    ws.getCell("D7").numFmt = "dd/mm/yyyy;@";
    ws.getCell("D8").value = 45183;
    ws.getCell("D8").numFmt = "YYYY";
    ws.getCell("D9").value = 1234.56;
    ws.getCell("D9").numFmt = "#,##0.00\\ \\m\\²";
    ws.getCell("D10").value = 45183.75;
    ws.getCell("D10").numFmt = "yyyy-mm-dd hh:mm";
    ws.getCell("D11").value = 1234.5;
    ws.getCell("D11").numFmt = "#,##0.000";
    ws.getCell("D12").value = 45183;
    ws.getCell("D12").numFmt = "[$-42A]dd/mm/yyyy";
    ws.getCell("E1").value = NFD_TEXT;
    ws.getCell("E2").value = "   ";
    ws.getCell("E3").value = "\u00a0\u2009 ";
    ws.getCell("E4").value = "";
    ws.getCell("F1").value = "merged";
    ws.mergeCells("F1:G1");
    ws.getCell("F2").value = "1,500";
    ws.getCell("F3").value = 1.2345;
    ws.getCell("F4").value = "—";
    ws.getCell("F5").value = "12 người";
    ws.getCell("F6").value = -5;
  });
});

describe("cells read back from .xlsx, normalised", () => {
  it("reads plain numbers", () => {
    expect(main.cell("A1")).toEqual({
      kind: "number",
      number: 42,
      text: null,
      boolean: null,
      date: null,
      formula: null,
      formulaWithoutResult: false,
      externalLink: false,
    });
    expect(main.cell("F3")).toMatchObject({ kind: "number", number: 1.2345 });
  });

  it("reads empty cells and whitespace-only text as empty", () => {
    for (const address of ["H20", "E2", "E3", "E4"]) {
      expect(main.cell(address), address).toMatchObject({ kind: "empty", text: null, formula: null });
    }
  });

  it("reads a formula's cached result, keeping the stored binary noise for readNumeric", () => {
    expect(main.cell("A2")).toMatchObject({
      kind: "number",
      number: 0.30000000000000004,
      formula: "0.1+0.2",
      formulaWithoutResult: false,
      externalLink: false,
    });
  });

  it("keeps a cached result of 0 and of FALSE (exceljs's cell.value dropped falsy results)", () => {
    expect(main.cell("A4")).toMatchObject({ kind: "number", number: 0, formulaWithoutResult: false });
    expect(main.cell("C5")).toMatchObject({ kind: "boolean", boolean: false, formula: "A1>0" });
  });

  it("flags a formula without a cached result", () => {
    expect(main.cell("A3")).toMatchObject({ kind: "empty", formula: "B1", formulaWithoutResult: true });
  });

  it("reads shared formulas: master and clone (with the clone's translated formula)", () => {
    expect(main.cell("B2")).toMatchObject({ kind: "number", number: 4, formula: "A1*2" });
    expect(main.cell("B3")).toMatchObject({ kind: "number", number: 5, formula: "A2*2", formulaWithoutResult: false });
  });

  it("reads an array formula", () => {
    expect(main.cell("C1")).toMatchObject({ kind: "number", number: 7, formula: "SUM(A1:A2*2)" });
  });

  it("detects formulas linking to another workbook", () => {
    expect(main.cell("C2")).toMatchObject({ kind: "number", number: 9, externalLink: true });
    expect(main.cell("C8")).toMatchObject({ kind: "text", text: "abc", externalLink: true });
    expect(main.cell("A2").externalLink).toBe(false);
  });

  it("reads error values, literal and cached", () => {
    expect(main.cell("C3")).toMatchObject({ kind: "error", text: "#REF!", formula: null });
    expect(main.cell("C4")).toMatchObject({ kind: "error", text: "#DIV/0!", formula: "1/0" });
    expect(main.cell("C7")).toMatchObject({ kind: "error", text: "#REF!", formulaWithoutResult: false });
  });

  it("reads a formula's cached text", () => {
    expect(main.cell("C6")).toMatchObject({ kind: "text", text: "12,5" });
  });

  it("joins rich text and reads hyperlink text (plain or rich)", () => {
    expect(main.cell("D1")).toMatchObject({ kind: "text", text: "Số liệu" });
    expect(main.cell("D2")).toMatchObject({ kind: "text", text: "link" });
    expect(main.cell("D3")).toMatchObject({ kind: "text", text: "rich link" });
  });

  it("reads booleans", () => {
    expect(main.cell("D4")).toMatchObject({ kind: "boolean", boolean: true });
    expect(main.cell("D5")).toMatchObject({ kind: "boolean", boolean: false });
  });

  it("reads dates with a built-in format, a custom format, and a format exceljs did not convert", () => {
    expect(main.ws.getCell("D6").value).toBeInstanceOf(Date);
    expect(main.cell("D6")).toMatchObject({ kind: "date", date: "2023-09-14", number: 45183 });
    expect(main.cell("D7")).toMatchObject({ kind: "date", date: "2023-09-14", number: 45183 });
    expect(main.cell("D12")).toMatchObject({ kind: "date", date: "2023-09-14", number: 45183 });
    // "YYYY" is a date format for Excel (codes are case-insensitive) but exceljs leaves the number.
    expect(main.ws.getCell("D8").value).toBe(45183);
    expect(main.cell("D8")).toMatchObject({ kind: "date", date: "2023-09-14", number: 45183 });
    expect(main.cell("D10")).toMatchObject({ kind: "date", date: "2023-09-14", number: 45183.75 });
  });

  it("reads as a number what exceljs wrongly took for a date (escaped letters in a number format)", () => {
    expect(main.ws.getCell("D9").value).toBeInstanceOf(Date);
    expect(main.cell("D9")).toMatchObject({ kind: "number", number: 1234.56, date: null });
    expect(main.cell("D11")).toMatchObject({ kind: "number", number: 1234.5 });
  });

  it("reads NFD text as NFC", () => {
    expect(main.ws.getCell("E1").value).toBe(NFD_TEXT);
    const text = main.cell("E1").text;
    expect(text).toBe("Thành phố".normalize("NFC"));
    expect(text).not.toBe(NFD_TEXT);
  });

  it("reads the cells covered by a merge as empty, the master as its value", () => {
    expect(main.cell("F1")).toMatchObject({ kind: "text", text: "merged" });
    expect(main.cell("G1").kind).toBe("empty");
  });

  it("reads dates of a 1904-system workbook", async () => {
    const wb1904 = await roundTrip((ws) => {
      ws.getCell("A1").value = new Date(Date.UTC(2023, 8, 14));
      ws.getCell("A2").value = 43721;
      ws.getCell("A2").numFmt = "dd/mm/yyyy;@";
      ws.getCell("A3").value = 43721;
      ws.getCell("A3").numFmt = "YYYY";
    }, true);
    expect(wb1904.date1904).toBe(true);
    // 2023-09-14 is serial 45183 in the 1900 system and 45183 − 1462 in the 1904 system.
    expect(wb1904.cell("A1")).toMatchObject({ kind: "date", date: "2023-09-14", number: 43721 });
    expect(wb1904.cell("A2")).toMatchObject({ kind: "date", date: "2023-09-14", number: 43721 });
    expect(wb1904.cell("A3")).toMatchObject({ kind: "date", date: "2023-09-14", number: 43721 });
    // The same serial in a 1900-system workbook is four years and a day earlier.
    const wb1900 = await roundTrip((ws) => {
      ws.getCell("A3").value = 43721;
      ws.getCell("A3").numFmt = "YYYY";
    });
    expect(wb1900.cell("A3")).toMatchObject({ kind: "date", date: "2019-09-13" });
  });
});

describe("isDateFormat", () => {
  it.each([
    "dd/mm/yyyy;@",
    "[$-42A]dd/mm/yyyy",
    "yyyy-mm-dd hh:mm",
    "mm-dd-yy",
    "d-mmm",
    "[h]:mm:ss",
    "mm:ss.0",
    "hh:mm:ss.000",
    "YYYY",
    "[Red]dd/mm/yyyy",
  ])("%s is a date format", (format) => {
    expect(isDateFormat(format)).toBe(true);
  });

  it.each([
    "General",
    "0.00",
    "#,##0",
    "#,##0.000",
    "0%",
    "@",
    "0.00E+00",
    "[Red]#,##0;[Blue]-#,##0",
    '#,##0 "ngày"',
    "#,##0.00 m²", // exceljs's reading of #,##0.00\ \m\²
    "0\\h",
    "_-* #,##0_-;-* #,##0_-;_-* \"-\"_-;_-@_-",
    "",
  ])("%s is not a date format", (format) => {
    expect(isDateFormat(format)).toBe(false);
  });

  it("treats a missing format as no date", () => {
    expect(isDateFormat(undefined)).toBe(false);
    expect(isDateFormat(null)).toBe(false);
  });
});

describe("isExternalFormula", () => {
  it.each([
    "[1]Sheet1!A1",
    "'[1]Sheet 1'!A1",
    "'C:\\Báo cáo\\[BM_01.xlsx]ThongTin'!B3",
    "SUM([1]S!A1:A3)+1",
    "[BM.xlsx]S!A1",
    "[1]!Total",
    "A1+[2]Biểu01!C7",
  ])("%s links to another workbook", (formula) => {
    expect(isExternalFormula(formula)).toBe(true);
  });

  it.each([
    "Sheet1!A1",
    "'Sheet 1'!A1",
    "SUM(Table1[Col])+S!A1",
    "SUM(Table1[[#This Row],[A]])",
    '"[1]x!"&A1',
    "0.1+0.2",
    "",
  ])("%s does not", (formula) => {
    expect(isExternalFormula(formula)).toBe(false);
  });
});

describe("parseNumberText", () => {
  it.each([
    // The table of WORKBOOKS.md §1.5.
    ["1234", 1234, "V-TYPE-03"],
    ["1.234", 1234, "V-TYPE-04"],
    ["1.234,5", 1234.5, "V-TYPE-03"],
    ["1,5", 1.5, "V-TYPE-03"],
    ["1,500", 1.5, "V-TYPE-04"],
    ["12.5", 12.5, "V-TYPE-05"],
    ["1,234.5", 1234.5, "V-TYPE-05"],
    ["1 234", 1234, "V-TYPE-03"],
    // Signs and spaces.
    ["\u22125", -5, "V-TYPE-03"],
    ["-5", -5, "V-TYPE-03"],
    ["+7", 7, "V-TYPE-03"],
    ["- 1.234,5", -1234.5, "V-TYPE-03"],
    ["1 234 567", 1234567, "V-TYPE-03"],
    ["1\u00a0234\u202f567\u2009000", 1234567000, "V-TYPE-03"],
    ["  42  ", 42, "V-TYPE-03"],
    ["1.234.567,89", 1234567.89, "V-TYPE-03"],
    ["1.23", 1.23, "V-TYPE-05"],
    ["1,23", 1.23, "V-TYPE-03"],
    ["1,500.25", 1500.25, "V-TYPE-05"],
    ["0,5", 0.5, "V-TYPE-03"],
    // Both grammars accept "01.234" (VN groups "01"); the values differ, so VN wins with a warning.
    ["01.234", 1234, "V-TYPE-04"],
    ["1.000", 1000, "V-TYPE-04"],
    ["1,000", 1, "V-TYPE-04"],
    ["0,30000000000000004", 0.30000000000000004, "V-TYPE-03"],
  ] as const)("%s → %d (%s)", (text, value, rule) => {
    expect(parseNumberText(text)).toEqual({ value, rule });
  });

  it.each(["-", "–", "—", " — "])("a lone dash %s is V-TYPE-06", (text) => {
    expect(parseNumberText(text)).toEqual({ rule: "V-TYPE-06" });
  });

  it.each(["12 người", "không", "", "1.2.3", "1,2,3", "1.23,4.5", ".5", "5.", "1 234,5 6x", "−", "--5", "1e3", "0x10", "１２"])(
    "%s is not a number",
    (text) => {
      expect(parseNumberText(text)).toBeNull();
    },
  );

  it("gives 0, not -0, for a negative zero", () => {
    const read = parseNumberText("-0");
    expect(read).toEqual({ value: 0, rule: "V-TYPE-03" });
    expect(read !== null && "value" in read && Object.is(read.value, -0)).toBe(false);
  });
});

describe("round15", () => {
  it("rounds to Excel's 15 significant digits", () => {
    expect(round15(0.1 + 0.2)).toBe(0.3);
    expect(round15(9.000000000000002)).toBe(9);
    expect(round15(123456789012345680)).toBe(123456789012346000);
    expect(round15(1.0005)).toBe(1.0005);
    expect(round15(-0.30000000000000004)).toBe(-0.3);
    expect(round15(1e-20 + 1e-36)).toBe(1e-20);
    expect(Object.is(round15(-0), 0)).toBe(true);
    expect(round15(42)).toBe(42);
  });
});

const BASE: PlainCell = {
  kind: "empty",
  number: null,
  text: null,
  boolean: null,
  date: null,
  formula: null,
  formulaWithoutResult: false,
  externalLink: false,
};
const num = (n: number): PlainCell => ({ ...BASE, kind: "number", number: n });
const txt = (t: string): PlainCell => ({ ...BASE, kind: "text", text: t });

describe("readNumeric", () => {
  it("reads blank as 0, not filled", () => {
    expect(readNumeric(BASE, "INT")).toEqual({ scaled: 0, value: 0, filled: false, issues: [] });
    expect(readNumeric(main.cell("E2"), "MONEY")).toEqual({ scaled: 0, value: 0, filled: false, issues: [] });
  });

  it("reads numbers under each type, scaled exactly", () => {
    expect(readNumeric(main.cell("A1"), "INT")).toEqual({ scaled: 42, value: 42, filled: true, issues: [] });
    expect(readNumeric(num(1.5), "MONEY")).toEqual({ scaled: 1500, value: 1.5, filled: true, issues: [] });
    expect(readNumeric(num(0.001), "MONEY")).toEqual({ scaled: 1, value: 0.001, filled: true, issues: [] });
    expect(readNumeric(num(12.34), "LAND")).toEqual({ scaled: 1234, value: 12.34, filled: true, issues: [] });
    expect(readNumeric(num(0), "LAND")).toEqual({ scaled: 0, value: 0, filled: true, issues: [] });
  });

  it("removes binary noise before judging: 0.1+0.2 and 9.000000000000002", () => {
    expect(readNumeric(main.cell("A2"), "MONEY")).toEqual({ scaled: 300, value: 0.3, filled: true, issues: [] });
    expect(readNumeric(main.cell("A5"), "INT")).toEqual({ scaled: 9, value: 9, filled: true, issues: [] });
  });

  it("rounds extra decimals half away from zero with V-DEC-01", () => {
    expect(readNumeric(main.cell("F3"), "MONEY")).toEqual({
      scaled: 1235,
      value: 1.235,
      filled: true,
      issues: [{ rule: "V-DEC-01", value: 1.2345, expected: 1.235, detail: "3" }],
    });
    expect(readNumeric(num(0.125), "LAND")).toEqual({
      scaled: 13,
      value: 0.13,
      filled: true,
      issues: [{ rule: "V-DEC-01", value: 0.125, expected: 0.13, detail: "2" }],
    });
    // Binary 1.005 is 1.00499999…: the 15-digit value is what is rounded, so it goes up.
    expect(readNumeric(num(1.005), "LAND")).toMatchObject({ scaled: 101, value: 1.01 });
    expect(readNumeric(num(1.0005), "MONEY")).toMatchObject({ scaled: 1001, value: 1.001 });
    expect(readNumeric(num(2.0004), "MONEY")).toMatchObject({ scaled: 2000, value: 2 });
  });

  it("gives V-INT-01 (and no V-DEC-01) for a fraction in an INT column, summing the rounded integer", () => {
    expect(readNumeric(num(2.5), "INT")).toEqual({
      scaled: 3,
      value: 3,
      filled: true,
      issues: [{ rule: "V-INT-01", value: 2.5, expected: 3, detail: null }],
    });
    expect(readNumeric(num(2.4), "INT")).toMatchObject({ scaled: 2 });
  });

  it("gives V-NEG-01 for negatives, keeping the value; rounding is half away from zero", () => {
    expect(readNumeric(main.cell("F6"), "INT")).toEqual({
      scaled: -5,
      value: -5,
      filled: true,
      issues: [{ rule: "V-NEG-01", value: -5, expected: null, detail: null }],
    });
    expect(readNumeric(num(-2.5), "INT")).toMatchObject({
      scaled: -3,
      issues: [{ rule: "V-NEG-01" }, { rule: "V-INT-01", value: -2.5, expected: -3 }],
    });
    expect(readNumeric(num(-0.125), "LAND")).toMatchObject({
      scaled: -13,
      value: -0.13,
      issues: [{ rule: "V-NEG-01" }, { rule: "V-DEC-01", expected: -0.13 }],
    });
  });

  it("reads number text with V-TYPE-03/04/05, then judges the parsed number", () => {
    expect(readNumeric(main.cell("F2"), "INT")).toEqual({
      scaled: 2,
      value: 2,
      filled: true,
      issues: [
        { rule: "V-TYPE-04", value: "1,500", expected: 1.5, detail: null },
        { rule: "V-INT-01", value: 1.5, expected: 2, detail: null },
      ],
    });
    expect(readNumeric(main.cell("F2"), "MONEY")).toEqual({
      scaled: 1500,
      value: 1.5,
      filled: true,
      issues: [{ rule: "V-TYPE-04", value: "1,500", expected: 1.5, detail: null }],
    });
    expect(readNumeric(txt(" 1.234,5 "), "LAND")).toEqual({
      scaled: 123450,
      value: 1234.5,
      filled: true,
      issues: [{ rule: "V-TYPE-03", value: "1.234,5", expected: 1234.5, detail: null }],
    });
    expect(readNumeric(txt("12.5"), "MONEY")).toMatchObject({
      scaled: 12500,
      issues: [{ rule: "V-TYPE-05", value: "12.5", expected: 12.5 }],
    });
    expect(readNumeric(txt("\u22125"), "INT")).toMatchObject({
      scaled: -5,
      issues: [{ rule: "V-TYPE-03", expected: -5 }, { rule: "V-NEG-01", value: -5 }],
    });
    expect(readNumeric(txt("1,2345"), "MONEY")).toMatchObject({
      scaled: 1235,
      issues: [{ rule: "V-TYPE-03" }, { rule: "V-DEC-01", value: 1.2345, expected: 1.235, detail: "3" }],
    });
  });

  it("reads a lone dash as a filled 0 with V-TYPE-06", () => {
    expect(readNumeric(main.cell("F4"), "INT")).toEqual({
      scaled: 0,
      value: 0,
      filled: true,
      issues: [{ rule: "V-TYPE-06", value: "—", expected: 0, detail: null }],
    });
  });

  it("reads other text as 0, not filled, with V-TYPE-01", () => {
    expect(readNumeric(main.cell("F5"), "INT")).toEqual({
      scaled: 0,
      value: 0,
      filled: false,
      issues: [{ rule: "V-TYPE-01", value: "12 người", expected: null, detail: null }],
    });
  });

  it("rejects dates and booleans with V-TYPE-02", () => {
    expect(readNumeric(main.cell("D6"), "INT")).toEqual({
      scaled: 0,
      value: 0,
      filled: false,
      issues: [{ rule: "V-TYPE-02", value: "2023-09-14", expected: null, detail: null }],
    });
    expect(readNumeric(main.cell("D4"), "MONEY")).toMatchObject({ filled: false, issues: [{ rule: "V-TYPE-02", value: "TRUE" }] });
    expect(readNumeric(main.cell("D5"), "LAND")).toMatchObject({ filled: false, issues: [{ rule: "V-TYPE-02", value: "FALSE" }] });
  });

  it("reads formulas by their cached result", () => {
    expect(readNumeric(main.cell("A4"), "INT")).toEqual({ scaled: 0, value: 0, filled: true, issues: [] });
    expect(readNumeric(main.cell("B3"), "INT")).toEqual({ scaled: 5, value: 5, filled: true, issues: [] });
    expect(readNumeric(main.cell("C1"), "INT")).toEqual({ scaled: 7, value: 7, filled: true, issues: [] });
    expect(readNumeric(main.cell("C6"), "MONEY")).toMatchObject({
      scaled: 12500,
      filled: true,
      issues: [{ rule: "V-TYPE-03", value: "12,5", expected: 12.5 }],
    });
  });

  it("gives V-FORMULA-01 for a formula without a cached result", () => {
    expect(readNumeric(main.cell("A3"), "INT")).toEqual({
      scaled: 0,
      value: 0,
      filled: false,
      issues: [{ rule: "V-FORMULA-01", value: "=B1", expected: null, detail: null }],
    });
  });

  it("gives V-FORMULA-02 for error values, literal or cached", () => {
    expect(readNumeric(main.cell("C3"), "INT")).toEqual({
      scaled: 0,
      value: 0,
      filled: false,
      issues: [{ rule: "V-FORMULA-02", value: "#REF!", expected: null, detail: null }],
    });
    expect(readNumeric(main.cell("C4"), "MONEY")).toMatchObject({
      filled: false,
      issues: [{ rule: "V-FORMULA-02", value: "#DIV/0!" }],
    });
  });

  it("uses the cached value of an external link with V-FORMULA-03", () => {
    expect(readNumeric(main.cell("C2"), "INT")).toEqual({
      scaled: 9,
      value: 9,
      filled: true,
      issues: [{ rule: "V-FORMULA-03", value: 9, expected: null, detail: null }],
    });
    expect(readNumeric(main.cell("C8"), "INT")).toMatchObject({
      filled: false,
      issues: [{ rule: "V-FORMULA-03", value: "abc" }, { rule: "V-TYPE-01", value: "abc" }],
    });
  });
});

describe("readText", () => {
  it("gives the text of each kind of cell", () => {
    expect(readText(main.cell("E1"))).toBe("Thành phố".normalize("NFC"));
    expect(readText(main.cell("D1"))).toBe("Số liệu");
    expect(readText(main.cell("A1"))).toBe("42");
    expect(readText(main.cell("A2"))).toBe("0.3");
    expect(readText(num(1e21))).toBe("1000000000000000000000");
    expect(readText(num(1e-7))).toBe("0.0000001");
    expect(readText(num(-12.5))).toBe("-12.5");
    expect(readText(main.cell("D6"))).toBe("14/09/2023");
    expect(readText(main.cell("D4"))).toBe("TRUE");
    expect(readText(main.cell("C3"))).toBe("#REF!");
    expect(readText(main.cell("E2"))).toBe("");
    expect(readText(main.cell("A3"))).toBe("");
    expect(readText(BASE)).toBe("");
  });
});

describe("readDateCell", () => {
  it("reads date cells and bare serials in the workbook's date system", () => {
    expect(readDateCell(main.cell("D6"), false)).toBe("2023-09-14");
    expect(readDateCell(main.cell("D10"), false)).toBe("2023-09-14");
    expect(readDateCell(num(45183), false)).toBe("2023-09-14");
    expect(readDateCell(num(45183.5), false)).toBe("2023-09-14");
    expect(readDateCell(num(43721), true)).toBe("2023-09-14");
    expect(readDateCell(num(43721), false)).toBe("2019-09-13");
  });

  it("leaves text to the caller and refuses what is no date", () => {
    expect(readDateCell(txt("14/09/2023"), false)).toBeNull();
    expect(readDateCell(BASE, false)).toBeNull();
    expect(readDateCell(num(0), false)).toBeNull();
    expect(readDateCell(num(-3), false)).toBeNull();
    expect(readDateCell(num(1e9), false)).toBeNull();
    expect(readDateCell(main.cell("D4"), false)).toBeNull();
  });
});
