/**
 * The report's `KH_TH` sheet (WORKBOOKS.md §2.4): plan completion per unit, group and ministry
 * (Table 1, with in-cell data bars on the rates) and per activity type for the ministry (Table 2),
 * then the units' notes and the signature block. Every number written is registered in the cell
 * registry; Table 2 cells are also where the totals' re-check points (FORMS.md §7.5).
 */
import type { WriterCell, WriterSheet, WriterWorkbook } from "../xlsx/writer";
import { SCOPE_LABEL, unitCell, type Consolidation, type Rate, type RateSet, type Scope, type SumCell } from "../aggregate/aggregate";
import { GREY, unitLabel } from "./forms";
import { formByCode } from "../catalogue";
import type { FormDef } from "../catalogue/types";
import { documentDateLine } from "../dates";
import { yearToDateLine } from "../periods";
import { nfc } from "../text";
import { UNIT_STATUS_VI, type UnitRecord } from "../validate/run";
import {
  DEFAULT_SIGNATURE,
  NUMBER_FORMAT,
  RATE_FORMAT,
  THIN_BORDER,
  WIDTH,
  a1,
  applyPageSetup,
  buildHeaderCells,
  columnLetter,
  font,
  mergeIfWide,
  styleRange,
  textRowHeight,
  wrappedLines,
  writeHeader,
  writeNationalHeader,
  writeSignatureBlock,
  type FontSpec,
  type HeaderCell,
  align,
} from "../xlsx/layout";
import type { ReportContext } from "./cells";
import { cellText, labelledCellText } from "../xlsx/celltext";

export const KHTH_SHEET = "KH_TH";

const COUNT_FORMAT = NUMBER_FORMAT.INT;
const DATA_BAR_COLOUR = "FF638EC6";
export const NOT_EXPECTED_VI = "Không thuộc diện phải nộp";
export const TABLE2_TITLE = "TỔNG HỢP THEO LOẠI HOẠT ĐỘNG";

/**
 * Sheet columns. Table 2 needs a narrow "Mã số" column left of its 42-wide activity label, so the
 * sheet starts with a code column (A) and Table 1's "Đơn vị" label is merged over A:B; every
 * numbered column (k) of both tables then sits in column 2 + k.
 */
const LABEL_COLS = 2;
const WIDTHS: readonly number[] = [
  WIDTH.code,
  WIDTH.label,
  ...[1, 2, 3, 4, 5].map(() => WIDTH.numeric),
  WIDTH.rate,
  ...[7, 8, 9, 10, 11].map(() => WIDTH.numeric),
  WIDTH.rate,
  16,
];
const N = WIDTHS.length;
const colOf = (k: number): number => LABEL_COLS + k;

const HEADER_TOP = 7;
const DEPTH = 2;
const CODE_ROW = HEADER_TOP + DEPTH;

const T1_CODES: readonly string[] = ["1", "2", "3", "4", "5", "6=2/1", "7", "8", "9", "10", "11", "12=8/7", "13"];
const BLOCK_CAPTIONS: readonly string[] = [
  "Kế hoạch năm",
  "Đã hoàn thành",
  "Đang thực hiện",
  "Chưa triển khai",
  "Ngoài kế hoạch, đột xuất",
  "Tỷ lệ hoàn thành",
];
const STATUS_CAPTION = "Tình trạng báo cáo";

/** Block A (inspection plan) or B (Party programme) of Table 1. */
interface Block {
  /** Table 1 column of the block's (1); its (6) rate is first + 5. */
  readonly first: number;
  /** Rows whose columns 1–4 are summed (option `rateRows`). */
  readonly rateRows: readonly string[];
  /** Every data row of the group, for column (5). */
  readonly rows: readonly string[];
  readonly rates: RateSet;
}

function blocks(c: Consolidation, khth: FormDef): Block[] {
  const members = (code: string): readonly string[] => khth.rows.find((r) => r.code === code)?.members ?? [];
  return [
    { first: 1, rateRows: c.rateRows.A, rows: members("A"), rates: c.rates.inspection },
    { first: 7, rateRows: c.rateRows.B, rows: members("B"), rates: c.rates.party },
  ];
}

