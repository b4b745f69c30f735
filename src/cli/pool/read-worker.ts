/**
 * The read pool's worker (bundled as dist/cli-read-worker.cjs): reads one input file from disk,
 * hashes it once and reads it as a submission. The bytes stay here and are dropped with the task.
 */
import { readFile } from "node:fs/promises";
import { readSubmission } from "../../core/read/reader";
import { sha256Hex } from "../../core/read/sha256";
import { toWire, type ReadTask, type WireOutcome } from "./task";

export default async function readTask(task: ReadTask): Promise<WireOutcome> {
  const bytes = new Uint8Array(await readFile(task.full));
  const clock = task.timed ? { now: (): number => performance.now() } : {};
  return toWire(await readSubmission(bytes, task.file, { ...task.limits, ...clock, sha256: sha256Hex(bytes) }));
}
