/**
 * Regression (a review of 2026-12-07, fourth): WORKBOOKS.md §1.5, "data read [in hidden rows or columns]
 * gives V-LAYOUT-10". A row of height 0 and a column of width 0 are hidden in Excel's view as much as
 * `hidden="1"` ones, but only the flag gave the finding. Fixtures (make-zero-size-rows-cols.py, from
 * ok-filled.xlsx): 01_KQGQ's data row 12 and 01_TTr's column S invisible by a zero size, and the control,
 * the same made invisible by `hidden="1"`: the findings must be the same, and name those cells.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";
import type { Finding } from "../../src/core/findings";

async function layout10(name: string): Promise<string[]> {
  const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(__dirname, "fixtures", name))), name);
  if (outcome.kind !== "submission") throw new Error(outcome.kind);
  return outcome.submission.findings.filter((f: Finding) => f.rule === "V-LAYOUT-10").map((f) => `${f.sheet}!${f.cell}`);
}

describe("a row of height 0, a column of width 0", () => {
  it("give V-LAYOUT-10 on the data read there, as hidden ones do", async () => {
    const control = await layout10("hidden-rows-cols.xlsx");
    expect(control).toContain("01_TTr!S11");
    expect(control.filter((at) => at.startsWith("01_KQGQ!") && at.endsWith("12")).length).toBeGreaterThan(0);
    expect(await layout10("zero-size-rows-cols.xlsx")).toEqual(control);
  });
});
