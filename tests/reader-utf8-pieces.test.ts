/**
 * A part's UTF-8 is decoded in pieces that end after a `>` (src/core/read/parts.ts), so that plain XML
 * stays one byte a character in memory. Whatever the cuts, the text read is the text written: a text of
 * 20,000 Vietnamese characters with no `>` in it (a piece then ends inside a character), tags on both
 * sides of every cut, and a BOM. A byte that is not UTF-8 still makes the part unreadable, wherever it is.
 * The same with the CLI's decoder (Node's, `ByteHost.decodeUtf8`): the same texts, the same refusal.
 */
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ReadBudget } from "../src/core/read/limits";
import { Package, type ByteHost } from "../src/core/read/parts";
import { nodeDecodeUtf8 } from "../src/cli/pool/read-here";

function textsOf(xml: Uint8Array, host: ByteHost = {}): string[] {
  const pkg = new Package(zipSync({ "x.xml": [xml, { level: 6 }] }), new ReadBudget(), host);
  const texts: string[] = [];
  let inT = false;
  pkg.parseAll("x.xml", { open: (tag) => void (inT = tag.name === "t"), close: () => void (inT = false), text: (t) => void (inT && texts.push(t)) });
  return texts;
}

const HOSTS: ReadonlyArray<[string, ByteHost]> = [
  ["TextDecoder", {}],
  ["Node's decoder", { decodeUtf8: nodeDecodeUtf8 }],
];

describe.each(HOSTS)("UTF-8 decoded in pieces (%s)", (_name, host) => {
  it("reads every text as written, across pieces and inside a long text", () => {
    const long = "Số liệu tính từ ngày — ".repeat(900); // ~20,000 characters, no ">"
    const many = Array.from({ length: 2000 }, (_, i) => `<t>ô ${i}</t>`).join("");
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?><r><t>${long}</t>${many}<t>${long}</t></r>`;
    const texts = textsOf(strToU8(xml), host);
    expect(texts[0]).toBe(long);
    expect(texts[texts.length - 1]).toBe(long);
    expect(texts.slice(1, -1)).toEqual(Array.from({ length: 2000 }, (_, i) => `ô ${i}`));
  });

  it("keeps a U+FEFF inside the text, also where the host's decoder hands over to TextDecoder", () => {
    // 9,000 characters without a ">" after it: the piece that starts with U+FEFF goes TextDecoder's way.
    const xml = `<r><t>x</t><t>\uFEFF${"a".repeat(9000)}</t></r>`;
    expect(textsOf(strToU8(xml), host)).toEqual(["x", `\uFEFF${"a".repeat(9000)}`]);
  });

  it("refuses a byte that is not UTF-8, in any piece", () => {
    for (const at of [100, 9000, 30000]) {
      const bytes = strToU8(`<r>${"<t>abc</t>".repeat(4000)}</r>`);
      bytes[at] = 0xff;
      expect(() => textsOf(bytes, host)).toThrow(/content cannot be read|nội dung/u);
      // The same words either way: TextDecoder refuses it, whoever decoded the pieces before.
      expect(() => textsOf(bytes, host)).toThrow(messageOf(() => textsOf(bytes)));
    }
  });
});

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error("did not throw");
}

it("Node's decoder: ASCII, Vietnamese and invalid bytes", () => {
  expect(nodeDecodeUtf8(strToU8("<c r=\"A1\"/>"))).toBe('<c r="A1"/>');
  expect(nodeDecodeUtf8(strToU8("Thanh tra Bộ"))).toBe("Thanh tra Bộ");
  expect(nodeDecodeUtf8(new Uint8Array([0x41, 0xc3]))).toBeNull();
  expect(nodeDecodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBeNull(); // a surrogate: not UTF-8
});
