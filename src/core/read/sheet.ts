/**
 * One worksheet read from its XML stream into a grid for the reader: cells as found (values turned
 * into plain cells only when asked for), merged ranges kept as ranges (never expanded), hidden rows
 * and columns. Every cell and merge is counted against the file's limits as it is met.
 */
import { a1, columnNumber } from "../xlsx/layout";
import { EMPTY, labelText, plainFromRaw, type RawCell } from "./cells";
import type { PlainCell } from "./cells.types";
import type { Grid, MergeRange } from "./grid";
import { LimitExceeded, MalformedPart, SheetCellsExceeded, type ReadBudget } from "./limits";
import { AttributeSpans, decodeEntities, isSpace, plainAttributes, plainEnd, type ScanTag } from "./xmlscan";
import { localName, type Package } from "./parts";
import type { SheetEntry, WorkbookParts } from "./workbook";

const RANGE_RE = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/u;

interface MutableCell {
  t: string | undefined;
  s: number | undefined;
  value: string | undefined;
  runs: string[] | null;
  formula: string | undefined;
  shareType: string | undefined;
  si: string | undefined;
  ref: string | undefined;
  /** The cell made plain, once asked for (StreamGrid.at). */
  plain: PlainCell | null;
}

/** What the XML of one sheet holds, collected by `parseSheet`. */
interface SheetData {
  /** Cells by row and column; a row whose cells are all empty is there without them. */
  readonly rows: Map<number, Map<number, MutableCell>>;
  readonly merges: MergeRange[];
  readonly hiddenRows: Set<number>;
  readonly hiddenCols: Array<{ min: number; max: number }>;
  /** Set when the sheet has more cells than the limit: it holds only the cells before. */
  cut: SheetCellsExceeded | null;
}

/**
 * The elements a worksheet has after its merges (CT_Worksheet's order, ECMA-376 Part 1 §18.3.1.99): once
 * one opens after the cells, nothing the reader reads can follow. A third of a template sheet's text is
 * there (data validations with their Vietnamese prompts).
 */
const AFTER_MERGES: ReadonlySet<string> = new Set([
  "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup",
  "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
  "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
]);

/** The elements of a worksheet's rows and cells, read inside `<sheetData>` only. */
const CELL_CONTENT: ReadonlySet<string> = new Set(["row", "c", "v", "f", "r", "t", "rPh", "is"]);

/** A row of raw cells handed over when its element closes (`forEachRow`). */
type RowSink = (row: number, cells: Map<number, MutableCell>) => void;

/**
 * Parse one worksheet part completely, within the budget; a sheet over the cell limit is cut there.
 * With `onRow`, each row is handed over when it closes and dropped, and cells are not counted.
 */
