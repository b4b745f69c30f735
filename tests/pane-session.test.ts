/**
 * The pane's session (src/taskpane/session): the file list's identity rules (TASKPANE.md
 * "Behaviour"), the default and followed period (TASKPANE.md §2, windows of PERIODS.md §2), and
 * the IndexedDB store that survives closing the pane (fake-indexeddb).
 */
import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { sha256Hex } from "../src/core/read/sha256";
import { DEFAULT_PANE_OPTIONS, type SessionSnapshot, type StoredFile } from "../src/taskpane/api";
import { addToList, removeFromList, setReceived, type IncomingFile } from "../src/taskpane/session/files";
import { choosePeriod, defaultPeriodId, followFiles } from "../src/taskpane/session/period";
import { SESSION_DAMAGED, SESSION_HELD_ELSEWHERE, indexedDbStore, memoryStore, readOnlyStore } from "../src/taskpane/session/store";

function incoming(name: string, text: string): IncomingFile {
  const bytes = new TextEncoder().encode(text);
  return { name, bytes: bytes.buffer as ArrayBuffer, sha256: sha256Hex(bytes) };
}

function ids(): () => string {
  let n = 0;
  return () => `f${++n}`;
}

describe("addToList: files are known by their input, not their name", () => {
  it("adds new files under their own names", () => {
    const out = addToList([], [incoming("BM_A.xlsx", "a"), incoming("BM_B.xlsx", "b")], ids());
    expect(out.list.map((f) => [f.id, f.name, f.originalName, f.size, f.source, f.received])).toEqual([
      ["f1", "BM_A.xlsx", "BM_A.xlsx", 1, "file", null],
      ["f2", "BM_B.xlsx", "BM_B.xlsx", 1, "file", null],
    ]);
    expect(out.added).toHaveLength(2);
    expect(out.unchanged).toBe(0);
  });

  it("changes nothing for the same name with the same bytes", () => {
    const newId = ids();
    const first = addToList([], [incoming("BM_A.xlsx", "a")], newId);
    const again = addToList(first.list, [incoming("BM_A.xlsx", "a")], newId);
    expect(again.list).toEqual(first.list);
    expect(again.added).toEqual([]);
    expect(again.unchanged).toBe(1);
  });

  it("lists the same name with other bytes as a new input 'name (2).xlsx', then (3)", () => {
    const newId = ids();
    const one = addToList([], [incoming("BM_A.xlsx", "first")], newId);
    const two = addToList(one.list, [incoming("BM_A.xlsx", "corrected")], newId);
    const three = addToList(two.list, [incoming("BM_A.xlsx", "again"), incoming("BM_A.xlsx", "corrected")], newId);
    expect(three.list.map((f) => [f.id, f.name, f.originalName])).toEqual([
      ["f1", "BM_A.xlsx", "BM_A.xlsx"],
      ["f2", "BM_A (2).xlsx", "BM_A.xlsx"],
      ["f3", "BM_A (3).xlsx", "BM_A.xlsx"],
    ]);
    expect(three.unchanged).toBe(1);
    expect(new Set(three.list.map((f) => f.name)).size).toBe(3);
  });

  it("adds the same bytes under another name (the core flags it V-DUP-02)", () => {
    const out = addToList([], [incoming("BM_A.xlsx", "same"), incoming("copy of BM_A.xlsx", "same")], ids());
    expect(out.list.map((f) => f.name)).toEqual(["BM_A.xlsx", "copy of BM_A.xlsx"]);
    expect(out.list[0]?.sha256).toBe(out.list[1]?.sha256);
  });

  it("compares names in NFC: a decomposed name is the same name", () => {
    const composed = "BM_Vụ.xlsx";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const newId = ids();
    const one = addToList([], [incoming(composed, "x")], newId);
    expect(addToList(one.list, [incoming(decomposed, "x")], newId).unchanged).toBe(1);
  });

  it("replaces the open workbook's earlier reading when it is read again with other bytes", () => {
    const newId = ids();
    const fromDisk = addToList([], [incoming("Book1.xlsx", "disk")], newId).list;
    const read1 = addToList(fromDisk, [{ ...incoming("Book1.xlsx", "v1"), source: "workbook" }], newId);
    expect(read1.list.map((f) => [f.id, f.name, f.source])).toEqual([
      ["f1", "Book1.xlsx", "file"],
      ["f2", "Book1 (2).xlsx", "workbook"],
    ]);
    const read2 = addToList(read1.list, [{ ...incoming("Book1.xlsx", "v2"), source: "workbook" }], newId);
    expect(read2.list.map((f) => [f.id, f.name, f.source])).toEqual([
      ["f1", "Book1.xlsx", "file"],
      ["f3", "Book1 (2).xlsx", "workbook"],
    ]);
    expect(addToList(read2.list, [{ ...incoming("Book1.xlsx", "v2"), source: "workbook" }], newId).unchanged).toBe(1);
  });

  it("removes by id and keeps the others' names; a typed received date sticks to its file", () => {
    const newId = ids();
    const list = addToList([], [incoming("BM_A.xlsx", "1"), incoming("BM_A.xlsx", "2")], newId).list;
    const removed = removeFromList(list, "f1");
    expect(removed.map((f) => [f.id, f.name])).toEqual([["f2", "BM_A (2).xlsx"]]);
    // The freed name is used again for the next new bytes.
    expect(addToList(removed, [incoming("BM_A.xlsx", "3")], newId).added[0]?.name).toBe("BM_A.xlsx");
    const dated = setReceived(list, "f2", "2023-06-15");
    expect(dated.map((f) => f.received)).toEqual([null, "2023-06-15"]);
  });
});

