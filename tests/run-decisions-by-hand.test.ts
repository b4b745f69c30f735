/**
 * What a mutation-testing campaign (2026-12-08, tenth session: 43 small changes to the core, 11 that no test
 * caught) showed unpinned: behaviour the spec states, each test failing on the change it was written for.
 * Submissions are made by hand (no reader): `runValidation` gets them through its `read` hook, so
 * every run-level decision (effective file, lateness, acceptance, completeness) and the
 * consolidation run as in production. Every expected figure is worked out by hand below.
 */
import { describe, expect, it } from "vitest";
import { PERIOD_9M, rosterOf, runOf, type FileSpec } from "./helpers/hand-run";
import { consolidate } from "../src/core/aggregate/aggregate";
import { makePeriod } from "../src/core/periods";
import { WIDE_ROW } from "../src/core/read/submission";
import { runValidation } from "../src/core/validate/run";
import { unitFromFileName } from "../src/core/read/reader";
import { runExitCode } from "../src/core/result";
import { buildTemplate } from "../src/core/template/template";
import { loadWorkbook } from "./helpers/workbook";

const PERIOD = PERIOD_9M;

// -------------------------------------------------------------------------------------------------

describe("cover rates R-KN, R-TC, R-XLD, R-KKTS: the numerator and denominator FORMS.md §7.4 names", () => {
  it("R-KN = Σ 01/KQGQ (c5 + c6) ÷ Σ c4; R-TC = Σ 03/KQGQ c6 ÷ Σ c4; R-XLD = c4 ÷ c1; R-KKTS = P08 ÷ P07", async () => {
    // One accepted unit. 01/KQGQ: c4 = 10 cases, c5 = 3 settled by decision, c6 = 2 withdrawn (c5 = c20 holds).
    // 03/KQGQ: c4 = 8, c5 = 1, c6 = 2 settled (= c7 = c24 = c30). 01/XLD: c1 = 10 = c3 = c4 + c5 (6 + 4).
    // PCTN: P07 = 20 must declare, P08 = 15 declared.
    const run = await runOf(
      [{ code: "VU-A" }],
      [
        {
          file: "BM_VU-A_2023-9M.xlsx",
          unit: "VU-A",
          modified: "2023-09-15T02:00:00Z",
          forms: {
            "01/KQGQ": { [WIDE_ROW]: { 4: 10, 5: 3, 6: 2, 20: 3, 25: 5 } },
            "03/KQGQ": { [WIDE_ROW]: { 4: 8, 5: 1, 6: 2, 7: 2, 24: 2, 30: 2 } },
            "01/XLD": { [WIDE_ROW]: { 1: 10, 3: 10, 4: 6, 5: 4 } },
            "PCTN-NB": { P07: { 1: 20 }, P08: { 1: 15 } },
          },
        },
      ],
    );
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    const c = consolidate(run);
    // (3 + 2) / 10 = 50 %: a withdrawal after explanation is a settled complaint (FORMS.md §7.4 R-KN: c5 + c6).
    expect([c.rates.kn.numerator, c.rates.kn.denominator, c.rates.kn.rate]).toEqual([5, 10, 0.5]);
    // 2 / 8 = 25 % (R-TC: 03/KQGQ c6 over c4, not c5 "repeat denunciations").
    expect([c.rates.tc.numerator, c.rates.tc.denominator, c.rates.tc.rate]).toEqual([2, 8, 0.25]);
    // 6 / 10 = 60 % (R-XLD: c4 handled over c1 to handle).
    expect([c.rates.xld.numerator, c.rates.xld.denominator, c.rates.xld.rate]).toEqual([6, 10, 0.6]);
    // 15 / 20 = 75 % (R-KKTS: P08 over P07).
    expect([c.rates.kkts.numerator, c.rates.kkts.denominator, c.rates.kkts.rate]).toEqual([15, 20, 0.75]);
  });
});

describe("rates are never capped (FORMS.md §7.4)", () => {
  it("an over-plan row or rate exceeds 100 %", async () => {
    // Over-plan completion passes validation only on the on-signs rows B2/B3, where c1 = c2 + c3 + c4 is a
    // warning (FORMS.md §3.3). B1: planned 2, completed 2. B2: planned 1, completed 2 (warning only).
    // R-KH-row B2 = 2/1 = 200 %. With option rateRows.B = [B1, B2]: R-KH-B = (2 + 2) / (2 + 1) = 4/3.
    const run = await runOf(
      [{ code: "VU-A" }],
      [{ file: "BM_VU-A_2023-9M.xlsx", unit: "VU-A", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { B1: { 1: 2, 2: 2 }, B2: { 1: 1, 2: 2 } } } }],
    );
    expect(run.findings.filter((f) => f.severity === "error")).toEqual([]);
    const c = consolidate(run, { rateRows: { B: ["B1", "B2"] } });
    expect(c.rates.party.byScope.TOTAL.rate).toBeCloseTo(4 / 3, 12);
    expect(c.rates.party.byUnit.get("VU-A")?.rate).toBeCloseTo(4 / 3, 12);
    expect(c.rates.byRow.get("B2")?.rate).toBe(2);
    expect(c.rates.byRow.get("B1")?.rate).toBe(1);
  });
});

