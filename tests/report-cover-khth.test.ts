/**
 * BiaBaoCao and KH_TH (WORKBOOKS.md §2.3, §2.4; FORMS.md §7). The consolidation is built from
 * hand-made unit records, without the reader, then the two sheets are written to .xlsx bytes and
 * loaded back with exceljs, so every assertion is on what a user would open.
 */
import { loadWorkbook } from "./helpers/workbook";
import { WriterWorkbook } from "../src/core/xlsx/writer";
import ExcelJS from "exceljs";
import { makeSubmission } from "./helpers/submission";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate, type Consolidation } from "../src/core/aggregate/aggregate";
import { formByCode } from "../src/core/catalogue";
import type { FormDef } from "../src/core/catalogue/types";
import type { Finding } from "../src/core/findings";
import { makePeriod } from "../src/core/periods";
import { WIDE_ROW, type FormRead, type ReadCell, type Submission } from "../src/core/read/submission";
import { DEFAULT_REPORT_OPTIONS, ReportCells, type ReportContext } from "../src/core/report/cells";
import { addCoverSheet } from "../src/core/report/cover";
import { addKhthSheet } from "../src/core/report/khth";
import type { Khoi, Roster, RosterRow, Unit, UnitType } from "../src/core/roster";
import type { InputRecord, UnitRecord, UnitStatus, ValidationRun } from "../src/core/validate/run";
import { textOf } from "./helpers/workbook";

function form(code: string): FormDef {
  const f = formByCode(code);
  if (!f) throw new Error(`no form ${code}`);
  return f;
}

const KHTH = form("KH-TH");
const XLD = form("01/XLD");
const PERIOD = makePeriod(2023, "9M");
/** PERIODS.md §2: 2023-9M runs from 15/12/2022 to 14/09/2023. */
const WINDOW = { from: "2022-12-15", to: "2023-09-14" };

/**
 * A finding as the validator would hand it over, written out here with the severity FORMS.md §6.2
 * gives its rule, so the cover's counts do not depend on the product's rule catalogue.
 */
function finding(file: string, unit: string, rule: string, severity: Finding["severity"], at: Partial<Pick<Finding, "form" | "sheet" | "cell" | "row" | "column" | "value" | "expected">> = {}): Finding {
  return { file, unit, severity, rule, form: null, sheet: null, cell: null, row: null, column: null, value: null, expected: null, message: { vi: rule, en: rule }, ...at };
}

/** Values of one form: row code (WIDE_ROW for WIDE forms) → column → number. */
type Values = Readonly<Record<string, Readonly<Record<number, number>>>>;

function formRead(def: FormDef, values: Values, texts: Readonly<Record<string, string>> = {}, notes = ""): FormRead {
  const cells = new Map<string, Map<number, ReadCell>>();
  let filled = 0;
  for (const [row, cols] of Object.entries(values)) {
    const m = new Map<number, ReadCell>();
    for (const [col, value] of Object.entries(cols)) {
      m.set(Number(col), { scaled: value, value, filled: true, sheet: def.sheet, cell: "C10" });
      filled++;
    }
    cells.set(row, m);
  }
  const textMap = new Map<string, Map<number, string>>();
  for (const [row, text] of Object.entries(texts)) textMap.set(row, new Map([[11, text]]));
  return { form: def, sheet: def.sheet, sheetIndex: 1, cells, groupCells: new Map(), texts: textMap, notes, filledCount: filled, windowLine: null };
}

function submission(unit: string, forms: FormRead[]): Submission {
  return makeSubmission({ file: `BM_${unit}_2023-9M.xlsx`, sha256: unit.padEnd(64, "0"), unit, period: PERIOD, ngayLap: "2023-09-15", forms });
}

interface UnitSpec {
  readonly code: string;
  readonly name: string;
  readonly khoi: Khoi;
  readonly type: UnitType;
  readonly expected: boolean;
  /** null: no file (missing); "accepted" / "rejected": the effective file's status. */
  readonly file: "accepted" | "rejected" | null;
  readonly late?: boolean;
  readonly forms?: FormRead[];
}

