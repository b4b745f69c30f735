// Bundles and runs the benchmarks in bench/ (figures, not pass/fail).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";

await build({ entryPoints: ["bench/pipeline.ts"], outfile: "dist/bench/pipeline.cjs", bundle: true, platform: "node", target: "node20", format: "cjs", packages: "external", logLevel: "warning" });
execFileSync(process.execPath, ["dist/bench/pipeline.cjs"], { stdio: "inherit" });
