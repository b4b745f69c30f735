/**
 * Regression (an outside review, 2026-12-07): V-TYPE-07 on a cell typed 885664978252963000 said "số
 * 885.664.978.252.962.944 quá lớn": the double's binary digits, which nobody typed. A number read from a
 * cell is first rounded to 15 significant digits (FORMS.md §1.2, WORKBOOKS.md §1.5), and Excel shows this
 * one 885.664.978.252.963.000: so does the message now. The fixture is the frozen sample with the cell
 * written by openpyxl (an independent writer).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";
import { formatNumber } from "../../src/core/text";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const dir = mkdtempSync(path.join(os.tmpdir(), "tonghop-huge-int-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("an integer beyond 2^53 in a message", () => {
  it("shows its first 15 significant digits and zeros, as Excel does", () => {
    expect(formatNumber(885664978252963000, "vi")).toBe("885.664.978.252.963.000");
    expect(formatNumber(885664978252963000, "en")).toBe("885,664,978,252,963,000");
    expect(formatNumber(-9.5e20, "en")).toBe("-950,000,000,000,000,000,000");
    expect(formatNumber(2 ** 53 + 2, "en")).toBe("9,007,199,254,740,990");
    // Up to 2^53 every integer is exact and shown whole.
    expect(formatNumber(Number.MAX_SAFE_INTEGER, "en")).toBe("9,007,199,254,740,991");
  });

  it("V-TYPE-07 names the value as typed", async () => {
    const out = path.join(dir, "huge.xlsx");
    const script = "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['01_TCD']['B12'] = 885664978252963000\nwb.save(sys.argv[2])\n";
    execFileSync("/usr/bin/python3", ["-c", script, SAMPLE, out], { stdio: "pipe" });
    const outcome = await readSubmission(new Uint8Array(readFileSync(out)), FILE);
    if (outcome.kind !== "submission") throw new Error(outcome.kind);
    const huge = outcome.submission.findings.filter((f) => f.rule === "V-TYPE-07");
    expect(huge.map((f) => [f.sheet, f.cell])).toEqual([["01_TCD", "B12"]]);
    expect(huge[0]?.message.vi).toContain("số 885.664.978.252.963.000 quá lớn");
    expect(huge[0]?.message.en).toContain("885,664,978,252,963,000 is too large");
  });
});
