/**
 * The audit sheets NopBaoCao, KiemTra and NguonSoLieu (WORKBOOKS.md §2.7–§2.9), written to real .xlsx
 * bytes with exceljs and loaded back, and NguonSoLieu read back as a later run's history input.
 */
import { WriterWorkbook } from "../src/core/xlsx/writer";
import ExcelJS from "exceljs";
import { makeSubmission } from "./helpers/submission";
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../src/core/aggregate/aggregate";
import { FORMS } from "../src/core/catalogue";
import type { Finding } from "../src/core/findings";
import { parsePeriod, periodWindow } from "../src/core/periods";
import { WIDE_ROW, type FormRead, type ReadCell, type Submission } from "../src/core/read/submission";
import type { Khoi, Roster, Unit, UnitType } from "../src/core/roster";
import type { InputRecord, InputStatus, ReceivedSource, UnitRecord, UnitStatus, ValidationRun } from "../src/core/validate/run";
import {
  addFindingsSheet,
  addProvenanceSheet,
  addSubmissionStatusSheet,
} from "../src/core/report/audit";
import { readProvenance, type ProvenanceValue } from "../src/core/read/report";
import { DEFAULT_REPORT_OPTIONS, ReportCells, type ReportContext } from "../src/core/report/cells";
import { VERSION } from "../src/core/version";
import { loadWorkbook, textOf } from "./helpers/workbook";

const PERIOD = parsePeriod("2023-H1");
const WINDOW = periodWindow(PERIOD);
const DEADLINE = "2023-06-16";

// Roster order deliberately differs from code order, so ordering by roster is visible.
const UNITS: ReadonlyArray<readonly [string, string, UnitType, Khoi]> = [
  ["VU-B", "Vụ Bê", "VU", "TRONG_NUOC"],
  ["VU-A", "Vụ A", "VU", "TRONG_NUOC"],
  ["VU-C", "Vụ Cê", "VU", "TRONG_NUOC"],
  ["CQ-Y", "Đại sứ quán Y", "DSQ", "NGOAI_NUOC"],
  ["CQ-X", "Đại sứ quán X", "DSQ", "NGOAI_NUOC"],
];

const ROSTER: Roster = {
  rows: [
    ...UNITS.map(([code, name, type, khoi], i) => ({ code, name, type, khoi, validFrom: null, validTo: null, line: i + 2 })),
    // Known to the roster but no longer active: KiemTra still names it.
    { code: "VU-OLD", name: "Vụ cũ", type: "VU" as const, khoi: "TRONG_NUOC" as const, validFrom: null, validTo: "2020-01-01", line: 7 },
  ],
  source: "dsdv.csv",
  isDefault: false,
};

function unitOf(code: string): Unit {
  const i = UNITS.findIndex((u) => u[0] === code);
  const u = UNITS[i];
  if (!u) throw new Error(code);
  return { code: u[0], name: u[1], type: u[2], khoi: u[3], order: i };
}

/** cells: form code → row key → column → [scaled, filled]; the A1 address is made up per cell. */
type CellSpec = Record<string, Record<string, Record<number, readonly [number, boolean]>>>;

function submission(file: string, sha256: string, unit: string, spec: CellSpec): Submission {
  const forms: FormRead[] = FORMS.filter((f) => spec[f.code]).map((f, sheetIndex) => {
    const cells = new Map<string, Map<number, ReadCell>>();
    let r = 10;
    for (const [rowKey, cols] of Object.entries(spec[f.code] ?? {})) {
      const m = new Map<number, ReadCell>();
      for (const [col, [scaled, filled]] of Object.entries(cols)) {
        const factor = f.code === "01/KQGQ" && Number(col) === 7 ? 1000 : 1;
        m.set(Number(col), { scaled, value: scaled / factor, filled, sheet: f.sheet, cell: `${String.fromCharCode(66 + Number(col))}${r}` });
      }
      cells.set(rowKey, m);
      r++;
    }
    return {
      form: f,
      sheet: f.sheet,
      sheetIndex: sheetIndex + 1,
      cells,
      groupCells: new Map(),
      texts: new Map(),
      notes: "",
      filledCount: 0,
      windowLine: null,
    };
  });
  return makeSubmission({ file, sha256, unit, period: PERIOD, ngayLap: "2023-06-09", forms });
}

