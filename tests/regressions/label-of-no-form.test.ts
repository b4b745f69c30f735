/**
 * Regression (review of 2026-12-07): WORKBOOKS.md §1.4.1 finds a form by its "Biểu số" label, and a form
 * with no label by its sheet's name, title or code row. The reader took the first cell of rows 1–20 that
 * the label pattern matches, and when its code named no catalogue form, dropped the sheet ("not ours"):
 * - a caption the pattern also matches ("BIỂU SỐ LIỆU TIẾP CÔNG DÂN") above the real label hid the label;
 * - a mistyped code ("01/TTr.", "01/TTr, ban hành kèm theo …", "1/TTr") lost a sheet named 01_TTr.
 * Either way the form was missing (V-LAYOUT-01) and the file rejected. Now the first label naming a form
 * counts, trailing punctuation dropped; a sheet whose labels name none is looked for by its name and title
 * (V-LAYOUT-05), not by its code row's shape. The frozen sample file, 01_TTr's label (A3) rewritten.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);
const LABEL = "<c r=\"A3\" s=\"13\" t=\"s\"><v>86</v></c>";

/** Layout findings of the sample with 01_TTr's A3 (its label) written as `a3`, and `m2` put in M2 if given; the sheet renamed to `name` if given. */
async function layout(a3: string, extra: { m2?: string; name?: string; title?: string } = {}): Promise<string[]> {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  let xml = strFromU8(parts["xl/worksheets/sheet3.xml"] ?? new Uint8Array());
  expect(xml).toContain(LABEL);
  xml = xml.replace(LABEL, `<c r="A3" s="13" t="inlineStr"><is><t>${a3}</t></is></c>`);
  if (extra.m2 !== undefined) xml = xml.replace(/<c r="M2" s="12" t="s"><v>\d+<\/v><\/c>/u, `<c r="M2" s="12" t="inlineStr"><is><t>${extra.m2}</t></is></c>`);
  if (extra.title !== undefined) xml = xml.replace(/<c r="A4" s="14" t="s"><v>\d+<\/v><\/c>/u, `<c r="A4" s="14" t="inlineStr"><is><t>${extra.title}</t></is></c>`);
  parts["xl/worksheets/sheet3.xml"] = strToU8(xml);
  if (extra.name !== undefined) parts["xl/workbook.xml"] = strToU8(strFromU8(parts["xl/workbook.xml"] ?? new Uint8Array()).replace('name="01_TTr"', `name="${extra.name}"`));
  const outcome = await readSubmission(zipSync(parts), FILE);
  if (outcome.kind !== "submission") throw new Error(outcome.kind);
  const ttr = outcome.submission.forms.find((f) => f.form.code === "01/TTr");
  return [`01/TTr on ${ttr?.sheet ?? "none"}`, ...outcome.submission.findings.filter((f) => f.rule.startsWith("V-LAYOUT")).map((f) => `${f.rule} ${f.sheet ?? ""}`)];
}

describe("a label that names no catalogue form", () => {
  it("the sample as it is: 01/TTr by its label, no layout finding", async () => {
    expect(await layout("Biểu số: 01/TTr")).toEqual(["01/TTr on 01_TTr"]);
  });

  it("a caption matching the pattern above the label does not hide it", async () => {
    expect(await layout("Biểu số: 01/TTr", { m2: "BIỂU SỐ LIỆU THANH TRA" })).toEqual(["01/TTr on 01_TTr"]);
  });

  it.each(["Biểu số: 01/TTr.", "Biểu số: 01/TTr, ban hành kèm theo Thông tư 01/2024"])("%s: the code with its trailing punctuation dropped", async (a3) => {
    expect(await layout(a3)).toEqual(["01/TTr on 01_TTr"]);
  });

  it.each(["Biểu số: 1/TTr", "Biểu số liệu thanh tra"])("%s on the sheet named 01_TTr: found by the sheet's name, V-LAYOUT-05", async (a3) => {
    expect(await layout(a3)).toEqual(["01/TTr on 01_TTr", "V-LAYOUT-05 01_TTr"]);
  });

  it("the same on a sheet named otherwise: found by its title, V-LAYOUT-05", async () => {
    expect(await layout("Biểu số: 1/TTr", { name: "Trang 3" })).toEqual(["01/TTr on Trang 3", "V-LAYOUT-05 Trang 3"]);
  });

  it("a label of another form on a sheet with no name or title of ours: not read by its code row's shape", async () => {
    // The code row still has 01/TTr's shape; unlabelled, the sheet would be taken by it (the next case).
    expect(await layout("Biểu số: 05/XYZ", { name: "Trang 3", title: "BẢNG KHÁC" })).toEqual(["01/TTr on none"]);
    expect(await layout("Ghi chú", { name: "Trang 3", title: "BẢNG KHÁC" })).toEqual(["01/TTr on Trang 3", "V-LAYOUT-05 Trang 3"]);
  });
});