function parseSheet(pkg: Package, { name: sheet, part }: Pick<SheetEntry, "name" | "part">, budget: ReadBudget, onRow?: RowSink): SheetData {
  const data: SheetData = { rows: new Map(), merges: [], hiddenRows: new Set(), hiddenCols: [], cut: null };
  let count = 0;
  let row = 0;
  let col = 0;
  let cells: Map<number, MutableCell> | null = null;
  // The highest column `cells` may hold (Infinity: not known, a row met again): an empty cell right of
  // it has nothing to replace, so the map is not searched for it (most cells are empty, in order).
  let keptTo = 0;
  let cell: MutableCell | null = null;
  let target: "v" | "t" | "f" | "run" | null = null;
  let inRun = false;
  // A phonetic guide's text (`<rPh>`, added by East Asian input methods) is not the cell's text; once a
  // `<v>` or an inline string `<is>` has given the value, a further one is not read (their texts were
  // joined: "12" + "5" = 125). The first wins, as the whole-element path reads `<c t="inlineStr"><v>7</v></c>`.
  let inPhonetic = false;
  let valueDone = false;
  let length = 0;
  let pastData = false;
  // Rows and cells are read inside `<sheetData>` only: a foreign element after it holding `<row><c>` (an
  // extension's own markup, matched by local name) is not the sheet's data.
  let inData = false;

  const append = (text: string): void => {
    if (!cell || target === null) return;
    length += text.length;
    budget.checkText(length);
    if (target === "f") cell.formula = (cell.formula ?? "") + text;
    else if (target === "run") (cell.runs ?? (cell.runs = [])).push(text);
    else cell.value = (cell.value ?? "") + text;
  };

  const openRow = (tag: ScanTag): void => {
    const r = Number.parseInt(tag.attribute("r") ?? "", 10);
    row = Number.isFinite(r) && r > 0 ? r : row + 1;
    col = 0;
    if (isTrue(tag.attribute("hidden")) || isZero(tag.attribute("ht"))) data.hiddenRows.add(row);
    cells = data.rows.get(row) ?? null;
    keptTo = cells ? Infinity : 0;
  };

  /** A cell met: counted, and placed at its reference (`placed`: refRow, refCol read) or after the last one. */
  const placeCell = (placed: boolean): void => {
    if (!onRow) budget.checkSheetCells(++count);
    if (placed) {
      col = refCol;
      if (refRow !== row) {
        row = refRow;
        cells = data.rows.get(row) ?? null;
        keptTo = cells ? Infinity : 0;
      }
    } else col++;
  };

  /** The cell whose content follows, or none for an empty element (a row's rows hand every cell over, empty ones too). */
  const startCell = (empty: boolean, t: string | undefined, style: number | undefined): void => {
    cell = empty && !onRow ? null : { t, s: style, value: undefined, runs: null, formula: undefined, shareType: undefined, si: undefined, ref: undefined, plain: null };
    length = 0;
    valueDone = false;
  };

  const openCell = (tag: ScanTag): void => {
    placeCell(tag.find("r") ? cellRefAt(tag.text, tag.foundStart, tag.foundEnd) || cellRef(tag.attribute("r")) : false);
    startCell(
      tag.selfClosing,
      tag.attribute("t"),
      tag.find("s") ? (digitsAt(tag.text, tag.foundStart, tag.foundEnd) ?? Number.parseInt(tag.attribute("s") ?? "", 10)) : undefined,
    );
  };

  const closeRow = (): void => {
    const done = data.rows.get(row);
    if (!onRow || !done) return;
    data.rows.delete(row);
    cells = null;
    onRow(row, done);
  };

  const closeCell = (): void => {
    if (!cells) {
      cells = new Map();
      data.rows.set(row, cells);
      keptTo = 0;
    }
    // An empty cell is not kept (it reads as empty all the same), but it replaces one written before at its place.
    if (cell && (onRow || !isBlank(cell))) {
      cells.set(col, cell);
      if (col > keptTo) keptTo = col;
    } else if (col <= keptTo && cells.size > 0) cells.delete(col);
    cell = null;
  };

  /** A whole cell element read at once (CellElement), with what openCell, append and closeCell would do; -1 when declined. */
  const takeCell = (s: string, lt: number): number => {
    if (!CELL.read(s, lt)) return -1;
    const found = CELL;
    const end = found.end;
    placeCell(found.rStart >= 0 && cellRefAt(s, found.rStart, found.rEnd));
    // An empty cell is not kept (startCell makes none): its type and style are not read.
    if (found.selfClosing && !onRow) startCell(true, undefined, undefined);
    else {
      startCell(
        found.selfClosing,
        spanText(s, found.tStart, found.tEnd),
        found.sStart >= 0 ? (digitsAt(s, found.sStart, found.sEnd) ?? Number.parseInt(s.slice(found.sStart, found.sEnd), 10)) : undefined,
      );
    }
    if (cell && found.hasFormula) {
      cell.shareType = spanText(s, found.ftStart, found.ftEnd);
      cell.si = spanText(s, found.siStart, found.siEnd);
      cell.ref = spanText(s, found.refStart, found.refEnd);
    }
    // Texts in document order (the text limit counts them so); the spans are read before `append` may throw.
    const { vStart, vEnd, fStart, fEnd } = found;
    if (found.formulaFirst) {
      appendSpan(s, fStart, fEnd, "f");
      appendSpan(s, vStart, vEnd, "v");
    } else {
      appendSpan(s, vStart, vEnd, "v");
      appendSpan(s, fStart, fEnd, "f");
    }
    target = null;
    closeCell();
    return end;
  };

  /**
   * `<mergeCell ref="B2:D4"/>` read whole (a form sheet has dozens, after its cells), as the scanner's
   * events would give it to `addMerge`; anything else (another attribute, white space, a reference in
   * the value, a prefix) is declined (-1) and read by the events.
   */
  const takeMerge = (s: string, lt: number): number => {
    if (!s.startsWith(MERGE_OPEN, lt)) return -1;
    const from = lt + MERGE_OPEN.length;
    let end = from;
    for (let q = s.charCodeAt(end); q !== 0x22; q = s.charCodeAt(++end)) {
      // The end of the text (NaN), or a reference.
      if (q !== q || q === 0x26 /* & */) return -1;
    }
    if (s.charCodeAt(end + 1) !== 0x2f /* / */ || s.charCodeAt(end + 2) !== 0x3e /* > */) return -1;
    addMerge(s.slice(from, end), data, budget);
    return end + 3;
  };

  /** A `<v>` or `<f>` text s[start, end) given to `append` as the scanner gives it: decoded, and only when not empty. */
  const appendSpan = (s: string, start: number, end: number, into: "v" | "f"): void => {
    if (start < 0 || end <= start) return;
    target = into;
    append(decodeEntities(s.slice(start, end)));
  };

  try {
    pkg.parseAll(part, {
      open: (tag) => {
        const name = localName(tag.name);
        if (!inData && CELL_CONTENT.has(name)) return;
        switch (name) {
          case "sheetData":
            inData = !tag.selfClosing;
            return;
          case "row":
            return openRow(tag);
          case "c":
            return openCell(tag);
          case "v":
            target = valueDone ? null : "v";
            return;
          case "f":
            if (cell) {
              cell.shareType = tag.attribute("t");
              cell.si = tag.attribute("si");
              cell.ref = tag.attribute("ref");
            }
            target = "f";
            return;
          case "r":
            inRun = true;
            return;
          case "t":
            target = inPhonetic || valueDone ? null : inRun ? "run" : "t";
            return;
          case "rPh":
            inPhonetic = true;
            return;
          case "mergeCell":
            return addMerge(tag.attribute("ref") ?? "", data, budget);
          case "col":
            return addHiddenCols(tag, data);
          default:
            // Past the cells and the merges, the rest of the sheet (validations, print setup) is not read.
            return pastData && AFTER_MERGES.has(name);
        }
      },
      close: (tag) => {
        const name = localName(tag.name);
        if (!inData && CELL_CONTENT.has(name)) return;
        switch (name) {
          case "row":
            return closeRow();
          case "c":
            return closeCell();
          case "r":
            inRun = false;
            return;
          case "sheetData":
            pastData = true;
            inData = false;
            return;
          case "rPh":
            inPhonetic = false;
            return;
          case "v":
          case "is":
            valueDone = true;
            target = null;
            return;
          case "f":
          case "t":
            target = null;
            return;
          default:
            return;
        }
      },
      text: append,
      element: (s, lt) => (s.charCodeAt(lt + 1) === 0x6d /* m */ ? takeMerge(s, lt) : inData ? takeCell(s, lt) : -1),
    });
  } catch (err) {
    // Malformed XML: said on its sheet, near the last cell reached (the one being read, or the one before).
    if (err instanceof MalformedPart) throw err.at(sheet, row > 0 && col > 0 ? a1(row, col) : null);
    // A sheet's limits said on the sheet, a text's on its cell (the one being read).
    if (err instanceof LimitExceeded && (err.limit === "maxCells" || err.limit === "maxTextLength")) err.place ??= { sheet, cell: row > 0 && col > 0 ? a1(row, col) : null };
    // Reading stops at the first cell past the limit: the cost is bounded, the cells before are kept.
    if (!(err instanceof SheetCellsExceeded)) throw err;
    data.cut = err;
  }
  if (!onRow) budget.sheetRead(count);
  return data;
}