interface InputSpec {
  readonly file: string;
  readonly sha: string;
  readonly unit: string | null;
  readonly status: InputStatus;
  readonly received: string | null;
  readonly source: ReceivedSource;
  readonly reasons?: string[];
  readonly sub?: CellSpec;
  readonly effective?: boolean;
  readonly errors?: number;
  readonly warnings?: number;
}

function input(s: InputSpec): InputRecord {
  const sub = s.sub && s.unit ? submission(s.file, s.sha, s.unit, s.sub) : null;
  return {
    file: s.file,
    sha256: s.sha,
    size: s.file.length * 100,
    unit: s.unit,
    status: s.status,
    period: sub ? PERIOD.id : null,
    version: sub ? "TT01_2024-v1" : null,
    ngayLap: sub ? "2023-06-09" : null,
    received: { date: s.received, timestampUtc: null, source: s.source },
    reasons: s.reasons ?? [],
    submission: sub,
    effective: s.effective ?? false,
    errors: s.errors ?? 0,
    warnings: s.warnings ?? 0,
  };
}

const sha = (c: string): string => c.repeat(64);

// Inputs in run order: file, then SHA-256.
const IN_CQX = input({ file: "BM_CQ-X_2023-H1.xlsx", sha: sha("1"), unit: "CQ-X", status: "unreadable", received: null, source: "unknown", reasons: ["V-FILE-01"], errors: 1 });
const IN_A = input({
  file: "BM_VU-A_2023-H1.xlsx",
  sha: sha("a"),
  unit: "VU-A",
  status: "accepted",
  received: "2023-06-10",
  source: "receipt",
  effective: true,
  warnings: 1,
  sub: {
    "KH-TH": { A1: { 1: [4, true], 2: [3, true], 3: [0, false] }, B1: { 1: [2, true] } },
    "01/TCD": { [WIDE_ROW]: { 4: [5, true], 1: [5, true], 2: [0, true], 3: [0, false] } },
    "01/KQGQ": { [WIDE_ROW]: { 7: [1500, true] } },
  },
});
const IN_B_OLD = input({ file: "BM_VU-B_2023-H1.xlsx", sha: sha("b"), unit: "VU-B", status: "duplicate", received: "2023-06-12", source: "properties", reasons: ["V-DUP-01"], sub: { "01/TCD": { [WIDE_ROW]: { 1: [9, true] } } } });
const IN_B = input({
  file: "BM_VU-B_2023-H1_v2.xlsx",
  sha: sha("c"),
  unit: "VU-B",
  status: "accepted",
  received: "2023-06-20",
  source: "properties",
  effective: true,
  warnings: 2,
  sub: { "01/TCD": { [WIDE_ROW]: { 1: [7, true], 4: [7, true] } }, "01/KQGQ": { [WIDE_ROW]: { 7: [300, true] } } },
});
const IN_C = input({ file: "BM_VU-C_2023-H1.xlsx", sha: sha("d"), unit: "VU-C", status: "rejected", received: "2023-06-18", source: "ngay-lap", reasons: ["V-ID-01/TCD-1"], effective: true, errors: 2, sub: { "01/TCD": { [WIDE_ROW]: { 1: [1, true] } } } });
const IN_TXT = input({ file: "ghi-chu.txt", sha: sha("e"), unit: null, status: "not-a-submission", received: null, source: "unknown", reasons: ["V-FILE-03"], errors: 1 });
const INPUTS = [IN_CQX, IN_A, IN_B_OLD, IN_B, IN_C, IN_TXT];

function unitRecord(code: string, status: UnitStatus, effective: InputRecord | null, files: InputRecord[], daysLate: number): UnitRecord {
  return { unit: unitOf(code), expected: true, status, effective, files, daysLate };
}

function finding(p: Partial<Finding> & Pick<Finding, "rule" | "severity">): Finding {
  return {
    file: null,
    unit: null,
    form: null,
    sheet: null,
    cell: null,
    row: null,
    column: null,
    value: null,
    expected: null,
    message: { vi: `Nội dung ${p.rule}`, en: `Message ${p.rule}` },
    ...p,
  };
}