const SPECS: readonly UnitSpec[] = [
  {
    code: "X",
    name: "Vụ Tổng hợp",
    khoi: "TRONG_NUOC",
    type: "VU",
    expected: true,
    file: "accepted",
    forms: [
      formRead(
        KHTH,
        { A1: { 1: 10, 2: 9, 3: 1, 4: 0, 5: 1 }, B1: { 1: 4, 2: 2, 3: 2 }, B2: { 2: 1, 5: 1 } },
        { A1: "Chậm do thay đổi nhân sự", B2: "" },
        "Đã báo cáo bổ sung",
      ),
      formRead(XLD, { [WIDE_ROW]: { 1: 150, 4: 120 } }),
    ],
  },
  { code: "Y", name: "Văn phòng Bộ", khoi: "TRONG_NUOC", type: "VAN_PHONG", expected: true, file: "accepted", late: true, forms: [formRead(KHTH, { A2: { 1: 2, 2: 0, 4: 2 } })] },
  { code: "Z", name: "Cục Lãnh sự", khoi: "TRONG_NUOC", type: "CUC", expected: true, file: null },
  { code: "W", name: "Thanh tra Bộ", khoi: "TRONG_NUOC", type: "THANH_TRA", expected: true, file: "rejected", forms: [formRead(KHTH, { A1: { 1: 100, 2: 100 } })] },
  { code: "M1", name: "Đại sứ quán tại Pháp", khoi: "NGOAI_NUOC", type: "DSQ", expected: false, file: "accepted", forms: [formRead(KHTH, { B6: { 1: 2, 2: 2 } })] },
  { code: "M2", name: "Đại sứ quán tại Nhật Bản", khoi: "NGOAI_NUOC", type: "DSQ", expected: true, file: "accepted", forms: [formRead(KHTH, {})] },
];

const SUMMARY: ValidationRun["summary"] = { expected: 5, received: 4, accepted: 3, rejected: 1, late: 1, missing: ["Z"] };

function buildRun(specs: readonly UnitSpec[] = SPECS, summary: ValidationRun["summary"] = SUMMARY, findings: readonly Finding[] = FINDINGS): ValidationRun {
  const rows: RosterRow[] = specs.map((s, i) => ({ code: s.code, name: s.name, type: s.type, khoi: s.khoi, validFrom: null, validTo: null, line: i + 2 }));
  const roster: Roster = { rows, source: "test", isDefault: false };
  const inputs: InputRecord[] = [];
  const units: UnitRecord[] = [];
  specs.forEach((s, i) => {
    const unit: Unit = { code: s.code, name: s.name, type: s.type, khoi: s.khoi, order: i };
    const sub = s.file ? submission(s.code, s.forms ?? []) : null;
    const input: InputRecord | null = sub
      ? {
          file: sub.file,
          sha256: sub.sha256,
          size: sub.size,
          unit: s.code,
          status: s.file === "accepted" ? "accepted" : "rejected",
          period: PERIOD.id,
          version: sub.version,
          ngayLap: sub.ngayLap,
          received: { date: s.late ? "2023-09-20" : "2023-09-15", timestampUtc: null, source: "receipt" },
          reasons: s.file === "rejected" ? ["V-ID-KH-TH-1"] : [],
          submission: sub,
          effective: true,
          errors: s.file === "rejected" ? 1 : 0,
          warnings: 0,
        }
      : null;
    if (input) inputs.push(input);
    let status: UnitStatus | null = input === null ? "missing" : s.file === "rejected" ? "rejected" : s.late ? "late" : "on-time";
    if (!s.expected) status = null;
    units.push({ unit, expected: s.expected, status, effective: input, files: input ? [input] : [], daysLate: s.late ? 4 : 0 });
  });
  // run.units: expected units in roster order, then contributing units that are not expected.
  units.sort((a, b) => Number(b.expected) - Number(a.expected) || a.unit.order - b.unit.order);
  return {
    period: PERIOD,
    window: WINDOW,
    deadline: "2023-09-16", // PERIODS.md §7: window end + 2 days
    roster,
    inputs,
    units,
    findings: [...findings],
    summary,
  };
}

