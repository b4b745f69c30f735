/**
 * Regression (a review of 2026-12-07, fourth): a form's text notes column, numbered as its notes line
 * (`notesNo`: 30 on 01/TCD, 12 on KH-TH), is accepted (WORKBOOKS.md §1.4 item 3), but what a unit typed in it
 * was dropped without a finding: the report's "30. Ghi chú:" stayed empty. A wide form's now joins the form's
 * notes, before the notes line's; a coded row's joins that row's own notes (its TEXT column), printed
 * "<unit> – <row>: <text>" as those are (§2.4); the report carries them.
 * Fixture: tests/regressions/fixtures/notes-column.xlsx (make-notes-column.py, openpyxl, from ok-filled.xlsx:
 * 01_TCD column 30 "Có 1 đoàn đông người"; KH_TH column 12, A1 "Hoàn thành sớm", B1 "Chuyển sang kỳ sau").
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { readSubmission } from "../../src/core/read/reader";
import type { FormRead } from "../../src/core/read/submission";
import { buildReport } from "../../src/core/report/report";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runValidation } from "../../src/core/validate/run";
import { loadWorkbook, sheetOf } from "../helpers/fill";
import { textOf } from "../helpers/workbook";

const FIXTURE = path.join(__dirname, "fixtures", "notes-column.xlsx");
const ORIGINAL = path.join(__dirname, "..", "fixtures", "submissions", "cases", "ok-filled.xlsx");

async function formsOf(file: string): Promise<Map<string, FormRead>> {
  const outcome = await readSubmission(new Uint8Array(readFileSync(file)), path.basename(file));
  if (outcome.kind !== "submission") throw new Error(outcome.kind);
  return new Map(outcome.submission.forms.map((f) => [f.form.code, f]));
}

describe("a text notes column (notesNo)", () => {
  it("a wide form's joins its notes, before the notes line's text; a coded row's joins the row's notes", async () => {
    const before = await formsOf(ORIGINAL);
    const after = await formsOf(FIXTURE);
    const join = (...texts: Array<string | undefined>): string => texts.filter((t) => t !== undefined && t !== "").join(" ");
    expect(after.get("01/TCD")?.notes).toBe(join("Có 1 đoàn đông người", before.get("01/TCD")?.notes));
    // KH-TH's per-row notes are its column 11 (FORMS.md §3): the notes column's texts join them there.
    const rowText = (form: FormRead | undefined, row: string): string | undefined => form?.texts.get(row)?.get(11);
    expect(rowText(after.get("KH-TH"), "A1")).toBe(join(rowText(before.get("KH-TH"), "A1"), "Hoàn thành sớm"));
    expect(rowText(after.get("KH-TH"), "B1")).toBe(join(rowText(before.get("KH-TH"), "B1"), "Chuyển sang kỳ sau"));
    expect(after.get("KH-TH")?.notes).toBe(before.get("KH-TH")?.notes);
    // Every other form as it was.
    for (const [code, form] of before) if (code !== "01/TCD" && code !== "KH-TH") expect(after.get(code)?.notes, code).toBe(form.notes);
  });

  it("reaches the report's notes lines", async () => {
    const period = parsePeriod("2023-H1");
    const run = await runValidation([{ file: "BM_VU-CAU-AU_2023-H1.xlsx", bytes: new Uint8Array(readFileSync(FIXTURE)) }], { roster: DEFAULT_ROSTER, period, options: {} });
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    const report = await buildReport({ run, options: { creationTime: "2023-06-20T00:00:00Z" } });
    const wb = await loadWorkbook(report.bytes);
    const texts = (sheet: string): string[] => {
      const out: string[] = [];
      sheetOf(wb, sheet).eachRow((row) => row.eachCell((cell) => void out.push(textOf(cell.value))));
      return out;
    };
    expect(texts("01_TCD").some((t) => t.startsWith("Vụ Châu Âu: Có 1 đoàn đông người"))).toBe(true);
    expect(texts("KH_TH").some((t) => t.startsWith("Vụ Châu Âu – A1:") && t.endsWith("Hoàn thành sớm"))).toBe(true);
    expect(texts("KH_TH").some((t) => t.startsWith("Vụ Châu Âu – B1:") && t.endsWith("Chuyển sang kỳ sau"))).toBe(true);
  });
});
