/**
 * Two things a review of the printed report found (WORKBOOKS.md §2.2), read back by openpyxl from the
 * report of the fixture folder (47 real files, 2023-H1):
 * - a TEXT column is formatted as text (FORMS.md §1.2: TEXT `@`); 02_TCD's "Nội dung chủ yếu" cells
 *   were General;
 * - the code row is tall enough for its codes, worked out as §2.2 works out a header row (15 pt × the
 *   wrapped lines, characters ÷ (width − 1) rounded up): "6=8+9+10=11+12+13=14+18" in an 11-wide
 *   column was cut off in print at the default 15 pt.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORMS } from "../src/core/catalogue";
import { tempDir } from "./helpers/cli";
import { fixtureFolderReport, openpyxlJson } from "./helpers/openpyxl-values";

/**
 * The report's form sheets (not KH_TH) and their TEXT columns as sheet columns (column A is the unit). PCTN's
 * report columns are its indicators, numbers all (its notes column stays in the units' files).
 */
const TEXT_COLUMNS: Record<string, number[]> = Object.fromEntries(
  FORMS.filter((f) => f.code !== "KH-TH").map((f) => [f.sheet, f.code === "PCTN-NB" ? [] : f.columns.flatMap((c, i) => (c.type === "TEXT" ? [i + 2] : []))]),
);

const SCRIPT = String.raw`
import json, math, sys, openpyxl
from openpyxl.utils import get_column_letter
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for name, text_cols in json.loads(sys.argv[2]).items():
    ws = wb[name]
    code = next(c.row for c in ws["A"] if c.value == "MS")
    widths = {}
    for d in ws.column_dimensions.values():
        for c in range(d.min or 1, (d.max or d.min or 1) + 1):
            widths[c] = d.width
    lines = max(max(1, math.ceil(len(str(c.value)) / max(1, (widths.get(c.column) or 8.43) - 1))) for c in ws[code] if c.value is not None)
    # The table runs from the code row to the first row without a unit or scope label.
    last = code
    while ws.cell(last + 1, 1).value is not None:
        last += 1
    formats = {}
    for col in text_cols:
        for r in range(code + 1, last + 1):
            cell = ws.cell(r, col)
            if cell.number_format != "@":
                formats.setdefault(get_column_letter(col), []).append([cell.coordinate, cell.number_format, cell.value])
    texts = sum(1 for col in text_cols for r in range(code + 1, last + 1) if ws.cell(r, col).value is not None)
    out[name] = {"height": ws.row_dimensions[code].height, "lines": lines, "notText": formats, "texts": texts}
print(json.dumps(out, ensure_ascii=False))
`;

describe("the report's TEXT columns and code rows (WORKBOOKS.md §2.2)", () => {
  let dir = "";
  let got: Record<string, { height: number | null; lines: number; notText: Record<string, unknown[]>; texts: number }> = {};

  beforeAll(async () => {
    dir = await tempDir("tonghop-text-columns-");
    got = await openpyxlJson<typeof got>(SCRIPT, [await fixtureFolderReport(dir), JSON.stringify(TEXT_COLUMNS)]);
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("02_TCD holds unit texts, and only 02_TCD has a TEXT column among the form sheets", () => {
    expect(Object.entries(TEXT_COLUMNS).filter(([, cols]) => cols.length > 0).map(([sheet]) => sheet)).toEqual(["02_TCD"]);
    expect(got["02_TCD"]?.texts).toBeGreaterThan(10);
  });

  it.each(Object.keys(TEXT_COLUMNS))("%s: every cell of a TEXT column, filled or blank, total rows too, is formatted @", (sheet) => {
    expect(got[sheet]?.notText).toEqual({});
  });

  it.each(Object.keys(TEXT_COLUMNS))("%s: the code row is 15 pt × its most wrapped code's lines (default height when one line)", (sheet) => {
    const s = got[sheet];
    if (!s) throw new Error(sheet);
    if (s.lines === 1) expect(s.height).toBeNull();
    else expect(s.height).toBe(Math.min(150, 15 * s.lines));
  });

  it("01_XLD's code row needs three lines ('6=8+9+10=11+12+13=14+18' in 11 characters)", () => {
    expect(got["01_XLD"]?.lines).toBe(3);
  });
});