const FINDINGS: readonly Finding[] = [
  finding("BM_W_2023-9M.xlsx", "W", "V-ID-KH-TH-1", "error", { form: "KH-TH", sheet: "KH_TH", cell: "C10", row: "A1", column: 1, value: 100, expected: 200 }),
  finding("BM_Y_2023-9M.xlsx", "Y", "V-PERIOD-05", "warning", { value: "2023-09-20", expected: "2023-09-16" }),
  finding("BM_M2_2023-9M.xlsx", "M2", "V-BLANK-01", "info", { form: "KH-TH", sheet: "KH_TH" }),
  finding("BM_M1_2023-9M.xlsx", "M1", "V-UNIT-06", "info"),
];

let consolidation: Consolidation;
let ctx: ReportContext;
let cover: ExcelJS.Worksheet;
let kh: ExcelJS.Worksheet;

/** The first row whose column `col` reads `text`. */
function rowOf(ws: ExcelJS.Worksheet, text: string | RegExp, col = 1): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    const t = textOf(ws.getCell(r, col).value);
    if (typeof text === "string" ? t === text : text.test(t)) return r;
  }
  throw new Error(`no row with ${String(text)} in column ${col} of ${ws.name}`);
}

const value = (ws: ExcelJS.Worksheet, address: string): ExcelJS.CellValue => ws.getCell(address).value;

beforeAll(async () => {
  consolidation = consolidate(buildRun());
  ctx = {
    consolidation,
    cells: new ReportCells(),
    options: {
      ...DEFAULT_REPORT_OPTIONS,
      signDate: "2023-09-16",
      documentNumber: "125/BC-TTr",
      preparerName: "Nguyễn Văn A",
      headName: "Trần Thị B",
      creationTime: "2023-09-14T00:00:00Z",
    },
    findings: consolidation.run.findings,
    roster: { source: "test", sha256: null },
    optionsJson: "{}",
  };
  const wb = new WriterWorkbook();
  addCoverSheet(wb, ctx);
  addKhthSheet(wb, ctx);
  const bytes = wb.write({ creator: "test", created: "2023-09-14T00:00:00Z" });
  const back = await loadWorkbook(bytes);
  const c = back.getWorksheet("BiaBaoCao");
  const k = back.getWorksheet("KH_TH");
  if (!c || !k) throw new Error("sheets lost in the round trip");
  cover = c;
  kh = k;
});

describe("rates are ratios of sums (FORMS.md §7.4)", () => {
  it("X 9/10 and Y 0/2 give 75 %, not the mean 45 %", () => {
    const r = consolidation.rates.inspection.byScope.TOTAL;
    expect(r.numerator).toBe(9);
    expect(r.denominator).toBe(12);
    expect(r.rate).toBe(0.75);
  });
});

