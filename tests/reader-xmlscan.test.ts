/**
 * The reader's XML scanner (src/core/read/xmlscan.ts) against saxes, an independent well-kept parser:
 * same open tags, attributes, close tags and text on real package parts, whatever the chunking; and the
 * refusals (DOCTYPE, unknown entities, tags out of order, no root).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { XmlScanner } from "../src/core/read/xmlscan";

type Event = string;

function withSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on("opentag", (t) => events.push(`<${t.name} ${JSON.stringify(Object.entries(t.attributes))}`));
  parser.on("closetag", (t) => events.push(`</${t.name}`));
  parser.on("text", (t) => events.push(`"${t}`));
  parser.on("cdata", (t) => events.push(`"${t}`));
  parser.write(xml).close();
  return merged(events);
}

function withScanner(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const scanner = new XmlScanner({
    open: (t) => void events.push(`<${t.name} ${JSON.stringify(Object.entries(t.attributes))}`),
    close: (t) => events.push(`</${t.name}`),
    text: (t) => events.push(`"${t}`),
  });
  for (const c of chunks) scanner.write(c);
  scanner.close();
  return merged(events);
}

/** Adjacent text events joined (parsers may split text differently); white space outside the root dropped. */
function merged(events: Event[]): Event[] {
  const out: Event[] = [];
  let depth = 0;
  for (const e of events) {
    const last = out[out.length - 1];
    if (e.startsWith("</")) depth--;
    else if (e.startsWith("<")) depth++;
    else if (depth === 0) continue;
    if (e.startsWith('"') && last?.startsWith('"')) out[out.length - 1] = last + e.slice(1);
    else if (e !== '"') out.push(e);
  }
  return out;
}

function chunked(xml: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < xml.length; i += size) out.push(xml.slice(i, i + size));
  return out;
}

const SAMPLE = path.join(__dirname, "fixtures", "submissions", "cases", "ok-libreoffice-resaved.xlsx");

describe("XmlScanner = saxes", () => {
  const parts = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  for (const name of ["xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml", "xl/_rels/workbook.xml.rels"]) {
    it(`${name}, whole and in chunks of 1, 7 and 4096 characters`, () => {
      const xml = strFromU8(parts[name] ?? new Uint8Array(0));
      const want = withSaxes(xml);
      expect(want.length).toBeGreaterThan(5);
      for (const size of [xml.length, 1, 7, 4096]) expect(withScanner(chunked(xml, size))).toEqual(want);
    });
  }

  it("entities, character references, CDATA, comments, instructions, quotes", () => {
    const xml = `<?xml version="1.0"?><!-- c --><a x='1 &amp; "2"' y="&lt;&#65;&#x42;"><b>&gt;&apos;&quot;&#x1F600;</b><![CDATA[<raw & text>]]><?pi x?><c/></a>`;
    for (const size of [xml.length, 1, 3]) expect(withScanner(chunked(xml, size))).toEqual(withSaxes(xml));
  });

  it("refuses what saxes refuses and never expands a DTD", () => {
    const scan = (xml: string): (() => void) => () => void withScanner([xml]);
    expect(scan('<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>')).toThrow(/DOCTYPE/u);
    expect(scan("<a>&x;</a>")).toThrow("the reference &x; is not defined");
    expect(scan("<a><b></a></b>")).toThrow("the closing tag </a> does not match the opening tag <b>");
    expect(scan("")).toThrow("the part is empty");
    expect(scan(" \n")).toThrow("there is no root element");
    expect(scan("<a>")).toThrow("the tag <a> is never closed");
    expect(scan("<a/><b/>")).toThrow("there is more than one root element");
  });

  it("keeps an attribute named __proto__ as a value", () => {
    const seen: Array<Record<string, string>> = [];
    new XmlScanner({ open: (t) => void seen.push({ ...t.attributes }) }).write('<a __proto__="x" b="y"/>');
    expect(Object.entries(seen[0] ?? {})).toEqual([["__proto__", "x"], ["b", "y"]]);
  });

  it("reads tags off the plain path as saxes does: spaces around =, single quotes, > in a value, a value with a reference", () => {
    const xml = `<r><c r = "A1" s='2'  t="s" ><v>1</v></c ><d a="x>y" b='"'/><f a="&amp;"/></r >`;
    for (const size of [xml.length, 1, 5]) expect(withScanner(chunked(xml, size))).toEqual(withSaxes(xml));
  });

  it("refuses broken attributes on either path", () => {
    const scan = (xml: string): (() => void) => () => void withScanner([xml]);
    expect(scan("<a x=1/>")).toThrow("an attribute value is not in quotes");
    expect(scan('<a x="1/>')).toThrow('a tag has no closing ">"');
    expect(scan('<a x="&foo;"/>')).toThrow("the reference &foo; is not defined");
    expect(scan('<a ="1"/>')).toThrow("an attribute is malformed");
    expect(scan('<a x="1"></b>')).toThrow("the closing tag </b> does not match the opening tag <a>");
  });

  it("asks for one attribute by name, the last of two of one name winning (as in the record)", () => {
    const got: Array<string | undefined> = [];
    new XmlScanner({ open: (t) => void got.push(t.attribute("x"), t.attribute("y")) }).write('<a x="1" y="&lt;" x="2"/>');
    expect(got).toEqual(["2", "<"]);
  });

  it("stays linear on many tags followed by text without = or & (no search runs to the end per tag)", () => {
    const xml = `<r>${'<a b="1"></a>'.repeat(20_000)}${"<c d></c>".repeat(100_000)}${"x".repeat(4_000_000)}</r>`;
    const t = performance.now();
    let tags = 0;
    const scanner = new XmlScanner({ open: () => void tags++ });
    scanner.write(xml);
    scanner.close();
    expect(tags).toBe(120_001);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});
