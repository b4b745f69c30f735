/**
 * A realistic sample period for the demo (CLI `demo`): one filled submission per active unit, built
 * from our own blank template, with the situations a consolidating inspector meets every period —
 * two units that never sent anything, a few late files, three typical mistakes that get a file
 * rejected, and one unit that sent a corrected file after a first one.
 *
 * Everything is drawn from a seeded PRNG and every timestamp is derived from the period, so the same
 * seed gives byte-identical files. Pure TypeScript (exceljs, fflate): it runs in a browser too.
 */
import ExcelJS from "exceljs";
import { KH_TH, KQGQ_01, KQGQ_03, PCTN_NB, TCD_01, TCD_02, TTR_01, XLD_01 } from "../core/catalogue";
import type { FormDef } from "../core/catalogue/types";
import { addDays, formatDateVi, isoDateToExcelSerial, isoParts, type IsoDate } from "../core/dates";
import { periodWindow, unitDeadline, type Period } from "../core/periods";
import { DEFAULT_ROSTER, unitsActiveIn, type Roster, type Unit } from "../core/roster";
import { buildTemplate, templateFileName } from "../core/template/template";
import { normalisePackage } from "../core/xlsx/deterministic";

export interface SampleFile {
  readonly file: string;
  readonly bytes: Uint8Array;
  /** What the file illustrates (Vietnamese, for the demo's listing). */
  readonly note: string;
}

export interface SampleMistake {
  readonly unit: string;
  readonly file: string;
  /** Starts with the cell as `sheet!A1`, then says what is wrong (Vietnamese). */
  readonly what: string;
}

export interface SamplePeriod {
  /** Roster order; a resubmission follows the unit's first file. */
  readonly files: SampleFile[];
  /** Units whose (only) file was received after the deadline. */
  readonly late: string[];
  /** Active units that sent nothing. */
  readonly missing: string[];
  /** One entry per rejected unit. */
  readonly mistakes: SampleMistake[];
}

export interface SampleOptions {
  readonly period: Period;
  readonly roster?: Roster;
  readonly seed?: number;
}

const DEFAULT_SEED = 2023;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: tiny, fast and identical on every JavaScript engine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, so each unit draws from its own stream whatever the roster order. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

class Dice {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Integer in [lo, hi], both inclusive; lo when the range is empty. */
  int(lo: number, hi: number): number {
    if (hi <= lo) return lo;
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[this.int(0, items.length - 1)];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** Index drawn with the given weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i] ?? 0;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** `total` items spread over the weights one by one: parts that always add up to `total`. */
  split(total: number, weights: readonly number[]): number[] {
    const parts = weights.map(() => 0);
    for (let k = 0; k < total; k++) {
      const i = this.weighted(weights);
      parts[i] = (parts[i] ?? 0) + 1;
    }
    return parts;
  }
}

// ---------------------------------------------------------------------------------------------
// Values of one submission

type CellValue = number | string;

/** Row code ("" for the data row of a WIDE form) → column number → value. */
type FormValues = Map<string, Map<number, CellValue>>;

class Values {
  readonly forms = new Map<FormDef, FormValues>();

  set(form: FormDef, row: string, col: number, value: CellValue): void {
    let rows = this.forms.get(form);
    if (!rows) {
      rows = new Map();
      this.forms.set(form, rows);
    }
    let cols = rows.get(row);
    if (!cols) {
      cols = new Map();
      rows.set(row, cols);
    }
    cols.set(col, value);
  }

  /** Numeric value (0 when unset or text). */
  num(form: FormDef, row: string, col: number): number {
    const v = this.forms.get(form)?.get(row)?.get(col);
    return typeof v === "number" ? v : 0;
  }

  /** A WIDE form's data row: every numeric column written, 0 where nothing happened, as units type it. */
  wide(form: FormDef, byCol: Readonly<Record<number, number>>): void {
    for (const column of form.columns) {
      if (column.type !== "TEXT") this.set(form, "", column.no, byCol[column.no] ?? 0);
    }
  }

  clone(): Values {
    const copy = new Values();
    for (const [form, rows] of this.forms) {
      for (const [row, cols] of rows) for (const [col, v] of cols) copy.set(form, row, col, v);
    }
    return copy;
  }
}

/** Where a form's cell sits in our template (WORKBOOKS.md §1.3). */
function templateCell(form: FormDef, row: string, col: number): { readonly row: number; readonly col: number } {
  const codeRow = 7 + form.headerDepth;
  const sheetCol = form.labelColumns.length + col;
  if (form.layout === "WIDE") return { row: codeRow + 1, col: sheetCol };
  const index = form.rows.findIndex((r) => r.code === row);
  if (index < 0) throw new Error(`${form.code} has no row ${row}`);
  return { row: codeRow + 1 + index, col: sheetCol };
}

