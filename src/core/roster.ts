/**
 * The unit roster (UNITS.md): the built-in default, roster files supplied by users (CSV or XLSX,
 * UNITS.md §4) with their V-ROSTER checks, and which units are active or expected in a data window.
 * Pure TypeScript: runs unchanged in Node, the browser and a Web Worker.
 */
import { decodeUtf8, parseCsv } from "./csv";
import { excelSerialToIsoDate, parseDateText } from "./dates";
import type { Finding } from "./findings";
import { ruleMessage } from "./messages";
import { collapseSpaces, nfc, type Lang, type Localised } from "./text";

// ---------------------------------------------------------------------------------------------
// Types and labels (UNITS.md §2)

export const UNIT_TYPES = [
  "VU",
  "VAN_PHONG",
  "THANH_TRA",
  "CUC",
  "SO_NGOAI_VU",
  "UY_BAN",
  "HOC_VIEN",
  "BAO",
  "CO_QUAN_DANG",
  "DSQ",
  "TLSQ",
  "PDTT",
] as const;

export type UnitType = (typeof UNIT_TYPES)[number];

export const KHOI_VALUES = ["TRONG_NUOC", "NGOAI_NUOC"] as const;

export type Khoi = (typeof KHOI_VALUES)[number];

/** Report group titles (UNITS.md §2, FORMS.md §7.3). */
export const KHOI_LABEL_VI: Readonly<Record<Khoi, string>> = {
  TRONG_NUOC: "I. Các đơn vị trong nước",
  NGOAI_NUOC: "II. Các cơ quan đại diện ở nước ngoài",
};

export const UNIT_TYPE_LABEL_VI: Readonly<Record<UnitType, string>> = {
  VU: "Vụ",
  VAN_PHONG: "Văn phòng Bộ",
  THANH_TRA: "Thanh tra Bộ",
  CUC: "Cục",
  SO_NGOAI_VU: "Sở Ngoại vụ",
  UY_BAN: "Ủy ban",
  HOC_VIEN: "Học viện",
  BAO: "Báo",
  CO_QUAN_DANG: "Cơ quan của Đảng ủy Bộ",
  DSQ: "Đại sứ quán",
  TLSQ: "Tổng Lãnh sự quán",
  PDTT: "Phái đoàn đại diện thường trực",
};

export function isUnitType(value: string): value is UnitType {
  return (UNIT_TYPES as readonly string[]).includes(value);
}

export function isKhoi(value: string): value is Khoi {
  return (KHOI_VALUES as readonly string[]).includes(value);
}

/** One roster row. Dates are ISO `yyyy-MM-dd`; null = no bound. */
export interface RosterRow {
  readonly code: string;
  readonly name: string;
  readonly type: UnitType;
  readonly khoi: Khoi;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** 1-based line (CSV) or row (XLSX) in the file, the header being 1; index + 2 for the default. */
  readonly line: number;
}

export interface Roster {
  /** In file order, which is the report order within each `khoi`. */
  readonly rows: readonly RosterRow[];
  /** "mặc định" for the built-in roster, else the file name. */
  readonly source: string;
  readonly isDefault: boolean;
}

/** A unit as seen in one data window (UNITS.md §4). */
export interface Unit {
  readonly code: string;
  readonly name: string;
  readonly type: UnitType;
  readonly khoi: Khoi;
  /** Index of the resolving row in `roster.rows`: sort by it for roster order. */
  readonly order: number;
}

/** A data window: both ends inclusive ISO dates (PERIODS.md §2). */
export interface DateWindow {
  readonly from: string;
  readonly to: string;
}

export interface RosterResult {
  /** Null when there is any error: a roster error stops the run (UNITS.md §4). */
  readonly roster: Roster | null;
  readonly errors: readonly Finding[];
}

// ---------------------------------------------------------------------------------------------
// Codes (UNITS.md §1)

