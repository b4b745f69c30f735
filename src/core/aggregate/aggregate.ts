/**
 * Aggregation (FORMS.md §7): sums of the accepted effective submissions per form, row, column
 * and scope (TỔNG CỘNG, I, II) in exact scaled integers; KH-TH group rows recomputed from their
 * data rows; rates as ratios of sums, never a mean of rates; the identities re-checked on the
 * totals. Every sum keeps the units that filled a cell of it, for provenance.
 */
import { FORMS, RATE_ROWS_DEFAULT, SCALE_FACTOR, cellValueType, formByCode } from "../catalogue";
import type { FormDef } from "../catalogue/types";
import { formatNumber } from "../text";
import { KHOI_LABEL_VI, type Khoi } from "../roster";
import { WIDE_ROW, type ReadCell, type Submission } from "../read/submission";
import type { UnitRecord, ValidationRun } from "../validate/run";

export type Scope = "TOTAL" | "TRONG_NUOC" | "NGOAI_NUOC";
export const SCOPES: readonly Scope[] = ["TOTAL", "TRONG_NUOC", "NGOAI_NUOC"];
export const SCOPE_OF_KHOI: Readonly<Record<Khoi, Scope>> = { TRONG_NUOC: "TRONG_NUOC", NGOAI_NUOC: "NGOAI_NUOC" };

/** The labels of the scope rows in every report table (FORMS.md §7.3). */
export const SCOPE_LABEL: Readonly<Record<Scope, string>> = {
  TOTAL: "TỔNG CỘNG",
  TRONG_NUOC: KHOI_LABEL_VI.TRONG_NUOC,
  NGOAI_NUOC: KHOI_LABEL_VI.NGOAI_NUOC,
};

/** Row key of WIDE forms in totals (CLI.md `totals`: `TOTAL`). */
export const TOTAL_ROW = "TOTAL";

export interface SumCell {
  readonly scaled: number;
  /** Display units (scaled ÷ factor). */
  readonly value: number;
  /** Units that filled a summed cell, in roster order. */
  readonly units: readonly string[];
}

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator ÷ denominator, or null when the denominator is 0 (shown as "-"). */
  readonly rate: number | null;
  readonly units: readonly string[];
}

export interface RateSet {
  readonly byScope: Readonly<Record<Scope, Rate>>;
  readonly byUnit: ReadonlyMap<string, Rate>;
}

export interface AggregateOptions {
  readonly rateRows?: Readonly<{ A?: readonly string[]; B?: readonly string[] }>;
  readonly includeMissingUnits?: boolean;
}

export interface ReportGroup {
  readonly khoi: Khoi;
  readonly scope: Scope;
  /** Units listed in the report tables for this group, in roster order. */
  readonly units: readonly UnitRecord[];
}

export interface Consolidation {
  readonly run: ValidationRun;
  readonly rateRows: { readonly A: readonly string[]; readonly B: readonly string[] };
  /** Units whose effective submission is summed, in roster order. */
  readonly contributing: readonly UnitRecord[];
  readonly groups: readonly ReportGroup[];
  /** form code → scope → row key → column → sum. */
  readonly totals: ReadonlyMap<string, Readonly<Record<Scope, ReadonlyMap<string, ReadonlyMap<number, SumCell>>>>>;
  readonly rates: {
    readonly inspection: RateSet;
    readonly party: RateSet;
    /** R-KH-row for the ministry, every KH-TH row including groups A and B. */
    readonly byRow: ReadonlyMap<string, Rate>;
    readonly xld: Rate;
    readonly kn: Rate;
    readonly tc: Rate;
    readonly kkts: Rate;
  };
}

export function makeRate(numerator: number, denominator: number, units: readonly string[] = []): Rate {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator, units };
}

/** A unit's read cell of a form, or null. */
export function unitCell(sub: Submission | null, form: FormDef, row: string | null, col: number): ReadCell | null {
  if (!sub) return null;
  const key = form.layout === "WIDE" ? WIDE_ROW : row ?? WIDE_ROW;
  // A loop, not `find` with a closure: this is asked for every cell of every unit row of the report.
  for (const read of sub.forms) if (read.form.code === form.code) return read.cells.get(key)?.get(col) ?? null;
  return null;
}

