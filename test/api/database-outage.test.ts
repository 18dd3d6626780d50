// When the database becomes unreachable mid-flight, API requests fail with 503 service_unavailable in
// the one error shape (never a 500 with internals), readiness turns 503, and service resumes when the
// database is back — proven by cutting a TCP proxy between PromptForge and PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/database.js";
import { buildTestApp, PG_URL, type TestApp } from "../helpers/app.js";
import { pgSchema, proxiedPostgres } from "../helpers/pg-schema.js";
import { createTestUser } from "../helpers/users.js";

describe.skipIf(!PG_URL)("database outage (postgres)", () => {
  const schema = pgSchema("pf_outage");
  let t: TestApp | undefined;

  afterAll(async () => {
    await t?.app.close();
    await t?.db.close().catch(() => {});
    await schema.drop();
  });

  it("answers 503 service_unavailable with Retry-After while PostgreSQL is unreachable", async () => {
    await schema.create();
    const { proxy, url: proxied } = await proxiedPostgres();
    const db = createDatabase({
      databaseUrl: proxied.toString(),
      dataDir: ".",
      pgSchema: schema.name,
      poolSize: 2,
    });
    t = await buildTestApp({ db, logLines: [] });
    const user = await createTestUser(t.app);
    const list = () => t?.app.inject({ method: "GET", url: "/api/v1/prompts", headers: user.auth });
    expect((await list())?.statusCode).toBe(200);

    proxy.cut();
    const res = await list();
    expect(res?.statusCode).toBe(503);
    expect(res?.headers["retry-after"]).toBe("5");
    expect(res?.json()).toEqual({
      error: { code: "service_unavailable", message: "The database is unavailable; try again shortly" },
      request_id: res?.headers["x-request-id"],
    });
    const ready = await t.app.inject({ method: "GET", url: "/health/ready" });
    expect(ready.statusCode).toBe(503);
  });
});
