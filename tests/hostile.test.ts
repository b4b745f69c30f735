/**
 * The hostile corpus (tests/fixtures/hostile/, made by make_hostile.py with openpyxl, LibreOffice and
 * Python's zipfile): every odd or hostile file must end as exactly one input with the status and rules
 * that expectations.json derives from the spec, without a crash and within a time bound.
 *
 * Two ways in: the CLI as a whole process over the folder (and over the lock and dot files given as
 * PATHs), and the core's runPipeline on each file alone. Files marked `pending` (the reader of that issue
 * cannot yet handle them in time) are listed and counted but not run.
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../src/core/periods";
import { runPipeline } from "../src/core/pipeline";
import type { RunJson } from "../src/core/result";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { findExpected, type ExpectedFinding } from "./helpers/expectations";

const ROOT = path.join(__dirname, "fixtures", "hostile");
const REPO = path.resolve(__dirname, "..");
const NOT_INPUTS = new Set(["make_hostile.py", "expectations.json", "README.md"]);
/** One file alone may take this long (2 shared cores); a reader that needs more is broken. */
const PER_FILE_MS = 20_000;

interface Outcome {
  readonly status: string;
  readonly unit?: string | null;
  readonly findings?: readonly ExpectedFinding[];
  readonly complete?: boolean;
  readonly mustNotHave?: readonly string[];
  readonly anyRule?: readonly string[];
  /** Rule ids that must appear, wherever the spec leaves the cell open. */
  readonly rules?: readonly string[];
}
interface Expected extends Outcome {
  readonly notes: string;
  readonly pending?: string;
  readonly folder?: Partial<Outcome> & { readonly absent?: boolean };
}

const table = JSON.parse(readFileSync(path.join(ROOT, "expectations.json"), "utf8")) as { files: Record<string, Expected> };
const entries = Object.entries(table.files);
const active = entries.filter(([, e]) => !e.pending);
const pending = entries.filter(([, e]) => e.pending);
const period = parsePeriod("2023-H1");
const nfc = (s: string): string => s.normalize("NFC");

/** Files run (each way counts once per file), runs that crashed or timed out, expected inputs not listed. */
const tally = { tried: 0, crashed: 0, missing: 0 };

afterAll(() => {
  const line = `hostile corpus: ${tally.tried} tried, ${tally.crashed} crashed, ${tally.missing} missing`;
  const skipped = pending.length ? ` (${pending.length} pending: ${pending.map(([n, e]) => `${n} [${e.pending}]`).join(", ")})` : "";
  console.log(line + skipped);
});

function filesOnDisk(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const rel = prefix + name;
    if (NOT_INPUTS.has(rel)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesOnDisk(full, rel + "/"));
    else out.push(rel);
  }
  return out.sort();
}

const describeFinding = (f: { readonly rule: string; readonly severity: string; readonly sheet: string | null; readonly cell: string | null }): string =>
  `${f.rule} ${f.severity} ${f.sheet ?? "-"}!${f.cell ?? "-"}`;

/** Status, unit and findings of one input against its expected outcome. */
function checkOutcome(json: RunJson, file: string, want: Outcome, label: string): void {
  const listed = json.inputs.filter((i) => i.file === file);
  expect(listed, `${label}: listed exactly once`).toHaveLength(1);
  const input = listed[0];
  if (!input) return;
  expect(input.status, `${label}: status`).toBe(want.status);
  if (want.unit !== undefined) expect(input.unit, `${label}: unit`).toBe(want.unit);
  const mine = json.findings.filter((f) => f.file === file);
  const got = mine.map(describeFinding);
  for (const f of want.findings ?? []) {
    expect(findExpected(mine, f), `${label}: expected ${JSON.stringify(f)} among ${got.join("; ")}`).toBeDefined();
  }
  if (want.complete) {
    expect([...got].sort(), `${label}: complete list`).toEqual((want.findings ?? []).map(describeFinding).sort());
  }
  for (const rule of want.mustNotHave ?? []) {
    expect(mine.filter((f) => f.rule === rule).map(describeFinding), `${label}: must not have ${rule}`).toEqual([]);
  }
  for (const rule of want.rules ?? []) {
    expect(mine.some((f) => f.rule === rule), `${label}: ${rule} among ${got.join("; ")}`).toBe(true);
  }
  if (want.anyRule) {
    expect(mine.some((f) => want.anyRule?.includes(f.rule)), `${label}: one of ${want.anyRule.join(", ")} among ${got.join("; ")}`).toBe(true);
  }
}

function runCli(args: readonly string[], cwd: string, timeoutMs: number): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, "bin", "tonghop.cjs"), ...args], { cwd, timeout: timeoutMs, maxBuffer: 1 << 28 }, (error, _stdout, stderr) => {
      const timedOut = error !== null && error.killed === true;
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, stderr, timedOut });
    });
  });
}

async function withinBound<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}

it("the table lists every file of the corpus and only those", () => {
  expect(entries.length).toBeGreaterThanOrEqual(60);
  expect(filesOnDisk(ROOT)).toEqual(entries.map(([name]) => name).sort());
});

