// Input the databases cannot store must be refused before it reaches them, the same way on SQLite and
// PostgreSQL: NUL characters anywhere (PostgreSQL text cannot hold them), integers beyond a 32-bit
// column, and the non-finite numbers that "Infinity" or "1e400" become when a query string is coerced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { createTestUser } from "../helpers/users.js";

const PASSWORD = "violet-harbour-lantern-42";
const INT32_MAX = 2_147_483_647;

describe.each(DB_TARGETS)("input the databases cannot store (%s)", (target) => {
  let t: TestApp;
  let auth: { authorization: string };
  let promptId = "";
  beforeAll(async () => {
    t = await buildTestApp({ target });
    auth = (await createTestUser(t.app)).auth;
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/prompts",
      headers: auth,
      payload: { title: "Release notes", content: "Summarise the changes." },
    });
    promptId = created.json().id;
  });
  afterAll(async () => t.close());

  const call = (method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: object) =>
    t.app.inject({ method, url, headers: auth, payload });

  function expect422(res: { statusCode: number; json: () => unknown; body: string }, field: string) {
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json() as { error: { code: string; details: { field: string; message: string }[] } };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.details.map((d) => d.field)).toContain(field);
  }

  describe("NUL characters", () => {
    it("rejects a NUL in a prompt title with 422 naming the field, and stores nothing", async () => {
      const res = await call("POST", "/api/v1/prompts", { title: "a\u0000b", content: "text" });
      expect422(res, "title");
      expect((res.json() as { error: { message: string } }).error.message).toContain("NUL");
      const list = await call("GET", "/api/v1/prompts");
      expect(list.json().total).toBe(1);
    });

    it("rejects a NUL nested in a list with 422 naming its position", async () => {
      expect422(
        await call("POST", "/api/v1/prompts", { title: "t", content: "c", tags: ["ok", "b\u0000d"] }),
        "tags.1",
      );
      expect422(await call("PATCH", `/api/v1/prompts/${promptId}`, { content: "x\u0000" }), "content");
    });

    it("rejects a NUL at sign-in with 422 before any account is looked up", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "nobody\u0000", password: PASSWORD },
      });
      expect422(res, "username");
      expect422(
        await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { email: "x@example.com", password: `${PASSWORD}\u0000` },
        }),
        "password",
      );
    });

    it("rejects a NUL in registration, profile and API key names with 422", async () => {
      expect422(
        await t.app.inject({
          method: "POST",
          url: "/api/v1/auth/register",
          payload: {
            username: "nul_user",
            email: "nul@example.com",
            password: PASSWORD,
            full_name: "N\u0000",
          },
        }),
        "full_name",
      );
      expect422(await call("PATCH", "/api/v1/auth/me", { full_name: "Ada\u0000" }), "full_name");
      expect422(await call("POST", "/api/v1/auth/api-keys", { name: "ci\u0000" }), "name");
    });

    it("rejects a NUL in a path id with 422 naming the parameter", async () => {
      expect422(await call("GET", "/api/v1/prompts/%00"), "id");
      expect422(await call("DELETE", "/api/v1/prompts/abc%00def"), "id");
      expect422(await call("GET", "/api/v1/templates/%00"), "id");
      expect422(await call("POST", "/api/v1/analysis/versions/%00", {}), "prompt_id");
    });

    it("rejects a NUL in ?q= and ?tag= with 422 naming the parameter", async () => {
      expect422(await call("GET", "/api/v1/prompts?q=%00"), "q");
      expect422(await call("GET", "/api/v1/prompts?tag=a%00"), "tag");
      expect422(await call("GET", "/api/v1/templates?q=%00"), "q");
    });
  });

  describe("integers out of range", () => {
    it("rejects version numbers above 2^31-1 in paths, diffs, restores and edits with 422", async () => {
      const big = INT32_MAX + 1;
      expect422(await call("GET", `/api/v1/prompts/${promptId}/versions/${big}`), "n");
      expect422(await call("GET", `/api/v1/prompts/${promptId}/diff?from=${big}&to=1`), "from");
      expect422(await call("GET", `/api/v1/prompts/${promptId}/diff?to=${big}`), "to");
      expect422(await call("POST", `/api/v1/prompts/${promptId}/versions/${big}/restore`, {}), "n");
      for (const url of [`/api/v1/prompts/${promptId}/versions/1/restore`, `/api/v1/prompts/${promptId}`]) {
        const res = await t.app.inject({
          method: url.endsWith("restore") ? "POST" : "PATCH",
          url,
          headers: { ...auth, "if-match": `"${big}"` },
          payload: { title: "x" },
        });
        expect422(res, "If-Match");
      }
      expect422(
        await call("PATCH", `/api/v1/prompts/${promptId}`, { title: "x", base_version: big }),
        "base_version",
      );
      // The largest storable version is an ordinary miss.
      expect((await call("GET", `/api/v1/prompts/${promptId}/versions/${INT32_MAX}`)).statusCode).toBe(404);
    });

    it("rejects Infinity and 1e400 for limit, page and version numbers with 422", async () => {
      for (const v of ["Infinity", "1e400", "-Infinity"]) {
        expect422(await call("GET", `/api/v1/prompts?limit=${v}`), "limit");
        expect422(await call("GET", `/api/v1/prompts?page=${v}`), "page");
        expect422(await call("GET", `/api/v1/templates?limit=${v}`), "limit");
        expect422(await call("GET", `/api/v1/prompts/${promptId}/versions/${v}`), "n");
        expect422(await call("GET", `/api/v1/prompts/${promptId}/diff?from=${v}`), "from");
        expect422(
          await call("PATCH", `/api/v1/prompts/${promptId}`, { title: "x", base_version: v }),
          "base_version",
        );
      }
      expect422(await call("GET", "/api/v1/prompts?limit=2.5"), "limit");
    });

    it("declares a maximum on every integer and number a path, query or body accepts", async () => {
      const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
        paths: Record<
          string,
          Record<
            string,
            {
              parameters?: { name: string; schema: unknown }[];
              requestBody?: { content: Record<string, { schema: unknown }> };
            }
          >
        >;
      };
      const unbounded: string[] = [];
      const walk = (schema: unknown, where: string) => {
        if (!schema || typeof schema !== "object") return;
        const s = schema as Record<string, unknown>;
        const fixed = s.const !== undefined || Array.isArray(s.enum);
        if ((s.type === "integer" || s.type === "number") && !fixed && typeof s.maximum !== "number")
          unbounded.push(where);
        for (const [key, value] of Object.entries(s)) {
          if (key === "properties" && value && typeof value === "object") {
            for (const [name, sub] of Object.entries(value)) walk(sub, `${where}.${name}`);
          } else if (typeof value === "object") walk(value, where);
        }
      };
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          for (const p of op.parameters ?? []) walk(p.schema, `${method} ${path} ${p.name}`);
          for (const c of Object.values(op.requestBody?.content ?? {}))
            walk(c.schema, `${method} ${path} body`);
        }
      }
      expect(unbounded).toEqual([]);
    });
  });
});
