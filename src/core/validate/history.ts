/**
 * Rules against earlier periods (PERIODS.md §6, FORMS.md §6.2 V-CONT, V-PLAN-01, V-OUTLIER-01).
 * Earlier values come only from history inputs the user supplies: earlier submissions, or earlier
 * reports through their NguonSoLieu sheet. Without them these rules do not run, and they never
 * say that history is missing.
 */
import type { ColumnKind, FormDef } from "../catalogue/types";
import { makeFinding, type Finding } from "../findings";
import type { Localised } from "../text";
import { earlierInYear, labelEn, labelVi, nestedEarlier, preceding, sameTypeHistory, tryParsePeriod, type Period } from "../periods";
import { ReadBudget } from "../read/limits";
import { readSubmission, tooLargeInput, unitFromFileName, type ReadOptions } from "../read/reader";
import { sha256Hex } from "../read/sha256";
import { WIDE_ROW, type Submission } from "../read/submission";
import { resolveReceived } from "../read/receipts";
import { readReportProvenance, type Provenance } from "../read/report";
import { compareCodePoints } from "../text";
import type { InputFile } from "./run";
import type { Roster } from "../roster";

/** One unit's values in one earlier period: key `form|row|col` → value in display units. */
export interface HistoryEntry {
  readonly period: string;
  readonly unit: string;
  readonly values: ReadonlyMap<string, number>;
  readonly file: string;
}

export interface OutlierOptions {
  readonly minHistory?: number;
  readonly z?: number;
  readonly minAbs?: number;
}

export function historyKey(form: string, row: string | null, col: number): string {
  return `${form}|${row ?? ""}|${col}`;
}

/** A submission's filled numeric values as a history entry (blank cells are simply absent: 0). */
export function historyFromSubmission(sub: Submission): HistoryEntry | null {
  if (!sub.unit || !sub.period) return null;
  const values = new Map<string, number>();
  for (const read of sub.forms) {
    for (const [row, cols] of read.cells) {
      for (const [col, cell] of cols) {
        if (cell.filled) values.set(historyKey(read.form.code, row === WIDE_ROW ? null : row, col), cell.value);
      }
    }
  }
  return { period: sub.period.id, unit: sub.unit, values, file: sub.file };
}

/** What became of one history file (CLI.md `history`). */
export type HistoryStatus = "used" | "unreadable" | "not-a-submission" | "duplicate";

export interface HistoryInput {
  readonly file: string;
  readonly sha256: string;
  /** The unit the file gives (a report of many units: null). */
  readonly unit: string | null;
  readonly period: string | null;
  readonly status: HistoryStatus;
  /** Why an unreadable file, one that is not a submission or a report without unit values gives nothing (not in the JSON). */
  readonly reason: Localised | null;
}

export interface HistoryRead {
  /** One entry per (unit, period), for the rules. */
  readonly entries: HistoryEntry[];
  /** Every history file once, in `file` order. */
  readonly inputs: HistoryInput[];
}

/** One file read: its entries (none when it gives nothing) and what it is. */
interface HistoryFile {
  readonly input: Omit<HistoryInput, "status" | "reason"> & { readonly status: "unreadable" | "not-a-submission" | null };
  readonly reason: Localised | null;
  readonly entries: readonly HistoryEntry[];
  /** When a submission was received (its properties, then Ngày lập: no receipt log for history); null for a report. */
  readonly received?: { readonly date: string | null; readonly timestampUtc: string | null; readonly ngayLap: string | null };
}

/**
 * A report workbook's NguonSoLieu as history: one entry per accepted unit; null when it is not a report
 * or cannot be read within the limits (the streaming reader reads the sheet a row at a time).
 */
