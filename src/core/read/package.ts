/**
 * The package level of an input file, before any sheet is read: is it an .xlsx at all (V-FILE-01), how
 * large does it expand (V-FILE-02), and what do its core properties say (received date, PERIODS.md §7).
 * Nothing here throws on bad input: every input file must end up listed with a status (CLI.md).
 */
import { inflateSync, strFromU8 } from "fflate";
import type { ByteHost } from "./parts";
import { detached, nfc, uriDecoded, type Localised } from "../text";
import { BYTES_PER_MB, DEFAULT_LIMITS } from "./limits";
import { decodeEntities } from "./xmlscan";
import { crc32 } from "../xlsx/crc32";
import { xmlPartText } from "../xlsx/xmltext";

export { crc32 };

/** Why a file is not a readable .xlsx. */
export type SniffReason =
  | "empty"
  | "legacy-xls"
  | "encrypted"
  | "xlsb"
  | "ods"
  | "text"
  | "not-zip"
  | "corrupt-zip"
  | "not-xlsx";

export type SniffResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: SniffReason; readonly detail: Localised };

/** `{detail}` of V-FILE-01 for each reason. */
export const SNIFF_DETAIL: Readonly<Record<SniffReason, Localised>> = {
  "empty": { vi: "tệp rỗng", en: "empty file" },
  // No parentheses inside: the detail is written in V-FILE-01's own "( )".
  "legacy-xls": { vi: "định dạng .xls của Excel 97-2003", en: "the Excel 97-2003 .xls format" },
  // Saved again as it is, the file keeps its password: the remedy the message's fixed sentence lacks (a review of 2026-12-07).
  "encrypted": { vi: "tệp được đặt mật khẩu; cần gỡ mật khẩu mở tệp trước khi lưu", en: "the file is password-protected; remove its open password before saving it" },
  "xlsb": { vi: "định dạng .xlsb", en: ".xlsb format" },
  "ods": { vi: "định dạng .ods của OpenDocument", en: "the OpenDocument .ods format" },
  "text": { vi: "tệp văn bản, có thể là CSV", en: "a text file, perhaps CSV" },
  "not-zip": { vi: "không phải tệp nén .xlsx", en: "not an .xlsx zip package" },
  "corrupt-zip": { vi: "tệp nén bị hỏng hoặc không đầy đủ", en: "the zip package is damaged or truncated" },
  "not-xlsx": { vi: "thiếu thành phần của sổ làm việc Excel", en: "Excel workbook parts are missing" },
};

// HTML tables and SpreadsheetML 2003 saved as "Excel" by web systems are common; say so rather than "CSV".
const MARKUP_DETAIL: Localised = { vi: "tệp văn bản HTML/XML", en: "an HTML/XML text file" };

/** Other documents given an .xlsx name, said for what they are (a review of 2026-12-07: "perhaps CSV" for a PNG). */
const OTHER_DETAIL = {
  word: { vi: "đây là tài liệu Word, không phải sổ tính Excel", en: "this is a Word document, not an Excel workbook" },
  powerpoint: { vi: "đây là bản trình chiếu PowerPoint, không phải sổ tính Excel", en: "this is a PowerPoint presentation, not an Excel workbook" },
  pdf: { vi: "đây là tệp PDF, không phải sổ tính Excel", en: "this is a PDF file, not an Excel workbook" },
  image: { vi: "đây là tệp ảnh, không phải sổ tính Excel", en: "this is an image file, not an Excel workbook" },
  zipMethod: { vi: "tệp nén dùng cách nén mà Excel không dùng", en: "the zip package uses a compression method Excel does not use" },
} as const satisfies Readonly<Record<string, Localised>>;

/** PDF, PNG, JPEG and GIF by their first bytes. */
function otherDocument(b: Uint8Array): Localised | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return OTHER_DETAIL.pdf;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, [0xff, 0xd8, 0xff]) || startsWith(b, [0x47, 0x49, 0x46, 0x38])) return OTHER_DETAIL.image;
  return null;
}


// ---------------------------------------------------------------------------------------------------------
// Little-endian readers; callers check bounds first.

function u16(b: Uint8Array, i: number): number {
  return b[i]! | (b[i + 1]! << 8);
}

