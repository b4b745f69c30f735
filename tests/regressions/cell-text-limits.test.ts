/**
 * Regression: a unit's text was copied into the report and the annotated copy as it was. A 1 MB text made
 * a file Excel refuses (at most 32,767 characters in a cell), and control characters were silently deleted
 * by exceljs or, for U+FFFF, written as XML no reader accepts. WORKBOOKS.md §2.1 says how they are written:
 * cut to 32,000 characters followed by "… (cắt bớt, N ký tự)", and `_xHHHH_` for the characters XML 1.0
 * cannot carry, "in the report and in annotated copies alike".
 * Fixtures (made by fixtures/make-cell-text-fixtures.mjs from ok-filled.xlsx, 02_TCD R12 = column (17)):
 * long-unit-text.xlsx (1,048,576 characters) and control-chars-unit-text.xlsx (_x0001_ … in a shared string).
 * Independent readers: LibreOffice must open each output (conversion to CSV reads the whole workbook), openpyxl reads the cells, and
 * the package XML is compared with the form §2.1 gives.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";
import { convertWithLibreOffice } from "../helpers/libreoffice";

const FIXTURES = path.join(__dirname, "fixtures");
const LONG = path.join(FIXTURES, "long-unit-text.xlsx");
const CONTROL = path.join(FIXTURES, "control-chars-unit-text.xlsx");
const LONG_TEXT = "0123456789".repeat(104_858).slice(0, 1_048_576);
/** The control-character text as the unit's package stores it (Excel's form), and so as §2.1 writes it. */
const CONTROL_XML = "A_x0001_B_x0007_C_x001F_D_xFFFF_E_xD800_F_x005F_x0041_G";

/** Cells of a sheet whose text starts with `prefix`, read by openpyxl: [{address, text}]. */
function openpyxlCells(file: string, sheet: string, prefix: string): Promise<Array<{ address: string; text: string }>> {
  const script = [
    "import json, sys, warnings, openpyxl",
    "warnings.simplefilter('ignore')",
    "ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]",
    "out = [{'address': c.coordinate, 'text': c.value} for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(sys.argv[3])]",
    "sys.stdout.write(json.dumps(out))",
  ].join("\n");
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", script, file, sheet, prefix], { maxBuffer: 1 << 26 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Array<{ address: string; text: string }>),
    );
  });
}

/** The text of every shared string and inline string of the package, as written in the XML. */
function xmlTexts(file: string): string[] {
  const parts = unzipSync(new Uint8Array(readFileSync(file)), { filter: (f) => f.name === "xl/sharedStrings.xml" || f.name.startsWith("xl/worksheets/sheet") });
  const texts: string[] = [];
  for (const data of Object.values(parts)) for (const m of strFromU8(data).matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/gu)) texts.push(m[1] ?? "");
  return texts;
}

async function outputs(fixture: string, config: string | null): Promise<{ report: string; returned: string }> {
  const dir = await tempDir();
  const extra: string[] = [];
  if (config !== null) {
    await writeFile(path.join(dir, "config.json"), config);
    extra.push("--config", path.join(dir, "config.json"));
  }
  const report = path.join(dir, "report.xlsx");
  const returned = path.join(dir, "returned.xlsx");
  const a = await runCli(["aggregate", fixture, "--period", "2023-H1", "--out", report, ...extra]);
  expect(a.code, a.stderr).toBe(0);
  const b = await runCli(["annotate", fixture, "--period", "2023-H1", "--out", returned, ...extra]);
  expect(b.code, b.stderr).toBe(0);
  return { report, returned };
}

describe("a unit text of 1 MB", () => {
  // The reader's default limit on one text (V-FILE-04, 4,000,000) lets the 1 MB text reach the writers.
  it("is cut as §2.1 says in the report and the annotated copy, and both open in LibreOffice", async () => {
    const { report, returned } = await outputs(LONG, null);
    const expected = `${LONG_TEXT.slice(0, 32_000)}… (cắt bớt, 1048576 ký tự)`;
    const inReport = await openpyxlCells(report, "02_TCD", "0123456789");
    expect(inReport.map((c) => c.text)).toEqual([expected]);
    const inCopy = await openpyxlCells(returned, "02_TCD", "0123456789");
    expect(inCopy).toEqual([{ address: "R12", text: expected }]);
    for (const file of [report, returned]) await convertWithLibreOffice(file, "csv");
  }, 240_000);
});

describe("control characters in a unit text", () => {
  it("are written as _xHHHH_ in the report and the annotated copy, and both open in LibreOffice", async () => {
    const { report, returned } = await outputs(CONTROL, null);
    for (const file of [report, returned]) {
      expect(xmlTexts(file), path.basename(file)).toContain(CONTROL_XML);
      // No character XML 1.0 forbids anywhere in the package's text.
      for (const t of xmlTexts(file)) expect(t).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u); // eslint-disable-line no-control-regex
    }
    // openpyxl reads the report's cell exactly as it reads the unit's own cell.
    const unit = await openpyxlCells(CONTROL, "02_TCD", "A_x");
    const inReport = await openpyxlCells(report, "02_TCD", "A_x");
    expect(unit).toHaveLength(1);
    expect(inReport.map((c) => c.text)).toEqual(unit.map((c) => c.text));
    for (const file of [report, returned]) await convertWithLibreOffice(file, "csv");
  }, 240_000);
});
