/**
 * `tonghop demo`: the main job on bundled sample data. It makes a realistic period (units'
 * submissions with a few late, missing and mistaken ones), aggregates it and writes the report,
 * saying where everything went.
 */
import path from "node:path";
import { generateSamplePeriod } from "../../demo/sample";
import { parsePeriod } from "../../core/periods";
import { DEFAULT_ROSTER } from "../../core/roster";
import { flag, type FlagSpec, type ParsedArgs } from "../args";
import type { Console } from "../console";
import { UserError } from "../../core/findings";
import { someOf, targetsHoldingOtherFiles, withOutputs, writeTargetsAtomically } from "../output";
import { aggregateFiles, creationTimeOf, printRates } from "./aggregate";
import { printSummary } from "./validate";

export const DEMO_FLAGS: Readonly<Record<string, FlagSpec>> = {
  "out-dir": { value: true },
  period: { value: true },
  lang: { value: true },
  created: { value: true },
};

/** The demo period: the 9-month report, whose plan completion everybody asks about. */
export const DEMO_PERIOD = "2023-9M";

export async function runDemo(args: ParsedArgs, con: Console): Promise<number> {
  const outDir = path.resolve(flag(args, "out-dir") ?? path.join("out", "demo"));
  const period = parsePeriod(flag(args, "period") ?? DEMO_PERIOD);
  const creationTime = creationTimeOf(flag(args, "created"), undefined, period);
  const submissionsDir = path.join(outDir, "bao-cao-don-vi");
  const jsonPath = path.join(outDir, `KetQua_${period.id}.json`);

  // One write for the submissions, the report and the JSON: all of them or none (CLI.md exit code 2).
  const { run, report, sample } = await withOutputs([jsonPath], async () => {
    con.out({ vi: `Đang tạo dữ liệu mẫu kỳ ${period.id}…`, en: `Making sample data for ${period.id}…` });
    const sample = await generateSamplePeriod({ period, roster: DEFAULT_ROSTER, seed: 2023 });
    const files = sample.files.map((f) => ({ file: f.file, bytes: f.bytes }));
    const { run, report, json } = await aggregateFiles(files, { roster: DEFAULT_ROSTER, rosterBytes: null, period, options: {}, creationTime }, con);
    const writes = [
      ...files.map((f) => ({ target: path.join(submissionsDir, f.file), bytes: f.bytes })),
      { target: path.join(outDir, report.fileName), bytes: report.bytes },
      { target: jsonPath, bytes: new TextEncoder().encode(JSON.stringify(json, null, 2) + "\n") },
    ];
    // Its own folder (out/demo) is the demo's to replace (an earlier version's sample, another --created).
    if (flag(args, "out-dir") !== undefined) await refuseReplacingOtherFiles(writes);
    await writeTargetsAtomically(writes);
    return { run, report, sample };
  });

  printSummary(run, con, report.findings);
  printRates(report, con);
  con.out({ vi: `Báo cáo mẫu của ${sample.files.length} tệp đơn vị: ${submissionsDir}`, en: `Sample unit files (${sample.files.length}): ${submissionsDir}` });
  con.out({ vi: `Báo cáo tổng hợp: ${path.join(outDir, report.fileName)}`, en: `Consolidated report: ${path.join(outDir, report.fileName)}` });
  con.out({ vi: `Kết quả JSON: ${jsonPath}`, en: `JSON result: ${jsonPath}` });
  // The sample's mistakes are the point of the demo: a written report is success.
  return 0;
}

/**
 * In a folder given as `--out-dir`, the sample replaces only an earlier demo's files, byte for byte (the
 * same period and `--created` make the same bytes): such a folder may hold a unit's real `BM_<ma_dv>_<P>.xlsx` or a real
 * report of that name, which it replaced without a word (an outside review); `template` already refused.
 */
async function refuseReplacingOtherFiles(writes: ReadonlyArray<{ target: string; bytes: Uint8Array }>): Promise<void> {
  const other = await targetsHoldingOtherFiles(writes);
  if (other.length === 0) return;
  throw new UserError({
    vi: `Đã có tệp khác cùng tên, không ghi đè bằng dữ liệu mẫu: ${someOf(other)}. Hãy chọn thư mục khác (--out-dir) hoặc chuyển các tệp đó đi.`,
    en: `A different file already has that name; the sample data never replaces it: ${someOf(other)}. Choose another folder (--out-dir) or move those files.`,
  });
}
