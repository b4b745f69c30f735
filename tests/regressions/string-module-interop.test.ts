/**
 * Regression: the report's theme comes from exceljs as a CommonJS module exporting a string. esbuild's
 * interop wrapped it with `Object.create(String.prototype)`, and from then on V8 ran every string method
 * of the process on its slow path: the CLI's XML scanner was ~3x slower than the same code in a bench
 * that did not load the report (docs/DECISIONS.md). The bundles are built with the core's esbuild
 * plugins; loading the CLI bundle must never make an object whose prototype is String.prototype.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { corePlugins } from "../../scripts/esbuild-plugins.mjs";

const ROOT = path.join(__dirname, "..", "..");

/** Requires `bundle` in a fresh Node with Object.create watched; prints how often it was given String.prototype. */
const WATCH = `
let count = 0;
const create = Object.create;
Object.create = function (proto, props) { if (proto === String.prototype) count++; return create.call(Object, proto, props); };
require(process.argv[2]);
process.stdout.write(String(count));
`;

/** The core's one entry (pipeline.ts, which loads the report writer and its theme), bundled as the CLI is. */
async function stringProtoObjects(plugins: typeof corePlugins): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-interop-"));
  const outfile = path.join(dir, "pipeline.cjs");
  await build({ entryPoints: [path.join(ROOT, "src", "core", "pipeline.ts")], outfile, bundle: true, platform: "node", target: "node20", format: "cjs", packages: "external", logLevel: "silent", plugins });
  const watch = path.join(dir, "watch.cjs");
  await writeFile(watch, WATCH);
  // Dependencies left external are found from the project's node_modules.
  const out = execFileSync(process.execPath, [watch, outfile], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") } });
  return Number(out.trim());
}

describe("a CommonJS module exporting a string (exceljs's theme) in the CLI bundle", () => {
  it("is inlined: loading the core makes no object whose prototype is String.prototype", async () => {
    expect(await stringProtoObjects(corePlugins)).toBe(0);
  }, 60_000);

  it("would be wrapped by esbuild's interop without the plugin (the test can fail)", async () => {
    expect(await stringProtoObjects([])).toBeGreaterThan(0);
  }, 60_000);
});
