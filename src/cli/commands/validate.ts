/** `tonghop validate`: read and check every file, print the summary and the findings (a dry run). */
import path from "node:path";
import { SEVERITY_VI, type Finding } from "../../core/findings";
import { receiptNotes, type ReceiptEntry } from "../../core/read/receipts";
import { formatDateVi } from "../../core/dates";
import { runPipeline, type PipelineProgress } from "../../core/pipeline";
import { runExitCode } from "../../core/result";
import { historyNotUsed, type HistoryInput, type HistoryStatus } from "../../core/validate/history";
import type { InputStatus, ValidationRun } from "../../core/validate/run";
import { flag, type ParsedArgs } from "../args";
import { periodWindow, type Period } from "../../core/periods";
import { defaultRosterWarning, periodFrom, rosterFrom } from "../common";
import type { Roster } from "../../core/roster";
import type { Localised } from "../../core/text";
import type { Console } from "../console";
import { withOutputs, writeFileAtomically } from "../output";
import { periodInputs, withInputs } from "../pool/read-pool";
import { workerCheckFor } from "../pool/task";
import { RUN_FLAGS, historyInputsFrom, jobsFrom, refuseOverwritingInputs, runOptionsFrom } from "../runflags";

export const VALIDATE_FLAGS = RUN_FLAGS;

const SEVERITY_EN = { error: "Error", warning: "Warning", info: "Info" } as const;

function findingLine(f: Finding, lang: "vi" | "en"): string {
  const severity = lang === "vi" ? SEVERITY_VI[f.severity] : SEVERITY_EN[f.severity];
  const where = [f.unit, f.file].filter(Boolean).join(" · ");
  return `  [${severity}] ${where ? `${where} · ` : ""}${f.message[lang]} (${f.rule})`;
}

/**
 * The summary lines of a run, in the words of the task pane and the report. `findings`: the report's
 * when there is one (the totals' findings too, as the cover and KiemTra count them, WORKBOOKS.md §2.3).
 */
export function printSummary(run: ValidationRun, con: Console, findings: readonly Finding[] = run.findings): void {
  const s = run.summary;
  con.out({
    vi: `Kỳ ${run.period.id}: số liệu từ ${formatDateVi(run.window.from)} đến ${formatDateVi(run.window.to)}; hạn nộp ${formatDateVi(run.deadline)}.`,
    en: `Period ${run.period.id}: data from ${formatDateVi(run.window.from)} to ${formatDateVi(run.window.to)}; deadline ${formatDateVi(run.deadline)}.`,
  });
  con.out({
    vi: `Phải nộp ${s.expected} · Đã nộp ${s.received} · Được chấp nhận ${s.accepted} · Nộp muộn ${s.late} · Chưa nộp ${s.missing.length} · Bị trả lại ${s.rejected}`,
    en: `Expected ${s.expected} · Submitted ${s.received} · Accepted ${s.accepted} · Late ${s.late} · Missing ${s.missing.length} · Rejected ${s.rejected}`,
  });
  if (s.missing.length > 0) con.out({ vi: `Chưa nộp: ${s.missing.join(", ")}`, en: `Missing: ${s.missing.join(", ")}` });
  const count = (sev: Finding["severity"]): number => findings.filter((f) => f.severity === sev).length;
  con.out({
    vi: `Tệp đã đọc: ${run.inputs.length}. Kết quả kiểm tra: ${count("error")} lỗi, ${count("warning")} cảnh báo, ${count("info")} thông tin.`,
    en: `Files read: ${run.inputs.length}. Check results: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${plural(count("info"), "info")}.`,
  });
}

/** What became of each input: the words of WORKBOOKS.md §2.9's `Trạng thái` ("accepted" said as the pane says it). */
const INPUT_STATUS: Readonly<Record<InputStatus, { vi: string; en: string }>> = {
  accepted: { vi: "Được chấp nhận", en: "accepted" },
  rejected: { vi: "Bị trả lại", en: "rejected" },
  duplicate: { vi: "Trùng lặp", en: "duplicate" },
  unreadable: { vi: "Không đọc được", en: "unreadable" },
  "not-a-submission": { vi: "Không phải báo cáo", en: "not a submission" },
};

/**
 * `annotate`: the one file's own status, not the period's completeness. Counted against the roster, one
 * file made every other unit "Chưa nộp", which a clerk returning a file would take for the ministry's state.
 */
export function printFileStatus(run: ValidationRun, con: Console): void {
  const record = run.inputs[0];
  if (!record) return;
  con.out({ vi: `Kỳ ${run.period.id}; hạn nộp ${formatDateVi(run.deadline)}.`, en: `Period ${run.period.id}; deadline ${formatDateVi(run.deadline)}.` });
  const unit = run.units.find((u) => u.effective === record);
  const late = unit && unit.daysLate > 0 ? { vi: `, nộp muộn ${unit.daysLate} ngày`, en: `, ${plural(unit.daysLate, "day")} late` } : { vi: "", en: "" };
  const status = INPUT_STATUS[record.status];
  const count = (sev: Finding["severity"]): number => run.findings.filter((f) => f.severity === sev).length;
  con.out({
    vi: `Tệp ${record.file} (đơn vị ${record.unit ?? "không rõ"}): ${status.vi}${late.vi}. Kết quả kiểm tra: ${count("error")} lỗi, ${count("warning")} cảnh báo, ${count("info")} thông tin.`,
    en: `File ${record.file} (unit ${record.unit ?? "unknown"}): ${status.en}${late.en}. Check results: ${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}, ${plural(count("info"), "info")}.`,
  });
}

