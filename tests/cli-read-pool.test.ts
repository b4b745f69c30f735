/**
 * `--jobs 2` (issue 9 item 4): the worker really reads. The main thread reads a file itself when the
 * worker's places are taken, and its reading is synchronous: the pipeline's lanes went from one
 * file to the next by promises alone, so the worker's answers waited unread and the main thread read
 * 997 of 999 files itself. The worker read only the files queued for it at the start. The pool, with the bundled worker the global setup builds,
 * reads 60 files of the sample folder; the worker must have read a fair share, and the run must be the
 * one the main thread alone gives.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compilerFlagsFor, openReadPool, readersFor } from "../src/cli/pool/read-pool";
import { readHere } from "../src/cli/pool/read-here";
import { workerCheckFor } from "../src/cli/pool/task";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation, type InputFile, type ReadInput } from "../src/core/validate/run";
import { validateSubmission } from "../src/core/validate/validate";
import { deflateChunks } from "./helpers/segments";
import { REPO } from "./helpers/cli";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");
const WORKER = path.join(REPO, "dist", "cli-read-worker.cjs");

/** 60 inputs: the folder's files under numbered names (`n-<file>`), each path on disk. */
function inputs(): { files: InputFile[]; paths: Map<string, string> } {
  const names = readdirSync(FOLDER).filter((f) => f.endsWith(".xlsx")).sort();
  const paths = new Map<string, string>();
  for (let i = 0; paths.size < 60; i++) {
    const name = names[i % names.length] ?? "";
    paths.set(`${String(i).padStart(2, "0")}-${name}`, path.join(FOLDER, name));
  }
  return { files: [...paths.keys()].map((file) => ({ file, bytes: new Uint8Array(0) })), paths };
}

async function run(read: ReadInput, readParallel: number, files: readonly InputFile[]): Promise<string> {
  const result = await runValidation(files, { roster: DEFAULT_ROSTER, period: parsePeriod("2023-H1"), options: {}, read, readParallel });
  return JSON.stringify(result.inputs);
}

describe("the read pool with two jobs", () => {
  it("has the worker read a fair share, with the same run as one thread", { timeout: 60_000 }, async () => {
    const { files, paths } = inputs();
    const pool = openReadPool(2, paths, WORKER);
    if (!pool) throw new Error("no pool: is dist/cli-read-worker.cjs built?");
    try {
      const pooled = await run(pool.read, pool.parallel, files);
      expect(pool.counts.here + pool.counts.workers).toBe(60);
      // The worker had its eight places filled at the start; it must have had as many again since.
      expect(pool.counts.workers).toBeGreaterThanOrEqual(16);
      const alone = await run((input, options) => readHere(paths.get(input.file) ?? "", input.file, options), 1, files);
      expect(pooled).toBe(alone);
    } finally {
      await pool.close();
    }
  });
});

