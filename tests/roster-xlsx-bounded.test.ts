/**
 * A roster given as .xlsx costs little whatever it holds (read/roster.ts, the streaming reader with the
 * reading limits). Regression: exceljs's roster reader inflated a 300 KB zip bomb given as `--units` in
 * full before refusing it (measured through the CLI: 9.3 s and 760 MB peak).
 * The bomb is tests/regressions/fixtures/history-zip-bomb.xlsx (one part declared at 300 MB).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseRosterXlsx } from "../src/core/read/roster";

const BOMB = path.join(__dirname, "regressions", "fixtures", "history-zip-bomb.xlsx");

async function rosterWithUnits(count: number): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("DanhSachDonVi");
  ws.addRow(["ma_dv", "ten_dv", "loai_dv", "khoi"]);
  for (let i = 1; i <= count; i++) ws.addRow([`VU-${i}`, `Vụ ${i}`, "VU", "TRONG_NUOC"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("an .xlsx roster within the reading limits", () => {
  it("refuses a zip bomb by its declared size, at once, with V-ROSTER-01", async () => {
    const bytes = new Uint8Array(readFileSync(BOMB));
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const result = await parseRosterXlsx(bytes, "bomb.xlsx");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.roster).toBeNull();
    expect(result.errors.map((e) => e.rule)).toEqual(["V-ROSTER-01"]);
    expect(result.errors[0]?.message.vi).toContain("vượt giới hạn đọc");
  });

  it("refuses a roster sheet over the cell limit", async () => {
    const bytes = await rosterWithUnits(30);
    expect((await parseRosterXlsx(bytes, "a.xlsx")).roster?.rows).toHaveLength(30);
    const result = await parseRosterXlsx(bytes, "a.xlsx", { maxCells: 100 });
    expect(result.roster).toBeNull();
    expect(result.errors[0]?.message.en).toBe('Cannot read the unit roster: the file is over a reading limit (cells in sheet "DanhSachDonVi": 101; limit 100).');
  });

  it("refuses a file over maxFileSizeMB before reading it", async () => {
    const bytes = await rosterWithUnits(3);
    const result = await parseRosterXlsx(bytes, "a.xlsx", { maxFileSizeMB: 0.001 });
    expect(result.errors[0]?.message.en).toMatch(/^Cannot read the unit roster: the file is over a reading limit \(size \(MB\): 0\.0\d; limit 0\.001\)\.$/u);
  });
});
