/**
 * What a mutation-testing campaign on the report writer, the CLI and the pane's logic (2026-12-08, tenth session)
 * showed unpinned: behaviour WORKBOOKS.md, CLI.md or TASKPANE.md states that no test checked, each test
 * failing on the change it was written for. Submissions are made by hand (no reader), validated by
 * `runValidation` through its `read` hook and written by `buildReport`; the report is read back with exceljs.
 * Every expected value is the spec's wording or worked out by hand below.
 */
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runOf, type FileSpec, type UnitSpec } from "./helpers/hand-run";
import type ExcelJS from "exceljs";
import { WIDE_ROW } from "../src/core/read/submission";
import { buildReport } from "../src/core/report/report";
import type { ValidationRun } from "../src/core/validate/run";
import { runCli, tempDir } from "./helpers/cli";
import { loadWorkbook, textOf } from "./helpers/workbook";

async function reportOf(run: ValidationRun): Promise<ExcelJS.Workbook> {
  const report = await buildReport({ run });
  return loadWorkbook(report.bytes);
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Rows of a sheet as trimmed texts, column 1 first. */
function rowTexts(ws: ExcelJS.Worksheet, row: number, width = 20): string[] {
  return Array.from({ length: width }, (_, i) => textOf(ws.getCell(row, i + 1).value).trim());
}

function rowWhere(ws: ExcelJS.Worksheet, col: number, pred: (t: string) => boolean, from = 1): number {
  for (let r = from; r <= ws.rowCount; r++) if (pred(textOf(ws.getCell(r, col).value).trim())) return r;
  throw new Error(`${ws.name}: no such row`);
}

// -------------------------------------------------------------------------------------------------

describe("NguonSoLieu block 1: Lý do gives the rule ids (WORKBOOKS.md §2.9)", () => {
  it("names every error rule of a rejected file, not only the first", async () => {
    const run = await runOf(
      [{ code: "VU-A" }],
      [{ file: "BM_VU-A_2023-9M.xlsx", unit: "VU-A", forms: { "01/XLD": { [WIDE_ROW]: { 1: 10, 3: 9, 4: 6, 5: 5 } } } }],
    );
    // Hand check: 01/XLD c1 = 10 ≠ c3 = 9 (XLD-1) and c3 = 9 ≠ c4 + c5 = 11 (XLD-2): two error rules.
    expect(run.inputs.map((i) => [i.status, i.reasons])).toEqual([["rejected", ["V-ID-01/XLD-1", "V-ID-01/XLD-2"]]]);
    const ws = sheet(await reportOf(run), "NguonSoLieu");
    const header = rowWhere(ws, 1, (t) => t === "1. TỆP ĐẦU VÀO") + 1;
    const reasonCol = rowTexts(ws, header).indexOf("Lý do") + 1;
    expect(reasonCol).toBe(12);
    const reason = textOf(ws.getCell(header + 1, reasonCol).value);
    expect(reason).toContain("V-ID-01/XLD-1");
    expect(reason).toContain("V-ID-01/XLD-2");
  });
});

/** Four expected units: on time, late, rejected (and late), missing. Received dates are dcterms:modified (UTC+7). */
const FOUR_UNITS: UnitSpec[] = [{ code: "U-ONTIME" }, { code: "U-LATE" }, { code: "U-REJ" }, { code: "U-MISS", khoi: "NGOAI_NUOC" }];
const FOUR_FILES: FileSpec[] = [
  { file: "BM_U-ONTIME_2023-9M.xlsx", unit: "U-ONTIME", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { A1: { 1: 4, 2: 3, 3: 1 } } } },
  { file: "BM_U-LATE_2023-9M.xlsx", unit: "U-LATE", modified: "2023-09-18T02:00:00Z", forms: { "KH-TH": { A1: { 1: 2, 2: 2 } } } },
  // 01/XLD c1 = 10 ≠ c3 = 9: an error, so rejected; received 20/09, after the 16/09 deadline.
  { file: "BM_U-REJ_2023-9M.xlsx", unit: "U-REJ", modified: "2023-09-20T02:00:00Z", forms: { "01/XLD": { [WIDE_ROW]: { 1: 10, 3: 9, 4: 5, 5: 4 } } } },
];

