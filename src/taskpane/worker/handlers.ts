/**
 * The pane's services (`Pipeline` of api.ts) on top of the core: checks and the report through its one
 * entry, `runPipeline`; returned files through `annotateWorkbook`, templates through `buildTemplate`. Pure
 * functions of their requests: the worker runs them off the main thread, tests run them inline.
 * Problems a user can fix reject with the core's `UserError` (a message in both languages).
 */
import { annotateWorkbook } from "../../core/annotate";
import { rateText, type Rate } from "../../core/aggregate/aggregate";
import { UserError } from "../../core/findings";
import { creationTimeFor, runPipeline, type PipelineProgress, type PipelineResult } from "../../core/pipeline";
import { periodWindow } from "../../core/periods";
import { readSubmission } from "../../core/read/reader";
import { Sha256, sha256Hex } from "../../core/read/sha256";
import type { Roster } from "../../core/roster";
import { unitsActiveIn } from "../../core/roster";
import { buildTemplate, templateFileName } from "../../core/template/template";
import type { CheckRequest, CheckView, ConsolidateView, FilePeriod, HeadlineRate, Pipeline, RosterFile, StoredFile, WorkProgress } from "../api";
import { bytesOf, chooseRoster, periodOf, prepare, type Prepared } from "./prepare";
import { rememberingReader } from "./reads";
import { checkView, rosterErrorView } from "./views";
import { exactBuffer, zipFiles } from "./zip";

type Progress = (p: WorkProgress) => void;

function rosterStops(): UserError {
  return new UserError({
    vi: "Danh sách đơn vị có lỗi: đề nghị sửa tệp danh sách đơn vị (hoặc dùng danh sách mặc định) rồi thử lại.",
    en: "The unit roster has errors: please fix the roster file (or use the default roster) and try again.",
  });
}

function rosterOrStop(prepared: Prepared): Roster {
  if (prepared.roster.roster === null) throw rosterStops();
  return prepared.roster.roster;
}

/** The worker's reads, remembered for the files it keeps (reads.ts). */
const READ = rememberingReader();

async function run(prepared: Prepared, aggregate: boolean, progress: Progress, creationTime?: string): Promise<PipelineResult> {
  return runPipeline(
    {
      inputs: prepared.inputs,
      read: READ,
      // The worker's clock, as the CLI gives its own: the reading-time budget (maxReadMs) holds in the pane too.
      // Without it one file could read for as long as it liked.
      options: { ...prepared.options, now: () => performance.now() },
      period: prepared.period,
      roster: rosterOrStop(prepared),
      rosterBytes: prepared.roster.bytes,
      ...(prepared.history !== undefined ? { history: prepared.history } : {}),
      aggregate,
      ...(creationTime !== undefined ? { creationTime } : {}),
    },
    (p: PipelineProgress) => progress({ phase: p.phase, done: p.done, total: p.total }),
  );
}

/** Read and check every file (TASKPANE.md §6–§7); nothing is aggregated. */
export async function check(request: CheckRequest, progress: Progress = () => undefined): Promise<CheckView> {
  const prepared = await prepare(request);
  if (prepared.roster.roster === null) return rosterErrorView(prepared);
  const result = await run(prepared, false, progress);
  return checkView(prepared, result);
}

function headline(rate: Rate): HeadlineRate {
  return {
    completed: rate.numerator,
    planned: rate.denominator,
    rate: rate.rate,
    text: { vi: rateText(rate, "vi"), en: rateText(rate, "en") },
  };
}

/** Check and consolidate: the report bytes are those `tonghop aggregate` writes for the same inputs. */
export async function consolidate(
  request: CheckRequest & { readonly creationTime?: string },
  progress: Progress = () => undefined,
): Promise<ConsolidateView> {
  const prepared = await prepare(request);
  const result = await run(prepared, true, progress, request.creationTime);
  const report = result.report;
  if (!report) throw new Error("the pipeline gave no report");
  const rates = report.consolidation.rates;
  return {
    check: checkView(prepared, result, report.findings),
    fileName: report.fileName,
    report: exactBuffer(report.bytes),
    rates: { inspection: headline(rates.inspection.byScope.TOTAL), party: headline(rates.party.byScope.TOTAL) },
    json: result.json,
  };
}

