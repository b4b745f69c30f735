/**
 * Test helpers for end-to-end report tests: fill a blank template (buildTemplate) with exceljs the
 * way a unit would, and read the report workbook back by its labels and code rows (never by fixed
 * addresses). Cells of a submission are found through the template's own code row and row codes.
 */
import ExcelJS from "exceljs";
import { loadWorkbook, textOf } from "./workbook";

/** Values of one unit: undefined = leave the cell blank; 0 is written as 0. */
export interface UnitValues {
  /** KH-TH: row code (A1…B6) → form column (1…10) → value. */
  readonly khth?: Readonly<Record<string, Readonly<Record<number, number | undefined>>>>;
  /** 01/TTr: form column (1…18) → value. */
  readonly ttr?: Readonly<Record<number, number | undefined>>;
  /** PCTN-NB: row code (P01…P19) → value of column (1). */
  readonly pctn?: Readonly<Record<string, number | undefined>>;
  /** dcterms:modified of the filled file (its received date, PERIODS.md §7). */
  readonly modified?: Date;
}

export function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Trimmed plain text of a cell. */
export function cellText(ws: ExcelJS.Worksheet, row: number, col: number): string {
  return textOf(ws.getCell(row, col).value).trim();
}

/** Column number of a code-row label: the integer before "=", or null. */
function codeNumber(text: string): number | null {
  const m = /^\s*(\d+)\s*(=|$)/u.exec(text);
  return m?.[1] ? Number(m[1]) : null;
}

/** Form column number → sheet column, from a code row (cells right of `from`). */
export function codeColumns(ws: ExcelJS.Worksheet, row: number, from = 1): Map<number, number> {
  const out = new Map<number, number>();
  const last = Math.max(ws.columnCount, 40);
  for (let c = from + 1; c <= last; c++) {
    const n = codeNumber(cellText(ws, row, c));
    if (n !== null && !out.has(n)) out.set(n, c);
  }
  return out;
}

/** First row ≥ `start` whose column-`col` text satisfies `pred`. */
export function findRow(ws: ExcelJS.Worksheet, pred: (text: string) => boolean, start = 1, col = 1): number | null {
  for (let r = start; r <= ws.rowCount; r++) if (pred(cellText(ws, r, col))) return r;
  return null;
}

/** The ROWS-form code row of a template sheet: "A" then "B" (then "C" for PCTN). */
export function rowsCodeRow(ws: ExcelJS.Worksheet): number {
  const r = findRow(ws, (t) => t === "A", 1, 1);
  if (r === null || cellText(ws, r, 2) !== "B") throw new Error(`${ws.name}: no A|B code row`);
  return r;
}

/** Sheet row of each row code below a ROWS code row. */
export function rowCodes(ws: ExcelJS.Worksheet, codeRow: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = codeRow + 1; r <= ws.rowCount; r++) {
    const t = cellText(ws, r, 1);
    if (/Ghi\s*chú/u.test(t)) break;
    if (t !== "" && !out.has(t)) out.set(t, r);
  }
  return out;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, value: number | undefined): void {
  if (value === undefined) return;
  ws.getCell(row, col).value = value;
}

