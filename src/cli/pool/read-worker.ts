/**
 * The read pool's worker (bundled as dist/cli-read-worker.cjs): reads one input file from disk,
 * hashes it once and reads it as a submission (read-here.ts); given the run's check (`workerCheckFor`), it
 * checks the submission too, and sends back only the values the run keeps. The bytes stay here and are
 * dropped with the task; what crosses back is the outcome, each form by its catalogue code (task.ts),
 * and its findings. Once the files are read, it may deflate the report's parts (`deflateSegments`).
 */
// Node's, not piscina's: piscina's worker sets the pool's `workerData` as the thread's own, and importing
// piscina's index in each worker cost ~35–70 ms of start-up (its pool, queues, perf_hooks, assert) before
// the first file was read.
import { workerData } from "node:worker_threads";
import { keptValues, type ReadOutcome } from "../../core/read/submission";
import { validateSubmission } from "../../core/validate/validate";
import { deflateSegment } from "../../core/xlsx/deflate";
import { readHere } from "./read-here";
import { toWire, type DeflatedSegment, type DeflateTask, type ReadTask, type SegmentTask, type WireResult, type WorkerCheck } from "./task";

const check = (workerData as { check?: WorkerCheck } | undefined)?.check ?? null;

export default async function readTask(task: ReadTask): Promise<WireResult> {
  const clock = task.timed ? { now: (): number => performance.now() } : {};
  const outcome: ReadOutcome = await readHere(task.full, task.file, { ...task.limits, ...clock });
  if (check === null || outcome.kind !== "submission") return { outcome: toWire(outcome), own: null };
  const own = validateSubmission(outcome.submission, check);
  const submission = keptValues(outcome.submission, check.keepValues);
  return { outcome: toWire({ kind: "submission", submission }), own };
}

/**
 * The report's segments deflated here as they come (piscina's task `deflateSegments`, one for the whole
 * report: a task per segment would wait in piscina's queue until the writer, which does not yield, was
 * done), as the writer would in its own thread (deflate.ts `deflateSegment`: the same bytes). Each one
 * finished is counted in `done` before its bytes go back. The task ends when the pool's end of the port closes.
 */
export function deflateSegments(task: DeflateTask): Promise<number> {
  const { port, done } = task;
  let count = 0;
  port.on("message", (m: SegmentTask) => {
    let answer: DeflatedSegment;
    try {
      answer = { id: m.id, out: deflateSegment(m.chunks, m.last) };
    } catch (err) {
      answer = { id: m.id, out: [], error: err instanceof Error ? err.message : String(err) };
    }
    count++;
    Atomics.add(done, 0, 1);
    // fflate's chunks own their buffers: moved, not copied.
    port.postMessage(answer, answer.out.map((data) => data.buffer));
  });
  return new Promise<number>((resolve) => port.once("close", () => resolve(count)));
}
