/**
 * `npm run bench` (issue 9 item 5): figures, not pass/fail. For each N, a corpus of N distinct
 * generated submissions; in each round, for each N in turn, every measure once (interleaved, so a
 * busy machine slows all alike); medians over the rounds. Writes bench/RESULTS.md (or --out).
 *
 * Usage: node dist/bench/main.cjs [--sizes 100,1000] [--rounds 5,3] [--out FILE] [--corpus DIR]
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { runPipeline } from "../src/core/pipeline";
import { readSubmission } from "../src/core/read/reader";
import { buildReport } from "../src/core/report/report";
import { runValidation, type ValidationRun } from "../src/core/validate/run";
import { generateSamplePeriod } from "../src/demo/sample";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { corpus, PERIOD_ID, type Corpus } from "./corpus";
import { floorDir } from "./floor-lib";
import { hostileRuns, hostileSection, type HostileRun } from "./hostile";

interface Args {
  readonly sizes: number[];
  readonly rounds: number[];
  readonly out: string;
  readonly corpusRoot: string;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const list = (s: string): number[] => s.split(",").map(Number);
  const sizes = list(get("sizes") ?? "100,1000");
  const rounds = list(get("rounds") ?? "5,3");
  return {
    sizes,
    rounds: sizes.map((_, i) => rounds[i] ?? rounds[rounds.length - 1] ?? 3),
    out: get("out") ?? "bench/RESULTS.md",
    corpusRoot: get("corpus") ?? path.join(os.tmpdir(), "tonghop-bench"),
  };
}

interface Sample {
  readonly ms: number;
  /** Peak resident set size in MB (whole processes only). */
  readonly rssMB: number | null;
  /** CPU seconds, user and system, of every thread (whole processes only): more than the wall time when threads work side by side. */
  readonly cpu: { readonly user: number; readonly sys: number } | null;
  /** Minor page faults (whole processes only): about one per 4 KB page the process touched first; the system time follows them. */
  readonly faults: number | null;
}

type Measure = (c: Corpus, scratch: string) => Promise<Sample>;

const REPO = path.resolve(__dirname, "..", "..");
const BIN = path.join(REPO, "bin", "tonghop.cjs");
const FLOOR = path.join(REPO, "dist", "bench", "floor.cjs");

function bytesOf(c: Corpus): Array<{ file: string; bytes: Uint8Array }> {
  return c.files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(path.join(c.filesDir, file))) }));
}

async function timed(work: () => Promise<unknown>): Promise<Sample> {
  const start = performance.now();
  await work();
  return { ms: performance.now() - start, rssMB: null, cpu: null, faults: null };
}

/** A whole process under GNU time: wall time from here, peak RSS from `time -v`. */
function processSample(args: readonly string[]): Sample {
  const start = performance.now();
  const run = spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const field = (re: RegExp): number | null => {
    const found = re.exec(run.stderr)?.[1];
    return found === undefined ? null : Number(found);
  };
  const kb = field(/Maximum resident set size \(kbytes\): (\d+)/u);
  const user = field(/User time \(seconds\): ([\d.]+)/u);
  const sys = field(/System time \(seconds\): ([\d.]+)/u);
  return {
    ms,
    rssMB: kb === null ? null : kb / 1024,
    cpu: user === null || sys === null ? null : { user, sys },
    faults: field(/Minor \(reclaiming a frame\) page faults: (\d+)/u),
  };
}

/** Each corpus validated once, outside any timing, for the report-alone measure. */
const validated = new Map<Corpus, Promise<ValidationRun>>();
function validatedRun(c: Corpus): Promise<ValidationRun> {
  let run = validated.get(c);
  if (!run) {
    run = runValidation(bytesOf(c), { roster: c.roster, period: c.period, options: {} });
    validated.set(c, run);
  }
  return run;
}

const cliArgs = (c: Corpus, command: string): string[] => [BIN, command, c.filesDir, "--period", PERIOD_ID, "--units", c.rosterFile];

