/**
 * Layout pieces shared by the submission templates and the report (WORKBOOKS.md §1.3, §2.2):
 * the merged multi-level header built from header paths, the national header block, the
 * signature block, fixed widths and heights, page setup. Everything is computed from the
 * catalogue and fixed numbers, so the output is deterministic.
 */
import type ExcelJS from "exceljs";
import type { ValueType } from "../catalogue/types";
import { cellText } from "./celltext";

export const FONT_NAME = "Times New Roman";

/** Excel number formats by value type (FORMS.md §1.2). */
export const NUMBER_FORMAT: Readonly<Record<ValueType, string>> = {
  INT: "#,##0",
  MONEY: "#,##0.000",
  LAND: "#,##0.00",
  TEXT: "@",
};

/** Rates are fractions shown as percentages (FORMS.md §7.4). */
export const RATE_FORMAT = "0.0%";

/** Fixed column widths in Excel character units (WORKBOOKS.md §2.2). */
export const WIDTH = { label: 42, numeric: 11, rate: 10, text: 24, code: 8, uom: 12, stt: 6 } as const;

const THIN: Partial<ExcelJS.Border> = { style: "thin" };
export const THIN_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The part of a worksheet the layout code uses: exceljs's Worksheet (templates, annotated copies)
 * and the report's own writer (xlsx/writer.ts) both have it, with exceljs's names and types.
 */
export interface LayoutCell {
  value: ExcelJS.CellValue;
  font: Partial<ExcelJS.Font>;
  alignment: Partial<ExcelJS.Alignment>;
  border: Partial<ExcelJS.Borders>;
}

export interface LayoutSheet {
  getCell(row: number, col: number): LayoutCell;
  getRow(row: number): { height: number };
  mergeCells(top: number, left: number, bottom: number, right: number): void;
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter>;
  views: Array<Partial<ExcelJS.WorksheetView>>;
}

export interface FontSpec {
  readonly size?: number;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly color?: string;
}

const fonts = new Map<string, Partial<ExcelJS.Font>>();

/**
 * The font for a spec: one frozen object per spec, so a writer can tell equal fonts by identity
 * (a report has a few dozen fonts over a million cells).
 */
export function font(spec: FontSpec = {}): Partial<ExcelJS.Font> {
  const key = `${spec.size ?? 11}|${spec.bold ? 1 : 0}|${spec.italic ? 1 : 0}|${spec.color ?? ""}`;
  let f = fonts.get(key);
  if (!f) {
    const made: Partial<ExcelJS.Font> = { name: FONT_NAME, size: spec.size ?? 11 };
    if (spec.bold) made.bold = true;
    if (spec.italic) made.italic = true;
    if (spec.color) made.color = Object.freeze({ argb: spec.color });
    f = Object.freeze(made);
    fonts.set(key, f);
  }
  return f;
}

const alignments = new Map<string, Partial<ExcelJS.Alignment>>();

/** An alignment, one frozen object per combination (as `font`). */
export function align(
  horizontal: ExcelJS.Alignment["horizontal"] | undefined,
  vertical: ExcelJS.Alignment["vertical"] | undefined,
  wrapText = false,
  shrinkToFit = false,
): Partial<ExcelJS.Alignment> {
  const key = `${horizontal ?? ""}|${vertical ?? ""}|${wrapText ? 1 : 0}|${shrinkToFit ? 1 : 0}`;
  let a = alignments.get(key);
  if (!a) {
    const made: Partial<ExcelJS.Alignment> = {};
    if (horizontal) made.horizontal = horizontal;
    if (vertical) made.vertical = vertical;
    if (wrapText) made.wrapText = true;
    if (shrinkToFit) made.shrinkToFit = true;
    a = Object.freeze(made);
    alignments.set(key, a);
  }
  return a;
}

/** One cell of a merged header, in 0-based coordinates relative to the header's top-left. */
export interface HeaderCell {
  readonly text: string;
  readonly row: number;
  readonly rowEnd: number;
  readonly col: number;
  readonly colEnd: number;
}

/**
 * The merged header of WORKBOOKS.md §1.3: label columns span all `depth` rows; level k of a
 * numbered column goes in header row k; adjacent columns sharing their first k+1 texts merge
 * horizontally at level k; the last text of a path shorter than `depth` merges down to the last
 * header row.
 */
