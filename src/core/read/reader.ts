/**
 * The reader (WORKBOOKS.md §1.4): bytes → Submission. It finds the form by its "Biểu số" label,
 * the columns by the code row and the rows by row codes, so renamed sheets, inserted rows and
 * columns and moved tables still read. Every value keeps its sheet and A1 address; every problem
 * becomes a finding and reading goes on.
 */
import { CATALOGUE_VERSION, FORMS, cellValueType, findFormByCodeOrSheet, formByCode } from "../catalogue";
import type { ColumnDef, FormDef, RowDef, ValueType } from "../catalogue/types";
import { excelSerialToIsoDate, parseDateText } from "../dates";
import { makeFinding, type Finding, type FindingContext, type FindingInput } from "../findings";
import { parsePeriodText } from "../periods";
import { collapseSpaces, foldDiacritics, labelKey, nfc, type Localised } from "../text";
import { THONGTIN_LABELS } from "../catalogue/thongtin";
import { readNumeric, readText } from "./cells";
import type { Grid } from "./grid";
import { LimitExceeded, ReadBudget, UnreadablePart, sizeMB, type ReadLimitOptions } from "./limits";
import { Package, type ByteHost } from "./parts";
import { SNIFF_DETAIL, expandedSizeBytes, readCoreProperties, sniffWorkbook } from "./package";
import { sha256Hex } from "./sha256";
import { StreamGrid } from "./sheet";
import { WIDE_ROW, type FormRead, type ReadCell, type ReadOutcome, type Submission, type ThongTin, type ThongTinField } from "./submission";
import { WorkbookParts } from "./workbook";

/** `inflateRaw`, `crc32`: the host's own (parts.ts `ByteHost`), the core's pure JavaScript without them. */
export interface ReadOptions extends ReadLimitOptions, ByteHost {
  /** The file's SHA-256 when the host has computed it already (it is computed once). */
  readonly sha256?: string;
}

const LABEL_RE = /^\s*Bi(ể|e)u\s*s(ố|o)\s*[:：]?\s*(\S+)/iu;
const NOTES_RE = /^\s*\d*\.?\s*Ghi\s*ch(ú|u)/iu;
const WINDOW_RE = /Số liệu\s+(tính|lũy kế)\s+từ ngày\s+(\S+)\s+đến ngày\s+(\S+)/iu;