/** In order of the table; every one reads the files from disk inside its timing. */
const MEASURES: ReadonlyArray<readonly [string, Measure]> = [
  ["floor: fflate unzip + decode every part", (c) => timed(() => Promise.resolve(floorDir(c.filesDir)))],
  [
    "exceljs load",
    (c) =>
      timed(async () => {
        for (const f of bytesOf(c)) await new ExcelJS.Workbook().xlsx.load(f.bytes.buffer.slice(f.bytes.byteOffset, f.bytes.byteOffset + f.bytes.byteLength) as ArrayBuffer);
      }),
  ],
  [
    "reader alone (readSubmission)",
    (c) =>
      timed(async () => {
        for (const f of bytesOf(c)) await readSubmission(f.bytes, f.file);
      }),
  ],
  ["validate (runValidation, in process)", (c) => timed(() => runValidation(bytesOf(c), { roster: c.roster, period: c.period, options: {} }))],
  [
    "aggregate with the report (runPipeline, in process)",
    (c) =>
      timed(() =>
        runPipeline({ inputs: bytesOf(c).map((f) => ({ ...f, id: f.file })), period: c.period, roster: c.roster, rosterBytes: readFileSync(c.rosterFile), aggregate: true }),
      ),
  ],
  ["report alone (buildReport on the validated run, in process)", async (c) => { const run = await validatedRun(c); return timed(() => buildReport({ run })); }],
  ["process: floor", (c) => Promise.resolve(processSample([FLOOR, c.filesDir]))],
  ["process: tonghop validate --jobs 1", (c) => Promise.resolve(processSample([...cliArgs(c, "validate"), "--jobs", "1"]))],
  ["process: tonghop validate", (c) => Promise.resolve(processSample(cliArgs(c, "validate")))],
  ["process: tonghop aggregate", (c, scratch) => Promise.resolve(processSample([...cliArgs(c, "aggregate"), "--out", path.join(scratch, "BaoCao.xlsx")]))],
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function table(c: Corpus, samples: ReadonlyMap<string, Sample[]>, rounds: number): string[] {
  const med = (name: string): number => median((samples.get(name) ?? []).map((s) => s.ms));
  const floorIn = med(MEASURES[0]?.[0] ?? "");
  const exceljs = med(MEASURES[1]?.[0] ?? "");
  const floorProcess = med("process: floor");
  const lines = [
    `### N = ${c.files.length} files (roster of ${c.roster.rows.length} units, ${(c.bytes / 1024 / 1024).toFixed(1)} MB; median of ${rounds} rounds)`,
    "",
    "| Measure | Median (ms) | Per file (ms) | × floor | × exceljs | Peak RSS (MB) | CPU s, user + sys | Minor faults |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [name] of MEASURES) {
    const ms = med(name);
    const isProcess = name.startsWith("process:");
    const floor = isProcess ? floorProcess : floorIn;
    const taken = samples.get(name) ?? [];
    const rss = taken.map((s) => s.rssMB).filter((r): r is number => r !== null);
    const cpus = taken.map((s) => s.cpu).filter((u): u is { user: number; sys: number } => u !== null);
    const faults = taken.map((s) => s.faults).filter((f): f is number => f !== null);
    const cpu = cpus.length ? `${median(cpus.map((u) => u.user)).toFixed(2)} + ${median(cpus.map((u) => u.sys)).toFixed(2)}` : "";
    lines.push(
      `| ${name} | ${ms.toFixed(0)} | ${(ms / c.files.length).toFixed(2)} | ${(ms / floor).toFixed(1)} | ${(ms / exceljs).toFixed(2)} | ${rss.length ? Math.max(...rss).toFixed(0) : ""} | ${cpu} | ${faults.length ? median(faults).toFixed(0) : ""} |`,
    );
  }
  const v = med("process: tonghop validate") / floorProcess;
  const a = med("process: tonghop aggregate") / floorProcess;
  const peak = Math.max(...["process: tonghop validate", "process: tonghop aggregate"].flatMap((n) => (samples.get(n) ?? []).map((s) => s.rssMB ?? 0)));
  const verdict = (ok: boolean): string => (ok ? "met" : "NOT met");
  lines.push(
    "",
    `Targets (whole processes, ratios to the floor process of the same rounds): validate ${v.toFixed(1)}x (≤ 2x: ${verdict(v <= 2)}), ` +
      `aggregate ${a.toFixed(1)}x (≤ 3x: ${verdict(a <= 3)}), peak memory ${peak.toFixed(0)} MB (< 600 MB: ${verdict(peak < 600)}).`,
    "",
  );
  return lines;
}

/** The demo's report (the sample period 2023-H1, 47 units): buildReport timed `times` times on one validated run. */
async function demoReportTimes(times: number): Promise<number[]> {
  const period = parsePeriod("2023-H1");
  const sample = await generateSamplePeriod({ period, roster: DEFAULT_ROSTER });
  const run = await runValidation(sample.files.map((f) => ({ file: f.file, bytes: f.bytes })), { roster: DEFAULT_ROSTER, period, options: {} });
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push((await timed(() => buildReport({ run }))).ms);
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  demoTimes.push(...(await demoReportTimes(7)));
  const started = new Date();
  const load = os.loadavg();
  const corpora: Corpus[] = [];
  for (const n of args.sizes) {
    const t = performance.now();
    corpora.push(await corpus(args.corpusRoot, n));
    console.log(`corpus N=${n}: ready in ${Math.round(performance.now() - t)} ms`);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), "tonghop-bench-out-"));
  const samples = corpora.map(() => new Map<string, Sample[]>());
  const maxRounds = Math.max(...args.rounds);
  for (let round = 0; round < maxRounds; round++) {
    for (const [i, c] of corpora.entries()) {
      if (round >= (args.rounds[i] ?? 0)) continue;
      for (const [name, measure] of MEASURES) {
        const sample = await measure(c, scratch);
        const list = samples[i]?.get(name) ?? [];
        list.push(sample);
        samples[i]?.set(name, list);
        console.log(`round ${round + 1} N=${c.files.length} ${name}: ${sample.ms.toFixed(0)} ms${sample.rssMB ? `, ${sample.rssMB.toFixed(0)} MB` : ""}`);
      }
      writeResults(args, corpora.filter((_, j) => (samples[j]?.size ?? 0) > 0), samples.filter((m) => m.size > 0), started, load);
    }
  }
  demoTimes.push(...(await demoReportTimes(7)));
  // The hostile files beside the smallest corpus, once (issue 9's second target).
  const smallest = smallestOf(corpora);
  if (smallest) hostile.push(...hostileRuns(BIN, REPO, smallest, scratch));
  writeResults(args, corpora, samples, started, load);
  rmSync(scratch, { recursive: true, force: true });
}

