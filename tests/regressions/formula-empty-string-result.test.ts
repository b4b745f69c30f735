/**
 * Regression: a formula whose cached result is the empty string (`=IF(SUM(…)=0,"",SUM(…))`) was
 * read as a formula never calculated (V-FORMULA-01, an error that rejects the file), because
 * exceljs drops the empty `<v></v>` Excel writes with `t="str"`. It must read as an empty cell.
 * Fixture: tests/fixtures/quirks/formula-empty-string-result.xlsx (made by the script beside it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";
import { WIDE_ROW } from "../../src/core/read/submission";
import { loadWorkbook } from "../helpers/workbook";

const fixture = path.join(__dirname, "..", "fixtures", "quirks", "formula-empty-string-result.xlsx");

describe("formula with an empty-string cached result", () => {
  it("is a real quirk: exceljs gives the formula without a result", async () => {
    const wb = await loadWorkbook(new Uint8Array(readFileSync(fixture)));
    const cell = wb.getWorksheet("01_TCD")?.getCell("B12");
    expect(cell?.formula).toContain("IF(SUM(E12:AD12)=0");
    expect(cell?.result).toBeUndefined();
  });

  it("reads as an empty cell, with no V-FORMULA-01", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(fixture)), "formula-empty-string-result.xlsx");
    expect(outcome.kind).toBe("submission");
    if (outcome.kind !== "submission") return;
    const tcd = outcome.submission.forms.find((f) => f.form.code === "01/TCD");
    const c1 = tcd?.cells.get(WIDE_ROW)?.get(1);
    expect(c1).toMatchObject({ filled: false, scaled: 0, cell: "B12", sheet: "01_TCD" });
    expect(outcome.submission.findings.filter((f) => f.rule.startsWith("V-FORMULA"))).toEqual([]);
  });
});
