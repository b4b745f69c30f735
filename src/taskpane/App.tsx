/**
 * The pane: one column in the order of the work (TASKPANE.md "Layout"). App holds the state (usePane)
 * and hands each section its data and callbacks; no section touches Office.js or the worker.
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { UnitStatus } from "../core/validate/run";
import { formatDateVi } from "../core/dates";
import { tryParsePeriod, unitDeadline, windowLine } from "../core/periods";
import { VERSION } from "../core/version";
import type { CheckView, ConsolidateView, InputView, Lang, PeriodChoice, WorkProgress } from "./api";
import { textFor, type ConsolidateBlock, type PaneText } from "./i18n";
import { ConsolidateSection } from "./components/ConsolidateSection";
import { EmptyState } from "./components/EmptyState";
import { ErrorList } from "./components/ErrorList";
import { FilesSection } from "./components/FilesSection";
import { FindingsSection } from "./components/FindingsSection";
import { Footer } from "./components/Footer";
import { Header } from "./components/Header";
import { OptionsSection } from "./components/OptionsSection";
import { PeriodSection } from "./components/PeriodSection";
import { RosterSection } from "./components/RosterSection";
import { Section } from "./components/Section";
import { StatusSection } from "./components/StatusSection";
import { deadlineFor } from "./state/reducer";
import { usePane, type PaneDeps } from "./state/usePane";

const useAppStyles = makeStyles({
  app: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    maxWidth: "720px",
    margin: "0 auto",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    // One column at any width (TASKPANE.md): a text with no space in it (a file name with underscores, a unit
    // name, a message quoting it) breaks where it must instead of widening the pane. Inherited by every text.
    overflowWrap: "anywhere",
  },
  main: { display: "flex", flexDirection: "column", flexGrow: 1 },
  /** Heard, not seen. */
  spoken: { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: 0, overflow: "hidden", clip: "rect(0 0 0 0)", whiteSpace: "nowrap", border: 0 },
  options: { borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

/** One empty list, so that memoised sections see no change while nothing is checked. */
const NONE: readonly never[] = [];

/** The window and deadline: from the last check when it is for this period, else worked out here. */
function periodTexts(period: PeriodChoice, typedDeadline: string | null, check: CheckView | null, lang: Lang): { readonly window: string; readonly deadline: string } {
  if (check && check.periodId === period.id) return { window: check.windowText[lang], deadline: check.deadline };
  const p = tryParsePeriod(period.id);
  if (!p) return { window: "", deadline: "" };
  const deadlines = typedDeadline ? { [p.id]: typedDeadline } : {};
  let deadline = "";
  try {
    deadline = unitDeadline(p, { deadlines });
  } catch {
    // A deadline the check will refuse with its own message.
  }
  return { window: windowLine(p, lang), deadline };
}

/**
 * "Tổng hợp" clicked while a check runs waits for it, then runs if something is accepted. A name typed and
 * "Tổng hợp" clicked at once lost the click: leaving the field started a check, which disabled the button
 * between the press and the click (an outside review, 2026-12-07).
 */
function useQueuedConsolidate(checked: boolean, check: CheckView | null, consolidate: () => void): { readonly queued: boolean; readonly consolidate: () => void } {
  const [queued, setQueued] = useState(false);
  useEffect(() => {
    if (!queued || !checked) return;
    setQueued(false);
    if (check !== null && check.canConsolidate) consolidate();
  }, [queued, checked, check, consolidate]);
  const onConsolidate = useCallback(() => (checked ? consolidate() : setQueued(true)), [checked, consolidate]);
  return { queued, consolidate: onConsolidate };
}

/** Why "Tổng hợp" cannot run: the roster's errors first, then a check not finished, then nothing accepted. */
export function consolidateBlock(check: CheckView | null, checked: boolean, failed = false): ConsolidateBlock | null {
  if (check !== null && check.rosterErrors.length > 0) return "roster";
  if (!checked) return "checking";
  if (failed) return "check-failed";
  return check !== null && check.canConsolidate ? null : "none-accepted";
}

/**
 * Whether "Tải tệp trả lại cho đơn vị" has anything to give: a unit's used (effective) file with errors,
 * the files the worker's `returnFiles` annotates. An unreadable file or one that is no unit's submission
 * has errors but no copy to return.
 */
export function hasReturnFiles(check: CheckView | null): boolean {
  return (check?.units ?? []).some((u) => u.effective !== null && u.effective.errors > 0);
}

function rosterLabel(t: PaneText, lang: Lang, check: CheckView | null, rosterName: string | null): string {
  if (check) return check.rosterLabel[lang];
  return rosterName ?? t.rosterDefaultLabel;
}

/** What the pane's live region says (the one region: what changed, said once, politely). */
export interface Spoken {
  readonly progress: WorkProgress | null;
  readonly working: boolean;
  readonly check: CheckView | null;
  readonly files: number;
  /** The file list was emptied by the user (× on the last file, "Xóa danh sách"). */
  readonly emptied: boolean;
  readonly consolidated: ConsolidateView | null;
}

/** Files not used named in the region when this few; more are counted. */
const UNUSED_NAMED = 3;

/**
 * The stage when a long work starts; when it ends, what the user must know next: the roster's errors (nothing
 * is consolidated until they are fixed), the report made with both rates, or the check's counts and the files
 * it could not use. A result drawn on the page with its text is not read out (a review of 2026-12-07).
 */
export function announcement(t: PaneText, lang: Lang, s: Spoken): string {
  if (s.progress) return t.progressStarted(s.progress);
  if (s.working) return "";
  if (s.files === 0) return s.emptied ? t.listEmptied : "";
  if (s.check === null) return "";
  if (s.check.rosterErrors.length > 0) return `${t.rosterErrorsTitle(s.check.rosterErrors.length)}. ${t.rosterErrorsFix}`;
  if (s.consolidated) {
    const { inspection, party } = s.consolidated.rates;
    return `${t.done}: ${s.consolidated.fileName}. ${t.inspectionRate}: ${t.rateValue(inspection.completed, inspection.planned, inspection.rate)}. ${t.partyRate}: ${t.rateValue(party.completed, party.planned, party.rate)}.`;
  }
  const unused = s.check.unused;
  if (unused.length === 0) return t.summary(s.check.summary);
  const named = unused.length <= UNUSED_NAMED ? `: ${unused.map((i) => `${i.file} (${i.reason?.[lang] ?? t.inputStatus[i.status]})`).join("; ")}` : "";
  return `${t.summary(s.check.summary)}. ${t.unusedCount(unused.length)}${named}`;
}

/**
 * The live region's text: `announcement`, except that a work without a stage to say (an export, a period's
 * check of an empty list) keeps what was said, so that the same words are not read out again once it ends.
 */
function useSpoken(spoken: string, quiet: boolean): string {
  const last = useRef("");
  const text = quiet ? last.current : spoken;
  useEffect(() => {
    last.current = text;
  });
  return text;
}

/** Whether the user has just emptied the file list (it had files and has none). */
function useEmptied(files: number): boolean {
  const [emptied, setEmptied] = useState(false);
  const previous = useRef(files);
  useEffect(() => {
    if (files === 0 && previous.current > 0) setEmptied(true);
    else if (files > 0) setEmptied(false);
    previous.current = files;
  }, [files]);
  return emptied;
}

export interface AppProps {
  readonly deps: PaneDeps;
}

export function App({ deps }: AppProps) {
  const styles = useAppStyles();
  const { state, actions } = usePane(deps);
  const { lang, check, files, office } = { ...state, office: deps.office };
  const t = textFor(lang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang, t.title]);

  // A deadline typed for another period does not apply to this one, nor is it shown.
  const typedDeadline = deadlineFor(state.options, state.period.id);
  const texts = periodTexts(state.period, typedDeadline, check, lang);
  const todayYear = Number(deps.today.slice(0, 4));
  const years = useMemo(() => Array.from({ length: 12 }, (_, i) => todayYear - 10 + i), [todayYear]);
  const inputs = useMemo(() => new Map<string, InputView>((check?.inputs ?? []).map((i) => [i.id, i])), [check]);
  const unitNames = useMemo(() => new Map((check?.units ?? []).map((u) => [u.code, u.name])), [check]);
  const selectable = useMemo(
    () => new Set(office.inExcel ? files.filter((f) => f.source === "workbook" && state.readFromThisWorkbook.includes(f.id)).map((f) => f.id) : []),
    [files, office.inExcel, state.readFromThisWorkbook],
  );
  const canReturn = useMemo(() => hasReturnFiles(check), [check]);
  // Desktop Excel may save nothing from a download, and the .zip files have no other route: say so beside them.
  const downloadNote = office.canDownload ? null : t.downloadNote;
  const busy = state.busy;
  const setFilters = actions.setFilters;
  const onStatusFilter = useCallback((status: UnitStatus | "all") => setFilters({ status }), [setFilters]);
  // "true" while anything runs or the shown check is older than the inputs (tests wait on it).
  const working = Object.keys(busy).length > 0 || state.checkedVersion !== state.inputsVersion || !state.restored;
  const emptied = useEmptied(files.length);
  const checkedNow = state.checkedVersion === state.inputsVersion;
  const notChecked = check ? (check.rosterErrors.length > 0 ? t.notCheckedRoster : null) : state.checkError ? t.notChecked(state.checkError[lang]) : null;
  const { queued: consolidateQueued, consolidate: onConsolidate } = useQueuedConsolidate(checkedNow, check, actions.consolidate);
  const spoken = useSpoken(
    announcement(t, lang, { progress: state.progress, working, check, files: files.length, emptied, consolidated: state.consolidated }),
    working && !state.progress,
  );

  return (
    <div className={styles.app} data-testid="pane" data-busy={working ? "true" : "false"}>
      <Header t={t} lang={lang} onLang={actions.setLang} />
      <ErrorList t={t} lang={lang} errors={state.errors} onDismiss={actions.dismissError} />
      {/*
        The pane's one live region, there from the start (a region drawn with its text is not read out): the
        stage when a long work starts, the counts when a check ends.
      */}
      <div role="status" className={styles.spoken} data-testid="announcer">
        {spoken}
      </div>
      <main className={styles.main} aria-busy={working}>
        {files.length === 0 && <EmptyState t={t} />}
        <PeriodSection
          t={t}
          period={state.period}
          windowText={texts.window}
          deadline={texts.deadline ? formatDateVi(texts.deadline) : ""}
          years={years}
          today={deps.today}
          onPick={actions.pickPeriod}
        />
        <RosterSection
          t={t}
          lang={lang}
          label={rosterLabel(t, lang, check, state.roster?.name ?? null)}
          loaded={state.roster !== null}
          errors={check?.rosterErrors ?? NONE}
          // The roster's warning depends on the period: a check of another period says nothing of this one.
          warning={check !== null && check.periodId === state.period.id ? check.rosterWarning : null}
          onLoad={actions.loadRoster}
        />
        <FilesSection
          t={t}
          files={files}
          inputs={inputs}
          inExcel={office.inExcel}
          adding={busy.add === true}
          readingWorkbook={busy.workbook === true}
          checking={busy.check === true}
          progress={busy.consolidate ? null : state.progress}
          onAdd={actions.addFiles}
          onReadWorkbook={actions.readWorkbook}
          onRemove={actions.removeFile}
          onClear={actions.clearList}
        />
        <div className={styles.options}>
          <OptionsSection
            t={t}
            lang={lang}
            options={state.options}
            files={files}
            history={state.history}
            historyNotUsed={check?.historyNotUsed ?? NONE}
            receiptNotes={check?.receiptNotes ?? NONE}
            deadline={texts.deadline}
            typedDeadline={typedDeadline}
            onOptions={actions.setOptions}
            onDeadline={actions.setDeadline}
            onReceipts={actions.setReceipts}
            onReceived={actions.setReceived}
            onAddHistory={actions.addHistory}
            onRemoveHistory={actions.removeHistory}
          />
        </div>
        {/* A roster with errors, or a check that failed, checks nothing: zeros and "no findings" would read as results. */}
        {notChecked !== null && files.length > 0 && (
          <Section id="status" title={t.status}>
            <div data-testid="not-checked">{notChecked}</div>
          </Section>
        )}
        {check && files.length > 0 && check.rosterErrors.length === 0 && (
          <StatusSection t={t} lang={lang} check={check} filter={state.filters.status} onFilter={onStatusFilter} />
        )}
        {check && files.length > 0 && check.rosterErrors.length === 0 && (
          <FindingsSection
            t={t}
            lang={lang}
            findings={check.findings}
            unitNames={unitNames}
            selectable={selectable}
            filters={state.filters}
            canReturn={canReturn}
            returning={busy.returnFiles === true}
            downloadNote={downloadNote}
            onFilters={actions.setFilters}
            onSelectCell={actions.selectCell}
            onReturnFiles={actions.downloadReturnFiles}
          />
        )}
        <ConsolidateSection
          t={t}
          // Enabled by the last check while a new one runs: a click then waits for it (useQueuedConsolidate).
          canConsolidate={check !== null && check.canConsolidate && check.rosterErrors.length === 0}
          blocked={consolidateBlock(check, checkedNow, state.checkError !== null)}
          busy={busy.consolidate === true || consolidateQueued}
          progress={busy.consolidate ? state.progress : null}
          exporting={busy.export === true}
          result={state.consolidated}
          canOpen={office.canOpenWorkbook}
          canInsert={office.canInsertSheets}
          canDownload={office.canDownload}
          onConsolidate={onConsolidate}
          onOpen={actions.openReport}
          onInsert={actions.insertReport}
          onDownload={actions.downloadReport}
        />
      </main>
      <Footer
        t={t}
        version={t.version(VERSION)}
        busy={busy.templates === true}
        downloadNote={downloadNote}
        onTemplates={actions.downloadTemplates}
      />
    </div>
  );
}
