/**
 * Regression (review of 2026-12-07, fifth round): a valid package whose workbook part is not spelled
 * `xl/workbook.xml` was "not an .xlsx" (V-FILE-01), so its unit counted as not submitted and its figures
 * left the totals: the Open XML SDK's `xl/workbook22.xml` named by `_rels/.rels`, `xl/Workbook.xml` (part
 * names ignore case), every entry name in upper case, names with a leading "/". Each is now read as the
 * untouched sample is (same status, same findings). A package whose main part is another kind of document
 * (a .docx's `word/document.xml`) stays V-FILE-01.
 * `annotate` of the same review: exceljs, which finds parts by fixed names, found no sheet in these and
 * refused the copy, or (the workbook's links in upper case) wrote one holding only LoiPhatHien with exit 0;
 * relationships and core properties under other prefixes (`<rel:Relationships>`, Python ElementTree's
 * `ns0:`) made it refuse. Each copy now holds every sheet with the sample's values (read by openpyxl); a
 * copy that would lose a sheet is refused, never written.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";
import { openpyxlValues } from "../helpers/openpyxl-values";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

type Parts = Record<string, Uint8Array>;

function sampleParts(): Parts {
  return unzipSync(new Uint8Array(readFileSync(SAMPLE)));
}

function text(parts: Parts, name: string): string {
  const data = parts[name];
  if (!data) throw new Error(`no ${name}`);
  return strFromU8(data);
}

function replaced(parts: Parts, name: string, from: string, to: string): void {
  const before = text(parts, name);
  if (!before.includes(from)) throw new Error(`${name} has no ${from}`);
  parts[name] = strToU8(before.split(from).join(to));
}

/** The workbook moved to `xl/workbook22.xml`, named by the package relationships and the content types (the SDK's shape). */
function workbookMoved(contentType?: string): Uint8Array {
  const parts = sampleParts();
  parts["xl/workbook22.xml"] = parts["xl/workbook.xml"] ?? new Uint8Array();
  parts["xl/_rels/workbook22.xml.rels"] = parts["xl/_rels/workbook.xml.rels"] ?? new Uint8Array();
  delete parts["xl/workbook.xml"];
  delete parts["xl/_rels/workbook.xml.rels"];
  replaced(parts, "_rels/.rels", 'Target="xl/workbook.xml"', 'Target="/xl/workbook22.xml"');
  replaced(parts, "[Content_Types].xml", 'PartName="/xl/workbook.xml"', 'PartName="/xl/workbook22.xml"');
  if (contentType) replaced(parts, "[Content_Types].xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", contentType);
  return zipSync(parts);
}

function renamed(rename: (name: string) => string): Uint8Array {
  const out: Zippable = {};
  for (const [name, data] of Object.entries(sampleParts())) out[rename(name)] = data;
  return zipSync(out);
}

function workbookCase(): Uint8Array {
  const parts = sampleParts();
  parts["xl/Workbook.xml"] = parts["xl/workbook.xml"] ?? new Uint8Array();
  delete parts["xl/workbook.xml"];
  return zipSync(parts);
}

interface Json {
  readonly inputs: ReadonlyArray<{ status: string }>;
  readonly findings: ReadonlyArray<{ rule: string; sheet: string | null; cell: string | null; message: string }>;
}

async function validate(bytes: Uint8Array): Promise<Json> {
  const dir = await tempDir();
  const input = path.join(dir, FILE);
  writeFileSync(input, bytes);
  const json = path.join(dir, "r.json");
  await runCli(["validate", input, "--period", "2023-H1", "--json", json]);
  return JSON.parse(readFileSync(json, "utf8")) as Json;
}

/** Every part's root and names under other prefixes, as Python's ElementTree writes them (ns0, ns1, …). */
function elementTreePrefixes(): Uint8Array {
  const parts = sampleParts();
  const rename = (name: string, pairs: ReadonlyArray<readonly [string, string]>): void => {
    let xml = text(parts, name);
    for (const [from, to] of pairs) xml = xml.split(from).join(to);
    parts[name] = strToU8(xml);
  };
  for (const name of Object.keys(parts).filter((n) => n.endsWith(".rels"))) {
    rename(name, [["<Relationships xmlns=", "<ns0:Relationships xmlns:ns0="], ["<Relationship ", "<ns0:Relationship "], ["</Relationships>", "</ns0:Relationships>"]]);
  }
  rename("docProps/core.xml", [["cp:", "ns0:"], ["xmlns:cp=", "xmlns:ns0="], ["dcterms:", "ns2:"], ["xmlns:dcterms=", "xmlns:ns2="]]);
  rename("xl/workbook.xml", [["r:id=", "ns3:id="], ["xmlns:r=", "xmlns:ns3="]]);
  return zipSync(parts);
}

function relsUpperCase(): Uint8Array {
  const parts = sampleParts();
  parts["xl/_rels/WORKBOOK.XML.RELS"] = parts["xl/_rels/workbook.xml.rels"] ?? new Uint8Array();
  delete parts["xl/_rels/workbook.xml.rels"];
  return zipSync(parts);
}

const outcome = (j: Json): unknown => ({ status: j.inputs.map((i) => i.status), findings: j.findings.map((f) => [f.rule, f.sheet, f.cell]) });

describe("the workbook part wherever the package puts it", () => {
  it.each([
    ["xl/workbook22.xml named by _rels/.rels", () => workbookMoved()],
    ["xl/Workbook.xml", workbookCase],
    ["every entry name in upper case", () => renamed((n) => n.toUpperCase())],
    ["entry names with a leading /", () => renamed((n) => `/${n}`)],
  ])("%s: read as the untouched sample", async (_name, make) => {
    const sample = await validate(new Uint8Array(readFileSync(SAMPLE)));
    expect(sample.inputs.map((i) => i.status)).toEqual(["accepted"]);
    expect(outcome(await validate(make()))).toEqual(outcome(sample));
  });

  it("a package whose main part is a word-processing document stays unreadable (V-FILE-01)", async () => {
    const docx = await validate(workbookMoved("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"));
    expect(docx.inputs.map((i) => i.status)).toEqual(["unreadable"]);
    expect(docx.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
  });
});

describe("annotate of the same packages", () => {
  it.each([
    ["xl/workbook22.xml named by _rels/.rels", () => workbookMoved()],
    ["xl/Workbook.xml", workbookCase],
    ["every entry name in upper case", () => renamed((n) => n.toUpperCase())],
    ["the workbook's links in upper case", relsUpperCase],
    ["relationships, core properties and r:id under ElementTree's prefixes", elementTreePrefixes],
  ])("%s: a copy with every sheet and the sample's values", async (_name, make) => {
    const dir = await tempDir();
    const input = path.join(dir, FILE);
    writeFileSync(input, make());
    const out = path.join(dir, "copy.xlsx");
    const r = await runCli(["annotate", input, "--period", "2023-H1", "--out", out, "--created", "2023-07-01"]);
    expect(r.stderr).not.toContain("Không ghi được");
    expect(r.code).toBe(0);
    expect(await openpyxlValues(out)).toEqual(await openpyxlValues(SAMPLE));
  }, 60_000);
});
