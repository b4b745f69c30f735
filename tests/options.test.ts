/**
 * The options of WORKBOOKS.md §3 (`--config`): each option's accepted and rejected forms, the keys
 * that must never reach an object's prototype, and the options whose effect a user sees in a run
 * (ruleSeverity "off", includeMissingUnits, outlier). Expected outcomes come from the spec and the
 * fixtures' expectations (tests/fixtures/submissions/expectations.json), not from the code.
 */
import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../src/core/findings";
import { parseOptions } from "../src/core/options";
import { parsePeriod } from "../src/core/periods";
import { readSubmission } from "../src/core/read/reader";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { checkHistory, historyKey, type HistoryEntry } from "../src/core/validate/history";
import { runValidation } from "../src/core/validate/run";
import { runCli, tempDir } from "./helpers/cli";
import { loadWorkbook, textOf } from "./helpers/workbook";

const CASES = path.join(__dirname, "fixtures", "submissions", "cases");
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(CASES, name)));

/** The key named by the error parseOptions throws, or "accepted". */
function verdict(value: unknown): string {
  try {
    parseOptions(value);
    return "accepted";
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    return /^Option "([^"]*)"/u.exec(err.localised.en)?.[1] ?? err.localised.en;
  }
}

describe("parseOptions: every option of WORKBOOKS.md §3", () => {
  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    // [what, config, "accepted" or the key the error names]
    ["empty object", {}, "accepted"],
    ["deadlineOffsetDays 0", { deadlineOffsetDays: 0 }, "accepted"],
    ["deadlineOffsetDays 2.5", { deadlineOffsetDays: 2.5 }, "deadlineOffsetDays"],
    ["deadlineOffsetDays -1", { deadlineOffsetDays: -1 }, "deadlineOffsetDays"],
    ["deadlineOffsetDays text", { deadlineOffsetDays: "2" }, "deadlineOffsetDays"],
    ["deadlines", { deadlines: { "2023-9M": "2023-09-18", "2023-h1": "2023-06-20" } }, "accepted"],
    ["deadlines bad date", { deadlines: { "2023-9M": "18/09/2023" } }, "deadlines.2023-9M"],
    ["deadlines bad period", { deadlines: { "2023-H2": "2023-12-20" } }, "deadlines.2023-H2"],
    ["deadlines list", { deadlines: ["2023-09-18"] }, "deadlines"],
    ["requiredForms", { requiredForms: { DSQ: ["KH-TH", "01_tcd", "PCTN-NB"] } }, "accepted"],
    ["requiredForms unknown type", { requiredForms: { EMBASSY: ["KH-TH"] } }, "requiredForms.EMBASSY"],
    ["requiredForms unknown form", { requiredForms: { DSQ: ["09/XYZ"] } }, "requiredForms.DSQ"],
    ["requiredForms not a list", { requiredForms: { DSQ: "KH-TH" } }, "requiredForms"],
    ["requiredFormsByUnit", { requiredFormsByUnit: { "VU-CAU-AU": ["01/TTr"] } }, "accepted"],
    ["requiredFormsByUnit unknown form", { requiredFormsByUnit: { "VU-CAU-AU": ["01/ABC"] } }, "requiredFormsByUnit.VU-CAU-AU"],
    ["rateRows", { rateRows: { A: ["A1"], B: ["B1", "B2"] } }, "accepted"],
    ["rateRows other group", { rateRows: { C: ["A1"] } }, "rateRows.C"],
    ["rateRows row of the other group", { rateRows: { A: ["B1"] } }, "rateRows.A"],
    ["rateRows not a list", { rateRows: { A: "A1" } }, "rateRows.A"],
    ["ruleSeverity", { ruleSeverity: { "V-REL-*": "off", "V-X-01": "error", "V-ID-01/TCD-1": "warning", "V-OUTLIER-01": "info" } }, "accepted"],
    ["ruleSeverity unknown rule", { ruleSeverity: { "V-NOPE-01": "off" } }, "ruleSeverity.V-NOPE-01"],
    ["ruleSeverity prefix selecting nothing", { ruleSeverity: { "X-*": "off" } }, "ruleSeverity.X-*"],
    ["ruleSeverity bad level", { ruleSeverity: { "V-X-01": "fatal" } }, "ruleSeverity.V-X-01"],
    ["acceptWithErrors", { acceptWithErrors: true }, "accepted"],
    ["acceptWithErrors text", { acceptWithErrors: "yes" }, "acceptWithErrors"],
    ["outlier", { outlier: { minHistory: 4, z: 2.5, minAbs: 0 } }, "accepted"],
    ["outlier unknown key", { outlier: { sigma: 3 } }, "outlier.sigma"],
    ["outlier negative z", { outlier: { z: -1 } }, "outlier.z"],
    ["outlier minHistory 0", { outlier: { minHistory: 0 } }, "outlier.minHistory"],
    ["outlier minHistory 2.5", { outlier: { minHistory: 2.5 } }, "outlier.minHistory"],
    ["maxFileSizeMB", { maxFileSizeMB: 0.5 }, "accepted"],
    ["maxFileSizeMB 0", { maxFileSizeMB: 0 }, "maxFileSizeMB"],
    ["reading limits", { maxExpandedMB: 50, maxPartMB: 20.5, maxCells: 1000, maxFileCells: 2000, maxMerges: 10, maxSharedStrings: 100, maxTextLength: 1_000_000, maxReadMs: 500 }, "accepted"],
    ["maxTextLength 0", { maxTextLength: 0 }, "maxTextLength"],
    ["maxCells 2.5", { maxCells: 2.5 }, "maxCells"],
    ["maxExpandedMB text", { maxExpandedMB: "50" }, "maxExpandedMB"],
    ["includeMissingUnits", { includeMissingUnits: false }, "accepted"],
    ["includeMissingUnits 0", { includeMissingUnits: 0 }, "includeMissingUnits"],
    ["texts", { agencyName: "BỘ X", reportingUnitName: "Y", place: "Huế", documentNumber: "12/BC", preparerName: "A", headName: "B", author: "C" }, "accepted"],
    ["agencyName number", { agencyName: 1 }, "agencyName"],
    ["signDate", { signDate: "2023-06-20" }, "accepted"],
    ["signDate bad", { signDate: "2023-02-30" }, "signDate"],
    ["creationTime", { creationTime: "2023-06-20T08:30:00Z" }, "accepted"],
    ["creationTime local time", { creationTime: "2023-06-20T08:30:00+07:00" }, "creationTime"],
    ["creationTime not a real day (Date.parse takes it as March 2nd)", { creationTime: "2023-02-30T00:00:00Z" }, "creationTime"],
    ["creationTime 24:00", { creationTime: "2023-02-28T24:00:00Z" }, "creationTime"],
    ["unknown option", { deadlineOffsetDay: 2 }, "deadlineOffsetDay"],
    ["regime is not an option", { regime: "TT01_2024" }, "regime"],
    ["period is a flag", { period: "2023-H1" }, "period"],
    ["history is a flag", { history: ["a.xlsx"] }, "history"],
  ];
  it.each(cases)("%s", (_what, config, expected) => {
    expect(verdict(config)).toBe(expected);
  });

  it("refuses prototype keys at any depth, naming the key", () => {
    expect(verdict(JSON.parse('{"__proto__": 1}'))).toBe("__proto__");
    expect(verdict({ constructor: "x" })).toBe("constructor");
    expect(verdict({ prototype: {} })).toBe("prototype");
    expect(verdict(JSON.parse('{"deadlines": {"__proto__": "2023-09-18"}}'))).toBe("deadlines.__proto__");
    expect(verdict({ ruleSeverity: { constructor: "off" } })).toBe("ruleSeverity.constructor");
    expect(verdict({ requiredFormsByUnit: { prototype: ["KH-TH"] } })).toBe("requiredFormsByUnit.prototype");
    expect(verdict(JSON.parse('{"outlier": {"__proto__": {"z": 1}}}'))).toBe("outlier.__proto__");
    expect(verdict(JSON.parse('{"rateRows": {"A": [{"constructor": 1}]}}'))).toBe("rateRows.A[0].constructor");
  });

  it("rejects what is not an object", () => {
    for (const v of [null, [], "x", 3]) expect(() => parseOptions(v)).toThrow(UserError);
  });
});

