/**
 * Regression (issue 9): the cell limit counted cells over all sheets, so an extra sheet of 2 million cells
 * made the file unreadable, though sheets that are neither ThongTin nor a form are ignored (WORKBOOKS.md
 * §1.4). The limit is per sheet now: a sheet over it is read no further (the cost stays bounded), and only
 * when that sheet is ThongTin or a form is the file unreadable (V-FILE-04).
 * Files: the LibreOffice-written clean submission with an extra sheet (limit-fixtures.ts), or with cells
 * added below the ThongTin labels, by editing the XML.
 */
import { readFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";
import { CLEAN, manyCells } from "./fixtures/limit-fixtures";

/** The clean file with `count` number cells added to its ThongTin sheet from row 100, 1,000 a row. */
function thongTinWithCells(count: number): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(CLEAN)));
  const rows: string[] = [];
  for (let r = 0; r < count / 1000; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= 1000; c++) cells.push(`<c r="${column(c)}${100 + r}"><v>${c}</v></c>`);
    rows.push(`<row r="${100 + r}">${cells.join("")}</row>`);
  }
  const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] ?? new Uint8Array()); // ThongTin
  parts["xl/worksheets/sheet1.xml"] = strToU8(sheet.replace("</sheetData>", `${rows.join("")}</sheetData>`));
  return zipSync(parts);
}

function column(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const rulesOf = (outcome: Awaited<ReturnType<typeof readSubmission>>): string[] =>
  (outcome.kind === "submission" ? outcome.submission.findings : outcome.findings).map((f) => `${f.rule} ${f.message.en}`);

describe("a sheet over the cell limit", () => {
  it("an extra sheet of 2 million cells is ignored: the file reads as the clean one, in seconds", async () => {
    const bytes = manyCells();
    const started = performance.now();
    const big = await readSubmission(bytes, "BM_VU-CAU-AU_2023-H1.xlsx");
    expect(performance.now() - started).toBeLessThan(10_000);
    const clean = await readSubmission(new Uint8Array(readFileSync(CLEAN)), "BM_VU-CAU-AU_2023-H1.xlsx");
    expect(big.kind).toBe("submission");
    expect(rulesOf(big)).toEqual(rulesOf(clean));
  }, 30_000);

  it("the ThongTin sheet over the limit makes the file unreadable: V-FILE-04 (cells)", async () => {
    const outcome = await readSubmission(thongTinWithCells(600_000), "BM_VU-CAU-AU_2023-H1.xlsx");
    expect(outcome.kind).toBe("unreadable");
    expect(rulesOf(outcome)).toEqual([
      'V-FILE-04 File BM_VU-CAU-AU_2023-H1.xlsx exceeds a reading limit (cells in sheet "ThongTin": 500,001; limit 500,000). Remove the sheets, cells or text that are not needed and send it again.',
    ]);
  }, 30_000);

  it("a form sheet over a lowered limit: V-FILE-04; the same limit on an extra sheet only: read", async () => {
    const form = await readSubmission(new Uint8Array(readFileSync(CLEAN)), "BM_VU-CAU-AU_2023-H1.xlsx", { maxCells: 100 });
    expect(rulesOf(form)).toEqual([expect.stringMatching(/^V-FILE-04 .*cells in sheet "KH_TH": 101; limit 100\)/u)]);
    const extra = await readSubmission(manyCells(5_000), "BM_VU-CAU-AU_2023-H1.xlsx", { maxCells: 4_999 });
    expect(extra.kind).toBe("submission");
  }, 30_000);
});
