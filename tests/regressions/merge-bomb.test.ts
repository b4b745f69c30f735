/**
 * Regression (issue 9): a 32 KiB workbook with one `<mergeCell ref="E60:XFD1048576"/>` killed
 * `validate` by running out of memory (exceljs expands every merged cell). Merges are ranges now: the
 * file reads like the clean one it was made from (the merge covers no cell the forms need), quickly.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runValidation } from "../../src/core/validate/run";
import { CLEAN, mergeBomb } from "./fixtures/limit-fixtures";

const BOMB = path.join(__dirname, "fixtures", "merge-bomb.xlsx");

describe("merge bomb E60:XFD1048576", () => {
  it("is the file the script beside it makes, about 32 KiB, with the merge", () => {
    const bytes = new Uint8Array(readFileSync(BOMB));
    expect(bytes).toEqual(mergeBomb());
    expect(bytes.length).toBeGreaterThan(20 * 1024);
    expect(bytes.length).toBeLessThan(48 * 1024);
  });

  it("reads like the clean file beside it, in well under a second", async () => {
    const clean = { file: "BM_clean.xlsx", bytes: new Uint8Array(readFileSync(CLEAN)) };
    const bomb = { file: "BM_bomb.xlsx", bytes: new Uint8Array(readFileSync(BOMB)) };
    const started = performance.now();
    const run = await runValidation([clean, bomb], { roster: DEFAULT_ROSTER, period: parsePeriod("2023-H1"), options: {} });
    expect(performance.now() - started).toBeLessThan(5000);
    const [a, b] = [run.inputs.find((i) => i.file === clean.file), run.inputs.find((i) => i.file === bomb.file)];
    expect(a?.submission).toBeTruthy();
    expect(b?.submission).toBeTruthy();
    // Same values, at the same cells, and the same reading findings.
    const forms = (i: typeof a): unknown => i?.submission?.forms.map((f) => ({ code: f.form.code, cells: [...f.cells].map(([k, m]) => [k, [...m]]) }));
    expect(forms(b)).toEqual(forms(a));
    expect(b?.submission?.findings.map((f) => `${f.rule} ${f.cell ?? ""}`)).toEqual(a?.submission?.findings.map((f) => `${f.rule} ${f.cell ?? ""}`));
  });
});