export const UNIT_CODE_PATTERN = /^[A-Z0-9]+(-[A-Z0-9]+)*$/u;
export const UNIT_CODE_MAX_LENGTH = 32;

export function isValidUnitCode(code: string): boolean {
  return code.length <= UNIT_CODE_MAX_LENGTH && UNIT_CODE_PATTERN.test(code);
}

// ---------------------------------------------------------------------------------------------
// Default roster (UNITS.md §3.1 and §3.2)

const DEFAULT_DOMESTIC: readonly (readonly [string, string, UnitType])[] = [
  ["VU-CAU-AU", "Vụ Châu Âu", "VU"],
  ["VU-CAU-MY", "Vụ Châu Mỹ", "VU"],
  ["VU-DBA", "Vụ Đông Bắc Á", "VU"],
  ["VU-DNA-NA-NTBD", "Vụ Đông Nam Á - Nam Á - Nam Thái Bình Dương", "VU"],
  ["VU-TD-CAU-PHI", "Vụ Trung Đông - Châu Phi", "VU"],
  ["VU-CSDN", "Vụ Chính sách đối ngoại", "VU"],
  ["VU-THKT", "Vụ Tổng hợp kinh tế", "VU"],
  ["VU-ASEAN", "Vụ ASEAN", "VU"],
  ["VU-TCQT", "Vụ các Tổ chức quốc tế", "VU"],
  ["VU-HTKTDP", "Vụ Hợp tác kinh tế đa phương", "VU"],
  ["VU-NGVH", "Vụ Ngoại giao văn hóa và UNESCO", "VU"],
  ["VU-LPDUQT", "Vụ Luật pháp và Điều ước quốc tế", "VU"],
  ["VU-BPD", "Vụ Biên Phiên dịch đối ngoại", "VU"],
  ["VU-TTBC", "Vụ Thông tin Báo chí", "VU"],
  ["VU-TCCB", "Vụ Tổ chức cán bộ", "VU"],
  ["VAN-PHONG-BO", "Văn phòng Bộ", "VAN_PHONG"],
  ["THANH-TRA-BO", "Thanh tra Bộ", "THANH_TRA"],
  ["CUC-CY-CNTT", "Cục Cơ yếu - Công nghệ thông tin", "CUC"],
  ["CUC-LANH-SU", "Cục Lãnh sự", "CUC"],
  ["CUC-LE-TAN", "Cục Lễ tân Nhà nước", "CUC"],
  ["CUC-NGOAI-VU", "Cục Ngoại vụ", "CUC"],
  ["CUC-QTTV", "Cục Quản trị Tài vụ", "CUC"],
  ["SO-NGOAI-VU-HCM", "Sở Ngoại vụ Thành phố Hồ Chí Minh", "SO_NGOAI_VU"],
  ["UB-BIEN-GIOI", "Ủy ban Biên giới quốc gia", "UY_BAN"],
  ["UB-NVNONN", "Ủy ban Nhà nước về người Việt Nam ở nước ngoài", "UY_BAN"],
  ["HOC-VIEN-NG", "Học viện Ngoại giao", "HOC_VIEN"],
  ["BAO-TGVN", "Báo Thế giới và Việt Nam", "BAO"],
];

