/**
 * The form catalogue of regime TT01_2024 (FORMS.md) and lookups over it. Every other module reads
 * forms through here, so a second regime is a second list, not new code paths.
 */
import { nfc } from "../text";
import { KH_TH } from "./forms/khth";
import { KQGQ_01 } from "./forms/kqgq01";
import { KQGQ_03 } from "./forms/kqgq03";
import { PCTN_NB } from "./forms/pctn";
import { TCD_01 } from "./forms/tcd01";
import { TCD_02 } from "./forms/tcd02";
import { TTR_01 } from "./forms/ttr01";
import { XLD_01 } from "./forms/xld01";
import type { ColumnDef, FormDef, Regime, RowDef, ValueType } from "./types";

export type * from "./types";
export { KH_TH, TTR_01, TCD_01, TCD_02, XLD_01, KQGQ_01, KQGQ_03, PCTN_NB };

/** Written in "Phiên bản biểu mẫu" (WORKBOOKS.md §1.2). */
export const CATALOGUE_VERSION = "TT01_2024-v1";

/** The forms in the order of FORMS.md §2: the sheet order of submission and report workbooks. */
export const FORMS: readonly FormDef[] = [KH_TH, TTR_01, TCD_01, TCD_02, XLD_01, KQGQ_01, KQGQ_03, PCTN_NB];

export const TT01_2024: Regime = { id: "TT01_2024", version: CATALOGUE_VERSION, forms: FORMS };

/**
 * Form-code key (FORMS.md §2): upper case, no white space, each of `_`, `-`, `/` as `/`.
 * `01_TCD`, `01/tcd`, `01-TCD` → `01/TCD`; `KH_TH` → `KH/TH`.
 */
export function normaliseFormCode(text: string): string {
  return nfc(text)
    .toUpperCase()
    .replace(/[\s\u00a0\u2009\u202f]+/gu, "")
    .replace(/[_\-/]/gu, "/");
}

/** The form whose code matches `code` after normalisation; undefined if none. */
export function formByCode(code: string): FormDef | undefined {
  return FORMS_BY_CODE.get(normaliseFormCode(code));
}

const FORMS_BY_CODE: ReadonlyMap<string, FormDef> = new Map(FORMS.map((f) => [normaliseFormCode(f.code), f]));

/**
 * The form whose code or canonical sheet name matches `text` after normalisation, so both `PCTN`
 * and `pctn-nb` find PCTN-NB (WORKBOOKS.md §1.4 sheet-name fallback); null if none.
 */
export function findFormByCodeOrSheet(text: string): FormDef | null {
  const key = normaliseFormCode(text);
  if (key === "") return null;
  return (
    FORMS.find((f) => normaliseFormCode(f.code) === key) ??
    FORMS.find((f) => normaliseFormCode(f.sheet) === key) ??
    null
  );
}

/** Columns holding numbers (INT, MONEY, LAND): everything but the TEXT notes columns. */
export function numericColumns(form: FormDef): ColumnDef[] {
  return form.columns.filter((c) => c.type !== "TEXT");
}

/** Rows units fill (ROWS forms): no group rows, no section rows. WIDE forms: []. */
export function dataRows(form: FormDef): RowDef[] {
  return form.rows.filter((r) => r.role === "data");
}

export function columnByNo(form: FormDef, no: number): ColumnDef | undefined {
  return form.columns.find((c) => c.no === no);
}

export function rowByCode(form: FormDef, code: string): RowDef | undefined {
  return form.rows.find((r) => r.code === code);
}

/**
 * The value type of a cell: the column's, except that a row may carry its own (PCTN-NB's single
 * numeric column is money on P16 and P17). The one place this rule lives.
 */
export function cellValueType(form: FormDef, row: string | null, col: number): ValueType {
  const column = columnByNo(form, col);
  const rowDef = row ? rowByCode(form, row) : undefined;
  if (column && column.type !== "TEXT" && rowDef?.type) return rowDef.type;
  return column?.type ?? "INT";
}

/** Exact arithmetic (FORMS.md §1.2): money is held × 1000, land × 100, as integers. */
export const SCALE_FACTOR: Readonly<Record<ValueType, number>> = { INT: 1, MONEY: 1000, LAND: 100, TEXT: 1 };

/** Options `requiredForms` (by `loai_dv`) and `requiredFormsByUnit` (by `ma_dv`) of FORMS.md §2. */
export interface SubmissionOptions {
  readonly requiredForms?: Readonly<Record<string, readonly string[]>>;
  readonly requiredFormsByUnit?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The forms a unit must submit, in catalogue order. A unit entry overrides its type's entry; a unit
 * with neither submits every form (the default). Codes match as in `normaliseFormCode`; codes
 * naming no form are ignored here (checking the options is the options reader's job).
 */
export function requiredFormsFor(unitCode: string, unitType: string, options: SubmissionOptions = {}): FormDef[] {
  const byUnit = options.requiredFormsByUnit;
  const byType = options.requiredForms;
  const list =
    byUnit && Object.hasOwn(byUnit, unitCode)
      ? byUnit[unitCode]
      : byType && Object.hasOwn(byType, unitType)
        ? byType[unitType]
        : undefined;
  if (list === undefined) return [...FORMS];
  const keys = new Set(list.map(normaliseFormCode));
  return FORMS.filter((f) => keys.has(normaliseFormCode(f.code)));
}

/** Default option `rateRows` (FORMS.md §3.1): the KH-TH rows counted in R-KH-A and R-KH-B. */
export const RATE_ROWS_DEFAULT: Readonly<{ A: readonly string[]; B: readonly string[] }> = {
  A: ["A1", "A2", "A3"],
  B: ["B1", "B4", "B5", "B6"],
};
