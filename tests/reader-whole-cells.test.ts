/**
 * Cells and shared strings read whole (sheet.ts CellElement, workbook.ts SharedStrings.plainItem, issue 9:
 * one step instead of the scanner's five events) read exactly as the scanner's events read them: every .xlsx fixture of the repository (held-out
 * style cases, LibreOffice, exceljs and openpyxl writers, hostile files) gives the same outcome and the
 * same grid, cell by cell, both ways; and the forms it declines (inline strings, white space between
 * children, prefixes, references in attributes, two values) still read as typed into the XML.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { comparable, xlsxUnder } from "./helpers/outcomes";
import { readSubmission } from "../src/core/read/reader";
import { ReadBudget } from "../src/core/read/limits";
import { Package } from "../src/core/read/parts";
import { StreamGrid, forEachRow } from "../src/core/read/sheet";
import { wholeElements } from "../src/core/read/xmlscan";
import { WorkbookParts } from "../src/core/read/workbook";
import { editedPart, nextSharedString, thongTinGrid, withThongTinRow } from "./regressions/fixtures/limit-fixtures";

const FIXTURES = path.join(__dirname, "fixtures");

/** Every sheet as its grid shows it: each filled cell, merges of those cells, hidden rows; or the error. */
function grids(bytes: Uint8Array): string {
  try {
    const workbook = new WorkbookParts(new Package(bytes, new ReadBudget()));
    return comparable(
      workbook.sheets.map((entry, i) => {
        const grid = new StreamGrid(i, entry, workbook);
        return grid.rows().map((r) => [r, grid.isHiddenRow(r), grid.columnsOf(r).map((c) => [c, grid.at(r, c), grid.mergeAt(r, c)])]);
      }),
    );
  } catch (err) {
    return `error: ${err instanceof Error ? err.message : String(err)}`;
  }
}

async function bothWays<T>(read: () => T | Promise<T>): Promise<{ whole: T; events: T }> {
  wholeElements.enabled = true;
  const whole = await read();
  wholeElements.enabled = false;
  const events = await read();
  wholeElements.enabled = true;
  return { whole, events };
}

afterEach(() => {
  wholeElements.enabled = true;
});

describe("cells read whole = cells read by the scanner's events", () => {
  const files = xlsxUnder(FIXTURES);
  it("finds the fixtures", () => expect(files.length).toBeGreaterThan(100));
  for (const full of files) {
    const rel = path.relative(FIXTURES, full);
    it(rel, async () => {
      const bytes = new Uint8Array(readFileSync(full));
      const outcome = await bothWays(async () => comparable(await readSubmission(bytes, rel, { sha256: "x" })));
      expect(outcome.whole).toBe(outcome.events);
      const grid = await bothWays(() => grids(bytes));
      expect(grid.whole).toBe(grid.events);
    });
  }
});

/** Row 41 of ThongTin: one cell of each form, A41 onwards. */
const FORMS = [
  '<c r="A41" s="0"><v>12.5</v></c>',
  '<c r="B41"><f>1+2</f><v>3</v></c>',
  '<c r="C41"><v>4</v><f>2*2</f></c>',
  '<c r="D41" t="str"><f t="shared" ref="D41:E41" si="7">"a"&amp;"b"</f><v>a&lt;b</v></c>',
  '<c r="E41" t="str"><f t="shared" si="7"/><v>ab</v></c>',
  '<c r="F41" t="inlineStr"><is><t>inline</t></is></c>',
  '<c r="G41"/>',
  "<c r='H41' s = \"0\" ><v>7</v></c>",
  '<c r="I41"><v></v></c>',
  '<c r="J41">\n<v>5</v>\n</c>',
  '<c r="K&#52;1"><v>6</v></c>',
  '<c r="L41"><v>1</v><v>2</v></c>',
  '<c r="M41"><!-- a note --><v>8</v></c>',
  '<c r="N41" t="e"><v>#DIV/0!</v></c>',
  '<c r="O41" t="b"><v>1</v></c>',
  '<c r="P41" t="str"><f>""</f><v></v></c>',
].join("");

