/**
 * A small SpreadsheetML writer for the report (issue 9 item 3, docs/DECISIONS.md): cells with values
 * and styles, row heights, column widths, merges, frozen panes, an autofilter, data bars, print setup
 * and print titles, written straight to XML, deflated by our encoder (deflate-raw.ts) and zipped by fflate. exceljs's object model cost
 * ~75 µs per styled cell; here a cell costs a few object look-ups. The cell API is the subset of
 * exceljs's that the layout code uses (`LayoutSheet` in layout.ts), so the same layout code writes
 * templates through exceljs and the report through this writer. The parts follow exceljs's output
 * (same default font, fills, border and theme), so the report reads back as it did.
 * Deterministic by construction: no clock, no random GUIDs, every zip entry dated `creationTime`.
 */
import type ExcelJS from "exceljs";
import { Zip, type AsyncFlateStreamHandler, type FlateError, type ZipInputFile } from "fflate";
import { concat, deflateSegment, SEGMENT_CHUNKS, type SegmentDeflater } from "./deflate";
import { crc32 } from "./crc32";
import { derivedGuid, dosTimeFor, parseCreationTime } from "./deterministic";
import { columnLetter } from "./layout";
import { OFFICE_THEME } from "./theme";

/** What a report cell holds. */
export type WriterValue = string | number | boolean | null;

const NO_FONT: Partial<ExcelJS.Font> = Object.freeze({});
const NO_ALIGNMENT: Partial<ExcelJS.Alignment> = Object.freeze({});
const NO_BORDER: Partial<ExcelJS.Borders> = Object.freeze({});
const NO_FILL: ExcelJS.Fill = Object.freeze({ type: "pattern", pattern: "none" });

/** One cell: exceljs's property names, so layout code can style either. */
export class WriterCell {
  value: ExcelJS.CellValue = null;
  font: Partial<ExcelJS.Font> = NO_FONT;
  alignment: Partial<ExcelJS.Alignment> = NO_ALIGNMENT;
  border: Partial<ExcelJS.Borders> = NO_BORDER;
  fill: ExcelJS.Fill = NO_FILL;
  numFmt = "";
}

/** A cell's style alone: a WriterCell is one, and so is a shared constant for rows written whole. */
export interface CellStyle {
  readonly font: Partial<ExcelJS.Font>;
  readonly alignment: Partial<ExcelJS.Alignment>;
  readonly border: Partial<ExcelJS.Borders>;
  readonly fill: ExcelJS.Fill;
  readonly numFmt: string;
}

/** A style made once and shared by many cells (found by identity when written). */
export function cellStyle(parts: Partial<CellStyle>): CellStyle {
  return Object.freeze({
    font: parts.font ?? NO_FONT,
    alignment: parts.alignment ?? NO_ALIGNMENT,
    border: parts.border ?? NO_BORDER,
    fill: parts.fill ?? NO_FILL,
    numFmt: parts.numFmt ?? "",
  });
}

const NO_STYLE = cellStyle({});

/** A row written whole: its values from column 1 and each one's style. No cell objects are made. */
interface PlainRow {
  readonly values: readonly WriterValue[];
  readonly styles: readonly CellStyle[];
}

/**
 * Rows made when they are written, not held until then: a long body of rows of one shape (NguonSoLieu's
 * values, 63,576 rows at 1,000 units, were ~27 MB of arrays kept for the writer). Each row as `putRow`
 * would take it; the writer may ask for a row more than once, and asks in row order.
 */
export interface RowSource {
  readonly count: number;
  /** Every row's cell styles, from column 1. */
  readonly styles: readonly CellStyle[];
  /** Row `i`'s values (0 ≤ i < count), from column 1. */
  valuesAt(i: number): readonly WriterValue[];
}

export interface WriterRow {
  height: number;
}

export interface WriterColumn {
  width: number | undefined;
}

export interface DataBar {
  readonly ref: string;
  readonly priority: number;
  readonly min: number;
  readonly max: number;
  /** ARGB, e.g. FF638EC6. */
  readonly colour: string;
}

/** A cell value the writer can write: text, a number, a boolean or nothing. */
function writtenValue(value: ExcelJS.CellValue): WriterValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new Error("report cells hold only text, numbers and booleans");
}

export class WriterSheet {
  private readonly rows = new Map<number, Map<number, WriterCell>>();
  private readonly plainRows = new Map<number, PlainRow>();
  /** Rows `first`… made by a source when written (`putRows`). */
  private source: { readonly first: number; readonly rows: RowSource } | null = null;
  private readonly heights = new Map<number, WriterRow>();
  private readonly columns = new Map<number, WriterColumn>();
  readonly merges: string[] = [];
  private readonly mergeAreas: Array<{ top: number; left: number; bottom: number; right: number }> = [];
  readonly dataBars: DataBar[] = [];
  pageSetup: Partial<ExcelJS.PageSetup> = {};
  headerFooter: Partial<ExcelJS.HeaderFooter> = {};
  views: Array<Partial<ExcelJS.WorksheetView>> = [];
  autoFilter: string | null = null;

  constructor(readonly name: string) {}

  /**
   * Write a whole row from column 1: the large audit sheets' way, a few hundred bytes a row instead
   * of a cell object per cell. A later getCell on the row turns it into cells.
   */
  putRow(row: number, values: readonly WriterValue[], styles: readonly CellStyle[]): void {
    if (this.fromSource(row)) throw new Error(`sheet ${this.name}: row ${row} comes from a row source`);
    this.rows.delete(row);
    this.plainRows.set(row, { values, styles });
  }

  /** Rows `first` to `first + rows.count - 1`, each made by `rows` when written (one source a sheet, on rows without cells). */
  putRows(first: number, rows: RowSource): void {
    if (this.source) throw new Error(`sheet ${this.name}: one row source only`);
    const last = first + rows.count - 1;
    for (const held of [...this.rows.keys(), ...this.plainRows.keys()]) {
      if (held >= first && held <= last) throw new Error(`sheet ${this.name}: row ${held} has cells already, where the row source goes`);
    }
    this.source = { first, rows };
  }

