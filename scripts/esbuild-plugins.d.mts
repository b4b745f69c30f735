import type { Plugin } from "esbuild";
/** Inlines exceljs's Office theme as an ES module (see esbuild-plugins.mjs). */
export declare const officeThemeInline: Plugin;
/** Every plugin the core's esbuild builds need. */
export declare const corePlugins: Plugin[];
