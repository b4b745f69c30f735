/**
 * Cell values (WORKBOOKS.md §1.5, FORMS.md §1.2). `plainFromRaw` is the one place where a cell as the
 * sheet XML gives it is made plain; `readNumeric`, `readText` and `readDateCell` then read a plain cell
 * under the type the catalogue gives it. Pure TypeScript: runs in Node, browsers and Web Workers.
 */
import type { ValueType } from "../catalogue/types";
import { excelSerialToIsoDate, formatDateVi, isIsoDate, isoDateToExcelSerial } from "../dates";
import { detached, nfc } from "../text";
import type { CellIssue, NumericRead, PlainCell, RawCell } from "./cells.types";

export type { RawCell };

type NumericType = Exclude<ValueType, "TEXT">;

/** What a value is: a plain cell without formula facts (`cellOf` adds them, to a copy, when there are any). */
type Content = PlainCell;

// Cells are made by these two functions only, so every one has the same shape (fields in one order): the
// code reading them stays monomorphic, which matters at a few hundred cells per file. A cell without a
// formula is its content itself: one object a cell, not two.
function content(kind: Content["kind"], number: number | null, text: string | null, boolean: boolean | null, date: string | null): Content {
  // Texts detached from the part they were read from: a submission keeps some (ThongTin, notes, findings).
  return { kind, number, text: text === null ? null : detached(text), boolean, date, formula: null, formulaWithoutResult: false, externalLink: false };
}

function cellOf(c: Content, formula: string | null, formulaWithoutResult: boolean, externalLink: boolean): PlainCell {
  if (formula === null && !formulaWithoutResult && !externalLink) return c;
  return { kind: c.kind, number: c.number, text: c.text, boolean: c.boolean, date: c.date, formula: formula === null ? null : detached(formula), formulaWithoutResult, externalLink };
}

const NO_CONTENT: Content = content("empty", null, null, null, null);

/** An empty cell (also what a covered cell of a merge reads as). */
export const EMPTY: PlainCell = cellOf(NO_CONTENT, null, false, false);

// Text that is only white space is blank (§1.5); U+200B is invisible too but not in \s.
const BLANK_RE = /^[\s\u200b]*$/u;

// ---------------------------------------------------------------------------------------------------
// Number formats

/**
 * Whether an Excel number format shows a date or time. Quoted text, `\x` escapes, `_x` / `*x` padding and
 * bracketed colour, condition and locale codes are removed (elapsed time `[h]`, `[mm]`, `[ss]` is kept);
 * what remains must hold a d, m, y, h or s token.
 * It must also hold no digit placeholder (0, #, ?) except fractional seconds (`ss.000`): the workbook
 * reader strips the backslashes of escaped literals (as exceljs did), so `#,##0.00\ \m\²` reaches us as
 * `#,##0.00 m²`, which is a number format, not a date.
 */
export function isDateFormat(format: string | null | undefined): boolean {
  if (format === null || format === undefined || format === "") return false;
  // Asked for every number cell, of a handful of formats a file: each is worked out once.
  const known = DATE_FORMATS.get(format);
  if (known !== undefined) return known;
  const date = isDateFormatText(format);
  if (format.length > DATE_FORMAT_KEPT_LENGTH) return date;
  if (DATE_FORMATS.size >= DATE_FORMATS_KEPT) DATE_FORMATS.clear();
  // Detached: a format cut from styles.xml would keep that file's XML alive.
  DATE_FORMATS.set(detached(format), date);
  return date;
}

/** Formats already worked out: at most DATE_FORMATS_KEPT of at most DATE_FORMAT_KEPT_LENGTH characters (a file may declare thousands). */
const DATE_FORMATS = new Map<string, boolean>();
const DATE_FORMATS_KEPT = 256;
const DATE_FORMAT_KEPT_LENGTH = 128;

function isDateFormatText(format: string): boolean {
  const stripped = format.replace(/"[^"]*"?|\\.|[_*].|\[[^\]]*\]?/gu, (token) =>
    /^\[(?:h+|m+|s+)\]$/iu.test(token) ? "h" : "",
  );
  const withoutFractionalSeconds = stripped.replace(/(s+)\.0+/giu, "$1");
  return /[dmyhs]/iu.test(withoutFractionalSeconds) && !/[0#?]/u.test(withoutFractionalSeconds);
}

// ---------------------------------------------------------------------------------------------------
// Formulas

