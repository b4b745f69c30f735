/**
 * Checking one submission against the period, the roster and the catalogue (FORMS.md §6):
 * ThongTin, form versions, missing and unrequired forms, blank forms, window lines, every
 * identity and relation, and the cross-form rules. Every rule runs; nothing stops at the first.
 */
import { CATALOGUE_VERSION, FORMS, formByCode, requiredFormsFor, type SubmissionOptions } from "../catalogue";
import type { RuleDef, Severity } from "../catalogue/types";
import { makeFinding, type Finding, type FindingContext, type FindingInput } from "../findings";
import { periodWindow, windowLine, yearToDateLine, yearToDateWindow, type Period } from "../periods";
import { findUnit, isKnownCode, type Roster } from "../roster";
import { nfc } from "../text";
import { WIDE_ROW, type FormRead, type Submission } from "../read/submission";
import { checkForm, checkRule, type RuleFailure, type ValueSource } from "./rules";

export interface ValidationOptions extends SubmissionOptions {
  /** Rule id or prefix ending in `*` → severity or "off" (FORMS.md §6.1). */
  readonly ruleSeverity?: Readonly<Record<string, Severity | "off">>;
}

export interface ValidationContext {
  readonly roster: Roster;
  /** The period being consolidated. */
  readonly period: Period;
  readonly options: ValidationOptions;
}

/** Values of one submission, for the rule evaluator. */
export function submissionSource(sub: Submission): ValueSource {
  const byCode = new Map(sub.forms.map((f) => [f.form.code, f] as const));
  return {
    cell(form, row, col) {
      const read = byCode.get(form.code);
      if (!read) return null;
      const key = form.layout === "WIDE" ? WIDE_ROW : row ?? WIDE_ROW;
      const cell = read.cells.get(key)?.get(col) ?? read.groupCells.get(key)?.get(col);
      if (cell) return cell;
      return { scaled: 0, value: 0, filled: false, sheet: read.sheet, cell: null };
    },
  };
}

/** Cross-form rules of FORMS.md §6.2, as data like the catalogue's own rules. */
const CROSS_RULES: ReadonlyArray<{ readonly rule: RuleDef; readonly anchorForm: string; readonly periods?: readonly string[] }> = [
  { rule: { id: "V-X-01", expr: "02/TCD:c2 <= 01/TCD:c3", severity: "warning" }, anchorForm: "02/TCD" },
  { rule: { id: "V-X-02", expr: "01/TTr:c6 >= KH-TH:A1.c2", severity: "warning" }, anchorForm: "01/TTr", periods: ["H1", "9M", "Y"] },
  { rule: { id: "V-PLAN-02", expr: "01/TTr:c4 <= KH-TH:A1.c1", severity: "warning" }, anchorForm: "01/TTr" },
];

function sameName(a: string, b: string): boolean {
  const key = (s: string): string => nfc(s).toLowerCase().replace(/\s+/gu, "");
  return key(a) === key(b);
}

function failureFinding(ctx: FindingContext, failure: RuleFailure, ownMessage: boolean): Finding {
  return makeFinding(ctx, {
    rule: failure.rule.id,
    severity: failure.severity,
    form: failure.anchor.form.code,
    sheet: failure.anchor.sheet,
    cell: failure.anchor.cell,
    row: failure.anchor.row,
    column: failure.anchor.column,
    value: failure.value,
    expected: failure.expected,
    params: ownMessage ? {} : { identity: failure.identity, lhs: failure.lhs, rhs: failure.rhs },
  });
}

