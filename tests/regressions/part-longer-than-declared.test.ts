/**
 * Regression (found in review): a part whose deflate stream expands to more than its zip entry declares,
 * with the declared CRC of the first bytes, was read by fflate (it stops silently at the end of the
 * buffer it is given) but refused by Node's zlib (`maxOutputLength`), so the pane and `--jobs 1`
 * accepted a file that the CLI's workers refused. Both must refuse it: the directory lies.
 * Fixture: a clean submission of the fixture folder (written by openpyxl), xl/workbook.xml padded with
 * 200 spaces, re-zipped, and the entry's declared size and CRC put back to the unpadded part's.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateRawSync } from "node:zlib";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { crc32 } from "../../src/core/read/package";
import { readSubmission } from "../../src/core/read/reader";

const CLEAN = path.join(__dirname, "..", "fixtures", "submissions", "folder-2023-H1", "BM_CQDD-AU-CBR_2023-H1.xlsx");
const PART = "xl/workbook.xml";

function lyingPackage(): Uint8Array {
  const parts = unzipSync(new Uint8Array(readFileSync(CLEAN)));
  const original = parts[PART];
  if (!original) throw new Error("no workbook part");
  const padded = new Uint8Array(original.length + 200).fill(0x20);
  padded.set(original);
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(parts)) zippable[name] = [name === PART ? padded : data, { level: 6, mtime: new Date(2023, 5, 14) }];
  const zip = zipSync(zippable);
  // The local header and the central directory both declare the unpadded size and CRC.
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const crc = crc32(original, 0) >>> 0;
  for (let p = 0; p + 4 <= zip.length; p++) {
    const signature = view.getUint32(p, true);
    if (signature !== 0x04034b50 && signature !== 0x02014b50) continue;
    const central = signature === 0x02014b50;
    const nameLength = view.getUint16(p + (central ? 28 : 26), true);
    const start = p + (central ? 46 : 30);
    if (new TextDecoder().decode(zip.subarray(start, start + nameLength)) !== PART) continue;
    view.setUint32(p + (central ? 16 : 14), crc, true);
    view.setUint32(p + (central ? 24 : 22), original.length, true);
  }
  return zip;
}

const zlibInflate = (compressed: Uint8Array, size: number): Uint8Array => new Uint8Array(inflateRawSync(compressed, { maxOutputLength: Math.max(size, 1) }));

describe("a part that expands past its declared size (regression)", () => {
  const bytes = lyingPackage();

  it("is refused by the core's own inflater (the pane, --jobs 1)", async () => {
    expect((await readSubmission(bytes, "lying.xlsx")).kind).toBe("unreadable");
  });

  it("is refused with Node's zlib too (the CLI's workers): one answer whatever the host", async () => {
    expect((await readSubmission(bytes, "lying.xlsx", { inflateRaw: zlibInflate })).kind).toBe("unreadable");
  });

  it("while the clean file it was made from reads as a submission both ways", async () => {
    const clean = new Uint8Array(readFileSync(CLEAN));
    expect((await readSubmission(clean, "clean.xlsx")).kind).toBe("submission");
    expect((await readSubmission(clean, "clean.xlsx", { inflateRaw: zlibInflate })).kind).toBe("submission");
  });
});