describe("BiaBaoCao", () => {
  it("has the header block and the title lines of §2.3", () => {
    expect(cover.name).toBe("BiaBaoCao");
    expect(textOf(value(cover, "A1"))).toBe("BỘ NGOẠI GIAO");
    expect(textOf(value(cover, "C1"))).toBe("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(rowOf(cover, "THANH TRA BỘ", 2)).toBe(2);
    expect(rowOf(cover, "Độc lập - Tự do - Hạnh phúc", 4)).toBe(2);
    expect(textOf(value(cover, "B3"))).toBe("Số: 125/BC-TTr");
    expect(textOf(value(cover, "D3"))).toBe("Hà Nội, ngày 16 tháng 9 năm 2023");
    expect(cover.getCell("D3").font.italic).toBe(true);
    expect(cover.getCell("D3").font.size).toBe(12);
    expect(textOf(value(cover, "A4"))).toBe("BÁO CÁO TỔNG HỢP");
    expect(cover.getCell("A4").font).toMatchObject({ size: 14, bold: true });
    expect(textOf(value(cover, "A5"))).toMatch(/^Kết quả công tác thanh tra, kiểm tra, giám sát; .* tiêu cực$/u);
    expect(cover.getCell("A5").font).toMatchObject({ size: 13, bold: true });
    expect(cover.getCell("A5").alignment.wrapText).toBe(true);
    expect(textOf(value(cover, "A6"))).toBe("Kỳ báo cáo: 9 tháng năm 2023 (số liệu tính từ ngày 15/12/2022 đến ngày 14/09/2023)");
    expect(cover.getCell("A6").font).toMatchObject({ size: 12, italic: true });
  });

  it("shows the main figures of table I with the counting identities", () => {
    const top = rowOf(cover, "I. CÁC CHỈ TIÊU CHÍNH");
    expect(["STT", "Chỉ tiêu", "Giá trị", "Diễn giải"].map((_, i) => textOf(cover.getCell(top + 1, i + 1).value))).toEqual(["STT", "Chỉ tiêu", "Giá trị", "Diễn giải"]);
    const r = top + 2;
    expect(textOf(cover.getCell(r, 2).value)).toBe("Tỷ lệ hoàn thành kế hoạch thanh tra, kiểm tra");
    expect(cover.getCell(r, 3).value).toBe(0.75);
    expect(cover.getCell(r, 3).numFmt).toBe("0.0%");
    expect(textOf(cover.getCell(r, 4).value)).toBe("Hoàn thành 9/12 cuộc");
    expect(textOf(cover.getCell(r + 1, 2).value)).toBe("Tỷ lệ hoàn thành chương trình kiểm tra, giám sát của Đảng");
    expect(cover.getCell(r + 1, 3).value).toBeCloseTo(4 / 6, 12);
    expect(textOf(cover.getCell(r + 1, 4).value)).toBe("Hoàn thành 4/6 cuộc");
    const counts = [2, 3, 4, 5, 6, 7].map((d) => [textOf(cover.getCell(r + d, 2).value), cover.getCell(r + d, 3).value]);
    expect(counts).toEqual([
      ["Số đơn vị phải báo cáo", 5],
      ["Số đơn vị đã nộp", 4],
      ["Số đơn vị được chấp nhận", 3],
      ["Số đơn vị nộp muộn", 1],
      ["Số đơn vị chưa nộp", 1],
      ["Số đơn vị bị trả lại", 1],
    ]);
    expect([0, 1, 7].map((d) => cover.getCell(r + d, 1).value)).toEqual([1, 2, 8]);
  });

  it("shows the other rates with tử số/mẫu số and '-' for a zero denominator", () => {
    const r = rowOf(cover, "II. CÁC TỶ LỆ KHÁC") + 2;
    expect(textOf(cover.getCell(r, 2).value)).toBe("Tỷ lệ đơn đã xử lý");
    expect(cover.getCell(r, 3).value).toBe(0.8);
    expect(textOf(cover.getCell(r, 4).value)).toBe("120/150");
    const kn = cover.getCell(r + 1, 3);
    expect(kn.value).toBe("-");
    expect(kn.alignment.horizontal).toBe("center");
    expect(textOf(cover.getCell(r + 1, 4).value)).toBe("0/0");
    expect(textOf(cover.getCell(r + 3, 2).value)).toBe("Tỷ lệ kê khai tài sản, thu nhập");
  });

  it("counts the findings by severity in table III", () => {
    const r = rowOf(cover, "III. KIỂM TRA SỐ LIỆU") + 2;
    expect([0, 1, 2].map((d) => [textOf(cover.getCell(r + d, 2).value), cover.getCell(r + d, 3).value])).toEqual([
      ["Số lỗi", 1],
      ["Số cảnh báo", 1],
      ["Số thông tin", 2],
    ]);
  });

  it("ends with the signature block without a date line, two rows below the last table", () => {
    const last = rowOf(cover, "Số thông tin", 2);
    expect(textOf(cover.getCell(last + 2, 1).value)).toBe("NGƯỜI LẬP BIỂU");
    expect(textOf(cover.getCell(last + 2, 3).value)).toBe("THỦ TRƯỞNG ĐƠN VỊ");
    expect(textOf(cover.getCell(last + 1, 3).value)).toBe("");
    expect(textOf(cover.getCell(last + 3, 1).value)).toBe("(Ký, ghi rõ họ tên)");
    expect(textOf(cover.getCell(last + 8, 1).value)).toBe("Nguyễn Văn A");
    expect(textOf(cover.getCell(last + 8, 3).value)).toBe("Trần Thị B");
  });
});

describe("KH_TH Table 1", () => {
  const COL = { label: 1, a1: 3, a2: 4, a3: 5, a4: 6, a5: 7, a6: 8, b1: 9, b2: 10, b5: 13, b6: 14, status: 15 } as const;
  const cell = (r: number, c: number): ExcelJS.CellValue => kh.getCell(r, c).value;

  it("has the form lines, the two-level header and the code row", () => {
    expect(textOf(value(kh, "A3"))).toBe("Biểu số: KH-TH");
    expect(textOf(value(kh, "A4"))).toBe("TÌNH HÌNH THỰC HIỆN KẾ HOẠCH THANH TRA, KIỂM TRA, GIÁM SÁT");
    expect(textOf(value(kh, "A5"))).toBe("Số liệu lũy kế từ ngày 01/01/2023 đến ngày 14/09/2023");
    expect(rowOf(kh, "Đơn vị tính: cuộc; tổ chức; người; đối tượng", 8)).toBe(6);
    expect(textOf(value(kh, "A7"))).toBe("Đơn vị");
    expect(textOf(value(kh, "C7"))).toBe("A. THANH TRA, KIỂM TRA");
    expect(textOf(value(kh, "I7"))).toBe("B. CHƯƠNG TRÌNH KIỂM TRA, GIÁM SÁT CỦA ĐẢNG");
    expect(textOf(value(kh, "O7"))).toBe("Tình trạng báo cáo");
    expect(["C", "D", "E", "F", "G", "H"].map((l) => textOf(value(kh, `${l}8`)))).toEqual([
      "Kế hoạch năm",
      "Đã hoàn thành",
      "Đang thực hiện",
      "Chưa triển khai",
      "Ngoài kế hoạch, đột xuất",
      "Tỷ lệ hoàn thành",
    ]);
    const codes = [1, ...Array.from({ length: 13 }, (_, i) => i + 3)].map((c) => textOf(cell(9, c)));
    expect(codes).toEqual(["MS", "1", "2", "3", "4", "5", "6=2/1", "7", "8", "9", "10", "11", "12=8/7", "13"]);
    const merges = (kh.model as unknown as { merges: string[] }).merges;
    expect(merges).toEqual(expect.arrayContaining(["A7:B8", "C7:H7", "I7:N7", "O7:O8", "A9:B9"]));
  });

  it("lists TỔNG CỘNG, group I and its units, group II and its units, in roster order", () => {
    const labels = Array.from({ length: 9 }, (_, i) => textOf(cell(10 + i, COL.label)));
    expect(labels).toEqual([
      "TỔNG CỘNG",
      "I. Các đơn vị trong nước",
      "1. Vụ Tổng hợp",
      "2. Văn phòng Bộ",
      "3. Cục Lãnh sự (chưa nộp)",
      "4. Thanh tra Bộ (bị trả lại)",
      "II. Các cơ quan đại diện ở nước ngoài",
      "1. Đại sứ quán tại Pháp",
      "2. Đại sứ quán tại Nhật Bản",
    ]);
    expect(kh.getCell(10, 1).font.bold).toBe(true);
    expect(kh.getCell(11, 1).font.bold).toBe(true);
    expect(kh.getCell(12, 1).font.bold).toBeFalsy();
    expect(kh.getCell(14, 1).font).toMatchObject({ italic: true, color: { argb: "FF808080" } });
    expect(kh.getCell(15, 1).font).toMatchObject({ italic: true, color: { argb: "FF808080" } });
  });

  it("sums blocks A and B and computes the rates per unit, group and total", () => {
    // TỔNG CỘNG: A plans 12, completes 9, 1 in progress, 2 not started, 1 unplanned; 75 %.
    expect([COL.a1, COL.a2, COL.a3, COL.a4, COL.a5, COL.a6].map((c) => cell(10, c))).toEqual([12, 9, 1, 2, 1, 0.75]);
    // B: B1 + B6 plan 6, complete 4; (11) = B2.c5 + B2.c2 = 2.
    expect(cell(10, COL.b1)).toBe(6);
    expect(cell(10, COL.b2)).toBe(4);
    expect(cell(10, COL.b5)).toBe(2);
    expect(cell(10, COL.b6)).toBeCloseTo(4 / 6, 12);
    expect(kh.getCell(10, COL.a6).numFmt).toBe("0.0%");
    expect(kh.getCell(10, COL.a1).numFmt).toBe("#,##0");
    // Unit X: 9/10; Y: 0/2.
    expect(cell(12, COL.a6)).toBe(0.9);
    expect(cell(13, COL.a6)).toBe(0);
    // II: no inspection plan anywhere → "-"; the party programme 2/2.
    expect(cell(16, COL.a1)).toBe(0);
    expect(cell(16, COL.a6)).toBe("-");
    expect(kh.getCell(16, COL.a6).alignment.horizontal).toBe("center");
    expect(cell(16, COL.b6)).toBe(1);
  });

  it("keeps blank cells blank and shows the status words", () => {
    // Y filled A2 only: its block B cells stay blank, its rate B has a zero denominator.
    expect(cell(13, COL.b1)).toBeNull();
    expect(cell(13, COL.b6)).toBe("-");
    // X filled no c5 outside A1 but A1.c5 = 1.
    expect(cell(12, COL.a5)).toBe(1);
    // Missing and rejected units: empty cells.
    for (const r of [14, 15]) for (const c of [COL.a1, COL.a6, COL.b1, COL.b6]) expect(cell(r, c)).toBeNull();
    // M2 submitted an empty KH-TH: blank cells, "-" rates.
    expect(cell(18, COL.a1)).toBeNull();
    expect(cell(18, COL.a6)).toBe("-");
    expect([12, 13, 14, 15, 17, 18].map((r) => textOf(cell(r, COL.status)))).toEqual([
      "Đúng hạn",
      "Nộp muộn",
      "Chưa nộp",
      "Bị trả lại",
      "Không thuộc diện phải nộp",
      "Đúng hạn",
    ]);
  });

  it("puts data bars on the rate columns (6) and (12) of every body row", () => {
    const cfs = (kh as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ type: string; cfvo?: Array<{ type: string; value?: number }>; color?: { argb?: string }; gradient?: boolean }> }> }).conditionalFormattings;
    const refs = cfs.map((cf) => cf.ref);
    expect(refs).toEqual(["H10:H18", "N10:N18"]);
    for (const cf of cfs) {
      const rule = cf.rules[0];
      expect(rule?.type).toBe("dataBar");
      expect(rule?.cfvo).toEqual([
        { type: "num", value: 0 },
        { type: "num", value: 1 },
      ]);
      expect(rule?.color?.argb).toBe("FF638EC6");
      expect(rule?.gradient).toBe(false);
    }
  });
});

