// Dataset files: CSV and JSON lines read into rows (each with the line it starts on, for the 422 that
// names the first bad row) and written back from items. Reading checks only the file's form (UTF-8,
// quoting, one object per line, the header); what makes an item valid is the service's check, which JSON
// bodies go through too.
//
// CSV is read with csv-parse (the maintained, RFC 4180 parser: quoted fields with commas, quotes and line
// breaks, a BOM, CRLF) rather than by hand. Its own line counter counts a CRLF inside a quoted field twice,
// so the line a record starts on is computed here from the byte offsets it reports. Files are read a slice
// at a time, yielding to the event loop between slices: a 10 MiB import takes a second or more of parsing,
// which other requests should not wait behind.
//
// A CSV cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
// is written with a leading apostrophe; reading takes one apostrophe off such a cell, so export and import
// give back the same text (a value that itself starts with apostrophes before a formula character gets one
// more on export).
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { parse } from "csv-parse";
import { isVariableName } from "../templates/render.js";

/** A row of a file: the line it starts on (1-based) and its value, still to be checked as an item. */
export interface FileRow {
  line: number;
  value: unknown;
}

/** The file itself is malformed at `line` (0 when no line can be named). */
export class FileFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The item fields a file carries. */
export interface FileItem {
  variables: Record<string, unknown>;
  expected: string | null;
  tags: string[];
  note: string;
}

/** Columns of a CSV header with a meaning of their own; every other column is a variable. */
export const CSV_EXPECTED = "expected";
export const CSV_TAGS = "tags";
/** What separates tags in a CSV cell (either may be used; export writes `;`). */
const TAG_SEPARATOR = /[;|]/;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** The text of `bytes`, refusing what is not UTF-8 (naming the first line that is not). */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    throw new FileFormatError(line, "is not valid UTF-8 text");
  }
}

/** Bytes parsed between two yields to the event loop. */
const SLICE_BYTES = 256 * 1024;

/** The 1-based line of byte `offset`, given the offsets of every \n before it (ascending). */
function lineAt(newlines: number[], offset: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((newlines[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** The first byte at or after `offset` that is not a line break (where the next record starts). */
function skipBreaks(bytes: Buffer, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return i;
}

function unneutralise(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/**
 * Rows of a CSV file: the header names the columns (variables, and `expected` and `tags`), each further
 * record is one item. An empty `expected` cell means none; tags are separated by `;` or `|`.
 */
export async function parseCsv(bytes: Buffer): Promise<FileRow[]> {
  decodeUtf8(bytes); // refuse what is not UTF-8 before csv-parse replaces it silently
  const newlines: number[] = [];
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) newlines.push(i);
  // Byte offsets where each record ended; the next record starts after the line breaks that follow.
  const ends: number[] = [0];
  const records: string[][] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const parser = parse({
        bom: true,
        skip_empty_lines: true,
        relax_column_count: false,
        on_record: (record: string[], context: { bytes: number }) => {
          ends.push(context.bytes);
          return record;
        },
      });
      parser.on("data", (record: string[]) => records.push(record));
      parser.on("error", reject);
      parser.on("end", () => resolve());
      (async () => {
        for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
          if (parser.destroyed) return;
          parser.write(bytes.subarray(at, at + SLICE_BYTES));
          await yieldToLoop();
        }
        parser.end();
      })().catch(reject);
    });
  } catch (e) {
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const start = skipBreaks(bytes, Math.max(ends[ends.length - 1] as number, bom));
    const line = lineAt(newlines, start);
    throw new FileFormatError(line, csvErrorMessage(e));
  }
  const [header, ...rest] = records;
  if (!header) throw new FileFormatError(1, "the file is empty: the first line must name the columns");
  const columns = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const [i, name] of columns.entries()) {
    if (!name) throw new FileFormatError(1, `column ${i + 1} of the header has no name`);
    if (seen.has(name)) throw new FileFormatError(1, `the header names column ${name} twice`);
    seen.add(name);
    if (name !== CSV_EXPECTED && name !== CSV_TAGS && !isVariableName(name))
      throw new FileFormatError(
        1,
        `column ${JSON.stringify(name)} is not a variable name (a letter or _, then letters, digits or _; at most 64)`,
      );
  }
  return rest.map((record, i) => {
    const start = skipBreaks(bytes, ends[i + 1] as number);
    const item: FileItem = { variables: {}, expected: null, tags: [], note: "" };
    for (const [c, name] of columns.entries()) {
      const cell = unneutralise(record[c] ?? "");
      if (name === CSV_EXPECTED) item.expected = cell === "" ? null : cell;
      else if (name === CSV_TAGS)
        item.tags = cell
          .split(TAG_SEPARATOR)
          .map((t) => t.trim())
          .filter(Boolean);
      else item.variables[name] = cell;
    }
    return { line: lineAt(newlines, start), value: item };
  });
}

function csvErrorMessage(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return "has a different number of fields than the header";
    case "CSV_QUOTE_NOT_CLOSED":
      return "opens a quoted field that is never closed";
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'has a character after a closing quote (a quote inside a quoted field is written twice: "")';
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return "has a character after a closing quote";
    default:
      return `is not valid CSV${typeof code === "string" ? ` (${code})` : ""}`;
  }
}

/** Rows of a JSON-lines file: one JSON object per line; blank lines are skipped. */
export async function parseJsonLines(bytes: Buffer): Promise<FileRow[]> {
  const text = decodeUtf8(bytes).replace(/^\uFEFF/, "");
  const rows: FileRow[] = [];
  const lines = text.split("\n");
  let sinceYield = 0;
  for (const [i, raw] of lines.entries()) {
    sinceYield += raw.length;
    if (sinceYield > SLICE_BYTES) {
      sinceYield = 0;
      await yieldToLoop();
    }
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new FileFormatError(i + 1, "is not valid JSON (each line must be one JSON object)");
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new FileFormatError(i + 1, 'must be a JSON object ({"variables": {…}, "expected": …})');
    rows.push({ line: i + 1, value });
  }
  return rows;
}

/** One CSV cell: formula-neutralised, quoted when it holds a comma, quote or line break. */
function csvCell(text: string): string {
  const s = FORMULA_START.test(text) || NEUTRALISED.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A variable's value as CSV text: strings as they are, null empty, anything else as JSON. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * CSV of items: a column per variable (in the order they first appear), then `expected` and `tags`.
 * Notes are not written (JSON lines keeps everything).
 */
export function toCsv(items: readonly FileItem[]): string {
  const names: string[] = [];
  const known = new Set<string>();
  for (const item of items)
    for (const name of Object.keys(item.variables))
      if (!known.has(name)) {
        known.add(name);
        names.push(name);
      }
  const clash = names.find((n) => n === CSV_EXPECTED || n === CSV_TAGS);
  if (clash)
    throw new FileFormatError(
      0,
      `a variable is named ${clash}, which CSV keeps for its own column: export as jsonl`,
    );
  const header = [...names, CSV_EXPECTED, CSV_TAGS];
  const lines = [header.map(csvCell).join(",")];
  for (const item of items) {
    const cells = names.map((n) => cellText(item.variables[n]));
    cells.push(item.expected ?? "", item.tags.join(";"));
    lines.push(cells.map(csvCell).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** JSON lines of items: {variables, expected, tags, note} per line. */
export function toJsonLines(items: readonly FileItem[]): string {
  return items
    .map(
      (i) =>
        `${JSON.stringify({ variables: i.variables, expected: i.expected, tags: i.tags, note: i.note })}\n`,
    )
    .join("");
}