/** What the receipt log says of the files read (receipts.ts `receiptNotes`), on stderr. */
export function printUnmatchedReceipts(args: ParsedArgs, receipts: readonly ReceiptEntry[] | undefined, run: ValidationRun, con: Console): void {
  const log = flag(args, "receipts");
  if (!receipts || log === undefined) return;
  for (const note of receiptNotes(receipts, run.inputs.map((i) => i.file), path.basename(log))) con.err(note);
}

/** "1 error", "2 errors". */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

const HISTORY_STATUS: Readonly<Record<Exclude<HistoryStatus, "used">, { vi: string; en: string }>> = {
  unreadable: { vi: "không đọc được", en: "unreadable" },
  "not-a-submission": { vi: "không phải báo cáo", en: "not a submission" },
  duplicate: { vi: "trùng tệp khác", en: "duplicate" },
};

/** How many history files were used, and each one that was not, so no check is believed run on it (CLI.md). */
export function printHistory(history: readonly HistoryInput[] | null, con: Console, period: Period, roster: Roster): void {
  if (history === null) return;
  // A readable file of a period the rules never compare with (PERIODS.md §6), or of a unit the roster does
  // not have, is read by no rule: not used,
  // as the pane says it (CLI.md: "so nobody believes a continuity check ran on a file it never read").
  const uncompared = new Map(historyNotUsed(history.filter((h) => h.status === "used"), period, roster).map((h) => [h.file, h.reason] as const));
  const used = history.filter((h) => h.status === "used" && !uncompared.has(h.file)).length;
  con.out({ vi: `Tệp lịch sử: dùng ${used}/${history.length} tệp.`, en: `History files: ${used} of ${history.length} used.` });
  for (const h of history) {
    const reason = uncompared.get(h.file);
    if (reason) con.out({ vi: `  Không dùng: ${h.file} (không so sánh): ${reason.vi}`, en: `  Not used: ${h.file} (not compared): ${reason.en}` });
    if (h.status === "used") continue;
    const why = HISTORY_STATUS[h.status];
    const detail = (lang: "vi" | "en"): string => (h.reason ? `: ${h.reason[lang]}` : "");
    con.out({ vi: `  Không dùng: ${h.file} (${why.vi})${detail("vi")}`, en: `  Not used: ${h.file} (${why.en})${detail("en")}` });
  }
}

/**
 * Errors and warnings in full, in KiemTra order; infos (blank forms, text numbers read, …) only as a
 * count, so that what needs fixing is not buried. Every finding is in the JSON and the report.
 */
export function printFindings(run: ValidationRun, con: Console, infosIn: Localised = INFOS_IN_JSON): void {
  const infos = run.findings.filter((f) => f.severity === "info").length;
  for (const f of run.findings) if (f.severity !== "info") con.out(findingLine(f, con.lang));
  if (infos > 0) con.out({ vi: `  (${infos} thông tin khác: ${infosIn.vi})`, en: `  (${infos} more infos: ${infosIn.en})` });
}

/** Where `validate`'s infos are listed: it writes no report, so not "the report's KiemTra sheet". */
const INFOS_IN_JSON: Localised = { vi: "có đủ trong tệp --json", en: "all of them are in the --json file" };
/** Without `--json` they are nowhere else: said how to have them (a review found the line naming a file never asked for). */
const INFOS_WITH_JSON: Localised = { vi: "chạy lại với --json TỆP để có danh sách đầy đủ", en: "run again with --json FILE to have them all listed" };

/** The progress bar of each phase of the pipeline. */
export function showProgress(p: PipelineProgress, con: Console): void {
  if (p.phase === "history") con.progress({ vi: "Đang đọc tệp lịch sử", en: "Reading history files" }, p.done, p.total);
  if (p.phase === "read") con.progress({ vi: "Đang đọc tệp", en: "Reading files" }, p.done, p.total);
}

export async function runValidate(args: ParsedArgs, con: Console): Promise<number> {
  const period = periodFrom(args);
  const jsonPath = flag(args, "json");
  await refuseOverwritingInputs(args, jsonPath !== undefined ? [{ flag: "--json", path: jsonPath }] : []);
  const roster = await rosterFrom(args);
  const rosterNote = defaultRosterWarning(roster, periodWindow(period).to);
  if (rosterNote) con.err(rosterNote);
  const options = await runOptionsFrom(args, period.id);
  const jobs = jobsFrom(args);
  // The JSON's folder made and checked before the files are read, as aggregate's; removed if the run fails.
  return withOutputs(jsonPath !== undefined ? [jsonPath] : [], async () => {
    const history = await historyInputsFrom(args, options.maxFileSizeMB);
    // Checked where read; values dropped once checked.
    const inputs = await periodInputs(args.positional, jobs, workerCheckFor(roster, period, options, history !== undefined, "none"));
    const { run } = await withInputs(
      inputs,
      () =>
        runPipeline(
          { inputs: inputs.files.map((f) => ({ ...f, id: f.file })), period, roster, options, history, aggregate: false, read: inputs.read, readParallel: inputs.parallel, keepValues: false },
          (p) => showProgress(p, con),
        ),
      async ({ run, json, history: historyRead }) => {
        printSummary(run, con);
        printHistory(historyRead, con, run.period, run.roster);
        printUnmatchedReceipts(args, options.receipts, run, con);
        printFindings(run, con, jsonPath !== undefined ? INFOS_IN_JSON : INFOS_WITH_JSON);
        if (jsonPath !== undefined) {
          const text = JSON.stringify(json, null, 2) + "\n";
          await writeFileAtomically(jsonPath, new TextEncoder().encode(text));
          con.out({ vi: `Đã ghi kết quả JSON: ${jsonPath}`, en: `JSON result written: ${jsonPath}` });
        }
      },
    );
    return runExitCode(run);
  });
}
