/**
 * Fuzzing (issue 10, item 6): fast-check builds batches of submissions from the product's blank
 * templates, filled with consistent values and then mutated (values changed, rows and columns inserted,
 * sheets renamed and reordered, parts deleted, bytes flipped, files truncated), and runs each batch
 * through runPipeline with aggregation. Properties:
 *   - the run completes, and every input appears exactly once in `inputs`;
 *   - a file whose only mutations keep it a correct submission (inserted rows and columns, renamed or
 *     reordered sheets: WORKBOOKS.md §1.4) is accepted; a truncated file is unreadable (V-FILE-01); a
 *     negative number or a fraction in a count is never accepted (V-NEG-01, V-INT-01);
 *   - the report totals equal the sums, computed here from the values written, over the accepted files.
 * Seeded, so CI is reproducible. A failing batch is shrunk by fast-check and saved under
 * tests/fixtures/fuzz-regressions/ (its files and case.json), which the replay test below runs for good.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../src/core/aggregate/aggregate";
import { totalsJson } from "../src/core/result";
import { periodWindow, parsePeriod } from "../src/core/periods";
import { runPipeline } from "../src/core/pipeline";
import type { RunJson } from "../src/core/result";
import { DEFAULT_ROSTER, unitsActiveIn, type Unit } from "../src/core/roster";
import { buildTemplate } from "../src/core/template/template";
import {
  SCALE,
  columnLetters,
  fromUtf8,
  insertLines,
  keyText,
  readTemplate,
  renameSheet,
  reorderSheets,
  setCell,
  utf8,
  withoutDefinedNames,
  zipParts,
  type CellKey,
  type Template,
  type ValueType,
} from "./helpers/fuzz-workbook";

const SEED = 20_231_214;
/**
 * FUZZ_RUNS overrides the number of batches for a quick local try; FUZZ_PATH (the `path` printed with a
 * failure) replays one shrunk counterexample at once. CI runs the defaults.
 */
const RUNS = Number(process.env["FUZZ_RUNS"] ?? 112);
const REPLAY_PATH = process.env["FUZZ_PATH"];
const MIN_INPUTS = process.env["FUZZ_RUNS"] || REPLAY_PATH ? 0 : 2000;
const REGRESSIONS = path.join(__dirname, "fixtures", "fuzz-regressions");
const period = parsePeriod("2023-H1");

// ---------------------------------------------------------------------------------------------------------
// The cells filled (FORMS.md §3–§5): four forms, the other four left blank (V-BLANK-01, info).

