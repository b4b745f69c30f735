/**
 * Blank submission workbooks (WORKBOOKS.md §1.1–1.3, CLI `template`): a pre-filled `ThongTin`
 * sheet and one protected sheet per form, laid out like the official biểu, with Excel data
 * validation on every input cell. Identity totals are not formulas: units type them, the checker
 * compares.
 */
import ExcelJS from "exceljs";
import type { FormDef, ValueType } from "../catalogue/types";
import { CATALOGUE_VERSION, FORMS, cellValueType } from "../catalogue";
import { THONGTIN_LABELS } from "../catalogue/thongtin";
import { isoDateToExcelSerial } from "../dates";
import { labelVi, labelViSentence, periodWindow, windowLine, yearToDateLine, type Period } from "../periods";
import type { Unit } from "../roster";
import { normalisePackage } from "../xlsx/deterministic";
import {
  DEFAULT_SIGNATURE,
  NUMBER_FORMAT,
  THIN_BORDER,
  WIDTH,
  applyPageSetup,
  columnLetter,
  columnNumber,
  buildHeaderCells,
  font,
  mergeIfWide,
  styleRange,
  wrappedLines,
  writeHeader,
  writeNationalHeader,
  writeSignatureBlock,
} from "../xlsx/layout";
import { cellText, cellValue } from "../xlsx/celltext";

export interface TemplateOptions {
  readonly unit: Unit;
  readonly period: Period;
  /** Forms to include, in catalogue order (default: every form). */
  readonly forms?: readonly FormDef[];
  readonly agencyName?: string;
  /** ISO 8601 UTC; default the period's window end at T00:00:00Z (no clock reads). */
  readonly creationTime?: string;
  readonly author?: string;
}

/** Canonical file name `BM_<ma_dv>_<period>.xlsx` (WORKBOOKS.md §1.1). */
export function templateFileName(unitCode: string, periodId: string): string {
  return `BM_${unitCode}_${periodId}.xlsx`;
}


/** Pale yellow marks the cells a unit fills in. */
const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const GROUP_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };

const SCALE_DIGITS: Readonly<Record<ValueType, number>> = { INT: 0, MONEY: 3, LAND: 2, TEXT: 0 };

/** Data validation of an input cell: whole ≥ 0 for counts, decimal ≥ 0 for money and land. */
export function inputValidation(type: ValueType, uom: string): ExcelJS.DataValidation | null {
  if (type === "TEXT") return null;
  const unit = uom ? ` (${uom})` : "";
  if (type === "INT") {
    return {
      type: "whole",
      operator: "greaterThanOrEqual",
      formulae: [0],
      allowBlank: true,
      showInputMessage: true,
      promptTitle: "Nhập số liệu",
      prompt: `Số nguyên không âm${unit}. Để trống nếu không phát sinh.`,
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Giá trị không hợp lệ",
      error: "Chỉ nhập số nguyên lớn hơn hoặc bằng 0 (0, 1, 2, …).",
    };
  }
  const digits = SCALE_DIGITS[type];
  return {
    type: "decimal",
    operator: "greaterThanOrEqual",
    formulae: [0],
    allowBlank: true,
    showInputMessage: true,
    promptTitle: "Nhập số liệu",
    prompt: `Số không âm${unit}, tối đa ${digits} chữ số thập phân. Để trống nếu không phát sinh.`,
    showErrorMessage: true,
    errorStyle: "stop",
    errorTitle: "Giá trị không hợp lệ",
    error: `Chỉ nhập số lớn hơn hoặc bằng 0, tối đa ${digits} chữ số thập phân.`,
  };
}

/** exceljs's per-cell validations, which it keeps by address (its typings do not show the model). */
type ValidationModel = Record<string, ExcelJS.DataValidation>;

/**
 * A row's cells of one validation given to exceljs as one range each ("U12:AF12"). Left to itself,
 * exceljs joins alike cells in address-string order, in which "AA12" comes before "U12": AA12 got a
 * validation of its own and U12:AA12 another over it, a cell in two validations (01_KQGQ, 03_KQGQ),
 * which some readers (EPPlus) refuse.
 */
