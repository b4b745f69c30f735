/** Flags shared by validate, aggregate and annotate (CLI.md "Options common to …"). */
import { readFile, realpath } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { isIsoDate } from "../core/dates";
import { UserError } from "../core/findings";
import { parseOptions, type Options } from "../core/options";
import { parseReceiptLog } from "../core/read/receipts";
import type { PipelineInput } from "../core/pipeline";
import type { RunOptions } from "../core/validate/run";
import { flag, type FlagSpec, type ParsedArgs } from "./args";
import { collectInputs, findInputsAhead } from "./inputs";
import { refuseOutputsOverInputs, type OutputPath, type ReadPath } from "./output";

export const RUN_FLAGS: Readonly<Record<string, FlagSpec>> = {
  period: { value: true },
  units: { value: true },
  json: { value: true },
  lang: { value: true },
  receipts: { value: true },
  deadline: { value: true },
  "accept-with-errors": { value: false },
  "max-file-size": { value: true },
  config: { value: true },
  history: { value: true, many: true },
  jobs: { value: true },
};

/**
 * `--jobs N`: threads reading the files, this one and N - 1 workers (default the number of cores; `chosen`
 * when given, so the default can start fewer workers for few files). Not an option of the run: the result is the same.
 */
export function jobsFrom(args: ParsedArgs): { readonly count: number; readonly chosen: boolean } {
  const value = flag(args, "jobs");
  if (value === undefined) return { count: availableParallelism(), chosen: false };
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UserError({ vi: `--jobs không hợp lệ: "${value}" (một số nguyên ≥ 1).`, en: `Invalid --jobs "${value}" (a whole number ≥ 1).` });
  }
  return { count: jobs, chosen: true };
}

async function readText(file: string, what: { vi: string; en: string }): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = err instanceof Error && "code" in err ? String((err as NodeJS.ErrnoException).code) : "?";
    throw new UserError({ vi: `Không đọc được ${what.vi} ${file} (${code}).`, en: `Cannot read ${what.en} ${file} (${code}).` });
  }
}

/**
 * The options of WORKBOOKS.md §3 that the CLI also takes as flags, and their flags: in `--config` each
 * stands for its flag when the flag is not given (flags win, CLI.md). A path is taken from the
 * configuration file's folder, as a tool's configuration names its files.
 */
const CONFIG_FLAGS = { period: "period", roster: "units", receiptLog: "receipts", history: "history" } as const;
type ConfigFlagKey = keyof typeof CONFIG_FLAGS;

/** The one regime of this version (FORMS.md): `regime` may name it, and nothing else. */
const REGIME = "TT01_2024";

/** `--config`'s JSON: the options object (without the flags' keys and `regime`) and the flags it gives. */
interface ConfigFile {
  readonly options: unknown;
  readonly flags: ReadonlyMap<string, string[]>;
}

function badConfigKey(key: string, want: { vi: string; en: string }): UserError {
  return new UserError({ vi: `Tùy chọn "${key}" trong tệp cấu hình không hợp lệ: ${want.vi}.`, en: `Option "${key}" in the configuration file is not valid: ${want.en}.` });
}

async function loadConfig(config: string): Promise<ConfigFile> {
  const bytes = await readText(config, { vi: "tệp cấu hình", en: "the configuration file" });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new UserError({ vi: `Tệp cấu hình ${config} không phải JSON hợp lệ.`, en: `The configuration file ${config} is not valid JSON.` });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { options: json, flags: new Map() };
  const rest: Record<string, unknown> = { ...(json as Record<string, unknown>) };
  const flags = new Map<string, string[]>();
  const from = path.dirname(config);
  if (Object.hasOwn(rest, "regime")) {
    if (rest.regime !== REGIME) throw badConfigKey("regime", { vi: `phiên bản này chỉ có chế độ ${REGIME}`, en: `this version has only regime ${REGIME}` });
    delete rest.regime;
  }
  for (const key of Object.keys(CONFIG_FLAGS) as ConfigFlagKey[]) {
    if (!Object.hasOwn(rest, key)) continue;
    const value = rest[key];
    delete rest[key];
    const many = key === "history";
    const list = many && Array.isArray(value) ? value : [value];
    if (list.length === 0 || !list.every((v): v is string => typeof v === "string" && v !== "")) {
      throw badConfigKey(key, many ? { vi: "cần một đường dẫn hoặc danh sách đường dẫn", en: "a path or a list of paths is required" } : key === "period" ? { vi: "cần mã kỳ, ví dụ 2023-H1", en: "a period id such as 2023-H1 is required" } : { vi: "cần một đường dẫn", en: "a path is required" });
    }
    flags.set(CONFIG_FLAGS[key], key === "period" ? list : list.map((p) => path.resolve(from, p)));
  }
  return { options: rest, flags };
}

/** The configuration file, read each time it is asked for (twice a run: a small file; a cache would outlive the run in tests). */
function configOf(file: string): Promise<ConfigFile> {
  return loadConfig(file);
}

