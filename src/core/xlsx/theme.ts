/**
 * The default Office theme, as exceljs ships it and writes it into every package it makes (the
 * report's default font names theme colour 1). Taken from the dependency at build time, not copied.
 */
import officeTheme from "exceljs/lib/xlsx/xml/theme1.js";

export const OFFICE_THEME: string = officeTheme;
