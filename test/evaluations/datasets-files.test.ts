// The dataset file formats on their own: CSV read in slices gives what one read gives (multi-byte
// characters and CRLF split across slice edges), each row's starting line counted right, and CSV and
// JSON lines written and read back to the same items, awkward values included.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  decodeUtf8,
  FileFormatError,
  type FileItem,
  parseCsv,
  parseJsonLines,
  toCsv,
  toJsonLines,
} from "../../src/features/evaluations/dataset-files.js";

describe("dataset files", () => {
  it("reads a CSV larger than one slice as csv-parse does in one go, with each row's starting line", async () => {
    for (const pad of [0, 1, 2]) {
      const rows = Array.from(
        { length: 16_000 },
        (_, i) => `"日本語 ${"é".repeat((i % 7) + pad)}, row\r\n${i}",x${i},t;u`,
      );
      const buf = Buffer.from(`q,expected,tags\r\n${rows.join("\r\n")}\r\n`);
      expect(buf.length).toBeGreaterThan(600_000);
      const got = await parseCsv(buf);
      const want = parse(buf, { skip_empty_lines: true }).slice(1) as string[][];
      expect(got.map((r) => (r.value as FileItem).variables.q)).toEqual(want.map((r) => r[0]));
      expect(got.map((r) => r.line)).toEqual(rows.map((_, i) => 2 + 2 * i));
    }
  });

  it("writes CSV and JSON lines that read back to the same items", async () => {
    const awkward = [
      "=1+1",
      "+x",
      "-5",
      "@a",
      "\tt",
      "\rr",
      "'=q",
      "''-z",
      "'plain",
      'a "b", c',
      "x\r\ny\nz",
      "",
      "🚀 ü",
    ];
    const items: FileItem[] = awkward.map((v, i) => ({
      variables: { v, i: String(i) },
      expected: v === "" ? null : v,
      tags: i % 2 ? ["odd", "x"] : [],
      note: "",
    }));
    const csv = toCsv(items);
    const back = (await parseCsv(Buffer.from(csv))).map((r) => r.value);
    expect(back).toEqual(items);
    const jsonl = (await parseJsonLines(Buffer.from(toJsonLines(items)))).map((r) => r.value);
    expect(jsonl).toEqual(items);
    // No cell of the CSV starts a formula.
    for (const line of csv.split("\r\n").slice(1))
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("names the first line that is not UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from("a\nb\nc"), Buffer.from([0xc3]), Buffer.from("\nd")]);
    expect(() => decodeUtf8(bytes)).toThrow(FileFormatError);
    try {
      decodeUtf8(bytes);
    } catch (e) {
      expect((e as FileFormatError).line).toBe(3);
    }
    expect(decodeUtf8(Buffer.from("ok ü"))).toBe("ok ü");
  });
});
