/**
 * The return file for a unit (CLI `annotate`): a copy of its workbook with each finding on its
 * cell (fill colour and a Vietnamese note) and a first sheet `LoiPhatHien` listing every finding.
 * The unit's own bytes are never changed: the copy is rewritten by exceljs, which may drop objects
 * it cannot carry; the first sheet says so when the original had any.
 */
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { SEVERITY_VI, UserError, type Finding } from "./findings";
import { CELL_TEXT_LIMIT, cellText, needsCellText } from "./xlsx/celltext";
import { normalisePackage } from "./xlsx/deterministic";
import { forExcelJs, worksheetNames } from "./xlsx/for-exceljs";
import { verifiedPackage } from "./read/verified";
import { readCoreProperties } from "./read/package";
import { ReadBudget } from "./read/limits";
import { Package } from "./read/parts";
import { WorkbookParts } from "./read/workbook";
import { THIN_BORDER, font } from "./xlsx/layout";

export const ANNOTATION_SHEET = "LoiPhatHien";

const FILL: Readonly<Record<Finding["severity"], string>> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};

const SEVERITY_RANK: Readonly<Record<Finding["severity"], number>> = { error: 0, warning: 1, info: 2 };

/** Parts exceljs does not carry through a rewrite (CLI.md `annotate`). */
const DROPPABLE: ReadonlyArray<{ readonly prefix: string; readonly vi: string }> = [
  { prefix: "xl/charts/", vi: "biểu đồ" },
  { prefix: "xl/drawings/", vi: "hình vẽ, hình ảnh" },
  { prefix: "xl/pivotTables/", vi: "bảng tổng hợp (pivot)" },
  { prefix: "xl/ctrlProps/", vi: "điều khiển biểu mẫu" },
  { prefix: "xl/threadedComments/", vi: "chú thích dạng hội thoại" },
];

/** The kinds of objects in the package that exceljs may drop; nothing is inflated to list them. */
function droppedObjects(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return [];
  }
  // A VML drawing beside a notes part draws the notes, which the copy carries (a copy annotated again
  // said its drawings might be lost): only other drawings count.
  const notes = names.some((n) => /^xl\/comments/iu.test(n));
  const drawn = names.filter((n) => !(notes && /^xl\/drawings\/[^/]+\.vml$/iu.test(n)));
  return DROPPABLE.filter((d) => drawn.some((n) => n.startsWith(d.prefix))).map((d) => d.vi);
}

const isDroppable = (name: string): boolean => DROPPABLE.some((d) => name.startsWith(d.prefix));

/**
 * The package without the parts exceljs cannot carry, for when it cannot even load them (a chart's
 * drawing makes exceljs 4.4 throw): the parts, the relationships to them, and the sheet elements that
 * name those relationships.
 */
function withoutDroppable(bytes: Uint8Array): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  const removedIds = new Map<string, Set<string>>(); // sheet part → relationship ids removed
  for (const [name, data] of Object.entries(parts)) {
    if (isDroppable(name)) continue;
    const rels = /^xl\/worksheets\/_rels\/([^/]+)\.rels$/u.exec(name);
    if (!rels) {
      out[name] = data;
      continue;
    }
    const removed = new Set<string>();
    const xml = strFromU8(data).replace(/<Relationship\b[^>]*>(?:<\/Relationship>)?/gu, (tag) => {
      const target = /\bTarget="([^"]*)"/u.exec(tag)?.[1] ?? "";
      const id = /\bId="([^"]*)"/u.exec(tag)?.[1] ?? "";
      if (!isDroppable(`xl/${target.replace(/^(?:\.\.\/|\/xl\/)/u, "")}`)) return tag;
      removed.add(id);
      return "";
    });
    out[name] = strToU8(xml);
    removedIds.set(`xl/worksheets/${rels[1] ?? ""}`, removed);
  }
  for (const [sheet, ids] of removedIds) {
    const data = out[sheet];
    if (!data || ids.size === 0) continue;
    const xml = strFromU8(data).replace(/<(?:drawing|legacyDrawing|legacyDrawingHF)\b[^>]*\/>/gu, (tag) => {
      const id = /\br:id="([^"]*)"/u.exec(tag)?.[1] ?? "";
      return ids.has(id) ? "" : tag;
    });
    out[sheet] = strToU8(xml);
  }
  return zipSync(out, { level: 1 });
}

const UNVERIFIED = {
  vi: "Không tạo được bản sao: một phần của tệp nén hỏng hoặc lớn hơn kích thước nó khai báo.",
  en: "Cannot make the copy: a part of the package is damaged or larger than it declares.",
};

/**
 * exceljs cannot load or write every package the reader accepts (comments without a sheet it knows,
 * cells without `r`, sheet names over 31 characters that clash once it cuts them): the copy is then
 * refused with a message, not exceljs's TypeError.
 */
