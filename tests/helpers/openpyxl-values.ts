/** Every sheet's non-empty cell values as openpyxl reads them (LoiPhatHien left out): an independent reader for copies. */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { collectInputs } from "../../src/cli/inputs";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import { DEFAULT_ROSTER } from "../../src/core/roster";

const FIXTURE_FOLDER = path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1");

const VALUES = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "print(json.dumps({ws.title: {c.coordinate: str(c.value) for row in ws.iter_rows() for c in row if c.value is not None} for ws in wb.worksheets if ws.title != 'LoiPhatHien'}))",
].join("\n");

export function openpyxlValues(file: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", VALUES, file], { maxBuffer: 1 << 26 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as unknown)));
  });
}

/** What a Python `script` (openpyxl at hand) prints as JSON, given `args`: an independent reader's reading. */
export function openpyxlJson<T>(script: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", script, ...args], { maxBuffer: 1 << 26 }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as T)));
  });
}

/** The report of the fixture folder (47 real files, 2023-H1), written to `dir`; its path. */
export async function fixtureFolderReport(dir: string): Promise<string> {
  const files = await collectInputs([FIXTURE_FOLDER]);
  const result = await runPipeline({ inputs: files.map((f) => ({ ...f, id: f.file })), period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, aggregate: true });
  if (!result.report) throw new Error("no report");
  const file = path.join(dir, "report.xlsx");
  await writeFile(file, result.report.bytes);
  return file;
}
