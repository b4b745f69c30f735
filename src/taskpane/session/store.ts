/**
 * What the pane keeps between openings (TASKPANE.md, issue 8 item 5): the files with their bytes,
 * the options, the roster and the period, in the page's IndexedDB on this machine. Nothing leaves
 * the machine. A file taken off the list ("×", "Xóa danh sách") loses its record at the next save.
 *
 * One record per file's bytes (written once when the file is first saved, deleted when it leaves
 * the list) and one small record for the rest: saving a changed option or a typed date never
 * rewrites 100 files' bytes on the main thread.
 */
import type { Localised } from "../../core/text";
import { DEFAULT_PANE_OPTIONS, type PaneFile, type PeriodChoice, type RosterFile, type SessionSnapshot, type StoredFile, type StoredSettings } from "../api";

export interface SessionStore {
  load(): Promise<SessionSnapshot | null>;
  save(snapshot: SessionSnapshot): Promise<void>;
  clear(): Promise<void>;
  /** What the pane should say once loaded: part of the kept list could not be given back, or none will be kept. */
  notice?(): Localised | null;
}

/** A kept list written by another version of the pane, or damaged: what could be read is given back. */
export const SESSION_DAMAGED: Localised = {
  vi: "Danh sách đã lưu trước đây không đọc lại được đầy đủ (bản lưu bị hỏng hoặc của phiên bản khác); những gì đọc được đã được mở lại, xin kiểm tra và thêm lại tệp còn thiếu.",
  en: "The list saved earlier could not be read back in full (damaged, or saved by another version); what could be read is open again: check it and add any missing file.",
};

/** A second pane on the same machine (another Excel window or browser tab) while one keeps the list. */
export const SESSION_HELD_ELSEWHERE: Localised = {
  vi: "Ngăn Tổng hợp đang mở ở một cửa sổ khác và đang giữ danh sách đã lưu: thay đổi ở ngăn này sẽ không được lưu. Đóng ngăn kia rồi mở lại ngăn này để lưu.",
  en: "The Tổng hợp pane is open in another window, which keeps the saved list: changes made in this pane will not be saved. Close the other pane, then reopen this one to save.",
};

/** The browser keeps no data for this page (site data blocked, or no IndexedDB). */
export const SESSION_NOT_KEPT: Localised = {
  vi: "Trình duyệt không cho lưu dữ liệu của trang này: danh sách tệp chỉ dùng được cho đến khi đóng ngăn tác vụ.",
  en: "The browser keeps no data for this page: the list of files is usable only until the pane is closed.",
};

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string";

/** A file entry of the kept list as the pane wrote it; null when a field it needs is missing. */
function fileEntry(v: unknown): PaneFile | null {
  if (!isObject(v) || !isText(v.id) || !isText(v.name) || !isText(v.sha256) || typeof v.size !== "number") return null;
  return {
    id: v.id,
    name: v.name,
    originalName: isText(v.originalName) ? v.originalName : v.name,
    size: v.size,
    sha256: v.sha256,
    source: v.source === "workbook" ? "workbook" : "file",
    received: isText(v.received) ? v.received : null,
    ...(v.unread === true ? { unread: true as const } : {}),
  };
}

function rosterEntry(v: unknown): RosterFile | null {
  return isObject(v) && isText(v.name) && v.bytes instanceof ArrayBuffer ? { name: v.name, bytes: v.bytes } : null;
}

/** The options kept, field by field: a missing or mistyped one is the default (a newer or damaged record). */
function settingsEntry(v: unknown): StoredSettings {
  const o = isObject(v) ? v : {};
  const text = (key: "preparerName" | "headName" | "signDate"): string => (isText(o[key]) ? o[key] : DEFAULT_PANE_OPTIONS[key]);
  const receipts = o.receipts;
  const deadline = o.deadline;
  return {
    receipts: isObject(receipts) && isText(receipts.name) && receipts.bytes instanceof ArrayBuffer ? { name: receipts.name, bytes: receipts.bytes } : null,
    deadline: isText(deadline) ? deadline : isObject(deadline) && isText(deadline.periodId) && isText(deadline.date) ? { periodId: deadline.periodId, date: deadline.date } : null,
    acceptWithErrors: o.acceptWithErrors === true,
    preparerName: text("preparerName"),
    headName: text("headName"),
    signDate: text("signDate"),
  };
}

function periodEntry(v: unknown): PeriodChoice | null {
  return isObject(v) && isText(v.id) && (v.source === "default" || v.source === "files" || v.source === "user") ? { id: v.id, source: v.source } : null;
}

