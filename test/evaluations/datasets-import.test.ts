// Dataset import and export through the real API on SQLite and PostgreSQL: CSV with quoted fields that
// hold commas, quotes and line breaks, UTF-8 and a BOM, the expected and tags columns; JSON lines; a bad
// row anywhere refuses the whole file (nothing imported) and names the line it starts on; export gives back
// what import takes (round trips in both formats, spreadsheet formulas neutralised and restored).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { metricValue } from "../helpers/metrics.js";
import { call, type Team, team } from "../registry/registry-helpers.js";

const CSV = { "content-type": "text/csv" };
const NDJSON = { "content-type": "application/x-ndjson" };

interface ItemJson {
  variables: Record<string, unknown>;
  expected: string | null;
  tags: string[];
  note: string;
}

let seq = 0;

describe.each(DB_TARGETS)("dataset import and export on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let url: string;

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
    url = `${w.base}/datasets`;
  });
  afterAll(async () => t.close());

  async function emptyDataset(): Promise<string> {
    const res = await call(t.app, w.editor.auth, "POST", url, { name: `import ${++seq}` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  function importInto(id: string, body: string | Buffer, headers: Record<string, string> = CSV) {
    return t.app.inject({
      method: "POST",
      url: `${url}/${id}/import`,
      headers: { ...w.editor.auth, ...headers },
      payload: body,
    });
  }

  async function itemsOf(id: string): Promise<ItemJson[]> {
    const res = await call(t.app, w.viewer.auth, "GET", `${url}/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((i: ItemJson) => ({
      variables: i.variables,
      expected: i.expected,
      tags: i.tags,
      note: i.note,
    }));
  }

  it("imports CSV: quoted commas, doubled quotes and line breaks, UTF-8 with a BOM, the expected and tags columns", async () => {
    const id = await emptyDataset();
    const csv = [
      "\uFEFFcity,question,expected,tags",
      'Paris,"Is it big, or small?",big,geo;europe',
      '"Zürich","He said ""hi""\r\nthen left",,geo | Europe | ',
      'München,"line one\nline two\n\nline four","Ja, 日本語 🚀",',
      "",
      "東京, spaced ,x,a|b;c",
    ].join("\r\n");
    const res = await importInto(id, Buffer.from(csv, "utf8"), { "content-type": "text/csv; charset=utf-8" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 4 });
    expect(await itemsOf(id)).toEqual([
      {
        variables: { city: "Paris", question: "Is it big, or small?" },
        expected: "big",
        tags: ["geo", "europe"],
        note: "",
      },
      {
        variables: { city: "Zürich", question: 'He said "hi"\r\nthen left' },
        expected: null,
        tags: ["geo", "europe"],
        note: "",
      },
      {
        variables: { city: "München", question: "line one\nline two\n\nline four" },
        expected: "Ja, 日本語 🚀",
        tags: [],
        note: "",
      },
      { variables: { city: "東京", question: " spaced " }, expected: "x", tags: ["a", "b", "c"], note: "" },
    ]);
  });

  it("appends an import after the items already there", async () => {
    const id = await emptyDataset();
    await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, { variables: { q: "first" } });
    expect((await importInto(id, "q\nsecond\nthird\n")).statusCode).toBe(201);
    const res = (await call(t.app, w.viewer.auth, "GET", `${url}/${id}`)).json();
    expect(
      res.items.map((i: { variables: { q: string }; position: number }) => [i.variables.q, i.position]),
    ).toEqual([
      ["first", 0],
      ["second", 1],
      ["third", 2],
    ]);
  });

  it("refuses a CSV with a bad row: nothing imported, the line the row starts on named in details", async () => {
    const id = await emptyDataset();
    await importInto(id, "q\nalready here\n");
    // Line 2 holds a record spanning lines 2–4 (CRLF inside the quotes), line 5 is good, line 6 is short.
    const csv = 'q,expected\r\n"multi\r\nline\r\nvalue",x\r\nfine,y\r\nshort\r\nnever,z\r\n';
    const before = await metricValue(t.app, "dataset_imports_total", { format: "csv", result: "refused" });
    const res = await importInto(id, csv);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toEqual({
      error: {
        code: "validation_error",
        message:
          "Import refused, nothing was imported: line 6: has a different number of fields than the header",
        details: [{ line: 6, field: "body", message: "has a different number of fields than the header" }],
      },
      request_id: expect.any(String),
    });
    expect(await metricValue(t.app, "dataset_imports_total", { format: "csv", result: "refused" })).toBe(
      before + 1,
    );
    expect((await itemsOf(id)).map((i) => i.variables.q)).toEqual(["already here"]);
  });

  it("names the line of a row whose item is invalid (a tag too long), after blank lines and a multi-line field", async () => {
    const id = await emptyDataset();
    const csv = `q,tags\n"a\nb",ok\n\nfine,ok\nbad,${"t".repeat(51)}\n`;
    const res = await importInto(id, csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      { line: 6, field: "tags.0", message: "must be 1–50 characters after trimming" },
    ]);
    expect(res.json().error.message).toBe(
      "Import refused, nothing was imported: line 6: tags.0 must be 1–50 characters after trimming",
    );
    expect(await itemsOf(id)).toEqual([]);
  });

  it("refuses malformed CSV: an unclosed quote, a stray quote, a bad or repeated header, invalid UTF-8, no rows", async () => {
    const id = await emptyDataset();
    const cases: [string | Buffer, number, string][] = [
      ['q\nok\n"never closed\nmore\n', 3, "opens a quoted field that is never closed"],
      ['q,r\nok,"x"y\n', 2, "character after a closing quote"],
      ["q,user input\nx,y\n", 1, '"user input" is not a variable name'],
      ["q,q\nx,y\n", 1, "names column q twice"],
      ["q,,r\nx,y,z\n", 1, "column 2 of the header has no name"],
      [Buffer.concat([Buffer.from("q\nok\n"), Buffer.from([0x66, 0xff, 0x0a])]), 3, "is not valid UTF-8"],
      ["", 1, "the file is empty"],
      ["q,expected\n", 0, "the file holds no items"],
    ];
    for (const [body, line, message] of cases) {
      const res = await importInto(id, body);
      expect(res.statusCode, JSON.stringify(body.toString())).toBe(422);
      expect(res.json().error.details[0].line, res.body).toBe(line);
      expect(res.json().error.message).toContain(message);
    }
    expect(await itemsOf(id)).toEqual([]);
  });

  it("imports JSON lines (blank lines and CRLF allowed), typed values and notes kept", async () => {
    const id = await emptyDataset();
    const lines = [
      JSON.stringify({ variables: { n: 3, ok: true, list: [1, "two"], obj: { a: null } }, expected: 42 }),
      "",
      JSON.stringify({ variables: { text: "ünïcödé 🚀" }, expected: null, tags: ["X"], note: "a note" }),
    ].join("\r\n");
    const res = await importInto(id, lines, { "content-type": "application/jsonl" });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await itemsOf(id)).toEqual([
      {
        variables: { n: 3, ok: true, list: [1, "two"], obj: { a: null } },
        expected: "42",
        tags: [],
        note: "",
      },
      { variables: { text: "ünïcödé 🚀" }, expected: null, tags: ["x"], note: "a note" },
    ]);
  });

  it("refuses JSON lines with a bad line, naming it; nothing imported", async () => {
    const id = await emptyDataset();
    const good = JSON.stringify({ variables: { q: "ok" } });
    const cases: [string, number, string][] = [
      [`${good}\n\n{"variables": {"q": "x"}\n`, 3, "is not valid JSON"],
      [`${good}\n[1, 2]\n`, 2, "must be a JSON object"],
      [`${good}\n${good}\n{"variables": {"q": 1}, "expect": "typo"}\n`, 3, "expect is not an accepted field"],
      [`{"expected": "no variables"}\n`, 1, "variables must be an object"],
      [`${good}\n{"variables": {"q": "x"}, "tags": "one"}\n`, 2, "tags must be a list of strings"],
      [`${good}\n{"variables": {"q": "nul \\u0000 inside"}}\n`, 2, "must not contain NUL characters"],
      [`{"variables": {"1st": "x"}}\n`, 1, "variables.1st is not a variable name"],
    ];
    for (const [body, line, message] of cases) {
      const res = await importInto(id, body, NDJSON);
      expect(res.statusCode, body).toBe(422);
      expect(res.json().error.details[0].line, res.body).toBe(line);
      expect(res.json().error.message).toContain(message);
    }
    expect(await itemsOf(id)).toEqual([]);
  });

  it("takes only CSV or JSON-lines bodies (415 otherwise)", async () => {
    const id = await emptyDataset();
    for (const type of ["application/json", "text/plain"]) {
      const body = type === "application/json" ? JSON.stringify({ variables: {} }) : "q\nx\n";
      const res = await importInto(id, body, { "content-type": type });
      expect(res.statusCode, type).toBe(415);
      expect(res.json().error.code).toBe("unsupported_media_type");
    }
    const xml = await importInto(id, "<a/>", { "content-type": "application/xml" });
    expect(xml.statusCode).toBe(415);
  });

  it("exports CSV that imports back to the same items, formulas neutralised in the file and restored on import", async () => {
    const source = await emptyDataset();
    const items = [
      { variables: { a: "=SUM(A1:A3)", b: "plain, with comma" }, expected: "-5", tags: ["x", "y"] },
      { variables: { a: '"quoted"\nand a line', b: "'=already quoted" }, expected: "+1", tags: [] },
      { variables: { a: "@mention", b: "日本語 🚀" }, expected: null, tags: ["z"] },
      { variables: { a: "", b: "\ttabbed" }, expected: "'", tags: [] },
    ];
    expect((await call(t.app, w.editor.auth, "POST", `${url}/${source}/items`, items)).statusCode).toBe(201);
    const exported = await call(t.app, w.viewer.auth, "GET", `${url}/${source}/export?format=csv`);
    expect(exported.statusCode, exported.body).toBe(200);
    expect(exported.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(exported.headers["content-disposition"]).toMatch(/^attachment; filename="import-\d+\.csv"$/);
    const lines = exported.body.split("\r\n");
    expect(lines[0]).toBe("a,b,expected,tags");
    expect(lines[1]).toBe("'=SUM(A1:A3),\"plain, with comma\",'-5,x;y");
    expect(exported.body).toContain("'@mention");
    expect(exported.body).toContain("''=already quoted");

    const copy = await emptyDataset();
    const back = await importInto(copy, exported.rawPayload);
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toEqual({ imported: 4 });
    expect(await itemsOf(copy)).toEqual(await itemsOf(source));
    // And the copy exports to the same file.
    const again = await call(t.app, w.viewer.auth, "GET", `${url}/${copy}/export?format=csv`);
    expect(again.body).toBe(exported.body);
  });

  it("exports JSON lines (the default) that import back to the same items, typed values and notes included", async () => {
    const source = await emptyDataset();
    const items = [
      {
        variables: { n: 1.5, b: false, o: { deep: [1, { x: "y" }] }, s: "multi\nline" },
        expected: "yes",
        note: "n",
      },
      { variables: {}, tags: ["empty-vars"] },
    ];
    await call(t.app, w.editor.auth, "POST", `${url}/${source}/items`, items);
    const exported = await call(t.app, w.viewer.auth, "GET", `${url}/${source}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(exported.body.trimEnd().split("\n")).toHaveLength(2);
    const copy = await emptyDataset();
    const back = await importInto(copy, exported.rawPayload, NDJSON);
    expect(back.statusCode, back.body).toBe(201);
    expect(await itemsOf(copy)).toEqual(await itemsOf(source));
    expect((await itemsOf(copy))[0]).toEqual({
      variables: { n: 1.5, b: false, o: { deep: [1, { x: "y" }] }, s: "multi\nline" },
      expected: "yes",
      tags: [],
      note: "n",
    });
  });

  it("refuses a CSV export of a variable named like a CSV column, pointing to jsonl", async () => {
    const id = await emptyDataset();
    await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, { variables: { expected: "x" } });
    const res = await call(t.app, w.viewer.auth, "GET", `${url}/${id}/export?format=csv`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain("export as jsonl");
    expect((await call(t.app, w.viewer.auth, "GET", `${url}/${id}/export?format=jsonl`)).statusCode).toBe(
      200,
    );
  });

  it("counts imported items by format", async () => {
    const id = await emptyDataset();
    const csvBefore = await metricValue(t.app, "dataset_items_imported_total", { format: "csv" });
    const okBefore = await metricValue(t.app, "dataset_imports_total", {
      format: "jsonl",
      result: "imported",
    });
    await importInto(id, "q\n1\n2\n3\n");
    await importInto(id, '{"variables":{"q":"4"}}\n', NDJSON);
    expect(await metricValue(t.app, "dataset_items_imported_total", { format: "csv" })).toBe(csvBefore + 3);
    expect(await metricValue(t.app, "dataset_imports_total", { format: "jsonl", result: "imported" })).toBe(
      okBefore + 1,
    );
  });
});
