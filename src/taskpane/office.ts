/**
 * The only door to Office.js: nothing else in the pane touches the `Office` or `Excel` globals.
 * The logic (`makeOfficeHost`) takes the few Office/Excel calls it needs as a narrow typed
 * interface (`OfficeApi`); `connectOffice` fills it from the real globals, tests from fakes.
 */
import { BYTES_PER_MB, DEFAULT_LIMITS } from "../core/read/limits";
import { REPORT_SHEETS } from "../core/report/sheets";
import type { Localised } from "../core/text";
import type { OfficeHost } from "./api";

/** The largest slice Office hands out (4 MiB); iPad allows 64 KiB (Office.File docs). */
export const MAX_SLICE_SIZE = 4_194_304;
export const IPAD_SLICE_SIZE = 65_536;
/** The open workbook's name when Office gives no URL (a new, unsaved workbook). */
export const DEFAULT_WORKBOOK_NAME = "SoLamViec.xlsx";
/**
 * Excel on the web refuses a request over 5 MB (Office's payload limit), with a raw error. The report
 * goes as base64 in one request: read as 5 × 10^6 bytes (the lower reading), less room for the
 * request's own envelope, the base64 may be at most this long, a report of about 3.7 MB.
 */
export const WEB_REQUEST_LIMIT = 5_000_000;
export const WEB_REQUEST_ENVELOPE = 16_384;
export const WEB_MAX_BASE64 = WEB_REQUEST_LIMIT - WEB_REQUEST_ENVELOPE;
/** The largest report that fits one request on the web. */
export const WEB_MAX_REPORT_BYTES = Math.floor(WEB_MAX_BASE64 / 4) * 3;

// ---------------------------------------------------------------------------------------------
// The narrow interface: what the pane needs from Office.js, promise-shaped.

/** The open document as Office gives it through `getFileAsync(Compressed)`. */
export interface OfficeFileApi {
  readonly size: number;
  readonly sliceCount: number;
  /** One slice's bytes (Office gives a byte array). */
  getSlice(index: number): Promise<ArrayLike<number>>;
  close(): Promise<void>;
}

/** A range, a sheet, the workbook: only the members the pane calls. */
export interface ExcelRangeApi {
  select(): void;
}
export interface ExcelWorksheetApi {
  activate(): void;
  getRange(address: string): ExcelRangeApi;
}
export interface ExcelWorkbookApi {
  readonly worksheets: {
    getItem(name: string): ExcelWorksheetApi;
    /** Queues the sheets' names for the next sync (`items` is read after it). */
    load(properties: "items/name"): unknown;
    readonly items: ReadonlyArray<{ readonly name: string }>;
  };
  insertWorksheetsFromBase64(base64: string, options: { positionType: "End" }): unknown;
}
export interface ExcelContextApi {
  readonly workbook: ExcelWorkbookApi;
  sync(): Promise<unknown>;
}

export interface OfficeApi {
  /** Office.onReady gave a host (false: a plain browser). */
  readonly inHost: boolean;
  /** `Office.context.platform` is `OfficeOnline` (Excel on the web); absent: not on the web. */
  readonly onWeb?: boolean;
  isSetSupported(name: string, version: string): boolean;
  /** `Office.context.officeTheme.bodyBackgroundColor`, when Office tells it. */
  readonly themeBackground: string | null;
  /** `Office.context.document.url`: a path or URL, empty for an unsaved workbook. */
  readonly documentUrl: string | null;
  readonly sliceSize: number;
  getCompressedFile(sliceSize: number): Promise<OfficeFileApi>;
  createWorkbook(base64: string): Promise<void>;
  run<T>(batch: (context: ExcelContextApi) => Promise<T>): Promise<T>;
}

/**
 * An Office action that failed. `message` is readable as is (Vietnamese, the pane's default);
 * `action` lets the pane say it in its language, `detail` is Office's own reason ("" if none).
 */
export class OfficeActionError extends Error {
  constructor(
    readonly action: "read" | "open" | "insert" | "select",
    message: string,
    readonly detail = "",
    /** The whole message in both languages, when the pane's own words say it all (Office was not called). */
    readonly localised: Localised | null = null,
  ) {
    super(detail ? `${message}: ${detail}` : message);
    this.name = "OfficeActionError";
  }
}

// ---------------------------------------------------------------------------------------------
// The host built on the narrow interface.

