/**
 * The streaming reader against the exceljs reader it replaced (issue 9 item 1). The exceljs reader
 * (src/core/read/reader-exceljs.ts as of commit ba776bf, recorded in ff535ac, removed after it: `git show
 * ba776bf:src/core/read/reader-exceljs.ts`) read every .xlsx fixture under tests/fixtures
 * and the demo's generated 2023-H1 period (its files frozen in tests/fixtures/reader-differential/
 * sample-2023-H1, as src/demo/sample.ts made them then); its outcomes, exactly what this test compared
 * (every value with its sheet and cell, ThongTin, notes, window lines, findings), are recorded in
 * tests/fixtures/reader-differential/exceljs-oracle.json.gz, keyed by fixture path and SHA-256. The
 * streaming reader must give the same outcome for every recorded file. Files where the readers knowingly
 * differ (exceljs bugs) are listed below as before, with what the streaming reader makes of them
 * (docs/DECISIONS.md). Fixtures added after the recording are outside it; a recorded fixture that
 * changes fails here (restore it, or drop its entry on purpose: the recording cannot be remade).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { readSubmission } from "../src/core/read/reader";
import { sha256Hex } from "../src/core/read/sha256";
import type { ReadOutcome } from "../src/core/read/submission";

const FIXTURES = path.join(__dirname, "fixtures");
const ORACLE = path.join(FIXTURES, "reader-differential", "exceljs-oracle.json.gz");

/** One fixture as the exceljs reader read it. */
interface Recorded {
  readonly sha256: string;
  /** The outcome in canonical form (see `comparable`). */
  readonly outcome: unknown;
}

interface Oracle {
  /** Which exceljs reader made the recording. */
  readonly reader: string;
  /** Fixture path relative to tests/fixtures, with "/" → its recording. */
  readonly files: Readonly<Record<string, Recorded>>;
}

/**
 * Files exceljs cannot read (it crashes on them, or runs out of memory: the reason for the streaming
 * reader), with what the streaming reader makes of them instead: a submission, or the finding of a limit.
 */
const EXCELJS_CANNOT: Readonly<Record<string, { readonly why: string; readonly streaming: "submission" | string }>> = {
  "hostile/cells-without-r-attribute.xlsx": { why: "exceljs: cannot read 'col' of undefined", streaming: "submission" },
  "hostile/chart-and-image.xlsx": { why: "exceljs: cannot read 'anchors' of undefined", streaming: "submission" },
  "hostile/comments-on-data-cells.xlsx": { why: "exceljs: cannot read 'comments' of undefined", streaming: "submission" },
  "hostile/very-long-sheet-name.xlsx": { why: "exceljs cuts names to 31 characters, then two sheets share one", streaming: "submission" },
  "hostile/merge-whole-sheet.xlsx": { why: "exceljs expands the merge cell by cell: out of memory", streaming: "submission" },
  "hostile/merges-100000.xlsx": { why: "exceljs checks each merge against all others: minutes", streaming: "submission" },
};

/**
 * Files exceljs reads wrongly, with what the streaming reader must make of them (docs/DECISIONS.md):
 * the outcome's rules, or "submission" and a text the reading must hold.
 */
const EXCELJS_WRONG: Readonly<Record<string, { readonly why: string; readonly streaming: string; readonly holds?: string }>> = {
  "hostile/bad-utf8.xlsx": { why: "exceljs turns invalid UTF-8 into U+FFFD", streaming: "V-FILE-01" },
  "hostile/duplicate-zip-entries.xlsx": { why: "exceljs keeps one of two entries of one name", streaming: "V-FILE-01" },
  "hostile/control-characters-in-text.xlsx": { why: "exceljs leaves _xHHHH_ undecoded in inline strings", streaming: "submission", holds: "điều khiển \u0001\u0002 và" },
};

/** A recorded cell, as the recording holds it. */
interface RecordedCell {
  scaled: number | null;
  value: number | null;
  filled: boolean;
}

/** A recorded submission, as much of it as a rule added since the recording changes. */
interface RecordedSubmission {
  readonly forms: Array<{ readonly form: string; filledCount: number; readonly cells: Array<[string, Array<[number, RecordedCell]>]> }>;
  readonly findings: unknown[];
}

/**
 * Files whose outcome a rule added after the recording changes on purpose (docs/DECISIONS.md), with that
 * change made to the recorded outcome: the rest must still be exactly as recorded.
 */
const CHANGED_SINCE: Readonly<Record<string, { readonly why: string; readonly change: (recorded: RecordedSubmission) => void }>> = {
  "hostile/huge-money-1e308.xlsx": {
    why: "V-TYPE-07 (2026-12-07): 1E+308 thousand đồng has no exact scaled integer (× 1000 is beyond a double); not counted",
    change: (s) => {
      const pctn = s.forms.find((f) => f.form === "PCTN-NB");
      const cell = pctn?.cells.find(([row]) => row === "P16")?.[1].find(([col]) => col === 1)?.[1];
      if (!pctn || !cell) throw new Error("PCTN-NB P16 c1 not in the recording");
      Object.assign(cell, { scaled: 0, value: 0, filled: false });
      pctn.filledCount--;
      s.findings.push({
        file: "huge-money-1e308.xlsx", unit: "CQDD-JP-TYO", severity: "error", rule: "V-TYPE-07", form: "PCTN-NB", sheet: "PCTN", cell: "D29", row: "P16", column: 1,
        value: 1e308, expected: 9e12,
        message: {
          vi: "PCTN!D29: số 1E+308 quá lớn (tối đa 9.000.000.000.000); không tính vào tổng.",
          en: "PCTN!D29: 1E+308 is too large (at most 9,000,000,000,000); not counted in the totals.",
        },
      });
    },
  },
};

