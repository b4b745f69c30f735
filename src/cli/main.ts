/**
 * The `tonghop` command line (CLI.md): a thin shell over the core. Exit codes: 0 done, 1 done
 * with rejected inputs, 2 could not run (one clear line, Vietnamese or `--lang en`).
 */
import { UserError } from "../core/findings";
import { parseArgs } from "./args";
import { langFrom } from "./common";
import { withConfigFlags } from "./runflags";
import { langFromArgv, makeConsole, type Console, type Streams } from "./console";
import { VERSION } from "../core/version";

export const HELP = {
  vi: `tonghop ${VERSION}: tổng hợp báo cáo định kỳ công tác thanh tra của các đơn vị.

Cách dùng:
  tonghop template --period KỲ [--units DANH_SÁCH] (--unit MÃ --out TỆP.xlsx | --out-dir THƯ_MỤC)
      Ghi mẫu biểu trống (một tệp cho mỗi đơn vị: BM_<mã đơn vị>_<kỳ>.xlsx).
  tonghop validate ĐƯỜNG_DẪN... --period KỲ [--units DANH_SÁCH] [--json TỆP] [tùy chọn kiểm tra]
      Đọc mọi tệp trong các thư mục/tệp đã cho, kiểm tra và in kết quả; không ghi gì khác.
  tonghop annotate TỆP.xlsx --period KỲ [--units DANH_SÁCH] --out TỆP-tra-lai.xlsx
      Ghi bản sao tệp của đơn vị, đánh dấu từng lỗi tại ô của nó (tệp gốc không bị thay đổi).
  tonghop aggregate ĐƯỜNG_DẪN... --period KỲ [--units DANH_SÁCH] --out BAO_CAO.xlsx [--json TỆP] [--created yyyy-MM-dd]
      Kiểm tra, tổng hợp các báo cáo được chấp nhận và ghi báo cáo tổng hợp.
  tonghop demo [--out-dir THƯ_MỤC] [--period KỲ]
      Chạy toàn bộ trên dữ liệu mẫu (mặc định kỳ 2023-9M): tạo báo cáo của các đơn vị, tổng hợp, ghi báo cáo.

Tùy chọn kiểm tra: --history ĐƯỜNG_DẪN... (báo cáo các kỳ trước), --receipts SỔ_NHẬN.csv, --deadline yyyy-MM-dd, --accept-with-errors, --max-file-size MB,
  --config TỆP.json (các tùy chọn của WORKBOOKS.md §3; tham số dòng lệnh được ưu tiên),
  --jobs N (validate, aggregate: số luồng đọc tệp song song, gồm luồng chính và N - 1 luồng phụ; mặc định bằng số lõi CPU, mỗi luồng phụ khi có từ 400 tệp; kết quả không đổi).

Kỳ báo cáo: 2023-M08, 2023-Q3, 2023-H1, 2023-9M, 2023-Y.
DANH_SÁCH: tệp danh sách đơn vị (.csv hoặc .xlsx); mặc định dùng danh sách có sẵn (47 đơn vị).
Tùy chọn chung: --lang vi|en (ngôn ngữ thông báo), --help, --version.
Tệp ghi ra (template, annotate, aggregate, demo): --created yyyy-MM-dd (thời điểm ghi vào tệp).
Mã thoát: 0 xong (có thể có cảnh báo); 1 xong nhưng có tệp bị trả lại, không đọc được hoặc không phải báo cáo theo mẫu,
  hoặc (với --accept-with-errors) báo cáo được chấp nhận vẫn có lỗi; 2 không chạy được (tham số sai, kỳ không có,
  danh sách đơn vị không đọc được, không ghi được tệp ra): không để lại tệp dở dang.`,
  en: `tonghop ${VERSION}: consolidates the periodic inspection reports of a ministry's units.

Usage:
  tonghop template --period P [--units ROSTER] (--unit CODE --out FILE.xlsx | --out-dir DIR)
      Writes blank submission workbooks (one per unit: BM_<unit code>_<period>.xlsx).
  tonghop validate PATH... --period P [--units ROSTER] [--json FILE] [check options]
      Reads every file under the PATHs, checks them and prints the results; writes nothing else.
  tonghop annotate FILE.xlsx --period P [--units ROSTER] --out FILE-returned.xlsx
      Writes a copy of a unit's file with every finding marked on its cell (the original is untouched).
  tonghop aggregate PATH... --period P [--units ROSTER] --out REPORT.xlsx [--json FILE] [--created yyyy-MM-dd]
      Validates, aggregates the accepted submissions and writes the report workbook.
  tonghop demo [--out-dir DIR] [--period P]
      The main job on sample data (period 2023-9M unless given): unit submissions, consolidation, report.

Check options: --history PATH... (earlier periods), --receipts LOG.csv, --deadline yyyy-MM-dd, --accept-with-errors, --max-file-size MB,
  --config FILE.json (options of WORKBOOKS.md §3; command-line flags win),
  --jobs N (validate, aggregate: threads reading files in parallel, this one and N - 1 workers; default the number of CPU cores, a worker per 400 files; same result).

Periods: 2023-M08, 2023-Q3, 2023-H1, 2023-9M, 2023-Y.
ROSTER: a unit roster file (.csv or .xlsx); without it the built-in roster (47 units) is used.
Common options: --lang vi|en (console language), --help, --version.
Files written (template, annotate, aggregate, demo): --created yyyy-MM-dd (timestamp written in them).
Exit codes: 0 done (there may be warnings); 1 done, but an input is rejected, unreadable or not a submission,
  or (with --accept-with-errors) an accepted submission has an error; 2 could not run (bad flags, unknown period,
  unreadable roster, output not writable): nothing partial is left.`,
};

