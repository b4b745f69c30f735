/**
 * A host's own inflater and CRC-32 (ReadOptions.inflateRaw and crc32: the CLI passes Node's zlib, several
 * times faster than fflate and the core's table CRC) change nothing read: every .xlsx fixture, hostile ones included (bombs, lying sizes, bad CRCs,
 * damaged streams), gives the same outcome with Node's zlib as with fflate, and a damaged part is refused
 * whichever inflated it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { comparable, xlsxUnder } from "./helpers/outcomes";
import { inflateRawSync } from "node:zlib";
import { NODE_BYTES, nodeInflateRaw } from "../src/cli/pool/read-here";
import { crc32 } from "../src/core/read/package";
import { readSubmission } from "../src/core/read/reader";

const FIXTURES = path.join(__dirname, "fixtures");

/** Node's zlib as the CLI passes it (src/cli/pool/read-here.ts): never more than the declared size out. */
const zlib = nodeInflateRaw;

describe("reading with the host's inflater = reading with fflate's", () => {
  const files = xlsxUnder(FIXTURES);
  it("finds the fixtures", () => expect(files.length).toBeGreaterThan(100));
  for (const full of files) {
    const rel = path.relative(FIXTURES, full);
    it(rel, async () => {
      const bytes = new Uint8Array(readFileSync(full));
      const own = await readSubmission(bytes, rel, { sha256: "x" });
      const host = await readSubmission(bytes, rel, { sha256: "x", ...NODE_BYTES });
      expect(comparable(host)).toBe(comparable(own));
    });
  }

  it("what a host inflater gives is checked as fflate's is: one byte more, or one byte changed, is a damaged package", async () => {
    const file = path.join(FIXTURES, "submissions", "cases", "ok-libreoffice-resaved.xlsx");
    const bytes = new Uint8Array(readFileSync(file));
    const rules = (o: Awaited<ReturnType<typeof readSubmission>>): string[] => (o.kind === "submission" ? ["read as a submission"] : o.findings.map((f) => f.rule));
    // Still XML after either change (a trailing space; a digit of a value changed): only the size and the CRC tell.
    const longer = (raw: Uint8Array, size: number): Uint8Array => {
      const real = inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) });
      const out = new Uint8Array(real.length + 1);
      out.set(real);
      out[real.length] = 0x20;
      return out;
    };
    const changed = (raw: Uint8Array, size: number): Uint8Array => {
      const out = new Uint8Array(inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) }));
      const v = Buffer.from(out).indexOf("<v>1");
      if (v >= 0) out[v + 3] = 0x32;
      return out;
    };
    expect((await readSubmission(bytes, "a.xlsx", { inflateRaw: zlib })).kind).toBe("submission");
    for (const inflateRaw of [longer, changed]) {
      expect(rules(await readSubmission(bytes, "a.xlsx", { inflateRaw }))).toEqual(["V-FILE-01"]);
      expect(rules(await readSubmission(bytes, "a.xlsx", { inflateRaw, crc32: NODE_BYTES.crc32 }))).toEqual(["V-FILE-01"]);
    }
  });

  it("zlib's CRC-32 is the core's, over a whole part and continued piece by piece", () => {
    const hostCrc = NODE_BYTES.crc32;
    if (!hostCrc) throw new Error("the CLI passes zlib's crc32");
    const data = new Uint8Array(70_001).map((_, i) => (i * 2_654_435_761) >>> 24);
    // The check value of CRC-32 (ISO-HDLC), from its catalogue: "123456789" → 0xCBF43926.
    expect(hostCrc(new TextEncoder().encode("123456789"), 0)).toBe(0xcbf43926);
    expect(hostCrc(data, 0)).toBe(crc32(data));
    expect(hostCrc(data.subarray(40_000), hostCrc(data.subarray(0, 40_000), 0))).toBe(crc32(data));
  });
});