describe("KH_TH Table 2 and notes", () => {
  it("sums each activity row for the ministry, with R-KH-row", () => {
    const title = rowOf(kh, "TỔNG HỢP THEO LOẠI HOẠT ĐỘNG");
    expect(title).toBe(20);
    expect(kh.getCell(title, 1).font.bold).toBe(true);
    expect(textOf(kh.getCell(title + 1, 1).value)).toBe("Mã số");
    expect(textOf(kh.getCell(title + 1, 2).value)).toBe("Loại hoạt động");
    expect(textOf(kh.getCell(title + 1, 3).value)).toBe("Kế hoạch năm (số cuộc được phê duyệt)");
    expect(textOf(kh.getCell(title + 1, 4).value)).toBe("Tiến độ thực hiện kế hoạch");
    expect(textOf(kh.getCell(title + 2, 4).value)).toBe("Đã hoàn thành (lũy kế)");
    expect(textOf(kh.getCell(title + 1, 13).value)).toBe("Tỷ lệ hoàn thành");
    const codeRow = title + 3;
    const codes = Array.from({ length: 13 }, (_, i) => textOf(kh.getCell(codeRow, i + 1).value));
    expect(codes).toEqual(["A", "B", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11=2/1"]);
    const rows = Array.from({ length: 11 }, (_, i) => textOf(kh.getCell(codeRow + 1 + i, 1).value));
    expect(rows).toEqual(["A", "A1", "A2", "A3", "B", "B1", "B2", "B3", "B4", "B5", "B6"]);
    const at = (code: string): number => codeRow + 1 + rows.indexOf(code);
    expect(kh.getCell(at("A"), 2).font.bold).toBe(true);
    expect(kh.getCell(at("A1"), 2).font.bold).toBeFalsy();
    expect([3, 4, 13].map((c) => kh.getCell(at("A"), c).value)).toEqual([12, 9, 0.75]);
    expect([3, 4, 13].map((c) => kh.getCell(at("A1"), c).value)).toEqual([10, 9, 0.9]);
    expect([3, 4, 13].map((c) => kh.getCell(at("A3"), c).value)).toEqual([0, 0, "-"]);
    // Group B counts B2 too: plan 6, completed 2 + 1 + 2 = 5.
    expect([3, 4].map((c) => kh.getCell(at("B"), c).value)).toEqual([6, 5]);
    expect(kh.getCell(at("B"), 13).value).toBeCloseTo(5 / 6, 12);
    expect(kh.getCell(at("B2"), 13).value).toBe("-");
    expect(kh.getCell(at("B6"), 13).value).toBe(1);
  });

  it("writes the notes lines and the signature block", () => {
    const notes = rowOf(kh, "12. Ghi chú:");
    expect(notes).toBe(20 + 3 + 11 + 2);
    expect(textOf(kh.getCell(notes + 1, 1).value)).toBe("Vụ Tổng hợp – A1: Chậm do thay đổi nhân sự");
    expect(textOf(kh.getCell(notes + 2, 1).value)).toBe("Vụ Tổng hợp: Đã báo cáo bổ sung");
    expect(textOf(kh.getCell(notes + 3, 1).value)).toBe("");
    expect(textOf(kh.getCell(notes + 4, 11).value)).toBe("Hà Nội, ngày 16 tháng 9 năm 2023");
    expect(textOf(kh.getCell(notes + 5, 1).value)).toBe("NGƯỜI LẬP BIỂU");
    expect(textOf(kh.getCell(notes + 11, 1).value)).toBe("Nguyễn Văn A");
    expect(textOf(kh.getCell(notes + 11, 11).value)).toBe("Trần Thị B");
  });
});

describe("registry, fonts and page setup", () => {
  it("registers every figure written", () => {
    const cover = ctx.cells.computed.filter((c) => c.sheet === "BiaBaoCao");
    expect(cover).toHaveLength(15);
    expect(cover[0]).toMatchObject({ cell: "C10", form: null, row: null, column: "R-KH-A", scope: "TOTAL", value: 0.75, numerator: 9, denominator: 12, units: ["X", "Y"] });
    expect(cover.find((c) => c.column === "Số đơn vị chưa nộp")).toMatchObject({ value: 1, units: ["Z"] });
    expect(cover.find((c) => c.column === "R-KN")).toMatchObject({ value: "-", numerator: 0, denominator: 0 });

    const kh = ctx.cells.computed.filter((c) => c.sheet === "KH_TH");
    // Table 1, filled cells only: 3 scope rows × 12; X 9 + 2 rates (only B (10) blank); Y 3 + 2 rates;
    // M1 2 + 2 rates; M2 2 rates; 6 status words (Z and W keep theirs, their numbers stay blank).
    const table1 = kh.filter((c) => c.row === null);
    expect(table1).toHaveLength(36 + 11 + 5 + 4 + 2 + 6);
    expect(table1.filter((c) => c.scope === "Z")).toEqual([expect.objectContaining({ cell: "O14", value: "Chưa nộp" })]);
    expect(table1.find((c) => c.cell === "H10")).toMatchObject({ scope: "TOTAL", column: "6=2/1", value: 0.75, numerator: 9, denominator: 12 });
    expect(table1.find((c) => c.cell === "C12")).toMatchObject({ scope: "X", column: "1", value: 10, units: ["X"] });
    expect(table1.find((c) => c.cell === "M10")).toMatchObject({ scope: "TOTAL", column: "11", value: 2, units: ["X"] });
    expect(table1.find((c) => c.cell === "O17")).toMatchObject({ scope: "M1", column: "13", value: "Không thuộc diện phải nộp" });
    // Table 2: 11 rows × (10 columns + rate).
    const table2 = kh.filter((c) => c.row !== null);
    expect(table2).toHaveLength(11 * 11);
    expect(table2.find((c) => c.row === "A1" && c.column === 1)).toMatchObject({ cell: "C25", form: "KH-TH", scope: "TOTAL", value: 10, units: ["X"] });
    expect(table2.find((c) => c.row === "A" && c.column === "11=2/1")).toMatchObject({ cell: "M24", value: 0.75, numerator: 9, denominator: 12 });
    expect(ctx.cells.totalAddress(KHTH, "TOTAL", "B4", 3)).toEqual({ sheet: "KH_TH", cell: "E32" });
  });

  it("uses Times New Roman and A4 landscape, fit to width", () => {
    for (const ws of [cover, kh]) {
      const fonts = new Set<string>();
      ws.eachRow((row) => row.eachCell((c) => fonts.add(c.font.name ?? "")));
      expect([...fonts]).toEqual(["Times New Roman"]);
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter).toBe("Trang &P/&N");
    }
    expect(kh.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 9 });
    expect(cover.views[0]).toMatchObject({ state: "frozen", xSplit: 0, ySplit: 6 });
  });
});

