/**
 * The built add-in checked offline (office-addin-manifest validate needs Microsoft's service, and
 * the XSDs are not in any installed package: docs/DECISIONS.md): dist/manifest.xml parsed as XML
 * and checked against dist/web, and the built pages' Content Security Policy (TASKPANE.md
 * "Behaviour"). dist is built once when it is missing or older than what it is made from.
 * A light second build through the same webpack config (stub scripts) checks OFFICE_JS=cdn and a
 * deployment ADDIN_URL.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { SaxesParser } from "saxes";
import webpack from "webpack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import webpackConfig, { pageSourcesDigest } from "../webpack.config";

const ROOT = path.join(__dirname, "..");
const DEFAULT_URL = "https://localhost:3000/";
const DEPLOY_URL = "https://intranet.example/tonghop/";
const CDN_ORIGIN = "https://appsforoffice.microsoft.com";
const ADDIN_ID = "6f1d3a52-8c4e-4b7a-9d2e-3b5a7c9e1f40";

// ---------------------------------------------------------------------------------------------
// A small XML tree from saxes (which throws on anything not well-formed).

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...(tag.attributes as Record<string, string>) }, children: [], text: "" };
    stack.at(-1)?.children.push(element);
    stack.push(element);
    root ??= element;
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on("closetag", () => void stack.pop());
  parser.write(xml).close();
  if (root === null) throw new Error("no root element");
  return root;
}

function descendants(element: XmlElement): XmlElement[] {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

const named = (root: XmlElement, name: string): XmlElement[] => descendants(root).filter((e) => e.name === name);

function only(root: XmlElement, name: string): XmlElement {
  const found = named(root, name);
  expect(found, name).toHaveLength(1);
  return found[0] as XmlElement;
}

// ---------------------------------------------------------------------------------------------
// The pages: script sources and the Content Security Policy.

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>/giu)].map((m) => {
    const src = /\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/iu.exec(m[1] ?? "");
    return src?.[1] ?? src?.[2] ?? src?.[3] ?? "(inline)";
  });
}

function policyOf(html: string): Map<string, string[]> {
  const content = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content="([^"]+)"/iu.exec(html)?.[1];
  expect(content, "CSP meta tag").toBeDefined();
  const directives = new Map<string, string[]>();
  for (const part of (content ?? "").split(";")) {
    const [name, ...values] = part.trim().split(/\s+/u);
    if (name) directives.set(name, values);
  }
  return directives;
}

const isOwnOrigin = (src: string): boolean => !/^[a-z][a-z0-9+.-]*:|^\/\//iu.test(src);

// ---------------------------------------------------------------------------------------------
// The builds.

interface Build {
  readonly web: string;
  readonly manifest: string;
  /** What the build was made for, and a digest of what its pages and manifest were made from. */
  readonly info: { readonly version: string; readonly addinUrl: string; readonly officeJs: string; readonly sources: string };
}

function readBuild(dist: string): Build {
  return {
    web: path.join(dist, "web"),
    manifest: readFileSync(path.join(dist, "manifest.xml"), "utf8"),
    info: JSON.parse(readFileSync(path.join(dist, "build-info.json"), "utf8")) as Build["info"],
  };
}

/** dist when it is a default build of the current pages and manifest; else a default build (into dist, or a temp dir when dist holds a deployment build). */
async function defaultBuild(temp: string): Promise<Build> {
  const dist = path.join(ROOT, "dist");
  const infoFile = path.join(dist, "build-info.json");
  const built = [infoFile, path.join(dist, "manifest.xml"), path.join(dist, "web", "taskpane.html")].every((f) => existsSync(f));
  const info = built ? readBuild(dist).info : null;
  const isDefault = info === null || (info.addinUrl === DEFAULT_URL && info.officeJs === "office-js/office.js");
  const fresh = info !== null && info.sources === pageSourcesDigest();
  if (fresh && isDefault) return readBuild(dist);
  const env = { ...process.env };
  delete env.ADDIN_URL;
  delete env.OFFICE_JS;
  const out = isDefault ? dist : temp;
  const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  await promisify(execFile)(process.execPath, [cli, "--mode", "production", "--output-path", path.join(out, "web")], {
    cwd: ROOT,
    env,
    maxBuffer: 64 << 20,
  });
  return readBuild(out);
}

