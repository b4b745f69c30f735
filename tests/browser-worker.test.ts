/**
 * One pipeline, many hosts: the core runs unchanged in a Web Worker in headless Chromium and gives
 * the same inputs, the same summary and a byte-identical report as in Node (WORKBOOKS.md §2.10).
 * Chromium is Debian's (/usr/bin/chromium, installed by .ci/run); every request that is not
 * loopback is blocked.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { corePlugins } from "../scripts/esbuild-plugins.mjs";
import { chromium } from "playwright-core";
import { serveStatic } from "./browser/pane-harness";
import { describe, expect, it } from "vitest";
import { runPipeline, type PipelineResult } from "./browser/pipeline-worker";


describe("the core in a Web Worker", () => {
  it("gives the same report, byte for byte, as in Node", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-browser-"));
    await build({
      entryPoints: [path.join(__dirname, "browser", "pipeline-worker.ts")],
      outfile: path.join(dir, "worker.js"),
      bundle: true,
      platform: "browser",
      format: "iife",
      target: "es2022",
      logLevel: "warning",
      plugins: corePlugins,
    });
    await writeFile(
      path.join(dir, "index.html"),
      `<!doctype html><meta charset="utf-8"><script>
        const w = new Worker("worker.js");
        w.onmessage = (e) => { window.__result = e.data; };
        w.onerror = (e) => { window.__result = { ok: false, error: e.message }; };
        w.postMessage("run");
      </script>`,
    );
    const server = await serveStatic(dir);
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const context = await browser.newContext();
      await context.route("**/*", (route) => {
        const host = new URL(route.request().url()).hostname;
        return host === "127.0.0.1" || host === "localhost" ? route.continue() : route.abort();
      });
      const page = await context.newPage();
      await page.goto(`${server.url}index.html`);
      await page.waitForFunction(() => (window as unknown as { __result?: unknown }).__result !== undefined, undefined, { timeout: 240_000 });
      const message = (await page.evaluate(() => (window as unknown as { __result: unknown }).__result)) as { ok: boolean; result?: PipelineResult; error?: string };
      expect(message.error).toBeUndefined();
      const inBrowser = message.result as PipelineResult;
      const inNode = await runPipeline();
      expect(inBrowser.files).toBeGreaterThan(40);
      expect(inBrowser).toEqual(inNode);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);
});