/** The (row, column) cells a block column sums: (1)–(4) over rate rows; (5) ad hoc rounds. */
function summedCells(block: Block, k: number): Array<readonly [string, number]> {
  if (k <= 4) return block.rateRows.map((r) => [r, k] as const);
  // Unplanned rounds: c5 of every row, plus c2 of rows outside the rate (on-signs inspections).
  return [
    ...block.rows.map((r) => [r, 5] as const),
    ...block.rows.filter((r) => !block.rateRows.includes(r)).map((r) => [r, 2] as const),
  ];
}

/** A block cell's value: null leaves the cell blank. */
interface BlockValue {
  readonly value: number;
  readonly units: readonly string[];
}

function scopeValue(sums: ReadonlyMap<string, ReadonlyMap<number, SumCell>>, cells: Array<readonly [string, number]>, order: ReadonlyMap<string, number>): BlockValue {
  let value = 0;
  const units = new Set<string>();
  for (const [row, col] of cells) {
    const sum = sums.get(row)?.get(col);
    if (!sum) continue;
    value += sum.value;
    sum.units.forEach((u) => units.add(u));
  }
  return { value, units: [...units].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)) };
}

function unitValue(record: UnitRecord, khth: FormDef, cells: Array<readonly [string, number]>): BlockValue | null {
  const sub = record.effective?.submission ?? null;
  let value = 0;
  let filled = false;
  for (const [row, col] of cells) {
    const cell = unitCell(sub, khth, row, col);
    if (!cell) continue;
    value += cell.value;
    filled ||= cell.filled;
  }
  // Blank stays blank: only when none of the summed cells was filled.
  return filled ? { value, units: [record.unit.code] } : null;
}

function bodyCell(cell: WriterCell, f: FontSpec, horizontal: "left" | "right" | "center", wrap = false): void {
  cell.font = font(f);
  cell.border = THIN_BORDER;
  cell.alignment = align(horizontal, "middle", wrap);
}

/** Write a rate (fraction with `0.0%`, or a centred "-" when the denominator is 0). */
function writeRate(cell: WriterCell, rate: Rate, f: FontSpec): void {
  if (rate.rate === null) {
    cell.value = "-";
    bodyCell(cell, f, "center");
  } else {
    cell.value = rate.rate;
    cell.numFmt = RATE_FORMAT;
    bodyCell(cell, f, "right");
  }
}

function writeCount(cell: WriterCell, value: number, f: FontSpec): void {
  cell.value = value;
  cell.numFmt = COUNT_FORMAT;
  bodyCell(cell, f, "right");
}

/** Table 1 header: the "Đơn vị" caption over both label columns, the numbered columns after. */
function table1Header(): HeaderCell[] {
  const paths: string[][] = [];
  for (const group of ["A. THANH TRA, KIỂM TRA", "B. CHƯƠNG TRÌNH KIỂM TRA, GIÁM SÁT CỦA ĐẢNG"]) {
    for (const caption of BLOCK_CAPTIONS) paths.push([group, caption]);
  }
  paths.push([STATUS_CAPTION]);
  return buildHeaderCells(["Đơn vị"], paths, DEPTH).map((c) =>
    c.col === 0 ? { ...c, colEnd: LABEL_COLS - 1 } : { ...c, col: c.col + LABEL_COLS - 1, colEnd: c.colEnd + LABEL_COLS - 1 },
  );
}

function writeCodeRow(ws: WriterSheet, row: number, texts: readonly { col: number; colEnd: number; text: string }[]): void {
  for (const t of texts) {
    ws.getCell(row, t.col).value = cellText(t.text);
    styleRange(ws, row, t.col, row, t.colEnd, (cell) => {
      cell.font = font({ italic: true });
      cell.alignment = align("center", "middle", true);
      cell.border = THIN_BORDER;
    });
    mergeIfWide(ws, row, t.col, row, t.colEnd);
  }
}