describe("NguonSoLieu block 3: each BiaBaoCao unit count names the units it counts (WORKBOOKS.md §2.3, §2.9)", () => {
  it("Số đơn vị nộp muộn counts U-LATE alone: a rejected unit counts only as rejected, late or not", async () => {
    const run = await runOf(FOUR_UNITS, FOUR_FILES);
    expect(run.summary).toEqual({ expected: 4, received: 3, accepted: 2, rejected: 1, late: 1, missing: ["U-MISS"] });
    const ws = sheet(await reportOf(run), "NguonSoLieu");
    const header = rowWhere(ws, 1, (t) => t === "3. Ô TỔNG HỢP") + 1;
    expect(rowTexts(ws, header, 10)).toEqual(["Ô báo cáo", "Biểu", "Mã dòng", "Cột", "Phạm vi", "Giá trị", "Tử số", "Mẫu số", "Số đơn vị", "Đơn vị đóng góp"]);
    const counted = new Map<string, [string, string, string]>();
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const t = rowTexts(ws, r, 10);
      if (t[0]?.startsWith("'BiaBaoCao'!") || t[0]?.startsWith("BiaBaoCao!")) counted.set(t[3] ?? "", [t[5] ?? "", t[8] ?? "", t[9] ?? ""]);
    }
    // Hand count (§2.3): the figure, how many units it counts and which, in roster order.
    expect(counted.get("Số đơn vị phải báo cáo")).toEqual(["4", "4", "U-ONTIME; U-LATE; U-REJ; U-MISS"]);
    expect(counted.get("Số đơn vị đã nộp")).toEqual(["3", "3", "U-ONTIME; U-LATE; U-REJ"]);
    expect(counted.get("Số đơn vị được chấp nhận")).toEqual(["2", "2", "U-ONTIME; U-LATE"]);
    expect(counted.get("Số đơn vị nộp muộn")).toEqual(["1", "1", "U-LATE"]);
    expect(counted.get("Số đơn vị chưa nộp")).toEqual(["1", "1", "U-MISS"]);
    expect(counted.get("Số đơn vị bị trả lại")).toEqual(["1", "1", "U-REJ"]);
  });
});

let fourReport: Promise<ExcelJS.Workbook> | null = null;
/** The report of the four units (built once). */
function fourUnitsReport(): Promise<ExcelJS.Workbook> {
  fourReport ??= runOf(FOUR_UNITS, FOUR_FILES).then(reportOf);
  return fourReport;
}

describe("biểu sheets: missing and rejected units (WORKBOOKS.md §2.5)", () => {
  it("the label of a missing or rejected unit has its suffix in grey italic (FF808080); others plain", async () => {
    const ws = sheet(await fourUnitsReport(), "01_TCD");
    const labelFont = (re: RegExp): Partial<ExcelJS.Font> => ws.getCell(rowWhere(ws, 1, (t) => re.test(t)), 1).font;
    for (const re of [/^1\. Đơn vị U-MISS \(chưa nộp\)$/u, /^3\. Đơn vị U-REJ \(bị trả lại\)$/u]) {
      const f = labelFont(re);
      expect([f.italic, f.color?.argb]).toEqual([true, "FF808080"]);
    }
    const plain = labelFont(/^1\. Đơn vị U-ONTIME$/u);
    expect([plain.italic ?? false, plain.color?.argb]).toEqual([false, undefined]);
  });
});

describe("the notes number follows the table's last column (WORKBOOKS.md §2.5, §2.6)", () => {
  it("20 on PCTN (19 columns), 12 on KH_TH (after Table 2's 11)", async () => {
    const wb = await fourUnitsReport();
    expect(rowWhere(sheet(wb, "PCTN"), 1, (t) => /^\d+\. Ghi chú:$/u.test(t))).toBeGreaterThan(0);
    expect(textOf(sheet(wb, "PCTN").getCell(rowWhere(sheet(wb, "PCTN"), 1, (t) => /^\d+\. Ghi chú:$/u.test(t)), 1).value)).toBe("20. Ghi chú:");
    expect(textOf(sheet(wb, "KH_TH").getCell(rowWhere(sheet(wb, "KH_TH"), 1, (t) => /^\d+\. Ghi chú:$/u.test(t)), 1).value)).toBe("12. Ghi chú:");
  });
});

describe("page setup of the printable sheets (WORKBOOKS.md §2.2)", () => {
  it("panes frozen below the code row and right of the label column on every biểu and PCTN", async () => {
    const wb = await fourUnitsReport();
    for (const name of ["01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN"]) {
      const ws = sheet(wb, name);
      const codeRow = rowWhere(ws, 1, (t) => t === "MS");
      const view = ws.views[0] as Partial<ExcelJS.WorksheetViewFrozen> | undefined;
      expect([name, view?.state, view?.xSplit, view?.ySplit]).toEqual([name, "frozen", 1, codeRow]);
    }
  });
});