/** The unit code in a canonical file name `BM_<ma_dv>_…`. */
export function unitFromFileName(file: string): string | null {
  const base = file.split("/").pop() ?? file;
  const m = /^BM_([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)_/u.exec(base);
  return m?.[1] ? m[1].toUpperCase() : null;
}

/** An input the host could not hand over as bytes (a dangling link, a folder): V-FILE-01 with why. */
export function unreadableInput(file: string, detail: Localised): ReadOutcome {
  const unit = unitFromFileName(file);
  return {
    kind: "unreadable",
    file,
    sha256: sha256Hex(new Uint8Array(0)),
    size: 0,
    unit,
    modified: null,
    findings: [makeFinding({ file, unit }, { rule: "V-FILE-01", params: { detail } })],
    notRead: true,
  };
}

/**
 * A file the host did not read because it is larger than `maxFileSizeMB` (its size is known first):
 * V-FILE-02, listed under the unit of its name. `sha256` is of whatever the host could hash, or "".
 */
export function tooLargeInput(file: string, size: number, options: ReadLimitOptions = {}, sha256 = ""): ReadOutcome {
  const unit = unitFromFileName(file);
  const limit = new ReadBudget(options).limits.maxFileSizeMB;
  return {
    kind: "unreadable",
    file,
    sha256,
    size,
    unit,
    modified: null,
    findings: [makeFinding({ file, unit }, { rule: "V-FILE-02", value: sizeMB(size), expected: limit })],
  };
}

/** The sheets of a workbook as grids, and its date system. */
interface OpenedWorkbook {
  readonly grids: readonly Grid[];
  readonly date1904: boolean;
}

/** The workbook's sheets as grids: each part needed is inflated once, checked against the limits as it goes. */
function openWorkbook(bytes: Uint8Array, budget: ReadBudget, host: ByteHost): OpenedWorkbook {
  const workbook = new WorkbookParts(new Package(bytes, budget, host));
  const grids = workbook.sheets.map((entry, i) => new StreamGrid(i, entry, workbook));
  return { grids, date1904: workbook.date1904 };
}

/** Read one input file. Never throws for bad input: problems are findings. */
export async function readSubmission(input: Uint8Array | ArrayBuffer, file: string, options: ReadOptions = {}): Promise<ReadOutcome> {
  // Async for the hosts (the reading itself is synchronous): a throw becomes a rejection, as before.
  return readBytes(input, file, options);
}

function readBytes(input: Uint8Array | ArrayBuffer, file: string, options: ReadOptions): ReadOutcome {
  // Browsers hand over ArrayBuffers (File.arrayBuffer()), Node hands over Buffers: both are bytes.
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const sha256 = options.sha256 ?? sha256Hex(bytes);
  const nameUnit = unitFromFileName(file);
  const ctx: FindingContext = { file, unit: nameUnit };
  const unreadable = (findings: Finding[], modified: string | null = null): ReadOutcome => ({
    kind: "unreadable",
    file,
    sha256,
    size: bytes.length,
    unit: nameUnit,
    modified,
    findings,
  });

  const budget = new ReadBudget(options);
  const maxMB = budget.limits.maxFileSizeMB;
  if (bytes.length > maxMB * 1024 * 1024) {
    return unreadable([makeFinding(ctx, { rule: "V-FILE-02", value: sizeMB(bytes), expected: maxMB })]);
  }
  // Only the entry list is checked here: the parts read are checked as they are inflated.
  const sniff = sniffWorkbook(bytes, false);
  if (!sniff.ok) return unreadable([makeFinding(ctx, { rule: "V-FILE-01", params: { detail: sniff.detail } })]);
  let modified: string | null = null;
  try {
    // Declared sizes first: a bomb is refused before anything is inflated.
    budget.checkDeclaredTotal(expandedSizeBytes(bytes) ?? 0);
    modified = readCoreProperties(bytes, options).modified;
    return readOpened(openWorkbook(bytes, budget, options), { file, sha256, size: bytes.length, nameUnit, modified });
  } catch (err) {
    if (err instanceof LimitExceeded) {
      // A small file that unpacks beyond the limits: "too large (250 MB)" of a 2 MB file, said how it is.
      const unpacked = err.limit === "maxExpandedMB" ? { messageCase: "unpacked" } : err.limit === "maxPartMB" ? { messageCase: "part" } : {};
      const input: FindingInput =
        err.rule === "V-FILE-02" ? { rule: err.rule, value: err.value, expected: err.expected, ...unpacked } : { rule: err.rule, value: err.value, expected: err.expected, params: { detail: err.detail ?? "" } };
      return unreadable([makeFinding(ctx, input)], modified);
    }
    const detail = err instanceof UnreadablePart ? err.detail : contentDetail(err);
    // A damaged package is refused as a whole, its properties with it (as the sniffer does).
    const damaged = detail === SNIFF_DETAIL["corrupt-zip"];
    return unreadable([makeFinding(ctx, { rule: "V-FILE-01", params: { detail } })], damaged ? null : modified);
  }
}

function contentDetail(err: unknown): Localised {
  const why = err instanceof Error ? err.message.slice(0, 120) : String(err);
  return { vi: `nội dung không đọc được: ${why}`, en: `content cannot be read: ${why}` };
}

interface FileFacts {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly nameUnit: string | null;
  readonly modified: string | null;
}

/** The report's own sheets after its forms (WORKBOOKS.md §2.1). */
const REPORT_AUDIT_SHEETS = ["NopBaoCao", "KiemTra", "NguonSoLieu"] as const;

/** ThongTin, the forms and their cells, from the grids of an opened workbook. */
function readOpened({ grids, date1904 }: OpenedWorkbook, facts: FileFacts): ReadOutcome {
  const { file, sha256, nameUnit, modified } = facts;
  const ctx: FindingContext = { file, unit: nameUnit };
  // A consolidated report (ours: its audit sheets, WORKBOOKS.md §2.1, and no ThongTin sheet) is no submission,
  // though its forms' sheets and NopBaoCao's "Mã đơn vị" header look like one: written into the input folder by
  // the last run, it was read as a unit's file with a dozen findings. Known by its sheets' names, none read.
  const named = (name: string): boolean => grids.some((g) => g.name === name);
  if (REPORT_AUDIT_SHEETS.every(named) && !grids.some((g) => labelKey(g.name) === "thongtin")) {
    return { kind: "not-a-submission", file, sha256, size: facts.size, unit: nameUnit, modified, findings: [makeFinding(ctx, { rule: "V-FILE-03", messageCase: "report" })] };
  }
  const thongTin = readThongTin(grids, date1904);
  const codeText = thongTin.fields["Mã đơn vị"]?.text ?? "";
  const thongTinUnit = codeText ? collapseSpaces(codeText).toUpperCase() : null;
  const unit = thongTinUnit ?? nameUnit;
  const subCtx: FindingContext = { file, unit };
  const findings: Finding[] = [];

  const detected = detectForms(grids, subCtx, findings);
  // A sheet cut at the cell limit is ignored unless the file needs it: then the file is unreadable.
  const needed = [grids.find((g) => g.name === thongTin.sheet), ...[...detected.values()].map((d) => d.grid)];
  const cut = needed.find((g) => g?.overLimit)?.overLimit;
  if (cut) throw cut;
  const forms: FormRead[] = [];
  for (const form of FORMS) {
    const hit = detected.get(form.code);
    if (!hit) continue;
    const read = readForm(hit.grid, form, hit.labelRow, subCtx, findings);
    if (read) forms.push(read);
  }

  const hasThongTinData = Object.values(thongTin.fields).some((f) => f.text !== "");
  if (!hasThongTinData && detected.size === 0) {
    return {
      kind: "not-a-submission",
      file,
      sha256,
      size: facts.size,
      unit: nameUnit,
      modified,
      findings: [makeFinding(ctx, { rule: "V-FILE-03" })],
    };
  }

  const periodText = thongTin.fields["Kỳ báo cáo"];
  const period = periodText && !periodText.isDateCell && periodText.text ? parsePeriodText(periodText.text) : null;
  const versionText = thongTin.fields["Phiên bản biểu mẫu"]?.text ?? "";
  const submission: Submission = {
    file,
    sha256,
    size: facts.size,
    unit,
    unitFromFileName: thongTinUnit === null && nameUnit !== null,
    unitName: thongTin.fields["Tên đơn vị"]?.text || null,
    period,
    version: versionText ? collapseSpaces(versionText) : null,
    ngayLap: thongTin.fields["Ngày lập"]?.date ?? null,
    modified,
    thongTin,
    forms,
    sheetOrder: grids.map((g) => g.name),
    findings,
  };
  return { kind: "submission", submission };
}

// ── ThongTin ────────────────────────────────────────────────────────────────────────────────

const DATE_FIELDS = new Set<string>(["Từ ngày", "Đến ngày", "Ngày lập"]);

/** Each text cell's label key → the first cell (in row, then column order) holding it; made once per grid. */
const labelIndexes = new WeakMap<Grid, Map<string, { row: number; col: number }>>();

function labelIndex(grid: Grid): Map<string, { row: number; col: number }> {
  const known = labelIndexes.get(grid);
  if (known) return known;
  const index = new Map<string, { row: number; col: number }>();
  for (const r of grid.rows()) {
    for (const c of grid.columnsOf(r)) {
      const cell = grid.at(r, c);
      if (cell.kind !== "text") continue;
      const key = labelKey(cell.text ?? "");
      if (!index.has(key)) index.set(key, { row: r, col: c });
    }
  }
  labelIndexes.set(grid, index);
  return index;
}

function findLabel(grid: Grid, label: string): { row: number; col: number } | null {
  return labelIndex(grid).get(labelKey(label)) ?? null;
}

function readThongTin(grids: readonly Grid[], date1904: boolean): ThongTin {
  const byName = grids.find((g) => labelKey(g.name) === "thongtin");
  const grid = byName ?? grids.find((g) => findLabel(g, "Mã đơn vị") !== null) ?? null;
  const fields: Record<string, ThongTinField> = {};
  for (const label of THONGTIN_LABELS) {
    const at = grid ? findLabel(grid, label) : null;
    if (!grid || !at) {
      fields[label] = { cell: null, text: "", date: null, isDateCell: false, labelFound: false };
      continue;
    }
    let field: ThongTinField = { cell: grid.address(at.row, at.col), text: "", date: null, isDateCell: false, labelFound: true };
    // The value is the first non-empty cell to the right, at most 5 columns away (§1.2).
    for (let c = at.col + 1; c <= at.col + 5; c++) {
      const value = grid.at(at.row, c);
      if (value.kind === "empty") continue;
      const cell = grid.address(at.row, c);
      if (value.kind === "error") {
        field = { cell, text: "", date: null, isDateCell: false, labelFound: true, error: value.text ?? "#VALUE!" };
      } else if (value.kind === "date") {
        field = { cell, text: value.date ?? "", date: value.date, isDateCell: true, labelFound: true };
      } else if (value.kind === "number" && DATE_FIELDS.has(label) && value.number !== null && value.number > 0 && value.number < 2958466) {
        // A date typed into a cell without a date format is still an Excel serial.
        const iso = excelSerialToIsoDate(value.number, date1904);
        field = { cell, text: iso, date: iso, isDateCell: true, labelFound: true };
      } else {
        // Plain text, trimmed only: "VỤ  CHÂU  MỸ" stays as typed (V-UNIT-04 compares ignoring case and spaces).
        const text = nfc(readText(value).trim());
        field = { cell, text, date: DATE_FIELDS.has(label) ? parseDateText(collapseSpaces(text)) : null, isDateCell: false, labelFound: true };
      }
      break;
    }
    fields[label] = field;
  }
  return { sheet: grid?.name ?? null, fields };
}

// ── Finding the forms ───────────────────────────────────────────────────────────────────────

interface Detected {
  readonly grid: Grid;
  /** Row of the "Biểu số" label, or null for a form recognised otherwise. */
  readonly labelRow: number | null;
}

/**
 * A sheet's "Biểu số" label (rows 1–20): the first whose code names a catalogue form, its trailing
 * punctuation dropped ("01/TCD." and "01/TCD, ban hành kèm theo …" are 01/TCD). A caption the pattern also
 * matches ("BIỂU SỐ LIỆU TIẾP CÔNG DÂN" above the label) does not hide the label under it. `other`: the sheet
 * has labels, none of a catalogue form (a mistyped code, a caption, another form).
 */
function labelOf(grid: Grid): { readonly form: FormDef; readonly row: number } | "other" | null {
  let other = false;
  for (const r of grid.rows()) {
    if (r > 20) break;
    for (const c of grid.columnsOf(r)) {
      const m = LABEL_RE.exec(nfc(grid.text(r, c)));
      if (!m?.[3]) continue;
      const code = (m[3].split("(")[0] ?? m[3]).replace(/[.,;:：]+$/u, "");
      const form = formByCode(code);
      if (form) return { form, row: r };
      other = true;
    }
  }
  return other ? "other" : null;
}

function titleKey(text: string): string {
  return foldDiacritics(nfc(text)).replace(/\s+/gu, "");
}

interface CodeRowScan {
  readonly row: number;
  /** The label column: "MS" (WIDE) or "A" (ROWS). */
  readonly labelCol: number;
  /** First column right of the label cells. */
  readonly firstNumberCol: number;
  readonly layout: "WIDE" | "ROWS";
  /** Number labels: column number → sheet column (first occurrence) and every occurrence. */
  readonly numbers: ReadonlyArray<{ readonly no: number; readonly col: number; readonly text: string }>;
}

function numberLabel(grid: Grid, row: number, col: number): { no: number; text: string } | null {
  const cell = grid.at(row, col);
  if (cell.kind === "number" && cell.number !== null && Number.isInteger(cell.number) && cell.number > 0) {
    return { no: cell.number, text: String(cell.number) };
  }
  if (cell.kind === "text") {
    const text = (cell.text ?? "").trim();
    const m = /^(\d+)\s*(?:=|$)/u.exec(text);
    if (m?.[1]) return { no: Number(m[1]), text: text.replace(/\s+/gu, "") };
  }
  return null;
}

/**
 * Whether `text`, trimmed and in upper case, is `code` (upper-case ASCII): as `text.trim().toUpperCase() === code`,
 * without making either string for the many header cells that are longer (the code row is looked for cell by cell).
 */
function isCode(text: string, code: string): boolean {
  const n = text.length;
  // Longer, and nothing to trim at either end (printable ASCII is never white space): upper case never shortens a text.
  if (n > code.length && isPrintableAscii(text.charCodeAt(0)) && isPrintableAscii(text.charCodeAt(n - 1))) return false;
  return text.trim().toUpperCase() === code;
}

function isPrintableAscii(c: number): boolean {
  return c > 0x20 && c < 0x7f;
}

/** WORKBOOKS.md §1.4 step 2: the first "MS" row (WIDE) or "A, B[, C]" row (ROWS) in the range. */
function findCodeRow(grid: Grid, from: number, to: number, layout: "WIDE" | "ROWS" | "ANY", labelCount = 2): CodeRowScan | null {
  for (const r of grid.rows()) {
    if (r < from) continue;
    if (r > to) break;
    const cols = grid.columnsOf(r);
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i] ?? 0;
      const text = grid.text(r, c);
      if ((layout === "WIDE" || layout === "ANY") && isCode(text, "MS")) {
        return { row: r, labelCol: c, firstNumberCol: c + 1, layout: "WIDE", numbers: numbersRightOf(grid, r, c + 1) };
      }
      if ((layout === "ROWS" || layout === "ANY") && isCode(text, "A")) {
        const next = cols[i + 1];
        if (next === undefined || !isCode(grid.text(r, next), "B")) continue;
        let last = next;
        const third = cols[i + 2];
        const wantC = layout === "ROWS" ? labelCount === 3 : third !== undefined && isCode(grid.text(r, third), "C");
        if (wantC) {
          if (third === undefined || !isCode(grid.text(r, third), "C")) continue;
          last = third;
        }
        return { row: r, labelCol: c, firstNumberCol: last + 1, layout: "ROWS", numbers: numbersRightOf(grid, r, last + 1) };
      }
    }
  }
  return null;
}

