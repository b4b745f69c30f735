/**
 * An outside review of plan completion (2026-12-08, tenth session): the cover wrote "Hoàn thành 1244/2018
 * cuộc" where the console wrote "61,6% (1.244/2.018 cuộc)" for the same rate: the report is Vietnamese, and
 * FORMS.md §6.1 writes a number in a Vietnamese text as 1.234,5. The cover's "tử số/mẫu số" texts (R-KH-A,
 * R-KH-B and the other rates of §2.3) now group their digits as the console and the pane do.
 * Two units whose KH-TH rows hand-sum to 1,244 of 2,018 planned rounds (A1: 1,000 of 1,500 + 244 of 518);
 * the report read back by openpyxl, an independent reader.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod, periodWindow } from "../../src/core/periods";
import { parseRosterCsv, unitsActiveIn } from "../../src/core/roster";
import { buildReport } from "../../src/core/report/report";
import { buildTemplate } from "../../src/core/template/template";
import { runValidation } from "../../src/core/validate/run";
import { fillTemplate } from "../helpers/fill";
import { openpyxlJson } from "../helpers/openpyxl-values";

const PERIOD = parsePeriod("2023-H1");
const ROSTER_CSV = ["ma_dv,ten_dv,loai_dv,khoi,hieu_luc_tu,hieu_luc_den", "VU-CAU-AU,Vụ Châu Âu,VU,TRONG_NUOC,,", "VAN-PHONG-BO,Văn phòng Bộ,VAN_PHONG,TRONG_NUOC,,"].join("\n");
// KH-TH A1: (1) planned = (2) completed + (3) in progress + (4) not started (FORMS.md §3.3); the rest blank.
const PLANS: Record<string, { planned: number; done: number }> = { "VU-CAU-AU": { planned: 1500, done: 1000 }, "VAN-PHONG-BO": { planned: 518, done: 244 } };

const COVER_TEXTS = [
  "import json, sys, openpyxl",
  "ws = openpyxl.load_workbook(sys.argv[1])['BiaBaoCao']",
  "print(json.dumps([str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str) and 'Hoàn thành' in c.value]))",
].join("\n");

let dir = "";
let texts: string[] = [];

beforeAll(async () => {
  const parsed = parseRosterCsv(new TextEncoder().encode(ROSTER_CSV), "roster.csv");
  if (!parsed.roster) throw new Error(JSON.stringify(parsed.errors));
  const roster = parsed.roster;
  const files = [];
  for (const unit of unitsActiveIn(roster, periodWindow(PERIOD))) {
    const plan = PLANS[unit.code];
    if (!plan) throw new Error(unit.code);
    const bytes = await fillTemplate(await buildTemplate({ unit, period: PERIOD }), { khth: { A1: { 1: plan.planned, 2: plan.done, 3: 0, 4: plan.planned - plan.done } } });
    files.push({ file: `BM_${unit.code}_2023-H1.xlsx`, bytes });
  }
  const run = await runValidation(files, { roster, period: PERIOD, options: {} });
  const errors = run.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new Error(JSON.stringify(errors.map((f) => [f.rule, f.cell, f.message])));
  const report = await buildReport({ run, options: { creationTime: "2023-06-20T00:00:00Z" } });
  dir = await mkdtemp(path.join(tmpdir(), "tonghop-cover-groups-"));
  const xlsx = path.join(dir, "report.xlsx");
  await writeFile(xlsx, report.bytes);
  texts = await openpyxlJson<string[]>(COVER_TEXTS, [xlsx]);
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the cover's counts of a rate", () => {
  it("are written in Vietnamese digit groups, as the console writes them", () => {
    // 1,000 + 244 completed of 1,500 + 518 planned (hand sums); the Party programme (B) has none: 0/0.
    expect(texts).toEqual(["Hoàn thành 1.244/2.018 cuộc", "Hoàn thành 0/0 cuộc"]);
  });
});
