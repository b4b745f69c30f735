/**
 * What the reader asks of a worksheet (sheet.ts's StreamGrid gives it): non-empty cells by position,
 * merged ranges, hidden rows and columns. Cells covered by a merge (other than its top-left master)
 * read as empty (WORKBOOKS.md §1.5).
 */
import type { PlainCell } from "./cells.types";
import type { LimitExceeded } from "./limits";

/** A merged range, by its first and last rows and columns. */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A read-only view of one sheet, as reader.ts uses it. */
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
