/**
 * History inputs (`--history`, the pane's earlier-period files; CLI.md "JSON result", PERIODS.md §6):
 * every file met is listed once in `history` with what became of it, the console counts the used
 * ones and names the others, and history files pass the same limits as any input. Units and periods
 * expected here come from tests/fixtures/submissions/more/expectations.json (`history` block), the
 * SHA-256 from node:crypto.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../src/core/pipeline";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runCli, tempDir } from "./helpers/cli";

const FIXTURES = path.join(__dirname, "fixtures", "submissions");
const HISTORY = path.join(FIXTURES, "more", "history");
const CURRENT = path.join(FIXTURES, "more", "cases", "history-current.xlsx");
const CASES = path.join(FIXTURES, "cases");
const BOMB = path.join(__dirname, "regressions", "fixtures", "history-zip-bomb.xlsx");

interface HistoryJson {
  file: string;
  sha256: string;
  unit: string | null;
  period: string | null;
  status: string;
}

const expectations = JSON.parse(await readFile(path.join(FIXTURES, "more", "expectations.json"), "utf8")) as {
  history: Record<string, { unit: string; period: string }>;
};
const sha = async (file: string): Promise<string> => createHash("sha256").update(await readFile(file)).digest("hex");

/** The same workbook with other bytes: re-zipped at another compression level and timestamp. */
async function rezipped(file: string): Promise<Uint8Array> {
  return zipSync(unzipSync(new Uint8Array(await readFile(file))), { level: 1, mtime: new Date(2024, 0, 2) });
}

