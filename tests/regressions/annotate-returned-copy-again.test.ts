/**
 * Regressions (an outside review of `annotate`, 2026-12-07, seventh session):
 * - **A returned copy annotated again** (the unit sent it back, a cell fixed or not): the cell already fixed
 *   stayed red with its old note, every other note was doubled, and a second sheet "LoiPhatHien (2)" stood
 *   beside the first with other counts. The earlier findings sheet and its marks now go first: each cell
 *   it lists gets back its fill from before the first copy and loses our lines of its note.
 * - **A file without core properties** (docProps/core.xml): exceljs wrote the machine's clock as the copy's
 *   `dcterms:modified`, which is its received date (PERIODS.md §7), so the copy of a file sent on time was
 *   late by the day it was annotated, and two copies of one file differed. The copy now has no date the
 *   file has not.
 * The fixture is tests/fixtures/submissions/folder-2023-H1/BM_VU-TCCB_2023-H1.xlsx (openpyxl-written), whose
 * 01_TCD!B12 is 5 where its identity wants 4 (V-ID-01/TCD-1); openpyxl reads the copies' fills and notes.
 */
import { execFileSync } from "node:child_process";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync, zipSync, strFromU8, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const FIXTURE = path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1", "BM_VU-TCCB_2023-H1.xlsx");

/** openpyxl's reading of a copy: its sheets, and B12 of 01_TCD (fill colour, note) and D13's. */
const READ = String.raw`
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["01_TCD"]
def look(c):
    f = ws[c].fill
    return {"fill": f.fgColor.rgb if f and f.fill_type == "solid" else None, "note": ws[c].comment.text if ws[c].comment else None}
print(json.dumps({"sheets": wb.sheetnames, "B12": look("B12"), "C12": look("C12"), "note": wb["LoiPhatHien"]["A3"].value if "LoiPhatHien" in wb.sheetnames else None}))
`;

interface Look {
  readonly sheets: string[];
  readonly B12: { readonly fill: string | null; readonly note: string | null };
  readonly C12: { readonly fill: string | null; readonly note: string | null };
  /** LoiPhatHien!A3: the "Lưu ý" line about objects the copy may lack, or null. */
  readonly note: string | null;
}

const look = (file: string): Look => JSON.parse(execFileSync("/usr/bin/python3", ["-c", READ, file], { encoding: "utf8" })) as Look;

async function annotate(input: string, out: string): Promise<void> {
  await runCli(["annotate", input, "--period", "2023-H1", "--out", out]);
}

describe("annotating a returned copy again", () => {
  it("leaves one findings sheet, each note once, and a fixed cell as it was before the first copy", async () => {
    const dir = await tempDir("tonghop-annotate-again-");
    const original = path.join(dir, "BM_VU-TCCB_2023-H1.xlsx");
    await copyFile(FIXTURE, original);
    const first = path.join(dir, "first.xlsx");
    await annotate(original, first);
    const once = look(first);
    expect(once.sheets.filter((s) => s.startsWith("LoiPhatHien"))).toEqual(["LoiPhatHien"]);
    expect(once.B12.fill).toBe("FFFFC7CE");
    expect(once.B12.note?.match(/V-ID-01\/TCD-1/gu)).toHaveLength(1);

    // Sent back unchanged and annotated again: the same marks, once.
    const again = path.join(dir, "again.xlsx");
    await annotate(first, again);
    const twice = look(again);
    expect(twice.sheets).toEqual(once.sheets);
    expect(twice.B12).toEqual(once.B12);

    // Sent back with B12 fixed (4, as the identity wants, by openpyxl as the unit's Excel would):
    // no finding on it, so neither our colour nor our note; the file's own fill of B12 back.
    const fixed = path.join(dir, "fixed.xlsx");
    execFileSync("/usr/bin/python3", ["-c", `import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb["01_TCD"]["B12"] = 4\nwb.save(sys.argv[2])`, first, fixed]);
    const third = path.join(dir, "third.xlsx");
    await annotate(fixed, third);
    const after = look(third);
    expect(after.sheets.filter((s) => s.startsWith("LoiPhatHien"))).toEqual(["LoiPhatHien"]);
    // The notes' VML drawing is no drawing the copy may lose: no "Lưu ý" about one.
    expect(after.note).toBeNull();
    const before = look(original);
    expect(after.B12).toEqual(before.B12);
  });
});

describe("the annotated copy of a file without core properties", () => {
  it("has no date the file has not: validated, it is as the file; two copies are byte-identical", async () => {
    const dir = await tempDir("tonghop-annotate-nocore-");
    // The fixture without docProps/core.xml, its relationship and its content type (as some writers make files).
    const parts = unzipSync(new Uint8Array(await readFile(FIXTURE)));
    delete parts["docProps/core.xml"];
    const strip = (name: string, element: RegExp): void => {
      const part = parts[name];
      if (part) parts[name] = strToU8(strFromU8(part).replace(element, ""));
    };
    strip("_rels/.rels", /<Relationship\b[^>]*core[^>]*\/>/gu);
    strip("[Content_Types].xml", /<Override\b[^>]*core\.xml[^>]*\/>/gu);
    const original = path.join(dir, "BM_VU-TCCB_2023-H1.xlsx");
    await writeFile(original, zipSync(parts));

    const copies = [path.join(dir, "a.xlsx"), path.join(dir, "b.xlsx")];
    for (const copy of copies) await annotate(original, copy);
    const [a, b] = await Promise.all(copies.map((c) => readFile(c)));
    expect(a?.equals(b ?? Buffer.alloc(0))).toBe(true);
    const core = strFromU8(unzipSync(new Uint8Array(a ?? []))["docProps/core.xml"] ?? new Uint8Array());
    expect(core).not.toContain("dcterms:modified");
    expect(core).not.toContain("dcterms:created");

    const rules = async (file: string): Promise<string[]> => {
      const json = path.join(dir, `${path.basename(file)}.json`);
      await runCli(["validate", file, "--period", "2023-H1", "--json", json]);
      return (JSON.parse(await readFile(json, "utf8")) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    };
    const want = await rules(original);
    expect(want).not.toContain("V-PERIOD-05");
    expect(await rules(copies[0] ?? "")).toEqual(want);
  });
});