/** The kept list's small record read field by field, and whether anything in it had to be left out. */
function metaEntry(v: unknown): { readonly meta: Meta; readonly damaged: boolean } {
  const m = isObject(v) ? v : {};
  const list = (key: "files" | "history"): PaneFile[] => (Array.isArray(m[key]) ? m[key].map(fileEntry).filter((f): f is PaneFile => f !== null) : []);
  const files = list("files");
  const history = list("history");
  const meta: Meta = { files, history, roster: rosterEntry(m.roster), options: settingsEntry(m.options), period: periodEntry(m.period), lang: m.lang === "en" ? "en" : "vi" };
  const count = (key: "files" | "history"): number => (Array.isArray(m[key]) ? m[key].length : -1);
  const damaged = !isObject(v) || count("files") !== files.length || count("history") !== history.length || !isObject(m.options) || (m.roster !== null && meta.roster === null);
  return { meta, damaged };
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

/** Opening that neither succeeds nor fails by then (WebKit has had such hangs) counts as failed: the pane works on, unsaved. */
const OPEN_TIMEOUT_MS = 10_000;

function openDatabase(factory: IDBFactory, dbName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject(new Error(`IndexedDB ${dbName} did not open`)), OPEN_TIMEOUT_MS);
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
  let notice: Localised | null = null;
  let opened: Promise<IDBDatabase> | null = null;
  /** The same as `opened` and `known` once they have settled: a save can then start in the same task. */
  let openNow: IDBDatabase | null = null;
  let keysNow: Set<string> | null = null;
  const forget = (): void => {
    opened = null;
    openNow = null;
  };
  const db = (): Promise<IDBDatabase> => {
    opened ??= openDatabase(factory, dbName).then(
      (d) => {
        openNow = d;
        // Closed for another tab's upgrade (openDatabase): opened again on the next call.
        d.addEventListener("versionchange", forget);
        return d;
      },
      (err: unknown) => {
        forget();
        throw err;
      },
    );
    return opened;
  };
  /** The keys in the database, as far as this store's writes go; null: read them on the next save. */
  let known: Promise<Set<string>> | null = null;
  const unsure = (): void => {
    known = null;
    keysNow = null;
  };
  const keys = (): Promise<Set<string>> => {
    known ??= db()
      .then((d) => requestDone(d.transaction(OBJECT_STORE, "readonly").objectStore(OBJECT_STORE).getAllKeys()))
      .then((all) => (keysNow = new Set(all.map(String))));
    known.catch(unsure);
    return known;
  };
  /** Throws at once when the database was closed under us; the rest is in the promise. */
  const writeTo = (d: IDBDatabase, stored: Set<string>, work: (store: IDBObjectStore, stored: Set<string>) => void): Promise<void> => {
    const tx = d.transaction(OBJECT_STORE, "readwrite");
    const done = transactionDone(tx);
    work(tx.objectStore(OBJECT_STORE), stored);
    // Committed now rather than when this task ends: the page may be going (pagehide). Older webviews
    // (EdgeHTML, Safari before 15) have no commit(): the transaction then commits when the task ends.
    if (typeof tx.commit === "function") tx.commit();
    return done.catch((err: unknown) => {
      // What was written is unsure now: read the keys again before the next save.
      unsure();
      throw err;
    });
  };
  /**
   * A write begins in the caller's task when the database is open and its keys known, as when the pane
   * closes within the save delay: a transaction begun after an await came too late (a review of
   * 2026-12-07 saw the last change lost), since the page is gone once its pagehide handlers return.
   */
  const write = (work: (store: IDBObjectStore, stored: Set<string>) => void): Promise<void> => {
    if (openNow && keysNow) {
      try {
        return writeTo(openNow, keysNow, work);
      } catch {
        // Closed under us (another tab's upgrade): opened again below.
        forget();
      }
    }
    return Promise.all([db(), keys()]).then(([d, stored]) => writeTo(d, stored, work));
  };
  return {
    async load() {
      // Asked now, so the first save can begin in the task that asks for it (`write`).
      keys().catch(() => undefined);
      const tx = (await db()).transaction(OBJECT_STORE, "readonly");
      const store = tx.objectStore(OBJECT_STORE);
      const record: unknown = await requestDone(store.get(META_KEY));
      if (isMetaRecord(record)) {
        const { meta, damaged } = metaEntry(record.meta);
        // Both asked at once: the transaction stays active while requests are pending.
        const [files, history] = await Promise.all([withBytes(store, meta.files), withBytes(store, meta.history)]);
        if (damaged || files.length !== meta.files.length || history.length !== meta.history.length) notice = SESSION_DAMAGED;
        return { ...meta, files, history };
      }
      const legacy: unknown = await requestDone(store.get(LEGACY_KEY));
      if (isLegacyRecord(legacy)) {
        const { meta, damaged } = metaEntry(legacy.snapshot);
        const snapshot: unknown = legacy.snapshot;
        const bytesOf = (key: "files" | "history"): StoredFile[] => {
          const raw = isObject(snapshot) && Array.isArray(snapshot[key]) ? (snapshot[key] as unknown[]) : [];
          return meta[key].flatMap((f) => {
            const kept = raw.find((r) => isObject(r) && r.id === f.id);
            return isObject(kept) && kept.bytes instanceof ArrayBuffer ? [{ ...f, bytes: kept.bytes }] : [];
          });
        };
        const files = bytesOf("files");
        const history = bytesOf("history");
        if (damaged || files.length !== meta.files.length || history.length !== meta.history.length) notice = SESSION_DAMAGED;
        return { ...meta, files, history };
      }
      // A record of a version this pane does not know (a newer build's): said, and left until a save replaces it.
      if (record !== undefined || legacy !== undefined) notice = SESSION_DAMAGED;
      return null;
    },
    notice: () => notice,
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

/** The session in memory (tests, or a browser that keeps no data: `notice` says so): copies in, copies out. */
export function memoryStore(notice: Localised | null = null): SessionStore {
  let kept: SessionSnapshot | null = null;
  return {
    load: async () => (kept === null ? null : structuredClone(kept)),
    save: async (snapshot) => {
      kept = structuredClone(snapshot);
    },
    clear: async () => {
      kept = null;
    },
    notice: () => notice,
  };
}

/**
 * A second pane's store: the kept list is read (what the other pane saved last), changes stay in memory.
 * Two panes writing one list replaced each other's files without a word (a review of 2026-12-07).
 */
export function readOnlyStore(kept: SessionStore): SessionStore {
  const memory = memoryStore();
  let loaded = false;
  return {
    load: async () => {
      loaded = true;
      return kept.load();
    },
    save: (snapshot) => memory.save(snapshot),
    clear: () => memory.clear(),
    notice: () => (loaded ? SESSION_HELD_ELSEWHERE : null),
  };
}