/** "BM_X_2023-H1.xlsx" → "BM_X_2023-H1-tra-lai.xlsx", as the CLI's `annotate --out` suggests. */
export function returnFileName(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return `${dot > 0 ? base.slice(0, dot) : base}-tra-lai.xlsx`;
}

/** The list of files that got no return copy, beside the copies (named so it sorts after them). */
export const NOT_MADE_FILE = "KhongTaoDuoc.txt";

/**
 * The annotated copies (CLI `annotate`) of the units whose effective file has errors, as one .zip. A
 * workbook exceljs cannot write again gets no copy, and the .zip says so in NOT_MADE_FILE, file by file:
 * one such unit does not cost the others theirs.
 */
export async function returnFiles(
  request: CheckRequest,
  progress: Progress = () => undefined,
): Promise<{ readonly fileName: string; readonly zip: ArrayBuffer }> {
  const prepared = await prepare(request);
  const result = await run(prepared, false, progress);
  const creationTime = creationTimeFor(prepared.period, prepared.options);
  const withErrors = result.run.units.flatMap((u) => (u.effective && u.effective.errors > 0 ? [u.effective] : []));
  const bytesOfFile = new Map(prepared.inputs.map((i) => [i.file, i.bytes]));
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const notMade: string[] = [];
  progress({ phase: "zip", done: 0, total: withErrors.length });
  for (const [done, record] of withErrors.entries()) {
    const original = bytesOfFile.get(record.file);
    if (!original) continue;
    const findings = result.run.findings.filter((f) => f.file === record.file);
    try {
      files.push({ name: returnFileName(record.file), bytes: await annotateWorkbook(original, findings, { creationTime }) });
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      notMade.push(`${record.file}\n  ${err.localised.vi}\n  ${err.localised.en}`);
    }
    progress({ phase: "zip", done: done + 1, total: withErrors.length });
  }
  if (notMade.length > 0) {
    const heading = "Không tạo được tệp trả lại cho các tệp sau (đơn vị xem lỗi trong báo cáo) / No return file could be made for these files (see their findings in the report):";
    files.push({ name: NOT_MADE_FILE, bytes: new TextEncoder().encode(`${heading}\n\n${notMade.join("\n\n")}\n`) });
  }
  return { fileName: `TraLai_${prepared.period.id}.zip`, zip: zipFiles(files, creationTime) };
}

/** Blank templates (CLI `template --out-dir`) for every active unit of the period, as one .zip. */
export async function templates(
  request: { readonly periodId: string; readonly roster: RosterFile | null },
  progress: Progress = () => undefined,
): Promise<{ readonly fileName: string; readonly zip: ArrayBuffer }> {
  const period = periodOf(request.periodId);
  const choice = await chooseRoster(request.roster, period);
  if (choice.roster === null) throw rosterStops();
  const units = unitsActiveIn(choice.roster, periodWindow(period));
  const creationTime = `${periodWindow(period).to}T00:00:00Z`;
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  progress({ phase: "zip", done: 0, total: units.length });
  for (const unit of units) {
    files.push({ name: templateFileName(unit.code, period.id), bytes: await buildTemplate({ unit, period, creationTime }) });
    progress({ phase: "zip", done: files.length, total: units.length });
  }
  return { fileName: `MauBieu_${period.id}.zip`, zip: zipFiles(files, creationTime) };
}

/** The period each file names in ThongTin (null when it names none or cannot be read). */
export async function periodsOf(files: readonly StoredFile[]): Promise<readonly FilePeriod[]> {
  const out: FilePeriod[] = [];
  for (const f of files) {
    const outcome = await readSubmission(bytesOf(f.bytes), f.name);
    out.push({ id: f.id, period: outcome.kind === "submission" ? (outcome.submission.period?.id ?? null) : null });
  }
  return out;
}

export async function sha256(data: ArrayBuffer | Blob): Promise<string> {
  if (data instanceof ArrayBuffer) return sha256Hex(bytesOf(data));
  // A file too large to take in: read in chunks, each dropped once hashed.
  const hash = new Sha256();
  const reader = data.stream().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) hash.update(chunk.value);
  return hash.hex();
}

/** The handlers as one `Pipeline`, run in the calling thread. */
export const handlers: Pipeline = { periodsOf, check, consolidate, returnFiles, templates, sha256 };