/** The real webpack config with stub scripts: the pages, the copied files and the manifest, in seconds. */
async function lightBuild(out: string, env: { ADDIN_URL: string; OFFICE_JS: string }): Promise<Build> {
  await mkdir(out, { recursive: true });
  const stub = path.join(out, "stub.js");
  await writeFile(stub, "export {};\n");
  const saved = { ADDIN_URL: process.env.ADDIN_URL, OFFICE_JS: process.env.OFFICE_JS };
  Object.assign(process.env, env);
  try {
    const config = await webpackConfig({}, { mode: "production" });
    config.entry = { taskpane: stub, commands: stub };
    config.output = { ...config.output, path: path.join(out, "web") };
    config.context = ROOT;
    await new Promise<void>((resolve, reject) => {
      webpack(config, (error, stats) => {
        if (error) reject(error);
        else if (stats?.hasErrors()) reject(new Error(stats.toString("errors-only")));
        else resolve();
      });
    });
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
  return readBuild(out);
}

let temp = "";
let build: Build;
let manifest: XmlElement;

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), "tonghop-manifest-"));
  build = await defaultBuild(temp);
  manifest = parseXml(build.manifest);
}, 900_000);

afterAll(async () => {
  await rm(temp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------

function checkManifest(root: XmlElement, web: string, url: string): void {
  // Every URL: https, under the add-in's URL; the files it names exist in the build.
  // (namespace names are identifiers that look like URLs, not addresses)
  const urls = descendants(root).flatMap((e) =>
    Object.entries(e.attributes)
      .filter(([name, value]) => !/^xmlns(:|$)/u.test(name) && /^[a-z]+:\/\//iu.test(value))
      .map(([, value]) => value),
  );
  expect(urls.length).toBeGreaterThan(5);
  for (const value of urls) {
    expect(value).toMatch(/^https:\/\//u);
    expect(value.startsWith(url), `${value} under ${url}`).toBe(true);
    const file = path.join(web, ...(value.slice(url.length).split("?")[0] ?? "").split("/"));
    expect(existsSync(file) && statSync(file).isFile(), `${value} is built`).toBe(true);
  }
}

describe("dist/manifest.xml (default build)", () => {
  it("is well-formed XML: an Excel task pane with the add-in's GUID and version", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    const id = only(manifest, "Id").text.trim();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu);
    expect(id).toBe(ADDIN_ID); // a new id would be a new add-in for every user who has it
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(only(manifest, "Version").text.trim()).toBe(`${pkg.version}.0`);
    expect(() => parseXml(build.manifest.replace("</Hosts>", ""))).toThrow(); // the parser does reject broken XML
  });

  it("has OfficeApp's children in the order Office requires (an element out of order: the add-in does not load)", () => {
    // learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering, TaskPaneApp.
    const ORDER = ["Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "AllowSnapshot", "VersionOverrides"];
    const names = manifest.children.map((e) => e.name);
    expect(names.every((n) => ORDER.includes(n)), names.join(" ")).toBe(true);
    expect([...names].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))).toEqual(names);
    for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings"]) expect(names).toContain(required);
    expect((only(manifest, "DisplayName").attributes.DefaultValue ?? "").length).toBeLessThanOrEqual(125);
    expect((manifest.children.find((e) => e.name === "Description")?.attributes.DefaultValue ?? "").length).toBeLessThanOrEqual(250);
  });

  it("support and 'learn more' lead to the help page, not to the pane itself", () => {
    expect(only(manifest, "SupportUrl").attributes.DefaultValue).toBe(`${DEFAULT_URL}help.html`);
    const learnMore = only(manifest, "LearnMoreUrl").attributes.resid ?? "";
    expect(named(manifest, "bt:Url").find((u) => u.attributes.id === learnMore)?.attributes.DefaultValue).toBe(`${DEFAULT_URL}help.html`);
  });

  it("targets Workbook with ExcelApi 1.8 and may read the open workbook", () => {
    const hosts = only(manifest.children.find((e) => e.name === "Hosts") as XmlElement, "Host");
    expect(hosts.attributes.Name).toBe("Workbook");
    expect(named(manifest, "Host").filter((h) => h.attributes["xsi:type"] === "Workbook")).toHaveLength(1);
    const sets = named(manifest, "Set").map((s) => `${s.attributes.Name} ${s.attributes.MinVersion}`);
    expect(sets).toEqual(["ExcelApi 1.8"]);
    // getFileAsync(Compressed) needs ReadAllDocument or more
    expect(only(manifest, "Permissions").text.trim()).toBe("ReadWriteDocument");
  });

  it("every resid resolves to a resource of the right kind, within Office's length limits", () => {
    const kinds = new Map<string, string>();
    for (const [group, kind] of [["bt:Images", "image"], ["bt:Urls", "url"], ["bt:ShortStrings", "short"], ["bt:LongStrings", "long"]] as const) {
      for (const resource of only(manifest, group).children) {
        const id = resource.attributes.id ?? "";
        expect(kinds.has(id), `${id} defined once`).toBe(false);
        kinds.set(id, kind);
        const value = resource.attributes.DefaultValue ?? "";
        if (kind === "short") expect(value.length, id).toBeLessThanOrEqual(125);
        if (kind === "long") expect(value.length, id).toBeLessThanOrEqual(250);
      }
    }
    const expected: Readonly<Record<string, string>> = {
      "bt:Image": "image",
      SourceLocation: "url",
      FunctionFile: "url",
      LearnMoreUrl: "url",
      Label: "short",
      Title: "short",
      Description: "long",
    };
    const references = descendants(manifest).filter((e) => e.attributes.resid !== undefined);
    expect(references.length).toBeGreaterThan(10);
    for (const element of references) {
      const resid = element.attributes.resid ?? "";
      expect(kinds.get(resid), `${element.name} resid="${resid}"`).toBe(expected[element.name]);
    }
    for (const control of named(manifest, "Control")) expect((control.attributes.id ?? "").length).toBeLessThanOrEqual(125);
    // A resource id is at most 32 characters (the schema's ShortString id).
    for (const id of kinds.keys()) expect(id.length, id).toBeLessThanOrEqual(32);
  });

  it("every URL is https under ADDIN_URL and names a built file (pages, icons)", () => {
    expect(build.info.addinUrl).toBe(DEFAULT_URL);
    checkManifest(manifest, build.web, DEFAULT_URL);
    const source = only(only(manifest, "DefaultSettings"), "SourceLocation").attributes.DefaultValue;
    expect(source).toBe(`${DEFAULT_URL}taskpane.html`);
  });

  it("icons are PNGs of the size they are declared at", () => {
    const pngSize = (url: string): number[] => {
      const png = readFileSync(path.join(build.web, url.slice(DEFAULT_URL.length)));
      expect(png.subarray(1, 4).toString("latin1"), url).toBe("PNG");
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    const images = new Map(named(only(manifest, "bt:Images"), "bt:Image").map((i) => [i.attributes.id ?? "", i.attributes.DefaultValue ?? ""]));
    for (const [id, url] of images) {
      const size = Number(/(\d+)x\1/u.exec(id)?.[1]);
      expect(pngSize(url), id).toEqual([size, size]);
    }
    // Each button icon's `size` is the size of the picture its resid names.
    const uses = named(manifest, "bt:Image").filter((i) => i.attributes.size !== undefined);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(pngSize(images.get(use.attributes.resid ?? "") ?? ""), use.attributes.resid).toEqual([Number(use.attributes.size), Number(use.attributes.size)]);
    // The add-in's own icons: 32×32 and 64×64 (the manifest reference's sizes).
    expect(pngSize(only(manifest, "IconUrl").attributes.DefaultValue ?? "")).toEqual([32, 32]);
    expect(pngSize(only(manifest, "HighResolutionIconUrl").attributes.DefaultValue ?? "")).toEqual([64, 64]);
  });
});

describe("the built pages (default build: Office.js from the pane's own origin)", () => {
  for (const page of ["taskpane.html", "commands.html"]) {
    it(`${page}: the CSP of TASKPANE.md, and every script from the pane's own origin`, () => {
      const html = readFileSync(path.join(build.web, page), "utf8");
      const csp = policyOf(html);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("worker-src")).toEqual(["'self'", "blob:"]);
      expect(csp.get("connect-src")).toEqual(["'self'"]);
      expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect([...csp.values()].flat().filter((v) => /^https?:/u.test(v))).toEqual([]);

      const scripts = scriptSources(html);
      expect(scripts[0]).toBe("office-js/office.js"); // Office.js first, before the pane's script
      for (const src of scripts) {
        expect(isOwnOrigin(src), src).toBe(true);
        expect(existsSync(path.join(build.web, src)), src).toBe(true);
      }
    });
  }

  it("the taskpane page has the root React renders into and its script", () => {
    const html = readFileSync(path.join(build.web, "taskpane.html"), "utf8");
    expect(html).toMatch(/<div id=["']?root["']?>/u);
    expect(scriptSources(html).some((s) => /^taskpane\.[0-9a-f]{8}\.js$/u.test(s))).toBe(true);
  });

  it("the pane's help link leads to a page the build serves, with no script", () => {
    const header = readFileSync(path.join(__dirname, "..", "src", "taskpane", "components", "Header.tsx"), "utf8");
    const help = /HELP_URL = "([^"]+)"/u.exec(header)?.[1] ?? "";
    expect(help).not.toBe("");
    const html = readFileSync(path.join(build.web, help), "utf8");
    expect(html).toContain("Tình hình nộp");
    expect(scriptSources(html)).toEqual([]);
  });

  it("the copy of Office.js holds what office.js loads in Excel: host scripts, locale strings, telemetry", () => {
    const dir = path.join(build.web, "office-js");
    for (const file of [
      "office.js",
      "excel-win32-16.01.js",
      "excel-mac-16.00.js",
      "excel-web-16.00.js",
      "o15apptofilemappingtable.js",
      "vi-vn/office_strings.js",
      "en-us/office_strings.js",
      "telemetry/oteljs_agave.js",
      "ariatelemetry/aria-web-telemetry.js",
      "agaveerrorux/index.html",
    ]) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
    }
    expect(existsSync(path.join(dir, "office.debug.js"))).toBe(false);
    expect(existsSync(path.join(dir, "word-win32-16.01.js"))).toBe(false);
  });
});

describe("a deployment build: ADDIN_URL and OFFICE_JS=cdn", () => {
  let cdn: Build;
  beforeAll(async () => {
    cdn = await lightBuild(path.join(temp, "cdn"), { ADDIN_URL: DEPLOY_URL.slice(0, -1), OFFICE_JS: "cdn" });
  }, 300_000);

  it("the manifest points at ADDIN_URL (a trailing / added) and still resolves", () => {
    expect(cdn.info.addinUrl).toBe(DEPLOY_URL);
    const root = parseXml(cdn.manifest);
    checkManifest(root, cdn.web, DEPLOY_URL);
    expect(cdn.manifest).not.toContain("localhost");
    expect(only(root, "Id").text.trim()).toBe(ADDIN_ID);
  });

  it("the pages load office.js from appsforoffice.microsoft.com only, and the CSP adds only that origin", () => {
    for (const page of ["taskpane.html", "commands.html"]) {
      const html = readFileSync(path.join(cdn.web, page), "utf8");
      const scripts = scriptSources(html);
      expect(scripts[0]).toBe(`${CDN_ORIGIN}/lib/1/hosted/office.js`);
      expect(scripts.slice(1).every(isOwnOrigin)).toBe(true);
      const csp = policyOf(html);
      expect(csp.get("script-src")).toEqual(["'self'", CDN_ORIGIN]);
      expect([...csp.values()].flat().filter((v) => /^https?:/u.test(v))).toEqual([CDN_ORIGIN]);
    }
    expect(existsSync(path.join(cdn.web, "office-js"))).toBe(false);
  });

  it("refuses an ADDIN_URL that is not https", async () => {
    await expect(lightBuild(path.join(temp, "http"), { ADDIN_URL: "http://intranet.example/", OFFICE_JS: "" })).rejects.toThrow(/https/u);
  });

  it("refuses an ADDIN_URL with a query or fragment (it is written into the manifest's XML as it is)", async () => {
    await expect(lightBuild(path.join(temp, "query"), { ADDIN_URL: "https://intranet.example/tonghop/?a=1&b=2", OFFICE_JS: "" })).rejects.toThrow(/folder's address/u);
    await expect(lightBuild(path.join(temp, "hash"), { ADDIN_URL: "https://intranet.example/tonghop/#x", OFFICE_JS: "" })).rejects.toThrow(/folder's address/u);
    // A bare "?" leaves URL.search empty: the text itself is checked.
    await expect(lightBuild(path.join(temp, "bare"), { ADDIN_URL: "https://intranet.example/tonghop?", OFFICE_JS: "" })).rejects.toThrow(/folder's address/u);
  });
});
