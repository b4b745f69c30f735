/**
 * Regression (review of 2026-12-07, third round): ThongTin's "Mã đơn vị" holding an error (`#N/A` of a broken
 * VLOOKUP) was read as the unit code: V-UNIT-02 'Unit code "#N/A" is not in the unit roster', JSON `unit`
 * "#N/A", and the unit counted as not submitted though its file name gives it. An error is no code (WORKBOOKS.md
 * §1.2: ThongTin, else the file name): V-FORMULA-02 at the cell (FORMS.md: "error value"), the unit from the
 * file name (V-UNIT-05), and the unit is not "missing".
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

interface Json {
  readonly units: { readonly missing: readonly string[] };
  readonly inputs: ReadonlyArray<{ unit: string | null; status: string }>;
  readonly findings: ReadonlyArray<{ rule: string; sheet: string | null; cell: string | null; value: unknown; message: { vi: string; en: string } }>;
}

/** `validate`'s JSON for the sample with ThongTin's text cell `cell` replaced (`$1`: its style). */
async function validatedWith(cell: string, replacement: string): Promise<Json> {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
  const broken = sheet.replace(new RegExp(`<c r="${cell}"( s="\\d+")? t="s"><v>\\d+</v></c>`, "u"), replacement);
  expect(broken).not.toBe(sheet);
  parts["xl/worksheets/sheet1.xml"] = strToU8(broken);
  const dir = await tempDir("tonghop-tt-error-");
  writeFileSync(path.join(dir, FILE), zipSync(parts));
  const json = path.join(dir, "r.json");
  await runCli(["validate", path.join(dir, FILE), "--period", "2023-H1", "--json", json]);
  return JSON.parse(readFileSync(json, "utf8")) as Json;
}

describe("an error value in ThongTin's unit code", () => {
  it("is V-FORMULA-02 at its cell, and the unit comes from the file name", async () => {
    const out = await validatedWith("B3", '<c r="B3"$1 t="e"><f>VLOOKUP(A1,X!A:B,2,FALSE)</f><v>#N/A</v></c>');
    expect(out.inputs.map((i) => [i.unit, i.status])).toEqual([["BAO-TGVN", "rejected"]]);
    expect(out.units.missing).not.toContain("BAO-TGVN");
    const rules = out.findings.map((f) => [f.rule, f.sheet, f.cell, f.value]);
    expect(rules).toContainEqual(["V-FORMULA-02", "ThongTin", "B3", "#N/A"]);
    expect(rules).toContainEqual(["V-UNIT-05", "ThongTin", "B3", "BAO-TGVN"]);
    expect(out.findings.map((f) => f.rule)).not.toContain("V-UNIT-02");
    expect(out.findings.find((f) => f.rule === "V-FORMULA-02")?.message.vi).toBe("ThongTin!B3: ô có lỗi #N/A.");
  });

  it("in 'Kỳ báo cáo': V-FORMULA-02 at its cell, and V-PERIOD-01 shows the error as what the cell holds", async () => {
    const out = await validatedWith("B5", '<c r="B5"$1 t="e"><v>#REF!</v></c>');
    const rules = out.findings.map((f) => [f.rule, f.sheet, f.cell, f.value]);
    expect(rules).toContainEqual(["V-FORMULA-02", "ThongTin", "B5", "#REF!"]);
    expect(rules).toContainEqual(["V-PERIOD-01", "ThongTin", "B5", "#REF!"]);
  });
});