export function makeOfficeHost(api: OfficeApi): OfficeHost {
  const inExcel = api.inHost;
  const canOpenWorkbook = inExcel && api.isSetSupported("ExcelApi", "1.8");
  const canInsertSheets = inExcel && api.isSetSupported("ExcelApi", "1.13");
  const onWeb = inExcel && api.onWeb === true;
  return {
    inExcel,
    canOpenWorkbook,
    canInsertSheets,
    // The standalone page and Excel on the web are browsers; desktop Excel's webviews drop downloads.
    canDownload: !inExcel || onWeb,
    theme: api.themeBackground === null ? null : themeOf(api.themeBackground),
    readOpenWorkbook: async () => {
      if (!inExcel) throw unavailable("read");
      const bytes = await readCompressedFile(api);
      return { name: workbookName(api.documentUrl), bytes };
    },
    openReport: async (bytes) => {
      if (!canOpenWorkbook) throw unavailable("open");
      if (onWeb) fitsOneRequest("open", bytes);
      await failingAs("open", "Không mở được báo cáo trong Excel", () => api.createWorkbook(toBase64(bytes)));
    },
    insertReport: async (bytes) => {
      if (!canInsertSheets) throw unavailable("insert");
      if (onWeb) fitsOneRequest("insert", bytes);
      const base64 = toBase64(bytes);
      await failingAs("insert", "Không chèn được báo cáo vào sổ làm việc này", () =>
        api.run(async (context) => {
          // The report's sheets share eight names with a unit's forms, which the usual flow has read into
          // this very workbook: Excel's behaviour on a clash is not documented, and NguonSoLieu's references
          // ('01_TCD'!E14) would name the unit's sheets. Refused, said, before anything is inserted.
          const sheets = context.workbook.worksheets;
          sheets.load("items/name");
          await context.sync();
          refuseClashingSheets(sheets.items.map((item) => item.name));
          context.workbook.insertWorksheetsFromBase64(base64, { positionType: "End" });
          await context.sync();
        }),
      );
    },
    selectCell: async (sheet, cell) => {
      if (!inExcel) throw unavailable("select");
      await failingAs("select", `Không chọn được ô ${sheet}!${cell}`, () =>
        api.run(async (context) => {
          const worksheet = context.workbook.worksheets.getItem(sheet);
          worksheet.activate();
          worksheet.getRange(cell).select();
          await context.sync();
        }),
      );
    },
  };
}

/** Reads every slice in order into one buffer; the file is closed whatever happens (Office keeps at most two open). */
async function readCompressedFile(api: OfficeApi): Promise<ArrayBuffer> {
  const file = await failingAs("read", "Không đọc được sổ làm việc đang mở", () => api.getCompressedFile(api.sliceSize));
  try {
    // Over a unit file's size limit it would be refused (V-FILE-02) once read, joined, hashed and kept:
    // said before a slice is read (an 80 MB workbook came in as 20 slices of number arrays first).
    refuseTooLarge(file.size);
    const slices: ArrayLike<number>[] = [];
    for (let index = 0; index < file.sliceCount; index++) {
      const where = `phần ${index + 1}/${file.sliceCount}`;
      slices.push(await failingAs("read", `Không đọc được sổ làm việc đang mở (${where})`, () => file.getSlice(index)));
    }
    return concatenate(slices);
  } finally {
    await file.close().catch(() => undefined);
  }
}

function concatenate(slices: readonly ArrayLike<number>[]): ArrayBuffer {
  const total = slices.reduce((sum, slice) => sum + slice.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const slice of slices) {
    out.set(slice, offset);
    offset += slice.length;
  }
  return out.buffer;
}

async function failingAs<T>(action: OfficeActionError["action"], what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof OfficeActionError) throw error;
    throw new OfficeActionError(action, what, error instanceof Error ? error.message : String(error));
  }
}

/** base64's length for `bytes` bytes (with padding). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** Megabytes (10^6 bytes) to one decimal, rounded `up` or down, in the language's notation. */
function megabytes(bytes: number, lang: "vi" | "en", up: boolean): string {
  const tenths = bytes / 100_000;
  const text = ((up ? Math.ceil(tenths) : Math.floor(tenths)) / 10).toFixed(1);
  return lang === "vi" ? text.replace(".", ",") : text;
}