/** Rows 3–6: form label, title, year-to-date line, Đơn vị tính (WORKBOOKS.md §2.2). */
function writeFormLines(ws: WriterSheet, khth: FormDef, ctx: ReportContext): void {
  const put = (row: number, from: number, to: number, text: string, f: FontSpec, horizontal: "left" | "center" | "right"): void => {
    ws.getCell(row, from).value = cellText(text);
    styleRange(ws, row, from, row, to, (cell) => {
      cell.font = font(f);
      cell.alignment = align(horizontal, "middle");
    });
    mergeIfWide(ws, row, from, row, to);
  };
  put(3, 1, LABEL_COLS, khth.label, { size: 12, bold: true }, "left");
  put(4, 1, N, khth.title, { size: 14, bold: true }, "center");
  ws.getRow(4).height = 20;
  put(5, 1, N, yearToDateLine(ctx.consolidation.run.period, "vi"), { size: 12, italic: true }, "center");
  put(6, Math.floor(N / 2) + 1, N, khth.unitLine, { size: 12, italic: true }, "right");
}

/** Add the `KH_TH` sheet (WORKBOOKS.md §2.4). */
export function addKhthSheet(wb: WriterWorkbook, ctx: ReportContext): void {
  const khth = formByCode("KH-TH");
  if (!khth) throw new Error("catalogue lacks KH-TH");
  const c = ctx.consolidation;
  const ws = wb.addWorksheet(KHTH_SHEET);
  WIDTHS.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  writeNationalHeader(ws, WIDTHS, { agency: ctx.options.agencyName, unit: ctx.options.reportingUnitName, leftRule: true });
  writeFormLines(ws, khth, ctx);

  writeHeader(ws, HEADER_TOP, 1, table1Header(), WIDTHS, DEPTH);
  writeCodeRow(ws, CODE_ROW, [
    { col: 1, colEnd: LABEL_COLS, text: "MS" },
    ...T1_CODES.map((text, i) => ({ col: colOf(i + 1), colEnd: colOf(i + 1), text })),
  ]);

  const order = new Map(c.contributing.map((u, i) => [u.unit.code, i] as const));
  const totals = c.totals.get(khth.code);
  if (!totals) throw new Error("consolidation lacks KH-TH totals");
  const blockList = blocks(c, khth);
  const register = (row: number, k: number, scope: string, value: number | string, units: readonly string[], rate: Rate | null = null): void => {
    ctx.cells.addComputed({
      sheet: KHTH_SHEET,
      cell: a1(row, colOf(k)),
      form: khth.code,
      row: null,
      column: T1_CODES[k - 1] ?? String(k),
      scope,
      value,
      numerator: rate ? rate.numerator : null,
      denominator: rate ? rate.denominator : null,
      units,
    });
  };
  const writeLabel = (row: number, text: string, f: FontSpec): void => {
    ws.getCell(row, 1).value = cellText(text);
    styleRange(ws, row, 1, row, LABEL_COLS, (cell) => bodyCell(cell, f, "left", true));
    mergeIfWide(ws, row, 1, row, LABEL_COLS);
    const labelWidth = WIDTHS.slice(0, LABEL_COLS).reduce((a, b) => a + b, 0);
    ws.getRow(row).height = Math.min(150, 15 * wrappedLines(text, labelWidth));
  };
  const styleEmpty = (row: number, f: FontSpec): void => {
    for (let k = 1; k <= T1_CODES.length; k++) {
      const cell = ws.getCell(row, colOf(k));
      if (cell.value === null) bodyCell(cell, f, "right");
    }
  };

  const scopeRow = (row: number, scope: Scope): void => {
    const f: FontSpec = { bold: true };
    writeLabel(row, SCOPE_LABEL[scope], f);
    for (const block of blockList) {
      for (let k = 1; k <= 5; k++) {
        const v = scopeValue(totals[scope], summedCells(block, k), order);
        writeCount(ws.getCell(row, colOf(block.first + k - 1)), v.value, f);
        register(row, block.first + k - 1, scope, v.value, v.units);
      }
      const rate = block.rates.byScope[scope];
      writeRate(ws.getCell(row, colOf(block.first + 5)), rate, f);
      register(row, block.first + 5, scope, rate.rate ?? "-", rate.units, rate);
    }
    styleEmpty(row, f);
  };

  const unitRow = (row: number, n: number, record: UnitRecord): void => {
    const contributing = order.has(record.unit.code);
    const label = unitLabel(record, n);
    const f: FontSpec = label.grey ? { italic: true, color: GREY } : {};
    writeLabel(row, nfc(label.text), f);
    const code = record.unit.code;
    if (contributing) {
      for (const block of blockList) {
        for (let k = 1; k <= 5; k++) {
          const v = unitValue(record, khth, summedCells(block, k));
          if (!v) continue;
          writeCount(ws.getCell(row, colOf(block.first + k - 1)), v.value, f);
          register(row, block.first + k - 1, code, v.value, v.units);
        }
        const rate = block.rates.byUnit.get(code);
        if (rate) {
          writeRate(ws.getCell(row, colOf(block.first + 5)), rate, f);
          register(row, block.first + 5, code, rate.rate ?? "-", rate.units, rate);
        }
      }
    }
    const status = record.status !== null ? UNIT_STATUS_VI[record.status] : record.expected ? "" : NOT_EXPECTED_VI;
    const statusCell = ws.getCell(row, colOf(13));
    if (status !== "") {
      statusCell.value = cellText(status);
      register(row, 13, code, status, []);
      // "Không thuộc diện phải nộp" wraps in the narrow status column: give the row its lines.
      const lines = wrappedLines(status, WIDTHS[colOf(13) - 1] ?? WIDTH.numeric);
      ws.getRow(row).height = Math.max(ws.getRow(row).height || 15, Math.min(150, 15 * lines));
    }
    bodyCell(statusCell, f, "center", true);
    styleEmpty(row, f);
  };

  // Rows in FORMS.md §7.3 order: TỔNG CỘNG, then each group's subtotal and its units.
  let row = CODE_ROW + 1;
  const firstBody = row;
  scopeRow(row++, "TOTAL");
  for (const group of c.groups) {
    scopeRow(row++, group.scope);
    group.units.forEach((record, i) => unitRow(row++, i + 1, record));
  }
  const lastBody = row - 1;

  // In-cell data bars on the rate columns (6) and (12), from 0 to 100 %.
  blockList.forEach((block, i) => {
    const letter = columnLetter(colOf(block.first + 5));
    ws.addDataBar({ ref: `${letter}${firstBody}:${letter}${lastBody}`, priority: i + 1, min: 0, max: 1, colour: DATA_BAR_COLOUR });
  });

  const afterTable2 = writeTable2(ws, khth, ctx, lastBody + 2);
  const afterNotes = writeNotes(ws, khth, c, afterTable2 + 2);
  writeSignatureBlock(ws, afterNotes + 2, N, {
    ...DEFAULT_SIGNATURE,
    dateLine: documentDateLine(ctx.options.place, ctx.options.signDate),
    leftName: ctx.options.preparerName,
    rightName: ctx.options.headName,
  });
  applyPageSetup(ws, { printTitlesTo: CODE_ROW, freezeRow: CODE_ROW, freezeCol: LABEL_COLS });
}