  /** Whether `row` is one of the source's (written as the source gives it, never changed cell by cell). */
  private fromSource(row: number): boolean {
    return this.source !== null && row >= this.source.first && row < this.source.first + this.source.rows.count;
  }

  getCell(row: number, col: number): WriterCell {
    if (this.fromSource(row)) throw new Error(`sheet ${this.name}: row ${row} comes from a row source`);
    const plain = this.plainRows.get(row);
    if (plain) this.toCells(row, plain);
    let cells = this.rows.get(row);
    if (!cells) {
      cells = new Map();
      this.rows.set(row, cells);
    }
    let cell = cells.get(col);
    if (!cell) {
      cell = new WriterCell();
      cells.set(col, cell);
    }
    return cell;
  }

  private toCells(row: number, plain: PlainRow): void {
    this.plainRows.delete(row);
    const cells = new Map<number, WriterCell>();
    plain.styles.forEach((style, i) => {
      const cell = new WriterCell();
      cell.value = plain.values[i] ?? null;
      cell.font = style.font;
      cell.alignment = style.alignment;
      cell.border = style.border;
      cell.fill = style.fill;
      cell.numFmt = style.numFmt;
      cells.set(i + 1, cell);
    });
    this.rows.set(row, cells);
  }

  getRow(row: number): WriterRow {
    let r = this.heights.get(row);
    if (!r) {
      // 0: no height of its own (exceljs's `undefined`, which callers treat as 15 pt).
      r = { height: 0 };
      this.heights.set(row, r);
    }
    return r;
  }

  getColumn(col: number): WriterColumn {
    let c = this.columns.get(col);
    if (!c) {
      c = { width: undefined };
      this.columns.set(col, c);
    }
    return c;
  }

  mergeCells(top: number, left: number, bottom: number, right: number): void {
    const source = this.source;
    if (source && top < source.first + source.rows.count && bottom >= source.first) throw new Error(`sheet ${this.name}: no merge over a row source's rows`);
    this.merges.push(`${columnLetter(left)}${top}:${columnLetter(right)}${bottom}`);
    this.mergeAreas.push({ top, left, bottom, right });
  }

  /**
   * The covered cells of each merge that have no style of their own take the top-left cell's, as
   * exceljs does when it merges: Excel draws each covered cell's own borders and fill.
   */
  styleMergedCells(): void {
    for (const m of this.mergeAreas) {
      const plain = this.plainRows.get(m.top);
      if (plain) this.toCells(m.top, plain);
      const master = this.rows.get(m.top)?.get(m.left);
      if (!master) continue;
      for (let r = m.top; r <= m.bottom; r++) {
        for (let c = m.left; c <= m.right; c++) {
          if (r === m.top && c === m.left) continue;
          const cell = this.getCell(r, c);
          if (cell.font !== NO_FONT || cell.alignment !== NO_ALIGNMENT || cell.border !== NO_BORDER || cell.fill !== NO_FILL || cell.numFmt !== "") continue;
          cell.font = master.font;
          cell.alignment = master.alignment;
          cell.border = master.border;
          cell.fill = master.fill;
          cell.numFmt = master.numFmt;
        }
      }
    }
  }

  addDataBar(bar: DataBar): void {
    this.dataBars.push(bar);
  }

  /** Rows with cells (a sheet's size, known before it is written). */
  get rowCount(): number {
    return this.rows.size + this.plainRows.size + (this.source?.rows.count ?? 0);
  }

  /** A row written whole by `putRow` or made by the row source (values and shared styles), or undefined. */
  plainRowAt(row: number): PlainRow | undefined {
    const plain = this.plainRows.get(row);
    if (plain || !this.source || !this.fromSource(row)) return plain;
    return { values: this.source.rows.valuesAt(row - this.source.first), styles: this.source.rows.styles };
  }

  /** The styles of a row written whole or made by the row source, without making its values; else undefined. */
  plainStylesAt(row: number): readonly CellStyle[] | undefined {
    return this.plainRows.get(row)?.styles ?? (this.source && this.fromSource(row) ? this.source.rows.styles : undefined);
  }

  /** Every row number with cells or a height, in order (a typed array sorts numbers without a comparator: NguonSoLieu has 100,000 rows). */
  rowNumbers(): number[] {
    const all: number[] = [...this.rows.keys(), ...this.plainRows.keys()];
    if (this.source) for (let i = 0; i < this.source.rows.count; i++) all.push(this.source.first + i);
    for (const [n, r] of this.heights) if (r.height > 0) all.push(n);
    const sorted = Float64Array.from(all).sort();
    const numbers: number[] = [];
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) numbers.push(sorted[i] ?? 0);
    return numbers;
  }

  /** Call `visit` for each cell of a row in column order (no array per cell). */
  forEachCell(row: number, visit: (col: number, value: WriterValue, style: CellStyle) => void): void {
    const plain = this.plainRowAt(row);
    if (plain) {
      for (let i = 0; i < plain.styles.length; i++) visit(i + 1, plain.values[i] ?? null, plain.styles[i] ?? NO_STYLE);
      return;
    }
    const cells = this.rows.get(row);
    if (!cells) return;
    for (const [c, cell] of [...cells].sort((a, b) => a[0] - b[0])) visit(c, writtenValue(cell.value), cell);
  }

  heightOf(row: number): number {
    return this.heights.get(row)?.height ?? 0;
  }

  widths(): Array<[number, number]> {
    return [...this.columns]
      .filter((e): e is [number, { width: number }] => e[1].width !== undefined)
      .map(([n, c]): [number, number] => [n, c.width])
      .sort((a, b) => a[0] - b[0]);
  }
}

export interface WorkbookProperties {
  readonly creator: string;
  /** ISO 8601 UTC, `yyyy-MM-ddTHH:mm:ssZ`: the document's dates and every zip entry's. */
  readonly created: string;
}

export class WriterWorkbook {
  readonly worksheets: WriterSheet[] = [];

  addWorksheet(name: string): WriterSheet {
    const ws = new WriterSheet(name);
    this.worksheets.push(ws);
    return ws;
  }

  getWorksheet(name: string): WriterSheet | undefined {
    return this.worksheets.find((w) => w.name === name);
  }

