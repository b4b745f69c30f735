/**
 * The demo's sample period (src/demo/sample.ts). Files are read back with exceljs and fflate at
 * the addresses of the template layout (WORKBOOKS.md §1.3), written out here independently of the
 * generator, and then run through the checker.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { strFromU8, unzipSync } from "fflate";
import type ExcelJS from "exceljs";
import { generateSamplePeriod, type SampleFile, type SamplePeriod } from "../src/demo/sample";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER, type Roster } from "../src/core/roster";
import { runValidation, type ValidationRun } from "../src/core/validate/run";
import { specRoster } from "./helpers/spec";
import { loadWorkbook, textOf } from "./helpers/workbook";

const period = parsePeriod("2023-9M");
const SEED = 20230914;
/** UNITS.md §3: the default roster (47 units, no validity dates, so all active in 2023-9M). */
const active = specRoster();
/** PERIODS.md §7 states it: 2023-9M → 16/09/2023 (window end 14/09 + 2 days). */
const deadline = "2023-09-16";

/** The Vietnam calendar date (UTC+07:00, no daylight saving) of an ISO timestamp, by hand. */
function vietnamDateOfTimestamp(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A 1900-system Excel serial (≥ 61) as an ISO date: day 25569 is 1970-01-01. */
function serialToIsoDate(serial: number): string {
  return new Date((Math.floor(serial) - 25569) * 86_400_000).toISOString().slice(0, 10);
}

// Template layout (WORKBOOKS.md §1.3): code row at 7 + headerDepth, data right below.
const KH_ROW: Readonly<Record<string, number>> = { A1: 11, A2: 12, A3: 13, B1: 15, B2: 16, B3: 17, B4: 18, B5: 19, B6: 20 };
const khCol = (n: number): number => n + 2; // KH_TH: form column N in sheet column N+2
const PCTN_ROW: Readonly<Record<string, number>> = { P03: 12, P04: 13, P07: 18, P08: 19, P09: 20, P10: 22, P11: 23, P18: 32, P19: 33 };
const WIDE_ROW: Readonly<Record<string, number>> = { "01_TTr": 11, "01_TCD": 12, "02_TCD": 12, "01_XLD": 11 };

let sample: SamplePeriod;
let again: SamplePeriod;
let run: ValidationRun;
const books = new Map<string, ExcelJS.Workbook>();

function fileOf(s: SamplePeriod, name: string): SampleFile {
  const f = s.files.find((x) => x.file === name);
  if (!f) throw new Error(`no file ${name}`);
  return f;
}

async function book(name: string): Promise<ExcelJS.Workbook> {
  const cached = books.get(name);
  if (cached) return cached;
  const wb = await loadWorkbook(fileOf(sample, name).bytes);
  books.set(name, wb);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** A numeric cell as a number; blank is 0; anything else fails the test. */
function num(ws: ExcelJS.Worksheet, row: number, col: number): number {
  const v = ws.getCell(row, col).value;
  if (v === null || v === undefined) return 0;
  if (typeof v !== "number") throw new Error(`${ws.name}!${ws.getCell(row, col).address} is not a number: ${JSON.stringify(v)}`);
  return v;
}

function modifiedOf(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)["docProps/core.xml"] ?? new Uint8Array(0));
  const m = /<dcterms:modified[^>]*>([^<]+)<\/dcterms:modified>/u.exec(xml);
  if (!m?.[1]) throw new Error("no dcterms:modified");
  return m[1];
}

const unitOfFile = (name: string): string => /^BM_(.+)_2023-9M(?:_lan2)?\.xlsx$/u.exec(name)?.[1] ?? "";
const mistakeUnits = (): Set<string> => new Set(sample.mistakes.map((m) => m.unit));
/** Files whose values are all correct: no mistaken unit, no superseded first attempt. */
function correctFiles(): SampleFile[] {
  const resubmitted = new Set(sample.files.filter((f) => f.file.endsWith("_lan2.xlsx")).map((f) => f.file.replace("_lan2", "")));
  return sample.files.filter((f) => !mistakeUnits().has(unitOfFile(f.file)) && !resubmitted.has(f.file));
}

beforeAll(async () => {
  sample = await generateSamplePeriod({ period, seed: SEED });
  again = await generateSamplePeriod({ period, seed: SEED });
  run = await runValidation(sample.files.map((f) => ({ file: f.file, bytes: f.bytes })), { roster: DEFAULT_ROSTER, period, options: {} });
});