function a1(form: FormDef, row: string, col: number): string {
  const at = templateCell(form, row, col);
  let n = at.col;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${form.sheet}!${letters}${at.row}`;
}

/** Money in triệu đồng from a whole number of thousand đồng: exact to 3 decimals. */
const money = (thousands: number): number => thousands / 1000;
/** Land in m² from a whole number of hundredths. */
const land = (hundredths: number): number => hundredths / 100;

// ---------------------------------------------------------------------------------------------
// Unit profiles

type Profile = "inspectorate" | "consular" | "office" | "large" | "small" | "mission" | "permanent";

function profileOf(unit: Unit): Profile {
  if (unit.type === "THANH_TRA") return "inspectorate";
  if (unit.code === "CUC-LANH-SU") return "consular";
  if (unit.type === "VAN_PHONG" || unit.type === "SO_NGOAI_VU") return "office";
  if (unit.type === "DSQ" || unit.type === "TLSQ") return "mission";
  if (unit.type === "PDTT") return "permanent";
  if (unit.type === "CUC" || unit.type === "UY_BAN" || unit.type === "HOC_VIEN" || unit.code === "VU-TCCB") return "large";
  return "small";
}

/** What a period looks like from inside a unit. */
interface PeriodFacts {
  readonly period: Period;
  /** Months in the data window (flows scale with it). */
  readonly months: number;
  /** Share of the plan year elapsed at the window end (KH-TH is year-to-date). */
  readonly elapsed: number;
  /** The window holds the turn of the year, when annual asset declarations are made. */
  readonly holdsDeclarations: boolean;
}

function periodFacts(period: Period): PeriodFacts {
  const w = periodWindow(period);
  const from = isoParts(w.from);
  const to = isoParts(w.to);
  return {
    period,
    months: to.year * 12 + to.month - (from.year * 12 + from.month),
    elapsed: Math.min(1, (to.month - 0.5) / 12),
    holdsDeclarations: from.month === 12,
  };
}

/** What the sample decided a unit must show, beyond its profile. */
interface UnitFlags {
  /** 01/TCD must have data (the unit carries the 01/TCD mistake). */
  readonly reception: boolean;
  /** Complaint cases settled within competence (01/KQGQ). */
  readonly complaints: number;
  /** Denunciation cases within competence (03/KQGQ). */
  readonly denunciations: number;
}

// ---------------------------------------------------------------------------------------------
// KH-TH (FORMS.md §3)

interface KhthRow {
  readonly plan: number;
  readonly done: number;
  readonly inProgress: number;
  readonly notStarted: number;
  readonly adHoc: number;
  readonly adHocConcluded: number;
  readonly orgs: number;
  readonly persons: number;
}

/** Subjects per concluded round, by row: [organisations lo, hi, persons lo, hi]. */
const SUBJECTS: Readonly<Record<string, readonly [number, number, number, number]>> = {
  A1: [1, 3, 0, 2],
  A2: [1, 2, 0, 3],
  A3: [1, 2, 0, 2],
  B1: [1, 2, 0, 3],
  B2: [0, 0, 1, 1],
  B3: [1, 1, 0, 1],
  B4: [1, 1, 0, 2],
  B5: [1, 1, 0, 1],
  B6: [1, 1, 1, 4],
};

function planFor(d: Dice, profile: Profile, row: string): { plan: number; adHoc: number } {
  const big = profile === "inspectorate" || profile === "consular" || profile === "large" || profile === "office";
  switch (row) {
    case "A1":
      // Administrative inspection is the inspectorate's job alone (and V-X-02 ties it to 01/TTr).
      return profile === "inspectorate" ? { plan: d.int(3, 4), adHoc: d.int(0, 1) } : { plan: 0, adHoc: 0 };
    case "A2":
      return profile === "inspectorate" ? { plan: d.int(1, 3), adHoc: d.int(0, 1) } : { plan: 0, adHoc: 0 };
    case "A3":
      if (profile === "inspectorate") return { plan: d.int(2, 4), adHoc: 0 };
      if (profile === "consular" || profile === "office") return { plan: d.int(1, 3), adHoc: d.chance(0.2) ? 1 : 0 };
      if (profile === "large") return { plan: d.int(1, 2), adHoc: 0 };
      return { plan: d.chance(0.5) ? 1 : 0, adHoc: 0 };
    case "B1":
      return { plan: big ? d.int(1, 3) : d.int(1, 2), adHoc: 0 };
    case "B4":
      return { plan: d.chance(big ? 0.7 : 0.4) ? 1 : 0, adHoc: 0 };
    case "B5":
      return { plan: d.chance(0.8) ? 1 : 0, adHoc: 0 };
    case "B6":
      return { plan: big ? d.int(1, 2) : 1, adHoc: 0 };
    default:
      // B2, B3: inspections on signs of violation are never planned, and rare.
      return { plan: 0, adHoc: d.chance(row === "B2" ? 0.05 : 0.02) ? 1 : 0 };
  }
}

function khthRow(d: Dice, facts: PeriodFacts, row: string, plan: number, adHoc: number): KhthRow {
  // Year-to-date completion: around 40–80% at 9 months, nearly all by the year end.
  const share = Math.min(1, facts.elapsed * d.real(0.75, 1.15));
  // Stochastic rounding keeps the expected share on plans of one or two rounds.
  const done = Math.min(plan, Math.floor(plan * share + d.real(0, 1)));
  const rest = plan - done;
  const inProgress = d.int(0, rest);
  const adHocConcluded = adHoc > 0 ? d.int(0, adHoc) : 0;
  const concluded = done + adHocConcluded;
  const [olo, ohi, plo, phi] = SUBJECTS[row] ?? [1, 1, 0, 1];
  let orgs = 0;
  let persons = 0;
  for (let k = 0; k < concluded; k++) {
    orgs += d.int(olo, ohi);
    persons += d.int(plo, phi);
  }
  return { plan, done, inProgress, notStarted: rest - inProgress, adHoc, adHocConcluded, orgs, persons };
}

function fillKhth(d: Dice, v: Values, facts: PeriodFacts, profile: Profile): Map<string, KhthRow> {
  const rows = new Map<string, KhthRow>();
  for (const def of KH_TH.rows) {
    if (def.role !== "data") continue;
    const { plan, adHoc } = planFor(d, profile, def.code);
    if (plan === 0 && adHoc === 0) continue; // nothing planned or done: the unit leaves the row blank
    const r = khthRow(d, facts, def.code, plan, adHoc);
    rows.set(def.code, r);
    const subjects = r.orgs + r.persons;
    // Shortcomings are common in Party inspections, violations rarer in administrative ones.
    const found = subjects === 0 ? 0 : def.code === "B2" ? r.persons : d.int(0, Math.ceil(subjects * (def.code.startsWith("B") ? 0.5 : 0.4)));
    const toHandle = found === 0 ? 0 : d.int(0, Math.min(found, def.code === "B2" ? 1 : 2));
    const handled = toHandle === 0 ? 0 : d.int(Math.max(0, toHandle - 1), toHandle);
    const cols = [r.plan, r.done, r.inProgress, r.notStarted, r.adHoc, r.orgs, r.persons, found, toHandle, handled];
    cols.forEach((value, i) => v.set(KH_TH, def.code, i + 1, value));
    if (def.adHoc) v.set(KH_TH, def.code, 11, `Kiểm tra ${r.adHoc} trường hợp khi có dấu hiệu vi phạm`);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// 01/TTr (FORMS.md §4.1): the inspectorate's administrative inspections, consistent with KH-TH A1

function fillTtr(d: Dice, v: Values, a1Row: KhthRow | undefined): void {
  if (!a1Row) return;
  // Planned inspections conducted (completed or running) never exceed the plan (V-PLAN-02), and
  // every completed planned round has its conclusion (V-X-02).
  const planned = a1Row.done + a1Row.inProgress;
  const conducted = planned + a1Row.adHoc;
  if (conducted === 0) return;
  const carried = Math.min(conducted, d.int(0, 1));
  const conclusions = a1Row.done + a1Row.adHocConcluded;
  const entities = a1Row.orgs + (conducted - conclusions);
  const recover = conclusions > 0 ? d.int(40_000, 900_000) : 0;
  const otherMoney = conclusions > 0 && d.chance(0.6) ? d.int(5_000, 250_000) : 0;
  const otherLand = conclusions > 0 && d.chance(0.4) ? d.int(1_000, 25_000) : 0;
  v.wide(TTR_01, {
    1: conducted,
    2: carried,
    3: conducted - carried,
    4: planned,
    5: a1Row.adHoc,
    6: conclusions,
    7: entities,
    8: money(recover + otherMoney),
    9: land(otherLand),
    10: money(recover),
    11: 0,
    12: money(otherMoney),
    13: land(otherLand),
    14: conclusions > 0 ? d.int(0, 2) : 0,
    15: conclusions > 0 ? d.int(1, 4) : 0,
    16: 0,
    17: 0,
    18: conclusions > 0 ? d.int(1, 3) : 0,
  });
}

// ---------------------------------------------------------------------------------------------
// 01/TCD, 02/TCD (FORMS.md §4.2, §4.3): citizen reception

interface Block {
  readonly sessions: number;
  readonly receptions: number;
  readonly persons: number;
  readonly first: number;
  readonly repeat: number;
  readonly delegations: number;
  readonly delPersons: number;
  readonly delFirst: number;
  readonly delRepeat: number;
}

const NO_BLOCK: Block = { sessions: 0, receptions: 0, persons: 0, first: 0, repeat: 0, delegations: 0, delPersons: 0, delFirst: 0, delRepeat: 0 };

function block(d: Dice, receptions: number, sessions: number): Block {
  if (receptions === 0) return { ...NO_BLOCK, sessions };
  const first = Math.max(1, Math.round(receptions * d.real(0.45, 0.8)));
  const repeat = Math.min(receptions - first, d.int(0, Math.ceil(receptions * 0.2)));
  // Crowds are rare; a delegation brings several people about one case.
  const crowd = receptions >= 4 && d.chance(0.12);
  const delPersons = crowd ? d.int(5, 9) : 0;
  const persons = Math.max(receptions + d.int(0, Math.ceil(receptions * 0.3)), delPersons + receptions - 1);
  return {
    sessions,
    receptions,
    persons,
    first,
    repeat,
    delegations: crowd ? 1 : 0,
    delPersons,
    delFirst: crowd ? 1 : 0,
    delRepeat: 0,
  };
}

function receptionVolume(d: Dice, profile: Profile, months: number, forced: boolean): number {
  const per = (lo: number, hi: number): number => Math.round(d.real(lo, hi) * months);
  switch (profile) {
    case "consular":
      return per(4, 8);
    case "inspectorate":
      return per(1, 2.5);
    case "office":
      return per(0.6, 2);
    case "mission":
      return forced || d.chance(0.85) ? Math.max(forced ? 2 : 0, per(0.3, 3)) : 0;
    case "permanent":
      return forced || d.chance(0.3) ? Math.max(1, per(0.1, 0.4)) : 0;
    case "large":
      return d.chance(0.2) ? d.int(1, 3) : 0;
    case "small":
      return d.chance(0.05) ? 1 : 0;
  }
}

/** Fills 01/TCD and returns its c3 (cases received), 0 when the form stays blank. */
function fillTcd01(d: Dice, v: Values, facts: PeriodFacts, profile: Profile, forced: boolean): number {
  const total = receptionVolume(d, profile, facts.months, forced);
  if (total === 0) return 0;
  // The head of unit receives citizens periodically where the law makes it a duty; missions delegate.
  const headDuty = profile === "inspectorate" || profile === "consular" || profile === "office" || profile === "mission";
  const headSessions = headDuty ? d.int(1, Math.max(1, Math.round(facts.months / 3))) : 0;
  const head = headSessions > 0 ? Math.min(total - 1, headSessions * d.int(0, 2)) : 0;
  const delegatedSessions = profile === "inspectorate" || profile === "consular" ? d.int(1, Math.max(1, Math.round(facts.months / 4))) : 0;
  // At least one reception is a regular one, so head and delegated receptions stay below the total.
  const delegated = delegatedSessions > 0 ? Math.min(total - 1 - head, delegatedSessions * d.int(0, 2)) : 0;
  const tx = block(d, total - head - delegated, 0);
  const tt = block(d, head, headSessions);
  const uq = block(d, delegated, delegatedSessions);
  v.wide(TCD_01, {
    1: tx.receptions + tt.receptions + uq.receptions,
    2: tx.persons + tt.persons + uq.persons,
    3: tx.first + tx.repeat + tt.first + tt.repeat + uq.first + uq.repeat,
    4: tx.receptions, 5: tx.persons, 6: tx.first, 7: tx.repeat, 8: tx.delegations, 9: tx.delPersons, 10: tx.delFirst, 11: tx.delRepeat,
    12: tt.sessions, 13: tt.receptions, 14: tt.persons, 15: tt.first, 16: tt.repeat, 17: tt.delegations, 18: tt.delPersons, 19: tt.delFirst, 20: tt.delRepeat,
    21: uq.sessions, 22: uq.receptions, 23: uq.persons, 24: uq.first, 25: uq.repeat, 26: uq.delegations, 27: uq.delPersons, 28: uq.delFirst, 29: uq.delRepeat,
  });
  return v.num(TCD_01, "", 3);
}

/** Content weights (complaint, denunciation, feedback): consular petitions are mostly feedback. */
function contentWeights(profile: Profile): readonly [number, number, number] {
  if (profile === "inspectorate") return [0.35, 0.2, 0.45];
  if (profile === "office" || profile === "large") return [0.25, 0.1, 0.65];
  return [0.1, 0.03, 0.87];
}

/** Fills 02/TCD from the cases received at reception and returns its petitions (c1). */
function fillTcd02(d: Dice, v: Values, profile: Profile, cases01: number): number {
  // Some cases come without a written petition (V-X-01: 02/TCD c2 never exceeds 01/TCD c3).
  const cases = cases01 - d.int(0, Math.min(2, Math.floor(cases01 / 3)));
  if (cases <= 0) return 0;
  const c: Record<number, number> = {};
  const add = (col: number, n: number): void => {
    c[col] = (c[col] ?? 0) + n;
  };
  const weights = contentWeights(profile);
  const inShare = profile === "inspectorate" ? 0.5 : 0.6;
  for (let k = 0; k < cases; k++) {
    // One case, one or more petitions about it, with one content and one competence.
    const petitions = d.chance(0.2) ? 2 : 1;
    const content = d.weighted(weights);
    add(1, petitions);
    add(2, 1);
    add(3 + 2 * content, petitions);
    add(4 + 2 * content, 1);
    if (d.chance(inShare)) {
      add(9, petitions);
      add(10, 1);
    } else {
      add(11, petitions);
      add(12, 1);
      add(13 + d.weighted([0.6, 0.3, 0.1]), 1);
    }
  }
  c[16] = d.int(0, c[14] ?? 0);
  v.wide(TCD_02, c);
  if ((c[14] ?? 0) > 0) v.set(TCD_02, "", 17, "Chuyển đơn đến cơ quan có thẩm quyền trong nước");
  return c[1] ?? 0;
}

// ---------------------------------------------------------------------------------------------
// 01/XLD (FORMS.md §4.4): petition handling

function mailVolume(d: Dice, profile: Profile, months: number): number {
  const per = (lo: number, hi: number): number => Math.round(d.real(lo, hi) * months);
  switch (profile) {
    case "inspectorate":
      return per(3, 6);
    case "consular":
      return per(3, 8);
    case "office":
      return per(0.5, 2);
    case "mission":
      return per(0.2, 1.5);
    case "permanent":
      return d.chance(0.3) ? d.int(1, 2) : 0;
    case "large":
      return d.chance(0.35) ? d.int(1, 5) : 0;
    case "small":
      return d.chance(0.15) ? d.int(1, 2) : 0;
  }
}

/** Fills 01/XLD; the cases settled in 01/KQGQ and 03/KQGQ are among its petitions within competence. */
function fillXld(d: Dice, v: Values, facts: PeriodFacts, profile: Profile, atReception: number, flags: UnitFlags): void {
  const mustComplain = flags.complaints;
  const mustDenounce = flags.denunciations;
  // Petitions received in the window include those handed in at reception (02/TCD c1).
  let received = atReception + mailVolume(d, profile, facts.months);
  received = Math.max(received, mustComplain + mustDenounce);
  const carried = received > 0 || d.chance(0.1) ? d.int(0, profile === "inspectorate" || profile === "consular" ? 4 : 1) : 0;
  const total = carried + received;
  if (total === 0) return;
  const forced = mustComplain + mustDenounce;
  const open = Math.min(total - forced, d.int(0, Math.min(3, Math.floor(total / 4))));
  const handled = total - open;
  // Anonymous, duplicate or unsigned petitions do not qualify; the forced cases always do.
  const eligible = Math.max(forced, Math.min(handled, Math.round(handled * d.real(0.7, 0.95))));
  const c: Record<number, number> = { 1: total, 2: carried, 3: received, 4: handled, 5: open, 6: eligible };
  const add = (col: number, n = 1): void => {
    c[col] = (c[col] ?? 0) + n;
  };
  const weights = contentWeights(profile);
  for (let k = 0; k < eligible; k++) {
    const content = k < mustComplain ? 0 : k < forced ? 1 : d.weighted(weights);
    const within = k < forced || d.chance(0.55);
    add(8 + content);
    add(11 + d.weighted([0.12, 0.05, 0.83]));
    if (within) {
      add(14);
      add(15 + content);
    } else {
      add(18);
      add(19 + d.weighted([0.5, 0.4, 0.1]));
    }
  }
  c[7] = eligible - d.int(0, Math.floor(eligible * 0.15));
  c[22] = d.int(0, c[20] ?? 0);
  v.wide(XLD_01, c);
}

// ---------------------------------------------------------------------------------------------
// 01/KQGQ, 03/KQGQ (FORMS.md §4.5, §4.6): the rare complaint and denunciation cases

function fillKqgq01(d: Dice, v: Values, cases: number): void {
  if (cases === 0) return;
  const settledByDecision = d.int(Math.max(0, cases - 1), cases);
  const withdrawn = cases - settledByDecision > 0 && d.chance(0.5) ? 1 : 0;
  // First settlements only: complaint wrong, or partly right.
  const partlyRight = settledByDecision > 0 && d.chance(0.4) ? 1 : 0;
  v.wide(KQGQ_01, {
    1: cases,
    2: 0,
    3: cases,
    4: cases,
    5: settledByDecision,
    6: withdrawn,
    14: partlyRight,
    21: settledByDecision - partlyRight,
    22: partlyRight,
    25: settledByDecision + withdrawn,
  });
}

function fillKqgq03(d: Dice, v: Values, cases: number): void {
  if (cases === 0) return;
  const settled = d.int(Math.max(0, cases - 1), cases);
  const partly = settled > 0 && d.chance(0.3) ? 1 : 0;
  v.wide(KQGQ_03, {
    1: cases,
    2: 0,
    3: cases,
    4: cases,
    6: settled,
    7: settled,
    19: partly,
    20: partly,
    26: settled - partly,
    28: partly,
    30: settled,
  });
}

// ---------------------------------------------------------------------------------------------
// PCTN-NB (FORMS.md §5)

function staffOf(d: Dice, profile: Profile): number {
  switch (profile) {
    case "inspectorate":
      return d.int(20, 30);
    case "consular":
      return d.int(90, 140);
    case "office":
      return d.int(60, 120);
    case "large":
      return d.int(40, 110);
    case "small":
      return d.int(20, 50);
    case "mission":
      return d.int(10, 40);
    case "permanent":
      return d.int(8, 20);
  }
}

/** Returns the participants figure typed as "1.234"-style text, if any, for the file's note. */
function fillPctn(d: Dice, v: Values, facts: PeriodFacts, unit: Unit, profile: Profile): string | null {
  const staff = staffOf(d, profile);
  const mustDeclare = Math.max(2, Math.round(staff * d.real(0.3, 0.6)));
  // Annual declarations fall in December: a window holding the turn of the year has nearly all.
  const declared = facts.holdsDeclarations ? mustDeclare - (d.chance(0.15) ? 1 : 0) : d.int(0, 2);
  const reviewed = d.int(1, 5);
  const rotationDue = d.chance(profile === "mission" ? 0.5 : 0.35) ? d.int(1, 3) : 0;
  const conferences = d.int(1, 3);
  const values: Record<string, number> = {
    P01: d.chance(0.3) ? 1 : 0,
    P02: d.chance(0.25) ? d.int(1, 2) : 0,
    P03: reviewed,
    P04: d.int(0, Math.min(2, reviewed)),
    P05: d.int(2, 8),
    P06: d.chance(0.4) ? 1 : 0,
    P07: mustDeclare,
    P08: Math.min(mustDeclare, declared),
    P09: d.chance(0.3) ? d.int(1, Math.min(2, Math.max(1, declared))) : 0,
    P10: rotationDue,
    P11: rotationDue > 0 ? d.int(0, rotationDue) : 0,
    P12: 0,
    P13: 0,
    P14: 0,
    P15: 0,
    P16: 0,
    P17: 0,
    P18: conferences,
    P19: conferences * d.int(Math.min(staff, 12), Math.max(12, staff)),
  };
  if (values.P08 === 0) values.P09 = 0;
  for (const [code, value] of Object.entries(values)) v.set(PCTN_NB, code, 1, value);
  v.set(PCTN_NB, "P18", 2, "Quán triệt Luật Phòng, chống tham nhũng và các quy định của Đảng");
  if (unit.type === "HOC_VIEN") {
    // The academy counts its students; such a large figure is often typed with a thousands dot.
    const crowd = d.int(1050, 1450);
    v.set(PCTN_NB, "P19", 1, vnThousands(crowd));
    return vnThousands(crowd);
  }
  return null;
}

/** 1234 → "1.234" (Vietnamese thousands separator). */
function vnThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, ".");
}

// ---------------------------------------------------------------------------------------------
// Names

const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Phan", "Trịnh", "Đinh"];
const MALE_MIDDLE = ["Văn", "Hữu", "Minh", "Quang", "Đức", "Xuân", "Tiến", "Hoàng"];
const MALE_GIVEN = ["Anh", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt"];
const FEMALE_MIDDLE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương"];
const FEMALE_GIVEN = ["Anh", "Hà", "Hạnh", "Hằng", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Thảo", "Trang", "Vân", "Yến"];

function personName(d: Dice): string {
  const female = d.chance(0.45);
  const parts = [d.pick(FAMILY), d.pick(female ? FEMALE_MIDDLE : MALE_MIDDLE), d.pick(female ? FEMALE_GIVEN : MALE_GIVEN)];
  return parts.map((p) => p ?? "").join(" ");
}

// ---------------------------------------------------------------------------------------------
// Writing a submission

interface Sending {
  /** Vietnam calendar date the file was sent. */
  readonly date: IsoDate;
  /** `dcterms:modified`, ISO 8601 UTC, inside the Vietnam working day of `date`. */
  readonly timestamp: string;
  readonly ngayLap: IsoDate;
}

function sendingOn(d: Dice, date: IsoDate, ngayLapBefore: number): Sending {
  // 01:00–09:59 UTC is 08:00–16:59 in Hà Nội: the Vietnam date is the UTC date.
  const hh = String(d.int(1, 9)).padStart(2, "0");
  const mm = String(d.int(0, 59)).padStart(2, "0");
  const ss = String(d.int(0, 59)).padStart(2, "0");
  return { date, timestamp: `${date}T${hh}:${mm}:${ss}Z`, ngayLap: addDays(date, -d.int(0, ngayLapBefore)) };
}

function numberBeforeEquals(value: ExcelJS.CellValue): number | null {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return null;
  const m = /^\s*(\d+)/u.exec(value);
  return m ? Number(m[1]) : null;
}

/** Where a form's cells are in a sheet, found as the reader finds them (WORKBOOKS.md §1.3). */
interface FormLayout {
  /** The row carrying the form's code row texts ("A", "B", "1", …). */
  readonly codeRow: number;
  /** Catalogue column number → sheet column, from the numbers the code row carries. */
  readonly columns: ReadonlyMap<number, number>;
  /** ROWS forms: row code → sheet row, from the codes in column A below the code row. */
  readonly rows: ReadonlyMap<string, number>;
  /** The "n. Ghi chú:" line, or null. */
  readonly notesRow: number | null;
}

function textAt(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value;
  return typeof v === "string" || typeof v === "number" ? String(v).trim() : "";
}

/** Find the code row by its texts, then the columns by their numbers and the rows by their codes. */
function locateForm(ws: ExcelJS.Worksheet, form: FormDef): FormLayout {
  const want = form.codeRow.map((t) => t.trim());
  let codeRow = 0;
  for (let r = 1; r <= ws.rowCount && codeRow === 0; r++) {
    if (want.every((t, i) => textAt(ws, r, i + 1) === t)) codeRow = r;
  }
  if (codeRow === 0) throw new Error(`${form.sheet}: no code row`);
  const columns = new Map<number, number>();
  for (let c = form.labelColumns.length + 1; c <= want.length; c++) {
    const no = numberBeforeEquals(ws.getCell(codeRow, c).value);
    if (no !== null && !columns.has(no)) columns.set(no, c);
  }
  const codes = new Set(form.rows.map((r) => r.code));
  const rows = new Map<string, number>();
  let notesRow: number | null = null;
  for (let r = codeRow + 1; r <= ws.rowCount && notesRow === null; r++) {
    const first = textAt(ws, r, 1);
    if (first.startsWith(`${form.notesNo}. Ghi chú`)) notesRow = r;
    else if (codes.has(first) && !rows.has(first)) rows.set(first, r);
  }
  return { codeRow, columns, rows, notesRow };
}

async function writeSubmission(
  template: Uint8Array,
  values: Values,
  people: { readonly preparer: string; readonly head: string },
  sending: Sending,
  templateTime: string,
  notes: ReadonlyMap<FormDef, string>,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.buffer.slice(template.byteOffset, template.byteOffset + template.byteLength) as ArrayBuffer);
  const info = wb.getWorksheet("ThongTin");
  if (!info) throw new Error("template has no ThongTin sheet");
  info.getCell("B8").value = people.preparer;
  info.getCell("B9").value = people.head;
  // A real date cell: the serial under the template's dd/mm/yyyy format.
  info.getCell("B10").value = isoDateToExcelSerial(sending.ngayLap, false);

  for (const [form, rows] of values.forms) {
    const ws = wb.getWorksheet(form.sheet);
    if (!ws) throw new Error(`template has no sheet ${form.sheet}`);
    const layout = locateForm(ws, form);
    for (const [row, cols] of rows) {
      const sheetRow = form.layout === "WIDE" ? layout.codeRow + 1 : layout.rows.get(row);
      for (const [col, value] of cols) {
        const sheetCol = layout.columns.get(col);
        if (sheetRow === undefined || sheetCol === undefined) throw new Error(`${form.sheet}: no cell for row ${row}, column (${col})`);
        ws.getCell(sheetRow, sheetCol).value = value;
      }
    }
  }
  for (const [form, text] of notes) {
    const ws = wb.getWorksheet(form.sheet);
    if (!ws) continue;
    const notesRow = locateForm(ws, form).notesRow;
    if (notesRow === null) throw new Error(`${form.sheet}: no notes line`);
    ws.getCell(notesRow, 2).value = text;
  }

  wb.creator = "Thanh tra Bộ";
  wb.lastModifiedBy = people.preparer;
  wb.created = new Date(templateTime);
  wb.modified = new Date(sending.timestamp);
  const raw = new Uint8Array(await wb.xlsx.writeBuffer());
  return normalisePackage(raw, sending.timestamp);
}

// ---------------------------------------------------------------------------------------------
// The period

interface Roles {
  readonly missing: Set<string>;
  readonly late: Set<string>;
  readonly receptionMistake: string | null;
  readonly textMistake: string | null;
  readonly planMistake: string | null;
  readonly resubmission: string | null;
  readonly complaints: ReadonlyMap<string, number>;
  readonly denunciations: ReadonlyMap<string, number>;
}

/** Who plays which part. The two showcase units (inspectorate, consular department) stay correct. */
function assignRoles(d: Dice, units: readonly Unit[]): Roles {
  const showcase = (u: Unit): boolean => profileOf(u) === "inspectorate" || profileOf(u) === "consular";
  const pool = d.shuffle(units.filter((u) => !showcase(u)));
  const taken = new Set<string>();
  const take = (pred: (u: Unit) => boolean): string | null => {
    const u = pool.find((x) => !taken.has(x.code) && pred(x)) ?? pool.find((x) => !taken.has(x.code));
    if (!u) return null;
    taken.add(u.code);
    return u.code;
  };
  const isMission = (u: Unit): boolean => profileOf(u) === "mission";
  const missing = [take((u) => u.khoi === "TRONG_NUOC" && profileOf(u) === "small"), take((u) => u.khoi === "NGOAI_NUOC")];
  const receptionMistake = take(isMission);
  const textMistake = take((u) => u.khoi === "TRONG_NUOC");
  const planMistake = take(() => true);
  const resubmission = take(() => true);
  const lateCount = d.int(2, 3);
  const late: Array<string | null> = [];
  for (let i = 0; i < lateCount; i++) late.push(take(i === 0 ? isMission : () => true));

  // A couple of complaint cases, one denunciation case: the consular department and the
  // inspectorate first, then a large department.
  const complaints = new Map<string, number>();
  const denunciations = new Map<string, number>();
  const consular = units.find((u) => profileOf(u) === "consular");
  const inspectorate = units.find((u) => profileOf(u) === "inspectorate");
  const otherLarge = d.pick(units.filter((u) => (profileOf(u) === "large" || profileOf(u) === "office") && !taken.has(u.code)));
  if (consular) complaints.set(consular.code, d.int(1, 2));
  if (otherLarge) complaints.set(otherLarge.code, 1);
  if (inspectorate) denunciations.set(inspectorate.code, d.int(1, 2));

  const set = (codes: ReadonlyArray<string | null>): Set<string> => new Set(codes.filter((c): c is string => c !== null));
  return { missing: set(missing), late: set(late), receptionMistake, textMistake, planMistake, resubmission, complaints, denunciations };
}

/** The complete, correct values of one unit. */
function unitValues(d: Dice, facts: PeriodFacts, unit: Unit, flags: UnitFlags): { values: Values; typedText: string | null } {
  const v = new Values();
  const profile = profileOf(unit);
  const khth = fillKhth(d, v, facts, profile);
  fillTtr(d, v, profile === "inspectorate" ? khth.get("A1") : undefined);
  const cases = fillTcd01(d, v, facts, profile, flags.reception);
  const atReception = cases > 0 ? fillTcd02(d, v, profile, cases) : 0;
  fillXld(d, v, facts, profile, atReception, flags);
  fillKqgq01(d, v, flags.complaints);
  fillKqgq03(d, v, flags.denunciations);
  const typedText = fillPctn(d, v, facts, unit, profile);
  return { values: v, typedText };
}

/** The first KH-TH row (programme rows first) with rounds in progress or not started. */
function rowWithOpenRounds(v: Values): string | null {
  for (const row of ["B1", "B6", "B4", "B5", "A3", "A2", "A1"]) {
    if (v.num(KH_TH, row, 3) + v.num(KH_TH, row, 4) > 0) return row;
  }
  return null;
}

/**
 * Sample submissions of every unit active in `period` (default roster unless given), with two units
 * missing, 2–3 late, three rejected for typical mistakes and one resubmission. Same seed, same bytes.
 */
export async function generateSamplePeriod(options: SampleOptions): Promise<SamplePeriod> {
  const { period } = options;
  const roster = options.roster ?? DEFAULT_ROSTER;
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const window = periodWindow(period);
  const deadline = unitDeadline(period);
  const facts = periodFacts(period);
  const units = unitsActiveIn(roster, window);
  const master = new Dice(seed ^ hash(period.id));
  const roles = assignRoles(master, units);
  // The ministry sent the blank templates about two weeks before the window end.
  const templateTime = `${addDays(window.to, -14)}T01:30:00Z`;

  const files: SampleFile[] = [];
  const mistakes: SampleMistake[] = [];
  const late: string[] = [];
  for (const unit of units) {
    if (roles.missing.has(unit.code)) continue;
    const d = new Dice(seed ^ hash(`${period.id}/${unit.code}`));
    const flags: UnitFlags = {
      reception: unit.code === roles.receptionMistake,
      complaints: roles.complaints.get(unit.code) ?? 0,
      denunciations: roles.denunciations.get(unit.code) ?? 0,
    };
    const { values, typedText } = unitValues(d, facts, unit, flags);
    const preparer = personName(d);
    let head = personName(d);
    while (head === preparer) head = personName(d);
    const people = { preparer, head };
    const template = await buildTemplate({ unit, period, creationTime: templateTime });
    const fileName = templateFileName(unit.code, period.id);
    const notes = new Map<FormDef, string>();
    if (profileOf(unit) === "inspectorate") {
      notes.set(KH_TH, `Kế hoạch thanh tra năm ${period.year} được Bộ trưởng phê duyệt; số liệu lũy kế đến hết kỳ báo cáo.`);
    }
    const extra = typedText ? ` PCTN dòng P19 nhập dạng văn bản "${typedText}" (đọc theo quy ước Việt Nam, có cảnh báo).` : "";

    if (unit.code === roles.resubmission) {
      // A first file with a gap the unit noticed, then the corrected file the next day.
      const firstDay = addDays(window.to, d.int(0, 1));
      const first = sendingOn(d, firstDay, 1);
      const second = sendingOn(d, addDays(firstDay, 1), 0);
      const draft = values.clone();
      const row = rowWithOpenRounds(draft);
      let gap: string;
      if (row) {
        const col = draft.num(KH_TH, row, 4) > 0 ? 4 : 3;
        const cell = a1(KH_TH, row, col);
        const rows = draft.forms.get(KH_TH);
        rows?.get(row)?.delete(col);
        gap = `${cell} bỏ trống cột (${col}) dòng ${row}, nên (1) ≠ (2)+(3)+(4)`;
      } else {
        const cell = a1(KH_TH, "B1", 1);
        draft.set(KH_TH, "B1", 1, draft.num(KH_TH, "B1", 1) + 1);
        gap = `${cell} kế hoạch năm dòng B1 ghi thừa 1 cuộc`;
      }
      const secondName = fileName.replace(/\.xlsx$/u, "_lan2.xlsx");
      files.push({
        file: fileName,
        bytes: await writeSubmission(template, draft, people, first, templateTime, notes),
        note: `Bản gửi lần 1 ngày ${formatDateVi(first.date)}, có lỗi: ${gap}. Được thay thế bởi ${secondName}.${extra}`,
      });
      files.push({
        file: secondName,
        bytes: await writeSubmission(template, values, people, second, templateTime, notes),
        note: `Bản sửa gửi lần 2 ngày ${formatDateVi(second.date)}, thay thế bản lần 1; đúng hạn.${extra}`,
      });
      continue;
    }

    const isLate = roles.late.has(unit.code);
    // On time: from the window end up to the deadline itself (window end + 2 days by default).
    const day = isLate ? addDays(deadline, d.int(1, 5)) : addDays(window.to, d.int(0, 2));
    const sending = sendingOn(d, day, isLate ? 2 : 1);
    let note = isLate
      ? `Nộp muộn: gửi ngày ${formatDateVi(sending.date)}, sau hạn ${formatDateVi(deadline)}.`
      : `Nộp đúng hạn ngày ${formatDateVi(sending.date)}.`;
    if (isLate) late.push(unit.code);

    let what: string | null = null;
    if (unit.code === roles.receptionMistake) {
      // A total typed by hand that no longer matches its parts.
      const parts = values.num(TCD_01, "", 4) + values.num(TCD_01, "", 13) + values.num(TCD_01, "", 22);
      const typed = parts + 1;
      values.set(TCD_01, "", 1, typed);
      what = `${a1(TCD_01, "", 1)}: tổng số lượt tiếp (1) ghi ${typed}, nhưng (4)+(13)+(22) = ${parts}: sai quan hệ 1=4+13+22`;
    } else if (unit.code === roles.textMistake) {
      const persons = values.num(PCTN_NB, "P07", 1);
      values.set(PCTN_NB, "P07", 1, `${persons} người`);
      what = `${a1(PCTN_NB, "P07", 1)}: số người phải kê khai (P07) nhập dạng văn bản "${persons} người", không phải là số`;
    } else if (unit.code === roles.planMistake) {
      // The plan was amended upwards but the progress columns were not updated.
      const plan = values.num(KH_TH, "B1", 1);
      const parts = values.num(KH_TH, "B1", 2) + values.num(KH_TH, "B1", 3) + values.num(KH_TH, "B1", 4);
      values.set(KH_TH, "B1", 1, plan + 1);
      what = `${a1(KH_TH, "B1", 1)}: kế hoạch năm dòng B1 ghi ${plan + 1}, nhưng đã hoàn thành + đang thực hiện + chưa triển khai = ${parts}: sai quan hệ 1=2+3+4`;
    }
    if (what) {
      mistakes.push({ unit: unit.code, file: fileName, what });
      note += ` Có lỗi, bị trả lại: ${what}.`;
    }
    files.push({ file: fileName, bytes: await writeSubmission(template, values, people, sending, templateTime, notes), note: note + extra });
  }

  const missing = units.filter((u) => roles.missing.has(u.code)).map((u) => u.code);
  return { files, late, missing, mistakes };
}
