#!/usr/bin/env node
// Entry point of the `tonghop` command: runs the bundled CLI (built by `npm run build:cli`,
// which `npm ci` runs through the `prepare` script).
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "cli.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("tonghop: chưa dựng CLI; chạy `npm run build:cli` / CLI not built; run `npm run build:cli`\n");
  process.exit(2);
}
require(bundle).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(String(err && err.stack || err) + "\n"); process.exitCode = 2; },
);