describe("the default period: the latest whose window has ended, the cumulative type on a tie", () => {
  // Windows run from the 15th to the 14th (PERIODS.md §2); a window has ended the day after its end.
  it.each([
    ["2023-09-20", "2023-9M"], // 9M, Q3 and M09 all end 14/09: 9M
    ["2023-12-20", "2023-Y"], // Y, Q4 and M12 end 14/12: Y
    ["2023-06-15", "2023-H1"], // H1, Q2, M06 end 14/06: H1
    ["2023-03-15", "2023-Q1"], // Q1 and M03 end 14/03: Q
    ["2023-04-15", "2023-M04"], // M04 ended 14/04, after Q1
    ["2023-06-14", "2023-M05"], // 14/06 is itself a data day of H1: not ended yet
    ["2024-01-10", "2023-Y"], // early January: last year's Y
    ["2024-01-15", "2024-M01"], // the year's first month starts 15/12 and ends 14/01
  ])("on %s it is %s", (today, id) => {
    expect(defaultPeriodId(today)).toBe(id);
  });
});

describe("following the files", () => {
  it("is the period most files name", () => {
    expect(followFiles(["2023-H1", "2023-H1", "2023-Q2", null])).toBe("2023-H1");
  });
  it("goes to the later period on a tie", () => {
    expect(followFiles(["2023-Q2", "2023-Q1"])).toBe("2023-Q2");
    expect(followFiles(["2023-Q1", "2023-Q2"])).toBe("2023-Q2");
    expect(followFiles(["2022-Y", "2023-M01", null, null, null])).toBe("2023-M01");
    // Same window end: the cumulative period is the later one.
    expect(followFiles(["2023-9M", "2023-Q3"])).toBe("2023-9M");
  });
  it("takes periodsOf's answers as they come", () => {
    expect(followFiles([{ id: "a", period: "2023-Q1" }, { id: "b", period: null }, { id: "c", period: "2023-Q1" }])).toBe("2023-Q1");
  });
  it("is null when no file names a period", () => {
    expect(followFiles([])).toBeNull();
    expect(followFiles([null, null])).toBeNull();
  });
  it("never changes a period picked by hand; otherwise follows the files, else the default", () => {
    const files = [
      { id: "a", period: "2023-H1" },
      { id: "b", period: "2023-H1" },
    ];
    expect(choosePeriod({ id: "2023-Q1", source: "user" }, "2023-09-20", files)).toEqual({ id: "2023-Q1", source: "user" });
    expect(choosePeriod({ id: "2023-9M", source: "default" }, "2023-09-20", files)).toEqual({ id: "2023-H1", source: "files" });
    expect(choosePeriod(null, "2023-09-20", [])).toEqual({ id: "2023-9M", source: "default" });
    expect(choosePeriod({ id: "2023-H1", source: "files" }, "2023-09-20", [{ id: "c", period: null }])).toEqual({ id: "2023-9M", source: "default" });
  });
});

function snapshot(files: readonly StoredFile[]): SessionSnapshot {
  return {
    files,
    history: [],
    roster: { name: "dv.csv", bytes: new TextEncoder().encode("ma_dv,ten_dv\n").buffer as ArrayBuffer },
    options: { ...DEFAULT_PANE_OPTIONS, deadline: "2023-06-17", acceptWithErrors: true, preparerName: "Nguyễn Văn A" },
    period: { id: "2023-H1", source: "user" },
    lang: "en",
  };
}

