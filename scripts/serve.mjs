// Serves the built pane (dist/web, from `npm run build`) on http://127.0.0.1:3000, so it can be
// used in a browser without Office. PORT changes the port, HOST the address (loopback by default:
// the files never leave this machine). The page's Content Security Policy is also sent as a header,
// read from the built taskpane.html so that both always say the same.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, URL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".gif": "image/gif",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** The CSP of the built page (its meta tag), or null when the page has none. */
export function builtPolicy(root) {
  const page = path.join(root, "taskpane.html");
  if (!existsSync(page)) return null;
  return /http-equiv=["']?Content-Security-Policy["']?\s+content="([^"]+)"/iu.exec(readFileSync(page, "utf8"))?.[1] ?? null;
}

/** The file under `root` a URL path names, or null when it would leave `root` or is not a file. */
export function fileFor(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "");
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/** A static server over `root`; resolves once it listens, with its address. */
export function serve({ root, port = 3000, host = "127.0.0.1" }) {
  const base = path.resolve(root);
  const policy = builtPolicy(base);
  const server = http.createServer((request, response) => {
    const urlPath = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (urlPath === "/") {
      response.writeHead(302, { Location: "/taskpane.html" }).end();
      return;
    }
    const file = fileFor(base, urlPath);
    if (file === null) {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      return;
    }
    const headers = {
      "Content-Type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": statSync(file).size,
      "X-Content-Type-Options": "nosniff",
      // content-hashed bundles never change; pages and office.js are checked again every time
      "Cache-Control": /\.[0-9a-f]{8}\.js$/u.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (policy !== null) headers["Content-Security-Policy"] = policy;
    response.writeHead(200, headers);
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address !== null ? address.port : port;
      resolve({ server, url: `http://${host}:${actualPort}/taskpane.html` });
    });
  });
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist", "web");
  if (!existsSync(path.join(root, "taskpane.html"))) {
    console.error(`Chưa có bản dựng trong ${root}. Hãy chạy: npm run build  (No build in ${root}: run npm run build first.)`);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  try {
    const { url } = await serve({ root, port, host: process.env.HOST ?? "127.0.0.1" });
    console.log(`Tổng hợp báo cáo: ${url}`);
    console.log("Mở địa chỉ trên trong trình duyệt; Ctrl+C để dừng. (Open the address in a browser; Ctrl+C to stop.)");
  } catch (error) {
    const busy = error instanceof Error && "code" in error && error.code === "EADDRINUSE";
    console.error(busy ? `Cổng ${port} đang bận: thử PORT=3001 npm run serve (port ${port} is in use).` : String(error));
    process.exit(1);
  }
}
