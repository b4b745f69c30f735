/**
 * A read-only view of one worksheet for the reader: non-empty cells by position, merged ranges,
 * hidden rows and columns. Cells covered by a merge (other than its top-left master) read as
 * empty (WORKBOOKS.md §1.5), whatever exceljs gives for them.
 */
import ExcelJS from "exceljs";
import { a1, columnNumber } from "../xlsx/layout";
import { nfc } from "../text";
import { EMPTY, labelText, plainCell } from "./cells";
import type { PlainCell } from "./cells.types";
import type { LimitExceeded } from "./limits";

export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}


function decodeRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/u.exec(ref);
  if (!m) return null;
  const [, c1 = "A", r1 = "1", c2 = "A", r2 = "1"] = m;
  return { top: Number(r1), left: columnNumber(c1), bottom: Number(r2), right: columnNumber(c2) };
}

/** A read-only view of one sheet: what the reader asks of a worksheet, whoever parsed it. */
export interface Grid {
  readonly name: string;
  /** Position among the workbook's worksheets. */
  readonly index: number;
  readonly hidden: boolean;
  /** Set when the sheet has more cells than the limit and was read only up to it. */
  readonly overLimit?: LimitExceeded | null;
  /** The normalised content at (row, col); merged non-master cells read as empty. */
  at(row: number, col: number): PlainCell;
  /** The plain text of a cell for label matching ("" for empty or non-text-like cells). */
  text(row: number, col: number): string;
  isEmpty(row: number, col: number): boolean;
  /** Columns with content in a row, ascending. */
  columnsOf(row: number): number[];
  /** Rows with cells, ascending. */
  rows(): readonly number[];
  /** The merge a cell belongs to, if any. */
  mergeAt(row: number, col: number): MergeRange | null;
  isHiddenRow(row: number): boolean;
  isHiddenCol(col: number): boolean;
  address(row: number, col: number): string;
}

/** A sheet loaded by exceljs (kept for the differential test of the streaming reader). */
export class SheetGrid implements Grid {
  readonly name: string;
  readonly index: number;
  readonly hidden: boolean;
  /** Last row and column that hold anything. */
  readonly maxRow: number;
  readonly maxCol: number;
  private readonly cells = new Map<number, Map<number, ExcelJS.Cell>>();
  private readonly plain = new Map<string, PlainCell>();
  private readonly merges: MergeRange[] = [];
  private readonly hiddenRows = new Set<number>();
  private readonly hiddenCols = new Set<number>();

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    index: number,
    private readonly date1904: boolean,
    /** Formula cells whose cached result is "" (see rawsheets.ts): they read as empty. */
    private readonly emptyResults: ReadonlySet<string> = new Set(),
  ) {
    this.name = nfc(ws.name);
    this.index = index;
    this.hidden = ws.state === "hidden" || ws.state === "veryHidden";
    let maxRow = 0;
    let maxCol = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (row.hidden) this.hiddenRows.add(r);
      const byCol = new Map<number, ExcelJS.Cell>();
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        byCol.set(c, cell);
        if (c > maxCol) maxCol = c;
      });
      if (byCol.size > 0) {
        this.cells.set(r, byCol);
        if (r > maxRow) maxRow = r;
      }
    });
    // Hidden rows without values still matter (a hidden empty row hides nothing), so only rows
    // seen above are tracked; columns come from the column definitions.
    const columnCount = Math.max(maxCol, ws.columnCount);
    for (let c = 1; c <= columnCount; c++) {
      if (ws.getColumn(c).hidden) this.hiddenCols.add(c);
    }
    const model = ws.model as unknown as { merges?: string[] };
    for (const ref of model.merges ?? []) {
      const range = decodeRange(ref);
      if (range) this.merges.push(range);
    }
    this.maxRow = maxRow;
    this.maxCol = maxCol;
  }

  /** The normalised content at (row, col); merged non-master cells read as empty. */
  at(row: number, col: number): PlainCell {
    const key = `${row}:${col}`;
    const cached = this.plain.get(key);
    if (cached) return cached;
    let value = EMPTY;
    const cell = this.cells.get(row)?.get(col);
    // plainCell reads a merge's covered cells as empty itself.
    if (cell) value = this.emptyResults.has(a1(row, col)) ? EMPTY : plainCell(cell, this.date1904);
    this.plain.set(key, value);
    return value;
  }

  /** The plain text of a cell for label matching ("" for empty or non-text-like cells). */
  text(row: number, col: number): string {
    return labelText(this.at(row, col));
  }

  isEmpty(row: number, col: number): boolean {
    return this.at(row, col).kind === "empty";
  }

  /** Columns with content in a row, ascending. */
  columnsOf(row: number): number[] {
    const byCol = this.cells.get(row);
    if (!byCol) return [];
    return [...byCol.keys()].filter((c) => !this.isEmpty(row, c)).sort((a, b) => a - b);
  }

  /** Rows with content, ascending. */
  rows(): number[] {
    return [...this.cells.keys()].sort((a, b) => a - b);
  }

  /** The merge a cell belongs to, if any. */
  mergeAt(row: number, col: number): MergeRange | null {
    return this.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) ?? null;
  }

  isHiddenRow(row: number): boolean {
    return this.hiddenRows.has(row) || Boolean(this.ws.getRow(row).hidden);
  }

  isHiddenCol(col: number): boolean {
    return this.hiddenCols.has(col);
  }

  address(row: number, col: number): string {
    return a1(row, col);
  }
}