function validationsAsRuns(ws: ExcelJS.Worksheet): void {
  const holder = ws as unknown as { dataValidations: { model: ValidationModel } };
  const runs = new Map<string, { row: number; cols: number[]; validation: ExcelJS.DataValidation }>();
  for (const [address, validation] of Object.entries(holder.dataValidations.model)) {
    const m = /^([A-Z]+)(\d+)$/u.exec(address);
    if (!m) return; // a range already: left as exceljs has it
    const col = columnNumber(m[1] ?? "A");
    const row = Number(m[2]);
    const key = `${row}|${JSON.stringify(validation)}`;
    const run = runs.get(key) ?? { row, cols: [], validation };
    run.cols.push(col);
    runs.set(key, run);
  }
  const model: ValidationModel = {};
  for (const { row, cols, validation } of runs.values()) {
    cols.sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === (cols[i - 1] ?? 0) + 1) continue;
      const from = `${columnLetter(cols[start] ?? 1)}${row}`;
      const to = `${columnLetter(cols[i - 1] ?? 1)}${row}`;
      model[from === to ? from : `${from}:${to}`] = validation;
      start = i;
    }
  }
  holder.dataValidations.model = model;
}

function styleInput(cell: ExcelJS.Cell, type: ValueType, uom: string): void {
  cell.protection = { locked: false };
  cell.fill = INPUT_FILL;
  cell.border = THIN_BORDER;
  cell.numFmt = NUMBER_FORMAT[type];
  cell.font = font();
  cell.alignment = type === "TEXT" ? { horizontal: "left", vertical: "middle", wrapText: true } : { horizontal: "right", vertical: "middle" };
  const validation = inputValidation(type, uom);
  if (validation) cell.dataValidation = validation;
}

function styleFixed(cell: ExcelJS.Cell, opts: { bold?: boolean; fill?: ExcelJS.Fill; align?: "left" | "center" } = {}): void {
  cell.font = font({ bold: opts.bold ?? false });
  cell.border = THIN_BORDER;
  cell.alignment = { horizontal: opts.align ?? "left", vertical: "middle", wrapText: true };
  if (opts.fill) cell.fill = opts.fill;
}

/** Widths of a form's table columns, label columns first. */
export function formColumnWidths(form: FormDef): number[] {
  const numbered = form.columns.map((c) => (c.type === "TEXT" ? WIDTH.text : WIDTH.numeric));
  if (form.layout === "WIDE") return [WIDTH.label, ...numbered];
  const labels = form.labelColumns.map((_, i) => (i === 0 ? WIDTH.code : i === 1 ? WIDTH.label : WIDTH.uom));
  return [...labels, ...numbered];
}