const bytesText = (b: ArrayBuffer): string => new TextDecoder().decode(b);

describe("the session store", () => {
  it("IndexedDB: saves, survives closing the pane (a new store on the same database), and clears", async () => {
    const name = `tonghop-test-${process.pid}`;
    const files = addToList([], [incoming("BM_A.xlsx", "alpha"), incoming("BM_A.xlsx", "beta")], ids()).list;
    const first = indexedDbStore(name);
    expect(await first.load()).toBeNull();
    await first.save(snapshot(files));

    const reopened = indexedDbStore(name);
    const loaded = await reopened.load();
    expect(loaded).not.toBeNull();
    expect(loaded?.files.map((f) => [f.id, f.name, f.sha256])).toEqual(files.map((f) => [f.id, f.name, f.sha256]));
    expect(loaded?.files.map((f) => f.bytes instanceof ArrayBuffer)).toEqual([true, true]);
    expect(loaded?.files.map((f) => bytesText(f.bytes))).toEqual(["alpha", "beta"]);
    expect(loaded?.options).toEqual(snapshot(files).options);
    expect(loaded?.period).toEqual({ id: "2023-H1", source: "user" });
    expect(loaded?.lang).toBe("en");
    expect(bytesText(loaded?.roster?.bytes ?? new ArrayBuffer(0))).toBe("ma_dv,ten_dv\n");

    // A later save replaces the earlier one.
    await reopened.save(snapshot(removeFromList(files, files[0]?.id ?? "")));
    expect((await first.load())?.files.map((f) => f.name)).toEqual(["BM_A (2).xlsx"]);

    await reopened.clear();
    expect(await first.load()).toBeNull();
    expect(await indexedDbStore(name).load()).toBeNull();
  });

  it("IndexedDB: once the list is loaded, a save begins its write in the caller's task (the pane closing: pagehide)", async () => {
    const name = `tonghop-test-sync-${process.pid}`;
    const files = addToList([], [incoming("BM_A.xlsx", "alpha")], ids()).list;
    const store = indexedDbStore(name);
    await store.load();
    // The keys asked by load() have arrived (a few turns of the event loop).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const transaction = vi.spyOn(IDBDatabase.prototype, "transaction");
    const put = vi.spyOn(IDBObjectStore.prototype, "put");
    const saved = store.save(snapshot(files));
    // Before any await: the transaction is open and the file's bytes and the small record are put.
    expect(transaction.mock.calls.map((c) => c[1])).toEqual(["readwrite"]);
    expect(put.mock.calls.map((c) => c[1])).toEqual([`file:${files[0]?.id ?? ""}`, "meta"]);
    transaction.mockRestore();
    put.mockRestore();
    await saved;
    expect((await indexedDbStore(name).load())?.files.map((f) => bytesText(f.bytes))).toEqual(["alpha"]);
  });

  it("memory: copies in and out", async () => {
    const store = memoryStore();
    const files = addToList([], [incoming("BM_A.xlsx", "alpha")], ids()).list;
    const s = snapshot(files);
    await store.save(s);
    const loaded = await store.load();
    expect(loaded).toEqual(s);
    expect(loaded?.files[0]?.bytes).not.toBe(s.files[0]?.bytes);
    await store.clear();
    expect(await store.load()).toBeNull();
  });
});

