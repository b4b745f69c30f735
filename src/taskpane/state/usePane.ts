/**
 * The pane's state and actions as one hook. Everything outside the page's memory comes in as a
 * dependency (the worker pipeline, the Office host, the session store, today's date, the download
 * helper), so the standalone page, Excel and tests each pass their own.
 */
import { useEffect, useMemo, useReducer, useRef } from "react";
import type { Lang, OfficeHost, Pipeline, WorkProgress } from "../api";
import type { Localised } from "../../core/text";
import { BYTES_PER_MB, DEFAULT_LIMITS } from "../../core/read/limits";
import { OfficeActionError } from "../office";
import { commitDrafts } from "./closing";
import { downloadBytes, XLSX_TYPE, ZIP_TYPE } from "./download";
import {
  followPending,
  filesWithoutPeriod,
  initialState,
  paneReducer,
  requestOf,
  snapshotOf,
  type Filters,
  type PaneAction,
  type PaneState,
  type SettableOptions,
  type Task,
} from "./reducer";
import { defaultPeriodId, type IncomingFile, type SessionStore } from "./session";

/** Where the session is kept between openings (IndexedDB in the pane). */
export type PaneStore = SessionStore;

export interface PaneDeps {
  readonly pipeline: Pipeline;
  readonly office: OfficeHost;
  readonly store: PaneStore;
  /** Today's date (yyyy-MM-dd), read once from the machine: only for the default period. */
  readonly today: string;
  readonly download?: (fileName: string, bytes: ArrayBuffer, type: string) => void;
  /** New file ids (default: crypto.randomUUID). */
  readonly newId?: () => string;
}

export interface PaneActions {
  setLang(lang: Lang): void;
  addFiles(files: readonly File[]): void;
  readWorkbook(): void;
  removeFile(id: string): void;
  clearList(): void;
  setReceived(id: string, date: string | null): void;
  addHistory(files: readonly File[]): void;
  removeHistory(id: string): void;
  loadRoster(file: File | null): void;
  setReceipts(file: File | null): void;
  setOptions(options: Partial<SettableOptions>): void;
  /** The deadline for the period shown (null: its default). */
  setDeadline(date: string | null): void;
  pickPeriod(id: string): void;
  consolidate(): void;
  openReport(): void;
  insertReport(): void;
  downloadReport(): void;
  downloadReturnFiles(): void;
  downloadTemplates(): void;
  selectCell(sheet: string, cell: string): void;
  dismissError(id: number): void;
  setFilters(filters: Partial<Filters>): void;
}

/** A readable message from whatever was thrown: a core UserError's two languages, else the fallback and the detail. */
export function messageOf(error: unknown, fallback: Localised): Localised {
  // Office's errors: the pane's own words in its language, then Office's reason as Office gave it.
  if (error instanceof OfficeActionError) {
    if (error.localised) return error.localised;
    const detail = error.detail ? ` (${error.detail})` : "";
    return { vi: `${fallback.vi}${detail}`, en: `${fallback.en}${detail}` };
  }
  if (typeof error === "object" && error !== null) {
    const localised = (error as { localised?: unknown }).localised;
    if (isLocalised(localised)) return localised;
    const detail = (error as { message?: unknown }).message;
    if (typeof detail === "string" && detail !== "") return { vi: `${fallback.vi} (${detail})`, en: `${fallback.en} (${detail})` };
  }
  return fallback;
}

function isLocalised(value: unknown): value is Localised {
  return typeof value === "object" && value !== null && typeof (value as Localised).vi === "string" && typeof (value as Localised).en === "string";
}

