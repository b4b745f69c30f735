/**
 * The one CSV reader of the core (RFC 4180), shared by the unit roster (UNITS.md §4) and the receipt log
 * (PERIODS.md §7), so both read quotes, line breaks and line numbers the same way.
 * Pure TypeScript: runs unchanged in Node, the browser and a Web Worker.
 */

export interface CsvRecord {
  /** 1-based line where the record starts; line breaks inside quoted fields count. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvParse {
  /** Every record in file order; when a quote is never closed, the records that ended before it. */
  readonly records: readonly CsvRecord[];
  /** Line where a quoted field opens and never closes, else null. */
  readonly unclosedQuoteLine: number | null;
}

/**
 * Decode bytes as UTF-8, or null when they are not UTF-8. A leading BOM is dropped (the decoder's
 * default); `fatal` makes a bad byte an answer rather than a silent U+FFFD.
 */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function isLineBreakAt(text: string, i: number): boolean {
  const c = text.charAt(i);
  // CRLF counts once (at its LF); a lone CR is a line break too, as old Mac files have it.
  return c === "\n" || (c === "\r" && text.charAt(i + 1) !== "\n");
}

/**
 * Split CSV text into records. RFC 4180: a field opening with `"` may hold the delimiter, doubled quotes
 * and line breaks; LF, CRLF or a lone CR ends a record. Lenient as spreadsheet programs are: text after a
 * closing quote is kept as it is, and a quote inside an unquoted field is an ordinary character. Blank lines
 * come back as records of one empty field: what is blank is for the caller to decide. Never throws on data.
 */
export function parseCsv(text: string, delimiter: string): CsvParse {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\r" || delimiter === "\n") {
    // A caller's mistake, not the file's: fail loudly rather than read each line as one field.
    throw new RangeError(`CSV delimiter must be one character other than a quote or a line break: ${JSON.stringify(delimiter)}`);
  }
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  // Whether the current field has nothing yet: only there does a quote open a quoted field.
  let fieldStart = true;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = (): void => {
    fields.push(field);
    field = "";
    fieldStart = true;
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"' && fieldStart) {
      // A quoted field: read to the closing quote.
      const openLine = line;
      fieldStart = false;
      i++;
      let closed = false;
      while (i < text.length) {
        const q = text.charAt(i);
        if (q === '"') {
          if (text.charAt(i + 1) === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        // Counted here too, so the records after a multi-line field keep their true line.
        if (isLineBreakAt(text, i)) line++;
        field += q;
        i++;
      }
      if (!closed) return { records, unclosedQuoteLine: openLine };
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endField();
      records.push({ line: recordLine, fields });
      fields = [];
      i += ch === "\r" && text.charAt(i + 1) === "\n" ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStart = false;
      i++;
    }
  }
  // The last record, unless the text ended with a line break (`""` alone is a field, hence not `field !== ""`).
  if (!fieldStart || fields.length > 0) {
    endField();
    records.push({ line: recordLine, fields });
  }
  return { records, unclosedQuoteLine: null };
}
