/** Every sheet's non-empty cell values as openpyxl reads them (LoiPhatHien left out): an independent reader for copies. */
import { execFile } from "node:child_process";

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