describe("sample period: files", () => {
  it("has one file per active unit except the two missing ones, plus one resubmission", () => {
    expect(active).toHaveLength(47);
    expect(sample.missing).toHaveLength(2);
    expect(sample.files).toHaveLength(active.length - 2 + 1);
    const units = new Set(sample.files.map((f) => unitOfFile(f.file)));
    expect(units.size).toBe(active.length - 2);
    for (const code of sample.missing) expect(units.has(code)).toBe(false);
    for (const f of sample.files) expect(f.file).toMatch(/^BM_[A-Z0-9-]+_2023-9M(_lan2)?\.xlsx$/u);
    const second = sample.files.filter((f) => f.file.endsWith("_lan2.xlsx"));
    expect(second).toHaveLength(1);
    fileOf(sample, (second[0]?.file ?? "").replace("_lan2", ""));
  });

  it("names 2–3 late units and 3 mistaken ones, all distinct and all submitted", () => {
    expect(sample.late.length).toBeGreaterThanOrEqual(2);
    expect(sample.late.length).toBeLessThanOrEqual(3);
    expect(sample.mistakes).toHaveLength(3);
    const all = [...sample.late, ...sample.missing, ...sample.mistakes.map((m) => m.unit)];
    expect(new Set(all).size).toBe(all.length);
    for (const m of sample.mistakes) expect(m.file).toBe(`BM_${m.unit}_2023-9M.xlsx`);
  });

  it("is deterministic: the same seed gives byte-identical files", () => {
    expect(again.files.map((f) => f.file)).toEqual(sample.files.map((f) => f.file));
    sample.files.forEach((f, i) => expect(Buffer.from(again.files[i]?.bytes ?? []).equals(Buffer.from(f.bytes)), f.file).toBe(true));
    expect(again.late).toEqual(sample.late);
    expect(again.missing).toEqual(sample.missing);
    expect(again.mistakes).toEqual(sample.mistakes);
  });
});