/** Table 2 under its title at `titleRow`; returns its last row. */
function writeTable2(ws: WriterSheet, khth: FormDef, ctx: ReportContext, titleRow: number): number {
  const c = ctx.consolidation;
  const title = ws.getCell(titleRow, 1);
  title.value = TABLE2_TITLE;
  title.font = font({ size: 12, bold: true });
  title.alignment = align("left", "middle");

  const numbered = khth.columns.filter((col) => col.type !== "TEXT");
  const top = titleRow + 1;
  const cells = buildHeaderCells(khth.labelColumns, [...numbered.map((col) => col.headerPath), ["Tỷ lệ hoàn thành"]], DEPTH);
  writeHeader(ws, top, 1, cells, WIDTHS, DEPTH);
  const codeRow = top + DEPTH;
  const rateCode = "11=2/1";
  const codes = ["A", "B", ...numbered.map((col) => String(col.no)), rateCode];
  writeCodeRow(ws, codeRow, codes.map((text, i) => ({ col: i + 1, colEnd: i + 1, text })));

  const sums = c.totals.get(khth.code)?.TOTAL;
  let row = codeRow + 1;
  for (const def of khth.rows) {
    if (def.role === "section") continue;
    const f: FontSpec = { bold: def.role === "group" };
    const codeCell = ws.getCell(row, 1);
    codeCell.value = cellText(def.code);
    bodyCell(codeCell, f, "center");
    const labelCell = ws.getCell(row, 2);
    labelCell.value = cellText(def.label);
    bodyCell(labelCell, f, "left", true);
    ws.getRow(row).height = Math.min(150, 15 * wrappedLines(def.label, WIDTHS[1] ?? WIDTH.label));
    for (const col of numbered) {
      const sum = sums?.get(def.code)?.get(col.no);
      const value = sum?.value ?? 0;
      const at = { sheet: KHTH_SHEET, cell: a1(row, colOf(col.no)) };
      writeCount(ws.getCell(row, colOf(col.no)), value, f);
      ctx.cells.addComputed({
        ...at,
        form: khth.code,
        row: def.code,
        column: col.no,
        scope: "TOTAL",
        value,
        numerator: null,
        denominator: null,
        units: sum?.units ?? [],
      });
      ctx.cells.setTotalAddress(khth, "TOTAL", def.code, col.no, at);
    }
    const rate = c.rates.byRow.get(def.code);
    const rateCol = colOf(numbered.length + 1);
    if (rate) {
      writeRate(ws.getCell(row, rateCol), rate, f);
      ctx.cells.addComputed({
        sheet: KHTH_SHEET,
        cell: a1(row, rateCol),
        form: khth.code,
        row: def.code,
        column: rateCode,
        scope: "TOTAL",
        value: rate.rate ?? "-",
        numerator: rate.numerator,
        denominator: rate.denominator,
        units: rate.units,
      });
    } else {
      bodyCell(ws.getCell(row, rateCol), f, "center");
    }
    row++;
  }
  return row - 1;
}