  /** Put the sheets in the given order (names not listed keep their place after the listed ones). */
  orderSheets(names: readonly string[]): void {
    const rank = (w: WriterSheet): number => {
      const i = names.indexOf(w.name);
      return i < 0 ? names.length : i;
    };
    this.worksheets.sort((a, b) => rank(a) - rank(b));
  }

  write(props: WorkbookProperties): Uint8Array {
    const pkg = writePackage(this, props, {});
    return pkg.endSync();
  }

  /** As `write`, the same bytes; with the host's deflater, segments are deflated there while this thread writes on. */
  async writeAsync(props: WorkbookProperties, options: WriteOptions = {}): Promise<Uint8Array> {
    return writePackage(this, props, options).end();
  }
}

// ---------------------------------------------------------------------------------------------------
// XML text

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main";
const XM_NS = "http://schemas.microsoft.com/office/excel/2006/main";
const DATA_BAR_EXT = "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}";
const CF_EXT = "{78C0D931-6437-407d-A8EE-F0AAD7539E65}";

const encoder = new TextEncoder();

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Text and attribute values escaped for XML (the text itself went through `cellText`). */
function xmlText(text: string): string {
  return /[&<>"']/u.test(text) ? text.replace(/[&<>"']/gu, (ch) => ESCAPES[ch] ?? ch) : text;
}


// ---------------------------------------------------------------------------------------------------
// Styles: each part (font, fill, border, alignment) written once as XML and numbered by that XML,
// so equal styles share one entry whichever objects they came from.

/** Excel's built-in number formats the report uses (ECMA-376 §18.8.30); others get ids from 164. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = {
  General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "@": 49,
};

/**
 * The Normal style's font, exceljs's Calibri 11 (the theme's minor font). It stays: it sets the default row
 * height and column unit readers lay the report out by (with Times New Roman there, LibreOffice's rows
 * grew and the cover ran onto a second page).
 */
const NORMAL_FONT_XML = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';
/**
 * A cell written without a font of its own (a blank unit cell, a cell under a merge) is in the report's
 * font all the same, Times New Roman 11 (WORKBOOKS.md §2.2, "throughout"): it showed Calibri, and whatever
 * a reader typed there came out in Calibri.
 */
const CELL_FONT_XML = '<font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font>';
const DEFAULT_BORDER_XML = "<border><left/><right/><top/><bottom/><diagonal/></border>";

function colorXml(tag: string, color: Partial<ExcelJS.Color> | undefined): string {
  if (!color) return "";
  if (color.argb) return `<${tag} rgb="${xmlText(color.argb)}"/>`;
  if (color.theme !== undefined) return `<${tag} theme="${color.theme}"/>`;
  return "";
}

function fontXml(f: Partial<ExcelJS.Font>): string {
  let xml = "<font>";
  if (f.bold) xml += "<b/>";
  if (f.italic) xml += "<i/>";
  if (f.underline) xml += "<u/>";
  xml += colorXml("color", f.color);
  if (f.size !== undefined) xml += `<sz val="${f.size}"/>`;
  if (f.name !== undefined) xml += `<name val="${xmlText(f.name)}"/>`;
  return `${xml}</font>`;
}

function fillXml(f: ExcelJS.Fill): string {
  if (f.type !== "pattern") throw new Error("report cells use pattern fills only");
  const colors = colorXml("fgColor", f.fgColor) + colorXml("bgColor", f.bgColor);
  return colors === ""
    ? `<fill><patternFill patternType="${f.pattern}"/></fill>`
    : `<fill><patternFill patternType="${f.pattern}">${colors}</patternFill></fill>`;
}

function edgeXml(tag: string, edge: Partial<ExcelJS.Border> | undefined): string {
  if (!edge?.style) return `<${tag}/>`;
  const color = colorXml("color", edge.color);
  return color === "" ? `<${tag} style="${edge.style}"/>` : `<${tag} style="${edge.style}">${color}</${tag}>`;
}

function borderXml(b: Partial<ExcelJS.Borders>): string {
  return `<border>${edgeXml("left", b.left)}${edgeXml("right", b.right)}${edgeXml("top", b.top)}${edgeXml("bottom", b.bottom)}<diagonal/></border>`;
}

function alignmentXml(a: Partial<ExcelJS.Alignment>): string {
  let attrs = "";
  if (a.horizontal) attrs += ` horizontal="${a.horizontal}"`;
  // exceljs's "middle" is SpreadsheetML's "center" (ECMA-376 ST_VerticalAlignment).
  if (a.vertical) attrs += ` vertical="${a.vertical === "middle" ? "center" : a.vertical}"`;
  if (a.wrapText) attrs += ' wrapText="1"';
  if (a.shrinkToFit) attrs += ' shrinkToFit="1"';
  if (a.indent) attrs += ` indent="${a.indent}"`;
  return attrs === "" ? "" : `<alignment${attrs}/>`;
}

/**
 * One numbered list of XML entries, with a per-object cache in front of the XML comparison. `defaultId`:
 * the entry the default cell format (xf 0) uses, the first unless said (fonts: not the Normal style's).
 */
class StylePart<T extends object> {
  readonly entries: string[] = [];
  private readonly byXml = new Map<string, number>();
  private readonly byObject = new WeakMap<T, number>();

  constructor(
    private readonly toXml: (value: T) => string,
    initial: readonly string[],
    private readonly defaultId = 0,
  ) {
    for (const xml of initial) this.idOfXml(xml);
  }

  idOf(value: T): number {
    let id = this.byObject.get(value);
    if (id === undefined) {
      id = this.idOfXml(this.toXml(value));
      this.byObject.set(value, id);
    }
    return id;
  }

  /** Whether `value` is (or would be numbered as) the default cell format's entry, without numbering it. */
  isDefault(value: T): boolean {
    const id = this.byObject.get(value);
    return id !== undefined ? id === this.defaultId : this.toXml(value) === this.entries[this.defaultId];
  }

  idOfXml(xml: string): number {
    let id = this.byXml.get(xml);
    if (id === undefined) {
      id = this.entries.length;
      this.entries.push(xml);
      this.byXml.set(xml, id);
    }
    return id;
  }
}

class StyleTable {
  private readonly fonts = new StylePart<Partial<ExcelJS.Font>>((f) => (f === NO_FONT ? CELL_FONT_XML : fontXml(f)), [NORMAL_FONT_XML, CELL_FONT_XML], 1);
  private readonly fills = new StylePart<ExcelJS.Fill>(fillXml, [fillXml(NO_FILL), fillXml({ type: "pattern", pattern: "gray125" })]);
  private readonly borders = new StylePart<Partial<ExcelJS.Borders>>(borderXml, [DEFAULT_BORDER_XML]);
  private readonly alignments = new StylePart<Partial<ExcelJS.Alignment>>(alignmentXml, [""]);
  private readonly formats = new Map<string, number>();
  private readonly xfs = new Map<number, number>();
  private readonly xfXml: string[] = [];

  constructor() {
    this.xfOf(new WriterCell());
  }

  private formatId(numFmt: string): number {
    if (numFmt === "") return 0;
    const builtin = BUILTIN_FORMATS[numFmt];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(numFmt);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(numFmt, id);
    }
    return id;
  }

  private readonly formatOrdinals = new Map<string, number>();

  private formatOrdinal(numFmt: string): number {
    let n = this.formatOrdinals.get(numFmt);
    if (n === undefined) {
      n = this.formatOrdinals.size;
      this.formatOrdinals.set(numFmt, n);
    }
    return n;
  }

  private readonly shared = new WeakMap<CellStyle, number>();

  /**
   * The style numbers given so far to a styles array's cells (-1: none yet), remembered per array (a
   * table's rows share one): a plain row's cells are numbered without a lookup per cell, and still in
   * first-use order (`xfIn`).
   */
  idsOf(styles: readonly CellStyle[]): Int32Array {
    let ids = this.byRowStyles.get(styles);
    if (!ids) {
      ids = new Int32Array(styles.length).fill(-1);
      this.byRowStyles.set(styles, ids);
    }
    return ids;
  }

  /** The style number of `styles[i]`, given now if it has none yet (`ids`: the array's, from `idsOf`). */
  xfIn(styles: readonly CellStyle[], ids: Int32Array, i: number): number {
    let id = ids[i] ?? -1;
    if (id < 0) {
      id = this.xfOf(styles[i] ?? NO_STYLE);
      ids[i] = id;
    }
    return id;
  }

  private readonly byRowStyles = new WeakMap<readonly CellStyle[], Int32Array>();

  /**
   * Whether a style is the default one (index 0: a cell with it and no value is not written), asked
   * without giving it an index: indexes are given only as cells are written, so the sheet's extent
   * can be worked out first without changing the style part's order (and so the bytes).
   */
  isDefault(style: CellStyle): boolean {
    let known = style instanceof WriterCell ? undefined : this.defaults.get(style);
    if (known === undefined) {
      const id = style instanceof WriterCell ? undefined : this.shared.get(style);
      known =
        id !== undefined
          ? id === 0
          : this.formatOrdinals.get(style.numFmt) === 0 && this.fonts.isDefault(style.font) && this.fills.isDefault(style.fill) && this.borders.isDefault(style.border) && this.alignments.isDefault(style.alignment);
      if (!(style instanceof WriterCell)) this.defaults.set(style, known);
    }
    return known;
  }

  private readonly defaults = new WeakMap<CellStyle, boolean>();

  /** Whether no style of a row's cells is the default one: each cell is then written whatever its value. */
  noneDefault(styles: readonly CellStyle[]): boolean {
    if (this.noneDefaultRows.has(styles)) return true;
    if (styles.length === 0) return false;
    for (const style of styles) if (this.isDefault(style)) return false;
    this.noneDefaultRows.add(styles);
    return true;
  }

  private readonly noneDefaultRows = new WeakSet<readonly CellStyle[]>();

  /** The style index (`s`) of a cell, or of a shared style (looked up once per object). */
  xfOf(style: CellStyle): number {
    if (style instanceof WriterCell) return this.xfOfParts(style);
    let id = this.shared.get(style);
    if (id === undefined) {
      id = this.xfOfParts(style);
      this.shared.set(style, id);
    }
    return id;
  }

  private xfOfParts(cell: CellStyle): number {
    const numFmt = this.formatId(cell.numFmt);
    const font = this.fonts.idOf(cell.font);
    const fill = this.fills.idOf(cell.fill);
    const border = this.borders.idOf(cell.border);
    const alignment = this.alignments.idOf(cell.alignment);
    // One number for the five parts, no string per cell. The report's styles come from its code,
    // not from the units' data: a few dozen of each part, far below 1,024.
    const format = this.formatOrdinal(cell.numFmt);
    if (Math.max(format, font, fill, border, alignment) >= 1024) throw new Error("report: more than 1,024 distinct styles of one kind");
    const key = (((font * 1024 + fill) * 1024 + border) * 1024 + alignment) * 1024 + format;
    let id = this.xfs.get(key);
    if (id === undefined) {
      id = this.xfXml.length;
      this.xfs.set(key, id);
      this.xfXml.push(this.xf(numFmt, font, fill, border, this.alignments.entries[alignment] ?? ""));
    }
    return id;
  }

  private xf(numFmt: number, font: number, fill: number, border: number, alignment: string): string {
    let attrs = `numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"`;
    if (numFmt) attrs += ' applyNumberFormat="1"';
    if (font) attrs += ' applyFont="1"';
    if (fill) attrs += ' applyFill="1"';
    if (border) attrs += ' applyBorder="1"';
    if (alignment) attrs += ' applyAlignment="1"';
    return alignment ? `<xf ${attrs}>${alignment}</xf>` : `<xf ${attrs}/>`;
  }

  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
    const list = (tag: string, items: readonly string[], extra = ""): string => `<${tag} count="${items.length}"${extra}>${items.join("")}</${tag}>`;
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
      (formats.length > 0 ? list("numFmts", formats) : "") +
      list("fonts", this.fonts.entries, ' x14ac:knownFonts="1"') +
      list("fills", this.fills.entries) +
      list("borders", this.borders.entries) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfXml) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Shared strings