describe("sample period: values in the template's cells", () => {
  it("fills ThongTin with names and a real Ngày lập date", async () => {
    for (const f of sample.files.slice(0, 6)) {
      const ws = sheet(await book(f.file), "ThongTin");
      expect(ws.getCell("B3").value).toBe(unitOfFile(f.file));
      expect(textOf(ws.getCell("B8").value)).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
      expect(textOf(ws.getCell("B9").value)).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
      const v = ws.getCell("B10").value;
      expect(v instanceof Date || typeof v === "number").toBe(true);
      const serial = v instanceof Date ? v.getTime() / 86_400_000 + 25569 : Number(v);
      const ngayLap = serialToIsoDate(serial);
      expect(ngayLap <= vietnamDateOfTimestamp(modifiedOf(f.bytes))).toBe(true);
      expect(ngayLap >= "2023-09-01").toBe(true);
    }
  });

  it("gives the inspectorate a plan, and 01/TTr consistent with KH-TH row A1", async () => {
    const wb = await book("BM_THANH-TRA-BO_2023-9M.xlsx");
    const kh = sheet(wb, "KH_TH");
    const a1 = (n: number): number => num(kh, KH_ROW.A1 ?? 0, khCol(n));
    expect(a1(1)).toBeGreaterThan(0);
    expect(a1(1)).toBeLessThanOrEqual(4);
    const ttr = sheet(wb, "01_TTr");
    const c = (n: number): number => num(ttr, WIDE_ROW["01_TTr"] ?? 0, n + 1);
    expect(c(1)).toBeGreaterThan(0);
    expect(c(1)).toBe(c(2) + c(3));
    expect(c(1)).toBe(c(4) + c(5));
    expect(Math.round(c(8) * 1000)).toBe(Math.round(c(10) * 1000) + Math.round(c(12) * 1000));
    expect(Math.round(c(9) * 100)).toBe(Math.round(c(11) * 100) + Math.round(c(13) * 100));
    for (const n of [8, 10, 12]) expect(Math.round(c(n) * 1000) / 1000).toBe(c(n));
    for (const n of [9, 11, 13]) expect(Math.round(c(n) * 100) / 100).toBe(c(n));
    expect(c(6)).toBeLessThanOrEqual(c(1));
    expect(c(17)).toBeGreaterThanOrEqual(c(16));
    if (c(6) > 0) expect(c(7)).toBeGreaterThanOrEqual(1);
    expect(c(6)).toBeGreaterThanOrEqual(a1(2)); // V-X-02
    expect(c(4)).toBeLessThanOrEqual(a1(1)); // V-PLAN-02
  });

  it("keeps every correct unit's KH-TH, PCTN and cross-form relations", async () => {
    let planned = 0;
    let completed = 0;
    for (const f of correctFiles()) {
      const wb = await book(f.file);
      const kh = sheet(wb, "KH_TH");
      for (const [code, row] of Object.entries(KH_ROW)) {
        const c = (n: number): number => num(kh, row, khCol(n));
        expect(c(1), `${f.file} ${code}`).toBe(c(2) + c(3) + c(4));
        expect(c(8)).toBeLessThanOrEqual(c(6) + c(7));
        expect(c(9)).toBeLessThanOrEqual(c(8));
        expect(c(10)).toBeLessThanOrEqual(c(9));
        if (c(2) + c(5) === 0) expect(c(6) + c(7) + c(8) + c(9) + c(10)).toBe(0);
        if (code === "B2" || code === "B3") expect(c(1)).toBe(0);
        if (code !== "B2" && code !== "B3") {
          planned += c(1);
          completed += c(2);
        }
      }
      const pctn = sheet(wb, "PCTN");
      const p = (code: string): number => {
        const v = pctn.getCell(PCTN_ROW[code] ?? 0, 4).value;
        return typeof v === "string" ? Number(v.replace(/\./gu, "")) : num(pctn, PCTN_ROW[code] ?? 0, 4);
      };
      expect(p("P07")).toBeGreaterThan(0);
      expect(p("P08"), f.file).toBeLessThanOrEqual(p("P07"));
      expect(p("P09")).toBeLessThanOrEqual(p("P08"));
      expect(p("P04")).toBeLessThanOrEqual(p("P03"));
      expect(p("P11")).toBeLessThanOrEqual(p("P10"));
      if (p("P18") === 0) expect(p("P19")).toBe(0);
      // V-X-01: cases in 02/TCD never exceed those received in 01/TCD.
      expect(num(sheet(wb, "02_TCD"), WIDE_ROW["02_TCD"] ?? 0, 3)).toBeLessThanOrEqual(num(sheet(wb, "01_TCD"), WIDE_ROW["01_TCD"] ?? 0, 4));
    }
    // Mid-year completion of the plans: between 40% and 80% overall.
    expect(completed / planned).toBeGreaterThanOrEqual(0.4);
    expect(completed / planned).toBeLessThanOrEqual(0.8);
  });

  it("puts citizen reception mostly at missions and the consular department", async () => {
    let missions = 0;
    let home = 0;
    for (const f of correctFiles()) {
      const receptions = num(sheet(await book(f.file), "01_TCD"), WIDE_ROW["01_TCD"] ?? 0, 2);
      if (unitOfFile(f.file).startsWith("CQDD-") || unitOfFile(f.file) === "CUC-LANH-SU") missions += receptions;
      else home += receptions;
    }
    expect(missions).toBeGreaterThan(home);
  });

  it("has each mistake at the cell it names", async () => {
    const kinds = new Set<string>();
    for (const m of sample.mistakes) {
      const at = /^([\w]+)!([A-Z]+)(\d+):/u.exec(m.what);
      expect(at, m.what).not.toBeNull();
      const [, sheetName = "", , rowText = "0"] = at ?? [];
      const row = Number(rowText);
      const ws = sheet(await book(m.file), sheetName);
      const cell = ws.getCell(`${at?.[2] ?? ""}${row}`);
      kinds.add(sheetName);
      if (sheetName === "01_TCD") {
        expect(cell.address).toBe("B12");
        expect(num(ws, row, 2)).not.toBe(num(ws, row, 5) + num(ws, row, 14) + num(ws, row, 23));
      } else if (sheetName === "PCTN") {
        expect(typeof cell.value).toBe("string");
        expect(textOf(cell.value)).toMatch(/^\d+ người$/u);
      } else {
        expect(sheetName).toBe("KH_TH");
        expect(cell.col).toBe(khCol(1));
        expect(num(ws, row, khCol(1))).not.toBe(num(ws, row, khCol(2)) + num(ws, row, khCol(3)) + num(ws, row, khCol(4)));
      }
    }
    expect([...kinds].sort()).toEqual(["01_TCD", "KH_TH", "PCTN"]);
  });
});