/**
 * The rows of one worksheet in file order, each given as plain cells when its element closes and then
 * dropped: for a sheet too long to hold whole (a report's NguonSoLieu, 60,000 rows and more). Memory
 * stays about one row, so the cell limit does not apply; the part's size, the text and merge limits and
 * the time budget still do. Merges are not applied (their covered cells hold no value in the files
 * this product and Excel write), and a shared formula's clone gets no formula text (its result is read).
 */
export function forEachRow(workbook: WorkbookParts, entry: SheetEntry, visit: (row: number, cells: ReadonlyMap<number, PlainCell>) => void): void {
  const plainRow = (raw: ReadonlyMap<number, RawCell>): Map<number, PlainCell> => {
    const plain = new Map<number, PlainCell>();
    for (const [col, cell] of raw) {
      plain.set(col, plainFromRaw(cell, cell.formula ?? "", workbook.numFmt(cell.s), workbook.date1904, (i) => workbook.strings.get(i)));
    }
    return plain;
  };
  const rest = parseSheet(workbook.pkg, entry, workbook.pkg.budget, (row, cells) => visit(row, plainRow(cells)));
  // Cells outside any row element (not in files Excel writes), after the rows.
  for (const row of [...rest.rows.keys()].sort((a, b) => a - b)) visit(row, plainRow(rest.rows.get(row) ?? new Map()));
}