/** A note of the report: the report's own label ("<unit name>: ") and the unit's text. */
export interface NoteLine {
  readonly label: string;
  readonly text: string;
}

/** Lines of the notes: per-row notes (column 11), then each unit's notes line, roster order. */
export function khthNoteLines(c: Consolidation, khth: FormDef): NoteLine[] {
  const lines: NoteLine[] = [];
  const noteCol = khth.columns.find((col) => col.type === "TEXT")?.no ?? 11;
  for (const record of c.contributing) {
    const read = record.effective?.submission?.forms.find((f) => f.form.code === khth.code);
    if (!read) continue;
    const name = nfc(record.unit.name);
    for (const def of khth.rows) {
      const text = nfc(read.texts.get(def.code)?.get(noteCol) ?? "").trim();
      if (text !== "") lines.push({ label: `${name} – ${def.code}: `, text });
    }
    const notes = nfc(read.notes).trim();
    if (notes !== "") lines.push({ label: `${name}: `, text: notes });
  }
  return lines;
}

/** `12. Ghi chú:` and one merged, wrapped line per note; returns the last row used. */
function writeNotes(ws: WriterSheet, khth: FormDef, c: Consolidation, startRow: number): number {
  const label = ws.getCell(startRow, 1);
  label.value = `${khth.notesNo}. Ghi chú:`;
  label.font = font({ bold: true, italic: true });
  label.alignment = align("left", "top");
  const fullWidth = WIDTHS.reduce((a, b) => a + b, 0);
  let row = startRow;
  for (const line of khthNoteLines(c, khth)) {
    row++;
    ws.getCell(row, 1).value = labelledCellText(line.label, line.text);
    styleRange(ws, row, 1, row, N, (cell) => {
      cell.font = font();
      cell.alignment = align("left", "top", true);
    });
    mergeIfWide(ws, row, 1, row, N);
    ws.getRow(row).height = textRowHeight(line.label + line.text, fullWidth);
  }
  return row;
}

