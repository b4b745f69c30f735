/** The report's sheets, in order (WORKBOOKS.md §2): a module of its own, so the pane's Office door can name them without the writer. */
export const REPORT_SHEETS = ["BiaBaoCao", "KH_TH", "01_TTr", "01_TCD", "02_TCD", "01_XLD", "01_KQGQ", "03_KQGQ", "PCTN", "NopBaoCao", "KiemTra", "NguonSoLieu"] as const;