function u32(b: Uint8Array, i: number): number {
  return (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
}

/** A 64-bit field as a number, or -1 beyond 2^53 (never a real size in a file we can hold). */
function u64(b: Uint8Array, i: number): number {
  const hi = u32(b, i + 4);
  return hi >= 0x200000 ? -1 : hi * 0x100000000 + u32(b, i);
}

function startsWith(b: Uint8Array, signature: readonly number[]): boolean {
  if (b.length < signature.length) return false;
  return signature.every((v, i) => b[i] === v);
}

// ---------------------------------------------------------------------------------------------------------
// ZIP central directory (APPNOTE.TXT §4.3).

export interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly localOffset: number;
}

/**
 * A package's entries by part name, as written and lower-cased (OPC part names ignore case), a leading "/"
 * tolerated (as exceljs and Excel do); of two entries of one name the last. Each way a part is looked up
 * (the sniff, the core properties, the reader's Package) finds it the same way (`findPart`).
 */
export interface PartIndex {
  readonly exact: Map<string, ZipEntry>;
  readonly lower: Map<string, ZipEntry>;
}

export function partIndex(entries: readonly ZipEntry[]): PartIndex {
  const index: PartIndex = { exact: new Map(), lower: new Map() };
  for (const e of entries) addPart(index, e);
  return index;
}

/** An entry added under its part name (without a leading "/"); the name it is kept under. */
export function addPart(index: PartIndex, e: ZipEntry): string {
  const name = e.name.replace(/^\/+/u, "");
  index.exact.set(name, e);
  index.lower.set(name.toLowerCase(), e);
  return name;
}

/**
 * The part a link names: as written, else in another case, else with its %-escapes undone (a target is a
 * URI: "sheet%204.xml" names "sheet 4.xml"; the Open XML SDK stores the escaped form as the entry's name).
 */
export function findPart(index: PartIndex, name: string): ZipEntry | undefined {
  const found = index.exact.get(name) ?? index.lower.get(name.toLowerCase());
  const decoded = uriDecoded(name);
  if (found !== undefined || decoded === name) return found;
  return index.exact.get(decoded) ?? index.lower.get(decoded.toLowerCase());
}

/** A relationship target as a part name: absolute from the package root, or relative to `base`'s folder ("./" and "../" resolved). */
export function resolvePart(base: string, target: string): string {
  const t = target.trim();
  const segments = t.startsWith("/") ? [] : base.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") segments.pop();
    else segments.push(seg);
  }
  return segments.join("/");
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const MAX32 = 0xffffffff;

/** The entries listed by the central directory that ends at the EOCD record at `eocd`, or null. */
function centralDirectoryAt(b: Uint8Array, eocd: number): ZipEntry[] | null {
  const commentLength = u16(b, eocd + 20);
  if (eocd + 22 + commentLength > b.length) return null;
  let count = u16(b, eocd + 10);
  let size = u32(b, eocd + 12);
  let offset = u32(b, eocd + 16);
  let limit = eocd;
  const locator = eocd - 20;
  if (locator >= 0 && u32(b, locator) === SIG_ZIP64_LOCATOR) {
    const record = u64(b, locator + 8);
    if (record < 0 || record + 56 > locator || u32(b, record) !== SIG_ZIP64_EOCD) return null;
    count = u64(b, record + 32);
    size = u64(b, record + 40);
    offset = u64(b, record + 48);
    limit = record;
    if (count < 0 || size < 0 || offset < 0) return null;
  } else {
    // Split archives cannot be read from one file.
    if (u16(b, eocd + 4) !== 0 || u16(b, eocd + 6) !== 0 || u16(b, eocd + 8) !== count) return null;
    if (count === 0xffff || size === MAX32 || offset === MAX32) return null;
  }
  const end = offset + size;
  // A central directory entry is at least 46 bytes: this also bounds the loop on a lying count.
  if (end > limit || count * 46 > size) return null;

  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > end || u32(b, p) !== SIG_CENTRAL) return null;
    const flags = u16(b, p + 8);
    const nameLength = u16(b, p + 28);
    const extraLength = u16(b, p + 30);
    const next = p + 46 + nameLength + extraLength + u16(b, p + 32);
    if (next > end) return null;
    let compressed = u32(b, p + 20);
    let uncompressed = u32(b, p + 24);
    let localOffset = u32(b, p + 42);
    if (compressed === MAX32 || uncompressed === MAX32 || localOffset === MAX32) {
      // ZIP64 extended information (header id 1): only the fields that are 0xFFFFFFFF, in this order.
      const extraStart = p + 46 + nameLength;
      const extraEnd = extraStart + extraLength;
      let found = false;
      for (let x = extraStart; x + 4 <= extraEnd; x += 4 + u16(b, x + 2)) {
        if (u16(b, x) !== 1) continue;
        let f = x + 4;
        const fieldsEnd = Math.min(extraEnd, f + u16(b, x + 2));
        const take = (): number => {
          if (f + 8 > fieldsEnd) return -1;
          const v = u64(b, f);
          f += 8;
          return v;
        };
        if (uncompressed === MAX32) uncompressed = take();
        if (compressed === MAX32) compressed = take();
        if (localOffset === MAX32) localOffset = take();
        found = true;
        break;
      }
      if (!found || compressed < 0 || uncompressed < 0 || localOffset < 0) return null;
    }
    // Entry data comes before the central directory; anything else means a damaged archive.
    if (localOffset + 30 + compressed > offset) return null;
    // Bit 11: UTF-8 name; otherwise read as Latin-1, as fflate does, so names compare equal to its own.
    const name = strFromU8(b.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) === 0);
    entries.push({ name, flags, method: u16(b, p + 10), crc: u32(b, p + 16), compressed, uncompressed, localOffset });
    p = next;
  }
  return entries;
}

