/**
 * Text as a cell can hold it (WORKBOOKS.md §2.1), for every string written into a cell of the report,
 * an annotated copy or a template. Excel holds at most 32,767 characters in a cell and refuses a file
 * with more; XML 1.0 cannot carry some control characters at all, and exceljs silently deletes them.
 * Pure: no exceljs here, so any writer (exceljs or SpreadsheetML written directly) can call it.
 */

/** Excel's limit: characters in one cell, counted as Excel counts them (UTF-16 code units). */
export const CELL_TEXT_LIMIT = 32_767;

/** Longer text keeps this many characters, then the marker. */
export const CELL_TEXT_CUT = 32_000;

/** The marker after cut text (§2.1): N is the original length. */
export function cutMarker(length: number): string {
  return `… (cắt bớt, ${length} ký tự)`;
}

/**
 * Characters written as `_xHHHH_` (§2.1, as Excel does): the C0 controls XML 1.0 cannot carry, U+FFFE,
 * U+FFFF and unpaired surrogates (with the u flag a paired surrogate is one astral code point and does
 * not match), and U+007F, which XML allows but exceljs deletes. An `_` that starts a literal `_xHHHH_`
 * is written `_x005F_`, so that text reads back as typed rather than as an escape.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPED = /_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uD800-\uDFFF\uFFFE\uFFFF]/gu;

const ESCAPED_ANY = new RegExp(ESCAPED.source, "u");

function escapeOne(ch: string): string {
  return `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
}

/**
 * Text over the limit cut to CELL_TEXT_CUT characters (never inside a surrogate pair) plus the marker;
 * `original` is the length the marker gives (the text's own, unless a label was put before it).
 */
export function cutForCell(text: string, original = text.length): string {
  if (text.length <= CELL_TEXT_LIMIT) return text;
  let end = CELL_TEXT_CUT;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // keep a pair whole: drop its first half too
  return text.slice(0, end) + cutMarker(original);
}

/** Characters a cell cannot carry as `_xHHHH_` (see ESCAPED). */
export function escapeForCell(text: string): string {
  return text.replace(ESCAPED, escapeOne);
}

/** The one function every string goes through on its way into a cell: cut, then escaped. */
export function cellText(text: string): string {
  return escapeForCell(cutForCell(text));
}

/**
 * A unit's text after a label of the report's own ("<unit name>: "), as `cellText` writes it, except
 * that a cut text's marker gives the length of what the unit sent, not of the label with it.
 */
export function labelledCellText(label: string, text: string): string {
  return escapeForCell(cutForCell(label + text, text.length));
}

/** Whether `cellText` changes `text` (most strings: no, so writers can leave them alone). */
export function needsCellText(text: string): boolean {
  return text.length > CELL_TEXT_LIMIT || ESCAPED_ANY.test(text);
}

/** A cell value with its text, if it is text, through `cellText`; numbers, dates and null pass as they are. */
export function cellValue<T>(value: T): T {
  // T is string exactly when value is: cellText returns a string for a string.
  return (typeof value === "string" ? cellText(value) : value) as T;
}