type Command = (args: readonly string[], con: Console) => Promise<number>;

// Each command's module is loaded when it runs: `validate` does not pay for exceljs and the report
// writer at every start (loading exceljs alone takes about as long as reading 60 files).
const COMMANDS: Readonly<Record<string, Command>> = {
  template: async (argv, con) => {
    const { TEMPLATE_FLAGS, runTemplate } = await import("./commands/template");
    const args = parseArgs(argv, TEMPLATE_FLAGS);
    langFrom(args);
    return runTemplate(args, con);
  },
  validate: async (argv, con) => {
    const { VALIDATE_FLAGS, runValidate } = await import("./commands/validate");
    const args = parseArgs(argv, VALIDATE_FLAGS);
    langFrom(args);
    return runValidate(await withConfigFlags(args), con);
  },
  annotate: async (argv, con) => {
    const { ANNOTATE_FLAGS, runAnnotate } = await import("./commands/annotate");
    const args = parseArgs(argv, ANNOTATE_FLAGS);
    langFrom(args);
    return runAnnotate(await withConfigFlags(args), con);
  },
  aggregate: async (argv, con) => {
    const { AGGREGATE_FLAGS, runAggregate } = await import("./commands/aggregate");
    const args = parseArgs(argv, AGGREGATE_FLAGS);
    langFrom(args);
    return runAggregate(await withConfigFlags(args), con);
  },
  demo: async (argv, con) => {
    const { DEMO_FLAGS, runDemo } = await import("./commands/demo");
    const args = parseArgs(argv, DEMO_FLAGS);
    langFrom(args);
    return runDemo(args, con);
  },
};

/**
 * The console's reader may go away before the run ends (`tonghop aggregate … | head -1`): the writes to
 * the closed pipe are dropped, and the run still writes its report and JSON and ends with its own exit
 * code (a write to a pipe nobody reads failed with EPIPE, a stack trace and nothing written).
 */
function readerMayLeave(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount("error") > 0) continue;
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE" && err.code !== "ERR_STREAM_DESTROYED") throw err;
    });
  }
}

/**
 * `--lang en validate …`: the common option given before the command goes after it (it was taken for the
 * command: "Unknown command "--lang"", said in the language asked for).
 */
function langAfterCommand(argv: readonly string[]): readonly string[] {
  const first = argv[0];
  // `tonghop --lang en` alone: no command, the help (in English).
  if ((first === "--lang" && argv.length === 2) || (first?.startsWith("--lang=") && argv.length === 1)) return [];
  if (first === "--lang" && argv.length >= 3) return [...argv.slice(2), first, argv[1] ?? ""];
  if (first?.startsWith("--lang=") && argv.length >= 2) return [...argv.slice(1), first];
  return argv;
}

/** Run the CLI; returns the exit code. Streams are injectable for tests. */
export async function main(argv: readonly string[], streams: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  if (streams.stdout === process.stdout) readerMayLeave();
  const con = makeConsole(langFromArgv(argv), streams);
  const [name, ...rest] = langAfterCommand(argv);
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
  // A common option (the help lists it so), after a command too.
  if (rest.includes("--version")) {
    con.out(VERSION);
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
