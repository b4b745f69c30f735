/**
 * The second fixture set (tests/fixtures/submissions/more/, openpyxl): one file per remaining rule,
 * validated through the CLI with the flags each case needs (--units, --config, --history,
 * --max-file-size, --period), checked against expectations written from the spec.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { findExpected, type ExpectedFinding } from "./helpers/expectations";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../src/core/read/reader";
import { WIDE_ROW, type Submission } from "../src/core/read/submission";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation } from "../src/core/validate/run";
import { runCli, tempDir } from "./helpers/cli";

const ROOT = path.join(__dirname, "fixtures", "submissions");

interface ExpectedValue {
  form: string;
  row: string | null;
  column: number;
  sheet: string;
  cell: string;
  value: number;
  filled: boolean;
}
interface ExpectedReceived {
  date: string | null;
  source: string | null;
  late: boolean;
}
interface Expected {
  unit?: string | null;
  status: string;
  findings?: ExpectedFinding[];
  complete?: boolean;
  mustNotHave?: string[];
  values?: ExpectedValue[];
  thongtin?: Array<{ label: string; sheet: string; cell: string; value: string }>;
  received?: ExpectedReceived | null;
  expectedUnit?: boolean;
  args?: { units?: string; config?: string; history?: string[]; maxFileSizeMB?: number; period?: string };
}
interface ExpectedHistory {
  unit: string;
  period: string;
  values: ExpectedValue[];
  received: ExpectedReceived;
}

const expectations = JSON.parse(readFileSync(path.join(ROOT, "more", "expectations.json"), "utf8")) as {
  files: Record<string, Expected>;
  history: Record<string, ExpectedHistory>;
};

/** PERIODS.md §7 by hand: window end + 2 days (2023-H1 ends 14/06/2023, 2023-Y ends 14/12/2023). */
const DEADLINE: Readonly<Record<string, string>> = { "2023-H1": "2023-06-16", "2023-Y": "2023-12-16" };
/** UNITS.md §3: the default roster has 47 units. */
const ROSTER_UNITS = 47;
const DATE_LABELS = new Set(["Từ ngày", "Đến ngày", "Ngày lập"]);

interface JsonFinding {
  file: string;
  rule: string;
  severity: string;
  form: string | null;
  sheet: string | null;
  cell: string | null;
  row: string | null;
  column: number | null;
  value: unknown;
  expected: unknown;
}
interface RunJson {
  units: { expected: number; received: number; accepted: number; rejected: number; late: number; missing: string[] };
  inputs: Array<{ file: string; sha256: string; unit: string | null; status: string }>;
  history?: Array<{ file: string; sha256: string; unit: string | null; period: string | null; status: string }>;
  findings: JsonFinding[];
}

async function read(rel: string): Promise<Submission> {
  const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(ROOT, rel))), path.basename(rel));
  if (outcome.kind !== "submission") throw new Error(`${rel} reads as ${outcome.kind}`);
  return outcome.submission;
}

function checkValues(sub: Submission, values: readonly ExpectedValue[], label: string): void {
  for (const v of values) {
    const cell = sub.forms.find((f) => f.form.code === v.form)?.cells.get(v.row ?? WIDE_ROW)?.get(v.column);
    expect({ sheet: cell?.sheet, cell: cell?.cell, value: cell?.value, filled: cell?.filled }, `${label}: ${v.form} ${v.row ?? ""} (${v.column})`).toEqual({
      sheet: v.sheet,
      cell: v.cell,
      value: v.value,
      filled: v.filled,
    });
  }
}

/** ThongTin as the spec reads it: the period ID for "Kỳ báo cáo", ISO dates, NFC text for the rest. */
function checkThongTin(sub: Submission, rel: string, thongtin: NonNullable<Expected["thongtin"]>): void {
  for (const t of thongtin) {
    const field = sub.thongTin.fields[t.label];
    const value = t.label === "Kỳ báo cáo" ? sub.period?.id : DATE_LABELS.has(t.label) ? field?.date : field?.text;
    expect({ sheet: sub.thongTin.sheet, cell: field?.cell, value }, `${rel}: ThongTin ${t.label}`).toEqual({ sheet: t.sheet, cell: t.cell, value: t.value });
  }
}

/**
 * The received date (PERIODS.md §7: Vietnam date of dcterms:modified) as the run records it, and
 * its consequence in the findings: V-PERIOD-05 against the hand-computed deadline, or V-PERIOD-06
 * when the date is unknown.
 */
