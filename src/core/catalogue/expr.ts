/**
 * The rule expression language of FORMS.md §1.4 and the notations built on it: code-row identities
 * (`1=2+3=4+5`) and the `{identity}`, `{lhs}`, `{rhs}` message placeholders (FORMS.md §6.1).
 *
 *   rule := cond | cond "=>" cond
 *   cond := sum op sum                 op ∈ { =, <=, >=, <, > }
 *   sum  := term ("+" term)*
 *   term := cN | ROW.cN | ROW | FORM:cN | FORM:ROW.cN | integer     (bare ROW = ROW.c1)
 */

export type CompareOp = "=" | "<=" | ">=" | "<" | ">";

/**
 * A cell reference or an integer constant. `form` null = the form being checked; `row` null = the row
 * being checked (every data row of a ROWS form, the unit's row of a WIDE form).
 */
export type Term =
  | { readonly kind: "cell"; readonly form: string | null; readonly row: string | null; readonly col: number }
  | { readonly kind: "const"; readonly value: number };

export type CellTerm = Extract<Term, { kind: "cell" }>;

/** Terms added together; never empty. */
export type Sum = readonly Term[];

export interface Cond {
  readonly lhs: Sum;
  readonly op: CompareOp;
  readonly rhs: Sum;
}

/** `when` null: a plain condition. Otherwise `then` must hold wherever `when` holds. */
export interface Rule {
  readonly when: Cond | null;
  readonly then: Cond;
}

type Token =
  | { readonly kind: "op"; readonly op: CompareOp; readonly pos: number }
  | { readonly kind: "implies"; readonly pos: number }
  | { readonly kind: "plus"; readonly pos: number }
  | { readonly kind: "word"; readonly text: string; readonly pos: number };

// Two-character operators first, so "<=" is never read as "<" followed by "=".
const OPERATORS: readonly (readonly [string, Token["kind"], CompareOp | null])[] = [
  ["=>", "implies", null],
  ["<=", "op", "<="],
  [">=", "op", ">="],
  ["<", "op", "<"],
  [">", "op", ">"],
  ["=", "op", "="],
  ["+", "plus", null],
];

// A word runs until white space or an operator; "-" and "/" belong to form codes (KH-TH, 02/TCD).
const WORD = /[A-Za-z0-9_./:-]+/y;
const CELL = /^c([1-9]\d*)$/u;
const ROW_CELL = /^([A-Z][A-Z0-9]*)\.c([1-9]\d*)$/u;
const ROW = /^[A-Z][A-Z0-9]*$/u;
const FORM = /^[0-9A-Za-z]+(?:[/_-][0-9A-Za-z]+)*$/u;
const INTEGER = /^\d+$/u;

class ExprError extends Error {
  constructor(expr: string, pos: number, what: string) {
    super(`Invalid rule expression "${expr}" at position ${pos + 1}: ${what}`);
    this.name = "ExprError";
  }
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  outer: while (pos < expr.length) {
    if (/\s/u.test(expr.charAt(pos))) {
      pos += 1;
      continue;
    }
    for (const [text, kind, op] of OPERATORS) {
      if (!expr.startsWith(text, pos)) continue;
      if (kind === "op" && op !== null) tokens.push({ kind, op, pos });
      else if (kind === "implies" || kind === "plus") tokens.push({ kind, pos });
      pos += text.length;
      continue outer;
    }
    WORD.lastIndex = pos;
    const match = WORD.exec(expr);
    if (!match) throw new ExprError(expr, pos, `unexpected character "${expr.charAt(pos)}"`);
    tokens.push({ kind: "word", text: match[0], pos });
    pos += match[0].length;
  }
  return tokens;
}

function parseTerm(expr: string, text: string, pos: number): Term {
  if (INTEGER.test(text)) {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new ExprError(expr, pos, `integer ${text} is too large`);
    return { kind: "const", value };
  }
  let form: string | null = null;
  let rest = text;
  const colon = text.indexOf(":");
  if (colon >= 0) {
    form = text.slice(0, colon);
    rest = text.slice(colon + 1);
    if (!FORM.test(form)) throw new ExprError(expr, pos, `"${form}" is not a form code`);
  }
  const cell = CELL.exec(rest);
  if (cell) return { kind: "cell", form, row: null, col: Number(cell[1]) };
  const rowCell = ROW_CELL.exec(rest);
  if (rowCell) return { kind: "cell", form, row: rowCell[1] ?? "", col: Number(rowCell[2]) };
  // The grammar allows a bare ROW only within the form being checked (PCTN-NB `P04 <= P03`).
  if (form === null && ROW.test(rest)) return { kind: "cell", form, row: rest, col: 1 };
  throw new ExprError(expr, pos, `"${text}" is not a term (cN, ROW.cN, ROW, FORM:cN, FORM:ROW.cN or an integer)`);
}

