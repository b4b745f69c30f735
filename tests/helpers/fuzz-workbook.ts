/**
 * In-memory submissions for the fuzz test: a blank template's parts, its input cells found by this
 * file's own reading of the template XML (labels, code rows, row codes: never the product's reader),
 * values written into the sheet XML, and package mutations (rows and columns inserted, sheets renamed
 * and reordered, parts deleted, bytes flipped, files truncated).
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

export type ValueType = "INT" | "MONEY" | "LAND";
export const SCALE: Readonly<Record<ValueType, number>> = { INT: 0, MONEY: 3, LAND: 2 };

/** One numeric cell of a form: the JSON totals key (sheet, row code or TOTAL, column number). */
export interface CellKey {
  readonly sheet: string;
  readonly row: string;
  readonly col: number;
  readonly type: ValueType;
}
export const keyText = (k: { sheet: string; row: string; col: number }): string => `${k.sheet}|${k.row}|${k.col}`;

/** Where a form's cells are in the blank template. */
interface FormPlace {
  readonly part: string;
  /** Column number → column letters. */
  readonly cols: ReadonlyMap<number, string>;
  /** Row code (TOTAL for the unit's row of a WIDE form) → row number. */
  readonly rows: ReadonlyMap<string, number>;
}

export interface Template {
  readonly parts: ReadonlyMap<string, Uint8Array>;
  /** Sheet name → part path, in workbook order. */
  readonly sheets: ReadonlyArray<{ readonly name: string; readonly part: string }>;
  /** Canonical sheet name → place. */
  readonly forms: ReadonlyMap<string, FormPlace>;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/giu, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()] ?? "";
  });
}

function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/gu)].map((m) => unescapeXml(m[1] ?? "")).join("");
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function columnLetters(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Text of every non-empty cell of a sheet part: "B12" → text. */
function cellTexts(xml: string, shared: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gsu)) {
    const [, ref = "", attrs = "", inner = ""] = m;
    const v = /<v>([^<]*)<\/v>/u.exec(inner)?.[1];
    if (/\bt="s"/u.test(attrs) && v !== undefined) out.set(ref, shared[Number(v)] ?? "");
    else if (/\bt="inlineStr"/u.test(attrs)) out.set(ref, texts(inner));
    else if (v !== undefined) out.set(ref, unescapeXml(v));
  }
  return out;
}

const ROW_CODES = /^(A[1-3]|B[1-6]|P(0[1-9]|1[0-9]))$/u;

function formPlace(part: string, cells: Map<string, string>): [string, FormPlace] | null {
  const label = [...cells].find(([ref, t]) => Number(/\d+/u.exec(ref)?.[0]) <= 20 && /^Biểu số:/u.test(t.normalize("NFC")));
  if (!label) return null;
  const code = label[1].normalize("NFC").replace(/^Biểu số:\s*/u, "").trim();
  const sheet = code === "KH-TH" ? "KH_TH" : code === "PCTN-NB" ? "PCTN" : code.replace("/", "_");
  const at = (col: string, row: number): string => cells.get(`${col}${row}`)?.trim() ?? "";
  let codeRow = 0;
  for (let r = 1; r <= 60 && codeRow === 0; r++) if (at("A", r) === "MS" || (at("A", r) === "A" && at("B", r) === "B")) codeRow = r;
  if (codeRow === 0) throw new Error(`${sheet}: no code row in the template`);
  const cols = new Map<number, string>();
  for (const [ref, t] of cells) {
    const m = /^([A-Z]+)(\d+)$/u.exec(ref);
    const n = /^\s*(\d+)\s*(=|$)/u.exec(t);
    if (m && n && Number(m[2]) === codeRow && m[1] !== "A") cols.set(Number(n[1]), m[1] ?? "");
  }
  const rows = new Map<string, number>();
  if (at("A", codeRow) === "MS") rows.set("TOTAL", codeRow + 1);
  else for (let r = codeRow + 1; r <= codeRow + 40; r++) if (ROW_CODES.test(at("A", r))) rows.set(at("A", r), r);
  return [sheet, { part, cols, rows }];
}