/** A history folder with one file of each fate. Returns the folder and the files as `file` names them. */
async function historyFolder(): Promise<{ dir: string; root: string }> {
  const root = await tempDir();
  const dir = path.join(root, "lich-su");
  await mkdir(path.join(dir, "copy"), { recursive: true });
  await mkdir(path.join(dir, "z-resaved"), { recursive: true });
  await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2022-H1.xlsx"), path.join(dir, "BM_VU-ASEAN_2022-H1.xlsx"));
  await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2022-H1.xlsx"), path.join(dir, "copy", "BM_VU-ASEAN_2022-H1.xlsx"));
  await writeFile(path.join(dir, "z-resaved", "BM_VU-ASEAN_2022-H1.xlsx"), await rezipped(path.join(HISTORY, "BM_VU-ASEAN_2022-H1.xlsx")));
  await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2022-Y.xlsx"), path.join(dir, "BM_VU-ASEAN_2022-Y.xlsx"));
  await mkdir(path.join(dir, "zz-copy"));
  await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2022-Y.xlsx"), path.join(dir, "zz-copy", "BM_VU-ASEAN_2022-Y.xlsx"));
  await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx"), path.join(dir, "BM_VU-ASEAN_2023-Q1.xlsx"));
  await copyFile(path.join(CASES, "random-bytes.xlsx"), path.join(dir, "random-bytes.xlsx"));
  await copyFile(path.join(CASES, "not-a-submission.xlsx"), path.join(dir, "not-a-submission.xlsx"));
  await copyFile(BOMB, path.join(dir, "history-zip-bomb.xlsx"));
  await writeFile(path.join(dir, "ghi-chu.txt"), "không phải sổ Excel\n");
  // An earlier report of 2023-Q1 (NguonSoLieu): "BaoCao…" sorts after "BM_…", so it is the one used.
  const made = await runCli(["aggregate", path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx"), "--period", "2023-Q1", "--out", path.join(dir, "BaoCaoTongHop_2023-Q1.xlsx")]);
  expect(made.code, made.stderr).toBeLessThan(2);
  return { dir, root };
}

describe("--history: the history list of CLI.md", () => {
  it("lists every file once with unit, period and status; counts and names in the console", async () => {
    const { dir, root } = await historyFolder();
    const json = path.join(root, "r.json");
    const r = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", dir, "--json", json]);
    expect(r.code, r.stderr).toBe(0); // history files never change the exit code
    const out = JSON.parse(await readFile(json, "utf8")) as { history: HistoryJson[]; inputs: unknown[] };
    expect(Object.keys(out)).toEqual(["tool", "version", "period", "window", "units", "inputs", "history", "findings"]);
    const byFile = new Map(out.history.map((h) => [h.file, h]));
    expect(out.history.map((h) => h.file).sort()).toEqual(
      [
        "BM_VU-ASEAN_2022-H1.xlsx", "copy/BM_VU-ASEAN_2022-H1.xlsx", "z-resaved/BM_VU-ASEAN_2022-H1.xlsx", "BM_VU-ASEAN_2022-Y.xlsx",
        "zz-copy/BM_VU-ASEAN_2022-Y.xlsx", "BM_VU-ASEAN_2023-Q1.xlsx", "BaoCaoTongHop_2023-Q1.xlsx", "random-bytes.xlsx", "not-a-submission.xlsx", "history-zip-bomb.xlsx", "ghi-chu.txt",
      ].sort(),
    );
    for (const h of out.history) {
      expect(Object.keys(h)).toEqual(["file", "sha256", "unit", "period", "status"]);
      expect(h.sha256, h.file).toBe(await sha(path.join(dir, h.file)));
    }
    const fixture = (name: string): { unit: string; period: string } => {
      const e = expectations.history[`more/history/${name}`];
      if (!e) throw new Error(`no expectation for ${name}`);
      return { unit: e.unit, period: e.period };
    };
    const h1 = fixture("BM_VU-ASEAN_2022-H1.xlsx");
    // Three files give VU-ASEAN 2022-H1: the byte copy is a duplicate, and of the others the one received last
    // (dcterms:modified, WORKBOOKS.md §1.7) is used: LibreOffice's re-save.
    expect(byFile.get("z-resaved/BM_VU-ASEAN_2022-H1.xlsx")).toMatchObject({ ...h1, status: "used" });
    expect(byFile.get("BM_VU-ASEAN_2022-H1.xlsx")).toMatchObject({ ...h1, status: "duplicate" });
    expect(byFile.get("copy/BM_VU-ASEAN_2022-H1.xlsx")).toMatchObject({ ...h1, status: "duplicate" });
    // A byte copy is a duplicate of the first file by name, wherever it sorts (as identical inputs are).
    expect(byFile.get("BM_VU-ASEAN_2022-Y.xlsx")).toMatchObject({ ...fixture("BM_VU-ASEAN_2022-Y.xlsx"), status: "used" });
    expect(byFile.get("zz-copy/BM_VU-ASEAN_2022-Y.xlsx")).toMatchObject({ ...fixture("BM_VU-ASEAN_2022-Y.xlsx"), status: "duplicate" });
    // The report gives VU-ASEAN 2023-Q1 too; a report has no received date of its own and sorts first, so the
    // unit's own file (dated) is used (by name, until 2026-12-07, the report was), and the report, whose only
    // entry it replaces, is a duplicate.
    expect(byFile.get("BaoCaoTongHop_2023-Q1.xlsx")).toMatchObject({ unit: null, period: "2023-Q1", status: "duplicate" });
    expect(byFile.get("BM_VU-ASEAN_2023-Q1.xlsx")).toMatchObject({ ...fixture("BM_VU-ASEAN_2023-Q1.xlsx"), status: "used" });
    expect(byFile.get("random-bytes.xlsx")).toMatchObject({ unit: null, period: null, status: "unreadable" });
    expect(byFile.get("ghi-chu.txt")).toMatchObject({ status: "unreadable" });
    expect(byFile.get("history-zip-bomb.xlsx")).toMatchObject({ status: "unreadable" });
    expect(byFile.get("not-a-submission.xlsx")).toMatchObject({ status: "not-a-submission" });

    expect(r.stdout).toContain("Tệp lịch sử: dùng 3/11 tệp.");
    const notUsed = r.stdout.split("\n").filter((l) => l.startsWith("  Không dùng: "));
    expect(notUsed.map((l) => /^ {2}Không dùng: (\S+)/u.exec(l)?.[1]).sort()).toEqual(
      [...byFile.values()].filter((h) => h.status !== "used").map((h) => h.file).sort(),
    );
    expect(notUsed.find((l) => l.includes("history-zip-bomb.xlsx"))).toMatch(/\(không đọc được\).*quá lớn/u);
    expect(notUsed.find((l) => l.includes("copy/BM_VU-ASEAN_2022-H1.xlsx"))).toContain("(trùng tệp khác)");
    expect(notUsed.find((l) => l.includes("not-a-submission.xlsx"))).toContain("(không phải báo cáo)");
  });

  it("speaks English with --lang en, in aggregate and annotate too", async () => {
    const root = await tempDir();
    const h = path.join(root, "h");
    await mkdir(h);
    await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2022-H1.xlsx"), path.join(h, "BM_VU-ASEAN_2022-H1.xlsx"));
    await copyFile(path.join(CASES, "random-bytes.xlsx"), path.join(h, "random-bytes.xlsx"));
    const json = path.join(root, "a.json");
    const agg = await runCli(["aggregate", CURRENT, "--period", "2023-H1", "--out", path.join(root, "r.xlsx"), "--history", h, "--json", json, "--lang", "en"]);
    expect(agg.code, agg.stderr).toBe(0);
    expect(agg.stdout).toContain("History files: 1 of 2 used.");
    expect(agg.stdout).toMatch(/^ {2}Not used: random-bytes\.xlsx \(unreadable\): /mu);
    const history = (JSON.parse(await readFile(json, "utf8")) as { history: HistoryJson[] }).history;
    expect(history.map((x) => `${x.file}:${x.status}`)).toEqual(["BM_VU-ASEAN_2022-H1.xlsx:used", "random-bytes.xlsx:unreadable"]);
    const ann = await runCli(["annotate", CURRENT, "--period", "2023-H1", "--out", path.join(root, "back.xlsx"), "--history", h, "--lang", "en"]);
    expect(ann.code, ann.stderr).toBe(0);
    expect(ann.stdout).toContain("History files: 1 of 2 used.");
  });

  it("has no history field without --history, and an empty list for an empty history folder", async () => {
    const root = await tempDir();
    await mkdir(path.join(root, "empty"));
    const without = path.join(root, "a.json");
    const empty = path.join(root, "b.json");
    await runCli(["validate", CURRENT, "--period", "2023-H1", "--json", without]);
    await runCli(["validate", CURRENT, "--period", "2023-H1", "--json", empty, "--history", path.join(root, "empty")]);
    expect(JSON.parse(await readFile(without, "utf8"))).not.toHaveProperty("history");
    expect((JSON.parse(await readFile(empty, "utf8")) as { history: unknown }).history).toEqual([]);
  });

  it("uses the history it lists: the continuity rules fire from the file marked used", async () => {
    const root = await tempDir();
    const json = path.join(root, "r.json");
    await runCli(["validate", CURRENT, "--period", "2023-H1", "--json", json, "--history", path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx")]);
    const out = JSON.parse(await readFile(json, "utf8")) as { history: HistoryJson[]; findings: Array<{ rule: string; message: { vi: string; en: string } }> };
    expect(out.history[0]?.status).toBe("used");
    // 2023-Q1 is nested in 2023-H1 (PERIODS.md §6): its plan figures are compared (fixtures-more: V-PLAN-01 on KH_TH C11).
    const plan = out.findings.find((f) => f.rule === "V-PLAN-01");
    // The earlier period named with its label in each message's language (PERIODS.md §3: "Quý I năm 2023", "Q1 2023").
    expect(plan?.message.vi).toContain("khác kỳ 2023-Q1 (Quý I năm 2023)");
    expect(plan?.message.en).toContain("differing from 2023-Q1 (Q1 2023)");
  });
});

describe("history files no rule reads", () => {
  it("a readable file of a period never compared is named as not used, in the count too (review of 2026-12-07)", async () => {
    // 2023-Q2 ends on H1's own last day: not an earlier period of 2023-H1 (PERIODS.md §6); it was counted "used".
    const root = await tempDir();
    const h = path.join(root, "h");
    const tpl = await runCli(["template", "--period", "2023-Q2", "--unit", "VU-ASEAN", "--out", path.join(h, "BM_VU-ASEAN_2023-Q2.xlsx")]);
    expect(tpl.code, tpl.stderr).toBe(0);
    await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx"), path.join(h, "BM_VU-ASEAN_2023-Q1.xlsx"));
    const r = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", h]);
    expect(r.stdout).toContain("Tệp lịch sử: dùng 1/2 tệp.");
    expect(r.stdout).toMatch(/^ {2}Không dùng: BM_VU-ASEAN_2023-Q2\.xlsx \(không so sánh\): Kỳ 2023-Q2 \(Quý II năm 2023\) không phải kỳ trước/mu);
    const en = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", h, "--lang", "en"]);
    expect(en.stdout).toContain("History files: 1 of 2 used.");
    expect(en.stdout).toMatch(/^ {2}Not used: BM_VU-ASEAN_2023-Q2\.xlsx \(not compared\): Period 2023-Q2 \(Q2 2023\) is not an earlier period/mu);
  });
});

describe("history files no rule reads: a unit the roster does not have", () => {
  it("a history file whose unit code is in no roster row is named as not used, in the count too (review of 2026-12-07, fourth)", async () => {
    // Its ThongTin code is "XX-NOPE" (a mistyped code): no submission of the run is that unit's, so no
    // continuity or outlier rule reads it (PERIODS.md §6); it was counted "used" and named nowhere.
    const root = await tempDir();
    const h = path.join(root, "h");
    await mkdir(h, { recursive: true });
    await copyFile(path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx"), path.join(h, "BM_VU-ASEAN_2023-Q1.xlsx"));
    await new Promise<void>((resolve, reject) =>
      execFile(
        "/usr/bin/python3",
        ["-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb['ThongTin']['B3'] = 'XX-NOPE'\nwb.save(sys.argv[2])", path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx"), path.join(h, "ma-sai.xlsx")],
        (error, _out, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve()),
      ),
    );
    const json = path.join(root, "out.json");
    const r = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", h, "--json", json]);
    expect(r.stdout).toContain("Tệp lịch sử: dùng 1/2 tệp.");
    expect(r.stdout).toMatch(/^ {2}Không dùng: ma-sai\.xlsx \(không so sánh\): Mã đơn vị XX-NOPE không có trong danh sách đơn vị/mu);
    // The JSON keeps what the core read of it (CLI.md: unit and period read, status "used").
    const history = (JSON.parse(await readFile(json, "utf8")) as { history: HistoryJson[] }).history;
    expect(history.find((x) => x.file === "ma-sai.xlsx")).toMatchObject({ unit: "XX-NOPE", period: "2023-Q1" });
    const en = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", h, "--lang", "en"]);
    expect(en.stdout).toContain("History files: 1 of 2 used.");
    expect(en.stdout).toMatch(/^ {2}Not used: ma-sai\.xlsx \(not compared\): Unit code XX-NOPE is not in the unit roster/mu);
  });
});

describe("--max-file-size reaches the history files", () => {
  it("a history file over the default 10 MB but within --max-file-size is read (the run's limit, not the default)", { timeout: 60_000 }, async () => {
    // The 2023-Q1 submission with an 11 MB stored entry beside its parts, zipped by Python's zipfile (another writer):
    // the reader never opens that entry, so only the file's size differs from the fixture's.
    const root = await tempDir();
    const big = path.join(root, "BM_VU-ASEAN_2023-Q1.xlsx");
    await new Promise<void>((resolve, reject) =>
      execFile(
        "/usr/bin/python3",
        ["-c", "import sys, zipfile, os\nsrc = zipfile.ZipFile(sys.argv[1])\nwith zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as out:\n    for i in src.infolist(): out.writestr(i, src.read(i))\n    out.writestr(zipfile.ZipInfo('xl/media/scan.bin'), os.urandom(11 * 1024 * 1024), zipfile.ZIP_STORED)", path.join(HISTORY, "BM_VU-ASEAN_2023-Q1.xlsx"), big],
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    expect((await readFile(big)).length).toBeGreaterThan(11 * 1024 * 1024);
    const statusWith = async (flags: readonly string[]): Promise<string> => {
      const json = path.join(root, `r${flags.length}.json`);
      await runCli(["validate", CURRENT, "--period", "2023-H1", "--json", json, "--history", big, ...flags]);
      const h = (JSON.parse(await readFile(json, "utf8")) as { history: HistoryJson[] }).history[0];
      return `${h?.status}:${h?.sha256 === (await sha(big)) ? "sha" : "no-sha"}`;
    };
    expect(await statusWith(["--max-file-size", "20"])).toBe("used:sha");
    // Under the default limit it is too large, as any input of its size: said so, with its size and its own digest
    // (it was listed as an empty file, with the empty file's digest).
    expect(await statusWith([])).toBe("unreadable:sha");
    const run = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", big, "--lang", "en"]);
    expect(run.stdout).toMatch(/Not used: BM_VU-ASEAN_2023-Q1\.xlsx \(unreadable\): .*too large \(11(\.\d+)? MB; limit 10 MB\)/u);
  });
});

describe("runPipeline: history as inputs (the pane and the CLI share it)", () => {
  it("lists a file the host could not read, with the same limits as inputs", async () => {
    const bytes = new Uint8Array(await readFile(path.join(HISTORY, "BM_VU-ASEAN_2022-H1.xlsx")));
    const result = await runPipeline({
      inputs: [{ id: "c", file: "history-current.xlsx", bytes: new Uint8Array(await readFile(CURRENT)) }],
      period: parsePeriod("2023-H1"),
      roster: DEFAULT_ROSTER,
      options: { maxFileSizeMB: 0.01 },
      history: [
        { id: "1", file: "BM_VU-ASEAN_2022-H1.xlsx", bytes },
        { id: "2", file: "link.xlsx", bytes: new Uint8Array(0), problem: { vi: "liên kết hỏng", en: "dangling link" } },
      ],
      aggregate: false,
    });
    // 0.01 MB is below the history file's size: refused by V-FILE-02 like any input.
    expect(bytes.length).toBeGreaterThan(0.01 * 1024 * 1024);
    expect(result.json.history?.map((h) => `${h.file}:${h.status}`)).toEqual(["BM_VU-ASEAN_2022-H1.xlsx:unreadable", "link.xlsx:unreadable"]);
    expect(result.history?.[0]?.reason?.en).toContain("too large");
    expect(result.history?.[1]?.reason?.en).toContain("dangling link");
  });
});
