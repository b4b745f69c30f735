// Bundles the CLI (src/cli/main.ts and the core it uses) into dist/cli.cjs, so that
// `npx tonghop` works right after `npm ci` (run by the `prepare` script).
import { build } from "esbuild";
import { corePlugins } from "./esbuild-plugins.mjs";

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: true,
  logLevel: "warning",
  // exceljs is CommonJS with optional Node dependencies; leave dependencies to node_modules.
  packages: "external",
  plugins: corePlugins,
};
await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/cli.cjs" });
// The read pool's worker (--jobs), found beside the CLI bundle.
await build({ ...common, entryPoints: ["src/cli/pool/read-worker.ts"], outfile: "dist/cli-read-worker.cjs" });
