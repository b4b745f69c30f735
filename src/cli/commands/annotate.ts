/** `tonghop annotate`: a copy of one unit's file with every finding on its cell (CLI.md). */
import { readFile, realpath, stat } from "node:fs/promises";
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
import { RUN_FLAGS, historyInputsFrom, runOptionsFrom } from "../runflags";
import { creationTimeOf } from "./aggregate";
import { printFindings, printHistory, printSummary, showProgress } from "./validate";

/** CLI.md's annotate line and common options: no `--json` (no run result is written) nor `--jobs` (one file). */
const NOT_FOR_ANNOTATE: ReadonlySet<string> = new Set(["json", "jobs"]);

export const ANNOTATE_FLAGS: Readonly<Record<string, FlagSpec>> = {
  ...Object.fromEntries(Object.entries(RUN_FLAGS).filter(([name]) => !NOT_FOR_ANNOTATE.has(name))),
  out: { value: true },
  created: { value: true },
};

const NEVER_OVERWRITTEN = {
  vi: "Tệp trả lại phải khác tệp gốc: tệp của đơn vị không bao giờ bị ghi đè.",
  en: "The returned file must differ from the original: a unit's file is never overwritten.",
};

/** `target` with every folder link resolved, through its nearest existing folder (the rest may not exist yet). */
async function realTarget(target: string): Promise<string> {
  const rest: string[] = [path.basename(target)];
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    const real = await realpath(dir).catch(() => null);
    if (real !== null) return path.join(real, ...rest);
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(target);
    rest.unshift(path.basename(dir));
    dir = parent;
  }
}

/**
 * Whether writing `out` would replace the unit's file `input` (WORKBOOKS.md §1.6): the same path once
 * folder links are resolved (`anlink/X.xlsx` for `an/X.xlsx`), or another name of the same file (a hard
 * link, or a link to it), which `path.resolve` alone does not see.
 */
async function isTheUnitsFile(input: string, out: string): Promise<boolean> {
  const inputReal = await realpath(input).catch(() => path.resolve(input));
  if (inputReal === (await realTarget(out))) return true;
  const [a, b] = await Promise.all([stat(input).catch(() => null), stat(out).catch(() => null)]);
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

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
  const period = periodFrom(args);
  const roster = await rosterFrom(args);
  const rosterNote = defaultRosterWarning(roster, periodWindow(period).to);
  if (rosterNote) con.err(rosterNote);
  const options = await runOptionsFrom(args, period.id);
  if (path.resolve(out) === path.resolve(input) || (await isTheUnitsFile(input, out))) throw new UserError(NEVER_OVERWRITTEN);
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
  printSummary(run, con);
  printHistory(history, con);
  printFindings(run, con);
  const record = run.inputs[0];
  if (!record || record.status === "unreadable" || record.status === "not-a-submission") {
    throw new UserError({
      vi: `Không tạo được tệp trả lại: ${run.findings[0]?.message.vi ?? "tệp không đọc được"}`,
      en: `Cannot make the returned file: ${run.findings[0]?.message.en ?? "the file cannot be read"}`,
    });
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
