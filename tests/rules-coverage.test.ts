/**
 * Every identity and relation of the spec, and the cross-form rules, fire at their anchor cell
 * when a correctly filled submission is changed to break exactly that rule, and do not fire on the
 * correct file. Nothing expected comes from the product: the rules, their expressions and
 * severities are parsed from FORMS.md (§3.3, §4, §5, §6.2; tests/helpers/spec.ts), and the cells
 * are found in the openpyxl-made fixture ok-filled.xlsx by exceljs, through each sheet's own code
 * row and row codes (WORKBOOKS.md §1.3–1.4). The anchor is the first term of the left side (of the
 * condition after "=>" for an implication), `value` the left sum, `expected` the right sum (§1.4).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation } from "../src/core/validate/run";
import { codeColumns, findRow, rowCodes, rowsCodeRow } from "./helpers/fill";
import { parseSpecExpr, specForms, specRules, type SpecCond, type SpecRule, type SpecTerm } from "./helpers/spec";
import { loadWorkbook } from "./helpers/workbook";

const BASE = path.join(__dirname, "fixtures", "submissions", "cases", "ok-filled.xlsx");
const period = parsePeriod("2023-H1");
const FORMS = new Map(specForms().map((f) => [f.code, f] as const));
const RULES = specRules();
let bytes: Uint8Array;
let book: ExcelJS.Workbook;

beforeAll(async () => {
  bytes = new Uint8Array(readFileSync(BASE));
  book = await loadWorkbook(bytes);
});

interface Place {
  readonly sheet: string;
  readonly cell: string;
  readonly value: number;
}

/** The cell of form column `col` on `row` (null: the WIDE data row), found by code row and row code. */
function place(formCode: string, row: string | null, col: number): Place {
  const form = FORMS.get(formCode);
  const ws = form ? book.getWorksheet(form.sheet) : undefined;
  if (!form || !ws) throw new Error(`no sheet for ${formCode}`);
  let r: number | undefined;
  let codeRow: number;
  if (form.layout === "WIDE") {
    codeRow = findRow(ws, (t) => t === "MS") ?? 0;
    r = codeRow + 1;
  } else {
    codeRow = rowsCodeRow(ws);
    r = rowCodes(ws, codeRow).get(row ?? "");
  }
  const c = codeColumns(ws, codeRow).get(col);
  if (!codeRow || r === undefined || c === undefined) throw new Error(`no cell ${formCode} ${row ?? ""} (${col})`);
  const cell = ws.getCell(r, c);
  const v = cell.value;
  if (v !== null && typeof v !== "number") throw new Error(`${ws.name}!${cell.address} is not a number`);
  return { sheet: ws.name, cell: cell.address, value: v ?? 0 };
}

const cellTerms = (s: readonly SpecTerm[]): Array<Extract<SpecTerm, { kind: "cell" }>> => s.filter((t): t is Extract<SpecTerm, { kind: "cell" }> => t.kind === "cell");

/** Changes (sheet!cell → value) that break `rule` on `row`, the anchor, and the two sums after the change. */
function breakRule(rule: SpecRule, row: string | null): { changes: Map<string, number>; anchor: Place; lhs: number; rhs: number } {
  const expr = parseSpecExpr(rule.expr);
  const changes = new Map<string, number>();
  const where = (t: Extract<SpecTerm, { kind: "cell" }>): Place => place(t.form ?? rule.form, t.row ?? (t.form ? null : row), t.col);
  const current = (t: Extract<SpecTerm, { kind: "cell" }>): number => {
    const p = where(t);
    return changes.get(`${p.sheet}!${p.cell}`) ?? p.value;
  };
  const set = (t: Extract<SpecTerm, { kind: "cell" }>, v: number): void => {
    const p = where(t);
    changes.set(`${p.sheet}!${p.cell}`, v);
  };
  const sum = (s: readonly SpecTerm[]): number => s.reduce((acc, t) => acc + (t.kind === "const" ? t.value : current(t)), 0);

  if (expr.when) {
    const w: SpecCond = expr.when;
    const first = cellTerms(w.lhs)[0];
    if (w.op === ">" && first && !(sum(w.lhs) > sum(w.rhs))) set(first, sum(w.rhs) + 1);
    if (w.op === "=") for (const t of cellTerms(w.lhs)) set(t, 0);
  }
  const then = expr.then;
  const anchor = cellTerms(then.lhs)[0];
  if (!anchor) throw new Error(`${rule.id}: no cell on the left of ${rule.expr}`);
  const l = sum(then.lhs);
  const r = sum(then.rhs);
  const a = current(anchor);
  switch (then.op) {
    case "=":
    case "<=":
      set(anchor, a + (r - l) + 1);
      break;
    case "<":
      set(anchor, a + (r - l));
      break;
    case ">=":
    case ">": {
      const drop = l - r + (then.op === ">=" ? 1 : 0);
      const other = cellTerms(then.rhs)[0];
      if (a - drop >= 0 || !other) set(anchor, a - drop);
      else set(other, current(other) + drop);
      break;
    }
  }
  return { changes, anchor: where(anchor), lhs: sum(then.lhs), rhs: sum(then.rhs) };
}

