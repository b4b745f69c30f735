/**
 * The form catalogue model (FORMS.md §1). Forms are data: adding a form or a regime is adding
 * records of these types in one place (`catalogue/forms/*.ts` and `catalogue/index.ts`).
 */

/** Value types of FORMS.md §1.2. */
export type ValueType = "INT" | "MONEY" | "LAND" | "TEXT";

/** Column kinds of FORMS.md §1.3 (TEXT columns have none). */
export type ColumnKind = "FLOW" | "CUM" | "OPEN" | "CLOSE" | "PLAN";

export type Severity = "error" | "warning" | "info";

/** `WIDE`: one data row per unit, numbered indicator columns. `ROWS`: rows carry row codes. */
export type FormLayout = "WIDE" | "ROWS";

export interface ColumnDef {
  /** The printed column number: the column's stable key. */
  readonly no: number;
  /** Header texts from top to bottom (`A › B › C`). */
  readonly headerPath: readonly string[];
  /** English gloss. */
  readonly gloss: string;
  /** Unit of measure ("cuộc", "triệu đồng", …); "" for TEXT columns. */
  readonly uom: string;
  readonly type: ValueType;
  /** Null for TEXT columns. */
  readonly kind: ColumnKind | null;
}

/** A row of a ROWS form (KH-TH, PCTN-NB). */
export interface RowDef {
  /** Stable row code: `A1`, `B2`, `P07`, section `I`. */
  readonly code: string;
  /** Vietnamese label as printed in column B. */
  readonly label: string;
  readonly gloss: string;
  /**
   * `data`: a row units fill. `group`: computed from data rows (KH-TH A and B; read only for
   * V-REL-KH-TH-5). `section`: a heading with no data (PCTN I…VI).
   */
  readonly role: "data" | "group" | "section";
  /** Data rows a group row sums (KH-TH: A = A1+A2+A3). */
  readonly members?: readonly string[];
  /** PCTN-NB: the unit of measure printed in column C. */
  readonly uom?: string;
  /** PCTN-NB: the value type of the row's single numeric column. */
  readonly type?: ValueType;
  /** PCTN-NB: the row's kind (FLOW, or CLOSE for P07 and P10). */
  readonly kind?: ColumnKind;
  /** KH-TH: ad hoc by nature (B2, B3). */
  readonly adHoc?: boolean;
}

/** One validation rule over a form's cells, in the expression language of FORMS.md §1.4. */
export interface RuleDef {
  /** `V-ID-01/TCD-1`, `V-REL-KH-TH-3`, … */
  readonly id: string;
  /** Expression, e.g. `c1 = c4 + c13 + c22`, `c6 > 0 => c7 >= 1`, `P04 <= P03`. */
  readonly expr: string;
  readonly severity: Severity;
  /**
   * ROWS forms: the data rows the rule runs on (default: every data row). A rule that names rows in
   * its expression runs once.
   */
  readonly rows?: readonly string[];
  /** Per-row severity overrides (KH-TH V-ID-KH-TH-1 is a warning on B2, B3). */
  readonly severityByRow?: Readonly<Record<string, Severity>>;
  /** Short English note explaining the rule. */
  readonly note?: string;
  /**
   * KH-TH V-REL-KH-TH-5 only: a check of a submitted group cell (`A.c3 = A1.c3 + A2.c3 + A3.c3`). It runs
   * only where that cell (the first term on the left) is filled. The id is shared by the 20 rules
   * (groups A, B × columns 1–10), which differ by their left-hand cell.
   */
  readonly groupCheck?: true;
}

export interface FormDef {
  /** As printed after "Biểu số:": `01/TCD`, `KH-TH`, `PCTN-NB`. */
  readonly code: string;
  /** Canonical sheet name: `01_TCD`, `KH_TH`, `PCTN`. */
  readonly sheet: string;
  /** Exact label text: `Biểu số: 01/TCD`. */
  readonly label: string;
  /** Upper-case title line. */
  readonly title: string;
  /** Other titles in public use: recognised by readers, never written. */
  readonly altTitles: readonly string[];
  /** The "Đơn vị tính: …" line. */
  readonly unitLine: string;
  readonly layout: FormLayout;
  readonly headerDepth: number;
  /**
   * The code-row texts the product writes, left to right, label columns first:
   * WIDE `["MS", "1=2+3=4+5", "2", …]`; ROWS `["A", "B", "1", …]` (PCTN `["A","B","C","1","2"]`).
   */
  readonly codeRow: readonly string[];
  /**
   * Label columns of a ROWS form, left of the numbered columns, with their header captions
   * (KH-TH: Mã số, Loại hoạt động; PCTN: Mã số, Chỉ tiêu, Đơn vị tính). WIDE forms: `["Đơn vị"]`.
   */
  readonly labelColumns: readonly string[];
  readonly columns: readonly ColumnDef[];
  /** ROWS forms: the rows in print order. WIDE forms: empty. */
  readonly rows: readonly RowDef[];
  readonly rules: readonly RuleDef[];
  /** Number printed on the notes line `<n>. Ghi chú:` (= last column number + 1). */
  readonly notesNo: number;
  /** Provenance tag of FORMS.md. */
  readonly status: "DESIGN" | "OFFICIAL-IMPL";
}

/** A reporting regime: a named, versioned list of forms (FORMS.md: `TT01_2024`). */
export interface Regime {
  readonly id: string;
  /** Written in "Phiên bản biểu mẫu": `TT01_2024-v1`. */
  readonly version: string;
  readonly forms: readonly FormDef[];
}
