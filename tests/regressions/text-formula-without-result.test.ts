/**
 * An outside review (2026-12-08): 02/TCD's text column (17, "Nội dung chủ yếu") held a formula with no cached
 * result (`<f>HYPERLINK(…)</f>`, as a script or a web export leaves it): no finding, and the report's cell for
 * that unit blank, the unit's text lost without a word (and the same on a form's notes line, a second review found). WORKBOOKS.md §1.5's table gives a formula with no
 * cached result V-FORMULA-01 ("open the file in Excel, save and send again") and does not tell number columns
 * from text ones: a text cell now gets it too, at its cell. A text formula with its cached result reads as
 * that text, no finding (the control).
 */
import { describe, expect, it } from "vitest";
import { parsePeriod, periodWindow } from "../../src/core/periods";
import { DEFAULT_ROSTER, unitsActiveIn } from "../../src/core/roster";
import { buildTemplate } from "../../src/core/template/template";
import { runValidation } from "../../src/core/validate/run";
import { codeColumns, findRow, rowCodes, rowsCodeRow, sheetOf } from "../helpers/fill";
import { loadWorkbook } from "../helpers/workbook";

const PERIOD = parsePeriod("2023-H1");

async function submission(): Promise<{ bytes: Uint8Array; tcd: string; khth: string; cached: string; notes: string }> {
  const unit = unitsActiveIn(DEFAULT_ROSTER, periodWindow(PERIOD)).find((u) => u.code === "VU-CAU-AU");
  if (!unit) throw new Error("no VU-CAU-AU");
  const wb = await loadWorkbook(await buildTemplate({ unit, period: PERIOD }));
  const tcd = sheetOf(wb, "02_TCD");
  const ms = findRow(tcd, (t) => t === "MS");
  const col17 = ms === null ? undefined : codeColumns(tcd, ms).get(17);
  if (ms === null || col17 === undefined) throw new Error("02_TCD: no column 17");
  const tcdCell = tcd.getCell(ms + 1, col17);
  tcdCell.value = { formula: 'HYPERLINK("http://vb.mofa.gov.vn/x","Công văn 12")' };
  const kh = sheetOf(wb, "KH_TH");
  const codeRow = rowsCodeRow(kh);
  const notes = codeColumns(kh, codeRow, 2).get(11);
  const a1 = rowCodes(kh, codeRow).get("A1");
  const a2 = rowCodes(kh, codeRow).get("A2");
  if (notes === undefined || a1 === undefined || a2 === undefined) throw new Error("KH_TH: no A1/A2 or column 11");
  kh.getCell(a1, notes).value = { formula: 'CONCATENATE("Đoàn ","1")' };
  kh.getCell(a2, notes).value = { formula: 'CONCATENATE("Đoàn ","2")', result: "Đoàn 2" };
  // The notes line under 01/TTr's table (WORKBOOKS.md §1.4): "Ghi chú:" and the text cells to its right.
  const ttr = sheetOf(wb, "01_TTr");
  const notesRow = findRow(ttr, (t) => /^\d*\.?\s*Ghi chú/u.test(t));
  if (notesRow === null) throw new Error("01_TTr: no notes line");
  // The note goes in B, the merge to the right of the label (B13:S13 in the template).
  const notesCell = ttr.getCell(notesRow, 2);
  notesCell.value = { formula: 'CONCATENATE("Xem ","phụ lục")' };
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), tcd: tcdCell.address, khth: kh.getCell(a1, notes).address, cached: kh.getCell(a2, notes).address, notes: notesCell.address };
}

describe("a text cell holding a formula with no cached result", () => {
  it("is V-FORMULA-01 at its cell, 02/TCD's column 17, KH-TH's notes and a notes line alike; a cached text result reads as its text", async () => {
    const s = await submission();
    const run = await runValidation([{ file: "BM_VU-CAU-AU_2023-H1.xlsx", bytes: s.bytes }], { roster: DEFAULT_ROSTER, period: PERIOD, options: {} });
    const formula = run.findings.filter((f) => f.rule === "V-FORMULA-01").map((f) => [f.severity, f.form, f.sheet, f.cell, f.row, f.column, f.value]);
    expect(formula).toEqual([
      ["error", "KH-TH", "KH_TH", s.khth, "A1", 11, '=CONCATENATE("Đoàn ","1")'],
      ["error", "01/TTr", "01_TTr", s.notes, null, null, '=CONCATENATE("Xem ","phụ lục")'],
      ["error", "02/TCD", "02_TCD", s.tcd, null, 17, '=HYPERLINK("http://vb.mofa.gov.vn/x","Công văn 12")'],
    ]);
    const unit = run.units.find((u) => u.unit.code === "VU-CAU-AU");
    const kh = unit?.effective?.submission?.forms.find((f) => f.form.code === "KH-TH");
    expect(kh?.texts.get("A2")?.get(11)).toBe("Đoàn 2");
    expect(kh?.texts.get("A1")?.get(11)).toBeUndefined();
    expect(run.findings.some((f) => f.cell === s.cached)).toBe(false);
  });
});
