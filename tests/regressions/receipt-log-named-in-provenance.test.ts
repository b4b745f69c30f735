/**
 * NguonSoLieu's `Tùy chọn` (WORKBOOKS.md §2.9) recorded a receipt log as "3 dòng" alone: a report whose late
 * and on-time statuses came from a log did not say which log, where the roster is named with its SHA-256. It
 * now names the log's file and SHA-256 as well (the CLI's `--receipts` and the pane's log alike: the
 * pane-worker test compares their reports byte for byte). The digest here is node:crypto's of the file. The
 * rows counted are the log's own: dates typed by hand in the pane are counted apart (a review found them
 * added to the log's count, beside its name and digest, where the same log gave the CLI another count).
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { DEFAULT_PANE_OPTIONS, type StoredFile } from "../../src/taskpane/api";
import { runOptionsOf } from "../../src/taskpane/worker/prepare";
import { runCli, tempDir } from "../helpers/cli";

const FOLDER = path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1");
const LOG = "tep,ngay_nhan\ndot2/BM_CQDD-US-HOU_2023-H1.xlsx,15/06/2023\nBM_VU-CAU-AU_2023-H1.xlsx,14/06/2023 09:30\nBM_KHONG-CO_2023-H1.xlsx,10/06/2023\n";

let dir = "";
let options: Record<string, unknown> = {};

beforeAll(async () => {
  dir = await tempDir("tonghop-receipt-source-");
  const log = path.join(dir, "so-nhan.csv");
  await writeFile(log, LOG);
  const report = path.join(dir, "BaoCao.xlsx");
  const r = await runCli(["aggregate", FOLDER, "--period", "2023-H1", "--receipts", log, "--out", report]);
  if (r.code !== 0 && r.code !== 1) throw new Error(r.stderr);
  // openpyxl reads the row labelled "Tùy chọn" in block 0 of NguonSoLieu.
  const script = 'import sys, openpyxl\nws = openpyxl.load_workbook(sys.argv[1])["NguonSoLieu"]\nprint(next(r[1].value for r in ws.iter_rows(max_col=2) if r[0].value == "Tùy chọn"))';
  options = JSON.parse(execFileSync("/usr/bin/python3", ["-W", "ignore", "-c", script, report], { encoding: "utf8" })) as Record<string, unknown>;
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the receipt log in NguonSoLieu's options", () => {
  it("is named by its file and SHA-256, with the rows read", () => {
    const sha = createHash("sha256").update(LOG).digest("hex");
    expect(options.receiptLog).toBe(`so-nhan.csv (SHA-256 ${sha}), 3 dòng`);
  });
});

describe("the receipt log in the pane, with dates typed by hand", () => {
  it("counts the log's rows beside its name, the typed dates apart", () => {
    const typed = (name: string, received: string | null): StoredFile => ({ id: name, name, originalName: name, size: 1, sha256: "", source: "file", received, bytes: new ArrayBuffer(1) });
    const files = [typed("a.xlsx", "2023-06-15"), typed("b.xlsx", null), typed("c.xlsx", "2023-06-16")];
    const bytes = new TextEncoder().encode(LOG);
    const options = runOptionsOf(parsePeriod("2023-H1"), { ...DEFAULT_PANE_OPTIONS, receipts: { name: "so-nhan.csv", bytes: bytes.buffer as ArrayBuffer } }, files);
    const sha = createHash("sha256").update(LOG).digest("hex");
    expect(options.receiptsSource).toBe(`so-nhan.csv (SHA-256 ${sha}), 3 dòng; 2 ngày nhập tay`);
    expect(options.receipts).toHaveLength(5);
    // Without typed dates, the words the CLI writes for the same log.
    expect(runOptionsOf(parsePeriod("2023-H1"), { ...DEFAULT_PANE_OPTIONS, receipts: { name: "so-nhan.csv", bytes: bytes.buffer as ArrayBuffer } }, []).receiptsSource).toBe(`so-nhan.csv (SHA-256 ${sha}), 3 dòng`);
  });
});