/** Columns whose last text SharedStrings remembers (the report's tables are narrower). */
const LAST_COLUMNS = 16;

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  count = 0;

  /** Each column's last text and its index: a long sheet repeats a column's text row after row (a form, a unit, a sheet). */
  private readonly lastText: Array<string | undefined> = new Array<string | undefined>(LAST_COLUMNS + 1).fill(undefined);
  private readonly lastId = new Int32Array(LAST_COLUMNS + 1);

  /** The index of `text`, met in column `col` (a column's repeat is found without hashing the text). */
  idOf(text: string, col: number): number {
    this.count++;
    const column = col <= LAST_COLUMNS ? col : 0;
    if (column > 0 && this.lastText[column] === text) return this.lastId[column] ?? 0;
    let id = this.index.get(text);
    if (id === undefined) {
      id = this.items.length;
      this.index.set(text, id);
      this.items.push(text);
    }
    if (column > 0) {
      this.lastText[column] = text;
      this.lastId[column] = id;
    }
    return id;
  }

  write(out: ByteSink): void {
    out.text(`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.items.length}">`);
    for (const text of this.items) {
      const space = /^\s|\n|\s$/u.test(text) ? ' xml:space="preserve"' : "";
      out.text(`<si><t${space}>${xmlText(text)}</t></si>`);
    }
    out.text("</sst>");
  }
}