/** Parse a rule expression; throws an Error naming the position on bad syntax. */
export function parseRule(expr: string): Rule {
  const tokens = tokenize(expr);
  let i = 0;
  const posOf = (k: number): number => tokens[k]?.pos ?? expr.length;

  const sum = (): Term[] => {
    const terms: Term[] = [];
    for (;;) {
      const token = tokens[i];
      if (!token || token.kind !== "word") throw new ExprError(expr, posOf(i), "expected a term");
      terms.push(parseTerm(expr, token.text, token.pos));
      i += 1;
      if (tokens[i]?.kind !== "plus") return terms;
      i += 1;
    }
  };
  const cond = (): Cond => {
    const lhs = sum();
    const token = tokens[i];
    if (!token || token.kind !== "op") throw new ExprError(expr, posOf(i), "expected =, <=, >=, < or >");
    i += 1;
    return { lhs, op: token.op, rhs: sum() };
  };

  const first = cond();
  let rule: Rule = { when: null, then: first };
  if (tokens[i]?.kind === "implies") {
    i += 1;
    rule = { when: first, then: cond() };
  }
  if (i < tokens.length) throw new ExprError(expr, posOf(i), "unexpected text after the rule");
  return rule;
}

/** Every term of a rule, condition first. */
export function ruleTerms(rule: Rule): Term[] {
  const conds = rule.when ? [rule.when, rule.then] : [rule.then];
  return conds.flatMap((c) => [...c.lhs, ...c.rhs]);
}

/** Canonical expression text: `c1 = c2 + c3`, `A.c1 = A1.c1 + A2.c1`, `c6 > 0 => c7 >= 1`. */
export function renderRule(rule: Rule): string {
  const term = (t: Term): string => {
    if (t.kind === "const") return String(t.value);
    const cell = t.row === null ? `c${t.col}` : `${t.row}.c${t.col}`;
    return t.form === null ? cell : `${t.form}:${cell}`;
  };
  const cond = (c: Cond): string =>
    `${c.lhs.map(term).join(" + ")} ${c.op} ${c.rhs.map(term).join(" + ")}`;
  return rule.when ? `${cond(rule.when)} => ${cond(rule.then)}` : cond(rule.then);
}

/**
 * The rules printed in an official code cell, one per "=" after the first (FORMS.md §1.4):
 * "1=2+3=4+5" → ["c1 = c2 + c3", "c1 = c4 + c5"]; "5=20+..+24" → ["c5 = c20 + c21 + c22 + c23 + c24"].
 * A plain number, or any text that is not such a chain, gives [] (readers pass arbitrary cells).
 */
export function codeRowIdentities(text: string): string[] {
  const compact = text.replace(/\s+/gu, "").replace(/…|\.{2,}/gu, "..");
  const parts = compact.split("=");
  const head = parts[0] ?? "";
  if (parts.length < 2 || !INTEGER.test(head)) return [];
  const result: string[] = [];
  for (const part of parts.slice(1)) {
    if (!/^\d+(?:\+(?:\.\.\+)?\d+)*$/u.test(part)) return [];
    const cols: number[] = [];
    const pieces = part.split("+");
    for (let k = 0; k < pieces.length; k += 1) {
      const piece = pieces[k] ?? "";
      if (piece !== "..") {
        cols.push(Number(piece));
        continue;
      }
      // "a+..+b": every column strictly between a and b.
      const from = cols[cols.length - 1] ?? 0;
      const to = Number(pieces[k + 1]);
      if (!(to > from + 1)) return [];
      for (let n = from + 1; n < to; n += 1) cols.push(n);
    }
    result.push(`c${Number(head)} = ${cols.map((n) => `c${n}`).join(" + ")}`);
  }
  return result;
}

export interface NotationOptions {
  /** The row being checked on a ROWS form; prefixes `{identity}` of rules that name no rows. */
  readonly row?: string | null;
  /**
   * Forms with one numeric column (PCTN-NB): a row's cell is written as the row code, `P04`, not
   * `P04(1)`.
   */
  readonly bareRows?: boolean;
}

function cellSide(t: CellTerm, opts: NotationOptions): string {
  const cell = t.row === null ? `(${t.col})` : opts.bareRows && t.col === 1 ? t.row : `${t.row}(${t.col})`;
  return t.form === null ? cell : `${t.form}:${cell}`;
}

/** `{lhs}` / `{rhs}` of FORMS.md §6.1: `(1)`, `(4)+(13)+(22)`, `A1(1)+A2(1)+A3(1)`, `P04`. */
export function sideNotation(sum: Sum, opts: NotationOptions = {}): string {
  return sum.map((t) => (t.kind === "const" ? String(t.value) : cellSide(t, opts))).join("+");
}

/**
 * `{identity}` of FORMS.md §6.1, in code-row notation: `1=4+5`, `6<=1`; on a ROWS form, for a rule
 * that names no rows, prefixed by the row checked: `B2: 1=2+3+4`. A rule with an integer constant
 * writes its columns as `(6)` so that `(6)>0 => (7)>=1` cannot be read as comparing column 7 with column 1.
 */
export function identityNotation(rule: Rule, opts: NotationOptions = {}): string {
  const terms = ruleTerms(rule);
  const hasConst = terms.some((t) => t.kind === "const");
  const namesRows = terms.some((t) => t.kind === "cell" && t.row !== null);
  const term = (t: Term): string => {
    if (t.kind === "const") return String(t.value);
    if (!hasConst && t.form === null && t.row === null) return String(t.col);
    return cellSide(t, opts);
  };
  const cond = (c: Cond): string => `${c.lhs.map(term).join("+")}${c.op}${c.rhs.map(term).join("+")}`;
  const body = rule.when ? `${cond(rule.when)} => ${cond(rule.then)}` : cond(rule.then);
  return opts.row && !namesRows ? `${opts.row}: ${body}` : body;
}
