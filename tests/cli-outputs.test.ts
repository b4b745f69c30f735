/**
 * The CLI's outputs (CLI.md exit code 2, WORKBOOKS.md §1.6), from a review of the CLI:
 * - an output that is a file the run reads is refused before anything is read (plain path, a path
 *   through a linked folder, a hard link; the roster, the configuration, a history file);
 * - a failed multi-file write leaves every destination holding what it held before (an earlier report,
 *   a file in the templates' folder), whichever step fails;
 * - `aggregate` makes a missing output folder, and removes it when the run fails;
 * - `--created` and the configuration's `creationTime` name real days;
 * - two PATHs giving one name: a file PATH is named by the PATH as typed;
 * - a write error names the file.
 */
import { chmod, copyFile, link, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import * as fsp from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { prepareOutputs, writeTargetsAtomically } from "../src/cli/output";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runCli, tempDir } from "./helpers/cli";

vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return { ...real, rename: vi.fn(real.rename), link: vi.fn(real.link) };
});

const realFs = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
afterEach(() => {
  vi.mocked(fsp.rename).mockImplementation(realFs.rename);
  vi.mocked(fsp.link).mockImplementation(realFs.link);
});

/** The first rename of a temporary file onto a target ending with `suffix` fails (a disk error at that step). */
function failRenameOnto(suffix: string): void {
  let failed = false;
  vi.mocked(fsp.rename).mockImplementation(async (from, to) => {
    if (!failed && String(from).endsWith(".tmp") && String(to).endsWith(suffix)) {
      failed = true;
      throw Object.assign(new Error("EIO"), { code: "EIO" });
    }
    return realFs.rename(from, to);
  });
}

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");
const A = "BM_CQDD-AU-CBR_2023-H1.xlsx";
const B = "BM_CQDD-CN-BJS_2023-H1.xlsx";

/** A folder `units/` with two units' files, and the bytes of each. */
async function units(dir: string): Promise<{ folder: string; bytes: Map<string, Buffer> }> {
  const folder = path.join(dir, "units");
  await mkdir(folder);
  const bytes = new Map<string, Buffer>();
  for (const f of [A, B]) {
    await copyFile(path.join(FOLDER, f), path.join(folder, f));
    bytes.set(f, await readFile(path.join(folder, f)));
  }
  return { folder, bytes };
}