// ---------------------------------------------------------------------------------------------------
// Worksheets

/** XML written as UTF-8 into 1 MB chunks that go to the zip as they fill: a sheet is never one buffer. */
class ByteSink {
  buf: Uint8Array;
  at = 0;

  constructor(private readonly flush: (chunk: Uint8Array) => void) {
    // Small at first: most parts are a few KB, and a chunk's worth of zeroed memory a part was a tenth
    // of the demo's report.
    this.buf = new Uint8Array(SINK_START);
  }

  /** Make room for `n` more bytes (callers reserve once per row, then write without checks). */
  reserve(n: number): void {
    if (this.at + n <= this.buf.length) return;
    if (this.at + n <= SINK_CHUNK) {
      // Grown within a chunk's size: the chunks end where a full-size buffer would end them (same bytes).
      const grown = new Uint8Array(Math.min(SINK_CHUNK, Math.max(2 * this.buf.length, this.at + n)));
      grown.set(this.buf.subarray(0, this.at));
      this.buf = grown;
      return;
    }
    // Full chunks go to the zip as they fill: a sheet is never one buffer.
    this.flush(this.buf.subarray(0, this.at));
    this.buf = new Uint8Array(Math.max(SINK_CHUNK, n));
    this.at = 0;
  }

  /** Any text, as UTF-8 (at most 3 bytes per UTF-16 unit). */
  text(text: string): void {
    this.reserve(text.length * 3);
    this.at += encoder.encodeInto(text, this.buf.subarray(this.at)).written;
  }

