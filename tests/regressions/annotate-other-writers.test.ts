/**
 * Regression (review of 2026-12-07): `annotate` on files written by other tools than Excel. CLI.md: "values,
 * styles, merges and sheets are kept". exceljs 4.4 misreads three things OOXML allows:
 * - openpyxl (and pandas) link a sheet's notes by an absolute target (`/xl/comments/comment1.xml`): exceljs
 *   threw, and the copy was refused ("cannot be re-written", exit 2);
 * - openpyxl and LibreOffice write a note's text as a plain `<t>` (Excel 365 does for a threaded comment's
 *   fallback note): exceljs reads runs only, so a unit's note came back empty, or was replaced by ours;
 * - LibreOffice writes booleans as `true`/`false` (`<sheetProtection sheet="true"/>`, `<protection
 *   locked="false"/>`): the copy lost every sheet's protection and locked every input cell.
 * The package is now put in Excel's form first (xlsx/for-exceljs.ts). Fixtures: the frozen sample with an
 * error on 01_TCD!B12 (5 ≠ 3, `1=4+13+22`) and the unit's notes on B12 and C12, written by openpyxl; and the
 * same file re-saved by LibreOffice. Each copy is read back by openpyxl.
 */
import { execFile, execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { forExcelJs, forTests } from "../../src/core/xlsx/for-exceljs";
import { runCli, tempDir } from "../helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

const MAKE = [
  "import sys, warnings, openpyxl",
  "from openpyxl.comments import Comment",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "ws = wb['01_TCD']",
  "ws['B12'] = 5",
  "ws['E12'] = 3",
  "ws['B12'].comment = Comment('Ghi chú B12 của đơn vị', 'Đơn vị')",
  "ws['C12'].comment = Comment('Ghi chú C12 của đơn vị', 'Đơn vị')",
  "wb.save(sys.argv[2])",
].join("\n");

/** What the copy's reader sees: the two notes, 01_TCD's protection, and E12's lock (an input cell). */
const READ = [
  "import json, sys, warnings, openpyxl",
  "warnings.simplefilter('ignore')",
  "wb = openpyxl.load_workbook(sys.argv[1])",
  "ws = wb['01_TCD']",
  "note = lambda c: ws[c].comment.text if ws[c].comment else None",
  "print(json.dumps({'B12': note('B12'), 'C12': note('C12'), 'protected': bool(ws.protection.sheet), 'E12locked': bool(ws['E12'].protection.locked), 'sheets': wb.sheetnames}))",
].join("\n");

interface Seen {
  readonly B12: string | null;
  readonly C12: string | null;
  readonly protected: boolean;
  readonly E12locked: boolean;
  readonly sheets: string[];
}

function seen(file: string): Promise<Seen> {
  return new Promise((resolve, reject) => {
    execFile("/usr/bin/python3", ["-c", READ, file], (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as Seen)));
  });
}

let dir: string;
let byOpenpyxl: string;
let byLibreOffice: string;

beforeAll(async () => {
  dir = await tempDir();
  byOpenpyxl = path.join(dir, "openpyxl", FILE);
  mkdirSync(path.dirname(byOpenpyxl));
  execFileSync("/usr/bin/python3", ["-c", MAKE, SAMPLE, byOpenpyxl], { stdio: "pipe" });
  const lo = path.join(dir, "lo");
  mkdirSync(lo);
  const profile = `file://${path.join(dir, "lo-profile")}`;
  execFileSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", lo, byOpenpyxl], { stdio: "pipe", timeout: 120_000 });
  byLibreOffice = path.join(lo, readdirSync(lo).find((f) => f.endsWith(".xlsx")) ?? FILE);
}, 180_000);

async function annotate(file: string): Promise<Seen> {
  const out = path.join(dir, `ret-${path.basename(path.dirname(file))}.xlsx`);
  const res = await runCli(["annotate", file, "--period", "2023-H1", "--out", out]);
  expect(res.code, res.stderr).toBe(1); // the file has an error
  return seen(out);
}

describe("annotate on files written by openpyxl and LibreOffice", () => {
  it("openpyxl's notes (absolute target, plain text): the copy is written, the unit's notes kept, ours added on B12", async () => {
    const before = await seen(byOpenpyxl);
    expect(before.B12).toBe("Ghi chú B12 của đơn vị");
    const after = await annotate(byOpenpyxl);
    expect(after.sheets[0]).toBe("LoiPhatHien");
    expect(after.C12).toBe("Ghi chú C12 của đơn vị");
    expect(after.B12).toMatch(/^Ghi chú B12 của đơn vị\n/u);
    expect(after.B12).toContain("V-ID-01/TCD-1");
  });

  it("LibreOffice's re-save: protection and unlocked input cells as in the file, both notes kept", async () => {
    const before = await seen(byLibreOffice);
    expect(before).toMatchObject({ protected: true, E12locked: false, C12: "Ghi chú C12 của đơn vị" });
    const after = await annotate(byLibreOffice);
    expect(after).toMatchObject({ protected: true, E12locked: false, C12: "Ghi chú C12 của đơn vị" });
    expect(after.B12).toMatch(/^Ghi chú B12 của đơn vị\n/u);
  });

  it("a package already in Excel's form is given back as it is (the product's own template)", () => {
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    expect(forExcelJs(bytes)).toBe(bytes);
    copyFileSync(SAMPLE, path.join(dir, "unchanged.xlsx"));
  });

  it("booleans only: a sheet named \"true\", a link shown as \"false\", a prompt and a formula keep their text", () => {
    const { excelBooleans, noteRuns, relativeTo } = forTests;
    expect(excelBooleans('<sheet name="true" sheetId="1"/><sheetProtection sheet="true" objects="false"/>')).toBe('<sheet name="true" sheetId="1"/><sheetProtection sheet="1" objects="0"/>');
    expect(excelBooleans('<hyperlink ref="A1" display="false"/><dataValidation allowBlank="true" prompt="true"/>')).toBe('<hyperlink ref="A1" display="false"/><dataValidation allowBlank="1" prompt="true"/>');
    expect(excelBooleans('<c r="A1"><f>IF(x="true",1,0)</f></c><is><t> a="true"</t></is>')).toBe('<c r="A1"><f>IF(x="true",1,0)</f></c><is><t> a="true"</t></is>');
    expect(noteRuns('<text><t xml:space="preserve">a &amp; b</t></text><text><r><t>x</t></r></text>')).toBe('<text><r><t xml:space="preserve">a &amp; b</t></r></text><text><r><t>x</t></r></text>');
    expect(relativeTo("xl/worksheets", "xl/comments1.xml")).toBe("../comments1.xml");
    expect(relativeTo("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(relativeTo("xl", "xl/worksheets/sheet1.xml")).toBe("worksheets/sheet1.xml");
  });
});
