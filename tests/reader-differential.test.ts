/**
 * The streaming reader against the exceljs reader it replaces (issue 9 item 1): both read every .xlsx
 * fixture in the repository and a generated sample period, and must give the same Submission (every
 * value with its sheet and cell, ThongTin, notes, window lines) and the same findings. Where the streaming
 * reader is deliberately different (exceljs bugs), the difference is listed with why (docs/DECISIONS.md).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSamplePeriod } from "../src/demo/sample";
import { parsePeriod } from "../src/core/periods";
import { readSubmission } from "../src/core/read/reader";
import { readSubmissionExcelJs } from "../src/core/read/reader-exceljs";
import type { ReadOutcome } from "../src/core/read/submission";

const FIXTURES = path.join(__dirname, "fixtures");

function xlsxUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...xlsxUnder(full));
    else if (/\.xlsx$/iu.test(name)) out.push(full);
  }
  return out;
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

/** V-FILE-01 from exceljs carries exceljs's own error text: only the rule is compared then. */
function withoutLoaderText(outcome: unknown): unknown {
  const o = outcome as { kind?: string; findings?: Array<{ rule: string; message?: unknown; params?: unknown }> };
  if (o.kind !== "unreadable" || !o.findings) return outcome;
  return { ...o, findings: o.findings.map((f) => (f.rule === "V-FILE-01" ? { rule: f.rule } : f)) };
}

async function compare(bytes: Uint8Array, file: string): Promise<void> {
  const [fast, slow] = await Promise.all([readSubmission(bytes, file), readSubmissionExcelJs(bytes, file)]);
  expect(withoutLoaderText(canonical(fast)), file).toEqual(withoutLoaderText(canonical(slow)));
}

describe("streaming reader = exceljs reader", () => {
  const files = xlsxUnder(FIXTURES);

  it("finds the fixtures", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  for (const full of files) {
    const rel = path.relative(FIXTURES, full);
    const cannot = EXCELJS_CANNOT[rel];
    if (cannot) {
      it(`fixture ${rel}: exceljs cannot (${cannot.why}), the streaming reader can`, async () => {
        const outcome = await readSubmission(new Uint8Array(readFileSync(full)), path.basename(full));
        const got = outcome.kind === "submission" ? "submission" : outcome.findings.map((f) => f.rule).join(",");
        expect(got).toBe(cannot.streaming);
      });
      continue;
    }
    const wrong = EXCELJS_WRONG[rel];
    if (wrong) {
      it(`fixture ${rel}: exceljs is wrong (${wrong.why}), the streaming reader is not`, async () => {
        const outcome = await readSubmission(new Uint8Array(readFileSync(full)), path.basename(full));
        const got = outcome.kind === "submission" ? "submission" : outcome.findings.map((f) => f.rule).join(",");
        expect(got).toBe(wrong.streaming);
        if (wrong.holds) expect(JSON.stringify(canonical(outcome))).toContain(JSON.stringify(wrong.holds).slice(1, -1));
      });
      continue;
    }
    it(`fixture ${rel}`, async () => {
      await compare(new Uint8Array(readFileSync(full)), path.basename(full));
    });
  }

  it("a generated sample period", async () => {
    const sample = await generateSamplePeriod({ period: parsePeriod("2023-H1") });
    expect(sample.files.length).toBeGreaterThan(40);
    for (const f of sample.files) await compare(f.bytes, f.file);
  }, 120_000);
});
