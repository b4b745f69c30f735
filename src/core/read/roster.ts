/**
 * A unit roster given as .xlsx (UNITS.md §4), read by the streaming reader within the default reading
 * limits, so that a roster file costs little whatever it holds: a zip bomb is refused by its declared
 * size, a sheet of millions of cells at the cell limit. The roster's checks are roster.ts's, shared with
 * the CSV reader. Sheet `DanhSachDonVi` (any case), else the first sheet; header in row 1.
 */
import { NOT_XLSX, ONLY_CSV_XLSX, numberCell, parseRosterCsv, rosterFromSheetRows, unreadable, type RawCell, type RawRecord, type RosterResult } from "../roster";
import type { Localised } from "../text";
import type { PlainCell } from "./cells.types";
import { BYTES_PER_MB, LimitExceeded, ReadBudget, sizeMB, type ReadLimitOptions } from "./limits";
import { sniffWorkbook } from "./package";
import { Package } from "./parts";
import { StreamGrid } from "./sheet";
import { WorkbookParts } from "./workbook";

const ROSTER_SHEET = "DanhSachDonVi";

/** A roster cell from a plain cell: text as shown, numbers and dates with the date they are as a serial. */
function rosterCell(cell: PlainCell, date1904: boolean): RawCell {
  switch (cell.kind) {
    case "text":
    case "error":
      return { text: cell.text ?? "" };
    case "number":
      return cell.number === null ? { text: "" } : numberCell(cell.number, date1904);
    case "date": {
      // A date cell reads as its calendar date (what exceljs gave as a Date), within the roster's dates.
      const read = cell.number === null ? { text: "" } : numberCell(cell.number, date1904);
      return read.isoDate === undefined ? read : { text: read.isoDate, isoDate: read.isoDate };
    }
    case "boolean":
      return { text: cell.boolean === true ? "TRUE" : "FALSE" };
    case "empty":
      return { text: "" };
  }
}

/**
 * One row as a record: its non-empty cells (a sparse array: a cell far to the right costs nothing), and
 * in `columns` a cell covered by a merge reads as the merge's value (a code or khối merged down rows).
 */
function recordOf(grid: StreamGrid, row: number, columns: readonly number[], date1904: boolean): RawRecord {
  const cells: RawCell[] = [];
  for (const col of grid.columnsOf(row)) cells[col - 1] = rosterCell(grid.at(row, col), date1904);
  for (const col of columns) {
    const merge = cells[col - 1] === undefined ? grid.mergeAt(row, col) : null;
    if (merge && (merge.top !== row || merge.left !== col)) cells[col - 1] = rosterCell(grid.at(merge.top, merge.left), date1904);
  }
  return { line: row, cells };
}

function limitDetail(err: LimitExceeded): Localised {
  const what = err.detail ?? { vi: "dung lượng (MB)", en: "size (MB)" };
  return {
    vi: `tệp vượt giới hạn đọc (${what.vi}: ${err.value}; giới hạn ${err.expected})`,
    en: `the file is over a reading limit (${what.en}: ${err.value}; limit ${err.expected})`,
  };
}

/** The roster sheet's rows: header first, then every row with cells. Throws what the reader throws. */
function readRosterSheet(bytes: Uint8Array, budget: ReadBudget, sourceName: string): RosterResult {
  const workbook = new WorkbookParts(new Package(bytes, budget));
  const sheets = workbook.sheets;
  const exact = sheets.findIndex((s) => s.name === ROSTER_SHEET);
  const anyCase = sheets.findIndex((s) => s.name.toLowerCase() === ROSTER_SHEET.toLowerCase());
  const index = exact >= 0 ? exact : Math.max(anyCase, 0);
  const entry = sheets[index];
  if (!entry) return unreadable(sourceName, { vi: "tệp không có trang tính nào", en: "the workbook has no sheet" });
  const grid = new StreamGrid(index, entry, workbook);
  if (grid.overLimit) throw grid.overLimit;
  const header = grid.rows().includes(1) ? recordOf(grid, 1, [], workbook.date1904) : undefined;
  // Merged cells are read in the header's columns: the only ones the roster reads.
  const columns = header ? header.cells.flatMap((cell, i) => (cell.text.trim() === "" ? [] : [i + 1])) : [];
  const data = grid.rows().filter((r) => r > 1).map((r) => recordOf(grid, r, columns, workbook.date1904));
  return rosterFromSheetRows(header, data, sourceName);
}

/** Parse an XLSX roster. Never throws: a file that cannot be read is V-ROSTER-01. */
export async function parseRosterXlsx(bytes: Uint8Array, sourceName: string, options: ReadLimitOptions = {}): Promise<RosterResult> {
  const budget = new ReadBudget(options);
  const maxMB = budget.limits.maxFileSizeMB;
  if (bytes.length > maxMB * BYTES_PER_MB) return unreadable(sourceName, limitDetail(new LimitExceeded("maxFileSizeMB", sizeMB(bytes), maxMB)));
  if (!sniffWorkbook(bytes, false).ok) return unreadable(sourceName, NOT_XLSX);
  try {
    return readRosterSheet(bytes, budget, sourceName);
  } catch (err) {
    return unreadable(sourceName, err instanceof LimitExceeded ? limitDetail(err) : NOT_XLSX);
  }
}

/** Parse a roster file by its extension: `.csv` or `.xlsx`. Never throws. */
export async function parseRoster(bytes: Uint8Array, fileName: string, options: ReadLimitOptions = {}): Promise<RosterResult> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return parseRosterCsv(bytes, fileName);
  if (lower.endsWith(".xlsx")) return parseRosterXlsx(bytes, fileName, options);
  return unreadable(fileName, ONLY_CSV_XLSX);
}