async function checkReceived(rel: string, periodId: string, exp: ExpectedReceived, mine: readonly JsonFinding[] | null): Promise<void> {
  const deadline = DEADLINE[periodId];
  if (!deadline) throw new Error(`no hand-computed deadline for ${periodId}`);
  expect(exp.date !== null && exp.date > deadline, `${rel}: the expectation's own lateness`).toBe(exp.late);
  const run = await runValidation([{ file: path.basename(rel), bytes: new Uint8Array(readFileSync(path.join(ROOT, rel))) }], {
    roster: DEFAULT_ROSTER,
    period: parsePeriod(periodId),
    options: {},
  });
  const received = run.inputs[0]?.received;
  expect({ date: received?.date, source: received?.source }, `${rel}: received`).toEqual({
    date: exp.date,
    source: exp.source === "dcterms:modified" ? "properties" : exp.source === null ? "unknown" : exp.source,
  });
  if (!mine) return;
  const rules = (id: string): JsonFinding[] => mine.filter((f) => f.rule === id);
  if (exp.late) expect(rules("V-PERIOD-05").map((f) => [f.value, f.expected]), `${rel}: V-PERIOD-05`).toEqual([[exp.date, deadline]]);
  else expect(rules("V-PERIOD-05"), `${rel}: on time`).toEqual([]);
  expect(rules("V-PERIOD-06").length, `${rel}: V-PERIOD-06 when the date is unknown`).toBe(exp.date === null ? 1 : 0);
}

/** CLI `units` (CLI.md): a file of an expected unit makes it received; `expectedUnit: false` leaves it out. */
function checkUnits(units: RunJson["units"], exp: Expected, rel: string): void {
  const unit = exp.unit ?? null;
  if (exp.expectedUnit === false) {
    expect(units.expected, `${rel}: units.expected`).toBe(ROSTER_UNITS - 1);
    expect(units.received, `${rel}: units.received`).toBe(0);
    expect(units.missing, `${rel}: not missing either`).not.toContain(unit);
    expect(units.missing).toHaveLength(ROSTER_UNITS - 1);
    return;
  }
  expect(units.expected, `${rel}: units.expected`).toBe(ROSTER_UNITS);
  const counts = unit !== null && (exp.status === "accepted" || exp.status === "rejected");
  expect(units.received, `${rel}: units.received`).toBe(counts ? 1 : 0);
  expect(units.accepted, `${rel}: units.accepted`).toBe(counts && exp.status === "accepted" ? 1 : 0);
  expect(units.missing.includes(unit ?? ""), `${rel}: ${unit ?? "-"} missing`).toBe(!counts && unit !== null);
  expect(units.missing, `${rel}: units.missing`).toHaveLength(ROSTER_UNITS - (counts ? 1 : 0));
}

function argvOf(rel: string, a: NonNullable<Expected["args"]>, json: string): string[] {
  const argv = ["validate", path.join(ROOT, rel), "--period", a.period ?? "2023-H1", "--json", json];
  if (a.units) argv.push("--units", path.join(ROOT, a.units));
  if (a.config) argv.push("--config", path.join(ROOT, a.config));
  if (a.history) argv.push("--history", ...a.history.map((h) => path.join(ROOT, h)));
  if (a.maxFileSizeMB !== undefined) argv.push("--max-file-size", String(a.maxFileSizeMB));
  return argv;
}

