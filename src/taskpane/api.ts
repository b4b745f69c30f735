/**
 * The contracts between the pane's parts: the worker (reading, checking, consolidating), the
 * session (what the user added, kept in IndexedDB), the Office host, and the React components.
 * Everything that crosses the worker boundary is plain, structured-cloneable data.
 */
import type { Finding } from "../core/findings";
import type { RunJson } from "../core/result";
import type { Localised } from "../core/text";
import type { InputStatus, RunSummary, UnitStatus } from "../core/validate/run";

export type Lang = "vi" | "en";

/** One file the user added (or the open workbook). `id` is its identity; `name` is unique in the list. */
export interface PaneFile {
  readonly id: string;
  /** Display name, unique in the list: a same-named file with other bytes is "name (2).xlsx". */
  readonly name: string;
  /** The name as the file came. */
  readonly originalName: string;
  readonly size: number;
  readonly sha256: string;
  readonly source: "file" | "workbook";
  /** Received date typed in the pane (yyyy-MM-dd), else null (the receipt log or the file decides). */
  readonly received: string | null;
  /**
   * Larger than the size limit (V-FILE-02): its bytes were never taken in nor kept (a 300 MB file froze the
   * pane and every reload), only its size and SHA-256, and it is listed as too large.
   */
  readonly unread?: true;
}

/** A stored file: its bytes kept beside it (IndexedDB). */
export interface StoredFile extends PaneFile {
  readonly bytes: ArrayBuffer;
}

/** A roster file the user loaded (CSV or XLSX, UNITS.md §4); null: the built-in roster. */
export interface RosterFile {
  readonly name: string;
  readonly bytes: ArrayBuffer;
}

/**
 * The options of a check (TASKPANE.md §5), for the request's period; they mean what the CLI flags of
 * the same names mean. The pane keeps them as `PaneSettings`.
 */
export interface PaneOptions {
  /** Receipt log CSV (PERIODS.md §7). */
  readonly receipts: { readonly name: string; readonly bytes: ArrayBuffer } | null;
  /** Deadline for the request's period (option `deadlines[P]`), yyyy-MM-dd, or null for the default. */
  readonly deadline: string | null;
  readonly acceptWithErrors: boolean;
  readonly preparerName: string;
  readonly headName: string;
  /** yyyy-MM-dd or "" */
  readonly signDate: string;
}

export const DEFAULT_PANE_OPTIONS: PaneOptions = {
  receipts: null,
  deadline: null,
  acceptWithErrors: false,
  preparerName: "",
  headName: "",
  signDate: "",
};

/** A deadline typed in the pane, for the period it was typed for: `deadlines[periodId]`, no other period's. */
export interface TypedDeadline {
  readonly periodId: string;
  /** yyyy-MM-dd */
  readonly date: string;
}

/** The options as the pane holds and keeps them: a check's options, the deadline tied to its period. */
export interface PaneSettings extends Omit<PaneOptions, "deadline"> {
  readonly deadline: TypedDeadline | null;
}

export const DEFAULT_PANE_SETTINGS: PaneSettings = { ...DEFAULT_PANE_OPTIONS, deadline: null };

/**
 * The options as a stored session gives them back. Sessions saved before the deadline was tied to its
 * period hold a bare date there: the deadline of the session's period (migrated when restored).
 */
export interface StoredSettings extends Omit<PaneOptions, "deadline"> {
  readonly deadline: TypedDeadline | string | null;
}

/** How the period was chosen: the default, following the files, or by hand (never changed after). */
export interface PeriodChoice {
  readonly id: string;
  readonly source: "default" | "files" | "user";
}

/** Everything a check needs; the same for `check` and `consolidate`. */
export interface CheckRequest {
  readonly periodId: string;
  readonly files: readonly StoredFile[];
  readonly history: readonly StoredFile[];
  readonly roster: RosterFile | null;
  readonly options: PaneOptions;
}

export interface InputView {
  readonly id: string;
  readonly file: string;
  readonly unit: string | null;
  readonly status: InputStatus;
  /** Rule ids that explain the status. */
  readonly reasons: readonly string[];
  /** The first finding's message explaining the status (unreadable, not a submission, other period…). */
  readonly reason: Localised | null;
  readonly errors: number;
  readonly warnings: number;
  readonly period: string | null;
  readonly received: string | null;
  readonly effective: boolean;
}

export interface UnitView {
  readonly code: string;
  readonly name: string;
  readonly expected: boolean;
  /** Completeness status (WORKBOOKS.md §2.7); null for a contributing unit that is not expected. */
  readonly status: UnitStatus | null;
  readonly daysLate: number;
  readonly effective: InputView | null;
  /** Superseded and identical files ("Trùng lặp"). */
  readonly duplicates: readonly InputView[];
}

export interface FindingView extends Finding {
  /** The input the finding is on (null: on the totals or the run). */
  readonly inputId: string | null;
}

