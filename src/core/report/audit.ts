/**
 * The report's audit sheets (WORKBOOKS.md §2.7–§2.9): NopBaoCao (completeness), KiemTra (every
 * finding) and NguonSoLieu (provenance), plus the reader that takes NguonSoLieu back as history
 * input of a later run (PERIODS.md §6). Values only, no formulas; numbers written as numbers.
 */
import type ExcelJS from "exceljs";
import { cellStyle, type CellStyle, type WriterCell, type WriterSheet, type WriterValue, type WriterWorkbook } from "../xlsx/writer";
import { CATALOGUE_VERSION, FORMS, KH_TH, SCALE_FACTOR, cellValueType } from "../catalogue";
import { SCOPE_LABEL } from "../aggregate/aggregate";
import { formatDateVi, isIsoDate } from "../dates";
import { SEVERITY_VI, dateAsShown, sheetRef } from "../findings";
import { labelVi, periodWindow, windowLine } from "../periods";
import { RECEIVED_SOURCE_VI } from "../read/receipts";
import { COMPUTED_HEADER, INPUT_STATUS_VI, INPUTS_HEADER, PROVENANCE_TITLES, VALUES_HEADER } from "../read/report";
import { WIDE_ROW, type ReadCell } from "../read/submission";
import type { FormDef } from "../catalogue/types";
import { DEFAULT_ROSTER_SOURCE, findUnit, KHOI_LABEL_VI, type Khoi } from "../roster";
import { nfc } from "../text";
import { UNIT_STATUS_VI, type InputRecord, type UnitRecord, type UnitStatus } from "../validate/run";
import { VERSION } from "../version";
import { THIN_BORDER, columnLetter, font, wrappedLines, cellPosition, align } from "../xlsx/layout";
import type { ComputedCell, ReportContext } from "./cells";
import { cellText } from "../xlsx/celltext";

/** A value for one cell: null and "" leave the cell empty. */
type Value = string | number | null;

const HEADER_HEIGHT_CAP = 150;

const STATUS_FILL: Readonly<Record<UnitStatus, string>> = {
  "on-time": "FFC6EFCE",
  late: "FFFFEB9C",
  rejected: "FFFFC7CE",
  missing: "FFD9D9D9",
};

const SEVERITY_FILL: Readonly<Partial<Record<string, string>>> = { error: "FFFFC7CE", warning: "FFFFEB9C" };