// In KiemTra order already; the sheet must keep it as given.
const FINDINGS: Finding[] = [
  finding({ rule: "V-FILE-03", severity: "error", file: "ghi-chu.txt" }),
  finding({ rule: "V-PERIOD-05", severity: "warning", file: IN_B.file, unit: "VU-B", value: "2023-06-20", expected: "2023-06-16" }),
  finding({ rule: "V-ID-01/TCD-1", severity: "error", file: IN_C.file, unit: "VU-C", form: "01/TCD", sheet: "01_TCD", cell: "C10", column: 1, value: 1, expected: 2 }),
  finding({ rule: "V-TEXT-01", severity: "info", file: IN_C.file, unit: "VU-C", value: "=SUM(A1)", expected: "+1", message: { vi: "=SUM(A1)", en: "@cmd" } }),
  finding({ rule: "V-FILE-01", severity: "error", file: IN_CQX.file, unit: "CQ-X" }),
  finding({ rule: "V-UNIT-02", severity: "warning", file: "BM_VU-OLD.xlsx", unit: "VU-OLD" }),
  finding({ rule: "V-UNIT-01", severity: "error", file: "BM_ZZ.xlsx", unit: "ZZ-UNKNOWN" }),
  finding({ rule: "V-ID-01/TCD-1", severity: "error", unit: "TOTAL", form: "01/TCD", sheet: "01_TCD", cell: "C9", value: 13, expected: 12 }),
  finding({ rule: "V-ID-01/TCD-1", severity: "warning", unit: "NGOAI_NUOC", form: "01/TCD", sheet: "01_TCD", cell: "C11", value: -1, expected: 0 }),
];

const RUN: ValidationRun = {
  period: PERIOD,
  window: WINDOW,
  deadline: DEADLINE,
  roster: ROSTER,
  inputs: INPUTS,
  units: [
    unitRecord("VU-B", "late", IN_B, [IN_B_OLD, IN_B], 4),
    unitRecord("VU-A", "on-time", IN_A, [IN_A], 0),
    unitRecord("VU-C", "rejected", IN_C, [IN_C], 2),
    unitRecord("CQ-Y", "missing", null, [], 0),
    unitRecord("CQ-X", "missing", null, [IN_CQX], 0),
  ],
  findings: FINDINGS.filter((f) => f.file !== null),
  summary: { expected: 5, received: 3, accepted: 2, rejected: 1, late: 1, missing: ["CQ-Y", "CQ-X"] },
};

function makeContext(): ReportContext {
  const consolidation = consolidate(RUN);
  const cells = new ReportCells();
  cells.sheetOrder.push("BiaBaoCao", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN");
  cells.addUnitCell({ form: "01/TCD", row: null, column: 1, unit: "VU-B", reportRef: "'01_TCD'!C13" });
  cells.addUnitCell({ form: "01/TCD", row: null, column: 4, unit: "VU-B", reportRef: "'01_TCD'!F13" });
  cells.addUnitCell({ form: "01/TCD", row: null, column: 1, unit: "VU-A", reportRef: "'01_TCD'!C14" });
  // A registered KH-TH cell must still give a blank Ô báo cáo (§2.9 block 2).
  cells.addUnitCell({ form: "KH-TH", row: "A1", column: 1, unit: "VU-A", reportRef: "KH_TH!C20" });
  const base = { form: "01/TCD", row: "TOTAL", numerator: null, denominator: null } as const;
  // Registered out of order: block 3 sorts them by sheet, row, column.
  cells.addComputed({ ...base, sheet: "01_TCD", cell: "C10", column: 1, scope: "TRONG_NUOC", value: 13, units: ["VU-B", "VU-A"] });
  cells.addComputed({ ...base, sheet: "01_TCD", cell: "AA9", column: 25, scope: "TOTAL", value: 0, units: [] });
  cells.addComputed({ ...base, sheet: "01_TCD", cell: "C9", column: 1, scope: "TOTAL", value: 13, units: ["VU-B", "VU-A"] });
  cells.addComputed({ sheet: "KH_TH", cell: "H12", form: "KH-TH", row: null, column: "6=2/1", scope: "VU-A", value: 0.75, numerator: 3, denominator: 4, units: ["VU-A"] });
  cells.addComputed({ sheet: "BiaBaoCao", cell: "C9", form: null, row: null, column: "R-XLD", scope: "TOTAL", value: "-", numerator: 0, denominator: 0, units: [] });
  cells.addComputed({ sheet: "01_KQGQ", cell: "I9", form: "01/KQGQ", row: "TOTAL", column: 7, scope: "TOTAL", value: 1.8, numerator: null, denominator: null, units: ["VU-B", "VU-A"] });
  return {
    consolidation,
    cells,
    options: { ...DEFAULT_REPORT_OPTIONS, creationTime: "2023-06-14T00:00:00Z" },
    findings: FINDINGS,
    roster: { source: "dsdv.csv", sha256: sha("f") },
    optionsJson: '{"acceptWithErrors":false,"period":"2023-H1"}',
  };
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function rowTexts(ws: ExcelJS.Worksheet, row: number, width: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= width; c++) out.push(textOf(ws.getCell(row, c).value));
  return out;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill?.type === "pattern" ? fill.fgColor?.argb : undefined;
}

function rowOfTitle(ws: ExcelJS.Worksheet, title: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (textOf(ws.getCell(r, 1).value) === title) return r;
  throw new Error(`no title ${title}`);
}

let bytes: Uint8Array;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  const out = new WriterWorkbook();
  const ctx = makeContext();
  addSubmissionStatusSheet(out, ctx);
  addFindingsSheet(out, ctx);
  addProvenanceSheet(out, ctx);
  bytes = out.write({ creator: "test", created: "2023-06-14T00:00:00Z" });
  wb = await loadWorkbook(bytes);
});