/**
 * One cell element as Excel, LibreOffice and exceljs write it, read whole at its `<` without the
 * scanner's events (five a cell: two thirds of reading a sheet): `<c …/>`, or `<c …>` with at most
 * one `<v>` and one `<f>` of plain text, then `</c>`. Attributes are plain (no references); text may
 * hold references (decoded as the scanner decodes them). Anything else (an inline string, white space
 * between the children, a prefix, a comment) is declined and read by the scanner, with the same result.
 */
class CellElement {
  /** Where the element ends (just after it), once read. */
  end = 0;
  selfClosing = false;
  rStart = -1;
  rEnd = -1;
  sStart = -1;
  sEnd = -1;
  tStart = -1;
  tEnd = -1;
  /** The `<v>` text's span (vStart < 0: no text), and the `<f>`'s. */
  vStart = -1;
  vEnd = -1;
  hasFormula = false;
  fStart = -1;
  fEnd = -1;
  /** The formula's `t`, `si` and `ref` attributes. */
  ftStart = -1;
  ftEnd = -1;
  siStart = -1;
  siEnd = -1;
  refStart = -1;
  refEnd = -1;
  formulaFirst = false;
  private closed = false;
  /** The text being read (the attribute sinks look at names in it). */
  private text = "";

  /** Read the cell element at `lt`; false (nothing to use) when it is not one this reads. */
  read(s: string, lt: number): boolean {
    if (s.charCodeAt(lt + 1) !== 0x63 /* c */) return false;
    const after = s.charCodeAt(lt + 2);
    if (after !== 0x3e && after !== 0x2f && !isSpace(after)) return false;
    this.text = s;
    this.rStart = this.sStart = this.tStart = this.vStart = this.fStart = this.ftStart = this.siStart = this.refStart = -1;
    this.hasFormula = false;
    this.formulaFirst = false;
    let hasValue = false;
    let p = this.attributes(s, lt + 2, false);
    if (p < 0) return false;
    this.selfClosing = this.closed;
    p++;
    if (this.selfClosing) {
      this.end = p;
      return true;
    }
    for (;;) {
      if (s.charCodeAt(p) !== 0x3c /* < */) return false;
      const c = s.charCodeAt(p + 1);
      if (c === 0x2f /* / */) {
        if (s.charCodeAt(p + 2) !== 0x63 || s.charCodeAt(p + 3) !== 0x3e) return false;
        this.end = p + 4;
        return true;
      }
      if (c === 0x76 /* v */ && !hasValue) {
        hasValue = true;
        const next = s.charCodeAt(p + 2);
        if (next === 0x2f && s.charCodeAt(p + 3) === 0x3e) {
          p += 4;
          continue;
        }
        if (next !== 0x3e) return false;
        const close = textEnd(s, p + 3, "</v>");
        if (close < 0) return false;
        this.vStart = p + 3;
        this.vEnd = close;
        p = close + 4;
        continue;
      }
      if (c === 0x66 /* f */ && !this.hasFormula) {
        const next = s.charCodeAt(p + 2);
        if (next !== 0x3e && next !== 0x2f && !isSpace(next)) return false;
        const gt = this.attributes(s, p + 2, true);
        if (gt < 0) return false;
        this.hasFormula = true;
        this.formulaFirst = !hasValue;
        if (this.closed) {
          p = gt + 1;
          continue;
        }
        const close = textEnd(s, gt + 1, "</f>");
        if (close < 0) return false;
        this.fStart = gt + 1;
        this.fEnd = close;
        p = close + 4;
        continue;
      }
      return false;
    }
  }

