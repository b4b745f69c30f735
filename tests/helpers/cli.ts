/** Run the CLI in-process with captured output, and the real `tonghop` binary as a user would. */
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main";

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

export const REPO = path.resolve(__dirname, "..", "..");

/** Spawn `node bin/tonghop.cjs …` (the installed bin) from the repository root. */
export function runBinary(argv: readonly string[], cwd = REPO, env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, "bin", "tonghop.cjs"), ...argv], { cwd, env, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = "tonghop-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}
