/**
 * Regression (review of 2026-12-07, third round): "Báo cáo.xlsx" typed on Windows (NFC) and the same name from a
 * Mac (NFD, decomposed) side by side in one folder became one name in NFC, and the pane's "(2)" rule then made
 * up names: the NFD file was listed as "Báo cáo.xlsx", the NFC one as "Báo cáo (3).xlsx" (a real "Báo cáo
 * (2).xlsx" was there), so a user opening "Báo cáo.xlsx" saw another unit's data than the report said. CLI.md:
 * `file` is the path relative to the PATH. Names that become one in NFC now keep their names as on disk; each
 * names its own file, and no name is made up.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli";

const SAMPLE = path.join(__dirname, "..", "fixtures", "reader-differential", "sample-2023-H1");

describe("two names that are one in NFC, in one folder", () => {
  it("each keeps its own name and its own unit; no name is made up", async () => {
    const dir = await tempDir("tonghop-nfd-");
    const folder = path.join(dir, "in");
    mkdirSync(folder);
    const nfcName = "Báo cáo.xlsx".normalize("NFC");
    const nfdName = "Báo cáo.xlsx".normalize("NFD");
    expect(nfdName).not.toBe(nfcName);
    copyFileSync(path.join(SAMPLE, "BM_BAO-TGVN_2023-H1.xlsx"), path.join(folder, nfcName));
    copyFileSync(path.join(SAMPLE, "BM_VU-CAU-AU_2023-H1.xlsx"), path.join(folder, nfdName));
    copyFileSync(path.join(SAMPLE, "BM_CQDD-AU-SYD_2023-H1.xlsx"), path.join(folder, "Báo cáo (2).xlsx"));
    const json = path.join(dir, "r.json");
    await runCli(["validate", folder, "--period", "2023-H1", "--json", json]);
    const out = JSON.parse(readFileSync(json, "utf8")) as { inputs: Array<{ file: string; unit: string | null }> };
    const byFile = new Map(out.inputs.map((i) => [i.file, i.unit]));
    expect(byFile.size).toBe(3);
    expect(byFile.get(nfcName)).toBe("BAO-TGVN");
    expect(byFile.get(nfdName)).toBe("VU-CAU-AU");
    expect(byFile.get("Báo cáo (2).xlsx".normalize("NFC"))).toBe("CQDD-AU-SYD");
  });
});
