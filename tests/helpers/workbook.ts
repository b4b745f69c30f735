/** Test helpers: read real .xlsx bytes back with exceljs, an independent path from our writer. */
import ExcelJS from "exceljs";

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** Plain text of a cell value (rich text joined), "" when empty. */
export function textOf(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("text" in value && typeof value.text === "string") return value.text;
  if ("result" in value) return textOf(value.result as ExcelJS.CellValue);
  return "";
}

/** The first cell in rows 1–20 whose text matches `re`, as {row, col}. */
export function findCell(ws: ExcelJS.Worksheet, re: RegExp, maxRow = 60): { row: number; col: number } | null {
  for (let r = 1; r <= Math.min(maxRow, ws.rowCount); r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(ws.columnCount, 40); c++) {
      if (re.test(textOf(row.getCell(c).value))) return { row: r, col: c };
    }
  }
  return null;
}

/** Every merged range of a sheet as A1 ranges ("A7:A9"). */
export function mergedRanges(ws: ExcelJS.Worksheet): string[] {
  const model = ws.model as unknown as { merges?: string[] };
  return model.merges ?? [];
}