const NOT_REWRITABLE = {
  vi: "Không ghi được bản sao có đánh dấu: cấu trúc của bảng tính này không ghi lại được. Tệp gốc không bị thay đổi.",
  en: "Cannot write the annotated copy: the workbook's structure cannot be re-written. The original file is unchanged.",
};

/** The unit's workbook in exceljs; when exceljs cannot load its objects, without them (`stripped`). */
async function loadForCopy(bytes: Uint8Array): Promise<{ wb: ExcelJS.Workbook; stripped: boolean }> {
  const load = async (b: Uint8Array): Promise<ExcelJS.Workbook> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    return wb;
  };
  // exceljs inflates every part: only parts whose sizes are as declared reach it.
  const checked = verifiedPackage(bytes);
  if (!checked) throw new UserError(UNVERIFIED);
  let verified: Uint8Array;
  try {
    verified = forExcelJs(checked);
  } catch {
    // A part beyond what the rewriting's expressions can take (a 90 MB attribute overflowed their stack):
    // refused in words, not with the stack trace.
    throw new UserError(NOT_REWRITABLE);
  }
  // Both lists: the workbook's own (a sheet listed without its part is lost too, and refused) and the
  // reader's (sheets found where exceljs's fixed names do not look).
  const sheets = [...new Set([...worksheetNames(verified), ...sheetsAsRead(checked)])];
  let loaded: { wb: ExcelJS.Workbook; stripped: boolean } | null = null;
  try {
    loaded = { wb: await load(verified), stripped: false };
  } catch {
    if (droppedObjects(verified).length === 0) throw new UserError(NOT_REWRITABLE);
  }
  if (loaded === null) {
    try {
      loaded = { wb: await load(withoutDroppable(verified)), stripped: true };
    } catch {
      throw new UserError(NOT_REWRITABLE);
    }
  }
  // exceljs cuts a name to 31 characters (Excel's own limit; other writers may write longer ones).
  const carried = new Set(loaded.wb.worksheets.flatMap((ws) => [ws.name, ws.name.normalize("NFC")]));
  const lost = sheets.filter((name) => ![name, name.slice(0, 31), name.normalize("NFC"), name.normalize("NFC").slice(0, 31)].some((n) => carried.has(n)));
  if (lost.length > 0) throw new UserError(sheetsNotCarried(lost));
  return loaded;
}

/**
 * The worksheets the reader finds (whatever the case of the parts' names, or wherever the package puts
 * its workbook): what the copy must hold, where exceljs, looking by fixed names, could find none and drop
 * them all without a word. Empty when the reader cannot list them (the file was read already).
 */
function sheetsAsRead(bytes: Uint8Array): string[] {
  try {
    return new WorkbookParts(new Package(bytes, new ReadBudget({}))).sheets.map((s) => s.name);
  } catch {
    return [];
  }
}

/** A copy without some of the unit's sheets is no copy: refused, the sheets named. */
function sheetsNotCarried(names: readonly string[]): { vi: string; en: string } {
  const list = names.map((n) => `"${n}"`).join(", ");
  return {
    vi: `Không ghi được bản sao có đánh dấu: không chép được trang ${list} của tệp. Tệp gốc không bị thay đổi.`,
    en: `Cannot write the annotated copy: sheet ${list} of the file could not be carried over. The original file is unchanged.`,
  };
}

/** A cell value with every text in it as a cell can hold it (WORKBOOKS.md §2.1); null when unchanged. */
function sanitisedValue(value: ExcelJS.CellValue): ExcelJS.CellValue | null {
  if (typeof value === "string") return needsCellText(value) ? cellText(value) : null;
  if (value === null || typeof value !== "object" || value instanceof Date) return null;
  if ("richText" in value) {
    const all = value.richText.map((r) => r.text).join("");
    if (!needsCellText(all)) return null;
    // Cut text loses its runs' formatting; escaped text keeps them.
    if (all.length > CELL_TEXT_LIMIT) return cellText(all);
    return { richText: value.richText.map((r) => ({ ...r, text: cellText(r.text) })) };
  }
  if ("hyperlink" in value && typeof value.text === "string") {
    return needsCellText(value.text) ? { ...value, text: cellText(value.text) } : null;
  }
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    return typeof result === "string" && needsCellText(result) ? ({ ...value, result: cellText(result) } as ExcelJS.CellValue) : null;
  }
  return null;
}

