/**
 * The one entry every host calls (CLI, task pane worker, standalone page): inputs as bytes with an
 * id, the period, the roster and the options in; the validation run, the report bytes and the
 * JSON result (CLI.md) out. Hosts only collect bytes and show or write what comes back.
 */
import { canonicalJson, type Options } from "./options";
import { periodWindow, type Period } from "./periods";
import { sha256Hex } from "./read/sha256";
import type { KeptValues } from "./read/submission";
import { buildReport, type Report } from "./report/report";
import type { WriteOptions } from "./xlsx/writer";
import { ratesJson, runJson, totalsJson, type RunJson } from "./result";
import type { Roster } from "./roster";
import type { Localised } from "./text";
import { readHistory, type HistoryInput } from "./validate/history";
import { runValidation, type InputFile, type ReadInput, type RunOptions, type UnreadFile, type ValidationRun } from "./validate/run";

/** One input: `id` is the host's identity for it, `file` its display name (unique within a run). */
export interface PipelineInput {
  readonly id: string;
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Why the host could not give the bytes (a dangling link, …): listed as unreadable with this reason. */
  readonly problem?: Localised;
  /** The host did not read the bytes: larger than `maxFileSizeMB` (V-FILE-02). */
  readonly unread?: UnreadFile;
  /** Received only by the receipt log or a typed date (the pane's open workbook, PERIODS.md §7). */
  readonly receivedByHandOnly?: true;
}

export interface PipelineRequest {
  readonly inputs: readonly PipelineInput[];
  readonly period: Period;
  readonly roster: Roster;
  /** The roster file's bytes, for its SHA-256 in NguonSoLieu; null for the built-in roster. */
  readonly rosterBytes?: Uint8Array | null;
  readonly options?: RunOptions & Options;
  /** Earlier periods' submissions or reports (PERIODS.md §6); given (even empty), the result lists them. */
  readonly history?: readonly PipelineInput[];
  /** false: validate only (no totals, rates or report, as `tonghop validate`). */
  readonly aggregate: boolean;
  /** Report timestamp; default option `creationTime`, else the window end (WORKBOOKS.md §2.10). */
  readonly creationTime?: string;
  /** How the period's files are read (the CLI: a pool of worker threads); default the core reader in this thread. */
  readonly read?: ReadInput;
  /** How many files `read` may be given at once (default 1). */
  readonly readParallel?: number;
  /** false: a submission's values are dropped once checked (RunContext.keepValues); with `aggregate` only what the report reads is kept. */
  readonly keepValues?: boolean;
  /** How the report is zipped (the CLI: large sheets deflated in worker threads); the bytes are the same. */
  readonly write?: WriteOptions;
}

export type PipelinePhase = "history" | "read" | "report";

export interface PipelineProgress {
  readonly phase: PipelinePhase;
  readonly done: number;
  readonly total: number;
}

export interface PipelineResult {
  /** The run; its inputs and findings carry each input's unique `file`. */
  readonly run: ValidationRun;
  /** `file` → the host's input id, for every input of the run. */
  readonly ids: ReadonlyMap<string, string>;
  readonly report: Report | null;
  /** What became of each history file (CLI.md `history`); null when no history was given. */
  readonly history: readonly HistoryInput[] | null;
  /** The JSON result of CLI.md (with totals and rates when aggregated). */
  readonly json: RunJson;
}

/**
 * `file` names one input and only one (CLI.md): a name met again gets " (2)", " (3)", … before its
 * extension, in the order given. Hosts make names unique their own way first; this is the net.
 */
export function uniqueFileNames<T extends { readonly file: string }>(inputs: readonly T[]): Array<T & { readonly file: string }> {
  const used = new Set<string>();
  return inputs.map((input) => {
    let name = input.file;
    for (let n = 2; used.has(name); n++) name = withSuffix(input.file, n);
    used.add(name);
    return name === input.file ? input : { ...input, file: name };
  });
}

/** "BM_X.xlsx" → "BM_X (2).xlsx" (a name without extension: "BM_X (2)"). */
export function withSuffix(file: string, n: number): string {
  const slash = file.lastIndexOf("/");
  const dot = file.lastIndexOf(".");
  return dot > slash + 1 ? `${file.slice(0, dot)} (${n})${file.slice(dot)}` : `${file} (${n})`;
}

/** The options as recorded in NguonSoLieu: what was given, without the receipt rows and history values. */
export function recordedOptions(options: RunOptions & Options, creationTime: string): string {
  // The host's clock is not an option anyone gave.
  const { receipts, receiptsSource, history, now, ...rest } = options;
  void now;
  return canonicalJson({
    ...rest,
    creationTime,
    // Which log and how many of its rows were read (the pane adds its dates typed by hand), or how many dates.
    ...(receipts ? { receiptLog: receiptsSource ?? `${receipts.length} dòng` } : {}),
    ...(history ? { history: `${history.length} đơn vị-kỳ` } : {}),
  });
}

export function creationTimeFor(period: Period, options: Options, creationTime?: string): string {
  return creationTime ?? options.creationTime ?? `${periodWindow(period).to}T00:00:00Z`;
}

/** Read, validate and (with `aggregate`) consolidate and write the report. */
export async function runPipeline(
  request: PipelineRequest,
  progress: (p: PipelineProgress) => void = () => undefined,
): Promise<PipelineResult> {
  let options: RunOptions & Options = request.options ?? {};
  let history: HistoryInput[] | null = null;
  if (request.history) {
    // The same size and format limits as the period's files (CLI.md).
    const files = uniqueFileNames(request.history);
    progress({ phase: "history", done: 0, total: files.length });
    const read = await readHistory(files.map(asInputFile), options, (done, total) => progress({ phase: "history", done, total }));
    options = { ...options, history: read.entries };
    history = read.inputs;
  }
  const inputs = uniqueFileNames(request.inputs);
  const ids = new Map(inputs.map((i) => [i.file, i.id]));
  const run = await runValidation(inputs.map(asInputFile), { roster: request.roster, period: request.period, options, read: request.read, readParallel: request.readParallel, keepValues: keptFor(request) }, (done, total) =>
    progress({ phase: "read", done, total }),
  );
  const listed = history ? { history } : {};
  if (!request.aggregate) return { run, ids, report: null, history, json: runJson(run, listed) };

  progress({ phase: "report", done: 0, total: 1 });
  const creationTime = creationTimeFor(request.period, options, request.creationTime);
  const report = await buildReport({
    run,
    options: { ...options, creationTime, signDate: options.signDate ?? null },
    roster: { source: request.roster.source, sha256: request.rosterBytes ? sha256Hex(request.rosterBytes) : null },
    optionsJson: recordedOptions(options, creationTime),
    write: request.write,
  });
  progress({ phase: "report", done: 1, total: 1 });
  const json = runJson({ ...run, findings: report.findings }, { ...listed, totals: totalsJson(report.consolidation), rates: ratesJson(report.consolidation) });
  return { run, ids, report, history, json };
}

/** What of the checked submissions' values the run keeps: what the report reads, or all, or none (`validate`). */
function keptFor(request: PipelineRequest): KeptValues {
  if (request.aggregate) return "filled";
  return request.keepValues === false ? "none" : "all";
}

function asInputFile(input: PipelineInput): InputFile {
  let file: InputFile = input.problem ? { file: input.file, bytes: input.bytes, problem: input.problem } : { file: input.file, bytes: input.bytes };
  if (input.unread) file = { ...file, unread: input.unread };
  return input.receivedByHandOnly ? { ...file, receivedByHandOnly: true } : file;
}
