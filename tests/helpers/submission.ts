/** A Submission built by hand for report tests that do not need the reader. */
import type { FormRead, Submission } from "../../src/core/read/submission";
import type { Period } from "../../src/core/periods";

export function makeSubmission(p: { file: string; sha256: string; unit: string; period: Period; ngayLap: string; forms: FormRead[] }): Submission {
  return {
    file: p.file,
    sha256: p.sha256,
    size: 1000,
    unit: p.unit,
    unitFromFileName: false,
    unitName: null,
    period: p.period,
    version: "TT01_2024-v1",
    ngayLap: p.ngayLap,
    modified: null,
    thongTin: { sheet: "ThongTin", fields: {} },
    forms: p.forms,
    sheetOrder: ["ThongTin", ...p.forms.map((f) => f.sheet)],
    findings: [],
  };
}
