/**
 * `--jobs N` (issue 9 item 4): the files are read by N - 1 worker threads and the main thread (a file
 * goes to the main thread when the workers have no room: with 39 files and 3 jobs, seventeen are read
 * at once, sixteen queued in the workers), yet the JSON result and the report are byte-for-byte the same with one
 * job (the main thread alone) or three, through the real binary (rebuilt by the global setup). The folder gets an identical copy of one file, so
 * which of two identical files counts (V-DUP-02) must not depend on which worker finished first.
 */
import { copyFileSync, cpSync, existsSync, readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, runBinary, tempDir } from "./helpers/cli";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");
const HISTORY = path.join(__dirname, "fixtures", "submissions", "more", "history");

async function aggregateWith(jobs: number, folder: string): Promise<{ json: string; report: Uint8Array; stdout: string; code: number }> {
  const dir = await tempDir();
  const out = path.join(dir, "BaoCao.xlsx");
  const json = path.join(dir, "r.json");
  const result = await runBinary(["aggregate", folder, "--period", "2023-H1", "--jobs", String(jobs), "--out", out, "--json", json]);
  return { json: await readFile(json, "utf8"), report: new Uint8Array(await readFile(out)), stdout: result.stdout, code: result.code };
}

describe("tonghop --jobs", () => {
  it("gives byte-identical JSON and report with --jobs 1 and --jobs 3", { timeout: 240_000 }, async () => {
    expect(existsSync(path.join(REPO, "dist", "cli-read-worker.cjs"))).toBe(true);
    const folder = path.join(await tempDir(), "folder");
    cpSync(FOLDER, folder, { recursive: true });
    const first = readdirSync(folder).filter((f) => f.endsWith(".xlsx")).sort()[0] ?? "";
    copyFileSync(path.join(folder, first), path.join(folder, `zz-copy-of-${first}`));

    const one = await aggregateWith(1, folder);
    const three = await aggregateWith(3, folder);
    expect(three.code).toBe(one.code);
    expect(three.json).toBe(one.json);
    expect(Buffer.compare(Buffer.from(three.report), Buffer.from(one.report))).toBe(0);
    // The run itself: every file listed, the copy as identical to the first.
    const run = JSON.parse(one.json) as { inputs: Array<{ file: string; status: string; sha256: string }> };
    expect(run.inputs).toHaveLength(readdirSync(folder, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length);
    const copy = run.inputs.find((i) => i.file === `zz-copy-of-${first}`);
    expect(copy?.status).toBe("duplicate");
    expect(copy?.sha256).toBe(run.inputs.find((i) => i.file === first)?.sha256);
  });

  it("validate: byte-identical JSON and console with --jobs 1 and --jobs 3 (the workers check what they read)", { timeout: 240_000 }, async () => {
    const dir = await tempDir();
    // Options the checks read, and a history (its checks read the values, so the workers keep them). Which
    // thread reads which file varies from run to run; cli-read-pool.test.ts has a worker read them all.
    const config = path.join(dir, "c.json");
    await writeFile(config, JSON.stringify({ ruleSeverity: { "V-REL-*": "off", "V-X-01": "error" }, requiredFormsByUnit: { "VU-CAU-AU": ["01/TTr"] } }));
    const validateWith = async (jobs: number): Promise<{ json: string; stdout: string; code: number }> => {
      const json = path.join(dir, `v${jobs}.json`);
      const result = await runBinary(["validate", FOLDER, "--period", "2023-H1", "--jobs", String(jobs), "--json", json, "--config", config, "--history", HISTORY]);
      // The console names the JSON file; the rest must be the same.
      return { json: await readFile(json, "utf8"), stdout: result.stdout.replace(json, "R.json"), code: result.code };
    };
    const one = await validateWith(1);
    const three = await validateWith(3);
    expect(three.code).toBe(one.code);
    expect(three.json).toBe(one.json);
    expect(three.stdout).toBe(one.stdout);
    const rules = (JSON.parse(one.json) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    expect(rules.length).toBeGreaterThan(20);
    // The options and the history were used: no relation finding left, history findings there.
    expect(rules.filter((r) => r.startsWith("V-REL-"))).toEqual([]);
    expect(rules.some((r) => /^V-(CONT|PLAN-01|OUTLIER)/u.test(r))).toBe(true);
  });

  it("aggregate with a history: byte-identical JSON, report and console with --jobs 1 and --jobs 3", { timeout: 240_000 }, async () => {
    const dir = await tempDir();
    // With a history the workers send every value back (its checks read blank cells too); else only the filled ones.
    const aggregateWithHistory = async (jobs: number): Promise<{ json: string; report: Buffer; stdout: string; code: number }> => {
      const json = path.join(dir, `a${jobs}.json`);
      const out = path.join(dir, `a${jobs}.xlsx`);
      const result = await runBinary(["aggregate", FOLDER, "--period", "2023-H1", "--jobs", String(jobs), "--out", out, "--json", json, "--history", HISTORY, "--created", "2023-07-14"]);
      return { json: await readFile(json, "utf8"), report: await readFile(out), stdout: result.stdout.replaceAll(out, "R.xlsx").replaceAll(json, "R.json"), code: result.code };
    };
    const one = await aggregateWithHistory(1);
    const three = await aggregateWithHistory(3);
    expect(three.code).toBe(one.code);
    expect(three.json).toBe(one.json);
    expect(three.stdout).toBe(one.stdout);
    expect(Buffer.compare(three.report, one.report)).toBe(0);
    const rules = (JSON.parse(one.json) as { findings: Array<{ rule: string }> }).findings.map((f) => f.rule);
    expect(rules.some((r) => /^V-(CONT|PLAN-01|OUTLIER)/u.test(r))).toBe(true);
  });

  it("refuses --jobs 0", async () => {
    const result = await runBinary(["validate", FOLDER, "--period", "2023-H1", "--jobs", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--jobs");
  });
});
