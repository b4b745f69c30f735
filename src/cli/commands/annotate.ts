/** `tonghop annotate`: a copy of one unit's file with every finding on its cell (CLI.md). */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { annotateWorkbook } from "../../core/annotate";
import { UserError } from "../../core/findings";
import { periodWindow } from "../../core/periods";
import { runExitCode } from "../../core/result";
import { runPipeline } from "../../core/pipeline";
import { requireFlag, type FlagSpec, type ParsedArgs } from "../args";
import { defaultRosterWarning, periodFrom, rosterFrom } from "../common";
import type { Console } from "../console";
import { assertWritableDir, writeFileAtomically } from "../output";
import { RUN_FLAGS, historyInputsFrom, refuseOverwritingInputs, runOptionsFrom } from "../runflags";
import { creationTimeOf } from "./aggregate";
import { printFileStatus, printFindings, printHistory, showProgress } from "./validate";

/** CLI.md's annotate line and common options: no `--json` (no run result is written) nor `--jobs` (one file). */
const NOT_FOR_ANNOTATE: ReadonlySet<string> = new Set(["json", "jobs"]);

export const ANNOTATE_FLAGS: Readonly<Record<string, FlagSpec>> = {
  ...Object.fromEntries(Object.entries(RUN_FLAGS).filter(([name]) => !NOT_FOR_ANNOTATE.has(name))),
  out: { value: true },
  created: { value: true },
};

/** exceljs warns on the console about what it cuts (sheet names over 31 characters): not for the user. */
async function withoutExceljsWarnings<T>(work: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

export async function runAnnotate(args: ParsedArgs, con: Console): Promise<number> {
  const [input, ...extra] = args.positional;
  if (input === undefined || extra.length > 0) {
    throw new UserError({ vi: "Cần đúng một tệp báo cáo: tonghop annotate TỆP.xlsx --period KỲ --out TỆP-tra-lai.xlsx.", en: "Give exactly one file: tonghop annotate FILE.xlsx --period P --out FILE-returned.xlsx." });
  }
  const out = requireFlag(args, "out");
  // The unit's file, or any file the run reads, by real path and inode: never written over (WORKBOOKS.md §1.6).
  await refuseOverwritingInputs(args, [{ flag: "--out", path: out }]);
  const period = periodFrom(args);
  const roster = await rosterFrom(args);
  const rosterNote = defaultRosterWarning(roster, periodWindow(period).to);
  if (rosterNote) con.err(rosterNote);
  const options = await runOptionsFrom(args, period.id);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(input));
  } catch {
    throw new UserError({ vi: `Không đọc được tệp ${input}.`, en: `Cannot read ${input}.` });
  }
  await assertWritableDir(path.dirname(path.resolve(out)));
  const file = path.basename(input).normalize("NFC");
  const { run, history } = await runPipeline(
    { inputs: [{ id: file, file, bytes }], period, roster, options, history: await historyInputsFrom(args, options.maxFileSizeMB), aggregate: false },
    (p) => showProgress(p, con),
  );
  printFileStatus(run, con);
  printHistory(history, con, run.period, run.roster);
  // An annotate run takes no --json and writes no report: its infos are on the copy.
  printFindings(run, con, { vi: "được đánh dấu trong bản sao, tổng số ở trang LoiPhatHien", en: "marked in the copy, counted on its LoiPhatHien sheet" });
  const record = run.inputs[0];
  if (!record || record.status === "unreadable" || record.status === "not-a-submission") {
    // No copy of a file that is no submission, and nothing written; the run itself was done: exit 1, as
    // CLI.md gives for an input that is unreadable or not a submission (2 is for a run that could not start).
    // The reason is the finding just printed: said once, not again here.
    con.err({
      vi: `Không tạo được tệp trả lại: tệp ${file} không đọc được hoặc không phải báo cáo theo mẫu (lý do ở trên).`,
      en: `Cannot make the returned file: ${file} cannot be read or is not a submission (the reason is above).`,
    });
    return runExitCode(run);
  }
  const creationTime = creationTimeOf(args.flags.get("created")?.[0], options.creationTime, period);
  let annotated: Uint8Array;
  try {
    annotated = await withoutExceljsWarnings(() => annotateWorkbook(bytes, run.findings.filter((f) => f.file === file), { creationTime }));
  } catch (err) {
    // The findings are printed already; the line says which file got no copy, and nothing is written.
    if (err instanceof UserError) throw new UserError({ vi: `${input}: ${err.localised.vi}`, en: `${input}: ${err.localised.en}` });
    throw err;
  }
  await writeFileAtomically(out, annotated);
  con.out({ vi: `Đã ghi tệp trả lại cho đơn vị: ${out}`, en: `Returned file written: ${out}` });
  return runExitCode(run);
}