function numbersRightOf(grid: Grid, row: number, from: number): Array<{ no: number; col: number; text: string }> {
  const out: Array<{ no: number; col: number; text: string }> = [];
  for (const c of grid.columnsOf(row)) {
    if (c < from) continue;
    const label = numberLabel(grid, row, c);
    if (label) out.push({ no: label.no, col: c, text: label.text });
  }
  return out;
}

function identitySet(texts: readonly string[]): Set<string> {
  return new Set(texts.filter((t) => t.includes("=")).map((t) => t.replace(/\s+/gu, "")));
}

/** WORKBOOKS.md §1.4 step 1: label first, then sheet name, title, code-row identities, column count. */
function detectForms(grids: readonly Grid[], ctx: FindingContext, findings: Finding[]): Map<string, Detected> {
  const found = new Map<string, Detected>();
  const unlabelled: Grid[] = [];
  // Sheets whose labels name no catalogue form: found by their name or title only (a strong sign it is ours
  // all the same: "Biểu số: 1/TCD" on a sheet named 01_TCD), never by a code row's shape alone.
  const otherLabel = new Set<Grid>();
  for (const grid of grids) {
    const label = labelOf(grid);
    if (label === null || label === "other") {
      unlabelled.push(grid);
      if (label === "other") otherLabel.add(grid);
      continue;
    }
    const form = label.form;
    const first = found.get(form.code);
    if (first) {
      findings.push(makeFinding(ctx, { rule: "V-DUP-03", form: form.code, sheet: grid.name, value: first.grid.name, expected: grid.name }));
      continue;
    }
    found.set(form.code, { grid, labelRow: label.row });
  }

  const remaining = (): FormDef[] => FORMS.filter((f) => !found.has(f.code));
  const free = new Set(unlabelled);
  const assign = (form: FormDef, grid: Grid, how: { vi: string; en: string }): void => {
    found.set(form.code, { grid, labelRow: null });
    free.delete(grid);
    findings.push(makeFinding(ctx, { rule: "V-LAYOUT-05", form: form.code, sheet: grid.name, params: { detail: how } }));
  };

  for (const form of remaining()) {
    const grid = [...free].find((g) => findFormByCodeOrSheet(g.name) === form);
    if (grid) assign(form, grid, { vi: "tên trang", en: "sheet name" });
  }
  for (const form of remaining()) {
    const titles = [form.title, ...form.altTitles].map(titleKey);
    const grid = [...free].find((g) =>
      g.rows().some((r) => r <= 20 && g.columnsOf(r).some((c) => titles.includes(titleKey(g.text(r, c))))),
    );
    if (grid) assign(form, grid, { vi: "tiêu đề", en: "title" });
  }
  const scans = new Map<Grid, CodeRowScan | null>();
  const scanOf = (g: Grid): CodeRowScan | null => {
    if (!scans.has(g)) scans.set(g, findCodeRow(g, 1, 41, "ANY"));
    return scans.get(g) ?? null;
  };
  // By a code row's shape: the sheets without any label only.
  for (const grid of otherLabel) free.delete(grid);
  for (const grid of [...free]) {
    const scan = scanOf(grid);
    if (!scan) continue;
    const ids = identitySet(scan.numbers.map((n) => n.text));
    if (ids.size === 0) continue;
    const matches = remaining().filter((f) => {
      const own = identitySet(f.codeRow);
      return [...ids].every((id) => own.has(id));
    });
    const only = matches[0];
    if (matches.length === 1 && only) assign(only, grid, { vi: "dòng mã số", en: "code row" });
  }
  for (const grid of [...free]) {
    const scan = scanOf(grid);
    if (!scan) continue;
    const count = new Set(scan.numbers.map((n) => n.no)).size;
    const ids = identitySet(scan.numbers.map((n) => n.text));
    const matches = remaining().filter((f) => {
      if (f.layout !== scan.layout || f.columns.length !== count) return false;
      const own = identitySet(f.codeRow);
      return [...ids].every((id) => own.has(id));
    });
    const only = matches[0];
    if (matches.length === 1 && only) assign(only, grid, { vi: "dòng mã số", en: "code row" });
  }
  return found;
}

