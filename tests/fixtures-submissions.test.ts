/**
 * Submissions made by a different writer (openpyxl, LibreOffice; tests/fixtures/submissions/
 * make_fixtures.py) checked against expectations written from the spec, not from our reader
 * (tests/fixtures/submissions/expectations.json): status, unit, the findings at their cells,
 * values read back at their cells, ThongTin, received dates, completeness of a ~50-file folder.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { findExpected } from "./helpers/expectations";
import { describe, expect, it } from "vitest";
import { WIDE_ROW, type Submission } from "../src/core/read/submission";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation, type InputFile, type InputRecord, type ValidationRun } from "../src/core/validate/run";
import type { Finding } from "../src/core/findings";

const ROOT = path.join(__dirname, "fixtures", "submissions");

interface ExpectedFinding {
  rule: string;
  severity: string;
  sheet: string | null;
  cell: string | null;
  value?: number | string | null;
  expected?: number | string | null;
}
interface ExpectedFile {
  unit?: string | null;
  status: string;
  findings?: ExpectedFinding[];
  complete?: boolean;
  mustNotHave?: string[];
  values?: Array<{ form: string; row: string | null; column: number; sheet: string; cell: string; value: number; filled?: boolean }>;
  thongtin?: Array<{ label: string; sheet: string; cell: string; value: string }>;
  received?: { date: string | null; source?: string | null; late?: boolean };
  sameValuesAs?: string;
}
/** A unit's completeness status (WORKBOOKS.md §2.7) and, when it has one, its effective file. */
interface ExpectedUnit {
  effective?: string;
  status: "on-time" | "late" | "rejected" | "missing";
}
interface Expectations {
  files: Record<string, ExpectedFile>;
  groups: Array<{ name: string; inputs: string[]; expect: Record<string, ExpectedFile>; units?: Record<string, ExpectedUnit> }>;
  folder: {
    path: string;
    units: { expected: number; received: number; accepted: number; rejected: number; late: number; missing: string[] };
    unitStatus: Record<string, ExpectedUnit>;
    inputs: Record<string, ExpectedFile>;
  };
}

const expectations = JSON.parse(readFileSync(path.join(ROOT, "expectations.json"), "utf8")) as Expectations;
const period = parsePeriod("2023-H1");
/** PERIODS.md §7: window end 14/06/2023 + deadlineOffsetDays 2 = 16/06/2023, computed by hand. */
const DEADLINE = "2023-06-16";
/** PERIODS.md §7 sources as the product names them. */
const SOURCE: Readonly<Record<string, string>> = { "dcterms:modified": "properties", "Ngày lập": "ngay-lap", receipt: "receipt" };

/** Whole days from `a` to `b` (ISO dates), by hand: both at UTC midnight. */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function input(rel: string, name = path.basename(rel)): InputFile {
  return { file: name, bytes: new Uint8Array(readFileSync(path.join(ROOT, rel))) };
}

async function validate(files: InputFile[]): Promise<ValidationRun> {
  return runValidation(files, { roster: DEFAULT_ROSTER, period, options: {} });
}

function describeFinding(f: Finding): string {
  return `${f.rule} ${f.severity} ${f.sheet ?? "-"}!${f.cell ?? "-"}`;
}

function checkFile(run: ValidationRun, file: string, exp: ExpectedFile, label: string): void {
  const record = run.inputs.find((i) => i.file === file);
  expect(record, `${label}: input listed`).toBeDefined();
  if (!record) return;
  expect(record.status, `${label}: status`).toBe(exp.status);
  if (exp.unit !== undefined) expect(record.unit, `${label}: unit`).toBe(exp.unit);
  const mine = run.findings.filter((f) => f.file === file);
  for (const want of exp.findings ?? []) {
    const hit = findExpected(mine, want);
    expect(hit, `${label}: expected ${JSON.stringify(want)} among ${mine.map(describeFinding).join("; ")}`).toBeDefined();
  }
  if (exp.complete) {
    expect(mine.map(describeFinding).sort(), `${label}: complete list`).toEqual(
      (exp.findings ?? []).map((w) => `${w.rule} ${w.severity} ${w.sheet ?? "-"}!${w.cell ?? "-"}`).sort(),
    );
  }
  for (const rule of exp.mustNotHave ?? []) {
    expect(mine.filter((f) => f.rule === rule).map(describeFinding), `${label}: must not have ${rule}`).toEqual([]);
  }
  const sub = record.submission;
  for (const v of exp.values ?? []) {
    expect(sub, `${label}: read as a submission`).not.toBeNull();
    const form = sub?.forms.find((f) => f.form.code === v.form);
    const cell = form?.cells.get(v.row ?? WIDE_ROW)?.get(v.column);
    expect(cell, `${label}: value ${v.form} ${v.row ?? ""} (${v.column})`).toBeDefined();
    expect({ sheet: cell?.sheet, cell: cell?.cell, value: cell?.value }, `${label}: ${v.form} ${v.row ?? ""} (${v.column})`).toEqual({
      sheet: v.sheet,
      cell: v.cell,
      value: v.value,
    });
    if (v.filled !== undefined) expect(cell?.filled).toBe(v.filled);
  }
  for (const t of exp.thongtin ?? []) {
    const field = sub?.thongTin.fields[t.label];
    expect(sub?.thongTin.sheet, `${label}: ThongTin sheet`).toBe(t.sheet);
    // "Kỳ báo cáo" is compared as the period it reads as; dates as ISO; the rest as text.
    const value = t.label === "Kỳ báo cáo" ? sub?.period?.id : field?.date ?? field?.text;
    expect({ cell: field?.cell, value }, `${label}: ThongTin ${t.label}`).toEqual({ cell: t.cell, value: t.value });
  }
  if (exp.received) checkReceived(record, mine, exp.received, label);
}

