/**
 * The reader alone against the floor (issue 9): reads N files of the cached bench corpus in process with
 * `readSubmission` and prints ms per file beside the floor's (unzip and decode every part, floor-lib.ts)
 * measured in the same run, interleaved, medians of the rounds; also the SHA-256 alone and a structured
 * clone of the outcomes (what a worker's `postMessage` costs), and a digest of the outcomes so a change
 * can be shown to leave every value as it was. Figures, not pass/fail.
 *
 * Usage: node scripts/run-bench.mjs --build-only (bundles it with the core's esbuild plugins)
 *        node dist/bench/read-profile.cjs [--files /tmp/tonghop-bench/n1000-s9/files] [--n 1000] [--rounds 5] [--zlib]
 *        (profile: node --cpu-prof --cpu-prof-dir /tmp/prof dist/bench/read-profile.cjs --rounds 3 --only read)
 *        node dist/bench/read-profile.cjs --threads 2 [--rounds 3]: how reading scales on this machine: the
 *        files read by 1 thread and split over N worker threads (Node's zlib, as the CLI's pool does), each
 *        thread's share read twice (cold, then warm), and a loop of pure arithmetic as the control, interleaved.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serialize } from "node:v8";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { readSubmission } from "../src/core/read/reader";
import { sha256Hex } from "../src/core/read/sha256";
import type { ReadOutcome } from "../src/core/read/submission";
import { NODE_BYTES } from "../src/cli/pool/read-here";
import { toWire } from "../src/cli/pool/task";
import { floorOf } from "./floor-lib";

/** `--zlib`: the host's inflater is Node's zlib (as a Node host may pass it), else fflate's. */
const HOST = process.argv.includes("--zlib") ? NODE_BYTES : {};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Outcomes as JSON with Maps made lists and the catalogue form by code: equal digests, equal outcomes. */
function digest(outcomes: readonly ReadOutcome[]): string {
  const json = JSON.stringify(outcomes, (key, value: unknown) => {
    if (value instanceof Map) return [...value.entries()];
    if (key === "form" && typeof value === "object" && value !== null && "code" in value) return (value as { code: string }).code;
    return value;
  });
  return createHash("sha256").update(json).digest("hex").slice(0, 16);
}

/** CPU milliseconds of this process since `from` (steadier than the wall clock on a shared machine). */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

function floorRound(paths: readonly string[], cpu: number[]): number {
  const c = process.cpuUsage();
  const t = performance.now();
  for (const p of paths) floorOf(new Uint8Array(readFileSync(p)));
  cpu.push(cpuSince(c));
  return performance.now() - t;
}

async function readRound(paths: readonly string[], names: readonly string[], cpu: number[]): Promise<{ ms: number; outcomes: ReadOutcome[] }> {
  const outcomes: ReadOutcome[] = [];
  const c = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < paths.length; i++) {
    const bytes = new Uint8Array(readFileSync(paths[i] ?? ""));
    outcomes.push(await readSubmission(bytes, names[i] ?? "", { sha256: sha256Hex(bytes), ...HOST }));
  }
  const ms = performance.now() - t;
  cpu.push(cpuSince(c));
  return { ms, outcomes };
}

function shaRound(paths: readonly string[]): number {
  const all = paths.map((p) => new Uint8Array(readFileSync(p)));
  const t = performance.now();
  for (const bytes of all) sha256Hex(bytes);
  return performance.now() - t;
}

function cloneRound(outcomes: readonly ReadOutcome[]): { ms: number; bytes: number } {
  let bytes = 0;
  const t = performance.now();
  // As the CLI's read pool sends it: each form by its catalogue code.
  for (const o of outcomes) bytes += serialize(toWire(o)).length;
  return { ms: performance.now() - t, bytes };
}

async function main(): Promise<void> {
  const dir = arg("files", path.join(os.tmpdir(), "tonghop-bench", "n1000-s9", "files"));
  const n = Number(arg("n", "1000"));
  const rounds = Number(arg("rounds", "5"));
  const only = arg("only", "");
  const names = readdirSync(dir).sort().slice(0, n);
  const paths = names.map((f) => path.join(dir, f));
  const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");
  console.log(`N=${names.length} files from ${dir}; load ${load()}`);
  const floor: number[] = [];
  const read: number[] = [];
  const sha: number[] = [];
  const clone: number[] = [];
  const floorCpu: number[] = [];
  const readCpu: number[] = [];
  let outcomes: ReadOutcome[] = [];
  let cloneBytes = 0;
  for (let r = 0; r < rounds; r++) {
    if (only !== "read") floor.push(floorRound(paths, floorCpu));
    const got = await readRound(paths, names, readCpu);
    read.push(got.ms);
    outcomes = got.outcomes;
    if (only !== "read") {
      sha.push(shaRound(paths));
      const c = cloneRound(outcomes);
      clone.push(c.ms);
      cloneBytes = c.bytes;
    }
    const per = (xs: number[]): string => ((xs[xs.length - 1] ?? NaN) / names.length).toFixed(3);
    console.log(`round ${r + 1}: floor ${per(floor)} ms/file (cpu ${per(floorCpu)}), read ${per(read)} ms/file (cpu ${per(readCpu)}) (sha256 ${per(sha)}, clone ${per(clone)}); load ${load()}`);
  }
  const per = (xs: number[]): number => median(xs) / names.length;
  console.log(`median CPU time: floor ${per(floorCpu).toFixed(3)} ms/file; readSubmission ${per(readCpu).toFixed(3)} ms/file = ${(per(readCpu) / per(floorCpu)).toFixed(2)}x floor`);
  console.log(
    `median: floor ${per(floor).toFixed(3)} ms/file; readSubmission ${per(read).toFixed(3)} ms/file = ${(per(read) / per(floor)).toFixed(2)}x floor;` +
      ` of which sha256 ${per(sha).toFixed(3)}; structured clone of the outcome ${per(clone).toFixed(3)} ms/file (${Math.round(cloneBytes / names.length)} bytes/file)`,
  );
  const kinds = new Map<string, number>();
  for (const o of outcomes) kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
  console.log(`outcomes ${JSON.stringify([...kinds])} digest ${digest(outcomes)}; load ${load()}`);
}

