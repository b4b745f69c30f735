/**
 * The receipt log and the received date of a file (PERIODS.md §7). The log is a CSV the user keeps:
 * columns `tep` (the file) and `ngay_nhan` (the date, optionally with a Vietnam time), header row, UTF-8.
 */
import { decodeUtf8, parseCsv, type CsvParse } from "../csv";
import { addDays, formatDateVi, parseDateText, tryVietnamDateOfTimestamp, type IsoDate } from "../dates";
import { collapseSpaces, foldDiacritics, nfc, type Localised } from "../text";
import { sha256Hex } from "./sha256";

export interface ReceiptEntry {
  /** `tep` as written (NFC, trimmed). */
  readonly file: string;
  /** The Vietnam calendar date of receipt. */
  readonly date: IsoDate;
  /** "HH:mm", Vietnam time, when the log gives one. */
  readonly time: string | null;
  /** date + time at UTC+07:00 as `yyyy-MM-ddTHH:mm:ssZ`, when the log gives a time. */
  readonly timestampUtc: string | null;
  /** 1-based line of the log where the row starts (the header is line 1). */
  readonly line: number;
}

export interface ReceiptLogError {
  readonly line: number;
  readonly message: Localised;
}

export interface ReceiptLog {
  readonly entries: ReceiptEntry[];
  readonly errors: ReceiptLogError[];
  /**
   * The log as NguonSoLieu's `Tùy chọn` names it (WORKBOOKS.md §2.9): its file name and SHA-256, as the roster
   * is named there, so an auditor can tell which log gave the received dates, and the rows read from it.
   */
  readonly source: string;
}

// ---------------------------------------------------------------------------------------------------------

const COL_FILE = "tep";
const COL_DATE = "ngay_nhan";
// Excel writes ";" under locales whose decimal mark is "," (Vietnamese among them), tab for "Unicode text".
const DELIMITERS = [",", ";", "\t"];

