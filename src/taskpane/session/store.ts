/**
 * What the pane keeps between openings (TASKPANE.md, issue 8 item 5): the files with their bytes,
 * the options, the roster and the period, in the page's IndexedDB on this machine. Nothing leaves
 * the machine. A file taken off the list ("×", "Xóa danh sách") loses its record at the next save.
 *
 * One record per file's bytes (written once when the file is first saved, deleted when it leaves
 * the list) and one small record for the rest: saving a changed option or a typed date never
 * rewrites 100 files' bytes on the main thread.
 */
import type { PaneFile, SessionSnapshot, StoredFile } from "../api";

export interface SessionStore {
  load(): Promise<SessionSnapshot | null>;
  save(snapshot: SessionSnapshot): Promise<void>;
  clear(): Promise<void>;
}

const OBJECT_STORE = "session";
/** The small record: everything but the files' bytes. */
const META_KEY = "meta";
/** Version 1 kept the whole snapshot, bytes included, under this key: read once, then replaced. */
const LEGACY_KEY = "current";
const FILE_PREFIX = "file:";
/** Bumped when the stored shape changes: an older record is then ignored, not misread. */
const META_VERSION = 2;
const LEGACY_VERSION = 1;

type Meta = Omit<SessionSnapshot, "files" | "history"> & { readonly files: readonly PaneFile[]; readonly history: readonly PaneFile[] };

interface MetaRecord {
  readonly version: number;
  readonly meta: Meta;
}

interface LegacyRecord {
  readonly version: number;
  readonly snapshot: SessionSnapshot;
}

const fileKey = (id: string): string => `${FILE_PREFIX}${id}`;

function isMetaRecord(value: unknown): value is MetaRecord {
  return typeof value === "object" && value !== null && "version" in value && value.version === META_VERSION && "meta" in value;
}

function isLegacyRecord(value: unknown): value is LegacyRecord {
  return typeof value === "object" && value !== null && "version" in value && value.version === LEGACY_VERSION && "snapshot" in value;
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed"));
    tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
  });
}

function openDatabase(factory: IDBFactory, dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(dbName, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(OBJECT_STORE)) request.result.createObjectStore(OBJECT_STORE);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and reopen on the next call.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB ${dbName}`));
    request.onblocked = () => reject(new Error(`IndexedDB ${dbName} is blocked by another tab`));
  });
}

function withoutBytes({ bytes: _bytes, ...file }: StoredFile): PaneFile {
  return file;
}

function metaOf(snapshot: SessionSnapshot): Meta {
  return { ...snapshot, files: snapshot.files.map(withoutBytes), history: snapshot.history.map(withoutBytes) };
}

/** The files of the small record with their bytes; a file whose bytes are missing is left out. */
async function withBytes(store: IDBObjectStore, files: readonly PaneFile[]): Promise<StoredFile[]> {
  const bytes = await Promise.all(files.map((f) => requestDone<unknown>(store.get(fileKey(f.id)))));
  return files.flatMap((f, i) => {
    const b = bytes[i];
    return b instanceof ArrayBuffer ? [{ ...f, bytes: b }] : [];
  });
}

/**
 * The session in IndexedDB (`dbName`): a small record, and one record per file's bytes (an
 * ArrayBuffer). The store remembers which file records exist, so a save writes only new files.
 */
export function indexedDbStore(dbName = "tonghop", factory: IDBFactory = indexedDB): SessionStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => {
    opened ??= openDatabase(factory, dbName).catch((err: unknown) => {
      opened = null;
      throw err;
    });
    return opened;
  };
  /** The keys in the database, as far as this store's writes go; null: read them on the next save. */
  let known: Promise<Set<string>> | null = null;
  const keys = (): Promise<Set<string>> => {
    known ??= db()
      .then((d) => requestDone(d.transaction(OBJECT_STORE, "readonly").objectStore(OBJECT_STORE).getAllKeys()))
      .then((all) => new Set(all.map(String)));
    return known;
  };
  const write = async (work: (store: IDBObjectStore, stored: Set<string>) => void): Promise<void> => {
    const stored = await keys();
    const tx = (await db()).transaction(OBJECT_STORE, "readwrite");
    const done = transactionDone(tx);
    work(tx.objectStore(OBJECT_STORE), stored);
    try {
      await done;
    } catch (err) {
      // What was written is unsure now: read the keys again before the next save.
      known = null;
      throw err;
    }
  };
  return {
    async load() {
      const tx = (await db()).transaction(OBJECT_STORE, "readonly");
      const store = tx.objectStore(OBJECT_STORE);
      const meta: unknown = await requestDone(store.get(META_KEY));
      if (isMetaRecord(meta)) {
        // Both asked at once: the transaction stays active while requests are pending.
        const [files, history] = await Promise.all([withBytes(store, meta.meta.files), withBytes(store, meta.meta.history)]);
        return { ...meta.meta, files, history };
      }
      const legacy: unknown = await requestDone(store.get(LEGACY_KEY));
      return isLegacyRecord(legacy) ? legacy.snapshot : null;
    },
    save: (snapshot) =>
      write((store, stored) => {
        const wanted = new Set([META_KEY]);
        for (const file of [...snapshot.files, ...snapshot.history]) {
          const key = fileKey(file.id);
          wanted.add(key);
          // A file's bytes never change under its id: written once.
          if (!stored.has(key)) store.put(file.bytes, key);
          stored.add(key);
        }
        for (const key of [...stored]) {
          if (wanted.has(key)) continue;
          store.delete(key);
          stored.delete(key);
        }
        store.put({ version: META_VERSION, meta: metaOf(snapshot) } satisfies MetaRecord, META_KEY);
        stored.add(META_KEY);
      }),
    clear: () =>
      write((store, stored) => {
        store.clear();
        stored.clear();
      }),
  };
}

/** The session in memory (tests, or a browser without IndexedDB): copies in, copies out. */
export function memoryStore(): SessionStore {
  let kept: SessionSnapshot | null = null;
  return {
    load: async () => (kept === null ? null : structuredClone(kept)),
    save: async (snapshot) => {
      kept = structuredClone(snapshot);
    },
    clear: async () => {
      kept = null;
    },
  };
}
