/**
 * Regression: fflate 0.8.3's `Deflate.flush(true)` (a sync flush: an empty stored block, after which
 * another deflate stream may follow) writes the block's length fields one byte too far when its pending
 * bits are not at a byte's start. A report part joined from such segments did not inflate ("invalid
 * stored block lengths" from Python's zipfile, on NguonSoLieu at 1,000 units). deflate.ts wrote the
 * empty block itself; since 2026-12-07 the report is deflated by our own encoder (deflate-raw.ts), and
 * these cases hold it to the same join. The fixture is 57 rows of sheet XML whose first half ends on
 * such bits; the inflater is Node's zlib, not fflate.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { Deflate } from "fflate";
import { describe, expect, it } from "vitest";
import { deflateSegment } from "../../src/core/xlsx/deflate";
import { deflateChunks } from "../helpers/segments";

const ROWS = readFileSync(path.join(__dirname, "fixtures", "fflate-sync-flush", "rows.xml"));

/** Two segments joined, the first ended by `end`, as zlib inflates them (or its error). */
function joined(text: Uint8Array, at: number, first: (part: Uint8Array) => Uint8Array[]): string {
  const bytes = Buffer.concat([...first(text.subarray(0, at)), ...deflateSegment([text.subarray(at)], true)]);
  try {
    return inflateRawSync(bytes).toString("utf8");
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** The level deflate.ts gave fflate (the fixture's bits are fflate's at this level). */
const FFLATE_LEVEL = 4;

/** fflate's own sync flush, as deflate.ts first used it. */
function fflateFlush(part: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  const deflate = new Deflate({ level: FFLATE_LEVEL }, (data) => void out.push(data));
  deflate.push(part, false);
  deflate.flush(true);
  return out;
}

describe("segments joined after a sync flush (fflate's flush misplaces the lengths)", () => {
  it("the fixture shows the quirk with fflate's flush(true), and inflates whole with ours", () => {
    const half = ROWS.length >> 1;
    expect(joined(ROWS, half, fflateFlush)).toMatch(/invalid stored block lengths/u);
    expect(joined(ROWS, half, (part) => deflateSegment([part], false))).toBe(ROWS.toString("utf8"));
  });

  it("inflates whole wherever the first segment ends (every pending-bit position is met)", () => {
    const text = Buffer.concat([ROWS, Buffer.from(ROWS).reverse(), Buffer.from("Hà Nội, Đà Nẵng, Thành phố Hồ Chí Minh ".repeat(40))]);
    for (let at = 1; at < text.length; at += 37) expect(joined(text, at, (part) => deflateSegment([part], false))).toBe(text.toString("utf8"));
  });

  it("a part of many chunks, deflated segment by segment, inflates whole", () => {
    const text = Buffer.from(Array.from({ length: 40_000 }, (_, r) => `<row r="${r + 1}"><c r="B${r + 1}"><v>${(r * 7919) % 9973}</v></c></row>`).join(""));
    const chunks = Array.from({ length: Math.ceil(text.length / 100_000) }, (_, i) => text.subarray(i * 100_000, (i + 1) * 100_000));
    expect(chunks.length).toBeGreaterThan(4);
    expect(inflateRawSync(Buffer.concat(deflateChunks(chunks))).equals(text)).toBe(true);
  });
});
