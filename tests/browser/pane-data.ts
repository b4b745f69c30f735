/**
 * The files the pane's browser test adds, what the spec says they must give, and the same run done
 * by the core in Node (the reference the pane's report is compared with).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { generateSamplePeriod } from "../../src/demo/sample";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline, type PipelineResult } from "../../src/core/pipeline";
import { DEFAULT_ROSTER, parseRosterCsv, type Roster } from "../../src/core/roster";
import { loadWorkbook, textOf } from "../helpers/workbook";
import type { FileBytes } from "./pane-harness";

const SUBMISSIONS = path.join(__dirname, "..", "fixtures", "submissions");
export const FOLDER = path.join(SUBMISSIONS, "folder-2023-H1");

interface FolderExpectations {
  readonly units: { expected: number; received: number; accepted: number; rejected: number; late: number; missing: string[] };
  readonly rates: Record<"inspection" | "party", { completed: number; planned: number; rate: number }>;
  readonly inputs: Record<string, { unit?: string | null; status: string; findings?: Array<{ rule: string; severity: string; sheet: string | null; cell: string | null }> }>;
}

/** The folder's outcome as the spec gives it (tests/fixtures/submissions/README.md). */
export const EXPECTED = (JSON.parse(readFileSync(path.join(SUBMISSIONS, "expectations.json"), "utf8")) as { folder: FolderExpectations }).folder;

function filesIn(dir: string): FileBytes[] {
  return readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(dir, name))) }));
}

/** The folder's top-level files (chosen with the file input) and its dot2/ files (dropped). */
export function folderBatches(): { chosen: FileBytes[]; dropped: FileBytes[] } {
  return { chosen: filesIn(FOLDER), dropped: filesIn(path.join(FOLDER, "dot2")) };
}

/** The path of a top-level file of the folder, for setInputFiles. */
export function folderPath(name: string): string {
  return path.join(FOLDER, name);
}

/** The core's run in Node on the same inputs, in the pane's order and under the pane's names. */
export async function coreRun(inputs: readonly FileBytes[]): Promise<PipelineResult> {
  return runPipeline({
    inputs: inputs.map((f, i) => ({ id: `node-${i}`, file: f.name, bytes: f.bytes })),
    period: parsePeriod("2023-H1"),
    roster: DEFAULT_ROSTER,
    aggregate: true,
  });
}

/** Every non-empty cell of every sheet as "sheet!A1" → text: the report's numbers and words. */
export async function reportCells(bytes: Uint8Array): Promise<Map<string, string>> {
  const wb = await loadWorkbook(bytes);
  const cells = new Map<string, string>();
  wb.eachSheet((ws: ExcelJS.Worksheet) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const text = textOf(cell.value);
        if (text !== "") cells.set(`${ws.name}!${cell.address}`, text);
      });
    });
  });
  return cells;
}

/** Cells that differ between two reports (at most `limit`), for a readable failure. */
export function cellDifferences(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>, limit = 20): string[] {
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) !== b.get(key)) out.push(`${key}: pane=${JSON.stringify(a.get(key))} core=${JSON.stringify(b.get(key))}`);
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * A 2023-H1 period of 100 unit files: a 101-unit roster (the default's 47 and 54 made-up
 * departments, as a CSV the pane loads like a user's roster file) and the sample generator's
 * submissions for it (two units send nothing, one sends twice: 101 − 2 + 1 = 100 files).
 */
export async function hundredUnitPeriod(): Promise<{ roster: FileBytes; rosterModel: Roster; files: FileBytes[]; missing: readonly string[] }> {
  const rows = ["ma_dv,ten_dv,loai_dv,khoi"];
  for (const r of DEFAULT_ROSTER.rows) rows.push(`${r.code},"${r.name}",${r.type},${r.khoi}`);
  for (let i = 1; rows.length <= 101; i++) rows.push(`VU-THU-${String(i).padStart(2, "0")},Vụ Thử nghiệm ${i},VU,TRONG_NUOC`);
  const csv = new TextEncoder().encode(rows.join("\r\n") + "\r\n");
  const parsed = parseRosterCsv(csv, "danh-sach-101.csv");
  if (!parsed.roster) throw new Error(`the generated roster has errors: ${parsed.errors.map((e) => e.rule).join(", ")}`);
  const sample = await generateSamplePeriod({ period: parsePeriod("2023-H1"), roster: parsed.roster, seed: 100 });
  const files = sample.files.map((f) => ({ name: f.file, bytes: f.bytes }));
  return { roster: { name: "danh-sach-101.csv", bytes: csv }, rosterModel: parsed.roster, files, missing: sample.missing };
}