const KH_ROWS = ["A1", "A2", "A3", "B1", "B2", "B3", "B4", "B5", "B6"];
const PCTN_ROWS = Array.from({ length: 19 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`);
const BLANK_SHEETS = ["02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ"];

/** Exact value at its type's scale (MONEY in thousandths, LAND in hundredths). */
type Values = Map<string, bigint>;

interface Filled {
  readonly key: CellKey;
  readonly scaled: bigint;
}

const cell = (sheet: string, row: string, col: number, type: ValueType, scaled: bigint | number): Filled => ({
  key: { sheet, row, col, type },
  scaled: BigInt(scaled),
});

/** Raw draws → a consistent submission: every V-ID identity and error-level relation holds. */
interface Draws {
  readonly kh: readonly (readonly number[])[];
  readonly tcd: readonly number[];
  readonly ttr: readonly number[];
  readonly money: readonly number[];
  readonly pctn: readonly number[];
}

function consistentValues(d: Draws): Filled[] {
  const out: Filled[] = [];
  KH_ROWS.forEach((row, i) => {
    const [c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0, r8 = 0, r9 = 0, r10 = 0] = d.kh[i] ?? [];
    const c8 = r8 % (c6 + c7 + 1);
    const c9 = r9 % (c8 + 1);
    const c10 = r10 % (c9 + 1);
    [c2 + c3 + c4, c2, c3, c4, c5, c6, c7, c8, c9, c10].forEach((v, k) => out.push(cell("KH_TH", row, k + 1, "INT", v)));
  });
  const t = (i: number): number => d.tcd[i] ?? 0;
  const tcd: Record<number, number> = { 4: t(0), 13: t(1), 22: t(2), 5: t(3), 14: t(4), 23: t(5), 6: t(6), 7: t(7), 15: t(8), 16: t(9), 24: t(10), 25: t(11) };
  tcd[1] = (tcd[4] ?? 0) + (tcd[13] ?? 0) + (tcd[22] ?? 0);
  tcd[2] = (tcd[5] ?? 0) + (tcd[14] ?? 0) + (tcd[23] ?? 0);
  tcd[3] = (tcd[6] ?? 0) + (tcd[7] ?? 0) + (tcd[15] ?? 0) + (tcd[16] ?? 0) + (tcd[24] ?? 0) + (tcd[25] ?? 0);
  for (const [col, v] of Object.entries(tcd)) out.push(cell("01_TCD", "TOTAL", Number(col), "INT", v));
  const [c2 = 0, c3 = 0, r4 = 0] = d.ttr;
  const c1 = c2 + c3;
  const c4 = r4 % (c1 + 1);
  [c1, c2, c3, c4, c1 - c4].forEach((v, k) => out.push(cell("01_TTr", "TOTAL", k + 1, "INT", v)));
  const [m10 = 0, m12 = 0, l11 = 0, l13 = 0, p16 = 0, p17 = 0] = d.money;
  out.push(cell("01_TTr", "TOTAL", 10, "MONEY", m10), cell("01_TTr", "TOTAL", 12, "MONEY", m12), cell("01_TTr", "TOTAL", 8, "MONEY", m10 + m12));
  out.push(cell("01_TTr", "TOTAL", 11, "LAND", l11), cell("01_TTr", "TOTAL", 13, "LAND", l13), cell("01_TTr", "TOTAL", 9, "LAND", l11 + l13));
  PCTN_ROWS.forEach((row, i) => {
    if (row === "P16" || row === "P17") out.push(cell("PCTN", row, 1, "MONEY", row === "P16" ? p16 : p17));
    else out.push(cell("PCTN", row, 1, "INT", d.pctn[i] ?? 0));
  });
  return out;
}

/** The text written in <v> for an exact scaled value. */
function decimalText(scaled: bigint, scale: number): string {
  if (scale === 0) return scaled.toString();
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(scale + 1, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** A decimal text read as the spec reads it: rounded half away from zero to the type's scale. */
function scaledOf(text: string, scale: number): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/u.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[3] ?? "";
  const all = BigInt((m[2] ?? "0") + frac);
  const extra = frac.length - scale;
  let v = all;
  if (extra > 0) {
    const div = 10n ** BigInt(extra);
    v = (all + div / 2n) / div; // half away from zero (the sign is applied after)
  } else if (extra < 0) v = all * 10n ** BigInt(-extra);
  return m[1] === "-" ? -v : v;
}

// ---------------------------------------------------------------------------------------------------------
// Mutations

type Mutation =
  | { readonly kind: "perturb"; readonly at: number; readonly text: string }
  | { readonly kind: "insertRows"; readonly sheet: number; readonly at: number; readonly n: number }
  | { readonly kind: "insertCols"; readonly sheet: number; readonly at: number; readonly n: number }
  | { readonly kind: "rename"; readonly sheet: number; readonly name: string }
  | { readonly kind: "reorder"; readonly keys: readonly number[] }
  | { readonly kind: "deletePart"; readonly at: number }
  | { readonly kind: "flip"; readonly at: number; readonly xor: number }
  | { readonly kind: "truncate"; readonly keep: number };

/** Mutations after which the file is still a correct submission (WORKBOOKS.md §1.4). */
const KEEPS_VALID = new Set<Mutation["kind"]>(["insertRows", "insertCols", "rename", "reorder"]);

const NAME_CHARS = "ABCDEFGHKLMNOPQRSTUVXYabcdefghiklmnopqrstuvxyĐđăâêôơưệếộữ0123456789 -_()";

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("perturb" as const), at: fc.nat(), text: fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.tuple(fc.nat(99_999), fc.integer({ min: 1, max: 4 })).map(([n, d]) => (n / 10 ** d).toFixed(d))) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("insertRows" as const), sheet: fc.nat(8), at: fc.integer({ min: 1, max: 40 }), n: fc.integer({ min: 1, max: 2 }) }) },
  // ThongTin keeps its columns: a value more than 5 columns from its label is not read (WORKBOOKS.md §1.2).
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("insertCols" as const), sheet: fc.integer({ min: 1, max: 8 }), at: fc.integer({ min: 1, max: 35 }), n: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("rename" as const), sheet: fc.nat(8), name: fc.string({ unit: fc.constantFrom(...NAME_CHARS), minLength: 0, maxLength: 20 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("reorder" as const), keys: fc.array(fc.nat(20), { minLength: 9, maxLength: 9 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("deletePart" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), keep: fc.double({ min: 0, max: 0.999, noNaN: true }) }) },
);

const small = (max: number): fc.Arbitrary<number> => fc.nat(max);
const drawsArb: fc.Arbitrary<Draws> = fc.record({
  kh: fc.array(fc.array(small(6), { minLength: 9, maxLength: 9 }), { minLength: 9, maxLength: 9 }),
  tcd: fc.array(small(60), { minLength: 12, maxLength: 12 }),
  ttr: fc.array(small(9), { minLength: 3, maxLength: 3 }),
  money: fc.array(small(9_999_999), { minLength: 6, maxLength: 6 }),
  pctn: fc.array(small(40), { minLength: 19, maxLength: 19 }),
});

interface FileSpec {
  readonly draws: Draws;
  readonly mutations: readonly Mutation[];
}
const fileArb: fc.Arbitrary<FileSpec> = fc.record({ draws: drawsArb, mutations: fc.array(mutationArb, { maxLength: 3 }) });
const batchArb = fc.array(fileArb, { minLength: 1, maxLength: 40, size: "max" });

// ---------------------------------------------------------------------------------------------------------
// Building a file

/** What the checks need to know of one input. */
interface BatchFile {
  readonly file: string;
  readonly bytes: Uint8Array;
  /** The value of every cell written (rounded as the spec reads it), by totals key. */
  readonly values: Values;
  /** What the spec says of the outcome, when the mutations decide it. */
  readonly must: "accepted" | "unreadable" | "not-accepted" | null;
}

function applyValues(tpl: Template, parts: Map<string, Uint8Array>, filled: readonly Filled[], texts: Map<string, string>): void {
  const bySheet = new Map<string, Filled[]>();
  for (const f of filled) bySheet.set(f.key.sheet, [...(bySheet.get(f.key.sheet) ?? []), f]);
  for (const [sheet, cells] of bySheet) {
    const place = tpl.forms.get(sheet);
    if (!place) throw new Error(`template has no ${sheet}`);
    let xml = fromUtf8(parts.get(place.part) ?? new Uint8Array(0));
    for (const f of cells) {
      const row = place.rows.get(f.key.row);
      const col = place.cols.get(f.key.col);
      if (row === undefined || col === undefined) throw new Error(`template has no ${keyText(f.key)}`);
      xml = setCell(xml, `${col}${row}`, texts.get(keyText(f.key)) ?? decimalText(f.scaled, SCALE[f.key.type]));
    }
    parts.set(place.part, utf8(xml));
  }
}

function applyStructure(tpl: Template, parts: Map<string, Uint8Array>, mutations: readonly Mutation[]): void {
  const names = tpl.sheets.map((s) => s.name);
  let workbook = withoutDefinedNames(fromUtf8(parts.get("xl/workbook.xml") ?? new Uint8Array(0)));
  for (const m of mutations) {
    if (m.kind === "insertRows" || m.kind === "insertCols") {
      const sheet = tpl.sheets[m.sheet % tpl.sheets.length];
      if (!sheet) continue;
      const xml = fromUtf8(parts.get(sheet.part) ?? new Uint8Array(0));
      parts.set(sheet.part, utf8(insertLines(xml, m.kind === "insertRows" ? "row" : "col", m.at, m.n)));
    } else if (m.kind === "rename") {
      const i = m.sheet % names.length;
      // "S<n>-" keeps names unique and unlike any form code or "ThongTin"; Excel allows 31 characters.
      const name = `S${i}-${m.name}`.slice(0, 31).trimEnd();
      workbook = renameSheet(workbook, names[i] ?? "", name);
      names[i] = name;
    } else if (m.kind === "reorder") {
      workbook = reorderSheets(workbook, m.keys);
    }
  }
  parts.set("xl/workbook.xml", utf8(workbook));
}

function buildFile(tpl: Template, unit: string, spec: FileSpec): BatchFile {
  const filled = consistentValues(spec.draws);
  const texts = new Map<string, string>();
  const values: Values = new Map(filled.map((f) => [keyText(f.key), f.scaled]));
  let invalidNumber = false;
  for (const m of spec.mutations) {
    if (m.kind !== "perturb") continue;
    const target = filled[m.at % filled.length];
    if (!target) continue;
    const scale = SCALE[target.key.type];
    const k = keyText(target.key);
    texts.set(k, m.text);
    values.set(k, scaledOf(m.text, scale));
    if (m.text.startsWith("-") && scaledOf(m.text, 6) !== 0n) invalidNumber = true;
    if (target.key.type === "INT" && scaledOf(m.text, 6) % 1_000_000n !== 0n) invalidNumber = true;
  }
  const parts = new Map(tpl.parts);
  applyValues(tpl, parts, filled, texts);
  applyStructure(tpl, parts, spec.mutations);
  const names = [...parts.keys()].sort();
  for (const m of spec.mutations) if (m.kind === "deletePart" && names.length > 0) parts.delete(names.splice(m.at % names.length, 1)[0] ?? "");
  let bytes = zipParts(parts);
  let truncated = false;
  for (const m of spec.mutations) {
    if (m.kind === "flip" && bytes.length > 0) {
      bytes = bytes.slice();
      const i = m.at % bytes.length;
      bytes[i] = (bytes[i] ?? 0) ^ m.xor;
    } else if (m.kind === "truncate") {
      bytes = bytes.slice(0, Math.floor(bytes.length * m.keep));
      truncated = true;
    }
  }
  const keepsValid = spec.mutations.every((m) => KEEPS_VALID.has(m.kind));
  const must = truncated ? "unreadable" : invalidNumber ? "not-accepted" : keepsValid ? "accepted" : null;
  return { file: `BM_${unit}_2023-H1.xlsx`, bytes, values, must };
}

// ---------------------------------------------------------------------------------------------------------
// The properties

const numberOf = (scaled: bigint, type: ValueType): number => Number(scaled) / 10 ** SCALE[type];

function allKeys(): CellKey[] {
  return consistentValues({ kh: [], tcd: [], ttr: [], money: [], pctn: [] }).map((f) => f.key);
}

/** Files with the bytes of a file earlier by name: one file, listed as duplicate (V-DUP-02, WORKBOOKS.md §1.7). */
function identicalToEarlier(files: readonly BatchFile[]): Set<string> {
  const byName = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const out = new Set<string>();
  byName.forEach((f, i) => {
    if (byName.slice(0, i).some((g) => Buffer.from(g.bytes).equals(Buffer.from(f.bytes)))) out.add(f.file);
  });
  return out;
}

function checkBatch(files: readonly BatchFile[], json: RunJson): void {
  const names = json.inputs.map((i) => i.file);
  expect(names.slice().sort(), "every input listed once").toEqual(files.map((f) => f.file).sort());
  const accepted = new Set<string>();
  const identical = identicalToEarlier(files);
  for (const f of files) {
    if (identical.has(f.file)) {
      const status = json.inputs.find((i) => i.file === f.file)?.status;
      expect(status, `${f.file}: identical to an earlier file`).toBe("duplicate");
      continue;
    }
    const input = json.inputs.find((i) => i.file === f.file);
    const status = input?.status ?? "missing";
    const rules = json.findings.filter((x) => x.file === f.file).map((x) => `${x.rule}@${x.sheet ?? ""}!${x.cell ?? ""}`);
    if (f.must === "accepted") expect(status, `${f.file}: still a correct submission; findings ${rules.join(" ")}`).toBe("accepted");
    if (f.must === "unreadable") {
      expect(status, `${f.file}: truncated`).toBe("unreadable");
      expect(rules.some((r) => r.startsWith("V-FILE-01@")), `${f.file}: V-FILE-01 among ${rules.join(" ")}`).toBe(true);
    }
    if (f.must === "not-accepted") expect(status, `${f.file}: negative or fractional count; ${rules.join(" ")}`).not.toBe("accepted");
    if (status === "accepted") accepted.add(f.file);
  }
  const totals = (json.totals ?? {}) as Record<string, Record<string, Record<string, number>>>;
  for (const key of allKeys()) {
    let sum = 0n;
    for (const f of files) if (accepted.has(f.file)) sum += f.values.get(keyText(key)) ?? 0n;
    expect(totals[key.sheet]?.[key.row]?.[String(key.col)], `total ${keyText(key)}`).toBe(numberOf(sum, key.type));
  }
  for (const group of ["A", "B"]) {
    for (let col = 1; col <= 10; col++) {
      let sum = 0n;
      for (const f of files) if (accepted.has(f.file)) for (const row of KH_ROWS.filter((r) => r.startsWith(group))) sum += f.values.get(keyText({ sheet: "KH_TH", row, col })) ?? 0n;
      expect(totals["KH_TH"]?.[group]?.[String(col)], `total KH_TH|${group}|${col}`).toBe(Number(sum));
    }
  }
  for (const sheet of BLANK_SHEETS) {
    for (const [col, v] of Object.entries(totals[sheet]?.["TOTAL"] ?? {})) expect(v, `${sheet} (${col}) is blank everywhere`).toBe(0);
  }
}

let batches = 0;

/**
 * One batch through runPipeline. Writing the report workbook costs seconds whatever the batch size, so
 * every tenth batch (and every replayed case) aggregates in full and the others take the totals from
 * the consolidation the report is built from (`consolidate` of the same run).
 */
async function runBatch(files: readonly BatchFile[], full = batches++ % 10 === 0): Promise<RunJson> {
  const result = await runPipeline({
    inputs: files.map((f) => ({ id: f.file, file: f.file, bytes: f.bytes })),
    period,
    roster: DEFAULT_ROSTER,
    aggregate: full,
  });
  return full ? result.json : { ...result.json, totals: totalsJson(consolidate(result.run)) };
}

// ---------------------------------------------------------------------------------------------------------
// Regression fixtures

interface SavedCase {
  readonly found: string;
  readonly seed: number;
  readonly path: string;
  readonly error: string;
  readonly files: ReadonlyArray<{ readonly file: string; readonly must: BatchFile["must"]; readonly values: Record<string, string>; readonly mutations: readonly Mutation[] }>;
}

function saveRegression(files: readonly BatchFile[], specs: readonly FileSpec[], seed: number, where: string, error: string): string {
  const name = `case-${seed}-${createHash("sha256").update(where).digest("hex").slice(0, 10)}`;
  const dir = path.join(REGRESSIONS, name);
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(path.join(dir, f.file), f.bytes);
  const saved: SavedCase = {
    found: "fuzz.test.ts (fast-check, shrunk)",
    seed,
    path: where,
    error: error.split("\n")[0] ?? "",
    files: files.map((f, i) => ({
      file: f.file,
      must: f.must,
      values: Object.fromEntries([...f.values].map(([k, v]) => [k, v.toString()])),
      mutations: specs[i]?.mutations ?? [],
    })),
  };
  writeFileSync(path.join(dir, "case.json"), JSON.stringify(saved, null, 1) + "\n");
  return dir;
}

function loadRegression(dir: string): BatchFile[] {
  const saved = JSON.parse(readFileSync(path.join(dir, "case.json"), "utf8")) as SavedCase;
  return saved.files.map((f) => ({
    file: f.file,
    bytes: new Uint8Array(readFileSync(path.join(dir, f.file))),
    must: f.must,
    values: new Map(Object.entries(f.values).map(([k, v]) => [k, BigInt(v)])),
  }));
}

// ---------------------------------------------------------------------------------------------------------

describe("fuzz: mutated submissions through runPipeline", () => {
  let units: Unit[] = [];
  const templates = new Map<string, Template>();
  let inputs = 0;
  let failures = 0;

  beforeAll(async () => {
    units = unitsActiveIn(DEFAULT_ROSTER, periodWindow(period)).slice(0, 40);
    for (const unit of units) templates.set(unit.code, readTemplate(await buildTemplate({ unit, period })));
  }, 120_000);

  afterAll(() => {
    console.log(`fuzz: ${inputs} inputs, ${failures} failures`);
  });

  const build = (specs: readonly FileSpec[]): BatchFile[] =>
    specs.map((spec, i) => {
      const unit = units[i];
      const tpl = unit ? templates.get(unit.code) : undefined;
      if (!unit || !tpl) throw new Error("no template");
      return buildFile(tpl, unit.code, spec);
    });

  it("the templates are read: every filled cell has a place", () => {
    const tpl = templates.get(units[0]?.code ?? "");
    expect(tpl).toBeDefined();
    for (const key of allKeys()) {
      const place = tpl?.forms.get(key.sheet);
      expect(place?.rows.get(key.row), keyText(key)).toBeDefined();
      expect(place?.cols.get(key.col), keyText(key)).toBeDefined();
    }
    expect(columnLetters(28)).toBe("AB");
  });

  it(`${MIN_INPUTS}+ inputs: runs complete, inputs listed once, totals are the accepted files' sums`, async () => {
    const property = fc.asyncProperty(batchArb, async (specs) => {
      const files = build(specs);
      inputs += files.length;
      checkBatch(files, await runBatch(files));
    });
    const details = await fc.check(property, {
      seed: SEED,
      numRuns: RUNS,
      // Generous: about 2 minutes on an idle 2-core machine, far more when it is shared.
      interruptAfterTimeLimit: 900_000,
      markInterruptAsFailure: true,
      ...(REPLAY_PATH ? { path: REPLAY_PATH } : {}),
    });
    if (details.failed) {
      failures++;
      const specs = details.counterexample?.[0];
      const where = details.counterexamplePath ?? "interrupted";
      const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      const dir = specs ? saveRegression(build(specs), specs, SEED, where, message) : "(no counterexample)";
      throw new Error(`fuzz failure after ${details.numRuns} runs (seed ${SEED}, path ${where}), shrunk and saved to ${dir}:\n${message}`);
    }
    expect(inputs, "inputs tried").toBeGreaterThanOrEqual(MIN_INPUTS);
  }, 1_000_000);
});

describe("fuzz regressions (tests/fixtures/fuzz-regressions): each saved failing case now passes", () => {
  const cases = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((d) => existsSync(path.join(REGRESSIONS, d, "case.json"))) : [];

  it("the folder holds saved cases", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)("%s", async (name) => {
    const files = loadRegression(path.join(REGRESSIONS, name));
    checkBatch(files, await runBatch(files, true));
  });
});