// ── Reading one form ────────────────────────────────────────────────────────────────────────

function cellType(form: FormDef, column: ColumnDef, row: RowDef | null): Exclude<ValueType, "TEXT"> {
  const type = cellValueType(form, row?.code ?? null, column.no);
  return type === "TEXT" ? "INT" : type;
}

type AddFinding = (input: FindingInput) => void;

/**
 * Step 3: catalogue column numbers → sheet columns, from the code row (duplicates, unknown and missing
 * columns found), and the sheet column numbered `notesNo`, a text notes column, if the row has one.
 */
function mapColumns(grid: Grid, form: FormDef, scan: CodeRowScan, add: AddFinding): { columnOf: Map<number, number>; notesCol: number | null } {
  const columnOf = new Map<number, number>();
  let notesCol: number | null = null;
  let beyondNotes = false;
  const firstCell = new Map<number, string>();
  for (const { no, col } of scan.numbers) {
    const address = grid.address(scan.row, col);
    if (firstCell.has(no)) {
      add({ rule: "V-DUP-05", cell: address, column: no, expected: firstCell.get(no) ?? null });
      continue;
    }
    firstCell.set(no, address);
    if (no > form.notesNo) {
      add({ rule: "V-LAYOUT-04", cell: address, column: no, value: no, expected: CATALOGUE_VERSION });
      beyondNotes = true;
      continue;
    }
    if (no === form.notesNo) {
      notesCol = col; // a notes column is accepted as text (§1.4 item 3): what it holds joins the notes
      continue;
    }
    columnOf.set(no, col);
  }
  for (const column of form.columns) {
    if (column.type !== "TEXT" && !columnOf.has(column.no)) add({ rule: "V-LAYOUT-03", column: column.no });
  }
  // With numbers past it the code row is another template's (V-LAYOUT-04), whose column of that number holds data.
  return { columnOf, notesCol: beyondNotes ? null : notesCol };
}

