// Every limit of datasets, at the limit and one past it, through the real API on SQLite and PostgreSQL:
// name length, description length, bytes per item (JSON body and imported row), tags per item and tag
// length, items per request, items per dataset (JSON and import, naming the first line past it), and the
// import body size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATASET_LIMITS } from "../../src/features/evaluations/datasets-schemas.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { call, type Team, team } from "../registry/registry-helpers.js";

let seq = 0;

/** An item whose JSON form ({variables, expected, tags, note}) is exactly `bytes` bytes. */
function itemOfBytes(bytes: number) {
  const overhead = JSON.stringify({ variables: { q: "" }, expected: null, tags: [], note: "" }).length;
  return { variables: { q: "x".repeat(bytes - overhead) } };
}

describe.each(DB_TARGETS)("dataset limits on %s", (target) => {
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
    const res = await call(t.app, w.editor.auth, "POST", url, { name: `limits ${++seq}` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  function importCsv(id: string, body: string) {
    return t.app.inject({
      method: "POST",
      url: `${url}/${id}/import`,
      headers: { ...w.editor.auth, "content-type": "text/csv" },
      payload: body,
    });
  }

  it("takes names of 1–100 characters (trimmed), descriptions up to 2,000", async () => {
    expect(DATASET_LIMITS.nameMax).toBe(100);
    const max = "ü".repeat(100);
    expect((await call(t.app, w.editor.auth, "POST", url, { name: max })).statusCode).toBe(201);
    for (const name of ["", "   ", "n".repeat(101), "tab\there"]) {
      const res = await call(t.app, w.editor.auth, "POST", url, { name });
      expect(res.statusCode, JSON.stringify(name)).toBe(422);
      expect(res.json().error.details[0].field).toBe("name");
    }
    const id = await emptyDataset();
    expect(
      (await call(t.app, w.editor.auth, "PATCH", `${url}/${id}`, { name: "m".repeat(101) })).statusCode,
    ).toBe(422);
    const desc = await call(t.app, w.editor.auth, "PATCH", `${url}/${id}`, { description: "d".repeat(2000) });
    expect(desc.statusCode, desc.body).toBe(200);
    const long = await call(t.app, w.editor.auth, "PATCH", `${url}/${id}`, { description: "d".repeat(2001) });
    expect(long.statusCode).toBe(422);
    expect(long.json().error.details[0].field).toBe("description");
  });

  it("takes an item of exactly 64 KiB of JSON and refuses one byte more, as JSON and as an imported row", async () => {
    expect(DATASET_LIMITS.itemBytes).toBe(65_536);
    const id = await emptyDataset();
    const ok = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, itemOfBytes(65_536));
    expect(ok.statusCode, ok.body).toBe(201);
    const over = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, itemOfBytes(65_537));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toContain("65537 bytes as JSON, more than the limit of 65536");
    const inCreate = await call(t.app, w.editor.auth, "POST", url, {
      name: `big ${++seq}`,
      items: [{ variables: { q: "small" } }, itemOfBytes(65_537)],
    });
    expect(inCreate.statusCode).toBe(422);
    expect(inCreate.json().error.details[0].field).toBe("items.1");
    // Multi-byte characters count as their UTF-8 bytes: 21,846 × 3 bytes is over.
    const wide = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, {
      variables: { q: "日".repeat(21_846) },
    });
    expect(wide.statusCode).toBe(422);
    const row = `q\nsmall\n${"y".repeat(70_000)}\n`;
    const imported = await importCsv(id, row);
    expect(imported.statusCode).toBe(422);
    expect(imported.json().error.details[0]).toMatchObject({ line: 3, field: "item" });
    const edit = await call(t.app, w.editor.auth, "PATCH", `${url}/${id}/items/${ok.json().items[0].id}`, {
      note: "pushes it over",
    });
    expect(edit.statusCode).toBe(422);
  });

  it("takes 20 tags of up to 50 characters, and refuses 21 tags, a 51-character tag or a separator inside one", async () => {
    const id = await emptyDataset();
    const twenty = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, "0")}${"t".repeat(48)}`);
    const ok = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, {
      variables: {},
      tags: twenty,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items[0].tags).toEqual(twenty);
    for (const [tags, field] of [
      [[...twenty, "one-more"], "tags"],
      [["t".repeat(51)], "tags.0"],
      [["ok", "a;b"], "tags.1"],
      [["a|b"], "tags.0"],
      [["   "], "tags.0"],
    ] as const) {
      const res = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, { variables: {}, tags });
      expect(res.statusCode, JSON.stringify(tags)).toBe(422);
      expect(res.json().error.details[0].field).toBe(field);
    }
    // 21 tags in a CSV cell: the row's line is named.
    const csv = `q,tags\nfine,a;b\nmany,${Array.from({ length: 21 }, (_, i) => `t${i}`).join(";")}\n`;
    const res = await importCsv(id, csv);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0]).toMatchObject({ line: 3, field: "tags" });
  });

  it("takes at most 1,000 items in one JSON request", async () => {
    const id = await emptyDataset();
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ variables: { i } }));
    expect((await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, items(1000))).statusCode).toBe(
      201,
    );
    const over = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, items(1001));
    expect(over.statusCode).toBe(422);
    const create = await call(t.app, w.editor.auth, "POST", url, {
      name: `many ${++seq}`,
      items: items(1001),
    });
    expect(create.statusCode).toBe(422);
  });

  it("holds at most 10,000 items: an import past it names the first line beyond, and deleted items make room", async () => {
    expect(DATASET_LIMITS.itemsPerDataset).toBe(10_000);
    const id = await emptyDataset();
    const rows = (n: number, from = 0) =>
      `q\n${Array.from({ length: n }, (_, i) => `row ${from + i}`).join("\n")}\n`;
    // One past the limit in one file: the 10,001st row is on line 10,002.
    const tooMany = await importCsv(id, rows(10_001));
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.details[0].line).toBe(10_002);
    expect(tooMany.json().error.message).toContain("at most 10000");
    expect(
      (await call(t.app, w.viewer.auth, "GET", `${url}?limit=100`))
        .json()
        .items.find((d: { id: string }) => d.id === id).item_count,
    ).toBe(0);

    const full = await importCsv(id, rows(9_999));
    expect(full.statusCode, full.body).toBe(201);
    // 9,999 + 2: the second row (line 3) is the one past the limit.
    const two = await importCsv(id, rows(2, 20_000));
    expect(two.statusCode).toBe(422);
    expect(two.json().error.details[0].line).toBe(3);
    const last = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, {
      variables: { q: "10,000th" },
    });
    expect(last.statusCode, last.body).toBe(201);
    const more = await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, {
      variables: { q: "one more" },
    });
    expect(more.statusCode).toBe(422);
    expect(more.json().error.message).toContain("would make 10001 items");
    const read = await call(t.app, w.viewer.auth, "GET", `${url}/${id}`);
    expect(read.json().item_count).toBe(10_000);
    expect(read.json().items).toHaveLength(10_000);
    // Deleting an item makes room for one (its revisions stay, but do not count).
    const first = read.json().items[0].id;
    expect((await call(t.app, w.editor.auth, "DELETE", `${url}/${id}/items/${first}`)).statusCode).toBe(204);
    expect(
      (await call(t.app, w.editor.auth, "POST", `${url}/${id}/items`, { variables: {} })).statusCode,
    ).toBe(201);
  }, 120_000);

  it("keeps the item limit and unique names under concurrent requests", async () => {
    const id = await emptyDataset();
    const rows = (n: number) => `q\n${Array.from({ length: n }, (_, i) => `r${i}`).join("\n")}\n`;
    // Two imports of 6,000 at once: only one fits.
    const results = await Promise.all([importCsv(id, rows(6_000)), importCsv(id, rows(6_000))]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
    const read = await call(t.app, w.viewer.auth, "GET", `${url}/${id}`);
    expect(read.json().item_count).toBe(6_000);
    const name = `race ${++seq}`;
    const made = await Promise.all(
      Array.from({ length: 4 }, () => call(t.app, w.editor.auth, "POST", url, { name })),
    );
    expect(made.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of made.filter((m) => m.statusCode === 409))
      expect(r.json().error.code).toBe("dataset_name_taken");
  }, 120_000);

  it("takes an import body up to 10 MiB and answers 413 past it", async () => {
    expect(DATASET_LIMITS.importBytes).toBe(10 * 1024 * 1024);
    const id = await emptyDataset();
    const header = "q\n";
    const big = header + "z".repeat(DATASET_LIMITS.importBytes - header.length + 1);
    const res = await importCsv(id, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe("payload_too_large");
    // At the limit the body is read (and here refused for its one oversized row, not for its size); a
    // raw body is not walked byte by byte by the input guard (that took minutes).
    const atLimit = await importCsv(id, big.slice(0, -1));
    expect(atLimit.statusCode).toBe(422);
    expect(atLimit.json().error.details[0]).toMatchObject({ line: 2, field: "item" });
  });
});
