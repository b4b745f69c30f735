/**
 * A small, strict argument parser: flags are declared per command, unknown flags are errors
 * (scripts depend on the flags, CLI.md), values may be given as `--flag value` or `--flag=value`.
 */
import { UserError } from "../core/findings";

export interface FlagSpec {
  /** Takes a value (`--period 2023-H1`); otherwise a switch. */
  readonly value: boolean;
  /** May be given several times, or followed by several values until the next flag. */
  readonly many?: boolean;
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Map<string, string[]>;
  readonly switches: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    // `-p 2023-H1`: no short options here. Taken for a path, it read "not found -p", then "missing --period".
    if (/^-[^-\d]/u.test(arg)) {
      throw new UserError({
        vi: `Tùy chọn không hợp lệ: ${arg}. Tùy chọn viết đầy đủ với hai dấu gạch (--period, --units, …); một tệp có tên bắt đầu bằng "-" viết là ./${arg}.`,
        en: `Unknown option: ${arg}. Options are written in full with two dashes (--period, --units, …); a file whose name starts with "-" is written ./${arg}.`,
      });
    }
    if (!arg.startsWith("--") || arg === "--") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const def = spec[name];
    if (!def) {
      throw new UserError({ vi: `Tùy chọn không hợp lệ: --${name}.`, en: `Unknown option: --${name}.` });
    }
    if (!def.value) {
      if (eq >= 0) throw new UserError({ vi: `Tùy chọn --${name} không nhận giá trị.`, en: `Option --${name} takes no value.` });
      switches.add(name);
      continue;
    }
    const values = flags.get(name) ?? [];
    if (eq >= 0) {
      values.push(arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new UserError({ vi: `Tùy chọn --${name} cần một giá trị.`, en: `Option --${name} needs a value.` });
      }
      values.push(next);
      i++;
      // A `many` flag takes every following value up to the next flag.
      while (def.many && argv[i + 1] !== undefined && !(argv[i + 1] ?? "").startsWith("--")) {
        values.push(argv[i + 1] ?? "");
        i++;
      }
    }
    if (values.length > 1 && !def.many) {
      throw new UserError({ vi: `Tùy chọn --${name} chỉ được dùng một lần.`, en: `Option --${name} may be given only once.` });
    }
    flags.set(name, values);
  }
  return { positional, flags, switches };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const value = flag(args, name);
  if (value === undefined || value === "") {
    throw new UserError({ vi: `Thiếu tùy chọn --${name}.`, en: `Missing option --${name}.` });
  }
  return value;
}