const FAILED: Readonly<Record<Exclude<Task, "save"> | "select", Localised>> = {
  add: { vi: "Không đọc được tệp. Đề nghị mở tệp bằng Excel, lưu lại rồi thêm lại.", en: "The file could not be read. Open it in Excel, save it and add it again." },
  check: { vi: "Kiểm tra không chạy được. Bỏ tệp vừa thêm rồi thử lại.", en: "The check could not run. Remove the file just added and try again." },
  consolidate: { vi: "Không lập được báo cáo. Xem các lỗi ở phần Kết quả kiểm tra rồi thử lại.", en: "The report could not be made. See the check results and try again." },
  returnFiles: { vi: "Không tạo được tệp trả lại.", en: "The return files could not be made." },
  templates: { vi: "Không tạo được mẫu biểu.", en: "The templates could not be made." },
  workbook: { vi: "Không đọc được sổ làm việc đang mở. Đề nghị lưu sổ làm việc rồi thử lại.", en: "The open workbook could not be read. Save the workbook and try again." },
  select: { vi: "Không chọn được ô trong sổ làm việc. Ô có thể đã bị xóa hoặc trang tính đã đổi tên.", en: "The cell could not be selected. It may have been deleted or the sheet renamed." },
  export: { vi: "Không đưa được báo cáo vào Excel. Dùng \"Tải về (.xlsx)\" rồi mở tệp.", en: "The report could not be put into Excel. Use \"Download (.xlsx)\" and open the file." },
};

/** Desktop Excel, where "Tải về (.xlsx)" is not offered (TASKPANE.md §8): the other ways to the report. */
const EXPORT_FAILED_DESKTOP: Localised = {
  vi: "Không đưa được báo cáo vào Excel. Thử lại, hoặc lập báo cáo trong Excel trên web hay trên trang của ngăn tác vụ mở bằng trình duyệt rồi tải về.",
  en: "The report could not be put into Excel. Try again, or make the report in Excel on the web or on the pane's page in a browser and download it.",
};

const STORE_FAILED: Localised = {
  vi: "Không lưu được danh sách trên máy này; tệp vẫn dùng được cho đến khi đóng ngăn tác vụ.",
  en: "The list could not be saved on this machine; the files stay usable until the pane is closed.",
};

/** The list given back when the pane opens: where it was kept, and how to remove it. */
export function keptFromLastTime(files: number): Localised {
  return {
    vi: `Đã mở lại ${files} tệp và các tùy chọn của lần làm việc trước, lưu trong trình duyệt trên máy này (không gửi đi đâu). "Xóa danh sách" xóa các tệp này khỏi máy.`,
    en: `Reopened ${files} ${files === 1 ? "file" : "files"} and the options of the last session, kept in the browser on this machine (sent nowhere). "Clear list" removes these files from the machine.`,
  };
}

/** A file of a batch the browser could not read, and why. */
interface NotRead {
  readonly name: string;
  readonly error: unknown;
}

/** The message for the files of a batch that could not be read, each named, with the browser's first reason. */
export function filesNotRead(failed: readonly NotRead[], added: number): Error & { readonly localised: Localised } {
  const names = failed.map((f) => `"${f.name}"`).join(", ");
  const reason = failed.map((f) => (f.error instanceof Error ? f.error.message : "")).find((m) => m !== "");
  const detail = reason ? ` (${reason})` : "";
  const localised: Localised = {
    vi: `Không đọc được ${names}${detail}: tệp có thể đã bị chuyển, xóa hoặc đang mở trong chương trình khác. Đề nghị thêm lại${added > 0 ? `; ${added} tệp còn lại đã được thêm` : ""}.`,
    en: `Could not read ${names}${detail}: the file may have been moved, deleted or opened by another program. Add it again${added > 0 ? `; the other ${added === 1 ? "file was" : `${added} files were`} added` : ""}.`,
  };
  return Object.assign(new Error(localised.en), { localised });
}

/** At most one progress redraw per frame-ish interval; the last one always shows. */
function throttled(dispatch: (a: PaneAction) => void): (p: WorkProgress) => void {
  let last = 0;
  return (progress) => {
    const now = performance.now();
    if (progress.done < progress.total && now - last < 60) return;
    last = now;
    dispatch({ type: "progress", progress });
  };
}

