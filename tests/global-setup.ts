/** Build the CLI bundle once before the tests, so the binary under test is the current source. */
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build-cli.mjs")], { stdio: "inherit" });
}