export function buildHeaderCells(
  labelCaptions: readonly string[],
  paths: readonly (readonly string[])[],
  depth: number,
): HeaderCell[] {
  const cells: HeaderCell[] = [];
  labelCaptions.forEach((text, col) => cells.push({ text, row: 0, rowEnd: depth - 1, col, colEnd: col }));
  const offset = labelCaptions.length;
  const samePrefix = (a: readonly string[], b: readonly string[], k: number): boolean => {
    if (a.length <= k || b.length <= k) return false;
    for (let i = 0; i <= k; i++) if (a[i] !== b[i]) return false;
    return true;
  };
  for (let level = 0; level < depth; level++) {
    let i = 0;
    while (i < paths.length) {
      const path = paths[i] ?? [];
      if (path.length <= level) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < paths.length && samePrefix(path, paths[j + 1] ?? [], level)) j++;
      const isLeaf = path.length - 1 === level;
      cells.push({
        text: path[level] ?? "",
        row: level,
        rowEnd: isLeaf && i === j ? depth - 1 : level,
        col: offset + i,
        colEnd: offset + j,
      });
      i = j + 1;
    }
  }
  return cells;
}

/** Lines a text needs in a cell of the given width: characters ÷ (width − 1), rounded up. */
export function wrappedLines(text: string, width: number): number {
  const chars = [...text].length;
  if (chars === 0) return 1;
  return Math.max(1, Math.ceil(chars / Math.max(1, width - 1)));
}

/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT = 409;

/**
 * The height of a row whose wrapped text is `text` over `width` characters: 15 pt a line, each line
 * break starting a line, up to Excel's tallest row. Excel and LibreOffice fit neither a merged cell's
 * height nor one of a row whose height is set, so a note or a unit's text would print cut.
 */
export function textRowHeight(text: string, width: number): number {
  let lines = 0;
  for (const paragraph of text.split("\n")) lines += wrappedLines(paragraph, width);
  return Math.min(MAX_ROW_HEIGHT, 15 * lines);
}

/**
 * Header row heights (WORKBOOKS.md §2.2): 15 pt × the largest number of wrapped lines of the
 * row's cells, capped at 150 pt; a cell merged over k rows adds lines ÷ k to each of its rows.
 */
export function headerRowHeights(cells: readonly HeaderCell[], widths: readonly number[], depth: number): number[] {
  const lines = new Array<number>(depth).fill(1);
  for (const c of cells) {
    let width = 0;
    for (let col = c.col; col <= c.colEnd; col++) width += widths[col] ?? WIDTH.numeric;
    const span = c.rowEnd - c.row + 1;
    const perRow = wrappedLines(c.text, width) / span;
    for (let r = c.row; r <= c.rowEnd; r++) lines[r] = Math.max(lines[r] ?? 1, perRow);
  }
  return lines.map((l) => Math.min(150, 15 * Math.ceil(l)));
}

/** Style every cell of a rectangle (Excel draws borders per cell, also inside merges). */
export function styleRange<C extends LayoutCell>(
  ws: { getCell(row: number, col: number): C },
  top: number,
  left: number,
  bottom: number,
  right: number,
  style: (cell: C) => void,
): void {
  for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) style(ws.getCell(r, c));
}

/** Merge a rectangle when it has more than one cell. */
export function mergeIfWide(ws: LayoutSheet, top: number, left: number, bottom: number, right: number): void {
  if (bottom > top || right > left) ws.mergeCells(top, left, bottom, right);
}

/** Write a header (label captions and header paths) at 1-based `top`, `left`, and size its rows. */
export function writeHeader(
  ws: LayoutSheet,
  top: number,
  left: number,
  cells: readonly HeaderCell[],
  widths: readonly number[],
  depth: number,
): void {
  for (const c of cells) {
    const r0 = top + c.row;
    const r1 = top + c.rowEnd;
    const c0 = left + c.col;
    const c1 = left + c.colEnd;
    ws.getCell(r0, c0).value = cellText(c.text);
    styleRange(ws, r0, c0, r1, c1, (cell) => {
      cell.font = font({ bold: true });
      cell.alignment = align("center", "middle", true);
      cell.border = THIN_BORDER;
    });
    mergeIfWide(ws, r0, c0, r1, c1);
  }
  headerRowHeights(cells, widths, depth).forEach((h, i) => {
    ws.getRow(top + i).height = h;
  });
}

