/**
 * The read pool's worker (bundled as dist/cli-read-worker.cjs): reads one input file from disk,
 * hashes it once and reads it as a submission. The bytes stay here and are dropped with the task.
 * Node's own zlib and SHA-256 do the byte work here (the same results as the core's pure-JS ones,
 * which the pane uses); the reader still checks every part's declared size and CRC.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { inflateRawSync } from "node:zlib";
import { readSubmission } from "../../core/read/reader";
import { toWire, type ReadTask, type WireOutcome } from "./task";

/** Never more than the part says it holds: a part that lies about its size fails here, not after. */
function inflateRaw(compressed: Uint8Array, expandedSize: number): Uint8Array {
  return new Uint8Array(inflateRawSync(compressed, { maxOutputLength: Math.max(expandedSize, 1) }));
}

export default async function readTask(task: ReadTask): Promise<WireOutcome> {
  const bytes = new Uint8Array(await readFile(task.full));
  const clock = task.timed ? { now: (): number => performance.now() } : {};
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return toWire(await readSubmission(bytes, task.file, { ...task.limits, ...clock, sha256, inflateRaw }));
}