/**
 * The entries of a zip's central directory, or null. Asked for by the sniffer, the size check, the
 * properties and the package in turn, it is read once a file (the bytes of a file are not changed once read).
 */
export function readCentralDirectory(b: Uint8Array): readonly ZipEntry[] | null {
  const known = DIRECTORIES.get(b);
  if (known !== undefined) return known;
  const entries = findCentralDirectory(b);
  DIRECTORIES.set(b, entries);
  return entries;
}

/** Each file's central directory once read, for as long as its bytes are held (no more). */
const DIRECTORIES = new WeakMap<Uint8Array, readonly ZipEntry[] | null>();

/** Find the End of Central Directory record from the end (it may be followed by a comment) and parse. */
function findCentralDirectory(b: Uint8Array): readonly ZipEntry[] | null {
  const lowest = Math.max(0, b.length - 22 - 0xffff);
  for (let p = b.length - 22; p >= lowest; p--) {
    // The signature can occur by chance inside compressed data: keep looking until a directory parses.
    if (b[p] !== 0x50 || u32(b, p) !== SIG_EOCD) continue;
    const entries = centralDirectoryAt(b, p);
    if (entries) return entries;
  }
  return null;
}

/**
 * Entry names and sizes from the ZIP central directory, without decompressing anything; null when the
 * bytes have no valid central directory (not a zip, or a truncated one).
 */
export function zipEntrySizes(bytes: Uint8Array): { name: string; compressed: number; uncompressed: number }[] | null {
  const entries = readCentralDirectory(bytes);
  return entries ? entries.map((e) => ({ name: e.name, compressed: e.compressed, uncompressed: e.uncompressed })) : null;
}

/** Total declared uncompressed size of a zip's entries (V-FILE-02's 200 MB limit), or null if not a zip. */
export function expandedSizeBytes(bytes: Uint8Array): number | null {
  const entries = readCentralDirectory(bytes);
  if (!entries) return null;
  let total = 0;
  for (const e of entries) total += e.uncompressed;
  return total;
}

/** The stored (compressed) bytes of one entry, found through its local header, or null when out of bounds. */
export function entryRaw(b: Uint8Array, e: ZipEntry): Uint8Array | null {
  const local = e.localOffset;
  if (local + 30 > b.length || u32(b, local) !== SIG_LOCAL) return null;
  const start = local + 30 + u16(b, local + 26) + u16(b, local + 28);
  if (start + e.compressed > b.length) return null;
  return b.subarray(start, start + e.compressed);
}

/**
 * The data of one entry, checked against its declared size and CRC-32, or null when it cannot be read.
 * The output buffer has the declared size and one byte more (to see a longer stream), so a lying entry
 * cannot make us allocate more.
 */
