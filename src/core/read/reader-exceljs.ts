/**
 * The exceljs reader, kept only for the differential test of the streaming reader
 * (tests/reader-differential.test.ts): same logic (reader.ts), sheets loaded by exceljs.
 */
import ExcelJS from "exceljs";
import { nfc } from "../text";
import { SheetGrid } from "./grid";
import { emptyStringFormulaCells } from "./rawsheets";
import { readWith, type ReadOptions, type WorkbookOpener } from "./reader";
import type { ReadOutcome } from "./submission";

const EXCELJS: WorkbookOpener = {
  inflateAll: true,
  async open(bytes) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
    const emptyResults = emptyStringFormulaCells(bytes);
    const grids = wb.worksheets.map((ws, i) => new SheetGrid(ws, i, date1904, emptyResults.get(nfc(ws.name))));
    return { grids, date1904 };
  },
};

/** Read one input file with exceljs. Never throws for bad input: problems are findings. */
export async function readSubmissionExcelJs(input: Uint8Array | ArrayBuffer, file: string, options: ReadOptions = {}): Promise<ReadOutcome> {
  return readWith(EXCELJS, input, file, options);
}