export function readTemplate(bytes: Uint8Array): Template {
  const parts = new Map(Object.entries(unzipSync(bytes)));
  const part = (name: string): string => strFromU8(parts.get(name) ?? new Uint8Array(0));
  const shared = [...part("xl/sharedStrings.xml").matchAll(/<si>(.*?)<\/si>/gsu)].map((m) => texts(m[1] ?? ""));
  const rels = new Map([...part("xl/_rels/workbook.xml.rels").matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/gu)].map((m) => [m[1], m[2]]));
  const sheets = [...part("xl/workbook.xml").matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/gu)].map((m) => ({
    name: unescapeXml(m[1] ?? ""),
    part: "xl/" + (rels.get(m[2]) ?? "").replace(/^\/?xl\//u, ""),
  }));
  const forms = new Map<string, FormPlace>();
  for (const s of sheets) {
    const place = formPlace(s.part, cellTexts(part(s.part), shared));
    if (place) forms.set(place[0], place[1]);
  }
  return { parts, sheets, forms };
}

/** Write a number into an existing (styled, empty) cell, or add the cell to its row. */
export function setCell(xml: string, ref: string, value: string): string {
  const cell = new RegExp(`<c r="${ref}"((?:\\s[^>]*?)?)(?:/>|>.*?</c>)`, "su");
  const m = cell.exec(xml);
  const attrs = (m?.[1] ?? "").replace(/\s+t="[^"]*"/u, "");
  const element = `<c r="${ref}"${attrs}><v>${value}</v></c>`;
  if (m) return xml.slice(0, m.index) + element + xml.slice(m.index + m[0].length);
  throw new Error(`template cell ${ref} not found`);
}

// ---------------------------------------------------------------------------------------------------------
// Structural mutations on sheet XML

function shiftRef(token: string, axis: "row" | "col", at: number, n: number): string {
  return token.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)/gu, (_, d1: string, col: string, d2: string, row: string) => {
    if (axis === "row") {
      const r = Number(row);
      return `${d1}${col}${d2}${r >= at ? r + n : r}`;
    }
    const c = columnNumber(col);
    return `${d1}${c >= at ? columnLetters(c + n) : col}${d2}${row}`;
  });
}

/** Insert n blank rows or columns before `at`, as Excel does: cells, merges and every reference move. */
export function insertLines(xml: string, axis: "row" | "col", at: number, n: number): string {
  let out = xml.replace(/\sspans="[^"]*"/gu, "");
  out = out.replace(/(<c r=")([A-Z]+\d+)(")/gu, (_, a: string, ref: string, b: string) => a + shiftRef(ref, axis, at, n) + b);
  out = out.replace(/\b(ref|sqref|topLeftCell|activeCell)="([^"]*)"/gu, (_, attr: string, v: string) => `${attr}="${shiftRef(v, axis, at, n)}"`);
  if (axis === "row") out = out.replace(/(<row r=")(\d+)(")/gu, (_, a: string, r: string, b: string) => `${a}${Number(r) >= at ? Number(r) + n : r}${b}`);
  return out;
}

/** Workbook XML without defined names (print titles name sheets and rows that the mutations move). */
export function withoutDefinedNames(xml: string): string {
  return xml.replace(/<definedNames>.*?<\/definedNames>/su, "");
}

export function renameSheet(workbookXml: string, oldName: string, newName: string): string {
  const esc = newName.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/"/gu, "&quot;");
  const old = oldName.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/"/gu, "&quot;");
  return workbookXml.replace(`name="${old}"`, `name="${esc}"`);
}

/** Reorder the <sheet> elements by sort keys. */
export function reorderSheets(workbookXml: string, keys: readonly number[]): string {
  const m = /<sheets>(.*?)<\/sheets>/su.exec(workbookXml);
  if (!m?.[1]) return workbookXml;
  const items = [...m[1].matchAll(/<sheet [^>]*\/>/gu)].map((x, i) => ({ xml: x[0], key: keys[i] ?? 0, i }));
  items.sort((a, b) => a.key - b.key || a.i - b.i);
  return workbookXml.replace(m[1], items.map((x) => x.xml).join("")).replace(/\sactiveTab="\d+"/u, "");
}

export function zipParts(parts: ReadonlyMap<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(parts), { level: 1, mtime: new Date(2023, 5, 14) });
}

export const utf8 = strToU8;
export const fromUtf8 = strFromU8;