function entryData(b: Uint8Array, e: ZipEntry, host: ByteHost = {}): Uint8Array | null {
  const raw = entryRaw(b, e);
  if (!raw) return null;
  let data: Uint8Array;
  if (e.method === 0) {
    if (e.compressed !== e.uncompressed) return null;
    data = raw;
  } else if (e.method === 8) {
    try {
      // One byte of room: fflate stops silently at the end of `out`, so a longer stream must be seen to overflow (as zlib refuses it).
      data = host.inflateRaw ? host.inflateRaw(raw, e.uncompressed) : inflateSync(raw, { out: new Uint8Array(e.uncompressed + 1) });
    } catch {
      return null;
    }
  } else {
    return null; // deflate64, bzip2, …: fflate cannot read them, so neither can we later
  }
  return data.length === e.uncompressed && (host.crc32 ? host.crc32(data, 0) : crc32(data)) === e.crc ? data : null;
}

// ---------------------------------------------------------------------------------------------------------
// OLE2 compound files (MS-CFB): legacy .xls, and Office-encrypted .xlsx, which is a compound file holding
// the streams EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO §2.3.4).

const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTION_STREAMS = ["EncryptedPackage", "EncryptionInfo"];
const CFB_END_OF_CHAIN = 0xfffffffe;
const CFB_MAX_REGULAR_SECTOR = 0xfffffffa;

/** The names in a compound file's directory, or null when its structure cannot be followed. */
function compoundFileNames(b: Uint8Array): string[] | null {
  if (b.length < 512 || u16(b, 0x1c) !== 0xfffe) return null;
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const sectorSize = 1 << shift;
  const sectorCount = Math.ceil(b.length / sectorSize); // an upper bound, to stop looping chains
  const sectorOffset = (s: number): number => (s + 1) * sectorSize;
  const inFile = (s: number): boolean => s <= CFB_MAX_REGULAR_SECTOR && sectorOffset(s) + sectorSize <= b.length;

  // FAT sectors: 109 listed in the header, the rest in the DIFAT chain (last slot of each points on).
  const fatCount = u32(b, 0x2c);
  if (fatCount > sectorCount) return null;
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(fatCount, 109); i++) fatSectors.push(u32(b, 0x4c + i * 4));
  const perSector = sectorSize / 4;
  let difat = u32(b, 0x44);
  for (let guard = 0; fatSectors.length < fatCount; guard++) {
    if (guard > sectorCount || !inFile(difat)) return null;
    const base = sectorOffset(difat);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(b, base + i * 4));
    difat = u32(b, base + (perSector - 1) * 4);
  }
  const nextSector = (s: number): number | null => {
    const fat = fatSectors[Math.floor(s / perSector)];
    if (fat === undefined || !inFile(fat)) return null;
    return u32(b, sectorOffset(fat) + (s % perSector) * 4);
  };

  const names: string[] = [];
  let sector = u32(b, 0x30);
  for (let guard = 0; sector !== CFB_END_OF_CHAIN; guard++) {
    if (guard > sectorCount || !inFile(sector)) return null;
    const base = sectorOffset(sector);
    for (let entry = base; entry < base + sectorSize; entry += 128) {
      const nameBytes = u16(b, entry + 64);
      const type = b[entry + 66];
      if (type === 0 || nameBytes < 2 || nameBytes > 64) continue;
      let name = "";
      for (let i = 0; i < nameBytes - 2; i += 2) name += String.fromCharCode(u16(b, entry + i));
      names.push(name);
    }
    const next = nextSector(sector);
    if (next === null) return null;
    sector = next;
  }
  return names;
}

/** Whether the UTF-16LE encoding of `text` occurs in `b`. */
function containsUtf16(b: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = 0; i + text.length * 2 <= b.length; i++) {
    if (b[i] !== first || b[i + 1] !== 0) continue;
    for (let k = 1; k < text.length; k++) {
      const code = text.charCodeAt(k);
      if (b[i + k * 2] !== (code & 0xff) || b[i + k * 2 + 1] !== code >> 8) continue outer;
    }
    return true;
  }
  return false;
}

function isEncryptedCompoundFile(b: Uint8Array): boolean {
  const names = compoundFileNames(b);
  if (names) return names.some((n) => ENCRYPTION_STREAMS.includes(n));
  // Directory unreadable (damaged or truncated): fall back to looking for the stream names anywhere.
  return ENCRYPTION_STREAMS.some((n) => containsUtf16(b, n));
}

// ---------------------------------------------------------------------------------------------------------
// Text files (a CSV or an HTML table renamed .xlsx).

const TEXT_SAMPLE_BYTES = 65536;

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f;
}

