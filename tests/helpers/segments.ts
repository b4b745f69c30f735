/**
 * A part's chunks deflated as deflate.ts describes it, written here from that description rather than
 * taken from the writer: every SEGMENT_CHUNKS chunks a segment, the last ended as the part. The bytes any
 * host's deflater, and the writer itself, must give for these chunks.
 */
import { deflateSegment, SEGMENT_CHUNKS } from "../../src/core/xlsx/deflate";

export function deflateChunks(chunks: readonly Uint8Array[]): Uint8Array[] {
  if (chunks.length === 0) return deflateSegment([], true);
  const out: Uint8Array[] = [];
  for (let at = 0; at < chunks.length; at += SEGMENT_CHUNKS) {
    out.push(...deflateSegment(chunks.slice(at, at + SEGMENT_CHUNKS), at + SEGMENT_CHUNKS >= chunks.length));
  }
  return out;
}