describe("--config through the CLI", () => {
  const ok = path.join(CASES, "ok-filled.xlsx");
  const withConfig = async (text: string, lang: "vi" | "en" = "en"): Promise<{ code: number; stdout: string; stderr: string }> => {
    const dir = await tempDir();
    const config = path.join(dir, "config.json");
    await writeFile(config, text);
    return runCli(["validate", ok, "--period", "2023-H1", "--config", config, "--lang", lang]);
  };

  for (const [text, key] of [
    ['{"__proto__": 1}', "__proto__"],
    ['{"constructor": "x"}', "constructor"],
    ['{"prototype": {}}', "prototype"],
    ['{"outlier": {"constructor": {"z": 1}}}', "outlier.constructor"],
  ] as const) {
    it(`${text}: exit 2, one line naming ${key}, no stack trace`, async () => {
      const r = await withConfig(text);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`"${key}"`);
      expect(r.stderr).not.toMatch(/\bat .*\(|TypeError|\.ts:\d+/u);
      expect(r.stdout).toBe("");
    });
  }

  it("names an unknown key in Vietnamese by default", async () => {
    const r = await withConfig('{"includeMissingUnit": false}', "vi");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('Tùy chọn "includeMissingUnit" không hợp lệ: không có tùy chọn này.');
  });
});

