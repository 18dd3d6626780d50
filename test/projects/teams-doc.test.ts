// docs/teams.md's roles table says exactly what src/features/projects/permissions.ts does: every action,
// the roles allowed, the key scope and the description, in the table's order.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTIONS, PERMISSIONS, ROLES } from "../../src/features/projects/permissions.js";

const doc = readFileSync(new URL("../../docs/teams.md", import.meta.url), "utf8");

describe("docs/teams.md", () => {
  const header = doc.split("\n").find((l) => l.startsWith("| action |")) ?? "";
  const columns = header
    .split("|")
    .map((c) => c.trim())
    .filter(Boolean);
  const rows = doc
    .split("\n")
    .filter((l) => /^\| `[a-z_]+:[a-z_]+` \|/.test(l))
    .map((l) =>
      l
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim()),
    );

  it("lists the roles as columns, least powerful first", () => {
    expect(columns.slice(1, 5)).toEqual([...ROLES].reverse());
  });

  it("has one row per action of the permission table, in its order, with its roles, scope and description", () => {
    expect(rows.map((r) => r[0]?.replace(/`/g, ""))).toEqual(ACTIONS);
    for (const row of rows) {
      const action = row[0]?.replace(/`/g, "") as (typeof ACTIONS)[number];
      const p = PERMISSIONS[action];
      const allowed = [...ROLES].reverse().filter((_, i) => row[1 + i] === "✓");
      const refused = [...ROLES].reverse().filter((_, i) => row[1 + i] === "—");
      expect(allowed.length + refused.length, action).toBe(4);
      expect([...allowed].sort(), action).toEqual([...p.roles].sort());
      expect(row[5], action).toBe(p.scope ? `\`${p.scope}\`` : "any");
      expect(row[6], action).toBe(p.description);
    }
  });
});
