/**
 * Package level of input files: SHA-256 against node:crypto, V-FILE-01 classification of real and
 * constructed files, central-directory sizes (V-FILE-02) and core properties.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  expandedSizeBytes,
  readCoreProperties,
  SNIFF_DETAIL,
  sniffWorkbook,
  zipEntrySizes,
} from "../src/core/read/package";
import { sizeMB } from "../src/core/read/limits";
import { NODE_BYTES } from "../src/cli/pool/read-here";
import { sha256Hex } from "../src/core/read/sha256";
import { tempDir } from "./helpers/cli";
import { convertWithLibreOffice } from "./helpers/libreoffice";

function nodeSha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Deterministic pseudo-random bytes (mulberry32), so a failing case can be replayed. */
function pseudoRandom(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

async function exceljsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Vụ Châu Âu & Co";
  wb.lastModifiedBy = "Thanh tra Bộ";
  wb.created = new Date(Date.UTC(2023, 8, 16, 8, 30, 0));
  wb.modified = new Date(Date.UTC(2023, 8, 16, 11, 30, 0));
  const ws = wb.addWorksheet("ThongTin");
  ws.getCell("A1").value = "Mã đơn vị";
  ws.getCell("B1").value = "VU-CAU-AU";
  for (let r = 2; r < 200; r++) ws.getCell(r, 2).value = r * 3;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    out[i * 2] = text.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A well-formed compound file (MS-CFB v3, 512-byte sectors): header, one FAT sector, one directory sector
 * holding the root and the given stream names, then `extra` bytes in a further (unreferenced) sector.
 */
function compoundFile(streams: readonly string[], extra: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(512 * 3 + Math.ceil(extra.length / 512) * 512);
  const view = new DataView(out.buffer);
  out.set(OLE2, 0);
  view.setUint16(0x18, 0x3e, true);
  view.setUint16(0x1a, 3, true);
  view.setUint16(0x1c, 0xfffe, true);
  view.setUint16(0x1e, 9, true);
  view.setUint16(0x20, 6, true);
  view.setUint32(0x2c, 1, true); // one FAT sector
  view.setUint32(0x30, 1, true); // directory starts at sector 1
  view.setUint32(0x38, 4096, true);
  view.setUint32(0x3c, 0xfffffffe, true);
  view.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) view.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512;
  for (let i = 0; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
  view.setUint32(fat, 0xfffffffd, true); // sector 0: the FAT itself
  view.setUint32(fat + 4, 0xfffffffe, true); // sector 1: the directory, end of chain
  const names = ["Root Entry", ...streams];
  if (names.length > 4) throw new Error("one directory sector holds four entries");
  names.forEach((name, i) => {
    const entry = 1024 + i * 128;
    out.set(utf16le(name), entry);
    view.setUint16(entry + 64, (name.length + 1) * 2, true);
    out[entry + 66] = i === 0 ? 5 : 2;
  });
  out.set(extra, 1536);
  return out;
}

/** Set general-purpose flag bit 0 (encrypted) on every local and central header of a zip. */
function markZipEncrypted(zip: Uint8Array): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) out[i + 6]! |= 1;
    if (sig === 0x02014b50) out[i + 8]! |= 1;
  }
  return out;
}

const CONTENT_TYPES = strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');

