/**
 * WORKBOOKS.md §2.2: "Times New Roman throughout". A review (2026-12-08) read the report of the fixture folder
 * with openpyxl: every blank cell of a unit row in the six biểu sheets and PCTN (missing and rejected units,
 * unfilled cells) and the TEXT cells of the scope rows were Calibri, the Normal style's font, so whatever a
 * reader typed there came out in Calibri. A cell written without a font of its own is now in Times New Roman
 * 11: every cell the report holds, read by openpyxl, is in it. The Normal style keeps Calibri: it sets the
 * default row height, and with Times New Roman there LibreOffice's rows grew and the cover ran onto a second
 * page (tests/report-libreoffice reads the cover on page 1).
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/cli";
import { fixtureFolderReport, openpyxlJson } from "../helpers/openpyxl-values";

// Every cell present in each sheet's XML (openpyxl's loaded cells), by font name; the first cell of each font.
// openpyxl reads no style for a cell under a merge (a MergedCell): those are left out.
const SCRIPT = String.raw`
import json, sys, warnings, openpyxl
from openpyxl.cell.cell import MergedCell
warnings.simplefilter("ignore")
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    fonts, first = {}, {}
    for cell in ws._cells.values():
        if isinstance(cell, MergedCell):
            continue
        name = cell.font.name
        fonts[name] = fonts.get(name, 0) + 1
        first.setdefault(name, cell.coordinate)
    out[ws.title] = {"fonts": fonts, "first": first, "normal": wb._fonts[0].name}
print(json.dumps(out, ensure_ascii=False))
`;

describe("the report's cells are all Times New Roman, blank ones too (WORKBOOKS.md §2.2)", () => {
  let dir = "";
  let got: Record<string, { fonts: Record<string, number>; first: Record<string, string>; normal: string }> = {};

  beforeAll(async () => {
    dir = await tempDir("tonghop-report-font-");
    got = await openpyxlJson<typeof got>(SCRIPT, [await fixtureFolderReport(dir)]);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("has the twelve sheets; the Normal style keeps its font (the default row height readers lay the report out by)", () => {
    expect(Object.keys(got)).toHaveLength(12);
    for (const sheet of Object.values(got)) expect(sheet.normal).toBe("Calibri");
  });

  it.each(["BiaBaoCao", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN", "NopBaoCao", "KiemTra", "NguonSoLieu"])(
    "%s: every cell it holds, blank ones too",
    (sheet) => {
      const s = got[sheet];
      if (!s) throw new Error(`no sheet ${sheet}`);
      expect(s.first).toEqual({ "Times New Roman": expect.any(String) });
      expect(s.fonts["Times New Roman"]).toBeGreaterThan(20);
    },
  );
});
