/**
 * An outside review of other producers' packages (2026-12-08, tenth session):
 * - the core properties linked as "./docProps/core.xml", "docProps/Core.xml" or "%20"-escaped, or stored as
 *   "DOCPROPS/CORE.XML" or "/docProps/core.xml", were not found, so a file's `dcterms:modified` (its received
 *   date, PERIODS.md §7 source 2) was lost without a word: a late file counted as on time, and a re-send lost
 *   to the file it replaced (WORKBOOKS.md §1.7). The reader found those sheets' parts; the core properties
 *   were looked up by their exact name.
 * - a workbook part moved from xl/workbook.xml and linked as "./xl/wbk.xml" or %-escaped was refused as "not
 *   an Excel workbook" (V-FILE-01), though Excel opens it.
 * Each is now found as any part is (any case, a leading "/", "./" and "../", %-escapes). The variants are
 * written by Python's zipfile from one late submission (fixtures/part-names/make-variants.py); each must read
 * as the original does: accepted, received 17/09/2023 after the deadline 16/09/2023 (V-PERIOD-05), same totals.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/core/periods";
import { runPipeline } from "../../src/core/pipeline";
import type { RunJson } from "../../src/core/result";
import { DEFAULT_ROSTER } from "../../src/core/roster";

const FIXTURES = path.join(__dirname, "fixtures", "part-names");
const BASE = "BM_CQDD-AU-SYD_2023-9M.xlsx";
const dir = mkdtempSync(path.join(tmpdir(), "tonghop-part-names-"));
execFileSync("/usr/bin/python3", [path.join(FIXTURES, "make-variants.py"), path.join(FIXTURES, BASE), dir]);
const VARIANTS = readdirSync(dir).sort();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function jsonOf(file: string, bytes: Uint8Array): Promise<RunJson> {
  const result = await runPipeline({ inputs: [{ id: file, file, bytes }], period: parsePeriod("2023-9M"), roster: DEFAULT_ROSTER, aggregate: true });
  return result.json;
}

describe("a part linked or stored as other writers do", () => {
  it("makes seven variants", () => {
    expect(VARIANTS).toHaveLength(7);
  });

  it.each(VARIANTS)("%s reads as the original: accepted, received after the deadline, the same totals", async (variant) => {
    const original = await jsonOf(BASE, new Uint8Array(readFileSync(path.join(FIXTURES, BASE))));
    const json = await jsonOf(BASE, new Uint8Array(readFileSync(path.join(dir, variant))));
    expect(json.inputs.map((i) => i.status)).toEqual(["accepted"]);
    expect(json.units.late).toBe(1);
    const late = json.findings.filter((f) => f.rule === "V-PERIOD-05");
    expect(late.map((f) => f.message.en)).toEqual(["Received on 17/09/2023, after the deadline 16/09/2023."]);
    expect(json.totals).toEqual(original.totals);
    expect(json.findings.map((f) => [f.rule, f.cell])).toEqual(original.findings.map((f) => [f.rule, f.cell]));
  });
});
