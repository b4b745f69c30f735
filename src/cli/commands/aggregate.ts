/** `tonghop aggregate`: validate, aggregate the accepted submissions, write the report (CLI.md). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import { rateWithCounts, type Rate } from "../../core/aggregate/aggregate";
import type { Options } from "../../core/options";
import { periodWindow, type Period } from "../../core/periods";
import { runPipeline, type PipelineInput } from "../../core/pipeline";
import type { Report } from "../../core/report/report";
import { runExitCode, type RunJson } from "../../core/result";
import type { Roster } from "../../core/roster";
import type { HistoryInput } from "../../core/validate/history";
import type { InputFile, ReadInput, RunOptions, ValidationRun } from "../../core/validate/run";
import type { SegmentDeflater } from "../../core/xlsx/deflate";
import { flag, requireFlag, type FlagSpec, type ParsedArgs } from "../args";
import { defaultRosterWarning, periodFrom, rosterFrom } from "../common";
import type { Console } from "../console";
import { withOutputs, writeTargetsAtomically } from "../output";
import { periodInputs, withInputs } from "../pool/read-pool";
import { workerCheckFor } from "../pool/task";
import { RUN_FLAGS, createdTime, historyInputsFrom, jobsFrom, refuseOverwritingInputs, runOptionsFrom } from "../runflags";
import { printHistory, printSummary, printUnmatchedReceipts, showProgress } from "./validate";

export const AGGREGATE_FLAGS: Readonly<Record<string, FlagSpec>> = { ...RUN_FLAGS, out: { value: true }, created: { value: true } };

/**
 * `--created D` (checked as `--deadline` is: a real calendar day; Date.parse took 2023-02-30 as
 * March 2nd), else the configuration's `creationTime`, else the window's end.
 */
export function creationTimeOf(created: string | undefined, fallback: string | undefined, period: Period): string {
  if (created !== undefined) return createdTime(created);
  return fallback ?? `${periodWindow(period).to}T00:00:00Z`;
}

export interface AggregateResult {
  readonly run: ValidationRun;
  readonly report: Report;
  readonly json: RunJson;
  readonly history: readonly HistoryInput[] | null;
}

/** Validate and build the report through the core's one entry; shared by `aggregate` and `demo`. */
export async function aggregateFiles(
  files: readonly InputFile[],
  ctx: {
    roster: Roster;
    rosterBytes: Uint8Array | null;
    period: Period;
    options: RunOptions & Options;
    creationTime: string;
    history?: readonly PipelineInput[];
    read?: ReadInput;
    readParallel?: number;
    /** The read pool's deflater for the report's segments (none: deflated in this thread). */
    deflate?: SegmentDeflater;
  },
  con: Console,
): Promise<AggregateResult> {
  const result = await runPipeline(
    { inputs: files.map((f) => ({ ...f, id: f.file })), period: ctx.period, roster: ctx.roster, rosterBytes: ctx.rosterBytes, options: ctx.options, history: ctx.history, aggregate: true, creationTime: ctx.creationTime, read: ctx.read, readParallel: ctx.readParallel, write: { crc32, deflate: ctx.deflate } },
    (p) => showProgress(p, con),
  );
  if (!result.report) throw new Error("the pipeline gave no report");
  return { run: result.run, report: result.report, json: result.json, history: result.history };
}

export function printRates(report: Report, con: Console): void {
  const r = report.consolidation.rates;
  // As the pane shows them (TASKPANE.md §8): "…: 75,0% (45/60 cuộc)".
  const value = (rate: Rate, lang: "vi" | "en"): string => rateWithCounts(rate.numerator, rate.denominator, lang);
  con.out({
    vi: `Hoàn thành kế hoạch thanh tra, kiểm tra: ${value(r.inspection.byScope.TOTAL, "vi")}`,
    en: `Inspection plan completed: ${value(r.inspection.byScope.TOTAL, "en")}`,
  });
  con.out({
    vi: `Hoàn thành chương trình kiểm tra, giám sát: ${value(r.party.byScope.TOTAL, "vi")}`,
    en: `Inspection and supervision programme completed: ${value(r.party.byScope.TOTAL, "en")}`,
  });
}

export async function runAggregate(args: ParsedArgs, con: Console): Promise<number> {
  const out = requireFlag(args, "out");
  const period = periodFrom(args);
  const jsonPath = flag(args, "json");
  const outputs = [{ flag: "--out", path: out }, ...(jsonPath !== undefined ? [{ flag: "--json", path: jsonPath }] : [])];
  await refuseOverwritingInputs(args, outputs);
  const roster = await rosterFrom(args);
  const rosterNote = defaultRosterWarning(roster, periodWindow(period).to);
  if (rosterNote) con.err(rosterNote);
  const unitsFile = flag(args, "units");
  const rosterBytes = unitsFile ? new Uint8Array(await readFile(unitsFile)) : null;
  const options = await runOptionsFrom(args, period.id);
  const creationTime = creationTimeOf(flag(args, "created"), options.creationTime, period);
  const jobs = jobsFrom(args);
  // The outputs' folders made now (as template, validate and demo do) and kept for the write; removed if the run fails.
  return withOutputs(outputs.map((o) => o.path), async () => {
    const history = await historyInputsFrom(args, options.maxFileSizeMB);
    // Checked where read; of the values only what the report reads crosses back.
    const inputs = await periodInputs(args.positional, jobs, workerCheckFor(roster, period, options, history !== undefined, "filled"));
    const { run } = await withInputs(
      inputs,
      () => aggregateFiles(inputs.files, { roster, rosterBytes, period, options, creationTime, history, read: inputs.read, readParallel: inputs.parallel, deflate: inputs.deflate }, con),
      async ({ run, report, json, history: historyRead }) => {
        printSummary(run, con, report.findings);
        printHistory(historyRead, con, run.period, run.roster);
        printUnmatchedReceipts(args, options.receipts, run, con);
        printRates(report, con);
        const writes: Array<{ target: string; bytes: Uint8Array }> = [{ target: out, bytes: report.bytes }];
        if (jsonPath !== undefined) {
          writes.push({ target: jsonPath, bytes: new TextEncoder().encode(JSON.stringify(json, null, 2) + "\n") });
        }
        await writeTargetsAtomically(writes);
        con.out({ vi: `Đã ghi báo cáo tổng hợp: ${path.resolve(out)}`, en: `Report written: ${path.resolve(out)}` });
        if (jsonPath !== undefined) con.out({ vi: `Đã ghi kết quả JSON: ${path.resolve(jsonPath)}`, en: `JSON result written: ${path.resolve(jsonPath)}` });
      },
    );
    return runExitCode(run);
  });
}
