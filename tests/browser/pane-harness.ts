/**
 * The harness of the pane's browser test (tests/pane-browser.test.ts): the built pane served on
 * loopback, one headless Debian Chromium, every request that is not loopback aborted and counted,
 * every page error collected, and the few things a user does that Playwright has no verb for
 * (dropping files on the drop zone, watching long tasks).
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist", "web");

/** What the pane's bundle is made from: any of these newer than the build means the build is stale. */
const BUILD_SOURCES = ["src", "webpack.config.ts", "package.json", "package-lock.json"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function oldestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let oldest = Number.POSITIVE_INFINITY;
  for (const name of readdirSync(p)) oldest = Math.min(oldest, oldestMtime(path.join(p, name)));
  return oldest;
}

/**
 * A private copy of the built pane: dist/web when it is newer than every source, else a fresh
 * webpack build (about a minute of CPU). Either way the test serves its own directory, so another `npm run build` (which
 * cleans dist/web) cannot pull files from under the running page.
 */
export async function builtPane(): Promise<{ dir: string; from: string }> {
  // PANE_DIR: serve a build made beforehand (`webpack --output-path DIR`), as is.
  const given = process.env.PANE_DIR;
  if (given) return { dir: given, from: `PANE_DIR=${given}` };
  const dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-pane-browser-build-"));
  const sources = Math.max(...BUILD_SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  const fresh = existsSync(path.join(DIST, "taskpane.html")) && oldestMtime(DIST) > sources;
  if (fresh) {
    await cp(DIST, dir, { recursive: true });
    return { dir, from: "dist/web (newer than the sources)" };
  }
  const webpack = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  await promisify(execFile)(process.execPath, [webpack, "--mode", "production", "--output-path", dir], { cwd: ROOT, maxBuffer: 64 << 20 });
  return { dir, from: "a fresh webpack build" };
}

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

export interface Served {
  readonly url: string;
  /** Every path asked for, in order (to see what the page loads). */
  readonly requested: string[];
  close(): Promise<void>;
}

/** A static server over `dir` on 127.0.0.1 (an ephemeral port); "/" is the pane. */
export async function serveStatic(dir: string): Promise<Served> {
  const requested: string[] = [];
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    requested.push(urlPath);
    const file = path.resolve(root, "." + (urlPath === "/" ? "/taskpane.html" : urlPath));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--lang=vi-VN",
    ],
  });
}

/** What the test watches on every page of a context. */
export interface Watch {
  /** URLs of requests that were not loopback (aborted). */
  readonly offsite: string[];
  /** Uncaught exceptions in the page (and its workers, as the page reports them). */
  readonly pageErrors: string[];
  /** console.error messages, apart from a missing favicon and the policy's refusals below. */
  readonly consoleErrors: string[];
  /** The page's Content Security Policy refusing another origin: no request was made, but one was tried. */
  readonly refusedByPolicy: string[];
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:") return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/** A context whose every non-loopback request is aborted and counted, watched for page errors. */
export async function watchedContext(browser: Browser, watch: Watch, width = 380, height = 900): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 2,
    acceptDownloads: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    watch.offsite.push(url);
    return route.abort("blockedbyclient");
  });
  context.on("page", (page) => {
    // Intercept file choosers from the start: enabling it only when a test waits for one races
    // with the key press or click that opens it (seen as a lost chooser about one time in three).
    page.on("filechooser", () => undefined);
    page.on("pageerror", (err) => watch.pageErrors.push(err.stack ?? err.message));
    page.on("console", (msg) => {
      if (msg.type() !== "error" || msg.location().url.endsWith("/favicon.ico")) return;
      const text = `${msg.text()} (${msg.location().url})`;
      if (/violates the following Content Security Policy directive/u.test(text) && /'https?:\/\/(?!127\.0\.0\.1|localhost)/u.test(text)) watch.refusedByPolicy.push(text);
      else watch.consoleErrors.push(text);
    });
  });
  return context;
}

export interface FileBytes {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * Drops `files` on `target` as a user dragging them from the file manager would: dragenter,
 * dragover and drop with a DataTransfer built in the page from the given bytes.
 */
export async function dropFiles(page: Page, target: Locator, files: readonly FileBytes[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString("base64") }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const raw = atob(item.base64);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      const type = item.name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "";
      dt.items.add(new File([bytes], item.name, { type }));
    }
    return dt;
  }, payload);
  await target.dispatchEvent("dragenter", { dataTransfer });
  await target.dispatchEvent("dragover", { dataTransfer });
  await target.dispatchEvent("drop", { dataTransfer });
  await dataTransfer.dispose();
}

/** Starts recording main-thread long tasks (PerformanceObserver 'longtask') in the page. */
export async function startLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTasks = [];
    w.__longTaskObserver?.disconnect();
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    });
    observer.observe({ type: "longtask", buffered: false });
    w.__longTaskObserver = observer;
  });
}

/** The long tasks seen since startLongTasks (durations in ms), and stops recording. */
export async function stopLongTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    w.__longTaskObserver?.disconnect();
    return w.__longTasks.slice();
  });
}

/**
 * axe-core's violations of impact serious or critical on the page as it is now. axe is evaluated
 * through the DevTools protocol: the pane's policy (script-src 'self') rightly refuses an injected
 * <script>.
 */
export async function seriousAxeViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  const has = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!has) await page.evaluate(await readFile(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  const violations = await page.evaluate(async () => {
    interface AxeResult {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    }
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
