/**
 * WORKBOOKS.md §2.10: the same inputs and options give a byte-identical report: two runs, a run
 * with the inputs in another order, and runs under TZ=UTC and TZ=Asia/Ho_Chi_Minh.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runBinary, tempDir } from "./helpers/cli";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

async function reportHash(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const dir = await tempDir();
  const out = path.join(dir, "r.xlsx");
  const result = await runBinary(["aggregate", ...args, "--period", "2023-H1", "--out", out, "--created", "2023-06-20"], undefined, env);
  expect(result.code, result.stderr).toBe(1);
  return createHash("sha256").update(await readFile(out)).digest("hex");
}

describe("the report is byte-identical", () => {
  it("for two runs, shuffled inputs and two time zones", async () => {
    const files = filesUnder(FOLDER);
    const shuffled = [...files].reverse();
    shuffled.push(shuffled.shift() as string);
    const [a, b, c, d] = await Promise.all([
      reportHash(files, { ...process.env, TZ: "UTC" }),
      reportHash(files, { ...process.env, TZ: "UTC" }),
      reportHash(shuffled, { ...process.env, TZ: "Asia/Ho_Chi_Minh" }),
      reportHash(files, { ...process.env, TZ: "America/Los_Angeles" }),
    ]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(d).toBe(a);
  });

  it("changes when an option changes", async () => {
    const files = filesUnder(FOLDER);
    const dir = await tempDir();
    const out = path.join(dir, "r.xlsx");
    await runBinary(["aggregate", ...files, "--period", "2023-H1", "--out", out, "--created", "2023-06-21"]);
    const other = createHash("sha256").update(await readFile(out)).digest("hex");
    expect(other).not.toBe(await reportHash(files, process.env));
  });
});
