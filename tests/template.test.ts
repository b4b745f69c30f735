/**
 * Blank submission templates (issue: foundation; WORKBOOKS.md §1.1–1.3). Each template is written
 * by our code and read back with exceljs, asserting on what a unit and the reader will see. The
 * expected forms, sheets, labels, titles, unit lines, header depths, code rows, rows, notes lines
 * and column types are parsed from FORMS.md, ThongTin from WORKBOOKS.md §1.2, unit names from
 * UNITS.md (tests/helpers/spec.ts), never taken from the product's catalogue or roster.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type ExcelJS from "exceljs";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER, findUnit } from "../src/core/roster";
import { buildTemplate, templateFileName } from "../src/core/template/template";
import { specFormLayouts, specRoster, specThongTin, type SpecFormLayout } from "./helpers/spec";
import { findCell, loadWorkbook, mergedRanges, textOf } from "./helpers/workbook";

const period = parsePeriod("2023-H1");
const window = { from: "2022-12-15", to: "2023-06-14" };
const FORMS = specFormLayouts();
/** WORKBOOKS.md §1.2: `Phiên bản biểu mẫu` is `TT01_2024-v1`. */
const CATALOGUE_VERSION = "TT01_2024-v1";

/** The product's unit record (an input of the template writer). */
function unit(code: string) {
  const found = findUnit(DEFAULT_ROSTER, code, window);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
}

function specName(code: string): string {
  const u = specRoster().find((x) => x.code === code);
  if (!u) throw new Error(`UNITS.md has no ${code}`);
  return u.name;
}

/** A 1900-system Excel serial (≥ 61) or a Date as an ISO date, by hand (day 25569 is 1970-01-01). */
function isoDateOf(v: ExcelJS.CellValue): string {
  const serial = v instanceof Date ? v.getTime() / 86_400_000 + 25569 : Number(v);
  return new Date((Math.floor(serial) - 25569) * 86_400_000).toISOString().slice(0, 10);
}

/** A form column's type; 01/TCD says it in prose ("All columns INT"). */
function typeOf(form: SpecFormLayout, no: number): string {
  return form.columnTypes.get(no) ?? "INT";
}

function formOf(code: string): SpecFormLayout {
  const f = FORMS.find((x) => x.code === code);
  if (!f) throw new Error(`FORMS.md has no ${code}`);
  return f;
}

/** Data columns of a WIDE form: the code row's numbers after "MS". */
const wideColumns = (form: SpecFormLayout): number[] => form.codeRow.slice(1).map((c) => Number(/^\d+/u.exec(c)?.[0]));

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = await buildTemplate({ unit: unit("VU-CAU-AU"), period });
  wb = await loadWorkbook(bytes);
});

