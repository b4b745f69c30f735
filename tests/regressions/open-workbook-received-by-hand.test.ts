/**
 * Regression (review of 2026-12-07): the workbook open in Excel, read by the pane, was given a received
 * date from its own properties (`dcterms:modified`, else Ngày lập), like any file: saved by the user just
 * now, or long ago, it turned out late or on time by accident. PERIODS.md §7 and TASKPANE.md item 4: it
 * has only source 1, the receipt log or the date typed in the pane, else its timeliness is unknown (on
 * time, with an info finding). The fixture folder's dot2/BM_CQDD-US-HOU_2023-H1.xlsx is late by its properties.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline, type PipelineInput } from "../../src/core/pipeline";
import { parseReceiptLog } from "../../src/core/read/receipts";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { pipelineInputs } from "../../src/taskpane/worker/prepare";
import type { StoredFile } from "../../src/taskpane/api";

const FILE = "BM_CQDD-US-HOU_2023-H1.xlsx";
const BYTES = new Uint8Array(readFileSync(path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1", "dot2", FILE)));

async function runOf(input: PipelineInput, receipts?: string): Promise<{ source: string; date: string | null; rules: string[] }> {
  const options = receipts ? { receipts: parseReceiptLog(new TextEncoder().encode(receipts), "so-nhan.csv").entries } : {};
  const { run } = await runPipeline({ inputs: [input], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, options, aggregate: false });
  const record = run.inputs[0];
  return { source: record?.received.source ?? "", date: record?.received.date ?? null, rules: run.findings.filter((f) => f.file === FILE).map((f) => f.rule) };
}

describe("the open workbook's received date", () => {
  it("a file is late by its properties (the fixture's premise)", async () => {
    const r = await runOf({ id: "a", file: FILE, bytes: BYTES });
    expect(r.source).toBe("properties");
    expect(r.rules).toContain("V-PERIOD-05");
  });

  it("the open workbook: unknown without a typed date, so not late", async () => {
    const r = await runOf({ id: "a", file: FILE, bytes: BYTES, receivedByHandOnly: true });
    expect(r.source).toBe("unknown");
    expect(r.date).toBeNull();
    expect(r.rules).not.toContain("V-PERIOD-05");
  });

  it("the open workbook: the typed date (the pane's receipt) when there is one", async () => {
    const r = await runOf({ id: "a", file: FILE, bytes: BYTES, receivedByHandOnly: true }, `tep,ngay_nhan\n${FILE},2023-06-25\n`);
    expect(r.source).toBe("receipt");
    expect(r.date).toBe("2023-06-25");
    expect(r.rules).toContain("V-PERIOD-05");
  });

  it("the pane marks the open workbook so, and only it", () => {
    const stored = (source: StoredFile["source"]): StoredFile => ({ id: source, name: FILE, originalName: FILE, size: BYTES.length, sha256: "x", source, received: null, bytes: BYTES.buffer as ArrayBuffer });
    expect(pipelineInputs([stored("workbook"), stored("file")]).map((i) => i.receivedByHandOnly ?? false)).toEqual([true, false]);
  });
});