/** Every text of the copy through `cellText`, once: the unit's own cells and notes, and ours. */
function sanitiseTexts(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A merged cell shows its master's value: the master is sanitised itself, never twice.
        if (cell.type === ExcelJS.ValueType.Merge) return;
        const value = sanitisedValue(cell.value);
        if (value !== null) cell.value = value;
        if (typeof cell.note === "string" && needsCellText(cell.note)) cell.note = cellText(cell.note);
        else if (cell.note && typeof cell.note === "object") {
          const texts = cell.note.texts ?? [];
          if (texts.some((t) => needsCellText(t.text))) cell.note = { ...cell.note, texts: texts.map((t) => ({ ...t, text: cellText(t.text) })) };
        }
      });
    });
  }
}

export interface AnnotateOptions {
  /** ISO 8601 UTC timestamp written in the copy (deterministic output). */
  readonly creationTime: string;
}

/** Build the annotated copy of `bytes` with `findings` (those of this file). */
export async function annotateWorkbook(bytes: Uint8Array, findings: readonly Finding[], options: AnnotateOptions): Promise<Uint8Array> {
  const { wb, stripped } = await loadForCopy(bytes);
  removeEarlierMarks(wb);
  const originalFills = new Map<string, string>();

  // Group the findings of each cell: one note, the worst severity's colour.
  const byCell = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.sheet || !f.cell || !wb.getWorksheet(f.sheet)) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  for (const [key, list] of byCell) {
    const [sheet = "", address = ""] = key.split("\u0000");
    const ws = wb.getWorksheet(sheet);
    if (!ws) continue;
    const cell = ws.getCell(address);
    const worst = [...list].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])[0];
    if (!worst) continue;
    originalFills.set(key, JSON.stringify(cell.style.fill ?? null));
    // exceljs gives every cell of one style (xf) the same style object, so `cell.fill = …` would
    // colour every input cell of the workbook: the marked cell gets its own copy instead.
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: FILL[worst.severity] } } };
    const text = list.map((f) => `[${SEVERITY_VI[f.severity]}] ${f.message.vi} (${f.rule})`).join("\n");
    const previous = typeof cell.note === "string" ? cell.note : cell.note?.texts?.map((t) => t.text).join("") ?? "";
    cell.note = previous ? `${previous}\n${text}` : text;
  }

  let name = ANNOTATION_SHEET;
  for (let i = 2; wb.getWorksheet(name); i++) name = `${ANNOTATION_SHEET} (${i})`;
  const ws = wb.addWorksheet(name, { properties: { tabColor: { argb: "FFC00000" } } });
  // exceljs orders sheets by orderNo: put the findings first.
  const first = wb.worksheets.reduce((least, w) => Math.min(least, (w as unknown as { orderNo: number }).orderNo), Infinity);
  (ws as unknown as { orderNo: number }).orderNo = first - 1;
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];

  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 14;
  ws.getColumn(4).width = 8;
  ws.getColumn(5).width = 18;
  ws.getColumn(6).width = 70;
  ws.getColumn(7).width = 60;
  ws.getColumn(ORIGINAL_FILL_COLUMN).hidden = true;
  const title = ws.getCell("A1");
  title.value = ANNOTATION_TITLE;
  title.font = font({ size: 14, bold: true });
  const counts = (sev: Finding["severity"]): number => findings.filter((f) => f.severity === sev).length;
  ws.getCell("A2").value = `${counts("error")} lỗi, ${counts("warning")} cảnh báo, ${counts("info")} thông tin. Ô có lỗi được tô màu và có ghi chú; đề nghị sửa và gửi lại.`;
  ws.getCell("A2").font = font({ italic: true });
  let row = 3;
  const dropped = droppedObjects(bytes);
  if (dropped.length > 0) {
    const may = stripped ? "không còn" : "có thể không còn";
    ws.getCell(row, 1).value = `Lưu ý: bản sao này ${may} các đối tượng của tệp gốc: ${dropped.join(", ")}. Tệp gốc của đơn vị không bị thay đổi.`;
    ws.getCell(row, 1).font = font({ italic: true, color: "FFC00000" });
    row++;
  }
  row++;
  const header = ["STT", "Mức độ", "Trang tính", "Ô", "Mã quy tắc", "Nội dung", "Message (EN)", ORIGINAL_FILL_HEADER];
  header.forEach((h, i) => {
    const c = ws.getCell(row, i + 1);
    c.value = h;
    c.font = font({ bold: true });
    c.border = THIN_BORDER;
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  // Findings without a cell first (they have no cell to sit on), then the others in order.
  const listed = [...findings.filter((f) => !f.cell), ...findings.filter((f) => f.cell)];
  listed.forEach((f, i) => {
    const r = row + 1 + i;
    const marked = f.sheet && f.cell ? originalFills.get(`${f.sheet}\u0000${f.cell}`) : undefined;
    const values = [i + 1, SEVERITY_VI[f.severity], f.sheet ?? "", f.cell ?? "", f.rule, f.message.vi, f.message.en, marked ?? ""];
    values.forEach((v, j) => {
      const c = ws.getCell(r, j + 1);
      c.value = v;
      c.font = font();
      c.border = THIN_BORDER;
      c.alignment = { vertical: "top", wrapText: j >= 5 };
      if (j === 1) c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: FILL[f.severity] } };
    });
  });
  ws.views = [{ state: "frozen", ySplit: row }];
  sanitiseTexts(wb);

  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await wb.xlsx.writeBuffer());
  } catch {
    throw new UserError(NOT_REWRITABLE);
  }
  return normalisePackage(raw, options.creationTime, { "docProps/core.xml": keepingCorePropertiesOf(bytes) });
}