describe("sample period: timeliness", () => {
  it("dates late files after the deadline and every other file on or before it", () => {
    const late = new Set(sample.late);
    for (const f of sample.files) {
      const received = vietnamDateOfTimestamp(modifiedOf(f.bytes));
      if (late.has(unitOfFile(f.file))) expect(received > deadline, f.file).toBe(true);
      else expect(received <= deadline, f.file).toBe(true);
    }
  });

  it("dates the resubmission after the first file", () => {
    const second = sample.files.find((f) => f.file.endsWith("_lan2.xlsx"));
    const first = fileOf(sample, (second?.file ?? "").replace("_lan2", ""));
    expect(modifiedOf(second?.bytes ?? new Uint8Array(0)) > modifiedOf(first.bytes)).toBe(true);
  });
});

describe("sample period: the checker's verdict", () => {
  it("accepts every correct unit and rejects exactly the three mistaken ones", () => {
    const mistaken = mistakeUnits();
    // Late and missing from the files themselves: a unit is late when its latest file's Vietnam
    // date of dcterms:modified is after the deadline, missing when no file names it.
    const latest = new Map<string, string>();
    for (const f of sample.files) {
      const d = vietnamDateOfTimestamp(modifiedOf(f.bytes));
      const u = unitOfFile(f.file);
      if ((latest.get(u) ?? "") < d) latest.set(u, d);
    }
    const late = new Set([...latest].filter(([, d]) => d > deadline).map(([u]) => u));
    const missing = new Set(active.map((u) => u.code).filter((u) => !latest.has(u)));
    expect(late.size).toBeGreaterThan(0);
    expect(missing.size).toBe(2);
    expect(run.units.map((u) => u.unit.code)).toEqual(active.map((u) => u.code));
    for (const u of run.units) {
      const code = u.unit.code;
      const expected = mistaken.has(code) ? "rejected" : missing.has(code) ? "missing" : late.has(code) ? "late" : "on-time";
      expect(u.status, code).toBe(expected);
      if (u.effective && !mistaken.has(code)) {
        const errors = run.findings.filter((f) => f.file === u.effective?.file && f.severity === "error");
        expect(errors, code).toEqual([]);
      }
    }
    const lateAccepted = [...late].filter((u) => !mistaken.has(u)).length;
    expect(run.summary).toMatchObject({ expected: 47, received: 45, accepted: 42, rejected: 3, late: lateAccepted });
    expect([...run.summary.missing].sort()).toEqual([...missing].sort());
    expect([...missing].sort()).toEqual([...sample.missing].sort());
  });

  it("finds each mistake as an error at the cell the sample names", () => {
    for (const m of sample.mistakes) {
      const cell = /^[\w]+!([A-Z]+\d+):/u.exec(m.what)?.[1];
      const errors = run.findings.filter((f) => f.file === m.file && f.severity === "error");
      expect(errors.map((f) => f.cell), m.what).toContain(cell);
    }
    const rules = run.findings.filter((f) => f.severity === "error" && mistakeUnits().has(f.unit ?? "")).map((f) => f.rule);
    expect([...new Set(rules)].sort()).toEqual(["V-ID-01/TCD-1", "V-ID-KH-TH-1", "V-TYPE-01"]);
  });

  it("lets the corrected file supersede the first one", () => {
    const second = run.inputs.find((r) => r.file.endsWith("_lan2.xlsx"));
    const first = run.inputs.find((r) => r.file === second?.file.replace("_lan2", ""));
    expect(second?.effective).toBe(true);
    expect(second?.status).toBe("accepted");
    expect(first?.status).toBe("duplicate");
    expect(first?.reasons).toEqual(["V-DUP-01"]);
  });
});

describe("sample period: other rosters and periods", () => {
  it("copes with a small roster and a quarter", async () => {
    const keep = new Set(["VU-CAU-AU", "THANH-TRA-BO", "CUC-LANH-SU", "HOC-VIEN-NG", "CQDD-US-WAS", "CQDD-JP-TYO", "CQDD-UN-NYC"]);
    const roster: Roster = { ...DEFAULT_ROSTER, rows: DEFAULT_ROSTER.rows.filter((r) => keep.has(r.code)), isDefault: false };
    const q2 = parsePeriod("2023-Q2");
    const small = await generateSamplePeriod({ period: q2, roster, seed: 1 });
    const check = await runValidation(small.files.map((f) => ({ file: f.file, bytes: f.bytes })), { roster, period: q2, options: {} });
    const mistaken = new Set(small.mistakes.map((m) => m.unit));
    for (const u of check.units) {
      if (small.missing.includes(u.unit.code)) expect(u.status).toBe("missing");
      else expect(u.status, u.unit.code).toBe(mistaken.has(u.unit.code) ? "rejected" : small.late.includes(u.unit.code) ? "late" : "on-time");
    }
  });
});
