/**
 * An outside review (2026-12-08): a unit that sent ThongTin and KH_TH alone got its seven V-LAYOUT-01 ("form
 * missing") in the order of their codes as text (01/KQGQ, 01/TCD, 01/TTr, …), in the JSON, the console and
 * KiemTra. WORKBOOKS.md §2.8 orders a file's findings by sheet, cell and rule id; these have no sheet and one
 * rule, and past those keys they now follow the forms' catalogue order (FORMS.md §2), the order of the sheets
 * they would have been.
 */
import { describe, expect, it } from "vitest";
import { FORMS } from "../../src/core/catalogue";
import { parsePeriod, periodWindow } from "../../src/core/periods";
import { DEFAULT_ROSTER, unitsActiveIn } from "../../src/core/roster";
import { buildTemplate } from "../../src/core/template/template";
import { runValidation } from "../../src/core/validate/run";
import { loadWorkbook } from "../helpers/workbook";

const PERIOD = parsePeriod("2023-H1");

describe("a file's missing forms", () => {
  it("are listed in the catalogue's order (FORMS.md §2), after KH-TH", async () => {
    const unit = unitsActiveIn(DEFAULT_ROSTER, periodWindow(PERIOD)).find((u) => u.code === "VU-CAU-AU");
    if (!unit) throw new Error("no VU-CAU-AU");
    const wb = await loadWorkbook(await buildTemplate({ unit, period: PERIOD }));
    for (const ws of [...wb.worksheets]) if (ws.name !== "ThongTin" && ws.name !== "KH_TH") wb.removeWorksheet(ws.id);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const run = await runValidation([{ file: "BM_VU-CAU-AU_2023-H1.xlsx", bytes }], { roster: DEFAULT_ROSTER, period: PERIOD, options: {} });
    const missing = run.findings.filter((f) => f.rule === "V-LAYOUT-01").map((f) => f.form);
    // By hand from FORMS.md §2: every form but KH-TH, in its order.
    expect(missing).toEqual(["01/TTr", "01/TCD", "02/TCD", "01/XLD", "01/KQGQ", "03/KQGQ", "PCTN-NB"]);
    expect(missing).toEqual(FORMS.filter((f) => f.code !== "KH-TH").map((f) => f.code));
  });
});
