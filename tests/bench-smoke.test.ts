/**
 * `npm run bench` in small (issue 9 item 5): N = 5 units, one round. The bench itself is not part of
 * `npm test`; this checks that it runs end to end and writes every row of bench/RESULTS.md's tables.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, tempDir } from "./helpers/cli";

function runBench(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, "scripts", "run-bench.mjs"), ...args], { cwd: REPO, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run bench (smoke, N = 5)", () => {
  it("writes the results with every measure, the ratios, the targets and the machine", { timeout: 240_000 }, async () => {
    const dir = await tempDir("tonghop-bench-smoke-");
    const out = path.join(dir, "RESULTS.md");
    const result = await runBench(["--sizes", "5", "--rounds", "1", "--out", out, "--corpus", path.join(dir, "corpus")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const text = await readFile(out, "utf8");
    expect(text).toMatch(/- Machine: \d+ cores \(.+\), .* Node v\d+/u);
    expect(text).toMatch(/- Date: \d{4}-\d{2}-\d{2}T/u);
    expect(text).toMatch(/- The demo's report \(sample period 2023-H1, 47 units; target < 150 ms\): median \d+ ms over 14 builds/u);
    // The generator's files for 5 units: two are missing (UNITS.md roles of the demo), so 3 files.
    expect(text).toContain("### N = 3 files (roster of 5 units");
    for (const measure of [
      "floor: fflate unzip + decode every part",
      "exceljs load",
      "reader alone (readSubmission)",
      "validate (runValidation, in process)",
      "aggregate with the report (runPipeline, in process)",
      "report alone (buildReport on the validated run, in process)",
      "process: floor",
      "process: tonghop validate",
      "process: tonghop aggregate",
    ]) {
      expect(text).toMatch(new RegExp(`\\| ${measure.replace(/[()+]/gu, "\\$&")} \\| \\d+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\|`, "u"));
    }
    // Of the whole processes: peak RSS in MB, CPU seconds (user + system) and minor page faults.
    expect(text).toMatch(/\| process: tonghop aggregate \| \d+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| \d+ \| \d+\.\d\d \+ \d+\.\d\d \| \d+ \|/u);
    expect(text).toMatch(/Targets .*validate [\d.]+x .*aggregate [\d.]+x .*peak memory \d+ MB/u);
    // The hostile files beside the clean ones (issue 9's second target): both commands, every file listed.
    expect(text).toContain("### The hostile files beside the N = 3 clean files");
    expect(text).toContain("The merge bomb (36 KB, one `E60:XFD1048576`)");
    expect(text).toMatch(/\| tonghop validate \| \d+ \| \d+ \| 1 \| 8 of 8 \| 3 of 3 \|/u);
    expect(text).toMatch(/\| tonghop aggregate \| \d+ \| \d+ \| 1 \| 8 of 8 \| 3 of 3 \|/u);
    expect(text).toContain("- hostile-1-million-shared-strings.xlsx: unreadable (V-FILE-04)");
    expect(text).toMatch(/Target \(each run within 30 s and 1 GiB, every file listed, the clean files as alone\): met\./u);
  });
});