describe("sha256Hex", () => {
  it("matches node:crypto on the empty input and 'abc'", () => {
    expect(sha256Hex(new Uint8Array(0))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex(strToU8("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex(strToU8("abc"))).toBe(nodeSha256(strToU8("abc")));
  });

  it("matches node:crypto around the padding boundaries", () => {
    for (const size of [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const bytes = pseudoRandom(size, size);
      expect(sha256Hex(bytes), `size ${size}`).toBe(nodeSha256(bytes));
    }
  });

  it("matches node:crypto on 1 MB of random bytes and on a subarray with an offset", () => {
    const bytes = new Uint8Array(randomBytes(1024 * 1024));
    expect(sha256Hex(bytes)).toBe(nodeSha256(bytes));
    const inner = bytes.subarray(3, 3 + 100_001);
    expect(sha256Hex(inner)).toBe(nodeSha256(inner));
  });

  it("hashes 10 MB in reasonable time", () => {
    const bytes = pseudoRandom(10 * 1024 * 1024, 7);
    const start = performance.now();
    const hex = sha256Hex(bytes);
    const ms = performance.now() - start;
    expect(hex).toBe(nodeSha256(bytes));
    expect(ms).toBeLessThan(5000);
  });
});

describe("sniffWorkbook", () => {
  it("accepts a real .xlsx written by exceljs, also as a subarray", async () => {
    const xlsx = await exceljsWorkbook();
    expect(sniffWorkbook(xlsx)).toEqual({ ok: true });
    const padded = new Uint8Array(xlsx.length + 10);
    padded.set(xlsx, 5);
    expect(sniffWorkbook(padded.subarray(5, 5 + xlsx.length))).toEqual({ ok: true });
  });

  it("reports an empty file", () => {
    expect(sniffWorkbook(new Uint8Array(0))).toEqual({ ok: false, reason: "empty", detail: SNIFF_DETAIL.empty });
    expect(SNIFF_DETAIL.empty).toEqual({ vi: "tệp rỗng", en: "empty file" });
  });

  it("reports random bytes as not a zip", () => {
    const bytes = pseudoRandom(4096, 42);
    expect(sniffWorkbook(bytes)).toMatchObject({ ok: false, reason: "not-zip" });
  });

  it("reports a truncated .xlsx as a damaged zip", async () => {
    const xlsx = await exceljsWorkbook();
    const result = sniffWorkbook(xlsx.subarray(0, Math.floor(xlsx.length / 2)));
    expect(result).toEqual({ ok: false, reason: "corrupt-zip", detail: SNIFF_DETAIL["corrupt-zip"] });
    // Only the very end missing (part of the end record): still damaged.
    expect(sniffWorkbook(xlsx.subarray(0, xlsx.length - 3))).toMatchObject({ reason: "corrupt-zip" });
  });

  it("reports a bad CRC and damaged deflate data as a damaged zip", async () => {
    const stored = zipSync({ "[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": strToU8("<workbook/>") }, { level: 0 });
    expect(sniffWorkbook(stored)).toEqual({ ok: true });
    const flipped = stored.slice();
    const at = flipped.indexOf("<".charCodeAt(0), 40); // a byte of the first entry's stored data
    flipped[at]! ^= 0x01;
    expect(sniffWorkbook(flipped)).toMatchObject({ reason: "corrupt-zip" });

    const xlsx = await exceljsWorkbook();
    const damaged = xlsx.slice();
    for (let i = 200; i < 260; i++) damaged[i] = 0xff; // inside the first deflated entry
    expect(sniffWorkbook(damaged)).toMatchObject({ reason: "corrupt-zip" });
  });

  it("reports CSV text renamed .xlsx, UTF-16 text and HTML as text", () => {
    const csv = strToU8("\ufeffma_dv,ky,so_vu\nVU-CAU-AU,2023-9M,12\r\nVụ Châu Âu,2023-9M,3\n");
    expect(sniffWorkbook(csv)).toEqual({ ok: false, reason: "text", detail: SNIFF_DETAIL.text });
    expect(sniffWorkbook(new Uint8Array([0xff, 0xfe, ...utf16le("Mã\tKỳ\r\nA\t1\r\n")]))).toMatchObject({ reason: "text" });
    // Windows-1258 bytes are not UTF-8, but a CSV in a legacy code page is still text.
    expect(sniffWorkbook(new Uint8Array([...strToU8("ten,so\nV"), 0xf5, ...strToU8(" Ch"), 0xe2, ...strToU8("u "), 0xc2, ...strToU8("u,12\n")])))
      .toMatchObject({ reason: "text" });
    const html = sniffWorkbook(strToU8("  <html><body><table><tr><td>1</td></tr></table></body></html>"));
    expect(html).toMatchObject({ ok: false, reason: "text" });
    expect(html.ok ? null : html.detail.en).toMatch(/HTML/u);
  });

  it("reports an OLE2 file holding EncryptedPackage as encrypted, other OLE2 files as .xls", () => {
    // Minimal bytes: a header and the UTF-16LE stream names somewhere (no readable directory).
    const minimal = new Uint8Array(2048);
    minimal.set(OLE2, 0);
    minimal.set(utf16le("EncryptedPackage"), 1024 + 2);
    expect(sniffWorkbook(minimal)).toEqual({ ok: false, reason: "encrypted", detail: SNIFF_DETAIL.encrypted });
    const plain = new Uint8Array(2048);
    plain.set(OLE2, 0);
    expect(sniffWorkbook(plain)).toEqual({ ok: false, reason: "legacy-xls", detail: SNIFF_DETAIL["legacy-xls"] });
    expect(sniffWorkbook(new Uint8Array(OLE2))).toMatchObject({ reason: "legacy-xls" });

    // Well-formed compound files: the directory decides, not text elsewhere in the file.
    expect(sniffWorkbook(compoundFile(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]))).toMatchObject({ reason: "encrypted" });
    expect(sniffWorkbook(compoundFile(["Workbook"]))).toMatchObject({ reason: "legacy-xls" });
    expect(sniffWorkbook(compoundFile(["Workbook"], utf16le("EncryptedPackage")))).toMatchObject({ reason: "legacy-xls" });
  });

  it("reports .ods, .xlsb, zip-encrypted and unrelated zips", () => {
    const ods = zipSync({ "mimetype": [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }], "content.xml": strToU8("<x/>") });
    expect(sniffWorkbook(ods)).toEqual({ ok: false, reason: "ods", detail: SNIFF_DETAIL.ods });
    const odt = zipSync({ "mimetype": strToU8("application/vnd.oasis.opendocument.text"), "content.xml": strToU8("<x/>") });
    expect(sniffWorkbook(odt)).toMatchObject({ reason: "not-xlsx" });

    const xlsb = zipSync({ "[Content_Types].xml": CONTENT_TYPES, "xl/workbook.bin": new Uint8Array([1, 2, 3]) });
    expect(sniffWorkbook(xlsb)).toEqual({ ok: false, reason: "xlsb", detail: SNIFF_DETAIL.xlsb });

    const unrelated = zipSync({ "readme.txt": strToU8("hello"), "pics/a.png": new Uint8Array(100) });
    expect(sniffWorkbook(unrelated)).toEqual({ ok: false, reason: "not-xlsx", detail: SNIFF_DETAIL["not-xlsx"] });
    const noContentTypes = zipSync({ "xl/workbook.xml": strToU8("<workbook/>") });
    expect(sniffWorkbook(noContentTypes)).toMatchObject({ reason: "not-xlsx" });
    expect(sniffWorkbook(zipSync({}))).toMatchObject({ reason: "not-xlsx" });

    const locked = markZipEncrypted(zipSync({ "[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": strToU8("<workbook/>") }));
    expect(sniffWorkbook(locked)).toMatchObject({ reason: "encrypted" });
  });

  it("classifies real .xls and .ods files saved by LibreOffice", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "BM_VU-CAU-AU_2023-9M.xlsx");
    await writeFile(file, await exceljsWorkbook());
    const xls = await convertWithLibreOffice(file, "xls");
    expect(sniffWorkbook(new Uint8Array(await readFile(xls.out)))).toMatchObject({ ok: false, reason: "legacy-xls" });
    const ods = await convertWithLibreOffice(file, "ods");
    expect(sniffWorkbook(new Uint8Array(await readFile(ods.out)))).toMatchObject({ ok: false, reason: "ods" });
    const xlsx = await convertWithLibreOffice(ods.out, "xlsx");
    expect(sniffWorkbook(new Uint8Array(await readFile(xlsx.out)))).toEqual({ ok: true });
  });
});

