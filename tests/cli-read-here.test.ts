/**
 * The CLI reads each input when its turn comes (src/cli/pool/read-here.ts), after the files were
 * listed: a file gone by then is a V-FILE-01 finding on that file (CLI.md: every input is listed with
 * a status), not an exception that ends the run, and two such files are two unreadable files, not one
 * file and its copy (their digests are of no bytes). A file still there reads as the core reads it.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readHere } from "../src/cli/pool/read-here";
import { parsePeriod } from "../src/core/periods";
import { readSubmission } from "../src/core/read/reader";
import { DEFAULT_ROSTER } from "../src/core/roster";
import { runValidation, type InputFile } from "../src/core/validate/run";

const FIXTURE = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1", "BM_VU-TCCB_2023-H1.xlsx");

describe("readHere", () => {
  it("lists a file removed after listing as unreadable (V-FILE-01), with the reason", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-read-here-"));
    const full = path.join(dir, "BM_VU-TCCB_2023-H1.xlsx");
    await writeFile(full, await readFile(FIXTURE));
    await rm(full);
    const outcome = await readHere(full, "BM_VU-TCCB_2023-H1.xlsx", {});
    expect(outcome.kind).toBe("unreadable");
    if (outcome.kind === "submission") return;
    expect(outcome.unit).toBe("VU-TCCB");
    expect(outcome.findings.map((f) => f.rule)).toEqual(["V-FILE-01"]);
    expect(outcome.findings[0]?.message.en).toContain("ENOENT");
  });

  it("never takes two files it could not read for copies of each other (V-DUP-02)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-read-here-"));
    const names = ["BM_VU-TCCB_2023-H1.xlsx", "BM_VU-TCKT_2023-H1.xlsx"];
    const files: InputFile[] = names.map((file) => ({ file, bytes: new Uint8Array(0) }));
    const run = await runValidation(files, {
      roster: DEFAULT_ROSTER,
      period: parsePeriod("2023-H1"),
      options: {},
      read: (input, options) => readHere(path.join(dir, input.file), input.file, options),
    });
    expect(run.inputs.map((i) => [i.file, i.status, i.reasons])).toEqual(names.map((file) => [file, "unreadable", ["V-FILE-01"]]));
    expect(run.findings.filter((f) => f.rule === "V-DUP-02")).toEqual([]);
  });

  it("reads a file as the core does with its own inflater and hash", async () => {
    const bytes = new Uint8Array(await readFile(FIXTURE));
    const here = await readHere(FIXTURE, "a.xlsx", {});
    const core = await readSubmission(bytes, "a.xlsx");
    expect(here).toEqual(core);
  });
});
