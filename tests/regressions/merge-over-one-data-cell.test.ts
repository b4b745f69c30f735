/**
 * Regression (review of 2026-12-07): WORKBOOKS.md §1.5, "A merged range that covers more than one mapped
 * data cell gives V-LAYOUT-09". The reader warned for every merge taller than one row, so a value cell
 * merged with the blank row under a WIDE form's data row (B12:B13 on 01_TCD, as a hand-laid sheet has
 * it) gave V-LAYOUT-09, though it covers one data cell. Now: mapped columns × data rows covered > 1. The
 * frozen sample file, merges added to its XML.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

/** The sample's findings with `ref` merged on sheet `n` (3: 01_TTr, WIDE, code row 10, data row 11; 9: PCTN, ROWS, data rows 10, 11, …). */
async function withMerge(n: number, ref: string): Promise<string[]> {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const part = `xl/worksheets/sheet${n}.xml`;
  const xml = strFromU8(parts[part] ?? new Uint8Array());
  expect(xml).toMatch(/<mergeCells count="\d+">/u);
  parts[part] = strToU8(xml.replace(/<mergeCells count="(\d+)">/u, (_m, c: string) => `<mergeCells count="${Number(c) + 1}"><mergeCell ref="${ref}"/>`));
  const outcome = await readSubmission(zipSync(parts), FILE);
  if (outcome.kind !== "submission") throw new Error(outcome.kind);
  return outcome.submission.findings.filter((f) => f.rule === "V-LAYOUT-09").map((f) => `${f.sheet ?? ""}!${f.cell ?? ""}`);
}

describe("V-LAYOUT-09: a merge over more than one mapped data cell", () => {
  it("WIDE: a data cell merged with the blank row under it covers one data cell: no finding", async () => {
    expect(await withMerge(3, "C11:C12")).toEqual([]);
  });

  it("WIDE: a merge over two mapped columns of the data row: V-LAYOUT-09", async () => {
    expect(await withMerge(3, "C11:D11")).toEqual(["01_TTr!C11"]);
  });

  it("ROWS: a merge over one column of two data rows: V-LAYOUT-09", async () => {
    expect(await withMerge(9, "D10:D11")).toEqual(["PCTN!D10"]);
  });
});