const DEFAULT_MISSIONS: readonly (readonly [string, string, UnitType])[] = [
  ["CQDD-US-WAS", "Đại sứ quán Việt Nam tại Hoa Kỳ", "DSQ"],
  ["CQDD-CN-BJS", "Đại sứ quán Việt Nam tại Trung Quốc", "DSQ"],
  ["CQDD-JP-TYO", "Đại sứ quán Việt Nam tại Nhật Bản", "DSQ"],
  ["CQDD-KR-SEL", "Đại sứ quán Việt Nam tại Hàn Quốc", "DSQ"],
  ["CQDD-RU-MOW", "Đại sứ quán Việt Nam tại Liên bang Nga", "DSQ"],
  ["CQDD-FR-PAR", "Đại sứ quán Việt Nam tại Pháp", "DSQ"],
  ["CQDD-DE-BER", "Đại sứ quán Việt Nam tại Đức", "DSQ"],
  ["CQDD-GB-LON", "Đại sứ quán Việt Nam tại Vương quốc Anh", "DSQ"],
  ["CQDD-AU-CBR", "Đại sứ quán Việt Nam tại Ô-xtrây-li-a", "DSQ"],
  ["CQDD-LA-VTE", "Đại sứ quán Việt Nam tại Lào", "DSQ"],
  ["CQDD-KH-PNH", "Đại sứ quán Việt Nam tại Campuchia", "DSQ"],
  ["CQDD-US-SFO", "Tổng Lãnh sự quán Việt Nam tại San Francisco", "TLSQ"],
  ["CQDD-US-HOU", "Tổng Lãnh sự quán Việt Nam tại Houston", "TLSQ"],
  ["CQDD-CN-SHA", "Tổng Lãnh sự quán Việt Nam tại Thượng Hải", "TLSQ"],
  ["CQDD-CN-CAN", "Tổng Lãnh sự quán Việt Nam tại Quảng Châu", "TLSQ"],
  ["CQDD-JP-OSA", "Tổng Lãnh sự quán Việt Nam tại Osaka", "TLSQ"],
  ["CQDD-AU-SYD", "Tổng Lãnh sự quán Việt Nam tại Sydney", "TLSQ"],
  ["CQDD-UN-NYC", "Phái đoàn đại diện thường trực Việt Nam tại Liên hợp quốc", "PDTT"],
  ["CQDD-UN-GVA", "Phái đoàn đại diện thường trực Việt Nam tại Geneva", "PDTT"],
  ["CQDD-ASEAN-JKT", "Phái đoàn đại diện thường trực Việt Nam tại ASEAN", "PDTT"],
];

export const DEFAULT_ROSTER_SOURCE = "mặc định";

export const DEFAULT_ROSTER: Roster = {
  rows: [
    ...DEFAULT_DOMESTIC.map(([code, name, type]) => ({ code, name, type, khoi: "TRONG_NUOC" as const })),
    ...DEFAULT_MISSIONS.map(([code, name, type]) => ({ code, name, type, khoi: "NGOAI_NUOC" as const })),
  ].map((row, index): RosterRow => ({ ...row, name: nfc(row.name), validFrom: null, validTo: null, line: index + 2 })),
  source: DEFAULT_ROSTER_SOURCE,
  isDefault: true,
};

// ---------------------------------------------------------------------------------------------
// Roster files (UNITS.md §4)

const REQUIRED_COLUMNS = ["ma_dv", "ten_dv", "loai_dv", "khoi"] as const;
const DATE_COLUMNS = ["hieu_luc_tu", "hieu_luc_den"] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof DATE_COLUMNS)[number];
const KNOWN_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...DATE_COLUMNS];

/** A cell as read from the file: its text, and the date when the cell itself was a date (XLSX). */
export interface RawCell {
  readonly text: string;
  readonly isoDate?: string;
}

/** One line of the file (CSV) or one row of the sheet (XLSX); `cells` may have holes (blank cells). */
export interface RawRecord {
  readonly line: number;
  readonly cells: readonly RawCell[];
}

interface FindingInput {
  readonly rule: string;
  readonly unit?: string | null;
  readonly row?: number;
  readonly value?: string | number | null;
  readonly expected?: string | number | null;
  readonly detail?: string | Localised;
}

function rosterFinding(source: string, input: FindingInput): Finding {
  return {
    file: source,
    unit: input.unit ?? null,
    severity: "error",
    rule: input.rule,
    form: null,
    sheet: null,
    cell: null,
    row: null,
    column: null,
    value: input.value ?? null,
    expected: input.expected ?? null,
    message: ruleMessage(input.rule, {
      // Line numbers are written plainly ("dòng 1234"), not as grouped numbers.
      row: input.row === undefined ? undefined : String(input.row),
      value: input.value === null || input.value === undefined ? undefined : String(input.value),
      expected: input.expected === null || input.expected === undefined ? undefined : String(input.expected),
      detail: input.detail,
    }),
  };
}