async function incomingOf(pipeline: Pipeline, file: File, source: IncomingFile["source"]): Promise<IncomingFile> {
  // Over the size limit (the CLI's default, WORKBOOKS.md §3 maxFileSizeMB): never taken in, only hashed in chunks by the worker.
  if (file.size > DEFAULT_LIMITS.maxFileSizeMB * BYTES_PER_MB) {
    return { name: file.name, bytes: new ArrayBuffer(0), sha256: await pipeline.sha256(file), source, received: null, unreadSize: file.size };
  }
  const bytes = await file.arrayBuffer();
  const sha256 = await pipeline.sha256(bytes);
  return { name: file.name, bytes, sha256, source, received: null };
}

function randomId(): string {
  return crypto.randomUUID();
}

export function usePane(deps: PaneDeps): { readonly state: PaneState; readonly actions: PaneActions } {
  const [state, dispatch] = useReducer(paneReducer, deps.today, (today: string) => initialState(defaultPeriodId(today)));
  const stateRef = useRef(state);
  stateRef.current = state;
  const depsRef = useRef(deps);
  depsRef.current = deps;

  useRestore(deps, dispatch);
  useSave(state, deps, dispatch);
  useFilePeriods(state, deps, dispatch);
  useCheck(state, deps, dispatch);

  const actions = useMemo(() => makeActions(dispatch, () => stateRef.current, () => depsRef.current), []);
  return { state, actions };
}

function useRestore(deps: PaneDeps, dispatch: (a: PaneAction) => void): void {
  useEffect(() => {
    let live = true;
    deps.store
      .load()
      .then((snapshot) => {
        if (!live) return;
        dispatch({ type: "restored", snapshot });
        // Said, so nobody takes the list for new, or is surprised that units' files stay on the machine.
        const kept = snapshot?.files.length ?? 0;
        if (kept > 0) dispatch({ type: "error", message: keptFromLastTime(kept), intent: "info" });
        // What could not be given back, or that nothing will be kept: said once, when the list is shown.
        const notice = deps.store.notice?.() ?? null;
        if (notice) dispatch({ type: "error", message: notice, intent: "warning" });
      })
      .catch(() => {
        if (!live) return;
        dispatch({ type: "restored", snapshot: null });
        dispatch({ type: "error", message: STORE_FAILED });
      });
    return () => {
      live = false;
    };
  }, [deps.store]);
}

/** While a batch of files is read, those read are listed (and saved) at least this often. */
const BATCH_MS = 500;

/** A burst of changes (files added, then their period followed) is saved once, after it settles. */
const SAVE_DELAY_MS = 400;