/** Report sheet order (§2.1), the fallback when the registry's sheetOrder does not name a sheet. */
const REPORT_ORDER = ["BiaBaoCao", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN"];

export const NOP_BAO_CAO_TITLE = "TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ";

export const NOP_BAO_CAO_HEADER = [
  "STT", "Mã đơn vị", "Tên đơn vị", "Khối", "Trạng thái", "Ngày nhận", "Nguồn ngày nhận", "Hạn nộp",
  "Số ngày muộn", "Tệp", "SHA-256", "Phiên bản biểu mẫu", "Số lỗi", "Số cảnh báo", "Số tệp đã nhận",
] as const;
const NOP_BAO_CAO_WIDTHS = [6, 18, 40, 22, 13, 12, 15, 12, 10, 36, 28, 16, 9, 11, 11];

export const KIEM_TRA_HEADER = [
  "STT", "Mã đơn vị", "Tên đơn vị", "Tệp", "Trang tính", "Ô", "Biểu", "Mã quy tắc", "Mức độ", "Nội dung",
  "Message (EN)", "Giá trị", "Giá trị đối chiếu",
] as const;
const KIEM_TRA_WIDTHS = [6, 18, 32, 32, 12, 8, 10, 20, 11, 60, 60, 16, 16];


// Columns shared by the four blocks: wide enough for each block's longest column.
const PROVENANCE_WIDTHS = [28, 36, 28, 16, 18, 14, 18, 14, 14, 26, 18, 24];

// ---------------------------------------------------------------------------------------------------
// Writing helpers

function put(ws: WriterSheet, row: number, col: number, value: Value): WriterCell {
  const cell = ws.getCell(row, col);
  // Text is always written as text, so "=SUM(A1)" from a unit is never a formula.
  cell.value = written(value);
  return cell;
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

function setWidths(ws: WriterSheet, widths: readonly number[]): void {
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
}

/** A table header row: 11 pt bold, centred, wrapped, thin borders; height by its wrapped lines. */
function writeHeader(ws: WriterSheet, row: number, texts: readonly string[], widths: readonly number[]): void {
  let lines = 1;
  texts.forEach((text, i) => {
    const cell = put(ws, row, i + 1, text);
    cell.font = font({ bold: true });
    cell.alignment = align("center", "middle", true);
    cell.border = THIN_BORDER;
    lines = Math.max(lines, wrappedLines(text, widths[i] ?? 10));
  });
  ws.getRow(row).height = Math.min(HEADER_HEIGHT_CAP, 15 * lines);
}

const BODY = cellStyle({ font: font(), border: THIN_BORDER, alignment: align(undefined, "top") });
const BODY_BOLD = cellStyle({ font: font({ bold: true }), border: THIN_BORDER, alignment: align(undefined, "top") });
const BODY_WRAPPED = cellStyle({ font: font(), border: THIN_BORDER, alignment: align(undefined, "top", true) });

function filled(fill: string): CellStyle {
  return cellStyle({ ...BODY, fill: solidFill(fill) });
}

/** `width` body styles: plain (or bold), with the given columns (1-based) styled otherwise. */
function bodyStyles(width: number, bold = false, special: Readonly<Record<number, CellStyle>> = {}): CellStyle[] {
  return Array.from({ length: width }, (_, i) => special[i + 1] ?? (bold ? BODY_BOLD : BODY));
}

/** Texts already made cell-ready: codes, sheet names and units repeat over tens of thousands of rows. */
const cellReady = new Map<string, string>();

/** A value as written: text through NFC and cellText, "" as an empty cell. */
function written(value: Value): WriterValue {
  if (typeof value !== "string") return value;
  if (value === "") return null;
  let text = cellReady.get(value);
  if (text === undefined) {
    text = cellText(nfc(value));
    // Short texts only: a long unit note is met once and need not stay in memory.
    if (value.length <= 64 && cellReady.size < 100_000) cellReady.set(value, text);
  }
  return text;
}

/** A body row: 11 pt, thin borders on every cell of the table width (written whole, no cell objects). */
function writeBody(ws: WriterSheet, row: number, values: readonly Value[], styles: readonly CellStyle[]): void {
  ws.putRow(row, writtenRow(values, styles.length), styles);
}

/** A body row's values as written, `width` of them (a missing one is empty). */
function writtenRow(values: readonly Value[], width: number): WriterValue[] {
  const row: WriterValue[] = [];
  for (let i = 0; i < width; i++) row.push(written(values[i] ?? null));
  return row;
}

function freezeAndFilter(ws: WriterSheet, headerRow: number, lastRow: number, columns: number): void {
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  // The range runs to the last table row so Excel filters every row, not only the header.
  ws.autoFilter = `A${headerRow}:${columnLetter(columns)}${Math.max(headerRow, lastRow)}`;
}

/** A title line merged over the table width. */
function titleLine(ws: WriterSheet, row: number, text: string, columns: number, spec: { size: number; bold?: boolean; italic?: boolean }): void {
  const cell = put(ws, row, 1, text);
  cell.font = font(spec);
  cell.alignment = align("center", "middle");
  ws.mergeCells(row, 1, row, columns);
}

function dateVi(iso: string | null): string {
  if (iso === null) return "";
  return isIsoDate(iso) ? formatDateVi(iso) : iso;
}

function khoiText(khoi: Khoi): string {
  // The group label without its Roman numeral: "Các đơn vị trong nước".
  return KHOI_LABEL_VI[khoi].replace(/^[IVX]+\.\s*/u, "");
}

// ---------------------------------------------------------------------------------------------------
// NopBaoCao (§2.7)

function statusRow(stt: number, u: UnitRecord, deadline: string): { values: Value[]; status: UnitStatus } {
  const status: UnitStatus = u.status ?? "missing";
  const eff = u.effective;
  // Tệp names the effective file, or for a missing unit every file listed under it (unreadable,
  // other period); SHA-256 and the counts follow the files named.
  const named: readonly InputRecord[] = eff ? [eff] : u.files;
  const values: Value[] = [
    stt,
    u.unit.code,
    u.unit.name,
    khoiText(u.unit.khoi),
    UNIT_STATUS_VI[status],
    eff ? dateVi(eff.received.date) : null,
    eff ? RECEIVED_SOURCE_VI[eff.received.source] : null,
    formatDateVi(deadline),
    eff ? u.daysLate : null,
    named.map((f) => f.file).join("; "),
    named.map((f) => f.sha256).join("; "),
    eff?.version ?? null,
    named.length > 0 ? named.reduce((n, f) => n + f.errors, 0) : null,
    named.length > 0 ? named.reduce((n, f) => n + f.warnings, 0) : null,
    u.files.length,
  ];
  return { values, status };
}

export function addSubmissionStatusSheet(wb: WriterWorkbook, ctx: ReportContext): void {
  const run = ctx.consolidation.run;
  const ws = wb.addWorksheet("NopBaoCao");
  const n = NOP_BAO_CAO_HEADER.length;
  setWidths(ws, NOP_BAO_CAO_WIDTHS);
  titleLine(ws, 1, NOP_BAO_CAO_TITLE, n, { size: 14, bold: true });
  titleLine(ws, 2, windowLine(run.period, "vi"), n, { size: 12, italic: true });
  const headerRow = 4;
  writeHeader(ws, headerRow, NOP_BAO_CAO_HEADER, NOP_BAO_CAO_WIDTHS);

  const statusStyles = Object.fromEntries(
    Object.entries(STATUS_FILL).map(([status, fill]) => [status, bodyStyles(n, false, { 5: filled(fill) })]),
  ) as Record<UnitStatus, CellStyle[]>;
  const expected = run.units.filter((u) => u.expected).sort((a, b) => a.unit.order - b.unit.order);
  let row = headerRow;
  let stt = 0;
  for (const khoi of ["TRONG_NUOC", "NGOAI_NUOC"] as const) {
    row++;
    // Both group rows are shown even when empty, as the biểu sheets show every subtotal.
    writeBody(ws, row, [KHOI_LABEL_VI[khoi]], bodyStyles(n, true));
    for (const u of expected.filter((x) => x.unit.khoi === khoi)) {
      row++;
      stt++;
      const { values, status } = statusRow(stt, u, run.deadline);
      writeBody(ws, row, values, statusStyles[status]);
    }
  }
  freezeAndFilter(ws, headerRow, row, n);

  const s = run.summary;
  const last = put(
    ws,
    row + 2,
    1,
    `Phải nộp: ${s.expected}; đã nộp: ${s.received}; được chấp nhận: ${s.accepted}; nộp muộn: ${s.late}; chưa nộp: ${s.missing.length}; bị trả lại: ${s.rejected}`,
  );
  last.font = font({ bold: true });
}

// ---------------------------------------------------------------------------------------------------
// KiemTra (§2.8)

export function addFindingsSheet(wb: WriterWorkbook, ctx: ReportContext): void {
  const run = ctx.consolidation.run;
  const ws = wb.addWorksheet("KiemTra");
  const n = KIEM_TRA_HEADER.length;
  setWidths(ws, KIEM_TRA_WIDTHS);
  writeHeader(ws, 1, KIEM_TRA_HEADER, KIEM_TRA_WIDTHS);

  const names = new Map<string, string>();
  for (const u of run.units) names.set(u.unit.code, u.unit.name);
  const nameOf = (code: string | null): string => {
    if (code === null) return "";
    const known = names.get(code) ?? (SCOPE_LABEL as Readonly<Record<string, string>>)[code];
    if (known !== undefined) return known;
    // A unit known to the roster but not active in the window still gets its name.
    const unit = findUnit(run.roster, code, run.window) ?? run.roster.rows.find((r) => r.code === code);
    const name = unit?.name ?? "";
    names.set(code, name);
    return name;
  };

  // Messages wrap; the severity is filled by its colour.
  const bySeverity = new Map<string, CellStyle[]>();
  const severityStyles = (severity: string): CellStyle[] => {
    let styles = bySeverity.get(severity);
    if (!styles) {
      const fill = SEVERITY_FILL[severity];
      styles = bodyStyles(n, false, { 9: fill ? filled(fill) : BODY, 10: BODY_WRAPPED, 11: BODY_WRAPPED });
      bySeverity.set(severity, styles);
    }
    return styles;
  };
  let row = 1;
  ctx.findings.forEach((f, i) => {
    row++;
    writeBody(
      ws,
      row,
      [i + 1, f.unit, nameOf(f.unit), f.file, f.sheet, f.cell, f.form, f.rule, SEVERITY_VI[f.severity], f.message.vi, f.message.en, dateAsShown(f.value), dateAsShown(f.expected)],
      severityStyles(f.severity),
    );
  });
  freezeAndFilter(ws, 1, row, n);
}

// ---------------------------------------------------------------------------------------------------
// NguonSoLieu (§2.9)

/** Block 3 order: registry sheet order, then report order, then row and column. */
function sortComputed(cells: readonly ComputedCell[], sheetOrder: readonly string[]): ComputedCell[] {
  const rank = (list: readonly string[], sheet: string): number => {
    const i = list.indexOf(sheet);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return cells
    .map((c, i) => ({ c, i }))
    .sort((x, y) => {
      const a = x.c;
      const b = y.c;
      const d1 = rank(sheetOrder, a.sheet) - rank(sheetOrder, b.sheet);
      if (d1 !== 0) return d1;
      const d2 = rank(REPORT_ORDER, a.sheet) - rank(REPORT_ORDER, b.sheet);
      if (d2 !== 0) return d2;
      if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
      const [ra, ca] = cellPosition(a.cell);
      const [rb, cb] = cellPosition(b.cell);
      return ra - rb || ca - cb || x.i - y.i;
    })
    .map((k) => k.c);
}

/** One filled numeric cell of a contributing submission, as NguonSoLieu's block 2 lists it. */
interface FilledCell {
  readonly form: FormDef;
  readonly rowCode: string | null;
  readonly no: number;
  readonly unit: string;
  readonly stt: number | null;
  readonly cell: ReadCell;
}

/** Block 2's cells in its order: form, contributing unit, row, column. References only: no row is made here. */
function filledCells(ctx: ReportContext, sttOf: ReadonlyMap<InputRecord, number>): FilledCell[] {
  const out: FilledCell[] = [];
  for (const form of FORMS) {
    const rowKeys = form.layout === "WIDE" ? [WIDE_ROW] : form.rows.map((r) => r.code);
    const columns = form.columns.filter((c) => c.type !== "TEXT").map((c) => c.no);
    for (const u of ctx.consolidation.contributing) {
      const eff = u.effective;
      const read = eff?.submission?.forms.find((f) => f.form.code === form.code);
      if (!eff || !read) continue;
      const stt = sttOf.get(eff) ?? null;
      for (const key of rowKeys) {
        const cols = read.cells.get(key);
        if (!cols) continue;
        const rowCode = form.layout === "WIDE" ? null : key;
        for (const no of columns) {
          const cell = cols.get(no);
          if (cell?.filled) out.push({ form, rowCode, no, unit: u.unit.code, stt, cell });
        }
      }
    }
  }
  return out;
}

/** Block 2's row for one filled cell, as writeBody would put it. */
function valueRow(ctx: ReportContext, f: FilledCell | undefined, width: number): WriterValue[] {
  if (!f) throw new Error("NguonSoLieu: no such value row");
  // From the exact scaled integer, so a money value 1.5 is written as 1.5, not 1.4999….
  const value = f.cell.scaled / SCALE_FACTOR[cellValueType(f.form, f.rowCode, f.no)];
  // KH-TH values have no unit-row cell of their own in the report.
  const ref = f.form.code === KH_TH.code ? null : ctx.cells.unitCell(f.form.code, f.rowCode, f.no, f.unit)?.reportRef ?? null;
  return writtenRow([f.form.code, f.rowCode, f.no, f.unit, value, f.stt, f.cell.sheet, f.cell.cell, ref], width);
}

function blockTitle(ws: WriterSheet, row: number, text: string): void {
  put(ws, row, 1, text).font = font({ size: 12, bold: true });
}

export function addProvenanceSheet(wb: WriterWorkbook, ctx: ReportContext): void {
  const run = ctx.consolidation.run;
  const ws = wb.addWorksheet("NguonSoLieu");
  setWidths(ws, PROVENANCE_WIDTHS);
  let row = 1;

  // Block 0: label/value rows.
  blockTitle(ws, row, PROVENANCE_TITLES.run);
  const window = periodWindow(run.period);
  const roster = ctx.roster.sha256 === null ? DEFAULT_ROSTER_SOURCE : `${ctx.roster.source} (SHA-256 ${ctx.roster.sha256})`;
  const info: Array<[string, string]> = [
    ["Công cụ", `tonghop ${VERSION}`],
    ["Danh mục biểu mẫu", CATALOGUE_VERSION],
    ["Kỳ báo cáo", `${run.period.id} (${labelVi(run.period)})`],
    ["Thời gian chốt số liệu", `${formatDateVi(window.from)} – ${formatDateVi(window.to)}`],
    ["Thời điểm tạo", ctx.options.creationTime],
    ["Danh sách đơn vị", roster],
    ["Tùy chọn", ctx.optionsJson],
  ];
  for (const [label, value] of info) {
    row++;
    writeBody(ws, row, [label, value], [BODY_BOLD, BODY]);
  }

  // Block 1: input files, in run.inputs order (file, then SHA-256).
  row += 2;
  blockTitle(ws, row, PROVENANCE_TITLES.inputs);
  row++;
  writeHeader(ws, row, INPUTS_HEADER, PROVENANCE_WIDTHS);
  const inputStyles = bodyStyles(INPUTS_HEADER.length);
  const sttOf = new Map<InputRecord, number>();
  run.inputs.forEach((f, i) => {
    sttOf.set(f, i + 1);
    row++;
    writeBody(
      ws,
      row,
      [
        i + 1,
        f.file,
        f.sha256,
        f.size,
        f.unit,
        f.period,
        f.version,
        dateVi(f.ngayLap),
        dateVi(f.received.date),
        RECEIVED_SOURCE_VI[f.received.source],
        INPUT_STATUS_VI[f.status],
        f.reasons.join(", "),
      ],
      inputStyles,
    );
  });

  // Block 2: every filled numeric cell of the contributing submissions, a row each, made when written.
  const valueStyles = bodyStyles(VALUES_HEADER.length);
  row += 2;
  blockTitle(ws, row, PROVENANCE_TITLES.values);
  row++;
  writeHeader(ws, row, VALUES_HEADER, PROVENANCE_WIDTHS);
  const values = filledCells(ctx, sttOf);
  ws.putRows(row + 1, { count: values.length, styles: valueStyles, valuesAt: (i) => valueRow(ctx, values[i], valueStyles.length) });
  row += values.length;

  // Block 3: every computed report cell.
  row += 2;
  blockTitle(ws, row, PROVENANCE_TITLES.computed);
  row++;
  writeHeader(ws, row, COMPUTED_HEADER, PROVENANCE_WIDTHS);
  const computedStyles = bodyStyles(COMPUTED_HEADER.length);
  for (const c of sortComputed(ctx.cells.computed, ctx.cells.sheetOrder)) {
    row++;
    writeBody(
      ws,
      row,
      [sheetRef(c.sheet, c.cell), c.form, c.row, c.column, c.scope, c.value, c.numerator, c.denominator, c.units.length, c.units.join("; ")],
      computedStyles,
    );
  }
}