/** Protection that still lets a unit select, resize and format columns and rows. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

async function addThongTin(wb: ExcelJS.Workbook, opts: TemplateOptions): Promise<void> {
  const ws = wb.addWorksheet("ThongTin", { properties: { tabColor: { argb: "FF1F4E79" } } });
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 44;
  ws.getColumn(3).width = 30;
  const title = ws.getCell("A1");
  title.value = "THÔNG TIN CHUNG VỀ BÁO CÁO";
  title.font = font({ size: 14, bold: true });
  const window = periodWindow(opts.period);
  const values: Record<(typeof THONGTIN_LABELS)[number], ExcelJS.CellValue> = {
    "Mã đơn vị": opts.unit.code,
    "Tên đơn vị": opts.unit.name,
    "Kỳ báo cáo": opts.period.id,
    "Từ ngày": isoDateToExcelSerial(window.from, false),
    "Đến ngày": isoDateToExcelSerial(window.to, false),
    "Người lập biểu": null,
    "Thủ trưởng đơn vị": null,
    "Ngày lập": null,
    "Phiên bản biểu mẫu": CATALOGUE_VERSION,
  };
  const inputs = new Set<string>(["Người lập biểu", "Thủ trưởng đơn vị", "Ngày lập"]);
  const dates = new Set<string>(["Từ ngày", "Đến ngày", "Ngày lập"]);
  THONGTIN_LABELS.forEach((label, i) => {
    const row = 3 + i;
    const labelCell = ws.getCell(row, 1);
    labelCell.value = cellText(label);
    labelCell.font = font({ bold: true });
    labelCell.border = THIN_BORDER;
    const cell = ws.getCell(row, 2);
    cell.value = cellValue(values[label]);
    cell.font = font();
    cell.border = THIN_BORDER;
    cell.alignment = { horizontal: "left", vertical: "middle" };
    if (dates.has(label)) cell.numFmt = "dd/mm/yyyy";
    if (inputs.has(label)) {
      cell.protection = { locked: false };
      cell.fill = INPUT_FILL;
      if (label === "Ngày lập") {
        cell.dataValidation = {
          type: "date",
          operator: "greaterThanOrEqual",
          // A Date: exceljs turns a date validation's bound from a Date; a serial (36526) was taken for
          // milliseconds since 1970 and written as 25569.0004 (1970-01-01), accepting any date.
          formulae: [new Date(Date.UTC(2000, 0, 1))],
          allowBlank: true,
          showInputMessage: true,
          promptTitle: "Ngày lập báo cáo",
          prompt: "Nhập ngày dạng dd/mm/yyyy.",
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: "Ngày không hợp lệ",
          error: "Nhập một ngày hợp lệ, dạng dd/mm/yyyy.",
        };
      } else {
        cell.dataValidation = {
          type: "textLength",
          operator: "lessThanOrEqual",
          formulae: [200],
          allowBlank: true,
          showInputMessage: true,
          promptTitle: label,
          prompt: "Ghi rõ họ và tên.",
        };
      }
    }
  });
  const hint = ws.getCell("C5");
  hint.value = `(${labelVi(opts.period)})`;
  hint.font = font({ italic: true, color: "FF595959" });
  const notes = [
    "Hướng dẫn:",
    "1. Điền số liệu vào các ô màu vàng nhạt ở từng biểu; ô để trống được hiểu là không phát sinh.",
    "2. Không đổi tên biểu, không xóa hay chèn cột, không sửa dòng mã số cột (MS).",
    "3. Các dòng tổng A, B của biểu KH-TH không cần điền: Thanh tra Bộ tự tính.",
    `4. Lưu tệp dạng .xlsx và gửi về Thanh tra Bộ; tên tệp: BM_${opts.unit.code}_${opts.period.id}.xlsx.`,
  ];
  notes.forEach((text, i) => {
    const cell = ws.getCell(14 + i, 1);
    cell.value = cellText(text);
    cell.font = font({ italic: i > 0, bold: i === 0 });
  });
  ws.pageSetup = { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  await ws.protect("", PROTECTION);
}

function writeFormLines(ws: ExcelJS.Worksheet, form: FormDef, period: Period, n: number): void {
  const label = ws.getCell(3, 1);
  label.value = cellText(form.label);
  label.font = font({ size: 12, bold: true });
  const title = ws.getCell(4, 1);
  title.value = cellText(form.title);
  styleRange(ws, 4, 1, 4, n, (c) => {
    c.font = font({ size: 14, bold: true });
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  mergeIfWide(ws, 4, 1, 4, n);
  ws.getRow(4).height = 20;
  const windowCell = ws.getCell(5, 1);
  windowCell.value = cellText(form.code === "KH-TH" ? yearToDateLine(period, "vi") : windowLine(period, "vi"));
  styleRange(ws, 5, 1, 5, n, (c) => {
    c.font = font({ size: 12, italic: true });
    c.alignment = { horizontal: "center", vertical: "middle" };
  });
  mergeIfWide(ws, 5, 1, 5, n);
  const uomFrom = Math.max(1, Math.floor(n / 2) + 1);
  ws.getCell(6, uomFrom).value = cellText(form.unitLine);
  styleRange(ws, 6, uomFrom, 6, n, (c) => {
    c.font = font({ size: 12, italic: true });
    c.alignment = { horizontal: "right", vertical: "middle" };
  });
  mergeIfWide(ws, 6, uomFrom, 6, n);
}

/** The code row; it grows to its longest wrapped code ("6=8+9+10=11+12+13=14+18" is three lines), as the report's does. */
function writeCodeRow(ws: ExcelJS.Worksheet, row: number, form: FormDef, widths: readonly number[]): void {
  let lines = 1;
  form.codeRow.forEach((text, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = cellText(text);
    cell.font = font({ italic: true });
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = THIN_BORDER;
    lines = Math.max(lines, wrappedLines(text, widths[i] ?? WIDTH.numeric));
  });
  if (lines > 1) ws.getRow(row).height = Math.min(150, 15 * lines);
}

