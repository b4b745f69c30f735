/** `tonghop validate`: read and check every file, print the summary and the findings (a dry run). */
import { SEVERITY_VI, type Finding } from "../../core/findings";
import { formatDateVi } from "../../core/dates";
import { runPipeline } from "../../core/pipeline";
import { runExitCode } from "../../core/result";
import type { ValidationRun } from "../../core/validate/run";
import { flag, type ParsedArgs } from "../args";
import { periodWindow } from "../../core/periods";
import { defaultRosterWarning, periodFrom, rosterFrom } from "../common";
import type { Console } from "../console";
import { collectInputs } from "../inputs";
import { writeFileAtomically } from "../output";
import { RUN_FLAGS, runOptionsFrom } from "../runflags";

export const VALIDATE_FLAGS = RUN_FLAGS;

const SEVERITY_EN = { error: "Error", warning: "Warning", info: "Info" } as const;

function findingLine(f: Finding, lang: "vi" | "en"): string {
  const severity = lang === "vi" ? SEVERITY_VI[f.severity] : SEVERITY_EN[f.severity];
  const where = [f.unit, f.file].filter(Boolean).join(" · ");
  return `  [${severity}] ${where ? `${where} · ` : ""}${f.message[lang]} (${f.rule})`;
}

/** The summary lines of a run, in the words of the task pane and the report. */
export function printSummary(run: ValidationRun, con: Console): void {
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
  const count = (sev: Finding["severity"]): number => run.findings.filter((f) => f.severity === sev).length;
  con.out({
    vi: `Tệp đã đọc: ${run.inputs.length}. Kết quả kiểm tra: ${count("error")} lỗi, ${count("warning")} cảnh báo, ${count("info")} thông tin.`,
    en: `Files read: ${run.inputs.length}. Check results: ${count("error")} errors, ${count("warning")} warnings, ${count("info")} infos.`,
  });
}

/**
 * Errors and warnings in full, in KiemTra order; infos (blank forms, text numbers read, …) only as a
 * count, so that what needs fixing is not buried. Every finding is in the JSON and the report.
 */
export function printFindings(run: ValidationRun, con: Console, findings: readonly Finding[] = run.findings): void {
  const infos = findings.filter((f) => f.severity === "info").length;
  for (const f of findings) if (f.severity !== "info") con.out(findingLine(f, con.lang));
  if (infos > 0) {
    con.out({
      vi: `  (${infos} thông tin khác: xem tệp --json hoặc trang KiemTra của báo cáo)`,
      en: `  (${infos} more infos: see the --json file or the report's KiemTra sheet)`,
    });
  }
}

export async function runValidate(args: ParsedArgs, con: Console): Promise<number> {
  const period = periodFrom(args);
  const roster = await rosterFrom(args);
  const rosterNote = defaultRosterWarning(roster, periodWindow(period).to);
  if (rosterNote) con.err(rosterNote);
  const options = await runOptionsFrom(args, period.id);
  const jsonPath = flag(args, "json");
  const files = await collectInputs(args.positional);
  const { run, json } = await runPipeline(
    { inputs: files.map((f) => ({ ...f, id: f.file })), period, roster, options, aggregate: false },
    (p) => {
      if (p.phase === "read") con.progress({ vi: "Đang đọc tệp", en: "Reading files" }, p.done, p.total);
    },
  );
  printSummary(run, con);
  printFindings(run, con);
  if (jsonPath !== undefined) {
    const text = JSON.stringify(json, null, 2) + "\n";
    await writeFileAtomically(jsonPath, new TextEncoder().encode(text));
    con.out({ vi: `Đã ghi kết quả JSON: ${jsonPath}`, en: `JSON result written: ${jsonPath}` });
  }
  return runExitCode(run);
}