function useSave(state: PaneState, deps: PaneDeps, dispatch: (a: PaneAction) => void): void {
  const failed = useRef(false);
  const pending = useRef<(() => void) | null>(null);
  const saves = useRef(0);
  const { restored, files, history, roster, options, period, lang } = state;
  useEffect(() => {
    if (!restored) return;
    // Only the fields listed below are saved; the effect runs when one of them changes.
    const snapshot = snapshotOf(state);
    const generation = ++saves.current;
    const save = () => {
      pending.current = null;
      deps.store
        .save(snapshot)
        .catch(() => {
          if (failed.current) return;
          failed.current = true;
          dispatch({ type: "error", message: STORE_FAILED });
        })
        // Busy until the last change is stored: a test (or a user) may close the pane right after.
        .finally(() => generation === saves.current && dispatch({ type: "busy", task: "save", on: false }));
    };
    pending.current = save;
    dispatch({ type: "busy", task: "save", on: true });
    const timer = setTimeout(save, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [restored, files, history, roster, options, period, lang, deps.store, dispatch]);
  // Closing the pane within the delay still saves the last change, a name being typed included; the
  // store begins the write before this handler returns (store.ts `write`).
  useEffect(() => {
    const flush = () => {
      commitDrafts();
      pending.current?.();
    };
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, []);
}

function useFilePeriods(state: PaneState, deps: PaneDeps, dispatch: (a: PaneAction) => void): void {
  const asked = useRef(new Set<string>());
  const { restored, files } = state;
  useEffect(() => {
    if (!restored) return;
    const unknown = filesWithoutPeriod(state).filter((f) => !asked.current.has(f.id));
    if (unknown.length === 0) return;
    for (const f of unknown) asked.current.add(f.id);
    deps.pipeline
      .periodsOf(unknown)
      .then((periods) => dispatch({ type: "filePeriods", periods }))
      // A file whose period cannot be read does not name one; the check will say why.
      .catch(() => dispatch({ type: "filePeriods", periods: unknown.map((f) => ({ id: f.id, period: null })) }));
    // Runs when the file list changes; the rest of the state is read as it is then.
  }, [restored, files, deps.pipeline, dispatch]);
}

function useCheck(state: PaneState, deps: PaneDeps, dispatch: (a: PaneAction) => void): void {
  const latest = useRef(state);
  latest.current = state;
  const pending = followPending(state);
  // Files still being read are listed as they come: one check once they all are, not one per part.
  const adding = state.busy.add === true;
  const { restored, inputsVersion } = state;
  useEffect(() => {
    if (!restored || pending || adding) return;
    const version = inputsVersion;
    // A short pause lets a burst of changes (typing a name, dropping files) make one check.
    const timer = setTimeout(() => {
      dispatch({ type: "busy", task: "check", on: true });
      deps.pipeline
        .check(requestOf(latest.current), throttled(dispatch))
        .then((view) => dispatch({ type: "checked", version, view }))
        .catch((error: unknown) => {
          if (latest.current.inputsVersion !== version) return;
          const message = messageOf(error, FAILED.check);
          dispatch({ type: "checkFailed", version, message });
          dispatch({ type: "error", message, fromCheck: true });
        })
        .finally(() => {
          if (latest.current.inputsVersion !== version) return;
          dispatch({ type: "busy", task: "check", on: false });
          dispatch({ type: "progress", progress: null });
        });
    }, 150);
    return () => clearTimeout(timer);
  }, [restored, pending, adding, inputsVersion, deps.pipeline, dispatch]);
}

function makeActions(dispatch: (a: PaneAction) => void, current: () => PaneState, deps: () => PaneDeps): PaneActions {
  const newId = (): string => (deps().newId ?? randomId)();
  const download = (name: string, bytes: ArrayBuffer, type: string): void => (deps().download ?? downloadBytes)(name, bytes, type);

  async function run(task: Exclude<Task, "save">, work: (progress: (p: WorkProgress) => void) => Promise<void>): Promise<void> {
    dispatch({ type: "busy", task, on: true });
    try {
      await work(throttled(dispatch));
    } catch (error) {
      const fallback = task === "export" && !deps().office.canDownload ? EXPORT_FAILED_DESKTOP : FAILED[task];
      dispatch({ type: "error", message: messageOf(error, fallback) });
    } finally {
      dispatch({ type: "busy", task, on: false });
      dispatch({ type: "progress", progress: null });
    }
  }

  /**
   * The files' bytes, each on its own: one the browser cannot read (moved or deleted since it was chosen,
   * locked by another program, a folder) is named afterwards, and the others are added all the same. Files
   * read are handed to `add` at least every BATCH_MS while reading goes on, so that a long batch (files on
   * a network share, hundreds of them) is listed, and kept, as it is read: the pane closed halfway keeps
   * what was read (the brief: nothing lost when the pane closes). A short batch is added at once, at its end.
   */
  async function readAll(files: readonly File[], progress: (p: WorkProgress) => void, add: (incoming: readonly IncomingFile[]) => void): Promise<{ added: number; failed: NotRead[] }> {
    let batch: IncomingFile[] = [];
    let added = 0;
    let since = performance.now();
    const failed: NotRead[] = [];
    const flush = (): void => {
      if (batch.length > 0) add(batch);
      added += batch.length;
      batch = [];
      since = performance.now();
    };
    for (const [i, file] of files.entries()) {
      progress({ phase: "add", done: i, total: files.length });
      try {
        batch.push(await incomingOf(deps().pipeline, file, "file"));
      } catch (error) {
        failed.push({ name: file.name, error });
      }
      if (performance.now() - since >= BATCH_MS) flush();
    }
    flush();
    // The bar reaches its end before the check's own bar (named otherwise) starts.
    progress({ phase: "add", done: files.length, total: files.length });
    return { added, failed };
  }

  const consolidated = () => current().consolidated;

  return {
    setLang: (lang) => dispatch({ type: "lang", lang }),
    addFiles: (files) =>
      void run("add", async (progress) => {
        const { added, failed } = await readAll(files, progress, (incoming) => dispatch({ type: "filesAdded", incoming, ids: incoming.map(newId) }));
        if (failed.length > 0) throw filesNotRead(failed, added);
      }),
    readWorkbook: () =>
      void run("workbook", async () => {
        const { name, bytes } = await deps().office.readOpenWorkbook();
        const sha256 = await deps().pipeline.sha256(bytes);
        dispatch({ type: "workbookRead", incoming: { name, bytes, sha256, source: "workbook", received: null }, id: newId() });
      }),
    removeFile: (id) => dispatch({ type: "fileRemoved", id }),
    // The roster, options and earlier-period files stay: the next save keeps them and deletes the files' bytes.
    clearList: () => dispatch({ type: "listCleared" }),
    setReceived: (id, date) => dispatch({ type: "receivedSet", id, date }),
    addHistory: (files) =>
      void run("add", async (progress) => {
        const { added, failed } = await readAll(files, progress, (incoming) => dispatch({ type: "historyAdded", incoming, ids: incoming.map(newId) }));
        if (failed.length > 0) throw filesNotRead(failed, added);
      }),
    removeHistory: (id) => dispatch({ type: "historyRemoved", id }),
    loadRoster: (file) =>
      void run("add", async () => {
        dispatch({ type: "rosterSet", roster: file ? { name: file.name, bytes: await file.arrayBuffer() } : null });
      }),
    setReceipts: (file) =>
      void run("add", async () => {
        dispatch({ type: "optionsSet", options: { receipts: file ? { name: file.name, bytes: await file.arrayBuffer() } : null } });
      }),
    setOptions: (options) => dispatch({ type: "optionsSet", options }),
    setDeadline: (date) => dispatch({ type: "deadlineSet", date }),
    pickPeriod: (id) => dispatch({ type: "periodPicked", id }),
    consolidate: () =>
      void run("consolidate", async (progress) => {
        const state = current();
        const view = await deps().pipeline.consolidate(requestOf(state), progress);
        dispatch({ type: "consolidated", version: state.inputsVersion, view });
      }),
    openReport: () =>
      void run("export", async () => {
        const view = consolidated();
        if (view) await deps().office.openReport(view.report.slice(0));
      }),
    insertReport: () =>
      void run("export", async () => {
        const view = consolidated();
        if (view) await deps().office.insertReport(view.report.slice(0));
      }),
    downloadReport: () => {
      const view = consolidated();
      if (view) download(view.fileName, view.report, XLSX_TYPE);
    },
    downloadReturnFiles: () =>
      void run("returnFiles", async (progress) => {
        const { fileName, zip } = await deps().pipeline.returnFiles(requestOf(current()), progress);
        download(fileName, zip, ZIP_TYPE);
      }),
    downloadTemplates: () =>
      void run("templates", async (progress) => {
        const state = current();
        const { fileName, zip } = await deps().pipeline.templates({ periodId: state.period.id, roster: state.roster }, progress);
        download(fileName, zip, ZIP_TYPE);
      }),
    selectCell: (sheet, cell) =>
      void deps()
        .office.selectCell(sheet, cell)
        .catch((error: unknown) => dispatch({ type: "error", message: messageOf(error, FAILED.select) })),
    dismissError: (id) => dispatch({ type: "errorDismissed", id }),
    setFilters: (filters) => dispatch({ type: "filter", filters }),
  };
}