describe("more fixtures, one per rule, through the CLI", () => {
  for (const [rel, exp] of Object.entries(expectations.files)) {
    it(rel, async () => {
      const dir = await tempDir();
      const json = path.join(dir, "r.json");
      const a = exp.args ?? {};
      const result = await runCli(argvOf(rel, a, json));
      expect(result.code, result.stderr).toBeLessThan(2);
      const r = JSON.parse(await readFile(json, "utf8")) as RunJson;
      const file = path.basename(rel);
      const input = r.inputs.find((i) => i.file === file);
      expect(input?.status).toBe(exp.status);
      expect(input?.sha256).toBe(createHash("sha256").update(readFileSync(path.join(ROOT, rel))).digest("hex"));
      if (exp.unit !== undefined) expect(input?.unit).toBe(exp.unit);
      checkUnits(r.units, exp, rel);
      const mine = r.findings.filter((f) => f.file === file);
      const show = mine.map((f) => `${f.rule}@${f.sheet ?? "-"}!${f.cell ?? "-"}`).join(", ");
      for (const want of exp.findings ?? []) {
        const hit = findExpected(mine, want);
        expect(hit, `${JSON.stringify(want)} among ${show}`).toBeDefined();
      }
      if (exp.complete) expect(mine).toHaveLength((exp.findings ?? []).length);
      for (const rule of exp.mustNotHave ?? []) expect(mine.filter((f) => f.rule === rule)).toEqual([]);
      if (exp.received) await checkReceived(rel, a.period ?? "2023-H1", exp.received, mine);
      if ((exp.values ?? []).length > 0 || (exp.thongtin ?? []).length > 0) {
        const sub = await read(rel);
        checkValues(sub, exp.values ?? [], rel);
        checkThongTin(sub, rel, exp.thongtin ?? []);
      }
      if (a.history) checkHistoryList(r, a.history);
    });
  }
});

/** CLI.md `history`: every file met under the history PATHs, once, with its unit, period and `used`. */
function checkHistoryList(r: RunJson, historyArgs: readonly string[]): void {
  const wanted = Object.entries(expectations.history).filter(([rel]) => historyArgs.some((h) => rel.startsWith(`${h}/`) || rel === h));
  expect(wanted.length).toBeGreaterThan(0);
  const listed = [...(r.history ?? [])].sort((a, b) => (a.file < b.file ? -1 : 1));
  expect(listed).toEqual(
    wanted
      .map(([rel, h]) => ({ file: path.basename(rel), sha256: createHash("sha256").update(readFileSync(path.join(ROOT, rel))).digest("hex"), unit: h.unit, period: h.period, status: "used" }))
      .sort((a, b) => (a.file < b.file ? -1 : 1)),
  );
}

describe("history files of more/history, read back (PERIODS.md §6 inputs)", () => {
  for (const [rel, h] of Object.entries(expectations.history)) {
    it(rel, async () => {
      const sub = await read(rel);
      expect({ unit: sub.unit, period: sub.period?.id }).toEqual({ unit: h.unit, period: h.period });
      expect(h.values.length).toBeGreaterThan(0);
      checkValues(sub, h.values, rel);
      const received = await runValidation([{ file: path.basename(rel), bytes: new Uint8Array(readFileSync(path.join(ROOT, rel))) }], {
        roster: DEFAULT_ROSTER,
        period: parsePeriod(h.period),
        options: {},
      });
      expect(received.inputs[0]?.received.date).toBe(h.received.date);
    });
  }
});

describe("an earlier report as history input (NguonSoLieu, PERIODS.md §6)", () => {
  it("gives the same plan and continuity findings as the earlier submission itself", async () => {
    const dir = await tempDir();
    const q1Report = path.join(dir, "BaoCaoTongHop_2023-Q1.xlsx");
    const made = await runCli(["aggregate", path.join(ROOT, "more", "history", "BM_VU-ASEAN_2023-Q1.xlsx"), "--period", "2023-Q1", "--out", q1Report]);
    expect(made.code, made.stderr).toBeLessThan(2);
    const viaReport = path.join(dir, "a.json");
    const viaFile = path.join(dir, "b.json");
    const current = path.join(ROOT, "more", "cases", "history-current.xlsx");
    await runCli(["validate", current, "--period", "2023-H1", "--json", viaReport, "--history", q1Report]);
    await runCli(["validate", current, "--period", "2023-H1", "--json", viaFile, "--history", path.join(ROOT, "more", "history", "BM_VU-ASEAN_2023-Q1.xlsx")]);
    const rules = async (p: string): Promise<string[]> =>
      ((JSON.parse(await readFile(p, "utf8")) as { findings: JsonFinding[] }).findings)
        .filter((f) => /^V-(CONT|PLAN)-0[13]$/u.test(f.rule))
        .map((f) => `${f.rule}@${f.sheet ?? ""}!${f.cell ?? ""}=${String(f.value)}/${String(f.expected)}`)
        .sort();
    const fromReport = await rules(viaReport);
    expect(fromReport.some((r) => r.startsWith("V-PLAN-01@KH_TH!C11=5/4"))).toBe(true);
    expect(fromReport.some((r) => r.startsWith("V-CONT-01@"))).toBe(true);
    expect(fromReport).toEqual(await rules(viaFile));
  });
});