describe("options a run obeys", () => {
  const period = parsePeriod("2023-H1");
  // relation-warnings.xlsx: expectations.json lists three V-REL warnings, V-X-01 and V-PLAN-02.
  const relationRules = async (options: Record<string, unknown>): Promise<{ rules: string[]; status: string | undefined }> => {
    const run = await runValidation([{ file: "relation-warnings.xlsx", bytes: bytesOf("relation-warnings.xlsx") }], {
      roster: DEFAULT_ROSTER,
      period,
      options: parseOptions(options),
    });
    return { rules: run.findings.filter((f) => f.severity !== "info").map((f) => `${f.rule}:${f.severity}`).sort(), status: run.inputs[0]?.status };
  };

  it('ruleSeverity "off" makes the rule\'s findings disappear; a level changes the severity', async () => {
    const plain = await relationRules({});
    expect(plain.rules).toEqual(["V-PLAN-02:warning", "V-REL-01/TTr-1:warning", "V-REL-KH-TH-3:warning", "V-REL-PCTN-NB-2:warning", "V-X-01:warning"]);
    const off = await relationRules({ ruleSeverity: { "V-REL-*": "off", "V-PLAN-02": "off" } });
    expect(off.rules).toEqual(["V-X-01:warning"]);
    const raised = await relationRules({ ruleSeverity: { "V-X-01": "error" } });
    expect(raised.rules).toContain("V-X-01:error");
    expect(raised.status).toBe("rejected"); // an error rejects the file (FORMS.md §6.1)
  });

  it("includeMissingUnits false drops the rows of units that did not submit", async () => {
    const rowsOf = async (config: string | null): Promise<string[]> => {
      const dir = await tempDir();
      const out = path.join(dir, "r.xlsx");
      const args = ["aggregate", path.join(CASES, "ok-filled.xlsx"), "--period", "2023-H1", "--out", out];
      if (config !== null) {
        await writeFile(path.join(dir, "c.json"), config);
        args.push("--config", path.join(dir, "c.json"));
      }
      expect((await runCli(args)).code).toBe(0);
      const ws = (await loadWorkbook(new Uint8Array(await readFile(out)))).getWorksheet("01_TCD");
      const labels: string[] = [];
      ws?.eachRow((row) => labels.push(textOf(row.getCell(1).value)));
      return labels.filter((t) => /^\d+\. /u.test(t) && !t.includes("Ghi chú"));
    };
    const all = await rowsOf(null);
    // The default roster expects 47 units in 2023-H1; one of them (VU-CAU-AU) submitted.
    expect(all).toHaveLength(47);
    expect(all.filter((t) => t.endsWith("(chưa nộp)"))).toHaveLength(46);
    const only = await rowsOf('{"includeMissingUnits": false}');
    expect(only).toHaveLength(1);
    expect(only[0]).not.toContain("(chưa nộp)");
  });

  it("outlier thresholds: minHistory, z and minAbs change when V-OUTLIER-01 fires", async () => {
    const outcome = await readSubmission(bytesOf("ok-filled.xlsx"), "ok-filled.xlsx");
    if (outcome.kind !== "submission") throw new Error("ok-filled.xlsx should read");
    // 01/TCD (1) is 6 (expectations.json). History: 21 in the three earlier first halves, so the mean is
    // 21, the deviation 0 (max(s, 1) = 1) and |6 − 21| = 15: over 3·1 and over 10 (FORMS.md §6.2).
    const history: HistoryEntry[] = ["2022-H1", "2021-H1", "2020-H1"].map((p) => ({
      period: p,
      unit: "VU-CAU-AU",
      file: `${p}.xlsx`,
      values: new Map([[historyKey("01/TCD", null, 1), 21]]),
    }));
    const fires = (outlier: Record<string, unknown>): boolean =>
      checkHistory(outcome.submission, period, history, parseOptions({ outlier }).outlier).some(
        (f) => f.rule === "V-OUTLIER-01" && f.sheet === "01_TCD" && f.cell === "B12",
      );
    expect(fires({})).toBe(true);
    expect(fires({ minAbs: 16 })).toBe(false);
    expect(fires({ minAbs: 15 })).toBe(true);
    expect(fires({ z: 15 })).toBe(false);
    expect(fires({ z: 14 })).toBe(true);
    expect(fires({ minHistory: 4 })).toBe(false);
  });
});
