/**
 * Regression (issue 9/10): the reader's default limit on one text was Excel's 32,767 characters, so a unit
 * file with a 1 MB note was unreadable (V-FILE-04), though WORKBOOKS.md §2.1 says an over-long unit text
 * is carried and cut only when written to a cell (src/core/xlsx/celltext.ts). The default is now 4,000,000
 * characters: the 1 MB text reads in full; beyond the limit it is still one V-FILE-04.
 * Fixture: tests/regressions/fixtures/long-unit-text.xlsx (02_TCD R12, 1,048,576 characters).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const LONG = path.join(__dirname, "fixtures", "long-unit-text.xlsx");
const LONG_TEXT = "0123456789".repeat(104_858).slice(0, 1_048_576);

describe("a 1 MB unit text", () => {
  it("reads in full with the default limits", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(LONG)), "long-unit-text.xlsx");
    expect(outcome.kind).toBe("submission");
    // Every string the reading holds (forms' texts and notes, ThongTin), wherever the form keeps this column.
    const strings: string[] = [];
    JSON.stringify(outcome, (_key, value: unknown) => {
      if (typeof value === "string") strings.push(value);
      return value instanceof Map ? [...value] : value;
    });
    expect(strings.filter((t) => t.length > 1000)).toEqual([LONG_TEXT]);
  });

  it("is one V-FILE-04 under a limit below its length", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(LONG)), "long-unit-text.xlsx", { maxTextLength: 1_000_000 });
    expect(outcome.kind === "unreadable" ? outcome.findings.map((f) => f.rule) : outcome.kind).toEqual(["V-FILE-04"]);
  });
});
