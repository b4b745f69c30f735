/**
 * Regression: two files with the same name in two folders (`validate dot1 dot2`, each holding
 * `BM_X.xlsx`) shared findings, and the clean one was rejected with the other's errors. CLI.md:
 * `file` names one input and only one (each written with its PATH argument in front); findings and
 * statuses are tied to the input itself. Expected statuses and findings are those of
 * tests/fixtures/submissions/expectations.json (written from the spec for these two fixtures).
 */
import { copyFile, mkdir, readFile, symlink } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runPipeline } from "../../src/core/pipeline";
import { parsePeriod } from "../../src/core/periods";
import { DEFAULT_ROSTER } from "../../src/core/roster";
import { runCli, tempDir } from "../helpers/cli";

const CASES = path.join(__dirname, "..", "fixtures", "submissions", "cases");
const CLEAN = path.join(CASES, "ok-filled.xlsx");
const BROKEN = path.join(CASES, "identity-errors.xlsx");

interface Expected {
  readonly status: string;
  readonly findings: ReadonlyArray<{ rule: string; severity: string; sheet: string | null; cell: string | null }>;
}
interface Json {
  readonly inputs: ReadonlyArray<{ file: string; status: string; sha256: string }>;
  readonly findings: ReadonlyArray<{ file: string | null; rule: string; severity: string; sheet: string | null; cell: string | null; message: { vi: string; en: string } }>;
}

let expectations: Record<string, Expected>;
let period: string;

beforeAll(async () => {
  const all = JSON.parse(await readFile(path.join(CASES, "..", "expectations.json"), "utf8")) as { period: string; files: Record<string, Expected> };
  expectations = all.files;
  period = all.period;
});

const ruleSet = (fs: Json["findings"]): string[] => fs.map((f) => `${f.rule}|${f.severity}|${f.sheet}|${f.cell}`).sort();
const expectedSet = (e: Expected): string[] => e.findings.map((f) => `${f.rule}|${f.severity}|${f.sheet}|${f.cell}`).sort();

describe("same name in two folders", () => {
  it("each input keeps its own name, status and findings (CLI)", async () => {
    const dir = await tempDir("tonghop-samename-");
    await mkdir(path.join(dir, "dot1"));
    await mkdir(path.join(dir, "dot2"));
    await copyFile(CLEAN, path.join(dir, "dot1", "BM_X.xlsx"));
    await copyFile(BROKEN, path.join(dir, "dot2", "BM_X.xlsx"));
    const json = path.join(dir, "r.json");
    const r = await runCli(["validate", path.join(dir, "dot1"), path.join(dir, "dot2"), "--period", period, "--json", json]);
    expect(r.code).toBe(1);
    const out = JSON.parse(await readFile(json, "utf8")) as Json;
    const prefix = (sub: string): string => `${path.join(dir, sub).split(path.sep).join("/")}/BM_X.xlsx`;
    expect(out.inputs.map((i) => i.file).sort()).toEqual([prefix("dot1"), prefix("dot2")]);
    const clean = expectations["cases/ok-filled.xlsx"];
    const broken = expectations["cases/identity-errors.xlsx"];
    if (!clean || !broken) throw new Error("expectations missing");
    expect(out.inputs.find((i) => i.file === prefix("dot1"))?.status).toBe(clean.status);
    expect(out.inputs.find((i) => i.file === prefix("dot2"))?.status).toBe(broken.status);
    expect(ruleSet(out.findings.filter((f) => f.file === prefix("dot1")))).toEqual(expectedSet(clean));
    expect(ruleSet(out.findings.filter((f) => f.file === prefix("dot2")))).toEqual(expectedSet(broken));
  });

  it("the core keeps two same-named inputs apart when a host does not (BM_X.xlsx, BM_X (2).xlsx)", async () => {
    const result = await runPipeline({
      inputs: [
        { id: "a", file: "BM_X.xlsx", bytes: new Uint8Array(await readFile(CLEAN)) },
        { id: "b", file: "BM_X.xlsx", bytes: new Uint8Array(await readFile(BROKEN)) },
      ],
      period: parsePeriod(period),
      roster: DEFAULT_ROSTER,
      aggregate: false,
    });
    const status = Object.fromEntries(result.run.inputs.map((i) => [result.ids.get(i.file), [i.file, i.status]]));
    expect(status).toEqual({ a: ["BM_X.xlsx", expectations["cases/ok-filled.xlsx"]?.status], b: ["BM_X (2).xlsx", expectations["cases/identity-errors.xlsx"]?.status] });
  });
});