  /** The attributes from `p` to the tag's `>` (`closed` when `/>`), as the scanner's plain path reads them; -1 when not plain. */
  private attributes(s: string, p: number, formula: boolean): number {
    if (!formula) {
      const gt = this.cellAttributes(s, p);
      if (gt >= 0) return gt;
    }
    const found = this.found;
    found.count = 0;
    const gt = plainAttributes(s, p, found);
    this.closed = plainEnd.selfClosing;
    // Kept in order: the last of two attributes of one name wins, as in the scanner's record.
    for (let k = 0; k < found.count; k++) {
      const at = 4 * k;
      const name = found.spans[at] ?? 0;
      this.keep(name, (found.spans[at + 1] ?? 0) - name, found.spans[at + 2] ?? 0, found.spans[at + 3] ?? 0, formula);
    }
    return gt;
  }

  /**
   * A cell's attributes as Excel, LibreOffice and exceljs write them, read in one pass: each a space,
   * `r`, `s` or `t`, `="`, a value without `&` or `"`, `"`; then `>` or `/>`. Its `>` (`closed` when
   * `/>`), or -1 for anything else (another attribute, other spacing or quotes), which `attributes`
   * then reads the general way: every attribute this set is one the tag has, so it sets them again.
   * Seven cells in ten of a submission are `<c r="B7" s="3"/>`: this is most of reading their tags.
   */
  private cellAttributes(s: string, p: number): number {
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 0x3e /* > */) {
        this.closed = false;
        return p;
      }
      if (c === 0x2f /* / */) {
        if (s.charCodeAt(p + 1) !== 0x3e) return -1;
        this.closed = true;
        return p + 1;
      }
      if (c !== 0x20 || s.charCodeAt(p + 2) !== 0x3d /* = */ || s.charCodeAt(p + 3) !== 0x22 /* " */) return -1;
      const name = s.charCodeAt(p + 1);
      const start = p + 4;
      let end = start;
      for (let q = s.charCodeAt(end); q !== 0x22; q = s.charCodeAt(++end)) {
        // The end of the text (NaN), or a reference.
        if (q !== q || q === 0x26 /* & */) return -1;
      }
      if (!this.keepCell(name, start, end)) return -1;
      p = end + 1;
    }
  }

  /** Where `plainAttributes` puts a tag's attributes (positions only, no callback per attribute). */
  private readonly found = new AttributeSpans();

  /** Keep an attribute this reads (the last of two of one name, as the scanner's). */
  private keep(name: number, length: number, start: number, end: number, formula: boolean): void {
    const s = this.text;
    const first = s.charCodeAt(name);
    if (formula) {
      if (length === 1 && first === 0x74 /* t */) {
        this.ftStart = start;
        this.ftEnd = end;
      } else if (length === 2 && first === 0x73 && s.charCodeAt(name + 1) === 0x69 /* si */) {
        this.siStart = start;
        this.siEnd = end;
      } else if (length === 3 && s.startsWith("ref", name)) {
        this.refStart = start;
        this.refEnd = end;
      }
      return;
    }
    if (length === 1) this.keepCell(first, start, end);
  }

  /** Keep a cell's `r`, `s` or `t`, by its one-letter name (a character code); false for any other. */
  private keepCell(name: number, start: number, end: number): boolean {
    if (name === 0x72 /* r */) {
      this.rStart = start;
      this.rEnd = end;
    } else if (name === 0x73 /* s */) {
      this.sStart = start;
      this.sEnd = end;
    } else if (name === 0x74 /* t */) {
      this.tStart = start;
      this.tEnd = end;
    } else return false;
    return true;
  }
}

