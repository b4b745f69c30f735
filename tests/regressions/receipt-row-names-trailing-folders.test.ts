/**
 * Quirk: `validate R/dot1 R/dot2 --receipts so-nhan.csv` names its inputs "R/dot1/BM.xlsx" and
 * "R/dot2/BM.xlsx" (CLI.md: the PATH as typed in front), while the clerk's log says "dot1/BM.xlsx" and
 * "dot2/BM.xlsx". Neither the whole path nor the base name (two inputs have it) matched, both rows were
 * dropped without a word, the files' own properties decided, and the file the log says came later lost
 * (PERIODS.md §7, V-DUP-01). A row now names the one input whose trailing folders and name it gives, and a
 * row that names no file is said on the console.
 * Files: two fixtures of one unit (VU-NGVH) whose `dcterms:modified` order (recorded in
 * tests/fixtures/submissions/expectations.json: _a 2023-06-16, _z 2023-06-15) is the opposite of the log's.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { matchReceipt, unmatchedReceipts, type ReceiptEntry } from "../../src/core/read/receipts";
import { runCli, tempDir } from "../helpers/cli";

const CASES = path.join(__dirname, "..", "fixtures", "submissions", "cases");

const row = (file: string, line: number): ReceiptEntry => ({ file, date: "2023-06-10", time: null, timestampUtc: null, line });

interface RunJson {
  readonly units: { readonly late: number };
  readonly inputs: ReadonlyArray<{ readonly file: string; readonly status: string }>;
}

describe("a receipt row names the input whose trailing folders and name it gives", () => {
  it("matches dot1/BM.xlsx to R/dot1/BM.xlsx and not to R/dot2/BM.xlsx; a bare BM.xlsx names neither", () => {
    const files = ["R/dot1/BM.xlsx", "R/dot2/BM.xlsx"];
    expect(matchReceipt([row("dot1/BM.xlsx", 2)], "R/dot1/BM.xlsx", files)?.line).toBe(2);
    expect(matchReceipt([row("dot1/BM.xlsx", 2)], "R/dot2/BM.xlsx", files)).toBeNull();
    expect(matchReceipt([row("BM.xlsx", 2)], "R/dot1/BM.xlsx", files)).toBeNull();
    // "R/dot1" is not a folder name ending in "/dot1".
    expect(matchReceipt([row("ot1/BM.xlsx", 2)], "R/dot1/BM.xlsx", files)).toBeNull();
    expect(unmatchedReceipts([row("dot1/BM.xlsx", 2), row("BM.xlsx", 3), row("dot3/BM.xlsx", 4), row("R/dot2/BM.xlsx", 5)], files).map((r) => r.line)).toEqual([3, 4]);
  });

  it("the CLI uses the log's dates for both files, so the later by the log counts, and says which row named nothing", async () => {
    const dir = await tempDir();
    for (const [folder, fixture] of [["dot1", "duplicate-later_a-sent-2023-06-16.xlsx"], ["dot2", "duplicate-later_z-sent-2023-06-15.xlsx"]] as const) {
      await mkdir(path.join(dir, "R", folder), { recursive: true });
      await copyFile(path.join(CASES, fixture), path.join(dir, "R", folder, "BM.xlsx"));
    }
    const log = path.join(dir, "so-nhan.csv");
    // dot2 came later by the log (after the deadline, 16/06/2023), while its file's properties say 15/06.
    await writeFile(log, "\ufefftep,ngay_nhan\r\ndot1/BM.xlsx,10/06/2023\r\ndot2/BM.xlsx,18/06/2023\r\ndot3/BM.xlsx,12/06/2023\r\n");
    const json = path.join(dir, "ketqua.json");
    const r = await runCli(["validate", path.join(dir, "R", "dot1"), path.join(dir, "R", "dot2"), "--period", "2023-H1", "--receipts", log, "--json", json]);
    expect(r.code).toBe(0);
    const run = JSON.parse(await readFile(json, "utf8")) as RunJson;
    const byFolder = (folder: string): RunJson["inputs"][number] | undefined => run.inputs.find((i) => i.file.endsWith(`/${folder}/BM.xlsx`));
    expect(byFolder("dot2")?.status).toBe("accepted");
    expect(run.units.late).toBe(1);
    expect(byFolder("dot1")?.status).toBe("duplicate");
    expect(r.stderr).toContain('Sổ nhận so-nhan.csv, dòng 4: "dot3/BM.xlsx" không khớp với tệp nào đã đọc');
    expect(r.stderr).not.toContain("dòng 2:");
    expect(r.stderr).not.toContain("dòng 3:");
  });
});