function checkThongTin(sub: Submission, vctx: ValidationContext, ctx: FindingContext, out: Finding[]): void {
  const tt = sub.thongTin;
  const sheet = tt.sheet ?? null;
  const field = (label: string) => tt.fields[label];
  const at = (label: string) => ({ sheet, cell: field(label)?.cell ?? null });
  const window = periodWindow(vctx.period);
  // No ThongTin sheet: `{at}` names the sheet the spec gives these fields ("(ThongTin: \"\")", not "(: \"\")");
  // the finding's sheet and cell stay null (FORMS.md §6.1: no cell when the label is absent).
  const add = (input: FindingInput): void => {
    out.push(makeFinding(ctx, sheet === null ? { ...input, params: { at: "ThongTin", ...input.params } } : input));
  };

  // A field's cell holding an error ("#N/A" of a broken lookup): said at the cell; the field reads as empty.
  for (const [label, f] of Object.entries(tt.fields)) {
    if (f.error !== undefined) add({ rule: "V-FORMULA-02", ...at(label), value: f.error });
  }

  if (!sub.unit) {
    add({ rule: "V-UNIT-01", ...at("Mã đơn vị") });
  } else {
    if (sub.unitFromFileName) add({ rule: "V-UNIT-05", ...at("Mã đơn vị"), value: sub.unit });
    const unit = findUnit(vctx.roster, sub.unit, window);
    if (!isKnownCode(vctx.roster, sub.unit)) {
      add({ rule: "V-UNIT-02", ...at("Mã đơn vị"), value: sub.unit });
    } else if (!unit) {
      // The code read is the finding's value, as V-UNIT-02's (FORMS.md §6.1: null only where it does not apply).
      add({ rule: "V-UNIT-03", ...at("Mã đơn vị"), value: sub.unit, params: { period: vctx.period.id } });
    } else if (sub.unitName && !sameName(sub.unitName, unit.name)) {
      add({ rule: "V-UNIT-04", ...at("Tên đơn vị"), value: sub.unitName, expected: unit.name });
    }
  }

  const periodField = field("Kỳ báo cáo");
  if (!sub.period) {
    // Nothing typed (or no label): the JSON's value is null, as for V-UNIT-01 (FORMS.md §6.1, "a field that does not apply").
    const typed = periodField?.error ?? (periodField?.isDateCell && periodField.date ? periodField.date : periodField?.text ?? "");
    const shown = typed === "" ? null : typed;
    add({ rule: "V-PERIOD-01", ...at("Kỳ báo cáo"), value: shown });
  } else if (sub.period.id !== vctx.period.id) {
    add({ rule: "V-PERIOD-02", ...at("Kỳ báo cáo"), value: sub.period.id, expected: vctx.period.id });
  }

  // A file of another period (V-PERIOD-02) has its dates checked against its own period's window: against this
  // run's, a unit's correct Q2 file drew a warning on every date ("15/03/2023 differs from 15/12/2022").
  const own = periodWindow(sub.period ?? vctx.period);
  for (const [label, expected] of [["Từ ngày", own.from], ["Đến ngày", own.to]] as const) {
    const f = field(label);
    if (!f || f.text === "") continue;
    if (f.date !== expected) {
      add({ rule: "V-PERIOD-03", ...at(label), value: f.date ?? f.text, expected });
    }
  }

  const version = sub.version;
  if (version === null || version === "") {
    add({ rule: "V-VER-01", ...at("Phiên bản biểu mẫu"), value: null });
  } else if (version !== CATALOGUE_VERSION) {
    const regime = version.split("-")[0] ?? "";
    if (/^TT\d+_\d{4}$/iu.test(regime) && regime.toUpperCase() !== "TT01_2024") {
      add({ rule: "V-VER-02", ...at("Phiên bản biểu mẫu"), value: version, expected: CATALOGUE_VERSION });
    } else {
      add({ rule: "V-VER-01", ...at("Phiên bản biểu mẫu"), value: version });
    }
  }
}

function checkWindowLine(read: FormRead, period: Period, ctx: FindingContext, out: Finding[]): void {
  const line = read.windowLine;
  if (!line) return;
  const ytd = read.form.code === "KH-TH";
  const window = ytd ? yearToDateWindow(period) : periodWindow(period);
  if (line.from !== window.from || line.to !== window.to) {
    out.push(
      makeFinding(ctx, {
        rule: "V-PERIOD-04",
        form: read.form.code,
        sheet: read.sheet,
        cell: line.cell,
        value: line.text,
        expected: ytd ? yearToDateLine(period, "vi") : windowLine(period, "vi"),
      }),
    );
  }
}