describe("the IndexedDB store keeps one record per file", () => {
  /** Counts `put`s of ArrayBuffers (file records) and of the small record, for every store. */
  function countPuts(): { readonly files: number; readonly meta: number; restore(): void } {
    const counts = { files: 0, meta: 0 };
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (value instanceof ArrayBuffer) counts.files++;
      else counts.meta++;
      return put.call(this, value, key);
    });
    return {
      get files() {
        return counts.files;
      },
      get meta() {
        return counts.meta;
      },
      restore: () => spy.mockRestore(),
    };
  }

  const many = (n: number): readonly StoredFile[] =>
    addToList(
      [],
      Array.from({ length: n }, (_, i) => incoming(`BM_${i}.xlsx`, `bytes ${i}`)),
      ids(),
    ).list;

  it("a save after adding 1 file to 100 writes 1 file record; a metadata change writes none", async () => {
    const name = `tonghop-test-per-file-${process.pid}`;
    const store = indexedDbStore(name);
    const hundred = many(101);
    await store.save(snapshot(hundred.slice(0, 100)));
    const puts = countPuts();
    try {
      await store.save(snapshot(hundred));
      expect([puts.files, puts.meta]).toEqual([1, 1]);
      await store.save({ ...snapshot(setReceived(hundred, hundred[5]?.id ?? "", "2023-06-30")), lang: "vi" });
      expect([puts.files, puts.meta]).toEqual([1, 2]);
    } finally {
      puts.restore();
    }
    const loaded = await indexedDbStore(name).load();
    expect(loaded?.files).toHaveLength(101);
    expect(loaded?.files[5]?.received).toBe("2023-06-30");
    expect(loaded?.files.map((f) => bytesText(f.bytes))).toEqual(hundred.map((_, i) => `bytes ${i}`));
    await store.clear();
  });

  it("removing a file deletes its record; a new store (the pane reopened) writes no file again", async () => {
    const name = `tonghop-test-removed-${process.pid}`;
    const files = many(3);
    await indexedDbStore(name).save(snapshot(files));
    const reopened = indexedDbStore(name);
    const puts = countPuts();
    try {
      await reopened.save(snapshot(removeFromList(files, files[1]?.id ?? "")));
      expect(puts.files).toBe(0);
    } finally {
      puts.restore();
    }
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const open = indexedDB.open(name, 1);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const req = open.result.transaction("session", "readonly").objectStore("session").getAllKeys();
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result);
        };
      };
    });
    expect(keys.map(String).sort()).toEqual([`file:${files[0]?.id}`, `file:${files[2]?.id}`, "meta"].sort());
    expect((await indexedDbStore(name).load())?.files.map((f) => f.name)).toEqual(["BM_0.xlsx", "BM_2.xlsx"]);
    await reopened.clear();
    expect(await indexedDbStore(name).load()).toBeNull();
  });

  it("IndexedDB: a damaged record gives back what it can and says so; an unknown version is said and not misread", async () => {
    const name = `tonghop-damaged-${process.pid}`;
    const files = addToList([], [incoming("BM_A.xlsx", "alpha"), incoming("BM_B.xlsx", "beta")], ids()).list;
    await indexedDbStore(name).save(snapshot(files));
    const edit = (change: (record: { version: number; meta: Record<string, unknown> }) => unknown): Promise<void> =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open(name, 1);
        request.onsuccess = () => {
          const tx = request.result.transaction("session", "readwrite");
          const store = tx.objectStore("session");
          const get = store.get("meta");
          get.onsuccess = () => store.put(change(get.result as { version: number; meta: Record<string, unknown> }), "meta");
          tx.oncomplete = () => {
            request.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      });
    // Options gone, one file entry without its name, a signing date that is no text.
    await edit((r) => {
      const list = r.meta.files as Array<Record<string, unknown>>;
      delete list[1]?.name;
      return { ...r, meta: { ...r.meta, options: undefined } };
    });
    const store = indexedDbStore(name);
    const loaded = await store.load();
    expect(loaded?.files.map((f) => [f.name, bytesText(f.bytes)])).toEqual([["BM_A.xlsx", "alpha"]]);
    expect(loaded?.options).toEqual({ ...DEFAULT_PANE_OPTIONS, deadline: null });
    expect(store.notice?.()).toEqual(SESSION_DAMAGED);

    await edit((r) => ({ ...r, version: 99 }));
    const newer = indexedDbStore(name);
    expect(await newer.load()).toBeNull();
    expect(newer.notice?.()).toEqual(SESSION_DAMAGED);
    // A sound record says nothing.
    await newer.save(snapshot(files));
    const sound = indexedDbStore(name);
    expect((await sound.load())?.files).toHaveLength(2);
    expect(sound.notice?.() ?? null).toBeNull();
  });

  it("read-only (a second pane): loads the kept list, never writes it, and says so", async () => {
    const name = `tonghop-second-${process.pid}`;
    const files = addToList([], [incoming("BM_A.xlsx", "alpha")], ids()).list;
    await indexedDbStore(name).save(snapshot(files));
    const second = readOnlyStore(indexedDbStore(name));
    expect((await second.load())?.files.map((f) => f.name)).toEqual(["BM_A.xlsx"]);
    expect(second.notice?.()).toEqual(SESSION_HELD_ELSEWHERE);
    await second.save(snapshot([]));
    await second.clear();
    expect((await indexedDbStore(name).load())?.files.map((f) => f.name)).toEqual(["BM_A.xlsx"]);
  });
});