/** What the row loops need of one form's sheet: reading a row into a table, and two questions about a row. */
interface RowReader {
  readonly codeRow: number;
  readonly labelCol: number;
  readonly mappedCols: readonly number[];
  isNotesRow(r: number): boolean;
  /** The address of a filled number in the row's mapped columns, or null. */
  rowHasFilledNumber(r: number): string | null;
  readRow(r: number, rowCode: string | null, rowDef: RowDef | null, target: "cells" | "groups", report: boolean): void;
}

/** A wide form: the first non-empty row after the code row is the data row; a second filled one is V-LAYOUT-08. Returns the notes row. */
function readWideRows(grid: Grid, rows: RowReader, add: AddFinding): number | null {
  let dataRow: number | null = null;
  for (const r of grid.rows()) {
    if (r <= rows.codeRow) continue;
    if (rows.isNotesRow(r)) return r;
    const label = grid.text(r, rows.labelCol).trim();
    const nonEmpty = label !== "" || rows.mappedCols.some((c) => !grid.isEmpty(r, c));
    if (!nonEmpty) continue;
    if (dataRow === null) {
      dataRow = r;
      rows.readRow(r, null, null, "cells", true);
    } else {
      const filled = rows.rowHasFilledNumber(r);
      if (filled) add({ rule: "V-LAYOUT-08", cell: filled });
    }
  }
  return null;
}