/**
 * Whether a formula refers to another workbook: a `[n]` or `[name.xlsx]` workbook part before the `!` of
 * a sheet reference (`[1]Sheet1!A1`, `'[1]Sheet 1'!A1`, `'C:\d\[f.xlsx]S'!A1`, `[1]!Name`).
 * Structured table references (`Table1[Col]`) and string literals are not links.
 */
export function isExternalFormula(formula: string): boolean {
  const noStrings = formula.replace(/"(?:[^"]|"")*"/gu, '""');
  // Sheet names cannot contain "[" or "]", so a bracket inside a quoted sheet reference names a workbook.
  for (const match of noStrings.matchAll(/'((?:[^']|'')*)'!/gu)) {
    if (/\[[^\]]+\]/u.test(match[1] ?? "")) return true;
  }
  const noQuoted = noStrings.replace(/'(?:[^']|'')*'/gu, "''");
  return /(?:^|[^\p{L}\p{N}_.\]])\[[^[\]'"]+\][^\s!'"()[\],;+\-*/^&=<>{}]*!/u.test(noQuoted);
}

// ---------------------------------------------------------------------------------------------------
// Values

function textContent(text: string): Content {
  const normalised = nfc(text);
  if (BLANK_RE.test(normalised)) return NO_CONTENT;
  return content("text", null, normalised, null, null);
}

function numberContent(value: number): Content {
  return content("number", value, null, null, null);
}

/** A serial shown as a date, or null when it is outside Excel's dates (Excel shows ##### then). */
function dateContent(serial: number, date1904: boolean): Content | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  try {
    return content("date", serial, null, null, excelSerialToIsoDate(serial, date1904));
  } catch {
    return null;
  }
}

/** A number as stored, shown as a date when its format is a date format. */
function numberOrDate(x: number, numFmt: string | undefined, date1904: boolean): Content {
  if (!Number.isFinite(x)) return content("error", null, "#NUM!", null, null);
  if (isDateFormat(numFmt)) return dateContent(x, date1904) ?? numberContent(x);
  return numberContent(x);
}

/** The content of a cell's value text under its type attribute `t`. */
function rawContent(t: string | undefined, value: string, numFmt: string | undefined, date1904: boolean, sharedString: (index: number) => string | null): Content {
  switch (t) {
    case "s": {
      const text = sharedString(Number.parseInt(value, 10));
      // A reference to a string the file does not have: #REF! at this cell (V-FORMULA-02), the rest is read.
      return text === null ? content("error", null, "#REF!", null, null) : textContent(text);
    }
    case "str":
      return textContent(value);
    case "inlineStr":
      // Inline text is escaped as shared strings are (`_x0009_` is a tab).
      return textContent(decodeEscapes(value));
    case "b":
      return content("boolean", null, null, Number.parseInt(value, 10) !== 0, null);
    case "e":
      return content("error", null, value, null, null);
    case "d":
      return isoDateContent(value, date1904);
    default:
      return storedNumber(value, numFmt, date1904);
  }
}

/**
 * A number as SpreadsheetML stores it (xsd:double without INF and NaN): "12", "-0.5", "1.25E-7"; tested
 * on the trimmed text: no white space in the patterns, so no backtracking over a run of spaces (a pattern
 * with two optional space runs took 12 s on a 100,000-space value; a value may hold millions).
 */
const STORED_NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/u;
const STORED_NOT_FINITE_RE = /^[+-]?(?:INF|NaN|Infinity)?$/u;

/**
 * A number cell's stored text. Excel writes only numbers there; an exporter in a Vietnamese locale may
 * write "12,5", and a hostile file anything. Such a text is read as the text it is (so §1.5's text
 * grammar reads "12,5" as 12.5 and says so, and "12abc" is V-TYPE-01 at its cell), never as its leading
 * digits (parseFloat made "12,5" 12 and "1.234.567" 1.234, silently). INF, NaN and nothing are #NUM!.
 */
function storedNumber(value: string, numFmt: string | undefined, date1904: boolean): Content {
  const trimmed = value.trim();
  if (STORED_NUMBER_RE.test(trimmed)) return numberOrDate(Number(trimmed), numFmt, date1904);
  if (STORED_NOT_FINITE_RE.test(trimmed)) return numberOrDate(Number.NaN, numFmt, date1904);
  return textContent(value);
}

/** An ISO 8601 date or date-time, as `t="d"` cells hold it: the date, a time of day or zone dropped. */
const ISO_DATE_CELL_RE = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/u;

