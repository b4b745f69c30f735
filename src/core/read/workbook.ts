/**
 * The workbook parts the reader needs, read from the package (parts.ts): the sheet list, the date
 * system, number formats (only to tell dates from numbers) and shared strings, loaded only when a
 * cell refers to them and only as far as the highest index asked for.
 */
import { cutShort, detached, nfc } from "../text";
import { decodeEscapes } from "./cells";
import { UnreadablePart, type ReadBudget } from "./limits";
import { decodeEntities, type ScanTag } from "./xmlscan";
import { resolvePart } from "./package";
import { Package, XmlPart, localName } from "./parts";

/** A sheet listed by the workbook, with its worksheet part. */
export interface SheetEntry {
  readonly name: string;
  readonly hidden: boolean;
  /** The worksheet part's name in the package. */
  readonly part: string;
}

/** An attribute by local name (`r:id`, `ns0:id` → `id`), prefixed or not as `prefixed` says. */
function attribute(tag: ScanTag, name: string, prefixed = false): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    const colon = key.indexOf(":");
    if ((colon >= 0) !== prefixed) continue;
    if ((colon < 0 ? key : key.slice(colon + 1)) === name) return value;
  }
  return undefined;
}

const isTrue = (v: string | undefined): boolean => v === "1" || v === "true";

/** Excel's built-in number formats (ECMA-376 §18.8.30) that are not locale-dependent. */
const BUILT_IN_FORMATS: Readonly<Record<number, string>> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?",
  13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
  20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
};

/** Relationships of a part: id → target part name (resolved against `base`) and type. */
function readRels(pkg: Package, name: string, base: string): Map<string, { target: string; type: string }> {
  const rels = new Map<string, { target: string; type: string }>();
  pkg.parseAll(name, {
    open: (tag) => {
      if (localName(tag.name) !== "Relationship") return;
      const id = tag.attribute("Id");
      const target = tag.attribute("Target");
      if (!id || !target || tag.attribute("TargetMode") === "External") return;
      rels.set(id, { target: resolvePart(base, target), type: tag.attribute("Type") ?? "" });
    },
  });
  return rels;
}

const typeIs = (type: string, suffix: string): boolean => type.endsWith(`/${suffix}`);

const WORKBOOK_PART = "xl/workbook.xml";

/**
 * The workbook part: `xl/workbook.xml` (any case), else the one the package relationships name
 * (officeDocument): the Open XML SDK may write `xl/workbook2.xml` (package.ts `sniffZip` lets only a
 * spreadsheet's main part through).
 */
function workbookPart(pkg: Package): string {
  if (pkg.has(WORKBOOK_PART)) return WORKBOOK_PART;
  const main = [...readRels(pkg, "_rels/.rels", "").values()].find((r) => typeIs(r.type, "officeDocument"));
  return main && pkg.has(main.target) ? main.target : WORKBOOK_PART;
}

/** A part's relationships part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}


/** V-FILE-01's detail for a listed sheet without its part (`part`), or without any link to one (null). */
function missingSheet(sheet: string, part: string | null): UnreadablePart {
  const name = `"${cutShort(sheet, 40)}"`;
  return new UnreadablePart(
    part === null
      ? { vi: `tệp bị hỏng: trang tính ${name} không có liên kết tới thành phần của nó`, en: `the file is damaged: sheet ${name} has no link to its part` }
      : { vi: `tệp bị hỏng: thiếu thành phần ${cutShort(part, 80)} của trang tính ${name}`, en: `the file is damaged: part ${cutShort(part, 80)} of sheet ${name} is missing` },
  );
}

function missingStrings(part: string): UnreadablePart {
  const name = cutShort(part, 80);
  return new UnreadablePart({ vi: `tệp bị hỏng: thiếu thành phần ${name}, nơi giữ văn bản của các ô`, en: `the file is damaged: part ${name}, which holds the cells' texts, is missing` });
}

/** The workbook: its sheets in order, date system, number formats and shared strings. */
export class WorkbookParts {
  readonly sheets: SheetEntry[] = [];
  date1904 = false;
  private readonly formats = new Map<number, string>();
  private readonly xfFormats: number[] = [];
  readonly strings: SharedStrings;

  constructor(readonly pkg: Package) {
    const main = workbookPart(pkg);
    const rels = readRels(pkg, relsPartOf(main), main);
    const listed: Array<{ name: string; hidden: boolean; rid: string }> = [];
    pkg.parseAll(main, {
      open: (tag) => {
        const name = localName(tag.name);
        if (name === "workbookPr") this.date1904 = isTrue(tag.attribute("date1904"));
        if (name !== "sheet") return;
        const state = tag.attribute("state");
        listed.push({ name: tag.attribute("name") ?? "", hidden: state === "hidden" || state === "veryHidden", rid: attribute(tag, "id", true) ?? "" });
      },
    });
    for (const s of listed) {
      const rel = rels.get(s.rid);
      // A sheet the workbook lists but the package lacks is damage (Excel offers to repair it): said so,
      // rather than read as a unit that left out a form, or a file with no ThongTin (a review of 2026-12-07).
      if (!rel || (typeIs(rel.type, "worksheet") && !pkg.has(rel.target))) throw missingSheet(nfc(s.name), rel?.target ?? null);
      // Chart sheets and dialog sheets hold no cells: not sheets for the reader (as exceljs).
      if (!typeIs(rel.type, "worksheet")) continue;
      // Names are kept as written, even beyond Excel's 31 characters: addresses must name the sheet as in the file.
      // Detached from workbook.xml's text: the name stays with the submission (sheetOrder, every cell read).
      this.sheets.push({ name: detached(nfc(s.name)), hidden: s.hidden, part: rel.target });
    }
    const partOf = (type: string, fallback: string): string => [...rels.values()].find((r) => typeIs(r.type, type))?.target ?? fallback;
    this.readStyles(partOf("styles", "xl/styles.xml"));
    this.strings = new SharedStrings(pkg, partOf("sharedStrings", "xl/sharedStrings.xml"));
  }