/** "plain" or "markup" when the start of the file reads as text, else null. */
function textKind(b: Uint8Array): "plain" | "markup" | null {
  const sample = b.subarray(0, TEXT_SAMPLE_BYTES);
  const truncated = b.length > sample.length;
  let firstChar = -1;
  let controls = 0;
  let count = 0;

  // UTF-16 with a byte order mark ("Unicode text" saved by Excel).
  const le = sample[0] === 0xff && sample[1] === 0xfe;
  if (le || (sample[0] === 0xfe && sample[1] === 0xff)) {
    for (let i = 2; i + 1 < sample.length; i += 2) {
      const code = le ? u16(sample, i) : (sample[i]! << 8) | sample[i + 1]!;
      if (code === 0 || isControl(code)) controls++;
      if (firstChar < 0 && code > 0x20) firstChar = code;
      count++;
    }
  } else {
    const start = startsWith(sample, [0xef, 0xbb, 0xbf]) ? 3 : 0;
    let high = 0;
    let invalidUtf8 = false;
    for (let i = start; i < sample.length; i++) {
      const byte = sample[i]!;
      count++;
      if (byte < 0x80) {
        if (byte === 0) return null; // NUL never occurs in text of one-byte encodings
        if (isControl(byte)) controls++;
        if (firstChar < 0 && byte > 0x20) firstChar = byte;
        continue;
      }
      high++;
      if (firstChar < 0) firstChar = byte;
      const extra = byte >= 0xc2 && byte <= 0xdf ? 1 : byte >= 0xe0 && byte <= 0xef ? 2 : byte >= 0xf0 && byte <= 0xf4 ? 3 : -1;
      if (extra < 0) {
        invalidUtf8 = true;
        continue;
      }
      let k = 1;
      for (; k <= extra && i + k < sample.length; k++) {
        if ((sample[i + k]! & 0xc0) !== 0x80) break;
      }
      // A sequence cut by the end of the sample is not an error.
      const cut = i + k === sample.length && truncated;
      if (k <= extra && !cut) invalidUtf8 = true;
      else {
        high += k - 1;
        count += k - 1;
        i += k - 1;
      }
    }
    // Not UTF-8: still text in a legacy code page (e.g. Windows-1258) when mostly ASCII; random bytes are
    // about half high bytes.
    if (invalidUtf8 && high * 100 > count * 40) return null;
  }
  if (count === 0 || controls * 100 > count) return null;
  return firstChar === 0x3c ? "markup" : "plain";
}

// ---------------------------------------------------------------------------------------------------------

function fail(reason: SniffReason): SniffResult {
  return { ok: false, reason, detail: SNIFF_DETAIL[reason] };
}