/** The corpus of fewest files (`--sizes` may come in any order). */
function smallestOf(corpora: readonly Corpus[]): Corpus | undefined {
  return corpora.reduce<Corpus | undefined>((least, c) => (least === undefined || c.files.length < least.files.length ? c : least), undefined);
}

/** Demo report build times, before and after the rounds. */
const demoTimes: number[] = [];
/** The hostile runs, after the rounds. */
const hostile: HostileRun[] = [];

/** RESULTS.md from the rounds done so far (written after every round, so a long run leaves figures behind). */
function writeResults(args: Args, corpora: readonly Corpus[], samples: ReadonlyArray<ReadonlyMap<string, Sample[]>>, started: Date, load: number[]): void {
  const cpu = os.cpus()[0]?.model ?? "?";
  const lines = [
    "# Bench results",
    "",
    "Written by `npm run bench` (scripts/run-bench.mjs, bench/*.ts); figures of one run on one machine, not pass/fail.",
    "",
    `- Date: ${started.toISOString()}`,
    `- Machine: ${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`,
    `- Load average at the start: ${load.map((l) => l.toFixed(1)).join(" / ")}; at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")} (a shared machine slows every measure alike: compare ratios, not times).`,
    `- Corpus: the demo generator's files for a roster of N units (UNITS.md §4 CSV, the built-in roster repeated with numbered codes), period ${PERIOD_ID}; every file distinct.`,
    "- In-process measures read the files from disk inside the timing; \"process:\" rows are whole `node` processes under `/usr/bin/time -v` (peak RSS), the CLI without `--jobs` using every core.",
    `- The demo's report (sample period 2023-H1, 47 units; target < 150 ms): median ${median(demoTimes).toFixed(0)} ms over ${demoTimes.length} builds (${demoTimes.map((t) => t.toFixed(0)).join(", ")}).`,
    "",
    ...corpora.flatMap((c, i) => {
      const done = Math.min(...[...(samples[i]?.values() ?? [])].map((list) => list.length));
      return table(c, samples[i] ?? new Map(), Number.isFinite(done) ? done : 0);
    }),
    ...hostileSection(smallestOf(corpora), hostile),
  ];
  writeFileSync(args.out, lines.join("\n"));
  console.log(`written: ${args.out}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
