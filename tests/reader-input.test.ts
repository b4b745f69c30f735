/** The reader takes bytes as either host hands them over. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../src/core/read/reader";

const fixture = path.join(__dirname, "fixtures", "submissions", "cases", "ok-filled.xlsx");

describe("reader input", () => {
  it("reads the same from an ArrayBuffer as from a Uint8Array", async () => {
    const bytes = new Uint8Array(readFileSync(fixture));
    const fromArray = await readSubmission(bytes, "f.xlsx");
    const fromBuffer = await readSubmission(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), "f.xlsx");
    expect(fromBuffer.kind).toBe("submission");
    if (fromArray.kind !== "submission" || fromBuffer.kind !== "submission") return;
    expect(fromBuffer.submission.sha256).toBe(fromArray.submission.sha256);
    expect(fromBuffer.submission.forms.map((f) => f.filledCount)).toEqual(fromArray.submission.forms.map((f) => f.filledCount));
  });
});