async function expectOneLineExit2(r: { code: number; stdout: string; stderr: string }, pattern: RegExp): Promise<void> {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe("an output that is a file the run reads is refused before anything is read", () => {
  it("aggregate --out and validate --json on a unit's file: plain path, through a linked folder, a hard link", async () => {
    const dir = await tempDir("tonghop-ow-");
    const { folder, bytes } = await units(dir);
    const linked = path.join(dir, "linked");
    await symlink(folder, linked);
    const hard = path.join(dir, "hard.xlsx");
    await link(path.join(folder, B), hard);
    const cases: string[][] = [
      ["aggregate", folder, "--out", path.join(folder, A)],
      ["validate", folder, "--json", path.join(folder, B)],
      // The output through a linked folder, the input by its own path; and the other way round.
      ["aggregate", folder, "--out", path.join(linked, A), "--json", path.join(dir, "r.json")],
      ["validate", linked, "--json", path.join(folder, B)],
      // Another name of the same file: the hard link.
      ["aggregate", folder, "--out", hard],
      ["validate", hard, "--json", path.join(folder, B)],
    ];
    for (const c of cases) {
      const r = await runCli([...c, "--period", "2023-H1", "--lang", "en"]);
      await expectOneLineExit2(r, /^Will not write --(out|json) .*: it is the input file .*; an input file is never overwritten\. Write results outside the input folders \(every file there, a previous run.s result included, is read as an input\)\.$/u);
    }
    const vi_ = await runCli([...(cases[0] ?? []), "--period", "2023-H1"]);
    await expectOneLineExit2(vi_, /^Không ghi --out .*: đó là tệp đầu vào .*; tệp đầu vào không bao giờ bị ghi đè\. Hãy ghi kết quả ra ngoài các thư mục đầu vào .*\)\.$/u);
    for (const [f, b] of bytes) expect(await readFile(path.join(folder, f))).toEqual(b);
    expect((await readdir(dir)).sort()).toEqual(["hard.xlsx", "linked", "units"]);
  });

  it("the roster, the configuration and a history file are inputs too; two outputs naming one file are refused", async () => {
    const dir = await tempDir("tonghop-ow2-");
    const { folder } = await units(dir);
    const roster = path.join(dir, "dv.csv");
    const rosterText = "ma_dv,ten_dv,loai_dv,khoi\n";
    await writeFile(roster, rosterText);
    const config = path.join(dir, "c.json");
    await writeFile(config, "{}");
    const history = path.join(dir, "hist");
    await mkdir(history);
    await copyFile(path.join(FOLDER, A), path.join(history, "old.xlsx"));
    const run = (extra: string[]): ReturnType<typeof runCli> => runCli(["aggregate", folder, "--period", "2023-H1", "--lang", "en", ...extra]);
    await expectOneLineExit2(await run(["--out", roster, "--units", roster]), /Will not write --out .*dv\.csv: it is the input file/u);
    await expectOneLineExit2(await run(["--out", path.join(dir, "r.xlsx"), "--json", config, "--config", config]), /Will not write --json .*c\.json/u);
    await expectOneLineExit2(await run(["--out", path.join(history, "old.xlsx"), "--history", history]), /Will not write --out .*old\.xlsx/u);
    await expectOneLineExit2(await run(["--out", path.join(dir, "r.xlsx"), "--json", path.join(dir, ".", "r.xlsx")]), /--out and --json name the same file/u);
    expect(await readFile(roster, "utf8")).toBe(rosterText);
    expect(await readFile(config, "utf8")).toBe("{}");
    expect(await readFile(path.join(history, "old.xlsx"))).toEqual(await readFile(path.join(FOLDER, A)));
    expect((await readdir(dir)).sort()).toEqual(["c.json", "dv.csv", "hist", "units"]);
  });
});