  /** The number format of a cell style index, or undefined (General). */
  numFmt(style: number | undefined): string | undefined {
    // Style 0 is the default (General) in every file Excel writes; exceljs ignores it too.
    if (!style) return undefined;
    const id = this.xfFormats[style];
    if (!id) return undefined;
    return this.formats.get(id) ?? BUILT_IN_FORMATS[id];
  }

  private readStyles(part: string): void {
    let inCellXfs = false;
    this.pkg.parseAll(part, {
      open: (tag) => {
        const name = localName(tag.name);
        if (name === "numFmt") {
          const id = Number(tag.attribute("numFmtId"));
          // Backslash escapes are removed as exceljs does; cells.ts's isDateFormat expects that.
          const code = (tag.attribute("formatCode") ?? "").replace(/\\(.)/gu, "$1");
          if (Number.isInteger(id)) this.formats.set(id, code);
        } else if (name === "cellXfs") {
          inCellXfs = true;
        } else if (name === "xf" && inCellXfs) {
          this.xfFormats.push(Number.parseInt(tag.attribute("numFmtId") ?? "0", 10) || 0);
        }
      },
      close: (tag) => {
        if (localName(tag.name) === "cellXfs") inCellXfs = false;
      },
    });
  }
}

const PRESERVE = ' xml:space="preserve"';

/** Shared strings, parsed only as far as the highest index asked for. */
export class SharedStrings {
  private readonly values: string[] = [];
  private readonly part: XmlPart | null;
  private readonly budget: ReadBudget;
  // Parser state of the current <si>.
  private current: string[] | null = null;
  private inText = false;
  private phonetic = 0;
  private run = 0;
  private length = 0;

  constructor(
    pkg: Package,
    private readonly name: string,
  ) {
    this.budget = pkg.budget;
    this.part = pkg.xml(name, {
      open: (tag) => this.open(localName(tag.name)),
      close: (tag) => this.close(localName(tag.name)),
      text: (text) => this.text(text),
      element: (text, lt) => this.plainItem(text, lt),
    });
  }

  /**
   * `<si><t>text</t></si>` (or `<t xml:space="preserve">`), as Excel, LibreOffice and exceljs write a
   * plain string, read at once rather than as five events; anything else (runs, phonetic text, other
   * attributes) is declined (-1) and read by the events, to the same value.
   */
  private plainItem(s: string, lt: number): number {
    // Not inside another item (no writer nests them; the events read a nested one their own way).
    if (this.current !== null || !s.startsWith("<si><t", lt)) return -1;
    let p = lt + 6;
    if (s.startsWith(PRESERVE, p)) p += PRESERVE.length;
    if (s.charCodeAt(p) !== 0x3e /* > */) return -1;
    const end = s.indexOf("<", p + 1);
    if (end < 0 || !s.startsWith("</t></si>", end)) return -1;
    const text = end > p + 1 ? decodeEntities(s.slice(p + 1, end)) : "";
    this.budget.checkText(text.length);
    this.values.push(decodeEscapes(text));
    this.budget.checkSharedStrings(this.values.length);
    return end + 9;
  }

  /**
   * The text of shared string `index`, or null when the file has no such string (a damaged or hostile
   * file): that one cell is then an error value at its address, not the whole file unreadable.
   */
  get(index: number): string | null {
    // Cells that name shared strings in a package without any: damage, as a missing sheet part is (one
    // index past the list is one cell's fault, kept above; every label missing buried the file in layout findings).
    if (this.part === null) throw missingStrings(this.name);
    while (this.values.length <= index && this.part.pump());
    return this.values[index] ?? null;
  }

  private open(name: string): void {
    if (name === "si") {
      this.current = [];
      this.length = 0;
    } else if (name === "rPh") this.phonetic++;
    else if (name === "r") this.run++;
    else if (name === "t" && this.current && this.phonetic === 0) this.inText = true;
  }

  private close(name: string): void {
    if (name === "si" && this.current) {
      this.values.push(decodeEscapes(this.current.join("")));
      this.budget.checkSharedStrings(this.values.length);
      this.current = null;
    } else if (name === "rPh") this.phonetic--;
    else if (name === "r") this.run--;
    else if (name === "t") this.inText = false;
  }

  private text(text: string): void {
    if (!this.inText || !this.current) return;
    this.length += text.length;
    this.budget.checkText(this.length);
    this.current.push(text);
  }
}