/** Excel on the web: a report too large for one request is refused here, before Office is called or the base64 made. */
function fitsOneRequest(action: "open" | "insert", bytes: ArrayBuffer): void {
  if (base64Length(bytes.byteLength) <= WEB_MAX_BASE64) return;
  const size = { vi: megabytes(bytes.byteLength, "vi", true), en: megabytes(bytes.byteLength, "en", true) };
  const most = { vi: megabytes(WEB_MAX_REPORT_BYTES, "vi", false), en: megabytes(WEB_MAX_REPORT_BYTES, "en", false) };
  const localised: Localised = {
    vi: `Báo cáo (${size.vi} MB) quá lớn để Excel trên web nhận từ ngăn tác vụ (tối đa khoảng ${most.vi} MB). Dùng "Tải về (.xlsx)" rồi mở tệp.`,
    en: `The report (${size.en} MB) is too large for Excel on the web to take from the pane (about ${most.en} MB at most). Use "Download (.xlsx)" and open the file.`,
  };
  throw new OfficeActionError(action, localised.vi, "", localised);
}

/** The open workbook larger than a unit's file may be (WORKBOOKS.md §3 `maxFileSizeMB`): not read. */
function refuseTooLarge(size: number): void {
  const limit = DEFAULT_LIMITS.maxFileSizeMB;
  if (size <= limit * BYTES_PER_MB) return;
  const mb = { vi: megabytes(size, "vi", true), en: megabytes(size, "en", true) };
  const localised: Localised = {
    vi: `Sổ làm việc đang mở (${mb.vi} MB) lớn hơn giới hạn ${limit} MB của một tệp báo cáo nên không được đọc. Xóa các trang không cần thiết, lưu lại rồi đọc lại.`,
    en: `The open workbook (${mb.en} MB) is larger than a submission may be (${limit} MB), so it is not read. Delete the sheets not needed, save it and read it again.`,
  };
  throw new OfficeActionError("read", localised.vi, "", localised);
}

/** The report's sheets whose names this workbook already has: the insert is refused, in words. */
function refuseClashingSheets(existing: readonly string[]): void {
  const have = new Set(existing.map((name) => name.toLowerCase()));
  const clashing = REPORT_SHEETS.filter((name) => have.has(name.toLowerCase()));
  if (clashing.length === 0) return;
  const names = clashing.join(", ");
  const localised: Localised = {
    vi: `Sổ làm việc này đã có trang tính trùng tên với báo cáo (${names}) nên báo cáo không được chèn. Dùng "Mở báo cáo trong Excel" (một sổ làm việc mới) hoặc "Tải về (.xlsx)", hoặc đổi tên các trang đó rồi chèn lại.`,
    en: `This workbook already has sheets named as the report's (${names}), so the report is not inserted. Use "Open the report in Excel" (a new workbook) or "Download (.xlsx)", or rename those sheets and insert again.`,
  };
  throw new OfficeActionError("insert", localised.vi, "", localised);
}

function unavailable(action: OfficeActionError["action"]): OfficeActionError {
  return new OfficeActionError(action, "Chức năng này chỉ có khi mở ngăn trong Excel (phiên bản hỗ trợ).");
}

// ---------------------------------------------------------------------------------------------
// Pure helpers (exported for tests).

const BASE64_DIGITS = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

/**
 * Base64 of the bytes, written digit by digit into one byte array: `btoa(String.fromCharCode(...bytes))`
 * overflows the call stack for MBs, and encoding in pieces through strings takes seconds for a 6 MB report.
 */
export function toBase64(bytes: ArrayBuffer): string {
  const input = new Uint8Array(bytes);
  const out = new Uint8Array(Math.ceil(input.length / 3) * 4);
  const digit = (index: number): number => BASE64_DIGITS[index & 63] ?? 0;
  let o = 0;
  for (let i = 0; i < input.length; i += 3) {
    const rest = input.length - i;
    const triple = ((input[i] ?? 0) << 16) | ((input[i + 1] ?? 0) << 8) | (input[i + 2] ?? 0);
    out[o++] = digit(triple >> 18);
    out[o++] = digit(triple >> 12);
    out[o++] = rest > 1 ? digit(triple >> 6) : 61; // "="
    out[o++] = rest > 2 ? digit(triple) : 61;
  }
  return new TextDecoder().decode(out);
}

/** The workbook's file name from `document.url` (a path or URL), with .xlsx when it has no extension. */
export function workbookName(url: string | null): string {
  const path = (url ?? "").split(/[?#]/u)[0] ?? "";
  const last = path.split(/[\\/]/u).filter((part) => part !== "").pop();
  if (last === undefined) return DEFAULT_WORKBOOK_NAME;
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // a stray "%" in a local path: keep the name as written
  }
  return /\.xl[a-z]{1,2}$/iu.test(name) ? name : `${name}.xlsx`;
}

/** "dark" when the background colour (#rgb or #rrggbb) is dark; null when it cannot be read. */
export function themeOf(background: string): "light" | "dark" | null {
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec(background.trim())?.[1];
  if (hex === undefined) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  const luma = (0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0)) / 255;
  return luma < 0.5 ? "dark" : "light";
}

