// `npm run bench`: bundles the CLI and bench/*.ts, then runs the bench (figures in bench/RESULTS.md,
// not pass/fail). Arguments are passed on: --sizes 100,1000 --rounds 5,3 --out FILE --corpus DIR.
import { build } from "esbuild";
import { execFileSync } from "node:child_process";

const common = { bundle: true, platform: "node", target: "node20", format: "cjs", packages: "external", logLevel: "warning" };
execFileSync(process.execPath, ["scripts/build-cli.mjs"], { stdio: "inherit" });
await build({ ...common, entryPoints: ["bench/main.ts"], outfile: "dist/bench/main.cjs" });
await build({ ...common, entryPoints: ["bench/floor.ts"], outfile: "dist/bench/floor.cjs" });
execFileSync(process.execPath, ["dist/bench/main.cjs", ...process.argv.slice(2)], { stdio: "inherit" });
