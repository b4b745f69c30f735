/**
 * Regression (review of 2026-12-07, third round): a worksheet linked as `worksheets/sheet4.xml` but stored as
 * `xl/worksheets/Sheet4.xml` (OPC part names ignore case), or linked as `worksheets/sheet%204.xml` (a target is
 * a URI) and stored as `sheet 4.xml`, was not found: its form was "not found" (V-LAYOUT-01) and its values lost,
 * silently; `annotate` then refused the copy (or, before, wrote it without the sheet). Both are now found, by
 * the reader and for exceljs (which is given sheetN.xml names). The expected findings are those of the
 * untouched sample; the copy is compared with the sample by openpyxl.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";
import { openpyxlValues } from "../helpers/openpyxl-values";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

function renamedSheet4(to: string, target: string): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const data = parts["xl/worksheets/sheet4.xml"];
  if (!data) throw new Error("no sheet4");
  delete parts["xl/worksheets/sheet4.xml"];
  parts[`xl/worksheets/${to}`] = data;
  const rels = strFromU8(parts["xl/_rels/workbook.xml.rels"] ?? new Uint8Array());
  if (!rels.includes('Target="worksheets/sheet4.xml"')) throw new Error("no target");
  parts["xl/_rels/workbook.xml.rels"] = strToU8(rels.replace('Target="worksheets/sheet4.xml"', `Target="${target}"`));
  const types = strFromU8(parts["[Content_Types].xml"] ?? new Uint8Array());
  parts["[Content_Types].xml"] = strToU8(types.replace('PartName="/xl/worksheets/sheet4.xml"', `PartName="/xl/worksheets/${target.slice("worksheets/".length)}"`));
  return zipSync(parts);
}

interface Json {
  readonly inputs: ReadonlyArray<{ status: string }>;
  readonly findings: ReadonlyArray<{ rule: string; sheet: string | null; cell: string | null }>;
}

async function validate(bytes: Uint8Array, dir: string): Promise<Json> {
  const input = path.join(dir, FILE);
  writeFileSync(input, bytes);
  const json = path.join(dir, "r.json");
  await runCli(["validate", input, "--period", "2023-H1", "--json", json]);
  return JSON.parse(readFileSync(json, "utf8")) as Json;
}

describe("a worksheet found by its link", () => {
  it.each([
    ["a part name in another case (Sheet4.xml, linked as sheet4.xml)", "Sheet4.xml", "worksheets/sheet4.xml"],
    ["a percent-escaped target (sheet%204.xml for 'sheet 4.xml')", "sheet 4.xml", "worksheets/sheet%204.xml"],
  ])("%s: read as the untouched file is, and annotated with every sheet", async (_name, part, target) => {
    const dir = await tempDir("tonghop-partname-");
    const expected = await validate(new Uint8Array(readFileSync(SAMPLE)), await tempDir("tonghop-partname-base-"));
    const bytes = renamedSheet4(part, target);
    const got = await validate(bytes, dir);
    expect(got.inputs.map((i) => i.status)).toEqual(expected.inputs.map((i) => i.status));
    expect(got.findings.map((f) => [f.rule, f.sheet, f.cell])).toEqual(expected.findings.map((f) => [f.rule, f.sheet, f.cell]));
    expect(got.findings.map((f) => f.rule)).not.toContain("V-LAYOUT-01");
    const out = path.join(dir, "copy.xlsx");
    const r = await runCli(["annotate", path.join(dir, FILE), "--period", "2023-H1", "--out", out, "--created", "2023-07-01"]);
    expect(r.stderr).not.toContain("Không ghi được");
    expect(await openpyxlValues(out)).toEqual(await openpyxlValues(SAMPLE));
  }, 60_000);
});
