/**
 * The report opens in LibreOffice without repair, and on the rendered pages the header, title,
 * period line, table and signature block are where WORKBOOKS.md §2.2–§2.4 put them (read back
 * from the PDF with pdftotext -layout: line order and left/right position).
 */
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_SHEETS } from "../src/core/report/report";
import { runBinary, tempDir } from "./helpers/cli";
import { convertWithLibreOffice } from "./helpers/libreoffice";
import { loadWorkbook } from "./helpers/workbook";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");
let report: string;
let pdf: string;

beforeAll(async () => {
  const dir = await tempDir();
  report = path.join(dir, "BaoCaoTongHop_2023-H1.xlsx");
  const result = await runBinary(["aggregate", FOLDER, "--period", "2023-H1", "--out", report]);
  expect(result.code, result.stderr).toBe(1);
  pdf = (await convertWithLibreOffice(report, "pdf")).out;
});

function pageText(page: number): string[] {
  return execFileSync("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" }).split("\n");
}

function lineOf(lines: string[], text: string): number {
  const i = lines.findIndex((l) => l.includes(text));
  expect(i, `"${text}" on the page`).toBeGreaterThanOrEqual(0);
  return i;
}

function columnOf(lines: string[], text: string): number {
  return (lines[lineOf(lines, text)] ?? "").indexOf(text);
}

describe("the report in LibreOffice", () => {
  it("converts to PDF, and a LibreOffice re-save keeps every sheet in order", async () => {
    expect((await readFile(pdf)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const resaved = await convertWithLibreOffice(report, "xlsx");
    const wb = await loadWorkbook(new Uint8Array(await readFile(resaved.out)));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
  });

  it("puts the cover's header, title, period line, tables and signature in their places", () => {
    const lines = pageText(1);
    const agency = lineOf(lines, "BỘ NGOẠI GIAO");
    expect(lineOf(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).toBe(agency);
    expect(columnOf(lines, "BỘ NGOẠI GIAO")).toBeLessThan(columnOf(lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    expect(lineOf(lines, "THANH TRA BỘ")).toBe(lineOf(lines, "Độc lập - Tự do - Hạnh phúc"));
    expect(lineOf(lines, "Số: …/BC-TTr")).toBe(lineOf(lines, "Hà Nội, ngày … tháng … năm …"));
    const order = [
      lineOf(lines, "THANH TRA BỘ"),
      lineOf(lines, "BÁO CÁO TỔNG HỢP"),
      lineOf(lines, "Kỳ báo cáo: 6 tháng đầu năm 2023 (số liệu tính từ ngày 15/12/2022 đến ngày 14/06/2023)"),
      lineOf(lines, "I. CÁC CHỈ TIÊU CHÍNH"),
      lineOf(lines, "II. CÁC TỶ LỆ KHÁC"),
      lineOf(lines, "III. KIỂM TRA SỐ LIỆU"),
      lineOf(lines, "NGƯỜI LẬP BIỂU"),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(lineOf(lines, "THỦ TRƯỞNG ĐƠN VỊ")).toBe(lineOf(lines, "NGƯỜI LẬP BIỂU"));
    expect(columnOf(lines, "NGƯỜI LẬP BIỂU")).toBeLessThan(columnOf(lines, "THỦ TRƯỞNG ĐƠN VỊ"));
    expect(lines[lineOf(lines, "Tỷ lệ hoàn thành kế hoạch thanh tra, kiểm tra")]).toMatch(/41[.,]0%/u);
  });

  it("lays out KH_TH: form lines, header, code row, TỔNG CỘNG first, then the groups", () => {
    const lines = pageText(2);
    const order = [
      lineOf(lines, "BỘ NGOẠI GIAO"),
      lineOf(lines, "Biểu số: KH-TH"),
      lineOf(lines, "TÌNH HÌNH THỰC HIỆN KẾ HOẠCH THANH TRA, KIỂM TRA, GIÁM SÁT"),
      lineOf(lines, "Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/06/2023"),
      lineOf(lines, "Đơn vị tính:"),
      lineOf(lines, "A. THANH TRA, KIỂM TRA"),
      lineOf(lines, "6=2/1"),
      lineOf(lines, "TỔNG CỘNG"),
      lineOf(lines, "I. Các đơn vị trong nước"),
      lineOf(lines, "1. Vụ Châu Âu"),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(columnOf(lines, "A. THANH TRA, KIỂM TRA")).toBeLessThan(columnOf(lines, "B. CHƯƠNG TRÌNH KIỂM TRA, GIÁM SÁT CỦA ĐẢNG"));
    expect(lines[lineOf(lines, "13. Vụ Biên Phiên dịch đối ngoại (chưa nộp)")]).toContain("Chưa nộp");
  });
});
