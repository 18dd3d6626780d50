// Inputs that pass the schemas but that the database or Date cannot take: each is a clear 4xx in the one
// error shape, never a 500 — a leap second in an audit time filter, forged cursors whose sort value is out
// of the column's range (PostgreSQL's integer and real refuse them).
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/http/pagination.js";
import { DB_TARGETS } from "../helpers/app.js";
import { useAppWithTwoUsers } from "../helpers/users.js";

describe.each(DB_TARGETS)("forged but well-formed inputs (%s)", (target) => {
  const fx = useAppWithTwoUsers(target);
  const get = (url: string) => fx.t.app.inject({ method: "GET", url, headers: fx.alice.auth });
  const expectClientError = (res: Awaited<ReturnType<typeof get>>, field: string) => {
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  };

  it("refuses a leap second in the audit log's time filter with 422, not 500", async () => {
    const base = `/api/v1/projects/~${fx.alice.username}/audit`;
    expect((await get(base)).statusCode).toBe(200);
    expectClientError(await get(`${base}?from=2016-12-31T23:59:60Z`), "from");
    expectClientError(await get(`${base}?to=2016-12-31T23:59:60Z`), "to");
  });

  it("refuses an audit cursor whose sequence number no entry can have", async () => {
    const base = `/api/v1/projects/~${fx.alice.username}/audit`;
    for (const value of [3_000_000_000, 1e300, -1]) {
      const cursor = encodeCursor("seq:desc", { value, id: "x" });
      expectClientError(await get(`${base}?cursor=${cursor}`), "cursor");
    }
  });

  it("refuses a score cursor no prompt can have", async () => {
    const cursor = encodeCursor("score:desc", { value: 1e300, id: "x" });
    expectClientError(await get(`/api/v1/prompts?sort=score&order=desc&cursor=${cursor}`), "cursor");
    const ok = encodeCursor("score:desc", { value: 55.5, id: "x" });
    expect((await get(`/api/v1/prompts?sort=score&order=desc&cursor=${ok}`)).statusCode).toBe(200);
  });
});
