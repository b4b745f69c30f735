/**
 * The worker reads each kept file once (src/taskpane/worker/reads.ts; a review of 2026-12-07: 20 hostile
 * files beside 99 clean ones made every removal and "Tổng hợp" read all of them again). A file is the same
 * read when its buffer, its name in the run and the reading limits are; anything else reads it afresh, and
 * a check from remembered reads is the check from fresh ones (the folder of 2023-H1, expectations.json).
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../src/core/read/sha256";
import { readInThread, type ReadInput } from "../src/core/validate/run";
import { DEFAULT_PANE_OPTIONS, type StoredFile } from "../src/taskpane/api";
import { handlers } from "../src/taskpane/worker/handlers";
import { rememberingReader } from "../src/taskpane/worker/reads";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");

describe("the worker's reads", () => {
  it("a kept file is read once for the same name and limits; again for another name, limits or buffer", async () => {
    const bytes = new Uint8Array(await readFile(path.join(FOLDER, (await readdir(FOLDER)).filter((f) => f.endsWith(".xlsx"))[0] ?? "")));
    let reads = 0;
    const counting: ReadInput = (input, options) => {
      reads++;
      return readInThread(input, options);
    };
    const read = rememberingReader(counting);
    const first = await read({ file: "a.xlsx", bytes }, {});
    expect(await read({ file: "a.xlsx", bytes }, {})).toBe(first);
    expect(reads).toBe(1);
    await read({ file: "b.xlsx", bytes }, {});
    await read({ file: "a.xlsx", bytes }, { maxCells: 10 });
    await read({ file: "a.xlsx", bytes: bytes.slice() }, {});
    expect(reads).toBe(4);
    // Limits given or left to their defaults are the same limits.
    await read({ file: "a.xlsx", bytes }, { maxCells: 500_000 });
    expect(reads).toBe(4);
  });

  it("a read that failed is tried again", async () => {
    let calls = 0;
    const flaky: ReadInput = (input, options) => (++calls === 1 ? Promise.reject(new Error("gone")) : readInThread(input, options));
    const read = rememberingReader(flaky);
    const bytes = new Uint8Array(await readFile(path.join(FOLDER, (await readdir(FOLDER)).filter((f) => f.endsWith(".xlsx"))[0] ?? "")));
    await expect(read({ file: "a.xlsx", bytes }, {})).rejects.toThrow("gone");
    await read({ file: "a.xlsx", bytes }, {});
    expect(calls).toBe(2);
  });

  it("a check again, from remembered reads, is the check from fresh reads", async () => {
    const names = (await readdir(FOLDER, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
    const files: StoredFile[] = await Promise.all(
      names.map(async (name, i) => {
        const buf = await readFile(path.join(FOLDER, name));
        const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
        return { id: `id-${i}`, name, originalName: name, size: buf.length, sha256: sha256Hex(buf), source: "file" as const, received: null, bytes };
      }),
    );
    const request = { periodId: "2023-H1", files, history: [], roster: null, options: DEFAULT_PANE_OPTIONS };
    const fresh = await handlers.check(request, () => undefined);
    const again = await handlers.check(request, () => undefined);
    // Without one file, then with it back: as the pane rechecks after a × and an undo.
    const fewer = await handlers.check({ ...request, files: files.slice(1) }, () => undefined);
    const back = await handlers.check(request, () => undefined);
    expect(again).toEqual(fresh);
    expect(back).toEqual(fresh);
    expect(fewer.inputs.length).toBe(fresh.inputs.length - 1);
  }, 60_000);

  it("reads with the worker's clock: the reading-time budget (maxReadMs) holds in the pane as in the CLI", async () => {
    // A clock that moves 20 s at each look: any file's read goes over the 10 s budget, V-FILE-04 (time).
    const name = (await readdir(FOLDER, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith(".xlsx"))[0]?.name ?? "";
    const buf = await readFile(path.join(FOLDER, name));
    const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const file: StoredFile = { id: "slow", name, originalName: name, size: buf.length, sha256: sha256Hex(buf), source: "file", received: null, bytes };
    let t = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => (t += 20_000));
    try {
      const view = await handlers.check({ periodId: "2023-H1", files: [file], history: [], roster: null, options: DEFAULT_PANE_OPTIONS }, () => undefined);
      expect(view.inputs[0]?.status).toBe("unreadable");
      expect(view.findings.map((f) => f.rule)).toContain("V-FILE-04");
    } finally {
      clock.mockRestore();
    }
  });
});