/** Map findings through option `ruleSeverity` (exact id first, then the longest matching prefix). */
export function applyRuleSeverity(findings: readonly Finding[], map: ValidationOptions["ruleSeverity"]): Finding[] {
  if (!map || Object.keys(map).length === 0) return [...findings];
  const prefixes = Object.keys(map)
    .filter((k) => k.endsWith("*"))
    .sort((a, b) => b.length - a.length);
  const out: Finding[] = [];
  for (const f of findings) {
    const exact = map[f.rule];
    const prefix = prefixes.find((p) => f.rule.startsWith(p.slice(0, -1)));
    const severity = exact ?? (prefix ? map[prefix] : undefined);
    if (severity === "off") continue;
    out.push(severity ? { ...f, severity } : f);
  }
  return out;
}

/** Every finding of one submission's content, in no particular order (the run sorts them). */
export function validateSubmission(sub: Submission, vctx: ValidationContext): Finding[] {
  const ctx: FindingContext = { file: sub.file, unit: sub.unit };
  const out: Finding[] = [...sub.findings];
  checkThongTin(sub, vctx, ctx, out);

  const window = periodWindow(vctx.period);
  const unit = sub.unit ? findUnit(vctx.roster, sub.unit, window) : null;
  const required = unit ? requiredFormsFor(unit.code, unit.type, vctx.options) : FORMS;
  const present = new Set(sub.forms.map((f) => f.form.code));
  // A form on a sheet whose code row is missing was found but not read: not "missing" again.
  const foundSomewhere = new Set(sub.findings.filter((f) => f.form && f.rule === "V-LAYOUT-02").map((f) => f.form));
  for (const form of required) {
    if (!present.has(form.code) && !foundSomewhere.has(form.code)) out.push(makeFinding(ctx, { rule: "V-LAYOUT-01", form: form.code }));
  }
  for (const read of sub.forms) {
    if (!required.includes(read.form)) out.push(makeFinding(ctx, { rule: "V-UNIT-06", form: read.form.code, sheet: read.sheet }));
    if (read.filledCount === 0) out.push(makeFinding(ctx, { rule: "V-BLANK-01", form: read.form.code, sheet: read.sheet }));
    // Against the file's own period, as its ThongTin dates are (checkThongTin).
    checkWindowLine(read, sub.period ?? vctx.period, ctx, out);
  }

  const source = submissionSource(sub);
  for (const read of sub.forms) {
    for (const failure of checkForm(read.form, source)) out.push(failureFinding(ctx, failure, false));
  }
  for (const cross of CROSS_RULES) {
    if (cross.periods && !cross.periods.includes(vctx.period.type)) continue;
    const anchor = formByCode(cross.anchorForm);
    if (!anchor || !present.has(anchor.code)) continue;
    const failure = checkRule(cross.rule, anchor, null, source);
    if (failure) out.push(failureFinding(ctx, failure, true));
  }
  // V-PLAN-03: planned rounds not started by the end of the year (Q4 and Y).
  const khth = sub.forms.find((f) => f.form.code === "KH-TH");
  if (khth && ((vctx.period.type === "Q" && vctx.period.part === 4) || vctx.period.type === "Y")) {
    for (const row of khth.form.rows) {
      const cell = khth.cells.get(row.code)?.get(4);
      if (cell && cell.scaled > 0) {
        out.push(makeFinding(ctx, { rule: "V-PLAN-03", form: "KH-TH", sheet: cell.sheet, cell: cell.cell, row: row.code, column: 4, value: cell.value }));
      }
    }
  }
  return applyRuleSeverity(out, vctx.options.ruleSeverity);
}
