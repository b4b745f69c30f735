/**
 * The short rules under the row-2 texts of the report's printable sheets (WORKBOOKS.md §2.2): "the row-2
 * text is written in the narrowest run of whole columns of its block whose width (Excel character units) is
 * at least the text's length in characters, centred in the block as nearly as the columns allow, and that
 * merged range has a thin bottom border". The demo's report is read back by openpyxl and the run the
 * sentence names is worked out in Python from the sheet's own column widths, apart from the product's code.
 * (A review found the product took the run of fewest columns: "THANH TRA BỘ" in the 42-wide column A, at
 * the block's left edge, where two 11-wide columns near its centre are narrower.)
 */
import { execFile } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli";

const PRINTABLE = ["BiaBaoCao", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN"];

/** Per sheet and row-2 text: the merged range the product wrote and the one the spec's sentence gives. */
const SCRIPT = String.raw`
import json, math, sys, openpyxl
from openpyxl.utils import get_column_letter
wb = openpyxl.load_workbook(sys.argv[1])
out = []
for name in json.loads(sys.argv[2]):
    ws = wb[name]
    widths = {}
    for d in ws.column_dimensions.values():
        for c in range(d.min or 1, (d.max or d.min or 1) + 1):
            widths[c] = d.width
    def width(c):
        return widths.get(c) or 8.43
    row1 = sorted((m for m in ws.merged_cells.ranges if m.min_row == 1 and m.max_row == 1), key=lambda m: m.min_col)
    runs = [(m.min_col, m.max_col) for m in ws.merged_cells.ranges if m.min_row == 2 and m.max_row == 2]
    covered = {c for a, b in runs for c in range(a, b + 1)}
    runs += [(c.column, c.column) for c in ws[2] if c.value is not None and c.column not in covered]
    for a0, b0 in runs:
        m = type("Run", (), {"min_col": a0, "max_col": b0})
        text = ws.cell(2, m.min_col).value
        block = next(b for b in row1 if b.min_col <= m.min_col and m.max_col <= b.max_col)
        first, last = block.min_col, block.max_col
        centre = sum(width(c) for c in range(first, last + 1)) / 2
        best = None
        for a in range(first, last + 1):
            for b in range(a, last + 1):
                w = sum(width(c) for c in range(a, b + 1))
                if w < len(text):
                    continue
                d = abs(sum(width(c) for c in range(first, a)) + w / 2 - centre)
                if best is None or w < best[0] - 1e-9 or (abs(w - best[0]) <= 1e-9 and d < best[1] - 1e-9):
                    best = (w, d, a, b)
        want = f"{get_column_letter(best[2])}2:{get_column_letter(best[3])}2" if best[2] != best[3] else f"{get_column_letter(best[2])}2"
        got = f"{get_column_letter(m.min_col)}2:{get_column_letter(m.max_col)}2" if m.min_col != m.max_col else f"{get_column_letter(m.min_col)}2"
        border = ws.cell(2, m.min_col).border.bottom.style
        out.append([name, text, got, want, border])
print(json.dumps(out, ensure_ascii=False))
`;

function python(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", SCRIPT, ...args], { maxBuffer: 1 << 24 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

describe("the short rule under each row-2 text (WORKBOOKS.md §2.2)", () => {
  let dir = "";
  let rows: Array<[string, string, string, string, string | null]> = [];

  beforeAll(async () => {
    dir = await tempDir("tonghop-header-rule-");
    const res = await runCli(["demo", "--out-dir", dir]);
    expect(res.code, res.stderr).toBe(0);
    const report = readdirSync(dir).find((f) => f.startsWith("BaoCaoTongHop_"));
    if (!report) throw new Error("no report");
    rows = JSON.parse(await python([path.join(dir, report), JSON.stringify(PRINTABLE)])) as typeof rows;
  }, 60_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("every printable sheet has both row-2 texts, each with a thin bottom border", () => {
    for (const sheet of PRINTABLE) {
      const texts = rows.filter(([name]) => name === sheet).map(([, text]) => text).sort();
      expect(texts, sheet).toEqual(["THANH TRA BỘ", "Độc lập - Tự do - Hạnh phúc"].sort());
    }
    for (const [sheet, text, , , border] of rows) expect(border, `${sheet} ${text}`).toBe("thin");
  });

  it.each(PRINTABLE)("%s: each text in the narrowest run wide enough, the most centred of those", (sheet) => {
    const here = rows.filter(([name]) => name === sheet);
    expect(here.length).toBe(2);
    for (const [, text, got, want] of here) expect(got, text).toBe(want);
  });
});
