/**
 * Regression (review of 2026-12-07, FORMS.md §6.1: "a field that does not apply is `null`"): with no
 * ThongTin sheet, or "Kỳ báo cáo" / "Phiên bản biểu mẫu" left blank, V-PERIOD-01 and V-VER-01 gave
 * `"value": ""` in the JSON while V-UNIT-01 in the same file gave `null`. Nothing was read: `null` now;
 * the messages still quote the empty text (`""`), as their templates do. Files: the frozen sample,
 * changed by openpyxl (an independent writer).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const dir = mkdtempSync(path.join(os.tmpdir(), "tonghop-tt-null-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The sample after `edit` (Python, `wb` open), as bytes. */
function edited(name: string, edit: string): Uint8Array {
  const out = path.join(dir, name);
  const script = `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\n${edit}\nwb.save(sys.argv[2])\n`;
  execFileSync("/usr/bin/python3", ["-c", script, SAMPLE, out], { stdio: "pipe" });
  return new Uint8Array(readFileSync(out));
}

async function findings(bytes: Uint8Array): Promise<{ rule: string; value: unknown; vi: string; cell: string | null }[]> {
  const result = await runPipeline({ inputs: [{ id: FILE, file: FILE, bytes }], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, aggregate: false });
  return result.run.findings
    .filter((f) => ["V-UNIT-01", "V-PERIOD-01", "V-VER-01"].includes(f.rule))
    .map((f) => ({ rule: f.rule, value: f.value, vi: f.message.vi, cell: f.cell }));
}

describe("ThongTin values not typed are null in the JSON", () => {
  it("no ThongTin sheet: V-PERIOD-01 and V-VER-01 have value null (the unit is taken from the file's name)", async () => {
    const got = await findings(edited("no-thongtin.xlsx", "del wb['ThongTin']"));
    expect(got.map((f) => [f.rule, f.value, f.cell])).toEqual([
      ["V-PERIOD-01", null, null],
      ["V-VER-01", null, null],
    ]);
    // `{at}` with no sheet and no cell names the sheet the fields belong to: "(ThongTin: \"\")", not "(: \"\")".
    expect(got.find((f) => f.rule === "V-PERIOD-01")?.vi).toBe('Không xác định được kỳ báo cáo (ThongTin: "").');
  });

  it("the labels there, their values blank: null, at the label's cell", async () => {
    const got = await findings(edited("blank-values.xlsx", "ws = wb['ThongTin']\nws['B5'] = None\nws['C5'] = None\nws['B11'] = None"));
    expect(got.map((f) => [f.rule, f.value, f.cell])).toEqual([
      ["V-PERIOD-01", null, "A5"],
      ["V-VER-01", null, "A11"],
    ]);
  });

  it("a period typed but not readable keeps its text as the value", async () => {
    const got = await findings(edited("unreadable-period.xlsx", "wb['ThongTin']['B5'] = 'kỳ nào đó'"));
    expect(got.map((f) => [f.rule, f.value])).toEqual([["V-PERIOD-01", "kỳ nào đó"]]);
  });
});