/** A form of coded rows: each row found by its code (unknown, repeated and missing codes found). Returns the notes row. */
function readCodedRows(grid: Grid, form: FormDef, rows: RowReader, add: AddFinding, hasRow: (code: string) => boolean): number | null {
  const firstSeen = new Map<string, string>();
  let notesRow: number | null = null;
  for (const r of grid.rows()) {
    if (r <= rows.codeRow) continue;
    if (rows.isNotesRow(r)) {
      notesRow = r;
      break;
    }
    const raw = grid.text(r, rows.labelCol);
    const code = rowCodeOf(raw);
    const address = grid.address(r, rows.labelCol);
    const def = form.rows.find((row) => row.code === code) ?? null;
    if (!def) {
      if (code !== "") {
        const filled = rows.rowHasFilledNumber(r);
        if (filled) add({ rule: "V-LAYOUT-06", cell: address, value: raw.trim() });
      }
      continue;
    }
    if (firstSeen.has(code)) {
      add({ rule: "V-DUP-04", cell: address, row: code, expected: firstSeen.get(code) ?? null });
      continue;
    }
    firstSeen.set(code, address);
    if (def.role === "section") continue;
    if (def.role === "group") rows.readRow(r, code, def, "groups", false);
    else rows.readRow(r, code, def, "cells", true);
  }
  for (const def of form.rows) {
    if (def.role === "data" && !hasRow(def.code)) add({ rule: "V-LAYOUT-07", row: def.code });
  }
  return notesRow;
}

