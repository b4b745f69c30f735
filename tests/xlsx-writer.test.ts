/**
 * The report's SpreadsheetML writer (src/core/xlsx/writer.ts) read back by another code base's
 * reader, exceljs (LibreOffice opens the whole report in report-libreoffice.test.ts): text that XML must escape or keep spaces for, numbers, booleans, styles, merges, frozen
 * panes, widths, heights, an autofilter, print titles and a data bar. Expected values are the ones
 * written, as a user would see them in the cell.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { align, font, THIN_BORDER } from "../src/core/xlsx/layout";
import { cellStyle, WriterWorkbook } from "../src/core/xlsx/writer";
import { parseCsv } from "../src/core/csv";
import { convertWithLibreOffice } from "./helpers/libreoffice";
import { loadWorkbook } from "./helpers/workbook";

const TEXTS = ["A & B <c> \"d\" 'e'", "  leading and trailing  ", "two\nlines", "Thanh tra Bộ — 75 %", "=SUM(A1:A2)"];

function sample(): Uint8Array {
  const wb = new WriterWorkbook();
  const ws = wb.addWorksheet("Một & hai");
  TEXTS.forEach((t, i) => {
    ws.getCell(i + 1, 1).value = t;
  });
  ws.getCell(1, 2).value = 1234;
  ws.getCell(2, 2).value = 1.5;
  ws.getCell(3, 2).value = -0.0000001;
  ws.getCell(4, 2).value = true;
  const bold = ws.getCell(5, 2);
  bold.value = 0.75;
  bold.numFmt = "0.0%";
  bold.font = font({ bold: true, size: 13, color: "FF808080" });
  bold.border = THIN_BORDER;
  bold.alignment = align("right", "middle", true);
  bold.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFC6EFCE" } };
  ws.getCell(7, 1).value = "merged";
  ws.mergeCells(7, 1, 8, 3);
  ws.putRow(10, ["row", 2, null, "x"], Array.from({ length: 4 }, () => cellStyle({ font: font({ italic: true }), border: THIN_BORDER })));
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 9;
  ws.getRow(3).height = 45;
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: 2 }];
  ws.autoFilter = "A1:B5";
  ws.pageSetup = { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "1:2" };
  ws.headerFooter = { oddFooter: "Trang &P/&N" };
  ws.addDataBar({ ref: "B1:B5", priority: 1, min: 0, max: 1, colour: "FF638EC6" });
  const second = wb.addWorksheet("Sau");
  second.getCell(1, 1).value = "first after ordering";
  wb.orderSheets(["Sau", "Một & hai"]);
  return wb.write({ creator: "Thanh tra Bộ", created: "2023-06-14T00:00:00Z" });
}

/** What a reader other than ours sees: exceljs's reader (a different code base from the writer). */
async function readBack(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet("Một & hai");
  if (!ws) throw new Error("sheet lost");
  const c = ws.getCell("B5");
  const fill = c.fill.type === "pattern" ? c.fill.fgColor?.argb : undefined;
  const model = ws.model as unknown as { merges: string[]; conditionalFormattings: Array<{ ref: string }> };
  const view = ws.views[0];
  return {
    sheets: wb.worksheets.map((w) => w.name),
    texts: [1, 2, 3, 4, 5].map((r) => ws.getCell(r, 1).value),
    numbers: ["B1", "B2", "B3", "B4", "B5"].map((a) => ws.getCell(a).value),
    style: [c.numFmt, c.font.bold, c.font.size, c.font.color?.argb, c.font.name, c.border.left?.style, c.alignment.horizontal, c.alignment.vertical, c.alignment.wrapText, fill],
    merges: model.merges,
    row10: [1, 2, 3, 4].map((col) => ws.getCell(10, col).value).concat([ws.getCell("C10").font.italic, ws.getCell("C10").border.top?.style]),
    widths: [ws.getColumn(1).width, ws.getColumn(2).width],
    height: ws.getRow(3).height,
    freeze: view && "xSplit" in view ? [view.state, view.xSplit, view.ySplit] : null,
    filter: ws.autoFilter,
    titles: ws.pageSetup.printTitlesRow,
    page: [ws.pageSetup.paperSize, ws.pageSetup.orientation, ws.pageSetup.fitToPage, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight],
    footer: ws.headerFooter.oddFooter,
    bars: model.conditionalFormattings.map((f) => f.ref),
    creator: wb.creator,
    created: wb.created.toISOString(),
  };
}

