/**
 * Shapes of cell reading (WORKBOOKS.md §1.5), shared by the cell normaliser and the reader.
 */

/** A cell's content after the one normalisation step (cells.ts `plainFromRaw`): its XML, made plain. */
export interface PlainCell {
  /** What the cell holds, or, for a formula, what its cached result is. */
  readonly kind: "empty" | "number" | "text" | "boolean" | "date" | "error";
  /** kind number: the number as stored. kind date: the Excel serial (in the workbook's date system). */
  readonly number: number | null;
  /** kind text: the plain text (rich text joined, hyperlink text), NFC. kind error: "#REF!" etc. */
  readonly text: string | null;
  /** kind boolean. */
  readonly boolean: boolean | null;
  /** kind date: the calendar date (ISO yyyy-MM-dd), whatever the date system. */
  readonly date: string | null;
  /** The formula text when the cell holds a formula (shared, array or plain), else null. */
  readonly formula: string | null;
  /** A formula whose cached result is absent (never calculated and saved). */
  readonly formulaWithoutResult: boolean;
  /** A formula that refers to another workbook (`[1]Sheet!A1`, `'[f.xlsx]S'!A1`, `'C:\…\[f.xlsx]S'!A1`). */
  readonly externalLink: boolean;
}

/** One problem met while reading a numeric cell; turned into a Finding by the caller. */
export interface CellIssue {
  /** V-TYPE-01…07, V-NEG-01, V-INT-01, V-DEC-01, V-FORMULA-01…03. */
  readonly rule: string;
  /** `{value}` of the message: the text or number as found. */
  readonly value: number | string | null;
  /** `{expected}`: the number read, or the rounded number. */
  readonly expected: number | string | null;
  /** `{detail}` (V-DEC-01: the allowed number of decimals). */
  readonly detail: string | null;
}

/** A numeric cell read under its column's type. */
export interface NumericRead {
  /**
   * The value as an exact scaled integer: INT as is, MONEY × 1000, LAND × 100 (FORMS.md §1.2).
   * 0 when not filled.
   */
  readonly scaled: number;
  /** The value in display units (scaled ÷ factor), for messages and provenance. */
  readonly value: number;
  /** Whether the cell counts as filled (blank and unreadable text do not; a lone dash does). */
  readonly filled: boolean;
  readonly issues: readonly CellIssue[];
}

/**
 * A cell as its sheet XML gives it, before normalisation: the `t` and `s` attributes, the text of its
 * `<v>` (or inline `<t>`), rich-text runs, and its `<f>` element.
 */
export interface RawCell {
  readonly t: string | undefined;
  readonly s: number | undefined;
  readonly value: string | undefined;
  readonly runs: readonly string[] | null;
  readonly formula: string | undefined;
  readonly shareType: string | undefined;
  readonly si: string | undefined;
  readonly ref: string | undefined;
}
