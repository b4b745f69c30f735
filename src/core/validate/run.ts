/**
 * A validation run over every input file of a period (WORKBOOKS.md §1.7, §2.7–§2.9; CLI.md):
 * identical files, superseded files, the effective submission of each unit, acceptance,
 * timeliness and completeness against the roster. Inputs are processed in `file` order, so the
 * result does not depend on the order they were given in.
 */
import { FORMS, requiredFormsFor } from "../catalogue";
import { listedFindings, makeFinding, type Finding } from "../findings";
import { compareCodePoints } from "../text";
import { periodWindow, unitDeadline, daysLate as daysLateOf, type Period, type Window } from "../periods";
import { matchReceipt, resolveReceived, type ReceiptEntry } from "../read/receipts";
import { readSubmission, tooLargeInput, unreadableInput, type ReadOptions } from "../read/reader";
import type { Localised } from "../text";
import { sha256Hex } from "../read/sha256";
import { keptValues, type KeptValues, type ReadOutcome, type Submission } from "../read/submission";
import { findUnit, unitsActiveIn, unitsExpectedIn, type Roster, type Unit } from "../roster";
import { checkHistory, type HistoryEntry, type OutlierOptions } from "./history";
import { cellPosition } from "../xlsx/layout";
import { applyRuleSeverity, validateSubmission, type ValidationOptions } from "./validate";
import type { InputStatus } from "../read/report";

export interface InputFile {
  /** Path relative to the folder it was found under, with "/" (CLI.md `inputs[].file`). */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Why the host could not give the bytes (a dangling link, …): listed as unreadable with this reason. */
  readonly problem?: Localised;
  /** The host did not read the bytes: the file is larger than `maxFileSizeMB` (V-FILE-02); its size and hash. */
  readonly unread?: UnreadFile;
  /**
   * Received only as the receipt log (or a date typed in the pane) says, never by the file's properties or
   * its Ngày lập: the workbook open in Excel, saved just now (PERIODS.md §7, TASKPANE.md item 4).
   */
  readonly receivedByHandOnly?: true;
}

export interface UnreadFile {
  readonly size: number;
  readonly sha256: string;
}

export interface RunOptions extends ValidationOptions, ReadOptions {
  readonly deadlineOffsetDays?: number;
  readonly deadlines?: Readonly<Record<string, string>>;
  readonly receipts?: readonly ReceiptEntry[];
  /** Where the entries came from, as `ReceiptLog.source` words it (recorded in NguonSoLieu's options). */
  readonly receiptsSource?: string;
  readonly acceptWithErrors?: boolean;
  /** Earlier periods' values (PERIODS.md §6), from `readHistory` (validate/history.ts). */
  readonly history?: readonly HistoryEntry[];
  readonly outlier?: OutlierOptions;
}

export type { InputStatus };

export type ReceivedSource = "receipt" | "properties" | "ngay-lap" | "unknown";

export interface InputRecord {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly unit: string | null;
  status: InputStatus;
  readonly period: string | null;
  readonly version: string | null;
  readonly ngayLap: string | null;
  readonly received: { readonly date: string | null; readonly timestampUtc: string | null; readonly source: ReceivedSource };
  /** Rule ids that explain the status (NguonSoLieu "Lý do"). */
  reasons: string[];
  readonly submission: Submission | null;
  /** The unit's effective submission for the period. */
  effective: boolean;
  errors: number;
  warnings: number;
}

/** Completeness statuses (WORKBOOKS.md §2.7); null for a contributing unit that is not expected. */
export type UnitStatus = "on-time" | "late" | "rejected" | "missing";

export const UNIT_STATUS_VI: Readonly<Record<UnitStatus, string>> = {
  "on-time": "Đúng hạn",
  late: "Nộp muộn",
  rejected: "Bị trả lại",
  missing: "Chưa nộp",
};

export interface UnitRecord {
  readonly unit: Unit;
  readonly expected: boolean;
  readonly status: UnitStatus | null;
  readonly effective: InputRecord | null;
  /** Every file listed under the unit (effective, superseded, identical, unreadable, other period). */
  readonly files: readonly InputRecord[];
  readonly daysLate: number;
}

export interface RunSummary {
  readonly expected: number;
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly late: number;
  readonly missing: readonly string[];
}

