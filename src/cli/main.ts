/**
 * The `tonghop` command line (CLI.md): a thin shell over the core. Exit codes: 0 done, 1 done
 * with rejected inputs, 2 could not run (one clear line, Vietnamese or `--lang en`).
 */
import { UserError } from "../core/findings";
import { parseArgs } from "./args";
import { langFrom } from "./common";
import { langFromArgv, makeConsole, type Console, type Streams } from "./console";
import { TEMPLATE_FLAGS, runTemplate } from "./commands/template";
import { VALIDATE_FLAGS, runValidate } from "./commands/validate";
import { VERSION } from "../core/version";

const HELP = {
  vi: `tonghop ${VERSION}: tổng hợp báo cáo định kỳ công tác thanh tra của các đơn vị.

Cách dùng:
  tonghop template --period KỲ [--units DANH_SÁCH] (--unit MÃ --out TỆP.xlsx | --out-dir THƯ_MỤC)
      Ghi mẫu biểu trống (một tệp cho mỗi đơn vị: BM_<mã đơn vị>_<kỳ>.xlsx).

Kỳ báo cáo: 2023-M08, 2023-Q3, 2023-H1, 2023-9M, 2023-Y.
DANH_SÁCH: tệp danh sách đơn vị (.csv hoặc .xlsx); mặc định dùng danh sách có sẵn (47 đơn vị).
Tùy chọn chung: --lang vi|en (ngôn ngữ thông báo), --created yyyy-MM-dd (thời điểm ghi vào tệp), --help, --version.
Mã thoát: 0 xong; 1 xong nhưng có tệp bị trả lại; 2 không chạy được.`,
  en: `tonghop ${VERSION}: consolidates the periodic inspection reports of a ministry's units.

Usage:
  tonghop template --period P [--units ROSTER] (--unit CODE --out FILE.xlsx | --out-dir DIR)
      Writes blank submission workbooks (one per unit: BM_<unit code>_<period>.xlsx).

Periods: 2023-M08, 2023-Q3, 2023-H1, 2023-9M, 2023-Y.
ROSTER: a unit roster file (.csv or .xlsx); without it the built-in roster (47 units) is used.
Common options: --lang vi|en (console language), --created yyyy-MM-dd (timestamp written in files), --help, --version.
Exit codes: 0 done; 1 done with rejected inputs; 2 could not run.`,
};

type Command = (args: readonly string[], con: Console) => Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = {
  template: async (argv, con) => {
    const args = parseArgs(argv, TEMPLATE_FLAGS);
    langFrom(args);
    return runTemplate(args, con);
  },
  validate: async (argv, con) => {
    const args = parseArgs(argv, VALIDATE_FLAGS);
    langFrom(args);
    return runValidate(args, con);
  },
};

/** Run the CLI; returns the exit code. Streams are injectable for tests. */
export async function main(argv: readonly string[], streams: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const con = makeConsole(langFromArgv(argv), streams);
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    con.out(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    con.out(VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    con.err({
      vi: `Lệnh không hợp lệ: "${name}". Xem tonghop --help.`,
      en: `Unknown command "${name}". See tonghop --help.`,
    });
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    con.out(HELP);
    return 0;
  }
  try {
    return await command(rest, con);
  } catch (err) {
    if (err instanceof UserError) {
      con.err(err.localised);
      // Every roster problem on its own line after the first (UNITS.md §4).
      for (const finding of err.findings.slice(1)) con.err(finding.message);
      return 2;
    }
    throw err;
  }
}
