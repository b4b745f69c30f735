/**
 * A unit's package put in the forms exceljs understands, before `annotate` loads it: the same workbook
 * written the way Excel writes it. What other writers do that OOXML allows and exceljs 4.4 misreads:
 * - **Booleans written `true`/`false`** (LibreOffice: `<sheetProtection sheet="true"/>`,
 *   `<protection locked="false"/>`): exceljs compares with `'1'` and `'0'`, so a copy lost its sheets'
 *   protection and locked every input cell.
 * - **A note's text as a plain `<t>`** (LibreOffice, and Excel 365's fallback note of a threaded comment):
 *   exceljs reads only runs (`<r>`), so such notes came back empty.
 * - **Notes elsewhere than xl/commentsN.xml**, linked by an absolute target (openpyxl and pandas:
 *   `/xl/comments/comment1.xml`): exceljs finds notes by its own names only, and threw, so the copy was refused.
 * - **Relationship targets through `..`** (`../xl/worksheets/sheet1.xml`): exceljs found no sheet.
 * - **Dates as ISO text** (`t="d"`): exceljs read 2022-12-15 as the serial 2022.
 * - **Worksheets named otherwise than xl/worksheets/sheetN.xml** (`Sheet4.xml` linked as `sheet4.xml`: OPC
 *   names ignore case; `thongtin.xml`): exceljs passed over them, and the copy lacked the sheet.
 * - **Parts in UTF-16**, **SpreadsheetML under a prefix** (`<x:worksheet xmlns:x="…/main">`, the Open XML
 *   SDK's habit), **cells and rows without `r`** (allowed: they follow the one before), **a core property date
 *   that is no date** (`dcterms:modified` "16/09/2023"): exceljs threw on each, and the copy was refused.
 * - **Text in CDATA sections** (`<t><![CDATA[Mã đơn vị]]></t>`): exceljs read them as empty, so every text
 *   cell of a copy came back blank.
 * - **The shared strings or the styles under another name** (`xl/strings.xml`, linked by the workbook's
 *   relationships): exceljs reads xl/sharedStrings.xml only, and the copy showed each text's index ("1").
 * - **A phonetic guide in an inline string** (`<is><t>3</t><rPh …><t>…</t></rPh></is>`): exceljs lost the
 *   rest of the sheet after it. The guide is dropped from the copy (it is not the cell's text).
 * - **Number formats with backslash escapes** (`0\m`, `#,##0\ "đ"`): exceljs drops every backslash as it
 *   reads, so `0\m` became `0m`, a time; the backslashes are doubled for it to drop. **The accounting
 *   formats 41 and 43**, built into Excel and not into exceljs, came back General: they are written out.
 * Each is rewritten to Excel's form; a package that needs none is returned as it is.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { isIsoDate, isoDateToExcelSerial } from "../dates";
import { uriDecoded } from "../text";
import { a1, columnNumber } from "./layout";
import { xmlPartText } from "./xmltext";

/** Parts whose attributes exceljs reads as booleans. */
const BOOLEAN_PARTS = /^xl\/(?:workbook\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/u;
/** A sheet's notes, once where exceljs reads them (notesWhereExcelJsLooks). */
const COMMENTS_PART = /^xl\/comments\d+\.xml$/u;
// `_rels/.rels` too (the package's own relationships: a name that is all extension).
const RELS_PART = /^(?:(.*)\/)?_rels\/[^/]*\.rels$/u;

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

/**
 * Internal targets in the plain relative form Excel writes, from the folder of the part the relationships
 * belong to: absolute ones (`/xl/comments/comment1.xml`, openpyxl) and ones through `..` or `.`
 * (`../xl/worksheets/sheet1.xml` from xl/: valid OPC, but exceljs found no sheet and the copy held only
 * LoiPhatHien).
 */
function relativeTargets(xml: string, sourceFolder: string): string {
  return xml.replace(/<Relationship\b[^>]*>/gu, (tag) => {
    if (/\bTargetMode="External"/u.test(tag)) return tag;
    return tag.replace(/\bTarget="([^"]*)"/u, (whole, target: string) => {
      const plain = target.startsWith("/") ? relativeTo(sourceFolder, target.slice(1)) : /(?:^|\/)\.{1,2}(?:\/|$)/u.test(target) ? relativeTo(sourceFolder, resolved(sourceFolder, target)) : target;
      return plain === target ? whole : `Target="${plain}"`;
    });
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

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/u;
/** An ISO 8601 date or date-time as a `t="d"` cell holds it (a zone, if any, is not the cell's business). */
const ISO_CELL_RE = /^\s*(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$/u;

/**
 * `<c t="d"><v>2022-12-15T00:00:00</v></c>` (Strict Open XML, openpyxl's `iso_dates`) → the date's serial
 * in a number cell, as Excel writes it (its style, with its date format, kept): exceljs read the text with
 * parseFloat, so the copy held 2022 as a serial, 14/07/1905. A value that is no date is left as it is.
 */
function serialDates(xml: string, date1904: boolean): string {
  if (!xml.includes('t="d"')) return xml;
  // Every cell with content, its attributes taken whole (`[^>]*` then the look back: linear, however many
  // spaces pad a tag), and only a `t="d"` one touched.
  return xml.replace(/<c\b([^>]*)(?<!\/)>([\s\S]*?)<\/c>/gu, (whole, attributes: string, inner: string) => {
    const t = /\st="d"/u.exec(attributes);
    if (t === null) return whole;
    const v = /<v>([^<]*)<\/v>/u.exec(inner);
    const m = v?.[1] === undefined ? null : ISO_CELL_RE.exec(v[1]);
    const iso = m?.[1];
    if (!v || !m || iso === undefined || !isIsoDate(iso)) return whole;
    let serial: number;
    try {
      serial = isoDateToExcelSerial(iso, date1904);
    } catch {
      return whole;
    }
    const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    const value = seconds > 0 ? serial + seconds / 86400 : serial;
    return `<c${attributes.slice(0, t.index)}${attributes.slice(t.index + t[0].length)}>${inner.replace(v[0], () => `<v>${value}</v>`)}</c>`;
  });
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A part's text: UTF-16 by its byte-order mark, else UTF-8 (a UTF-8 mark dropped). */
function partText(data: Uint8Array): { readonly text: string; readonly recoded: boolean } {
  const { text, utf16 } = xmlPartText(data);
  // The declaration named UTF-16: the bytes are UTF-8 now.
  return utf16 ? { text: text.replace(/^(<\?xml[^>]*?encoding=["'])[^"']*(["'])/u, "$1UTF-8$2"), recoded: true } : { text, recoded: false };
}

/** Where the root element starts: after a byte-order mark, the declaration, comments and white space (-1: none). */
function rootStart(xml: string): number {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < xml.length && /\s/u.test(xml.charAt(i))) i++;
    // Each skipped by indexOf: no pattern to backtrack over a run of comments.
    if (xml.startsWith("<?", i)) i = xml.indexOf("?>", i);
    else if (xml.startsWith("<!--", i)) i = xml.indexOf("-->", i);
    else return xml.startsWith("<", i) ? i : -1;
    if (i < 0) return -1;
    i += xml.startsWith("?>", i) ? 2 : 3;
  }
}

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";

/**
 * `<x:worksheet xmlns:x="…/main">…</x:worksheet>` → the same without the prefix, when it names SpreadsheetML's
 * namespace (or `ns`: a relationships part's, `<ns0:Relationships>` as Python's ElementTree writes it).
 */
function unprefixedMain(xml: string, ns: string = MAIN_NS): string {
  const start = rootStart(xml);
  if (start < 0) return xml;
  const end = xml.indexOf(">", start);
  const root = /^<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\b/u.exec(xml.slice(start, end < 0 ? undefined : end + 1));
  const prefix = root?.[1];
  const rootTag = end < 0 ? "" : xml.slice(start, end + 1);
  // Not SpreadsheetML's prefix, or a default namespace beside it (two `xmlns` would be made): left as it is.
  if (prefix === undefined || !rootTag.includes(`xmlns:${prefix}="${ns}"`) || /\sxmlns=/u.test(rootTag)) return xml;
  const open = new RegExp(`<(/?)${prefix.replace(/[.\\-]/gu, "\\$&")}:`, "gu");
  return xml.replace(open, "<$1").replace(`xmlns:${prefix}="${ns}"`, `xmlns="${ns}"`);
}

/**
 * Every `<row>` and `<c>` given its `r`, placed as the reader places them (read/sheet.ts): a row without one
 * follows the row before, a cell the cell before; a cell's own reference sets its row and column.
 */
function cellReferences(xml: string): string {
  if (!/<(?:row|c)\b(?![^>]*\sr=)[^>]*>/u.test(xml)) return xml;
  let row = 0;
  let col = 0;
  return xml.replace(/<(row|c)\b([^>]*)>/gu, (tag, name: string, rest: string) => {
    const r = /\sr=(["'])([^"']*)\1/u.exec(rest)?.[2];
    if (name === "row") {
      const n = r === undefined ? Number.NaN : Number.parseInt(r, 10);
      row = Number.isFinite(n) && n > 0 ? n : row + 1;
      col = 0;
      return r !== undefined ? tag : `<row r="${row}"${rest}>`;
    }
    const m = r === undefined ? null : /^\$?([A-Za-z]{1,3})\$?(\d+)$/u.exec(r);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      col = columnNumber(m[1].toUpperCase());
      row = Number(m[2]);
    } else col++;
    return r !== undefined ? tag : `<c r="${a1(row, col)}"${rest}>`;
  });
}

/** A core property date that is no W3CDTF date-time (exceljs threw on "16/09/2023") is left out. */
function coreDates(xml: string): string {
  return xml.replace(/<dcterms:(created|modified)\b[^>]*>([^<]*)<\/dcterms:\1>/gu, (whole, _name: string, value: string) =>
    /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/u.test(value.trim()) ? whole : "",
  );
}

/** The prefixes exceljs reads core properties by (it matches `cp:coreProperties`, `dcterms:created`, … as written). */
const CORE_PREFIXES: Readonly<Record<string, string>> = {
  "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://purl.org/dc/dcmitype/": "dcmitype",
  "http://www.w3.org/2001/XMLSchema-instance": "xsi",
};

/** The prefix exceljs reads a workbook's and a sheet's links by (`r:id`), and markup compatibility's. */
const PART_PREFIXES: Readonly<Record<string, string>> = {
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
  "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
};

/**
 * Names under the prefixes exceljs matches as written (`cp:coreProperties`, `dcterms:created`, `r:id`):
 * Python's ElementTree writes `ns0:coreProperties`, `ns2:created`, `xsi:type="ns2:W3CDTF"`, `ns2:id`. A
 * prefix bound to one of `usual`'s namespaces is renamed (in names, declarations and QName values), unless
 * its usual prefix is taken by another namespace.
 */
function usualPrefixes(xml: string, usual: Readonly<Record<string, string>>): string {
  const renames = new Map<string, string>();
  const bound = new Map<string, string>();
  for (const [, prefix, ns] of xml.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)="([^"]*)"/gu)) {
    if (prefix === undefined || ns === undefined) continue;
    bound.set(prefix, ns);
    const to = usual[ns];
    if (to !== undefined && to !== prefix) renames.set(prefix, to);
  }
  if (renames.size === 0) return xml;
  for (const [prefix, to] of renames) {
    const taken = bound.get(to);
    if (taken !== undefined && usual[taken] !== to) renames.delete(prefix);
  }
  if (renames.size === 0) return xml;
  const names = [...renames.keys()].map((p) => p.replace(/[.-]/gu, "\\$&")).join("|");
  return xml.replace(new RegExp(`(<\\/?|\\sxmlns:|\\s|=")(${names})([:=])`, "gu"), (whole, before: string, prefix: string, after: string) =>
    // `name=` is a renamed prefix only in a declaration (an attribute named like the prefix is left).
    after === "=" && !/^\sxmlns:$/u.test(before) ? whole : `${before}${renames.get(prefix) ?? prefix}${after}`,
  );
}

