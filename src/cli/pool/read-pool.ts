/**
 * `--jobs N`: the input files are read (and hashed) by N threads, N - 1 worker threads and this one,
 * each reading its file from disk. The core puts the outcomes in a fixed order, so the result is the
 * same with one job or many, whichever thread read which file.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { MessageChannel, type MessagePort } from "node:worker_threads";
import { Piscina } from "piscina";
import { uniqueFileNames } from "../../core/pipeline";
import type { InputFile, ReadInput } from "../../core/validate/run";
import { findInputs, inputsOnDisk } from "../inputs";
import { readHere } from "./read-here";
import type { SegmentDeflater } from "../../core/xlsx/deflate";
import { fromWireResult, limitsOf, type DeflatedSegment, type DeflateTask, type SegmentTask, type ReadTask, type WireResult, type WorkerCheck } from "./task";

const WORKER_FILE = "cli-read-worker.cjs";
/** `--jobs N` given: fewer files than this per worker, fewer workers (a worker's start-up is ~10 files' reading). */
const FILES_PER_WORKER = 8;
/**
 * `--jobs` not given: a worker per this many files. Each thread warms V8 up on its own (its first few
 * hundred files read 1.5–2.5x slower; ~0.5 s, ~1 s when both cores are busy): below this a worker costs
 * more than it reads. Measured here: 99 files in 0.97 s alone against 1.2 s with a worker; about even at 999.
 */
const FILES_PER_DEFAULT_WORKER = 400;
/**
 * Tasks waiting in each worker. A task is a path (the worker reads the file), so a long queue costs no
 * memory. This thread hands tasks out only between its own steps, and one step can be long (a cold file
 * read here, ~25 ms; a collection): with two tasks the worker waited a quarter of its time (0.8 s of a
 * 999-file run), with eight a tenth, and the run took ~0.2 s less (DECISIONS.md).
 */
const TASKS_PER_WORKER = 8;

/**
 * V8's flags for a run read by more than one thread (none for one). Each thread's V8 compiles the reader
 * again with its optimising compiler, on threads of its own: ~1.8 s of compile jobs a thread at V8's
 * default inlining budget (920 bytes of bytecode), ~0.9 s at 150. On one thread the compiler works on a
 * core that is free anyway; with every core reading, it takes its time from the reading. Measured on
 * 999 files, 2 cores: `validate` 3.06 → 2.76 s, `aggregate` 5.08 → 4.74 s; `--jobs 1` would lose ~2 %
 * (less inlined code), so one thread keeps V8's defaults (DECISIONS.md). Same results either way.
 */
export function compilerFlagsFor(readers: number, v8Version: string = process.versions.v8): readonly string[] {
  // Only for the V8 of the Node versions `engines` allows (20 to 24: V8 11 to 13), which have the flag: an
  // unknown one would print "unrecognized flag" on every run.
  const major = Number.parseInt(v8Version, 10);
  return readers > 1 && major >= 11 && major <= 13 ? ["--max-inlined-bytecode-size-cumulative=150"] : [];
}

/** How many threads read `files` files: `jobs` at most, fewer when there are too few files for them. */
export function readersFor(files: number, jobs: number, chosen: boolean): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / (chosen ? FILES_PER_WORKER : FILES_PER_DEFAULT_WORKER))));
}

/** The bundled worker beside the bundled CLI (dist/), or null when running from the sources. */
function workerFile(): string | null {
  const here = typeof __dirname === "string" ? __dirname : null;
  const file = here ? path.join(here, WORKER_FILE) : null;
  return file && existsSync(file) ? file : null;
}

export interface ReadPool {
  readonly read: ReadInput;
  /** The report's parts deflated by the workers, idle once the files are read (writer.ts `WriteOptions.deflate`). */
  readonly deflate: SegmentDeflater;
  /** Files read so far by this thread and by the workers (for the bench and the tests). */
  readonly counts: { here: number; workers: number; deflated: number };
  /** Files read at once: the tasks waiting in the workers (TASKS_PER_WORKER each) and this thread's one. */
  readonly parallel: number;
  close(): Promise<void>;
}

