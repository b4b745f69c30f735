/**
 * Regression (review of 2026-12-07, third round): a file whose name is not UTF-8 (`caf\xe9.xlsx`, as old zip
 * archives and CP1258 shares leave Vietnamese names) was listed as unreadable "(ENOENT) … Save it as .xlsx in
 * Excel": the advice was wrong, the file is there. Node gives such a name with U+FFFD in it and no string path
 * leads back to it; it is now listed, unreadable, with that reason and how to fix it (rename it).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const CLEAN = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1", "BM_BAO-TGVN_2023-H1.xlsx");

describe("a file name that is not UTF-8", () => {
  it("is listed, unreadable, with the reason and the fix; the other files are read", async () => {
    const dir = await tempDir("tonghop-latin1-");
    const folder = path.join(dir, "in");
    mkdirSync(folder);
    copyFileSync(CLEAN, path.join(folder, "BM_BAO-TGVN_2023-H1.xlsx"));
    // "café.xlsx" in Latin-1: é is the single byte 0xE9.
    copyFileSync(CLEAN, Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from(".xlsx")]));
    const json = path.join(dir, "r.json");
    const r = await runCli(["validate", folder, "--period", "2023-H1", "--json", json, "--lang", "en"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(await readFile(json, "utf8")) as { inputs: Array<{ file: string; status: string }>; findings: Array<{ file: string; rule: string; message: { en: string } }> };
    expect(out.inputs.map((i) => [i.file, i.status])).toEqual([
      ["BM_BAO-TGVN_2023-H1.xlsx", "accepted"],
      ["caf\uFFFD.xlsx", "unreadable"],
    ]);
    const finding = out.findings.find((f) => f.file === "caf\uFFFD.xlsx");
    expect(finding?.rule).toBe("V-FILE-01");
    expect(finding?.message.en).toContain("(the file name is not UTF-8, so the file cannot be opened; rename it");
    expect(finding?.message.en).not.toContain("ENOENT");
  });
});
