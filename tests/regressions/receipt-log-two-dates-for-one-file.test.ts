/**
 * Regression (an outside review, 2026-12-07, seventh session): a receipt log with two rows for one file,
 * 20/09/2023 then 10/09/2023, used the last (a later row corrects an earlier one) and said nothing, while a
 * row naming no file is said. The date decides "Nộp muộn" (PERIODS.md §7), so the console now names the
 * file, the rows and the one used. Two rows giving the same date are no conflict and are not said.
 */
import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { conflictingReceipts, type ReceiptEntry } from "../../src/core/read/receipts";
import { runCli, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1");
const FILE = "BM_VU-CAU-AU_2023-H1.xlsx";

const row = (file: string, date: string, line: number): ReceiptEntry => ({ file, date, time: null, timestampUtc: null, line });

interface RunJson {
  readonly units: { readonly late: number };
}

describe("a receipt log giving one file two dates", () => {
  it("is a conflict only when the dates differ", () => {
    const files = ["BM_A.xlsx", "BM_B.xlsx"];
    const conflicts = conflictingReceipts([row("BM_A.xlsx", "2023-06-20", 2), row("BM_B.xlsx", "2023-06-10", 3), row("BM_A.xlsx", "2023-06-10", 4), row("BM_B.xlsx", "2023-06-10", 5)], files);
    expect(conflicts.map((c) => [c.file, c.rows.map((r) => r.line)])).toEqual([["BM_A.xlsx", [2, 4]]]);
  });

  it("uses the last row, and the console says which rows and which date", async () => {
    const dir = await tempDir();
    await copyFile(path.join(SAMPLE, FILE), path.join(dir, FILE));
    const log = path.join(dir, "so-nhan.csv");
    // The deadline of 2023-H1 is 16/06/2023 (PERIODS.md §7): the first row is late, the last on time.
    await writeFile(log, `tep,ngay_nhan\n${FILE},20/06/2023\n${FILE},10/06/2023\n`);
    const json = path.join(dir, "ketqua.json");
    const r = await runCli(["validate", path.join(dir, FILE), "--period", "2023-H1", "--receipts", log, "--json", json]);
    expect(JSON.parse(await readFile(json, "utf8")) as RunJson).toMatchObject({ units: { late: 0 } });
    expect(r.stderr).toContain(`Sổ nhận so-nhan.csv, dòng 2, 3: tệp ${FILE} có nhiều ngày nhận khác nhau; dùng dòng cuối (dòng 3: 10/06/2023).`);
    const en = await runCli(["validate", path.join(dir, FILE), "--period", "2023-H1", "--receipts", log, "--lang", "en"]);
    expect(en.stderr).toContain(`Receipt log so-nhan.csv, lines 2, 3: file ${FILE} has different received dates; the last row is used (line 3: 10/06/2023).`);
  });
});