/** The data rows a row key stands for: a KH-TH group row sums its members. */
function memberRows(form: FormDef, row: string): readonly string[] {
  const def = form.rows.find((r) => r.code === row);
  return def?.role === "group" ? def.members ?? [] : [row];
}

function sumOver(records: readonly UnitRecord[], form: FormDef, row: string | null, col: number): SumCell {
  const factor = SCALE_FACTOR[cellValueType(form, row, col)];
  let scaled = 0;
  const units: string[] = [];
  const rows = form.layout === "WIDE" || row === null ? [null] : memberRows(form, row);
  for (const record of records) {
    const sub = record.effective?.submission ?? null;
    let filled = false;
    for (const r of rows) {
      const cell = unitCell(sub, form, r, col);
      if (!cell) continue;
      scaled += cell.scaled;
      filled ||= cell.filled;
    }
    if (filled) units.push(record.unit.code);
  }
  return { scaled, value: scaled / factor, units };
}

/**
 * Every total of a form for the three scopes in one pass over the units: each unit's cells are met
 * once and added to TOTAL and to its group (what `sumOver` gives per cell, without a pass per cell
 * and scope). Units keep the order of `records`.
 */
function formTotals(form: FormDef, records: readonly UnitRecord[]): Record<Scope, Map<string, Map<number, SumCell>>> {
  const columns = form.columns.filter((c) => c.type !== "TEXT").map((c) => c.no);
  const keys = totalRowKeys(form);
  const members = keys.map((key): readonly (string | null)[] => (form.layout === "WIDE" ? [null] : memberRows(form, key)));
  const sums = Object.fromEntries(SCOPES.map((scope) => [scope, keys.map(() => columns.map(() => ({ scaled: 0, units: [] as string[] })))])) as Record<
    Scope,
    Array<Array<{ scaled: number; units: string[] }>>
  >;
  for (const record of records) {
    const read = record.effective?.submission?.forms.find((f) => f.form.code === form.code);
    if (!read) continue;
    const scopes = [sums.TOTAL, sums[SCOPE_OF_KHOI[record.unit.khoi]]];
    members.forEach((rows, k) => {
      columns.forEach((col, c) => {
        let scaled = 0;
        let filled = false;
        for (const r of rows) {
          const cell = read.cells.get(r ?? WIDE_ROW)?.get(col);
          if (!cell) continue;
          scaled += cell.scaled;
          filled ||= cell.filled;
        }
        for (const scope of scopes) {
          const sum = scope[k]?.[c];
          if (!sum) continue;
          sum.scaled += scaled;
          if (filled) sum.units.push(record.unit.code);
        }
      });
    });
  }
  const byScope = {} as Record<Scope, Map<string, Map<number, SumCell>>>;
  for (const scope of SCOPES) {
    const rows = new Map<string, Map<number, SumCell>>();
    keys.forEach((key, k) => {
      const row = form.layout === "WIDE" ? null : key;
      const cols = new Map<number, SumCell>();
      columns.forEach((col, c) => {
        const sum = sums[scope][k]?.[c] ?? { scaled: 0, units: [] };
        cols.set(col, { scaled: sum.scaled, value: sum.scaled / SCALE_FACTOR[cellValueType(form, row, col)], units: sum.units });
      });
      rows.set(key, cols);
    });
    byScope[scope] = rows;
  }
  return byScope;
}

/** The rows of a form that totals are kept for: WIDE `TOTAL`; ROWS every data and group row. */
export function totalRowKeys(form: FormDef): string[] {
  if (form.layout === "WIDE") return [TOTAL_ROW];
  return form.rows.filter((r) => r.role !== "section").map((r) => r.code);
}

