/**
 * A review of the printed report (2026-12-07, fourth): a MONEY sum of 100,000,000.000 triệu đồng or more
 * printed as "###" in its 11-wide column (WORKBOOKS.md §2.2 fixes the widths; FORMS.md §1.2 `#,##0.000`),
 * though the product accepts money up to 9 × 10^12 (V-TYPE-07). The report's number cells now shrink to
 * their column. Checked by LibreOffice, an independent renderer: the 01_TTr page of the PDF shows the total
 * 1,999,999,999.998 (two units' 999,999,999.999, worked by hand) and no "###".
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod, periodWindow } from "../../src/core/periods";
import { parseRosterCsv, unitsActiveIn, type Roster } from "../../src/core/roster";
import { buildReport } from "../../src/core/report/report";
import { buildTemplate } from "../../src/core/template/template";
import { runValidation } from "../../src/core/validate/run";
import { fillTemplate } from "../helpers/fill";
import { convertWithLibreOffice } from "../helpers/libreoffice";

const PERIOD = parsePeriod("2023-H1");
const ROSTER_CSV = ["ma_dv,ten_dv,loai_dv,khoi,hieu_luc_tu,hieu_luc_den", "VU-CAU-AU,Vụ Châu Âu,VU,TRONG_NUOC,,", "VAN-PHONG-BO,Văn phòng Bộ,VAN_PHONG,TRONG_NUOC,,"].join("\n");

let dir = "";
let pdfText = "";

beforeAll(async () => {
  const parsed = parseRosterCsv(new TextEncoder().encode(ROSTER_CSV), "roster.csv");
  if (!parsed.roster) throw new Error(JSON.stringify(parsed.errors));
  const roster: Roster = parsed.roster;
  const files = [];
  for (const unit of unitsActiveIn(roster, periodWindow(PERIOD))) {
    // 01/TTr column 8 is MONEY (triệu đồng), = 10 + 12 (its code row); 1 = 2 + 3 = 4 + 5.
    const bytes = await fillTemplate(await buildTemplate({ unit, period: PERIOD }), { ttr: { 1: 1, 2: 1, 3: 0, 4: 1, 5: 0, 8: 999_999_999.999, 10: 999_999_999.999, 12: 0 } });
    files.push({ file: `BM_${unit.code}_2023-H1.xlsx`, bytes });
  }
  const run = await runValidation(files, { roster, period: PERIOD, options: {} });
  const errors = run.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) throw new Error(JSON.stringify(errors.map((f) => [f.rule, f.cell])));
  const report = await buildReport({ run, options: { creationTime: "2023-06-20T00:00:00Z" } });
  dir = await mkdtemp(path.join(tmpdir(), "tonghop-money-"));
  const xlsx = path.join(dir, "report.xlsx");
  await writeFile(xlsx, report.bytes);
  const { out } = await convertWithLibreOffice(xlsx, "pdf");
  pdfText = execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" });
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a large MONEY sum in the printed report", () => {
  it("prints in full, not as ###", () => {
    const ttrPage = pdfText.split("\f").find((page) => page.includes("01/TTr")) ?? "";
    expect(ttrPage).not.toBe("");
    // Each unit's value and the total (999,999,999.999 × 2), in LibreOffice's own rendering of `#,##0.000`.
    const digits = ttrPage.replace(/[,.\u00a0 ]/gu, "");
    expect(digits).toContain("999999999999");
    expect(digits).toContain("1999999999998");
    expect(ttrPage).not.toContain("###");
  });
});
