/**
 * A hand-checked 2023-9M consolidation, end to end: blank templates (buildTemplate) filled with
 * exceljs, validated (runValidation), consolidated into the report (buildReport), and the report
 * read back with exceljs. Every expected figure below is worked out by hand in the comments
 * (FORMS.md §3, §7.4; WORKBOOKS.md §2.3, §2.4).
 *
 * Roster (4 units, roster order):
 *   I.  1. VU-CAU-AU    "Vụ Châu Âu"        – unit X, submits
 *       2. VAN-PHONG-BO "Văn phòng Bộ"      – unit Y, submits
 *       3. CUC-LANH-SU  "Cục Lãnh sự"       – missing (no file)
 *   II. 1. CQDD-FR-PAR  "Đại sứ quán Việt Nam tại Pháp" – unit Z, submits (Party programme)
 *
 * KH-TH values (blank = not written; "0" = a typed 0):
 *   X  A1: c1 10, c2 9, c3 1, c4 0, c5 1, c6 3, c7 5, c8 2, c9 1, c10 1
 *      A2: c5 2                       (ad hoc specialised inspections, outside the plan)
 *   Y  A1: c1 2, c2 0, c3 0, c4 2
 *      B1: c1 2, c2 1, c3 0, c4 1
 *   Z  B1: c1 4, c2 3, c3 1, c4 0, c6 2, c7 4, c8 1, c9 1, c10 0
 *      B4: c1 2, c2 1, c4 1
 *      B2: c2 2, c5 1                 (on-signs inspections: unplanned by nature; c1 = 0 ≠ c2 is
 *                                      only a warning on B2, so Z is accepted)
 *
 * R-KH-A (A1, A2, A3) = Σc2 / Σc1 = (9 + 0) / (10 + 2) = 9/12 = 75.0 %,
 *   not the mean of the unit rates (90 % + 0 %) / 2 = 45 % (FORMS.md §7.4).
 * R-KH-B (B1, B4, B5, B6; B2 left out) = (1 + 3 + 1) / (2 + 4 + 2) = 5/8 = 62.5 %,
 *   not the mean (50 % + 66.7 %) / 2 = 58.3 %, and not (5 + 2) / 8 = 87.5 % with B2 counted.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratesJson } from "../src/core/result";
import { parsePeriod, periodWindow } from "../src/core/periods";
import { parseRosterCsv, unitsActiveIn, type Roster, type Unit } from "../src/core/roster";
import { buildReport, type Report } from "../src/core/report/report";
import { buildTemplate } from "../src/core/template/template";
import { runValidation, type ValidationRun } from "../src/core/validate/run";
import {
  GROUP_LABEL,
  TOTAL_LABEL,
  cellAt,
  cellText,
  coverRow as coverRowOf,
  fillTemplate,
  findRow,
  khthTable2,
  labelRow,
  loadWorkbook,
  sheetOf,
  unitRow,
  unitsTable,
  valueAt,
  type UnitValues,
  type UnitsTable,
} from "./helpers/fill";

const PERIOD = parsePeriod("2023-9M");
const ROSTER_CSV = [
  "ma_dv,ten_dv,loai_dv,khoi,hieu_luc_tu,hieu_luc_den",
  "VU-CAU-AU,Vụ Châu Âu,VU,TRONG_NUOC,,",
  "VAN-PHONG-BO,Văn phòng Bộ,VAN_PHONG,TRONG_NUOC,,",
  "CUC-LANH-SU,Cục Lãnh sự,CUC,TRONG_NUOC,,",
  "CQDD-FR-PAR,Đại sứ quán Việt Nam tại Pháp,DSQ,NGOAI_NUOC,,",
].join("\n");

const X = "VU-CAU-AU";
const Y = "VAN-PHONG-BO";
const MISSING = "CUC-LANH-SU";
const Z = "CQDD-FR-PAR";

/** Received 15/09/2023, before the 16/09/2023 deadline: "Đúng hạn". */
const RECEIVED = new Date("2023-09-15T02:00:00Z");

