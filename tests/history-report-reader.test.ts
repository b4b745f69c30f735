/**
 * An earlier report given as history (PERIODS.md §6): its NguonSoLieu (WORKBOOKS.md §2.9) read by the
 * streaming reader one row at a time (read/report.ts `readReportProvenance`), so that a report of
 * 1,000 units (60,000 rows and more) reads quickly, within the limits, and is never cut at the cell
 * limit. The workbooks are written here with exceljs, the block titles and headers typed from the spec,
 * so every expected value is what was written.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { LimitExceeded } from "../src/core/read/limits";
import { readReportProvenance, type ProvenanceValue } from "../src/core/read/report";
import { readHistory } from "../src/core/validate/history";

const INPUTS_HEADER = ["STT", "Tệp", "SHA-256", "Kích thước (byte)", "Mã đơn vị", "Kỳ báo cáo", "Phiên bản biểu mẫu", "Ngày lập", "Ngày nhận", "Nguồn ngày nhận", "Trạng thái", "Lý do"];
const VALUES_HEADER = ["Biểu", "Mã dòng", "Cột", "Mã đơn vị", "Giá trị", "Tệp (STT)", "Trang nguồn", "Ô nguồn", "Ô báo cáo"];

interface Made {
  readonly bytes: Uint8Array;
  readonly values: ProvenanceValue[];
  readonly units: string[];
}

/** A report-like workbook: a form sheet, then NguonSoLieu with `units` units of `perUnit` values each. */
async function report(units: number, perUnit: number, edit: (ws: ExcelJS.Worksheet) => void = () => undefined): Promise<Made> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("01_TCD").getCell("A1").value = "Biểu số: 01/TCD";
  const ws = wb.addWorksheet("NguonSoLieu");
  ws.addRow(["0. THÔNG TIN LẦN TỔNG HỢP"]);
  ws.addRow(["Công cụ", "tonghop 1.0.0"]);
  ws.addRow(["Kỳ báo cáo", "2023-H1 (6 tháng đầu năm 2023)"]);
  ws.addRow([]);
  ws.addRow(["1. TỆP ĐẦU VÀO"]);
  ws.addRow(INPUTS_HEADER);
  const codes = Array.from({ length: units }, (_, i) => `DV-${String(i + 1).padStart(4, "0")}`);
  codes.forEach((unit, i) => ws.addRow([i + 1, `BM_${unit}_2023-H1.xlsx`, "AB".repeat(32), 22_000, unit, "2023-H1", "TT01_2024-v1", "", "", "Không rõ", "Được sử dụng", ""]));
  ws.addRow([]);
  ws.addRow(["2. SỐ LIỆU ĐƠN VỊ"]);
  ws.addRow(VALUES_HEADER);
  const values: ProvenanceValue[] = [];
  codes.forEach((unit, u) => {
    for (let k = 0; k < perUnit; k++) {
      const row = k % 2 === 0 ? null : `A${k}`;
      const value = (u * 7 + k * 3) % 1000 + (k % 4) * 0.25;
      values.push({ form: "01/TCD", row, column: (k % 12) + 1, unit, value });
      ws.addRow(["01/TCD", row ?? "", (k % 12) + 1, unit, value, u + 1, "01_TCD", `C${k + 10}`, `'01_TCD'!C${u + 14}`]);
    }
  });
  ws.addRow([]);
  ws.addRow(["3. Ô TỔNG HỢP"]);
  ws.addRow(["Ô báo cáo", "Biểu", "Mã dòng", "Cột", "Phạm vi", "Giá trị", "Tử số", "Mẫu số", "Số đơn vị", "Đơn vị đóng góp"]);
  ws.addRow(["'01_TCD'!C10", "01/TCD", "TOTAL", 1, "TOTAL", 13, "", "", 2, "DV-0001"]);
  edit(ws);
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), values, units: codes };
}

let big: Promise<Made> | null = null;
/** A 1,000-unit report (64 values each), made once. */
function bigReport(): Promise<Made> {
  big ??= report(1000, 64);
  return big;
}