describe("BiaBaoCao counts, each different (WORKBOOKS.md §2.3)", () => {
  it("shows 6 to report, 3 submitted, 3 accepted, 2 late, 3 missing, 0 rejected", async () => {
    const plain = (code: string, file: UnitSpec["file"], late = false): UnitSpec => ({ code, name: `Vụ ${code}`, khoi: "TRONG_NUOC", type: "VU", expected: true, file, late, forms: [formRead(KHTH, {})] });
    const specs = [plain("P", "accepted", true), plain("Q", "accepted"), plain("R", null), plain("S", "accepted", true), plain("T", null), plain("U", null)];
    // Counted by hand from `specs`: received = accepted + rejected; expected = received + missing.
    const run = buildRun(specs, { expected: 6, received: 3, accepted: 3, rejected: 0, late: 2, missing: ["R", "T", "U"] }, []);
    const wb = new WriterWorkbook();
    addCoverSheet(wb, { ...ctx, consolidation: consolidate(run), cells: new ReportCells(), findings: [] });
    const back = await loadWorkbook(wb.write({ creator: "test", created: "2023-09-14T00:00:00Z" }));
    const ws = back.getWorksheet("BiaBaoCao");
    if (!ws) throw new Error("no BiaBaoCao");
    const labels = ["Số đơn vị phải báo cáo", "Số đơn vị đã nộp", "Số đơn vị được chấp nhận", "Số đơn vị nộp muộn", "Số đơn vị chưa nộp", "Số đơn vị bị trả lại"];
    expect(labels.map((l) => ws.getCell(rowOf(ws, l, 2), 3).value)).toEqual([6, 3, 3, 2, 3, 0]);
  });
});