describe("zip sizes", () => {
  it("lists the entries of the central directory and sums their sizes", async () => {
    const xlsx = await exceljsWorkbook();
    const files = unzipSync(xlsx);
    const sizes = zipEntrySizes(xlsx);
    expect(sizes?.map((e) => e.name)).toEqual(Object.keys(files));
    for (const e of sizes ?? []) expect(e.uncompressed, e.name).toBe(files[e.name]?.length);
    const total = Object.values(files).reduce((sum, data) => sum + data.length, 0);
    expect(expandedSizeBytes(xlsx)).toBe(total);
    expect(expandedSizeBytes(xlsx)).toBe((sizes ?? []).reduce((sum, e) => sum + e.uncompressed, 0));
  });

  it("reads declared sizes without inflating (a highly compressible entry)", () => {
    const zeros = new Uint8Array(5 * 1024 * 1024);
    const zip = zipSync({ "big.bin": zeros, "small.txt": strToU8("abc") }, { level: 9 });
    expect(zip.length).toBeLessThan(50_000);
    expect(zipEntrySizes(zip)).toEqual([
      { name: "big.bin", compressed: expect.any(Number) as number, uncompressed: zeros.length },
      { name: "small.txt", compressed: expect.any(Number) as number, uncompressed: 3 },
    ]);
    expect(expandedSizeBytes(zip)).toBe(zeros.length + 3);
  });

  it("gives null for what has no central directory", async () => {
    const xlsx = await exceljsWorkbook();
    expect(zipEntrySizes(xlsx.subarray(0, xlsx.length >> 1))).toBeNull();
    expect(expandedSizeBytes(xlsx.subarray(0, xlsx.length >> 1))).toBeNull();
    expect(expandedSizeBytes(pseudoRandom(1000, 1))).toBeNull();
    expect(expandedSizeBytes(new Uint8Array(0))).toBeNull();
    expect(expandedSizeBytes(zipSync({}))).toBe(0);
  });

  it("finds the end record behind a zip comment", () => {
    const plain = zipSync({ "a.txt": strToU8("hello") });
    // A false end-record signature inside the comment must not be taken for the real one.
    const comment = strToU8("comment PK\u0005\u0006 with a false signature and trailing text");
    const zip = new Uint8Array(plain.length + comment.length);
    zip.set(plain);
    zip.set(comment, plain.length);
    new DataView(zip.buffer).setUint16(plain.length - 2, comment.length, true);
    expect(zipEntrySizes(zip)?.map((e) => e.name)).toEqual(["a.txt"]);
  });

  it("rounds sizes in MB up to 2 decimals", () => {
    expect(sizeMB(10 * 1024 * 1024)).toBe(10);
    expect(sizeMB(10 * 1024 * 1024 + 1)).toBe(10.01);
    expect(sizeMB(1536 * 1024)).toBe(1.5);
    expect(sizeMB(new Uint8Array(0))).toBe(0);
    expect(sizeMB(new Uint8Array(1))).toBe(0.01);
  });
});