// ---------------------------------------------------------------------------------------------
// The real globals.

/** A plain browser (no office.js, or Office.onReady without a host): every Excel action is unavailable. */
const NO_HOST: OfficeApi = {
  inHost: false,
  isSetSupported: () => false,
  themeBackground: null,
  documentUrl: null,
  sliceSize: MAX_SLICE_SIZE,
  getCompressedFile: () => Promise.reject(unavailable("read")),
  createWorkbook: () => Promise.reject(unavailable("open")),
  run: () => Promise.reject(unavailable("select")),
};

/** How long Office may take to say it is ready before the pane is drawn as the plain page (TASKPANE.md: "Outside Office … the same page works"). */
const OFFICE_READY_MS = 15_000;

/** The pane outside Office (a plain browser): every Excel action unavailable. */
export function plainHost(): OfficeHost {
  return makeOfficeHost(NO_HOST);
}

/**
 * The host once Office.js says it is ready, or the plain page's when there is no Office.js or it fails;
 * never settles when office.js never gets ready (outside Office with site data blocked, a blocked
 * script inside Office): the caller draws the plain page meanwhile (index.tsx, `drawWhenReady`).
 */
export async function officeHostWhenReady(): Promise<OfficeHost> {
  if (typeof Office === "undefined") return plainHost();
  const info = await Office.onReady().catch(() => null);
  if (info === null || info.host === null || info.host === undefined) return plainHost();
  return makeOfficeHost(officeGlobals());
}

/** The host, or the plain page's after OFFICE_READY_MS (the ribbon's commands, which draw nothing). */
export async function connectOffice(): Promise<OfficeHost> {
  // office.js outside Office with site data blocked throws reading sessionStorage and never gets ready.
  const late = new Promise<OfficeHost>((resolve) => setTimeout(() => resolve(plainHost()), OFFICE_READY_MS));
  return Promise.race([officeHostWhenReady(), late]);
}

/**
 * Draw the pane with the host as soon as Office is ready, or with the plain page's after `graceMs` and
 * again with the host if Office gets ready later. The pane waited up to 15 s on a blank page for a slow
 * Office, then stayed the plain page (no read, open or insert) when Office answered after (a review).
 */
export async function drawWhenReady(ready: Promise<OfficeHost>, graceMs: number, draw: (office: OfficeHost) => void): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), graceMs);
  });
  const early = await Promise.race([ready, grace]);
  clearTimeout(timer);
  if (early !== null) return draw(early);
  draw(plainHost());
  const office = await ready;
  if (office.inExcel) draw(office);
}

function officeGlobals(): OfficeApi {
  const context = Office.context;
  return {
    inHost: true,
    onWeb: context.platform === Office.PlatformType.OfficeOnline,
    isSetSupported: (name, version) => context.requirements.isSetSupported(name, version),
    // officeTheme is undefined where Office does not support it (older builds, the web in some modes)
    themeBackground: (context.officeTheme as Office.OfficeTheme | undefined)?.bodyBackgroundColor ?? null,
    documentUrl: context.document.url,
    sliceSize: context.platform === Office.PlatformType.iOS ? IPAD_SLICE_SIZE : MAX_SLICE_SIZE,
    getCompressedFile: (sliceSize) =>
      settle<Office.File>((done) => context.document.getFileAsync(Office.FileType.Compressed, { sliceSize }, done)).then(
        (file) => ({
          size: file.size,
          sliceCount: file.sliceCount,
          getSlice: (index) =>
            settle<Office.Slice>((done) => file.getSliceAsync(index, done)).then((slice) => slice.data as ArrayLike<number>),
          close: () => settle<void>((done) => file.closeAsync(done)),
        }),
      ),
    createWorkbook: (base64) => Excel.createWorkbook(base64),
    // A batch sent while the user is typing in a cell fails (InvalidOperation) unless asked to wait for the
    // edit to end: a finding clicked after a fix typed but not yet entered said the cell could not be selected.
    run: (batch) => Excel.run({ delayForCellEdit: true }, (context) => batch(context)),
  };
}

/** Office's callback style as a promise; a failure carries Office's own message. */
function settle<T>(call: (done: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    call((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error(`${result.error.message} (${result.error.code})`));
    });
  });
}