/**
 * `jobs` readers: `jobs - 1` worker threads and this thread, which would otherwise sit waiting for
 * them. A file goes to a worker while one has room (TASKS_PER_WORKER tasks), else it is read here. On two
 * cores that is two busy threads, not three: the main thread's own work (checking each submission
 * as it comes) no longer competes with two workers, one worker's start-up and half the copies back
 * are saved. Null when one job is asked, or when the worker bundle is absent (the CLI run from its
 * sources): the core then reads in this thread. `filename`: the worker bundle (a test passes dist's).
 * `check` (`validate`, `aggregate`): the workers check what they read and send back only the values the
 * run keeps (none for `validate`, the filled cells and texts for a report): the copy back is a fraction,
 * and this thread does not check those files.
 */
export function openReadPool(jobs: number, paths: ReadonlyMap<string, string>, filename: string | null = workerFile(), check: WorkerCheck | null = null): ReadPool | null {
  if (jobs <= 1 || filename === null) return null;
  // Before any file is read here or in a worker (V8's flags are the process's, the workers' too).
  for (const flag of compilerFlagsFor(jobs)) setFlagsFromString(flag);
  const workers = jobs - 1;
  const room = TASKS_PER_WORKER * workers;
  const pool = new Piscina<ReadTask | DeflateTask, WireResult | number>({ filename, minThreads: workers, maxThreads: workers, idleTimeout: 1000, concurrentTasksPerWorker: TASKS_PER_WORKER, workerData: { check } });
  let sent = 0;
  const counts = { here: 0, workers: 0, deflated: 0 };
  const read: ReadInput = async (input, options) => {
    const full = paths.get(input.file);
    if (full === undefined) throw new Error(`no path for ${input.file}`);
    if (sent >= room) {
      // Reading here is synchronous, and the lanes go from one file to the next by promises alone: without
      // a turn of the event loop first, the workers' answers waited unread until this thread had read
      // every other file itself (997 of 999).
      await nextTurn();
      if (sent >= room) {
        counts.here++;
        return readHere(full, input.file, options);
      }
    }
    counts.workers++;
    sent++;
    try {
      const task: ReadTask = { full, file: input.file, limits: limitsOf(options), timed: options.now !== undefined };
      return fromWireResult((await pool.run(task)) as WireResult);
    } finally {
      sent--;
    }
  };
  const parts = deflateSession(pool, counts);
  // One more file at a time than the workers take: the one this thread reads.
  return {
    read,
    deflate: parts.deflate,
    counts,
    parallel: room + 1,
    close: () => {
      parts.close();
      return pool.destroy();
    },
  };
}

/**
 * Segments the worker may have waiting: with one finishing and one waiting it is never idle while this
 * thread writes, and what it has not taken this thread deflates itself (the last part's segments too).
 */
const SEGMENTS_WAITING = 2;

/**
 * The report's segments deflated by a worker, through one port (read-worker.ts `deflateSegments`),
 * opened with the first segment: piscina hands a task out only when this thread yields, and the writer
 * does not yield until the last part is written. The worker counts what it has finished in shared
 * memory, so the writer learns whether it has room without waiting for an answer. A segment's chunks
 * move to the worker; the port holds the process only while a segment is away.
 */