function sheet(name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe("template workbook", () => {
  it("names the file BM_<ma_dv>_<period>.xlsx", () => {
    expect(templateFileName("VU-CAU-AU", "2023-H1")).toBe("BM_VU-CAU-AU_2023-H1.xlsx");
  });

  it("has ThongTin then one sheet per form in the order of FORMS.md §2", () => {
    expect(FORMS).toHaveLength(8);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["ThongTin", ...FORMS.map((f) => f.sheet)]);
  });

  it("pre-fills ThongTin with the unit, period, window and form version", () => {
    const ws = sheet("ThongTin");
    expect(textOf(ws.getCell("A1").value)).toBe("THÔNG TIN CHUNG VỀ BÁO CÁO");
    const labels = specThongTin();
    expect(labels).toHaveLength(9);
    // Labels in A3:A11, values in B3:B11 (the canonical layout of §1.2).
    for (const { label, cell } of labels) expect(textOf(ws.getCell(`A${cell.slice(1)}`).value), cell).toBe(label);
    expect(ws.getCell("B3").value).toBe("VU-CAU-AU");
    expect(ws.getCell("B4").value).toBe(specName("VU-CAU-AU"));
    expect(ws.getCell("B5").value).toBe("2023-H1");
    expect(isoDateOf(ws.getCell("B6").value)).toBe("2022-12-15");
    expect(isoDateOf(ws.getCell("B7").value)).toBe("2023-06-14");
    expect(ws.getCell("B11").value).toBe(CATALOGUE_VERSION);
    expect(ws.getCell("B8").protection?.locked).toBe(false);
    expect(ws.getCell("B3").protection?.locked).not.toBe(false);
  });

  it("finds every form by its Biểu số label, with title, window line and unit line", () => {
    for (const form of FORMS) {
      const ws = sheet(form.sheet);
      expect(textOf(ws.getCell("A3").value), form.code).toBe(form.label);
      expect(textOf(ws.getCell("A4").value)).toBe(form.title);
      expect(textOf(ws.getCell("A1").value)).toBe("BỘ NGOẠI GIAO");
      expect(textOf(ws.getCell("A2").value)).toBe(specName("VU-CAU-AU").toLocaleUpperCase("vi"));
      const line = textOf(ws.getCell("A5").value);
      if (form.code === "KH-TH") expect(line).toBe("Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/06/2023");
      else expect(line).toBe("Số liệu tính từ ngày 15/12/2022 đến ngày 14/06/2023");
      expect(findCell(ws, new RegExp(`^${form.unitLine.replace(/[()]/gu, "\\$&")}$`, "u"), 6)).not.toBeNull();
      expect(findCell(ws, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/u, 1)).not.toBeNull();
    }
  });

  it("writes the code row exactly as FORMS.md, right under the merged header", () => {
    for (const form of FORMS) {
      const ws = sheet(form.sheet);
      const codeRow = 7 + form.headerDepth;
      const texts = form.codeRow.map((_, i) => textOf(ws.getCell(codeRow, i + 1).value));
      expect(form.codeRow.length).toBeGreaterThan(4);
      expect(texts, form.code).toEqual([...form.codeRow]);
      // The label column(s) span every header row.
      const merges = mergedRanges(ws);
      if (form.headerDepth > 1) expect(merges, form.code).toContain(`A7:A${6 + form.headerDepth}`);
    }
  });

  it("merges the multi-level header of 01/TCD as the header paths say", () => {
    const ws = sheet("01_TCD");
    const merges = mergedRanges(ws);
    // Columns 1–3 are single-level: merged down the 4 header rows (B7:B10 …).
    expect(merges).toContain("B7:B10");
    // "Tiếp thường xuyên" spans columns 4–11 (E…L) on the first header row.
    expect(textOf(ws.getCell("E7").value)).toBe("Tiếp thường xuyên");
    expect(merges).toContain("E7:L7");
    // "Tiếp định kỳ và đột xuất của Thủ trưởng" spans columns 12–29 (M…AD).
    expect(textOf(ws.getCell("M7").value)).toBe("Tiếp định kỳ và đột xuất của Thủ trưởng");
    expect(merges).toContain("M7:AD7");
  });

  it("puts every row code of the ROWS forms in column A under the code row", () => {
    for (const form of FORMS.filter((f) => f.layout === "ROWS")) {
      const ws = sheet(form.sheet);
      const first = 8 + form.headerDepth;
      form.rows.forEach((row, i) => {
        expect(textOf(ws.getCell(first + i, 1).value), `${form.code} ${row.code}`).toBe(row.code);
        expect(textOf(ws.getCell(first + i, 2).value)).toBe(row.label);
      });
      const notes = first + form.rows.length + 1;
      expect(textOf(ws.getCell(notes, 1).value)).toBe(`${form.notesNo}. Ghi chú:`);
    }
  });

  it("has the unit's data row on WIDE forms with unlocked, validated input cells", () => {
    for (const form of FORMS.filter((f) => f.layout === "WIDE")) {
      const ws = sheet(form.sheet);
      const dataRow = 8 + form.headerDepth;
      expect(textOf(ws.getCell(dataRow, 1).value)).toBe(specName("VU-CAU-AU"));
      wideColumns(form).forEach((no, i) => {
        const cell = ws.getCell(dataRow, 2 + i);
        expect(cell.protection?.locked, `${form.code} c${no}`).toBe(false);
        const dv = cell.dataValidation;
        if (typeOf(form, no) === "TEXT") {
          expect(dv?.type).toBeUndefined();
        } else {
          expect(dv.type, `${form.code} c${no}`).toBe(typeOf(form, no) === "INT" ? "whole" : "decimal");
          expect(dv.operator).toBe("greaterThanOrEqual");
          expect(Number(dv.formulae?.[0])).toBe(0);
          expect(dv.showErrorMessage).toBe(true);
          expect(dv.prompt).toMatch(/không âm/u);
          expect(dv.error).toMatch(/lớn hơn hoặc bằng 0/u);
        }
      });
      expect(textOf(ws.getCell(dataRow + 2, 1).value)).toBe(`${form.notesNo}. Ghi chú:`);
    }
  });

  it("validates money and land cells as decimals, counts as whole numbers", () => {
    const ws = sheet("01_TTr");
    const dataRow = 8 + 3;
    expect(ws.getCell(dataRow, 2).dataValidation.type).toBe("whole"); // c1 INT
    expect(ws.getCell(dataRow, 9).dataValidation.type).toBe("decimal"); // c8 MONEY
    expect(ws.getCell(dataRow, 9).numFmt).toBe("#,##0.000");
    expect(ws.getCell(dataRow, 10).numFmt).toBe("#,##0.00"); // c9 LAND
    const pctn = sheet("PCTN");
    const first = 8 + 1;
    const p16 = formOf("PCTN-NB").rows.findIndex((r) => r.code === "P16");
    expect(formOf("PCTN-NB").rows[p16]?.type).toBe("MONEY");
    expect(pctn.getCell(first + p16, 4).dataValidation.type).toBe("decimal");
    const p01 = formOf("PCTN-NB").rows.findIndex((r) => r.code === "P01");
    expect(pctn.getCell(first + p01, 4).dataValidation.type).toBe("whole");
  });

  it("locks KH-TH group rows and section rows, unlocks data rows", () => {
    const ws = sheet("KH_TH");
    const first = 8 + 2;
    const codes = formOf("KH-TH").rows.map((r) => r.code);
    expect(codes).toEqual(["A", "A1", "A2", "A3", "B", "B1", "B2", "B3", "B4", "B5", "B6"]);
    const rowOf = (code: string): number => first + codes.indexOf(code);
    expect(ws.getCell(rowOf("A"), 3).protection?.locked).not.toBe(false);
    expect(ws.getCell(rowOf("A"), 3).value).toBeNull();
    expect(ws.getCell(rowOf("A1"), 3).protection?.locked).toBe(false);
    expect(ws.getCell(rowOf("B2"), 3).dataValidation.type).toBe("whole");
  });

  it("protects every sheet without a password, in Times New Roman, A4 landscape with print titles", () => {
    for (const ws of wb.worksheets) {
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; algorithmName?: string } }).sheetProtection;
      expect(protection?.sheet, ws.name).toBe(true);
      expect(protection?.algorithmName).toBeUndefined();
    }
    for (const form of FORMS) {
      const ws = sheet(form.sheet);
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect(ws.pageSetup.printTitlesRow).toBe(`1:${7 + form.headerDepth}`);
      expect(ws.getCell("A3").font?.name).toBe("Times New Roman");
      expect(ws.getCell(7, 1).font?.name).toBe("Times New Roman");
    }
  });

  it("is byte-identical for the same inputs (fixed timestamps)", async () => {
    const again = await buildTemplate({ unit: unit("VU-CAU-AU"), period });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const other = await buildTemplate({ unit: unit("VU-CAU-AU"), period, creationTime: "2024-01-02T00:00:00Z" });
    expect(Buffer.from(other).equals(Buffer.from(bytes))).toBe(false);
  });

  it("writes a mission's template with its own name", async () => {
    const mission = await loadWorkbook(await buildTemplate({ unit: unit("CQDD-US-HOU"), period }));
    expect(mission.getWorksheet("ThongTin")?.getCell("B4").value).toBe(specName("CQDD-US-HOU"));
    expect(textOf(mission.getWorksheet("01_TCD")?.getCell("A2").value ?? null)).toBe("TỔNG LÃNH SỰ QUÁN VIỆT NAM TẠI HOUSTON");
  });
});
