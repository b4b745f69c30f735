/**
 * `keepValues: false` (the CLI's `validate`): each submission's values are dropped once it is checked,
 * and the run's result does not change by one byte: the fixture folder (every fate of a file) and a
 * history run (whose checks read the effective submissions' values, which are then kept) give the same
 * JSON either way, while the records of the first hold no values any more. A run that writes a report
 * keeps only the filled cells and the texts (`keepValues: "filled"`): the same report, byte for byte,
 * and the same totals and rates as a run that keeps every value.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline, type PipelineInput } from "../src/core/pipeline";
import { buildReport } from "../src/core/report/report";
import { ratesJson, totalsJson } from "../src/core/result";
import { runValidation } from "../src/core/validate/run";
import { parsePeriod } from "../src/core/periods";
import { DEFAULT_ROSTER } from "../src/core/roster";

const FIXTURES = path.join(__dirname, "fixtures", "submissions");
const FOLDER = path.join(FIXTURES, "folder-2023-H1");
const HISTORY = path.join(FIXTURES, "more", "history");
const CURRENT = path.join(FIXTURES, "more", "cases", "history-current.xlsx");

async function filesIn(dir: string): Promise<PipelineInput[]> {
  const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith(".xlsx")).sort();
  return Promise.all(names.map(async (file) => ({ id: file, file, bytes: new Uint8Array(await readFile(path.join(dir, file))) })));
}

const valuesHeld = (run: Awaited<ReturnType<typeof runPipeline>>["run"]): number =>
  run.inputs.reduce((n, i) => n + (i.submission?.forms.reduce((m, f) => m + f.cells.size + f.texts.size + f.groupCells.size, 0) ?? 0), 0);

describe("a run that drops the values once checked gives the same result", () => {
  it("the fixture folder: same JSON, no value left in the records", async () => {
    const inputs = await filesIn(FOLDER);
    expect(inputs.length).toBeGreaterThan(10);
    const request = { inputs, period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, aggregate: false } as const;
    const kept = await runPipeline(request);
    const dropped = await runPipeline({ ...request, keepValues: false });
    expect(JSON.stringify(dropped.json)).toBe(JSON.stringify(kept.json));
    expect(valuesHeld(kept.run)).toBeGreaterThan(1000);
    expect(valuesHeld(dropped.run)).toBe(0);
    // The forms read are still listed, with what was counted of them.
    const forms = (run: typeof kept.run): string[] => run.inputs.flatMap((i) => i.submission?.forms.map((f) => `${i.file} ${f.form.code} ${f.filledCount}`) ?? []);
    expect(forms(dropped.run)).toEqual(forms(kept.run));
  });

  it("with a history the values are kept (its checks read them), and the result is the same", async () => {
    const history = await filesIn(HISTORY);
    const current: PipelineInput = { id: "c", file: "history-current.xlsx", bytes: new Uint8Array(await readFile(CURRENT)) };
    const request = { inputs: [current], period: parsePeriod("2023-H1"), roster: DEFAULT_ROSTER, aggregate: false, history } as const;
    const kept = await runPipeline(request);
    const dropped = await runPipeline({ ...request, keepValues: false });
    expect(JSON.stringify(dropped.json)).toBe(JSON.stringify(kept.json));
    // History findings (PERIODS.md §6) are there, so the values were read after the checks.
    expect(kept.run.findings.filter((f) => /^V-(CONT|PLAN-01|OUTLIER)/u.test(f.rule)).length).toBeGreaterThan(0);
    expect(valuesHeld(dropped.run)).toBe(valuesHeld(kept.run));
  });
});

describe("a run that writes a report keeps only the filled values (keepValues: \"filled\")", () => {
  it("the pipeline asks for it with a report, and for every value with a history", { timeout: 60_000 }, async () => {
    const blanks = (run: Awaited<ReturnType<typeof runPipeline>>["run"]): number =>
      run.inputs.reduce((n, i) => n + (i.submission?.forms.reduce((m, f) => m + [...f.cells.values()].reduce((k, cols) => k + [...cols.values()].filter((c) => !c.filled).length, 0), 0) ?? 0), 0);
    const period = parsePeriod("2023-H1");
    const folder = await runPipeline({ inputs: await filesIn(FOLDER), period, roster: DEFAULT_ROSTER, aggregate: true, creationTime: "2023-07-14T00:00:00Z" });
    expect(folder.report).not.toBeNull();
    expect(blanks(folder.run)).toBe(0);
    expect(valuesHeld(folder.run)).toBeGreaterThan(1000);
    const withHistory = await runPipeline({ inputs: await filesIn(FOLDER), period, roster: DEFAULT_ROSTER, aggregate: true, history: await filesIn(HISTORY), creationTime: "2023-07-14T00:00:00Z" });
    expect(blanks(withHistory.run)).toBeGreaterThan(100);
  });

  it("the fixture folder: the same report bytes, totals and rates as with every value; blanks and group cells gone", { timeout: 60_000 }, async () => {
    const inputs = await filesIn(FOLDER);
    const period = parsePeriod("2023-H1");
    const runWith = (keepValues: "all" | "filled") => runValidation(inputs, { roster: DEFAULT_ROSTER, period, options: {}, keepValues });
    const all = await runWith("all");
    const filled = await runWith("filled");
    const options = { creationTime: "2023-07-14T00:00:00Z" };
    const [fromAll, fromFilled] = await Promise.all([buildReport({ run: all, options }), buildReport({ run: filled, options })]);
    expect(Buffer.from(fromFilled.bytes).equals(Buffer.from(fromAll.bytes))).toBe(true);
    expect(JSON.stringify([totalsJson(fromFilled.consolidation), ratesJson(fromFilled.consolidation)])).toBe(JSON.stringify([totalsJson(fromAll.consolidation), ratesJson(fromAll.consolidation)]));
    // What is kept: every filled cell and text, no blank cell, no group cell.
    const cells = (run: typeof all, which: (c: { filled: boolean }) => boolean): number =>
      run.inputs.reduce((n, i) => n + (i.submission?.forms.reduce((m, f) => m + [...f.cells.values()].reduce((k, cols) => k + [...cols.values()].filter(which).length, 0), 0) ?? 0), 0);
    const texts = (run: typeof all): number => run.inputs.reduce((n, i) => n + (i.submission?.forms.reduce((m, f) => m + f.texts.size, 0) ?? 0), 0);
    const groups = (run: typeof all): number => run.inputs.reduce((n, i) => n + (i.submission?.forms.reduce((m, f) => m + f.groupCells.size, 0) ?? 0), 0);
    expect(cells(filled, (c) => c.filled)).toBe(cells(all, (c) => c.filled));
    expect(cells(all, (c) => !c.filled)).toBeGreaterThan(100);
    expect(cells(filled, (c) => !c.filled)).toBe(0);
    expect(texts(filled)).toBe(texts(all));
    expect(texts(all)).toBeGreaterThan(0);
    expect(groups(all)).toBeGreaterThan(0);
    expect(groups(filled)).toBe(0);
  });
});
