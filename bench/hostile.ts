/**
 * Issue 9's second target, measured: the merge bomb (36 KB), 200,000 merges, an extra sheet of 2 million
 * cells, 1 million shared strings and a 1 MB cell, beside a clean corpus; `tonghop validate` and
 * `tonghop aggregate` as whole processes must each finish within 30 s and 1 GiB, list every file, and give
 * each clean file the status it has when read without them. The hostile files are made from the clean
 * LibreOffice-written case file by tests/regressions/fixtures/limit-fixtures.ts (its own unit, VU-CAU-AU,
 * so that unit's clean file may be superseded by one of them: it is left out of the comparison).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { hugeCell, manyCells, manyMerges, manySharedStrings } from "../tests/regressions/fixtures/limit-fixtures";
import { PERIOD_ID, type Corpus } from "./corpus";

/** The hostile files' own unit (the clean case file's): its clean file is not compared. */
const HOSTILE_UNIT = "VU-CAU-AU";
const LIMIT_MS = 30_000;
const LIMIT_MB = 1024;
/** A run still going after this is stopped (`timeout`, inside GNU time so the CLI itself is killed). */
const KILL_AFTER_S = 300;

export interface HostileRun {
  readonly command: "validate" | "aggregate";
  readonly ms: number;
  readonly rssMB: number;
  readonly exit: number | null;
  readonly files: number;
  readonly listed: number;
  /** Clean files (other units) whose status is the one they have without the hostile files, of how many. */
  readonly cleanSame: number;
  readonly cleanCompared: number;
  /** Each hostile file: its status and the rules of its findings. */
  readonly hostile: ReadonlyArray<{ readonly file: string; readonly status: string; readonly rules: readonly string[] }>;
}

interface RunJson {
  readonly inputs: ReadonlyArray<{ readonly file: string; readonly unit: string | null; readonly status: string }>;
  readonly findings: ReadonlyArray<{ readonly file: string | null; readonly rule: string }>;
}

/**
 * The folder: the clean corpus's files and the five hostile ones, made afresh each run (a few seconds) so
 * a changed maker or corpus is never measured from an old copy; beside the corpus, named after it.
 */
export function hostileFolder(repo: string, clean: Corpus): { dir: string; hostile: string[] } {
  const dir = path.join(path.dirname(clean.dir), `hostile-beside-${path.basename(clean.dir)}`);
  const made: Record<string, () => Uint8Array> = {
    "hostile-merge-bomb.xlsx": () => new Uint8Array(readFileSync(path.join(repo, "tests", "regressions", "fixtures", "merge-bomb.xlsx"))),
    "hostile-200000-merges.xlsx": () => manyMerges(200_000, cleanCase(repo)),
    "hostile-2-million-cells.xlsx": () => manyCells(2_000_000, cleanCase(repo)),
    "hostile-1-million-shared-strings.xlsx": () => manySharedStrings(1_000_000, cleanCase(repo)),
    "hostile-1-MB-cell.xlsx": () => hugeCell(1024 * 1024, cleanCase(repo)),
  };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const file of clean.files) copyFileSync(path.join(clean.filesDir, file), path.join(dir, file));
  // Written under another name first: a run stopped halfway leaves no truncated workbook to be measured.
  for (const [file, make] of Object.entries(made)) {
    const partial = path.join(dir, `${file}.partial`);
    writeFileSync(partial, make());
    renameSync(partial, path.join(dir, file));
  }
  return { dir, hostile: Object.keys(made) };
}

function cleanCase(repo: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(repo, "tests", "fixtures", "submissions", "cases", "ok-libreoffice-resaved.xlsx")));
}

