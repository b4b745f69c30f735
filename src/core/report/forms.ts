/**
 * The six official biểu sheets and PCTN in the report (WORKBOOKS.md §2.5, §2.6): units as rows
 * under TỔNG CỘNG and the two group subtotals, the catalogue's header and code row, values as
 * submitted (blank stays blank, 0 stays 0), notes, signature block.
 */
import { cellStyle, type CellStyle, type WriterCell, type WriterSheet, type WriterValue, type WriterWorkbook } from "../xlsx/writer";
import { FORMS } from "../catalogue";
import type { FormDef, ValueType } from "../catalogue/types";
import { documentDateLine } from "../dates";
import { windowLine } from "../periods";
import { SCOPE_LABEL, TOTAL_ROW, unitCell, type Scope, type SumCell } from "../aggregate/aggregate";
import type { UnitRecord } from "../validate/run";
import { sheetRef } from "../findings";
import {
  DEFAULT_SIGNATURE,
  NUMBER_FORMAT,
  THIN_BORDER,
  WIDTH,
  textRowHeight,
  wrappedLines,
  a1,
  applyPageSetup,
  buildHeaderCells,
  font,
  mergeIfWide,
  styleRange,
  writeHeader,
  writeNationalHeader,
  writeSignatureBlock,
  align,
} from "../xlsx/layout";
import type { ReportContext } from "./cells";
import { cellText, labelledCellText } from "../xlsx/celltext";

export const GREY = "FF808080";

/** One numbered column of a units-as-rows table: which form cell it shows. */
interface TableColumn {
  readonly headerPath: readonly string[];
  readonly code: string;
  /** Form row code (ROWS forms; PCTN P01…), or null for WIDE forms. */
  readonly row: string | null;
  readonly col: number;
  readonly type: ValueType;
}

function formColumns(form: FormDef): TableColumn[] {
  if (form.code === "PCTN-NB") {
    let section = "";
    const out: TableColumn[] = [];
    for (const row of form.rows) {
      if (row.role === "section") {
        section = row.label.replace(/^[IVX]+\.\s*/u, "");
        continue;
      }
      out.push({
        headerPath: [section, `${row.label} (${row.uom ?? ""})`],
        code: String(out.length + 1),
        row: row.code,
        col: 1,
        type: row.type ?? "INT",
      });
    }
    return out;
  }
  return form.columns.map((c, i) => ({ headerPath: c.headerPath, code: form.codeRow[i + 1] ?? String(c.no), row: null, col: c.no, type: c.type }));
}

/** A unit row's label: "<n>. <name>", greyed with " (chưa nộp)" / " (bị trả lại)" (WORKBOOKS.md §2.5). */
export function unitLabel(record: UnitRecord, index: number): { text: string; grey: boolean } {
  const base = `${index}. ${record.unit.name}`;
  if (record.status === "missing") return { text: `${base} (chưa nộp)`, grey: true };
  if (record.status === "rejected") return { text: `${base} (bị trả lại)`, grey: true };
  return { text: base, grey: false };
}

/**
 * A number's alignment: right, and shrunk to its column when it is wider. The columns' widths are fixed
 * (WORKBOOKS.md §2.2, 11), and a MONEY sum from 100,000,000.000 up would print as "###" (DECISIONS.md).
 */
const NUMBER_ALIGNMENT = align("right", "middle", false, true);

/** The styles of a unit row's cells: its label's, a blank's, a unit text's and a number's by type (setNumber's, not bold). */
const UNIT_STYLES = {
  label: cellStyle({ font: font({}), border: THIN_BORDER, alignment: align(undefined, "middle", true) }),
  greyLabel: cellStyle({ font: font({ italic: true, color: GREY }), border: THIN_BORDER, alignment: align(undefined, "middle", true) }),
  blank: cellStyle({ border: THIN_BORDER }),
  // A TEXT column is formatted as text (`@`, FORMS.md §1.2), filled or not.
  blankText: cellStyle({ numFmt: NUMBER_FORMAT.TEXT, border: THIN_BORDER }),
  text: cellStyle({ numFmt: NUMBER_FORMAT.TEXT, font: font(), border: THIN_BORDER, alignment: align(undefined, "top", true) }),
  number: Object.fromEntries(
    (Object.keys(NUMBER_FORMAT) as ValueType[]).map((type) => [
      type,
      cellStyle({ numFmt: NUMBER_FORMAT[type], font: font({ bold: false }), border: THIN_BORDER, alignment: NUMBER_ALIGNMENT }),
    ]),
  ) as Record<ValueType, CellStyle>,
};

