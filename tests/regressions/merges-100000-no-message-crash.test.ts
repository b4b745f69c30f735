/**
 * Regression (issue 9): tests/fixtures/hostile/merges-100000.xlsx (100,000 harmless two-cell merges below
 * the notes line) made the CLI exit 2 with "Error: No message for rule V-FILE-04": the finding builder had
 * no message for the reader's limit rule, so one file took the whole run down. Merges are kept as ranges,
 * so the default merge limit is now 1,000,000 and the file is accepted; every limit the reader can meet
 * still becomes a finding with its message, never a thrown error.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_MESSAGES } from "../../src/core/messages";
import { parsePeriod } from "../../src/core/periods";
import { readSubmission } from "../../src/core/read/reader";
import { DEFAULT_LIMITS, type LimitName } from "../../src/core/read/limits";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runValidation } from "../../src/core/validate/run";

const FILE = path.join(__dirname, "..", "fixtures", "hostile", "merges-100000.xlsx");
const bytes = (): Uint8Array => new Uint8Array(readFileSync(FILE));

describe("merges-100000.xlsx", () => {
  it("is accepted with no finding, in seconds", async () => {
    const started = performance.now();
    const run = await runValidation([{ file: "merges-100000.xlsx", bytes: bytes() }], { roster: DEFAULT_ROSTER, period: parsePeriod("2023-H1"), options: {} });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.inputs[0]?.status).toBe("accepted");
    expect(run.findings.filter((f) => f.file === "merges-100000.xlsx")).toEqual([]);
  }, 30_000);

  it("the reader's rules have their messages", () => {
    for (const rule of ["V-FILE-01", "V-FILE-02", "V-FILE-03", "V-FILE-04"]) expect(RULE_MESSAGES[rule], rule).toBeDefined();
  });

  it("over a lowered merge limit it is one V-FILE-04 finding with its message, not an error", async () => {
    const outcome = await readSubmission(bytes(), "merges-100000.xlsx", { maxMerges: 50_000 });
    expect(outcome.kind).toBe("unreadable");
    expect(outcome.kind === "unreadable" && outcome.findings.map((f) => [f.rule, f.message.en])).toEqual([
      ["V-FILE-04", "File merges-100000.xlsx exceeds a reading limit (merged ranges: 50,001; limit 50,000). Remove the sheets, cells or text that are not needed and send it again."],
    ]);
  });

  it("every count limit has a V-FILE-04 message", async () => {
    // The file has no shared strings (inline strings only): that limit is met by tests/reader-limits.test.ts.
    const counted: LimitName[] = ["maxCells", "maxMerges", "maxTextLength"];
    for (const limit of counted) {
      const outcome = await readSubmission(bytes(), "merges-100000.xlsx", { [limit]: 1 });
      expect(outcome.kind === "unreadable" ? outcome.findings.map((f) => f.rule) : outcome.kind, limit).toEqual(["V-FILE-04"]);
    }
    expect(DEFAULT_LIMITS.maxMerges).toBeGreaterThanOrEqual(1_000_000);
  });
});