describe("regression: a read-only earlier output is refused, not replaced (an outside review)", () => {
  it("aggregate --out and validate --json onto a file made read-only: exit 2, the file as it was", async () => {
    // The write renames a temporary file into place, which the folder allows whatever the file's own
    // permission: the read-only report was replaced and the run ended 0. CLI.md: 2, "output not writable".
    const dir = await tempDir("tonghop-ro-");
    const { folder } = await units(dir);
    const out = path.join(dir, "r.xlsx");
    const json = path.join(dir, "r.json");
    await writeFile(out, "earlier report");
    await writeFile(json, "earlier json");
    await chmod(out, 0o444);
    await chmod(json, 0o444);
    const r = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", out, "--lang", "en"]);
    await expectOneLineExit2(r, /^Cannot write to .*r\.xlsx \(no permission to write, or the existing file is read-only: EACCES\)\.$/u);
    const v = await runCli(["validate", folder, "--period", "2023-H1", "--json", json]);
    await expectOneLineExit2(v, /^Không ghi được vào .*r\.json \(không có quyền ghi, hoặc tệp đã có là tệp chỉ đọc: EACCES\)\.$/u);
    expect(await readFile(out, "utf8")).toBe("earlier report");
    expect(await readFile(json, "utf8")).toBe("earlier json");
    expect((await stat(out)).mode & 0o777).toBe(0o444);
    // Writable again, the same run writes it.
    await chmod(out, 0o644);
    expect((await runCli(["aggregate", folder, "--period", "2023-H1", "--out", out])).code).toBeLessThan(2);
    expect((await readFile(out)).subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

describe("a failed write leaves every destination as it was", () => {
  it("aggregate: an earlier report survives a second output that cannot be written (a folder, then a failing rename)", async () => {
    const dir = await tempDir("tonghop-keep-");
    const { folder } = await units(dir);
    const out = path.join(dir, "r.xlsx");
    await writeFile(out, "earlier report");
    await mkdir(path.join(dir, "jsondir"));
    const r = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", out, "--json", path.join(dir, "jsondir"), "--lang", "en"]);
    // Refused before the run, naming the file that cannot be written (not its folder).
    await expectOneLineExit2(r, new RegExp(`^Cannot write to ${path.join(dir, "jsondir").replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")} \\(it is a folder: EISDIR\\)\\.$`, "u"));
    expect(await readFile(out, "utf8")).toBe("earlier report");

    // The report is renamed into place, then the JSON's rename fails: the earlier report and JSON come back.
    const json = path.join(dir, "r.json");
    await writeFile(json, "earlier json");
    failRenameOnto("r.json");
    const r2 = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", out, "--json", json, "--lang", "en"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr.trim().split("\n").at(-1)).toBe(`Cannot write to ${json} (EIO).`);
    expect(await readFile(out, "utf8")).toBe("earlier report");
    expect(await readFile(json, "utf8")).toBe("earlier json");
    expect((await readdir(dir)).sort()).toEqual(["jsondir", "r.json", "r.xlsx", "units"]);
  });

  it("writeTargetsAtomically: a failure at any rename restores every destination (existing or not), nothing left beside them", async () => {
    const dir = await tempDir("tonghop-atomic-");
    const names = ["a.txt", "b.txt", "c.txt"];
    await writeFile(path.join(dir, "a.txt"), "old a");
    await writeFile(path.join(dir, "c.txt"), "old c");
    // Previous files kept by a hard link, and (a disk without links) renamed aside.
    for (const [failing, links] of names.flatMap((n) => [[n, true], [n, false]] as const)) {
      if (!links) vi.mocked(fsp.link).mockRejectedValue(Object.assign(new Error("EPERM"), { code: "EPERM" }));
      else vi.mocked(fsp.link).mockImplementation(realFs.link);
      failRenameOnto(failing);
      await expect(writeTargetsAtomically(names.map((n) => ({ target: path.join(dir, n), bytes: new TextEncoder().encode(`new ${n}`) })))).rejects.toThrow(
        `Cannot write to ${path.join(dir, failing)} (EIO).`,
      );
      expect((await readdir(dir)).sort()).toEqual(["a.txt", "c.txt"]);
      expect(await readFile(path.join(dir, "a.txt"), "utf8")).toBe("old a");
      expect(await readFile(path.join(dir, "c.txt"), "utf8")).toBe("old c");
    }
    vi.mocked(fsp.rename).mockImplementation(realFs.rename);
    await writeTargetsAtomically(names.map((n) => ({ target: path.join(dir, n), bytes: new TextEncoder().encode(`new ${n}`) })));
    expect((await readdir(dir)).sort()).toEqual(names);
    for (const n of names) expect(await readFile(path.join(dir, n), "utf8")).toBe(`new ${n}`);
  });

  it("template --out-dir: an existing file survives a failure in the multi-file write (a failing rename, a folder in a target's place)", async () => {
    const dir = await tempDir("tonghop-tpl-");
    const out = path.join(dir, "out");
    await mkdir(out);
    const codes = DEFAULT_ROSTER.rows.map((r) => r.code);
    const first = `BM_${codes[0] ?? ""}_2023-H1.xlsx`;
    const last = `BM_${codes.at(-1) ?? ""}_2023-H1.xlsx`;
    // A different file under a template's name (a unit's filled workbook) is refused before anything is written.
    await writeFile(path.join(out, first), "a unit's file");
    const r0 = await runCli(["template", "--period", "2023-H1", "--out-dir", out, "--lang", "en"]);
    await expectOneLineExit2(r0, /^A different file already has that name; a blank template never replaces it: .*BM_.*\. Choose another folder or move those files\.$/u);
    expect(await readdir(out)).toEqual([first]);
    expect(await readFile(path.join(out, first), "utf8")).toBe("a unit's file");
    // The same template written before may be written again; a failing rename keeps it as it was.
    await rm(path.join(out, first));
    expect((await runCli(["template", "--period", "2023-H1", "--unit", codes[0] ?? "", "--out", path.join(out, first)])).code).toBe(0);
    const before = await readFile(path.join(out, first));
    failRenameOnto(last);
    const r = await runCli(["template", "--period", "2023-H1", "--out-dir", out, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(`Cannot write to ${path.join(out, last)} (EIO).`);
    expect(await readdir(out)).toEqual([first]);
    expect((await readFile(path.join(out, first))).equals(before)).toBe(true);

    vi.mocked(fsp.rename).mockImplementation(realFs.rename);
    await mkdir(path.join(out, last));
    const r2 = await runCli(["template", "--period", "2023-H1", "--out-dir", out, "--lang", "en"]);
    await expectOneLineExit2(r2, /^Cannot write to .*\(it is a folder: EISDIR\)\.$/u);
    expect((await readdir(out)).sort()).toEqual([first, last].sort());
    expect((await readFile(path.join(out, first))).equals(before)).toBe(true);
  });
});

describe("aggregate into a folder that does not exist", () => {
  it("makes it, as template, validate --json and demo do", async () => {
    const dir = await tempDir("tonghop-mk-");
    const { folder } = await units(dir);
    const r = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", path.join(dir, "agg1", "r.xlsx"), "--json", path.join(dir, "agg1", "sub", "r.json")]);
    expect(r.code).toBeLessThan(2);
    expect((await readdir(path.join(dir, "agg1"))).sort()).toEqual(["r.xlsx", "sub"]);
    expect(await readdir(path.join(dir, "agg1", "sub"))).toEqual(["r.json"]);
  });

  it("removes the folders it made when the run fails", async () => {
    const dir = await tempDir("tonghop-mk2-");
    const { folder } = await units(dir);
    failRenameOnto("r.json");
    const r = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", path.join(dir, "agg1", "r.xlsx"), "--json", path.join(dir, "agg1", "sub", "r.json"), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(`Cannot write to ${path.join(dir, "agg1", "sub", "r.json")} (EIO).`);
    expect(existsSync(path.join(dir, "agg1"))).toBe(false);
  });

  it("the pre-flight check keeps the folder it made for the run (until undone)", async () => {
    const dir = await tempDir("tonghop-pre-");
    const target = path.join(dir, "a", "b", "r.xlsx");
    const prepared = await prepareOutputs([target]);
    expect(await readdir(path.join(dir, "a", "b"))).toEqual([]);
    await prepared.undo();
    expect(await readdir(dir)).toEqual([]);
  });

  it("names the file that could not be written", async () => {
    const dir = await tempDir("tonghop-name-");
    const { folder } = await units(dir);
    await writeFile(path.join(dir, "blocker"), "x");
    const target = path.join(dir, "blocker", "out", "r.xlsx");
    const r = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", target, "--lang", "en"]);
    await expectOneLineExit2(r, /\(ENOTDIR\)\.$/u);
    expect(r.stderr.trim()).toBe(`Cannot write to ${target} (ENOTDIR).`);
  });
});

describe("--created and creationTime name real days", () => {
  const created = (bytes: Buffer): string => /<dcterms:created[^>]*>([^<]+)</u.exec(strFromU8(unzipSync(new Uint8Array(bytes))["docProps/core.xml"] ?? new Uint8Array()))?.[1] ?? "";

  it("refuses 2023-02-30 as --deadline is refused (aggregate, template, demo, the configuration)", async () => {
    const dir = await tempDir("tonghop-created-");
    const { folder } = await units(dir);
    const config = path.join(dir, "c.json");
    await writeFile(config, JSON.stringify({ creationTime: "2023-02-30T00:00:00Z" }));
    const bad = [
      ["aggregate", folder, "--period", "2023-H1", "--out", path.join(dir, "o", "r.xlsx"), "--created", "2023-02-30"],
      ["template", "--period", "2023-H1", "--unit", "THANH-TRA-BO", "--out", path.join(dir, "o", "t.xlsx"), "--created", "2023-02-30"],
      ["demo", "--out-dir", path.join(dir, "o"), "--created", "2023-02-30"],
      ["annotate", path.join(folder, A), "--period", "2023-H1", "--out", path.join(dir, "o", "a.xlsx"), "--created", "2023-02-30"],
    ];
    for (const c of bad) await expectOneLineExit2(await runCli([...c, "--lang", "en"]), /^Invalid --created date "2023-02-30" \(use yyyy-MM-dd\)\.$/u);
    await expectOneLineExit2(await runCli(["validate", folder, "--period", "2023-H1", "--config", config, "--lang", "en"]), /^Option "creationTime" is not valid: "2023-02-30T00:00:00Z"/u);
    await writeFile(config, JSON.stringify({ creationTime: "2023-02-28T24:00:00Z" }));
    await expectOneLineExit2(await runCli(["validate", folder, "--period", "2023-H1", "--config", config, "--lang", "en"]), /^Option "creationTime" is not valid/u);
    expect(existsSync(path.join(dir, "o"))).toBe(false);

    // A real day is taken, and written as given.
    await writeFile(config, JSON.stringify({ creationTime: "2023-02-28T23:59:59Z" }));
    const ok = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", path.join(dir, "r.xlsx"), "--config", config]);
    expect(ok.code).toBeLessThan(2);
    expect(created(await readFile(path.join(dir, "r.xlsx")))).toBe("2023-02-28T23:59:59Z");
    const ok2 = await runCli(["aggregate", folder, "--period", "2023-H1", "--out", path.join(dir, "r2.xlsx"), "--created", "2024-02-29"]);
    expect(ok2.code).toBeLessThan(2);
    expect(created(await readFile(path.join(dir, "r2.xlsx")))).toBe("2024-02-29T00:00:00Z");
  });
});

describe("two PATHs giving one name (CLI.md: each written with its PATH argument as typed in front)", () => {
  interface Json {
    readonly inputs: ReadonlyArray<{ file: string }>;
  }
  const names = async (cwd: string, args: string[]): Promise<string[]> => {
    const json = path.join(cwd, "v.json");
    const here = process.cwd();
    process.chdir(cwd);
    try {
      const r = await runCli(["validate", ...args, "--period", "2023-H1", "--json", json]);
      expect(r.code).toBeLessThan(2);
    } finally {
      process.chdir(here);
    }
    return (JSON.parse(await readFile(json, "utf8")) as Json).inputs.map((i) => i.file).sort();
  };

  it("a file PATH is named by the PATH as typed, a file in a folder PATH by the folder as typed and its relative path", async () => {
    const dir = await tempDir("tonghop-dot-");
    for (const d of ["dot1", "dot2", "dot3/a"]) await mkdir(path.join(dir, d), { recursive: true });
    await copyFile(path.join(FOLDER, A), path.join(dir, "dot1", "BM_X.xlsx"));
    await copyFile(path.join(FOLDER, B), path.join(dir, "dot2", "BM_X.xlsx"));
    await copyFile(path.join(FOLDER, A), path.join(dir, "dot3", "BM_X.xlsx"));
    await copyFile(path.join(FOLDER, B), path.join(dir, "dot3", "a", "BM_X.xlsx"));
    expect(await names(dir, ["dot1", "dot2/BM_X.xlsx"])).toEqual(["dot1/BM_X.xlsx", "dot2/BM_X.xlsx"]);
    expect(await names(dir, ["dot3/a/BM_X.xlsx", "dot3/BM_X.xlsx"])).toEqual(["dot3/BM_X.xlsx", "dot3/a/BM_X.xlsx"]);
    // The file PATH met again inside the folder is one input, named by the file PATH.
    expect(await names(dir, ["dot3/a/BM_X.xlsx", "dot3/"])).toEqual(["dot3/BM_X.xlsx", "dot3/a/BM_X.xlsx"]);
    // No clash, no prefix.
    expect(await names(dir, ["dot2/BM_X.xlsx"])).toEqual(["BM_X.xlsx"]);
  });
});