function reportHistory(input: InputFile, options: ReadOptions): { period: string; entries: HistoryEntry[] } | null {
  let p: Provenance | null;
  try {
    p = readReportProvenance(input.bytes, options);
  } catch {
    return null;
  }
  if (!p?.period) return null;
  const periodId = p.period;
  const byUnit = new Map<string, Map<string, number>>();
  for (const i of p.inputs) if (i.status === "accepted" && i.unit) byUnit.set(i.unit, new Map());
  for (const v of p.values) {
    const map = byUnit.get(v.unit) ?? new Map<string, number>();
    map.set(historyKey(v.form, v.row, v.column), v.value);
    byUnit.set(v.unit, map);
  }
  return { period: periodId, entries: [...byUnit].map(([unit, values]) => ({ period: periodId, unit, values, file: input.file })) };
}

/**
 * One history file, read as any input is: readSubmission makes the size and format checks first, so a
 * file that fails them (a zip bomb, a truncated package) is listed as unreadable. A readable file that
 * is not a submission with a unit and period, or one refused only for a sheet's cell count, is tried as
 * a report workbook (NguonSoLieu), under the same limits.
 */
async function readHistoryFile(input: InputFile, options: ReadOptions): Promise<HistoryFile> {
  const file = input.file;
  if (input.problem) {
    const reason = makeFinding({ file, unit: null }, { rule: "V-FILE-01", params: { detail: input.problem } }).message;
    return { input: { file, sha256: sha256Hex(input.bytes), unit: unitFromFileName(file), period: null, status: "unreadable" }, entries: [], reason };
  }
  // A file the host did not read for its size (its bytes are not here): too large, as an input is (run.ts).
  const outcome = input.unread ? tooLargeInput(file, input.unread.size, options, input.unread.sha256) : await readSubmission(input.bytes, file, options);
  if (outcome.kind === "unreadable") {
    // A report's NguonSoLieu (60,000 rows and more) may hold more cells than a unit's sheet may: refused
    // as a submission for that alone, it is still read as a report, which has no per-sheet cell limit.
    const report = overSheetCells(outcome.findings, options) ? reportHistory(input, options) : null;
    if (report) return { input: { file, sha256: outcome.sha256, unit: null, period: report.period, status: null }, entries: report.entries, reason: null };
    const reason = outcome.findings[0]?.message ?? null;
    return { input: { file, sha256: outcome.sha256, unit: outcome.unit, period: null, status: "unreadable" }, entries: [], reason };
  }
  const sub = outcome.kind === "submission" ? outcome.submission : null;
  const sha256 = outcome.kind === "submission" ? outcome.submission.sha256 : outcome.sha256;
  const entry = sub ? historyFromSubmission(sub) : null;
  if (sub && entry) {
    const received = resolveReceived({ receipt: null, modified: sub.modified, ngayLap: sub.ngayLap });
    return { input: { file, sha256, unit: entry.unit, period: entry.period, status: null }, entries: [entry], reason: null, received: { date: received.date, timestampUtc: received.timestampUtc, ngayLap: sub.ngayLap } };
  }
  if (!sub || sub.sheetOrder.includes("NguonSoLieu")) {
    const report = reportHistory(input, options);
    if (report) return { input: { file, sha256, unit: null, period: report.period, status: null }, entries: report.entries, reason: null };
  }
  const unit = outcome.kind === "submission" ? outcome.submission.unit : outcome.unit;
  return { input: { file, sha256, unit, period: sub?.period?.id ?? null, status: "not-a-submission" }, entries: [], reason: NO_UNIT_PERIOD };
}

/**
 * Whether the reader refused a file only for its cells: one sheet over `maxCells`, or all of them over
 * `maxFileCells` (a report of many units, whose NguonSoLieu the report reader reads a row at a time).
 */
function overSheetCells(findings: readonly Finding[], options: ReadOptions): boolean {
  const { maxCells, maxFileCells } = new ReadBudget(options).limits;
  const only = findings.length === 1 ? findings[0] : undefined;
  return only?.rule === "V-FILE-04" && (only.expected === maxCells || only.expected === maxFileCells);
}