describe("print setup of every printable sheet (WORKBOOKS.md §2.2)", () => {
  it("A4 landscape, 1 page wide, the six margins, centred horizontally, footer Trang &P/&N", async () => {
    const wb = await fourUnitsReport();
    for (const name of ["BiaBaoCao", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN"]) {
      const ws = sheet(wb, name);
      const p = ws.pageSetup;
      expect([name, p.paperSize, p.orientation, p.fitToWidth, p.fitToHeight, p.horizontalCentered]).toEqual([name, 9, "landscape", 1, 0, true]);
      expect([name, p.margins]).toEqual([name, { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }]);
      expect([name, ws.headerFooter.oddFooter]).toEqual([name, "Trang &P/&N"]);
    }
  });
});

describe("an output naming the receipt log is refused: it is an input (CLI.md exit 2; DECISIONS.md 'An output that is a file the run reads is refused')", () => {
  it("aggregate --out and validate --json over --receipts exit 2 and leave the log as it was", async () => {
    const dir = await tempDir("tonghop-receipts-out-");
    const folder = path.join(dir, "units");
    await mkdir(folder);
    const file = "BM_CQDD-AU-CBR_2023-H1.xlsx";
    await copyFile(path.join(__dirname, "fixtures", "submissions", "folder-2023-H1", file), path.join(folder, file));
    const receipts = path.join(dir, "so-nhan.csv");
    const log = "tep,ngay_nhan\nBM_CQDD-AU-CBR_2023-H1.xlsx,2023-06-15\n";
    await writeFile(receipts, log);
    const common = [folder, "--period", "2023-H1", "--receipts", receipts, "--lang", "en"];
    for (const argv of [["aggregate", ...common, "--out", receipts], ["validate", ...common, "--json", receipts]]) {
      const r = await runCli(argv);
      expect([r.code, r.stdout]).toEqual([2, ""]);
      expect(r.stderr).toMatch(/^Will not write --(out|json) .*so-nhan\.csv: it is the input file /u);
      expect(await readFile(receipts, "utf8")).toBe(log);
    }
    expect((await readdir(dir)).sort()).toEqual(["so-nhan.csv", "units"]);
  });
});

describe("JSON inputs[].unit of an unreadable file is the unit its name gives (CLI.md 'JSON result')", () => {
  it("a damaged BM_<ma_dv>_… file is listed unreadable with that unit, and the unit counts as missing", async () => {
    const dir = await tempDir("tonghop-unreadable-unit-");
    const folder = path.join(dir, "units");
    await mkdir(folder);
    await writeFile(path.join(folder, "BM_CQDD-AU-CBR_2023-H1.xlsx"), "not a zip package");
    const json = path.join(dir, "kq.json");
    const r = await runCli(["validate", folder, "--period", "2023-H1", "--json", json, "--lang", "en"]);
    expect(r.code).toBe(1); // an unreadable input (CLI.md exit codes)
    const result = JSON.parse(await readFile(json, "utf8")) as { inputs: unknown[]; units: { missing: string[] } };
    expect(result.inputs).toEqual([{ file: "BM_CQDD-AU-CBR_2023-H1.xlsx", sha256: expect.stringMatching(/^[0-9a-f]{64}$/u), unit: "CQDD-AU-CBR", status: "unreadable" }]);
    expect(result.units.missing).toContain("CQDD-AU-CBR");
  });
});

describe("fixed document properties (WORKBOOKS.md §2.10)", () => {
  it("created and modified are both creationTime (default: the window end); creator and lastModifiedBy the author", async () => {
    const report = await buildReport({ run: await runOf(FOUR_UNITS, FOUR_FILES) });
    const core = strFromU8(unzipSync(report.bytes)["docProps/core.xml"] ?? new Uint8Array());
    const field = (tag: string): string | undefined => new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, "u").exec(core)?.[1];
    // 2023-9M ends on 14/09/2023 (PERIODS.md §2); option author defaults to "Thanh tra Bộ" (§3).
    expect([field("dcterms:created"), field("dcterms:modified")]).toEqual(["2023-09-14T00:00:00Z", "2023-09-14T00:00:00Z"]);
    expect([field("dc:creator"), field("cp:lastModifiedBy")]).toEqual(["Thanh tra Bộ", "Thanh tra Bộ"]);
  });
});

describe("signature block columns (WORKBOOKS.md §2.2)", () => {
  it("left block 1…⌈n/3⌉, right block n−⌈n/3⌉+1…n, each text merged over its block", async () => {
    const wb = await fourUnitsReport();
    for (const name of ["01_TCD", "PCTN"]) {
      const ws = sheet(wb, name);
      const codeRow = rowWhere(ws, 1, (t) => t === "MS");
      const n = rowTexts(ws, codeRow, 60).filter((t) => t !== "").length; // the table's columns, label included
      const third = Math.ceil(n / 3);
      const titleRow = rowWhere(ws, 1, (t) => t === "NGƯỜI LẬP BIỂU", codeRow);
      const merges = (ws.model as unknown as { merges?: string[] }).merges ?? [];
      expect(textOf(ws.getCell(titleRow, n - third + 1).value)).toBe("THỦ TRƯỞNG ĐƠN VỊ");
      expect(merges).toContain(`${ws.getCell(titleRow, 1).address}:${ws.getCell(titleRow, third).address}`);
      expect(merges).toContain(`${ws.getCell(titleRow, n - third + 1).address}:${ws.getCell(titleRow, n).address}`);
    }
  });
});