/**
 * The narrowest run of whole columns inside [first, last] (1-based) at least `chars` wide, by width in
 * Excel's character units, not by count (a 42-wide label column is wider than two 11-wide numeric ones);
 * of runs equally narrow, the one whose centre is nearest the block's (WORKBOOKS.md §2.2, the short rule).
 */
export function narrowestCentredRun(
  widths: readonly number[],
  first: number,
  last: number,
  chars: number,
): { from: number; to: number } {
  const widthOf = (col: number): number => widths[col - 1] ?? WIDTH.numeric;
  let blockWidth = 0;
  for (let c = first; c <= last; c++) blockWidth += widthOf(c);
  const blockCentre = blockWidth / 2;
  let best: { from: number; to: number; width: number; distance: number } | null = null;
  let before = 0;
  for (let start = first; start <= last; start++) {
    let w = 0;
    for (let end = start; end <= last; end++) {
      w += widthOf(end);
      if (w < chars) continue;
      // The first wide enough run from `start` is its narrowest: longer ones only add width.
      const distance = Math.abs(before + w / 2 - blockCentre);
      const narrower = best === null || w < best.width - 1e-9;
      const asNarrowNearer = best !== null && Math.abs(w - best.width) <= 1e-9 && distance < best.distance - 1e-9;
      if (narrower || asNarrowNearer) best = { from: start, to: end, width: w, distance };
      break;
    }
    before += widthOf(start);
  }
  return best ? { from: best.from, to: best.to } : { from: first, to: last };
}

export interface NationalHeader {
  /** Row 1 left: the agency ("BỘ NGOẠI GIAO"). */
  readonly agency: string;
  /** Row 2 left: the reporting unit ("THANH TRA BỘ", or the unit on a submission). */
  readonly unit: string;
  /**
   * Draw the short rule under the left row-2 text (report). Submissions keep the unit's name in
   * A2 merged over the left block (WORKBOOKS.md §1.3), so they have no left rule.
   */
  readonly leftRule: boolean;
}

export const QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const TIEU_NGU = "Độc lập - Tự do - Hạnh phúc";

/** Rows 1–2: agency and unit left, quốc hiệu and tiêu ngữ right (WORKBOOKS.md §2.2). */
export function writeNationalHeader(ws: LayoutSheet, widths: readonly number[], header: NationalHeader): void {
  const n = widths.length;
  const leftEnd = Math.max(1, Math.ceil(0.4 * n));
  const rightStart = Math.min(n, leftEnd + 1);
  const centred: Partial<ExcelJS.Alignment> = align("center", "middle", true);
  const widthOf = (from: number, to: number): number => {
    let w = 0;
    for (let c = from; c <= to; c++) w += widths[c - 1] ?? WIDTH.numeric;
    return w;
  };

  const put = (row: number, from: number, to: number, text: string, f: FontSpec, rule: boolean): void => {
    const cell = ws.getCell(row, from);
    cell.value = cellText(text);
    styleRange(ws, row, from, row, to, (c) => {
      c.font = font(f);
      c.alignment = centred;
      if (rule) c.border = { bottom: THIN };
    });
    mergeIfWide(ws, row, from, row, to);
  };

  put(1, 1, leftEnd, header.agency.toUpperCase(), { size: 12 }, false);
  // The issuing body in capitals too, as Decree 30/2020 writes it (and a unit's template, §1.3 A2): an option
  // typed "Thanh tra Bộ Ngoại giao" printed as typed under "BỘ NGOẠI GIAO".
  const unit = header.unit.toUpperCase();
  // A long unit name (a mission's) wraps in a narrow block: grow row 2 rather than clip it.
  let unitLines = 1;
  if (header.leftRule) {
    const run = narrowestCentredRun(widths, 1, leftEnd, [...unit].length);
    put(2, run.from, run.to, unit, { size: 12, bold: true }, true);
    unitLines = wrappedLines(unit, widthOf(run.from, run.to));
  } else {
    put(2, 1, leftEnd, unit, { size: 12, bold: true }, false);
    unitLines = wrappedLines(unit, widthOf(1, leftEnd));
  }
  if (rightStart > leftEnd) {
    put(1, rightStart, n, QUOC_HIEU, { size: 12, bold: true }, false);
    const run = narrowestCentredRun(widths, rightStart, n, [...TIEU_NGU].length);
    put(2, run.from, run.to, TIEU_NGU, { size: 13, bold: true }, true);
  }
  ws.getRow(1).height = 16.5;
  ws.getRow(2).height = Math.max(17.5, 16.5 * unitLines);
}

