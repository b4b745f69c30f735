/**
 * `tonghop aggregate` and `tonghop demo` as a user runs them (CLI.md): the report and the JSON
 * with totals and rates, compared with totals computed independently from the spec by the
 * fixture generator (tests/fixtures/submissions/expectations.json, `folder`).
 */
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { REPORT_SHEETS } from "../src/core/report/report";
import { runBinary, runCli, tempDir } from "./helpers/cli";
import { specRoster } from "./helpers/spec";
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
    // As TASKPANE.md §8 writes it ("75,0% (45/60 cuộc)"): the CLI printed "41,0% (34/83) cuộc".
    expect(result.stdout).toContain("Hoàn thành kế hoạch thanh tra, kiểm tra: 41,0% (34/83 cuộc)");
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

  it("with nothing planned, prints no rate (it printed '- cuộc'), as the pane does", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "empty"));
    const result = await runBinary(["aggregate", path.join(dir, "empty"), "--period", "2023-H1", "--out", path.join(dir, "r.xlsx")]);
    expect(result.stdout).toContain("Hoàn thành kế hoạch thanh tra, kiểm tra: — (0/0 cuộc)");
    expect(result.stdout).toContain("Hoàn thành chương trình kiểm tra, giám sát: — (0/0 cuộc)");
  });

  it("refuses an unwritable output under /proc with exit code 2 (regression: recursive mkdir never returned there)", async () => {
    const result = await runBinary(["aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1", "--out", "/proc/no/BaoCao.xlsx", "--lang", "en"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/Cannot write to \/proc\/no/u);
    expect(result.stdout).toBe("");
    expect(existsSync("/proc/no")).toBe(false);
  });

  it("leaves nothing behind when a later output cannot be written (the JSON's name is taken by a folder)", async () => {
    const dir = await tempDir();
    // A folder squatting on the JSON's name: the folder is writable, so the report is made and
    // written first; renaming the JSON into place then fails.
    await mkdir(path.join(dir, "r.json"));
    await writeFile(path.join(dir, "r.json", "keep.txt"), "x");
    const result = await runBinary([
      "aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1",
      "--out", path.join(dir, "BaoCao.xlsx"), "--json", path.join(dir, "r.json"), "--lang", "en",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Cannot write to/u);
    // CLI.md exit code 2: nothing partial. The folder holds exactly what the test put there.
    expect((await readdir(dir)).sort()).toEqual(["r.json"]);
    expect(await readdir(path.join(dir, "r.json"))).toEqual(["keep.txt"]);
  });

  it("keeps an earlier report when the run stops with exit code 2", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "BaoCao.xlsx");
    await writeFile(out, "earlier report");
    const config = path.join(dir, "bad.json");
    await writeFile(config, "{not json");
    const result = await runBinary(["aggregate", path.join(FIXTURES, "folder-2023-H1"), "--period", "2023-H1", "--out", out, "--config", config]);
    expect(result.code).toBe(2);
    expect(await readFile(out, "utf8")).toBe("earlier report");
    expect((await readdir(dir)).sort()).toEqual(["BaoCao.xlsx", "bad.json"]);
  });
});

