/**
 * The read pool's worker (bundled as dist/cli-read-worker.cjs): reads one input file from disk,
 * hashes it once and reads it as a submission (read-here.ts); given the run's check (`workerCheckFor`), it
 * checks the submission too, and sends back only the values the run keeps. The bytes
 * stay here and are dropped with the task; what crosses back is the outcome, each form by its
 * catalogue code (task.ts), and its findings.
 */
import { workerData } from "piscina";
import { keptValues, type ReadOutcome } from "../../core/read/submission";
import { validateSubmission } from "../../core/validate/validate";
import { readHere } from "./read-here";
import { toWire, type ReadTask, type WireResult, type WorkerCheck } from "./task";

const check = (workerData as { check?: WorkerCheck } | undefined)?.check ?? null;

export default async function readTask(task: ReadTask): Promise<WireResult> {
  const clock = task.timed ? { now: (): number => performance.now() } : {};
  const outcome: ReadOutcome = await readHere(task.full, task.file, { ...task.limits, ...clock });
  if (check === null || outcome.kind !== "submission") return { outcome: toWire(outcome), own: null };
  const own = validateSubmission(outcome.submission, check);
  const submission = keptValues(outcome.submission, check.keepValues);
  return { outcome: toWire({ kind: "submission", submission }), own };
}
