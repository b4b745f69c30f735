/**
 * An outside review (2026-12-08): with `{"agencyName": "bộ ngoại giao", "reportingUnitName": "Thanh tra Bộ Ngoại
 * giao"}` the report's header printed row 1 in capitals ("BỘ NGOẠI GIAO", WORKBOOKS.md §2.2) and row 2 as typed.
 * §2.2 says "upper case" of row 1 only, but cites Decree 30/2020, which writes the issuing body in capitals too,
 * as the default "THANH TRA BỘ" and a unit's template (§1.3, A2) are: row 2 is now in capitals on every printable
 * sheet. Read back by exceljs, the expected texts typed by hand.
 */
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { loadWorkbook, textOf } from "../helpers/workbook";

describe("the report's header, row 2", () => {
  it("is the reporting unit's name in capitals, on the cover, KH_TH and the form sheets", async () => {
    const result = await runPipeline({
      inputs: [],
      period: parsePeriod("2023-H1"),
      roster: DEFAULT_ROSTER,
      aggregate: true,
      options: { agencyName: "bộ ngoại giao", reportingUnitName: "Thanh tra Bộ Ngoại giao" },
    });
    if (!result.report) throw new Error("no report");
    const wb = await loadWorkbook(result.report.bytes);
    for (const name of ["BiaBaoCao", "KH_TH", "01_TTr", "PCTN"]) {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(name);
      const row1 = new Set<string>();
      const row2 = new Set<string>();
      ws.getRow(1).eachCell((c) => void row1.add(textOf(c.value)));
      ws.getRow(2).eachCell((c) => void row2.add(textOf(c.value)));
      expect(row1.has("BỘ NGOẠI GIAO"), name).toBe(true);
      expect(row2.has("THANH TRA BỘ NGOẠI GIAO"), name).toBe(true);
      expect(row2.has("Thanh tra Bộ Ngoại giao"), name).toBe(false);
    }
  });
});
