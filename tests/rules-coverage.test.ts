/**
 * Every identity and relation of the catalogue, and the cross-form rules, fire at their anchor
 * cell (FORMS.md §1.4: the first term of the left side) when a correctly filled submission is
 * changed to break exactly that rule, and do not fire on the correct file. The base file is the
 * openpyxl-made fixture ok-filled.xlsx; each broken copy is a real .xlsx written and read again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMS, formByCode, normaliseFormCode } from "../src/core/catalogue";
import { parseRule, type CellTerm, type Cond, type Sum } from "../src/core/catalogue/expr";
import type { FormDef, RuleDef } from "../src/core/catalogue/types";
import { parsePeriod } from "../src/core/periods";
import { readSubmission } from "../src/core/read/reader";
import { WIDE_ROW, type Submission } from "../src/core/read/submission";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation } from "../src/core/validate/run";

const BASE = path.join(__dirname, "fixtures", "submissions", "cases", "ok-filled.xlsx");
const period = parsePeriod("2023-H1");
let base: Submission;
let bytes: Uint8Array;

beforeAll(async () => {
  bytes = new Uint8Array(readFileSync(BASE));
  const outcome = await readSubmission(bytes, "ok-filled.xlsx");
  if (outcome.kind !== "submission") throw new Error("ok-filled.xlsx must read as a submission");
  base = outcome.submission;
});

interface Place {
  readonly sheet: string;
  readonly cell: string;
  readonly value: number;
}

function place(formCode: string, row: string | null, col: number): Place {
  const read = base.forms.find((f) => f.form.code === formCode);
  const key = read?.form.layout === "WIDE" ? WIDE_ROW : row ?? WIDE_ROW;
  const cell = read?.cells.get(key)?.get(col) ?? read?.groupCells.get(key)?.get(col);
  if (!read || !cell) throw new Error(`no cell ${formCode} ${row ?? ""} (${col})`);
  return { sheet: cell.sheet, cell: cell.cell, value: cell.value };
}

/** Changes (sheet!cell → value) that break `rule` on `row`, and the cell the finding must name. */
function breakRule(form: FormDef, rule: RuleDef, row: string | null): { changes: Map<string, number>; anchor: Place } {
  const expr = parseRule(rule.expr);
  const changes = new Map<string, number>();
  const where = (t: CellTerm): Place => {
    const target = t.form ? formByCode(normaliseFormCode(t.form)) ?? form : form;
    return place(target.code, t.row ?? (t.form ? null : row), t.col);
  };
  const current = (t: CellTerm): number => {
    const p = where(t);
    return changes.get(`${p.sheet}!${p.cell}`) ?? p.value;
  };
  const set = (t: CellTerm, v: number): void => {
    const p = where(t);
    changes.set(`${p.sheet}!${p.cell}`, v);
  };
  const sum = (s: Sum): number => s.reduce((acc, t) => acc + (t.kind === "const" ? t.value : current(t)), 0);
  const cells = (s: Sum): CellTerm[] => s.filter((t): t is CellTerm => t.kind === "cell");

  if (expr.when) {
    const w: Cond = expr.when;
    if (w.op === ">" && !(sum(w.lhs) > sum(w.rhs))) set(cells(w.lhs)[0] as CellTerm, sum(w.rhs) + 1);
    if (w.op === "=") for (const t of cells(w.lhs)) set(t, 0);
  }
  const then = expr.then;
  const anchor = cells(then.lhs)[0] as CellTerm;
  const l = sum(then.lhs);
  const r = sum(then.rhs);
  const a = current(anchor);
  switch (then.op) {
    case "=":
      // Left = right + 1, also where the left side was not equal to begin with (an empty group cell).
      set(anchor, a + (r - l) + 1);
      break;
    case "<=":
      set(anchor, a + (r - l) + 1);
      break;
    case "<":
      set(anchor, a + (r - l));
      break;
    case ">=":
    case ">": {
      const drop = l - r + (then.op === ">=" ? 1 : 0);
      if (a - drop >= 0) set(anchor, a - drop);
      else set(cells(then.rhs)[0] as CellTerm, current(cells(then.rhs)[0] as CellTerm) + drop);
      break;
    }
  }
  return { changes, anchor: where(anchor) };
}

async function brokenCopy(changes: Map<string, number>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
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
  readonly form: FormDef;
  readonly rule: RuleDef;
  readonly row: string | null;
}

const CROSS: readonly RuleDef[] = [
  { id: "V-X-01", expr: "02/TCD:c2 <= 01/TCD:c3", severity: "warning" },
  { id: "V-X-02", expr: "01/TTr:c6 >= KH-TH:A1.c2", severity: "warning" },
  { id: "V-PLAN-02", expr: "01/TTr:c4 <= KH-TH:A1.c1", severity: "warning" },
];

function cases(): Case[] {
  const out: Case[] = [];
  for (const form of FORMS) {
    for (const rule of form.rules) {
      const namesRows = /(^|[\s+=<>])([A-Z][A-Z0-9]*)\.c\d|(^|[\s+=<>])P\d\d/u.test(rule.expr);
      if (form.layout === "WIDE" || namesRows) {
        // A group rule names its row in its expression: one case per distinct expression.
        out.push({ name: `${rule.id} ${rule.expr}`, form, rule, row: null });
        continue;
      }
      out.push({ name: `${rule.id} on A1`, form, rule, row: "A1" });
      for (const row of Object.keys(rule.severityByRow ?? {})) out.push({ name: `${rule.id} on ${row}`, form, rule, row });
    }
  }
  const anchorForm = (id: string): FormDef => formByCode(id === "V-X-01" ? "02/TCD" : "01/TTr") as FormDef;
  for (const rule of CROSS) out.push({ name: rule.id, form: anchorForm(rule.id), rule, row: null });
  return out;
}

describe("every catalogue and cross-form rule fires at its anchor cell", () => {
  it("not on the correct file", async () => {
    const run = await runValidation([{ file: "ok-filled.xlsx", bytes }], { roster: DEFAULT_ROSTER, period, options: {} });
    expect(run.findings).toEqual([]);
  });

  for (const c of cases()) {
    it(c.name, async () => {
      const { changes, anchor } = breakRule(c.form, c.rule, c.row);
      const copy = await brokenCopy(changes);
      const run = await runValidation([{ file: "broken.xlsx", bytes: copy }], { roster: DEFAULT_ROSTER, period, options: {} });
      const severity = (c.row ? c.rule.severityByRow?.[c.row] : undefined) ?? c.rule.severity;
      const hits = run.findings.filter((f) => f.rule === c.rule.id && f.sheet === anchor.sheet && f.cell === anchor.cell);
      expect(hits.map((f) => f.severity), `${c.rule.id} at ${anchor.sheet}!${anchor.cell}: ${run.findings.map((f) => `${f.rule}@${f.cell}`).join(", ")}`).toContain(severity);
      const hit = hits[0];
      expect(typeof hit?.value).toBe("number");
      expect(typeof hit?.expected).toBe("number");
      expect(hit?.message.vi).toContain(anchor.cell);
    });
  }
});