describe("the report's SpreadsheetML writer, read back by exceljs", () => {
  const bytes = sample();
  let back: Record<string, unknown> = {};
  beforeAll(async () => {
    back = await readBack(bytes);
  });

  it("keeps the sheet order given and every text as typed (escaped, spaces and line breaks kept, a formula-like text stays text)", () => {
    expect(back.sheets).toEqual(["Sau", "Một & hai"]);
    expect(back.texts).toEqual(TEXTS);
  });

  it("writes numbers and booleans as values", () => {
    expect(back.numbers).toEqual([1234, 1.5, -0.0000001, true, 0.75]);
  });

  it("writes the style: number format, font, border, alignment, fill", () => {
    expect(back.style).toEqual(["0.0%", true, 13, "FF808080", "Times New Roman", "thin", "right", "middle", true, "FFC6EFCE"]);
  });

  it("writes merges, whole rows, widths (9 included), heights, frozen panes, the filter and print setup", () => {
    expect(back.merges).toEqual(["A7:C8"]);
    expect(back.row10).toEqual(["row", 2, null, "x", true, "thin"]);
    expect(back.widths).toEqual([30, 9]);
    expect(back.height).toBe(45);
    expect(back.freeze).toEqual(["frozen", 1, 2]);
    expect(back.filter).toBe("A1:B5");
    expect(back.titles).toBe("1:2");
    expect(back.page).toEqual([9, "landscape", true, 1, 0]);
    expect(back.footer).toBe("Trang &P/&N");
    expect(back.bars).toEqual(["B1:B5"]);
    expect(back.creator).toBe("Thanh tra Bộ");
    expect(back.created).toBe("2023-06-14T00:00:00.000Z");
  });

  it("is the same bytes every time, dated by the creation time, with no time of day from the clock", () => {
    expect(sample()).toEqual(bytes);
    const parts = unzipSync(bytes);
    expect(strFromU8(parts["docProps/core.xml"] ?? new Uint8Array())).toContain("2023-06-14T00:00:00Z");
  });

  it("keeps the texts as typed for LibreOffice too (leading and trailing spaces need xml:space)", { timeout: 200_000 }, async () => {
    const wb = new WriterWorkbook();
    const ws = wb.addWorksheet("T");
    TEXTS.forEach((t, i) => {
      ws.getCell(i + 1, 1).value = t;
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-writer-"));
    const file = path.join(dir, "texts.xlsx");
    await writeFile(file, wb.write({ creator: "x", created: "2023-06-14T00:00:00Z" }));
    // 44: comma, 34: double quote, 76: UTF-8.
    const csv = await convertWithLibreOffice(file, "csv:Text - txt - csv (StarCalc):44,34,76");
    const rows = parseCsv(await readFile(csv.out, "utf8"), ",").records.map((r) => r.fields[0]);
    expect(rows.slice(0, TEXTS.length)).toEqual(TEXTS);
  });

  it("is valid for openpyxl too, which checks every enumerated value (vertical alignment is 'center', not exceljs's 'middle')", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-writer-"));
    const file = path.join(dir, "sample.xlsx");
    await writeFile(file, bytes);
    const script = [
      "import json, sys, openpyxl",
      "ws = openpyxl.load_workbook(sys.argv[1])['Một & hai']",
      "c = ws['B5']",
      "print(json.dumps([ws['A1'].value, ws['A2'].value, c.value, c.number_format, c.font.b, c.font.sz, c.alignment.horizontal, c.alignment.vertical, c.alignment.wrap_text, c.fill.fgColor.rgb, ws.freeze_panes, [str(r) for r in ws.merged_cells.ranges]], ensure_ascii=False))",
    ].join("\n");
    const out = await new Promise<string>((resolve, reject) => {
      execFile("/usr/bin/python3", ["-c", script, file], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    });
    expect(JSON.parse(out)).toEqual([TEXTS[0], TEXTS[1], 0.75, "0.0%", true, 13, "right", "center", true, "FFC6EFCE", "B3", ["A7:C8"]]);
  });

  it("refuses a number that is not finite rather than writing a broken cell", () => {
    const wb = new WriterWorkbook();
    wb.addWorksheet("S").getCell(1, 1).value = Number.NaN;
    expect(() => wb.write({ creator: "x", created: "2023-06-14T00:00:00Z" })).toThrow(/not a finite number/u);
  });
});

describe("rows made by a row source when written (putRows: NguonSoLieu's values)", () => {
  const styles = Array.from({ length: 3 }, (_, i) => cellStyle({ font: font({ italic: i === 1 }), border: THIN_BORDER }));
  const valuesOf = (i: number): Array<string | number | null> => [`unit ${i % 7}`, i * 1.5, i % 3 === 0 ? null : "x"];
  const created = { creator: "x", created: "2023-06-14T00:00:00Z" };

  /** A title, 500 body rows (held, or made by a source) and a last row after them. */
  function book(source: boolean): WriterWorkbook {
    const wb = new WriterWorkbook();
    const ws = wb.addWorksheet("S");
    ws.getCell(1, 1).value = "title";
    if (source) ws.putRows(3, { count: 500, styles, valuesAt: valuesOf });
    else for (let i = 0; i < 500; i++) ws.putRow(3 + i, valuesOf(i), styles);
    ws.putRow(504, ["after", 1, null], styles);
    return wb;
  }

  it("writes the same bytes as the rows put one by one", () => {
    expect(Buffer.from(book(true).write(created)).equals(Buffer.from(book(false).write(created)))).toBe(true);
  });

  it("reads back with exceljs at their rows, between the rows around them", async () => {
    const wb = await loadWorkbook(book(true).write(created));
    const ws = wb.getWorksheet("S");
    expect(ws?.getCell("A3").value).toBe("unit 0");
    expect(ws?.getCell("B4").value).toBe(1.5);
    expect(ws?.getCell("C3").value).toBeNull();
    expect(ws?.getCell("A502").value).toBe(`unit ${499 % 7}`);
    expect(ws?.getCell("A504").value).toBe("after");
    expect(ws?.getCell("B5").font.italic).toBe(true);
  });

  it("keeps its rows whole: no cell, row or merge over them, one source a sheet, none over rows with cells", () => {
    const wb = book(true);
    const ws = wb.getWorksheet("S");
    expect(() => ws?.getCell(10, 1)).toThrow(/row source/u);
    expect(() => ws?.putRow(10, ["x"], styles)).toThrow(/row source/u);
    expect(() => ws?.mergeCells(2, 1, 3, 2)).toThrow(/merge over a row source/u);
    expect(() => ws?.putRows(600, { count: 1, styles, valuesAt: valuesOf })).toThrow(/one row source/u);
    expect(ws?.getCell(2, 1)).toBeDefined();
    const other = new WriterWorkbook().addWorksheet("T");
    other.putRow(5, ["held"], styles);
    expect(() => other.putRows(3, { count: 3, styles, valuesAt: valuesOf })).toThrow(/has cells already/u);
  });

  it("makes each row once, in order, when its styles are known from a sheet written before (sized without its values)", () => {
    const wb = new WriterWorkbook();
    wb.addWorksheet("Before").putRow(1, ["a", 1, "b"], styles);
    const ws = wb.addWorksheet("S");
    ws.putRow(1, ["narrow"], [styles[0] ?? cellStyle({})]);
    const asked: number[] = [];
    ws.putRows(2, { count: 50, styles, valuesAt: (i) => (asked.push(i), valuesOf(i)) });
    const held = new WriterWorkbook();
    held.addWorksheet("Before").putRow(1, ["a", 1, "b"], styles);
    const hs = held.addWorksheet("S");
    hs.putRow(1, ["narrow"], [styles[0] ?? cellStyle({})]);
    for (let i = 0; i < 50; i++) hs.putRow(2 + i, valuesOf(i), styles);
    const bytes = wb.write(created);
    expect(Buffer.from(bytes).equals(Buffer.from(held.write(created)))).toBe(true);
    expect(asked).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // Every source row is three cells wide, the row above one: the sheet is A1:C51.
    expect(strFromU8(unzipSync(bytes)["xl/worksheets/sheet2.xml"] ?? new Uint8Array())).toContain('<dimension ref="A1:C51"/>');
  });

  it("makes each row once, in order, when its styles are first met in that sheet (sized without numbering a style)", () => {
    // As NguonSoLieu, written first of the report's sheets: no style of its rows has an index yet.
    const asked: number[] = [];
    const wb = new WriterWorkbook();
    wb.addWorksheet("S").putRows(1, { count: 50, styles, valuesAt: (i) => (asked.push(i), valuesOf(i)) });
    const held = new WriterWorkbook();
    const hs = held.addWorksheet("S");
    for (let i = 0; i < 50; i++) hs.putRow(1 + i, valuesOf(i), styles);
    const bytes = wb.write(created);
    expect(asked).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Buffer.from(bytes).equals(Buffer.from(held.write(created)))).toBe(true);
    const xml = strFromU8(unzipSync(bytes)["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    expect(xml).toContain('<dimension ref="A1:C50"/>');
    // Numbered as written: the row's two distinct styles are 1 and 2 in column order (0 is the default; the third is the first's twin).
    expect(xml).toContain('<c r="A1" s="1" t="s"><v>0</v></c><c r="B1" s="2"><v>0</v></c><c r="C1" s="1"/>');
  });

  it("sizes a row by its values when a cell's style is the default (index 0): an empty one at the edge is not written", () => {
    const plain = cellStyle({});
    const edge = [...styles, plain];
    const source = (known: boolean): Uint8Array => {
      const wb = new WriterWorkbook();
      wb.addWorksheet("Before").putRow(1, [1, 2, 3, 4], edge);
      const ws = wb.addWorksheet("S");
      if (known) ws.putRows(1, { count: 4, styles: edge, valuesAt: (i) => [...valuesOf(i), null] });
      else
        for (let i = 0; i < 4; i++) {
          [...valuesOf(i), null].forEach((value, c) => {
            const cell = ws.getCell(1 + i, c + 1);
            cell.value = value;
            Object.assign(cell, { font: edge[c]?.font, border: edge[c]?.border });
          });
        }
      return wb.write(created);
    };
    const bytes = source(true);
    expect(Buffer.from(bytes).equals(Buffer.from(source(false)))).toBe(true);
    expect(strFromU8(unzipSync(bytes)["xl/worksheets/sheet2.xml"] ?? new Uint8Array())).toContain('<dimension ref="A1:C4"/>');
  });
});

describe("a row written whole is numbered into the style table as its cells would be", () => {
  const created = { creator: "x", created: "2023-06-14T00:00:00Z" };
  const known = cellStyle({ font: font({ bold: true }), border: THIN_BORDER });
  const firstMetWithValue = cellStyle({ font: font({ italic: true }), border: THIN_BORDER });
  const firstMetEmpty = cellStyle({ font: font({ size: 13 }), border: THIN_BORDER });

  /**
   * Sheet S1 (a row written whole, in both books) meets one style; S2 has a row whose valued cell and empty
   * cell each bring a new one, then rows of the known style only (those the writer need not make to size the sheet).
   */
  function book(whole: boolean): Uint8Array {
    const wb = new WriterWorkbook();
    wb.addWorksheet("S1").putRow(1, ["known"], [known]);
    const ws = wb.addWorksheet("S2");
    const rows: Array<[Array<string | null>, typeof known[]]> = [
      [["value", null], [firstMetWithValue, firstMetEmpty]],
      [["a", "b"], [known, known]],
      [[null, "c"], [known, known]],
    ];
    rows.forEach(([values, styles], i) => {
      if (whole) ws.putRow(i + 1, values, styles);
      else
        values.forEach((value, c) => {
          const cell = ws.getCell(i + 1, c + 1);
          cell.value = value;
          Object.assign(cell, { font: styles[c]?.font, border: styles[c]?.border });
        });
    });
    return wb.write(created);
  }

  it("gives the same bytes as the same rows written cell by cell", () => {
    expect(Buffer.from(book(true)).equals(Buffer.from(book(false)))).toBe(true);
  });
});
