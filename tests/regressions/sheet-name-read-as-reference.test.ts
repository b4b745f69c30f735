/**
 * Regression (an outside review, 2026-12-07): a sheet named "R1C1" was written `R1C1!B11` in `{at}`, where
 * Excel writes `'R1C1'!B11` (FORMS.md §6.1: "quoted as Excel does when needed"): Excel quotes a name that
 * reads as a reference in either style. The fixture (made by the review from a demo file, sheets renamed by
 * editing its XML) has sheets named "Thanh tra HC", "TCD'01", "A1", "R1C1", "Khiếu nại" and "TC-03".
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sheetRef } from "../../src/core/findings";
import { readSubmission } from "../../src/core/read/reader";

const FIXTURE = path.join(__dirname, "fixtures", "sheet-names-read-as-references.xlsx");

describe("a sheet name that reads as a reference is quoted", () => {
  it("in A1 or R1C1 style, as Excel writes it; plain names are not", () => {
    for (const name of ["R1C1", "R1", "C1", "R", "C", "RC", "rc12", "R1C", "A1", "XFD1048576"]) expect(sheetRef(name, "B2")).toBe(`'${name}'!B2`);
    for (const name of ["ThongTin", "KH_TH", "PCTN", "RCA", "R1C1X", "Khiếu_nại"]) expect(sheetRef(name, "B2")).toBe(`${name}!B2`);
    expect(sheetRef("TCD'01", "B2")).toBe("'TCD''01'!B2");
  });

  it("in the findings of a file with such sheets", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(FIXTURE)), "BM_THANH-TRA-BO_2023-H1.xlsx");
    if (outcome.kind !== "submission") throw new Error(outcome.kind);
    const texts = outcome.submission.findings.map((f) => f.message.en).join("\n");
    expect(texts).toContain("'R1C1'!B11");
    expect(texts).toContain("'A1'!B12");
    expect(texts).not.toMatch(/(?<!')R1C1!/u);
  });
});
