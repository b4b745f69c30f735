/**
 * The core's layers (docs/ARCHITECTURE.md, enforced per folder by eslint.config.mjs): here, independently of
 * ESLint, the runtime import graph of src/core is walked from the source text and must have no cycle, and
 * nothing in src/core may reach a host (src/cli, src/taskpane, src/commands, src/demo).
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const CORE = path.join(ROOT, "src", "core");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/u.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

// `import … from "./x"` and `export … from "./x"` (possibly over several lines); side-effect `import "./x"`.
const STATEMENT = /(?:^|\n)\s*(import|export)\s+([^;]*?)\s*from\s*"(\.[^"]*)"|(?:^|\n)\s*import\s+"(\.[^"]*)"/gu;

/** True when TypeScript erases the statement: `import type`, `export type`, or braces naming only types. */
function typeOnly(clause: string): boolean {
  if (/^type\s/u.test(clause)) return true;
  const braces = /^\{([\s\S]*)\}$/u.exec(clause.trim());
  if (!braces) return false;
  const names = (braces[1] ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "");
  return names.length > 0 && names.every((n) => n.startsWith("type "));
}

/** Runtime imports of a source text, as the specifiers written. */
export function runtimeImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(STATEMENT)) {
    if (m[4] !== undefined) out.push(m[4]);
    else if (m[3] !== undefined && !typeOnly(m[2] ?? "")) out.push(m[3]);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base]) {
    if (existsSync(candidate) && /\.tsx?$/u.test(candidate)) return candidate;
  }
  return null;
}

function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(CORE)) {
    const targets = runtimeImports(readFileSync(file, "utf8")).map((spec) => resolve(file, spec) ?? `${path.resolve(path.dirname(file), spec)} (unresolved)`);
    edges.set(file, targets);
  }
  return edges;
}

/** Every cycle's files, found by a depth-first walk (one cycle per back edge). */
export function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && edges.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

const rel = (f: string): string => path.relative(ROOT, f);

describe("layers of src/core", () => {
  const edges = graph();

  it("reads the imports it should (the walk itself works)", () => {
    expect(edges.size).toBeGreaterThan(40);
    const reader = edges.get(path.join(CORE, "read", "reader.ts")) ?? [];
    expect(reader.map(rel)).toContain(path.join("src", "core", "findings.ts"));
    expect(runtimeImports('import type { A } from "./a";\nimport { type B, type C } from "./b";\nimport {\n  d,\n  type E,\n} from "./d";\nexport { f } from "./f";')).toEqual(["./d", "./f"]);
    expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]]]))).toEqual([["a", "b", "c", "a"]]);
  });

  it("every relative import resolves to a file", () => {
    const unresolved = [...edges.values()].flat().filter((t) => t.endsWith("(unresolved)"));
    expect(unresolved).toEqual([]);
  });

  it("has no runtime import cycle", () => {
    expect(cycles(edges).map((c) => c.map(rel).join(" → "))).toEqual([]);
  });

  it("never imports a host", () => {
    const hosts = ["cli", "taskpane", "commands", "demo"].map((h) => path.join(ROOT, "src", h) + path.sep);
    const bad = [...edges].flatMap(([from, targets]) => targets.filter((t) => hosts.some((h) => t.startsWith(h))).map((t) => `${rel(from)} → ${rel(t)}`));
    expect(bad).toEqual([]);
  });
});