export interface CheckView {
  readonly periodId: string;
  /** "Số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023" and its English. */
  readonly windowText: Localised;
  /** The unit deadline, yyyy-MM-dd. */
  readonly deadline: string;
  readonly summary: RunSummary;
  /** Expected units in roster order, then contributing units that are not expected. */
  readonly units: readonly UnitView[];
  /** Files that are not a unit's submission for the period, with the reason. */
  readonly unused: readonly InputView[];
  readonly inputs: readonly InputView[];
  /** Every finding, in KiemTra order. */
  readonly findings: readonly FindingView[];
  readonly canConsolidate: boolean;
  /** Roster problems: nothing is aggregated until they are fixed. */
  readonly rosterErrors: readonly Localised[];
  /** The default roster used after 28/02/2025 (UNITS.md §3.1). */
  readonly rosterWarning: Localised | null;
  /** "Mặc định (47 đơn vị)" or the roster file's name. */
  readonly rosterLabel: Localised;
  /** History files not used, with why. */
  readonly historyNotUsed: readonly { readonly file: string; readonly reason: Localised }[];
  /** The receipt log's rows that name no file, and files it gives two dates (receipts.ts `receiptNotes`). */
  readonly receiptNotes: readonly Localised[];
}

export interface HeadlineRate {
  readonly completed: number;
  readonly planned: number;
  readonly rate: number | null;
  /** "75,0% (45/60)" / "75.0% (45/60)" */
  readonly text: Localised;
}

export interface ConsolidateView {
  readonly check: CheckView;
  readonly fileName: string;
  readonly report: ArrayBuffer;
  readonly rates: { readonly inspection: HeadlineRate; readonly party: HeadlineRate };
  readonly json: RunJson;
}

/** What the worker reports while it works: "Đang đọc 37/52 tệp…". */
export interface WorkProgress {
  /** `add`: the files' bytes taken in (the pane); `read`: the files read and checked (the pipeline). */
  readonly phase: "add" | "history" | "read" | "report" | "zip";
  readonly done: number;
  readonly total: number;
}

/** The period each file names in ThongTin (null: none readable), for "follow the files". */
export interface FilePeriod {
  readonly id: string;
  readonly period: string | null;
}

/**
 * The worker's services, as the main thread calls them (a typed message protocol underneath).
 * Every rejection is a core `UserError` whose `localised` is the message to show.
 */
export interface Pipeline {
  periodsOf(files: readonly StoredFile[]): Promise<readonly FilePeriod[]>;
  check(request: CheckRequest, progress: (p: WorkProgress) => void): Promise<CheckView>;
  consolidate(request: CheckRequest & { readonly creationTime?: string }, progress: (p: WorkProgress) => void): Promise<ConsolidateView>;
  /** Annotated copies of the units with errors, as one .zip. */
  returnFiles(request: CheckRequest, progress: (p: WorkProgress) => void): Promise<{ readonly fileName: string; readonly zip: ArrayBuffer }>;
  /** Blank templates for every active unit of the period, as one .zip. */
  templates(request: { readonly periodId: string; readonly roster: RosterFile | null }, progress: (p: WorkProgress) => void): Promise<{ readonly fileName: string; readonly zip: ArrayBuffer }>;
  /** SHA-256 (hex) of bytes, or of a file read in chunks (one too large to take in, never held whole). */
  sha256(bytes: ArrayBuffer | Blob): Promise<string>;
}

/** The Excel host, or its absence (a plain browser): the only door to Office.js. */
export interface OfficeHost {
  /** Inside Excel (Office.onReady gave a host). */
  readonly inExcel: boolean;
  /** `Excel.createWorkbook` (ExcelApi 1.8). */
  readonly canOpenWorkbook: boolean;
  /** `insertWorksheetsFromBase64` (ExcelApi 1.13). */
  readonly canInsertSheets: boolean;
  /**
   * A download from the page saves a file: Excel on the web and the standalone page. Desktop Excel's
   * webviews drop blob downloads (on Mac `<a download>` does nothing, silently).
   */
  readonly canDownload: boolean;
  /** Office's theme, when Office tells it. */
  readonly theme: "light" | "dark" | null;
  /** The open workbook's bytes (getFileAsync, Compressed, slice by slice, always closed) and name. */
  readOpenWorkbook(): Promise<{ readonly name: string; readonly bytes: ArrayBuffer }>;
  openReport(bytes: ArrayBuffer): Promise<void>;
  insertReport(bytes: ArrayBuffer): Promise<void>;
  /** Select `cell` on `sheet` of the open workbook (findings of forms read from it). */
  selectCell(sheet: string, cell: string): Promise<void>;
}

/** What the pane keeps between openings (IndexedDB on this machine). */
export interface SessionSnapshot {
  readonly files: readonly StoredFile[];
  readonly history: readonly StoredFile[];
  readonly roster: RosterFile | null;
  readonly options: StoredSettings;
  readonly period: PeriodChoice | null;
  readonly lang: Lang;
}