const VALUES: Readonly<Record<string, UnitValues>> = {
  [X]: {
    khth: {
      A1: { 1: 10, 2: 9, 3: 1, 4: 0, 5: 1, 6: 3, 7: 5, 8: 2, 9: 1, 10: 1 },
      A2: { 5: 2 },
    },
    // 9 conclusions issued (V-X-02: 01/TTr c6 ≥ A1.c2), 9 of them planned (V-PLAN-02: c4 ≤ A1.c1).
    ttr: { 1: 10, 2: 1, 3: 9, 4: 9, 5: 1, 6: 9, 7: 9 },
    modified: RECEIVED,
  },
  [Y]: {
    khth: {
      A1: { 1: 2, 2: 0, 3: 0, 4: 2 },
      B1: { 1: 2, 2: 1, 3: 0, 4: 1 },
    },
    modified: RECEIVED,
  },
  [Z]: {
    khth: {
      B1: { 1: 4, 2: 3, 3: 1, 4: 0, 6: 2, 7: 4, 8: 1, 9: 1, 10: 0 },
      B4: { 1: 2, 2: 1, 4: 1 },
      B2: { 2: 2, 5: 1 },
    },
    modified: RECEIVED,
  },
};

let roster: Roster;
let units: Map<string, Unit>;
let run: ValidationRun;
let report: Report;
let wb: ExcelJS.Workbook;
let dir: string;

