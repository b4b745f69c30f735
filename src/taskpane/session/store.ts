/**
 * What the pane keeps between openings (TASKPANE.md, issue 8 item 5): the files with their bytes,
 * the options, the roster and the period, in the page's IndexedDB on this machine. Nothing leaves
 * the machine. "Xóa danh sách" clears it.
 */
import type { SessionSnapshot } from "../api";

export interface SessionStore {
  load(): Promise<SessionSnapshot | null>;
  save(snapshot: SessionSnapshot): Promise<void>;
  clear(): Promise<void>;
}

const OBJECT_STORE = "session";
const KEY = "current";
/** Bumped when SessionSnapshot changes shape: an older record is then ignored, not misread. */
const SNAPSHOT_VERSION = 1;

interface StoredRecord {
  readonly version: number;
  readonly snapshot: SessionSnapshot;
}

function isRecord(value: unknown): value is StoredRecord {
  return typeof value === "object" && value !== null && "version" in value && "snapshot" in value;
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

/** The session in IndexedDB (`dbName`, one record); the bytes are kept as ArrayBuffers. */
export function indexedDbStore(dbName = "tonghop", factory: IDBFactory = indexedDB): SessionStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = (): Promise<IDBDatabase> => {
    opened ??= openDatabase(factory, dbName).catch((err: unknown) => {
      opened = null;
      throw err;
    });
    return opened;
  };
  const write = async (work: (store: IDBObjectStore) => void): Promise<void> => {
    const tx = (await db()).transaction(OBJECT_STORE, "readwrite");
    const done = transactionDone(tx);
    work(tx.objectStore(OBJECT_STORE));
    await done;
  };
  return {
    async load() {
      const tx = (await db()).transaction(OBJECT_STORE, "readonly");
      const value: unknown = await requestDone(tx.objectStore(OBJECT_STORE).get(KEY));
      return isRecord(value) && value.version === SNAPSHOT_VERSION ? value.snapshot : null;
    },
    save: (snapshot) => write((store) => store.put({ version: SNAPSHOT_VERSION, snapshot } satisfies StoredRecord, KEY)),
    clear: () => write((store) => store.delete(KEY)),
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