function setNumber(cell: WriterCell, value: number, type: ValueType, bold: boolean): void {
  cell.value = value;
  cell.numFmt = NUMBER_FORMAT[type];
  cell.font = font({ bold });
  cell.border = THIN_BORDER;
  cell.alignment = NUMBER_ALIGNMENT;
}

/** Add one units-as-rows sheet for `form` (an official biểu or PCTN-NB). */
export function addFormSheet(wb: WriterWorkbook, form: FormDef, ctx: ReportContext): void {
  const c = ctx.consolidation;
  const period = c.run.period;
  const ws = wb.addWorksheet(form.sheet);
  const columns = formColumns(form);
  const widths = [WIDTH.label, ...columns.map((col) => (col.type === "TEXT" ? WIDTH.text : WIDTH.numeric))];
  const n = widths.length;
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  writeNationalHeader(ws, widths, { agency: ctx.options.agencyName, unit: ctx.options.reportingUnitName, leftRule: true });

  // Form lines (§2.2); PCTN adds "(Biểu nội bộ của Bộ Ngoại giao)" under its title.
  const isPctn = form.code === "PCTN-NB";
  let row = 3;
  ws.getCell(row, 1).value = cellText(form.label);
  ws.getCell(row, 1).font = font({ size: 12, bold: true });
  row++;
  const line = (text: string, f: Parameters<typeof font>[0], horizontal: "center" | "right", from = 1): void => {
    ws.getCell(row, from).value = cellText(text);
    styleRange(ws, row, from, row, n, (cell) => {
      cell.font = font(f);
      cell.alignment = align(horizontal, "middle", true);
    });
    mergeIfWide(ws, row, from, row, n);
    row++;
  };
  line(form.title, { size: 14, bold: true }, "center");
  ws.getRow(row - 1).height = 20;
  if (isPctn) line("(Biểu nội bộ của Bộ Ngoại giao)", { size: 12, italic: true }, "center");
  line(windowLine(period, "vi"), { size: 12, italic: true }, "center");
  line(isPctn ? "Đơn vị tính: ghi tại tiêu đề cột" : form.unitLine, { size: 12, italic: true }, "right", Math.max(1, Math.floor(n / 2) + 1));

  const depth = isPctn ? 2 : form.headerDepth;
  const headerTop = row;
  const header = buildHeaderCells(["Đơn vị"], columns.map((col) => col.headerPath), depth);
  writeHeader(ws, headerTop, 1, header, widths, depth);
  const codeRow = headerTop + depth;
  let codeLines = 1;
  ["MS", ...columns.map((col) => col.code)].forEach((text, i) => {
    const cell = ws.getCell(codeRow, i + 1);
    cell.value = cellText(text);
    cell.font = font({ italic: true });
    cell.alignment = align("center", "middle", true);
    cell.border = THIN_BORDER;
    codeLines = Math.max(codeLines, wrappedLines(text, widths[i] ?? WIDTH.numeric));
  });
  // A long code ("6=8+9+10=11+12+13=14+18") wraps in its 11-wide column: the row grows as a header row
  // would (§2.2), or print cuts it.
  if (codeLines > 1) ws.getRow(codeRow).height = Math.min(150, 15 * codeLines);
  row = codeRow + 1;

  const totals = c.totals.get(form.code);
  const writeScopeRow = (scope: Scope): void => {
    const label = ws.getCell(row, 1);
    label.value = SCOPE_LABEL[scope];
    label.font = font({ bold: true });
    label.border = THIN_BORDER;
    columns.forEach((col, i) => {
      const cell = ws.getCell(row, i + 2);
      if (col.type === "TEXT") {
        cell.numFmt = NUMBER_FORMAT.TEXT;
        cell.border = THIN_BORDER;
        return;
      }
      const key = form.layout === "WIDE" ? TOTAL_ROW : col.row ?? TOTAL_ROW;
      const sum: SumCell = totals?.[scope].get(key)?.get(col.col) ?? { scaled: 0, value: 0, units: [] };
      setNumber(cell, sum.value, col.type, true);
      const address = a1(row, i + 2);
      const formRow = form.layout === "WIDE" ? TOTAL_ROW : col.row;
      ctx.cells.addComputed({
        sheet: form.sheet,
        cell: address,
        form: form.code,
        row: formRow,
        column: col.col,
        scope,
        value: sum.value,
        numerator: null,
        denominator: null,
        units: sum.units,
      });
      ctx.cells.setTotalAddress(form, scope, form.layout === "WIDE" ? null : col.row, col.col, { sheet: form.sheet, cell: address });
    });
    row++;
  };
  // A unit row is written whole, each cell's style shared (as setNumber and the label would set it):
  // a thousand units are a thousand rows on each of seven sheets, and cell objects were ~35 MB of the report.
  const writeUnitRow = (record: UnitRecord, index: number): void => {
    const label = unitLabel(record, index);
    const values: WriterValue[] = [cellText(label.text)];
    const styles: CellStyle[] = [label.grey ? UNIT_STYLES.greyLabel : UNIT_STYLES.label];
    const sub = record.effective?.status === "accepted" ? record.effective.submission : null;
    let height = textRowHeight(label.text, WIDTH.label);
    columns.forEach((col, i) => {
      let value: WriterValue = null;
      let style = col.type === "TEXT" ? UNIT_STYLES.blankText : UNIT_STYLES.blank;
      if (sub && col.type === "TEXT") {
        const text = sub.forms.find((f) => f.form.code === form.code)?.texts.get("")?.get(col.col);
        if (text) {
          value = cellText(text); // unit text is always a string, never a formula
          style = UNIT_STYLES.text;
          // 02/TCD's column 17 wraps in its 24 characters: the row grows with it, or print cuts it.
          height = Math.max(height, textRowHeight(text, WIDTH.text));
        }
      } else if (sub) {
        const read = unitCell(sub, form, col.row, col.col);
        // A blank stays blank.
        if (read?.filled) {
          value = read.value;
          style = UNIT_STYLES.number[col.type];
          ctx.cells.addUnitCell({ form: form.code, row: col.row, column: col.col, unit: record.unit.code, reportRef: sheetRef(form.sheet, a1(row, i + 2)) });
        }
      }
      values.push(value);
      styles.push(style);
    });
    ws.putRow(row, values, styles);
    ws.getRow(row).height = height;
    row++;
  };

  writeScopeRow("TOTAL");
  for (const group of c.groups) {
    writeScopeRow(group.scope);
    group.units.forEach((record, i) => writeUnitRow(record, i + 1));
  }
  const tableEnd = row - 1;

  // Notes: `<notesNo>. Ghi chú:` then one line per unit note.
  row = tableEnd + 2;
  const notesNo = isPctn ? columns.length + 1 : form.notesNo;
  ws.getCell(row, 1).value = `${notesNo}. Ghi chú:`;
  ws.getCell(row, 1).font = font({ bold: true, italic: true });
  row++;
  for (const record of c.contributing) {
    const read = record.effective?.submission?.forms.find((f) => f.form.code === form.code);
    if (!read) continue;
    if (isPctn) {
      for (const def of form.rows) {
        const text = read.texts.get(def.code)?.get(2);
        if (text) row = noteLine(ws, row, widths, `${record.unit.name} – ${def.code}: `, text);
      }
    }
    if (read.notes) row = noteLine(ws, row, widths, `${record.unit.name}: `, read.notes);
  }

  writeSignatureBlock(ws, row + 1, n, {
    ...DEFAULT_SIGNATURE,
    dateLine: documentDateLine(ctx.options.place, ctx.options.signDate),
    leftName: ctx.options.preparerName,
    rightName: ctx.options.headName,
  });
  applyPageSetup(ws, { printTitlesTo: codeRow, freezeRow: codeRow, freezeCol: 1 });
}

/** One note, "<label><text>", merged across the sheet and as tall as its wrapped lines; the next row. */
function noteLine(ws: WriterSheet, row: number, widths: readonly number[], label: string, text: string): number {
  const n = widths.length;
  const cell = ws.getCell(row, 1);
  cell.value = labelledCellText(label, text);
  styleRange(ws, row, 1, row, n, (c) => {
    c.font = font();
    c.alignment = align(undefined, "top", true);
  });
  mergeIfWide(ws, row, 1, row, n);
  ws.getRow(row).height = textRowHeight(label + text, widths.reduce((a, b) => a + b, 0));
  return row + 1;
}

/** The six official biểu and PCTN, in report order. */
export function addFormSheets(wb: WriterWorkbook, ctx: ReportContext): void {
  for (const form of FORMS) {
    if (form.code === "KH-TH") continue;
    addFormSheet(wb, form, ctx);
  }
}
