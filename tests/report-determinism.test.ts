/**
 * WORKBOOKS.md §2.10: the same inputs and options give a byte-identical report (and JSON), whatever
 * varies around them: the order of the PATHs, the folder's name and place on disk, the files'
 * timestamps and creation order, the time zone of the machine, and how many times it is run.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, statSync, utimesSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBinary, tempDir } from "./helpers/cli";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** Copy the folder to `dest`, file by file in the given order, with the given modification times. */
function copyFolder(dest: string, order: "forward" | "reverse", mtime: Date): void {
  const files = filesUnder(FOLDER);
  for (const src of order === "forward" ? files : [...files].reverse()) {
    const to = path.join(dest, path.relative(FOLDER, src));
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(src, to);
    utimesSync(to, mtime, mtime);
  }
}

interface Outcome {
  readonly report: string;
  readonly json: string;
}

const sha = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

async function aggregate(paths: readonly string[], env: NodeJS.ProcessEnv, cwd?: string, created = "2023-06-20"): Promise<Outcome> {
  const dir = await tempDir();
  const out = path.join(dir, "r.xlsx");
  const json = path.join(dir, "r.json");
  const result = await runBinary(["aggregate", ...paths, "--period", "2023-H1", "--out", out, "--json", json, "--created", created], cwd, env);
  expect(result.code, result.stderr).toBe(1);
  return { report: sha(await readFile(out)), json: sha(await readFile(json)) };
}

let copies: { near: string; far: string; reversed: string; parentOfReversed: string };
/** The folder's outcome with the default options, from the first test. */
let baseline: Outcome | undefined;

beforeAll(async () => {
  const a = await tempDir("tonghop-det-a-");
  const b = await tempDir("tonghop-det-b-");
  const c = await tempDir("tonghop-det-c-");
  copies = {
    near: path.join(a, "folder-2023-H1"),
    far: path.join(b, "Báo cáo 6 tháng", "đợt cuối", "HoSo"),
    reversed: path.join(c, "x"),
    parentOfReversed: c,
  };
  copyFolder(copies.near, "forward", new Date("2020-01-01T00:00:00Z"));
  copyFolder(copies.far, "reverse", new Date("2031-07-15T12:34:56Z"));
  copyFolder(copies.reversed, "reverse", new Date("2024-02-29T23:59:59Z"));
});

describe("the report is byte-identical", () => {
  it("for one folder copied to other names and places, in other time zones, run five times", async () => {
    const runs = await Promise.all([
      aggregate([copies.near], { ...process.env, TZ: "UTC" }),
      aggregate([`${copies.far}/`], { ...process.env, TZ: "Asia/Ho_Chi_Minh" }),
      // A relative PATH, from another working directory.
      aggregate(["x"], { ...process.env, TZ: "America/Los_Angeles" }, copies.parentOfReversed),
      aggregate([copies.near], { ...process.env, TZ: "Pacific/Kiritimati" }),
      aggregate([copies.far], { ...process.env, TZ: "UTC" }),
    ]);
    baseline = runs[0];
    for (const r of runs) expect(r).toEqual(baseline);
  }, 300_000);

  it("for the same files given one by one, in three orders", async () => {
    const files = filesUnder(copies.near);
    const reversed = [...files].reverse();
    const interleaved = [...files.filter((_, i) => i % 2 === 1), ...files.filter((_, i) => i % 2 === 0)];
    const [a, b, c] = await Promise.all([
      aggregate(files, { ...process.env, TZ: "UTC" }),
      aggregate(reversed, { ...process.env, TZ: "Europe/London" }),
      aggregate(interleaved, { ...process.env, TZ: "Asia/Tokyo" }),
    ]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
  }, 300_000);

  it("changes when an option changes", async () => {
    const a = baseline ?? (await aggregate([copies.near], process.env));
    const b = await aggregate([copies.near], process.env, undefined, "2023-06-21");
    expect(b.report).not.toBe(a.report);
  }, 300_000);
});
