/** What the CLI's read pool sends to a worker thread and gets back (structured-cloneable data only). */
import type { MessagePort } from "node:worker_threads";
import { formByCode } from "../../core/catalogue";
import type { Finding } from "../../core/findings";
import type { Period } from "../../core/periods";
import type { ReadLimitOptions } from "../../core/read/limits";
import type { FormRead, KeptValues, ReadOutcome, Submission } from "../../core/read/submission";
import type { Roster } from "../../core/roster";
import type { CheckedOutcome } from "../../core/validate/run";
import type { ValidationOptions } from "../../core/validate/validate";

/**
 * What a worker needs to check the submissions it reads (`workerCheckFor`): given once, when the worker
 * starts. The checks of one submission depend on nothing else (run.ts), so they may run where it is read.
 */
export interface WorkerCheck {
  readonly roster: Roster;
  readonly period: Period;
  /** The options the checks read (the run's also hold functions, receipts and history). */
  readonly options: ValidationOptions;
  /** What of the submission's values crosses back (RunContext.keepValues). */
  readonly keepValues: KeptValues;
}

/**
 * The check a command's workers make: `keep` of the values (none for `validate`, the filled ones for a
 * report), or every value when there is a history, whose checks read blank cells too once every file is
 * read (as run.ts keeps them: a worker that dropped them could not give them back).
 */
export function workerCheckFor(roster: Roster, period: Period, options: ValidationOptions, withHistory: boolean, keep: Exclude<KeptValues, "all">): WorkerCheck {
  return { roster, period, options: checkOptionsOf(options), keepValues: withHistory ? "all" : keep };
}

/** Every option the checks read: a key of ValidationOptions missing here does not compile. */
const CHECK_OPTION_KEYS: Readonly<Record<keyof ValidationOptions, true>> = { requiredForms: true, requiredFormsByUnit: true, ruleSeverity: true };

/** Only the options the checks read, so they clone (the run's also hold functions, receipts and history). */
export function checkOptionsOf(options: ValidationOptions): ValidationOptions {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(CHECK_OPTION_KEYS) as Array<keyof ValidationOptions>) if (options[key] !== undefined) picked[key] = options[key];
  return picked as ValidationOptions;
}

export interface ReadTask {
  /** The file on disk: the worker reads it itself, so its bytes never reach the main thread. */
  readonly full: string;
  /** The input's `file` (CLI.md), for the findings. */
  readonly file: string;
  /** The limits, without the clock: a function does not cross threads. */
  readonly limits: Omit<ReadLimitOptions, "now">;
  /** Whether to give the reader the worker's clock (the main thread had one: the time budget applies). */
  readonly timed: boolean;
}

/**
 * The report's segments deflated by a worker (read-worker.ts `deflateSegments`): each comes through
 * `port` and its deflated bytes go back the same way; `done[0]` counts the segments the worker has
 * finished, which the writing thread reads without waiting for their answers (read-pool.ts).
 */
export interface DeflateTask {
  readonly port: MessagePort;
  readonly done: Int32Array<SharedArrayBuffer>;
}

/** A segment to deflate (deflate.ts `deflateSegment`), to the worker. */
export interface SegmentTask {
  readonly id: number;
  readonly chunks: Uint8Array[];
  readonly last: boolean;
}

/** A segment deflated, back; or `error`: its deflater failed. */
export interface DeflatedSegment {
  readonly id: number;
  readonly out: Array<Uint8Array<ArrayBuffer>>;
  readonly error?: string;
}

const LIMIT_KEYS = ["maxFileSizeMB", "maxExpandedMB", "maxPartMB", "maxCells", "maxFileCells", "maxMerges", "maxSharedStrings", "maxTextLength", "maxReadMs"] as const;

/** Only the limit options, so the task clones (the run's options also hold functions and receipts). */
export function limitsOf(options: ReadLimitOptions): Omit<ReadLimitOptions, "now"> {
  const limits: Record<string, number> = {};
  for (const key of LIMIT_KEYS) {
    const value = options[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

/**
 * An outcome as it crosses back from the worker: each form read names its catalogue form by code.
 * The catalogue entry itself is ~9 KB cloned, eight per submission: 94% of what would cross, and
 * the main thread's time to take it in. Both threads hold the same catalogue.
 */
export type WireOutcome = Exclude<ReadOutcome, { kind: "submission" }> | { readonly kind: "submission"; readonly submission: WireSubmission };

export type WireSubmission = Omit<Submission, "forms"> & { readonly forms: readonly WireFormRead[] };

export type WireFormRead = Omit<FormRead, "form"> & { readonly formCode: string };

/** A worker's answer: the outcome, and its submission's own findings when the worker checked it. */
export interface WireResult {
  readonly outcome: WireOutcome;
  readonly own: readonly Finding[] | null;
}

/** The main thread's side of an answer: checked in the worker, or to be checked here. */
export function fromWireResult(result: WireResult): ReadOutcome | CheckedOutcome {
  const outcome = fromWire(result.outcome);
  return result.own === null ? outcome : { kind: "checked", outcome, own: result.own };
}

/** The worker's side: each form as its code. */
export function toWire(outcome: ReadOutcome): WireOutcome {
  if (outcome.kind !== "submission") return outcome;
  const forms = outcome.submission.forms.map(({ form, ...read }) => ({ ...read, formCode: form.code }));
  return { kind: "submission", submission: { ...outcome.submission, forms } };
}

/** The main thread's side: each form is the catalogue's own object again, whatever thread read the file. */
export function fromWire(outcome: WireOutcome): ReadOutcome {
  if (outcome.kind !== "submission") return outcome;
  const forms = outcome.submission.forms.map(({ formCode, ...read }) => {
    const form = formByCode(formCode);
    if (!form) throw new Error(`read worker: form ${formCode} is not in the catalogue`);
    return { form, ...read };
  });
  return { kind: "submission", submission: { ...outcome.submission, forms } };
}
