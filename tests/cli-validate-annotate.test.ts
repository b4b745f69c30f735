/** `tonghop validate` and `tonghop annotate` end to end on the fixture files (CLI.md). */
import { createHash } from "node:crypto";
import { readFile, writeFile, mkdir, copyFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBinary, runCli, tempDir } from "./helpers/cli";
import { convertWithLibreOffice } from "./helpers/libreoffice";
import { loadWorkbook, textOf } from "./helpers/workbook";

const FIXTURES = path.join(__dirname, "fixtures", "submissions");
const FOLDER = path.join(FIXTURES, "folder-2023-H1");

const FINDING_KEYS = ["file", "unit", "severity", "rule", "form", "sheet", "cell", "row", "column", "value", "expected", "message"];

describe("tonghop validate", () => {
  it("lists every file of a folder, counts every unit and writes the JSON of CLI.md", async () => {
    const dir = await tempDir();
    const json = path.join(dir, "r.json");
    const result = await runBinary(["validate", FOLDER, "--period", "2023-H1", "--json", json]);
    expect(result.code).toBe(1); // the folder holds rejected and unreadable files
    const r = JSON.parse(await readFile(json, "utf8")) as Record<string, unknown> & {
      inputs: Array<{ file: string; status: string }>;
      findings: Array<Record<string, unknown>>;
      units: Record<string, unknown>;
    };
    expect(Object.keys(r)).toEqual(["tool", "version", "period", "window", "units", "inputs", "findings"]);
    expect(r.tool).toBe("tonghop");
    expect(r.window).toEqual({ from: "2022-12-15", to: "2023-06-14" });
    expect(r.units).toEqual({ expected: 47, received: 45, accepted: 43, rejected: 2, late: 2, missing: ["VU-BPD", "CQDD-RU-MOW"] });
    expect(r.inputs.length).toBeGreaterThanOrEqual(47);
    expect(r.inputs.some((i) => i.file.startsWith("dot2/"))).toBe(true);
    for (const f of r.findings) expect(Object.keys(f)).toEqual(FINDING_KEYS);
    expect(result.stdout).toContain("Phải nộp 47 · Đã nộp 45 · Được chấp nhận 43 · Nộp muộn 2 · Chưa nộp 2 · Bị trả lại 2");
    const infos = r.findings.filter((f) => f.severity === "info").length;
    expect(infos).toBeGreaterThan(0);
    expect(result.stdout).toContain(`(${infos} thông tin khác: có đủ trong tệp --json)`);
    // Same inputs, same JSON: findings are in a fixed order.
    const again = path.join(dir, "r2.json");
    await runCli(["validate", FOLDER, "--period", "2023-H1", "--json", again]);
    expect(await readFile(again, "utf8")).toBe(await readFile(json, "utf8"));
    // Regression (an outside review): without --json the infos are in no file; the line said they were.
    const without = await runCli(["validate", FOLDER, "--period", "2023-H1", "--lang", "en"]);
    expect(without.stdout).toContain(`(${infos} more infos: run again with --json FILE to have them all listed)`);
    expect(without.stdout).not.toContain("--json file");
  });

  it("exits 0 on a correct file and prints English with --lang en", async () => {
    const result = await runCli(["validate", path.join(FIXTURES, "cases", "ok-filled.xlsx"), "--period", "2023-H1", "--lang", "en"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Accepted 1");
  });

  it("never crashes on bad files: each is a finding and the others are still read", async () => {
    const dir = await tempDir();
    for (const name of ["empty.xlsx", "random-bytes.xlsx", "truncated.xlsx", "legacy.xls", "sheet.ods", "csv-renamed.xlsx", "password-protected.xlsx", "not-a-submission.xlsx", "code-row-deleted.xlsx", "ok-filled.xlsx"]) {
      await copyFile(path.join(FIXTURES, "cases", name), path.join(dir, name));
    }
    await mkdir(path.join(dir, "no-thongtin"));
    await copyFile(path.join(FIXTURES, "cases", "no-thongtin", "BM_VU-DBA_2023-H1.xlsx"), path.join(dir, "no-thongtin", "BM_VU-DBA_2023-H1.xlsx"));
    const json = path.join(dir, "out.json");
    const result = await runCli(["validate", dir, "--period", "2023-H1", "--json", json]);
    expect(result.code).toBe(1);
    const r = JSON.parse(await readFile(json, "utf8")) as { inputs: Array<{ file: string; status: string }> };
    const status = Object.fromEntries(r.inputs.map((i) => [i.file, i.status]));
    expect(status["ok-filled.xlsx"]).toBe("accepted");
    for (const bad of ["empty.xlsx", "random-bytes.xlsx", "truncated.xlsx", "legacy.xls", "sheet.ods", "csv-renamed.xlsx", "password-protected.xlsx"]) {
      expect(status[bad], bad).toBe("unreadable");
    }
    expect(status["not-a-submission.xlsx"]).toBe("not-a-submission");
    expect(status["code-row-deleted.xlsx"]).toBe("rejected");
    expect(status["no-thongtin/BM_VU-DBA_2023-H1.xlsx"]).toBe("rejected");
  });
});

describe("tonghop annotate", () => {
  it("writes a copy with each finding on its cell, a LoiPhatHien first sheet, and leaves the original untouched", async () => {
    const dir = await tempDir();
    const original = path.join(dir, "identity-errors.xlsx");
    await copyFile(path.join(FIXTURES, "cases", "identity-errors.xlsx"), original);
    const before = createHash("sha256").update(await readFile(original)).digest("hex");
    const out = path.join(dir, "identity-errors-tra-lai.xlsx");
    const result = await runCli(["annotate", original, "--period", "2023-H1", "--out", out]);
    expect(result.code).toBe(1);
    expect(createHash("sha256").update(await readFile(original)).digest("hex")).toBe(before);

    const check = async (bytes: Uint8Array): Promise<void> => {
      const wb = await loadWorkbook(bytes);
      expect(wb.worksheets[0]?.name).toBe("LoiPhatHien");
      const kh = wb.getWorksheet("KH_TH");
      const note = kh?.getCell("C11").note;
      const text = typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("") ?? "";
      expect(text).toContain("V-ID-KH-TH-1");
      expect(text).toContain("[Lỗi]");
      const tcd = wb.getWorksheet("01_TCD")?.getCell("B12");
      const tcdNote = typeof tcd?.note === "string" ? tcd.note : tcd?.note?.texts?.map((t) => t.text).join("") ?? "";
      expect(tcdNote).toContain("V-ID-01/TCD-1");
      const list = wb.getWorksheet("LoiPhatHien");
      const rules: string[] = [];
      list?.eachRow((row) => rules.push(textOf(row.getCell(5).value)));
      expect(rules).toEqual(expect.arrayContaining(["V-ID-KH-TH-1", "V-ID-01/TCD-1", "V-ID-01/XLD-2"]));
    };
    const annotated = new Uint8Array(await readFile(out));
    await check(annotated);
    const fill = (await loadWorkbook(annotated)).getWorksheet("KH_TH")?.getCell("C11").fill;
    expect(fill && "fgColor" in fill ? fill.fgColor?.argb : null).toBe("FFFFC7CE");

    // LibreOffice opens it, and its re-save keeps the notes on the same cells.
    const pdf = await convertWithLibreOffice(out, "pdf");
    expect((await readFile(pdf.out)).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const resaved = await convertWithLibreOffice(out, "xlsx");
    await check(new Uint8Array(await readFile(resaved.out)));
  });

  it("refuses to overwrite the unit's own file", async () => {
    const dir = await tempDir();
    const original = path.join(dir, "a.xlsx");
    await writeFile(original, await readFile(path.join(FIXTURES, "cases", "ok-filled.xlsx")));
    const result = await runCli(["annotate", original, "--period", "2023-H1", "--out", original]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/không bao giờ bị ghi đè/u);
  });
});

describe("received dates and deadlines from the command line (PERIODS.md §7)", () => {
  const late = path.join(FIXTURES, "cases", "late.xlsx");
  const lateRules = async (extra: string[]): Promise<string[]> => {
    const dir = await tempDir();
    const json = path.join(dir, "r.json");
    await runCli(["validate", late, "--period", "2023-H1", "--json", json, ...extra]);
    const r = JSON.parse(await readFile(json, "utf8")) as { findings: Array<{ rule: string }>; units: { late: number } };
    return [...r.findings.map((f) => f.rule), `late=${r.units.late}`];
  };

  it("is late by the file's modified date, on time by the receipt log or a later deadline", async () => {
    expect(await lateRules([])).toEqual(expect.arrayContaining(["V-PERIOD-05", "late=1"]));
    const dir = await tempDir();
    const log = path.join(dir, "so-nhan.csv");
    await writeFile(log, "\uFEFFtep,ngay_nhan\nlate.xlsx,15/06/2023 09:30\nkhong-co.xlsx,2023-06-01\n");
    const byLog = await lateRules(["--receipts", log]);
    expect(byLog).not.toContain("V-PERIOD-05");
    expect(byLog).toContain("late=0");
    const byDeadline = await lateRules(["--deadline", "2023-06-30"]);
    expect(byDeadline).not.toContain("V-PERIOD-05");
  });

  it("stops with exit code 2 on a receipt log with a bad date, naming the line", async () => {
    const dir = await tempDir();
    const log = path.join(dir, "so-nhan.csv");
    await writeFile(log, "tep,ngay_nhan\nlate.xlsx,31/02/2023\n");
    const result = await runCli(["validate", late, "--period", "2023-H1", "--receipts", log]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dòng 2: ngày nhận "31\/02\/2023"/u);
  });
});