function rateOver(records: readonly UnitRecord[], form: FormDef, rows: readonly string[], num: readonly number[], den: readonly number[]): Rate {
  let n = 0;
  let d = 0;
  const units = new Set<string>();
  for (const row of rows.length > 0 ? rows : [null]) {
    for (const col of num) {
      const s = sumOver(records, form, row, col);
      n += s.scaled;
      s.units.forEach((u) => units.add(u));
    }
    for (const col of den) {
      const s = sumOver(records, form, row, col);
      d += s.scaled;
      s.units.forEach((u) => units.add(u));
    }
  }
  const order = records.map((r) => r.unit.code).filter((c) => units.has(c));
  // Both sides of every rate are of one type, so scaled units cancel.
  return makeRate(n, d, order);
}

/**
 * `rateOver` for every contributing unit of a scope, from the form's totals of that scope: the same sums
 * and units (a total row sums the member rows as `sumOver` does), without a pass over the units per cell.
 * A row or column that has no total (not in the catalogue, a section, a text column) is summed over the units.
 */
function scopeRate(
  totals: Readonly<Record<Scope, ReadonlyMap<string, ReadonlyMap<number, SumCell>>>>,
  scope: Scope,
  records: readonly UnitRecord[],
  form: FormDef,
  rows: readonly string[],
  num: readonly number[],
  den: readonly number[],
): Rate {
  let n = 0;
  let d = 0;
  const units = new Set<string>();
  const sumOf = (row: string | null, cols: readonly number[]): number => {
    const byCol = totals[scope].get(form.layout === "WIDE" ? TOTAL_ROW : row ?? "");
    let scaled = 0;
    for (const col of cols) {
      const s = byCol?.get(col) ?? sumOver(records, form, row, col);
      scaled += s.scaled;
      s.units.forEach((u) => units.add(u));
    }
    return scaled;
  };
  for (const row of rows.length > 0 ? rows : [null]) {
    n += sumOf(row, num);
    d += sumOf(row, den);
  }
  const order = records.map((r) => r.unit.code).filter((c) => units.has(c));
  return makeRate(n, d, order);
}

/** Aggregate a validation run (FORMS.md §7). */
export function consolidate(run: ValidationRun, options: AggregateOptions = {}): Consolidation {
  const rateRows = {
    A: options.rateRows?.A ?? RATE_ROWS_DEFAULT.A,
    B: options.rateRows?.B ?? RATE_ROWS_DEFAULT.B,
  };
  const includeMissing = options.includeMissingUnits ?? true;
  const ordered = [...run.units].sort((a, b) => a.unit.order - b.unit.order);
  const contributing = ordered.filter((u) => u.effective?.status === "accepted");
  const inScope = (scope: Scope): UnitRecord[] => contributing.filter((u) => scope === "TOTAL" || SCOPE_OF_KHOI[u.unit.khoi] === scope);

  const groups: ReportGroup[] = (["TRONG_NUOC", "NGOAI_NUOC"] as const).map((khoi) => ({
    khoi,
    scope: SCOPE_OF_KHOI[khoi],
    units: ordered.filter((u) => u.unit.khoi === khoi && (includeMissing ? u.expected || u.effective?.status === "accepted" : u.effective?.status === "accepted")),
  }));

  const totals = new Map<string, Record<Scope, Map<string, Map<number, SumCell>>>>();
  for (const form of FORMS) totals.set(form.code, formTotals(form, contributing));

  const formOf = (code: string): FormDef => {
    const f = formByCode(code);
    if (!f) throw new Error(`catalogue lacks ${code}`);
    return f;
  };
  // A scope's rate from the totals just made (one pass over the units per form, not per cell).
  const rateOf = (scope: Scope, form: FormDef, rows: readonly string[], num: readonly number[], den: readonly number[]): Rate => {
    const formTotals = totals.get(form.code);
    if (!formTotals) throw new Error(`no totals for ${form.code}`);
    return scopeRate(formTotals, scope, inScope(scope), form, rows, num, den);
  };
  const khth = formOf("KH-TH");
  const planRate = (rows: readonly string[]): RateSet => {
    const byScope = {} as Record<Scope, Rate>;
    for (const scope of SCOPES) byScope[scope] = rateOf(scope, khth, rows, [2], [1]);
    const byUnit = new Map<string, Rate>();
    for (const u of contributing) byUnit.set(u.unit.code, rateOver([u], khth, rows, [2], [1]));
    return { byScope, byUnit };
  };
  const all = inScope("TOTAL");
  const byRow = new Map<string, Rate>();
  for (const row of totalRowKeys(khth)) byRow.set(row, rateOf("TOTAL", khth, [row], [2], [1]));

  return {
    run,
    rateRows,
    contributing,
    groups,
    totals,
    rates: {
      inspection: planRate(rateRows.A),
      party: planRate(rateRows.B),
      byRow,
      xld: rateOf("TOTAL", formOf("01/XLD"), [], [4], [1]),
      kn: rateOf("TOTAL", formOf("01/KQGQ"), [], [5, 6], [4]),
      tc: rateOf("TOTAL", formOf("03/KQGQ"), [], [6], [4]),
      kkts: kktsRate(all, formOf("PCTN-NB")),
    },
  };
}

