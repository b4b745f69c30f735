/**
 * Regression (review of 2026-12-07, third round): one file reached twice (a folder and a file inside it,
 * a symbolic link beside the file it leads to) is one input (CLI.md), but it took the name of whichever
 * PATH came first: `validate in in/sub/BM_B.xlsx` named it `sub/BM_B.xlsx`, `validate in/sub/BM_B.xlsx in`
 * named it `BM_B.xlsx`, so the JSON and the report changed with the order of the arguments (WORKBOOKS.md
 * §2.10: the same inputs give the same bytes). It is now named the same either way: by its own path before
 * a link's, then the first name in code-point order.
 */
import { copyFile, mkdir, readFile, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1");

async function files(json: string): Promise<string[]> {
  return (JSON.parse(await readFile(json, "utf8")) as { inputs: Array<{ file: string }> }).inputs.map((i) => i.file);
}

describe("one file reached twice", () => {
  it("has one name whatever the order of the PATHs (a folder and a file in it; a link and its file)", async () => {
    const dir = await tempDir("tonghop-twice-");
    const inDir = path.join(dir, "in");
    await mkdir(path.join(inDir, "sub"), { recursive: true });
    await copyFile(path.join(SAMPLE, "BM_BAO-TGVN_2023-H1.xlsx"), path.join(inDir, "BM_BAO-TGVN_2023-H1.xlsx"));
    await copyFile(path.join(SAMPLE, "BM_VU-CAU-AU_2023-H1.xlsx"), path.join(inDir, "sub", "BM_VU-CAU-AU_2023-H1.xlsx"));
    // "a-link…" sorts before the file it leads to: a link is never the name.
    await symlink(path.join(inDir, "BM_BAO-TGVN_2023-H1.xlsx"), path.join(inDir, "a-link.xlsx"));
    const inner = path.join(inDir, "sub", "BM_VU-CAU-AU_2023-H1.xlsx");
    const runs: Array<{ args: string[]; json: string; report: string }> = [
      { args: [inDir, inner], json: path.join(dir, "1.json"), report: path.join(dir, "1.xlsx") },
      { args: [inner, inDir], json: path.join(dir, "2.json"), report: path.join(dir, "2.xlsx") },
    ];
    for (const run of runs) {
      const r = await runCli(["aggregate", ...run.args, "--period", "2023-H1", "--out", run.report, "--json", run.json, "--created", "2023-07-01"]);
      expect(r.stderr).not.toContain("Error");
    }
    // The file PATH's base name sorts before "sub/…"; the link's file keeps its own name.
    expect(await files(path.join(dir, "1.json"))).toEqual(["BM_BAO-TGVN_2023-H1.xlsx", "BM_VU-CAU-AU_2023-H1.xlsx"]);
    expect(await readFile(path.join(dir, "2.json"))).toEqual(await readFile(path.join(dir, "1.json")));
    expect(await readFile(path.join(dir, "2.xlsx"))).toEqual(await readFile(path.join(dir, "1.xlsx")));
  }, 60_000);

  it("has one name whatever the order of two nested folders (in in/sub, in/sub in)", async () => {
    const dir = await tempDir("tonghop-twice-nested-");
    const inDir = path.join(dir, "in");
    await mkdir(path.join(inDir, "sub"), { recursive: true });
    await copyFile(path.join(SAMPLE, "BM_BAO-TGVN_2023-H1.xlsx"), path.join(inDir, "BM_BAO-TGVN_2023-H1.xlsx"));
    await copyFile(path.join(SAMPLE, "BM_VU-CAU-AU_2023-H1.xlsx"), path.join(inDir, "sub", "BM_VU-CAU-AU_2023-H1.xlsx"));
    const sub = path.join(inDir, "sub");
    for (const [n, args] of [["1", [inDir, sub]], ["2", [sub, inDir]]] as const) {
      await runCli(["aggregate", ...args, "--period", "2023-H1", "--out", path.join(dir, `${n}.xlsx`), "--json", path.join(dir, `${n}.json`), "--created", "2023-07-01"]);
    }
    expect(await files(path.join(dir, "1.json"))).toEqual(["BM_BAO-TGVN_2023-H1.xlsx", "BM_VU-CAU-AU_2023-H1.xlsx"]);
    expect(await readFile(path.join(dir, "2.json"))).toEqual(await readFile(path.join(dir, "1.json")));
    expect(await readFile(path.join(dir, "2.xlsx"))).toEqual(await readFile(path.join(dir, "1.xlsx")));
  }, 60_000);
});
