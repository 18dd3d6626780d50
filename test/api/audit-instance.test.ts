// The instance-level audit log end to end, on SQLite and PostgreSQL: sign-ins, failed sign-ins,
// registrations, password changes and personal API keys are appended with actor, address and request id;
// instance admins list, filter, page, export and verify it; a row edited or deleted straight in the
// database is named by verify; concurrent appends never fork the chain; no secret reaches a row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/database.js";
import { createAuditService } from "../../src/features/audit/audit-service.js";
import { setUserRole } from "../../src/features/auth/admin.js";
import { createAccountKey } from "../helpers/accounts.js";
import { buildTestApp, DB_TARGETS, databaseOf, type TestApp } from "../helpers/app.js";
import { whileTampered } from "../helpers/audit.js";
import { metricValue } from "../helpers/metrics.js";
import { createTestUser, type TestUser } from "../helpers/users.js";

const PASSWORD = "canary-password-quartz-meadow-41";
const NEW_PASSWORD = "canary-new-password-cobalt-ridge-52";
const START = Date.parse("2026-05-01T08:00:00.000Z");

describe.each(DB_TARGETS)("instance audit log (%s)", (target) => {
  let t: TestApp;
  let now = START;
  let admin: TestUser;
  let plain: TestUser;
  const secrets: string[] = [PASSWORD, NEW_PASSWORD];
  let carolId: string;

  const get = (url: string, user: TestUser | null = admin) =>
    t.app.inject({ method: "GET", url, headers: user ? user.auth : {} });
  const rows = () => databaseOf(t.app).selectFrom("audit_events").selectAll().orderBy("seq").execute();

  beforeAll(async () => {
    t = await buildTestApp({ target, clock: () => now });
    admin = await createTestUser(t.app, { role: "admin" });
    plain = await createTestUser(t.app);

    const reg = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/register",
      headers: { "x-request-id": "req-register-1" },
      payload: { username: "carol", email: "carol@example.com", password: PASSWORD },
    });
    expect(reg.statusCode).toBe(201);
    carolId = reg.json().id;
    now += 1000;
    const ok = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "x-request-id": "req-login-ok" },
      payload: { username: "carol", password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    secrets.push(ok.json().access_token, ok.json().refresh_token);
    now += 1000;
    // A wrong password for a real account, and a "username" that is someone's password typed in the
    // wrong field: neither the password nor the unknown name may be kept.
    for (const payload of [
      { username: "carol", password: "canary-wrong-password-1" },
      { username: "canary-typed-password-in-name", password: "canary-wrong-password-2" },
    ]) {
      secrets.push(payload.password);
      const bad = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload });
      expect(bad.statusCode).toBe(401);
    }
    secrets.push("canary-typed-password-in-name");
    now += 1000;
    const changed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/change-password",
      headers: { authorization: `Bearer ${ok.json().access_token}` },
      payload: { current_password: PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    secrets.push(changed.json().access_token, changed.json().refresh_token);
    now += 1000;
    const key = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/api-keys",
      headers: { authorization: `Bearer ${changed.json().access_token}` },
      payload: { name: '=HYPERLINK("http://evil.example","x")' },
    });
    expect(key.statusCode).toBe(201);
    secrets.push(key.json().key);
    now += 1000;
    // The key revokes itself: the actor is the key, not the user.
    const del = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/auth/api-keys/${key.json().id}`,
      headers: { "x-api-key": key.json().key },
    });
    expect(del.statusCode).toBe(204);
  });
  afterAll(async () => t?.close());

  it("appends each instance-level event with actor, target, address and request id", async () => {
    const all = await rows();
    expect(all.map((r) => r.action)).toEqual([
      "user.register",
      "auth.login",
      "auth.login_failed",
      "auth.login_failed",
      "auth.password_change",
      "api_key.create",
      "api_key.revoke",
    ]);
    expect(all.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(all.every((r) => r.chain === "instance" && r.project_id === null)).toBe(true);
    expect(all[0]).toMatchObject({ actor_type: "user", actor_id: carolId, request_id: "req-register-1" });
    expect(all[1]).toMatchObject({
      actor_type: "user",
      actor_id: carolId,
      target_type: "user",
      target_id: carolId,
      client_ip: "127.0.0.1",
      request_id: "req-login-ok",
      created_at: new Date(START + 1000).toISOString(),
    });
    expect(all[2]).toMatchObject({ actor_type: "anonymous", actor_id: null, target_id: carolId });
    expect(JSON.parse(all[2]?.summary ?? "")).toEqual({ method: "password", reason: "wrong_password" });
    expect(all[3]).toMatchObject({ actor_type: "anonymous", target_id: null });
    expect(JSON.parse(all[3]?.summary ?? "")).toEqual({ method: "password", reason: "unknown_account" });
    expect(all[6]).toMatchObject({ actor_type: "api_key", actor_id: all[5]?.target_id });
    expect(all[1]?.prev_hash).toBe(all[0]?.hash);
  });

  it("keeps no password, token, API key or mistyped name in any row", async () => {
    const text = JSON.stringify(await rows());
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it("records the operator's role changes, made with the CLI, as the system actor", async () => {
    await setUserRole(databaseOf(t.app), "carol", "admin", () => now);
    await setUserRole(databaseOf(t.app), "carol", "admin", () => now); // no change, no entry
    await setUserRole(databaseOf(t.app), "carol", "user", () => now);
    const changes = (await rows()).filter((r) => r.action === "user.role_change");
    expect(changes.map((r) => [r.actor_type, r.actor_id, JSON.parse(r.summary)])).toEqual([
      ["system", "cli", { from: "user", scope: "instance", to: "admin" }],
      ["system", "cli", { from: "admin", scope: "instance", to: "user" }],
    ]);
  });

  it("is readable by instance admins only: 401 anonymous, 403 for other users", async () => {
    expect((await get("/api/v1/admin/audit", null)).statusCode).toBe(401);
    const denied = await get("/api/v1/admin/audit", plain);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe("forbidden");
    expect((await get("/api/v1/admin/audit/verify", plain)).statusCode).toBe(403);
    const res = await get("/api/v1/admin/audit");
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ action: "user.role_change", seq: 9 });
  });

  it("filters by action, actor, target and time range, and pages with a cursor", async () => {
    const failed = await get("/api/v1/admin/audit?action=auth.login_failed");
    expect(failed.json().items.map((e: { seq: number }) => e.seq)).toEqual([4, 3]);
    const byActor = await get(`/api/v1/admin/audit?actor=${carolId}&actor_type=user`);
    expect(byActor.json().items.map((e: { action: string }) => e.action)).toEqual([
      "api_key.create",
      "auth.password_change",
      "auth.login",
      "user.register",
    ]);
    const byTarget = await get(`/api/v1/admin/audit?target_type=user&target=${carolId}&limit=100`);
    // register, sign-in, failed sign-in, password change, two role changes (the key's target is the key)
    expect(byTarget.json().items).toHaveLength(6);
    const range = await get(
      `/api/v1/admin/audit?from=${new Date(START + 1000).toISOString()}&to=${new Date(START + 3000).toISOString()}`,
    );
    expect(range.json().items.map((e: { seq: number }) => e.seq)).toEqual([4, 3, 2]);

    const seen: number[] = [];
    let url = "/api/v1/admin/audit?limit=4";
    for (;;) {
      const page = (await get(url)).json();
      seen.push(...page.items.map((e: { seq: number }) => e.seq));
      if (!page.next_cursor) break;
      url = `/api/v1/admin/audit?limit=4&cursor=${page.next_cursor}`;
    }
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it("refuses a bad cursor, an inverted range, an unknown action and an oversized page with 422", async () => {
    for (const q of [
      "cursor=bm90LWEtY3Vyc29y",
      `from=${new Date(START + 5000).toISOString()}&to=${new Date(START).toISOString()}`,
      "action=prompt.frobnicate",
      "limit=201",
      "from=yesterday",
    ]) {
      const res = await get(`/api/v1/admin/audit?${q}`);
      expect(res.statusCode, q).toBe(422);
      expect(res.json().error.code, q).toBe("validation_error");
    }
  });

  it("exports JSON lines and CSV, oldest first, with spreadsheet formulas neutralised", async () => {
    const jsonl = await get("/api/v1/admin/audit?format=jsonl&action=api_key.create");
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers["content-type"]).toContain("application/x-ndjson");
    expect(jsonl.headers["content-disposition"]).toMatch(
      /attachment; filename="audit-instance-2026-05-01\.jsonl"/,
    );
    const lines = jsonl.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0].summary.key_name).toBe('=HYPERLINK("http://evil.example","x")');

    const csv = await get("/api/v1/admin/audit?format=csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const records = csv.body.trim().split("\r\n");
    expect(records[0]).toBe(
      "id,seq,created_at,project_id,actor_type,actor_id,action,target_type,target_id,client_ip,request_id,summary,prev_hash,hash",
    );
    expect(records).toHaveLength(10);
    expect(records[1]).toContain(",1,");
    // The key name sits inside the JSON summary cell, which starts with "{": harmless. A cell of its own
    // that starts with "=" is prefixed, as a direct check of the rule:
    const { csvCell } = await import("../../src/features/audit/audit-export.js");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+SUM(A1)")).toBe("'+SUM(A1)");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
  });

  it("verifies the chain, and names a row edited in the database", async () => {
    const ok = await get("/api/v1/admin/audit/verify");
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, checked: 9, first_broken_id: null, reason: null });
    expect(ok.json().head.seq).toBe(9);

    const all = await rows();
    const victim = all[3];
    if (!victim) throw new Error("no row 4");
    const db = databaseOf(t.app);
    await whileTampered(
      db,
      victim.id,
      { client_ip: "10.9.9.9" },
      { client_ip: victim.client_ip },
      async () => {
        const broken = (await get("/api/v1/admin/audit/verify")).json();
        expect(broken).toMatchObject({
          ok: false,
          checked: 4,
          first_broken_id: victim.id,
          reason: "hash_mismatch",
        });
      },
    );
    expect((await get("/api/v1/admin/audit/verify")).json().ok).toBe(true);
  });

  it("names the entry after a row deleted from the middle, and reports a cut-off end", async () => {
    const db = databaseOf(t.app);
    const all = await rows();
    const [gone, next, last] = [all[4], all[5], all[all.length - 1]];
    if (!gone || !next || !last) throw new Error("too few rows");
    await db.deleteFrom("audit_events").where("id", "=", gone.id).execute();
    const res = (await get("/api/v1/admin/audit/verify")).json();
    expect(res).toMatchObject({ ok: false, first_broken_id: next.id, reason: "entries_missing" });
    await db.insertInto("audit_events").values(gone).execute();
    expect((await get("/api/v1/admin/audit/verify")).json().ok).toBe(true);

    await db.deleteFrom("audit_events").where("id", "=", last.id).execute();
    const cut = (await get("/api/v1/admin/audit/verify")).json();
    expect(cut).toMatchObject({ ok: false, first_broken_id: null, reason: "head_mismatch" });
    await db.insertInto("audit_events").values(last).execute();
    expect((await get("/api/v1/admin/audit/verify")).json().ok).toBe(true);
  });

  it("counts appends by action and verifications by result", async () => {
    const m = t.app.deps.metrics;
    const before = await metricValue(m.auditEventsTotal, { action: "api_key.create" });
    await createAccountKey(t.app, plain.auth, "metrics");
    expect(await metricValue(m.auditEventsTotal, { action: "api_key.create" })).toBe(before + 1);
    const okBefore = await metricValue(m.auditVerificationsTotal, { scope: "instance", result: "ok" });
    await get("/api/v1/admin/audit/verify");
    expect(await metricValue(m.auditVerificationsTotal, { scope: "instance", result: "ok" })).toBe(
      okBefore + 1,
    );
  });

  it("refuses an export larger than AUDIT_EXPORT_MAX_ROWS with 422 instead of cutting it short", async () => {
    const small = await buildTestApp({ target, env: { AUDIT_EXPORT_MAX_ROWS: "2" } });
    try {
      const a = await createTestUser(small.app, { role: "admin" });
      for (const name of ["k1", "k2", "k3"]) {
        await small.app.inject({
          method: "POST",
          url: "/api/v1/auth/api-keys",
          headers: a.auth,
          payload: { name },
        });
      }
      const refused = await small.app.inject({
        method: "GET",
        url: "/api/v1/admin/audit?format=csv",
        headers: a.auth,
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toMatch(/3 entries, more than the limit of 2/);
      const narrowed = await small.app.inject({
        method: "GET",
        url: "/api/v1/admin/audit?format=jsonl&limit=1&target_type=api_key&actor_type=user&action=api_key.create&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z&actor=nobody",
        headers: a.auth,
      });
      expect(narrowed.statusCode).toBe(200);
      expect(narrowed.body).toBe("");
    } finally {
      await small.close();
    }
  });
});

describe.each(DB_TARGETS)("concurrent appends (%s)", (target) => {
  it("never fork the chain: 30 requests at once give seq 1…30 and a chain that verifies", async () => {
    const t = await buildTestApp({ target });
    try {
      const admin = await createTestUser(t.app, { role: "admin" });
      const users = await Promise.all(Array.from({ length: 6 }, () => createTestUser(t.app)));
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          t.app.inject({
            method: "POST",
            url: "/api/v1/auth/api-keys",
            headers: (users[i % users.length] as TestUser).auth,
            payload: { name: `key ${i}` },
          }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(30).fill(201));
      const seqs = (
        await databaseOf(t.app).selectFrom("audit_events").select("seq").orderBy("seq").execute()
      ).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const verify = await t.app.inject({
        method: "GET",
        url: "/api/v1/admin/audit/verify",
        headers: admin.auth,
      });
      expect(verify.json()).toMatchObject({ ok: true, checked: 30 });
    } finally {
      await t.close();
    }
  });

  it.runIf(target === "postgres")(
    "never fork the chain when two instances (two connection pools) append at once",
    async () => {
      const t = await buildTestApp({ target });
      const other = createDatabase({
        databaseUrl: process.env.PROMPTFORGE_TEST_DATABASE_URL,
        dataDir: t.config.DATA_DIR,
        pgSchema: t.db.schema,
        poolSize: 5,
      });
      try {
        const config = { AUDIT_EXPORT_MAX_ROWS: 10 };
        const a = createAuditService({ db: t.db.kysely, clock: Date.now, config });
        const b = createAuditService({ db: other.kysely, clock: Date.now, config });
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            (i % 2 ? a : b).record(
              { projectId: null, action: "auth.login", target: { type: "user", id: `u${i}` } },
              undefined,
            ),
          ),
        );
        const verify = await a.log.verify(null);
        expect(verify).toMatchObject({ ok: true, checked: 40, head: { seq: 40 } });
      } finally {
        await other.close();
        await t.close();
      }
    },
  );
});