/**
 * A `t="d"` cell (ISO 8601 date, as Excel's Strict Open XML, openpyxl's `iso_dates` and other writers
 * give dates) is a date, as a date serial is in a date format (WORKBOOKS.md §1.5: V-TYPE-02 in a numeric
 * cell; a date in ThongTin). Read before as exceljs read it, parseFloat("2023-06-15"): the number 2023.
 * Text that is no date reads as that text (V-TYPE-01 in a numeric cell).
 */
function isoDateContent(value: string, date1904: boolean): Content {
  const iso = ISO_DATE_CELL_RE.exec(value.trim())?.[1];
  if (iso === undefined || !isIsoDate(iso)) return textContent(value);
  try {
    return content("date", isoDateToExcelSerial(iso, date1904), null, null, iso);
  } catch {
    // Before the workbook's date system begins: still that date.
    return content("date", null, null, null, iso);
  }
}

/**
 * Normalise one cell as read from the sheet XML (WORKBOOKS.md §1.5): formulas of every kind read as
 * their cached result; a formula whose cached result is the empty string (`t="str"`, empty `<v>`) reads
 * as an empty cell. `formula` is the cell's formula text (a shared clone's translated from its master).
 */
export function plainFromRaw(
  raw: RawCell,
  formula: string,
  numFmt: string | undefined,
  date1904: boolean,
  sharedString: (index: number) => string | null,
): PlainCell {
  const isFormula = (raw.formula !== undefined && raw.formula !== "") || raw.shareType !== undefined;
  if (!isFormula) {
    if (raw.runs) return cellOf(textContent(decodeEscapes(raw.value ?? "") + raw.runs.map(decodeEscapes).join("")), null, false, false);
    if (raw.value === undefined) return EMPTY;
    return cellOf(rawContent(raw.t, raw.value, numFmt, date1904, sharedString), null, false, false);
  }
  const externalLink = isExternalFormula(formula);
  if (raw.value === undefined || raw.value === "") {
    if (raw.t === "str") return EMPTY;
    return cellOf(NO_CONTENT, formula, true, externalLink);
  }
  const t = raw.t === "s" || raw.t === "inlineStr" ? undefined : raw.t;
  return cellOf(rawContent(t, raw.value, numFmt, date1904, sharedString), formula, false, externalLink);
}

/** Excel's `_xHHHH_` escapes for characters XML cannot hold (upper-case hex, as Excel writes them). */
export function decodeEscapes(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9A-F]{4})_/gu, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

// ---------------------------------------------------------------------------------------------------
// Numbers typed as text

type NumberTextRead =
  | { readonly value: number; readonly rule: "V-TYPE-03" | "V-TYPE-04" | "V-TYPE-05" }
  | { readonly rule: "V-TYPE-06" };

const DASHES = new Set(["-", "\u2013", "\u2014"]);
const SPACES_BETWEEN_DIGITS_RE = /(?<=\d)[ \u00a0\u2009\u202f]+(?=\d)/gu;
const VN_PLAIN_RE = /^(\d+)(?:,(\d+))?$/u;
const VN_GROUPED_RE = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/u;
const EN_PLAIN_RE = /^(\d+)(?:\.(\d+))?$/u;
const EN_GROUPED_RE = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/u;

interface Decimal {
  /** Canonical digits (no leading or trailing zeros): equal keys ⇔ equal values. */
  readonly key: string;
  readonly value: number;
}

function decimalOf(intDigits: string, fracDigits: string): Decimal {
  const intPart = intDigits.replace(/^0+(?=\d)/u, "");
  const fracPart = fracDigits.replace(/0+$/u, "");
  const key = fracPart === "" ? intPart : `${intPart}.${fracPart}`;
  // Number() of a plain decimal string is correctly rounded: as exact as a double can be.
  return { key, value: Number(key) };
}

function readGrammar(text: string, plain: RegExp, grouped: RegExp, groupSep: string): Decimal | null {
  const match = plain.exec(text) ?? grouped.exec(text);
  if (!match) return null;
  return decimalOf((match[1] ?? "").split(groupSep).join(""), match[2] ?? "");
}

/**
 * Read a number typed as text (WORKBOOKS.md §1.5): the Vietnamese convention first ("." groups thousands,
 * "," marks decimals), the English one as a fallback. Null when the text is not a number (V-TYPE-01).
 */