function deflateSession(pool: Piscina<ReadTask | DeflateTask, WireResult | number>, counts: { deflated: number }): { deflate: SegmentDeflater; close(): void } {
  let port: MessagePort | null = null;
  // Set once the worker's task has ended (the pool closed, or the worker gone): no more segments go there.
  let dead = false;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const away = new Map<number, { resolve(out: Array<Uint8Array<ArrayBuffer>>): void; reject(err: Error): void }>();
  let sent = 0;
  const answered = (id: number): { resolve(out: Array<Uint8Array<ArrayBuffer>>): void; reject(err: Error): void } | undefined => {
    const waiting = away.get(id);
    away.delete(id);
    if (away.size === 0) port?.unref();
    return waiting;
  };
  const start = (): MessagePort => {
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (m: DeflatedSegment) => {
      const waiting = answered(m.id);
      if (m.error === undefined) waiting?.resolve(m.out);
      else waiting?.reject(new Error(m.error));
    });
    const task: DeflateTask = { port: port2, done };
    // The task ended (the pool closed, or the worker gone, even with nothing away): every segment away
    // fails, and the writer deflates the next ones itself (a message to a gone worker would never be answered).
    const end = (err: unknown): void => {
      dead = true;
      const error = err instanceof Error ? err : new Error(String(err));
      for (const id of [...away.keys()]) answered(id)?.reject(error);
    };
    pool.run(task, { name: "deflateSegments", transferList: [port2] }).then(
      () => end(new Error("the deflating worker stopped")),
      (err: unknown) => end(err),
    );
    port1.once("close", () => end(new Error("the deflating worker's port closed")));
    return port1;
  };
  const deflate: SegmentDeflater = (chunks, last) => {
    if (dead || sent - Atomics.load(done, 0) >= SEGMENTS_WAITING) return null;
    const to = (port ??= start());
    const id = sent++;
    counts.deflated++;
    to.ref();
    const answer = new Promise<Array<Uint8Array<ArrayBuffer>>>((resolve, reject) => away.set(id, { resolve, reject }));
    const message: SegmentTask = { id, chunks, last };
    // The chunks' buffers move to the worker (the writer starts a new one after each chunk).
    to.postMessage(message, [...new Set(chunks.map((c) => c.buffer))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
    return answer;
  };
  return { deflate, close: () => port?.close() };
}

/** After the events waiting now (a worker's answer among them) have been handled. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface PeriodInputs {
  readonly files: readonly InputFile[];
  /** How the files are read: the pool, or this thread alone (both with Node's zlib and SHA-256). */
  readonly read: ReadInput;
  /** The pool's deflater for the report's parts; none without a pool (the writer deflates here). */
  readonly deflate?: SegmentDeflater;
  readonly parallel: number;
  close(): Promise<void>;
}

/**
 * `work` on the period's inputs, then `done` with its result while the workers stop (a thread's teardown,
 * ~40 ms, need not come before the results are written out); the pool is closed whatever happens.
 */
export async function withInputs<T>(inputs: PeriodInputs, work: () => Promise<T>, done: (result: T) => Promise<void>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (err) {
    await inputs.close();
    throw err;
  }
  const closed = inputs.close();
  try {
    await done(result);
  } finally {
    await closed;
  }
  return result;
}

/**
 * The period's input files, ready for the pipeline: their bytes are left on disk and read one by one
 * when their turn comes (a file's bytes are dropped once it is read), by the pool with more than one
 * job and enough files, else by this thread alone.
 */
export async function periodInputs(paths: readonly string[], jobs: { readonly count: number; readonly chosen: boolean }, check: WorkerCheck | null = null): Promise<PeriodInputs> {
  const found = await findInputs(paths);
  const onDisk = new Map<string, string>();
  // The workers start as soon as the files are counted: a worker takes ~0.2 s to start (Node's own start-up
  // and the bundle), time in which this thread reads the first files.
  const readers = readersFor(found.files, jobs.count, jobs.chosen);
  const pool = readers > 1 ? openReadPool(readers, onDisk, undefined, check) : null;
  // Names made unique here, so the pipeline keeps them and each finds its path (filled in before any read).
  const files = uniqueFileNames(inputsOnDisk(found));
  for (const f of files) if (f.full !== undefined) onDisk.set(f.file, f.full);
  if (pool) return { files, read: pool.read, deflate: pool.deflate, parallel: pool.parallel, close: () => pool.close() };
  const read: ReadInput = (input, options) => {
    const full = onDisk.get(input.file);
    if (full === undefined) throw new Error(`no path for ${input.file}`);
    return readHere(full, input.file, options);
  };
  return { files, read, parallel: 1, close: () => Promise.resolve() };
}