/** Header key: "Tệp" → "tep", "Ngày nhận" → "ngay_nhan". */
function headerKey(text: string): string {
  return foldDiacritics(collapseSpaces(nfc(text))).replace(/[\s-]+/gu, "_");
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

const DATE_TIME_RE = /^(\S+?)(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/u;
const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** A `ngay_nhan` value, or null when it is not a date (with an optional time) that exists. */
function parseReceived(text: string): { date: IsoDate; time: string | null; timestampUtc: string | null } | null {
  const match = DATE_TIME_RE.exec(collapseSpaces(text));
  if (!match) return null;
  const date = parseDateText(match[1] ?? "");
  if (date === null) return null;
  if (match[2] === undefined) return { date, time: null, timestampUtc: null };
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  const second = match[4] === undefined ? 0 : Number(match[4]);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const utcMinutes = hour * 60 + minute - VIETNAM_OFFSET_MINUTES;
  const dayShift = Math.floor(utcMinutes / 1440);
  const rest = utcMinutes - dayShift * 1440;
  const utcDate = addDays(date, dayShift);
  return {
    date,
    time: `${pad2(hour)}:${pad2(minute)}`,
    timestampUtc: `${utcDate}T${pad2(Math.floor(rest / 60))}:${pad2(rest % 60)}:${pad2(second)}Z`,
  };
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
  }
  return line;
}

/**
 * Read a receipt log. Rows with a bad date are reported and skipped; rows without a file name are
 * skipped silently (they match no file). Never throws.
 */
export function parseReceiptLog(bytes: Uint8Array, sourceName: string): ReceiptLog {
  const rows = readLogRows(bytes, sourceName);
  return { ...rows, source: `${sourceName} (SHA-256 ${sha256Hex(bytes)}), ${rows.entries.length} dòng` };
}

function readLogRows(bytes: Uint8Array, sourceName: string): Omit<ReceiptLog, "source"> {
  const errors: ReceiptLogError[] = [];
  let text = decodeUtf8(bytes); // drops a BOM
  if (text === null) {
    // Probably saved as "CSV" in a legacy code page: read on, since ASCII names and dates still match.
    text = new TextDecoder("utf-8").decode(bytes);
    const line = lineOfOffset(text, text.indexOf("\ufffd"));
    errors.push({
      line,
      message: {
        vi: `Sổ nhận ${sourceName}, dòng ${line}: tệp không được mã hóa UTF-8; đề nghị lưu lại dưới dạng "CSV UTF-8".`,
        en: `Receipt log ${sourceName}, line ${line}: the file is not UTF-8; save it again as "CSV UTF-8".`,
      },
    });
  }

  // The delimiter is the one that makes the header name both columns; "," when none does.
  let parsed: CsvParse | null = null;
  let fileCol = -1;
  let dateCol = -1;
  for (const delimiter of DELIMITERS) {
    const candidate = parseCsv(text, delimiter);
    const header = (candidate.records[0]?.fields ?? []).map(headerKey);
    parsed ??= candidate;
    if (header.includes(COL_FILE) && header.includes(COL_DATE)) {
      parsed = candidate;
      fileCol = header.indexOf(COL_FILE);
      dateCol = header.indexOf(COL_DATE);
      break;
    }
  }
  if (!parsed || fileCol < 0 || dateCol < 0) {
    errors.push({
      line: 1,
      message: {
        vi: `Sổ nhận ${sourceName}: dòng tiêu đề phải có các cột "${COL_FILE}" và "${COL_DATE}".`,
        en: `Receipt log ${sourceName}: the header row must have the columns "${COL_FILE}" and "${COL_DATE}".`,
      },
    });
    return { entries: [], errors };
  }

  const entries: ReceiptEntry[] = [];
  for (const record of parsed.records.slice(1)) {
    if (record.fields.every((f) => f.trim() === "")) continue;
    const file = nfc(record.fields[fileCol] ?? "").trim();
    if (file === "") continue;
    const raw = record.fields[dateCol] ?? "";
    const received = parseReceived(raw);
    if (!received) {
      const shown = raw.trim();
      errors.push({
        line: record.line,
        message: {
          vi: `Sổ nhận ${sourceName}, dòng ${record.line}: ngày nhận "${shown}" của tệp ${file} không đọc được (cần yyyy-MM-dd hoặc dd/MM/yyyy, có thể kèm giờ HH:mm).`,
          en: `Receipt log ${sourceName}, line ${record.line}: received date "${shown}" of file ${file} cannot be read (expected yyyy-MM-dd or dd/MM/yyyy, optionally followed by HH:mm).`,
        },
      });
      continue;
    }
    entries.push({ file, ...received, line: record.line });
  }
  if (parsed.unclosedQuoteLine !== null) {
    const line = parsed.unclosedQuoteLine;
    errors.push({
      line,
      message: {
        vi: `Sổ nhận ${sourceName}, dòng ${line}: dấu ngoặc kép không được đóng; phần còn lại của tệp bị bỏ qua.`,
        en: `Receipt log ${sourceName}, line ${line}: a quotation mark is never closed; the rest of the file is ignored.`,
      },
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { entries, errors };
}

// ---------------------------------------------------------------------------------------------------------

/** A path as compared: NFC, trimmed, "\" as "/" (logs typed on Windows), no leading "./". */
function pathKey(path: string): string {
  return nfc(path).trim().replace(/\\/gu, "/").replace(/^(?:\.\/)+/u, "");
}

/** A log path and an input's name that may name one file: equal, or one of them the other's trailing folders and name. */
function samePlace(tep: string, file: string): boolean {
  return tep === file || file.endsWith(`/${tep}`) || tep.endsWith(`/${file}`);
}

/**
 * The receipt of one input file (`inputs[].file`, "/" separators): the rows whose `tep` equals the path;
 * if none, the rows whose `tep` can name this file and no other input: its base name when no other input
 * has it (PERIODS.md §7), or, beyond the spec's words, its trailing folders and name
 * ("dot1/BM_X.xlsx" for `R/dot1/BM_X.xlsx` when the run was given `R/dot1` and `R/dot2`), or a longer path
 * ending with its name ("nhan-ve/BM_X.xlsx" for `BM_X.xlsx`). When several rows match, the last one in the
 * log wins (a later entry corrects an earlier one).
 */
export function matchReceipt(entries: readonly ReceiptEntry[], file: string, allFiles: readonly string[]): ReceiptEntry | null {
  const rows = receiptRowsOf(entries, file, allFiles);
  return rows[rows.length - 1] ?? null;
}

/** Every row of the log that names `file` as `matchReceipt` matches them, in the log's order. */
export function receiptRowsOf(entries: readonly ReceiptEntry[], file: string, allFiles: readonly string[]): ReceiptEntry[] {
  const target = pathKey(file);
  const exact = entries.filter((e) => pathKey(e.file) === target);
  if (exact.length > 0) return exact;
  const others = [...new Set(allFiles.map(pathKey))].filter((f) => f !== target);
  return entries.filter((e) => {
    const tep = pathKey(e.file);
    return samePlace(tep, target) && !others.some((f) => samePlace(tep, f));
  });
}

/**
 * The files that several rows of the log give different receipts (a date typed twice, one of them wrong):
 * the last row is used, and a clerk is told which, since the date decides "Nộp muộn".
 */
export function conflictingReceipts(entries: readonly ReceiptEntry[], files: readonly string[]): Array<{ readonly file: string; readonly rows: ReceiptEntry[] }> {
  const out: Array<{ readonly file: string; readonly rows: ReceiptEntry[] }> = [];
  for (const file of files) {
    const rows = receiptRowsOf(entries, file, files);
    const receipts = new Set(rows.map((r) => `${r.date} ${r.time ?? ""}`));
    if (receipts.size > 1) out.push({ file, rows });
  }
  return out;
}

/** The log's rows that name none of `files` (PERIODS.md §7: ignored; the CLI says so, so nobody believes a date was used). */
export function unmatchedReceipts(entries: readonly ReceiptEntry[], files: readonly string[]): ReceiptEntry[] {
  const keys = [...new Set(files.map(pathKey))];
  return entries.filter((e) => {
    const tep = pathKey(e.file);
    if (keys.includes(tep)) return false;
    const places = keys.filter((f) => samePlace(tep, f));
    return places.length !== 1;
  });
}

/**
 * What a clerk must know of the log against the files read, one message each: its rows that name no file
 * (ignored, PERIODS.md §7: said, so nobody believes a date was used when the file's own properties were),
 * by the log's line; then the files it gives different dates (the last row used). Rows typed in the pane
 * (line < 1) are not the log's. The CLI prints these; the pane shows them under the log.
 */
export function receiptNotes(entries: readonly ReceiptEntry[], files: readonly string[], logName: string): Localised[] {
  const log = entries.filter((e) => e.line > 0);
  const notes: Localised[] = unmatchedReceipts(log, files).map((row) => ({
    vi: `Sổ nhận ${logName}, dòng ${row.line}: "${row.file}" không khớp với tệp nào đã đọc (hoặc khớp với nhiều tệp); ngày nhận của dòng này không được dùng.`,
    en: `Receipt log ${logName}, line ${row.line}: "${row.file}" names none of the files read (or more than one); its received date is not used.`,
  }));
  for (const { file, rows } of conflictingReceipts(log, files)) {
    const used = rows[rows.length - 1];
    if (!used) continue;
    const lines = rows.map((r) => r.line).join(", ");
    const when = `${formatDateVi(used.date)}${used.time ? ` ${used.time}` : ""}`;
    notes.push({
      vi: `Sổ nhận ${logName}, dòng ${lines}: tệp ${file} có nhiều ngày nhận khác nhau; dùng dòng cuối (dòng ${used.line}: ${when}).`,
      en: `Receipt log ${logName}, lines ${lines}: file ${file} has different received dates; the last row is used (line ${used.line}: ${when}).`,
    });
  }
  return notes;
}

// ---------------------------------------------------------------------------------------------------------

export type ReceivedSource = "receipt" | "properties" | "ngay-lap" | "unknown";

export interface ReceivedDate {
  readonly date: IsoDate | null;
  readonly timestampUtc: string | null;
  readonly source: ReceivedSource;
}

/** `Nguồn ngày nhận` (WORKBOOKS.md §2.9). */
export const RECEIVED_SOURCE_VI: Readonly<Record<ReceivedSource, string>> = {
  "receipt": "Sổ nhận",
  "properties": "Thuộc tính tệp",
  "ngay-lap": "Ngày lập",
  "unknown": "Không rõ",
};

const TIMESTAMP_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/u;

/**
 * A W3CDTF timestamp as `yyyy-MM-ddTHH:mm:ssZ` in UTC (fractions of a second dropped, no zone = UTC as
 * in dates.ts), or null when it has no time of day or cannot be read.
 */
function toUtcTimestamp(text: string): string | null {
  const m = TIMESTAMP_RE.exec(text.trim());
  if (!m) return null;
  let offset = 0;
  const zone = m[7];
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = (zone.startsWith("-") ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
  }
  // A leap second is shown as :59 of the same minute rather than rolling the date.
  const second = Math.min(59, m[6] === undefined ? 0 : Number(m[6]));
  const minutes = Number(m[4]) * 60 + Number(m[5]) - offset;
  const dayShift = Math.floor(minutes / 1440);
  const rest = minutes - dayShift * 1440;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return `${addDays(date, dayShift)}T${pad2(Math.floor(rest / 60))}:${pad2(rest % 60)}:${pad2(second)}Z`;
}

/**
 * The received date by the source order of PERIODS.md §7: the receipt log, then `dcterms:modified`
 * (as a Vietnam date), then `Ngày lập`; "unknown" when none is available. An unreadable `modified` counts
 * as absent.
 */
export function resolveReceived(input: {
  readonly receipt: ReceiptEntry | null;
  readonly modified: string | null;
  readonly ngayLap: IsoDate | null;
}): ReceivedDate {
  if (input.receipt) return { date: input.receipt.date, timestampUtc: input.receipt.timestampUtc, source: "receipt" };
  if (input.modified !== null) {
    // tryVietnamDateOfTimestamp validates the fields (month 13, hour 25, zone +99 give null).
    const date = tryVietnamDateOfTimestamp(input.modified);
    if (date !== null) return { date, timestampUtc: toUtcTimestamp(input.modified), source: "properties" };
  }
  if (input.ngayLap !== null) return { date: input.ngayLap, timestampUtc: null, source: "ngay-lap" };
  return { date: null, timestampUtc: null, source: "unknown" };
}
