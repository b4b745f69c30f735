/**
 * scripts/serve.mjs (`npm run serve`) over a small built-like folder: the pane at "/", MIME types,
 * the page's CSP sent as a header, nothing outside the folder reachable however the path is spelled.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import http, { type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../scripts/serve.mjs";

const POLICY = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; connect-src 'self'";
let dir = "";
let base = "";
let server: Server;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tonghop-serve-"));
  const web = path.join(dir, "web");
  await mkdir(path.join(web, "assets"), { recursive: true });
  await writeFile(path.join(web, "taskpane.html"), `<html><head><meta http-equiv="Content-Security-Policy" content="${POLICY}"></head></html>`);
  await writeFile(path.join(web, "taskpane.0123abcd.js"), "export {};");
  await writeFile(path.join(web, "assets", "icon-16.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await writeFile(path.join(web, "data.json"), "{}");
  await writeFile(path.join(dir, "secret.txt"), "outside the served folder");
  const started = await serve({ root: web, port: 0 });
  server = started.server;
  base = new URL(started.url).origin;
  expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/taskpane\.html$/u);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** fetch() would normalise "..": send the path exactly as written. */
async function get(rawPath: string): Promise<{ status: number; type: string | null; csp: string | null; location: string | null }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${rawPath}`, (response) => {
        response.resume();
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers["content-type"] ?? null,
          csp: (response.headers["content-security-policy"] as string | undefined) ?? null,
          location: response.headers.location ?? null,
        });
      })
      .on("error", reject);
  });
}

describe("npm run serve", () => {
  it("serves the pane with its MIME type and its CSP as a header", async () => {
    expect(await get("/")).toMatchObject({ status: 302, location: "/taskpane.html" });
    expect(await get("/taskpane.html")).toMatchObject({ status: 200, type: "text/html; charset=utf-8", csp: POLICY });
    expect(await get("/taskpane.0123abcd.js")).toMatchObject({ status: 200, type: "text/javascript; charset=utf-8" });
    expect(await get("/assets/icon-16.png")).toMatchObject({ status: 200, type: "image/png" });
    expect(await get("/data.json")).toMatchObject({ status: 200, type: "application/json; charset=utf-8" });
    expect((await get("/missing.js")).status).toBe(404);
    expect((await get("/assets")).status).toBe(404);
  });

  it("never serves a file outside its folder", async () => {
    for (const attempt of ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/assets/..%2f..%2fsecret.txt", "/..\\secret.txt", "/%2e%2e%5csecret.txt", "/taskpane.html%00.png"]) {
      expect((await get(attempt)).status, attempt).toBe(404);
    }
  });
});