beforeAll(async () => {
  const parsed = parseRosterCsv(new TextEncoder().encode(ROSTER_CSV), "roster.csv");
  if (!parsed.roster) throw new Error(JSON.stringify(parsed.errors));
  roster = parsed.roster;
  units = new Map(unitsActiveIn(roster, periodWindow(PERIOD)).map((u) => [u.code, u]));
  dir = await mkdtemp(path.join(tmpdir(), "tonghop-khth-"));
  const files = [];
  for (const [code, values] of Object.entries(VALUES)) {
    const unit = units.get(code);
    if (!unit) throw new Error(`no unit ${code}`);
    const name = `BM_${code}_2023-9M.xlsx`;
    await writeFile(path.join(dir, name), await fillTemplate(await buildTemplate({ unit, period: PERIOD }), values));
    files.push({ file: name, bytes: new Uint8Array(await readFile(path.join(dir, name))) });
  }
  run = await runValidation(files, { roster, period: PERIOD, options: {} });
  report = await buildReport({ run, options: { creationTime: "2023-09-20T00:00:00Z" } });
  wb = await loadWorkbook(report.bytes);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function nameOf(code: string): string {
  const u = units.get(code);
  if (!u) throw new Error(`no unit ${code}`);
  return u.name;
}

/** A rate cell: its fraction with the 0.0% format, or the centred "-". */
function expectRate(cell: ExcelJS.Cell, expected: number | "-"): void {
  if (expected === "-") {
    expect(cell.value, cell.address).toBe("-");
    expect(cell.alignment?.horizontal, cell.address).toBe("center");
  } else {
    expect(typeof cell.value, cell.address).toBe("number");
    expect(cell.value as number, cell.address).toBeCloseTo(expected, 12);
    expect(cell.numFmt, cell.address).toBe("0.0%");
  }
}

/** Table 1 columns (1)…(12): a number, "-" for a rate, or null for an empty cell. */
type T1Row = readonly (number | "-" | null)[];

function expectT1Row(t: UnitsTable, row: number, expected: T1Row): void {
  expected.forEach((v, i) => {
    const k = i + 1;
    const cell = cellAt(t, row, k);
    if (k === 6 || k === 12) {
      if (v === null) expect(cell.value, `${cell.address} (${k})`).toBeNull();
      else expectRate(cell, v);
    } else {
      expect(cell.value, `${cell.address} (${k})`).toBe(v);
    }
  });
}

describe("hand-checked 2023-9M: the run", () => {
  it("accepts X, Y, Z and lists Cục Lãnh sự as missing", () => {
    expect(run.inputs.map((i) => [i.unit, i.status])).toEqual([
      [Z, "accepted"],
      [Y, "accepted"],
      [X, "accepted"],
    ]);
    expect(run.summary).toEqual({ expected: 4, received: 3, accepted: 3, rejected: 0, late: 0, missing: [MISSING] });
    // The on-signs row B2 (c1 0 ≠ c2 2) is only a warning.
    const b2 = run.findings.filter((f) => f.rule === "V-ID-KH-TH-1");
    expect(b2.map((f) => [f.unit, f.row, f.severity])).toEqual([[Z, "B2", "warning"]]);
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("hand-checked 2023-9M: KH_TH Table 1 (units as rows)", () => {
  let t: UnitsTable;
  beforeAll(() => {
    t = unitsTable(sheetOf(wb, "KH_TH"));
  });

  it("has the code row MS | 1 … 5 | 6=2/1 | 7 … 11 | 12=8/7 | 13", () => {
    const texts = [...t.cols.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => cellText(t.ws, t.codeRow, c));
    expect(texts).toEqual(["1", "2", "3", "4", "5", "6=2/1", "7", "8", "9", "10", "11", "12=8/7", "13"]);
    expect(cellText(t.ws, t.codeRow - 2, 1)).toBe("Đơn vị");
  });

  it("lists TỔNG CỘNG, I with its three units, II with its one, in roster order", () => {
    expect([...t.rows.keys()]).toEqual([
      TOTAL_LABEL,
      GROUP_LABEL.TRONG_NUOC,
      "1. Vụ Châu Âu",
      "2. Văn phòng Bộ",
      "3. Cục Lãnh sự (chưa nộp)",
      GROUP_LABEL.NGOAI_NUOC,
      "1. Đại sứ quán Việt Nam tại Pháp",
    ]);
  });

  it("unit X: A = A1+A2+A3: plan 10, done 9, in progress 1, not started 0, ad hoc 1+2 = 3, rate 9/10; B blank, rate -", () => {
    expectT1Row(t, unitRow(t, nameOf(X)).row, [10, 9, 1, 0, 3, 0.9, null, null, null, null, null, "-"]);
  });

  it("unit Y: A plan 2, done 0 → 0.0 % (ad hoc never filled: blank); B1 plan 2, done 1 → 50 %", () => {
    expectT1Row(t, unitRow(t, nameOf(Y)).row, [2, 0, 0, 2, null, 0, 2, 1, 0, 1, null, 0.5]);
  });

  it("unit Z: B over B1+B4 = plan 6, done 4, in progress 1, not started 1; (11) = B2.c5 1 + B2.c2 2 = 3; rate 4/6", () => {
    expectT1Row(t, unitRow(t, nameOf(Z)).row, [null, null, null, null, null, "-", 6, 4, 1, 1, 3, 4 / 6]);
  });

  it("the missing unit keeps its row, grey italic, with empty cells and status Chưa nộp", () => {
    const { row } = unitRow(t, nameOf(MISSING));
    for (let k = 1; k <= 12; k++) expect(valueAt(t, row, k), `(${k})`).toBeNull();
    expect(cellText(t.ws, row, t.cols.get(13) ?? 0)).toBe("Chưa nộp");
    const font = t.ws.getCell(row, 1).font;
    expect(font?.italic).toBe(true);
    expect(font?.color?.argb).toBe("FF808080");
  });

  it("status column: Đúng hạn for the three units received on 15/09/2023", () => {
    for (const code of [X, Y, Z]) expect(cellText(t.ws, unitRow(t, nameOf(code)).row, t.cols.get(13) ?? 0), code).toBe("Đúng hạn");
  });

  it("group I = X + Y: A 12, 9, 1, 2, 3 → 9/12 = 75 %; B 2, 1, 0, 1, 0 → 1/2 = 50 %", () => {
    expectT1Row(t, labelRow(t, GROUP_LABEL.TRONG_NUOC), [12, 9, 1, 2, 3, 0.75, 2, 1, 0, 1, 0, 0.5]);
  });

  it("group II = Z: A all 0 → -; B 6, 4, 1, 1, 3 → 4/6", () => {
    expectT1Row(t, labelRow(t, GROUP_LABEL.NGOAI_NUOC), [0, 0, 0, 0, 0, "-", 6, 4, 1, 1, 3, 4 / 6]);
  });

  it("TỔNG CỘNG: R-KH-A 9/12 = 75 % (not 45 %); R-KH-B 5/8 = 62.5 % (B2 left out; not 58.3 %, not 87.5 %)", () => {
    const row = labelRow(t, TOTAL_LABEL);
    expectT1Row(t, row, [12, 9, 1, 2, 3, 0.75, 8, 5, 1, 2, 3, 0.625]);
    expect(valueAt(t, row, 6)).not.toBeCloseTo(0.45, 6);
    expect(valueAt(t, row, 12)).not.toBeCloseTo(0.875, 6);
  });
});

describe("hand-checked 2023-9M: KH_TH Table 2 (by activity type)", () => {
  /** Row code → columns 1…10, then the rate (11). Group rows are the sums of their data rows. */
  const EXPECTED: Readonly<Record<string, readonly (number | "-")[]>> = {
    // A = A1 + A2 + A3
    A: [12, 9, 1, 2, 3, 3, 5, 2, 1, 1, 0.75],
    // A1 = X (10, 9, 1, 0, 1, 3, 5, 2, 1, 1) + Y (2, 0, 0, 2): 9/12
    A1: [12, 9, 1, 2, 1, 3, 5, 2, 1, 1, 0.75],
    // A2 = X's ad hoc 2 only: no plan → "-"
    A2: [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, "-"],
    A3: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "-"],
    // B = B1 + … + B6 = (6, 4, 1, 1, 0, 2, 4, 1, 1, 0) + B2 (0, 2, 0, 0, 1) + B4 (2, 1, 0, 1, 0):
    // the group row's rate is Σc2/Σc1 over all its rows, B2 included: 7/8 (WORKBOOKS.md §2.4).
    B: [8, 7, 1, 2, 1, 2, 4, 1, 1, 0, 7 / 8],
    // B1 = Y (2, 1, 0, 1) + Z (4, 3, 1, 0, –, 2, 4, 1, 1, 0): 4/6
    B1: [6, 4, 1, 1, 0, 2, 4, 1, 1, 0, 4 / 6],
    B2: [0, 2, 0, 0, 1, 0, 0, 0, 0, 0, "-"],
    B3: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "-"],
    B4: [2, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0.5],
    B5: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "-"],
    B6: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "-"],
  };

  it("has rows A, A1…A3, B, B1…B6 with the hand-computed sums and rates", () => {
    const ws = sheetOf(wb, "KH_TH");
    const t2 = khthTable2(ws);
    expect([...t2.rows.keys()]).toEqual(Object.keys(EXPECTED));
    for (const [code, values] of Object.entries(EXPECTED)) {
      const row = t2.rows.get(code) ?? 0;
      values.forEach((v, i) => {
        const cell = ws.getCell(row, t2.cols.get(i + 1) ?? 0);
        if (i === 10) expectRate(cell, v);
        else expect(cell.value, `${code} (${i + 1}) ${cell.address}`).toBe(v);
      });
    }
  });

  it("the rate column is headed 11=2/1", () => {
    const ws = sheetOf(wb, "KH_TH");
    const t2 = khthTable2(ws);
    const title = findRow(ws, (x) => x === "TỔNG HỢP THEO LOẠI HOẠT ĐỘNG") ?? 0;
    const codeRow = findRow(ws, (x) => x === "A", title + 1) ?? 0;
    expect(cellText(ws, codeRow, t2.cols.get(11) ?? 0)).toBe("11=2/1");
  });
});

describe("hand-checked 2023-9M: cover and CLI rates", () => {
  const coverRow = (label: string): { value: ExcelJS.Cell; note: string } => coverRowOf(wb, label);

  it("Tỷ lệ hoàn thành kế hoạch thanh tra, kiểm tra: 0.75 as 0.0%, Hoàn thành 9/12 cuộc", () => {
    const r = coverRow("Tỷ lệ hoàn thành kế hoạch thanh tra, kiểm tra");
    expect(r.value.value).toBe(0.75);
    expect(r.value.numFmt).toBe("0.0%");
    expect(r.note).toBe("Hoàn thành 9/12 cuộc");
  });

  it("Tỷ lệ hoàn thành chương trình kiểm tra, giám sát của Đảng: 0.625 as 0.0%, Hoàn thành 5/8 cuộc", () => {
    const r = coverRow("Tỷ lệ hoàn thành chương trình kiểm tra, giám sát của Đảng");
    expect(r.value.value).toBe(0.625);
    expect(r.value.numFmt).toBe("0.0%");
    expect(r.note).toBe("Hoàn thành 5/8 cuộc");
  });

  it("unit counts: 4 expected, 3 submitted and accepted, none late or rejected, 1 missing", () => {
    const counts = ["Số đơn vị phải báo cáo", "Số đơn vị đã nộp", "Số đơn vị được chấp nhận", "Số đơn vị nộp muộn", "Số đơn vị chưa nộp", "Số đơn vị bị trả lại"].map(
      (l) => coverRow(l).value.value,
    );
    expect(counts).toEqual([4, 3, 3, 0, 1, 0]);
  });

  it("ratesJson: inspection 9/12, party 5/8", () => {
    expect(ratesJson(report.consolidation)).toEqual({
      inspection: { completed: 9, planned: 12, rate: 0.75 },
      party: { completed: 5, planned: 8, rate: 0.625 },
    });
  });
});