/** The `close` tag ending the text from `from` (no markup inside), or -1. */
function textEnd(s: string, from: number, close: string): number {
  const lt = s.indexOf("<", from);
  return lt >= 0 && s.startsWith(close, lt) ? lt : -1;
}

const CELL = new CellElement();

const MERGE_OPEN = '<mergeCell ref="';

/** An attribute's value s[start, end) (plain: no references), or undefined when start < 0 (absent). */
function spanText(s: string, start: number, end: number): string | undefined {
  return start < 0 ? undefined : s.slice(start, end);
}

// The row and column `cellRef` read (module scratch rather than an object per cell: thousands per file).
let refRow = 0;
let refCol = 0;

/** A cell's `r` ("B12", "$B$12", "b12") read into refRow and refCol; false when it is not a cell reference. */
function cellRef(r: string | undefined): boolean {
  return r !== undefined && cellRefAt(r, 0, r.length);
}

/**
 * cellRef on s[from, to), read in place (a raw attribute value: no string cut out per cell). A value
 * with a character reference is not a reference here; its caller then reads the decoded value.
 */
function cellRefAt(s: string, from: number, to: number): boolean {
  let i = s.charCodeAt(from) === 0x24 ? from + 1 : from;
  let col = 0;
  const start = i;
  for (; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20; // lower case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  if (i === start || i - start > 3) return false;
  if (i < to && s.charCodeAt(i) === 0x24) i++;
  let row = 0;
  const digits = i;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    row = row * 10 + (c - 0x30);
  }
  if (i === digits) return false;
  refRow = row;
  refCol = col;
  return true;
}

