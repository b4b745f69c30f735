/**
 * Regression (an outside review, 2026-12-07): the same name in two folders, typed once composed (NFC,
 * as Windows writes "Báo cáo.xlsx") and once decomposed (NFD, as a Mac copies it). The run names inputs
 * in NFC, but the two were compared as typed: not a clash, so neither got its PATH in front, and then
 * the second became "Báo cáo (2).xlsx", whichever it was: the JSON and the report changed with the
 * order of the PATHs. CLI.md: when two PATHs would give the same `file`, each is written with its PATH
 * argument in front; WORKBOOKS.md §2.10: the same result in any order of the input files.
 */
import { copyFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const CASES = path.join(__dirname, "..", "fixtures", "submissions", "cases");
const NAME = "Báo cáo.xlsx";

interface Json {
  readonly inputs: ReadonlyArray<{ file: string; status: string }>;
}

describe("one name, composed in one folder and decomposed in another", () => {
  it("each file gets its PATH in front, and the JSON is the same in either order", async () => {
    const dir = await tempDir("tonghop-nfd-");
    await mkdir(path.join(dir, "dot1"));
    await mkdir(path.join(dir, "dot2"));
    await copyFile(path.join(CASES, "ok-filled.xlsx"), path.join(dir, "dot1", NAME.normalize("NFC")));
    await copyFile(path.join(CASES, "identity-errors.xlsx"), path.join(dir, "dot2", NAME.normalize("NFD")));
    const run = async (order: string[], json: string): Promise<string> => {
      const r = await runCli(["validate", ...order.map((d) => path.join(dir, d)), "--period", "2023-H1", "--json", path.join(dir, json)]);
      expect(r.code, r.stderr).toBe(1);
      return readFile(path.join(dir, json), "utf8");
    };
    const forward = await run(["dot1", "dot2"], "a.json");
    const backward = await run(["dot2", "dot1"], "b.json");
    const named = (sub: string): string => `${path.join(dir, sub).split(path.sep).join("/")}/${NAME.normalize("NFC")}`;
    expect((JSON.parse(forward) as Json).inputs.map((i) => i.file).sort()).toEqual([named("dot1"), named("dot2")]);
    expect(backward).toBe(forward);
  });
});