function kktsRate(records: readonly UnitRecord[], pctn: FormDef): Rate {
  const num = sumOver(records, pctn, "P08", 1);
  const den = sumOver(records, pctn, "P07", 1);
  const units = records.map((r) => r.unit.code).filter((c) => num.units.includes(c) || den.units.includes(c));
  return makeRate(num.scaled, den.scaled, units);
}

/**
 * numerator ÷ denominator as a percentage with one decimal, rounded half away from zero on the exact
 * ratio, as Excel shows the report's 0.0% cell: 1003/2000 is 50.15 %, shown "50.2"; the double 0.5015
 * times 1000 is 501.49999…, which Math.round made "50.1". Values have at most three decimals (FORMS.md §1.2).
 */
export function percentOneDecimal(numerator: number, denominator: number): string {
  if (denominator === 0) throw new RangeError("percentOneDecimal: nothing planned has no rate");
  const whole = Number.isInteger(numerator) && Number.isInteger(denominator);
  const n = BigInt(whole ? numerator : Math.round(numerator * 1000));
  const d = BigInt(whole ? denominator : Math.round(denominator * 1000));
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  // Tenths of a percent: |n| × 1000 ÷ |d|, plus a half, floored.
  const tenths = (abs(n) * 2000n + abs(d)) / (2n * abs(d));
  const sign = (n < 0n) !== (d < 0n) && tenths > 0n ? "-" : "";
  return `${sign}${tenths / 10n}.${tenths % 10n}`;
}

/** The words of the headline rates' counts (TASKPANE.md §8: "(45/60 cuộc)"). */
export const RATE_COUNT_UNIT: Readonly<Record<"vi" | "en", string>> = { vi: "cuộc", en: "inspections" };

/**
 * A headline rate with its counts, as TASKPANE.md §8 writes it and both hosts print it: "75,0% (45/60 cuộc)"
 * (vi), "75.0% (45/60 inspections)" (en); nothing planned: "— (0/0 cuộc)", no rate and no division by zero.
 */
export function rateWithCounts(completed: number, planned: number, lang: "vi" | "en"): string {
  const pct = planned === 0 ? null : percentOneDecimal(completed, planned);
  const shown = pct === null ? "—" : `${lang === "vi" ? pct.replace(".", ",") : pct}%`;
  return `${shown} (${formatNumber(completed, lang)}/${formatNumber(planned, lang)} ${RATE_COUNT_UNIT[lang]})`;
}

/** A headline rate as the cover and the pane write it: "75,0% (45/60)" (vi) or "75.0% (45/60)" (en); "-" for none. */
export function rateText(r: Rate, lang: "vi" | "en"): string {
  if (r.rate === null) return "-";
  // One decimal always, as the report's 0.0% format shows it ("75,0%").
  const fixed = percentOneDecimal(r.numerator, r.denominator);
  const pct = lang === "vi" ? fixed.replace(".", ",") : fixed;
  return `${pct}% (${formatNumber(r.numerator, lang)}/${formatNumber(r.denominator, lang)})`;
}
