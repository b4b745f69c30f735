/**
 * A validation run as the pane shows it (TASKPANE.md §6–§7): units with their status and their
 * "Trùng lặp" files, the files not used with why, and findings that name their input by id.
 */
import type { Finding } from "../../core/findings";
import { unitDeadline } from "../../core/periods";
import type { PipelineResult } from "../../core/pipeline";
import type { Localised } from "../../core/text";
import type { InputRecord, RunSummary, UnitRecord, ValidationRun } from "../../core/validate/run";
import type { CheckView, FindingView, InputView, UnitView } from "../api";
import { historyNotUsed } from "../../core/validate/history";
import { receiptNotes } from "../../core/read/receipts";
import { windowText, type Prepared } from "./prepare";

/** The first finding on the record's file that explains its status, if any. */
function reasonOf(record: InputRecord, findings: readonly Finding[]): Localised | null {
  const f = findings.find((x) => x.file === record.file && record.reasons.includes(x.rule));
  return f ? f.message : null;
}

function inputView(record: InputRecord, ids: ReadonlyMap<string, string>, findings: readonly Finding[]): InputView {
  return {
    id: ids.get(record.file) ?? record.file,
    file: record.file,
    unit: record.unit,
    status: record.status,
    reasons: [...record.reasons],
    reason: reasonOf(record, findings),
    errors: record.errors,
    warnings: record.warnings,
    period: record.period,
    received: record.received.date,
    effective: record.effective,
  };
}

/**
 * A file is a unit's submission for the period when it is the unit's effective file or one it
 * superseded (V-DUP-01); an identical copy (V-DUP-02) follows the file it copies. Everything else
 * (unreadable, not a submission, unknown or inactive unit, another period) is not used.
 */
function unusedInputs(run: ValidationRun): Set<InputRecord> {
  const isCopy = (r: InputRecord): boolean => r.status === "duplicate" && r.reasons.includes("V-DUP-02");
  const original = (r: InputRecord): InputRecord => (isCopy(r) ? (run.inputs.find((o) => o.sha256 === r.sha256 && !isCopy(o)) ?? r) : r);
  const isSubmission = (r: InputRecord): boolean => r.effective || (r.status === "duplicate" && r.reasons.includes("V-DUP-01"));
  return new Set(run.inputs.filter((r) => !isSubmission(original(r))));
}

function unitView(u: UnitRecord, unused: ReadonlySet<InputRecord>, view: (r: InputRecord) => InputView): UnitView {
  return {
    code: u.unit.code,
    name: u.unit.name,
    expected: u.expected,
    status: u.status,
    daysLate: u.daysLate,
    effective: u.effective ? view(u.effective) : null,
    duplicates: u.files.filter((r) => r.status === "duplicate" && !unused.has(r)).map(view),
  };
}

export function findingViews(findings: readonly Finding[], ids: ReadonlyMap<string, string>): FindingView[] {
  return findings.map((f) => ({ ...f, inputId: f.file === null ? null : (ids.get(f.file) ?? null) }));
}

/** The pane's view of a run; `findings` are the run's, or the report's (with the totals' findings). */
export function checkView(prepared: Prepared, result: PipelineResult, findings: readonly Finding[] = result.run.findings): CheckView {
  const { run, ids } = result;
  const view = (r: InputRecord): InputView => inputView(r, ids, findings);
  const unused = unusedInputs(run);
  return {
    ...rosterParts(prepared),
    historyNotUsed: historyNotUsed(result.history, run.period, run.roster),
    receiptNotes: prepared.receiptLog !== null && prepared.options.receipts ? receiptNotes(prepared.options.receipts, run.inputs.map((i) => i.file), prepared.receiptLog) : [],
    periodId: run.period.id,
    windowText: windowText(run.period),
    deadline: run.deadline,
    summary: run.summary,
    units: run.units.map((u) => unitView(u, unused, view)),
    unused: run.inputs.filter((r) => unused.has(r)).map(view),
    inputs: run.inputs.map(view),
    findings: findingViews(findings, ids),
    canConsolidate: run.inputs.some((r) => r.effective && r.status === "accepted"),
  };
}

const NO_SUMMARY: RunSummary = { expected: 0, received: 0, accepted: 0, rejected: 0, late: 0, missing: [] };

/** While the roster has errors nothing is checked: the view says only what is wrong with it. */
export function rosterErrorView(prepared: Prepared): CheckView {
  return {
    ...rosterParts(prepared),
    historyNotUsed: [],
    receiptNotes: [],
    periodId: prepared.period.id,
    windowText: windowText(prepared.period),
    deadline: unitDeadline(prepared.period, prepared.options),
    summary: NO_SUMMARY,
    units: [],
    unused: [],
    inputs: [],
    findings: [],
    canConsolidate: false,
  };
}

function rosterParts(prepared: Prepared): Pick<CheckView, "rosterErrors" | "rosterWarning" | "rosterLabel"> {
  return { rosterErrors: prepared.roster.errors, rosterWarning: prepared.roster.warning, rosterLabel: prepared.roster.label };
}
