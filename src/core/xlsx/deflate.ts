/**
 * How the report's parts are deflated: by our encoder (deflate-raw.ts), in segments. A part's bytes come
 * from the writer in chunks (1 MB each but the last); every SEGMENT_CHUNKS chunks make a segment,
 * deflated as a stream of its own and ended by a sync flush (an empty stored block, so the next stream
 * starts on a byte boundary), the part's last segment ended as the part. Joined in order they are one
 * valid deflate stream. So a long part can be deflated by several threads at once, and the bytes depend
 * only on the part's bytes: the same here, in a host's worker or in the browser. Kept apart from the
 * writer so that a host's worker can deflate segments without loading the writer.
 */
import { deflateRaw } from "./deflate-raw";

/**
 * The writer's chunks in a segment. Short enough that two threads share NguonSoLieu's 39 MB (1,000
 * units) evenly; each segment starts its window afresh, which costs ~0.1 % of the deflated size at 2 MB.
 */
export const SEGMENT_CHUNKS = 2;

/** One segment deflated: its chunks joined; `last`: the part's last segment (a final block), else a sync flush. */
export function deflateSegment(chunks: readonly Uint8Array[], last: boolean): Array<Uint8Array<ArrayBuffer>> {
  return [deflateRaw(joined(chunks), last)];
}

function joined(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 && chunks[0] ? chunks[0] : concat(chunks);
}

/** Byte arrays joined into one. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A host's deflater for segments (the CLI's read worker, idle once the files are read): it takes the
 * segment (and may move its chunks' buffers) and answers `deflateSegment`'s bytes, or answers null at
 * once when it has no room now, and the writer deflates the segment itself.
 */
export type SegmentDeflater = (chunks: Uint8Array[], last: boolean) => Promise<Array<Uint8Array<ArrayBuffer>>> | null;