export function unreadable(source: string, detail: Localised): RosterResult {
  return { roster: null, errors: [rosterFinding(source, { rule: "V-ROSTER-01", detail })] };
}

function isBlankRecord(record: RawRecord): boolean {
  return record.cells.every((cell) => cell.text.trim() === "" && cell.isoDate === undefined);
}

/**
 * The shared checks of CSV and XLSX: header, then every row. All problems are collected; the roster
 * is returned only when there is none.
 */
function buildRoster(header: RawRecord | undefined, records: readonly RawRecord[], source: string): RosterResult {
  const columnIndex = new Map<Column, number>();
  const duplicated = new Set<Column>();
  header?.cells.forEach((cell, index) => {
    const name = nfc(cell.text).trim();
    if (!(KNOWN_COLUMNS as readonly string[]).includes(name)) return; // unknown columns are ignored
    const column = name as Column;
    if (columnIndex.has(column)) duplicated.add(column);
    else columnIndex.set(column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columnIndex.has(column));
  const headerErrors: Finding[] = [];
  if (missing.length > 0) {
    const list = missing.join(", ");
    headerErrors.push(
      rosterFinding(source, {
        rule: "V-ROSTER-01",
        detail: {
          vi: `thiếu cột ${list}`,
          en: missing.length === 1 ? `column ${list} is missing` : `columns ${list} are missing`,
        },
      }),
    );
  }
  if (duplicated.size > 0) {
    const list = [...duplicated].join(", ");
    headerErrors.push(
      rosterFinding(source, {
        rule: "V-ROSTER-01",
        detail: {
          vi: `cột ${list} xuất hiện nhiều lần`,
          en: duplicated.size === 1 ? `column ${list} appears more than once` : `columns ${list} appear more than once`,
        },
      }),
    );
  }
  // Without a usable header the rows cannot be read.
  if (headerErrors.length > 0) return { roster: null, errors: headerErrors };

  const errors: Finding[] = [];
  const rows: RosterRow[] = [];
  // Every row with a usable code and dates takes part in the overlap check, even if another column is wrong.
  const intervals: Interval[] = [];
  const get = (record: RawRecord, column: Column): RawCell => {
    const index = columnIndex.get(column);
    return (index === undefined ? undefined : record.cells[index]) ?? { text: "" };
  };

  for (const record of records) {
    if (isBlankRecord(record)) continue;
    const line = record.line;
    const before = errors.length;
    const fail = (input: FindingInput): void => {
      errors.push(rosterFinding(source, { ...input, row: line }));
    };

    const code = get(record, "ma_dv").text.trim();
    const codeValid = code !== "" && isValidUnitCode(code);
    const unit = codeValid ? code : null;
    // Not upper-cased silently: "vu-cau-au" is an error the user must fix.
    if (code === "") fail({ rule: "V-ROSTER-02", detail: "ma_dv" });
    else if (!codeValid) fail({ rule: "V-ROSTER-03", value: code });

    const name = collapseSpaces(nfc(get(record, "ten_dv").text));
    if (name === "") fail({ rule: "V-ROSTER-02", unit, detail: "ten_dv" });

    const typeText = get(record, "loai_dv").text.trim();
    if (typeText === "") fail({ rule: "V-ROSTER-02", unit, detail: "loai_dv" });
    else if (!isUnitType(typeText)) {
      fail({ rule: "V-ROSTER-04", unit, value: typeText, expected: UNIT_TYPES.join(", "), detail: "loai_dv" });
    }

    const khoiText = get(record, "khoi").text.trim();
    if (khoiText === "") fail({ rule: "V-ROSTER-02", unit, detail: "khoi" });
    else if (!isKhoi(khoiText)) {
      fail({ rule: "V-ROSTER-04", unit, value: khoiText, expected: KHOI_VALUES.join(", "), detail: "khoi" });
    }

    const fromCell = get(record, "hieu_luc_tu");
    const toCell = get(record, "hieu_luc_den");
    const validFrom = cellDate(fromCell);
    const validTo = cellDate(toCell);
    if (validFrom === undefined) fail({ rule: "V-ROSTER-05", unit, value: `hieu_luc_tu: ${fromCell.text.trim()}` });
    if (validTo === undefined) fail({ rule: "V-ROSTER-05", unit, value: `hieu_luc_den: ${toCell.text.trim()}` });
    const datesUsable =
      validFrom !== undefined && validTo !== undefined && (validFrom === null || validTo === null || validFrom <= validTo);
    if (validFrom && validTo && validTo < validFrom) {
      fail({ rule: "V-ROSTER-05", unit, value: `hieu_luc_tu ${fromCell.text.trim()} > hieu_luc_den ${toCell.text.trim()}` });
    }

    if (codeValid && datesUsable) intervals.push({ code, validFrom, validTo, line });
    if (errors.length === before && codeValid && datesUsable && isUnitType(typeText) && isKhoi(khoiText)) {
      rows.push({ code, name, type: typeText, khoi: khoiText, validFrom, validTo, line });
    }
  }

  for (const overlap of overlapErrors(intervals, source)) errors.push(overlap);
  if (errors.length > 0) return { roster: null, errors };
  if (rows.length === 0) return unreadable(source, { vi: "tệp không có đơn vị nào", en: "the file lists no unit" });
  return { roster: { rows, source, isDefault: false }, errors: [] };
}

interface Interval {
  readonly code: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly line: number;
}

/** V-ROSTER-06: one finding per pair of rows of one code whose validity intervals overlap. */
function overlapErrors(intervals: readonly Interval[], source: string): Finding[] {
  const errors: Finding[] = [];
  const byCode = new Map<string, Interval[]>();
  for (const current of intervals) {
    const earlier = byCode.get(current.code) ?? [];
    for (const other of earlier) {
      if (intervalsOverlap(current.validFrom, current.validTo, other.validFrom, other.validTo)) {
        errors.push(
          rosterFinding(source, {
            rule: "V-ROSTER-06",
            unit: current.code,
            row: current.line,
            value: current.code,
            expected: other.line,
          }),
        );
      }
    }
    earlier.push(current);
    byCode.set(current.code, earlier);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Dates: text read by the one grammar of PERIODS.md §9 (dates.ts); XLSX dates and serials

/** An Excel serial in a date column. 0, negatives and the fictitious 29/02/1900 (serial 60) are no validity date. */
export function isoFromSerial(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || (!date1904 && Math.floor(serial) === 60)) return undefined;
  try {
    return excelSerialToIsoDate(serial, date1904);
  } catch {
    return undefined; // past the year 9999
  }
}

/** null = blank (no bound); undefined = not a valid date. */
function cellDate(cell: RawCell): string | null | undefined {
  if (cell.isoDate !== undefined) return cell.isoDate;
  const text = cell.text.trim();
  if (text === "") return null;
  return parseDateText(text) ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180, read by ./csv)

/** Parse a CSV roster (UTF-8, a BOM allowed). Never throws. */
export function parseRosterCsv(bytes: Uint8Array, sourceName: string): RosterResult {
  const text = decodeUtf8(bytes);
  if (text === null) return unreadable(sourceName, { vi: "tệp không phải UTF-8", en: "the file is not UTF-8" });
  const parsed = parseCsv(text, ",");
  if (parsed.unclosedQuoteLine !== null) {
    const n = parsed.unclosedQuoteLine;
    return unreadable(sourceName, {
      vi: `dấu ngoặc kép mở ở dòng ${n} không được đóng`,
      en: `the quote opened on line ${n} is never closed`,
    });
  }
  const records = parsed.records
    .map((record): RawRecord => ({ line: record.line, cells: record.fields.map((text) => ({ text })) }))
    .filter((record) => !isBlankRecord(record));
  const [header, ...data] = records;
  if (header === undefined) return unreadable(sourceName, { vi: "tệp trống", en: "the file is empty" });
  return buildRoster(header, data, sourceName);
}

// ---------------------------------------------------------------------------------------------
// XLSX

// An .xlsx roster is read by the streaming reader (read/roster.ts), which gives its rows to
// rosterFromSheetRows below; roster.ts sits below read/ and reads no workbook itself.

/** Only date columns may take a number as an Excel serial date. */
function textOnly(cell: RawCell): RawCell {
  return { text: cell.text };
}

/** A number cell of an XLSX roster: its text, and the date it is as a serial (used in date columns only). */
export function numberCell(value: number, date1904: boolean): RawCell {
  const isoDate = isoFromSerial(value, date1904);
  return isoDate === undefined ? { text: String(value) } : { text: String(value), isoDate };
}

export const NOT_XLSX: Localised = { vi: "tệp không phải XLSX hợp lệ", en: "the file is not a valid XLSX workbook" };
export const ONLY_CSV_XLSX: Localised = { vi: "chỉ nhận tệp CSV (.csv) hoặc XLSX (.xlsx)", en: "only CSV (.csv) or XLSX (.xlsx) files are accepted" };

/**
 * The roster of an XLSX roster sheet's rows (by row number; row 1 is the header), whoever read them:
 * serials count as dates only in the date columns.
 */
export function rosterFromSheetRows(header: RawRecord | undefined, data: readonly RawRecord[], sourceName: string): RosterResult {
  const dateIndexes = new Set<number>();
  header?.cells.forEach((cell, index) => {
    if ((DATE_COLUMNS as readonly string[]).includes(nfc(cell.text).trim())) dateIndexes.add(index);
  });
  const typed = data.map((record) => ({
    line: record.line,
    cells: record.cells.map((cell, index) => (dateIndexes.has(index) ? cell : textOnly(cell))),
  }));
  return buildRoster(header, typed, sourceName);
}

/** One line per roster error, for the CLI: `file: message (rule)`. */
export function rosterErrorText(errors: readonly Finding[], lang: Lang): string {
  return errors.map((e) => `${e.file === null ? "" : `${e.file}: `}${e.message[lang]} (${e.rule})`).join("\n");
}

// ---------------------------------------------------------------------------------------------
// Units in a window (UNITS.md §4)

function intervalsOverlap(aFrom: string | null, aTo: string | null, bFrom: string | null, bTo: string | null): boolean {
  // ISO dates compare as strings; a null bound is open.
  return (aFrom === null || bTo === null || aFrom <= bTo) && (bFrom === null || aTo === null || bFrom <= aTo);
}

function rowOverlaps(row: RosterRow, window: DateWindow): boolean {
  return intervalsOverlap(row.validFrom, row.validTo, window.from, window.to);
}

function rowValidOn(row: RosterRow, date: string): boolean {
  return (row.validFrom === null || row.validFrom <= date) && (row.validTo === null || date <= row.validTo);
}

function toUnit(row: RosterRow, order: number): Unit {
  return { code: row.code, name: row.name, type: row.type, khoi: row.khoi, order };
}

/**
 * The row that describes a code in a window: the row valid at the window end, else the latest row
 * valid somewhere in the window; null when the code is not active in the window.
 */
function resolveIndex(roster: Roster, code: string, window: DateWindow): number | null {
  let latest: number | null = null;
  let latestFrom: string | null = null;
  for (const index of rowsOfCode(roster, code)) {
    const row = roster.rows[index];
    if (row === undefined || !rowOverlaps(row, window)) continue;
    if (rowValidOn(row, window.to)) return index;
    // Rows of one code do not overlap, so the latest start is the latest row; a blank start is the earliest.
    if (latest === null || (row.validFrom !== null && (latestFrom === null || row.validFrom > latestFrom))) {
      latest = index;
      latestFrom = row.validFrom;
    }
  }
  return latest;
}

/**
 * The indexes of a code's rows, in file order. Asked for each submission and each expected unit, a search
 * of every row made a 1,000-unit roster cost a million comparisons a run; the rows are indexed once.
 */
function rowsOfCode(roster: Roster, code: string): readonly number[] {
  let byCode = ROWS_BY_CODE.get(roster.rows);
  if (!byCode) {
    byCode = new Map<string, number[]>();
    roster.rows.forEach((row, index) => {
      const list = byCode?.get(row.code);
      if (list) list.push(index);
      else byCode?.set(row.code, [index]);
    });
    ROWS_BY_CODE.set(roster.rows, byCode);
  }
  return byCode.get(code) ?? NO_ROWS;
}

/** Each roster's rows by code, for as long as the roster is held (its rows are never changed). */
const ROWS_BY_CODE = new WeakMap<readonly RosterRow[], Map<string, number[]>>();
const NO_ROWS: readonly number[] = [];

function unitsWhere(roster: Roster, window: DateWindow, atEndOnly: boolean): Unit[] {
  const seen = new Set<string>();
  const units: Unit[] = [];
  for (const row of roster.rows) {
    if (seen.has(row.code)) continue;
    seen.add(row.code);
    const index = resolveIndex(roster, row.code, window);
    if (index === null) continue;
    const resolved = roster.rows[index];
    if (resolved === undefined) continue;
    if (atEndOnly && !rowValidOn(resolved, window.to)) continue;
    units.push(toUnit(resolved, index));
  }
  return units.sort((a, b) => a.order - b.order);
}

/** Units active in the window (a row's validity overlaps it), one per code, in roster order. */
export function unitsActiveIn(roster: Roster, window: DateWindow): Unit[] {
  return unitsWhere(roster, window, false);
}

/**
 * Units active at the window end, in roster order. Whether a form is required of them (FORMS.md §2)
 * is decided elsewhere.
 */
export function unitsExpectedIn(roster: Roster, window: DateWindow): Unit[] {
  return unitsWhere(roster, window, true);
}

/** The unit with this code as seen in the window, or null when it is unknown or not active there. */
export function findUnit(roster: Roster, code: string, window: DateWindow): Unit | null {
  const index = resolveIndex(roster, code, window);
  const row = index === null ? undefined : roster.rows[index];
  return index === null || row === undefined ? null : toUnit(row, index);
}

/** Whether any roster row, whatever its validity, has this code (V-UNIT-02). */
export function isKnownCode(roster: Roster, code: string): boolean {
  return rowsOfCode(roster, code).length > 0;
}

/** Whether the unit is active in the window (V-UNIT-03). */
export function isActive(roster: Roster, code: string, window: DateWindow): boolean {
  return rowsOfCode(roster, code).some((index) => {
    const row = roster.rows[index];
    return row !== undefined && rowOverlaps(row, window);
  });
}

/**
 * The built-in roster follows Decree 81/2022, replaced by Decree 28/2025 from 01/03/2025
 * (UNITS.md §3.1): a period ending after 28/02/2025 with the default roster deserves a warning.
 * `remedy` says, in the host's words, how to load the current roster.
 */
export function defaultRosterWarning(roster: Roster, windowEnd: string, remedy: Localised): Localised | null {
  if (!roster.isDefault || windowEnd <= "2025-02-28") return null;
  return {
    vi: `Lưu ý: danh sách đơn vị mặc định theo Nghị định 81/2022, đã được thay thế bởi Nghị định 28/2025; ${remedy.vi}`,
    en: `Note: the built-in unit roster follows Decree 81/2022, replaced by Decree 28/2025; ${remedy.en}`,
  };
}
