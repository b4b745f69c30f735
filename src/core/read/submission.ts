/** What the reader makes of one workbook (WORKBOOKS.md §1): values with their sheet and cell. */
import type { FormDef } from "../catalogue/types";
import type { Finding } from "../findings";
import type { Period } from "../periods";

/** One numeric cell of a form, as read. */
export interface ReadCell {
  /** Exact scaled integer (MONEY × 1000, LAND × 100). */
  readonly scaled: number;
  /** Value in display units. */
  readonly value: number;
  readonly filled: boolean;
  readonly sheet: string;
  readonly cell: string;
}

/** Row key of a WIDE form's single data row. */
export const WIDE_ROW = "";

export interface FormRead {
  readonly form: FormDef;
  /** The sheet as named in the file. */
  readonly sheet: string;
  readonly sheetIndex: number;
  /** Numeric cells: row code (WIDE_ROW for WIDE forms) → column number → cell. */
  readonly cells: ReadonlyMap<string, ReadonlyMap<number, ReadCell>>;
  /** KH-TH group rows A and B, read only for V-REL-KH-TH-5. */
  readonly groupCells: ReadonlyMap<string, ReadonlyMap<number, ReadCell>>;
  /** TEXT cells per row (ROWS forms and 02/TCD): row code → column → text. */
  readonly texts: ReadonlyMap<string, ReadonlyMap<number, string>>;
  /** The notes: the texts of a notes column (§1.4 item 3), then the notes line's text, joined by a space ("" when none). */
  readonly notes: string;
  /** Number of filled numeric cells (drives V-BLANK-01). */
  readonly filledCount: number;
  /** The window line ("Số liệu tính từ ngày … đến ngày …"), when the sheet has one. */
  readonly windowLine: { readonly text: string; readonly cell: string; readonly from: string | null; readonly to: string | null } | null;
}

export interface ThongTinField {
  /** The value's cell, or null when empty; the label's cell when the value is empty. */
  readonly cell: string | null;
  /** Plain text of the value ("" when empty); dates as ISO. */
  readonly text: string;
  /** For date fields: the date read, or null. */
  readonly date: string | null;
  /** The value was a real date cell (not text). */
  readonly isDateCell: boolean;
  /** The label was found. */
  readonly labelFound: boolean;
  /**
   * The error value the field's cell holds ("#N/A" of a broken lookup), its text then "": an error is no
   * unit code nor period (V-FORMULA-02 at the cell; the unit then comes from the file name, §1.2).
   */
  readonly error?: string;
}

export interface ThongTin {
  /** The sheet holding ThongTin data, or null when none. */
  readonly sheet: string | null;
  readonly fields: Readonly<Record<string, ThongTinField>>;
}

/** A workbook read as a submission: everything later steps need, nothing of exceljs. */
export interface Submission {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  /** Unit code from ThongTin, else from the file name; null when neither. */
  readonly unit: string | null;
  readonly unitFromFileName: boolean;
  readonly unitName: string | null;
  /** The period read from "Kỳ báo cáo", or null (V-PERIOD-01). */
  readonly period: Period | null;
  readonly version: string | null;
  readonly ngayLap: string | null;
  /** `dcterms:modified` of the package, as written. */
  readonly modified: string | null;
  readonly thongTin: ThongTin;
  /** Forms found, in catalogue order. */
  readonly forms: readonly FormRead[];
  /** Sheet names in workbook order (for finding order). */
  readonly sheetOrder: readonly string[];
  /** Findings of reading (layout, cell values, file). */
  readonly findings: readonly Finding[];
}

const NO_CELLS: ReadonlyMap<string, ReadonlyMap<number, ReadCell>> = new Map();
const NO_TEXTS: ReadonlyMap<string, ReadonlyMap<number, string>> = new Map();

/**
 * The submission without its values (each form's cells, group cells and texts; the forms, their
 * counts, notes and window lines stay): what a run keeps of it once it is checked when nothing after
 * the checks reads values (RunContext.keepValues). Most of what a submission holds is its values.
 */
export function withoutValues(sub: Submission): Submission {
  return { ...sub, forms: sub.forms.map((f) => ({ ...f, cells: NO_CELLS, groupCells: NO_CELLS, texts: NO_TEXTS })) };
}

/**
 * The submission with only the values a report reads (RunContext.keepValues "filled"): each form's
 * filled cells and its texts. A blank cell is 0 and not filled, which is what the totals, the report's
 * unit rows and NguonSoLieu make of a cell that is not there; group cells serve one check only. Blank
 * cells are most of a form's cells: a run that writes a report keeps a third of what it did.
 */
export function withFilledValues(sub: Submission): Submission {
  return { ...sub, forms: sub.forms.map((f) => ({ ...f, cells: filledOnly(f.cells), groupCells: NO_CELLS })) };
}

function filledOnly(cells: ReadonlyMap<string, ReadonlyMap<number, ReadCell>>): ReadonlyMap<string, ReadonlyMap<number, ReadCell>> {
  const out = new Map<string, ReadonlyMap<number, ReadCell>>();
  for (const [row, cols] of cells) {
    let kept: Map<number, ReadCell> | null = null;
    for (const [col, cell] of cols) if (cell.filled) (kept ??= new Map()).set(col, cell);
    if (kept) out.set(row, kept);
  }
  return out;
}

/** What a run keeps of a checked submission's values: all, the filled cells and texts (a report), or none. */
export type KeptValues = "all" | "filled" | "none";

/** The submission as a run keeps it once checked. */
export function keptValues(sub: Submission, kept: KeptValues): Submission {
  return kept === "all" ? sub : kept === "filled" ? withFilledValues(sub) : withoutValues(sub);
}

/** The outcome of reading one input file. */
export type ReadOutcome =
  | { readonly kind: "submission"; readonly submission: Submission }
  | {
      readonly kind: "unreadable" | "not-a-submission";
      readonly file: string;
      readonly sha256: string;
      readonly size: number;
      /** Unit from the file name `BM_<ma_dv>_…`, when it parses. */
      readonly unit: string | null;
      readonly modified: string | null;
      readonly findings: readonly Finding[];
      /**
       * The file's bytes were never read (the host could not: a link to nothing, a file gone or refused
       * by the system): its digest is of no bytes, so it is never taken for a copy of another input.
       */
      readonly notRead?: true;
    };
