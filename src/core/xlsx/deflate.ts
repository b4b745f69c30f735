/**
 * How the report's parts are deflated: fflate's Deflate at one level, in segments. A part's bytes come
 * from the writer in chunks (1 MB each but the last); every SEGMENT_CHUNKS chunks make a segment,
 * deflated as a stream of its own and ended by a sync flush (an empty stored block, so the next stream
 * starts on a byte boundary), the part's last segment ended as the part. Joined in order they are one
 * valid deflate stream. So a long part can be deflated by several threads at once, and the bytes depend
 * only on the part's bytes: the same here, in a host's worker or in the browser. Kept apart from the
 * writer so that a host's worker can deflate segments without loading the writer.
 */
import { Deflate } from "fflate";

// Level 4: half the time of level 6 for 7 % more bytes (a 4 MB sheet: 49 vs 108 ms).
export const DEFLATE_LEVEL = 4;

/**
 * The writer's chunks in a segment. Short enough that two threads share NguonSoLieu's 39 MB (1,000
 * units) evenly; each segment starts its window afresh, which costs ~0.1 % of the deflated size at 2 MB.
 */
export const SEGMENT_CHUNKS = 2;

/** One segment deflated: its chunks pushed in order; `last`: the part's last segment (a final block), else a sync flush. */
export function deflateSegment(chunks: readonly Uint8Array[], last: boolean): Array<Uint8Array<ArrayBuffer>> {
  const out: Array<Uint8Array<ArrayBuffer>> = [];
  const deflate = new Deflate({ level: DEFLATE_LEVEL }, (data) => void out.push(data));
  if (chunks.length === 0) deflate.push(new Uint8Array(0), last);
  chunks.forEach((chunk, i) => deflate.push(chunk, last && i === chunks.length - 1));
  if (!last) out.push(syncFlush(deflate));
  return out;
}

/** fflate 0.8.3's Deflate state: `r` holds the bits not yet written, the last byte's value above its bit count (`r & 7`). */
interface DeflateBits {
  readonly s: { readonly r?: number };
}

/**
 * Ends a segment on a byte boundary with an empty, non-final stored block (zlib's Z_SYNC_FLUSH:
 * the next stream may start after it). fflate's own `flush(true)` misplaces the block's length fields
 * when its pending bits are not at a byte's start (then the joined stream does not inflate): its pending
 * data is written out here, then the block's header after the pending bits, padding to the byte, and
 * the lengths 0 and 0xFFFF. The test of the segments checks the join with zlib, another inflater.
 */
function syncFlush(deflate: Deflate): Uint8Array<ArrayBuffer> {
  deflate.flush(false);
  const r = (deflate as unknown as DeflateBits).s.r;
  // Loudly, should a later fflate keep its pending bits elsewhere (the version is pinned).
  if (typeof r !== "number") throw new Error("deflate: fflate's pending bits not found (fflate 0.8.3 expected)");
  const bits = r & 7;
  // The pending bits' byte, then the 3-bit header (zeros: not final, stored) spills into a byte of its own past bit 5.
  const head = bits + 3 > 8 ? [r >> 3, 0] : [r >> 3];
  return new Uint8Array([...head, 0x00, 0x00, 0xff, 0xff]);
}

/**
 * A host's deflater for segments (the CLI's read worker, idle once the files are read): it takes the
 * segment (and may move its chunks' buffers) and answers `deflateSegment`'s bytes, or answers null at
 * once when it has no room now, and the writer deflates the segment itself.
 */
export type SegmentDeflater = (chunks: Uint8Array[], last: boolean) => Promise<Array<Uint8Array<ArrayBuffer>>> | null;