describe("the read pool and files over the size limit", () => {
  it("lists each as too large with its size and digest, whichever thread opened it (the size is asked of the open file)", { timeout: 60_000 }, async () => {
    const { files, paths } = inputs();
    const pool = openReadPool(2, paths, WORKER);
    if (!pool) throw new Error("no pool: is dist/cli-read-worker.cjs built?");
    try {
      // 1 KB: every file of the folder is over it.
      const outcomes = await Promise.all(files.slice(0, 24).map((f) => pool.read(f, { maxFileSizeMB: 0.001 })));
      expect(pool.counts.workers).toBeGreaterThan(0);
      expect(pool.counts.here).toBeGreaterThan(0);
      files.slice(0, 24).forEach((f, i) => {
        const outcome = outcomes[i];
        const full = paths.get(f.file) ?? "";
        const bytes = readFileSync(full);
        expect(outcome?.kind).toBe("unreadable");
        if (outcome?.kind !== "unreadable") return;
        expect(outcome.findings.map((x) => x.rule)).toEqual(["V-FILE-02"]);
        // Outside values: the file's size on disk and node:crypto's digest of its bytes.
        expect(outcome.size).toBe(statSync(full).size);
        expect(outcome.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      });
    } finally {
      await pool.close();
    }
  });
});

describe("the read pool deflating the report's segments", () => {
  it("gives the bytes the writer's own deflater gives, the chunks moved to the worker; no room past two segments away", { timeout: 60_000 }, async () => {
    const pool = openReadPool(2, new Map(), WORKER);
    if (!pool) throw new Error("no pool: is dist/cli-read-worker.cjs built?");
    try {
      // A sheet's XML in 1 MB chunks, as the writer's sink hands them over (each its own buffer).
      const text = Array.from({ length: 100_000 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="s"><v>${(r * 7919) % 9973}</v></c></row>`).join("");
      const bytes = new TextEncoder().encode(text);
      const chunks = (): Uint8Array[] => Array.from({ length: Math.ceil(bytes.length / 2 ** 20) }, (_, i) => bytes.slice(i * 2 ** 20, (i + 1) * 2 ** 20));
      expect(chunks().length).toBeGreaterThanOrEqual(5);
      const expected = Buffer.concat(deflateChunks(chunks()));
      const sent = chunks();
      // As the writer makes them: two chunks a segment, the last ended as the part (deflate.ts).
      const segments = [sent.slice(0, 2), sent.slice(2, 4), sent.slice(4)];
      expect(segments[2]?.length).toBeGreaterThanOrEqual(1);
      expect(segments[2]?.length).toBeLessThanOrEqual(2);
      // Two segments of 2 MB each away: the worker cannot have finished one yet, so the third is left to this thread.
      const first = pool.deflate(segments[0] ?? [], false);
      const second = pool.deflate(segments[1] ?? [], false);
      expect(first).not.toBeNull();
      expect(second).not.toBeNull();
      expect(pool.deflate(segments[2] ?? [], true)).toBeNull();
      const away = [...(await first ?? []), ...(await second ?? [])];
      // Room again once they are answered.
      const third = pool.deflate(segments[2] ?? [], true);
      expect(third).not.toBeNull();
      const deflated = Buffer.concat([...away, ...(await third ?? [])]);
      expect(pool.counts.deflated).toBe(3);
      expect(Buffer.compare(deflated, expected)).toBe(0);
      // Moved, not copied: this thread no longer holds the chunks' bytes.
      expect(sent.every((c) => c.byteLength === 0)).toBe(true);
      // And the joined segments are the text (zlib, another inflater).
      expect(inflateRawSync(deflated).toString("utf8")).toBe(text);
    } finally {
      await pool.close();
    }
    // Once the worker's task has ended, no segment goes there (it would never be answered): the writer deflates it.
    expect(pool.deflate([new Uint8Array(10)], true)).toBeNull();
  });
});

describe("the read pool with the run's check (validate)", () => {
  it("workers check what they read and send it back without values: the same findings and statuses as one thread", { timeout: 60_000 }, async () => {
    const { files, paths } = inputs();
    const period = parsePeriod("2023-H1");
    const check = { roster: DEFAULT_ROSTER, period, options: {}, keepValues: "none" } as const;
    const pool = openReadPool(2, paths, WORKER, check);
    if (!pool) throw new Error("no pool: is dist/cli-read-worker.cjs built?");
    let checkedThere = 0;
    let valuesBack = 0;
    const read: ReadInput = async (input, options) => {
      const got = await pool.read(input, options);
      if ("kind" in got && got.kind === "checked") {
        checkedThere++;
        if (got.outcome.kind === "submission") valuesBack += got.outcome.submission.forms.reduce((n, f) => n + f.cells.size, 0);
      }
      return got;
    };
    const result = (r: Awaited<ReturnType<typeof runValidation>>): string =>
      JSON.stringify({ inputs: r.inputs.map(({ submission, ...record }) => ({ ...record, unitName: submission?.unitName ?? null })), findings: r.findings, units: r.units.map((u) => [u.unit.code, u.status]) });
    try {
      const pooled = await runValidation(files, { roster: DEFAULT_ROSTER, period, options: {}, read, readParallel: pool.parallel, keepValues: "none" });
      expect(checkedThere).toBe(pool.counts.workers);
      // At least the tasks queued for it at the start (a busy machine gives it fewer after those).
      expect(checkedThere).toBeGreaterThanOrEqual(8);
      expect(valuesBack).toBe(0);
      const alone = await runValidation(files, { roster: DEFAULT_ROSTER, period, options: {}, read: (input, options) => readHere(paths.get(input.file) ?? "", input.file, options), readParallel: 1 });
      expect(pooled.findings.length).toBeGreaterThan(20);
      expect(result(pooled)).toBe(result(alone));
    } finally {
      await pool.close();
    }
  });

  it("a worker checks under the run's options, as this thread does, and keeps the values when asked (a history)", { timeout: 60_000 }, async () => {
    const { files, paths } = inputs();
    const period = parsePeriod("2023-H1");
    const options = { ruleSeverity: { "V-REL-*": "off", "V-X-01": "error", "V-BLANK-01": "warning" }, requiredFormsByUnit: { "VU-CAU-AU": ["01/TTr"] } } as const;
    const pool = openReadPool(2, paths, WORKER, { roster: DEFAULT_ROSTER, period, options, keepValues: "all" });
    if (!pool) throw new Error("no pool: is dist/cli-read-worker.cjs built?");
    try {
      const names = files.map((f) => f.file).slice(0, 38);
      let changedByOptions = 0;
      // One at a time, so the pool never reads here: every file is read and checked by the worker.
      for (const file of names) {
        const got = await pool.read({ file, bytes: new Uint8Array(0) }, {});
        if (got.kind !== "checked") throw new Error(`${file} was not checked in the worker`);
        const here = await readHere(paths.get(file) ?? "", file, {});
        if (here.kind !== "submission" || got.outcome.kind !== "submission") throw new Error(`${file}: not a submission`);
        const own = validateSubmission(here.submission, { roster: DEFAULT_ROSTER, period, options });
        expect(JSON.stringify(got.own), file).toBe(JSON.stringify(own));
        if (JSON.stringify(own) !== JSON.stringify(validateSubmission(here.submission, { roster: DEFAULT_ROSTER, period, options: {} }))) changedByOptions++;
        // Values kept: the same cells as read here.
        const cells = (sub: typeof here.submission): number => sub.forms.reduce((n, f) => n + f.cells.size, 0);
        expect(cells(got.outcome.submission)).toBe(cells(here.submission));
      }
      expect(pool.counts.here).toBe(0);
      // The options matter for these files: a worker checking without them would be caught.
      expect(changedByOptions).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});

describe("what a worker sends back of the values", () => {
  it("a command's check: its own share of the values, every value with a history (whose checks read blank cells)", () => {
    const period = parsePeriod("2023-H1");
    const options = { ruleSeverity: { "V-X-01": "error" }, creationTime: "2023-07-14T00:00:00Z" } as const;
    expect(workerCheckFor(DEFAULT_ROSTER, period, options, false, "filled").keepValues).toBe("filled");
    expect(workerCheckFor(DEFAULT_ROSTER, period, options, false, "none").keepValues).toBe("none");
    expect(workerCheckFor(DEFAULT_ROSTER, period, options, true, "filled").keepValues).toBe("all");
    expect(workerCheckFor(DEFAULT_ROSTER, period, options, true, "none").keepValues).toBe("all");
    // Only the options the checks read cross to the worker.
    expect(workerCheckFor(DEFAULT_ROSTER, period, options, false, "none").options).toEqual({ ruleSeverity: { "V-X-01": "error" } });
  });

  it("for a report: the filled cells and every text, no blank or group cell", { timeout: 60_000 }, async () => {
    const { files, paths } = inputs();
    const period = parsePeriod("2023-H1");
    const pool = openReadPool(2, paths, WORKER, { roster: DEFAULT_ROSTER, period, options: {}, keepValues: "filled" });
    if (!pool) throw new Error("no pool: is dist/cli-read-worker.cjs built?");
    type Sub = Extract<Awaited<ReturnType<typeof readHere>>, { kind: "submission" }>["submission"];
    const cells = (sub: Sub, filled: boolean): number => sub.forms.reduce((n, f) => n + [...f.cells.values()].reduce((m, cols) => m + [...cols.values()].filter((c) => c.filled === filled).length, 0), 0);
    const texts = (sub: Sub): string => JSON.stringify(sub.forms.map((f) => [...f.texts].map(([row, cols]) => [row, [...cols]])));
    try {
      let blanksRead = 0;
      for (const file of files.map((f) => f.file).slice(0, 20)) {
        const got = await pool.read({ file, bytes: new Uint8Array(0) }, {});
        const here = await readHere(paths.get(file) ?? "", file, {});
        if (got.kind !== "checked" || got.outcome.kind !== "submission" || here.kind !== "submission") continue;
        const sent = got.outcome.submission;
        expect(cells(sent, true), file).toBe(cells(here.submission, true));
        expect(cells(sent, false), file).toBe(0);
        expect(texts(sent), file).toBe(texts(here.submission));
        expect(sent.forms.every((f) => f.groupCells.size === 0), file).toBe(true);
        blanksRead += cells(here.submission, false);
      }
      // Blank cells were there to drop.
      expect(blanksRead).toBeGreaterThan(0);
      expect(pool.counts.here).toBe(0);
    } finally {
      await pool.close();
    }
  });
});

describe("how many threads read", () => {
  it("--jobs N given: N threads, one per 8 files at most", () => {
    expect(readersFor(39, 3, true)).toBe(3);
    expect(readersFor(20, 4, true)).toBe(2);
    expect(readersFor(5, 4, true)).toBe(1);
  });

  it("--jobs not given: the cores, but a worker only per 400 files (each thread warms V8 up on its own)", () => {
    expect(readersFor(99, 2, false)).toBe(1);
    expect(readersFor(399, 8, false)).toBe(1);
    expect(readersFor(999, 2, false)).toBe(2);
    expect(readersFor(2000, 8, false)).toBe(5);
    expect(readersFor(0, 2, false)).toBe(1);
  });

  it("V8's inlining budget is cut only when more than one thread reads (its compiler then competes with the reading)", () => {
    expect(compilerFlagsFor(1, "11.3.244.8-node.33")).toEqual([]);
    expect(compilerFlagsFor(2, "11.3.244.8-node.33")).toEqual(["--max-inlined-bytecode-size-cumulative=150"]);
    expect(compilerFlagsFor(8, "13.6.233.10-node.18")).toEqual(["--max-inlined-bytecode-size-cumulative=150"]);
    // A V8 this was not measured on keeps its defaults (and prints no "unrecognized flag").
    expect(compilerFlagsFor(2, "14.1.1")).toEqual([]);
    // This Node's V8 knows the flag: setting it prints nothing.
    const probe = spawnSync(process.execPath, ["-e", `require("node:v8").setFlagsFromString(${JSON.stringify(compilerFlagsFor(2)[0] ?? "")})`], { encoding: "utf8" });
    expect(probe.stderr).toBe("");
  });
});
