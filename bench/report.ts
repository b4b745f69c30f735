/**
 * Where the report writer's time goes (issue 9 item 3): the demo's period (47 units) and, with
 * `--units N`, a generated N-unit corpus; buildReport timed over rounds.
 * Usage: node dist/bench/report.cjs [--units N] [--rounds R] [--corpus DIR] [--zlib-crc]
 * (`--zlib-crc`: CRCs by Node's zlib, as the CLI writes the report; every segment is deflated in this
 * thread, where the CLI's read worker takes some; the same bytes)
 */
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import { generateSamplePeriod } from "../src/demo/sample";
import { parsePeriod } from "../src/core/periods";
import { buildReport } from "../src/core/report/report";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation, type ValidationRun } from "../src/core/validate/run";
import { corpus } from "./corpus";

async function demoRun(): Promise<ValidationRun> {
  const period = parsePeriod("2023-H1");
  const sample = await generateSamplePeriod({ period, roster: DEFAULT_ROSTER });
  return runValidation(sample.files.map((f) => ({ file: f.file, bytes: f.bytes })), { roster: DEFAULT_ROSTER, period, options: {} });
}

async function corpusRun(units: number, root: string): Promise<ValidationRun> {
  const c = await corpus(root, units);
  const files = c.files.map((file) => ({ file, bytes: new Uint8Array(readFileSync(path.join(c.filesDir, file))) }));
  return runValidation(files, { roster: c.roster, period: c.period, options: {} });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const units = Number(get("units") ?? "0");
  const rounds = Number(get("rounds") ?? "5");
  const run = units > 0 ? await corpusRun(units, get("corpus") ?? path.join(os.tmpdir(), "tonghop-bench")) : await demoRun();
  const write = argv.includes("--zlib-crc") ? { crc32 } : {};
  const total: number[] = [];
  let size = 0;
  let rows = 0;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    const report = await buildReport({ run, write });
    total.push(performance.now() - t);
    size = report.bytes.length;
    rows = report.consolidation.contributing.length;
  }
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(`units ${run.units.length} (${rows} contributing), findings ${run.findings.length}, report ${(size / 1024).toFixed(0)} KB, ${rounds} rounds`);
  console.log(`buildReport median ${med(total).toFixed(0)} ms (consolidation, sheets, XML and zip${write.crc32 ? "; CRCs by Node's zlib" : ""})`);
  console.log(`all rounds: ${total.map((x) => x.toFixed(0)).join(" ")}`);
}

void main();
