/**
 * `tonghop annotate` where it used to go wrong (CLI.md `annotate`, exit codes; WORKBOOKS.md §1.6):
 * workbooks the reader accepts but exceljs cannot load, flags CLI.md does not give annotate, and an
 * output path that is the unit's own file under another name.
 */
import { createHash } from "node:crypto";
import { copyFile, link, mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBinary, runCli, tempDir } from "./helpers/cli";

const HOSTILE = path.join(__dirname, "fixtures", "hostile");
const OK_FILLED = path.join(__dirname, "fixtures", "submissions", "cases", "ok-filled.xlsx");

const sha256 = async (file: string): Promise<string> => createHash("sha256").update(await readFile(file)).digest("hex");

describe("annotate on a workbook exceljs cannot load", () => {
  // (cells-without-r-attribute.xlsx was refused too until 2026-12-07; its copy is now made, below.)
  for (const name of ["very-long-sheet-name.xlsx"]) {
    it(`${name}: findings printed, one line naming the file, exit 2, nothing written`, async () => {
      const dir = await tempDir();
      const input = path.join(dir, name);
      await copyFile(path.join(HOSTILE, name), input);
      const before = await sha256(input);
      const outDir = path.join(dir, "out");
      await mkdir(outDir);
      const out = path.join(outDir, "returned.xlsx");
      // The binary, so stderr is all the process prints (exceljs's own console warnings too).
      const r = await runBinary(["annotate", input, "--period", "2023-H1", "--out", out]);
      // Exit 2: no returned file was made, and the file itself is accepted (so 1 would misstate it).
      expect(r.code).toBe(2);
      expect(r.stdout).toContain("very-long-sheet-name.xlsx (đơn vị VU-NGVH): Được chấp nhận."); // the run and its findings are still printed
      expect(r.stdout).toContain("Kết quả kiểm tra");
      const lines = r.stderr.split("\n").filter((l) => l !== "" && !l.startsWith("Đang đọc tệp"));
      expect(lines).toEqual([`${input}: Không ghi được bản sao có đánh dấu: cấu trúc của bảng tính này không ghi lại được. Tệp gốc không bị thay đổi.`]);
      expect(r.stderr).not.toMatch(/TypeError|Error:|\bat .*\(|exceeds 31 chars/u);
      expect(await readdir(outDir)).toEqual([]);
      expect(await sha256(input)).toBe(before);
    }, 60_000);
  }

  it("says it in English with --lang en", async () => {
    const input = path.join(HOSTILE, "very-long-sheet-name.xlsx");
    const out = path.join(await tempDir(), "returned.xlsx");
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${input}: Cannot write the annotated copy: the workbook's structure cannot be re-written. The original file is unchanged.`);
  }, 60_000);
});

describe("annotate on cells without r (refused until 2026-12-07: exceljs needs every cell's reference)", () => {
  it("cells-without-r-attribute.xlsx: the copy is written, the original unchanged", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "cells-without-r-attribute.xlsx");
    await copyFile(path.join(HOSTILE, "cells-without-r-attribute.xlsx"), input);
    const before = await sha256(input);
    const out = path.join(dir, "returned.xlsx");
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out]);
    expect(r.code, r.stderr).toBeLessThan(2);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
    expect(await sha256(input)).toBe(before);
  }, 60_000);
});

describe("annotate on openpyxl's notes (refused until 2026-12-07: exceljs finds notes by its own part names only)", () => {
  it("comments-on-data-cells.xlsx: the copy is written (exit 0, the file is accepted), the original unchanged", async () => {
    const dir = await tempDir();
    const input = path.join(dir, "comments-on-data-cells.xlsx");
    await copyFile(path.join(HOSTILE, "comments-on-data-cells.xlsx"), input);
    const before = await sha256(input);
    const out = path.join(dir, "returned.xlsx");
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
    expect(await sha256(input)).toBe(before);
  }, 60_000);
});

