/**
 * Builds the add-in into dist/: the task pane, the ribbon function file and the Web Worker into
 * dist/web, a copy of Office.js beside them (served from the pane's own origin, TASKPANE.md
 * "Behaviour"), and dist/manifest.xml whose URLs point at ADDIN_URL.
 *
 *   ADDIN_URL   where dist/web will be served (https, default https://localhost:3000/)
 *   OFFICE_JS   "cdn": reference Microsoft's hosted office.js instead of the local copy
 *
 * `webpack serve` (npm run dev-server) uses https when office-addin-dev-certs' certificates are
 * installed, else plain http with a message saying so.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import type { Configuration } from "webpack";
// type-only: brings `devServer` into webpack's Configuration without loading the server for a build
import type { ServerConfiguration } from "webpack-dev-server";

/** The URL root manifest.xml is written for; the build rewrites it to ADDIN_URL. */
const DEV_URL = "https://localhost:3000/";
const CDN_ORIGIN = "https://appsforoffice.microsoft.com";
const CDN_OFFICE_JS = `${CDN_ORIGIN}/lib/1/hosted/office.js`;
/** Where the local copy of Office.js lands in dist/web; office.js loads its host scripts beside itself. */
const LOCAL_OFFICE_JS = "office-js/office.js";
const OFFICE_JS_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");

/** The add-in's URL root, https and ending in "/". */
function addinUrl(): string {
  const value = process.env.ADDIN_URL?.trim() || DEV_URL;
  const url = new URL(value);
  if (url.protocol !== "https:") throw new Error(`ADDIN_URL must be an https address (Office loads add-ins over https only): ${value}`);
  // Every manifest URL is ADDIN_URL + a file name, written into the XML as it is: no query, fragment or "&".
  if (url.search !== "" || url.hash !== "" || /[?#&]/u.test(value)) throw new Error(`ADDIN_URL must be a folder's address, without "?", "#" or "&": ${value}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** TASKPANE.md: script-src 'self' (plus only Microsoft's CDN with OFFICE_JS=cdn); Griffel injects styles at runtime. */
function contentSecurityPolicy(cdn: boolean): string {
  const scripts = cdn ? `'self' ${CDN_ORIGIN}` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

/**
 * The Office.js files a pane in Excel can load: office.js, the Excel host scripts, the locale
 * strings, telemetry, web auth and the error page. Not copied: debug builds and IntelliSense
 * files (office.js loads the minified ones), the other Office applications' scripts, Outlook's strings.
 */
function isOfficeJsRuntimeFile(file: string): boolean {
  const relative = path.relative(OFFICE_JS_DIST, file).split(path.sep).join("/");
  if (/\.debug\.js$|vsdoc|\.d\.ts$|\/outlook_strings\.js$/u.test(relative)) return false;
  return !/^(access|onenote|outlook|outlookwebapp|powerpoint|powerpointios|project|word|wordios)-/u.test(relative);
}

/** Office.js, already minified by Microsoft: Terser would spend minutes on 13 MB for nothing. */
const officeJsCopy = { from: OFFICE_JS_DIST, to: "office-js", filter: isOfficeJsRuntimeFile, info: { minimized: true } };

/** The root manifest.xml (written for the dev server) with every URL moved to ADDIN_URL. */
function manifestFor(url: string, xml: string): string {
  return xml.split(DEV_URL).join(url);
}

/** What the pages, the manifest and the Office.js copy are made from (the pane's code aside). */
export const PAGE_SOURCES = ["manifest.xml", "webpack.config.ts", "package.json", "src/taskpane/taskpane.html", "src/commands/commands.html", "assets"];

/** A digest of PAGE_SOURCES' contents, read when the build starts: build-info.json says what a build was made from. */
export function pageSourcesDigest(): string {
  const hash = createHash("sha256");
  const add = (relative: string): void => {
    const file = path.resolve(__dirname, relative);
    if (statSync(file).isDirectory()) {
      for (const name of readdirSync(file).sort()) add(`${relative}/${name}`);
      return;
    }
    hash.update(`${relative}\0`).update(readFileSync(file));
  };
  PAGE_SOURCES.forEach(add);
  return hash.digest("hex");
}

function buildInfo(url: string, cdn: boolean, version: string, sources: string): string {
  return `${JSON.stringify({ version, addinUrl: url, officeJs: cdn ? CDN_OFFICE_JS : LOCAL_OFFICE_JS, sources }, null, 2)}\n`;
}

async function devServerHttps(): Promise<ServerConfiguration> {
  const certs = path.join(os.homedir(), ".office-addin-dev-certs");
  if (!existsSync(path.join(certs, "localhost.crt"))) {
    console.warn(
      `dev-server: no certificates in ${certs}; serving plain http. Office needs https: run ` +
        "`npx office-addin-dev-certs install` (Windows/Mac), then `npm run dev-server` again.",
    );
    return { type: "http" };
  }
  try {
    const { getHttpsServerOptions } = await import("office-addin-dev-certs");
    return { type: "https", options: await getHttpsServerOptions() };
  } catch (error) {
    console.warn(`dev-server: office-addin-dev-certs could not give https options (${String(error)}); serving plain http.`);
    return { type: "http" };
  }
}

interface Env {
  WEBPACK_SERVE?: boolean;
}

const config = async (env: Env, argv: { mode?: "development" | "production" }): Promise<Configuration> => {
  const mode = argv.mode ?? "production";
  const cdn = process.env.OFFICE_JS === "cdn";
  const url = addinUrl();
  const pageParameters = {
    csp: contentSecurityPolicy(cdn),
    officeJs: cdn ? CDN_OFFICE_JS : LOCAL_OFFICE_JS,
  };
  const sources = pageSourcesDigest();
  const version = (JSON.parse(readFileSync(path.resolve(__dirname, "package.json"), "utf8")) as { version: string }).version;
  return {
    mode,
    devtool: mode === "development" ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist/web"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
      // write every file on every build, so a file's time says when it was built (tests compare it with the sources)
      compareBeforeEmit: false,
    },
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/u, exclude: /node_modules/u, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
    },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: { ...pageParameters, version },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters: pageParameters,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          // The pane's help link: a short guide for the user, served beside the pane.
          { from: "src/taskpane/help.html", to: "help.html" },
          ...(cdn ? [] : [officeJsCopy]),
          // Out of dist/web on purpose: the manifest is uploaded to Office, not served.
          { from: "manifest.xml", to: "../manifest.xml", transform: (content: Buffer) => manifestFor(url, content.toString("utf8")) },
          // What this build was made for, so tests and people can tell a deployment build from the default one.
          { from: "package.json", to: "../build-info.json", transform: () => buildInfo(url, cdn, version, sources) },
        ],
      }),
    ],
    devServer: {
      headers: { "Content-Security-Policy": pageParameters.csp },
      host: "localhost", // Office on this machine only; nothing else on the network needs the pane's sources
      static: false,
      port: Number(process.env.npm_package_config_dev_server_port ?? 3000),
      server: env.WEBPACK_SERVE ? await devServerHttps() : "http",
    },
  };
};

export default config;