/**
 * The received date and its source (PERIODS.md §7), and lateness against the deadline computed by
 * hand: a late file has V-PERIOD-05 (value = received date, expected = 16/06/2023), an on-time one none.
 */
function checkReceived(record: InputRecord, mine: readonly Finding[], exp: NonNullable<ExpectedFile["received"]>, label: string): void {
  expect(record.received.date, `${label}: received date`).toBe(exp.date);
  if (exp.source !== undefined) expect(record.received.source, `${label}: received source`).toBe(exp.source === null ? "unknown" : SOURCE[exp.source]);
  if (exp.late === undefined) return;
  expect(exp.date !== null && exp.date > DEADLINE, `${label}: the expectation's own lateness`).toBe(exp.late);
  const late = mine.filter((f) => f.rule === "V-PERIOD-05");
  if (exp.late) {
    expect(late.map((f) => [f.severity, f.value, f.expected]), `${label}: V-PERIOD-05`).toEqual([["warning", exp.date, DEADLINE]]);
  } else {
    expect(late, `${label}: on time, no V-PERIOD-05`).toEqual([]);
  }
}

/** A unit's status, effective file and days late (received − 16/06/2023, by hand). */
function checkUnit(run: ValidationRun, code: string, want: ExpectedUnit, received: ReadonlyMap<string, string | null>, label: string): void {
  const record = run.units.find((u) => u.unit.code === code);
  expect(record, `${label}: unit ${code} listed`).toBeDefined();
  expect(record?.status, `${label}: status of ${code}`).toBe(want.status);
  if (want.status === "missing") {
    expect(record?.effective ?? null, `${label}: ${code} has no effective file`).toBeNull();
    return;
  }
  if (want.effective) expect(record?.effective?.file, `${label}: effective of ${code}`).toBe(want.effective);
  const date = received.get(record?.effective?.file ?? "");
  const late = date ? Math.max(0, daysBetween(DEADLINE, date)) : 0;
  expect(late > 0, `${label}: ${code} late by the hand-computed deadline`).toBe(want.status === "late");
  if (want.status !== "rejected") expect(record?.daysLate, `${label}: days late of ${code}`).toBe(late);
}

function valuesOf(sub: Submission | null): Array<[string, number, boolean]> {
  const out: Array<[string, number, boolean]> = [];
  for (const f of sub?.forms ?? []) {
    for (const [row, cols] of f.cells) for (const [col, cell] of cols) out.push([`${f.form.code}|${row}|${col}|${cell.sheet}!${cell.cell}`, cell.value, cell.filled]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe("fixture submissions, each validated alone", () => {
  for (const [rel, exp] of Object.entries(expectations.files)) {
    it(rel, async () => {
      const run = await validate([input(rel)]);
      checkFile(run, path.basename(rel), exp, rel);
      if (exp.sameValuesAs) {
        const other = await validate([input(exp.sameValuesAs)]);
        const a = run.inputs[0]?.submission ?? null;
        const b = other.inputs[0]?.submission ?? null;
        expect(valuesOf(a)).toEqual(valuesOf(b));
        expect(valuesOf(a).length).toBeGreaterThan(0);
      }
    });
  }
});

describe("fixture submissions validated together", () => {
  for (const group of expectations.groups) {
    it(group.name, async () => {
      const run = await validate(group.inputs.map((rel) => input(rel)));
      expect(run.inputs).toHaveLength(group.inputs.length);
      for (const [rel, exp] of Object.entries(group.expect)) checkFile(run, path.basename(rel), exp, `${group.name}: ${rel}`);
      const received = new Map(group.inputs.map((rel) => [path.basename(rel), (group.expect[rel] ?? expectations.files[rel])?.received?.date ?? null] as const));
      expect(Object.keys(group.units ?? {}).length, `${group.name}: unit statuses given`).toBeGreaterThan(0);
      for (const [unit, want] of Object.entries(group.units ?? {})) {
        checkUnit(run, unit, { ...want, effective: want.effective ? path.basename(want.effective) : undefined }, received, group.name);
      }
    });
  }
});

describe("a folder of a whole period", () => {
  it("lists every file, counts every expected unit, and matches each file's expectation", async () => {
    const dir = path.join(ROOT, expectations.folder.path);
    const files: InputFile[] = [];
    const walk = (d: string): void => {
      for (const name of readdirSync(d).sort()) {
        const full = path.join(d, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push({ file: path.relative(dir, full).split(path.sep).join("/"), bytes: new Uint8Array(readFileSync(full)) });
      }
    };
    walk(dir);
    expect(files.length).toBeGreaterThanOrEqual(45);
    const run = await validate(files);
    expect(run.inputs.map((i) => i.file).sort()).toEqual(files.map((f) => f.file).sort());
    expect(run.deadline).toBe(DEADLINE);
    expect(run.summary).toEqual(expectations.folder.units);
    for (const [file, exp] of Object.entries(expectations.folder.inputs)) checkFile(run, file, exp, `folder: ${file}`);
    // Every roster unit's status (UNITS.md §3: 47 units), each against the folder's description.
    expect(Object.keys(expectations.folder.unitStatus)).toHaveLength(47);
    const received = new Map(Object.entries(expectations.folder.inputs).map(([f, e]) => [f, e.received?.date ?? null] as const));
    for (const [unit, want] of Object.entries(expectations.folder.unitStatus)) checkUnit(run, unit, want, received, "folder");
    const counted = Object.values(expectations.folder.unitStatus);
    expect(counted.filter((u) => u.status === "late")).toHaveLength(expectations.folder.units.late);
  });
});
