/**
 * Regression (a review of the printed report, 2026-12-07, seventh session): text a unit typed printed cut.
 * 02/TCD's column 17 ("Chuyển đơn đến cơ quan có thẩm quyền trong nước", 47 characters) wraps in its 24-wide
 * column but its row stayed 15 pt, so the PDF showed "Chuyển đơn đến cơ quan có thẩm"; a unit's long notes
 * line on 01_TTr, merged across the sheet, printed two lines of nine. And a note cut at Excel's 32,767
 * characters gave in "… (cắt bớt, N ký tự)" the length with the report's "<unit name>: " label, not of
 * what the unit sent (WORKBOOKS.md §2.1: N the original length).
 *
 * The notes and the text are typed with openpyxl (an independent writer) into a filled template; the
 * report is rendered by LibreOffice (an independent reader) and read back by pdftotext.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type ExcelJS from "exceljs";
import { parsePeriod, periodWindow } from "../../src/core/periods";
import { parseRosterCsv, unitsActiveIn, type Roster } from "../../src/core/roster";
import { buildReport } from "../../src/core/report/report";
import { buildTemplate } from "../../src/core/template/template";
import { runValidation } from "../../src/core/validate/run";
import { fillTemplate } from "../helpers/fill";
import { loadWorkbook } from "../helpers/workbook";
import { convertWithLibreOffice } from "../helpers/libreoffice";

const PERIOD = parsePeriod("2023-H1");
const ROSTER_CSV = ["ma_dv,ten_dv,loai_dv,khoi,hieu_luc_tu,hieu_luc_den", "VU-CAU-AU,Vụ Châu Âu,VU,TRONG_NUOC,,", "VAN-PHONG-BO,Văn phòng Bộ,VAN_PHONG,TRONG_NUOC,,"].join("\n");

const TCD_TEXT = "Chuyển đơn đến cơ quan có thẩm quyền trong nước";
/** 819 characters of words, its last word one pdftotext keeps whole. */
const LONG_NOTE = `${"Đoàn thanh tra đã làm việc với các đơn vị liên quan theo kế hoạch. ".repeat(12)}KETTHUCGHICHU`;
/** Excel's largest cell, typed by the unit as its 01/TCD notes. */
const HUGE_NOTE = "x".repeat(32_767);

/** openpyxl types the notes after "Ghi chú:" on 01_TTr and 01_TCD, and 02/TCD's column 17 on its data row. */
const TYPE_NOTES = String.raw`
import sys, openpyxl
path, long_note, huge_note, tcd_text = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
wb = openpyxl.load_workbook(path)
def notes_cell(ws):
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and "Ghi chú" in c.value:
                return c
    raise SystemExit("no notes line on " + ws.title)
c = notes_cell(wb["01_TTr"]); c.value = c.value.rstrip() + " " + long_note
c = notes_cell(wb["01_TCD"]); wb["01_TCD"].cell(c.row, c.column + 1).value = huge_note
ws = wb["02_TCD"]
for row in ws.iter_rows():
    for c in row:
        if c.value == "MS":
            code_row = c.row
for c in ws[code_row]:
    if str(c.value).split("=")[0].strip() == "17":
        ws.cell(code_row + 1, c.column).value = tcd_text
wb.save(path)
`;

let dir = "";
let pages: string[] = [];
let report: ExcelJS.Workbook;

beforeAll(async () => {
  const parsed = parseRosterCsv(new TextEncoder().encode(ROSTER_CSV), "roster.csv");
  if (!parsed.roster) throw new Error(JSON.stringify(parsed.errors));
  const roster: Roster = parsed.roster;
  dir = await mkdtemp(path.join(tmpdir(), "tonghop-notes-print-"));
  const files = [];
  for (const unit of unitsActiveIn(roster, periodWindow(PERIOD))) {
    const bytes = await fillTemplate(await buildTemplate({ unit, period: PERIOD }), { ttr: { 1: 1, 2: 1, 3: 0, 4: 1, 5: 0 } });
    const file = path.join(dir, `BM_${unit.code}_2023-H1.xlsx`);
    await writeFile(file, bytes);
    if (unit.code === "VU-CAU-AU") execFileSync("/usr/bin/python3", ["-c", TYPE_NOTES, file, LONG_NOTE, HUGE_NOTE, TCD_TEXT]);
    files.push({ file: path.basename(file), bytes: new Uint8Array(await readFile(file)) });
  }
  const run = await runValidation(files, { roster, period: PERIOD, options: {} });
  const errors = run.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new Error(JSON.stringify(errors.map((f) => [f.rule, f.cell])));
  const built = await buildReport({ run, options: { creationTime: "2023-06-20T00:00:00Z" } });
  const xlsx = path.join(dir, "report.xlsx");
  await writeFile(xlsx, built.bytes);
  report = await loadWorkbook(built.bytes);
  const { out } = await convertWithLibreOffice(xlsx, "pdf");
  pages = execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\f");
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A page's words, one space between them (pdftotext lays wrapped lines out in columns). */
const words = (page: string): string => page.replace(/\s+/gu, " ");

describe("a unit's text in the printed report", () => {
  it("02/TCD's column 17 prints whole in its wrapped column", () => {
    const page = pages.find((p) => p.includes("02/TCD")) ?? "";
    expect(page).not.toBe("");
    // Wrapped over two lines of the column (pdftotext puts the unit's name between them): both print.
    expect(words(page)).toContain("Chuyển đơn đến cơ quan có thẩm");
    expect(words(page)).toContain("quyền trong nước");
    // pdftotext also reads text a row clips, so the row's height is checked too: LibreOffice wraps the 47
    // characters onto two lines of the 24-wide column, 15 pt each.
    const ws = report.getWorksheet("02_TCD");
    let height = 0;
    ws?.eachRow((row) => {
      row.eachCell((cell) => {
        if (cell.value === TCD_TEXT) height = row.height;
      });
    });
    expect(height).toBeGreaterThanOrEqual(30);
  });

  it("a long notes line prints to its last word", () => {
    const page = pages.filter((p) => p.includes("01/TTr")).join(" ");
    expect(words(page)).toContain("Vụ Châu Âu: Đoàn thanh tra");
    expect(page).toContain("KETTHUCGHICHU");
  });

  it("a note cut at Excel's limit gives the length the unit sent", () => {
    const ws = report.getWorksheet("01_TCD");
    let cut = "";
    ws?.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === "string" && v.startsWith("Vụ Châu Âu: x")) cut = v;
    });
    expect(cut.endsWith("… (cắt bớt, 32767 ký tự)")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(32_767);
  });
});
