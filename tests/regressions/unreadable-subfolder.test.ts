/**
 * Regression (review of 2026-12-07, third round): a folder under a PATH that cannot be listed (no read
 * permission, as a share often has) stopped `validate` and `aggregate` with a stack trace (EACCES from
 * scandir), exit 2, no JSON and no report, and the good files beside it got no result. CLI.md: every file
 * met is listed, nothing is dropped silently; an input that cannot be read is `unreadable` with the reason.
 * The folder is now one input, `unreadable` (V-FILE-01 naming the folder and the system's reason), and the
 * run goes on. The denial is made by the system where the tests do not run as root (chmod 000), and by
 * node:fs/promises answering EACCES for that folder, as the system does, everywhere.
 */
import { chmod, copyFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const denied = new Set<string>();
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const readdir = ((dir: string, options: never) =>
    denied.has(path.resolve(String(dir)))
      ? Promise.reject(Object.assign(new Error(`EACCES: permission denied, scandir '${String(dir)}'`), { code: "EACCES" }))
      : real.readdir(dir, options)) as typeof real.readdir;
  return { ...real, default: { ...real, readdir }, readdir };
});

const CLEAN = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", "BM_BAO-TGVN_2023-H1.xlsx");

interface Json {
  readonly inputs: ReadonlyArray<{ file: string; status: string; unit: string | null }>;
  readonly findings: ReadonlyArray<{ file: string | null; rule: string; message: { vi: string; en: string } }>;
}

async function folderWithLockedSub(): Promise<string> {
  const dir = await tempDir("tonghop-lockedsub-");
  await mkdir(path.join(dir, "in", "sub", "locked"), { recursive: true });
  await copyFile(CLEAN, path.join(dir, "in", "BM_BAO-TGVN_2023-H1.xlsx"));
  await copyFile(CLEAN, path.join(dir, "in", "sub", "locked", "BM_X_2023-H1.xlsx"));
  return dir;
}

async function check(dir: string): Promise<void> {
  const json = path.join(dir, "r.json");
  const r = await runCli(["aggregate", path.join(dir, "in"), "--period", "2023-H1", "--out", path.join(dir, "r.xlsx"), "--json", json]);
  expect(r.code).toBe(1);
  const out = JSON.parse(await readFile(json, "utf8")) as Json;
  expect(out.inputs.map((i) => [i.file, i.status])).toEqual([
    ["BM_BAO-TGVN_2023-H1.xlsx", "accepted"],
    ["sub/locked/", "unreadable"],
  ]);
  const finding = out.findings.find((f) => f.file === "sub/locked/");
  expect(finding?.rule).toBe("V-FILE-01");
  expect(finding?.message.vi).toContain("(là một thư mục, không liệt kê được các tệp trong đó (EACCES))");
  expect(finding?.message.en).toContain("(a folder whose files could not be listed (EACCES))");
  expect((await readFile(path.join(dir, "r.xlsx"))).length).toBeGreaterThan(0);
}

describe("a folder that cannot be listed", () => {
  it("is listed as unreadable with its reason; the other files are read (EACCES from the file system)", async () => {
    const dir = await folderWithLockedSub();
    denied.add(path.resolve(dir, "in", "sub", "locked"));
    try {
      await check(dir);
    } finally {
      denied.clear();
    }
  }, 60_000);

  it.runIf(process.getuid?.() !== 0)("the same with the system's own denial (chmod 000)", async () => {
    const dir = await folderWithLockedSub();
    await chmod(path.join(dir, "in", "sub", "locked"), 0o000);
    try {
      await check(dir);
    } finally {
      await chmod(path.join(dir, "in", "sub", "locked"), 0o755);
    }
  }, 60_000);
});
