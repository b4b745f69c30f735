/**
 * Conservation of totals, end to end (FORMS.md §7; WORKBOOKS.md §2.4, §2.5, §2.9), as a property:
 * for a random subset of the default roster's units (both groups), random but consistent KH-TH,
 * 01/TTr (money and land with decimals) and PCTN-NB values are typed into real template files with
 * exceljs; some units are made to fail V-ID-KH-TH-1 on row A1 and must be rejected. The files go
 * through runValidation and buildReport, and the REPORT workbook is read back with exceljs:
 *
 * - every TỔNG CỘNG, I and II cell of 01_TTr and PCTN equals the exact sum (scaled integers) over
 *   the ACCEPTED units of the scope; accepted unit rows show the values as typed (blank stays
 *   blank); rejected units contribute nothing and keep an empty row labelled " (bị trả lại)";
 * - KH_TH Table 2 rows are the sums (group rows A/B = sums of their data rows), rate = Σc2/Σc1;
 * - KH_TH Table 1 TỔNG CỘNG / I / II: (1)–(4) over A1–A3 and B1, B4–B6, (5)/(11) the unplanned
 *   rounds, (6)/(12) = Σc2/Σc1 (ratio of sums), "-" when Σc1 = 0;
 * - NguonSoLieu "1. TỆP ĐẦU VÀO" lists every file, rejected ones as "Bị trả lại";
 * - report.consolidation (totals, rates, ratesJson) agrees with the workbook.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "../src/core/aggregate/aggregate";
import { ratesJson } from "../src/core/result";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER, findUnit } from "../src/core/roster";
import { buildReport } from "../src/core/report/report";
import { buildTemplate } from "../src/core/template/template";
import { runValidation } from "../src/core/validate/run";
import {
  GROUP_LABEL,
  TOTAL_LABEL,
  cellText,
  coverRow,
  fillTemplate,
  khthTable2,
  labelRow,
  loadWorkbook,
  provenanceBlock,
  sheetOf,
  unitRow,
  unitsTable,
  valueAt,
  type UnitsTable,
} from "./helpers/fill";
import { specRoster, type SpecUnit } from "./helpers/spec";

const PERIOD = parsePeriod("2023-9M");
/** The expected units, names, groups and order: UNITS.md §3 (47 units, no validity dates). */
const ACTIVE = specRoster();
const DOMESTIC = ACTIVE.filter((u) => u.khoi === "TRONG_NUOC");
const OVERSEAS = ACTIVE.filter((u) => u.khoi === "NGOAI_NUOC");
const ORDER = new Map(ACTIVE.map((u, i) => [u.code, i] as const));
/** PERIODS.md §2: 2023-9M runs from 15/12/2022 to 14/09/2023. */
const WINDOW = { from: "2022-12-15", to: "2023-09-14" };
const RECEIVED = new Date("2023-09-15T02:00:00Z");
const NUM_RUNS = 14;