/** Fill a blank template's KH_TH, 01_TTr and PCTN sheets; returns new .xlsx bytes. */
export async function fillTemplate(template: Uint8Array, values: UnitValues): Promise<Uint8Array> {
  const wb = await loadWorkbook(template);
  if (values.khth) {
    const ws = sheetOf(wb, "KH_TH");
    const codeRow = rowsCodeRow(ws);
    const cols = codeColumns(ws, codeRow, 2);
    const rows = rowCodes(ws, codeRow);
    for (const [code, byCol] of Object.entries(values.khth)) {
      const r = rows.get(code);
      if (r === undefined) throw new Error(`KH_TH: no row ${code}`);
      for (const [k, v] of Object.entries(byCol)) {
        const c = cols.get(Number(k));
        if (c === undefined) throw new Error(`KH_TH: no column ${k}`);
        put(ws, r, c, v);
      }
    }
  }
  if (values.ttr) {
    const ws = sheetOf(wb, "01_TTr");
    const codeRow = findRow(ws, (t) => t === "MS");
    if (codeRow === null) throw new Error("01_TTr: no MS row");
    const cols = codeColumns(ws, codeRow);
    for (const [k, v] of Object.entries(values.ttr)) {
      const c = cols.get(Number(k));
      if (c === undefined) throw new Error(`01_TTr: no column ${k}`);
      put(ws, codeRow + 1, c, v);
    }
  }
  if (values.pctn) {
    const ws = sheetOf(wb, "PCTN");
    const codeRow = rowsCodeRow(ws);
    const col = codeColumns(ws, codeRow, 3).get(1);
    if (col === undefined) throw new Error("PCTN: no column (1)");
    const rows = rowCodes(ws, codeRow);
    for (const [code, v] of Object.entries(values.pctn)) {
      const r = rows.get(code);
      if (r === undefined) throw new Error(`PCTN: no row ${code}`);
      put(ws, r, col, v);
    }
  }
  if (values.modified) wb.modified = values.modified;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Reading the report back

export const TOTAL_LABEL = "TỔNG CỘNG";
export const GROUP_LABEL = { TRONG_NUOC: "I. Các đơn vị trong nước", NGOAI_NUOC: "II. Các cơ quan đại diện ở nước ngoài" } as const;

/** A units-as-rows table of the report: its code row, column map and labelled rows. */
export interface UnitsTable {
  readonly ws: ExcelJS.Worksheet;
  readonly codeRow: number;
  /** Code-row number → sheet column. */
  readonly cols: ReadonlyMap<number, number>;
  /** Rows from TỔNG CỘNG down to the last unit row: column-A text → sheet row. */
  readonly rows: ReadonlyMap<string, number>;
}

/** The (first) units-as-rows table of a report sheet: the "MS" code row and the rows under it. */
export function unitsTable(ws: ExcelJS.Worksheet): UnitsTable {
  const codeRow = findRow(ws, (t) => t === "MS");
  if (codeRow === null) throw new Error(`${ws.name}: no MS code row`);
  const cols = codeColumns(ws, codeRow);
  const rows = new Map<string, number>();
  for (let r = codeRow + 1; r <= ws.rowCount; r++) {
    const t = cellText(ws, r, 1);
    if (t === "") break; // the table ends at the first empty label
    rows.set(t, r);
  }
  return { ws, codeRow, cols, rows };
}

/** The sheet row of a unit in a units table: "<n>. <name>" with an optional status suffix. */
export function unitRow(t: UnitsTable, name: string): { row: number; label: string } {
  for (const [label, row] of t.rows) {
    const m = /^\d+\.\s(.*?)( \(chưa nộp\)| \(bị trả lại\))?$/u.exec(label);
    if (m && m[1] === name) return { row, label };
  }
  throw new Error(`${t.ws.name}: no row for unit ${name}`);
}

export function labelRow(t: UnitsTable, label: string): number {
  const r = t.rows.get(label);
  if (r === undefined) throw new Error(`${t.ws.name}: no row "${label}"`);
  return r;
}

/** Value of a cell addressed by sheet row and code-row number. */
export function valueAt(t: UnitsTable, row: number, code: number): ExcelJS.CellValue {
  const c = t.cols.get(code);
  if (c === undefined) throw new Error(`${t.ws.name}: no column (${code})`);
  return t.ws.getCell(row, c).value;
}

export function cellAt(t: UnitsTable, row: number, code: number): ExcelJS.Cell {
  const c = t.cols.get(code);
  if (c === undefined) throw new Error(`${t.ws.name}: no column (${code})`);
  return t.ws.getCell(row, c);
}

/** KH_TH Table 2 ("TỔNG HỢP THEO LOẠI HOẠT ĐỘNG"): row code → sheet row, code-row number → column. */
export function khthTable2(ws: ExcelJS.Worksheet): { cols: Map<number, number>; rows: Map<string, number> } {
  const title = findRow(ws, (t) => t === "TỔNG HỢP THEO LOẠI HOẠT ĐỘNG");
  if (title === null) throw new Error("KH_TH: no Table 2 title");
  const codeRow = findRow(ws, (t) => t === "A", title + 1);
  if (codeRow === null || cellText(ws, codeRow, 2) !== "B") throw new Error("KH_TH: no Table 2 code row");
  const cols = codeColumns(ws, codeRow, 2);
  const rows = new Map<string, number>();
  for (let r = codeRow + 1; r <= ws.rowCount; r++) {
    const t = cellText(ws, r, 1);
    if (!/^[AB]\d?$/u.test(t)) break;
    rows.set(t, r);
  }
  return { cols, rows };
}

/** Rows of a NguonSoLieu block: the header row under the title, then rows until a blank one. */
export function provenanceBlock(ws: ExcelJS.Worksheet, title: string): Array<Record<string, string>> {
  const t = findRow(ws, (x) => x === title);
  if (t === null) throw new Error(`NguonSoLieu: no block ${title}`);
  const header: string[] = [];
  for (let c = 1; c <= Math.max(ws.columnCount, 20); c++) header.push(cellText(ws, t + 1, c));
  const out: Array<Record<string, string>> = [];
  for (let r = t + 2; r <= ws.rowCount && cellText(ws, r, 1) !== ""; r++) {
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h !== "") rec[h] = cellText(ws, r, i + 1);
    });
    out.push(rec);
  }
  return out;
}

/** A BiaBaoCao row whose "Chỉ tiêu" starts with `label`: its "Giá trị" cell and "Diễn giải" text. */
export function coverRow(wb: ExcelJS.Workbook, label: string): { value: ExcelJS.Cell; note: string } {
  const ws = sheetOf(wb, "BiaBaoCao");
  const header = findRow(ws, (x) => x === "STT");
  if (header === null) throw new Error("BiaBaoCao: no STT header");
  const cols = new Map<string, number>();
  for (let c = 1; c <= 10; c++) cols.set(cellText(ws, header, c), c);
  const col = (name: string): number => {
    const c = cols.get(name);
    if (c === undefined) throw new Error(`BiaBaoCao: no column ${name}`);
    return c;
  };
  const row = findRow(ws, (x) => x.startsWith(label), header + 1, col("Chỉ tiêu"));
  if (row === null) throw new Error(`BiaBaoCao: no row ${label}`);
  return { value: ws.getCell(row, col("Giá trị")), note: cellText(ws, row, col("Diễn giải")) };
}

export { loadWorkbook, textOf };
