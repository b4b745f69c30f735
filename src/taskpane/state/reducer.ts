/**
 * The pane's state as a pure reducer: what the user added, the period and how it was chosen, the last
 * check and consolidation, what is running, the errors shown and the list filters. Effects (the worker,
 * Office, the store) live in `usePane`; they only dispatch actions here, so this file is testable alone.
 */
import type { Severity } from "../../core/findings";
import type { UnitStatus } from "../../core/validate/run";
import {
  DEFAULT_PANE_SETTINGS,
  type CheckRequest,
  type CheckView,
  type ConsolidateView,
  type FilePeriod,
  type Lang,
  type PaneOptions,
  type PaneSettings,
  type PeriodChoice,
  type RosterFile,
  type SessionSnapshot,
  type StoredFile,
  type StoredSettings,
  type TypedDeadline,
  type WorkProgress,
} from "../api";
import type { Localised } from "../../core/text";
import { addToList, followFiles, type IncomingFile } from "./session";

/** Work the pane can be busy with; each shows progress and disables what would conflict. */
export type Task = "add" | "check" | "consolidate" | "returnFiles" | "templates" | "workbook" | "export" | "save";

export interface PaneError {
  readonly id: number;
  readonly message: Localised;
  /**
   * A word that is no error: "info" (files already listed) in the information colour; "warning" (the kept
   * list: not read in full, held by another pane, not kept) in the warning colour, read out at once.
   */
  readonly intent?: "info" | "warning";
  /** Said by a check that failed: gone once a check runs. */
  readonly fromCheck?: true;
}

export interface Filters {
  readonly status: UnitStatus | "all";
  readonly severities: readonly Severity[];
  /** A unit code, "" for findings with no unit, or "all". */
  readonly unit: string;
}

export interface PaneState {
  readonly lang: Lang;
  /** The stored session was read (or there was none): saving may start. */
  readonly restored: boolean;
  readonly files: readonly StoredFile[];
  /**
   * The files read from the workbook this pane is open in, in this session: only their findings select a
   * cell. A workbook file kept from another session, or from another Excel window (the kept list is the
   * machine's), has the same sheet names as every unit's, and its findings selected cells of whatever
   * workbook was open (an outside review).
   */
  readonly readFromThisWorkbook: readonly string[];
  readonly history: readonly StoredFile[];
  readonly roster: RosterFile | null;
  readonly options: PaneSettings;
  readonly period: PeriodChoice;
  /** The period of the default (today's latest ended period), for when no file names one. */
  readonly defaultPeriodId: string;
  /** The period each file names in ThongTin, by file id (null: none readable). */
  readonly filePeriods: Readonly<Record<string, string | null>>;
  /** Bumped on every change of what a check reads; results of older versions are dropped. */
  readonly inputsVersion: number;
  readonly check: CheckView | null;
  readonly checkedVersion: number;
  /** Why the last check could not run (a receipt log's bad date), shown where its results would be. */
  readonly checkError: Localised | null;
  readonly consolidated: ConsolidateView | null;
  readonly busy: Readonly<Partial<Record<Task, true>>>;
  readonly progress: WorkProgress | null;
  readonly errors: readonly PaneError[];
  readonly nextErrorId: number;
  readonly filters: Filters;
}

/** What is wrong first: "Thông tin" (e.g. a form left blank) is one click away. */
export const DEFAULT_SEVERITIES: readonly Severity[] = ["error", "warning"];

export function initialState(defaultPeriodId: string): PaneState {
  return {
    lang: "vi",
    restored: false,
    files: [],
    history: [],
    roster: null,
    options: DEFAULT_PANE_SETTINGS,
    period: { id: defaultPeriodId, source: "default" },
    defaultPeriodId,
    filePeriods: {},
    inputsVersion: 0,
    check: null,
    checkedVersion: -1,
    checkError: null,
    consolidated: null,
    busy: {},
    readFromThisWorkbook: [],
    progress: null,
    errors: [],
    nextErrorId: 1,
    filters: { status: "all", severities: DEFAULT_SEVERITIES, unit: "all" },
  };
}

