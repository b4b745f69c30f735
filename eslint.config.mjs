// Lint: strict typing (no `any`, no ts-ignore), run by `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ["node:*", "fs", "path", "os", "crypto", "child_process", "process"] }],
      "no-restricted-globals": ["error", "Office", "Excel", "process", "Buffer", "require"],
      // Deterministic output: no clock reads and no randomness in the core (WORKBOOKS.md §2.10).
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "No clock reads in the core: take the time from options." },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "No clock reads in the core: take the time from options." },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "No randomness in the core: use a seeded generator." },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly" } },
  },
);
