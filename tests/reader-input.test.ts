/**
 * The reader takes bytes as either host hands them over: a Node Uint8Array (also a view into a
 * larger buffer) and a browser ArrayBuffer read the same. Expected values come from outside the
 * reader: the hash from Node's crypto, the values from tests/fixtures/submissions/expectations.json
 * (written from the spec by the openpyxl generator).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../src/core/read/reader";
import { WIDE_ROW, type ReadOutcome, type Submission } from "../src/core/read/submission";

const ROOT = path.join(__dirname, "fixtures", "submissions");
const fixture = path.join(ROOT, "cases", "ok-filled.xlsx");
const expected = (
  JSON.parse(readFileSync(path.join(ROOT, "expectations.json"), "utf8")) as {
    files: Record<string, { values: Array<{ form: string; row: string | null; column: number; sheet: string; cell: string; value: number; filled: boolean }> }>;
  }
).files["cases/ok-filled.xlsx"];

function submissionOf(outcome: ReadOutcome, how: string): Submission {
  if (outcome.kind !== "submission") throw new Error(`${how}: read as ${outcome.kind}, not as a submission`);
  return outcome.submission;
}

/** Every read cell as "form|row|col|sheet!cell=value/filled", sorted. */
function cellsOf(sub: Submission): string[] {
  const out: string[] = [];
  for (const f of sub.forms) {
    for (const [row, cols] of f.cells) for (const [col, c] of cols) out.push(`${f.form.code}|${row}|${col}|${c.sheet}!${c.cell}=${c.value}/${String(c.filled)}`);
  }
  return out.sort();
}

describe("reader input", () => {
  it("reads the same from an ArrayBuffer, a Uint8Array and a view into a larger buffer", async () => {
    const bytes = new Uint8Array(readFileSync(fixture));
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 7);
    const view = padded.subarray(7, 7 + bytes.length);
    const fromArray = submissionOf(await readSubmission(bytes, "f.xlsx"), "Uint8Array");
    const fromBuffer = submissionOf(await readSubmission(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), "f.xlsx"), "ArrayBuffer");
    const fromView = submissionOf(await readSubmission(view, "f.xlsx"), "view");
    const sha = createHash("sha256").update(bytes).digest("hex");
    for (const sub of [fromArray, fromBuffer, fromView]) {
      expect(sub.sha256).toBe(sha);
      expect(sub.size).toBe(bytes.length);
      expect(sub.unit).toBe("VU-CAU-AU");
      expect(sub.findings).toEqual([]);
      expect(cellsOf(sub)).toEqual(cellsOf(fromArray));
    }
    // The values the spec-driven generator wrote, at their cells.
    expect(expected?.values.length).toBeGreaterThan(0);
    for (const v of expected?.values ?? []) {
      const cell = fromBuffer.forms.find((f) => f.form.code === v.form)?.cells.get(v.row ?? WIDE_ROW)?.get(v.column);
      expect({ sheet: cell?.sheet, cell: cell?.cell, value: cell?.value, filled: cell?.filled }, `${v.form} ${v.row ?? ""} (${v.column})`).toEqual({
        sheet: v.sheet,
        cell: v.cell,
        value: v.value,
        filled: v.filled,
      });
    }
  });
});
