// Datasets through the real API on SQLite and PostgreSQL: create (with items), list with cursor pages,
// read, rename, soft delete (the name is free again, runs still read the items), items added one or many,
// edited as new revisions with the old ones readable, deleted; names unique among live datasets; each role
// and API-key scope; audit entries; 404s in the JSON error shape; getDatasetForRun by id and by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatasetsService } from "../../src/features/evaluations/datasets-service.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { projectKey } from "../projects/project-helpers.js";
import { call, type Team, team } from "../registry/registry-helpers.js";

let seq = 0;
const uniqueName = (stem = "support tickets") => `${stem} ${++seq}`;

describe.each(DB_TARGETS)("datasets on %s", (target) => {
  let t: TestApp;
  let w: Team;
  let url: string;

  beforeAll(async () => {
    t = await buildTestApp({ target });
    w = await team(t.app);
    url = `${w.base}/datasets`;
  });
  afterAll(async () => t.close());

  async function dataset(items: unknown[] = [], name = uniqueName()) {
    const res = await call(t.app, w.editor.auth, "POST", url, { name, items });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; name: string; items: { id: string; revision_id: string }[] };
  }

  it("creates a dataset with its first items, in order, and reads it back", async () => {
    const res = await call(t.app, w.editor.auth, "POST", url, {
      name: "  Refund questions  ",
      description: "Tickets about refunds",
      items: [
        {
          variables: { question: "Where is my refund?" },
          expected: "refund_status",
          tags: ["Refund", "refund"],
        },
        { variables: { question: "Cancel my order", count: 2, vip: true, meta: { lang: "en" }, none: null } },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({
      project_id: w.project.id,
      name: "Refund questions",
      description: "Tickets about refunds",
      item_count: 2,
    });
    expect(made.items.map((i: { position: number }) => i.position)).toEqual([0, 1]);
    const read = await call(t.app, w.viewer.auth, "GET", `${url}/${made.id}`);
    expect(read.statusCode, read.body).toBe(200);
    const body = read.json();
    expect(body.item_count).toBe(2);
    expect(body.items).toEqual(made.items);
    expect(body.items[0]).toMatchObject({
      revision: 1,
      variables: { question: "Where is my refund?" },
      expected: "refund_status",
      tags: ["refund"],
      note: "",
    });
    expect(body.items[0].id).not.toBe(body.items[0].revision_id);
    expect(body.items[1]).toMatchObject({
      variables: { question: "Cancel my order", count: 2, vip: true, meta: { lang: "en" }, none: null },
      expected: null,
      tags: [],
    });
  });

  it("lists live datasets newest first, a page at a time with next_cursor", async () => {
    const fresh = await buildTestApp({ target });
    try {
      const ft = await team(fresh.app);
      for (let i = 0; i < 5; i++) {
        const r = await call(fresh.app, ft.editor.auth, "POST", `${ft.base}/datasets`, { name: `set ${i}` });
        expect(r.statusCode, r.body).toBe(201);
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : "";
        const page = await call(fresh.app, ft.viewer.auth, "GET", `${ft.base}/datasets?limit=2${q}`);
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json();
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((d: { name: string }) => d.name));
        cursor = body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(["set 4", "set 3", "set 2", "set 1", "set 0"]);
      const bad = await call(fresh.app, ft.viewer.auth, "GET", `${ft.base}/datasets?cursor=nonsense!`);
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.details[0].field).toBe("cursor");
    } finally {
      await fresh.close();
    }
  });

  it("renames a dataset and changes its description; a taken name is 409 dataset_name_taken", async () => {
    const a = await dataset();
    const b = await dataset();
    const renamed = await call(t.app, w.editor.auth, "PATCH", `${url}/${a.id}`, {
      name: "Renamed set",
      description: null,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id: a.id, name: "Renamed set", description: null });
    const clash = await call(t.app, w.editor.auth, "PATCH", `${url}/${b.id}`, { name: "Renamed set" });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({
      error: { code: "dataset_name_taken" },
      request_id: expect.any(String),
    });
    const dup = await call(t.app, w.editor.auth, "POST", url, { name: "Renamed set" });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe("dataset_name_taken");
  });

  it("soft-deletes a dataset: gone from the API, its name free again, its items still in the database and for runs by revision", async () => {
    const d = await dataset([{ variables: { q: "kept for runs" } }], "to be deleted");
    const del = await call(t.app, w.editor.auth, "DELETE", `${url}/${d.id}`);
    expect(del.statusCode, del.body).toBe(204);
    const gone = await call(t.app, w.viewer.auth, "GET", `${url}/${d.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({
      error: { code: "not_found", message: "Dataset not found" },
      request_id: expect.any(String),
    });
    const list = (await call(t.app, w.viewer.auth, "GET", `${url}?limit=100`)).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(d.id);
    expect((await call(t.app, w.editor.auth, "DELETE", `${url}/${d.id}`)).statusCode).toBe(404);
    // The name is free among live datasets again.
    const again = await call(t.app, w.editor.auth, "POST", url, { name: "to be deleted" });
    expect(again.statusCode, again.body).toBe(201);
    // The revision a run recorded is still there.
    const row = await databaseOf(t.app)
      .selectFrom("dataset_items")
      .select(["variables", "deleted_at"])
      .where("id", "=", d.items[0]?.revision_id as string)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.variables)).toEqual({ q: "kept for runs" });
  });

  it("adds one item or a list at the end, all or nothing", async () => {
    const d = await dataset([{ variables: { q: "first" } }]);
    const one = await call(t.app, w.editor.auth, "POST", `${url}/${d.id}/items`, {
      variables: { q: "second" },
    });
    expect(one.statusCode, one.body).toBe(201);
    expect(one.json().items).toHaveLength(1);
    expect(one.json().items[0].position).toBe(1);
    const many = await call(t.app, w.editor.auth, "POST", `${url}/${d.id}/items`, [
      { variables: { q: "third" } },
      { variables: { q: "fourth" }, note: "edge case" },
    ]);
    expect(many.statusCode, many.body).toBe(201);
    expect(many.json().items.map((i: { position: number }) => i.position)).toEqual([2, 3]);
    const bad = await call(t.app, w.editor.auth, "POST", `${url}/${d.id}/items`, [
      { variables: { q: "fifth" } },
      { variables: { "not a name": "x" } },
    ]);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details).toEqual([
      { field: "1.variables.not a name", message: expect.stringContaining("not a variable name") },
    ]);
    const read = (await call(t.app, w.viewer.auth, "GET", `${url}/${d.id}`)).json();
    expect(read.items.map((i: { variables: { q: string } }) => i.variables.q)).toEqual([
      "first",
      "second",
      "third",
      "fourth",
    ]);
    expect(read.item_count).toBe(4);
  });

  it("edits an item as a new revision and keeps the old one readable; an edit that changes nothing makes none", async () => {
    const d = await dataset([
      { variables: { q: "What is 2+2?" }, expected: "4", tags: ["math"] },
      { variables: { q: "other" } },
    ]);
    const first = d.items[0] as { id: string; revision_id: string };
    const itemUrl = `${url}/${d.id}/items/${first.id}`;
    const edited = await call(t.app, w.editor.auth, "PATCH", itemUrl, {
      expected: "four",
      note: "spelled out",
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      id: first.id,
      revision: 2,
      position: 0,
      variables: { q: "What is 2+2?" },
      expected: "four",
      tags: ["math"],
      note: "spelled out",
    });
    expect(edited.json().revision_id).not.toBe(first.revision_id);
    const same = await call(t.app, w.editor.auth, "PATCH", itemUrl, { expected: "four" });
    expect(same.json().revision).toBe(2);
    const third = await call(t.app, w.editor.auth, "PATCH", itemUrl, {
      variables: { q: "What is 3+3?" },
      expected: null,
    });
    expect(third.json()).toMatchObject({ revision: 3, variables: { q: "What is 3+3?" }, expected: null });

    const revs = await call(t.app, w.viewer.auth, "GET", `${itemUrl}/revisions`);
    expect(revs.statusCode, revs.body).toBe(200);
    const items = revs.json().items;
    expect(items.map((r: { revision: number }) => r.revision)).toEqual([1, 2, 3]);
    expect(items[0]).toMatchObject({
      revision_id: first.revision_id,
      expected: "4",
      note: "",
      deleted_at: null,
    });
    expect(items[0].superseded_at).toEqual(expect.any(String));
    expect(items[2].superseded_at).toBeNull();
    // The dataset shows the current revision, in its place.
    const read = (await call(t.app, w.viewer.auth, "GET", `${url}/${d.id}`)).json();
    expect(read.items[0]).toMatchObject({ id: first.id, revision: 3 });
    expect(read.item_count).toBe(2);
  });

  it("deletes an item: gone from the dataset, its revisions still readable and marked deleted", async () => {
    const d = await dataset([{ variables: { q: "a" } }, { variables: { q: "b" } }]);
    const gone = d.items[0] as { id: string };
    const itemUrl = `${url}/${d.id}/items/${gone.id}`;
    expect((await call(t.app, w.editor.auth, "DELETE", itemUrl)).statusCode).toBe(204);
    const read = (await call(t.app, w.viewer.auth, "GET", `${url}/${d.id}`)).json();
    expect(read.items.map((i: { variables: { q: string } }) => i.variables.q)).toEqual(["b"]);
    expect(read.item_count).toBe(1);
    const revs = (await call(t.app, w.viewer.auth, "GET", `${itemUrl}/revisions`)).json().items;
    expect(revs).toHaveLength(1);
    expect(revs[0].deleted_at).toEqual(expect.any(String));
    expect(revs[0].superseded_at).toEqual(revs[0].deleted_at);
    // A deleted item can be neither edited nor deleted again.
    const edit = await call(t.app, w.editor.auth, "PATCH", itemUrl, { note: "x" });
    expect(edit.statusCode).toBe(404);
    expect(edit.json().error).toEqual({ code: "not_found", message: "Item not found" });
    expect((await call(t.app, w.editor.auth, "DELETE", itemUrl)).statusCode).toBe(404);
  });

  it("answers 404 in the error shape for an unknown dataset or item, and for another project's dataset", async () => {
    const d = await dataset([{ variables: { q: "a" } }]);
    const unknown = "01890000-0000-7000-8000-000000000000";
    for (const [method, path, payload] of [
      ["GET", `${url}/${unknown}`, undefined],
      ["PATCH", `${url}/${unknown}`, { name: "x" }],
      ["DELETE", `${url}/${unknown}`, undefined],
      ["POST", `${url}/${unknown}/items`, { variables: {} }],
      ["GET", `${url}/${unknown}/export`, undefined],
      ["PATCH", `${url}/${d.id}/items/${unknown}`, { note: "x" }],
      ["DELETE", `${url}/${d.id}/items/${unknown}`, undefined],
      ["GET", `${url}/${d.id}/items/${unknown}/revisions`, undefined],
    ] as const) {
      const res = await call(t.app, w.editor.auth, method, path, payload);
      expect(res.statusCode, `${method} ${path}`).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: "not_found" }, request_id: expect.any(String) });
    }
    // Another team's project cannot see it either.
    const other = await team(t.app);
    const res = await call(t.app, other.owner.auth, "GET", `${other.base}/datasets/${d.id}`);
    expect(res.statusCode).toBe(404);
    const outsider = await call(t.app, other.owner.auth, "GET", `${url}/${d.id}`);
    expect(outsider.statusCode).toBe(404);
  });

  it("lets a viewer read but not write, and an editor write", async () => {
    const d = await dataset([{ variables: { q: "a" } }]);
    const item = d.items[0] as { id: string };
    expect((await call(t.app, w.viewer.auth, "GET", url)).statusCode).toBe(200);
    expect((await call(t.app, w.viewer.auth, "GET", `${url}/${d.id}/export?format=csv`)).statusCode).toBe(
      200,
    );
    for (const [method, path, payload] of [
      ["POST", url, { name: uniqueName() }],
      ["PATCH", `${url}/${d.id}`, { name: "x" }],
      ["DELETE", `${url}/${d.id}`, undefined],
      ["POST", `${url}/${d.id}/items`, { variables: {} }],
      ["PATCH", `${url}/${d.id}/items/${item.id}`, { note: "x" }],
      ["DELETE", `${url}/${d.id}/items/${item.id}`, undefined],
    ] as const) {
      const res = await call(t.app, w.viewer.auth, method, path, payload);
      expect(res.statusCode, `${method} ${path}`).toBe(403);
      expect(res.json().error.message).toContain("datasets:write");
    }
    const imp = await call(t.app, w.viewer.auth, "POST", `${url}/${d.id}/import`, "q\nx\n", {
      "content-type": "text/csv",
    });
    expect(imp.statusCode).toBe(403);
  });

  it("takes API keys by scope: prompts:read reads, evaluations:run writes, registry:read does neither", async () => {
    const reader = { "x-api-key": await projectKey(t.app, w.owner, w.project.slug, ["prompts:read"]) };
    const writer = { "x-api-key": await projectKey(t.app, w.owner, w.project.slug, ["evaluations:run"]) };
    const fetcher = { "x-api-key": await projectKey(t.app, w.owner, w.project.slug, ["registry:read"]) };
    const made = await call(t.app, writer, "POST", url, {
      name: uniqueName("from ci"),
      items: [{ variables: { q: 1 } }],
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id;
    expect((await call(t.app, reader, "GET", `${url}/${id}`)).statusCode).toBe(200);
    const denied = await call(t.app, reader, "POST", `${url}/${id}/items`, { variables: {} });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.message).toContain("evaluations:run");
    const none = await call(t.app, fetcher, "GET", `${url}/${id}`);
    expect(none.statusCode).toBe(403);
    expect(none.json().error.message).toContain("prompts:read");
    const imp = await call(t.app, writer, "POST", `${url}/${id}/import`, '{"variables":{"q":2}}\n', {
      "content-type": "application/x-ndjson",
    });
    expect(imp.statusCode, imp.body).toBe(201);
    // The writer key lacks prompts:read, so it cannot read the dataset back.
    expect((await call(t.app, writer, "GET", `${url}/${id}`)).statusCode).toBe(403);
  });

  it("records create, rename, import and delete in the project's audit log", async () => {
    const d = await dataset([{ variables: { q: "a" } }], "audited set");
    await call(t.app, w.editor.auth, "PATCH", `${url}/${d.id}`, { name: "audited set 2" });
    await call(t.app, w.editor.auth, "POST", `${url}/${d.id}/import`, "q\nb\nc\n", {
      "content-type": "text/csv",
    });
    await call(t.app, w.editor.auth, "DELETE", `${url}/${d.id}`);
    const entries = (
      await call(t.app, w.owner.auth, "GET", `${w.base}/audit?target_type=dataset&limit=100`)
    ).json().items as { action: string; target: { id: string }; summary: unknown; actor: { id: string } }[];
    const mine = entries.filter((e) => e.target.id === d.id).reverse();
    expect(mine.map((e) => e.action)).toEqual([
      "dataset.create",
      "dataset.update",
      "dataset.import",
      "dataset.delete",
    ]);
    expect(mine[0]).toMatchObject({ actor: { id: w.editor.id }, summary: { name: "audited set", items: 1 } });
    expect(mine[1]).toMatchObject({ summary: { name: "audited set 2", from: "audited set" } });
    expect(mine[2]).toMatchObject({ summary: { format: "csv", items: 2 } });
    expect(mine[3]).toMatchObject({ summary: { name: "audited set 2", items: 3 } });
  });

  it("goes with its project when the project is deleted", async () => {
    const doomed = await team(t.app);
    const made = await call(t.app, doomed.editor.auth, "POST", `${doomed.base}/datasets`, {
      name: "doomed",
      items: [{ variables: { q: "a" } }],
    });
    expect(made.statusCode, made.body).toBe(201);
    await call(
      t.app,
      doomed.editor.auth,
      "PATCH",
      `${doomed.base}/datasets/${made.json().id}/items/${made.json().items[0].id}`,
      {
        note: "second revision",
      },
    );
    const del = await call(t.app, doomed.owner.auth, "DELETE", doomed.base);
    expect(del.statusCode, del.body).toBe(204);
    const left = await databaseOf(t.app)
      .selectFrom("dataset_items")
      .select("id")
      .where("dataset_id", "=", made.json().id)
      .execute();
    expect(left).toEqual([]);
  });

  it("getDatasetForRun finds a live dataset by id or by name with its current revisions, and never a deleted one", async () => {
    // The service as runs get it, on the app's own database.
    const datasets = createDatasetsService({
      db: t.db.kysely,
      clock: Date.now,
      audit: { record: async () => {} },
    });
    const d = await dataset(
      [{ variables: { q: "a" }, expected: "A" }, { variables: { q: "b" } }],
      "for runs",
    );
    const second = d.items[1] as { id: string };
    await call(t.app, w.editor.auth, "PATCH", `${url}/${d.id}/items/${second.id}`, { expected: "B" });
    const byName = await datasets.getDatasetForRun(w.project.id, "for runs");
    const byId = await datasets.getDatasetForRun(w.project.id, d.id);
    expect(byId).toEqual(byName);
    expect(byId.id).toBe(d.id);
    expect(byId.name).toBe("for runs");
    expect(byId.items).toEqual([
      { revisionId: d.items[0]?.revision_id, itemId: d.items[0]?.id, variables: { q: "a" }, expected: "A" },
      { revisionId: expect.any(String), itemId: second.id, variables: { q: "b" }, expected: "B" },
    ]);
    expect(byId.items[1]?.revisionId).not.toBe(d.items[1]?.revision_id);
    // What a run's start reads: the same items in the same order, ids only (the worker reads the data).
    expect(await datasets.getDatasetRefsForRun(w.project.id, "for runs")).toEqual({
      id: d.id,
      name: "for runs",
      items: byId.items.map((i) => ({ revisionId: i.revisionId, itemId: i.itemId })),
    });
    await expect(datasets.getDatasetForRun("another-project", d.id)).rejects.toMatchObject({ status: 404 });
    await call(t.app, w.editor.auth, "DELETE", `${url}/${d.id}`);
    await expect(datasets.getDatasetForRun(w.project.id, d.id)).rejects.toMatchObject({ status: 404 });
    await expect(datasets.getDatasetForRun(w.project.id, "for runs")).rejects.toMatchObject({
      status: 404,
      code: "not_found",
    });
  });
});
