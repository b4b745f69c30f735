/**
 * Reading limits (issue 9 item 2): every input file costs little, whatever it holds. Each limit
 * exceeded stops reading that file only and becomes one finding on it: V-FILE-02 for sizes in MB,
 * V-FILE-04 for counts, text length and time. The core reads no clock: a host that wants a time
 * budget passes `now()`.
 */
import type { ReaderLimits } from "../options";
import { sheetRef } from "../findings";
import { cutShort, type Localised } from "../text";

/** The limit options, and the host's clock for the time budget. */
export interface ReadLimitOptions extends ReaderLimits {
  /** The host's clock in milliseconds; without it there is no time budget. */
  readonly now?: () => number;
}

export const DEFAULT_LIMITS = {
  maxFileSizeMB: 10,
  maxExpandedMB: 200,
  maxPartMB: 100,
  maxCells: 500_000,
  maxFileCells: 1_000_000,
  maxMerges: 1_000_000,
  maxSharedStrings: 200_000,
  maxTextLength: 4_000_000,
  maxReadMs: 10_000,
} as const;

export type LimitName = keyof typeof DEFAULT_LIMITS;

/** `{detail}` of V-FILE-04 for each counted limit. */
const COUNT_DETAIL: Readonly<Record<"maxCells" | "maxFileCells" | "maxMerges" | "maxSharedStrings" | "maxTextLength" | "maxReadMs", Localised>> = {
  maxCells: { vi: "số ô có dữ liệu", en: "cells" },
  maxFileCells: { vi: "số ô có dữ liệu của cả tệp", en: "cells in the whole file" },
  maxMerges: { vi: "số vùng ô gộp", en: "merged ranges" },
  maxSharedStrings: { vi: "số chuỗi dùng chung", en: "shared strings" },
  maxTextLength: { vi: "số ký tự trong một ô", en: "characters in one cell" },
  maxReadMs: { vi: "thời gian đọc, mili giây", en: "reading time in milliseconds" },
};

/** A limit met while reading: the reader turns it into one finding on the file. */
export class LimitExceeded extends Error {
  constructor(
    readonly limit: LimitName,
    /** MB for the size limits, a count (or ms) otherwise: `{value}` of the message. */
    readonly value: number,
    readonly expected: number,
  ) {
    super(`${limit} exceeded`);
  }

  get rule(): "V-FILE-02" | "V-FILE-04" {
    return this.limit === "maxFileSizeMB" || this.limit === "maxExpandedMB" || this.limit === "maxPartMB" ? "V-FILE-02" : "V-FILE-04";
  }

  /**
   * The sheet (and for a text, its cell) where a per-sheet limit was met, set once by the sheet's reader:
   * "cells: 500,001" alone left the user to find which of nine sheets (a review of 2026-12-07).
   */
  place: { readonly sheet: string; readonly cell: string | null } | null = null;

  get detail(): Localised | null {
    if (this.rule !== "V-FILE-04") return null;
    const where = this.place;
    if (where && this.limit === "maxCells") return { vi: `số ô có dữ liệu của trang tính "${cutShort(where.sheet, 40)}"`, en: `cells in sheet "${cutShort(where.sheet, 40)}"` };
    if (where?.cell && this.limit === "maxTextLength") {
      const at = sheetRef(cutShort(where.sheet, 40), where.cell);
      return { vi: `số ký tự trong ô ${at}`, en: `characters in cell ${at}` };
    }
    return COUNT_DETAIL[this.limit as keyof typeof COUNT_DETAIL];
  }
}

/** One sheet has more cells than `maxCells`: the sheet is read no further (sheet.ts), the file goes on. */
export class SheetCellsExceeded extends LimitExceeded {
  constructor(value: number, expected: number) {
    super("maxCells", value, expected);
  }
}

/** A package that is not what it claims (bad CRC, sizes that lie, malformed XML): V-FILE-01 with why. */
export class UnreadablePart extends Error {
  constructor(readonly detail: Localised) {
    super(detail.en);
  }
}

/**
 * A part whose XML is malformed, said with the part's name and, for a worksheet, its sheet and the cell
 * reading had reached: "broken XML" alone, in the parser's English, left the user to guess where (a
 * review of 2026-12-07). Said in V-FILE-01's detail; the finding stays on the file, as the
 * other V-FILE-01 findings (the hostile fixtures' expectations: no sheet, no cell).
 */
