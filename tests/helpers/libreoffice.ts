/** LibreOffice as an independent reader: convert a workbook headless and report what it made. */
import { execFile } from "node:child_process";
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

export function sofficeBinary(): string {
  return process.env.SOFFICE ?? "soffice";
}

/** Convert `file` to `format` (e.g. "pdf", "xlsx") in a fresh folder; returns the output path. */
export async function convertWithLibreOffice(file: string, format: string): Promise<{ out: string; log: string }> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "tonghop-lo-"));
  // A private profile per run: parallel test files must not share one LibreOffice user profile.
  const profile = await mkdtemp(path.join(os.tmpdir(), "tonghop-lo-profile-"));
  const log = await new Promise<string>((resolve, reject) => {
    execFile(
      sofficeBinary(),
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, file],
      { timeout: 180_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout + stderr)),
    );
  });
  const produced = await readdir(outDir);
  const ext = format.split(":")[0] ?? format;
  const match = produced.find((f) => f.endsWith(`.${ext}`));
  if (!match) throw new Error(`LibreOffice produced no .${ext}: ${log}`);
  return { out: path.join(outDir, match), log };
}
