/**
 * Reading a report back: the NguonSoLieu sheet of an earlier period's report, given as history
 * (PERIODS.md §6). The words and headers of that sheet live here, below the writer, so the report
 * writer (report/audit.ts) and this reader share one contract. The sheet is read by the streaming
 * reader one row at a time (a report of 1,000 units has 60,000 rows and more); an exceljs worksheet
 * can be read too (tests write and re-save reports with exceljs).
 */
import type ExcelJS from "exceljs";
import { tryParsePeriod } from "../periods";
import { nfc } from "../text";
import { parseNumberText } from "./cells";
import type { PlainCell } from "./cells.types";
import { ReadBudget, type ReadLimitOptions } from "./limits";
import { Package } from "./parts";
import { forEachRow } from "./sheet";
import { WorkbookParts } from "./workbook";

/** The report's provenance sheet (WORKBOOKS.md §2.9). */
export const PROVENANCE_SHEET = "NguonSoLieu";

/** What became of one input file (CLI.md `inputs[].status`). */
export type InputStatus = "accepted" | "rejected" | "duplicate" | "unreadable" | "not-a-submission";

/** NguonSoLieu block 1 words for the CLI input statuses (WORKBOOKS.md §2.9). */
export const INPUT_STATUS_VI: Readonly<Record<InputStatus, string>> = {
  accepted: "Được sử dụng",
  rejected: "Bị trả lại",
  duplicate: "Trùng lặp",
  unreadable: "Không đọc được",
  "not-a-submission": "Không phải báo cáo",
};

export const PROVENANCE_TITLES = {
  run: "0. THÔNG TIN LẦN TỔNG HỢP",
  inputs: "1. TỆP ĐẦU VÀO",
  values: "2. SỐ LIỆU ĐƠN VỊ",
  computed: "3. Ô TỔNG HỢP",
} as const;

export const INPUTS_HEADER = [
  "STT", "Tệp", "SHA-256", "Kích thước (byte)", "Mã đơn vị", "Kỳ báo cáo", "Phiên bản biểu mẫu", "Ngày lập",
  "Ngày nhận", "Nguồn ngày nhận", "Trạng thái", "Lý do",
] as const;
export const VALUES_HEADER = ["Biểu", "Mã dòng", "Cột", "Mã đơn vị", "Giá trị", "Tệp (STT)", "Trang nguồn", "Ô nguồn", "Ô báo cáo"] as const;
export const COMPUTED_HEADER = [
  "Ô báo cáo", "Biểu", "Mã dòng", "Cột", "Phạm vi", "Giá trị", "Tử số", "Mẫu số", "Số đơn vị", "Đơn vị đóng góp",
] as const;

export interface ProvenanceInput {
  readonly file: string;
  readonly sha256: string;
  readonly unit: string | null;
  /** Null when the status text is not one this product writes. */
  readonly status: InputStatus | null;
}

export interface ProvenanceValue {
  readonly form: string;
  /** Null for WIDE forms. */
  readonly row: string | null;
  readonly column: number;
  readonly unit: string;
  readonly value: number;
}

export interface Provenance {
  readonly period: string | null;
  readonly inputs: ProvenanceInput[];
  readonly values: ProvenanceValue[];
}

/** How the provenance reading sees a cell, whoever read it: its text (trimmed, NFC) and its number. */
interface CellReading<C> {
  text(cell: C): string;
  number(cell: C): number | null;
}

const JS_DECIMAL_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;

/** A number from a cell's text: a plain JS decimal first, then the §1.5 grammar. */
function numberFromText(text: string): number | null {
  if (text === "") return null;
  // What String(number) gives ("1.5", "-2", "1e-7") reads as such; "0x10" and the like do not.
  if (JS_DECIMAL_RE.test(text)) return Number(text);
  const read = parseNumberText(text);
  return read && "value" in read ? read.value : null;
}

/** Text of an exceljs cell as another program may have saved it: rich text, formula results, numbers. */
function excelJsText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return nfc(value).trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return nfc(value.richText.map((r) => r.text).join("")).trim();
  if ("result" in value) return value.result === undefined ? "" : excelJsText(value.result as ExcelJS.CellValue);
  if ("text" in value && typeof value.text === "string") return nfc(value.text).trim();
  return "";
}

const EXCELJS_CELLS: CellReading<ExcelJS.CellValue> = {
  text: excelJsText,
  number(value) {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (value !== null && typeof value === "object" && "result" in value && typeof value.result === "number") return value.result;
    return numberFromText(excelJsText(value));
  },
};

/** Plain cells of the streaming reader: text as written, numbers as JavaScript prints them, as above. */
const PLAIN_CELLS: CellReading<PlainCell> = {
  text(cell) {
    switch (cell.kind) {
      case "text":
        return (cell.text ?? "").trim();
      case "number":
        return cell.number === null ? "" : String(cell.number);
      case "boolean":
        return String(cell.boolean === true);
      case "date":
        return cell.date ?? "";
      default:
        return "";
    }
  },
  number(cell) {
    if (cell.kind === "number") return cell.number !== null && Number.isFinite(cell.number) ? cell.number : null;
    return cell.kind === "text" ? numberFromText((cell.text ?? "").trim()) : null;
  },
};

