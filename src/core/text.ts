/**
 * Text helpers shared by every part of the core. All text that is compared or written goes through
 * NFC first (WORKBOOKS.md: NFD input, e.g. from macOS, must read the same).
 */

/** Unicode NFC. */
export function nfc(text: string): string {
  // A text of characters below U+0300 (combining marks start there) and of Latin Extended Additional
  // (U+1E00–U+1EFF: Vietnamese's precomposed letters, "ế", "ộ") is already NFC: none of them decomposes
  // in NFC or composes with its neighbour (tests/text-memo.test.ts checks every pair). Most cell texts.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) return text.normalize("NFC");
  }
  return text;
}

/**
 * `text` as a string of its own. V8 keeps a cut of 13 or more characters (`slice`, a regular expression's
 * group) as a view into the text it was cut from, and a joined text as its pieces: one cell text kept in a
 * Submission kept its whole part's XML alive (the shared strings, ~28 KB a file, a third of what a
 * submission held; tests/regressions/kept-text-holds-part-xml.test.ts). Shorter texts are copied anyway.
 */
export function detached(text: string): string {
  // The join makes V8 copy the characters into a new flat text; the cut then views that copy alone.
  return text.length < 13 ? text : (" " + text).slice(1);
}

/** A text from a file cut to `max` characters with "…", for a message: a hostile name may be a megabyte long. */
export function cutShort(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Trim and collapse runs of white space (including NBSP) to one space. */
export function collapseSpaces(text: string): string {
  // Most texts (labels, headers) are already so: a look at each character costs less than the replace.
  return isCollapsed(text) ? text : text.replace(/[\s\u00a0\u2009\u202f]+/gu, " ").trim();
}

/** No white space but single spaces between other characters: collapseSpaces would return the text as it is. */
function isCollapsed(text: string): boolean {
  let afterSpace = true; // a leading space is to be trimmed
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (afterSpace) return false;
      afterSpace = true;
    } else if (isOtherSpace(c)) {
      return false;
    } else {
      afterSpace = false;
    }
  }
  return !afterSpace || text.length === 0;
}

/** White space of `\s` (ECMAScript WhiteSpace and LineTerminator) other than U+0020. */
function isOtherSpace(c: number): boolean {
  if (c < 0x80) return c >= 0x09 && c <= 0x0d;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Fold Vietnamese diacritics and case for matching labels: "Quý" → "quy", "Đơn" → "don".
 * The result is lower case ASCII where the input was Vietnamese letters.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/gu, "")
    .replace(/đ/gu, "d")
    .replace(/Đ/gu, "D")
    .toLowerCase()
    .normalize("NFC");
}

/** Key for label matching: NFC, folded, trailing ":" removed, spaces removed. */
export function labelKey(text: string): string {
  // Every unit's workbook repeats the same labels: each is folded once per run, not once per file.
  // Bounded: past LABEL_KEYS_MAX texts it starts again, so a million distinct texts cost no more than without it.
  if (text.length > 200) return foldLabel(text);
  let key = LABEL_KEYS.get(text);
  if (key === undefined) {
    key = foldLabel(text);
    if (LABEL_KEYS.size >= LABEL_KEYS_MAX) LABEL_KEYS.clear();
    LABEL_KEYS.set(text, key);
  }
  return key;
}

const LABEL_KEYS = new Map<string, string>();
const LABEL_KEYS_MAX = 20_000;

function foldLabel(text: string): string {
  return foldDiacritics(collapseSpaces(nfc(text)))
    .replace(/[:：]\s*$/u, "")
    .replace(/\s+/gu, "");
}

export type Lang = "vi" | "en";

/** A text in both languages of the product. */
export interface Localised {
  readonly vi: string;
  readonly en: string;
}

/**
 * Format a number for a message: Vietnamese `1.234,5`, English `1,234.5`. Integers have no
 * decimals; other numbers keep the decimals they have (at most 15 significant digits).
 */
export function formatNumber(value: number, lang: Lang): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  // As Excel shows it ("1E+308"): beyond 10^21 toFixed's digits are the double's binary expansion, not the number typed.
  if (abs >= 1e21) return (negative ? "-" : "") + abs.toExponential().replace("e", "E").replace(".", lang === "vi" ? "," : ".");
  const text = Number.isInteger(abs) ? (abs > Number.MAX_SAFE_INTEGER ? integerOf15Digits(abs) : abs.toFixed(0)) : plainDecimal(Number(abs.toPrecision(15)));
  const [intPart = "0", frac] = text.split(".");
  const thousands = lang === "vi" ? "." : ",";
  const decimal = lang === "vi" ? "," : ".";
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/gu, thousands);
  return (negative ? "-" : "") + grouped + (frac ? decimal + frac : "");
}

/**
 * An integer beyond 2^53 with its first 15 significant digits and zeros after, as Excel shows it
 * (WORKBOOKS.md §1.5): toFixed gives the double's binary expansion, digits nobody typed (885664978252963000
 * was shown 885.664.978.252.962.944).
 */
function integerOf15Digits(abs: number): string {
  const [mantissa = "0", exponent] = abs.toPrecision(15).split("e+");
  const digits = mantissa.replace(".", "");
  return exponent === undefined ? digits : digits.padEnd(Number(exponent) + 1, "0");
}

/**
 * A positive fraction's digits without an exponent: String gives "1e-7" below 10^-6, which a message
 * must show as 0,0000001 (a formula's leftover 1E-16 is not 0).
 */
function plainDecimal(abs: number): string {
  const text = String(abs);
  const exp = /^(\d)(?:\.(\d+))?e-(\d+)$/u.exec(text);
  if (exp === null) return text;
  return `0.${"0".repeat(Number(exp[3]) - 1)}${exp[1] ?? ""}${exp[2] ?? ""}`;
}

/** Replace `{name}` placeholders; unknown placeholders are left as they are. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z]+)\}/gu, (whole, name: string) => params[name] ?? whole);
}

/** How many code points `s` has from UTF-16 index `i` on. */
function codePointsFrom(s: string, i: number): number {
  let n = 0;
  for (let k = i; k < s.length; k += (s.codePointAt(k) ?? 0) > 0xffff ? 2 : 1) n++;
  return n;
}

/** Unicode code-point order (JavaScript's `<` compares UTF-16 code units). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  // Walk both by code point without copying them (sorting calls this thousands of times).
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(j) ?? 0;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return codePointsFrom(a, i) - codePointsFrom(b, j);
}

/**
 * A part name or target with its %-escapes undone ("sheet%204.xml" → "sheet 4.xml": a relationship's target
 * is a URI); a malformed escape leaves the text as written.
 */
export function uriDecoded(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