/**
 * `args` with the flags `--config` gives (`period`, `roster`, `receiptLog`, `history` of WORKBOOKS.md §3)
 * where the command line does not give them: the flags win (CLI.md, `--config`).
 */
export async function withConfigFlags(args: ParsedArgs): Promise<ParsedArgs> {
  const config = flag(args, "config");
  if (config === undefined) return args;
  const given = (await configOf(config)).flags;
  if (given.size === 0) return args;
  const flags = new Map(args.flags);
  for (const [name, values] of given) if (!flags.has(name)) flags.set(name, values);
  return { ...args, flags };
}

/** Options from `--config` and the flags (flags win), for the period `periodId`. */
export async function runOptionsFrom(args: ParsedArgs, periodId: string): Promise<RunOptions & Options> {
  let options: Options = {};
  const config = flag(args, "config");
  if (config !== undefined) options = parseOptions((await configOf(config)).options);
  // `--created` checked here too, so a command that uses it only after the run (annotate) refuses it first.
  createdFrom(args);
  const result: Record<string, unknown> = { ...options };
  const deadline = flag(args, "deadline");
  if (deadline !== undefined) {
    if (!isIsoDate(deadline)) {
      throw new UserError({ vi: `Hạn nộp --deadline không hợp lệ: "${deadline}" (dạng yyyy-MM-dd).`, en: `Invalid --deadline "${deadline}" (use yyyy-MM-dd).` });
    }
    result.deadlines = { ...(options.deadlines ?? {}), [periodId]: deadline };
  }
  if (args.switches.has("accept-with-errors")) result.acceptWithErrors = true;
  const max = flag(args, "max-file-size");
  if (max !== undefined) {
    // A plain decimal ("10", "2.5"): Number() also took "0x10" (16), "1e1" and " 10 ".
    const mb = /^(?:\d+(?:\.\d*)?|\.\d+)$/u.test(max) ? Number(max) : NaN;
    if (!Number.isFinite(mb) || mb <= 0) {
      throw new UserError({ vi: `--max-file-size không hợp lệ: "${max}" (cần một số MB, ví dụ 10 hoặc 2.5).`, en: `Invalid --max-file-size "${max}" (a number of MB is needed, such as 10 or 2.5).` });
    }
    result.maxFileSizeMB = mb;
  }
  // The host's clock, for the reader's time budget per file (maxReadMs); the core reads none itself.
  result.now = (): number => performance.now();
  const receipts = flag(args, "receipts");
  if (receipts !== undefined) {
    const log = parseReceiptLog(await readText(receipts, { vi: "sổ nhận", en: "the receipt log" }), path.basename(receipts));
    const first = log.errors[0];
    if (first) throw new UserError(first.message);
    result.receipts = log.entries;
    result.receiptsSource = log.source;
  }
  return result as RunOptions & Options;
}

/**
 * The files under `--history` as pipeline inputs (read by the core with the same limits as any
 * input), or undefined without the flag.
 */
export async function historyInputsFrom(args: ParsedArgs, maxFileSizeMB: number | undefined): Promise<PipelineInput[] | undefined> {
  const paths = args.flags.get("history");
  if (!paths || paths.length === 0) return undefined;
  // The run's size limit (`--max-file-size`, `--config`), not the default: CLI.md, "the same size limits as any input".
  return (await collectInputs(paths, maxFileSizeMB)).map((f) => ({ ...f, id: f.file }));
}

/** `--created D` as option `creationTime` (`D`T00:00:00Z, CLI.md), checked as `--deadline` is; undefined without the flag. */
export function createdFrom(args: ParsedArgs): string | undefined {
  const created = flag(args, "created");
  return created === undefined ? undefined : createdTime(created);
}

/** `--created D`'s value as `creationTime`: a real day (Date.parse took 2023-02-30 as March 2nd). */
export function createdTime(created: string): string {
  if (!isIsoDate(created)) {
    throw new UserError({ vi: `Ngày --created không hợp lệ: "${created}" (dạng yyyy-MM-dd).`, en: `Invalid --created date "${created}" (use yyyy-MM-dd).` });
  }
  return `${created}T00:00:00Z`;
}

/**
 * Refuse, before any file is read, an output (`--out`, `--json`) that is a file the run reads: a file
 * under the PATHs or `--history`, the roster, the receipt log or the configuration (WORKBOOKS.md §1.6).
 * The folders are listed here once; the read that follows takes these listings (`findInputsAhead`).
 */
export async function refuseOverwritingInputs(args: ParsedArgs, outputs: readonly OutputPath[]): Promise<void> {
  const read: ReadPath[] = [];
  // Loops, not `push(...found)`: a folder of 200,000 files would overflow the stack as arguments.
  if (args.positional.length > 0) for (const found of (await findInputsAhead(args.positional)).found) read.push(found);
  const history = args.flags.get("history");
  if (history && history.length > 0) for (const found of (await findInputsAhead(history)).found) read.push(found);
  for (const name of ["units", "receipts", "config"]) {
    const file = flag(args, name);
    if (file !== undefined) read.push({ full: file, real: await realpath(file).catch(() => null) });
  }
  await refuseOutputsOverInputs(outputs, read);
}