/** One CLI process over `dir` under GNU time, with its JSON written to `json`. */
function cli(bin: string, command: "validate" | "aggregate", dir: string, roster: string, scratch: string): { ms: number; rssMB: number; exit: number | null; run: RunJson } {
  const json = path.join(scratch, `${command}-${path.basename(dir)}.json`);
  const args = [bin, command, dir, "--period", PERIOD_ID, "--units", roster, "--json", json];
  if (command === "aggregate") args.push("--out", path.join(scratch, `BaoCao-${path.basename(dir)}.xlsx`));
  rmSync(json, { force: true });
  const start = performance.now();
  const done = spawnSync("/usr/bin/time", ["-v", "timeout", "-k", "5", String(KILL_AFTER_S), process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/u.exec(done.stderr)?.[1];
  const run = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as RunJson) : { inputs: [], findings: [] };
  return { ms, rssMB: kb ? Number(kb) / 1024 : NaN, exit: done.status, run };
}

/** validate and aggregate over the folder, each compared with validate over the clean corpus alone. */
export function hostileRuns(bin: string, repo: string, clean: Corpus, scratch: string): HostileRun[] {
  const { dir, hostile } = hostileFolder(repo, clean);
  const { exit, run: alone } = cli(bin, "validate", clean.filesDir, clean.rosterFile, scratch);
  // Without the clean run's statuses there is nothing to compare with: no verdict at all, not "0 of 0".
  if ((exit !== 0 && exit !== 1) || alone.inputs.length !== clean.files.length) {
    throw new Error(`validate over the clean corpus alone exited ${exit} and listed ${alone.inputs.length} of ${clean.files.length} files`);
  }
  const statusAlone = new Map(alone.inputs.filter((i) => i.unit !== HOSTILE_UNIT).map((i) => [i.file, i.status]));
  return (["validate", "aggregate"] as const).map((command) => {
    const { ms, rssMB, exit, run } = cli(bin, command, dir, clean.rosterFile, scratch);
    const status = new Map(run.inputs.map((i) => [i.file, i.status]));
    let cleanSame = 0;
    for (const [file, s] of statusAlone) if (status.get(file) === s) cleanSame++;
    return {
      command,
      ms,
      rssMB,
      exit,
      files: clean.files.length + hostile.length,
      listed: run.inputs.length,
      cleanSame,
      cleanCompared: statusAlone.size,
      hostile: hostile.map((file) => ({
        file,
        status: status.get(file) ?? "not listed",
        rules: [...new Set(run.findings.filter((f) => f.file === file).map((f) => f.rule))].sort(),
      })),
    };
  });
}

/** RESULTS.md's section for the runs. */
export function hostileSection(clean: Corpus | undefined, runs: readonly HostileRun[]): string[] {
  if (!clean || runs.length === 0) return [];
  const ok = (r: HostileRun): boolean =>
    r.ms <= LIMIT_MS && r.rssMB < LIMIT_MB && r.listed === r.files && r.cleanCompared > 0 && r.cleanSame === r.cleanCompared && (r.exit === 0 || r.exit === 1);
  const lines = [
    `### The hostile files beside the N = ${clean.files.length} clean files (whole processes, one run each)`,
    "",
    "The merge bomb (36 KB, one `E60:XFD1048576`), 200,000 merges, an extra sheet of 2 million cells, 1 million shared strings and a 1 MB cell, " +
      `each a copy of a clean LibreOffice-written submission (unit ${HOSTILE_UNIT}, whose clean corpus file is therefore not compared).`,
    "",
    "| Command | Wall (ms) | Peak RSS (MB) | Exit | Files listed | Clean files with their status when read alone |",
    "|---|---:|---:|---:|---:|---:|",
    ...runs.map((r) => `| tonghop ${r.command} | ${r.ms.toFixed(0)} | ${Number.isFinite(r.rssMB) ? r.rssMB.toFixed(0) : "?"} | ${r.exit ?? "killed"} | ${r.listed} of ${r.files} | ${r.cleanSame} of ${r.cleanCompared} |`),
    "",
    ...(runs[0]?.hostile ?? []).map((h) => `- ${h.file}: ${h.status}${h.rules.length ? ` (${h.rules.join(", ")})` : ""}`),
    "",
    `Target (each run within ${LIMIT_MS / 1000} s and 1 GiB, every file listed, the clean files as alone): ${runs.every(ok) ? "met" : "NOT met"}.`,
    "",
  ];
  return lines;
}