describe("timeliness (PERIODS.md §7): late = received date (Vietnam) after the deadline; days late", () => {
  // 2023-9M: deadline = 14/09/2023 + 2 = 16/09/2023.
  const units = [{ code: "U-ONTIME" }, { code: "U-LATE" }, { code: "U-REJ" }];
  const files: FileSpec[] = [
    // 10:00 UTC on 16/09 = 17:00 in Vietnam, the deadline day: on time, no V-PERIOD-05.
    { file: "BM_U-ONTIME_2023-9M.xlsx", unit: "U-ONTIME", modified: "2023-09-16T10:00:00Z" },
    // 18:00 UTC on 16/09 = 01:00 on 17/09 in Vietnam: one day late.
    { file: "BM_U-LATE_2023-9M.xlsx", unit: "U-LATE", modified: "2023-09-16T18:00:00Z" },
    // Rejected (A1: 5 ≠ 1 + 0 + 0, V-ID-KH-TH-1 error) and received 20/09: 4 days late.
    { file: "BM_U-REJ_2023-9M.xlsx", unit: "U-REJ", modified: "2023-09-20T02:00:00Z", forms: { "KH-TH": { A1: { 1: 5, 2: 1 } } } },
  ];

  it("deadline day is on time; the day after is late by 1; V-PERIOD-05 only on the late files", async () => {
    const run = await runOf(units, files);
    expect(run.deadline).toBe("2023-09-16");
    const byCode = new Map(run.units.map((u) => [u.unit.code, u]));
    expect([byCode.get("U-ONTIME")?.status, byCode.get("U-ONTIME")?.daysLate]).toEqual(["on-time", 0]);
    expect([byCode.get("U-LATE")?.status, byCode.get("U-LATE")?.daysLate]).toEqual(["late", 1]);
    const late = run.findings.filter((f) => f.rule === "V-PERIOD-05").map((f) => [f.unit, f.value, f.expected]);
    expect(late).toEqual([
      ["U-LATE", "2023-09-17", "2023-09-16"],
      ["U-REJ", "2023-09-20", "2023-09-16"],
    ]);
  });

  it("a rejected unit counts only as rejected, late or not, but its days late are still shown (WORKBOOKS.md §2.3, §2.7)", async () => {
    const run = await runOf(units, files);
    const rej = run.units.find((u) => u.unit.code === "U-REJ");
    expect(rej?.status).toBe("rejected");
    expect(rej?.daysLate).toBe(4);
    expect(run.summary).toEqual({ expected: 3, received: 3, accepted: 2, rejected: 1, late: 1, missing: [] });
  });
});

describe("the latest received file is the effective submission (WORKBOOKS.md §1.7)", () => {
  it("unknown received date sorts before every dated file; among equal dates a file without a timestamp sorts first", async () => {
    const run = await runOf(
      [{ code: "U-A" }, { code: "U-B" }],
      [
        // U-A: a file with no received date at all (no modified, no Ngày lập) and a dated one: the dated one wins,
        // although its path sorts first.
        { file: "a/BM_U-A_2023-9M.xlsx", unit: "U-A", modified: "2023-09-12T03:00:00Z" },
        { file: "z/BM_U-A_2023-9M.xlsx", unit: "U-A", modified: null, ngayLap: null },
        // U-B: both received 12/09/2023 (Vietnam date); one has a UTC timestamp (file property), the other only its
        // Ngày lập (no timestamp): "files without one first", so the one with the timestamp is effective.
        { file: "a/BM_U-B_2023-9M.xlsx", unit: "U-B", modified: "2023-09-12T03:00:00Z", ngayLap: "2023-09-01" },
        { file: "z/BM_U-B_2023-9M.xlsx", unit: "U-B", modified: null, ngayLap: "2023-09-12" },
      ],
    );
    const eff = new Map(run.units.map((u) => [u.unit.code, u.effective?.file]));
    expect(eff.get("U-A")).toBe("a/BM_U-A_2023-9M.xlsx");
    expect(eff.get("U-B")).toBe("a/BM_U-B_2023-9M.xlsx");
    // PERIODS.md §7: a file with no received date counts as on time "with an info finding", superseded or not.
    expect(run.findings.filter((f) => f.rule === "V-PERIOD-06").map((f) => [f.file, f.severity])).toEqual([["z/BM_U-A_2023-9M.xlsx", "info"]]);
    expect(run.findings.filter((f) => f.rule === "V-DUP-01").map((f) => [f.file, f.expected])).toEqual([
      ["z/BM_U-A_2023-9M.xlsx", "a/BM_U-A_2023-9M.xlsx"],
      ["z/BM_U-B_2023-9M.xlsx", "a/BM_U-B_2023-9M.xlsx"],
    ]);
  });
});