describe("readReportProvenance", () => {
  it("reads the period, every input and every value as written", async () => {
    const made = await report(3, 5);
    const p = readReportProvenance(made.bytes);
    expect(p?.period).toBe("2023-H1");
    expect(p?.inputs).toEqual(made.units.map((unit) => ({ file: `BM_${unit}_2023-H1.xlsx`, sha256: "ab".repeat(32), unit, status: "accepted" })));
    expect(p?.values).toEqual(made.values);
  });

  it("tolerates the sheet re-saved by another program: numbers as text, rich text, rows moved", async () => {
    const plain = await report(2, 4);
    const made = await report(2, 4, (ws) => {
      // Block 2's numbers as text (its values are rows 12–19), in the Vietnamese convention; one with spaces.
      ws.eachRow((row, r) => {
        if (r < 12 || r > 19) return;
        row.getCell(3).value = String(row.getCell(3).value);
        row.getCell(5).value = String(row.getCell(5).value).replace(".", ",");
      });
      ws.getCell(13, 5).value = ` ${String(ws.getCell(13, 5).value)} `;
      expect(ws.getCell(13, 5).value).toMatch(/^ \d+(,\d+)? $/u);
      ws.getCell(1, 1).value = { richText: [{ text: "0. THÔNG TIN " }, { text: "LẦN TỔNG HỢP", font: { bold: true } }] };
      // Block 2 moved down by two rows inserted before its title.
      ws.spliceRows(10, 0, [], []);
    });
    const p = readReportProvenance(made.bytes);
    expect(p?.period).toBe("2023-H1");
    expect(p?.inputs).toHaveLength(2);
    expect(p?.values).toEqual(plain.values);
  });

  it("ends a block at a blank row, and a second title of a block is not read again", async () => {
    const made = await report(2, 3, (ws) => {
      ws.spliceRows(14, 0, []); // a blank row inside block 2: the rows after it are not values
      ws.addRow(["2. SỐ LIỆU ĐƠN VỊ"]);
      ws.addRow(VALUES_HEADER);
      ws.addRow(["01/TCD", "", 1, "DV-9999", 5]);
    });
    const p = readReportProvenance(made.bytes);
    expect(p?.values).toEqual(made.values.slice(0, 3 - 1));
  });

  it("gives null for a workbook without NguonSoLieu", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("X").getCell("A1").value = "2. SỐ LIỆU ĐƠN VỊ";
    expect(readReportProvenance(new Uint8Array(await wb.xlsx.writeBuffer()))).toBeNull();
  });

  it("reads a 1,000-unit report's 64,000 value rows whole, past the per-sheet cell limit, in a few seconds", { timeout: 120_000 }, async () => {
    const made = await bigReport();
    // About 590,000 cells in NguonSoLieu: more than maxCells (500,000), which bounds a unit's file.
    const started = performance.now();
    const p = readReportProvenance(made.bytes);
    const ms = performance.now() - started;
    console.log(`NguonSoLieu of 65,000 rows read in ${ms.toFixed(0)} ms`);
    expect(p?.inputs).toHaveLength(1000);
    expect(p?.values).toHaveLength(64_000);
    expect(p?.values).toEqual(made.values);
    expect(ms).toBeLessThan(15_000);
  });

  it("regression: a report whose NguonSoLieu is over maxCells was listed as unreadable history", { timeout: 120_000 }, async () => {
    // The reader took NguonSoLieu ("Mã đơn vị" in its header) for ThongTin and refused the file at the cell
    // limit (V-FILE-04); a report is read as one whatever its cell count.
    const made = await bigReport();
    const history = await readHistory([{ file: "BaoCaoTongHop_2023-H1.xlsx", bytes: made.bytes }]);
    expect(history.inputs.map((i) => [i.status, i.period]), JSON.stringify(history.inputs[0]?.reason)).toEqual([["used", "2023-H1"]]);
    expect(history.entries).toHaveLength(1000);
    expect(history.entries.find((e) => e.unit === "DV-0500")?.values.get("01/TCD|A1|2")).toBe(made.values.find((v) => v.unit === "DV-0500" && v.row === "A1" && v.column === 2)?.value);
  });

  it("regression: a report over the file's cell limit (maxFileCells), each sheet under maxCells, is still read as history", async () => {
    // A report of many units can hold more cells in all its sheets than a unit's file may (1,000,000 by
    // default): refused as a submission for that, it is read as a report, as for one sheet over maxCells.
    const made = await report(50, 20);
    const history = await readHistory([{ file: "BaoCaoTongHop_2023-H1.xlsx", bytes: made.bytes }], { maxFileCells: 500, maxCells: 10_000 });
    expect(history.inputs.map((i) => [i.status, i.period]), JSON.stringify(history.inputs[0]?.reason)).toEqual([["used", "2023-H1"]]);
    expect(history.entries).toHaveLength(50);
  });

  it("keeps the other limits: a part larger than maxPartMB is refused", async () => {
    const made = await report(50, 20);
    expect(() => readReportProvenance(made.bytes, { maxPartMB: 0.01 })).toThrow(LimitExceeded);
  });
});
