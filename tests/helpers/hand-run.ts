/**
 * Runs of submissions made by hand (no reader): `runValidation` gets them through its `read` hook, so every
 * run-level decision (effective file, lateness, acceptance, completeness), the consolidation and the report
 * run as in production on values a test states. For behaviour of the run, not of reading (which the tests of
 * real .xlsx files cover).
 */
import { FORMS } from "../../src/core/catalogue";
import type { FormDef } from "../../src/core/catalogue/types";
import { makePeriod, type Period } from "../../src/core/periods";
import type { FormRead, ReadCell, ReadOutcome, Submission } from "../../src/core/read/submission";
import type { Khoi, Roster, RosterRow, UnitType } from "../../src/core/roster";
import { runValidation, type RunOptions, type ValidationRun } from "../../src/core/validate/run";
import { makeSubmission } from "./submission";

/** 2023-9M: window 15/12/2022 – 14/09/2023, deadline 16/09/2023 (PERIODS.md §2, §7). */
export const PERIOD_9M = makePeriod(2023, "9M");

/** Values of one form: row code (WIDE_ROW for WIDE forms) → column → number; null: a blank cell, read as 0 and not filled. */
export type Values = Readonly<Record<string, Readonly<Record<number, number | null>>>>;
type Texts = Readonly<Record<string, Readonly<Record<number, string>>>>;

function formRead(def: FormDef, values: Values = {}, notes = "", texts: Texts = {}): FormRead {
  const cells = new Map<string, Map<number, ReadCell>>();
  let filled = 0;
  for (const [row, cols] of Object.entries(values)) {
    const m = new Map<number, ReadCell>();
    for (const [col, value] of Object.entries(cols)) {
      m.set(Number(col), { scaled: value ?? 0, value: value ?? 0, filled: value !== null, sheet: def.sheet, cell: "C10" });
      if (value !== null) filled++;
    }
    cells.set(row, m);
  }
  const textMap = new Map(Object.entries(texts).map(([row, cols]) => [row, new Map(Object.entries(cols).map(([c, t]) => [Number(c), t]))] as const));
  return { form: def, sheet: def.sheet, sheetIndex: 1, cells, groupCells: new Map(), texts: textMap, notes, filledCount: filled, windowLine: null };
}

export interface FileSpec {
  readonly file: string;
  readonly unit: string;
  /** form code → values; every other form is present and blank (all forms are required by default). */
  readonly forms?: Readonly<Record<string, Values>>;
  readonly notes?: Readonly<Record<string, string>>;
  readonly texts?: Readonly<Record<string, Texts>>;
  /** dcterms:modified (received date, PERIODS.md §7 source 2); undefined: 15/09/2023, null: none. */
  readonly modified?: string | null;
  /** Ngày lập; undefined: 10/09/2023, null: none. */
  readonly ngayLap?: string | null;
  readonly period?: Period;
}

export interface UnitSpec {
  readonly code: string;
  readonly khoi?: Khoi;
  readonly type?: UnitType;
  readonly validFrom?: string | null;
  readonly validTo?: string | null;
}

export function rosterOf(units: readonly UnitSpec[]): Roster {
  const rows: RosterRow[] = units.map((u, i) => ({
    code: u.code,
    name: `Đơn vị ${u.code}`,
    type: u.type ?? "VU",
    khoi: u.khoi ?? "TRONG_NUOC",
    validFrom: u.validFrom ?? null,
    validTo: u.validTo ?? null,
    line: i + 2,
  }));
  return { rows, source: "test", isDefault: false };
}

function submissionOf(f: FileSpec, i: number): Submission {
  const forms = FORMS.map((def) => formRead(def, f.forms?.[def.code] ?? {}, f.notes?.[def.code] ?? "", f.texts?.[def.code] ?? {}));
  const ngayLap = f.ngayLap === undefined ? "2023-09-10" : f.ngayLap;
  const sub = makeSubmission({ file: f.file, sha256: String(i + 1).padStart(64, "0"), unit: f.unit, period: f.period ?? PERIOD_9M, ngayLap: ngayLap ?? "2023-09-10", forms });
  return { ...sub, ngayLap, modified: f.modified === undefined ? "2023-09-15T02:00:00Z" : f.modified };
}

export async function runOf(units: readonly UnitSpec[], files: readonly FileSpec[], options: RunOptions = {}, period: Period = PERIOD_9M): Promise<ValidationRun> {
  const subs = new Map(files.map((f, i) => [f.file, submissionOf(f, i)] as const));
  const read = async (input: { file: string }): Promise<ReadOutcome> => {
    const submission = subs.get(input.file);
    if (!submission) throw new Error(`no submission ${input.file}`);
    return { kind: "submission", submission };
  };
  return runValidation(
    files.map((f, i) => ({ file: f.file, bytes: new Uint8Array([i]) })),
    { roster: rosterOf(units), period, options, read },
  );
}
