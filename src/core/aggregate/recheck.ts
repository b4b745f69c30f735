/** Re-checking the error rules on the consolidated totals (FORMS.md §7.5): the rules of validate/, run on sums. */
import { FORMS } from "../catalogue";
import type { FormDef } from "../catalogue/types";
import { makeFinding, type Finding } from "../findings";
import { checkForm, type ValueSource } from "../validate/rules";
import { SCOPES, TOTAL_ROW, type Consolidation, type Scope } from "./aggregate";

/** Where the report shows a total, for findings on totals (§7.5): supplied by the report layout. */
export type TotalCellAddress = (form: FormDef, scope: Scope, row: string | null, col: number) => { sheet: string; cell: string } | null;

/**
 * Re-check the error rules on the totals (§7.5): the official biểu and PCTN on TỔNG CỘNG, I and
 * II; KH-TH on the TOTAL scope only (Table 2 data rows). Findings name the report cell.
 */
export function recheckTotals(c: Consolidation, address: TotalCellAddress): Finding[] {
  const findings: Finding[] = [];
  for (const form of FORMS) {
    const scopes: readonly Scope[] = form.code === "KH-TH" ? ["TOTAL"] : SCOPES;
    for (const scope of scopes) {
      const rows = c.totals.get(form.code)?.[scope];
      if (!rows) continue;
      const source: ValueSource = {
        cell(target, row, col) {
          if (target.code !== form.code) return null;
          const key = form.layout === "WIDE" ? TOTAL_ROW : row ?? TOTAL_ROW;
          const sum = rows.get(key)?.get(col);
          const where = address(form, scope, form.layout === "WIDE" ? null : row, col);
          return { scaled: sum?.scaled ?? 0, filled: true, sheet: where?.sheet ?? null, cell: where?.cell ?? null };
        },
      };
      const failures = checkForm(form, source, (rule) => rule.severity === "error" && !rule.groupCheck);
      for (const f of failures) {
        if (f.severity !== "error") continue; // V-ID-KH-TH-1 on B2, B3 is a warning: not re-checked
        findings.push(
          makeFinding(
            { file: null, unit: scope },
            {
              rule: f.rule.id,
              severity: "error",
              form: form.code,
              sheet: f.anchor.sheet,
              cell: f.anchor.cell,
              row: f.anchor.row,
              column: f.anchor.column,
              value: f.value,
              expected: f.expected,
              params: { identity: f.identity, lhs: f.lhs, rhs: f.rhs },
            },
          ),
        );
      }
    }
  }
  return findings;
}
