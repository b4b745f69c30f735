/**
 * Text helpers shared by every part of the core. All text that is compared or written goes through
 * NFC first (WORKBOOKS.md: NFD input, e.g. from macOS, must read the same).
 */

/** Unicode NFC. */
export function nfc(text: string): string {
  // Below U+0300 nothing composes or decomposes (combining marks start there): most cell texts and labels.
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return text.normalize("NFC");
  return text;
}

/** Trim and collapse runs of white space (including NBSP) to one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u2009\u202f]+/gu, " ").trim();
}

/**
 * A pure text function remembered for short texts: every unit's workbook repeats the same labels, so
 * each is normalised or folded once per run rather than once per file. Bounded: past `size` texts it
 * starts again, so a file of a million distinct strings costs no more than without it.
 */
class TextMemo {
  private readonly known = new Map<string, string>();
  constructor(
    private readonly fn: (text: string) => string,
    private readonly size = 20_000,
    private readonly longest = 200,
  ) {}

  get(text: string): string {
    if (text.length > this.longest) return this.fn(text);
    const known = this.known.get(text);
    if (known !== undefined) return known;
    const value = this.fn(text);
    if (this.known.size >= this.size) this.known.clear();
    this.known.set(text, value);
    return value;
  }
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
  return LABEL_KEYS.get(text);
}

const LABEL_KEYS = new TextMemo((text) =>
  foldDiacritics(collapseSpaces(nfc(text)))
    .replace(/[:：]\s*$/u, "")
    .replace(/\s+/gu, ""),
);

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
  let text = Number.isInteger(abs) ? abs.toFixed(0) : String(Number(abs.toPrecision(15)));
  if (/e/iu.test(text)) text = abs.toFixed(0);
  const [intPart = "0", frac] = text.split(".");
  const thousands = lang === "vi" ? "." : ",";
  const decimal = lang === "vi" ? "," : ".";
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/gu, thousands);
  return (negative ? "-" : "") + grouped + (frac ? decimal + frac : "");
}

/** Replace `{name}` placeholders; unknown placeholders are left as they are. */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([a-z]+)\}/gu, (whole, name: string) => params[name] ?? whole);
}
