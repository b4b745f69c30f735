/** 01/TCD: citizen reception (FORMS.md §4.2) [OFFICIAL-IMPL]. All columns INT, FLOW. */
import type { ColumnDef, FormDef } from "../types";

const TT_GROUP = "Tiếp định kỳ và đột xuất của Thủ trưởng";

/** The three blocks with the same leaves: header prefix and English gloss. */
const BLOCKS = {
  TX: { prefix: ["Tiếp thường xuyên"], gloss: "regular reception" },
  TT: { prefix: [TT_GROUP, "Thủ trưởng tiếp"], gloss: "reception by the head" },
  UQ: { prefix: [TT_GROUP, "Ủy quyền tiếp"], gloss: "delegated reception" },
} as const;

/** The leaf table of FORMS.md §4.2: leaf path, gloss, UoM and the column number in each block. */
const LEAVES: readonly {
  readonly leaf: readonly string[];
  readonly gloss: string;
  readonly uom: string;
  readonly TX: number | null;
  readonly TT: number;
  readonly UQ: number;
}[] = [
  { leaf: ["Số kỳ tiếp"], gloss: "reception sessions", uom: "kỳ", TX: null, TT: 12, UQ: 21 },
  { leaf: ["Số lượt tiếp"], gloss: "receptions", uom: "lượt", TX: 4, TT: 13, UQ: 22 },
  { leaf: ["Số người được tiếp"], gloss: "persons received", uom: "người", TX: 5, TT: 14, UQ: 23 },
  { leaf: ["Số vụ việc", "Tiếp lần đầu"], gloss: "cases, first time", uom: "vụ việc", TX: 6, TT: 15, UQ: 24 },
  { leaf: ["Số vụ việc", "Tiếp nhiều lần"], gloss: "cases, repeated", uom: "vụ việc", TX: 7, TT: 16, UQ: 25 },
  { leaf: ["Trong đó đoàn đông người", "Số đoàn được tiếp"], gloss: "crowd delegations received", uom: "đoàn", TX: 8, TT: 17, UQ: 26 },
  { leaf: ["Trong đó đoàn đông người", "Số người được tiếp"], gloss: "persons in delegations", uom: "người", TX: 9, TT: 18, UQ: 27 },
  { leaf: ["Trong đó đoàn đông người", "Tiếp lần đầu"], gloss: "delegation cases, first time", uom: "vụ việc", TX: 10, TT: 19, UQ: 28 },
  { leaf: ["Trong đó đoàn đông người", "Tiếp nhiều lần"], gloss: "delegation cases, repeated", uom: "vụ việc", TX: 11, TT: 20, UQ: 29 },
];

const BLOCK_COLUMNS: ColumnDef[] = LEAVES.flatMap((leaf) =>
  (["TX", "TT", "UQ"] as const).flatMap((block): ColumnDef[] => {
    const no = leaf[block];
    if (no === null) return [];
    const { prefix, gloss } = BLOCKS[block];
    return [{ no, headerPath: [...prefix, ...leaf.leaf], gloss: `${gloss}: ${leaf.gloss}`, uom: leaf.uom, type: "INT", kind: "FLOW" }];
  }),
);

export const TCD_01: FormDef = {
  code: "01/TCD",
  sheet: "01_TCD",
  label: "Biểu số: 01/TCD",
  title: "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN THƯỜNG XUYÊN, ĐỊNH KỲ VÀ ĐỘT XUẤT",
  altTitles: [],
  unitLine: "Đơn vị tính: lượt; người; vụ việc; kỳ; đoàn",
  layout: "WIDE",
  headerDepth: 4,
  codeRow: [
    "MS", "1=4+13+22", "2=5+14+23", "3=6+7+15+16+24+25", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
    "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29",
  ],
  labelColumns: ["Đơn vị"],
  columns: [
    { no: 1, headerPath: ["Tổng số lượt tiếp"], gloss: "receptions, total", uom: "lượt", type: "INT", kind: "FLOW" },
    { no: 2, headerPath: ["Tổng số người được tiếp"], gloss: "persons received", uom: "người", type: "INT", kind: "FLOW" },
    { no: 3, headerPath: ["Tổng số vụ việc tiếp"], gloss: "cases received", uom: "vụ việc", type: "INT", kind: "FLOW" },
    ...[...BLOCK_COLUMNS].sort((a, b) => a.no - b.no),
  ],
  rows: [],
  rules: [
    { id: "V-ID-01/TCD-1", expr: "c1 = c4 + c13 + c22", severity: "error" },
    { id: "V-ID-01/TCD-2", expr: "c2 = c5 + c14 + c23", severity: "error" },
    { id: "V-ID-01/TCD-3", expr: "c3 = c6 + c7 + c15 + c16 + c24 + c25", severity: "error" },
    { id: "V-REL-01/TCD-1", expr: "c8 <= c4", severity: "warning" },
    { id: "V-REL-01/TCD-2", expr: "c9 <= c5", severity: "warning" },
    { id: "V-REL-01/TCD-3", expr: "c10 + c11 <= c6 + c7", severity: "warning" },
    { id: "V-REL-01/TCD-4", expr: "c17 <= c13", severity: "warning" },
    { id: "V-REL-01/TCD-5", expr: "c18 <= c14", severity: "warning" },
    { id: "V-REL-01/TCD-6", expr: "c19 + c20 <= c15 + c16", severity: "warning" },
    { id: "V-REL-01/TCD-7", expr: "c26 <= c22", severity: "warning" },
    { id: "V-REL-01/TCD-8", expr: "c27 <= c23", severity: "warning" },
    { id: "V-REL-01/TCD-9", expr: "c28 + c29 <= c24 + c25", severity: "warning" },
    { id: "V-REL-01/TCD-10", expr: "c13 > 0 => c12 >= 1", severity: "warning" },
    { id: "V-REL-01/TCD-11", expr: "c22 > 0 => c21 >= 1", severity: "warning" },
  ],
  // Persons ≥ receptions is deliberately not a rule: one person may come several times.
  notesNo: 30,
  status: "OFFICIAL-IMPL",
};
