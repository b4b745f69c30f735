/** Loading what every command needs: the period and the unit roster. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../core/findings";
import { parsePeriod, type Period } from "../core/periods";
import { DEFAULT_ROSTER, defaultRosterWarning as coreDefaultRosterWarning, type Roster } from "../core/roster";
import { parseRoster } from "../core/read/roster";
import type { Lang, Localised } from "../core/text";
import { flag, requireFlag, type ParsedArgs } from "./args";

export function periodFrom(args: ParsedArgs): Period {
  return parsePeriod(requireFlag(args, "period"));
}

export function langFrom(args: ParsedArgs): Lang {
  const lang = flag(args, "lang") ?? "vi";
  if (lang !== "vi" && lang !== "en") {
    throw new UserError({ vi: `Ngôn ngữ không hợp lệ: "${lang}" (vi hoặc en).`, en: `Unknown language "${lang}" (vi or en).` });
  }
  return lang;
}

/** The default-roster warning (UNITS.md §3.1) in the CLI's words. */
export function defaultRosterWarning(roster: Roster, windowEnd: string): Localised | null {
  return coreDefaultRosterWarning(roster, windowEnd, {
    vi: "dùng --units để nạp danh sách đơn vị hiện hành.",
    en: "use --units to load the current roster.",
  });
}

/** The roster of `--units`, or the built-in one; roster findings stop the run (UNITS.md §4). */
export async function rosterFrom(args: ParsedArgs): Promise<Roster> {
  const file = flag(args, "units");
  if (file === undefined) return DEFAULT_ROSTER;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    const code = err instanceof Error && "code" in err ? String((err as NodeJS.ErrnoException).code) : "?";
    throw new UserError({
      vi: `Không đọc được danh sách đơn vị: không mở được tệp ${file} (${code}).`,
      en: `Cannot read the unit roster: cannot open ${file} (${code}).`,
    });
  }
  const result = await parseRoster(bytes, path.basename(file));
  if (!result.roster || result.errors.length > 0) {
    const first = result.errors[0];
    throw new UserError(
      first ? first.message : { vi: "Không đọc được danh sách đơn vị.", en: "Cannot read the unit roster." },
      result.errors,
    );
  }
  return result.roster;
}