const EXCELJS_SHEET = /^xl\/worksheets\/sheet\d+\.xml$/u;

/**
 * The package's entry for a part name, whatever its case (OPC), as written first, then unescaped (the
 * Open XML SDK stores the escaped form as the entry's name), as read/parts.ts finds it.
 */
function partFinder(parts: Record<string, Uint8Array>): (name: string) => string | undefined {
  const byLower = new Map(Object.keys(parts).map((n) => [n.toLowerCase(), n] as const));
  return (name) => byLower.get(name.toLowerCase()) ?? byLower.get(uriDecoded(name).toLowerCase());
}

/**
 * Every worksheet moved to the names exceljs reads (xl/worksheets/sheet1.xml, … in the workbook's order),
 * with its relationships, the workbook's targets and the content types following; a part is found by its
 * name whatever its case (OPC). Returns whether any moved. Run after the targets are made plain.
 */
function sheetsWhereExcelJsLooks(parts: Record<string, Uint8Array>): boolean {
  const relsName = "xl/_rels/workbook.xml.rels";
  const rels = parts[relsName];
  if (rels === undefined) return false;
  const find = partFinder(parts);
  const xml = partText(rels).text;
  const sheets: Array<{ readonly from: string; readonly tag: string; readonly target: string }> = [];
  for (const tag of xml.match(/<Relationship\b[^>]*>/gu) ?? []) {
    const target = /\bTarget="([^"]*)"/u.exec(tag)?.[1];
    if (!/\bType="[^"]*\/worksheet"/u.test(tag) || target === undefined || /\bTargetMode="External"/u.test(tag)) continue;
    const from = find(resolved("xl", target));
    if (from !== undefined) sheets.push({ from, tag, target });
  }
  // Nothing to do when every sheet is at an exceljs name, linked by exactly that name (exceljs looks up `xl/<Target>`).
  const inPlace = (sheet: (typeof sheets)[number], i: number): boolean =>
    EXCELJS_SHEET.test(sheet.from) && sheet.target === relativeTo("xl", sheet.from) && sheets.findIndex((o) => o.from === sheet.from) === i;
  if (sheets.every(inPlace)) return false;
  const relsOf = (part: string): string => `${folderOf(part)}/_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
  const moved = new Map<string, string>();
  const taken: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, i) => {
    const to = `xl/worksheets/sheet${i + 1}.xml`;
    moved.set(sheet.from, to);
    const data = parts[sheet.from];
    if (data !== undefined) taken[to] = data;
    const oldRels = find(relsOf(sheet.from));
    const relsData = oldRels === undefined ? undefined : parts[oldRels];
    // The sheet's own links, from its new folder (a sheet in xl/ws/ linked ../media/… as from xl/worksheets/).
    if (relsData !== undefined) taken[relsOf(to)] = strToU8(rebased(partText(relsData).text, folderOf(sheet.from), "xl/worksheets"));
  });
  for (const sheet of sheets) {
    delete parts[sheet.from];
    const oldRels = find(relsOf(sheet.from));
    if (oldRels !== undefined) delete parts[oldRels];
  }
  Object.assign(parts, taken);
  let out = xml;
  for (const sheet of sheets) {
    const to = relativeTo("xl", moved.get(sheet.from) ?? sheet.from);
    out = out.replace(sheet.tag, () => sheet.tag.replace(/\bTarget="[^"]*"/u, () => `Target="${to}"`));
  }
  parts[relsName] = strToU8(out);
  const types = parts["[Content_Types].xml"];
  if (types !== undefined) {
    const worksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    const gone = new Set([...moved.keys()].map((from) => `/${from}`.toLowerCase()));
    const kept = partText(types).text.replace(/<Override\b[^>]*\bPartName="([^"]*)"[^>]*\/>/gu, (whole, name: string) => (gone.has(name.toLowerCase()) ? "" : whole));
    const overrides = [...moved.values()].map((to) => `<Override PartName="/${to}" ContentType="${worksheetType}"/>`).join("");
    parts["[Content_Types].xml"] = strToU8(kept.replace(/<\/Types>\s*$/u, () => `${overrides}</Types>`));
  }
  return true;
}

/** The package's fixed parts under the names exceljs looks for (it finds them by these names only, in this case). */
const EXCELJS_FIXED_NAMES = [
  "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
  "xl/styles.xml", "xl/sharedStrings.xml", "xl/theme/theme1.xml", "xl/calcChain.xml",
];

/**
 * The package's own parts moved to the names exceljs reads: a leading "/" dropped, a fixed part in
 * another case (`XL/WORKBOOK.XML`, `xl/Workbook.xml`: OPC names ignore case), and a workbook the package
 * relationships put elsewhere (the Open XML SDK's `xl/workbook22.xml`) moved to xl/workbook.xml with its
 * relationships. The reader finds all of these; exceljs found no sheet and the copy held none. Returns
 * whether any moved. Run first: the other steps find parts by these names.
 */
function mainPartsWhereExcelJsLooks(parts: Record<string, Uint8Array>): boolean {
  let moved = false;
  const move = (from: string, to: string): void => {
    const data = parts[from];
    if (from === to || data === undefined) return;
    delete parts[from];
    parts[to] = data;
    moved = true;
  };
  for (const name of Object.keys(parts)) if (name.startsWith("/")) move(name, name.replace(/^\/+/u, ""));
  const byLower = (): Map<string, string> => new Map(Object.keys(parts).map((n) => [n.toLowerCase(), n] as const));
  let names = byLower();
  for (const fixed of EXCELJS_FIXED_NAMES) move(names.get(fixed.toLowerCase()) ?? fixed, fixed);
  if (parts["xl/workbook.xml"] !== undefined) return moved;
  // The workbook where the package relationships say (officeDocument).
  const rootRels = parts["_rels/.rels"];
  if (rootRels === undefined) return moved;
  const relsXml = partText(rootRels).text;
  const tag = (relsXml.match(/<(?:[\w.-]+:)?Relationship\b[^>]*>/gu) ?? []).find((t) => /\bType="[^"]*\/officeDocument"/u.test(t));
  const target = tag === undefined ? undefined : /\bTarget="([^"]*)"/u.exec(tag)?.[1];
  names = byLower();
  const main = target === undefined ? undefined : (names.get(resolved("", target).toLowerCase()) ?? names.get(uriDecoded(resolved("", target)).toLowerCase()));
  if (tag === undefined || main === undefined) return moved;
  const mainRels = names.get(`${folderOf(main)}/_rels/${main.slice(main.lastIndexOf("/") + 1)}.rels`.replace(/^\//u, "").toLowerCase());
  move(main, "xl/workbook.xml");
  if (mainRels !== undefined) {
    const data = parts[mainRels];
    delete parts[mainRels];
    if (data !== undefined) parts["xl/_rels/workbook.xml.rels"] = strToU8(rebased(partText(data).text, folderOf(main), "xl"));
  }
  parts["_rels/.rels"] = strToU8(relsXml.replace(tag, () => tag.replace(/\bTarget="[^"]*"/u, 'Target="xl/workbook.xml"')));
  const types = parts["[Content_Types].xml"];
  if (types !== undefined) {
    const from = `/${main}`.toLowerCase();
    parts["[Content_Types].xml"] = strToU8(partText(types).text.replace(/(<(?:[\w.-]+:)?Override\b[^>]*\bPartName=")([^"]*)(")/gu, (whole, a: string, name: string, b: string) => (name.toLowerCase() === from ? `${a}/xl/workbook.xml${b}` : whole)));
  }
  return true;
}

/** A part's folder ("xl/worksheets/sheet1.xml" → "xl/worksheets"; "" for the root). */
function folderOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return slash < 0 ? "" : part.slice(0, slash);
}

/** Relationships moved from folder `from` to folder `to`: each internal relative target pointing where it did. */
function rebased(xml: string, from: string, to: string): string {
  if (from === to) return xml;
  return xml.replace(/<Relationship\b[^>]*>/gu, (tag) => {
    if (/\bTargetMode="External"/u.test(tag)) return tag;
    return tag.replace(/\bTarget="([^"/][^"]*)"/u, (_whole, target: string) => `Target="${relativeTo(to, resolved(from, target))}"`);
  });
}

/** CDATA sections as the same text escaped (`<![CDATA[a<b]]>` → `a&lt;b`). */
function cdataAsText(xml: string): string {
  if (!xml.includes("<![CDATA[")) return xml;
  return xml.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/gu, (_m, text: string) => text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;"));
}

/** Phonetic guides (`<rPh>`) taken out of inline strings (`<is>`): their text is not the cell's. */
function inlineWithoutPhonetics(xml: string): string {
  if (!xml.includes("<rPh")) return xml;
  return xml.replace(/<is>([\s\S]*?)<\/is>/gu, (whole, inner: string) => (inner.includes("<rPh") ? `<is>${inner.replace(/<rPh\b[^>]*\/>|<rPh\b[^>]*>[\s\S]*?<\/rPh>/gu, "")}</is>` : whole));
}

/**
 * Built-in number formats exceljs does not know (ECMA-376 Part 1 §18.8.30), written out where a style
 * uses them and the part does not define them. Only those that name no currency: a currency built-in
 * (5–8, 42, 44) shows the machine's currency, which a written code would fix to one.
 */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)',
  43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
};

const attributeText = (text: string): string => text.replace(/&/gu, "&amp;").replace(/"/gu, "&quot;").replace(/</gu, "&lt;");

/** styles.xml with each format code's backslashes doubled (exceljs drops one of each) and built-ins 41 and 43 written out. */
function stylesExcelJsKeeps(xml: string): string {
  // Either quote (XML allows both; a review's file had `formatCode='#,##0\ "đ"'`).
  const escaped = xml.replace(/(<numFmt\b[^>]*\bformatCode=)("[^"]*"|'[^']*')/gu, (_m, a: string, code: string) => `${a}${code.replace(/\\/gu, "\\\\")}`);
  const defined = new Set([...escaped.matchAll(/<numFmt\b[^>]*\bnumFmtId=["'](\d+)["']/gu)].map((m) => Number(m[1])));
  const used = new Set([...escaped.matchAll(/<xf\b[^>]*\bnumFmtId=["'](\d+)["']/gu)].map((m) => Number(m[1])));
  const missing = Object.keys(BUILT_IN_FORMATS).map(Number).filter((id) => used.has(id) && !defined.has(id));
  if (missing.length === 0) return escaped;
  // Doubled as the others: exceljs drops one backslash of each pair.
  const added = missing.map((id) => `<numFmt numFmtId="${id}" formatCode="${attributeText((BUILT_IN_FORMATS[id] ?? "").replace(/\\/gu, "\\\\"))}"/>`).join("");
  if (/<numFmts\b[^>]*\/>/u.test(escaped)) return escaped.replace(/<numFmts\b[^>]*\/>/u, `<numFmts count="${missing.length}">${added}</numFmts>`);
  if (/<numFmts\b/u.test(escaped)) {
    return escaped.replace(/<numFmts\b([^>]*)>/u, (_m, attrs: string) => {
      const count = /\bcount="(\d+)"/u.exec(attrs);
      const withCount = count ? attrs.replace(count[0], `count="${Number(count[1]) + missing.length}"`) : attrs;
      return `<numFmts${withCount}>${added}`;
    });
  }
  // No numFmts element: it comes first in the stylesheet (CT_Stylesheet's order).
  return escaped.replace(/(<styleSheet\b[^>]*>)/u, `$1<numFmts count="${missing.length}">${added}</numFmts>`);
}

/** The workbook's shared strings and styles, where exceljs reads them (by these names only). */
const EXCELJS_WORKBOOK_PARTS = [
  { type: "sharedStrings", name: "xl/sharedStrings.xml" },
  { type: "styles", name: "xl/styles.xml" },
] as const;

/**
 * The shared strings and the styles moved to the names exceljs reads when the workbook's relationships
 * put them elsewhere (`xl/strings.xml`), the target and the content type following. Returns whether any moved.
 */
function workbookPartsWhereExcelJsLooks(parts: Record<string, Uint8Array>): boolean {
  const relsName = "xl/_rels/workbook.xml.rels";
  const rels = parts[relsName];
  if (rels === undefined) return false;
  const find = partFinder(parts);
  let xml = partText(rels).text;
  let moved = false;
  for (const { type, name } of EXCELJS_WORKBOOK_PARTS) {
    const tag = (xml.match(/<Relationship\b[^>]*>/gu) ?? []).find((t) => new RegExp(`\\bType="[^"]*/${type}"`, "u").test(t) && !/\bTargetMode="External"/u.test(t));
    const target = tag === undefined ? undefined : /\bTarget="([^"]*)"/u.exec(tag)?.[1];
    const from = target === undefined ? undefined : find(resolved("xl", target));
    const data = from === undefined ? undefined : parts[from];
    if (tag === undefined || from === undefined || data === undefined || from === name || parts[name] !== undefined) continue;
    delete parts[from];
    parts[name] = data;
    xml = xml.replace(tag, () => tag.replace(/\bTarget="[^"]*"/u, () => `Target="${relativeTo("xl", name)}"`));
    const types = parts["[Content_Types].xml"];
    if (types !== undefined) {
      const old = `/${from}`.toLowerCase();
      parts["[Content_Types].xml"] = strToU8(partText(types).text.replace(/(<Override\b[^>]*\bPartName=")([^"]*)(")/gu, (whole, a: string, part: string, b: string) => (part.toLowerCase() === old ? `${a}/${name}${b}` : whole)));
    }
    moved = true;
  }
  if (moved) parts[relsName] = strToU8(xml);
  return moved;
}

/** One part in Excel's form, or null when it is already. */
function rewritten(name: string, data: Uint8Array, date1904: boolean): Uint8Array | null {
  const rels = RELS_PART.exec(name);
  const rewrite: ((xml: string) => string) | null = rels
    ? (xml) => relativeTargets(unprefixedMain(xml, RELS_NS), rels[1] ?? "")
    : WORKSHEET_PART.test(name)
      ? (xml) => serialDates(cellReferences(inlineWithoutPhonetics(excelBooleans(usualPrefixes(unprefixedMain(xml), PART_PREFIXES)))), date1904)
      : name === "xl/styles.xml"
        ? (xml) => stylesExcelJsKeeps(excelBooleans(usualPrefixes(unprefixedMain(xml), PART_PREFIXES)))
      : BOOLEAN_PARTS.test(name)
        ? (xml) => excelBooleans(usualPrefixes(unprefixedMain(xml), PART_PREFIXES))
        : COMMENTS_PART.test(name)
          ? (xml) => noteRuns(unprefixedMain(xml))
          : name === "docProps/core.xml"
            ? (xml) => coreDates(usualPrefixes(xml, CORE_PREFIXES))
            : name === "[Content_Types].xml"
              ? (xml) => unprefixedMain(xml, TYPES_NS)
              : name === "docProps/app.xml"
                ? (xml) => unprefixedMain(xml, APP_NS)
                : /\.(?:xml|rels)$/u.test(name)
                  ? (xml) => unprefixedMain(xml)
                  : null;
  if (rewrite === null) return null;
  const { text, recoded } = partText(data);
  const out = rewrite(cdataAsText(text));
  return out === text && !recoded ? null : strToU8(out);
}

/** For the tests. */
export const forTests = { excelBooleans, noteRuns, relativeTo, relativeTargets, serialDates, unprefixedMain, cellReferences, cdataAsText, inlineWithoutPhonetics, stylesExcelJsKeeps };

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/**
 * The names of the workbook's worksheets (not chart sheets), in order, from xl/workbook.xml and its
 * relationships: what a copy must hold (exceljs drops a sheet it cannot find without a word).
 */
export function worksheetNames(bytes: Uint8Array): string[] {
  const parts = unzipSync(bytes, { filter: (f) => f.name === "xl/workbook.xml" || f.name === "xl/_rels/workbook.xml.rels" });
  const workbook = strFromU8(parts["xl/workbook.xml"] ?? new Uint8Array());
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"] ?? new Uint8Array());
  const worksheetIds = new Set<string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/gu) ?? []) {
    const id = /\bId="([^"]*)"/u.exec(tag)?.[1];
    if (id !== undefined && /\bType="[^"]*\/worksheet"/u.test(tag)) worksheetIds.add(id);
  }
  const names: string[] = [];
  for (const tag of workbook.match(/<(?:\w+:)?sheet\b[^>]*>/gu) ?? []) {
    const name = /\bname="([^"]*)"/u.exec(tag)?.[1];
    const id = /\b\w+:id="([^"]*)"/u.exec(tag)?.[1];
    if (name === undefined || id === undefined || !worksheetIds.has(id)) continue;
    names.push(name.replace(/&(amp|lt|gt|quot|apos);|&#x([0-9a-fA-F]+);|&#(\d+);/gu, (m, e: string | undefined, hex: string | undefined, dec: string | undefined) => (e ? (XML_ENTITIES[e] ?? m) : String.fromCodePoint(Number.parseInt(hex ?? dec ?? "0", hex ? 16 : 10)))));
  }
  return names;
}

/** The package with every part exceljs would misread rewritten (its other parts as they were). */
export function forExcelJs(bytes: Uint8Array): Uint8Array {
  const parts: Record<string, Uint8Array> = unzipSync(bytes);
  let changed = mainPartsWhereExcelJsLooks(parts);
  const workbook = parts["xl/workbook.xml"];
  const date1904 = workbook !== undefined && /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/u.test(partText(workbook).text);
  for (const [name, data] of Object.entries(parts).filter(([n]) => RELS_PART.test(n))) {
    const out = rewritten(name, data, date1904);
    if (out === null) continue;
    parts[name] = out;
    changed = true;
  }
  if (sheetsWhereExcelJsLooks(parts)) changed = true;
  if (workbookPartsWhereExcelJsLooks(parts)) changed = true;
  if (notesWhereExcelJsLooks(parts)) changed = true;
  for (const [name, data] of Object.entries(parts).filter(([n]) => !RELS_PART.test(n))) {
    const out = rewritten(name, data, date1904);
    if (out === null) continue;
    parts[name] = out;
    changed = true;
  }
  return changed ? zipSync(parts, { level: 1 }) : bytes;
}