/**
 * Unreadable files whose finding's words were changed on purpose since the recording (docs/DECISIONS.md):
 * the rule and every other field as recorded, the message as given here.
 */
const WORDED_SINCE: Readonly<Record<string, { readonly why: string; readonly rule: string; readonly message: { vi: string; en: string } }>> = {
  "hostile/zip-bomb-210MB.xlsx": {
    why: "V-FILE-02 of a file that unpacks beyond the limit says so (seventh session)",
    rule: "V-FILE-02",
    message: { vi: "Tệp zip-bomb-210MB.xlsx quá lớn khi giải nén (210,18 MB; giới hạn 200 MB).", en: "File zip-bomb-210MB.xlsx is too large when unpacked (210.18 MB; limit 200 MB)." },
  },
};

/** The recorded outcome of `rel`, with any change a later rule makes to it. */
function expectedOutcome(rel: string, recorded: unknown): unknown {
  const worded = WORDED_SINCE[rel];
  if (worded) {
    const copy = structuredClone(recorded) as { findings: Array<{ rule: string; message: unknown }> };
    const finding = copy.findings.find((f) => f.rule === worded.rule);
    if (!finding) throw new Error(`${rel}: no ${worded.rule} in the recording`);
    finding.message = worded.message;
    return copy;
  }
  const changed = CHANGED_SINCE[rel];
  if (!changed) return recorded;
  const copy = structuredClone(recorded) as { submission: RecordedSubmission };
  changed.change(copy.submission);
  return copy;
}

/** An outcome as plain JSON: maps as sorted entries, form definitions as their codes. */
function canonical(outcome: ReadOutcome): unknown {
  return JSON.parse(
    JSON.stringify(outcome, (key, value: unknown) => {
      if (value instanceof Map) return [...value.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
      if (key === "form" && typeof value === "object" && value !== null && "code" in value) return (value as { code: string }).code;
      return value;
    }),
  ) as unknown;
}

/** V-FILE-01 from exceljs carried exceljs's own error text: only the rule is compared then. */
function withoutLoaderText(outcome: unknown): unknown {
  const o = outcome as { kind?: string; findings?: Array<{ rule: string; message?: unknown; params?: unknown }> };
  if (o.kind !== "unreadable" || !o.findings) return outcome;
  return { ...o, findings: o.findings.map((f) => (f.rule === "V-FILE-01" ? { rule: f.rule } : f)) };
}

/** What the test compares of an outcome. */
function comparable(outcome: ReadOutcome): unknown {
  return withoutLoaderText(canonical(outcome));
}

function load(): Oracle {
  return JSON.parse(strFromU8(gunzipSync(readFileSync(ORACLE)))) as Oracle;
}

const oracle = load();

describe("streaming reader = the recorded exceljs reader", () => {
  const recorded = Object.entries(oracle.files);

  it("has the recording of every fixture and the sample period", () => {
    expect(recorded.length).toBeGreaterThan(150);
    expect(recorded.filter(([rel]) => rel.startsWith("reader-differential/sample-2023-H1/")).length).toBeGreaterThan(40);
  });

  for (const [rel, want] of recorded) {
    it(`fixture ${rel}`, async () => {
      const full = path.join(FIXTURES, ...rel.split("/"));
      const bytes = new Uint8Array(readFileSync(full));
      // A changed fixture is no longer what exceljs read: restore it, or drop its entry on purpose.
      expect(sha256Hex(bytes), `${rel} changed since the recording`).toBe(want.sha256);
      expect(comparable(await readSubmission(bytes, path.basename(full))), rel).toEqual(expectedOutcome(rel, want.outcome));
    });
  }

  for (const [rel, cannot] of Object.entries(EXCELJS_CANNOT)) {
    it(`fixture ${rel}: exceljs cannot (${cannot.why}), the streaming reader can`, async () => {
      const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(FIXTURES, rel))), path.basename(rel));
      const got = outcome.kind === "submission" ? "submission" : outcome.findings.map((f) => f.rule).join(",");
      expect(got).toBe(cannot.streaming);
    });
  }

  for (const [rel, wrong] of Object.entries(EXCELJS_WRONG)) {
    it(`fixture ${rel}: exceljs is wrong (${wrong.why}), the streaming reader is not`, async () => {
      const outcome = await readSubmission(new Uint8Array(readFileSync(path.join(FIXTURES, rel))), path.basename(rel));
      const got = outcome.kind === "submission" ? "submission" : outcome.findings.map((f) => f.rule).join(",");
      expect(got).toBe(wrong.streaming);
      if (wrong.holds) expect(JSON.stringify(canonical(outcome))).toContain(JSON.stringify(wrong.holds).slice(1, -1));
    });
  }
});