const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * The package's main part when it is a spreadsheet's, by the package relationships (`_rels/.rels`,
 * officeDocument) and its content type: the Open XML SDK may name it `xl/workbook2.xml`, another writer
 * `xl/Workbook.xml` (part names ignore case). Null when the package names none, or names a document of
 * another kind (a .docx's `word/document.xml`).
 */
function spreadsheetMainPart(b: Uint8Array, parts: PartIndex): string | null {
  const text = (name: string): string | null => {
    const e = findPart(parts, name);
    if (!e || e.uncompressed > MAX_PART_BYTES) return null;
    const data = entryData(b, e);
    return data ? decodeXml(data) : null;
  };
  const rels = text("_rels/.rels");
  if (rels === null) return null;
  for (const match of rels.matchAll(/<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>/gu)) {
    const tag = match[0];
    if (!/\bType\s*=\s*["'][^"']*\/officeDocument["']/u.test(tag)) continue;
    const target = /\bTarget\s*=\s*["']([^"']+)["']/u.exec(tag)?.[1];
    if (!target) continue;
    // "./xl/wbk.xml", "/xl/wbk.xml", "xl/s%E1%BB%95.xml": the part the reader's workbookPart finds.
    const part = resolvePart("", unescapeXml(target));
    if (!findPart(parts, part)) continue;
    return isSpreadsheetMain(text("[content_types].xml") ?? "", part) ? part : null;
  }
  return null;
}

/** Whether two part names (URIs, "/" first or not, %-escaped or not, in any case) name one part. */
function samePart(a: string, b: string): boolean {
  const key = (name: string): string => uriDecoded(name.trim().replace(/^\/+/u, "")).toLowerCase();
  return key(a) === key(b);
}

/** Whether [Content_Types].xml gives `part` a workbook's content type (.xlsx, .xltx, .xlsm, .xltm; Strict has .xlsx's). */
function isSpreadsheetMain(types: string, part: string): boolean {
  for (const match of types.matchAll(/<(?:[A-Za-z_][\w.-]*:)?Override\s[^>]*>/gu)) {
    const tag = match[0];
    const name = /\bPartName\s*=\s*["']([^"']+)["']/u.exec(tag)?.[1];
    if (name === undefined || !samePart(unescapeXml(name), part)) continue;
    const type = /\bContentType\s*=\s*["']([^"']+)["']/u.exec(tag)?.[1] ?? "";
    return /(?:spreadsheetml\.(?:sheet|template)|ms-excel\.(?:sheet|template)\.macroEnabled)\.main\+xml$/u.test(type.trim());
  }
  return false;
}

function sniffZip(b: Uint8Array, inflateAll: boolean): SniffResult {
  const entries = readCentralDirectory(b);
  if (!entries) return fail("corrupt-zip");
  const byName = new Map(entries.map((e) => [e.name, e]));
  // Part names ignore case, and a leading "/" is tolerated (as the reader's Package does).
  const parts = partIndex(entries);
  const byLowerName = parts.lower;
  if (byLowerName.has("xl/workbook.bin")) return fail("xlsb");
  const mimetype = byName.get("mimetype");
  if (mimetype && mimetype.uncompressed <= 1024) {
    const data = entryData(b, mimetype);
    // startsWith also takes the template variant (.ots).
    if (data && strFromU8(data, true).trim().startsWith(ODS_MIMETYPE)) return fail("ods");
  }
  // ZIP-level (not Office) encryption, e.g. an archiver's password: no part can be read without it.
  if (entries.some((e) => (e.flags & 1) !== 0)) return fail("encrypted");
  if (byLowerName.has("word/document.xml")) return { ok: false, reason: "not-xlsx", detail: OTHER_DETAIL.word };
  if (byLowerName.has("ppt/presentation.xml")) return { ok: false, reason: "not-xlsx", detail: OTHER_DETAIL.powerpoint };
  if (!byLowerName.has("[content_types].xml")) return fail("not-xlsx");
  if (!byLowerName.has("xl/workbook.xml") && spreadsheetMainPart(b, parts) === null) return fail("not-xlsx");
  // Intact, but stored with a method the reader (like Excel) does not inflate: bzip2, LZMA, …
  if (entries.some((e) => e.method !== 0 && e.method !== 8)) return { ok: false, reason: "corrupt-zip", detail: OTHER_DETAIL.zipMethod };
  // Check every entry's data now (truncation inside an entry, bad CRC). Over the expansion limit the caller
  // rejects the file by V-FILE-02 anyway, so it is not inflated here either.
  if (!inflateAll) {
    // The reader inflates the parts it needs once and checks them then; here only that each entry is there.
    for (const e of entries) if (entryRaw(b, e) === null) return fail("corrupt-zip");
    return { ok: true };
  }
  let total = 0;
  for (const e of entries) total += e.uncompressed;
  if (total <= DEFAULT_LIMITS.maxExpandedMB * BYTES_PER_MB) {
    for (const e of entries) if (entryData(b, e) === null) return fail("corrupt-zip");
  }
  return { ok: true };
}

/**
 * Classify a file's bytes: an .xlsx that can be read (ok), or why not (V-FILE-01). Never throws. A zip's
 * entries are inflated to check them only when they expand to at most the default maxExpandedMB.
 */
export function sniffWorkbook(bytes: Uint8Array, inflateAll = true): SniffResult {
  if (bytes.length === 0) return fail("empty");
  if (startsWith(bytes, OLE2_SIGNATURE)) return fail(isEncryptedCompoundFile(bytes) ? "encrypted" : "legacy-xls");
  // Local file header, or the end record alone (an empty archive).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes, inflateAll);
  // A zip cut within its first header ("PK" and a few bytes): damaged, not text.
  if (bytes.length < 30 && startsWith(bytes, [0x50, 0x4b])) return fail("corrupt-zip");
  const other = otherDocument(bytes);
  if (other) return { ok: false, reason: "not-zip", detail: other };
  const text = textKind(bytes);
  if (text === "markup") return { ok: false, reason: "text", detail: MARKUP_DETAIL };
  if (text === "plain") return fail("text");
  return fail("not-zip");
}

// ---------------------------------------------------------------------------------------------------------
// Core properties (docProps/core.xml).

export interface CoreProperties {
  /** dcterms:created as written (W3CDTF), trimmed, or null. */
  readonly created: string | null;
  /** dcterms:modified as written (W3CDTF), trimmed, or null. */
  readonly modified: string | null;
  readonly creator: string | null;
  readonly lastModifiedBy: string | null;
}

const NO_PROPERTIES: CoreProperties = { created: null, modified: null, creator: null, lastModifiedBy: null };
const CORE_PART = "docProps/core.xml";
const RELS_PART = "_rels/.rels";
// core.xml is a few hundred bytes; a larger declared size is not worth inflating.
const MAX_PART_BYTES = 1024 * 1024;

function decodeXml(data: Uint8Array): string {
  return xmlPartText(data).text;
}

/** Entities decoded by the reader's one decoder; CDATA is literal text, escaped first so it comes back unchanged. */
function unescapeXml(text: string): string {
  const escaped = text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/gu, (_m, inner: string) => inner.replace(/&/gu, "&amp;").replace(/</gu, "&lt;"));
  try {
    return decodeEntities(escaped);
  } catch {
    return escaped; // a malformed reference: the property is shown as written
  }
}

