/**
 * Evaluating the catalogue's rule expressions (FORMS.md §1.4) on read values: exact comparison
 * on scaled integers, blank = 0. The same evaluator runs on a unit's submission and, later, on
 * the totals.
 */
import { SCALE_FACTOR, cellValueType, formByCode, normaliseFormCode } from "../catalogue";
import { identityNotation, parseRule, sideNotation, type CellTerm, type Cond, type Rule, type Sum } from "../catalogue/expr";
import type { FormDef, RuleDef, Severity, ValueType } from "../catalogue/types";

/** Where a rule reads its values: scaled value and source address of a (form, row, column). */
export interface ValueSource {
  /** Null when the form is absent (the rule is then not evaluated). */
  cell(form: FormDef, row: string | null, col: number): { readonly scaled: number; readonly filled: boolean; readonly sheet: string | null; readonly cell: string | null } | null;
}

const parsed = new Map<string, Rule>();
export function parsedRule(expr: string): Rule {
  let rule = parsed.get(expr);
  if (!rule) {
    rule = parseRule(expr);
    parsed.set(expr, rule);
  }
  return rule;
}

/** The value type of a cell term (PCTN-NB rows carry their own type). */
export function termType(form: FormDef, term: CellTerm, row: string | null): ValueType {
  const target = term.form ? formByCode(term.form) ?? form : form;
  return cellValueType(target, term.row ?? row, term.col);
}

export interface RuleFailure {
  readonly rule: RuleDef;
  readonly severity: Severity;
  /** The row checked (ROWS forms), or null. */
  readonly row: string | null;
  /** The anchor: first term of the left side of the (consequent) condition. */
  readonly anchor: { readonly form: FormDef; readonly sheet: string | null; readonly cell: string | null; readonly column: number; readonly row: string | null };
  /** Left and right sums in display units. */
  readonly value: number;
  readonly expected: number;
  readonly identity: string;
  readonly lhs: string;
  readonly rhs: string;
}

interface Evaluated {
  readonly holds: boolean;
  readonly lhs: number;
  readonly rhs: number;
  readonly factor: number;
}

function compare(a: number, op: Cond["op"], b: number): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "<=":
      return a <= b;
    case ">=":
      return a >= b;
    case "<":
      return a < b;
    case ">":
      return a > b;
  }
}

function resolveForm(form: FormDef, term: CellTerm): FormDef | null {
  if (!term.form) return form;
  return formByCode(normaliseFormCode(term.form)) ?? null;
}

function evaluate(cond: Cond, form: FormDef, row: string | null, source: ValueSource): Evaluated | null {
  const firstCell = firstCellOf(cond.lhs) ?? firstCellOf(cond.rhs);
  const factor = firstCell ? SCALE_FACTOR[termType(form, firstCell, row)] : 1;
  const lhs = sumOf(cond.lhs, factor, form, row, source);
  if (lhs === null) return null;
  const rhs = sumOf(cond.rhs, factor, form, row, source);
  if (rhs === null) return null;
  return { holds: compare(lhs, cond.op, rhs), lhs, rhs, factor };
}

function firstCellOf(terms: Sum): CellTerm | undefined {
  for (const t of terms) if (t.kind === "cell") return t;
  return undefined;
}

/** A side's scaled total, or null when one of its cells cannot be read (its form is absent). */
function sumOf(terms: Sum, factor: number, form: FormDef, row: string | null, source: ValueSource): number | null {
  let total = 0;
  for (const t of terms) {
    if (t.kind === "const") {
      total += t.value * factor;
      continue;
    }
    const target = resolveForm(form, t);
    if (!target) return null;
    const value = source.cell(target, t.row ?? (t.form ? null : row), t.col);
    if (value === null) return null;
    total += value.scaled;
  }
  return total;
}

/**
 * Evaluate one rule on one row (null: a WIDE form's data row, or a rule that names its rows).
 * Returns a failure, or null when the rule holds or cannot be evaluated (a form is absent).
 */
export function checkRule(rule: RuleDef, form: FormDef, row: string | null, source: ValueSource): RuleFailure | null {
  const expr = parsedRule(rule.expr);
  if (rule.groupCheck) {
    // V-REL-KH-TH-5 runs only where the unit filled the group cell.
    const first = expr.then.lhs[0];
    if (first?.kind !== "cell") return null;
    const cell = source.cell(form, first.row, first.col);
    if (!cell?.filled) return null;
  }
  if (expr.when) {
    const when = evaluate(expr.when, form, row, source);
    if (!when?.holds) return null;
  }
  const then = evaluate(expr.then, form, row, source);
  if (!then || then.holds) return null;
  const anchorTerm = expr.then.lhs.find((t): t is CellTerm => t.kind === "cell");
  if (!anchorTerm) return null;
  const anchorForm = resolveForm(form, anchorTerm) ?? form;
  const anchorRow = anchorTerm.row ?? (anchorTerm.form ? null : row);
  const anchorCell = source.cell(anchorForm, anchorRow, anchorTerm.col);
  const opts = { row, bareRows: form.code === "PCTN-NB" };
  return {
    rule,
    severity: (row ? rule.severityByRow?.[row] : undefined) ?? rule.severity,
    row,
    anchor: { form: anchorForm, sheet: anchorCell?.sheet ?? null, cell: anchorCell?.cell ?? null, column: anchorTerm.col, row: anchorRow },
    value: then.lhs / then.factor,
    expected: then.rhs / then.factor,
    identity: identityNotation(expr, opts),
    lhs: sideNotation(expr.then.lhs, opts),
    rhs: sideNotation(expr.then.rhs, opts),
  };
}

/** Whether a rule names rows itself (then it runs once, not per data row). */
export function namesRows(rule: RuleDef): boolean {
  const expr = parsedRule(rule.expr);
  const conds = expr.when ? [expr.when, expr.then] : [expr.then];
  return conds.some((c) => [...c.lhs, ...c.rhs].some((t) => t.kind === "cell" && t.row !== null));
}

/** Every failure of a form's rules, in catalogue order (rows in catalogue order). */
export function checkForm(form: FormDef, source: ValueSource, filter: (rule: RuleDef) => boolean = () => true): RuleFailure[] {
  const failures: RuleFailure[] = [];
  for (const rule of form.rules) {
    if (!filter(rule)) continue;
    if (form.layout === "WIDE" || namesRows(rule)) {
      const failure = checkRule(rule, form, null, source);
      if (failure) failures.push(failure);
      continue;
    }
    const rows = rule.rows ?? form.rows.filter((r) => r.role === "data").map((r) => r.code);
    for (const row of rows) {
      const failure = checkRule(rule, form, row, source);
      if (failure) failures.push(failure);
    }
  }
  return failures;
}
