/**
 * Our deflate encoder (src/core/xlsx/deflate-raw.ts) against another code base's inflater: Node's zlib
 * (and Python's zipfile on whole reports, tests/xlsx-writer-segments). Every stream must inflate back to
 * its input, whatever the input: nothing, one byte, runs longer than a match, text that repeats at the
 * window's edge, bytes that do not compress (stored blocks), a sheet's XML. Streams ended by a sync flush
 * must join. The Huffman code lengths must form complete codes within deflate's limits (RFC 1951), which
 * zlib also checks as it inflates.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { codeLengths, deflateRaw } from "../src/core/xlsx/deflate-raw";
import { mulberry32 } from "../src/demo/sample";

/** A seeded generator (the demo's mulberry32): the same cases every run. */
const random = mulberry32;

function roundTrip(data: Uint8Array): Buffer {
  return inflateRawSync(deflateRaw(data, true));
}

const SHEET_ROWS = readFileSync(path.join(__dirname, "regressions", "fixtures", "fflate-sync-flush", "rows.xml"));

describe("deflateRaw: zlib inflates every stream back to its input", () => {
  it("nothing, one byte, every byte value once", () => {
    expect(roundTrip(new Uint8Array(0)).length).toBe(0);
    expect([...roundTrip(Uint8Array.of(7))]).toEqual([7]);
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(roundTrip(all).equals(all)).toBe(true);
  });

  it("a run of one byte (matches at distance 1, overlapping, of the longest length 258)", () => {
    const run = new Uint8Array(100_003).fill(0x61);
    const out = deflateRaw(run, true);
    expect(inflateRawSync(out).equals(run)).toBe(true);
    // 100,003 bytes in matches of 258 at distance 1 (a long match's last positions are indexed): a
    // few dozen bytes, not a stored copy, nor a match every 258 bytes at distance 258.
    expect(out.length).toBeLessThan(200);
  });

  it("bytes that do not compress go stored, at little more than their own size", () => {
    const next = random(1);
    const noise = Uint8Array.from({ length: 200_000 }, () => Math.floor(next() * 256));
    const out = deflateRaw(noise, true);
    expect(inflateRawSync(out).equals(noise)).toBe(true);
    // Stored blocks: 5 bytes of header per block (a block holds 32,768 symbols, here bytes), and the end.
    expect(out.length).toBeLessThanOrEqual(noise.length + 5 * Math.ceil(noise.length / 32_768) + 8);
  });

  it("text repeated at the window's edge (32,768 bytes back) and beyond it", () => {
    const next = random(2);
    const unit = Uint8Array.from({ length: 32_768 }, () => 0x41 + Math.floor(next() * 20));
    for (const period of [32_767, 32_768, 32_769, 40_000]) {
      const data = new Uint8Array(3 * period);
      for (let i = 0; i < data.length; i++) data[i] = unit[i % period % unit.length] ?? 0;
      expect(roundTrip(data).equals(data), `period ${period}`).toBe(true);
    }
  });

  it("a sheet's XML (the fixture's rows, repeated), and it deflates to less than a fifth", () => {
    const xml = Buffer.concat(Array.from({ length: 40 }, () => SHEET_ROWS));
    const out = deflateRaw(xml, true);
    expect(inflateRawSync(out).equals(xml)).toBe(true);
    expect(out.length).toBeLessThan(xml.length / 5);
  });

  it("mixes of noise and copies of earlier text, long and short (200 seeded cases)", () => {
    for (let seed = 0; seed < 200; seed++) {
      const next = random(1000 + seed);
      const length = Math.floor(next() * (seed % 10 === 0 ? 300_000 : 5_000));
      const data = new Uint8Array(length);
      for (let i = 0; i < length; ) {
        if (i > 4 && next() < 0.6) {
          const dist = 1 + Math.floor(next() * Math.min(i, next() < 0.1 ? 40_000 : 300));
          const len = Math.min(length - i, 3 + Math.floor(next() * (next() < 0.1 ? 600 : 30)));
          for (let k = 0; k < len; k++, i++) data[i] = data[i - dist] ?? 0;
        } else data[i++] = Math.floor(next() * (seed % 3 === 0 ? 4 : 256));
      }
      expect(roundTrip(data).equals(Buffer.from(data)), `seed ${seed}, ${length} bytes`).toBe(true);
    }
  });

  it("the same input gives the same bytes", () => {
    expect(Buffer.from(deflateRaw(SHEET_ROWS, true)).equals(Buffer.from(deflateRaw(SHEET_ROWS, true)))).toBe(true);
  });
});