/** A row code as written in the code column ("a1.", " B2 ") as the catalogue has it ("A1", "B2"). */
function rowCodeOf(text: string): string {
  return text.trim().toUpperCase().replace(/\.$/u, "");
}

/**
 * Notes: the text after "Ghi chú:" and the text cells to its right, joined by one space. `textAt` reads a
 * cell (a formula with no cached result there is said, as in a text column).
 */
function readNotes(grid: Grid, notesRow: number | null, textAt: (r: number, c: number) => string, lastCol: number): string {
  if (notesRow === null) return "";
  const parts: string[] = [];
  const cols = grid.columnsOf(notesRow);
  // A formula with no cached result reads as empty, so it is not among the row's columns: looked for across the table.
  for (let c = 1; c <= lastCol; c++) if (!cols.includes(c)) textAt(notesRow, c);
  cols.forEach((c, i) => {
    const text = textAt(notesRow, c);
    if (i === 0) {
      const after = text.replace(/^\s*\d*\.?\s*Ghi\s*ch(ú|u)\s*[:：]?\s*/iu, "");
      if (after) parts.push(after);
    } else if (text) {
      parts.push(text);
    }
  });
  return parts.join(" ");
}

/** The window line, anywhere above the code row. */
function readWindowLine(grid: Grid, codeRow: number): FormRead["windowLine"] {
  for (const r of grid.rows()) {
    if (r >= codeRow) break;
    for (const c of grid.columnsOf(r)) {
      const text = nfc(collapseSpaces(grid.text(r, c)));
      const m = WINDOW_RE.exec(text);
      if (m) {
        // A line typed by hand may end with a full stop or a bracket.
        const date = (t: string | undefined): string | null => parseDateText((t ?? "").replace(/[.,;:)\]]+$/u, ""));
        return { text, cell: grid.address(r, c), from: date(m[2]), to: date(m[3]) };
      }
    }
  }
  return null;
}