describe("a unit active only earlier in the window (UNITS.md §4)", () => {
  it("is validated and aggregated, but neither expected nor missing", async () => {
    // U-CLOSED closed on 28/02/2023, inside 2023-9M (15/12/2022 – 14/09/2023); U-OPEN is active throughout.
    const run = await runOf(
      [{ code: "U-OPEN" }, { code: "U-CLOSED", validTo: "2023-02-28" }, { code: "U-CLOSED-QUIET", validTo: "2023-02-28" }],
      [
        { file: "BM_U-OPEN_2023-9M.xlsx", unit: "U-OPEN", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { A1: { 1: 4, 2: 3, 3: 1 } } } },
        { file: "BM_U-CLOSED_2023-9M.xlsx", unit: "U-CLOSED", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { A1: { 1: 2, 2: 1, 4: 1 } } } },
      ],
    );
    expect(run.summary).toEqual({ expected: 1, received: 1, accepted: 1, rejected: 0, late: 0, missing: [] });
    const closed = run.units.find((u) => u.unit.code === "U-CLOSED");
    expect(closed?.expected).toBe(false);
    expect(closed?.status).toBeNull();
    const c = consolidate(run);
    expect(c.contributing.map((u) => u.unit.code)).toEqual(["U-OPEN", "U-CLOSED"]);
    // R-KH-A = (3 + 1) / (4 + 2) = 4/6.
    expect([c.rates.inspection.byScope.TOTAL.numerator, c.rates.inspection.byScope.TOTAL.denominator]).toEqual([4, 6]);
    expect(c.totals.get("KH-TH")?.TOTAL.get("A1")?.get(1)?.value).toBe(6);
  });
});

describe("unit code typed in ThongTin (docs/DECISIONS.md: trimmed and upper-cased before the roster look-up)", () => {
  it("' vu-a ' in a file named without the code is unit VU-A, accepted, with no V-UNIT finding", async () => {
    const roster = rosterOf([{ code: "VU-A" }]);
    const unit = { code: "VU-A", name: "Đơn vị VU-A", type: "VU" as const, khoi: "TRONG_NUOC" as const, order: 0 };
    const wb = await loadWorkbook(await buildTemplate({ unit, period: PERIOD }));
    const ws = wb.getWorksheet("ThongTin");
    if (!ws) throw new Error("no ThongTin");
    let row = 0;
    ws.eachRow((r, n) => {
      if (String(r.getCell(1).value ?? "").startsWith("Mã đơn vị")) row = n;
    });
    expect(row).toBeGreaterThan(0);
    ws.getCell(row, 2).value = " vu-a ";
    wb.modified = new Date("2023-09-15T02:00:00Z");
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // No BM_<code>_ file name: the code can only come from ThongTin.
    const run = await runValidation([{ file: "bao-cao.xlsx", bytes }], { roster, period: PERIOD, options: {} });
    expect(run.inputs.map((i) => [i.unit, i.status])).toEqual([["VU-A", "accepted"]]);
    expect(run.findings.filter((f) => f.rule.startsWith("V-UNIT"))).toEqual([]);
    expect(run.summary.missing).toEqual([]);
  });
});

