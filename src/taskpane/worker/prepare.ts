/**
 * What the pane's request means to the core: the period, the roster, the options and the history,
 * exactly as the CLI flags of the same names give them (src/cli/runflags.ts, src/cli/common.ts), so
 * that the pane and `tonghop aggregate` give the same report for the same inputs.
 */
import { isIsoDate } from "../../core/dates";
import { UserError } from "../../core/findings";
import type { Options } from "../../core/options";
import { parsePeriod, periodWindow, windowLine, type Period } from "../../core/periods";
import type { PipelineInput } from "../../core/pipeline";
import { parseReceiptLog, type ReceiptEntry } from "../../core/read/receipts";
import { DEFAULT_ROSTER, defaultRosterWarning, unitsActiveIn, type Roster } from "../../core/roster";
import { parseRoster } from "../../core/read/roster";
import type { Localised } from "../../core/text";
import type { RunOptions } from "../../core/validate/run";
import type { CheckRequest, PaneOptions, RosterFile, StoredFile } from "../api";

export type RunAndReportOptions = RunOptions & Options;

export interface RosterChoice {
  /** Null while the roster file has errors: nothing is checked or aggregated (UNITS.md §4). */
  readonly roster: Roster | null;
  readonly bytes: Uint8Array | null;
  readonly errors: readonly Localised[];
  readonly label: Localised;
  readonly warning: Localised | null;
}

export interface Prepared {
  readonly period: Period;
  readonly roster: RosterChoice;
  readonly options: RunAndReportOptions;
  readonly inputs: readonly PipelineInput[];
  /** Earlier periods' files (PERIODS.md §6); undefined when none are given. */
  readonly history: readonly PipelineInput[] | undefined;
  /** The receipt log's name, when one is loaded (its notes name it). */
  readonly receiptLog: string | null;
}

const PANE_REMEDY: Localised = {
  vi: "đề nghị nạp tệp danh sách đơn vị hiện hành (CSV hoặc XLSX).",
  en: "please load the current unit roster file (CSV or XLSX).",
};

export function bytesOf(buffer: ArrayBuffer): Uint8Array {
  return new Uint8Array(buffer);
}

/** The period of an ID, or a UserError in both languages (as `--period`). */
export function periodOf(periodId: string): Period {
  return parsePeriod(periodId);
}

export function windowText(period: Period): Localised {
  return { vi: windowLine(period, "vi"), en: windowLine(period, "en") };
}

/** The built-in roster, or the user's file (CSV or XLSX, UNITS.md §4) with its errors. */
export async function chooseRoster(file: RosterFile | null, period: Period): Promise<RosterChoice> {
  const windowEnd = periodWindow(period).to;
  if (file === null) {
    const count = unitsActiveIn(DEFAULT_ROSTER, periodWindow(period)).length;
    return {
      roster: DEFAULT_ROSTER,
      bytes: null,
      errors: [],
      label: { vi: `Mặc định (${count} đơn vị)`, en: `Default (${count} units)` },
      warning: defaultRosterWarning(DEFAULT_ROSTER, windowEnd, PANE_REMEDY),
    };
  }
  const bytes = bytesOf(file.bytes);
  const result = await parseRoster(bytes, file.name);
  const label = { vi: file.name, en: file.name };
  if (!result.roster || result.errors.length > 0) {
    const errors = result.errors.map((e) => ({ vi: `${e.message.vi} (${e.rule})`, en: `${e.message.en} (${e.rule})` }));
    return {
      roster: null,
      bytes,
      errors: errors.length > 0 ? errors : [{ vi: "Không đọc được danh sách đơn vị.", en: "Cannot read the unit roster." }],
      label,
      warning: null,
    };
  }
  return { roster: result.roster, bytes, errors: [], label, warning: defaultRosterWarning(result.roster, windowEnd, PANE_REMEDY) };
}