export type PaneAction =
  | { readonly type: "restored"; readonly snapshot: SessionSnapshot | null }
  | { readonly type: "lang"; readonly lang: Lang }
  | { readonly type: "filesAdded"; readonly incoming: readonly IncomingFile[]; readonly ids: readonly string[] }
  | { readonly type: "workbookRead"; readonly incoming: IncomingFile; readonly id: string }
  | { readonly type: "fileRemoved"; readonly id: string }
  | { readonly type: "listCleared" }
  | { readonly type: "receivedSet"; readonly id: string; readonly date: string | null }
  | { readonly type: "historyAdded"; readonly incoming: readonly IncomingFile[]; readonly ids: readonly string[] }
  | { readonly type: "historyRemoved"; readonly id: string }
  | { readonly type: "rosterSet"; readonly roster: RosterFile | null }
  | { readonly type: "optionsSet"; readonly options: Partial<SettableOptions> }
  /** A deadline typed (null: cleared) for the period shown now. */
  | { readonly type: "deadlineSet"; readonly date: string | null }
  | { readonly type: "periodPicked"; readonly id: string }
  | { readonly type: "filePeriods"; readonly periods: readonly FilePeriod[] }
  | { readonly type: "checked"; readonly version: number; readonly view: CheckView }
  | { readonly type: "checkFailed"; readonly version: number; readonly message: Localised }
  | { readonly type: "consolidated"; readonly version: number; readonly view: ConsolidateView }
  | { readonly type: "busy"; readonly task: Task; readonly on: boolean }
  | { readonly type: "progress"; readonly progress: WorkProgress | null }
  | { readonly type: "error"; readonly message: Localised; readonly intent?: "info" | "warning"; readonly fromCheck?: true }
  | { readonly type: "errorDismissed"; readonly id: number }
  | { readonly type: "filter"; readonly filters: Partial<Filters> };

/** The options set as they are; the deadline is set for the period shown ("deadlineSet"). */
export type SettableOptions = Omit<PaneSettings, "deadline">;

/** The deadline typed for `periodId`, else null (the period's default applies). */
export function deadlineFor(settings: PaneSettings, periodId: string): string | null {
  return settings.deadline !== null && settings.deadline.periodId === periodId ? settings.deadline.date : null;
}

/** A check's options for `periodId`: a deadline typed for another period does not apply. */
export function optionsFor(settings: PaneSettings, periodId: string): PaneOptions {
  return { ...settings, deadline: deadlineFor(settings, periodId) };
}

/** What a check (or consolidation) of the current state reads. */
export function requestOf(state: PaneState): CheckRequest {
  const periodId = state.period.id;
  return { periodId, files: state.files, history: state.history, roster: state.roster, options: optionsFor(state.options, periodId) };
}

/** What is kept between openings of the pane. */
export function snapshotOf(state: PaneState): SessionSnapshot {
  return { files: state.files, history: state.history, roster: state.roster, options: state.options, period: state.period, lang: state.lang };
}

/** Files whose period is not known yet: the pane waits for them before it follows the files. */
export function filesWithoutPeriod(state: PaneState): readonly StoredFile[] {
  return state.files.filter((f) => !(f.id in state.filePeriods));
}

/** True while the period should follow the files but some file's period is still being read. */
export function followPending(state: PaneState): boolean {
  return state.period.source !== "user" && filesWithoutPeriod(state).length > 0;
}

/** A change of what the check reads: a new version, the old consolidation dropped. */
function changed(state: PaneState, patch: Partial<PaneState>): PaneState {
  return follow({ ...state, ...patch, inputsVersion: state.inputsVersion + 1, consolidated: null });
}

/**
 * Until the user picks a period, the period is the one most files name (a tie: the later), else the
 * default. A period picked by hand is never changed here.
 */
function follow(state: PaneState): PaneState {
  if (state.period.source === "user" || followPending(state)) return state;
  const named = followFiles(state.files.map((f) => ({ id: f.id, period: state.filePeriods[f.id] ?? null })));
  const period: PeriodChoice = named ? { id: named, source: "files" } : { id: state.defaultPeriodId, source: "default" };
  if (period.id === state.period.id && period.source === state.period.source) return state;
  return { ...state, period, inputsVersion: state.inputsVersion + 1, consolidated: null };
}