async function brokenCopy(changes: Map<string, number>): Promise<Uint8Array> {
  const wb = await loadWorkbook(bytes);
  for (const [ref, value] of changes) {
    const [sheet = "", cell = ""] = ref.split("!");
    const ws = wb.getWorksheet(sheet);
    if (!ws) throw new Error(`no sheet ${sheet}`);
    ws.getCell(cell).value = value;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Case {
  readonly name: string;
  readonly rule: SpecRule;
  readonly row: string | null;
}

/** One case per rule; a ROWS rule that names no row runs on A1 and on each row with its own severity. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const rule of RULES) {
    const namesRows = cellTerms([...parseSpecExpr(rule.expr).then.lhs, ...parseSpecExpr(rule.expr).then.rhs]).some((t) => t.row !== null || t.form !== null);
    if (FORMS.get(rule.form)?.layout !== "ROWS" || namesRows) {
      out.push({ name: `${rule.id} ${rule.expr}`, rule, row: null });
      continue;
    }
    out.push({ name: `${rule.id} on A1`, rule, row: "A1" });
    for (const row of Object.keys(rule.severityByRow)) out.push({ name: `${rule.id} on ${row}`, rule, row });
  }
  return out;
}

describe("every rule of FORMS.md fires at its anchor cell with the spec's severity", () => {
  it("reads the spec: 91 form and cross-form rules", () => {
    expect(RULES).toHaveLength(91);
    expect(new Set(RULES.map((r) => r.form))).toEqual(new Set(FORMS.keys()));
  });

  it("not on the correct file", async () => {
    const run = await runValidation([{ file: "ok-filled.xlsx", bytes }], { roster: DEFAULT_ROSTER, period, options: {} });
    expect(run.findings).toEqual([]);
  });

  for (const c of cases()) {
    it(c.name, async () => {
      const { changes, anchor, lhs, rhs } = breakRule(c.rule, c.row);
      const copy = await brokenCopy(changes);
      const run = await runValidation([{ file: "broken.xlsx", bytes: copy }], { roster: DEFAULT_ROSTER, period, options: {} });
      const severity = (c.row ? c.rule.severityByRow[c.row] : undefined) ?? c.rule.severity;
      const hits = run.findings.filter((f) => f.rule === c.rule.id && f.sheet === anchor.sheet && f.cell === anchor.cell);
      const seen = run.findings.map((f) => `${f.rule}@${f.sheet ?? ""}!${f.cell ?? ""}/${f.severity}`).join(", ");
      expect(hits, `${c.rule.id} at ${anchor.sheet}!${anchor.cell}: ${seen}`).toHaveLength(1);
      const hit = hits[0];
      expect(hit?.severity, seen).toBe(severity);
      expect(typeof hit?.value).toBe("number");
      expect(typeof hit?.expected).toBe("number");
      expect(hit?.value as number).toBeCloseTo(lhs, 6);
      expect(hit?.expected as number).toBeCloseTo(rhs, 6);
      expect(hit?.message.vi).toContain(anchor.cell);
    });
  }
});
