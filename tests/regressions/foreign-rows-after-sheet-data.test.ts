/**
 * An outside review of other producers' packages (2026-12-08, tenth session): elements were matched by their
 * local name alone, so an extension's own markup after `</sheetData>` holding `<row><c r="B12"><v>999</v>`
 * (in another namespace) was read as the sheet's cells: B12 became 999 on every form and the file was
 * rejected. Rows and cells are now read inside `<sheetData>` only (ECMA-376 Part 1 §18.3.1.80: a worksheet's
 * cells are sheetData's rows). The copy is written by Python's zipfile; it must read as the original does.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import type { RunJson } from "../../src/core/result";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { readFileSync } from "node:fs";

const BASE = path.join(__dirname, "fixtures", "part-names", "BM_CQDD-AU-SYD_2023-9M.xlsx");

// Every worksheet gets, after </sheetData>, a foreign element whose children look like a row of cells.
const WITH_FOREIGN_ROWS = [
  "import io, re, sys, zipfile",
  "src = zipfile.ZipFile(sys.argv[1]); out = io.BytesIO()",
  "with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:",
  "    for i in src.infolist():",
  "        data = src.read(i.filename)",
  "        if re.match(r'xl/worksheets/sheet\\d+\\.xml$', i.filename):",
  "            text = data.decode('utf-8')",
  "            assert '</sheetData>' in text",
  "            data = text.replace('</sheetData>', '</sheetData><foo xmlns=\"urn:other\"><row r=\"12\"><c r=\"B12\"><v>999</v></c></row></foo>', 1).encode('utf-8')",
  "        z.writestr(i, data)",
  "sys.stdout.buffer.write(out.getvalue())",
].join("\n");

async function jsonOf(bytes: Uint8Array): Promise<RunJson> {
  const file = path.basename(BASE);
  return (await runPipeline({ inputs: [{ id: file, file, bytes }], period: parsePeriod("2023-9M"), roster: DEFAULT_ROSTER, aggregate: true })).json;
}

describe("a foreign element after sheetData holding rows and cells", () => {
  it("is not read as the sheet's cells", async () => {
    const original = await jsonOf(new Uint8Array(readFileSync(BASE)));
    const copy = new Uint8Array(execFileSync("/usr/bin/python3", ["-c", WITH_FOREIGN_ROWS, BASE], { maxBuffer: 1 << 24 }));
    const json = await jsonOf(copy);
    expect(json.inputs.map((i) => i.status)).toEqual(["accepted"]);
    expect(json.totals).toEqual(original.totals);
    expect(json.findings.map((f) => [f.rule, f.cell])).toEqual(original.findings.map((f) => [f.rule, f.cell]));
  });
});