const KH_DATA_ROWS = ["A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "B6"] as const;
const KH_GROUPS: Readonly<Record<"A" | "B", readonly string[]>> = { A: ["A1", "A2", "A3"], B: ["B1", "B2", "B3", "B4", "B5", "B6"] };
/** Default option rateRows (FORMS.md §3.1). */
const RATE_ROWS: Readonly<Record<"A" | "B", readonly string[]>> = { A: ["A1", "A2", "A3"], B: ["B1", "B4", "B5", "B6"] };
const PCTN_ROWS = Array.from({ length: 19 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`);

/** Scale of a value type (FORMS.md §1.2): MONEY × 1000, LAND × 100. */
const TTR_SCALE: Readonly<Record<number, number>> = { 8: 1000, 10: 1000, 12: 1000, 9: 100, 11: 100, 13: 100 };
const PCTN_SCALE: Readonly<Record<string, number>> = { P16: 1000, P17: 1000 };

/** A typed cell: its scaled integer (value × scale), or undefined when left blank. */
type Cell = number | undefined;

interface UnitData {
  /** KH-TH row → column 1…10 → count (undefined: blank). */
  readonly khth: Record<string, Record<number, Cell>>;
  /** 01/TTr column 1…18 → scaled integer. */
  readonly ttr: Record<number, Cell>;
  /** PCTN P01…P19 → scaled integer. */
  readonly pctn: Record<string, Cell>;
  /** Broken on KH-TH A1 (c1 = c2 + c3 + c4 + 1): must be rejected. */
  readonly reject: boolean;
}

interface Case {
  readonly units: ReadonlyArray<{ readonly unit: SpecUnit; readonly data: UnitData }>;
}

// ---------------------------------------------------------------------------------------------
// Generators

/** A zero may be typed as 0 or left blank; other values are always typed. */
const blankZeros = (values: Record<number | string, number>, mask: readonly boolean[]): Record<string, Cell> => {
  const out: Record<string, Cell> = {};
  Object.entries(values).forEach(([k, v], i) => {
    out[k] = v === 0 && mask[i % mask.length] ? undefined : v;
  });
  return out;
};

const MASK = fc.array(fc.boolean(), { minLength: 19, maxLength: 19 });
const small = (max: number): fc.Arbitrary<number> => fc.integer({ min: 0, max });

/** One KH-TH data row: c1 = c2+c3+c4, c8 ≤ c6+c7, c9 ≤ c8, c10 ≤ c9, results only with a concluded round. */
const khRowArb = fc
  .record({ c2: small(6), c3: small(3), c4: small(3), c5: small(3), c6: small(4), c7: small(6), r8: fc.nat(), r9: fc.nat(), r10: fc.nat(), mask: MASK })
  .map((r) => {
    const active = r.c2 + r.c5 > 0;
    const c6 = active ? r.c6 : 0;
    const c7 = active ? r.c7 : 0;
    const c8 = r.r8 % (c6 + c7 + 1);
    const c9 = r.r9 % (c8 + 1);
    const c10 = r.r10 % (c9 + 1);
    return blankZeros({ 1: r.c2 + r.c3 + r.c4, 2: r.c2, 3: r.c3, 4: r.c4, 5: r.c5, 6: c6, 7: c7, 8: c8, 9: c9, 10: c10 }, r.mask);
  });

const money = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 99_999_999 })); // thousandths of a triệu đồng
const land = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9_999_999 })); // hundredths of a m²

/** 01/TTr: 1 = 2+3 = 4+5, 8 = 10+12 (money), 9 = 11+13 (land), 6 ≤ 1, 6 > 0 ⇒ 7 ≥ 1, 17 ≥ 16. */
const ttrArb = fc
  .record({
    c2: small(4),
    c3: small(6),
    r4: fc.nat(),
    r6: fc.nat(),
    c7: small(5),
    c10: money,
    c12: money,
    c11: land,
    c13: land,
    c14: small(5),
    c15: small(9),
    c16: small(3),
    extra17: small(3),
    c18: small(4),
    mask: MASK,
  })
  .map((r) => {
    const c1 = r.c2 + r.c3;
    const c4 = r.r4 % (c1 + 1);
    const c6 = r.r6 % (c1 + 1);
    const c7 = c6 > 0 ? Math.max(1, r.c7) : r.c7;
    const v: Record<number, number> = {
      1: c1,
      2: r.c2,
      3: r.c3,
      4: c4,
      5: c1 - c4,
      6: c6,
      7: c7,
      8: r.c10 + r.c12,
      9: r.c11 + r.c13,
      10: r.c10,
      11: r.c11,
      12: r.c12,
      13: r.c13,
      14: r.c14,
      15: r.c15,
      16: r.c16,
      17: r.c16 + r.extra17,
      18: r.c18,
    };
    return blankZeros(v, r.mask);
  });

/** PCTN-NB, consistent with its warnings: P04 ≤ P03, P09 ≤ P08 ≤ P07, P11 ≤ P10, P14 ≤ P13, … */
const pctnArb = fc
  .record({
    p01: small(3),
    p02: small(3),
    p03: small(8),
    r04: fc.nat(),
    p05: small(20),
    p06: small(3),
    p07: small(60),
    r08: fc.nat(),
    r09: fc.nat(),
    p10: small(10),
    r11: fc.nat(),
    p12: small(2),
    r13: fc.nat(),
    r14: fc.nat(),
    r15: fc.nat(),
    p16: money,
    r17: fc.nat(),
    p18: small(4),
    p19: small(200),
    mask: MASK,
  })
  .map((r) => {
    const p08 = r.r08 % (r.p07 + 1);
    const p13 = r.p12 === 0 ? 0 : r.r13 % (2 * r.p12 + 1);
    const v: Record<string, number> = {
      P01: r.p01,
      P02: r.p02,
      P03: r.p03,
      P04: r.r04 % (r.p03 + 1),
      P05: r.p05,
      P06: r.p06,
      P07: r.p07,
      P08: p08,
      P09: r.r09 % (p08 + 1),
      P10: r.p10,
      P11: r.r11 % (r.p10 + 1),
      P12: r.p12,
      P13: p13,
      P14: r.r14 % (p13 + 1),
      P15: r.r15 % (r.p12 + 1),
      P16: r.p16,
      P17: r.r17 % (r.p16 + 1),
      P18: r.p18,
      P19: r.p18 === 0 ? 0 : r.p19,
    };
    return blankZeros(v, r.mask);
  });

const unitDataArb: fc.Arbitrary<UnitData> = fc
  .record({
    khth: fc.tuple(...KH_DATA_ROWS.map(() => khRowArb)),
    ttr: ttrArb,
    pctn: pctnArb,
    reject: fc.integer({ min: 0, max: 3 }).map((n) => n === 0), // about one unit in four
  })
  .map((r) => {
    const khth: Record<string, Record<number, Cell>> = {};
    KH_DATA_ROWS.forEach((row, i) => {
      khth[row] = { ...(r.khth[i] ?? {}) };
    });
    if (r.reject) {
      // Break V-ID-KH-TH-1 (an error on A1): c1 = c2 + c3 + c4 + 1.
      const a1 = khth.A1 ?? {};
      a1[1] = (a1[2] ?? 0) + (a1[3] ?? 0) + (a1[4] ?? 0) + 1;
      khth.A1 = a1;
    }
    return { khth, ttr: r.ttr, pctn: r.pctn, reject: r.reject };
  });

const caseArb: fc.Arbitrary<Case> = fc
  .tuple(fc.subarray([...DOMESTIC], { minLength: 1, maxLength: 4 }), fc.subarray([...OVERSEAS], { minLength: 1, maxLength: 4 }))
  .chain(([dom, ovs]) => {
    const units = [...dom, ...ovs];
    return fc.array(unitDataArb, { minLength: units.length, maxLength: units.length }).map((data) => ({
      units: units.map((unit, i) => ({ unit, data: data[i] as UnitData })),
    }));
  });

// ---------------------------------------------------------------------------------------------
// Pipeline

const templates = new Map<string, Uint8Array>();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tonghop-conservation-"));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function templateOf(spec: SpecUnit): Promise<Uint8Array> {
  const cached = templates.get(spec.code);
  if (cached) return cached;
  // The product's roster only supplies the unit record the template writer takes (an input).
  const unit = findUnit(DEFAULT_ROSTER, spec.code, WINDOW);
  if (!unit) throw new Error(`${spec.code} is not in the product's roster`);
  const bytes = await buildTemplate({ unit, period: PERIOD });
  templates.set(spec.code, bytes);
  return bytes;
}

const unscale = (v: Cell, scale = 1): number | undefined => (v === undefined ? undefined : v / scale);

async function writeCase(c: Case, runNo: number): Promise<Array<{ file: string; bytes: Uint8Array }>> {
  const files = [];
  const sub = path.join(dir, `run${runNo}`);
  await rm(sub, { recursive: true, force: true });
  await mkdir(sub, { recursive: true });
  for (const { unit, data } of c.units) {
    const ttr: Record<number, number | undefined> = {};
    for (const [k, v] of Object.entries(data.ttr)) ttr[Number(k)] = unscale(v, TTR_SCALE[Number(k)]);
    const pctn: Record<string, number | undefined> = {};
    for (const [k, v] of Object.entries(data.pctn)) pctn[k] = unscale(v, PCTN_SCALE[k]);
    const bytes = await fillTemplate(await templateOf(unit), { khth: data.khth, ttr, pctn, modified: RECEIVED });
    const name = `BM_${unit.code}_2023-9M.xlsx`;
    await writeFile(path.join(sub, name), bytes);
    files.push({ file: name, bytes: new Uint8Array(await readFile(path.join(sub, name))) });
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Expected values

const SCOPE_ROWS: ReadonlyArray<readonly [Scope, string]> = [
  ["TOTAL", TOTAL_LABEL],
  ["TRONG_NUOC", GROUP_LABEL.TRONG_NUOC],
  ["NGOAI_NUOC", GROUP_LABEL.NGOAI_NUOC],
];

function accepted(c: Case, scope: Scope): UnitData[] {
  return c.units.filter(({ unit, data }) => !data.reject && (scope === "TOTAL" || unit.khoi === scope)).map((u) => u.data);
}

const sum = (xs: readonly Cell[]): number => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
const khCell = (d: UnitData, row: string, col: number): Cell => d.khth[row]?.[col];
const khSum = (ds: readonly UnitData[], rows: readonly string[], col: number): number => sum(ds.flatMap((d) => rows.map((r) => khCell(d, r, col))));

/** Table 1 block values (1)…(5) of a set of units; null when none of the summed cells is filled. */
function blockValues(ds: readonly UnitData[], block: "A" | "B"): Array<{ value: number; filled: boolean }> {
  const cells = (k: number): Array<readonly [string, number]> => {
    if (k <= 4) return RATE_ROWS[block].map((r) => [r, k] as const);
    const outside = KH_GROUPS[block].filter((r) => !RATE_ROWS[block].includes(r));
    return [...KH_GROUPS[block].map((r) => [r, 5] as const), ...outside.map((r) => [r, 2] as const)];
  };
  return [1, 2, 3, 4, 5].map((k) => {
    const xs = ds.flatMap((d) => cells(k).map(([r, col]) => khCell(d, r, col)));
    return { value: sum(xs), filled: xs.some((x) => x !== undefined) };
  });
}

const rateOf = (num: number, den: number): number | "-" => (den === 0 ? "-" : num / den);

/** Scaled integer of a report number (exact decimal compare). */
function scaled(v: ExcelJS.CellValue, scale: number, where: string): number {
  if (typeof v !== "number") throw new Error(`${where}: not a number: ${JSON.stringify(v)}`);
  return Math.round(v * scale);
}

function expectRate(v: ExcelJS.CellValue, expected: number | "-", where: string): void {
  if (expected === "-") {
    expect(v, where).toBe("-");
  } else {
    expect(typeof v, where).toBe("number");
    expect(Math.abs((v as number) - expected), `${where}: ${String(v)} vs ${expected}`).toBeLessThan(1e-12);
  }
}

// ---------------------------------------------------------------------------------------------
// The property

async function checkCase(c: Case, runNo: number): Promise<void> {
  const files = await writeCase(c, runNo);
  const run = await runValidation(files, { roster: DEFAULT_ROSTER, period: PERIOD, options: {} });
  const report = await buildReport({ run, options: { creationTime: "2023-09-20T00:00:00Z" } });
  const wb = await loadWorkbook(report.bytes);
  const con = report.consolidation;
  const submitted = new Map(c.units.map((u) => [u.unit.code, u.data] as const));

  // The run itself: rejected exactly where A1 was broken; sums re-checked without errors (§7.5).
  for (const { unit, data } of c.units) {
    const input = run.inputs.find((i) => i.unit === unit.code);
    expect(input?.status, unit.code).toBe(data.reject ? "rejected" : "accepted");
    if (data.reject) expect(input?.reasons, unit.code).toEqual(["V-ID-KH-TH-1"]);
  }
  expect(report.totalFindings).toEqual([]);

  // --- 01_TTr and PCTN: scope rows are exact sums over the accepted units; unit rows as typed.
  const wideSheets = [
    { sheet: "01_TTr", form: "01/TTr", cols: Array.from({ length: 18 }, (_, i) => i + 1), key: () => "TOTAL", col: (k: number) => k, scale: (k: number) => TTR_SCALE[k] ?? 1, of: (d: UnitData, k: number) => d.ttr[k] },
    {
      sheet: "PCTN",
      form: "PCTN-NB",
      cols: PCTN_ROWS.map((_, i) => i + 1),
      key: (k: number) => PCTN_ROWS[k - 1] ?? "",
      col: () => 1,
      scale: (k: number) => PCTN_SCALE[PCTN_ROWS[k - 1] ?? ""] ?? 1,
      of: (d: UnitData, k: number) => d.pctn[PCTN_ROWS[k - 1] ?? ""],
    },
  ];
  for (const s of wideSheets) {
    const t = unitsTable(sheetOf(wb, s.sheet));
    const totals = con.totals.get(s.form);
    for (const [scope, label] of SCOPE_ROWS) {
      const row = labelRow(t, label);
      const ds = accepted(c, scope);
      for (const k of s.cols) {
        const where = `${s.sheet} ${label} (${k})`;
        const expected = sum(ds.map((d) => s.of(d, k)));
        expect(scaled(valueAt(t, row, k), s.scale(k), where), where).toBe(expected);
        const inCon = totals?.[scope].get(s.key(k))?.get(s.col(k));
        expect(inCon?.scaled, `consolidation ${where}`).toBe(expected);
        expect(Math.round((inCon?.value ?? NaN) * s.scale(k)), `consolidation value ${where}`).toBe(expected);
      }
    }
    checkUnitRows(t, c, (row, d) => {
      for (const k of s.cols) {
        const v = valueAt(t, row, k);
        const typed = d ? s.of(d, k) : undefined;
        const where = `${s.sheet} row ${row} (${k})`;
        if (typed === undefined) expect(v, where).toBeNull();
        else expect(scaled(v, s.scale(k), where), where).toBe(typed);
      }
    });
  }

  // --- KH_TH Table 2: sums per row, groups = sums of their data rows, rate Σc2/Σc1.
  const kh = sheetOf(wb, "KH_TH");
  const t2 = khthTable2(kh);
  const all = accepted(c, "TOTAL");
  const khTotals = con.totals.get("KH-TH")?.TOTAL;
  expect([...t2.rows.keys()]).toEqual(["A", "A1", "A2", "A3", "B", "B1", "B2", "B3", "B4", "B5", "B6"]);
  for (const [code, row] of t2.rows) {
    const members = code === "A" || code === "B" ? KH_GROUPS[code] : [code];
    for (let k = 1; k <= 10; k++) {
      const where = `KH_TH Table 2 ${code} (${k})`;
      const expected = khSum(all, members, k);
      expect(kh.getCell(row, t2.cols.get(k) ?? 0).value, where).toBe(expected);
      expect(khTotals?.get(code)?.get(k)?.scaled, `consolidation ${where}`).toBe(expected);
    }
    const rate = rateOf(khSum(all, members, 2), khSum(all, members, 1));
    expectRate(kh.getCell(row, t2.cols.get(11) ?? 0).value, rate, `KH_TH Table 2 ${code} (11)`);
    expectRate(con.rates.byRow.get(code)?.rate ?? "-", rate, `consolidation R-KH-row ${code}`);
  }

  // --- KH_TH Table 1: TỔNG CỘNG, I, II.
  const t1 = unitsTable(kh);
  for (const [scope, label] of SCOPE_ROWS) {
    const row = labelRow(t1, label);
    const ds = accepted(c, scope);
    for (const [block, first] of [["A", 1], ["B", 7]] as const) {
      blockValues(ds, block).forEach((v, i) => {
        expect(valueAt(t1, row, first + i), `KH_TH ${label} (${first + i})`).toBe(v.value);
      });
      const num = khSum(ds, RATE_ROWS[block], 2);
      const den = khSum(ds, RATE_ROWS[block], 1);
      expectRate(valueAt(t1, row, first + 5), rateOf(num, den), `KH_TH ${label} (${first + 5})`);
      const set = block === "A" ? con.rates.inspection : con.rates.party;
      expect([set.byScope[scope].numerator, set.byScope[scope].denominator], `consolidation ${block} ${scope}`).toEqual([num, den]);
    }
  }
  checkUnitRows(t1, c, (row, d, code) => {
    for (const [block, first] of [["A", 1], ["B", 7]] as const) {
      if (!d) {
        for (let k = first; k <= first + 5; k++) expect(valueAt(t1, row, k), `KH_TH ${code} (${k})`).toBeNull();
        continue;
      }
      blockValues([d], block).forEach((v, i) => {
        expect(valueAt(t1, row, first + i), `KH_TH ${code} (${first + i})`).toBe(v.filled ? v.value : null);
      });
      expectRate(valueAt(t1, row, first + 5), rateOf(khSum([d], RATE_ROWS[block], 2), khSum([d], RATE_ROWS[block], 1)), `KH_TH ${code} (${first + 5})`);
    }
    const status = cellText(t1.ws, row, t1.cols.get(13) ?? 0);
    const data = submitted.get(code);
    expect(status, `KH_TH ${code} (13)`).toBe(data === undefined ? "Chưa nộp" : data.reject ? "Bị trả lại" : "Đúng hạn");
  });

  // --- Rates of the CLI JSON and the cover.
  const ins = { num: khSum(all, RATE_ROWS.A, 2), den: khSum(all, RATE_ROWS.A, 1) };
  const par = { num: khSum(all, RATE_ROWS.B, 2), den: khSum(all, RATE_ROWS.B, 1) };
  const json = ratesJson(con);
  expect(json.inspection).toEqual({ completed: ins.num, planned: ins.den, rate: ins.den === 0 ? null : ins.num / ins.den });
  expect(json.party).toEqual({ completed: par.num, planned: par.den, rate: par.den === 0 ? null : par.num / par.den });

  // Counts in Vietnamese digit groups ("1.244"), by ICU's vi-VN, not the product's formatter.
  const vi = (n: number): string => n.toLocaleString("vi-VN");
  // --- Cover: R-KH-A, R-KH-B and R-KKTS (ΣP08 / ΣP07) as ratios of sums, with their tử số/mẫu số.
  const kkts = { num: sum(all.map((d) => d.pctn.P08)), den: sum(all.map((d) => d.pctn.P07)) };
  for (const [label, r, note] of [
    ["Tỷ lệ hoàn thành kế hoạch thanh tra, kiểm tra", ins, `Hoàn thành ${vi(ins.num)}/${vi(ins.den)} cuộc`],
    ["Tỷ lệ hoàn thành chương trình kiểm tra, giám sát của Đảng", par, `Hoàn thành ${vi(par.num)}/${vi(par.den)} cuộc`],
    ["Tỷ lệ kê khai tài sản, thu nhập", kkts, `${vi(kkts.num)}/${vi(kkts.den)}`],
  ] as const) {
    const row = coverRow(wb, label);
    expectRate(row.value.value, rateOf(r.num, r.den), `BiaBaoCao ${label}`);
    expect(row.note, `BiaBaoCao ${label}`).toBe(note);
  }

  // Unit counts of the cover (WORKBOOKS.md §2.3): submitted = accepted + rejected = expected − missing.
  const rejected = c.units.filter((u) => u.data.reject).length;
  const counts = ["Số đơn vị phải báo cáo", "Số đơn vị đã nộp", "Số đơn vị được chấp nhận", "Số đơn vị nộp muộn", "Số đơn vị chưa nộp", "Số đơn vị bị trả lại"];
  expect(counts.map((l) => coverRow(wb, l).value.value)).toEqual([ACTIVE.length, c.units.length, c.units.length - rejected, 0, ACTIVE.length - c.units.length, rejected]);

  const nsl = sheetOf(wb, "NguonSoLieu");
  // --- NguonSoLieu "2. SỐ LIỆU ĐƠN VỊ": exactly the filled cells of the accepted units.
  const values = provenanceBlock(nsl, "2. SỐ LIỆU ĐƠN VỊ");
  const seen = values
    .filter((r) => ["KH-TH", "01/TTr", "PCTN-NB"].includes(r["Biểu"] ?? ""))
    .map((r) => `${r["Biểu"]}|${r["Mã dòng"]}|${r["Cột"]}|${r["Mã đơn vị"]}|${r["Giá trị"]}`)
    .sort();
  const typed: string[] = [];
  for (const { unit, data } of c.units) {
    if (data.reject) continue;
    for (const [row, cols] of Object.entries(data.khth)) {
      for (const [k, v] of Object.entries(cols)) if (v !== undefined) typed.push(`KH-TH|${row}|${k}|${unit.code}|${v}`);
    }
    for (const [k, v] of Object.entries(data.ttr)) if (v !== undefined) typed.push(`01/TTr||${k}|${unit.code}|${v / (TTR_SCALE[Number(k)] ?? 1)}`);
    for (const [row, v] of Object.entries(data.pctn)) if (v !== undefined) typed.push(`PCTN-NB|${row}|1|${unit.code}|${v / (PCTN_SCALE[row] ?? 1)}`);
  }
  expect(seen).toEqual(typed.sort());

  // --- NguonSoLieu "3. Ô TỔNG HỢP": each TỔNG CỘNG / I / II cell of 01_TTr and PCTN, its value and
  // the accepted units that filled a summed cell (roster order); rejected units never appear.
  const computed = new Map(provenanceBlock(nsl, "3. Ô TỔNG HỢP").map((r) => [r["Ô báo cáo"] ?? "", r] as const));
  for (const s of wideSheets) {
    const t = unitsTable(sheetOf(wb, s.sheet));
    const ref = (row: number, k: number): string => {
      const address = t.ws.getCell(row, t.cols.get(k) ?? 0).address;
      return /^[A-Za-z_]/u.test(s.sheet) ? `${s.sheet}!${address}` : `'${s.sheet}'!${address}`;
    };
    for (const [scope, label] of SCOPE_ROWS) {
      const row = labelRow(t, label);
      const inScope = c.units.filter(({ unit, data }) => !data.reject && (scope === "TOTAL" || unit.khoi === scope));
      for (const k of s.cols) {
        const where = `NguonSoLieu ${ref(row, k)}`;
        const rec = computed.get(ref(row, k));
        expect(rec, where).toBeDefined();
        expect(Math.round(Number(rec?.["Giá trị"]) * s.scale(k)), where).toBe(sum(inScope.map((u) => s.of(u.data, k))));
        expect(rec?.["Phạm vi"], where).toBe(scope);
        const contributors = inScope
          .filter((u) => s.of(u.data, k) !== undefined)
          .sort((a, b) => (ORDER.get(a.unit.code) ?? 0) - (ORDER.get(b.unit.code) ?? 0))
          .map((u) => u.unit.code);
        expect(rec?.["Đơn vị đóng góp"], where).toBe(contributors.join("; "));
        expect(rec?.["Số đơn vị"], where).toBe(String(contributors.length));
      }
    }
  }

  // --- NguonSoLieu "1. TỆP ĐẦU VÀO": every file, rejected ones "Bị trả lại" with the rule.
  const inputs = provenanceBlock(nsl, "1. TỆP ĐẦU VÀO");
  expect(inputs.map((r) => r["Tệp"]).sort()).toEqual(files.map((f) => f.file).sort());
  for (const r of inputs) {
    const data = submitted.get(r["Mã đơn vị"] ?? "");
    expect(data, r["Tệp"]).toBeDefined();
    expect(r["Trạng thái"], r["Tệp"]).toBe(data?.reject ? "Bị trả lại" : "Được sử dụng");
    if (data?.reject) expect(r["Lý do"], r["Tệp"]).toContain("V-ID-KH-TH-1");
  }
}

/**
 * Every roster unit has its row, numbered within its group in roster order, with the suffix of
 * its status; `check` gets the row and the unit's data when it was accepted (null otherwise).
 */
function checkUnitRows(t: UnitsTable, c: Case, check: (row: number, data: UnitData | null, code: string) => void): void {
  const submitted = new Map(c.units.map((u) => [u.unit.code, u.data] as const));
  for (const group of [DOMESTIC, OVERSEAS]) {
    group.forEach((unit, i) => {
      const data = submitted.get(unit.code);
      const suffix = data === undefined ? " (chưa nộp)" : data.reject ? " (bị trả lại)" : "";
      const { row, label } = unitRow(t, unit.name);
      expect(label, `${t.ws.name} ${unit.code}`).toBe(`${i + 1}. ${unit.name}${suffix}`);
      if (data?.reject || data === undefined) {
        // Rejected and missing units keep their row with empty cells.
        for (const [, col] of t.cols) {
          if (t.ws.name === "KH_TH" && col === t.cols.get(13)) continue; // status column
          expect(t.ws.getCell(row, col).value, `${t.ws.name} ${unit.code} ${t.ws.getCell(row, col).address}`).toBeNull();
        }
      }
      check(row, data && !data.reject ? data : null, unit.code);
    });
  }
}

describe("aggregation conserves the accepted units' values (property, end to end)", () => {
  it(`TỔNG CỘNG / I / II, KH_TH tables, rates and provenance agree with the inputs (${NUM_RUNS} runs)`, async () => {
    let runNo = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        await checkCase(c, runNo++);
      }),
      { numRuns: NUM_RUNS, endOnFailure: true },
    );
  }, 180_000);
});
