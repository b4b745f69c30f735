/**
 * The read pool's worker (bundled as dist/cli-read-worker.cjs): reads one input file from disk,
 * hashes it once and reads it as a submission (read-here.ts); given the run's check (`workerCheckFor`), it
 * checks the submission too, and sends back only the values the run keeps. The bytes stay here and are
 * dropped with the task; what crosses back is the outcome, each form by its catalogue code (task.ts),
 * and its findings. Once the files are read, it may deflate the report's parts (`deflatePart`).
 */
import { workerData } from "piscina";
import { keptValues, type ReadOutcome } from "../../core/read/submission";
import { validateSubmission } from "../../core/validate/validate";
import { deflateChunks } from "../../core/xlsx/deflate";
import { readHere } from "./read-here";
import { toWire, type DeflateTask, type ReadTask, type WireResult, type WorkerCheck } from "./task";

const check = (workerData as { check?: WorkerCheck } | undefined)?.check ?? null;

export default async function readTask(task: ReadTask): Promise<WireResult> {
  const clock = task.timed ? { now: (): number => performance.now() } : {};
  const outcome: ReadOutcome = await readHere(task.full, task.file, { ...task.limits, ...clock });
  if (check === null || outcome.kind !== "submission") return { outcome: toWire(outcome), own: null };
  const own = validateSubmission(outcome.submission, check);
  const submission = keptValues(outcome.submission, check.keepValues);
  return { outcome: toWire({ kind: "submission", submission }), own };
}

/** One of the report's parts deflated here (piscina's task `deflatePart`), as the writer would in its own thread. */
export function deflatePart(task: DeflateTask): Array<Uint8Array<ArrayBuffer>> {
  return deflateChunks(task.chunks);
}
