// `npm run bench`: bundles the CLI and bench/*.ts, then runs the bench (figures in bench/RESULTS.md,
// not pass/fail). Arguments are passed on: --sizes 100,1000 --rounds 5,3 --out FILE --corpus DIR;
// `--build-only` bundles without running (then `node dist/bench/read-profile.cjs`, …).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { corePlugins } from "./esbuild-plugins.mjs";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", packages: "external", logLevel: "warning", plugins: corePlugins };
execFileSync(process.execPath, ["scripts/build-cli.mjs"], { stdio: "inherit" });
await build({ ...common, entryPoints: ["bench/main.ts"], outfile: "dist/bench/main.cjs" });
await build({ ...common, entryPoints: ["bench/floor.ts"], outfile: "dist/bench/floor.cjs" });
// The profiles (figures for one part, not in RESULTS.md) are built beside; `--build-only` stops here.
for (const name of ["read-profile", "validate-profile", "report"]) await build({ ...common, entryPoints: [`bench/${name}.ts`], outfile: `dist/bench/${name}.cjs` });
const args = process.argv.slice(2);
if (!args.includes("--build-only")) execFileSync(process.execPath, ["dist/bench/main.cjs", ...args], { stdio: "inherit" });
