/**
 * The report's cell registry: every computed cell written (totals, rates, cover figures) and every
 * unit-row cell, with what it was computed from. The printable sheets fill it; NguonSoLieu and the
 * totals' re-check read it (WORKBOOKS.md §2.9 blocks 2 and 3, FORMS.md §7.5).
 */
import type { FormDef } from "../catalogue/types";
import type { Consolidation, Scope } from "../aggregate/aggregate";
import type { Finding } from "../findings";

export interface ComputedCell {
  /** Sheet name in the report. */
  readonly sheet: string;
  /** A1 address. */
  readonly cell: string;
  /** Form code, or null for cover figures that are not of one form. */
  readonly form: string | null;
  /** Row code (KH-TH, PCTN rows), `TOTAL` for WIDE forms, or null. */
  readonly row: string | null;
  /** Column number of the form, or a label for cover and KH_TH Table 1 columns ("6=2/1", "R-XLD"). */
  readonly column: number | string;
  /** `TOTAL`, `TRONG_NUOC`, `NGOAI_NUOC` or a unit code (KH_TH Table 1 unit cells). */
  readonly scope: Scope | string;
  /** The value written (a number, or "-" for a rate with denominator 0). */
  readonly value: number | string;
  /** Rates only. */
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** Units that filled at least one cell summed into this one, in roster order. */
  readonly units: readonly string[];
}

export interface UnitCellRef {
  readonly form: string;
  readonly row: string | null;
  readonly column: number;
  readonly unit: string;
  /** `'01_TCD'!E14` style reference of the unit-row cell in the report. */
  readonly reportRef: string;
}

export class ReportCells {
  readonly computed: ComputedCell[] = [];
  /** Unit-row cells by form, row, unit and column (no key string built per cell: ~60,000 at 1,000 units). */
  private readonly unitCells = new Map<string, Map<string, Map<string, Map<number, UnitCellRef>>>>();
  private readonly totalsAt = new Map<string, { sheet: string; cell: string }>();
  /** Sheet order of the report, for sorting block 3. */
  readonly sheetOrder: string[] = [];

  addComputed(cell: ComputedCell): void {
    this.computed.push(cell);
  }

  /** Register where a form total (scope, row, column) is shown. */
  setTotalAddress(form: FormDef, scope: Scope, row: string | null, column: number, at: { sheet: string; cell: string }): void {
    this.totalsAt.set(`${form.code}|${scope}|${row ?? ""}|${column}`, at);
  }

  totalAddress(form: FormDef, scope: Scope, row: string | null, column: number): { sheet: string; cell: string } | null {
    return this.totalsAt.get(`${form.code}|${scope}|${row ?? ""}|${column}`) ?? null;
  }

  addUnitCell(ref: UnitCellRef): void {
    const rows = child(this.unitCells, ref.form);
    const units = child(rows, ref.row ?? "");
    let columns = units.get(ref.unit);
    if (!columns) units.set(ref.unit, (columns = new Map()));
    columns.set(ref.column, ref);
  }

  unitCell(form: string, row: string | null, column: number, unit: string): UnitCellRef | null {
    return this.unitCells.get(form)?.get(row ?? "")?.get(unit)?.get(column) ?? null;
  }
}

/** The map under `key`, made when missing. */
function child<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) map.set(key, (inner = new Map()));
  return inner;
}

/** Report options of WORKBOOKS.md §3 used by the layout. */
export interface ReportOptions {
  readonly agencyName: string;
  readonly reportingUnitName: string;
  readonly place: string;
  /** ISO date or null (dots). */
  readonly signDate: string | null;
  readonly documentNumber: string;
  readonly preparerName: string;
  readonly headName: string;
  readonly includeMissingUnits: boolean;
  readonly creationTime: string;
  readonly author: string;
}

export const DEFAULT_REPORT_OPTIONS: Omit<ReportOptions, "creationTime"> = {
  agencyName: "BỘ NGOẠI GIAO",
  reportingUnitName: "THANH TRA BỘ",
  place: "Hà Nội",
  signDate: null,
  documentNumber: "…/BC-TTr",
  preparerName: "",
  headName: "",
  includeMissingUnits: true,
  author: "Thanh tra Bộ",
};

/** Everything a report sheet builder may use. */
export interface ReportContext {
  readonly consolidation: Consolidation;
  readonly cells: ReportCells;
  readonly options: ReportOptions;
  /** Every finding for KiemTra, in KiemTra order: the run's, then those on the totals. */
  readonly findings: readonly Finding[];
  /** The roster's source ("mặc định" or the file name) and the file's SHA-256 (null for the default). */
  readonly roster: { readonly source: string; readonly sha256: string | null };
  /** The options as canonical JSON (keys sorted, no insignificant white space). */
  readonly optionsJson: string;
}