describe("NopBaoCao (§2.7)", () => {
  const HEADER = [
    "STT", "Mã đơn vị", "Tên đơn vị", "Khối", "Trạng thái", "Ngày nhận", "Nguồn ngày nhận", "Hạn nộp",
    "Số ngày muộn", "Tệp", "SHA-256", "Phiên bản biểu mẫu", "Số lỗi", "Số cảnh báo", "Số tệp đã nhận",
  ];

  it("has the title, the window line and the exact header, filtered and frozen", () => {
    const ws = sheetOf(wb, "NopBaoCao");
    expect(textOf(ws.getCell("A1").value)).toBe("TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ");
    expect(textOf(ws.getCell("A2").value)).toBe("Số liệu tính từ ngày 15/12/2022 đến ngày 14/06/2023");
    expect(rowTexts(ws, 4, 15)).toEqual(HEADER);
    expect(textOf(ws.getCell(4, 16).value)).toBe("");
    const view = ws.views[0] as ExcelJS.WorksheetViewFrozen;
    expect(view.state).toBe("frozen");
    expect(view.ySplit).toBe(4);
    expect(String(ws.autoFilter)).toMatch(/^A4:O\d+$/u);
  });

  it("lists the expected units grouped I then II, in roster order, with statuses and fills", () => {
    const ws = sheetOf(wb, "NopBaoCao");
    expect(textOf(ws.getCell("A5").value)).toBe("I. Các đơn vị trong nước");
    expect(rowTexts(ws, 6, 15)).toEqual([
      "1", "VU-B", "Vụ Bê", "Các đơn vị trong nước", "Nộp muộn", "20/06/2023", "Thuộc tính tệp", "16/06/2023", "4",
      "BM_VU-B_2023-H1_v2.xlsx", sha("c"), "TT01_2024-v1", "0", "2", "2",
    ]);
    expect(rowTexts(ws, 7, 9)).toEqual(["2", "VU-A", "Vụ A", "Các đơn vị trong nước", "Đúng hạn", "10/06/2023", "Sổ nhận", "16/06/2023", "0"]);
    expect(rowTexts(ws, 8, 9)).toEqual(["3", "VU-C", "Vụ Cê", "Các đơn vị trong nước", "Bị trả lại", "18/06/2023", "Ngày lập", "16/06/2023", "2"]);
    expect(ws.getCell("M8").value).toBe(2);
    expect(textOf(ws.getCell("A9").value)).toBe("II. Các cơ quan đại diện ở nước ngoài");
    expect(rowTexts(ws, 10, 10)).toEqual(["4", "CQ-Y", "Đại sứ quán Y", "Các cơ quan đại diện ở nước ngoài", "Chưa nộp", "", "", "16/06/2023", "", ""]);
    expect(ws.getCell("O10").value).toBe(0);
    expect(rowTexts(ws, 11, 5)).toEqual(["5", "CQ-X", "Đại sứ quán X", "Các cơ quan đại diện ở nước ngoài", "Chưa nộp"]);
    // A missing unit names the files listed under it.
    expect(ws.getCell("J11").value).toBe("BM_CQ-X_2023-H1.xlsx");
    expect(ws.getCell("O11").value).toBe(1);
    // Numbers are numbers.
    expect(ws.getCell("A6").value).toBe(1);
    expect(ws.getCell("I6").value).toBe(4);
    expect(ws.getCell("O6").value).toBe(2);

    expect(fillOf(ws.getCell("E6"))).toBe("FFFFEB9C");
    expect(fillOf(ws.getCell("E7"))).toBe("FFC6EFCE");
    expect(fillOf(ws.getCell("E8"))).toBe("FFFFC7CE");
    expect(fillOf(ws.getCell("E10"))).toBe("FFD9D9D9");
    expect(fillOf(ws.getCell("E11"))).toBe("FFD9D9D9");
    expect(fillOf(ws.getCell("D6"))).toBeUndefined();
    expect(ws.getCell("C6").font.name).toBe("Times New Roman");
    expect(ws.getCell("C6").border.top?.style).toBe("thin");
    expect(ws.autoFilter).toBe("A4:O11");
  });

  it("ends with the counts line", () => {
    const ws = sheetOf(wb, "NopBaoCao");
    expect(ws.rowCount).toBe(13);
    expect(textOf(ws.getCell("A13").value)).toBe("Phải nộp: 5; đã nộp: 3; được chấp nhận: 2; nộp muộn: 1; chưa nộp: 2; bị trả lại: 1");
  });
});

