/**
 * Regression (review of 2026-12-07): a money cell of 1E+308 (tests/fixtures/hostile/huge-money-1e308.xlsx,
 * written by openpyxl) was read as accepted with a scaled integer of Infinity (× 1000 is beyond a double);
 * `validate` passed it, and `aggregate` then stopped with "report cell Q11 is not a finite number": no
 * report, no JSON, a stack trace. A value whose scaled integer would pass 9 × 10^15 (below 2^53, where sums
 * of doubles stay exact, FORMS.md §1.2) is now V-TYPE-07 (error) and not counted; the report is written.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readNumeric } from "../../src/core/read/cells";
import type { PlainCell } from "../../src/core/read/cells.types";
import { readSubmission } from "../../src/core/read/reader";
import { formatNumber } from "../../src/core/text";
import { runCli } from "../helpers/cli";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const HUGE = path.join(FIXTURES, "hostile", "huge-money-1e308.xlsx");
const CLEAN = path.join(FIXTURES, "hostile", "baseline-valid.xlsx");

const BASE: PlainCell = { kind: "empty", number: null, text: null, boolean: null, date: null, formula: null, formulaWithoutResult: false, externalLink: false };
const num = (n: number): PlainCell => ({ ...BASE, kind: "number", number: n });
const txt = (t: string): PlainCell => ({ ...BASE, kind: "text", text: t });

describe("a number beyond exact arithmetic (V-TYPE-07)", () => {
  it("is read up to 9 × 10^15 in the type's scaled units, and refused above", () => {
    // At the limit: MONEY 9e12 thousand đồng is 9e15 scaled, LAND 9e13 m² is 9e15, INT 9e15 itself.
    expect(readNumeric(num(9e12), "MONEY")).toEqual({ scaled: 9e15, value: 9e12, filled: true, issues: [] });
    expect(readNumeric(num(9e13), "LAND")).toEqual({ scaled: 9e15, value: 9e13, filled: true, issues: [] });
    expect(readNumeric(num(9e15), "INT")).toEqual({ scaled: 9e15, value: 9e15, filled: true, issues: [] });
    // One more unit: refused, not filled, the limit in the type's units.
    expect(readNumeric(num(9_000_000_000_001), "MONEY")).toEqual({ scaled: 0, value: 0, filled: false, issues: [{ rule: "V-TYPE-07", value: 9_000_000_000_001, expected: 9e12, detail: null }] });
    expect(readNumeric(num(90_000_000_000_001), "LAND")).toMatchObject({ filled: false, issues: [{ rule: "V-TYPE-07", expected: 9e13 }] });
    expect(readNumeric(num(9.1e15), "INT")).toMatchObject({ filled: false, issues: [{ rule: "V-TYPE-07", expected: 9e15 }] });
    expect(readNumeric(num(1e308), "MONEY")).toMatchObject({ scaled: 0, filled: false, issues: [{ rule: "V-TYPE-07", value: 1e308 }] });
    // Typed as text, the text's reading is said first; just below the limit, a fraction is kept.
    expect(readNumeric(txt("10.000.000.000.000"), "MONEY")).toMatchObject({ filled: false, issues: [{ rule: "V-TYPE-03" }, { rule: "V-TYPE-07", value: 1e13 }] });
    expect(readNumeric(num(8_999_999_999_999.5), "MONEY")).toEqual({ scaled: 8_999_999_999_999_500, value: 8_999_999_999_999.5, filled: true, issues: [] });
  });

  it("shows a number past 10^21 as Excel does, not as the double's binary digits", () => {
    expect(formatNumber(1e308, "vi")).toBe("1E+308");
    expect(formatNumber(-1.5e300, "vi")).toBe("-1,5E+300");
    expect(formatNumber(1.5e300, "en")).toBe("1.5E+300");
    expect(formatNumber(9e12, "vi")).toBe("9.000.000.000.000");
  });

  it("the fixture: V-TYPE-07 at PCTN!D29 in both languages, nothing else, the cell not counted", async () => {
    const outcome = await readSubmission(new Uint8Array(readFileSync(HUGE)), "huge-money-1e308.xlsx");
    if (outcome.kind !== "submission") throw new Error(outcome.kind);
    expect(outcome.submission.findings.map((f) => [f.rule, f.severity, f.sheet, f.cell, f.message.vi, f.message.en])).toEqual([
      ["V-TYPE-07", "error", "PCTN", "D29", "PCTN!D29: số 1E+308 quá lớn (tối đa 9.000.000.000.000); không tính vào tổng.", "PCTN!D29: 1E+308 is too large (at most 9,000,000,000,000); not counted in the totals."],
    ]);
    const pctn = outcome.submission.forms.find((f) => f.form.code === "PCTN-NB");
    expect(pctn?.cells.get("P16")?.get(1)).toMatchObject({ scaled: 0, filled: false });
  });
});

describe("aggregate with the fixture beside a clean file", () => {
  const work = path.join(os.tmpdir(), `tonghop-huge-${process.pid}`);
  const inputs = path.join(work, "in");

  beforeAll(() => {
    mkdirSync(inputs, { recursive: true });
    copyFileSync(HUGE, path.join(inputs, "huge-money-1e308.xlsx"));
    copyFileSync(CLEAN, path.join(inputs, "baseline-valid.xlsx"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each([[[]], [["--accept-with-errors"]]])("writes the report (and %j): exit 1, every total finite, V-TYPE-07 in KiemTra", async (extra) => {
    const out = path.join(work, `r${extra.length}.xlsx`);
    const res = await runCli(["aggregate", inputs, "--period", "2023-H1", "--out", out, ...extra]);
    expect(res.stderr).not.toMatch(/not a finite number|\n\s+at /u);
    expect(res.code, res.stderr).toBe(1);
    expect(existsSync(out)).toBe(true);
    // Read back by openpyxl: every number in the report is finite, and KiemTra names the cell.
    const script = [
      "import json, math, sys, openpyxl",
      "wb = openpyxl.load_workbook(sys.argv[1])",
      "bad = [f'{ws.title}!{c.coordinate}' for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, float) and not math.isfinite(c.value)]",
      "kt = [[c.value for c in row] for row in wb['KiemTra'].iter_rows()]",
      "print(json.dumps({'bad': bad, 'huge': [r for r in kt if 'V-TYPE-07' in [str(v) for v in r]]}, default=str))",
    ].join("\n");
    const got = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        execFile("/usr/bin/python3", ["-c", script, out], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
      }),
    ) as { bad: string[]; huge: unknown[][] };
    expect(got.bad).toEqual([]);
    expect(got.huge).toHaveLength(1);
    expect(JSON.stringify(got.huge[0])).toContain("D29");
  });
});
