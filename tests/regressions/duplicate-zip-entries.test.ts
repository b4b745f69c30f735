/**
 * Regression (issue 9): tests/fixtures/hostile/duplicate-zip-entries.xlsx holds two zip entries with the
 * same name (the 01_TCD sheet) and different numbers. The streaming reader kept the last one and read the
 * file; which one Excel would show is not defined, so the package is refused: V-FILE-01.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FILE = path.join(__dirname, "..", "fixtures", "hostile", "duplicate-zip-entries.xlsx");

/** Entry names in the zip's central directory, as written (fflate's unzip keeps only one of each name). */
function centralNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 46 <= bytes.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const length = view.getUint16(i + 28, true);
    names.push(new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + length)));
  }
  return names;
}

describe("duplicate zip entries", () => {
  it("the fixture names one part twice", () => {
    const names = centralNames(new Uint8Array(readFileSync(FILE)));
    expect(names.length - new Set(names).size).toBe(1);
  });

  it("is unreadable: one V-FILE-01 saying why", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(FILE)), "duplicate-zip-entries.xlsx");
    expect(outcome.kind).toBe("unreadable");
    expect(outcome.kind === "unreadable" && outcome.findings.map((f) => [f.rule, f.message.en])).toEqual([
      ["V-FILE-01", "File duplicate-zip-entries.xlsx cannot be read as .xlsx (the zip package holds two entries of the same name). Save it as .xlsx in Excel and send it again."],
    ]);
  });

  it("the same parts, each once, read", async () => {
    const outcome = await readSubmission(zipSync(unzipSync(new Uint8Array(readFileSync(FILE)))), "duplicate-zip-entries.xlsx");
    expect(outcome.kind).toBe("submission");
  });
});
