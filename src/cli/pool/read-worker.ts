/**
 * The read pool's worker (bundled as dist/cli-read-worker.cjs): reads one input file from disk,
 * hashes it once and reads it as a submission (read-here.ts). The bytes stay here and are dropped
 * with the task; what crosses back is the outcome, each form by its catalogue code (task.ts).
 */
import { readHere } from "./read-here";
import { toWire, type ReadTask, type WireOutcome } from "./task";

export default async function readTask(task: ReadTask): Promise<WireOutcome> {
  const clock = task.timed ? { now: (): number => performance.now() } : {};
  return toWire(await readHere(task.full, task.file, { ...task.limits, ...clock }));
}
