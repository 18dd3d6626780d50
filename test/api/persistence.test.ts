// Start, write, stop, start, read: what users store survives a restart of the real server process,
// on the embedded SQLite file and on PostgreSQL.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, ensureSchema } from "../../src/db/database.js";
import { DB_TARGETS, PG_URL } from "../helpers/app.js";
import { startServerProcess } from "../helpers/server-process.js";

const PASSWORD = "amber-willow-garden-93";

describe.each(DB_TARGETS)("persistence across a restart (%s)", (target) => {
  const dataDir = mkdtempSync(join(tmpdir(), "promptforge-persist-"));
  const schema = `pf_persist_${randomBytes(5).toString("hex")}`;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    JWT_SECRET: "persistence-test-secret-persistence-test-secret",
  };
  if (target === "postgres") {
    env.DATABASE_URL = `${PG_URL}${PG_URL?.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }

  afterAll(async () => {
    if (target !== "postgres") return;
    const admin = createDatabase({ databaseUrl: PG_URL, dataDir, poolSize: 1 });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.kysely);
    await admin.close();
  });

  it("keeps accounts, prompts and their versions after stop and start", async () => {
    if (target === "postgres") {
      const admin = createDatabase({ databaseUrl: PG_URL, dataDir, poolSize: 1 });
      await ensureSchema(admin, schema);
      await admin.close();
    }
    const json = { "content-type": "application/json" };
    const first = await startServerProcess(env);
    let promptId: string;
    try {
      const reg = await fetch(`${first.base}/api/v1/auth/register`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ username: "grace", email: "grace@example.com", password: PASSWORD }),
      });
      expect(reg.status).toBe(201);
      const { access_token } = (await (
        await fetch(`${first.base}/api/v1/auth/login`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({ username: "grace", password: PASSWORD }),
        })
      ).json()) as { access_token: string };
      const auth = { ...json, authorization: `Bearer ${access_token}` };
      const created = await fetch(`${first.base}/api/v1/prompts`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ title: "Release notes", content: "Summarise the changes in {{diff}}." }),
      });
      expect(created.status).toBe(201);
      promptId = ((await created.json()) as { id: string }).id;
      const updated = await fetch(`${first.base}/api/v1/prompts/${promptId}`, {
        method: "PATCH",
        headers: { ...auth, "if-match": '"1"' },
        body: JSON.stringify({
          content: "Summarise the changes in {{diff}} as five bullet points.",
          change_note: "format",
        }),
      });
      expect(updated.status).toBe(200);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startServerProcess(env);
    try {
      const login = await fetch(`${second.base}/api/v1/auth/login`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ username: "grace", password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { access_token } = (await login.json()) as { access_token: string };
      const auth = { authorization: `Bearer ${access_token}` };
      const prompt = (await (
        await fetch(`${second.base}/api/v1/prompts/${promptId}`, { headers: auth })
      ).json()) as {
        version: number;
        content: string;
      };
      expect(prompt).toMatchObject({
        version: 2,
        content: "Summarise the changes in {{diff}} as five bullet points.",
      });
      const versions = (await (
        await fetch(`${second.base}/api/v1/prompts/${promptId}/versions`, { headers: auth })
      ).json()) as { items: { version: number; change_note: string | null }[] };
      expect(versions.items.map((v) => [v.version, v.change_note])).toEqual([
        [2, "format"],
        [1, null],
      ]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 120_000); // two cold server starts
});