export function parseNumberText(text: string): NumberTextRead | null {
  let s = text.trim();
  if (DASHES.has(s)) return { rule: "V-TYPE-06" };
  s = s.replace(SPACES_BETWEEN_DIGITS_RE, "");
  let negative = false;
  const sign = s.charAt(0);
  if (sign === "+" || sign === "-" || sign === "\u2212") {
    negative = sign !== "+";
    // A space after the sign ("- 5") is tolerated: the intent is unambiguous.
    s = s.slice(1).trimStart();
  }
  const vn = readGrammar(s, VN_PLAIN_RE, VN_GROUPED_RE, ".");
  const en = readGrammar(s, EN_PLAIN_RE, EN_GROUPED_RE, ",");
  const signed = (d: Decimal): number => (negative && d.value !== 0 ? -d.value : d.value);
  if (vn !== null) return { value: signed(vn), rule: en === null || en.key === vn.key ? "V-TYPE-03" : "V-TYPE-04" };
  if (en !== null) return { value: signed(en), rule: "V-TYPE-05" };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Numeric cells

/** Round to 15 significant digits, Excel's precision: 0.30000000000000004 → 0.3. */
export function round15(x: number): number {
  if (x === 0) return 0; // also turns -0 into 0
  if (!Number.isFinite(x)) return x;
  return Number(x.toPrecision(15));
}

/** A non-negative finite number as a plain decimal string, without exponent. */
function plainDecimal(abs: number): string {
  const s = String(abs);
  const match = /^(\d+)(?:\.(\d+))?e([+-]\d+)$/u.exec(s);
  if (!match) return s;
  const fraction = match[2] ?? "";
  const digits = (match[1] ?? "") + fraction;
  const exponent = Number(match[3]) - fraction.length; // value = digits × 10^exponent
  if (exponent >= 0) return digits + "0".repeat(exponent);
  const point = digits.length + exponent;
  return point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${"0".repeat(-point)}${digits}`;
}

/** A number (already 15 digits) as a plain string: "0.3", "-12", "1234567.89". */
function numberText(x: number): string {
  const r = round15(x);
  return (r < 0 ? "-" : "") + plainDecimal(Math.abs(r));
}

/**
 * x × 10^scale as an integer, rounded half away from zero, computed on the decimal digits of x so that
 * 1.2345 → 1235 and 0.125 → 13 exactly; and how many decimals x has.
 */
function scaleExact(x: number, scale: number): { readonly scaled: number; readonly decimals: number } {
  const [intPart = "0", fracPart = ""] = plainDecimal(Math.abs(x)).split(".");
  const kept = intPart + fracPart.padEnd(scale, "0").slice(0, scale);
  const roundUp = (fracPart.charAt(scale) || "0") >= "5";
  const magnitude = Number(kept) + (roundUp ? 1 : 0);
  const scaled = x < 0 && magnitude !== 0 ? -magnitude : magnitude;
  return { scaled, decimals: fracPart.length };
}

const SCALE: Readonly<Record<NumericType, number>> = { INT: 0, MONEY: 3, LAND: 2 };

/**
 * The largest value a cell may hold, in its type's units: its scaled integer stays at most 9 × 10^15, below
 * 2^53, so that sums of scaled integers are exact (FORMS.md §1.2). Beyond it a value is V-TYPE-07 and not
 * counted: 1E+308 thousand đồng has no scaled integer at all (× 1000 is beyond a double), and would make
 * every total it enters infinite.
 */
export const LARGEST_VALUE: Readonly<Record<NumericType, number>> = { INT: 9e15, MONEY: 9e12, LAND: 9e13 };

function issue(rule: string, value: number | string | null, expected: number | string | null = null, detail: string | null = null): CellIssue {
  return { rule, value, expected, detail };
}

function notFilled(issues: readonly CellIssue[]): NumericRead {
  return { scaled: 0, value: 0, filled: false, issues };
}

/** V-NEG-01, V-INT-01 and V-DEC-01, judged on the 15-digit value (FORMS.md §1.2). */
function readNumber(x: number, type: NumericType, issues: CellIssue[]): NumericRead {
  if (Number.isInteger(x) && Math.abs(x) <= LARGEST_VALUE[type] && Math.abs(x) < 1e15) {
    // Most cells: an integer of at most 15 digits is its own 15-digit value, has no decimals, and x × 10^scale
    // rounds as the digit string does (both are the exact product, correctly rounded).
    const value = x === 0 ? 0 : x;
    if (value < 0) issues.push(issue("V-NEG-01", value));
    const factor = 10 ** SCALE[type];
    const product = value * factor;
    // As a small integer where it is one (as Number(digits) gives it): it crosses threads in fewer bytes.
    const scaled = product >= -0x80000000 && product <= 0x7fffffff ? product | 0 : product;
    return { scaled, value: scaled / factor, filled: true, issues };
  }
  const value15 = round15(x);
  if (!Number.isFinite(value15)) return notFilled([...issues, issue("V-TYPE-01", String(x))]);
  if (Math.abs(value15) > LARGEST_VALUE[type]) return notFilled([...issues, issue("V-TYPE-07", value15, LARGEST_VALUE[type])]);
  if (value15 < 0) issues.push(issue("V-NEG-01", value15));
  const scale = SCALE[type];
  const factor = 10 ** scale;
  const { scaled, decimals } = scaleExact(value15, scale);
  if (type === "INT") {
    // The sum takes the integer rounded half away from zero (as for V-DEC-01); the error blocks the
    // file anyway unless acceptWithErrors is set. V-DEC-01 is not given as well (FORMS.md §6.2).
    if (decimals > 0) issues.push(issue("V-INT-01", value15, scaled));
  } else if (decimals > scale) {
    issues.push(issue("V-DEC-01", value15, scaled / factor, String(scale)));
  }
  return { scaled, value: scaled / factor, filled: true, issues };
}

/** How a cached value is shown in messages: numbers as numbers, dates dd/MM/yyyy, TRUE/FALSE. */
function shownValue(plain: PlainCell): number | string | null {
  switch (plain.kind) {
    case "number":
      return plain.number === null ? null : round15(plain.number);
    case "date":
      // ISO in the JSON; messages show dd/MM/yyyy (makeFinding formats ISO dates).
      return plain.date;
    case "boolean":
      return plain.boolean === true ? "TRUE" : "FALSE";
    case "text":
    case "error":
      return plain.text;
    case "empty":
      return null;
  }
}

/**
 * Read a cell of a numeric column (WORKBOOKS.md §1.5): the exact scaled integer (INT × 1, MONEY × 1000,
 * LAND × 100), whether it counts as filled, and the issues met.
 */
export function readNumeric(plain: PlainCell, type: NumericType): NumericRead {
  if (plain.formulaWithoutResult) {
    return notFilled([issue("V-FORMULA-01", plain.formula === null || plain.formula === "" ? null : `=${plain.formula}`)]);
  }
  const issues: CellIssue[] = [];
  // An external link's cached value is used, and said so; an error result is reported as such instead.
  if (plain.formula !== null && plain.externalLink && plain.kind !== "error" && plain.kind !== "empty") {
    issues.push(issue("V-FORMULA-03", shownValue(plain)));
  }
  switch (plain.kind) {
    case "empty":
      return notFilled(issues);
    case "error":
      return notFilled([...issues, issue("V-FORMULA-02", plain.text)]);
    case "date":
    case "boolean":
      return notFilled([...issues, issue("V-TYPE-02", shownValue(plain))]);
    case "number":
      return readNumber(plain.number ?? 0, type, issues);
    case "text": {
      const text = (plain.text ?? "").trim();
      const parsed = parseNumberText(text);
      if (parsed === null) return notFilled([...issues, issue("V-TYPE-01", text)]);
      if (parsed.rule === "V-TYPE-06") {
        return { scaled: 0, value: 0, filled: true, issues: [...issues, issue("V-TYPE-06", text, 0)] };
      }
      issues.push(issue(parsed.rule, text, round15(parsed.value)));
      return readNumber(parsed.value, type, issues);
    }
  }
}

/** The text of a TEXT cell: numbers as plain digits, dates dd/MM/yyyy, booleans TRUE/FALSE, "" when blank. */
export function readText(plain: PlainCell): string {
  switch (plain.kind) {
    case "empty":
      return "";
    case "number":
      return plain.number === null ? "" : numberText(plain.number);
    case "date":
      return plain.date === null ? "" : formatDateVi(plain.date);
    case "boolean":
      return plain.boolean === true ? "TRUE" : "FALSE";
    case "text":
    case "error":
      return plain.text ?? "";
  }
}

/**
 * The ISO date of a ThongTin date cell: a date cell, or a bare number taken as a serial in the
 * workbook's date system (the label says it is a date). Null for text (the caller parses it) and for
 * anything else, including numbers that are no date (below serial 1, or beyond 9999-12-31).
 */
export function readDateCell(plain: PlainCell, date1904: boolean): string | null {
  if (plain.kind === "date") return plain.date;
  if (plain.kind !== "number" || plain.number === null || plain.number < 1) return null;
  return dateContent(plain.number, date1904)?.date ?? null;
}

/** A cell's text for label matching: text and error values as written, numbers as JavaScript prints them, else "". */
export function labelText(v: PlainCell): string {
  switch (v.kind) {
    case "text":
    case "error":
      return v.text ?? "";
    case "number":
      return v.number === null ? "" : String(v.number);
    default:
      return "";
  }
}