const NO_UNIT_PERIOD: Localised = {
  vi: "không có mã đơn vị và kỳ báo cáo đọc được, cũng không phải báo cáo tổng hợp (trang NguonSoLieu)",
  en: "no readable unit code and period, and not a consolidated report (NguonSoLieu sheet)",
};

// Unicode code-point order, as the period's own files are ordered (run.ts), not UTF-16 units.
const byFile = (a: { file: string }, b: { file: string }): number => compareCodePoints(a.file, b.file);

/** null first, then in order (the received date's sort key of WORKBOOKS.md §1.7). */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * The order in which one unit's files of one period replace each other, as for the period's own files
 * (WORKBOOKS.md §1.7): received date (unknown first), UTC timestamp, Ngày lập, then file name. A report
 * workbook has no received date of its own: it sorts with the undated files, before every dated one.
 */
function compareHistoryFiles(a: HistoryFile, b: HistoryFile): number {
  const ra = a.received;
  const rb = b.received;
  return (
    compareNullable(ra?.date ?? null, rb?.date ?? null) ||
    compareNullable(ra?.timestampUtc ?? null, rb?.timestampUtc ?? null) ||
    compareNullable(ra?.ngayLap ?? null, rb?.ngayLap ?? null) ||
    byFile(a.input, b.input)
  );
}

/**
 * Read history inputs (PERIODS.md §6) with the same limits as the period's files. A byte copy of an
 * earlier file is a duplicate; a unit and period given by several files uses the one received last,
 * as the period's own files do (WORKBOOKS.md §1.7; it was the last by name), and a file all of whose
 * entries another file replaces is a duplicate too. History is advisory: a
 * file that gives nothing is listed, never an error.
 */
export async function readHistory(
  files: readonly InputFile[],
  options: ReadOptions = {},
  progress: (done: number, total: number) => void = () => undefined,
): Promise<HistoryRead> {
  const read: HistoryFile[] = [];
  for (const input of [...files].sort(byFile)) {
    read.push(await readHistoryFile(input, options));
    progress(read.length, files.length);
  }
  const seen = new Set<string>();
  const copies = new Set<string>();
  for (const r of read) {
    if (r.input.status !== null) continue;
    if (seen.has(r.input.sha256)) copies.add(r.input.file);
    seen.add(r.input.sha256);
  }
  // The last received wins for each (unit, period); ties by name: the choice is reproducible.
  const last = new Map<string, HistoryEntry>();
  for (const r of read.filter((x) => !copies.has(x.input.file)).sort(compareHistoryFiles)) for (const e of r.entries) last.set(`${e.unit}|${e.period}`, e);
  const usedFiles = new Set([...last.values()].map((e) => e.file));
  const inputs = read.map((r): HistoryInput => {
    // A report workbook no unit contributed to gives no entry, so none of it is replaced: read, and holding
    // nothing to compare with (it was listed as a duplicate "of another file" when it was the only one).
    if (r.input.status === null && r.entries.length === 0 && !copies.has(r.input.file)) return { ...r.input, status: "used", reason: NO_UNIT_VALUES };
    const status = r.input.status ?? (usedFiles.has(r.input.file) ? "used" : "duplicate");
    return { ...r.input, status, reason: status === "duplicate" ? DUPLICATE : r.reason };
  });
  return { entries: [...last.values()], inputs };
}

const NO_UNIT_VALUES: Localised = {
  vi: "báo cáo tổng hợp không có số liệu của đơn vị nào (không đơn vị nào được sử dụng trong kỳ đó)",
  en: "the consolidated report holds no unit's values (no unit was used in that period)",
};

const DUPLICATE: Localised = {
  vi: "đơn vị và kỳ này đã lấy từ tệp khác (bản sao giống hệt, hoặc tệp nhận sau được dùng)",
  en: "this unit and period come from another file (a byte copy, or the file received later is used)",
};

