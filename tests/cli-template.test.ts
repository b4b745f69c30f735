/** `tonghop template` end to end: real files on disk, exit codes, messages (CLI.md). */
import { readdir, readFile, writeFile, mkdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { loadWorkbook } from "./helpers/workbook";
import { runBinary, runCli, tempDir } from "./helpers/cli";

describe("tonghop template", () => {
  it("writes one workbook per unit of the default roster with --out-dir (the real binary)", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "out");
    const result = await runBinary(["template", "--period", "2023-H1", "--out-dir", out]);
    expect(result.stderr).not.toMatch(/Error|Lỗi/u);
    expect(result.code).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toHaveLength(47);
    const expected = DEFAULT_ROSTER.rows.map((r) => `BM_${r.code}_2023-H1.xlsx`).sort();
    expect(files).toEqual(expected);
    expect(result.stdout).toContain("47");
    const wb = await loadWorkbook(new Uint8Array(await readFile(path.join(out, "BM_CQDD-UN-GVA_2023-H1.xlsx"))));
    expect(wb.getWorksheet("ThongTin")?.getCell("B3").value).toBe("CQDD-UN-GVA");
  });

  it("writes one unit's workbook with --unit and --out", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "f.xlsx");
    const result = await runCli(["template", "--period", "2023-9M", "--unit", "THANH-TRA-BO", "--out", file]);
    expect(result.code).toBe(0);
    const wb = await loadWorkbook(new Uint8Array(await readFile(file)));
    expect(wb.getWorksheet("ThongTin")?.getCell("B3").value).toBe("THANH-TRA-BO");
    expect(wb.getWorksheet("ThongTin")?.getCell("B5").value).toBe("2023-9M");
    expect(await readdir(dir)).toEqual(["f.xlsx"]);
    // Regression (an outside review): the code typed in lower case said "not on the roster".
    const lower = path.join(dir, "g.xlsx");
    expect((await runCli(["template", "--period", "2023-9M", "--unit", "thanh-tra-bo", "--out", lower])).code).toBe(0);
    expect((await readFile(lower)).equals(await readFile(file))).toBe(true);
  });

  /** `setup` is exactly what the test itself puts in the folder; the run must add nothing to it. */
  const bad: Array<{ name: string; args: (dir: string) => Promise<string[]>; setup: string[]; vi: RegExp; en: RegExp }> = [
    {
      name: "unknown period",
      args: async (dir) => ["template", "--period", "2023-Q5", "--out-dir", path.join(dir, "out")],
      setup: [],
      vi: /Kỳ báo cáo "2023-Q5" không hợp lệ/u,
      en: /2023-Q5/u,
    },
    {
      name: "unknown unit",
      args: async (dir) => ["template", "--period", "2023-H1", "--unit", "VU-KHONG-CO", "--out", path.join(dir, "out", "f.xlsx")],
      setup: [],
      vi: /Mã đơn vị "VU-KHONG-CO" không có trong danh sách đơn vị/u,
      en: /Unit code "VU-KHONG-CO" is not in the unit roster/u,
    },
    {
      name: "roster with a duplicate code",
      args: async (dir) => {
        const roster = path.join(dir, "dv.csv");
        await writeFile(roster, "ma_dv,ten_dv,loai_dv,khoi\nVU-A,Vụ A,VU,TRONG_NUOC\nVU-A,Vụ A mới,VU,TRONG_NUOC\n");
        return ["template", "--period", "2023-H1", "--units", roster, "--out-dir", path.join(dir, "out")];
      },
      setup: ["dv.csv"],
      vi: /VU-A.*chồng nhau/u,
      en: /VU-A.*overlapping/u,
    },
    {
      name: "roster with a missing column",
      args: async (dir) => {
        const roster = path.join(dir, "dv.csv");
        await writeFile(roster, "ma_dv,ten_dv,khoi\nVU-A,Vụ A,TRONG_NUOC\n");
        return ["template", "--period", "2023-H1", "--units", roster, "--out-dir", path.join(dir, "out")];
      },
      setup: ["dv.csv"],
      vi: /Không đọc được danh sách đơn vị.*loai_dv/u,
      en: /Cannot read the unit roster.*loai_dv/u,
    },
    {
      name: "output folder not writable",
      args: async (dir) => {
        // A folder below a regular file can never be created, even as root.
        await writeFile(path.join(dir, "blocker"), "x");
        return ["template", "--period", "2023-H1", "--out-dir", path.join(dir, "blocker", "out")];
      },
      setup: ["blocker"],
      vi: /Không ghi được vào/u,
      en: /Cannot write to/u,
    },
  ];

  for (const lang of ["vi", "en"] as const) {
    for (const c of bad) {
      it(`${c.name}: exit 2, one clear line in ${lang}, nothing left behind`, async () => {
        const dir = await tempDir();
        const args = await c.args(dir);
        const result = await runCli(lang === "en" ? [...args, "--lang", "en"] : args);
        expect(result.code).toBe(2);
        const lines = result.stderr.trim().split("\n");
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(lang === "vi" ? c.vi : c.en);
        expect(result.stdout).toBe("");
        // Nothing partial: the folder holds exactly what the test put there, and no "out".
        expect((await readdir(dir)).sort()).toEqual([...c.setup].sort());
      });
    }
  }

  it("removes everything it wrote when a later file fails", async () => {
    const dir = await tempDir();
    const out = path.join(dir, "out");
    await mkdir(out);
    // A folder squatting on one target name makes its rename fail after others succeeded.
    await mkdir(path.join(out, "BM_VU-TCCB_2023-H1.xlsx"));
    await writeFile(path.join(out, "BM_VU-TCCB_2023-H1.xlsx", "keep"), "x");
    const result = await runCli(["template", "--period", "2023-H1", "--out-dir", out]);
    expect(result.code).toBe(2);
    expect((await readdir(out)).sort()).toEqual(["BM_VU-TCCB_2023-H1.xlsx"]);
    expect((await stat(path.join(out, "BM_VU-TCCB_2023-H1.xlsx"))).isDirectory()).toBe(true);
  });

  it("rejects bad flag combinations and unknown options with exit 2", async () => {
    expect((await runCli(["template", "--period", "2023-H1"])).code).toBe(2);
    expect((await runCli(["template", "--period", "2023-H1", "--unit", "VU-CAU-AU"])).code).toBe(2);
    const unknown = await runCli(["template", "--period", "2023-H1", "--out-dir", "x", "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--bogus/u);
    expect((await runCli(["frobnicate"])).code).toBe(2);
  });

  it("warns that the built-in roster is out of date for periods after 28/02/2025", async () => {
    const dir = await tempDir();
    const recent = await runCli(["template", "--period", "2025-Q2", "--unit", "VU-CAU-AU", "--out", path.join(dir, "a.xlsx")]);
    expect(recent.code).toBe(0);
    expect(recent.stderr).toMatch(/Nghị định 28\/2025/u);
    const old = await runCli(["template", "--period", "2024-Y", "--unit", "VU-CAU-AU", "--out", path.join(dir, "b.xlsx")]);
    expect(old.stderr).not.toMatch(/Nghị định/u);
  });

  it("prints the version of package.json", async () => {
    const pkg = JSON.parse(await readFile(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string };
    const result = await runCli(["--version"]);
    expect(result.stdout.trim()).toBe(pkg.version);
  });

  it("prints help in both languages", async () => {
    const vi = await runCli(["--help"]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toMatch(/Cách dùng/u);
    const en = await runCli(["--help", "--lang", "en"]);
    expect(en.stdout).toMatch(/Usage/u);
  });
});