/** Received dates typed in the pane: receipt rows after the log's, so they win (the last row wins). */
function typedReceipts(files: readonly StoredFile[]): ReceiptEntry[] {
  return files
    .filter((f) => f.received !== null)
    .map((f, i) => {
      const date = f.received ?? "";
      if (!isIsoDate(date)) {
        throw new UserError({
          vi: `Ngày nhận của tệp ${f.name} không hợp lệ: "${date}" (dạng yyyy-MM-dd).`,
          en: `The received date of ${f.name} is not valid: "${date}" (use yyyy-MM-dd).`,
        });
      }
      return { file: f.name, date, time: null, timestampUtc: null, line: -(i + 1) };
    });
}

/**
 * The received dates: the log's rows, then the dates typed by hand; and where they came from, worded as the
 * CLI words its `--receipts` (the same log gives the same NguonSoLieu), the typed dates counted apart.
 */
function receiptsOf(options: PaneOptions, files: readonly StoredFile[]): { entries: ReceiptEntry[]; source?: string } | null {
  const typed = typedReceipts(files);
  if (options.receipts === null) return typed.length > 0 ? { entries: typed } : null;
  const log = parseReceiptLog(bytesOf(options.receipts.bytes), options.receipts.name);
  const first = log.errors[0];
  if (first) throw new UserError(first.message);
  return { entries: [...log.entries, ...typed], source: typed.length > 0 ? `${log.source}; ${typed.length} ngày nhập tay` : log.source };
}

/**
 * The options of the pane as the CLI flags give them: `--deadline` → `deadlines[P]`,
 * `--accept-with-errors`, `--receipts`, and the report options of WORKBOOKS.md §3 (as `--config`).
 * What is not set is left out, so NguonSoLieu records the same options as the CLI's.
 */
export function runOptionsOf(period: Period, options: PaneOptions, files: readonly StoredFile[]): RunAndReportOptions {
  const deadline = options.deadline;
  if (deadline !== null && !isIsoDate(deadline)) {
    throw new UserError({ vi: `Hạn nộp không hợp lệ: "${deadline}" (dạng yyyy-MM-dd).`, en: `Invalid deadline "${deadline}" (use yyyy-MM-dd).` });
  }
  const signDate = options.signDate.trim();
  if (signDate !== "" && !isIsoDate(signDate)) {
    throw new UserError({ vi: `Ngày ký không hợp lệ: "${signDate}" (dạng yyyy-MM-dd).`, en: `Invalid signing date "${signDate}" (use yyyy-MM-dd).` });
  }
  const receipts = receiptsOf(options, files);
  const preparerName = options.preparerName.trim();
  const headName = options.headName.trim();
  return {
    ...(deadline !== null ? { deadlines: { [period.id]: deadline } } : {}),
    ...(options.acceptWithErrors ? { acceptWithErrors: true } : {}),
    ...(receipts !== null ? { receipts: receipts.entries } : {}),
    ...(receipts?.source !== undefined ? { receiptsSource: receipts.source } : {}),
    ...(preparerName !== "" ? { preparerName } : {}),
    ...(headName !== "" ? { headName } : {}),
    ...(signDate !== "" ? { signDate } : {}),
  };
}

export function pipelineInputs(files: readonly StoredFile[]): PipelineInput[] {
  // The open workbook was saved just now: its properties say nothing of when the unit sent it (TASKPANE.md item 4).
  return files.map((f) => ({
    id: f.id,
    file: f.name,
    bytes: bytesOf(f.bytes),
    ...(f.unread ? { unread: { size: f.size, sha256: f.sha256 } } : {}),
    ...(f.source === "workbook" ? { receivedByHandOnly: true as const } : {}),
  }));
}

/** Everything a check needs, from the pane's request. Roster errors leave `roster.roster` null. */
export async function prepare(request: CheckRequest): Promise<Prepared> {
  const period = periodOf(request.periodId);
  const roster = await chooseRoster(request.roster, period);
  const options = runOptionsOf(period, request.options, request.files);
  // As `--history`: given only when there are files, read by the core with the inputs' limits.
  const history = request.history.length > 0 ? pipelineInputs(request.history) : undefined;
  return { period, roster, options, inputs: pipelineInputs(request.files), history, receiptLog: request.options.receipts?.name ?? null };
}