/** New files get the ids given with the action, in order. */
function idsFrom(ids: readonly string[]): () => string {
  let next = 0;
  return () => ids[next++] ?? `file-${next}-${ids.length}`;
}

function addAll(list: readonly StoredFile[], incoming: readonly IncomingFile[], ids: readonly string[]): readonly StoredFile[] {
  return addedTo(list, incoming, ids).list;
}

function addedTo(list: readonly StoredFile[], incoming: readonly IncomingFile[], ids: readonly string[]): { readonly list: readonly StoredFile[]; readonly unchanged: number } {
  const outcome = addToList(list, incoming, idsFrom(ids));
  return { list: outcome.added.length === 0 ? list : outcome.list, unchanged: outcome.unchanged };
}

/** Files added again with the same name and bytes: nothing changes, and the pane says so (it said nothing). */
export function alreadyListed(n: number): Localised {
  return {
    vi: `${n} tệp đã có trong danh sách (cùng tên, cùng nội dung) nên không thêm lại.`,
    en: `${n === 1 ? "1 file is" : `${n} files are`} already in the list (same name, same content): not added again.`,
  };
}

function withNotice(state: PaneState, unchanged: number): PaneState {
  if (unchanged === 0) return state;
  return { ...state, errors: [...state.errors, { id: state.nextErrorId, message: alreadyListed(unchanged), intent: "info" }], nextErrorId: state.nextErrorId + 1 };
}

/** Re-reading the open workbook replaces its earlier reading and keeps the received date typed for it. */
function withWorkbook(list: readonly StoredFile[], incoming: IncomingFile, id: string): readonly StoredFile[] {
  const earlier = list.find((f) => f.source === "workbook" && f.originalName === incoming.name);
  return addAll(list, [{ ...incoming, received: earlier?.received ?? incoming.received ?? null }], [id]);
}

function isTypedDeadline(value: unknown): value is TypedDeadline {
  return typeof value === "object" && value !== null && typeof (value as TypedDeadline).periodId === "string" && typeof (value as TypedDeadline).date === "string";
}

/**
 * The stored options as the pane holds them. A bare date (a session saved before the deadline was tied
 * to its period) was the deadline of the session's period then: it stays that period's, and is dropped
 * when the session had no period.
 */
export function settingsOf(stored: StoredSettings, period: PeriodChoice | null): PaneSettings {
  const kept: unknown = stored.deadline;
  let deadline: TypedDeadline | null = null;
  if (isTypedDeadline(kept)) deadline = { periodId: kept.periodId, date: kept.date };
  else if (typeof kept === "string" && kept !== "" && period !== null) deadline = { periodId: period.id, date: kept };
  return { ...DEFAULT_PANE_SETTINGS, ...stored, deadline };
}

/** A file already in the pane as it would come again: its name, bytes and what was typed for it. */
function asIncoming(f: StoredFile): IncomingFile {
  return { name: f.originalName, bytes: f.bytes, sha256: f.sha256, source: f.source, received: f.received, ...(f.unread ? { unreadSize: f.size } : {}) };
}

/**
 * The kept list with the files added while it was being read (a large list takes seconds): added after
 * it as if dropped then, not replaced by it (a review of 2026-12-07 saw them vanish).
 */
function keptThenEarly(kept: readonly StoredFile[], early: readonly StoredFile[]): readonly StoredFile[] {
  // One at a time, so each file keeps its own id (one already kept is skipped and takes none).
  return early.reduce((list, f) => addAll(list, [asIncoming(f)], [f.id]), kept);
}

function restore(state: PaneState, snapshot: SessionSnapshot | null): PaneState {
  if (!snapshot) return { ...state, restored: true };
  const period = snapshot.period ?? state.period;
  return {
    ...state,
    restored: true,
    lang: snapshot.lang,
    files: keptThenEarly(snapshot.files, state.files),
    history: keptThenEarly(snapshot.history, state.history),
    roster: state.roster ?? snapshot.roster,
    options: settingsOf(snapshot.options, snapshot.period),
    // A followed period is worked out again from the files, a default one from today.
    period: period.source === "user" ? period : state.period,
    inputsVersion: state.inputsVersion + 1,
  };
}

function withoutTask(busy: PaneState["busy"], task: Task): PaneState["busy"] {
  const next = { ...busy };
  delete next[task];
  return next;
}

