/**
 * Regression (issue 9): tests/fixtures/hostile/bad-utf8.xlsx has the bytes FF FE C3 28 in the ThongTin
 * sheet part (declared UTF-8). The streaming reader decoded them to U+FFFD and accepted the file; a part that
 * is not well-formed UTF-8 is not well-formed XML, so the file is unreadable (V-FILE-01), as
 * docs/DECISIONS.md records (TextDecoder with fatal: true).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const HOSTILE = path.join(__dirname, "..", "fixtures", "hostile");

describe("invalid UTF-8 in a part", () => {
  it("bad-utf8.xlsx is unreadable: one V-FILE-01", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(HOSTILE, "bad-utf8.xlsx"))), "bad-utf8.xlsx");
    expect(outcome.kind).toBe("unreadable");
    expect(outcome.kind === "unreadable" && outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  });

  it("the same file with the bytes made valid UTF-8 reads (the bytes are the cause)", async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(path.join(HOSTILE, "bad-utf8.xlsx"))));
    let fixed = 0;
    for (const [name, data] of Object.entries(parts)) {
      const at = data.findIndex((b, i) => b === 0xff && data[i + 1] === 0xfe && data[i + 2] === 0xc3 && data[i + 3] === 0x28);
      if (at < 0) continue;
      parts[name] = new Uint8Array([...data.subarray(0, at), ...strToU8("ok"), ...data.subarray(at + 4)]);
      fixed++;
    }
    expect(fixed).toBe(1);
    const outcome = await readSubmission(zipSync(parts), "bad-utf8.xlsx");
    expect(outcome.kind).toBe("submission");
  });
});