/** A fixed amount of arithmetic, touching no memory: what N threads of this machine can do at once. */
function arithmetic(): number {
  let x = 0;
  for (let i = 0; i < 150_000_000; i++) x = (x + i * i) % 1_000_003;
  return x;
}

interface ThreadJob {
  readonly kind: "read" | "arithmetic";
  readonly paths: readonly string[];
}

/** The job's work: arithmetic, or the files read twice (ms of each pass, the second with V8 warm). */
async function threadJob(job: ThreadJob): Promise<number[]> {
  if (job.kind === "arithmetic") {
    arithmetic();
    return [];
  }
  const passes: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const t = performance.now();
    for (const p of job.paths) {
      const bytes = new Uint8Array(readFileSync(p));
      await readSubmission(bytes, path.basename(p), { ...NODE_BYTES, sha256: createHash("sha256").update(bytes).digest("hex") });
    }
    passes.push(performance.now() - t);
  }
  return passes;
}

/**
 * Wall ms for `kind` done by `threads` worker threads, the files split evenly among them (arithmetic: each
 * does the whole loop once); for reading also the slowest thread's first and second pass over its files.
 */
function inThreads(kind: ThreadJob["kind"], paths: readonly string[], threads: number): Promise<{ wall: number; first: number; second: number }> {
  const t = performance.now();
  const runs = Array.from({ length: threads }, (_, k) => {
    const job: ThreadJob = { kind, paths: paths.filter((_p, i) => i % threads === k) };
    return new Promise<number[]>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: job });
      worker.once("message", (passes: number[]) => resolve(passes));
      worker.once("error", reject);
    });
  });
  return Promise.all(runs).then((passes) => ({
    wall: performance.now() - t,
    first: Math.max(...passes.map((p) => p[0] ?? 0)),
    second: Math.max(...passes.map((p) => p[1] ?? 0)),
  }));
}

/**
 * `--threads N`: reading the files in 1 thread and in N, beside arithmetic in 1 and in N. Each thread reads
 * its files twice: the first pass includes V8's warm-up in that thread (compiling and optimising the reader,
 * once per thread), the second is the reader warm.
 */
async function scaling(threads: number, rounds: number): Promise<void> {
  const dir = arg("files", path.join(os.tmpdir(), "tonghop-bench", "n1000-s9", "files"));
  const paths = readdirSync(dir).sort().map((f) => path.join(dir, f));
  const read1: Array<{ first: number; second: number }> = [];
  const readN: Array<{ first: number; second: number }> = [];
  const arith1: number[] = [];
  const arithN: number[] = [];
  for (let r = 0; r < rounds; r++) {
    read1.push(await inThreads("read", paths, 1));
    readN.push(await inThreads("read", paths, threads));
    arith1.push((await inThreads("arithmetic", paths, 1)).wall);
    // N threads each do the whole loop: N times the work in the time of one when they truly run at once.
    arithN.push((await inThreads("arithmetic", paths, threads)).wall / threads);
  }
  const m = (xs: number[]): number => median(xs);
  const first1 = m(read1.map((x) => x.first));
  const firstN = m(readN.map((x) => x.first));
  const second1 = m(read1.map((x) => x.second));
  const secondN = m(readN.map((x) => x.second));
  console.log(`${paths.length} files; reading, first pass (V8 warming up in each thread): 1 thread ${first1.toFixed(0)} ms, ${threads} threads ${firstN.toFixed(0)} ms = ${(first1 / firstN).toFixed(2)}x`);
  console.log(`reading, second pass (warm): 1 thread ${second1.toFixed(0)} ms, ${threads} threads ${secondN.toFixed(0)} ms = ${(second1 / secondN).toFixed(2)}x`);
  console.log(`arithmetic (control): ${threads} threads give ${(m(arith1) / m(arithN)).toFixed(2)}x; load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

if (!isMainThread) {
  void threadJob(workerData as ThreadJob).then((passes) => parentPort?.postMessage(passes));
} else if (process.argv.includes("--threads")) {
  void scaling(Number(arg("threads", "2")), Number(arg("rounds", "3")));
} else {
  void main();
}
