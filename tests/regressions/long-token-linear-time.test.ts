/**
 * Regression (a review of 2026-12-07, hostile files in the pane): a token longer than the 8 KB pieces a part
 * is decoded in (an attribute of 50 MB, a text of 10 million characters) was scanned again from its start at
 * every piece, and each piece looked for its last `>` back to the part's start: time with the square of
 * the token's length. An 83 KB file with one 50 MB attribute kept the pane "Đang đọc 4/100 tệp…" for ten
 * minutes and came back after a reload; 10 million characters in one shared string took 25 s in the CLI.
 * Now a piece that cannot end the token is kept unscanned, and the `>` is looked for within the piece.
 * Checked without a clock: the scanner counts the characters it scans (a part's length when each is
 * scanned once), and a real workbook with a 40 MB attribute reads well within the reading-time limit.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../../src/core/read/reader";
import { XmlScanner } from "../../src/core/read/xmlscan";

const OK = path.join(__dirname, "..", "fixtures", "submissions", "cases", "ok-filled.xlsx");
const PIECE = 8 * 1024;

/**
 * `xml` fed in pieces of 8 KB, as the reader feeds a part (after `head`, a piece of its own, so that a piece
 * may end anywhere in a token); the characters scanned or looked at while held, and the events seen.
 */
function scanInPieces(xml: string, head: readonly string[] = []): { scanned: number; texts: number; opens: string[] } {
  const opens: string[] = [];
  let texts = 0;
  const scanner = new XmlScanner({ open: (tag) => void opens.push(tag.name), text: (t) => void (texts += t.length) });
  for (const piece of head) scanner.write(piece);
  for (let i = 0; i < xml.length; i += PIECE) scanner.write(xml.slice(i, i + PIECE));
  scanner.close();
  return { scanned: scanner.scanned, texts, opens };
}

describe("a token longer than a piece", () => {
  it("is scanned a bounded number of times, whatever its length: an attribute, a text, a comment", () => {
    const long = "x".repeat(4_000_000);
    const cases = [
      { xml: `<a><b v="${long}"/><c/></a>`, opens: ["a", "b", "c"], texts: 0 },
      // Quotes and `>` inside the value: a `>` there is not the tag's end.
      { xml: `<a><b v="${"y>".repeat(1_000_000)}" w='"'/><c/></a>`, opens: ["a", "b", "c"], texts: 0 },
      { xml: `<a><t>${long}</t><c/></a>`, opens: ["a", "t", "c"], texts: long.length },
      { xml: `<a><!--${"-> ".repeat(1_000_000)}--><c/></a>`, opens: ["a", "c"], texts: 0 },
    ];
    for (const c of cases) {
      const seen = scanInPieces(c.xml);
      expect(seen.opens).toEqual(c.opens);
      expect(seen.texts).toBe(c.texts);
      // Once, and a few pieces again where a token ends: not once per piece (~500 × the length before).
      expect(seen.scanned).toBeLessThan(3 * c.xml.length);
    }
  });

  it("a piece that ends in a token's first characters ('<', '<!', '<!-') is held as well (a review of the fix)", () => {
    // A one-character terminator kept the whole held text as its "tail" (`slice(-0)`): quadratic again.
    const comment = `--${"a".repeat(3_000_000)}--><c/></r>`;
    for (const head of [["<r>", "<!"], ["<r>", "<"], ["<r>", "<!-"]]) {
      const rest = head[1] === "<!-" ? comment.slice(1) : head[1] === "<" ? `!${comment}` : comment;
      const seen = scanInPieces(rest, head);
      expect(seen.opens, head.join("")).toEqual(["r", "c"]);
      expect(seen.scanned, head.join("")).toBeLessThan(3 * rest.length);
    }
    // A comment with an odd quote after a lone '<' is no tag whose quotes hold the rest back.
    const quoted = scanInPieces(`!-- it's --><c/>${"<d/>".repeat(5000)}</r>`, ["<r>", "<"]);
    expect(quoted.opens.length).toBe(2 + 5000);
  });

  it("a workbook with a 40 MB attribute reads within the default limits, as one without it", async () => {
    const parts = unzipSync(new Uint8Array(readFileSync(OK)));
    const sheet = "xl/worksheets/sheet9.xml";
    const xml = strFromU8(parts[sheet] ?? new Uint8Array());
    const row = /<row r="(\d+)"/u.exec(xml);
    expect(row).not.toBeNull();
    parts[sheet] = strToU8(xml.replace(/<row r="(\d+)"/u, `<row r="$1" x-note="${"n".repeat(40_000_000)}"`));
    const bytes = zipSync(parts, { level: 6 });
    expect(bytes.length).toBeLessThan(200_000);
    const plain = await readSubmission(new Uint8Array(readFileSync(OK)), "ok-filled.xlsx", { now: () => performance.now() });
    const outcome = await readSubmission(bytes, "ok-filled.xlsx", { now: () => performance.now() });
    // Not cut by the reading-time limit (V-FILE-04): the same forms and values as the file without it.
    expect(outcome.kind).toBe("submission");
    if (outcome.kind !== "submission" || plain.kind !== "submission") return;
    expect(outcome.submission.forms.map((f) => [f.form.code, [...f.cells].length, f.filledCount])).toEqual(plain.submission.forms.map((f) => [f.form.code, [...f.cells].length, f.filledCount]));
  }, 60_000);
});