const ANNOTATION_TITLE = "KẾT QUẢ KIỂM TRA BÁO CÁO";
/** A hidden column of the findings sheet: each marked cell's fill before it was marked, as JSON. */
const ORIGINAL_FILL_COLUMN = 8;
const ORIGINAL_FILL_HEADER = "Tô màu gốc";
/** A line of a note we wrote: "[Lỗi] <message> (<rule>)". */
const OUR_NOTE_LINE = new RegExp(`^\\[(?:${Object.values(SEVERITY_VI).join("|")})\\] .*\\([A-Z][A-Z0-9/-]*\\)$`, "u");

/**
 * A returned copy the unit sent back, corrected or not, and annotated again: the earlier copy's findings
 * sheet and its marks go first, or cells already fixed stayed red with their old notes, every note was
 * doubled and a second "LoiPhatHien (2)" contradicted the first (a review, 2026-12-07). Our sheet is known
 * by its title; each cell it lists gets back its fill (its hidden column) and loses our lines of its note.
 */
function removeEarlierMarks(wb: ExcelJS.Workbook): void {
  for (const sheet of [...wb.worksheets]) {
    if (!sheet.name.startsWith(ANNOTATION_SHEET) || textOfCell(sheet.getCell("A1").value) !== ANNOTATION_TITLE) continue;
    sheet.eachRow((row) => {
      const target = wb.getWorksheet(textOfCell(row.getCell(3).value));
      const address = textOfCell(row.getCell(4).value);
      const fill = textOfCell(row.getCell(ORIGINAL_FILL_COLUMN).value);
      if (!target || !/^[A-Z]{1,3}[1-9]\d*$/u.test(address) || fill === "" || fill === ORIGINAL_FILL_HEADER) return;
      const cell = target.getCell(address);
      const restored = parsedFill(fill);
      const { fill: _marked, ...rest } = cell.style;
      void _marked;
      cell.style = restored ? { ...rest, fill: restored } : rest;
      const note = typeof cell.note === "string" ? cell.note : (cell.note?.texts?.map((t) => t.text).join("") ?? "");
      const kept = note.split("\n").filter((line) => !OUR_NOTE_LINE.test(line)).join("\n");
      if (kept === note) return;
      if (kept !== "") cell.note = kept;
      else removeNote(cell);
    });
    wb.removeWorksheet(sheet.id);
  }
}

/**
 * exceljs has no way to remove a note: its setter makes one of whatever it is given. The cell keeps it in
 * `_comment`, and a note read from the file also in its value's model, which the cell's model returns.
 */
function removeNote(cell: ExcelJS.Cell): void {
  delete (cell.model as { comment?: unknown }).comment;
  (cell as unknown as { _comment?: unknown })._comment = undefined;
}

function textOfCell(value: ExcelJS.CellValue): string {
  return typeof value === "string" ? value : "";
}

/** A fill as the hidden column kept it; null for none or what cannot be read. */
function parsedFill(json: string): ExcelJS.Fill | null {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === "object" && "type" in value ? (value as ExcelJS.Fill) : null;
  } catch {
    return null;
  }
}

/** The core properties exceljs writes of its own when the original has none: its clock, "Unknown". */
const CORE_ELEMENTS = { created: "dcterms:created", modified: "dcterms:modified", creator: "dc:creator", lastModifiedBy: "cp:lastModifiedBy" } as const;

/**
 * The copy's core.xml without the properties the unit's file does not have. exceljs writes the machine's
 * clock for a missing `dcterms:modified`, and the received date is read from it (PERIODS.md §7): the copy of
 * a file sent on time, sent back corrected, was late by the day it was annotated, and two copies of one
 * file differed (a review, 2026-12-07). The properties the file has, exceljs carries.
 */
function keepingCorePropertiesOf(original: Uint8Array): (xml: string) => string {
  const had = readCoreProperties(original);
  return (xml) => {
    let out = xml;
    for (const [key, element] of Object.entries(CORE_ELEMENTS) as Array<[keyof typeof CORE_ELEMENTS, string]>) {
      if (had[key] !== null) continue;
      out = out.replace(new RegExp(`<${element}\\b[^>]*?(?:/>|>[^<]*</${element}>)`, "u"), "");
    }
    return out;
  };
}