function kindOf(form: FormDef, row: string | null, col: number): ColumnKind | null {
  const rowDef = row ? form.rows.find((r) => r.code === row) : undefined;
  if (rowDef?.kind) return rowDef.kind;
  return form.columns.find((c) => c.no === col)?.kind ?? null;
}

const periodIdOf = (p: Period): string => p.id;

/** Every history finding for one unit's effective submission in period `p`. */
export function checkHistory(sub: Submission, p: Period, history: readonly HistoryEntry[], outlier: OutlierOptions = {}): Finding[] {
  if (!sub.unit || history.length === 0) return [];
  const unit = sub.unit;
  const ctx = { file: sub.file, unit };
  const mine = new Map<string, HistoryEntry>();
  for (const e of history) if (e.unit === unit) mine.set(e.period, e);
  if (mine.size === 0) return [];
  const out: Finding[] = [];
  const valueIn = (e: HistoryEntry, form: string, row: string | null, col: number): number => e.values.get(historyKey(form, row, col)) ?? 0;
  const nested = nestedEarlier(p).map(periodIdOf);
  const inYear = earlierInYear(p).map(periodIdOf);
  // The earlier period with its label in each message's language (PERIODS.md §3: labelVi, labelEn).
  const label = (id: string): Localised | string => {
    const q = tryParsePeriod(id);
    return q ? { vi: `${id} (${labelVi(q)})`, en: `${id} (${labelEn(q)})` } : id;
  };
  const precedingEntry = (): HistoryEntry | null => {
    for (const q of preceding(p)) {
      const e = mine.get(q.id);
      if (e) return e;
    }
    return null;
  };

  for (const read of sub.forms) {
    const form = read.form;
    for (const [rowKey, cols] of read.cells) {
      const row = rowKey === WIDE_ROW ? null : rowKey;
      for (const [col, cell] of cols) {
        const kind = kindOf(form, row, col);
        const at = { form: form.code, sheet: cell.sheet, cell: cell.cell, row, column: col };
        // V-CONT-01 (FLOW, CUM) and V-CONT-03 (OPEN) against nested earlier periods; KH-TH against the year.
        const earlier = form.code === "KH-TH" ? inYear : nested;
        for (const q of earlier) {
          const e = mine.get(q);
          if (!e) continue;
          const h = valueIn(e, form.code, row, col);
          if ((kind === "FLOW" || kind === "CUM") && cell.value < h) {
            out.push(makeFinding(ctx, { rule: "V-CONT-01", ...at, value: cell.value, expected: h, params: { detail: label(q) } }));
          }
          if (kind === "OPEN" && form.code !== "KH-TH" && cell.value !== h) {
            out.push(makeFinding(ctx, { rule: "V-CONT-03", ...at, value: cell.value, expected: h, params: { detail: label(q) } }));
          }
          if (kind === "PLAN" && cell.value !== h) {
            out.push(makeFinding(ctx, { rule: "V-PLAN-01", ...at, value: cell.value, expected: h, params: { detail: label(q) } }));
          }
        }
        // V-OUTLIER-01 against the same type's last 4 periods.
        if (cell.filled && kind !== null) {
          const values: number[] = [];
          for (const q of sameTypeHistory(p)) {
            const e = mine.get(q.id);
            if (e) values.push(valueIn(e, form.code, row, col));
          }
          const minHistory = outlier.minHistory ?? 3;
          if (values.length >= minHistory && values.length > 0) {
            const mean = values.reduce((s, v) => s + v, 0) / values.length;
            const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
            const diff = Math.abs(cell.value - mean);
            if (diff > (outlier.z ?? 3) * Math.max(sd, 1) && diff >= (outlier.minAbs ?? 10)) {
              out.push(makeFinding(ctx, { rule: "V-OUTLIER-01", ...at, value: cell.value, expected: Math.round(mean * 100) / 100 }));
            }
          }
        }
      }
    }
  }

  // Opening figures against the preceding period's closing figures (V-CONT-02, V-CONT-04).
  const prev = precedingEntry();
  if (prev) {
    const xld = sub.forms.find((f) => f.form.code === "01/XLD");
    const c2 = xld?.cells.get(WIDE_ROW)?.get(2);
    if (xld && c2) {
      const expected = valueIn(prev, "01/XLD", null, 5);
      if (c2.value !== expected) {
        out.push(makeFinding(ctx, { rule: "V-CONT-02", form: "01/XLD", sheet: c2.sheet, cell: c2.cell, column: 2, value: c2.value, expected, params: { detail: label(prev.period) } }));
      }
    }
    const ttr = sub.forms.find((f) => f.form.code === "01/TTr");
    const t2 = ttr?.cells.get(WIDE_ROW)?.get(2);
    if (ttr && t2) {
      const expected = valueIn(prev, "01/TTr", null, 1) - valueIn(prev, "01/TTr", null, 6);
      if (t2.value !== expected) {
        out.push(makeFinding(ctx, { rule: "V-CONT-04", form: "01/TTr", sheet: t2.sheet, cell: t2.cell, column: 2, value: t2.value, expected, params: { detail: label(prev.period) } }));
      }
    }
  }
  return out;
}