describe("readCoreProperties", () => {
  it("reads created, modified, creator and lastModifiedBy of an exceljs workbook", async () => {
    expect(readCoreProperties(await exceljsWorkbook())).toEqual({
      created: "2023-09-16T08:30:00Z",
      modified: "2023-09-16T11:30:00Z",
      creator: "Vụ Châu Âu & Co",
      lastModifiedBy: "Thanh tra Bộ",
    });
  });

  it("follows the package relationship to a core part elsewhere, any prefix, and trims", () => {
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="/meta/props.xml"/>' +
      "</Relationships>";
    const core =
      '<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:ns1="http://purl.org/dc/terms/">' +
      "<ns1:created>\n 2023-09-15T23:00:00+07:00 </ns1:created><ns1:modified/></cp:coreProperties>";
    const zip = zipSync({ "_rels/.rels": strToU8(rels), "meta/props.xml": strToU8(core) });
    expect(readCoreProperties(zip)).toEqual({ created: "2023-09-15T23:00:00+07:00", modified: null, creator: null, lastModifiedBy: null });
  });

  it("never throws: nulls for what is not an .xlsx or has no core part", () => {
    const none = { created: null, modified: null, creator: null, lastModifiedBy: null };
    expect(readCoreProperties(new Uint8Array(0))).toEqual(none);
    expect(readCoreProperties(pseudoRandom(3000, 3))).toEqual(none);
    expect(readCoreProperties(zipSync({ "a.txt": strToU8("x") }))).toEqual(none);
  });

  it("reads the same with the host's inflater and CRC (Node's zlib, as the CLI passes them)", async () => {
    const bytes = await exceljsWorkbook();
    expect(readCoreProperties(bytes, NODE_BYTES)).toEqual(readCoreProperties(bytes));
    expect(readCoreProperties(bytes, NODE_BYTES).modified).toBe("2023-09-16T11:30:00Z");
  });

  it("a core part whose bytes do not match its CRC is not read, whichever inflater", () => {
    const core = '<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dcterms="y"><dcterms:modified>2023-09-16T11:30:00Z</dcterms:modified></cp:coreProperties>';
    const zip = zipSync({ "docProps/core.xml": [strToU8(core), { level: 0 }] });
    expect(readCoreProperties(zip).modified).toBe("2023-09-16T11:30:00Z");
    // Stored, so the text is in the file as is: one digit of the date changed, the CRC no longer holds.
    const at = Buffer.from(zip).indexOf("2023-09-16T11");
    const damaged = zip.slice();
    damaged[at + 3] = 0x34; // 2023 → 2024
    const none = { created: null, modified: null, creator: null, lastModifiedBy: null };
    expect(readCoreProperties(damaged)).toEqual(none);
    expect(readCoreProperties(damaged, NODE_BYTES)).toEqual(none);
  });
});