export interface ValidationRun {
  readonly period: Period;
  readonly window: Window;
  readonly deadline: string;
  readonly roster: Roster;
  readonly inputs: readonly InputRecord[];
  /** Expected units in roster order, then contributing units that are not expected. */
  readonly units: readonly UnitRecord[];
  readonly findings: readonly Finding[];
  readonly summary: RunSummary;
}

// In text.ts (below history.ts, which orders its files by it too); named here for its many importers.
export { compareCodePoints };

const SCOPE_ORDER = ["TOTAL", "TRONG_NUOC", "NGOAI_NUOC"];

/** Rules that make a file "not a submission of this period" (NguonSoLieu: Bị trả lại). */
const NOT_THIS_PERIOD = ["V-UNIT-01", "V-UNIT-02", "V-UNIT-03", "V-PERIOD-02"];

const FORM_RANK = new Map(FORMS.map((f, i) => [f.code, i] as const));

/** A finding's form in catalogue order (FORMS.md §2); none first, an unknown code last. */
function formRank(code: string | null): number {
  return code === null ? -1 : FORM_RANK.get(code) ?? FORMS.length;
}

/**
 * KiemTra order (WORKBOOKS.md §2.8): findings without a unit (by file, rule), then by unit in
 * roster order (unknown codes after, by code), file, sheet (workbook order), cell, rule; the
 * totals' findings last.
 */
export function sortFindings(
  findings: readonly Finding[],
  unitOrder: ReadonlyMap<string, number>,
  sheetOrder: (file: string | null, sheet: string) => number,
): Finding[] {
  // Each finding's group and cell position once, not at every comparison.
  const keyed = findings.map((f, i) => {
    const [row, col] = cellPosition(f.cell);
    return { f, i, group: findingGroup(f, unitOrder), row, col };
  });
  keyed.sort((x, y) => {
    const a = x.f;
    const b = y.f;
    const ga = x.group;
    const gb = y.group;
    if (ga !== gb) return ga - gb;
    if (ga === 1) {
      const d = (unitOrder.get(a.unit ?? "") ?? 0) - (unitOrder.get(b.unit ?? "") ?? 0);
      if (d !== 0) return d;
    } else if (ga === 2) {
      const d = compareCodePoints(a.unit ?? "", b.unit ?? "");
      if (d !== 0) return d;
    } else if (ga === 3) {
      const d = SCOPE_ORDER.indexOf(a.unit ?? "") - SCOPE_ORDER.indexOf(b.unit ?? "");
      if (d !== 0) return d;
    }
    const df = compareCodePoints(a.file ?? "", b.file ?? "");
    if (df !== 0) return df;
    if (ga !== 0) {
      if ((a.sheet === null) !== (b.sheet === null)) return a.sheet === null ? -1 : 1;
      if (a.sheet !== null && b.sheet !== null && a.sheet !== b.sheet) {
        const ds = sheetOrder(a.file, a.sheet) - sheetOrder(b.file, b.sheet);
        if (ds !== 0) return ds;
        return compareCodePoints(a.sheet, b.sheet);
      }
      if ((a.cell === null) !== (b.cell === null)) return a.cell === null ? -1 : 1;
      if (x.row !== y.row) return x.row - y.row;
      if (x.col !== y.col) return x.col - y.col;
    }
    const dr = compareCodePoints(a.rule, b.rule);
    if (dr !== 0) return dr;
    // Past §2.8's keys, forms in catalogue order (a file's V-LAYOUT-01s, which have no sheet, read as the sheets do).
    const dform = formRank(a.form) - formRank(b.form);
    if (dform !== 0) return dform;
    const dm = compareCodePoints(a.message.vi, b.message.vi);
    return dm !== 0 ? dm : x.i - y.i;
  });
  return keyed.map((k) => k.f);
}

/** 0: no unit; 1: a unit of the order; 2: an unknown unit; 3: the totals (a scope, no file). */
function findingGroup(f: Finding, unitOrder: ReadonlyMap<string, number>): number {
  if (f.unit && SCOPE_ORDER.includes(f.unit) && f.file === null) return 3;
  if (!f.unit) return 0;
  return unitOrder.has(f.unit) ? 1 : 2;
}

