// Lint: strict typing (no `any`, no ts-ignore), run by `npm test`.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The core's layers, lowest first (docs/ARCHITECTURE.md): text, dates, csv, version ← catalogue ← findings,
// messages, periods, roster, options, xlsx ← read ← validate ← aggregate ← report, template ← annotate, result,
// pipeline; the hosts (cli, taskpane, commands, demo) on top. A module imports only its own layer or below
// (the rules below, one per layer); tests/layers.test.ts checks that src/core has no runtime import cycle.
// Every built-in module of Node, with or without `node:` (an outside review imported "zlib" unseen).
const NODE_BUILTINS = ["node:*", ...builtinModules];
const HOSTS = { regex: "^(\\.\\./)+(cli|taskpane|commands|demo)(/|$)", message: "The core does not import the hosts (cli, taskpane, commands, demo)." };
/** Imports of the given core folders from a file in a folder of src/core (e.g. read/x.ts → ../validate/y). */
const above = (folders, layer) => ({
  regex: `^(\\.\\./)+(${folders.join("|")})(/|$)`,
  message: `Layer order (docs/ARCHITECTURE.md): ${layer} may not import ${folders.join(", ")}.`,
});
const coreImports = (layers) => ["error", { patterns: [{ group: NODE_BUILTINS }, HOSTS, ...layers] }];
const TOP = ["pipeline", "result", "annotate"];
const layerRules = [
  { files: ["src/core/catalogue/**/*.ts"], layers: [above(["findings", "messages", "periods", "roster", "options", "xlsx", "read", "validate", "aggregate", "report", "template", ...TOP], "catalogue")] },
  { files: ["src/core/xlsx/**/*.ts"], layers: [above(["read", "validate", "aggregate", "report", "template", ...TOP], "xlsx")] },
  { files: ["src/core/read/**/*.ts"], layers: [above(["validate", "aggregate", "report", "template", ...TOP], "read")] },
  { files: ["src/core/validate/**/*.ts"], layers: [above(["aggregate", "report", "template", ...TOP], "validate")] },
  { files: ["src/core/aggregate/**/*.ts"], layers: [above(["report", "template", ...TOP], "aggregate")] },
  { files: ["src/core/report/**/*.ts", "src/core/template/**/*.ts"], layers: [above(TOP, "report")] },
  {
    // Layer 1, the lowest: imports nothing of the core but itself.
    files: ["src/core/{text,dates,csv,version}.ts"],
    layers: [{ regex: "^\\./(catalogue|findings|messages|periods|roster|options|xlsx|read|validate|aggregate|report|template|pipeline|result|annotate)(/|$)", message: "Layer order (docs/ARCHITECTURE.md): text, dates, csv and version import nothing above them." }],
  },
  {
    // The modules at the top of src/core below read/ (the catalogue and xlsx/ are below or beside them).
    files: ["src/core/{findings,messages,periods,roster,options}.ts"],
    layers: [{ regex: "^\\./(read|validate|aggregate|report|template|pipeline|result|annotate)(/|$)", message: "Layer order (docs/ARCHITECTURE.md): text, dates, findings, periods, roster, options … import nothing from read/ or above." }],
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "out/**", "coverage/**", "tests/fixtures/**", "bin/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // The core must run unchanged in Node, the browser and a Web Worker: no Node built-ins, no Office.js.
    files: ["src/core/**/*.ts", "src/demo/**/*.ts"],
    rules: {
      "no-restricted-imports": coreImports([]),
      "no-restricted-globals": ["error", "Office", "Excel", "process", "Buffer", "require"],
      // Deterministic output: no clock reads and no randomness in the core (WORKBOOKS.md §2.10).
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "No clock reads in the core: take the time from options." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "No clock reads in the core: take the time from options." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "No randomness in the core: use a seeded generator." },
        { selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']", message: "No clock reads in the core: a host passes `now` (the read budget)." },
        { selector: "CallExpression[callee.property.name=/^(getRandomValues|randomUUID)$/]", message: "No randomness in the core: use a seeded generator." },
      ],
    },
  },
  ...layerRules.map(({ files, layers }) => ({ files, rules: { "no-restricted-imports": coreImports(layers) } })),
  {
    // Office.js lives in one module: the pane's components, state and worker, the ribbon file and the CLI never touch it.
    files: ["src/taskpane/**/*.ts", "src/taskpane/**/*.tsx", "src/commands/**/*.ts", "src/cli/**/*.ts"],
    ignores: ["src/taskpane/office.ts"],
    rules: { "no-restricted-globals": ["error", { name: "Office", message: "Office.js only in src/taskpane/office.ts" }, { name: "Excel", message: "Office.js only in src/taskpane/office.ts" }] },
  },
  {
    files: ["**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly" } },
  },
);
