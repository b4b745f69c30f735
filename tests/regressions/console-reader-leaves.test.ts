/**
 * Regression (review of 2026-12-07, third round): `tonghop aggregate … | head -1` closed the console's pipe
 * after one line; the next write failed with EPIPE, the process ended on a stack trace with exit code 1, and
 * neither the report nor the JSON was written (CLI.md: exit 1 means "done, but …", and `aggregate` still
 * writes the report). The reader leaving now costs only the console's lines: the run writes the same bytes as
 * a run read to the end and ends with the same exit code.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runBinary, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1");

/** The binary with its stdout closed by the reader after the first chunk, as `| head -1` does. */
function runClosingStdout(argv: readonly string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO, "bin", "tonghop.cjs"), ...argv], { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.once("data", () => child.stdout.destroy());
    child.stderr.resume();
    child.on("close", (code) => resolve(code));
  });
}

describe("the console's reader leaves early", () => {
  it("aggregate still writes the report and the JSON, byte for byte, with the run's own exit code", async () => {
    const dir = await tempDir("tonghop-epipe-");
    const common = [SAMPLE, "--period", "2023-H1", "--created", "2023-07-01"];
    const whole = await runBinary(["aggregate", ...common, "--out", path.join(dir, "a", "r.xlsx"), "--json", path.join(dir, "a", "r.json")]);
    const closed = await runClosingStdout(["aggregate", ...common, "--out", path.join(dir, "b", "r.xlsx"), "--json", path.join(dir, "b", "r.json")]);
    expect(closed).toBe(whole.code);
    expect(await readFile(path.join(dir, "b", "r.json"))).toEqual(await readFile(path.join(dir, "a", "r.json")));
    expect(await readFile(path.join(dir, "b", "r.xlsx"))).toEqual(await readFile(path.join(dir, "a", "r.xlsx")));
  }, 60_000);
});