  /** Text of ASCII characters only (markup, column letters, a number's digits), a byte each; room reserved by the caller. */
  ascii(text: string): void {
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buf[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** A whole number ≥ 0 in decimal digits, as String() writes it below 10^15; room reserved by the caller. */
  uint(n: number): void {
    const buf = this.buf;
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.at + digits;
    this.at = at;
    let v = n;
    do {
      const q = Math.floor(v / 10);
      buf[--at] = 0x30 + (v - q * 10);
      v = q;
    } while (v > 0);
  }

  /** Bytes written earlier into this chunk, `from` to `to`, again (a row's digits in each of its cells); room reserved by the caller. */
  again(from: number, to: number): void {
    this.buf.copyWithin(this.at, from, to);
    this.at += to - from;
  }

  /** What is left, as the last chunk. */
  rest(): Uint8Array {
    return this.buf.subarray(0, this.at);
  }
}

const SINK_CHUNK = 1 << 20;
const SINK_START = 1 << 14;


/** The most one row's start and end take in the sink, and one cell (`<c r="XFD1048576" s="…" t="s"><v>…</v></c>`). */
const ROW_ROOM = 160;
const CELL_ROOM = 96;

/**
 * One row, `<row r="7" spans="1:3"><c …/>…</row>`, written straight into the sink's bytes: a string
 * per cell and per row (then encoded) was most of what writing the report allocated (~390 MB at 1,000 units).
 */
function writeRow(out: ByteSink, r: number, height: number, count: number, scratch: { cols: number[]; values: WriterValue[]; styles: number[] }, strings: SharedStrings): void {
  out.reserve(ROW_ROOM + count * CELL_ROOM);
  out.ascii('<row r="');
  // The row's digits, written once and copied into each of its cells' references (the room reserved above
  // keeps them in this chunk).
  const digitsFrom = out.at;
  out.uint(r);
  const digits = { from: digitsFrom, to: out.at };
  if (height > 0) {
    out.ascii('" ht="');
    out.ascii(String(height));
    out.ascii('" customHeight="1');
  }
  if (count === 0) {
    out.ascii('"/>');
    return;
  }
  out.ascii('" spans="');
  out.uint(scratch.cols[0] ?? 1);
  out.ascii(":");
  out.uint(scratch.cols[count - 1] ?? 1);
  out.ascii('">');
  for (let i = 0; i < count; i++) writeCell(out, scratch.cols[i] ?? 0, r, digits, scratch.values[i] ?? null, scratch.styles[i] ?? 0, strings);
  out.ascii("</row>");
}

/** One cell: `<c r="B7" s="3" t="s"><v>12</v></c>` (room reserved by writeRow; `digits`: where the row's are in the sink). */
function writeCell(out: ByteSink, col: number, row: number, digits: { readonly from: number; readonly to: number }, value: WriterValue, style: number, strings: SharedStrings): void {
  out.ascii('<c r="');
  out.ascii(columnLetter(col));
  out.again(digits.from, digits.to);
  out.ascii('"');
  if (style > 0) {
    out.ascii(' s="');
    out.uint(style);
    out.ascii('"');
  }
  if (value === null) {
    out.ascii("/>");
    return;
  }
  if (typeof value === "string") {
    out.ascii(' t="s"><v>');
    out.uint(strings.idOf(value, col));
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`report cell ${columnLetter(col)}${row} is not a finite number`);
    out.ascii("><v>");
    // An integer's digits as String() writes them (-0 as "0"); anything else as String() writes it.
    if (Number.isInteger(value) && Math.abs(value) < 1e15) {
      if (value < 0) out.ascii("-");
      out.uint(Math.abs(value));
    } else {
      out.ascii(String(value));
    }
  } else {
    out.ascii(' t="b"><v>');
    out.ascii(value ? "1" : "0");
  }
  out.ascii("</v></c>");
}

function viewXml(views: ReadonlyArray<Partial<ExcelJS.WorksheetView>>): string {
  const view = views[0];
  if (!view) return "";
  const x = "xSplit" in view ? view.xSplit ?? 0 : 0;
  const y = "ySplit" in view ? view.ySplit ?? 0 : 0;
  if (x === 0 && y === 0) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const pane = x > 0 && y > 0 ? "bottomRight" : x > 0 ? "topRight" : "bottomLeft";
  const split = (x > 0 ? ` xSplit="${x}"` : "") + (y > 0 ? ` ySplit="${y}"` : "");
  return (
    `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${columnLetter(x + 1)}${y + 1}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}"/></sheetView></sheetViews>`
  );
}

function colsXml(widths: ReadonlyArray<[number, number]>): string {
  if (widths.length === 0) return "";
  const groups: Array<{ min: number; max: number; width: number }> = [];
  for (const [col, width] of widths) {
    const last = groups[groups.length - 1];
    if (last && last.max === col - 1 && last.width === width) last.max = col;
    else groups.push({ min: col, max: col, width });
  }
  return `<cols>${groups.map((g) => `<col min="${g.min}" max="${g.max}" width="${g.width}" customWidth="1"/>`).join("")}</cols>`;
}

function printXml(ws: WriterSheet): string {
  const p = ws.pageSetup;
  let xml = p.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : "";
  const m = p.margins;
  if (m) xml += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  let attrs = "";
  if (p.paperSize !== undefined) attrs += ` paperSize="${p.paperSize}"`;
  if (p.orientation) attrs += ` orientation="${p.orientation}"`;
  if (p.fitToWidth !== undefined) attrs += ` fitToWidth="${p.fitToWidth}"`;
  if (p.fitToHeight !== undefined) attrs += ` fitToHeight="${p.fitToHeight}"`;
  if (attrs !== "") xml += `<pageSetup${attrs}/>`;
  if (ws.headerFooter.oddFooter !== undefined) xml += `<headerFooter><oddFooter>${xmlText(ws.headerFooter.oddFooter)}</oddFooter></headerFooter>`;
  return xml;
}

function dataBarsXml(ws: WriterSheet, entry: string): { rules: string; ext: string } {
  if (ws.dataBars.length === 0) return { rules: "", ext: "" };
  const guids = ws.dataBars.map((_bar, i) => derivedGuid(entry, i));
  const rules = ws.dataBars
    .map(
      (bar, i) =>
        `<conditionalFormatting sqref="${bar.ref}"><cfRule type="dataBar" priority="${bar.priority}"><dataBar>` +
        `<cfvo type="num" val="${bar.min}"/><cfvo type="num" val="${bar.max}"/><color rgb="${bar.colour}"/></dataBar>` +
        `<extLst><ext uri="${DATA_BAR_EXT}" xmlns:x14="${X14_NS}"><x14:id>${guids[i]}</x14:id></ext></extLst></cfRule></conditionalFormatting>`,
    )
    .join("");
  const ext =
    `<extLst><ext uri="${CF_EXT}" xmlns:x14="${X14_NS}"><x14:conditionalFormattings>` +
    ws.dataBars
      .map(
        (bar, i) =>
          `<x14:conditionalFormatting xmlns:xm="${XM_NS}"><x14:cfRule type="dataBar" id="${guids[i]}">` +
          `<x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="num"><xm:f>${bar.min}</xm:f></x14:cfvo>` +
          `<x14:cfvo type="num"><xm:f>${bar.max}</xm:f></x14:cfvo></x14:dataBar></x14:cfRule><xm:sqref>${bar.ref}</xm:sqref></x14:conditionalFormatting>`,
      )
      .join("") +
    "</x14:conditionalFormattings></ext></extLst>";
  return { rules, ext };
}

/** Rows and columns that hold a written cell (the sheet's `<dimension>`), before anything is written. */
function usedRange(ws: WriterSheet, styles: StyleTable, rows: readonly number[]): string {
  let minRow = 0;
  let maxRow = 0;
  let minCol = Infinity;
  let maxCol = 0;
  for (const r of rows) {
    // A row whose every cell has a style of its own is written whole, whatever its values: not made to find out
    // (NguonSoLieu's rows come from a row source, made when written).
    const rowStyles = ws.plainStylesAt(r);
    if (rowStyles && styles.noneDefault(rowStyles)) {
      if (minRow === 0) minRow = r;
      maxRow = r;
      minCol = Math.min(minCol, 1);
      maxCol = Math.max(maxCol, rowStyles.length);
      continue;
    }
    const plain = ws.plainRowAt(r);
    if (plain) {
      // As below, without a call per cell: the first and last written cells of the row.
      let first = 0;
      let last = 0;
      for (let i = 0; i < plain.styles.length; i++) {
        if ((plain.values[i] ?? null) === null && styles.isDefault(plain.styles[i] ?? NO_STYLE)) continue;
        if (first === 0) first = i + 1;
        last = i + 1;
      }
      if (last === 0) continue;
      if (minRow === 0) minRow = r;
      maxRow = r;
      minCol = Math.min(minCol, first);
      maxCol = Math.max(maxCol, last);
      continue;
    }
    ws.forEachCell(r, (c, value, cellStyle) => {
      if (value === null && styles.isDefault(cellStyle)) return;
      if (minRow === 0) minRow = r;
      maxRow = r;
      minCol = Math.min(minCol, c);
      maxCol = Math.max(maxCol, c);
    });
  }
  return maxRow > 0 ? `${columnLetter(minCol)}${minRow}:${columnLetter(maxCol)}${maxRow}` : "A1";
}

/** One worksheet's XML, written into `out` as it is made. */
function writeSheet(ws: WriterSheet, entry: string, styles: StyleTable, strings: SharedStrings, out: ByteSink): void {
  ws.styleMergedCells();
  const rows = ws.rowNumbers();
  const bars = dataBarsXml(ws, entry);
  out.text(
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
      (ws.pageSetup.fitToPage ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "") +
      `<dimension ref="${usedRange(ws, styles, rows)}"/>` +
      viewXml(ws.views) +
      '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>' +
      colsXml(ws.widths()) +
      "<sheetData>",
  );
  const scratch = { cols: [] as number[], values: [] as WriterValue[], styles: [] as number[] };
  for (const r of rows) {
    const height = ws.heightOf(r);
    // The row's written cells first (its span goes before them), in reused scratch arrays.
    let count = 0;
    const plain = ws.plainRowAt(r);
    if (plain) {
      const ids = styles.idsOf(plain.styles);
      for (let i = 0; i < plain.styles.length; i++) {
        const value = plain.values[i] ?? null;
        const style = styles.xfIn(plain.styles, ids, i);
        if (style === 0 && value === null) continue;
        scratch.cols[count] = i + 1;
        scratch.values[count] = value;
        scratch.styles[count] = style;
        count++;
      }
    } else {
      ws.forEachCell(r, (c, value, cellStyle) => {
        const style = styles.xfOf(cellStyle);
        if (style === 0 && value === null) return;
        scratch.cols[count] = c;
        scratch.values[count] = value;
        scratch.styles[count] = style;
        count++;
      });
    }
    if (count === 0 && height <= 0) continue;
    writeRow(out, r, height, count, scratch, strings);
  }
  const merges = ws.merges.length > 0 ? `<mergeCells count="${ws.merges.length}">${ws.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
  out.text(
    "</sheetData>" +
      (ws.autoFilter ? `<autoFilter ref="${ws.autoFilter}"/>` : "") +
      merges +
      bars.rules +
      printXml(ws) +
      bars.ext +
      "</worksheet>",
  );
}

// ---------------------------------------------------------------------------------------------------
// The package

function workbookXml(sheets: readonly WriterSheet[]): string {
  const list = sheets.map((ws, i) => `<sheet sheetId="${i + 1}" name="${xmlText(ws.name)}" state="visible" r:id="rId${i + 4}"/>`).join("");
  const titles = sheets
    .map((ws, i) => {
      const rows = ws.pageSetup.printTitlesRow;
      if (!rows) return "";
      const [from, to] = rows.split(":");
      return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`'${ws.name.replace(/'/gu, "''")}'!$${from}:$${to}`)}</definedName>`;
    })
    .join("");
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr filterPrivacy="1"/>` +
    '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" firstSheet="0" activeTab="0"/></bookViews>' +
    `<sheets>${list}</sheets>` +
    (titles ? `<definedNames>${titles}</definedNames>` : "") +
    '<calcPr calcId="171027"/></workbook>'
  );
}

function contentTypesXml(sheets: readonly WriterSheet[]): string {
  const worksheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((_ws, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${worksheet}"/>`).join("") +
    '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'
  );
}

