/**
 * Regression (review of 2026-12-07, FORMS.md §6.2 V-DEC-01): a value below 10^-6 (a formula's leftover
 * such as 1E-7) was shown as "0" in messages: "'01_TTr'!K11: 0 có quá 3 chữ số thập phân; làm tròn thành
 * 0." JavaScript writes such numbers with an exponent ("1e-7"), and the formatter then fell back to whole
 * units. Now the digits are written out: 0,0000001 (vi), 0.0000001 (en). The fixture is the frozen sample
 * file with the cell written by openpyxl (an independent writer).
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
const dir = mkdtempSync(path.join(os.tmpdir(), "tonghop-tiny-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sample with '01_TTr'!K11 (column 10, MONEY, three decimals) set to `value` by openpyxl. */
function withK11(value: number): Uint8Array {
  const out = path.join(dir, `k11-${value}.xlsx`);
  const script = "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['01_TTr']['K11'] = float(sys.argv[3])\nwb.save(sys.argv[2])\n";
  execFileSync("/usr/bin/python3", ["-c", script, SAMPLE, out, String(value)], { stdio: "pipe" });
  return new Uint8Array(readFileSync(out));
}

describe("a tiny decimal in a message", () => {
  it("is written out in full, not as 0", () => {
    expect(formatNumber(1e-7, "vi")).toBe("0,0000001");
    expect(formatNumber(1e-7, "en")).toBe("0.0000001");
    expect(formatNumber(-1.5e-16, "vi")).toBe("-0,00000000000000015");
    expect(formatNumber(0.000001, "en")).toBe("0.000001");
    expect(formatNumber(1234.5, "vi")).toBe("1.234,5");
  });

  it("V-DEC-01 on a cell of 1E-7 names the value typed, in both languages", async () => {
    const outcome = await readSubmission(withK11(1e-7), FILE);
    if (outcome.kind !== "submission") throw new Error(outcome.kind);
    const dec = outcome.submission.findings.filter((f) => f.rule === "V-DEC-01");
    expect(dec.map((f) => [f.sheet, f.cell, f.value])).toEqual([["01_TTr", "K11", 1e-7]]);
    expect(dec[0]?.message.vi).toContain("0,0000001");
    expect(dec[0]?.message.en).toContain("0.0000001");
    expect(dec[0]?.message.en).not.toMatch(/: 0 /u);
  });
});
