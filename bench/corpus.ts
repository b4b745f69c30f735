/**
 * The bench corpus: a roster of N units written as a CSV of UNITS.md §4 (the built-in roster's
 * units repeated with numbered codes, every one distinct), and the demo generator's files for it
 * (one per unit, with its usual missing, late, rejected and resubmitted units). Kept on disk under
 * `dir`, generated once per N and seed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateSamplePeriod } from "../src/demo/sample";
import { parsePeriod, type Period } from "../src/core/periods";
import { DEFAULT_ROSTER, parseRosterCsv, type Roster } from "../src/core/roster";

export const PERIOD_ID = "2023-H1";
export const SEED = 9;

export interface Corpus {
  readonly dir: string;
  readonly filesDir: string;
  readonly rosterFile: string;
  readonly roster: Roster;
  readonly period: Period;
  /** File names under filesDir, sorted. */
  readonly files: readonly string[];
  readonly bytes: number;
}

const csvField = (s: string): string => (/[",\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s);

/** N rows: round k (k ≥ 2) of the built-in roster gets codes `<code>-R<k>`, so every unit is distinct. */
export function rosterCsv(units: number): string {
  const base = DEFAULT_ROSTER.rows;
  const lines = ["ma_dv,ten_dv,loai_dv,khoi,hieu_luc_tu,hieu_luc_den"];
  for (let i = 0; i < units; i++) {
    const row = base[i % base.length];
    if (!row) break;
    const round = Math.floor(i / base.length) + 1;
    const code = round === 1 ? row.code : `${row.code}-R${round}`;
    const name = round === 1 ? row.name : `${row.name} (${round})`;
    lines.push([code, name, row.type, row.khoi, row.validFrom ?? "", row.validTo ?? ""].map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}

export async function corpus(root: string, units: number): Promise<Corpus> {
  const dir = path.join(root, `n${units}-s${SEED}`);
  const filesDir = path.join(dir, "files");
  const rosterFile = path.join(dir, "roster.csv");
  const done = path.join(dir, "done.json");
  const period = parsePeriod(PERIOD_ID);
  if (!existsSync(done)) {
    mkdirSync(filesDir, { recursive: true });
    writeFileSync(rosterFile, rosterCsv(units));
    const roster = loadRoster(rosterFile);
    const sample = await generateSamplePeriod({ period, roster, seed: SEED });
    for (const f of sample.files) writeFileSync(path.join(filesDir, f.file), f.bytes);
    writeFileSync(done, JSON.stringify({ files: sample.files.map((f) => f.file).sort(), bytes: sample.files.reduce((s, f) => s + f.bytes.length, 0) }));
  }
  const listed = JSON.parse(readFileSync(done, "utf8")) as { files: string[]; bytes: number };
  return { dir, filesDir, rosterFile, roster: loadRoster(rosterFile), period, files: listed.files, bytes: listed.bytes };
}

function loadRoster(file: string): Roster {
  const result = parseRosterCsv(new Uint8Array(readFileSync(file)), path.basename(file));
  if (!result.roster || result.errors.length > 0) throw new Error(`bench roster: ${JSON.stringify(result.errors[0]?.message)}`);
  return result.roster;
}