export class MalformedPart extends UnreadablePart {
  constructor(
    readonly part: string,
    readonly said: Localised,
    place: { readonly sheet: string; readonly cell: string | null } | null = null,
  ) {
    const name = cutShort(part, 80);
    const sheet = place ? `"${cutShort(place.sheet, 40)}", ` : "";
    const near = place?.cell ? { vi: `, gần ô ${place.cell}`, en: `, near cell ${place.cell}` } : { vi: "", en: "" };
    super(
      place
        ? { vi: `nội dung không đọc được: trang tính ${sheet}thành phần ${name}${near.vi}: ${said.vi}`, en: `content cannot be read: sheet ${sheet}part ${name}${near.en}: ${said.en}` }
        : { vi: `nội dung không đọc được: thành phần ${name}: ${said.vi}`, en: `content cannot be read: part ${name}: ${said.en}` },
    );
  }

  /** The same fault placed on its sheet, near the cell reading had reached (null: before any cell). */
  at(sheet: string, cell: string | null): MalformedPart {
    return new MalformedPart(this.part, this.said, { sheet, cell });
  }
}

/** Bytes per MB in V-FILE-02 messages and limits: binary megabytes, as Windows Explorer shows sizes. */
export const BYTES_PER_MB = 1024 * 1024;

/** A size in MB rounded up to 2 decimals, so a file just over a limit never shows as equal to it. */
export function sizeMB(bytes: Uint8Array | number): number {
  const length = typeof bytes === "number" ? bytes : bytes.length;
  // length * 100 is an exact integer and the divisor a power of two: no binary rounding noise.
  return Math.ceil((length * 100) / BYTES_PER_MB) / 100;
}

/** The running counts of one file against its limits. */
export class ReadBudget {
  readonly limits: Readonly<Record<LimitName, number>>;
  private readonly now: (() => number) | null;
  private readonly started: number;
  private expanded = 0;
  private merges = 0;
  /** Cells of the sheets read whole so far (`sheetRead`). */
  private fileCells = 0;

  constructor(options: ReadLimitOptions = {}) {
    const pick = (name: LimitName): number => {
      const v = options[name];
      return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : DEFAULT_LIMITS[name];
    };
    this.limits = {
      maxFileSizeMB: pick("maxFileSizeMB"),
      maxExpandedMB: pick("maxExpandedMB"),
      maxPartMB: pick("maxPartMB"),
      maxCells: pick("maxCells"),
      maxFileCells: pick("maxFileCells"),
      maxMerges: pick("maxMerges"),
      maxSharedStrings: pick("maxSharedStrings"),
      maxTextLength: pick("maxTextLength"),
      maxReadMs: pick("maxReadMs"),
    };
    this.now = options.now ?? null;
    this.started = this.now ? this.now() : 0;
  }

  get partBytes(): number {
    return this.limits.maxPartMB * BYTES_PER_MB;
  }

  get expandedBytes(): number {
    return this.limits.maxExpandedMB * BYTES_PER_MB;
  }

  /** A part's declared or real expanded size. */
  checkPart(bytes: number): void {
    if (bytes > this.partBytes) throw new LimitExceeded("maxPartMB", sizeMB(bytes), this.limits.maxPartMB);
  }

  /** The whole file's declared expanded size. */
  checkDeclaredTotal(bytes: number): void {
    if (bytes > this.expandedBytes) throw new LimitExceeded("maxExpandedMB", sizeMB(bytes), this.limits.maxExpandedMB);
  }

  /** Bytes really inflated, all parts together. */
  addExpanded(bytes: number): void {
    this.expanded += bytes;
    if (this.expanded > this.expandedBytes) throw new LimitExceeded("maxExpandedMB", sizeMB(this.expanded), this.limits.maxExpandedMB);
    this.checkTime();
  }

  /**
   * The `count`th cell of one sheet: past the sheet's limit, that sheet stops being read; past the file's
   * (with the sheets read before), the file does.
   */
  checkSheetCells(count: number): void {
    if (count > this.limits.maxCells) throw new SheetCellsExceeded(count, this.limits.maxCells);
    if (this.fileCells + count > this.limits.maxFileCells) throw new LimitExceeded("maxFileCells", this.fileCells + count, this.limits.maxFileCells);
  }

  /** A sheet read (or cut at its limit) with `count` cells counted: they stay in memory with the file. */
  sheetRead(count: number): void {
    this.fileCells += Math.min(count, this.limits.maxCells);
  }

  addMerge(): void {
    if (++this.merges > this.limits.maxMerges) throw new LimitExceeded("maxMerges", this.merges, this.limits.maxMerges);
  }

  checkSharedStrings(count: number): void {
    if (count > this.limits.maxSharedStrings) throw new LimitExceeded("maxSharedStrings", count, this.limits.maxSharedStrings);
  }

  checkText(length: number): void {
    if (length > this.limits.maxTextLength) throw new LimitExceeded("maxTextLength", length, this.limits.maxTextLength);
  }

  checkTime(): void {
    if (!this.now) return;
    const spent = this.now() - this.started;
    if (spent > this.limits.maxReadMs) throw new LimitExceeded("maxReadMs", Math.round(spent), this.limits.maxReadMs);
  }
}