const STATUS_BY_TEXT = new Map<string, InputStatus>(
  (Object.entries(INPUT_STATUS_VI) as Array<[InputStatus, string]>).flatMap(([status, vi]): Array<[string, InputStatus]> => [
    [nfc(vi).toLowerCase(), status],
    [status, status],
  ]),
);

const TITLES: ReadonlySet<string> = new Set(Object.values(PROVENANCE_TITLES));

/** The block being read: its title, and its header (column name → column) once its header row is met. */
interface OpenBlock {
  readonly title: string;
  header: Map<string, number> | null;
}

/**
 * NguonSoLieu read row by row, in sheet order. Each block starts at the first row whose first cell is
 * its title; the next row is its header (not for block 0), then its rows up to the first blank row
 * (rows absent from the file are blank) or the next title.
 */
class ProvenanceRows<C> {
  private period: string | null = null;
  private readonly inputs: ProvenanceInput[] = [];
  private readonly values: ProvenanceValue[] = [];
  private readonly seen = new Set<string>();
  private block: OpenBlock | null = null;
  private lastRow = 0;

  constructor(private readonly cells: CellReading<C>) {}

  add(row: number, cells: ReadonlyMap<number, C>): void {
    // A row skipped by the file is blank: it ends the block.
    if (row > this.lastRow + 1) this.block = null;
    this.lastRow = row;
    const first = cells.get(1);
    const title = first === undefined ? "" : this.cells.text(first);
    if (TITLES.has(title)) {
      this.block = this.seen.has(title) ? null : { title, header: title === PROVENANCE_TITLES.run ? new Map() : null };
      this.seen.add(title);
      return;
    }
    const block = this.block;
    if (!block) return;
    if (!block.header) {
      block.header = this.headerOf(cells);
      return;
    }
    if ([...cells.values()].every((c) => this.cells.text(c) === "")) {
      this.block = null;
      return;
    }
    this.dataRow(block.title, block.header, cells);
  }

  result(): Provenance {
    return { period: this.period, inputs: this.inputs, values: this.values };
  }

  private headerOf(cells: ReadonlyMap<number, C>): Map<string, number> {
    const header = new Map<string, number>();
    for (const col of [...cells.keys()].sort((a, b) => a - b)) {
      const cell = cells.get(col);
      const text = cell === undefined ? "" : this.cells.text(cell);
      if (text !== "" && !header.has(text)) header.set(text, col);
    }
    return header;
  }

  private dataRow(title: string, header: ReadonlyMap<string, number>, cells: ReadonlyMap<number, C>): void {
    const cell = (name: string): C | undefined => {
      const col = header.get(name);
      return col === undefined ? undefined : cells.get(col);
    };
    const text = (name: string): string => {
      const c = cell(name);
      return c === undefined ? "" : this.cells.text(c);
    };
    const number = (name: string): number | null => {
      const c = cell(name);
      return c === undefined ? null : this.cells.number(c);
    };
    if (title === PROVENANCE_TITLES.run) {
      const key = cells.get(1);
      const value = cells.get(2);
      if (key === undefined || this.cells.text(key) !== "Kỳ báo cáo") return;
      // "2023-H1 (6 tháng đầu năm 2023)": the ID comes first.
      const id = (value === undefined ? "" : this.cells.text(value)).split(/\s+/u)[0] ?? "";
      this.period = tryParsePeriod(id)?.id ?? null;
    } else if (title === PROVENANCE_TITLES.inputs) {
      const file = text("Tệp");
      if (file === "") return;
      const unit = text("Mã đơn vị");
      this.inputs.push({
        file,
        sha256: text("SHA-256").toLowerCase(),
        unit: unit === "" ? null : unit,
        status: STATUS_BY_TEXT.get(text("Trạng thái").toLowerCase()) ?? null,
      });
    } else if (title === PROVENANCE_TITLES.values) {
      const form = text("Biểu");
      const unit = text("Mã đơn vị");
      const column = number("Cột");
      const value = number("Giá trị");
      if (form === "" || unit === "" || column === null || !Number.isInteger(column) || value === null) return;
      const row = text("Mã dòng");
      this.values.push({ form, row: row === "" ? null : row, column, unit, value });
    }
  }
}

/** NguonSoLieu as exceljs loaded it. */
export function readProvenance(ws: ExcelJS.Worksheet): Provenance {
  const rows = new ProvenanceRows(EXCELJS_CELLS);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, ExcelJS.CellValue>();
    row.eachCell({ includeEmpty: false }, (cell, c) => cells.set(c, cell.value));
    rows.add(r, cells);
  });
  return rows.result();
}

/**
 * NguonSoLieu of a report workbook's bytes, read by the streaming reader under the given limits; null
 * when the workbook has no such sheet. Throws what the reader throws for a file it cannot read
 * (LimitExceeded, UnreadablePart).
 */
export function readReportProvenance(bytes: Uint8Array, options: ReadLimitOptions = {}): Provenance | null {
  const budget = new ReadBudget(options);
  const workbook = new WorkbookParts(new Package(bytes, budget));
  const entry = workbook.sheets.find((s) => s.name === PROVENANCE_SHEET);
  if (!entry) return null;
  const rows = new ProvenanceRows(PLAIN_CELLS);
  forEachRow(workbook, entry, (row, cells) => rows.add(row, cells));
  return rows.result();
}