describe("each form of cell element reads as typed", () => {
  for (const whole of [true, false]) {
    it(whole ? "read whole where it can be" : "read by the scanner's events", () => {
      wholeElements.enabled = whole;
      const grid = thongTinGrid(withThongTinRow(`<row r="41">${FORMS}</row>`));
      expect(grid.at(41, 1)).toMatchObject({ kind: "number", number: 12.5, formula: null });
      expect(grid.at(41, 2)).toMatchObject({ kind: "number", number: 3, formula: "1+2" });
      expect(grid.at(41, 3)).toMatchObject({ kind: "number", number: 4, formula: "2*2" });
      expect(grid.at(41, 4)).toMatchObject({ kind: "text", text: "a<b", formula: '"a"&"b"' });
      // The shared formula's clone: its master's text moved one column (no references in it to move).
      expect(grid.at(41, 5)).toMatchObject({ kind: "text", text: "ab", formula: '"a"&"b"' });
      expect(grid.text(41, 6)).toBe("inline");
      expect(grid.isEmpty(41, 7)).toBe(true);
      expect(grid.at(41, 8)).toMatchObject({ kind: "number", number: 7 });
      expect(grid.isEmpty(41, 9)).toBe(true);
      expect(grid.at(41, 10)).toMatchObject({ kind: "number", number: 5 });
      expect(grid.at(41, 11)).toMatchObject({ kind: "number", number: 6 });
      // Two values in one cell (no writer makes it): the first (joined, "12", until 2026-12-07:
      // tests/regressions/cell-text-phonetic-and-extra-values).
      expect(grid.at(41, 12)).toMatchObject({ kind: "number", number: 1 });
      expect(grid.at(41, 13)).toMatchObject({ kind: "number", number: 8 });
      expect(grid.at(41, 14)).toMatchObject({ kind: "error", text: "#DIV/0!" });
      expect(grid.at(41, 15)).toMatchObject({ kind: "boolean", boolean: true });
      // A formula whose cached result is the empty string reads as empty (cells.ts).
      expect(grid.isEmpty(41, 16)).toBe(true);
    });
  }

  it("a sheet of many cells, decoded in pieces that end after a `>`, reads the same both ways", async () => {
    const rows: string[] = [];
    for (let r = 41; r < 441; r++) rows.push(`<row r="${r}">${FORMS.replaceAll("41", String(r))}</row>`);
    const bytes = withThongTinRow(rows.join(""));
    const grid = await bothWays(() => grids(bytes));
    expect(grid.whole).toBe(grid.events);
    expect(grid.whole.length).toBeGreaterThan(100_000);
  });

  it("a sheet over 4 MB, inflated in slices that end anywhere (inside attributes and values), reads the same both ways, whole and row by row", { timeout: 120_000 }, async () => {
    const rows: string[] = [];
    for (let r = 41; r < 8041; r++) rows.push(`<row r="${r}">${FORMS.replaceAll("41", String(r))}</row>`);
    const bytes = withThongTinRow(rows.join(""));
    const digest = (text: string): string => createHash("sha256").update(text).digest("hex");
    const grid = await bothWays(() => digest(grids(bytes)));
    expect(grid.whole).toBe(grid.events);
    // Row by row (forEachRow, for sheets too long to hold: a report read back as history).
    const byRow = await bothWays(() => {
      const workbook = new WorkbookParts(new Package(bytes, new ReadBudget()));
      const entry = workbook.sheets[0];
      if (!entry) throw new Error("no sheet");
      const seen: string[] = [];
      forEachRow(workbook, entry, (row, cells) => seen.push(comparable([row, cells])));
      return { rows: seen.length, digest: digest(seen.join("\n")) };
    });
    expect(byRow.whole).toEqual(byRow.events);
    expect(byRow.whole.rows).toBeGreaterThan(8000);
  });

  it("an unknown reference in a value refuses the sheet both ways", async () => {
    const bytes = withThongTinRow('<row r="41"><c r="A41" t="str"><v>&bogus;</v></c></row>');
    const grid = await bothWays(() => grids(bytes));
    expect(grid.whole).toBe(grid.events);
    expect(grid.whole).toContain('content cannot be read: sheet "ThongTin", part xl/worksheets/sheet1.xml, near cell A41: the reference &bogus; is not defined');
  });

  it("a cell closed by the wrong tag refuses the sheet both ways", async () => {
    const bytes = withThongTinRow('<row r="41"><c r="A41"><v>1</v></cx></row>');
    const grid = await bothWays(() => grids(bytes));
    expect(grid.whole).toBe(grid.events);
    expect(grid.whole).toMatch(/^error/u);
  });
});

/** Shared strings of each form, added to the table and shown in row 41 (A41 onwards). */
const ITEMS = [
  "<si><t>Thanh tra Bộ</t></si>",
  '<si><t xml:space="preserve">  hai  khoảng  </t></si>',
  "<si><t>A &amp; B &lt;c&gt; &#273;</t></si>",
  "<si><t>dòng_x000D_mới</t></si>",
  "<si><t></t></si>",
  "<si><t/></si>",
  '<si><r><rPr><b/></rPr><t>đậm</t></r><r><t xml:space="preserve"> thường</t></r></si>',
  "<si><t>Kanji</t><rPh sb=\"0\" eb=\"1\"><t>かんじ</t></rPh></si>",
  '<si><t xml:lang="vi">thuộc tính khác</t></si>',
];

describe("each form of shared string reads as typed", () => {
  for (const whole of [true, false]) {
    it(whole ? "read whole where it can be" : "read by the scanner's events", () => {
      const first = nextSharedString();
      const cells = ITEMS.map((_item, i) => `<c r="${String.fromCharCode(65 + i)}41" t="s"><v>${first + i}</v></c>`).join("");
      const bytes = editedPart(withThongTinRow(`<row r="41">${cells}</row>`), "xl/sharedStrings.xml", (xml) => xml.replace("</sst>", `${ITEMS.join("")}</sst>`));
      wholeElements.enabled = whole;
      const grid = thongTinGrid(bytes);
      expect(ITEMS.map((_item, i) => grid.text(41, i + 1))).toEqual([
        "Thanh tra Bộ",
        "  hai  khoảng  ",
        "A & B <c> đ",
        "dòng\rmới",
        "",
        "",
        "đậm thường",
        "Kanji",
        "thuộc tính khác",
      ]);
    });
  }
});
