/**
 * The pane's worker entry (src/taskpane/worker/worker.ts) in a real Web Worker in headless Chromium,
 * called through the pane's client: the same check view and the same report bytes as the handlers
 * in Node, errors posted back as messages, the caller's bytes kept. Every request that is not
 * loopback is aborted.
 */
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { corePlugins } from "../scripts/esbuild-plugins.mjs";
import { chromium } from "playwright-core";
import { serveStatic } from "./browser/pane-harness";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../src/core/read/sha256";
import { DEFAULT_PANE_OPTIONS, type StoredFile } from "../src/taskpane/api";
import { handlers } from "../src/taskpane/worker/handlers";
import type { PageResult } from "./browser/pane-worker-page";

const FOLDER = path.join(__dirname, "fixtures", "submissions", "folder-2023-H1");
const NAMES = ["BM_VU-TCCB_2023-H1.xlsx", "BM_VU-TTBC_2023-H1.xlsx", "BM_UB-NVNONN_2023-H1.xlsx", "BM_VU-ASEAN_2023-H1.xlsx", "ghi-chu.txt"];


describe("the pane's worker in a real Web Worker", () => {
  it("checks and consolidates as the handlers do in Node; errors come back as messages", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-pane-worker-"));
    const common = { bundle: true, platform: "browser", target: "es2022", logLevel: "warning", plugins: corePlugins } as const;
    await build({ ...common, entryPoints: [path.join(__dirname, "..", "src", "taskpane", "worker", "worker.ts")], outfile: path.join(dir, "worker.js"), format: "iife" });
    await build({ ...common, entryPoints: [path.join(__dirname, "browser", "pane-worker-page.ts")], outfile: path.join(dir, "page.js"), format: "esm" });
    await writeFile(path.join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>`);
    await writeFile(path.join(dir, "files.json"), JSON.stringify(NAMES));
    await mkdir(path.join(dir, "f"));
    const files: StoredFile[] = [];
    for (const [i, name] of NAMES.entries()) {
      const buf = await readFile(path.join(FOLDER, name));
      await writeFile(path.join(dir, "f", name), buf);
      const bytes = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
      files.push({ id: `id-${i}`, name, originalName: name, size: buf.length, sha256: "", source: "file", received: null, bytes });
    }
    const server = await serveStatic(dir);
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
    let offLoopback = 0;
    try {
      const context = await browser.newContext();
      await context.route("**/*", (route) => {
        const host = new URL(route.request().url()).hostname;
        if (host === "127.0.0.1" || host === "localhost") return route.continue();
        offLoopback++;
        return route.abort();
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await page.goto(`${server.url}index.html`);
      await page.waitForFunction(() => (window as { __result?: unknown }).__result !== undefined, undefined, { timeout: 240_000 });
      const message = (await page.evaluate(() => (window as { __result?: unknown }).__result)) as { ok: boolean; result?: PageResult; error?: string };
      expect(message.error).toBeUndefined();
      const result = message.result as PageResult;
      const request = { periodId: "2023-H1", files, history: [], roster: null, options: DEFAULT_PANE_OPTIONS };
      const inNode = await handlers.check(request, () => undefined);
      expect(result.check).toEqual(JSON.parse(JSON.stringify(inNode)));
      const report = await handlers.consolidate(request, () => undefined);
      expect(result.reportSha).toBe(sha256Hex(new Uint8Array(report.report)));
      expect(result.error).toMatchObject({ vi: expect.stringMatching(/6 tháng cuối năm/u) });
      expect(result.lastProgress).toEqual({ phase: "read", done: NAMES.length, total: NAMES.length });
      expect(result.keptBytes).toEqual(result.sizes);
      expect(pageErrors).toEqual([]);
      expect(offLoopback).toBe(0);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);
});