describe("tonghop demo", () => {
  it("makes a sample period, aggregates it and says where the report is; its JSON agrees with the files it wrote", async () => {
    const dir = await tempDir();
    const outDir = path.join(dir, "demo");
    const result = await runBinary(["demo", "--out-dir", outDir]);
    expect(result.code, result.stderr).toBe(0);
    const report = path.join(outDir, "BaoCaoTongHop_2023-9M.xlsx");
    expect(result.stdout).toContain(report);
    expect(existsSync(report)).toBe(true);
    const folder = path.join(outDir, "bao-cao-don-vi");
    const files = (await readdir(folder)).sort();
    const json = JSON.parse(await readFile(path.join(outDir, "KetQua_2023-9M.json"), "utf8")) as {
      units: { expected: number; received: number; accepted: number; late: number; missing: string[]; rejected: number };
      inputs: Array<{ file: string; unit: string | null; status: string }>;
    };
    // Every file written is an input, once.
    expect(json.inputs.map((i) => i.file).sort()).toEqual(files);
    // The expected units are the 47 of UNITS.md §3; a unit is missing exactly when no file names it.
    const roster = specRoster().map((u) => u.code);
    const unitOf = (f: string): string => /^BM_(.+?)_2023-9M/u.exec(f)?.[1] ?? "";
    const withFile = new Set(files.map(unitOf));
    expect(json.units.expected).toBe(47);
    expect([...json.units.missing].sort()).toEqual(roster.filter((u) => !withFile.has(u)).sort());
    expect(json.units.missing.length).toBeGreaterThan(0);
    expect(json.units.received).toBe(withFile.size);
    expect(json.units.accepted + json.units.rejected).toBe(json.units.received);
    expect(json.units.rejected).toBeGreaterThan(0);
    // Late (PERIODS.md §7): the Vietnam date (UTC+7) of dcterms:modified of the unit's latest file
    // after the deadline 14/09/2023 + 2 = 16/09/2023, counted over accepted units.
    const latest = new Map<string, string>();
    for (const f of files) {
      const received = vietnamDate(modifiedOf(new Uint8Array(await readFile(path.join(folder, f)))));
      const u = unitOf(f);
      if ((latest.get(u) ?? "") < received) latest.set(u, received);
    }
    const acceptedUnits = new Set(json.inputs.filter((i) => i.status === "accepted").map((i) => i.unit));
    const late = [...latest].filter(([u, d]) => acceptedUnits.has(u) && d > "2023-09-16").length;
    expect(late).toBeGreaterThan(0);
    expect(json.units.late).toBe(late);
    const wb = await loadWorkbook(new Uint8Array(await readFile(report)));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
  });
});

describe("regression: demo replaces only its own earlier files (an outside review)", () => {
  it("runs again over its own output; refuses, exit 2, a folder holding another file of one of its names", async () => {
    const outDir = path.join(await tempDir(), "demo");
    expect((await runCli(["demo", "--out-dir", outDir])).code).toBe(0);
    // The same sample again: the same bytes, so it may replace them.
    expect((await runCli(["demo", "--out-dir", outDir])).code).toBe(0);
    const folder = path.join(outDir, "bao-cao-don-vi");
    const [first, second] = (await readdir(folder)).sort();
    if (!first || !second) throw new Error("the demo wrote no files");
    // A unit's real file of a demo name, and a report of one's own: both were replaced, exit 0.
    const unitFile = path.join(folder, first);
    await copyFile(path.join(folder, second), unitFile);
    const reportFile = path.join(outDir, "BaoCaoTongHop_2023-9M.xlsx");
    await writeFile(reportFile, "my notes");
    const before = await readFile(unitFile);
    const r = await runCli(["demo", "--out-dir", outDir, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("A different file already has that name; the sample data never replaces it:");
    expect(r.stderr).toContain(unitFile);
    expect(r.stderr).toContain(reportFile);
    expect((await readFile(unitFile)).equals(before)).toBe(true);
    expect(await readFile(reportFile, "utf8")).toBe("my notes");
  }, 60_000);

  it("in its own folder (no --out-dir: out/demo) it replaces what is there (an earlier version's sample)", async () => {
    const cwd = await tempDir();
    const own = path.join(cwd, "out", "demo");
    await mkdir(own, { recursive: true });
    await writeFile(path.join(own, "BaoCaoTongHop_2023-9M.xlsx"), "an earlier version's report");
    const r = await runBinary(["demo"], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect((await readFile(path.join(own, "BaoCaoTongHop_2023-9M.xlsx"))).subarray(0, 2).toString("latin1")).toBe("PK");
  }, 60_000);
});

/** dcterms:modified of a package, read with fflate. */
function modifiedOf(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)["docProps/core.xml"] ?? new Uint8Array(0));
  const m = /<dcterms:modified[^>]*>([^<]+)<\/dcterms:modified>/u.exec(xml);
  if (!m?.[1]) throw new Error("no dcterms:modified");
  return m[1];
}

/** The Vietnam calendar date (UTC+07:00, no daylight saving) of an ISO timestamp. */
function vietnamDate(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}

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