function compareReceived(a: InputRecord, b: InputRecord): number {
  // Unknown received dates sort first; then date, UTC timestamp (none first), Ngày lập, file.
  const da = a.received.date;
  const db = b.received.date;
  if (da !== db) {
    if (da === null) return -1;
    if (db === null) return 1;
    return da < db ? -1 : 1;
  }
  const ta = a.received.timestampUtc;
  const tb = b.received.timestampUtc;
  if (ta !== tb) {
    if (ta === null) return -1;
    if (tb === null) return 1;
    return ta < tb ? -1 : 1;
  }
  const la = a.ngayLap;
  const lb = b.ngayLap;
  if (la !== lb) {
    if (la === null) return -1;
    if (lb === null) return 1;
    return la < lb ? -1 : 1;
  }
  return compareCodePoints(a.file, b.file);
}

/**
 * An outcome whose submission the reader has checked already (`validateSubmission`: a worker thread of
 * the CLI), with the values the run keeps (`keepValues`) and no more: it is kept as it comes.
 */
export interface CheckedOutcome {
  readonly kind: "checked";
  readonly outcome: ReadOutcome;
  readonly own: readonly Finding[];
}

/**
 * How a host reads one input file into an outcome: the core's reader in this thread by default, or
 * (the CLI) a pool of worker threads that read the file from disk themselves. The outcome must
 * carry the file's SHA-256 and size, as the core reader's does.
 */
export type ReadInput = (input: InputFile, options: ReadOptions) => Promise<ReadOutcome | CheckedOutcome>;

export interface RunContext {
  readonly roster: Roster;
  readonly period: Period;
  readonly options: RunOptions;
  /** Default: the core reader, in this thread. */
  readonly read?: ReadInput;
  /** How many reads may be under way at once (default 1: in one thread, one file's state at a time). */
  readonly readParallel?: number;
  /**
   * What of each submission's values is kept once it is checked (`keptValues`): "none" for a run whose
   * caller reads none of them (the CLI's `validate`: its result holds statuses and findings only),
   * "filled" for one that writes a report (its filled cells and texts), "all" by default (the pane).
   * With a history every value is kept all the same (the history checks read the effective submissions').
   */
  readonly keepValues?: KeptValues;
}

/** The core reader in this thread: the hash is computed once, here, and given to the reader. */
export const readInThread = (input: InputFile, options: ReadOptions): Promise<ReadOutcome> => readSubmission(input.bytes, input.file, { ...options, sha256: sha256Hex(input.bytes) });

/** An input whose bytes were never read: its digest is of nothing, so it is no copy of another input (V-DUP-02). */
function notRead({ input, outcome }: { readonly input: InputFile; readonly outcome: ReadOutcome | null }): boolean {
  return input.problem !== undefined || (outcome !== null && outcome.kind !== "submission" && outcome.notRead === true);
}

function outcomeSha(outcome: ReadOutcome): string {
  return outcome.kind === "submission" ? outcome.submission.sha256 : outcome.sha256;
}

function outcomeSize(outcome: ReadOutcome): number {
  return outcome.kind === "submission" ? outcome.submission.size : outcome.size;
}

interface ReadResult {
  readonly input: InputFile;
  readonly sha256: string;
  readonly size: number;
  /** null: identical bytes to an earlier file, which alone counts (V-DUP-02). */
  readonly outcome: ReadOutcome | null;
  /** A submission's own findings (validateSubmission); none for a file that is not one. */
  readonly own: readonly Finding[];
}

/**
 * Read every input, up to `parallel` at once (a pool reads them in parallel), then put them in a
 * fixed order (file, then SHA-256) whatever order they finished in; of identical files only the
 * first counts. Each submission is checked as soon as it is read (`check` depends on nothing
 * else), so with a pool the checks run while other files are still being read.
 */