describe("annotate takes only the flags CLI.md gives it", () => {
  for (const [flagName, value] of [
    ["json", "r.json"],
    ["jobs", "2"],
  ] as const) {
    it(`--${flagName} is an unknown option (exit 2), nothing written`, async () => {
      const dir = await tempDir();
      const out = path.join(dir, "returned.xlsx");
      const r = await runCli(["annotate", OK_FILLED, "--period", "2023-H1", "--out", out, `--${flagName}`, path.join(dir, value)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`Tùy chọn không hợp lệ: --${flagName}.\n`);
      expect(await readdir(dir)).toEqual([]);
    });
  }

  it("still takes --lang and --created", async () => {
    const out = path.join(await tempDir(), "returned.xlsx");
    const r = await runCli(["annotate", OK_FILLED, "--period", "2023-H1", "--out", out, "--lang", "en", "--created", "2023-06-14"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Returned file written");
  }, 60_000);
});

describe("annotate never writes over the unit's file under another name", () => {
  /** `an/BM_X.xlsx`, and `anlink` → `an`. */
  const setUp = async (): Promise<{ dir: string; input: string; before: string }> => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "an"));
    const input = path.join(dir, "an", "BM_VU-TCCB_2023-H1.xlsx");
    await copyFile(OK_FILLED, input);
    await symlink(path.join(dir, "an"), path.join(dir, "anlink"));
    return { dir, input, before: await sha256(input) };
  };
  const refused = async (input: string, out: string): Promise<void> => {
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/không bao giờ bị ghi đè/u);
  };

  it("refuses --out naming another file the run reads: the configuration, the roster (as validate and aggregate do)", async () => {
    const { dir, input } = await setUp();
    const config = path.join(dir, "c.json");
    await writeFile(config, "{}");
    const roster = path.join(dir, "roster.csv");
    await copyFile(path.join(__dirname, "fixtures", "submissions", "more", "roster-closed.csv"), roster);
    for (const [flag, file] of [["--config", config], ["--units", roster]] as const) {
      const before = await sha256(file);
      const r = await runCli(["annotate", input, "--period", "2023-H1", flag, file, "--out", file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/không bao giờ bị ghi đè/u);
      expect(await sha256(file)).toBe(before);
    }
  });

  it("refuses --out through a linked folder (anlink/X.xlsx for an/X.xlsx), either way round", async () => {
    const { dir, input, before } = await setUp();
    await refused(input, path.join(dir, "anlink", path.basename(input)));
    await refused(path.join(dir, "anlink", path.basename(input)), input);
    // Relative paths through the link, as typed in a shell.
    await refused(path.relative(process.cwd(), input), path.relative(process.cwd(), path.join(dir, "anlink", "x", "..", path.basename(input))));
    expect(await sha256(input)).toBe(before);
    expect((await readdir(path.join(dir, "an"))).sort()).toEqual([path.basename(input)]);
  }, 60_000);

  it("refuses a hard link to the unit's file, and a link to it", async () => {
    const { dir, input, before } = await setUp();
    const hard = path.join(dir, "hard.xlsx");
    await link(input, hard);
    await refused(input, hard);
    const soft = path.join(dir, "soft.xlsx");
    await symlink(input, soft);
    await refused(input, soft);
    expect(await sha256(input)).toBe(before);
    expect(await sha256(hard)).toBe(before);
  }, 60_000);

  it("writes beside the unit's file through the linked folder, and into a new folder under it", async () => {
    const { dir, input, before } = await setUp();
    for (const out of [path.join(dir, "anlink", "BM_VU-TCCB_2023-H1-tra-lai.xlsx"), path.join(dir, "anlink", "new", "BM_VU-TCCB_2023-H1.xlsx")]) {
      const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out]);
      expect(r.code, r.stderr).toBe(0);
      expect(await sha256(out)).not.toBe(before);
    }
    expect(await sha256(input)).toBe(before);
  }, 60_000);
});

describe("annotate on a file that is no submission (exit 2 until 2026-12-07)", () => {
  it.each<[string, string | null]>([
    ["note.txt", "hello"],
    ["blank.xlsx", null],
  ])("%s: exit 1 as CLI.md gives for an unreadable or not-a-submission input, the reason on stderr, nothing written", async (name, text) => {
    const dir = await tempDir();
    const input = path.join(dir, name);
    if (text !== null) await writeFile(input, text);
    else await copyFile(path.join(__dirname, "fixtures", "submissions", "cases", "not-a-submission.xlsx"), input);
    const outDir = path.join(dir, "out");
    await mkdir(outDir);
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", path.join(outDir, "returned.xlsx")]);
    expect(r.code).toBe(1);
    // The reason once, as the file's finding; then the line that no copy was made (it repeated the reason).
    expect(r.stdout).toContain(`Tệp ${name} không`);
    expect(r.stderr).toContain(`Không tạo được tệp trả lại: tệp ${name} không đọc được hoặc không phải báo cáo theo mẫu (lý do ở trên).`);
    expect(r.stderr).not.toContain("Đề nghị");
    expect(await readdir(outDir)).toEqual([]);
  }, 60_000);
});