/**
 * "Xóa danh sách" empties the list of unit files (and their received dates) and nothing else: the roster,
 * the options and the earlier-period files stay, and a period picked by hand stays (TASKPANE.md §2); a
 * followed period goes back to the default (DECISIONS.md, 2026-12-07 review of the pane).
 */
function clearedList(state: PaneState): PaneState {
  return changed(state, {
    files: [],
    filePeriods: {},
    filters: initialState(state.defaultPeriodId).filters,
  });
}

export function paneReducer(state: PaneState, action: PaneAction): PaneState {
  switch (action.type) {
    case "restored":
      return follow(restore(state, action.snapshot));
    case "lang":
      return { ...state, lang: action.lang };
    case "filesAdded": {
      const { list: files, unchanged } = addedTo(state.files, action.incoming, action.ids);
      return withNotice(files === state.files ? state : changed(state, { files }), unchanged);
    }
    case "workbookRead":
    {
      const files = withWorkbook(state.files, action.incoming, action.id);
      const read = files.find((f) => f.source === "workbook" && f.sha256 === action.incoming.sha256)?.id;
      const readFromThisWorkbook = read === undefined || state.readFromThisWorkbook.includes(read) ? state.readFromThisWorkbook : [...state.readFromThisWorkbook, read];
      return changed(state, { files, readFromThisWorkbook });
    }
    case "fileRemoved":
      return changed(state, { files: state.files.filter((f) => f.id !== action.id) });
    case "listCleared":
      return clearedList(state);
    case "receivedSet":
      return changed(state, { files: state.files.map((f) => (f.id === action.id ? { ...f, received: action.date } : f)) });
    case "historyAdded": {
      const { list: history, unchanged } = addedTo(state.history, action.incoming, action.ids);
      return withNotice(history === state.history ? state : changed(state, { history }), unchanged);
    }
    case "historyRemoved":
      return changed(state, { history: state.history.filter((f) => f.id !== action.id) });
    case "rosterSet":
      return changed(state, { roster: action.roster });
    case "optionsSet":
      return changed(state, { options: { ...state.options, ...action.options } });
    case "deadlineSet": {
      const periodId = state.period.id;
      if (action.date === null && deadlineFor(state.options, periodId) === null) return state;
      return changed(state, { options: { ...state.options, deadline: action.date === null ? null : { periodId, date: action.date } } });
    }
    case "periodPicked":
      return changed(state, { period: { id: action.id, source: "user" } });
    case "filePeriods": {
      const filePeriods = { ...state.filePeriods };
      for (const p of action.periods) filePeriods[p.id] = p.period;
      return follow({ ...state, filePeriods });
    }
    case "checked":
      if (action.version !== state.inputsVersion) return state;
      // A check that runs again takes away what the failed one said (a receipt log replaced after its bad date).
      return { ...state, check: action.view, checkedVersion: action.version, checkError: null, errors: state.errors.filter((e) => !e.fromCheck) };
    case "checkFailed":
      // No view rather than a stale one: nothing is consolidated from inputs that were not checked.
      if (action.version !== state.inputsVersion) return state;
      return { ...state, check: null, checkedVersion: action.version, checkError: action.message };
    case "consolidated":
      if (action.version !== state.inputsVersion) return state;
      return { ...state, consolidated: action.view };
    case "busy":
      return { ...state, busy: action.on ? { ...state.busy, [action.task]: true } : withoutTask(state.busy, action.task) };
    case "progress":
      return { ...state, progress: action.progress };
    case "error":
      // A message still shown is not shown twice (the storage failing on restore, then on the first save).
      if (state.errors.some((e) => e.message.vi === action.message.vi && e.message.en === action.message.en)) return state;
      return {
        ...state,
        errors: [...state.errors, { id: state.nextErrorId, message: action.message, ...(action.intent ? { intent: action.intent } : {}), ...(action.fromCheck ? { fromCheck: true as const } : {}) }],
        nextErrorId: state.nextErrorId + 1,
      };
    case "errorDismissed":
      return { ...state, errors: state.errors.filter((e) => e.id !== action.id) };
    case "filter":
      return { ...state, filters: { ...state.filters, ...action.filters } };
  }
}
