/**
 * A host's own inflater (ReadOptions.inflateRaw: the CLI may pass Node's zlib, several times faster than
 * fflate) changes nothing read: every .xlsx fixture, hostile ones included (bombs, lying sizes, bad CRCs,
 * damaged streams), gives the same outcome with Node's zlib as with fflate, and a damaged part is refused
 * whichever inflated it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inflateRawSync } from "node:zlib";
import { nodeInflateRaw } from "../src/cli/pool/read-here";
import { readSubmission } from "../src/core/read/reader";

const FIXTURES = path.join(__dirname, "fixtures");

function xlsxUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...xlsxUnder(full));
    else if (name.endsWith(".xlsx")) out.push(full);
  }
  return out;
}

/** Node's zlib as the CLI passes it (src/cli/pool/read-here.ts): never more than the declared size out. */
const zlib = nodeInflateRaw;

/** Outcomes as JSON (Maps as lists, the catalogue form by its code). */
function comparable(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (v instanceof Map) return [...v.entries()];
    if (key === "form" && typeof v === "object" && v !== null && "code" in v) return (v as { code: string }).code;
    return v;
  });
}

describe("reading with the host's inflater = reading with fflate's", () => {
  const files = xlsxUnder(FIXTURES);
  it("finds the fixtures", () => expect(files.length).toBeGreaterThan(100));
  for (const full of files) {
    const rel = path.relative(FIXTURES, full);
    it(rel, async () => {
      const bytes = new Uint8Array(readFileSync(full));
      const own = await readSubmission(bytes, rel, { sha256: "x" });
      const host = await readSubmission(bytes, rel, { sha256: "x", inflateRaw: zlib });
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
      const outcome = await readSubmission(bytes, "a.xlsx", { inflateRaw });
      expect(rules(outcome)).toEqual(["V-FILE-01"]);
    }
  });
});
