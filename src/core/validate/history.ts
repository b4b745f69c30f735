/**
 * Rules against earlier periods (PERIODS.md §6, FORMS.md §6.2 V-CONT, V-PLAN-01, V-OUTLIER-01).
 * Earlier values come only from history inputs the user supplies: earlier submissions, or earlier
 * reports through their NguonSoLieu sheet. Without them these rules do not run, and they never
 * say that history is missing.
 */
import ExcelJS from "exceljs";
import type { ColumnKind, FormDef } from "../catalogue/types";
import type { Finding } from "../findings";
import { earlierInYear, labelVi, nestedEarlier, preceding, sameTypeHistory, tryParsePeriod, type Period } from "../periods";
import { readSubmission } from "../read/reader";
import { WIDE_ROW, type Submission } from "../read/submission";
import { readProvenance } from "../report/audit";
import { makeFinding } from "./make";
import type { InputFile } from "./run";

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

/**
 * Read history inputs: a report workbook (it has a NguonSoLieu sheet) gives one entry per
 * accepted unit; anything else is read as a submission. Unreadable files are skipped: history
 * is advisory.
 */
export async function loadHistory(files: readonly InputFile[]): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for (const input of files) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(input.bytes.buffer.slice(input.bytes.byteOffset, input.bytes.byteOffset + input.bytes.byteLength) as ArrayBuffer);
    } catch {
      continue;
    }
    const provenanceSheet = wb.getWorksheet("NguonSoLieu");
    if (provenanceSheet) {
      const p = readProvenance(provenanceSheet);
      if (!p.period) continue;
      const periodId = p.period;
      const byUnit = new Map<string, Map<string, number>>();
      for (const i of p.inputs) if (i.status === "accepted" && i.unit) byUnit.set(i.unit, new Map());
      for (const v of p.values) {
        const map = byUnit.get(v.unit) ?? new Map<string, number>();
        map.set(historyKey(v.form, v.row, v.column), v.value);
        byUnit.set(v.unit, map);
      }
      for (const [unit, values] of byUnit) entries.push({ period: periodId, unit, values, file: input.file });
      continue;
    }
    const outcome = await readSubmission(input.bytes, input.file);
    if (outcome.kind !== "submission") continue;
    const entry = historyFromSubmission(outcome.submission);
    if (entry) entries.push(entry);
  }
  // One entry per (unit, period): the last file by name wins, so the choice is reproducible.
  const last = new Map<string, HistoryEntry>();
  for (const e of [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) last.set(`${e.unit}|${e.period}`, e);
  return [...last.values()];
}

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
  const label = (id: string): string => {
    const q = tryParsePeriod(id);
    return q ? `${id} (${labelVi(q)})` : id;
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