/** Periods whose values the history rules compare with (PERIODS.md §6). */
function comparedPeriods(period: Period): Set<string> {
  return new Set([...preceding(period), ...nestedEarlier(period), ...earlierInYear(period), ...sameTypeHistory(period)].map((p) => p.id));
}

function periodName(id: string): Localised {
  const p = tryParsePeriod(id);
  return p ? { vi: `${id} (${labelVi(p)})`, en: `${id} (${labelEn(p)})` } : { vi: id, en: id };
}

/** A reason fragment of the core ("không có mã đơn vị …") as a sentence of its own. */
function sentence(text: Localised): Localised {
  const one = (t: string): string => {
    const s = t.trim();
    return s === "" ? s : `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/u.test(s) ? "" : "."}`;
  };
  return { vi: one(text.vi), en: one(text.en) };
}

/**
 * The history files that give nothing to compare with (PERIODS.md §6), and why: what the core says
 * of the files it could not use, files of a unit the roster does not have, and files of a period the
 * rules never compare with.
 */
export function historyNotUsed(history: readonly HistoryInput[] | null, period: Period, roster: Roster): Array<{ file: string; reason: Localised }> {
  const compared = comparedPeriods(period);
  const codes = new Set(roster.rows.map((r) => r.code));
  const out: Array<{ file: string; reason: Localised }> = [];
  for (const h of history ?? []) {
    // A used file has a reason only when it gives nothing to compare with (a report without unit values).
    if (h.status !== "used" || h.reason !== null) {
      out.push({ file: h.file, reason: sentence(h.reason ?? { vi: "Không dùng được.", en: "Cannot be used." }) });
    } else if (h.unit !== null && !codes.has(h.unit)) {
      // A unit's file whose code is in no row of the roster: no submission of the run is that unit's, so no
      // rule reads it (a mistyped code, most often).
      out.push({
        file: h.file,
        reason: {
          vi: `Mã đơn vị ${h.unit} không có trong danh sách đơn vị: không có báo cáo nào của kỳ này để so sánh.`,
          en: `Unit code ${h.unit} is not in the unit roster: no submission of this period to compare with.`,
        },
      });
    } else if (h.period !== null && !compared.has(h.period)) {
      const q = periodName(h.period);
      out.push({
        file: h.file,
        reason: {
          vi: `Kỳ ${q.vi} không phải kỳ trước dùng để so sánh với kỳ ${period.id}.`,
          en: `Period ${q.en} is not an earlier period compared with ${period.id}.`,
        },
      });
    }
  }
  return out;
}