/** s[from, to) as a number when it is 1 to 9 ASCII digits (as Number.parseInt reads it), else undefined. */
function digitsAt(s: string, from: number, to: number): number | undefined {
  if (to <= from || to - from > 9) return undefined;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** A cell without value, text, runs or formula: plainFromRaw makes it EMPTY. */
function isBlank(cell: MutableCell): boolean {
  return cell.value === undefined && cell.runs === null && cell.formula === undefined && cell.shareType === undefined;
}

/** A row's height or a column's width of 0: Excel shows it hidden, as `hidden="1"` does (WORKBOOKS.md §1.5). */
function isZero(v: string | undefined): boolean {
  return v !== undefined && v.trim() !== "" && Number(v) === 0;
}

function isTrue(v: string | undefined): boolean {
  return v === "1" || v === "true";
}

function addMerge(ref: string, data: SheetData, budget: ReadBudget): void {
  budget.addMerge();
  const range = rangeOf(ref);
  if (range) data.merges.push(range);
}

function addHiddenCols(tag: ScanTag, data: SheetData): void {
  if (!isTrue(tag.attribute("hidden")) && !isZero(tag.attribute("width"))) return;
  const min = Number.parseInt(tag.attribute("min") ?? "", 10);
  const max = Number.parseInt(tag.attribute("max") ?? "", 10);
  if (Number.isFinite(min) && Number.isFinite(max)) data.hiddenCols.push({ min, max });
}

/**
 * `numbers` in ascending order, in place. Rows and cells come in order in the files Excel and every
 * writer make, so the check is all it usually costs (a sort copies the array to work on it).
 */
function ascending(numbers: number[]): number[] {
  for (let i = 1; i < numbers.length; i++) {
    if ((numbers[i - 1] ?? 0) > (numbers[i] ?? 0)) return numbers.sort((a, b) => a - b);
  }
  return numbers;
}

/**
 * A merge's `ref` as RANGE_RE reads it ("B2:D4", "$B$2:$D$4"; upper case only), as a range, or null.
 * Read by hand (a regular expression's match and substrings per merge were a tenth of what reading a
 * file allocated); anything long enough to round differently goes the regular expression's way.
 */
function rangeOf(ref: string): MergeRange | null {
  const colon = ref.indexOf(":");
  if (colon < 0 || ref.length > 40) return rangeByExpression(ref);
  if (!rangeEnd(ref, 0, colon)) return rangeByExpression(ref);
  const top = endRow;
  const left = endCol;
  if (!rangeEnd(ref, colon + 1, ref.length)) return rangeByExpression(ref);
  return { top: Math.min(top, endRow), left: Math.min(left, endCol), bottom: Math.max(top, endRow), right: Math.max(left, endCol) };
}

let endRow = 0;
let endCol = 0;

/** One end of a range, `\$?[A-Z]{1,10}\$?\d{1,15}`, into endRow and endCol (exact in a double); false otherwise. */
function rangeEnd(s: string, from: number, to: number): boolean {
  let i = s.charCodeAt(from) === 0x24 ? from + 1 : from;
  const letters = i;
  let col = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break;
    col = col * 26 + (c - 0x40);
  }
  if (i === letters || i - letters > 10) return false;
  if (i < to && s.charCodeAt(i) === 0x24) i++;
  const digits = i;
  let row = 0;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    row = row * 10 + (c - 0x30);
  }
  if (i === digits || i - digits > 15) return false;
  endRow = row;
  endCol = col;
  return true;
}

