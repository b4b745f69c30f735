/**
 * An outside review of the JSON (2026-12-08): a consolidated report given as history, to which no unit had
 * contributed (an empty period's report, or one whose only unit was rejected), was listed `duplicate` in the
 * JSON's `history`, and the console said "this unit and period come from another file" when it was the only
 * history file. It gives no unit's values, so nothing replaces it: it is now `used` (CLI.md: a report workbook
 * the rules read), and the console, like the pane, names it as not compared, saying why.
 */
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const CURRENT = path.join(__dirname, "..", "fixtures", "submissions", "more", "cases", "history-current.xlsx");

let dir = "";
let history = "";

beforeAll(async () => {
  dir = await tempDir("tonghop-empty-report-");
  const empty = path.join(dir, "empty");
  history = path.join(dir, "history");
  await mkdir(empty);
  await mkdir(history);
  // A period no unit sent a file for: the report has every sheet and no unit's values.
  const made = await runCli(["aggregate", empty, "--period", "2023-Q1", "--out", path.join(history, "BaoCaoTongHop_2023-Q1.xlsx")]);
  if (made.code !== 0) throw new Error(made.stderr);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a report without unit values given as history", () => {
  it("is used (read, not a duplicate of another file) and named as not compared, with why", async () => {
    const json = path.join(dir, "out.json");
    const r = await runCli(["validate", CURRENT, "--period", "2023-H1", "--history", history, "--json", json, "--lang", "en"]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(await readFile(json, "utf8")) as { history: Array<Record<string, unknown>> };
    expect(out.history).toEqual([{ file: "BaoCaoTongHop_2023-Q1.xlsx", sha256: expect.stringMatching(/^[0-9a-f]{64}$/u), unit: null, period: "2023-Q1", status: "used" }]);
    expect(r.stdout).toContain("History files: 0 of 1 used.");
    expect(r.stdout).toContain("Not used: BaoCaoTongHop_2023-Q1.xlsx (not compared): The consolidated report holds no unit's values");
    expect(r.stdout).not.toContain("come from another file");
  });
});
