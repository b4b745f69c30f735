/**
 * Expectations read straight from the spec's tables (../shared/spec, $TONGHOP_SPEC, or the copy in tests/fixtures/spec), never from
 * the product's catalogue or roster: the default roster of UNITS.md §3 and the rules of FORMS.md
 * §3.3, §4, §5 and §6.2 with their severities, and a tiny parser of the rule expressions of §1.4.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const LIVE_SPEC = path.resolve(__dirname, "..", "..", "..", "shared", "spec");
/** The live spec beside the repository when present, else the copy kept in the repository (a clean clone in CI). */
export const SPEC_DIR = process.env.TONGHOP_SPEC ?? (existsSync(path.join(LIVE_SPEC, "FORMS.md")) ? LIVE_SPEC : path.resolve(__dirname, "..", "fixtures", "spec"));

export function specText(file: string): string {
  const full = path.join(SPEC_DIR, file);
  if (!existsSync(full)) throw new Error(`spec file ${full} not found (set TONGHOP_SPEC to the spec folder)`);
  return readFileSync(full, "utf8");
}

/** Cells of a markdown table row, trimmed ("| a | b |" → ["a", "b"]). */
function cellsOf(line: string): string[] {
  return line.trim().replace(/^\|/u, "").replace(/\|$/u, "").split("|").map((c) => c.trim());
}

/** The lines of a section, from its heading up to the next heading of the same or a higher level. */
function section(text: string, heading: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`no section ${heading}`);
  const level = /^#+/u.exec(heading)?.[0].length ?? 0;
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const h = /^(#+)\s/u.exec(line);
    if (h?.[1] && h[1].length <= level) break;
    out.push(line);
  }
  return out;
}

// ── UNITS.md §3: the default roster ─────────────────────────────────────────────────────────

export interface SpecUnit {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly khoi: "TRONG_NUOC" | "NGOAI_NUOC";
}

