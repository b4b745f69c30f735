/** Console text in the chosen language (CLI.md: Vietnamese by default, `--lang en`). */
import type { Lang, Localised } from "../core/text";

export interface Console {
  readonly lang: Lang;
  out(text: Localised | string): void;
  err(text: Localised | string): void;
  /** Progress "done/total" on a terminal (one updating line), plain lines otherwise. */
  progress(label: Localised, done: number, total: number): void;
}

export interface Streams {
  readonly stdout: { write(s: string): unknown; isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; isTTY?: boolean };
}

export function makeConsole(lang: Lang, streams: Streams): Console {
  const pick = (text: Localised | string): string => (typeof text === "string" ? text : text[lang]);
  let lastPlain = -1;
  return {
    lang,
    out: (text) => void streams.stdout.write(pick(text) + "\n"),
    err: (text) => void streams.stderr.write(pick(text) + "\n"),
    progress(label, done, total) {
      if (streams.stderr.isTTY) {
        const width = 30;
        const filled = total === 0 ? width : Math.round((done / total) * width);
        const bar = "█".repeat(filled) + "░".repeat(width - filled);
        streams.stderr.write(`\r${bar} ${done}/${total} ${pick(label)}`);
        if (done === total) streams.stderr.write("\n");
        return;
      }
      // Not a terminal: a plain line at the start, every 10 files and at the end.
      if (done === total || done === 0 || done - lastPlain >= 10) {
        lastPlain = done;
        streams.stderr.write(`${pick(label)} ${done}/${total}\n`);
      }
    },
  };
}

/** The language asked for anywhere on the command line, so even argument errors use it. */
export function langFromArgv(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--lang" && argv[i + 1] === "en") return "en";
    if (a === "--lang=en") return "en";
  }
  return "vi";
}