describe("exit code (CLI.md): errors of superseded files do not change the code", () => {
  it("is 0 when only a superseded file has an error, 1 when the effective one has", async () => {
    const bad = { "KH-TH": { A1: { 1: 5, 2: 1 } } }; // 5 ≠ 1 + 0 + 0: V-ID-KH-TH-1, error
    const good = { "KH-TH": { A1: { 1: 5, 2: 5 } } };
    const older = { file: "a/BM_U-A_2023-9M.xlsx", unit: "U-A", modified: "2023-09-10T02:00:00Z" };
    const newer = { file: "b/BM_U-A_2023-9M.xlsx", unit: "U-A", modified: "2023-09-12T02:00:00Z" };
    const resent = await runOf([{ code: "U-A" }], [{ ...older, forms: bad }, { ...newer, forms: good }]);
    expect(resent.inputs.map((i) => [i.file, i.status, i.errors])).toEqual([
      ["a/BM_U-A_2023-9M.xlsx", "duplicate", 1],
      ["b/BM_U-A_2023-9M.xlsx", "accepted", 0],
    ]);
    expect(runExitCode(resent)).toBe(0);
    const wrong = await runOf([{ code: "U-A" }], [{ ...older, forms: good }, { ...newer, forms: bad }]);
    expect(runExitCode(wrong)).toBe(1);
  });
});

describe("V-X-02 runs on H1, 9M and Y only (FORMS.md §6.2)", () => {
  it("fires on a 9M file whose 01/TTr c6 is below KH-TH A1.c2", async () => {
    // KH-TH A1: 5 planned, 5 completed; 01/TTr c6 (conclusions issued) 2 < 5. 01/TTr identities hold with c1..c3 blank
    // except c4 (planned rounds conducted) ≤ A1.c1 (V-PLAN-02 holds).
    const run = await runOf(
      [{ code: "U-A" }],
      [{ file: "BM_U-A_2023-9M.xlsx", unit: "U-A", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { A1: { 1: 5, 2: 5 } }, "01/TTr": { [WIDE_ROW]: { 6: 2 } } } }],
    );
    const x02 = run.findings.filter((f) => f.rule === "V-X-02").map((f) => [f.severity, f.value, f.expected]);
    expect(x02).toEqual([["warning", 2, 5]]);
  });
});

describe("V-PLAN-03 on Q4 and Y (FORMS.md §6.2: period Q4 or Y and KH-TH c4 > 0)", () => {
  it("says planned rounds not started by year end in a Q4 file, and not in Q3", async () => {
    const q4 = makePeriod(2023, "Q", 4);
    const q3 = makePeriod(2023, "Q", 3);
    const khth = { "KH-TH": { A1: { 1: 5, 2: 3, 4: 2 } } }; // 5 = 3 + 0 + 2: two rounds not started
    const runQ4 = await runOf([{ code: "U-A" }], [{ file: "BM_U-A_2023-Q4.xlsx", unit: "U-A", period: q4, modified: "2023-12-15T02:00:00Z", forms: khth }], {}, q4);
    expect(runQ4.findings.filter((f) => f.rule === "V-PLAN-03").map((f) => [f.severity, f.row, f.column, f.value])).toEqual([["info", "A1", 4, 2]]);
    const runQ3 = await runOf([{ code: "U-A" }], [{ file: "BM_U-A_2023-Q3.xlsx", unit: "U-A", period: q3, modified: "2023-09-15T02:00:00Z", forms: khth }], {}, q3);
    expect(runQ3.findings.filter((f) => f.rule === "V-PLAN-03")).toEqual([]);
  });
});

describe("totals: the units that contributed (WORKBOOKS.md §2.9)", () => {
  it("a group row's contributors are the units that filled any member cell", async () => {
    // U-A fills A1 only (its A3 cells are read, blank), U-B fills A3 only: the group total A.c1 = 4 + 2 = 6 is
    // filled by both. The pane keeps every cell read, blank ones included (RunContext.keepValues "all").
    const run = await runOf(
      [{ code: "U-A" }, { code: "U-B" }],
      [
        { file: "BM_U-A_2023-9M.xlsx", unit: "U-A", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { A1: { 1: 4, 2: 4 }, A3: { 1: null, 2: null } } } },
        { file: "BM_U-B_2023-9M.xlsx", unit: "U-B", modified: "2023-09-15T02:00:00Z", forms: { "KH-TH": { A3: { 1: 2, 2: 2 } } } },
      ],
    );
    const a = consolidate(run).totals.get("KH-TH")?.TOTAL.get("A")?.get(1);
    expect([a?.value, a?.units]).toEqual([6, ["U-A", "U-B"]]);
  });
});

describe("unit code in the file name BM_<ma_dv>_… (FORMS.md V-UNIT-05; product choice: upper-cased as the ThongTin code is)", () => {
  it("reads BM_vu-a_2023-9M.xlsx as unit VU-A", async () => {
    expect(unitFromFileName("BM_vu-a_2023-9M.xlsx")).toBe("VU-A");
    expect(unitFromFileName("thu-muc/BM_CQDD-us-hou_2023-9M.xlsx")).toBe("CQDD-US-HOU");
  });
});