async function readAll(
  files: readonly InputFile[],
  options: RunOptions,
  { read, parallel, check, keepValues }: { read: ReadInput; parallel: number; check: (submission: Submission) => readonly Finding[]; keepValues: KeptValues },
  progress: (done: number, total: number) => void,
): Promise<ReadResult[]> {
  let done = 0;
  progress(0, files.length);
  const readOne = async (input: InputFile): Promise<ReadResult & { outcome: ReadOutcome }> => {
    let outcome: ReadOutcome;
    let sha256: string;
    let checked: readonly Finding[] | null = null;
    if (input.problem) {
      outcome = unreadableInput(input.file, input.problem);
      sha256 = outcomeSha(outcome);
    } else if (input.unread) {
      sha256 = input.unread.sha256;
      outcome = tooLargeInput(input.file, input.unread.size, options, sha256);
    } else {
      const got = await read(input, options);
      if (got.kind === "checked") checked = got.own;
      outcome = got.kind === "checked" ? got.outcome : got;
      sha256 = outcomeSha(outcome);
    }
    const own = checked ?? (outcome.kind === "submission" ? check(outcome.submission) : []);
    // Checked: only the values something later reads are kept from here on (one checked elsewhere came so).
    if (keepValues !== "all" && checked === null && outcome.kind === "submission") outcome = { kind: "submission", submission: keptValues(outcome.submission, keepValues) };
    progress(++done, files.length);
    return { input, sha256, size: input.unread?.size ?? outcomeSize(outcome), outcome, own };
  };
  const results: Array<ReadResult & { outcome: ReadOutcome }> = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      const input = files[i];
      if (input) results[i] = await readOne(input);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, files.length)) }, lane));
  results.sort((x, y) => compareCodePoints(x.input.file, y.input.file) || (x.sha256 < y.sha256 ? -1 : x.sha256 > y.sha256 ? 1 : 0));
  const firstOfSha = new Set<string>();
  return results.map((result) => {
    if (notRead(result)) return result;
    const first = !firstOfSha.has(result.sha256);
    firstOfSha.add(result.sha256);
    return first ? result : { ...result, outcome: null };
  });
}

/**
 * The run's findings in the order they were found, and the same findings per file, so that a
 * file's own findings are found without scanning every other file's (a run has thousands).
 */
class RunFindings {
  readonly all: Finding[] = [];
  private readonly byFile = new Map<string, Finding[]>();

  /** A list, not spread arguments: a file with 250,000 findings overflowed the stack and ended the run. */
  push(found: readonly Finding[]): void {
    for (const f of found) {
      this.all.push(f);
      if (f.file === null) continue;
      const own = this.byFile.get(f.file);
      if (own) own.push(f);
      else this.byFile.set(f.file, [f]);
    }
  }

  /** The findings of `file`, in the order they were found. */
  of(file: string): readonly Finding[] {
    return this.byFile.get(file) ?? [];
  }
}

