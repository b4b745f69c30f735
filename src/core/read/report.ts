/**
 * Reading a report back: the NguonSoLieu sheet of an earlier period's report, given as history
 * (PERIODS.md §6). The words and headers of that sheet live here, below the writer, so the report
 * writer (report/audit.ts) and this reader share one contract.
 */
import type ExcelJS from "exceljs";
import { tryParsePeriod } from "../periods";
import { nfc } from "../text";
import { parseNumberText } from "./cells";

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

/** Text of a cell as another program may have saved it: rich text, formula results, numbers. */
function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return nfc(value).trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return nfc(value.richText.map((r) => r.text).join("")).trim();
  if ("result" in value) return value.result === undefined ? "" : textOf(value.result as ExcelJS.CellValue);
  if ("text" in value && typeof value.text === "string") return nfc(value.text).trim();
  return "";
}

const JS_DECIMAL_RE = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;

/** A number from a numeric cell or from its text (plain JS decimal first, then the §1.5 grammar). */
function numberOf(value: ExcelJS.CellValue): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value !== null && typeof value === "object" && "result" in value && typeof value.result === "number") return value.result;
  const text = textOf(value);
  if (text === "") return null;
  // What String(number) gives ("1.5", "-2", "1e-7") reads as such; "0x10" and the like do not.
  if (JS_DECIMAL_RE.test(text)) return Number(text);
  const read = parseNumberText(text);
  return read && "value" in read ? read.value : null;
}

const STATUS_BY_TEXT = new Map<string, InputStatus>(
  (Object.entries(INPUT_STATUS_VI) as Array<[InputStatus, string]>).flatMap(([status, vi]): Array<[string, InputStatus]> => [
    [nfc(vi).toLowerCase(), status],
    [status, status],
  ]),
);

/** A block's rows: its title row, header (column name → index) and data rows up to a blank row. */
interface Block {
  readonly header: ReadonlyMap<string, number>;
  readonly rows: readonly ExcelJS.Row[];
}

function isBlankRow(ws: ExcelJS.Worksheet, r: number, width: number): boolean {
  const row = ws.getRow(r);
  for (let c = 1; c <= width; c++) if (textOf(row.getCell(c).value) !== "") return false;
  return true;
}

export function readProvenance(ws: ExcelJS.Worksheet): Provenance {
  const last = ws.rowCount;
  const width = Math.max(ws.columnCount, INPUTS_HEADER.length);
  const titles: ReadonlySet<string> = new Set(Object.values(PROVENANCE_TITLES));
  const titleRows = new Map<string, number>();
  for (let r = 1; r <= last; r++) {
    const text = textOf(ws.getRow(r).getCell(1).value);
    if (titles.has(text) && !titleRows.has(text)) titleRows.set(text, r);
  }
  // Rows after a title up to the first blank row or the next title.
  const rowsAfter = (start: number): ExcelJS.Row[] => {
    const out: ExcelJS.Row[] = [];
    for (let r = start; r <= last; r++) {
      if (isBlankRow(ws, r, width) || titles.has(textOf(ws.getRow(r).getCell(1).value))) break;
      out.push(ws.getRow(r));
    }
    return out;
  };
  const block = (title: string): Block | null => {
    const at = titleRows.get(title);
    if (at === undefined) return null;
    const headerRow = ws.getRow(at + 1);
    const header = new Map<string, number>();
    for (let c = 1; c <= width; c++) {
      const text = textOf(headerRow.getCell(c).value);
      if (text !== "" && !header.has(text)) header.set(text, c);
    }
    return { header, rows: rowsAfter(at + 2) };
  };
  const get = (b: Block, row: ExcelJS.Row, name: string): ExcelJS.CellValue => {
    const c = b.header.get(name);
    return c === undefined ? null : row.getCell(c).value;
  };

  let period: string | null = null;
  const runAt = titleRows.get(PROVENANCE_TITLES.run);
  if (runAt !== undefined) {
    for (const r of rowsAfter(runAt + 1)) {
      if (textOf(r.getCell(1).value) !== "Kỳ báo cáo") continue;
      // "2023-H1 (6 tháng đầu năm 2023)": the ID comes first.
      const first = textOf(r.getCell(2).value).split(/\s+/u)[0] ?? "";
      period = tryParsePeriod(first)?.id ?? null;
    }
  }

  const inputs: ProvenanceInput[] = [];
  const b1 = block(PROVENANCE_TITLES.inputs);
  if (b1) {
    for (const r of b1.rows) {
      const file = textOf(get(b1, r, "Tệp"));
      if (file === "") continue;
      const unit = textOf(get(b1, r, "Mã đơn vị"));
      inputs.push({
        file,
        sha256: textOf(get(b1, r, "SHA-256")).toLowerCase(),
        unit: unit === "" ? null : unit,
        status: STATUS_BY_TEXT.get(textOf(get(b1, r, "Trạng thái")).toLowerCase()) ?? null,
      });
    }
  }

  const values: ProvenanceValue[] = [];
  const b2 = block(PROVENANCE_TITLES.values);
  if (b2) {
    for (const r of b2.rows) {
      const form = textOf(get(b2, r, "Biểu"));
      const unit = textOf(get(b2, r, "Mã đơn vị"));
      const column = numberOf(get(b2, r, "Cột"));
      const value = numberOf(get(b2, r, "Giá trị"));
      if (form === "" || unit === "" || column === null || !Number.isInteger(column) || value === null) continue;
      const row = textOf(get(b2, r, "Mã dòng"));
      values.push({ form, row: row === "" ? null : row, column, unit, value });
    }
  }
  return { period, inputs, values };
}
