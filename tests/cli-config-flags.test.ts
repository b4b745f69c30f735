/**
 * `--config` takes "a JSON object with any option of WORKBOOKS.md §3" (CLI.md), and flags win over it.
 * A review found `period`, `roster`, `receiptLog`, `history` and `regime` refused there (exit 2, "use
 * --period"), even `{"regime": "TT01_2024"}`, the default. Now each of the first four stands for its flag
 * when the flag is not given (paths from the configuration file's folder); `regime` may name the one
 * regime of this version. The run must be byte for byte the run the flags give.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");
const ROSTER = path.join(__dirname, "fixtures", "submissions", "more", "roster-closed.csv");
const HISTORY = path.join(__dirname, "fixtures", "submissions", "more", "history");

/** A folder holding a configuration, and a roster, a receipt log and a history folder beside it. */
async function setup(): Promise<{ dir: string; config: (json: unknown) => Promise<string> }> {
  const dir = await tempDir("tonghop-config-flags-");
  await mkdir(path.join(dir, "cfg", "lists"), { recursive: true });
  await copyFile(ROSTER, path.join(dir, "cfg", "lists", "roster.csv"));
  await writeFile(path.join(dir, "cfg", "lists", "so-nhan.csv"), "tep,ngay_nhan\nBM_VU-CAU-AU_2023-H1.xlsx,2023-06-16\n");
  const config = async (json: unknown): Promise<string> => {
    const file = path.join(dir, "cfg", "config.json");
    await writeFile(file, JSON.stringify(json));
    return file;
  };
  return { dir, config };
}

async function validateJson(args: readonly string[], out: string): Promise<{ code: number; stderr: string; json: string }> {
  const r = await runCli(["validate", FOLDER, ...args, "--json", out]);
  return { code: r.code, stderr: r.stderr, json: r.code === 2 ? "" : await readFile(out, "utf8") };
}

describe("--config with the options that are also flags", () => {
  it("period, roster, receiptLog, history and regime in the file give the run their flags give", { timeout: 120_000 }, async () => {
    const { dir, config } = await setup();
    const file = await config({ regime: "TT01_2024", period: "2023-H1", roster: "lists/roster.csv", receiptLog: "lists/so-nhan.csv", history: [HISTORY], deadlineOffsetDays: 3 });
    const byConfig = await validateJson(["--config", file], path.join(dir, "a.json"));
    expect(byConfig.code, byConfig.stderr).toBeLessThan(2);
    const flags = await config({ deadlineOffsetDays: 3 });
    const byFlags = await validateJson(
      ["--period", "2023-H1", "--units", path.join(dir, "cfg", "lists", "roster.csv"), "--receipts", path.join(dir, "cfg", "lists", "so-nhan.csv"), "--history", HISTORY, "--config", flags],
      path.join(dir, "b.json"),
    );
    expect(byFlags.code, byFlags.stderr).toBeLessThan(2);
    expect(byConfig.json).toBe(byFlags.json);
    // The options took effect: the roster (46 units expected in the window, against the built-in 47) and the history.
    const run = JSON.parse(byConfig.json) as { period: string; history?: unknown[]; units: { expected: number } };
    expect(run.period).toBe("2023-H1");
    expect(run.units.expected).toBe(46);
    expect(run.history?.length).toBeGreaterThan(0);
  });

  it("the flags win over the file", { timeout: 60_000 }, async () => {
    const { dir, config } = await setup();
    const file = await config({ period: "2023-Q3" });
    const r = await validateJson(["--period", "2023-H1", "--config", file], path.join(dir, "c.json"));
    expect(r.code, r.stderr).toBeLessThan(2);
    expect((JSON.parse(r.json) as { period: string }).period).toBe("2023-H1");
  });

  it.each([
    [{ regime: "TT02_2025" }, /Option "regime" in the configuration file is not valid: this version has only regime TT01_2024\./u],
    [{ period: 2023 }, /Option "period" in the configuration file is not valid: a period id such as 2023-H1 is required\./u],
    [{ history: [] }, /Option "history" in the configuration file is not valid: a path or a list of paths is required\./u],
    [{ roster: "lists/none.csv" }, /Cannot read the unit roster: cannot open .*none\.csv/u],
  ])("%j: exit 2 with one clear line", async (json, message) => {
    const { config } = await setup();
    const r = await runCli(["validate", FOLDER, "--period", "2023-H1", "--config", await config(json), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe("regression: the command line as a first-time user types it (an outside review)", () => {
  const ok = path.join(__dirname, "fixtures", "submissions", "cases", "ok-filled.xlsx");

  it("--lang before the command is the common option, not a command", async () => {
    const r = await runCli(["--lang", "en", "validate", ok, "--period", "2023-H1"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Accepted 1");
    const eq = await runCli(["--lang=en", "validate", ok, "--period", "2023-H1"]);
    expect(eq.stdout).toContain("Accepted 1");
    // Alone: the help, in English, as with no command at all.
    const alone = await runCli(["--lang", "en"]);
    expect(alone.code).toBe(2);
    expect(alone.stdout).toContain("Usage:");
    expect(alone.stderr).not.toContain("Unknown command");
  });

  it("--version after a command prints the version (the help lists it as a common option)", async () => {
    const r = await runCli(["validate", ok, "--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
  });

  it("a short option is refused as one, not looked for as a file", async () => {
    const r = await runCli(["validate", ok, "-p", "2023-H1", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option: -p. Options are written in full with two dashes");
    expect(r.stderr).not.toContain("Missing option --period");
  });

  it("--max-file-size takes a plain number of MB, not 0x10 or 1e1", async () => {
    for (const bad of ["0x10", "1e1", "-1", "abc"]) {
      const r = await runCli(["validate", ok, "--period", "2023-H1", "--max-file-size", bad, "--lang", "en"]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain(`Invalid --max-file-size "${bad}"`);
    }
    for (const good of ["10", "2.5", ".5"]) expect((await runCli(["validate", ok, "--period", "2023-H1", "--max-file-size", good])).code, good).toBe(0);
  });
});