function rangeByExpression(ref: string): MergeRange | null {
  const m = RANGE_RE.exec(ref);
  if (!m) return null;
  const top = Number(m[2]);
  const bottom = Number(m[4]);
  const left = columnNumber(m[1] ?? "A");
  const right = columnNumber(m[3] ?? "A");
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/** The first index of a sorted array whose value is ≥ x. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A worksheet read from the package, as the reader's grid. */
export class StreamGrid implements Grid {
  readonly name: string;
  readonly hidden: boolean;
  private readonly data: SheetData;
  private readonly rowList: number[];
  /** Merges by the rows with cells they cross: only those rows are ever asked about. */
  private readonly rowMerges = new Map<number, MergeRange[]>();
  private readonly filledCols = new Map<number, number[]>();
  /** Shared-formula masters of this sheet: si → position and text. */
  private masters: Map<string, { row: number; col: number; formula: string }> | null = null;

  constructor(
    readonly index: number,
    entry: SheetEntry,
    private readonly workbook: WorkbookParts,
  ) {
    this.name = entry.name;
    this.hidden = entry.hidden;
    this.data = parseSheet(workbook.pkg, entry, workbook.pkg.budget);
    this.rowList = ascending([...this.data.rows.keys()]);
    for (const merge of this.data.merges) {
      for (let i = lowerBound(this.rowList, merge.top); i < this.rowList.length; i++) {
        const r = this.rowList[i] ?? 0;
        if (r > merge.bottom) break;
        const list = this.rowMerges.get(r);
        if (list) list.push(merge);
        else this.rowMerges.set(r, [merge]);
      }
    }
  }

  at(row: number, col: number): PlainCell {
    const raw = this.data.rows.get(row)?.get(col);
    return raw ? this.plainOf(raw, row, col) : EMPTY;
  }

  /** A raw cell made plain (once), as `at` gives it. */
  private plainOf(raw: MutableCell, row: number, col: number): PlainCell {
    if (raw.plain) return raw.plain;
    const merge = this.mergeAt(row, col);
    // Only the master of a merged range holds its value (§1.5).
    const covered = merge !== null && (merge.top !== row || merge.left !== col);
    const value = covered ? EMPTY : plainFromRaw(raw, this.formulaText(raw, row, col), this.workbook.numFmt(raw.s), this.workbook.date1904, this.sharedString);
    raw.plain = value;
    return value;
  }

  private readonly sharedString = (i: number): string | null => this.workbook.strings.get(i);

  text(row: number, col: number): string {
    return labelText(this.at(row, col));
  }

  isEmpty(row: number, col: number): boolean {
    return this.at(row, col).kind === "empty";
  }

  columnsOf(row: number): number[] {
    const cached = this.filledCols.get(row);
    if (cached) return cached;
    const byCol = this.data.rows.get(row);
    const cols: number[] = [];
    // forEach, not for…of: each entry of a Map's iterator is a new [key, value] array (170 KB a file).
    byCol?.forEach((raw, c) => {
      if (this.plainOf(raw, row, c).kind !== "empty") cols.push(c);
    });
    ascending(cols);
    this.filledCols.set(row, cols);
    return cols;
  }

  rows(): number[] {
    return this.rowList;
  }

  get overLimit(): SheetCellsExceeded | null {
    return this.data.cut;
  }

  mergeAt(row: number, col: number): MergeRange | null {
    return this.rowMerges.get(row)?.find((m) => col >= m.left && col <= m.right) ?? null;
  }

  isHiddenRow(row: number): boolean {
    return this.data.hiddenRows.has(row);
  }

  isHiddenCol(col: number): boolean {
    return this.data.hiddenCols.some((h) => col >= h.min && col <= h.max);
  }

  address(row: number, col: number): string {
    return a1(row, col);
  }

  /** A formula's text: its own, or for a shared-formula clone its master's, moved to this cell. */
  private formulaText(raw: RawCell, row: number, col: number): string {
    if (raw.formula !== undefined && raw.formula !== "") return raw.formula;
    if (raw.shareType !== "shared" || raw.si === undefined) return "";
    const master = this.mastersOf().get(raw.si);
    if (!master) return "";
    return shiftFormula(master.formula, row - master.row, col - master.col);
  }

  private mastersOf(): Map<string, { row: number; col: number; formula: string }> {
    if (this.masters) return this.masters;
    const masters = new Map<string, { row: number; col: number; formula: string }>();
    for (const [r, byCol] of this.data.rows) {
      for (const [c, raw] of byCol) {
        if (raw.shareType === "shared" && raw.ref !== undefined && raw.si !== undefined && raw.formula) {
          masters.set(raw.si, { row: r, col: c, formula: raw.formula });
        }
      }
    }
    this.masters = masters;
    return masters;
  }
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/**
 * A shared formula moved by (dRow, dCol): relative references shift, `$` parts stay. String literals,
 * names and function names (`LOG10(`) are left alone.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula
    .split(/("(?:[^"]|"")*")/u)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(?<![\p{L}\p{N}_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\p{L}\p{N}_(])/gu, (whole, cAbs: string, letters: string, rAbs: string, digits: string) => {
            const c = columnNumber(letters.toUpperCase()) + (cAbs ? 0 : dCol);
            const r = Number(digits) + (rAbs ? 0 : dRow);
            if (c < 1 || c > MAX_COL || r < 1 || r > MAX_ROW) return "#REF!";
            const moved = a1(r, c);
            const split = /^([A-Z]+)(\d+)$/u.exec(moved);
            return split ? `${cAbs}${split[1] ?? ""}${rAbs}${split[2] ?? ""}` : whole;
          }),
    )
    .join("");
}

