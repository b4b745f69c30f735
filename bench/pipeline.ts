/**
 * Benchmark (not a test): how long the pipeline takes on a realistic period of ~100 unit files.
 * Prints figures; `npm run bench`. Figures depend on the machine: compare runs on one machine.
 */
import { generateSamplePeriod } from "../src/core/demo/sample";
import { parsePeriod } from "../src/core/periods";
import { buildReport } from "../src/core/report/report";
import { DEFAULT_ROSTER, type Roster, type RosterRow } from "../src/core/roster";
import { runValidation } from "../src/core/validate/run";

/** The built-in roster, each unit twice (a second, invented unit "<code>-2"): ~94 units. */
function doubledRoster(): Roster {
  const rows: RosterRow[] = [];
  DEFAULT_ROSTER.rows.forEach((r) => rows.push(r));
  DEFAULT_ROSTER.rows.forEach((r, i) => rows.push({ ...r, code: `${r.code}-2`, name: `${r.name} (2)`, line: DEFAULT_ROSTER.rows.length + i + 2 }));
  return { rows, source: "bench", isDefault: false };
}

function ms(start: number): number {
  return Math.round(performance.now() - start);
}

async function main(): Promise<void> {
  const period = parsePeriod("2023-9M");
  const roster = doubledRoster();
  let t = performance.now();
  const sample = await generateSamplePeriod({ period, roster, seed: 7 });
  const generate = ms(t);
  const files = sample.files.map((f) => ({ file: f.file, bytes: f.bytes }));
  const megabytes = files.reduce((s, f) => s + f.bytes.length, 0) / (1024 * 1024);

  t = performance.now();
  const run = await runValidation(files, { roster, period, options: {} });
  const validate = ms(t);
  t = performance.now();
  const report = await buildReport({ run });
  const build = ms(t);

  const rows: Array<[string, string]> = [
    ["files", String(files.length)],
    ["input size (MB)", megabytes.toFixed(1)],
    ["findings", String(run.findings.length)],
    ["generate sample files (ms)", String(generate)],
    ["read + validate (ms)", String(validate)],
    ["  per file (ms)", (validate / files.length).toFixed(1)],
    ["aggregate + write report (ms)", String(build)],
    ["report size (KB)", (report.bytes.length / 1024).toFixed(0)],
    ["read + validate + report (ms)", String(validate + build)],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(32)} ${v}`);
}

void main();
