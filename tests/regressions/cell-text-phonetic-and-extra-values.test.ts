/**
 * Regression (review of 2026-12-07): a cell's text was every text inside its element, joined. An inline
 * string "12" with a phonetic guide "3" (`<rPh>`, which East Asian input methods add) was read as 123 and
 * summed; an inline string "12" beside a stray `<v>5</v>` was 125; two values `<v>8</v><v>9</v>` were 89;
 * none gave a finding. WORKBOOKS.md §1.5: rich text is read as "its plain text", which a guide is not part
 * of (the shared strings already left it out). Now the guide is left out, and only the first value is read.
 * The file: the frozen sample, PCTN's cells written in its XML by hand.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", FILE);

async function pctnWith(elements: Record<string, string>, findings: string[] = []): Promise<Record<string, unknown>> {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  let xml = strFromU8(parts["xl/worksheets/sheet9.xml"] ?? new Uint8Array());
  for (const [ref, element] of Object.entries(elements)) {
    const before = xml;
    xml = xml.replace(new RegExp(`<c r="${ref}"[^>]*>.*?</c>`, "u"), element);
    expect(xml, ref).not.toBe(before);
  }
  parts["xl/worksheets/sheet9.xml"] = strToU8(xml);
  const outcome = await readSubmission(zipSync(parts), FILE);
  if (outcome.kind !== "submission") throw new Error(outcome.kind);
  findings.push(...outcome.submission.findings.filter((f) => f.sheet === "PCTN").map((f) => `${f.rule}@${f.cell ?? ""}:${String(f.value)}`));
  const pctn = outcome.submission.forms.find((f) => f.form.code === "PCTN-NB");
  return Object.fromEntries(["P01", "P02", "P03", "P04"].map((row) => [row, pctn?.cells.get(row)?.get(1)?.value]));
}

describe("a cell's text is its own text, once", () => {
  it("a phonetic guide is not part of an inline string; a second value is not read", async () => {
    const got = await pctnWith({
      D10: '<c r="D10" t="inlineStr"><is><t>12</t><rPh sb="0" eb="2"><t>3</t></rPh></is></c>',
      D11: '<c r="D11" t="inlineStr"><is><r><t>4</t></r><r><t>5</t></r><rPh sb="0" eb="1"><t>6</t></rPh></is></c>',
      D12: '<c r="D12" t="inlineStr"><is><t>12</t></is><v>5</v></c>',
      D13: '<c r="D13"><v>8</v><v>9</v></c>',
    });
    // By hand: "12", the runs "4" + "5", the inline "12", the first value 8.
    expect(got).toEqual({ P01: 12, P02: 45, P03: 12, P04: 8 });
  });

  it("a reference to a shared string the file does not have is #REF! at that cell; the file is read", async () => {
    // Made the whole file unreadable (V-FILE-01, "shared string 999999 is missing", no sheet or cell, every value lost).
    const findings: string[] = [];
    const got = await pctnWith({ D10: '<c r="D10" t="s"><v>999999</v></c>', D11: '<c r="D11" t="s"><v>abc</v></c>' }, findings);
    expect(findings).toEqual(expect.arrayContaining(["V-FORMULA-02@D10:#REF!", "V-FORMULA-02@D11:#REF!"]));
    expect(got.P03).toBe(2); // the sample's own value, read
  });

  it("an inline-string cell holding a <v> reads the same compact or indented (the two reading paths agree)", async () => {
    // Review: the scanner path ignored the <v> of an inline-string cell, the whole-element path read it: 0 or 7.
    const compact = await pctnWith({ D10: '<c r="D10" t="inlineStr"><v>7</v></c>' });
    const indented = await pctnWith({ D10: '<c r="D10" t="inlineStr" ><v>7</v> </c>' });
    const commented = await pctnWith({ D10: '<c r="D10" t="inlineStr"><v>7</v><!-- x --></c>' });
    expect([compact.P01, indented.P01, commented.P01]).toEqual([7, 7, 7]);
    // A <v> first, then an <is>: the first gives the value.
    expect((await pctnWith({ D10: '<c r="D10" t="inlineStr"><v>5</v><is><t>12</t></is></c>' })).P01).toBe(5);
  });
});
