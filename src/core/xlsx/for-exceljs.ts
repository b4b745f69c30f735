/**
 * A unit's package put in the forms exceljs understands, before `annotate` loads it: the same workbook
 * written the way Excel writes it. Three things other writers do that OOXML allows and exceljs 4.4 misreads:
 * - **Booleans written `true`/`false`** (LibreOffice: `<sheetProtection sheet="true"/>`,
 *   `<protection locked="false"/>`): exceljs compares with `'1'` and `'0'`, so a copy lost its sheets'
 *   protection and locked every input cell.
 * - **A note's text as a plain `<t>`** (LibreOffice, and Excel 365's fallback note of a threaded comment):
 *   exceljs reads only runs (`<r>`), so such notes came back empty.
 * - **Notes elsewhere than xl/commentsN.xml**, linked by an absolute target (openpyxl and pandas:
 *   `/xl/comments/comment1.xml`): exceljs finds notes by its own names only, and threw, so the copy was refused.
 * Each is rewritten to Excel's form; a package that needs none is returned as it is.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

/** Parts whose attributes exceljs reads as booleans. */
const BOOLEAN_PARTS = /^xl\/(?:workbook\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/u;
/** A sheet's notes, once where exceljs reads them (notesWhereExcelJsLooks). */
const COMMENTS_PART = /^xl\/comments\d+\.xml$/u;
const RELS_PART = /^(?:(.*)\/)?_rels\/[^/]+\.rels$/u;

/**
 * Attributes of these parts whose value is text, not a boolean: a sheet named "true", a link shown as
 * "false" or a validation's prompt stay as typed.
 */
const TEXT_ATTRIBUTES: ReadonlySet<string> = new Set([
  "name", "display", "tooltip", "text", "prompt", "promptTitle", "error", "errorTitle", "location", "formatCode",
  "codeName", "comment", "customMenu", "description", "help", "statusBar", "shortcutKey", "title", "uniqueName",
]);

/** `x="true"` → `x="1"`, `"false"` → `"0"`, inside tags only (never in a cell's text or a formula). */
function excelBooleans(xml: string): string {
  const attribute = (whole: string, space: string, name: string, v: string): string => (TEXT_ATTRIBUTES.has(name) ? whole : `${space}${name}="${v === "true" ? "1" : "0"}"`);
  return xml.replace(/<[A-Za-z][^<>]*>/gu, (tag) => (tag.includes('="true"') || tag.includes('="false"') ? tag.replace(/(\s)([A-Za-z_][\w:.-]*)="(true|false)"/gu, attribute) : tag));
}

/** `<text><t>…</t>` → `<text><r><t xml:space="preserve">…</t></r>`: the note's text as one run. */
function noteRuns(xml: string): string {
  return xml.replace(/<text>(\s*)<t(?:\s[^>]*)?>([^<]*)<\/t>/gu, (_m, space: string, text: string) => `<text>${space}<r><t xml:space="preserve">${text}</t></r>`);
}

/** The relative path from folder `from` (no trailing slash, "" for the root) to `to` (both from the package root). */
function relativeTo(from: string, to: string): string {
  const a = from === "" ? [] : from.split("/");
  const b = to.split("/");
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}

/** Absolute internal targets made relative to the folder of the part the relationships belong to. */
function relativeTargets(xml: string, sourceFolder: string): string {
  return xml.replace(/<Relationship\b[^>]*>/gu, (tag) => {
    if (/\bTargetMode="External"/u.test(tag)) return tag;
    return tag.replace(/\bTarget="\/([^"]*)"/u, (_m, target: string) => `Target="${relativeTo(sourceFolder, target)}"`);
  });
}

/** `folder/target` with `..` and `.` resolved ("xl/worksheets" + "../comments/c1.xml" → "xl/comments/c1.xml"). */
function resolved(folder: string, target: string): string {
  const out = folder === "" ? [] : folder.split("/");
  for (const seg of target.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** Where exceljs looks for a sheet's notes and their drawing (it finds them by these names only). */
const EXCELJS_NAMES = [
  { type: /\/comments"/u, name: /^xl\/comments\d+\.xml$/u, make: (n: number) => `xl/comments${n}.xml` },
  { type: /\/vmlDrawing"/u, name: /^xl\/drawings\/vmlDrawing\d+\.vml$/u, make: (n: number) => `xl/drawings/vmlDrawing${n}.vml` },
] as const;

/**
 * A sheet's notes and their drawing moved to the names exceljs reads (openpyxl: xl/comments/comment1.xml,
 * xl/drawings/commentsDrawing1.vml), the relationship pointing at the new name. Returns whether any moved.
 */
function notesWhereExcelJsLooks(parts: Record<string, Uint8Array>): boolean {
  let moved = false;
  for (const rels of Object.keys(parts).filter((n) => /^xl\/worksheets\/_rels\/[^/]+\.rels$/u.test(n))) {
    const xml = strFromU8(parts[rels] ?? new Uint8Array());
    const out = xml.replace(/<Relationship\b[^>]*>/gu, (tag) => {
      const kind = EXCELJS_NAMES.find((k) => k.type.test(tag));
      const target = /\bTarget="([^"]*)"/u.exec(tag)?.[1];
      if (!kind || target === undefined || /\bTargetMode="External"/u.test(tag)) return tag;
      const from = resolved("xl/worksheets", target);
      const data = parts[from];
      if (kind.name.test(from) || data === undefined) return tag;
      let n = 1;
      while (parts[kind.make(n)] !== undefined) n++;
      const to = kind.make(n);
      parts[to] = data;
      delete parts[from];
      moved = true;
      return tag.replace(/\bTarget="[^"]*"/u, `Target="${relativeTo("xl/worksheets", to)}"`);
    });
    if (out !== xml) parts[rels] = strToU8(out);
  }
  return moved;
}

/** One part in Excel's form, or null when it is already. */
function rewritten(name: string, data: Uint8Array): Uint8Array | null {
  const rels = RELS_PART.exec(name);
  const rewrite = rels ? (xml: string) => relativeTargets(xml, rels[1] ?? "") : BOOLEAN_PARTS.test(name) ? excelBooleans : COMMENTS_PART.test(name) ? noteRuns : null;
  if (rewrite === null) return null;
  const xml = strFromU8(data);
  const out = rewrite(xml);
  return out === xml ? null : strToU8(out);
}

/** For the tests. */
export const forTests = { excelBooleans, noteRuns, relativeTo };

/** The package with every part exceljs would misread rewritten (its other parts as they were). */
export function forExcelJs(bytes: Uint8Array): Uint8Array {
  const parts: Record<string, Uint8Array> = unzipSync(bytes);
  let changed = false;
  for (const [name, data] of Object.entries(parts).filter(([n]) => RELS_PART.test(n))) {
    const out = rewritten(name, data);
    if (out === null) continue;
    parts[name] = out;
    changed = true;
  }
  if (notesWhereExcelJsLooks(parts)) changed = true;
  for (const [name, data] of Object.entries(parts).filter(([n]) => !RELS_PART.test(n))) {
    const out = rewritten(name, data);
    if (out === null) continue;
    parts[name] = out;
    changed = true;
  }
  return changed ? zipSync(parts, { level: 1 }) : bytes;
}
