/**
 * `tonghop aggregate` and `tonghop demo` as a user runs them (CLI.md): the report and the JSON
 * with totals and rates, compared with totals computed independently from the spec by the
 * fixture generator (tests/fixtures/submissions/expectations.json, `folder`).
 */
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPORT_SHEETS } from "../src/core/report/report";
import { runBinary, tempDir } from "./helpers/cli";
import { loadWorkbook } from "./helpers/workbook";

const FIXTURES = path.join(__dirname, "fixtures", "submissions");
const expected = JSON.parse(readFileSync(path.join(FIXTURES, "expectations.json"), "utf8")) as {
  folder: { totals: Record<string, Record<string, Record<string, number>>>; rates: unknown; units: unknown };
};

describe("tonghop aggregate", () => {
  it("writes the report and the JSON with totals and rates matching the independent expectations", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "BaoCao.xlsx");
    const json = path.join(dir, "r.json");
    const result = await runBinary(["aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1", "--out", out, "--json", json, "--created", "2023-06-20"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Hoàn thành kế hoạch thanh tra, kiểm tra: 41,0% (34/83) cuộc");
    expect(result.stdout).toContain(out);
    const r = JSON.parse(await readFile(json, "utf8")) as Record<string, unknown>;
    expect(Object.keys(r)).toEqual(["tool", "version", "period", "window", "units", "inputs", "findings", "totals", "rates"]);
    expect(r.units).toEqual(expected.folder.units);
    expect(r.totals).toEqual(expected.folder.totals);
    expect(r.rates).toEqual(expected.folder.rates);
    const wb = await loadWorkbook(new Uint8Array(await readFile(out)));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
    expect(wb.creator).toBe("Thanh tra Bộ");
  });

  it("refuses an unwritable output under /proc with exit code 2 (regression: recursive mkdir never returned there)", async () => {
    const dir = await tempDir();
    const result = await runBinary(["aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1", "--out", "/proc/no/BaoCao.xlsx", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/Cannot write to/u);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("tonghop demo", () => {
  it("makes a sample period, aggregates it and says where the report is", async () => {
    const dir = await tempDir();
    const outDir = path.join(dir, "demo");
    const result = await runBinary(["demo", "--out-dir", outDir]);
    expect(result.code, result.stderr).toBe(0);
    const report = path.join(outDir, "BaoCaoTongHop_2023-9M.xlsx");
    expect(result.stdout).toContain(report);
    expect(existsSync(report)).toBe(true);
    const files = await readdir(path.join(outDir, "bao-cao-don-vi"));
    expect(files.length).toBeGreaterThanOrEqual(40);
    const json = JSON.parse(await readFile(path.join(outDir, "KetQua_2023-9M.json"), "utf8")) as {
      units: { expected: number; late: number; missing: string[]; rejected: number };
    };
    expect(json.units.expected).toBe(47);
    expect(json.units.missing).toHaveLength(2);
    expect(json.units.late).toBeGreaterThanOrEqual(2);
    expect(json.units.rejected).toBe(3);
    const wb = await loadWorkbook(new Uint8Array(await readFile(report)));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
  });
});

describe("identities re-checked on the totals (FORMS.md §7.5)", () => {
  it("names the report cell when data accepted with errors breaks an identity", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "r.xlsx");
    const json = path.join(dir, "r.json");
    const result = await runBinary([
      "aggregate",
      path.join(FIXTURES, "cases", "identity-errors.xlsx"),
      "--period", "2023-H1", "--out", out, "--json", json, "--accept-with-errors",
    ]);
    expect(result.code).toBe(1); // accepted, but with errors
    const r = JSON.parse(await readFile(json, "utf8")) as { findings: Array<{ file: string | null; unit: string; rule: string; sheet: string; cell: string }> };
    const onTotals = r.findings.filter((f) => f.file === null);
    const tcd = onTotals.filter((f) => f.rule === "V-ID-01/TCD-1");
    expect(tcd.map((f) => f.unit)).toEqual(["TOTAL", "TRONG_NUOC"]);
    expect(tcd.every((f) => f.sheet === "01_TCD" && /^B\d+$/u.test(f.cell))).toBe(true);
    // KH-TH is re-checked on the TOTAL scope only, on Table 2, and B2's warning is not re-checked.
    const kh = onTotals.filter((f) => f.rule === "V-ID-KH-TH-1");
    expect(kh.map((f) => f.unit)).toEqual(["TOTAL"]);
    expect(kh[0]?.sheet).toBe("KH_TH");
    // They come last in KiemTra order.
    expect(r.findings.slice(-onTotals.length).every((f) => f.file === null)).toBe(true);
    const wb = await loadWorkbook(new Uint8Array(await readFile(out)));
    const kiemTra = wb.getWorksheet("KiemTra");
    const units: string[] = [];
    kiemTra?.eachRow((row) => units.push(String(row.getCell(2).value ?? "")));
    expect(units).toContain("TOTAL");
  });
});

describe("report options from --config (WORKBOOKS.md §3)", () => {
  it("puts the signing date and names in the report and honours rateRows", async () => {
    const dir = await tempDir();
    const config = path.join(dir, "options.json");
    await writeFile(config, JSON.stringify({ signDate: "2023-06-16", preparerName: "Nguyễn Văn An", headName: "Trần Thị Bình", documentNumber: "15/BC-TTr", rateRows: { B: ["B1"] } }));
    const out = path.join(dir, "r.xlsx");
    const json = path.join(dir, "r.json");
    const result = await runBinary(["aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1", "--out", out, "--json", json, "--config", config]);
    expect(result.code).toBe(1);
    const wb = await loadWorkbook(new Uint8Array(await readFile(out)));
    const texts: string[] = [];
    wb.getWorksheet("BiaBaoCao")?.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ""))));
    expect(texts).toContain("Hà Nội, ngày 16 tháng 6 năm 2023");
    expect(texts.some((t) => t.includes("15/BC-TTr"))).toBe(true);
    expect(texts).toContain("Nguyễn Văn An");
    expect(texts).toContain("Trần Thị Bình");
    const r = JSON.parse(await readFile(json, "utf8")) as { rates: { party: { completed: number; planned: number } }; totals: Record<string, Record<string, Record<string, number>>> };
    const b1 = r.totals.KH_TH?.B1 ?? {};
    expect(r.rates.party).toMatchObject({ completed: b1["2"], planned: b1["1"] });
  });

  it("rejects an unknown option in the config file with exit code 2", async () => {
    const dir = await tempDir();
    const config = path.join(dir, "options.json");
    await writeFile(config, JSON.stringify({ sigDate: "2023-06-16" }));
    const result = await runBinary(["aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1", "--out", path.join(dir, "r.xlsx"), "--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/sigDate/u);
    expect(await readdir(dir)).toEqual(["options.json"]);
  });
});