/** Text of the first element with this local name (any namespace prefix), trimmed; null if absent/empty. */
function elementText(xml: string, localName: string): string | null {
  const match = elementExpression(localName).exec(xml);
  const inner = match?.[1];
  if (inner === undefined) return null;
  const text = nfc(unescapeXml(inner)).trim();
  // Detached from core.xml's text: `modified` stays with the submission.
  return text === "" ? null : detached(text);
}

/** The expression finding an element by its local name, made once a name (four names, a file each). */
function elementExpression(localName: string): RegExp {
  let re = ELEMENT_EXPRESSIONS.get(localName);
  if (!re) {
    re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${localName}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</(?:[A-Za-z_][\\w.-]*:)?${localName}\\s*>)`, "u");
    ELEMENT_EXPRESSIONS.set(localName, re);
  }
  return re;
}

const ELEMENT_EXPRESSIONS = new Map<string, RegExp>();

/** The core-properties part named by the package relationships (normally docProps/core.xml). */
function corePartName(rels: Uint8Array | undefined): string {
  if (!rels) return CORE_PART;
  const xml = decodeXml(rels);
  for (const match of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>/gu)) {
    const tag = match[0];
    if (!/\bType\s*=\s*["'][^"']*\/metadata\/core-properties["']/u.test(tag)) continue;
    const target = /\bTarget\s*=\s*["']([^"']+)["']/u.exec(tag)?.[1];
    // Resolved and found as the reader finds any part: "./docProps/core.xml", "/docProps/Core.xml" and
    // "docProps/c%6Fre.xml" all name docProps/core.xml (the received date was lost without a word).
    if (target) return resolvePart("", unescapeXml(target));
  }
  return CORE_PART;
}

/**
 * Created, modified, creator and last-modified-by of an .xlsx's core properties; nulls when unreadable.
 * The parts are found in the central directory and inflated by the host's inflater when it has one (as
 * the reader's parts are), each checked against its size and CRC; a part over MAX_PART_BYTES is not read.
 */
export function readCoreProperties(bytes: Uint8Array, host: ByteHost = {}): CoreProperties {
  try {
    const entries = readCentralDirectory(bytes);
    if (!entries) return NO_PROPERTIES;
    const parts = partIndex(entries);
    // A part's data (found as the reader finds parts: any case, a leading "/", %-escapes; the last entry of
    // its name), undefined when there is none or it is too large to be read; a part that is there but cannot
    // be read leaves the properties unread (the catch below).
    const part = (name: string): Uint8Array | undefined => {
      const e = findPart(parts, name);
      if (!e || e.uncompressed > MAX_PART_BYTES) return undefined;
      const read = entryData(bytes, e, host);
      if (read === null) throw new Error(`${name} cannot be read`);
      return read;
    };
    const core = part(corePartName(part(RELS_PART)));
    if (!core) return NO_PROPERTIES;
    const xml = decodeXml(core);
    return {
      created: elementText(xml, "created"),
      modified: elementText(xml, "modified"),
      creator: elementText(xml, "creator"),
      lastModifiedBy: elementText(xml, "lastModifiedBy"),
    };
  } catch {
    return NO_PROPERTIES;
  }
}