/** Validate every input of a period. `progress` is told after each file is read. */
export async function runValidation(
  files: readonly InputFile[],
  ctx: RunContext,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<ValidationRun> {
  const { roster, period, options } = ctx;
  const window = periodWindow(period);
  const deadline = unitDeadline(period, options);
  // Read every file, then handle the outcomes in a fixed order, so the result does not depend on the order given.
  const check = (submission: Submission): readonly Finding[] => validateSubmission(submission, { roster, period, options });
  const keepValues: KeptValues = options.history !== undefined ? "all" : ctx.keepValues ?? "all";
  const readResults = await readAll(files, options, { read: ctx.read ?? readInThread, parallel: ctx.readParallel ?? 1, check, keepValues }, progress);
  const { records, findings, submissions } = recordInputs(readResults, files, ctx);
  const candidates = candidatesByUnit(submissions, findings, roster, period, window);
  for (const [, list] of candidates) chooseEffective(list, findings, deadline, ctx);
  // Lateness findings are warnings: recount per file after adding them.
  for (const record of records) {
    const own = findings.of(record.file);
    record.errors = own.filter((f) => f.severity === "error").length;
    record.warnings = own.filter((f) => f.severity === "warning").length;
  }
  const units = unitRecords(records, roster, window, deadline, options);
  const inputs = [...records].sort((a, b) => compareCodePoints(a.file, b.file) || (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
  return { period, window, deadline, roster, inputs, units, findings: orderFindings(findings.all, records, units, roster), summary: summaryOf(units) };
}

/** One record per input: identical bytes are one file (V-DUP-02), unreadable ones keep their findings, submissions their checks' findings. */
function recordInputs(readResults: readonly ReadResult[], files: readonly InputFile[], ctx: RunContext): { records: InputRecord[]; findings: RunFindings; submissions: InputRecord[] } {
  const { options } = ctx;
  const allNames = files.map((f) => f.file);
  const records: InputRecord[] = [];
  const findings = new RunFindings();
  const submissions: InputRecord[] = [];
  const bySha = new Map<string, InputRecord>();
  for (const { input, sha256, size, outcome, own: checks } of readResults) {
    const unread = notRead({ input, outcome });
    const first = unread ? undefined : bySha.get(sha256);
    const sub = outcome?.kind === "submission" ? outcome.submission : null;
    const modified = sub ? sub.modified : outcome && outcome.kind !== "submission" ? outcome.modified : null;
    const receipt = options.receipts ? matchReceipt(options.receipts, input.file, allNames) : null;
    const byHand = input.receivedByHandOnly === true;
    const received = resolveReceived({ receipt, modified: byHand ? null : modified, ngayLap: byHand ? null : (sub?.ngayLap ?? null) });
    const base = {
      file: input.file,
      sha256,
      size,
      period: sub?.period?.id ?? null,
      version: sub?.version ?? null,
      ngayLap: sub?.ngayLap ?? null,
      received,
      effective: false,
      errors: 0,
      warnings: 0,
    };
    if (first || !outcome) {
      if (!first) throw new Error(`no first file for ${sha256}`);
      // Identical bytes: one file. Only V-DUP-02, no other finding (§1.7, §2.8).
      records.push({ ...base, unit: first.unit, status: "duplicate", reasons: ["V-DUP-02"], submission: null });
      findings.push(applyRuleSeverity([makeFinding({ file: input.file, unit: first.unit }, { rule: "V-DUP-02", expected: first.file })], options.ruleSeverity));
      continue;
    }
    if (outcome.kind !== "submission") {
      const own = applyRuleSeverity(outcome.findings, options.ruleSeverity);
      const record: InputRecord = { ...base, unit: outcome.unit, status: outcome.kind, reasons: [...new Set(own.map((f) => f.rule))], submission: null };
      findings.push(listedFindings(own, { file: input.file, unit: outcome.unit }));
      records.push(record);
      if (!unread) bySha.set(sha256, record);
      continue;
    }
    const submission = outcome.submission;
    const record: InputRecord = {
      ...base,
      unit: submission.unit,
      status: "rejected",
      reasons: [],
      submission,
      errors: checks.filter((f) => f.severity === "error").length,
      warnings: checks.filter((f) => f.severity === "warning").length,
    };
    findings.push(listedFindings(checks, { file: input.file, unit: submission.unit }));
    records.push(record);
    bySha.set(sha256, record);
    submissions.push(record);
  }
  return { records, findings, submissions };
}

/** Candidates per unit: known, active, and of this period (or of an unreadable period, §1.7). */
function candidatesByUnit(submissions: readonly InputRecord[], findings: RunFindings, roster: Roster, period: Period, window: Window): Map<string, InputRecord[]> {
  const candidates = new Map<string, InputRecord[]>();
  for (const record of submissions) {
    const sub = record.submission;
    if (!sub || !record.unit) {
      record.reasons = ["V-UNIT-01"];
      continue;
    }
    const unit = findUnit(roster, record.unit, window);
    const otherPeriod = sub.period !== null && sub.period.id !== period.id;
    if (!unit || otherPeriod) {
      // Listed, but not a submission of this period: unknown or inactive unit, or another period.
      const why = findings.of(record.file).filter((f) => NOT_THIS_PERIOD.includes(f.rule)).map((f) => f.rule);
      record.reasons = [...new Set(why)].sort(compareCodePoints);
      continue;
    }
    const list = candidates.get(unit.code) ?? [];
    list.push(record);
    candidates.set(unit.code, list);
  }
  return candidates;
}

/** One unit's files: lateness, the last received is effective (the others V-DUP-01), history, acceptance. */
function chooseEffective(list: InputRecord[], findings: RunFindings, deadline: string, ctx: RunContext): void {
  const { period, options } = ctx;
  list.sort(compareReceived);
  const effective = list[list.length - 1];
  if (!effective) return;
  // The run's own findings take option ruleSeverity as every other does (FORMS.md §6.1): lateness made an error rejects.
  const add = (f: Finding): void => findings.push(applyRuleSeverity([f], options.ruleSeverity));
  for (const record of list) {
    const ctxF = { file: record.file, unit: record.unit };
    if (record.received.source === "unknown") add(makeFinding(ctxF, { rule: "V-PERIOD-06" }));
    else if (record.received.date && record.received.date > deadline) {
      add(makeFinding(ctxF, { rule: "V-PERIOD-05", value: record.received.date, expected: deadline }));
    }
    if (record !== effective) {
      record.status = "duplicate";
      record.reasons = ["V-DUP-01"];
      add(makeFinding(ctxF, { rule: "V-DUP-01", expected: effective.file }));
    }
  }
  effective.effective = true;
  if (options.history && effective.submission) {
    findings.push(applyRuleSeverity(checkHistory(effective.submission, period, options.history, options.outlier), options.ruleSeverity));
  }
  const errorRules = findings.of(effective.file).filter((f) => f.severity === "error").map((f) => f.rule);
  if (errorRules.length === 0 || options.acceptWithErrors) {
    effective.status = "accepted";
    effective.reasons = [];
  } else {
    effective.status = "rejected";
    effective.reasons = [...new Set(errorRules)].sort(compareCodePoints);
  }
}

/** Completeness against the roster (UNITS.md §4): expected units in roster order, then contributing units not expected. */
function unitRecords(records: readonly InputRecord[], roster: Roster, window: Window, deadline: string, options: RunOptions): UnitRecord[] {
  const expectedUnits = unitsExpectedIn(roster, window).filter((u) => requiredFormsFor(u.code, u.type, options).length > 0);
  const expectedCodes = new Set(expectedUnits.map((u) => u.code));
  const byUnit = new Map<string, InputRecord[]>();
  for (const r of records) {
    if (r.unit === null) continue;
    const list = byUnit.get(r.unit);
    if (list) list.push(r);
    else byUnit.set(r.unit, [r]);
  }
  const unitRecord = (unit: Unit, expected: boolean): UnitRecord => {
    const files = byUnit.get(unit.code) ?? [];
    const effective = files.find((r) => r.effective) ?? null;
    let status: UnitStatus = "missing";
    let late = 0;
    if (effective) {
      late = effective.received.date ? daysLateOf(effective.received.date, deadline) : 0;
      status = effective.status === "accepted" ? (late > 0 ? "late" : "on-time") : "rejected";
    }
    return { unit, expected, status: expected ? status : null, effective, files, daysLate: late };
  };
  const units = expectedUnits.map((unit) => unitRecord(unit, true));
  for (const unit of unitsActiveIn(roster, window)) {
    if (expectedCodes.has(unit.code)) continue;
    const record = unitRecord(unit, false);
    if (record.effective) units.push(record);
  }
  return units;
}

/** The counts of CLI.md `units`: the four statuses partition the expected units. */
function summaryOf(units: readonly UnitRecord[]): RunSummary {
  const expected = units.filter((u) => u.expected);
  const accepted = expected.filter((u) => u.status === "on-time" || u.status === "late").length;
  const rejected = expected.filter((u) => u.status === "rejected").length;
  return {
    expected: expected.length,
    received: accepted + rejected,
    accepted,
    rejected,
    late: expected.filter((u) => u.status === "late").length,
    missing: expected.filter((u) => u.status === "missing").map((u) => u.unit.code),
  };
}

/** KiemTra order: units in roster order, sheets in each file's workbook order. */
function orderFindings(findings: readonly Finding[], records: readonly InputRecord[], units: readonly UnitRecord[], roster: Roster): Finding[] {
  const unitOrder = new Map<string, number>();
  roster.rows.forEach((row, i) => {
    if (!unitOrder.has(row.code)) unitOrder.set(row.code, i);
  });
  for (const u of units) unitOrder.set(u.unit.code, u.unit.order);
  const sheetIndex = new Map<string, readonly string[]>();
  for (const r of records) if (r.submission) sheetIndex.set(r.file, r.submission.sheetOrder);
  const sheetOrder = (file: string | null, sheet: string): number => {
    const order = file ? sheetIndex.get(file) : undefined;
    const i = order ? order.indexOf(sheet) : -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return sortFindings(findings, unitOrder, sheetOrder);
}