function readForm(grid: Grid, form: FormDef, labelRow: number | null, ctx: FindingContext, findings: Finding[]): FormRead | null {
  const base = { form: form.code, sheet: grid.name };
  const add: AddFinding = (input) => void findings.push(makeFinding(ctx, { ...base, ...input }));

  const start = labelRow === null ? 1 : labelRow + 1;
  const scan = findCodeRow(grid, start, start + 40, form.layout, form.labelColumns.length);
  if (!scan) {
    add({ rule: "V-LAYOUT-02" });
    return null;
  }
  const { columnOf, notesCol } = mapColumns(grid, form, scan, add);
  const numeric = form.columns.filter((c) => c.type !== "TEXT" && columnOf.has(c.no));
  const textCols = form.columns.filter((c) => c.type === "TEXT" && columnOf.has(c.no));
  // A ROWS form's per-row notes column (KH-TH's 11, PCTN's 2), mapped or not: a notes column's texts join it.
  const textColumn = form.layout === "WIDE" ? undefined : form.columns.find((c) => c.type === "TEXT");
  const mappedCols = [...columnOf.values()];

  const mergesSeen = new Set<string>();
  const cells = new Map<string, Map<number, ReadCell>>();
  const groupCells = new Map<string, Map<number, ReadCell>>();
  const texts = new Map<string, Map<number, string>>();
  // A wide form's notes column's text (a coded row's goes to its TEXT column): notes a unit typed there (the
  // official KNTC templates print a numbered "Ghi chú" column) would otherwise be lost.
  const columnNotes: string[] = [];
  let filledCount = 0;

  /**
   * Data rows from `top` to `bottom`: a WIDE form has one; a ROWS form's are the rows whose code is one of
   * its data or group rows. A merge taller than one row over a single data cell (the blank row under a
   * WIDE data row) covers one data cell, which V-LAYOUT-09 is not about. Only the rows the sheet holds are
   * looked at, so a merge over a million rows costs what its rows with cells cost.
   */
  const dataRowsIn = (top: number, bottom: number): number => {
    if (top === bottom || form.layout === "WIDE") return 1;
    let n = 0;
    for (const r of grid.rows()) {
      if (r < top) continue;
      if (r > bottom) break;
      const code = rowCodeOf(grid.text(r, scan.labelCol));
      if (form.rows.some((row) => row.code === code && row.role !== "section")) n++;
    }
    return n;
  };

  /** One number cell's findings: how it read, a merge over it, a value hidden from view. */
  const reportCell = (r: number, col: number, address: string, column: ColumnDef, rowCode: string | null, read: ReturnType<typeof readNumeric>): void => {
    for (const issue of read.issues) {
      add({ rule: issue.rule, cell: address, row: rowCode, column: column.no, value: issue.value, expected: issue.expected, params: { detail: issue.detail ?? "" } });
    }
    if (read.filled) filledCount++;
    const merge = grid.mergeAt(r, col);
    // Each merge judged once (from its first data cell): counting its data rows walks the sheet's rows.
    const master = merge ? grid.address(merge.top, merge.left) : "";
    if (merge && !mergesSeen.has(master)) {
      mergesSeen.add(master);
      if (mappedCols.filter((c) => c >= merge.left && c <= merge.right).length * dataRowsIn(merge.top, merge.bottom) > 1) {
        add({ rule: "V-LAYOUT-09", cell: master, row: rowCode, column: column.no });
      }
    }
    if (read.filled && (grid.hidden || grid.isHiddenRow(r) || grid.isHiddenCol(col))) {
      add({ rule: "V-LAYOUT-10", severity: "info", cell: address, row: rowCode, column: column.no });
    }
  };

  /**
   * A text cell's text. A formula with no cached result there is V-FORMULA-01, as in a number column
   * (WORKBOOKS.md §1.5 does not tell the columns apart): its text would otherwise be lost without a word.
   */
  const textAt = (r: number, col: number, rowCode: string | null, column: number | undefined): string => {
    const plain = grid.at(r, col);
    if (plain.formulaWithoutResult) {
      add({ rule: "V-FORMULA-01", cell: grid.address(r, col), row: rowCode, column, value: plain.formula === null || plain.formula === "" ? null : `=${plain.formula}` });
    }
    return nfc(collapseSpaces(readText(plain)));
  };

  const rows: RowReader = {
    codeRow: scan.row,
    labelCol: scan.labelCol,
    mappedCols,
    isNotesRow: (r) => {
      const first = grid.columnsOf(r)[0];
      return first !== undefined && NOTES_RE.test(grid.text(r, first));
    },
    rowHasFilledNumber: (r) => {
      for (const column of numeric) {
        const col = columnOf.get(column.no) ?? 0;
        if (readNumeric(grid.at(r, col), cellType(form, column, null)).filled) return grid.address(r, col);
      }
      return null;
    },
    readRow: (r, rowCode, rowDef, target, report) => {
      const byCol = new Map<number, ReadCell>();
      for (const column of numeric) {
        const col = columnOf.get(column.no) ?? 0;
        const read = readNumeric(grid.at(r, col), cellType(form, column, rowDef));
        const address = grid.address(r, col);
        byCol.set(column.no, { scaled: read.scaled, value: read.value, filled: read.filled, sheet: grid.name, cell: address });
        if (report) reportCell(r, col, address, column, rowCode, read);
      }
      const key = rowCode ?? WIDE_ROW;
      (target === "cells" ? cells : groupCells).set(key, byCol);
      if (!report) return;
      const byText = new Map<number, string>();
      for (const column of textCols) {
        const text = textAt(r, columnOf.get(column.no) ?? 0, rowCode, column.no);
        if (text) byText.set(column.no, text);
      }
      const note = notesCol !== null && target === "cells" ? textAt(r, notesCol, rowCode, form.notesNo) : "";
      // A coded row's note joins the row's own notes (its TEXT column), printed "<unit> – <row>: <text>" as
      // those are (WORKBOOKS.md §2.4, §2.6); a wide form's joins the unit's notes.
      const rowNotes = rowCode === null ? undefined : textColumn;
      if (note && rowNotes) byText.set(rowNotes.no, [byText.get(rowNotes.no), note].filter((t) => t !== undefined && t !== "").join(" "));
      else if (note) columnNotes.push(rowCode === null ? note : `${rowCode}: ${note}`);
      if (byText.size > 0) texts.set(key, byText);
    },
  };

  const notesRow = form.layout === "WIDE" ? readWideRows(grid, rows, add) : readCodedRows(grid, form, rows, add, (code) => cells.has(code));
  const notes = [...columnNotes, readNotes(grid, notesRow, (r, c) => textAt(r, c, null, undefined), Math.max(scan.labelCol, ...mappedCols))].filter((text) => text !== "").join(" ");
  const windowLine = readWindowLine(grid, scan.row);
  return { form, sheet: grid.name, sheetIndex: grid.index, cells, groupCells, texts, notes, filledCount, windowLine };
}
