/**
 * Regression (review of 2026-12-07, third round): `--help` listed `--created` among the options common to
 * every command, but `validate` (which writes no file) refused it: "Tùy chọn không hợp lệ: --created". CLI.md
 * gives `--created` with `aggregate`; `template`, `annotate` and `demo` write files too and take it. The help
 * now names the commands that take it, and each of them does; `validate` does not.
 */
import { describe, expect, it } from "vitest";
import { AGGREGATE_FLAGS } from "../../src/cli/commands/aggregate";
import { ANNOTATE_FLAGS } from "../../src/cli/commands/annotate";
import { DEMO_FLAGS } from "../../src/cli/commands/demo";
import { TEMPLATE_FLAGS } from "../../src/cli/commands/template";
import { VALIDATE_FLAGS } from "../../src/cli/commands/validate";
import { HELP } from "../../src/cli/main";
import { runCli } from "../helpers/cli";

const FLAGS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  template: TEMPLATE_FLAGS,
  validate: VALIDATE_FLAGS,
  annotate: ANNOTATE_FLAGS,
  aggregate: AGGREGATE_FLAGS,
  demo: DEMO_FLAGS,
};

describe("--created in the help", () => {
  it.each(["vi", "en"] as const)("(%s) names exactly the commands that take it", (lang) => {
    const line = HELP[lang].split("\n").find((l) => l.includes("--created yyyy-MM-dd (") || l.includes("): --created"));
    const named = /\(([a-z, ]+)\): --created/u.exec(line ?? "")?.[1]?.split(", ") ?? [];
    expect(named.sort()).toEqual(Object.keys(FLAGS).filter((c) => FLAGS[c]?.created !== undefined).sort());
  });

  it("validate refuses it (exit 2), as the help now says", async () => {
    const r = await runCli(["validate", ".", "--period", "2023-H1", "--created", "2023-07-01"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--created");
  });
});