function unitRows(lines: readonly string[], khoi: SpecUnit["khoi"]): SpecUnit[] {
  const out: SpecUnit[] = [];
  for (const line of lines) {
    const c = cellsOf(line);
    if (!/^\d+$/u.test(c[0] ?? "") || c.length < 4) continue;
    out.push({ code: (c[1] ?? "").replace(/`/gu, ""), name: c[2] ?? "", type: c[3] ?? "", khoi });
  }
  return out;
}

/** The 47 units of the default roster in roster order: §3.1 (domestic) then §3.2 (missions). */
export function specRoster(): SpecUnit[] {
  const text = specText("UNITS.md");
  return [...unitRows(section(text, "### 3.1"), "TRONG_NUOC"), ...unitRows(section(text, "### 3.2"), "NGOAI_NUOC")];
}

// ── FORMS.md §2: forms, sheets, layouts ─────────────────────────────────────────────────────

export interface SpecForm {
  readonly code: string;
  readonly sheet: string;
  /** "Biểu số: 01/TCD". */
  readonly label: string;
  readonly title: string;
  readonly layout: "WIDE" | "ROWS";
}

export function specForms(): SpecForm[] {
  const out: SpecForm[] = [];
  for (const line of section(specText("FORMS.md"), "## 2.")) {
    const c = cellsOf(line);
    if (!/^\d+$/u.test(c[0] ?? "") || c.length < 7) continue;
    out.push({ code: (c[1] ?? "").replace(/`/gu, ""), sheet: (c[2] ?? "").replace(/`/gu, ""), label: c[3] ?? "", title: c[4] ?? "", layout: c[5] === "ROWS" ? "ROWS" : "WIDE" });
  }
  return out;
}

/** A form's layout details from its own section of FORMS.md (§3, §4.x, §5). */
export interface SpecFormLayout extends SpecForm {
  readonly headerDepth: number;
  /** The code row, "…" expanded: `MS | 1=2+3=4+5 | 2 | … | 18`. */
  readonly codeRow: readonly string[];
  readonly notesNo: number;
  /** WIDE and KH-TH: column number → type (INT, MONEY, LAND, TEXT). */
  readonly columnTypes: ReadonlyMap<number, string>;
  /** ROWS: rows in order (sections and groups included) with their label and, for PCTN-NB, type. */
  readonly rows: ReadonlyArray<{ readonly code: string; readonly label: string; readonly type: string }>;
  readonly unitLine: string;
}

/** "10 | … | 18" → 10, 11, …, 18. */
function expandCodeRow(text: string): string[] {
  const parts = text.split("|").map((p) => p.trim());
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (p !== "…") {
      out.push(p);
      return;
    }
    const from = Number(/^\d+/u.exec(parts[i - 1] ?? "")?.[0]);
    const to = Number(/^\d+/u.exec(parts[i + 1] ?? "")?.[0]);
    for (let n = from + 1; n < to; n++) out.push(String(n));
  });
  return out;
}

/** §2's `unitLine` bullet: "KH-TH `…`. 01/TTr, 01/KQGQ and 03/KQGQ `…`" → code → line. */
function unitLines(text: string): Map<string, string> {
  const bullet = /- `unitLine`:([\s\S]*?)\n\n/u.exec(text)?.[1] ?? "";
  const out = new Map<string, string>();
  for (const m of bullet.replace(/\s+/gu, " ").matchAll(/((?:[0-9A-Z][\w/-]*(?:, | and )?)+) `(Đơn vị tính:[^`]+)`/gu)) {
    for (const code of (m[1] ?? "").split(/, | and /u)) out.set(code.trim(), m[2] ?? "");
  }
  return out;
}

export function specFormLayouts(): SpecFormLayout[] {
  const text = specText("FORMS.md");
  const lines = unitLines(text);
  return specForms().map((form) => {
    const heading = text.split("\n").find((l) => /^#{2,3} [\d.]+ /u.test(l) && l.includes(` ${form.code}:`));
    if (!heading) throw new Error(`FORMS.md: no section for ${form.code}`);
    const body = section(text, heading).join("\n");
    const all = `${heading}\n${body}`;
    const depth = /headerDepth`?\s*(\d)/u.exec(all)?.[1];
    const code = /[Cc]ode row:?\s*`([^`]+)`/u.exec(body)?.[1];
    const notes = /`(\d+)\. Ghi chú:`/u.exec(body)?.[1];
    if (!depth || !code || !notes) throw new Error(`FORMS.md: ${form.code} lacks headerDepth, code row or notes line`);
    const columnTypes = new Map<number, string>();
    const rows: Array<{ code: string; label: string; type: string }> = [];
    for (const line of body.split("\n")) {
      const c = cellsOf(line);
      if (!line.startsWith("|")) continue;
      if (/^\d+$/u.test(c[0] ?? "") && c.length >= 6) columnTypes.set(Number(c[0]), c[4] ?? "");
      const row = /^`([A-Z]+\d*)`$/u.exec(c[0] ?? "");
      if (row?.[1] && form.layout === "ROWS") rows.push({ code: row[1], label: c[1] ?? "", type: c[c.length - 1] ?? "" });
    }
    return { ...form, headerDepth: Number(depth), codeRow: expandCodeRow(code), notesNo: Number(notes), columnTypes, rows, unitLine: lines.get(form.code) ?? "" };
  });
}

// ── WORKBOOKS.md §1.2: ThongTin ─────────────────────────────────────────────────────────────

/** ThongTin labels with their canonical value cells, in order. */
export function specThongTin(): Array<{ label: string; cell: string }> {
  const out: Array<{ label: string; cell: string }> = [];
  for (const line of section(specText("WORKBOOKS.md"), "### 1.2")) {
    const c = cellsOf(line);
    if (/^B\d+$/u.test(c[1] ?? "")) out.push({ label: c[0] ?? "", cell: c[1] ?? "" });
  }
  return out;
}

// ── FORMS.md: rules and their severities ────────────────────────────────────────────────────

export type SpecSeverity = "error" | "warning" | "info";

export interface SpecRule {
  readonly id: string;
  /** The form the rule is listed under (the anchor's form for cross-form rules). */
  readonly form: string;
  readonly expr: string;
  readonly severity: SpecSeverity;
  /** KH-TH rows where the severity differs ("**warning** on rows B2, B3"). */
  readonly severityByRow: Readonly<Record<string, SpecSeverity>>;
}

/** `V-ID-01/TCD-10` → form `01/TCD`, number 10. */
function splitId(id: string): { prefix: string; form: string; no: number } {
  const m = /^(V-(?:ID|REL))-(.+)-(\d+)$/u.exec(id);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`not a form rule id: ${id}`);
  return { prefix: m[1], form: m[2], no: Number(m[3]) };
}

/** "V-REL-01/TCD-1 … -3" → 1,2,3; "V-REL-01/TCD-10, -11" → 10,11; one id → itself. */
function expandIds(cell: string): string[] {
  const first = /^(V-(?:ID|REL)-\S+-)(\d+)/u.exec(cell);
  if (!first?.[1] || !first[2]) return [];
  const base = first[1];
  const from = Number(first[2]);
  const range = /…\s*-(\d+)\s*$/u.exec(cell);
  if (range?.[1]) return Array.from({ length: Number(range[1]) - from + 1 }, (_, i) => `${base}${from + i}`);
  const more = [...cell.matchAll(/,\s*-(\d+)/gu)].map((m) => Number(m[1]));
  return [from, ...more].map((n) => `${base}${n}`);
}

function severityCell(cell: string): { severity: SpecSeverity; byRow: Record<string, SpecSeverity> } {
  const plain = cell.replace(/\*/gu, "");
  const sev = /^(error|warning|info)/u.exec(plain)?.[1] as SpecSeverity | undefined;
  if (!sev) throw new Error(`no severity in "${cell}"`);
  const byRow: Record<string, SpecSeverity> = {};
  const over = /;\s*(error|warning|info) on rows ([A-Z0-9, ]+)/u.exec(plain);
  if (over?.[1] && over[2]) for (const row of over[2].split(",")) byRow[row.trim()] = over[1] as SpecSeverity;
  return { severity: sev, byRow };
}

/** KH-TH V-REL-KH-TH-5: group cell = sum of its members, for N = 1…10 (FORMS.md §3.3, §3.1). */
function groupRules(severity: SpecSeverity): SpecRule[] {
  const groups: ReadonlyArray<readonly [string, readonly string[]]> = [
    ["A", ["A1", "A2", "A3"]],
    ["B", ["B1", "B2", "B3", "B4", "B5", "B6"]],
  ];
  const out: SpecRule[] = [];
  for (const [group, members] of groups) {
    for (let n = 1; n <= 10; n++) {
      out.push({ id: "V-REL-KH-TH-5", form: "KH-TH", expr: `${group}.c${n} = ${members.map((m) => `${m}.c${n}`).join(" + ")}`, severity, severityByRow: {} });
    }
  }
  return out;
}

/** Every V-ID / V-REL rule of the forms (§3.3, §4.x tables, §5 prose) and the cross-form rules of §6.2. */
export function specRules(): SpecRule[] {
  const text = specText("FORMS.md");
  const out: SpecRule[] = [];
  for (const line of text.split("\n")) {
    const c = cellsOf(line);
    if (!line.startsWith("| V-ID-") && !line.startsWith("| V-REL-")) continue;
    if (c[0]?.startsWith("V-ID-…")) continue; // the §6.2 catalogue line for all of them
    const ids = expandIds(c[0] ?? "");
    const { severity, byRow } = severityCell(c[2] ?? "");
    if (ids[0] === "V-REL-KH-TH-5") {
      out.push(...groupRules(severity));
      continue;
    }
    const exprs = [...(c[1] ?? "").matchAll(/`([^`]+)`/gu)].map((m) => m[1] ?? "");
    if (exprs.length !== ids.length) throw new Error(`FORMS.md: ${ids.length} ids but ${exprs.length} expressions in ${line}`);
    ids.forEach((id, i) => out.push({ id, form: splitId(id).form, expr: exprs[i] ?? "", severity, severityByRow: byRow }));
  }
  // §5: "Rules (all **warning**, column 1 implied): V-REL-PCTN-NB-1 `P04 <= P03`; -2 `P08 <= P07`; …"
  const pctn = /Rules \(all \*\*(\w+)\*\*, column 1 implied\):([\s\S]*?)\n\n/u.exec(text);
  if (!pctn?.[1] || !pctn[2]) throw new Error("FORMS.md: no PCTN-NB rules");
  for (const m of pctn[2].matchAll(/(?:V-REL-PCTN-NB)?-(\d+) `([^`]+)`/gu)) {
    out.push({ id: `V-REL-PCTN-NB-${m[1] ?? ""}`, form: "PCTN-NB", expr: m[2] ?? "", severity: pctn[1] as SpecSeverity, severityByRow: {} });
  }
  // §6.2 cross-form rules: | id | severity | condition with `expression` | …
  for (const line of section(text, "### 6.2")) {
    const c = cellsOf(line);
    if (!/^V-(X-0\d|PLAN-02)$/u.test(c[0] ?? "")) continue;
    const expr = /`([^`]+)`/u.exec(c[2] ?? "")?.[1] ?? "";
    const anchorForm = /^\s*([^:\s]+):/u.exec(expr.split(/<=|>=|=|<|>/u)[0] ?? "")?.[1] ?? "";
    out.push({ id: c[0] ?? "", form: anchorForm, expr, severity: severityCell(c[1] ?? "").severity, severityByRow: {} });
  }
  return out;
}

// ── FORMS.md §1.4 expressions ───────────────────────────────────────────────────────────────

/** A term: a cell (optional form, optional row, column) or an integer. */
export type SpecTerm = { readonly kind: "cell"; readonly form: string | null; readonly row: string | null; readonly col: number } | { readonly kind: "const"; readonly value: number };

export interface SpecCond {
  readonly lhs: readonly SpecTerm[];
  readonly op: "=" | "<=" | ">=" | "<" | ">";
  readonly rhs: readonly SpecTerm[];
}

export interface SpecExpr {
  readonly when: SpecCond | null;
  readonly then: SpecCond;
}

function parseTerm(text: string): SpecTerm {
  const t = text.trim();
  if (/^\d+$/u.test(t)) return { kind: "const", value: Number(t) };
  const m = /^(?:([^:\s]+):)?(?:([A-Z][A-Z0-9]*)\.)?c(\d+)$/u.exec(t);
  if (m?.[3]) return { kind: "cell", form: m[1] ?? null, row: m[2] ?? null, col: Number(m[3]) };
  const bare = /^(?:([^:\s]+):)?([A-Z][A-Z0-9]*)$/u.exec(t); // a bare ROW means ROW.c1
  if (bare?.[2]) return { kind: "cell", form: bare[1] ?? null, row: bare[2], col: 1 };
  throw new Error(`not a term: ${text}`);
}

function parseCond(text: string): SpecCond {
  const m = /^(.*?)\s*(<=|>=|=|<|>)\s*(.*)$/u.exec(text.trim());
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`not a condition: ${text}`);
  const sum = (s: string): SpecTerm[] => s.split("+").map(parseTerm);
  return { lhs: sum(m[1]), op: m[2] as SpecCond["op"], rhs: sum(m[3]) };
}

export function parseSpecExpr(expr: string): SpecExpr {
  const [a, b] = expr.split("=>");
  return b === undefined ? { when: null, then: parseCond(a ?? "") } : { when: parseCond(a ?? ""), then: parseCond(b) };
}
