/**
 * The machine form of a run (CLI.md "JSON result"): what `--json` writes and what the add-in keeps
 * in memory. Field names and order are part of the contract.
 */
import type { Consolidation, Rate } from "./aggregate/aggregate";
import { FORMS } from "./catalogue";
import type { Finding } from "./findings";
import { VERSION } from "./version";
import type { HistoryInput } from "./validate/history";
import type { RunSummary, ValidationRun } from "./validate/run";

export interface RunJson {
  readonly tool: "tonghop";
  readonly version: string;
  readonly period: string;
  readonly window: { readonly from: string; readonly to: string };
  readonly units: RunSummary;
  readonly inputs: ReadonlyArray<{ readonly file: string; readonly sha256: string; readonly unit: string | null; readonly status: string }>;
  /** Only when history was given (CLI.md): every history file and what became of it. */
  readonly history?: ReadonlyArray<Omit<HistoryInput, "reason">>;
  readonly findings: readonly Finding[];
  readonly totals?: unknown;
  readonly rates?: unknown;
}

/** The finding with exactly the fields of CLI.md, in that order. */
export function findingJson(f: Finding): Finding {
  return {
    file: f.file,
    unit: f.unit,
    severity: f.severity,
    rule: f.rule,
    form: f.form,
    sheet: f.sheet,
    cell: f.cell,
    row: f.row,
    column: f.column,
    value: f.value,
    expected: f.expected,
    message: { vi: f.message.vi, en: f.message.en },
  };
}

export function runJson(run: ValidationRun, extra: { history?: readonly HistoryInput[]; totals?: unknown; rates?: unknown } = {}): RunJson {
  return {
    tool: "tonghop",
    version: VERSION,
    period: run.period.id,
    window: { from: run.window.from, to: run.window.to },
    units: {
      expected: run.summary.expected,
      received: run.summary.received,
      accepted: run.summary.accepted,
      rejected: run.summary.rejected,
      late: run.summary.late,
      missing: run.summary.missing,
    },
    inputs: run.inputs.map((i) => ({ file: i.file, sha256: i.sha256, unit: i.unit, status: i.status })),
    ...(extra.history !== undefined
      ? { history: extra.history.map((h) => ({ file: h.file, sha256: h.sha256, unit: h.unit, period: h.period, status: h.status })) }
      : {}),
    findings: run.findings.map(findingJson),
    ...(extra.totals !== undefined ? { totals: extra.totals } : {}),
    ...(extra.rates !== undefined ? { rates: extra.rates } : {}),
  };
}

/** Exit code of CLI.md: 1 when an input is rejected, unreadable or not a submission, or an accepted one has an error. */
export function runExitCode(run: ValidationRun): number {
  const bad = run.inputs.some(
    (i) => i.status === "rejected" || i.status === "unreadable" || i.status === "not-a-submission" || (i.status === "accepted" && i.errors > 0),
  );
  return bad ? 1 : 0;
}

/** The totals of CLI.md's JSON: sheet → row code (`TOTAL` for WIDE forms) → column → number. */
export function totalsJson(c: Consolidation): Record<string, Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, Record<string, number>>> = {};
  for (const form of FORMS) {
    const rows = c.totals.get(form.code)?.TOTAL;
    if (!rows) continue;
    const sheet: Record<string, Record<string, number>> = {};
    for (const [row, cols] of rows) {
      const o: Record<string, number> = {};
      for (const [col, cell] of cols) o[String(col)] = cell.value;
      sheet[row] = o;
    }
    out[form.sheet] = sheet;
  }
  return out;
}

export function ratesJson(c: Consolidation): Record<"inspection" | "party", { completed: number; planned: number; rate: number | null }> {
  const of = (r: Rate) => ({ completed: r.numerator, planned: r.denominator, rate: r.denominator === 0 ? null : r.numerator / r.denominator });
  return { inspection: of(c.rates.inspection.byScope.TOTAL), party: of(c.rates.party.byScope.TOTAL) };
}
