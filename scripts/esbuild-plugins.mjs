// esbuild plugins shared by every esbuild build of the core (the CLI, the bench, the browser tests).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const THEME = "exceljs/lib/xlsx/xml/theme1.js";

/**
 * exceljs's default Office theme (src/core/xlsx/theme.ts) is a CommonJS module whose export is a string.
 * esbuild's ESM interop wraps such a module with `Object.create(Object.getPrototypeOf(text))`, an object
 * whose prototype is String.prototype, and from then on V8 loses its fast paths for string methods in the
 * whole process: the XML scanner ran about 3x slower in the CLI (docs/DECISIONS.md). The theme is inlined
 * instead as an ES module exporting the text, taken from the dependency at build time as before.
 */
export const officeThemeInline = {
  name: "office-theme-inline",
  setup(build) {
    build.onResolve({ filter: /^exceljs\/lib\/xlsx\/xml\/theme1\.js$/ }, () => ({ path: require.resolve(THEME), namespace: "office-theme" }));
    build.onLoad({ filter: /.*/, namespace: "office-theme" }, (args) => {
      const text = require(args.path);
      if (typeof text !== "string") throw new Error(`${THEME} no longer exports a string`);
      return { contents: `export default ${JSON.stringify(text)};`, loader: "js" };
    });
  },
};

/** Every plugin the core's esbuild builds need. */
export const corePlugins = [officeThemeInline];
