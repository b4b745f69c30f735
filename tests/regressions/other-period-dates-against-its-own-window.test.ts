/**
 * An outside review (2026-12-08) sent a unit's correct 2023-Q2 file into a 2023-H1 run: besides V-PERIOD-02
 * (right: the file is not used), every date drew a warning measured against H1's window, V-PERIOD-03 on
 * "Từ ngày" ("15/03/2023 differs from the period's data window (15/12/2022)") and V-PERIOD-04 on each form's
 * window line, telling the unit its correct dates were wrong. A file's dates are now checked against the
 * window of the period it gives (FORMS.md §6.2 "the period's data window"; PERIODS.md §2, 15→14): none for a
 * consistent Q2 file, and for an H1 file whose period was retyped "2023-Q2", the dates that do not fit Q2.
 * Windows by hand from PERIODS.md: Q2 15/03/2023–14/06/2023, H1 15/12/2022–14/06/2023, both years-to-date
 * 01/01/2023–14/06/2023.
 */
import { describe, expect, it } from "vitest";
import { parsePeriod, periodWindow } from "../../src/core/periods";
import { DEFAULT_ROSTER, unitsActiveIn } from "../../src/core/roster";
import { buildTemplate } from "../../src/core/template/template";
import { runValidation } from "../../src/core/validate/run";
import { findCell, loadWorkbook } from "../helpers/workbook";

const H1 = parsePeriod("2023-H1");
const UNIT = unitsActiveIn(DEFAULT_ROSTER, periodWindow(H1)).find((u) => u.code === "VU-CAU-AU");

async function template(period: string, retype?: string): Promise<Uint8Array> {
  if (!UNIT) throw new Error("no VU-CAU-AU");
  const bytes = await buildTemplate({ unit: UNIT, period: parsePeriod(period) });
  if (retype === undefined) return bytes;
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet("ThongTin");
  const label = ws ? findCell(ws, /^Kỳ báo cáo/u) : null;
  if (!ws || !label) throw new Error("no Kỳ báo cáo");
  ws.getCell(label.row, label.col + 1).value = retype;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function periodFindings(bytes: Uint8Array): Promise<Array<[string, string | null, unknown, unknown]>> {
  const run = await runValidation([{ file: "BM_VU-CAU-AU_2023-Q2.xlsx", bytes }], { roster: DEFAULT_ROSTER, period: H1, options: {} });
  return run.findings.filter((f) => f.rule.startsWith("V-PERIOD-0")).map((f) => [f.rule, f.form, f.value, f.expected]);
}

describe("a file of another period: its dates are checked against its own period's window", () => {
  it("a unit's consistent 2023-Q2 file in a 2023-H1 run: V-PERIOD-02 alone", async () => {
    expect(await periodFindings(await template("2023-Q2"))).toEqual([["V-PERIOD-02", null, "2023-Q2", "2023-H1"]]);
  });

  it("an H1 file whose period was retyped 2023-Q2: the dates that do not fit Q2 are said, against Q2's window", async () => {
    const got = await periodFindings(await template("2023-H1", "2023-Q2"));
    expect(got[0]).toEqual(["V-PERIOD-02", null, "2023-Q2", "2023-H1"]);
    // "Từ ngày" 15/12/2022 is not Q2's 15/03/2023; "Đến ngày" 14/06/2023 is both windows' end.
    expect(got.filter((f) => f[0] === "V-PERIOD-03")).toEqual([["V-PERIOD-03", null, "2022-12-15", "2023-03-15"]]);
    // Each form's window line (H1's) against Q2's; KH-TH's year-to-date line is the same for both.
    const lines = got.filter((f) => f[0] === "V-PERIOD-04");
    expect(lines.map((f) => f[1])).toEqual(["01/TTr", "01/TCD", "02/TCD", "01/XLD", "01/KQGQ", "03/KQGQ", "PCTN-NB"]);
    for (const f of lines) expect(String(f[3])).toContain("15/03/2023");
  });
});