describe("deflateRaw: streams ended by a sync flush join", () => {
  it("every cut of a text into two streams inflates whole, the first ended byte-aligned by 00 00 FF FF", () => {
    const text = Buffer.concat([SHEET_ROWS, Buffer.from("Hà Nội, Đà Nẵng, Thành phố Hồ Chí Minh ".repeat(40))]);
    for (let at = 0; at <= text.length; at += 53) {
      const first = deflateRaw(text.subarray(0, at), false);
      expect([...first.subarray(first.length - 4)]).toEqual([0x00, 0x00, 0xff, 0xff]);
      const joined = Buffer.concat([first, deflateRaw(text.subarray(at), true)]);
      expect(inflateRawSync(joined).equals(text), `cut at ${at}`).toBe(true);
    }
  });

  it("an empty stream before a sync flush is the flush alone (5 bytes)", () => {
    expect([...deflateRaw(new Uint8Array(0), false)]).toEqual([0x00, 0x00, 0x00, 0xff, 0xff]);
  });

  it("many streams, empty ones among them", () => {
    const parts = ["<row>", "", "<c r=\"A1\"/>".repeat(500), "", "</row>"].map((t) => Buffer.from(t));
    const joined = Buffer.concat(parts.map((p, i) => deflateRaw(p, i === parts.length - 1)));
    expect(inflateRawSync(joined).toString()).toBe(parts.join(""));
  });
});

/** Σ 2^-length over the coded symbols: 1 for a complete prefix code. */
function kraft(lengths: Uint8Array): number {
  return [...lengths].reduce((sum, len) => (len > 0 ? sum + 2 ** -len : sum), 0);
}

describe("codeLengths: complete prefix codes within deflate's limits", () => {
  it("Fibonacci counts, whose Huffman code is 30 deep, are cut to 15 and 7 bits and stay complete", () => {
    const fib = [1, 1];
    while (fib.length < 30) fib.push((fib[fib.length - 1] ?? 0) + (fib[fib.length - 2] ?? 0));
    for (const limit of [15, 7]) {
      const counts = fib.slice(0, limit === 7 ? 19 : 30);
      const lengths = codeLengths(counts, limit);
      expect(Math.max(...lengths)).toBe(limit);
      expect(kraft(lengths)).toBe(1);
      // The most frequent symbol has the shortest code.
      expect(lengths[counts.length - 1]).toBe(Math.min(...[...lengths].filter((l) => l > 0)));
    }
  });

  it("no symbol or one symbol used: two codes of one bit (an inflater may refuse a one-code tree)", () => {
    expect([...codeLengths([0, 0, 0], 15)]).toEqual([1, 1, 0]);
    expect([...codeLengths([0, 0, 5], 15)]).toEqual([1, 0, 1]);
  });

  it("random counts over deflate's alphabets (286, 30, 19 symbols), zeros among them: complete, within the limit, shorter for more frequent", () => {
    const next = random(7);
    for (let k = 0; k < 300; k++) {
      const size = [286, 30, 19][k % 3] ?? 286;
      const limit = size === 19 ? 7 : 15;
      // Skewed counts (some huge, many zero) force the limit now and then.
      const counts = Array.from({ length: size }, () => (next() < 0.3 ? 0 : Math.floor(2 ** (next() * 16))));
      const lengths = codeLengths(counts, limit);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(limit);
      expect(kraft(lengths)).toBe(1);
      counts.forEach((c, s) => {
        if (c > 0) expect(lengths[s], `symbol ${s}`).toBeGreaterThan(0);
      });
      // By count, most frequent first: the lengths never shrink.
      const used = counts.map((c, s) => ({ c, len: lengths[s] ?? 0 })).filter((u) => u.c > 0).sort((a, b) => b.c - a.c || a.len - b.len);
      used.forEach((u, i) => {
        if (i > 0) expect(u.len).toBeGreaterThanOrEqual(used[i - 1]?.len ?? 0);
      });
    }
  });

  it("counts with a known Huffman code (a textbook case): 45, 13, 12, 16, 9, 5", () => {
    // Huffman's lengths for these weights: 1, 3, 3, 3, 4, 4 (a cost of 224 bits).
    const lengths = codeLengths([45, 13, 12, 16, 9, 5], 15);
    expect([...lengths]).toEqual([1, 3, 3, 3, 4, 4]);
    expect(kraft(lengths)).toBe(1);
  });
});
