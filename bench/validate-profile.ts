/**
 * Where validation's time goes after reading (issue 9): loads the bench corpus of N units (generated
 * once, see corpus.ts), runs `runValidation` in process with a reader that times itself, and prints
 * the reading time, the time of everything after it, and a SHA-256 of the JSON result and of the
 * console's lines (so a change can be shown to leave every byte as it was). Figures, not pass/fail.
 *
 * Usage: node scripts/run-bench.mjs --build-only (bundles it with the core's esbuild plugins)
 *        node dist/bench/validate-profile.cjs [--units 1000] [--rounds 3] [--repeat 5] [--corpus DIR]
 *        (--rounds: whole runs, reading included; --repeat: runs after those on the outcomes already read)
 *        (profile: node --cpu-prof --cpu-prof-dir /tmp/prof dist/bench/validate-profile.cjs --rounds 1)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPipeline } from "../src/core/pipeline";
import { printFindings, printSummary } from "../src/cli/commands/validate";
import { makeConsole } from "../src/cli/console";
import { readSubmission } from "../src/core/read/reader";
import type { ReadOutcome } from "../src/core/read/submission";
import { readInThread, type ReadInput } from "../src/core/validate/run";
import { corpus, type Corpus } from "./corpus";
import { floorDir } from "./floor-lib";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] ?? fallback : fallback;
}

const sha = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 16);

/** Outcomes of the first read of each file, so later runs time only the work after reading. */
const cached = new Map<string, ReadOutcome>();

async function round(c: Corpus, fromCache = false): Promise<{ total: number; read: number; console: number; json: string; lines: string }> {
  // From the cache the bytes are not read again (nor left for the collector to clear during the timing).
  const inputs = c.files.map((file) => ({ id: file, file, bytes: fromCache && cached.has(file) ? new Uint8Array(0) : new Uint8Array(readFileSync(path.join(c.filesDir, file))) }));
  let readMs = 0;
  const read: ReadInput = async (input, options) => {
    const known = fromCache ? cached.get(input.file) : undefined;
    if (known) return known;
    const t = performance.now();
    const outcome = await readInThread(input, options);
    readMs += performance.now() - t;
    cached.set(input.file, outcome);
    return outcome;
  };
  const start = performance.now();
  const { run, json } = await runPipeline({ inputs, period: c.period, roster: c.roster, aggregate: false, read });
  const total = performance.now() - start;
  const out: string[] = [];
  const con = makeConsole("vi", { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => undefined } });
  const t = performance.now();
  printSummary(run, con);
  printFindings(run, con);
  const text = JSON.stringify(json, null, 2) + "\n";
  const consoleMs = performance.now() - t;
  return { total, read: readMs, console: consoleMs, json: sha(text), lines: sha(out.join("")) };
}

async function main(): Promise<void> {
  const units = Number(arg("units", "1000"));
  const rounds = Number(arg("rounds", "3"));
  const repeat = Number(arg("repeat", "5"));
  const c = await corpus(arg("corpus", path.join(os.tmpdir(), "tonghop-bench")), units);
  console.log(`N=${c.files.length} files, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    floorDir(c.filesDir);
    const floor = performance.now() - t;
    t = performance.now();
    for (const file of c.files) await readSubmission(new Uint8Array(readFileSync(path.join(c.filesDir, file))), file);
    const alone = performance.now() - t;
    console.log(`round ${i + 1}: floor ${floor.toFixed(0)} ms; reader alone ${alone.toFixed(0)} ms (${(alone / floor).toFixed(2)}x floor)`);
    const r = await round(c);
    const after = r.total - r.read;
    console.log(
      `round ${i + 1}: runPipeline(validate) ${r.total.toFixed(0)} ms = read ${r.read.toFixed(0)} ms + after ${after.toFixed(0)} ms (${(after / r.read).toFixed(2)}x read; total ${(r.total / floor).toFixed(2)}x floor);` +
        ` console+JSON text ${r.console.toFixed(0)} ms; json ${r.json} console ${r.lines}`,
    );
  }
  if (cached.size === 0) await round(c);
  const after: number[] = [];
  let last = "";
  for (let i = 0; i < repeat; i++) {
    const r = await round(c, true);
    after.push(r.total);
    last = `json ${r.json} console ${r.lines}`;
  }
  after.sort((a, b) => a - b);
  console.log(`after reading (outcomes cached), ${after.length} runs: median ${after[Math.floor(after.length / 2)]?.toFixed(0)} ms, min ${after[0]?.toFixed(0)} ms; ${last}`);
  console.log(`load at the end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