async function addFormSheet(wb: ExcelJS.Workbook, form: FormDef, opts: TemplateOptions): Promise<void> {
  const ws = wb.addWorksheet(form.sheet);
  const widths = formColumnWidths(form);
  const n = widths.length;
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  writeNationalHeader(ws, widths, {
    agency: opts.agencyName ?? "BỘ NGOẠI GIAO",
    unit: opts.unit.name,
    leftRule: false,
  });
  writeFormLines(ws, form, opts.period, n);

  const headerTop = 7;
  const depth = form.headerDepth;
  const cells = buildHeaderCells(form.labelColumns, form.columns.map((c) => c.headerPath), depth);
  writeHeader(ws, headerTop, 1, cells, widths, depth);
  const codeRow = headerTop + depth;
  writeCodeRow(ws, codeRow, form, widths);
  const firstCol = form.labelColumns.length + 1;

  let row = codeRow + 1;
  if (form.layout === "WIDE") {
    const labelCell = ws.getCell(row, 1);
    labelCell.value = cellText(opts.unit.name);
    styleFixed(labelCell);
    form.columns.forEach((column, i) => styleInput(ws.getCell(row, firstCol + i), column.type, column.uom));
    ws.getRow(row).height = 30;
    row++;
  } else {
    for (const def of form.rows) {
      const fixedCells = form.labelColumns.length;
      const texts = [def.code, def.label, def.uom ?? ""].slice(0, fixedCells);
      const heading = def.role !== "data";
      texts.forEach((text, i) => {
        const cell = ws.getCell(row, i + 1);
        cell.value = cellText(text);
        styleFixed(cell, { bold: heading, fill: heading ? GROUP_FILL : undefined, align: i === 1 ? "left" : "center" });
      });
      form.columns.forEach((column, i) => {
        const cell = ws.getCell(row, firstCol + i);
        if (def.role === "data") styleInput(cell, cellValueType(form, def.code, column.no), def.uom ?? column.uom);
        else styleFixed(cell, { fill: GROUP_FILL });
      });
      // Long activity labels wrap: size the row as the header rows are sized (WORKBOOKS.md §2.2).
      ws.getRow(row).height = Math.min(150, 15 * wrappedLines(def.label, WIDTH.label));
      row++;
    }
  }

  // Blank row, then the notes line; the unit types after it or in the cells to its right.
  const notesRow = row + 1;
  const notesLabel = ws.getCell(notesRow, 1);
  notesLabel.value = `${form.notesNo}. Ghi chú:`;
  notesLabel.font = font({ bold: true, italic: true });
  notesLabel.alignment = { vertical: "top" };
  if (n > 1) {
    styleRange(ws, notesRow, 2, notesRow, n, (c) => {
      c.protection = { locked: false };
      c.fill = INPUT_FILL;
      c.font = font();
      c.alignment = { horizontal: "left", vertical: "top", wrapText: true };
      c.numFmt = "@";
    });
    mergeIfWide(ws, notesRow, 2, notesRow, n);
    ws.getRow(notesRow).height = 45;
  }

  writeSignatureBlock(ws, notesRow + 2, n, {
    ...DEFAULT_SIGNATURE,
    dateLine: "……, ngày … tháng … năm …",
    leftName: "",
    rightName: "",
  });
  applyPageSetup(ws, { printTitlesTo: codeRow, freezeRow: codeRow, freezeCol: form.labelColumns.length });
  validationsAsRuns(ws);
  await ws.protect("", PROTECTION);
}

/** Build one unit's blank submission workbook; returns deterministic .xlsx bytes. */
export async function buildTemplate(opts: TemplateOptions): Promise<Uint8Array> {
  const creationTime = opts.creationTime ?? `${periodWindow(opts.period).to}T00:00:00Z`;
  const created = new Date(creationTime);
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.author ?? "Thanh tra Bộ";
  wb.lastModifiedBy = opts.author ?? "Thanh tra Bộ";
  wb.created = created;
  wb.modified = created;
  wb.title = `Báo cáo ${labelViSentence(opts.period)} - ${opts.unit.name}`;
  await addThongTin(wb, opts);
  const forms = opts.forms ?? FORMS;
  for (const form of FORMS) {
    if (forms.includes(form)) await addFormSheet(wb, form, opts);
  }
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return normalisePackage(raw, creationTime);
}
