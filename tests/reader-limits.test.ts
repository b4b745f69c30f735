/**
 * The reader's limits (issue 9 item 2): each hostile file beside a clean one in one run finishes in
 * seconds, every file is listed, the clean file is accepted and the hostile one carries its finding
 * (V-FILE-02 for sizes, V-FILE-04 for counts, text length and time). The files are made by
 * tests/regressions/fixtures/limit-fixtures.ts from a LibreOffice-written submission.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../src/core/periods";
import { readSubmission } from "../src/core/read/reader";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation, type InputFile, type RunOptions } from "../src/core/validate/run";
import { CLEAN, hugeCell, manyCells, manyMerges, manySharedStrings, sheetsOfCells } from "./regressions/fixtures/limit-fixtures";

const period = parsePeriod("2023-H1");
const clean = (): InputFile => ({ file: "BM_VU-CAU-AU_2023-H1.xlsx", bytes: new Uint8Array(readFileSync(CLEAN)) });

async function besideClean(hostile: Uint8Array, options: RunOptions = {}): Promise<{ ms: number; clean: string; hostile: string; findings: string[]; detail: string }> {
  const started = performance.now();
  const run = await runValidation([clean(), { file: "BM_VU-CHAU-MY_2023-H1.xlsx", bytes: hostile }], { roster: DEFAULT_ROSTER, period, options });
  const ms = performance.now() - started;
  console.log(`beside clean: ${Math.round(ms)} ms`);
  expect(run.inputs.map((i) => i.file).sort()).toEqual(["BM_VU-CAU-AU_2023-H1.xlsx", "BM_VU-CHAU-MY_2023-H1.xlsx"]);
  const status = (file: string): string => run.inputs.find((i) => i.file === file)?.status ?? "missing";
  const own = run.findings.filter((f) => f.file === "BM_VU-CHAU-MY_2023-H1.xlsx");
  return {
    ms,
    clean: status("BM_VU-CAU-AU_2023-H1.xlsx"),
    hostile: status("BM_VU-CHAU-MY_2023-H1.xlsx"),
    findings: own.map((f) => f.rule),
    detail: own.map((f) => f.message.en).join(" "),
  };
}

describe("limits beside a clean file", () => {
  it("the clean file alone is accepted", async () => {
    const run = await runValidation([clean()], { roster: DEFAULT_ROSTER, period, options: {} });
    expect(run.inputs[0]?.status).toBe("accepted");
  });

  it("200,000 merges: read as ranges (the default limit is 1,000,000), the file accepted, in seconds", async () => {
    const r = await besideClean(manyMerges());
    // Both files are the same unit's submission (the hostile one is made from the clean one): one of them is kept.
    expect(r).toMatchObject({ clean: "duplicate", hostile: "accepted", findings: [] });
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it("1,000,001 merges: V-FILE-04 (merged ranges), in seconds", async () => {
    const r = await besideClean(manyMerges(1_000_001));
    expect(r).toMatchObject({ clean: "accepted", hostile: "unreadable", findings: ["V-FILE-04"] });
    expect(r.detail).toContain("merged ranges: 1,000,001; limit 1,000,000");
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it("an extra sheet of 2 million cells: read up to the per-sheet limit and ignored, the file accepted, in seconds", async () => {
    const r = await besideClean(manyCells());
    // Both files are the same unit's submission (the hostile one is made from the clean one): one of them is kept.
    expect(r).toMatchObject({ clean: "duplicate", hostile: "accepted", findings: [] });
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it("three sheets of 400,000 cells, each under the per-sheet limit: V-FILE-04 (cells in the whole file), in seconds", async () => {
    // Six such sheets (2.9 million cells, an 8.5 MB file) took 5.8 s and 570 MB before the file had a limit of its own.
    const r = await besideClean(sheetsOfCells(3, 400_000));
    expect(r).toMatchObject({ clean: "accepted", hostile: "unreadable", findings: ["V-FILE-04"] });
    expect(r.detail).toContain("cells in the whole file: 1,000,001; limit 1,000,000");
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it("1 million shared strings, the last one used: V-FILE-04 (shared strings), in seconds", async () => {
    const r = await besideClean(manySharedStrings());
    expect(r).toMatchObject({ clean: "accepted", hostile: "unreadable", findings: ["V-FILE-04"] });
    expect(r.detail).toContain("shared strings: 200,001; limit 200,000");
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it("a text over 4,000,000 characters: V-FILE-04 (characters in one cell)", async () => {
    const r = await besideClean(hugeCell(4_000_001));
    expect(r).toMatchObject({ clean: "accepted", hostile: "unreadable", findings: ["V-FILE-04"] });
    // hugeCell writes its text at A40 of ThongTin (limit-fixtures.ts).
    expect(r.detail).toMatch(/characters in cell ThongTin!A40: [\d,]+; limit 4,000,000/u);
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it("a 1 MB text is read in full (WORKBOOKS.md §2.1: carried, cut only when written to a cell)", async () => {
    const outcome = await readSubmission(hugeCell(), "BM_X_2023-H1.xlsx");
    expect(outcome.kind).toBe("submission");
  });
});

describe("each limit is an option", () => {
  const bytes = (): Uint8Array => new Uint8Array(readFileSync(CLEAN));
  const rules = async (options: Parameters<typeof readSubmission>[2]): Promise<string> => {
    const outcome = await readSubmission(bytes(), "BM_VU-CAU-AU_2023-H1.xlsx", options);
    return outcome.kind === "submission" ? "submission" : outcome.findings.map((f) => `${f.rule} ${f.message.en}`).join("; ");
  };

  it("defaults read the clean file", async () => {
    expect(await rules({})).toBe("submission");
  });

  it("maxFileSizeMB, before anything is read", async () => {
    expect(await rules({ maxFileSizeMB: 0.01 })).toMatch(/^V-FILE-02 .*too large \(0\.\d+ MB; limit 0\.01 MB\)/u);
  });

  it("maxExpandedMB (declared sizes of all parts)", async () => {
    // Said of the unpacked size: the file itself is far smaller than its "too large" size.
    expect(await rules({ maxExpandedMB: 0.1 })).toMatch(/^V-FILE-02 File \S+ is too large when unpacked \(0\.\d+ MB; limit 0\.1 MB\)/u);
  });

  it("maxPartMB (one part)", async () => {
    expect(await rules({ maxPartMB: 0.01 })).toMatch(/^V-FILE-02 File \S+ has a part too large when unpacked \(0\.\d+ MB; limit 0\.01 MB\)/u);
  });

  it("maxCells, maxMerges, maxSharedStrings, maxTextLength", async () => {
    // KH_TH, the second sheet, is the first with more than 100 cells (ThongTin has 25, KH_TH 285 <c> elements).
    expect(await rules({ maxCells: 100 })).toMatch(/^V-FILE-04 .*cells in sheet "KH_TH": 101; limit 100/u);
    // Every sheet counts towards the file's limit; none of this file's sheets has 1,000 cells.
    expect(await rules({ maxFileCells: 1000 })).toMatch(/^V-FILE-04 .*cells in the whole file: 1,001; limit 1,000\b/u);
    expect(await rules({ maxMerges: 10 })).toMatch(/^V-FILE-04 .*merged ranges: 11; limit 10/u);
    expect(await rules({ maxSharedStrings: 5 })).toMatch(/^V-FILE-04 .*shared strings: 6; limit 5/u);
    // The first text over 5 characters the sheets' reading meets: 01_TTr's I11, "324.972" (shared strings are read later).
    expect(await rules({ maxTextLength: 5 })).toMatch(/^V-FILE-04 .*characters in cell '01_TTr'!I11: 7; limit 5\b/u);
  });

  it("maxReadMs, measured by the host's clock only", async () => {
    let t = 0;
    // A clock that moves 1 s at every look: the budget of 10 s is spent within the file.
    expect(await rules({ now: () => (t += 1000) })).toMatch(/^V-FILE-04 .*reading time in milliseconds: [\d,]+; limit 10,000/u);
    expect(await rules({ now: () => 0 })).toBe("submission");
  });
});

const SPARSE = 2200 * 1024 * 1024;

describe("SHA-256 as a stream", () => {
  it("equals node:crypto's for the same bytes in any chunks", async () => {
    const { createHash, randomBytes } = await import("node:crypto");
    const { Sha256 } = await import("../src/core/read/sha256");
    for (const length of [0, 1, 55, 56, 63, 64, 65, 1000, 100_003]) {
      const bytes = new Uint8Array(randomBytes(length));
      const hash = new Sha256();
      for (let i = 0; i < length; ) {
        const step = 1 + ((i * 7919) % 97);
        hash.update(bytes.subarray(i, i + step));
        i += step;
      }
      expect(hash.hex()).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });
});

describe("the CLI stats a file before reading it", () => {
  it("a 2.2 GiB file (sparse, larger than readFile can buffer) is listed as too large, the clean file accepted", async () => {
    const { runCli, tempDir } = await import("./helpers/cli");
    const { copyFile, open, rm } = await import("node:fs/promises");
    const path = await import("node:path");
    const dir = await tempDir();
    try {
      await copyFile(CLEAN, path.join(dir, "BM_VU-CAU-AU_2023-H1.xlsx"));
      const handle = await open(path.join(dir, "BM_VU-CHAU-MY_2023-H1.xlsx"), "w");
      await handle.truncate(SPARSE);
      await handle.close();
      const json = path.join(dir, "out.json");
      const out = await runCli(["validate", dir, "--period", "2023-H1", "--json", json]);
      expect(out.stderr).not.toMatch(/RangeError|ERR_FS_FILE_TOO_LARGE/u);
      const result = JSON.parse(readFileSync(json, "utf8")) as { inputs: Array<{ file: string; status: string; sha256: string }>; findings: Array<{ file: string; rule: string; message: { en: string } }> };
      const byFile = new Map(result.inputs.map((i) => [i.file, i]));
      expect(byFile.get("BM_VU-CAU-AU_2023-H1.xlsx")?.status).toBe("accepted");
      expect(byFile.get("BM_VU-CHAU-MY_2023-H1.xlsx")?.status).toBe("unreadable");
      expect(byFile.get("BM_VU-CHAU-MY_2023-H1.xlsx")?.sha256).toMatch(/^[0-9a-f]{64}$/u);
      const finding = result.findings.find((f) => f.file === "BM_VU-CHAU-MY_2023-H1.xlsx");
      expect(finding?.rule).toBe("V-FILE-02");
      expect(finding?.message.en).toMatch(/\(2,?200 MB; limit 10 MB\)/u);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
