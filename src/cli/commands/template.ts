/** `tonghop template`: blank submission workbooks for one unit or every active unit (CLI.md). */
import { stat } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../../core/findings";
import { ruleMessage } from "../../core/messages";
import { periodWindow } from "../../core/periods";
import { findUnit, isKnownCode, unitsActiveIn, type Unit } from "../../core/roster";
import { buildTemplate, templateFileName } from "../../core/template/template";
import { flag, type FlagSpec, type ParsedArgs } from "../args";
import { creationTimeOf } from "./aggregate";
import { defaultRosterWarning, periodFrom, rosterFrom } from "../common";
import type { Console } from "../console";
import { someOf, targetsHoldingOtherFiles, withOutputs, writeFileAtomically, writeFilesAtomically } from "../output";
import { refuseOverwritingInputs } from "../runflags";

export const TEMPLATE_FLAGS: Readonly<Record<string, FlagSpec>> = {
  period: { value: true },
  units: { value: true },
  unit: { value: true },
  out: { value: true },
  "out-dir": { value: true },
  created: { value: true },
  lang: { value: true },
};

/**
 * A blank template never replaces another file (CLI.md is silent; a unit's filled workbook has the very
 * name `BM_<ma_dv>_<P>.xlsx`, WORKBOOKS.md §1.6): a file already at a target is replaced only when it is
 * this same template, byte for byte (templates are deterministic, so running the command again works).
 * Checked before the long work; the templates built for the check are returned for the write.
 */
async function refuseReplacingOtherFiles(targets: ReadonlyArray<{ target: string; build: () => Promise<Uint8Array> }>): Promise<Map<string, Uint8Array>> {
  const built = new Map<string, Uint8Array>();
  const writes: Array<{ target: string; bytes: Uint8Array }> = [];
  for (const t of targets) {
    // Built only where a file is there to compare with.
    if (!(await stat(t.target).then(() => true, () => false))) continue;
    const bytes = await t.build();
    built.set(t.target, bytes);
    writes.push({ target: t.target, bytes });
  }
  const other = await targetsHoldingOtherFiles(writes);
  if (other.length === 0) return built;
  const shown = someOf(other);
  throw new UserError({
    vi: `Đã có tệp khác cùng tên, không ghi đè bằng mẫu trống: ${shown}. Hãy chọn thư mục khác hoặc chuyển các tệp đó đi.`,
    en: `A different file already has that name; a blank template never replaces it: ${shown}. Choose another folder or move those files.`,
  });
}

export async function runTemplate(args: ParsedArgs, con: Console): Promise<number> {
  const unitCode = flag(args, "unit");
  const out = flag(args, "out");
  const outDir = flag(args, "out-dir");
  if (args.positional.length > 0) {
    throw new UserError({
      vi: `Tham số thừa: ${args.positional.join(" ")}.`,
      en: `Unexpected argument: ${args.positional.join(" ")}.`,
    });
  }
  const single = unitCode !== undefined || out !== undefined;
  if ((single && outDir !== undefined) || (!single && outDir === undefined)) {
    throw new UserError({
      vi: "Dùng --unit MÃ --out TỆP.xlsx (một đơn vị) hoặc --out-dir THƯ_MỤC (mọi đơn vị).",
      en: "Use --unit CODE --out FILE.xlsx (one unit) or --out-dir DIR (every unit).",
    });
  }
  if (single && (unitCode === undefined || out === undefined)) {
    throw new UserError({
      vi: "--unit và --out phải đi cùng nhau.",
      en: "--unit and --out go together.",
    });
  }
  const period = periodFrom(args);
  const creationTime = creationTimeOf(flag(args, "created"), undefined, period);
  const roster = await rosterFrom(args);
  const rosterNote = defaultRosterWarning(roster, periodWindow(period).to);
  if (rosterNote) con.err(rosterNote);
  const window = periodWindow(period);

  let units: Unit[];
  if (unitCode !== undefined) {
    // "vu-dba" for VU-DBA, as a submission's code in another case is matched (DECISIONS.md): it said "not on the roster".
    const code = !isKnownCode(roster, unitCode) && isKnownCode(roster, unitCode.trim().toUpperCase()) ? unitCode.trim().toUpperCase() : unitCode;
    const unit = findUnit(roster, code, window);
    if (!unit) {
      throw new UserError(
        isKnownCode(roster, code)
          ? ruleMessage("V-UNIT-03", { unit: code, period: period.id })
          : ruleMessage("V-UNIT-02", { value: code }),
      );
    }
    units = [unit];
  } else {
    units = unitsActiveIn(roster, window);
  }

  const targets = out !== undefined ? [out] : units.map((u) => path.join(outDir ?? ".", templateFileName(u.code, period.id)));
  // The roster is read, never written over; the folders made now are removed if writing fails.
  await refuseOverwritingInputs(args, targets.map((t) => ({ flag: out !== undefined ? "--out" : "--out-dir", path: t })));
  return withOutputs(targets, async () => {
    const built = await refuseReplacingOtherFiles(units.map((unit, i) => ({ target: targets[i] ?? "", build: () => buildTemplate({ unit, period, creationTime }) })));
    const files: { name: string; bytes: Uint8Array }[] = [];
    const label = { vi: "Đang tạo mẫu biểu", en: "Writing templates" };
    con.progress(label, 0, units.length);
    for (const [i, unit] of units.entries()) {
      const bytes = built.get(targets[i] ?? "") ?? (await buildTemplate({ unit, period, creationTime }));
      files.push({ name: templateFileName(unit.code, period.id), bytes });
      con.progress(label, files.length, units.length);
    }

    if (out !== undefined) {
      const first = files[0];
      if (!first) throw new Error("no template built");
      const written = await writeFileAtomically(out, first.bytes);
      con.out({ vi: `Đã ghi mẫu biểu của ${units[0]?.code}: ${written}`, en: `Wrote the template of ${units[0]?.code}: ${written}` });
    } else if (outDir !== undefined) {
      await writeFilesAtomically(outDir, files);
      const where = path.resolve(outDir);
      con.out({
        vi: `Đã ghi ${files.length} mẫu biểu kỳ ${period.id} vào ${where}`,
        en: `Wrote ${files.length} templates for ${period.id} to ${where}`,
      });
    }
    return 0;
  });
}