export interface SignatureBlock {
  /** The date line ("Hà Nội, ngày … tháng … năm …"), or null to leave it out (cover). */
  readonly dateLine: string | null;
  readonly leftTitle: string;
  readonly rightTitle: string;
  readonly leftHint: string;
  readonly rightHint: string;
  readonly leftName: string;
  readonly rightName: string;
}

export const DEFAULT_SIGNATURE: Omit<SignatureBlock, "dateLine" | "leftName" | "rightName"> = {
  leftTitle: "NGƯỜI LẬP BIỂU",
  rightTitle: "THỦ TRƯỞNG ĐƠN VỊ",
  leftHint: "(Ký, ghi rõ họ tên)",
  rightHint: "(Ký tên, đóng dấu)",
};

/** The signature block from 1-based `startRow` over `n` columns; returns the last row used. */
export function writeSignatureBlock(ws: LayoutSheet, startRow: number, n: number, sig: SignatureBlock): number {
  const third = Math.max(1, Math.ceil(n / 3));
  const left = { from: 1, to: third };
  const right = { from: Math.max(third + 1, n - third + 1), to: n };
  let row = startRow;
  const put = (r: number, block: { from: number; to: number }, text: string, f: FontSpec): void => {
    ws.getCell(r, block.from).value = cellText(text);
    styleRange(ws, r, block.from, r, block.to, (c) => {
      c.font = font(f);
      c.alignment = align("center", "middle");
    });
    mergeIfWide(ws, r, block.from, r, block.to);
  };
  if (sig.dateLine !== null) {
    put(row, right, sig.dateLine, { size: 12, italic: true });
    row++;
  }
  put(row, left, sig.leftTitle, { size: 12, bold: true });
  put(row, right, sig.rightTitle, { size: 12, bold: true });
  row++;
  put(row, left, sig.leftHint, { size: 12, italic: true });
  put(row, right, sig.rightHint, { size: 12, italic: true });
  row += 5;
  put(row, left, sig.leftName, { size: 12, bold: true });
  put(row, right, sig.rightName, { size: 12, bold: true });
  return row;
}

/** A4 landscape, fit to one page wide, print titles, margins, footer, frozen panes (§2.2). */
export function applyPageSetup(
  ws: LayoutSheet,
  opts: { readonly printTitlesTo: number; readonly freezeRow: number; readonly freezeCol: number },
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `1:${opts.printTitlesTo}`,
  };
  ws.headerFooter = { oddFooter: "Trang &P/&N" };
  ws.views = [{ state: "frozen", xSplit: opts.freezeCol, ySplit: opts.freezeRow }];
}

/** Convert a 1-based column number to letters (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  // Every cell address is made of one: the first columns' letters are made once.
  if (col > 0 && col <= LETTERS.length) return LETTERS[col - 1] ?? lettersOf(col);
  return lettersOf(col);
}

function lettersOf(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const LETTERS: readonly string[] = Array.from({ length: 702 }, (_, i) => lettersOf(i + 1));

/** Column letters to a 1-based number (A → 1, AA → 27). */
export function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** An A1 address as [row, column] (1-based); [0, 0] when it is not one. */
export function cellPosition(cell: string | null): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/u.exec(cell ?? "");
  return m ? [Number(m[2]), columnNumber(m[1] ?? "")] : [0, 0];
}

const KEPT_ROWS = 1000;
const KEPT_COLS = 64;
/** Addresses made so far by column, then row (within KEPT_ROWS × KEPT_COLS). */
const ADDRESSES: Array<Array<string | undefined> | undefined> = new Array<Array<string | undefined> | undefined>(KEPT_COLS).fill(undefined);

export function a1(row: number, col: number): string {
  // Every cell read keeps its address (provenance): the addresses of a form's area are made once per
  // process, not once per cell of every file (a thousand strings a file, kept to the end of the run).
  if (row > 0 && row <= KEPT_ROWS && col > 0 && col <= KEPT_COLS) {
    const byRow = ADDRESSES[col - 1] ?? (ADDRESSES[col - 1] = new Array<string | undefined>(KEPT_ROWS).fill(undefined));
    return byRow[row - 1] ?? (byRow[row - 1] = `${columnLetter(col)}${row}`);
  }
  return `${columnLetter(col)}${row}`;
}