describe("KiemTra (§2.8)", () => {
  const HEADER = ["STT", "Mã đơn vị", "Tên đơn vị", "Tệp", "Trang tính", "Ô", "Biểu", "Mã quy tắc", "Mức độ", "Nội dung", "Message (EN)", "Giá trị", "Giá trị đối chiếu"];

  it("has the exact header, filtered and frozen", () => {
    const ws = sheetOf(wb, "KiemTra");
    expect(rowTexts(ws, 1, 14)).toEqual([...HEADER, ""]);
    expect((ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit).toBe(1);
    expect(ws.autoFilter).toBe(`A1:M${FINDINGS.length + 1}`);
  });

  it("shows a date value as the message beside it does, dd/MM/yyyy (the JSON's value is ISO)", () => {
    const ws = sheetOf(wb, "KiemTra");
    expect(textOf(ws.getCell(3, 8).value)).toBe("V-PERIOD-05");
    expect([textOf(ws.getCell(3, 12).value), textOf(ws.getCell(3, 13).value)]).toEqual(["20/06/2023", "16/06/2023"]);
  });

  it("keeps the order given, with names, severities and fills", () => {
    const ws = sheetOf(wb, "KiemTra");
    expect(ws.rowCount).toBe(FINDINGS.length + 1);
    FINDINGS.forEach((f, i) => {
      expect(ws.getCell(i + 2, 1).value).toBe(i + 1);
      expect(textOf(ws.getCell(i + 2, 8).value)).toBe(f.rule);
      expect(textOf(ws.getCell(i + 2, 4).value)).toBe(f.file ?? "");
    });
    expect(rowTexts(ws, 4, 13)).toEqual([
      "3", "VU-C", "Vụ Cê", "BM_VU-C_2023-H1.xlsx", "01_TCD", "C10", "01/TCD", "V-ID-01/TCD-1", "Lỗi",
      "Nội dung V-ID-01/TCD-1", "Message V-ID-01/TCD-1", "1", "2",
    ]);
    expect(ws.getCell("L4").value).toBe(1);
    const names = FINDINGS.map((_, i) => textOf(ws.getCell(i + 2, 3).value));
    expect(names).toEqual(["", "Vụ Bê", "Vụ Cê", "Vụ Cê", "Đại sứ quán X", "Vụ cũ", "", "TỔNG CỘNG", "II. Các cơ quan đại diện ở nước ngoài"]);
    const severities = FINDINGS.map((_, i) => textOf(ws.getCell(i + 2, 9).value));
    expect(severities).toEqual(["Lỗi", "Cảnh báo", "Lỗi", "Thông tin", "Lỗi", "Cảnh báo", "Lỗi", "Lỗi", "Cảnh báo"]);
    expect(fillOf(ws.getCell("I2"))).toBe("FFFFC7CE");
    expect(fillOf(ws.getCell("I3"))).toBe("FFFFEB9C");
    expect(fillOf(ws.getCell("I5"))).toBeUndefined();
    expect(fillOf(ws.getCell("J2"))).toBeUndefined();
  });

  it("writes unit text that looks like a formula as a string", () => {
    const ws = sheetOf(wb, "KiemTra");
    for (const [address, text] of [["J5", "=SUM(A1)"], ["K5", "@cmd"], ["L5", "=SUM(A1)"], ["M5", "+1"]] as const) {
      const cell = ws.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    }
    const files = unzipSync(bytes);
    const xml = Object.entries(files)
      .filter(([name]) => name.startsWith("xl/worksheets/sheet"))
      .map(([, data]) => strFromU8(data))
      .join("");
    expect(xml).not.toContain("<f>");
    expect(xml).not.toContain("<f ");
  });
});

describe("NguonSoLieu (§2.9)", () => {
  it("has the four block titles in column A, one blank row apart", () => {
    const ws = sheetOf(wb, "NguonSoLieu");
    const r0 = rowOfTitle(ws, "0. THÔNG TIN LẦN TỔNG HỢP");
    const r1 = rowOfTitle(ws, "1. TỆP ĐẦU VÀO");
    const r2 = rowOfTitle(ws, "2. SỐ LIỆU ĐƠN VỊ");
    const r3 = rowOfTitle(ws, "3. Ô TỔNG HỢP");
    expect(r0).toBe(1);
    expect(r1).toBe(r0 + 7 + 2);
    expect(r2).toBe(r1 + 1 + INPUTS.length + 2);
    expect(r3).toBeGreaterThan(r2);
    expect(rowTexts(ws, r2 - 1, 12).every((t) => t === "")).toBe(true);
    expect(rowTexts(ws, r3 - 1, 12).every((t) => t === "")).toBe(true);
  });

  it("block 0 holds the run's label/value rows", () => {
    const ws = sheetOf(wb, "NguonSoLieu");
    const rows = Array.from({ length: 7 }, (_, i) => rowTexts(ws, i + 2, 2));
    expect(rows).toEqual([
      ["Công cụ", `tonghop ${VERSION}`],
      ["Danh mục biểu mẫu", "TT01_2024-v1"],
      ["Kỳ báo cáo", "2023-H1 (6 tháng đầu năm 2023)"],
      ["Thời gian chốt số liệu", "15/12/2022 – 14/06/2023"],
      ["Thời điểm tạo", "2023-06-14T00:00:00Z"],
      ["Danh sách đơn vị", `dsdv.csv (SHA-256 ${sha("f")})`],
      ["Tùy chọn", '{"acceptWithErrors":false,"period":"2023-H1"}'],
    ]);
  });

  it("block 1 lists every input in run order", () => {
    const ws = sheetOf(wb, "NguonSoLieu");
    const r1 = rowOfTitle(ws, "1. TỆP ĐẦU VÀO");
    expect(rowTexts(ws, r1 + 1, 12)).toEqual([
      "STT", "Tệp", "SHA-256", "Kích thước (byte)", "Mã đơn vị", "Kỳ báo cáo", "Phiên bản biểu mẫu", "Ngày lập",
      "Ngày nhận", "Nguồn ngày nhận", "Trạng thái", "Lý do",
    ]);
    expect(INPUTS.map((_, i) => textOf(ws.getCell(r1 + 2 + i, 2).value))).toEqual(INPUTS.map((f) => f.file));
    expect(INPUTS.map((_, i) => textOf(ws.getCell(r1 + 2 + i, 11).value))).toEqual([
      "Không đọc được", "Được sử dụng", "Trùng lặp", "Được sử dụng", "Bị trả lại", "Không phải báo cáo",
    ]);
    expect(rowTexts(ws, r1 + 3, 12)).toEqual([
      "2", "BM_VU-A_2023-H1.xlsx", sha("a"), String(IN_A.size), "VU-A", "2023-H1", "TT01_2024-v1", "09/06/2023",
      "10/06/2023", "Sổ nhận", "Được sử dụng", "",
    ]);
    expect(ws.getCell(r1 + 3, 4).value).toBe(IN_A.size);
    expect(rowTexts(ws, r1 + 7, 12)).toEqual([
      "6", "ghi-chu.txt", sha("e"), String(IN_TXT.size), "", "", "", "", "", "Không rõ", "Không phải báo cáo", "V-FILE-03",
    ]);
  });

  it("block 2 lists the filled cells of contributing submissions by form, unit (roster), row, column", () => {
    const ws = sheetOf(wb, "NguonSoLieu");
    const r2 = rowOfTitle(ws, "2. SỐ LIỆU ĐƠN VỊ");
    expect(rowTexts(ws, r2 + 1, 9)).toEqual(["Biểu", "Mã dòng", "Cột", "Mã đơn vị", "Giá trị", "Tệp (STT)", "Trang nguồn", "Ô nguồn", "Ô báo cáo"]);
    const body: string[][] = [];
    for (let r = r2 + 2; textOf(ws.getCell(r, 1).value) !== ""; r++) body.push(rowTexts(ws, r, 9));
    expect(body).toEqual([
      // KH-TH: A1 c3 is blank (not filled); no report cell for KH-TH values.
      ["KH-TH", "A1", "1", "VU-A", "4", "2", "KH_TH", "C10", ""],
      ["KH-TH", "A1", "2", "VU-A", "3", "2", "KH_TH", "D10", ""],
      ["KH-TH", "B1", "1", "VU-A", "2", "2", "KH_TH", "C11", ""],
      // 01/TCD: VU-B before VU-A (roster order); the rejected VU-C and the superseded file do not contribute.
      ["01/TCD", "", "1", "VU-B", "7", "4", "01_TCD", "C10", "'01_TCD'!C13"],
      ["01/TCD", "", "4", "VU-B", "7", "4", "01_TCD", "F10", "'01_TCD'!F13"],
      ["01/TCD", "", "1", "VU-A", "5", "2", "01_TCD", "C10", "'01_TCD'!C14"],
      ["01/TCD", "", "2", "VU-A", "0", "2", "01_TCD", "D10", ""],
      ["01/TCD", "", "4", "VU-A", "5", "2", "01_TCD", "F10", ""],
      ["01/KQGQ", "", "7", "VU-B", "0.3", "4", "01_KQGQ", "I10", ""],
      ["01/KQGQ", "", "7", "VU-A", "1.5", "2", "01_KQGQ", "I10", ""],
    ]);
    expect(ws.getCell(r2 + 2 + 9, 5).value).toBe(1.5);
    expect(ws.getCell(r2 + 2 + 8, 5).value).toBe(0.3);
    expect(ws.getCell(r2 + 2 + 6, 5).value).toBe(0);
    expect(ws.getCell(r2 + 2, 3).value).toBe(1);
    expect(ws.getCell(r2 + 2, 6).value).toBe(2);
  });

  it("block 3 lists the computed cells in sheet, row, column order", () => {
    const ws = sheetOf(wb, "NguonSoLieu");
    const r3 = rowOfTitle(ws, "3. Ô TỔNG HỢP");
    expect(rowTexts(ws, r3 + 1, 10)).toEqual(["Ô báo cáo", "Biểu", "Mã dòng", "Cột", "Phạm vi", "Giá trị", "Tử số", "Mẫu số", "Số đơn vị", "Đơn vị đóng góp"]);
    const body: string[][] = [];
    for (let r = r3 + 2; r <= ws.rowCount; r++) body.push(rowTexts(ws, r, 10));
    expect(body).toEqual([
      ["BiaBaoCao!C9", "", "", "R-XLD", "TOTAL", "-", "0", "0", "0", ""],
      ["KH_TH!H12", "KH-TH", "", "6=2/1", "VU-A", "0.75", "3", "4", "1", "VU-A"],
      ["'01_TCD'!C9", "01/TCD", "TOTAL", "1", "TOTAL", "13", "", "", "2", "VU-B; VU-A"],
      ["'01_TCD'!AA9", "01/TCD", "TOTAL", "25", "TOTAL", "0", "", "", "0", ""],
      ["'01_TCD'!C10", "01/TCD", "TOTAL", "1", "TRONG_NUOC", "13", "", "", "2", "VU-B; VU-A"],
      ["'01_KQGQ'!I9", "01/KQGQ", "TOTAL", "7", "TOTAL", "1.8", "", "", "2", "VU-B; VU-A"],
    ]);
    expect(ws.getCell(r3 + 3, 6).value).toBe(0.75);
    expect(ws.getCell(r3 + 3, 7).value).toBe(3);
    expect(ws.getCell(r3 + 7, 6).value).toBe(1.8);
    expect(ws.getCell(r3 + 7, 4).value).toBe(7);
  });
});

describe("readProvenance", () => {
  const expectedValues: ProvenanceValue[] = [
    { form: "KH-TH", row: "A1", column: 1, unit: "VU-A", value: 4 },
    { form: "KH-TH", row: "A1", column: 2, unit: "VU-A", value: 3 },
    { form: "KH-TH", row: "B1", column: 1, unit: "VU-A", value: 2 },
    { form: "01/TCD", row: null, column: 1, unit: "VU-B", value: 7 },
    { form: "01/TCD", row: null, column: 4, unit: "VU-B", value: 7 },
    { form: "01/TCD", row: null, column: 1, unit: "VU-A", value: 5 },
    { form: "01/TCD", row: null, column: 2, unit: "VU-A", value: 0 },
    { form: "01/TCD", row: null, column: 4, unit: "VU-A", value: 5 },
    { form: "01/KQGQ", row: null, column: 7, unit: "VU-B", value: 0.3 },
    { form: "01/KQGQ", row: null, column: 7, unit: "VU-A", value: 1.5 },
  ];

  it("reads back exactly what was written", () => {
    const p = readProvenance(sheetOf(wb, "NguonSoLieu"));
    expect(p.period).toBe("2023-H1");
    expect(p.inputs).toEqual(INPUTS.map((f) => ({ file: f.file, sha256: f.sha256, unit: f.unit, status: f.status })));
    expect(p.values).toEqual(expectedValues);
  });

  it("tolerates the sheet re-saved with numbers as text and rows moved", async () => {
    const copy = await loadWorkbook(bytes);
    const ws = sheetOf(copy, "NguonSoLieu");
    const r2 = rowOfTitle(ws, "2. SỐ LIỆU ĐƠN VỊ");
    // Another program wrote numbers as text, in either decimal convention.
    for (let r = r2 + 2; textOf(ws.getCell(r, 1).value) !== ""; r++) {
      const cell = ws.getCell(r, 5);
      cell.value = String(cell.value).replace(".", ",");
      ws.getCell(r, 3).value = String(ws.getCell(r, 3).value);
    }
    ws.getCell(r2 + 2, 5).value = " 4 ";
    // Rich text in a title, and a block moved down by inserted rows.
    ws.getCell(1, 1).value = { richText: [{ text: "0. THÔNG TIN " }, { text: "LẦN TỔNG HỢP" }] };
    ws.spliceRows(r2, 0, [], []);
    const again = await loadWorkbook(new Uint8Array(await copy.xlsx.writeBuffer()));
    const p = readProvenance(sheetOf(again, "NguonSoLieu"));
    expect(p.period).toBe("2023-H1");
    expect(p.inputs.map((i) => i.status)).toEqual(INPUTS.map((f) => f.status));
    expect(p.values).toEqual(expectedValues);
  });

  it("returns nothing for a sheet without the blocks", () => {
    const other = new ExcelJS.Workbook().addWorksheet("X");
    other.getCell("A1").value = "1. TỆP ĐẦU VÀO (khác)";
    expect(readProvenance(other)).toEqual({ period: null, inputs: [], values: [] });
  });
});
