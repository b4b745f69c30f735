/**
 * The pane and a file over the size limit (review of 2026-12-07; WORKBOOKS.md §3 `maxFileSizeMB`, default
 * 10): a 300 MB file was taken in whole on the main thread (frozen up to 3 s), its bytes kept in IndexedDB
 * (every reload ~20 s), and then listed as too large anyway. Now such a file is never taken in: the worker
 * hashes it in chunks, the list keeps its size and SHA-256 only, and the check lists it as the CLI does
 * (V-FILE-02, unreadable), with the same SHA-256. The file: the frozen sample with an 11 MB stored entry
 * beside its parts (zipped by fflate, stored), a valid workbook over the limit.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PANE_OPTIONS, type StoredFile } from "../src/taskpane/api";
import { addToList } from "../src/taskpane/session/files";
import { handlers } from "../src/taskpane/worker/handlers";
import { runBinary, tempDir } from "./helpers/cli";

const FILE = "BM_BAO-TGVN_2023-H1.xlsx";
const SAMPLE = path.join(__dirname, "fixtures", "reader-differential", "sample-2023-H1", FILE);

let big: Uint8Array<ArrayBuffer>;
let digest: string;

beforeAll(async () => {
  const parts = unzipSync(new Uint8Array(await readFile(SAMPLE)));
  const filler = new Uint8Array(11 * 1024 * 1024).map((_, i) => (i * 7919) & 0xff);
  big = new Uint8Array(zipSync({ ...parts, "xl/media/filler.bin": [filler, { level: 0 }] }));
  digest = createHash("sha256").update(big).digest("hex");
});

describe("a file over the size limit in the pane", () => {
  it("is hashed by the worker in chunks, to the digest of the whole file", async () => {
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    expect(await handlers.sha256(new Blob([big]))).toBe(digest);
  });

  it("is listed by its size and SHA-256, no bytes kept, and checked as the CLI lists it (V-FILE-02)", async () => {
    const { added } = addToList([], [{ name: FILE, bytes: new ArrayBuffer(0), sha256: digest, unreadSize: big.length }], () => "big");
    const file = added[0] as StoredFile;
    expect(file).toMatchObject({ size: big.length, sha256: digest, unread: true });
    expect(file.bytes.byteLength).toBe(0);
    const view = await handlers.check({ periodId: "2023-H1", files: [file], history: [], roster: null, options: DEFAULT_PANE_OPTIONS }, () => undefined);
    const input = view.inputs.find((i) => i.file === FILE);
    expect(input).toMatchObject({ status: "unreadable", reasons: ["V-FILE-02"] });
    // The CLI on the same file: the same status, rule and SHA-256.
    const dir = await tempDir();
    await mkdir(path.join(dir, "in"));
    await writeFile(path.join(dir, "in", FILE), big);
    const json = path.join(dir, "r.json");
    await runBinary(["validate", path.join(dir, "in"), "--period", "2023-H1", "--json", json]);
    const cli = JSON.parse(await readFile(json, "utf8")) as { inputs: Array<{ file: string; sha256: string; status: string }>; findings: Array<{ rule: string }> };
    expect(cli.inputs).toEqual([expect.objectContaining({ file: FILE, sha256: digest, status: "unreadable" })]);
    expect(cli.findings.map((f) => f.rule)).toContain("V-FILE-02");
  }, 60_000);
});
