/**
 * A part's UTF-8 is decoded in pieces that end after a `>` (src/core/read/parts.ts), so that plain XML
 * stays one byte a character in memory. Whatever the cuts, the text read is the text written: a text of
 * 20,000 Vietnamese characters with no `>` in it (a piece then ends inside a character), tags on both
 * sides of every cut, and a BOM. A byte that is not UTF-8 still makes the part unreadable, wherever it is.
 */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ReadBudget } from "../src/core/read/limits";
import { Package } from "../src/core/read/parts";

function textsOf(xml: Uint8Array): string[] {
  const pkg = new Package(zipSync({ "x.xml": [xml, { level: 6 }] }), new ReadBudget());
  const texts: string[] = [];
  let inT = false;
  pkg.parseAll("x.xml", { open: (tag) => void (inT = tag.name === "t"), close: () => void (inT = false), text: (t) => void (inT && texts.push(t)) });
  return texts;
}

describe("UTF-8 decoded in pieces", () => {
  it("reads every text as written, across pieces and inside a long text", () => {
    const long = "Số liệu tính từ ngày — ".repeat(900); // ~20,000 characters, no ">"
    const many = Array.from({ length: 2000 }, (_, i) => `<t>ô ${i}</t>`).join("");
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?><r><t>${long}</t>${many}<t>${long}</t></r>`;
    const texts = textsOf(strToU8(xml));
    expect(texts[0]).toBe(long);
    expect(texts[texts.length - 1]).toBe(long);
    expect(texts.slice(1, -1)).toEqual(Array.from({ length: 2000 }, (_, i) => `ô ${i}`));
  });

  it("refuses a byte that is not UTF-8, in any piece", () => {
    for (const at of [100, 9000, 30000]) {
      const bytes = strToU8(`<r>${"<t>abc</t>".repeat(4000)}</r>`);
      bytes[at] = 0xff;
      expect(() => textsOf(bytes)).toThrow(/content cannot be read|nội dung/u);
    }
  });
});