describe("the CLI over the whole folder (one process)", () => {
  let work = "";
  let json: RunJson | null = null;
  let exit: { code: number | null; stderr: string; timedOut: boolean } | null = null;

  beforeAll(async () => {
    // The folder minus the pending files, so a reader that cannot yet handle them does not stop the run.
    work = mkdtempSync(path.join(os.tmpdir(), "tonghop-hostile-"));
    const corpus = path.join(work, "a", "b", "hostile");
    mkdirSync(corpus, { recursive: true });
    for (const [name] of active) {
      mkdirSync(path.dirname(path.join(corpus, name)), { recursive: true });
      cpSync(path.join(ROOT, name), path.join(corpus, name));
    }
    // cwd two levels under the work folder: a zip-slip write ("../../x") would land in `work`.
    const out = path.join(work, "out.json");
    exit = await runCli(["validate", corpus, "--period", "2023-H1", "--json", out], path.join(work, "a", "b"), 100_000);
    if (existsSync(out)) json = JSON.parse(readFileSync(out, "utf8")) as RunJson;
    if (exit.timedOut || (exit.code !== 0 && exit.code !== 1) || !json) tally.crashed++;
    const listed = new Set(json?.inputs.map((i) => i.file) ?? []);
    tally.missing += active.filter(([n, e]) => !e.folder?.absent && !listed.has(nfc(n))).length;
  }, 110_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("completes with exit code 1 (some inputs are unreadable) and writes the JSON", () => {
    expect(exit?.timedOut, "the run finished in time").toBe(false);
    expect(exit?.code, exit?.stderr).toBe(1);
    expect(json).not.toBeNull();
  });

  it("lists every file once, lock and dot files passed over, names relative and NFC", () => {
    if (!json) throw new Error("no JSON");
    const want = active.filter(([, e]) => !e.folder?.absent).map(([name]) => nfc(name)).sort();
    const got = json.inputs.map((i) => i.file).sort();
    expect(got).toEqual(want);
    expect(new Set(got).size).toBe(got.length);
  });

  it.each(active.filter(([, e]) => !e.folder?.absent))("%s: status and findings in the folder run", (name, e) => {
    if (!json) throw new Error("no JSON");
    const want: Outcome = e.folder ? { ...e, ...e.folder, unit: e.folder.unit ?? e.unit } : e;
    checkOutcome(json, nfc(name), want, `folder ${name}`);
  });

  it("aggregate over the same folder writes the report and the same inputs (a hostile file never stops the report)", async () => {
    const report = path.join(work, "report.xlsx");
    const out = path.join(work, "aggregate.json");
    const res = await runCli(["aggregate", path.join(work, "a", "b", "hostile"), "--period", "2023-H1", "--out", report, "--json", out], path.join(work, "a", "b"), 100_000);
    expect(res.timedOut).toBe(false);
    expect(res.code, res.stderr).toBe(1);
    expect(existsSync(report)).toBe(true);
    const agg = JSON.parse(readFileSync(out, "utf8")) as RunJson;
    expect(agg.inputs.map((i) => [i.file, i.status])).toEqual(json?.inputs.map((i) => [i.file, i.status]));
  }, 110_000);

  it("nothing escapes: no entity expanded from disk, no zip-slip file written", () => {
    if (!json) throw new Error("no JSON");
    const text = JSON.stringify(json);
    const passwd = existsSync("/etc/passwd") ? readFileSync("/etc/passwd", "utf8").split("\n")[0] ?? "" : "";
    if (passwd) expect(text.includes(passwd)).toBe(false);
    for (const p of [path.join(work, "x-zip-slip.txt"), path.join(work, "a", "x-zip-slip.txt"), "/tmp/x-zip-slip-abs.txt", path.join(work, "a", "b", "..\\..\\x-zip-slip-win.txt")]) {
      expect(existsSync(p), p).toBe(false);
    }
  });
});

describe("lock and dot files given as file PATHs", () => {
  const direct = entries.filter(([, e]) => e.folder?.absent && !e.pending);

  it("are listed: a PATH given by name is an input (CLI.md: nothing given is dropped)", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), "tonghop-hostile-direct-"));
    try {
      const out = path.join(work, "out.json");
      const res = await runCli(["validate", ...direct.map(([n]) => path.join(ROOT, n)), "--period", "2023-H1", "--json", out], work, 60_000);
      if (res.timedOut || !existsSync(out)) tally.crashed++;
      expect(res.timedOut).toBe(false);
      const json = JSON.parse(readFileSync(out, "utf8")) as RunJson;
      const listed = new Set(json.inputs.map((i) => i.file));
      tally.missing += direct.filter(([n]) => !listed.has(n)).length;
      expect(json.inputs.map((i) => i.file).sort()).toEqual(direct.map(([n]) => n).sort());
      for (const [name, e] of direct) checkOutcome(json, name, e, `direct ${name}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 70_000);
});

describe("runPipeline on each file alone", () => {
  it.each(active)("%s", async (name, e) => {
    const file = path.basename(name);
    const bytes = new Uint8Array(readFileSync(path.join(ROOT, name)));
    tally.tried++;
    const started = Date.now();
    let json: RunJson;
    try {
      const result = await withinBound(
        runPipeline({ inputs: [{ id: name, file, bytes }], period, roster: DEFAULT_ROSTER, aggregate: false }),
        PER_FILE_MS,
      );
      json = result.json;
    } catch (err) {
      tally.crashed++;
      throw err;
    }
    expect(Date.now() - started, "time bound").toBeLessThan(PER_FILE_MS);
    if (json.inputs.filter((i) => i.file === file).length !== 1) tally.missing++;
    expect(json.inputs).toHaveLength(1);
    checkOutcome(json, file, e, name);
  });

  it.skip.each(pending)("%s (pending)", () => undefined);
});
