/**
 * Quirk: `annotate` printed the period's completeness for its one file ("Phải nộp 47 · Đã nộp 1 … Chưa nộp
 * 46" and then every other unit as missing), which a clerk returning one file took for the ministry's state.
 * It now says what became of that file alone. Expected values: the fixture's recorded expectations
 * (tests/fixtures/submissions/expectations.json, made with the fixtures by openpyxl).
 */
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const CASES = path.join(__dirname, "..", "fixtures", "submissions");

interface Expected {
  readonly unit: string;
  readonly status: string;
  readonly findings: ReadonlyArray<{ readonly severity: string }>;
  readonly received?: { readonly date: string };
}

async function expectations(): Promise<{ readonly deadline: string; readonly files: Record<string, Expected> }> {
  return JSON.parse(await readFile(path.join(CASES, "expectations.json"), "utf8")) as { deadline: string; files: Record<string, Expected> };
}

async function expected(name: string): Promise<Expected> {
  const entry = (await expectations()).files[`cases/${name}`];
  if (!entry) throw new Error(`no expectation for ${name}`);
  return entry;
}

describe("annotate prints its one file's status, not the period's completeness", () => {
  it("names the file, its unit, its status and its counts, and no unit as missing", async () => {
    const want = await expected("identity-errors.xlsx");
    expect(want.status).toBe("rejected");
    const errors = want.findings.filter((f) => f.severity === "error").length;
    const dir = await tempDir();
    const file = path.join(dir, "identity-errors.xlsx");
    await copyFile(path.join(CASES, "cases", "identity-errors.xlsx"), file);

    const vi = await runCli(["annotate", file, "--period", "2023-H1", "--out", path.join(dir, "tra-lai.xlsx")]);
    expect(vi.code).toBe(1);
    expect(vi.stdout).not.toMatch(/Chưa nộp|Phải nộp/u);
    expect(vi.stdout).toContain(`Tệp identity-errors.xlsx (đơn vị ${want.unit}): Bị trả lại. Kết quả kiểm tra: ${errors} lỗi,`);

    const en = await runCli(["annotate", file, "--period", "2023-H1", "--out", path.join(dir, "returned.xlsx"), "--lang", "en"]);
    expect(en.stdout).not.toMatch(/Missing|Expected \d/u);
    expect(en.stdout).toContain(`File identity-errors.xlsx (unit ${want.unit}): rejected. Check results: ${errors} error`);
  });

  it("says how late an accepted file came", async () => {
    const want = await expected("late.xlsx");
    const deadline = (await expectations()).deadline;
    expect(want.status).toBe("accepted");
    const days = (Date.parse(want.received?.date ?? "") - Date.parse(deadline)) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    const dir = await tempDir();
    const file = path.join(dir, "late.xlsx");
    await copyFile(path.join(CASES, "cases", "late.xlsx"), file);
    const run = await runCli(["annotate", file, "--period", "2023-H1", "--out", path.join(dir, "tra-lai.xlsx")]);
    expect(run.stdout).toContain(`Tệp late.xlsx (đơn vị ${want.unit}): Được chấp nhận, nộp muộn ${days} ngày.`);
  });
});