describe("symbolic links and files reached twice (CLI.md)", () => {
  it("follows a link to a file, lists a dangling link as unreadable, and counts a file reached twice once", async () => {
    const dir = await tempDir("tonghop-links-");
    await mkdir(path.join(dir, "in"));
    await copyFile(CLEAN, path.join(dir, "in", "BM_VU-CAU-AU.xlsx"));
    await symlink(path.join(dir, "in", "BM_VU-CAU-AU.xlsx"), path.join(dir, "in", "again.xlsx"));
    await symlink(path.join(dir, "nowhere.xlsx"), path.join(dir, "in", "dangling.xlsx"));
    await symlink(path.join(dir, "in", "loop-b.xlsx"), path.join(dir, "in", "loop-a.xlsx"));
    await symlink(path.join(dir, "in", "loop-a.xlsx"), path.join(dir, "in", "loop-b.xlsx"));
    await copyFile(BROKEN, path.join(dir, "outside.xlsx"));
    await symlink(path.join(dir, "outside.xlsx"), path.join(dir, "in", "linked-outside.xlsx"));
    const json = path.join(dir, "r.json");
    // The folder, a file inside it, and the folder again: each file once.
    const inDir = path.join(dir, "in");
    const r = await runCli(["validate", inDir, path.join(inDir, "BM_VU-CAU-AU.xlsx"), inDir, "--period", period, "--json", json]);
    expect(r.code).toBe(1);
    const out = JSON.parse(await readFile(json, "utf8")) as Json;
    const byFile = Object.fromEntries(out.inputs.map((i) => [i.file, i.status]));
    expect(byFile).toEqual({
      "BM_VU-CAU-AU.xlsx": "accepted",
      "dangling.xlsx": "unreadable",
      "linked-outside.xlsx": "rejected",
      "loop-a.xlsx": "unreadable",
      "loop-b.xlsx": "unreadable",
    });
    const why = (file: string): string => out.findings.find((f) => f.file === file && f.rule === "V-FILE-01")?.message.en ?? "";
    expect(why("dangling.xlsx")).toMatch(/symbolic link leads nowhere/u);
    expect(why("loop-a.xlsx")).toMatch(/symbolic link loops/u);
  });

  it("names a link to a device as such (a link to /dev/zero said 'leads to a folder')", async () => {
    const dir = await tempDir("tonghop-devlink-");
    await mkdir(path.join(dir, "in"));
    await symlink("/dev/zero", path.join(dir, "in", "zero.xlsx"));
    const json = path.join(dir, "r.json");
    await runCli(["validate", path.join(dir, "in"), "--period", period, "--json", json, "--lang", "en"]);
    const out = JSON.parse(await readFile(json, "utf8")) as Json;
    expect(out.inputs.map((i) => [i.file, i.status])).toEqual([["zero.xlsx", "unreadable"]]);
    expect(out.findings.find((f) => f.file === "zero.xlsx")?.message.en).toMatch(/symbolic link leads to a device, pipe or socket, not a regular file/u);
    // A device given as a PATH itself is no link.
    const json2 = path.join(dir, "r2.json");
    await runCli(["validate", "/dev/null", "--period", period, "--json", json2, "--lang", "en"]);
    const out2 = JSON.parse(await readFile(json2, "utf8")) as Json;
    expect(out2.findings.find((f) => f.file === "null")?.message.en).toMatch(/\(not a regular file \(a device, pipe or socket\)\)/u);
  });
});