function rootRelsXml(): string {
  const rel = (id: number, type: string, target: string): string => `<Relationship Id="rId${id}" Type="${type}" Target="${target}"/>`;
  return (
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    rel(1, `${REL_NS}/officeDocument`, "xl/workbook.xml") +
    rel(2, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml") +
    rel(3, `${REL_NS}/extended-properties`, "docProps/app.xml") +
    "</Relationships>"
  );
}

function workbookRelsXml(sheets: readonly WriterSheet[]): string {
  const rel = (id: number, type: string, target: string): string => `<Relationship Id="rId${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
  return (
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    rel(1, "styles", "styles.xml") +
    rel(2, "theme", "theme/theme1.xml") +
    rel(3, "sharedStrings", "sharedStrings.xml") +
    sheets.map((_ws, i) => rel(i + 4, "worksheet", `worksheets/sheet${i + 1}.xml`)).join("") +
    "</Relationships>"
  );
}

function appXml(sheets: readonly WriterSheet[]): string {
  const names = sheets.map((ws) => `<vt:lpstr>${xmlText(ws.name)}</vt:lpstr>`).join("");
  return (
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${names}</vt:vector></TitlesOfParts>` +
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>"
  );
}

function coreXml(props: WorkbookProperties): string {
  const who = xmlText(props.creator);
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${who}</dc:creator><cp:lastModifiedBy>${who}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${props.created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${props.created}</dcterms:modified></cp:coreProperties>`
  );
}


/** How the package is zipped (the bytes are the same either way). */
export interface WriteOptions {
  /**
   * The host's deflater for the parts' segments (deflate.ts; the CLI's read worker, idle once the files
   * are read): it takes each segment as it is written while it has room, and this thread deflates the
   * rest, so both work until the last part is written. Same bytes.
   */
  readonly deflate?: SegmentDeflater;
  /** The host's CRC-32 (`crc32(data, crc)` continues `crc`; Node's zlib), the core's without it. */
  readonly crc32?: (data: Uint8Array, crc: number) => number;
}

/** Segments deflated by a host's deflater so far in this process (the bench and the tests look). */
export const hostSegments = { count: 0 };

/**
 * One part as a zip entry for fflate's Zip (which writes the zip's headers and directory), its flag that
 * of a fast deflate, deflated in segments (deflate.ts) here or by the host's deflater, and handed to the zip in order; its
 * CRC-32 by the host's function or the core's.
 */
class PartEntry implements ZipInputFile {
  size = 0;
  crc = 0;
  readonly compression = 8;
  /** The general-purpose flag bits of deflate's "fast" option (APPNOTE 4.4.4: informative only). */
  readonly flag = 2;
  ondata?: AsyncFlateStreamHandler;
  private sum = 0;
  /** The chunks of the segment being written. */
  private held: Uint8Array[] = [];
  /** Segments deflated but not yet handed to the zip (an earlier one is still away), by index. */
  private readonly ready = new Map<number, Array<Uint8Array<ArrayBuffer>>>();
  private segments = 0;
  private handed = 0;
  private last = -1;
  private failed = false;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
    private readonly host: SegmentDeflater | null,
    private readonly crcOf: (data: Uint8Array, crc: number) => number,
  ) {}

  /** The part's next bytes, as written (the CRC and size are of them); the host's deflater may take the chunk's buffer. */
  push(chunk: Uint8Array, final = false): void {
    this.sum = this.crcOf(chunk, this.sum);
    this.size += chunk.length;
    if (final) this.crc = this.sum;
    this.held.push(chunk);
    if (this.held.length === SEGMENT_CHUNKS || final) {
      const chunks = this.held;
      this.held = [];
      this.segment(chunks, final);
    }
  }

  /** A segment to the host's deflater if it has room, else deflated here now. */
  private segment(chunks: Uint8Array[], last: boolean): void {
    const k = this.segments++;
    if (last) this.last = k;
    const length = chunks.reduce((n, c) => n + c.length, 0);
    const away = this.host?.(chunks, last) ?? null;
    if (away === null) {
      // A host that answers "no room" must leave the chunks as they were (not moved to another thread).
      if (chunks.reduce((n, c) => n + c.length, 0) !== length) throw new Error("deflate: the host's deflater took a segment it did not deflate");
      this.ready.set(k, deflateSegment(chunks, last));
      this.hand();
      return;
    }
    hostSegments.count++;
    away.then(
      (out) => {
        // A host's answer crossed a thread: what is not a list of bytes fails the write, as a rejection does.
        if (!Array.isArray(out) || !out.every((data) => data instanceof Uint8Array)) throw new Error("not a list of bytes");
        this.ready.set(k, out);
        this.hand();
      },
    ).catch((err: unknown) => this.fail(err));
  }

  /** Deflated segments to the zip, in order, as far as they are ready. */
  private hand(): void {
    for (let out = this.ready.get(this.handed); out !== undefined && !this.failed; out = this.ready.get(this.handed)) {
      this.ready.delete(this.handed);
      const final = this.handed === this.last;
      this.handed++;
      if (out.length === 0) this.ondata?.(null, new Uint8Array(0), final);
      out.forEach((data, i) => this.ondata?.(null, data, final && i === out.length - 1));
    }
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.ondata?.(deflateError(err), new Uint8Array(0), true);
  }
}

/** A host deflater's failure as the zip takes an error (fflate's own carry a code). */
function deflateError(err: unknown): FlateError {
  return Object.assign(new Error(`deflate: ${err instanceof Error ? err.message : String(err)}`), { code: -1 });
}

/** The package, zipped as its parts are written (fflate's streaming zip: no sheet is held whole). */
class PackageWriter {
  private readonly out: Uint8Array[] = [];
  private ended = false;
  private failure: unknown = null;
  private settle: (() => void) | null = null;
  private readonly zip = new Zip((error, data, final) => {
    // With segments deflated by the host this is called from its answers: an error is kept, not thrown.
    if (error) this.failure ??= error;
    else this.out.push(data);
    if (final || error) {
      this.ended = true;
      this.settle?.();
    }
  });

  constructor(
    private readonly mtime: Date,
    private readonly crcOf: (data: Uint8Array, crc: number) => number,
    private readonly host: SegmentDeflater | null,
  ) {}

  /**
   * A part written in chunks through a ByteSink, its segments deflated here or by the host's deflater.
   * The zip keeps the order parts were added in, whichever is deflated first.
   */
  part(name: string, write: (sink: ByteSink) => void): void {
    const file = new PartEntry(name, this.mtime, this.host, this.crcOf);
    this.zip.add(file);
    // A chunk given to the host may be moved to another thread (its buffer detached): the sink starts a new one each time.
    const sink = new ByteSink((chunk) => file.push(chunk));
    write(sink);
    file.push(sink.rest(), true);
  }

  text(name: string, xml: string): void {
    this.part(name, (sink) => sink.text(xml));
  }

  /** The zip once every part is deflated. */
  end(): Promise<Uint8Array> {
    this.zip.end();
    return new Promise<void>((resolve) => {
      this.settle = resolve;
      if (this.ended) resolve();
    }).then(() => this.bytes());
  }

  /** The zip now: every part was deflated in this thread. */
  endSync(): Uint8Array {
    this.zip.end();
    if (!this.ended) throw new Error("a part is still being deflated");
    return this.bytes();
  }

  private bytes(): Uint8Array {
    if (this.failure !== null) throw this.failure instanceof Error ? this.failure : new Error(String(this.failure));
    return concat(this.out);
  }
}

function writePackage(wb: WriterWorkbook, props: WorkbookProperties, options: WriteOptions): PackageWriter {
  const sheets = wb.worksheets;
  const styles = new StyleTable();
  const strings = new SharedStrings();
  const pkg = new PackageWriter(dosTimeFor(parseCreationTime(props.created)), options.crc32 ?? crc32, options.deflate ?? null);
  pkg.text("[Content_Types].xml", contentTypesXml(sheets));
  pkg.text("_rels/.rels", rootRelsXml());
  pkg.text("docProps/app.xml", appXml(sheets));
  pkg.text("docProps/core.xml", coreXml(props));
  pkg.text("xl/_rels/workbook.xml.rels", workbookRelsXml(sheets));
  pkg.text("xl/workbook.xml", workbookXml(sheets));
  pkg.text("xl/theme/theme1.xml", OFFICE_THEME);
  // Sheets in order before the shared strings and styles: writing them fills both tables (shared strings
  // in first-use order, sheets in order, WORKBOOKS.md §2.10).
  sheets.forEach((ws, i) => {
    const entry = `xl/worksheets/sheet${i + 1}.xml`;
    pkg.part(entry, (sink) => writeSheet(ws, entry, styles, strings, sink));
  });
  pkg.part("xl/sharedStrings.xml", (sink) => strings.write(sink));
  pkg.text("xl/styles.xml", styles.xml());
  return pkg;
}
