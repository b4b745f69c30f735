/**
 * Regression (a review of 2026-12-07, hostile files in the pane): a part whose directory declares 1 KB for
 * a deflate stream of 300 KB that makes 300 MB was inflated "at once" into a buffer of its declared size;
 * fflate, given a full buffer, went on decoding the whole stream before the lie was seen (2.4 s in Node,
 * ~10 s in the pane, for each such file). A part whose compressed size could not come from its declared
 * size is now read a slice at a time, and refused after the first (V-FILE-01: the package lies).
 * Fixture: tests/regressions/fixtures/lying-worksheet-bomb.xlsx (make-history-zip-bomb.mjs).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const BOMB = path.join(__dirname, "fixtures", "lying-worksheet-bomb.xlsx");
const OK = path.join(__dirname, "..", "fixtures", "submissions", "cases", "ok-filled.xlsx");

/** `bytes` with entry `name`'s uncompressed size set to `size` in the central directory and its local header. */
function declared(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const want = new TextEncoder().encode(name);
  for (let p = 0; p + 46 < out.length; p++) {
    if (view.getUint32(p, true) !== 0x02014b50) continue;
    const length = view.getUint16(p + 28, true);
    if (length !== want.length || !out.subarray(p + 46, p + 46 + length).every((b, i) => b === want[i])) continue;
    view.setUint32(p + 24, size, true);
    view.setUint32(view.getUint32(p + 42, true) + 22, size, true);
  }
  return out;
}

/** An at-once inflater that records the compressed and declared sizes it is asked for. */
function spyInflater(): { calls: Array<[number, number]>; inflateRaw(raw: Uint8Array, size: number): Uint8Array } {
  const calls: Array<[number, number]> = [];
  return { calls, inflateRaw: (raw, size) => (calls.push([raw.length, size]), inflateSync(raw, { out: new Uint8Array(size + 1) })) };
}

describe("a part that declares less than its compressed size could make", () => {
  it("is never inflated at once, and is refused as a damaged package", async () => {
    const spy = spyInflater();
    const outcome = await readSubmission(new Uint8Array(readFileSync(BOMB)), "lying-worksheet-bomb.xlsx", { inflateRaw: spy.inflateRaw });
    expect(outcome.kind).toBe("unreadable");
    expect(outcome.kind !== "submission" ? outcome.findings.map((f) => f.rule) : []).toEqual(["V-FILE-01"]);
    // No part whose compressed bytes exceed what its declared size allows went to the at-once inflater.
    expect(spy.calls.filter(([compressed, declared]) => compressed > declared + 64)).toEqual([]);
  });

  it("nor when it declares a larger, still false, size (2 MiB for 1 KB of directory and 300 MB of stream)", async () => {
    const bytes = declared(new Uint8Array(readFileSync(BOMB)), "xl/worksheets/sheet1.xml", 2 * 1024 * 1024);
    const spy = spyInflater();
    const outcome = await readSubmission(bytes, "lying-worksheet-bomb.xlsx", { inflateRaw: spy.inflateRaw });
    expect(outcome.kind === "submission" ? [] : outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
    // Only parts of at most 64 KB of deflate (at most ~66 MB of output) are inflated at once.
    expect(spy.calls.filter(([compressed]) => compressed > 64 * 1024)).toEqual([]);
  });

  it("an honest file's parts are inflated at once, as before", async () => {
    const spy = spyInflater();
    const outcome = await readSubmission(new Uint8Array(readFileSync(OK)), "ok-filled.xlsx", { inflateRaw: spy.inflateRaw });
    expect(outcome.kind).toBe("submission");
    expect(spy.calls.length).toBeGreaterThan(5);
  });
});
