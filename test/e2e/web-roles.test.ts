// The web app's project helpers against the server's one permission table: the controls the browser
// shows for a role are exactly the actions permissions.ts allows that role (the server still decides
// every request), the API-key form offers the server's scopes, and the current project falls back to
// the personal one when the stored choice is not among my projects.
import { describe, expect, it } from "vitest";
import { ROLES, roleAllows, SCOPES } from "../../src/features/projects/permissions.js";
import {
  canManage,
  canWrite,
  grantableRoles,
  isOwner,
  KEY_SCOPES,
  type Project,
  projectBase,
  resolveProject,
  SCOPE_HINTS,
  slugFrom,
} from "../../web/src/lib/roles.js";

describe("controls shown per role", () => {
  it.each(ROLES)("matches permissions.ts for a %s", (role) => {
    expect(canWrite(role)).toBe(roleAllows(role, "prompts:write"));
    expect(canWrite(role)).toBe(roleAllows(role, "templates:write"));
    expect(canManage(role)).toBe(roleAllows(role, "members:manage"));
    expect(canManage(role)).toBe(roleAllows(role, "api_keys:manage"));
    expect(isOwner(role)).toBe(roleAllows(role, "owners:manage"));
    // Owners give any role; those who manage members give any role but owner; others none.
    const expected = roleAllows(role, "owners:manage")
      ? [...ROLES]
      : roleAllows(role, "members:manage")
        ? ROLES.filter((r) => r !== "owner")
        : [];
    expect(grantableRoles(role)).toEqual(expected);
  });

  it("hides every control before the role is known", () => {
    expect([canWrite(undefined), canManage(undefined), isOwner(undefined)]).toEqual([false, false, false]);
    expect(grantableRoles(undefined)).toEqual([]);
  });
});

describe("API-key scopes", () => {
  it("offers the server's scopes in its order, each explained", () => {
    expect([...KEY_SCOPES]).toEqual([...SCOPES]);
    for (const s of SCOPES) expect(SCOPE_HINTS[s]?.length).toBeGreaterThan(10);
  });
});

describe("the current project", () => {
  const at = "2026-01-01T00:00:00.000Z";
  const list: Project[] = [
    { id: "p0", name: "kim", slug: "~kim", personal: true, role: "owner", created_at: at, updated_at: at },
    { id: "p1", name: "Team", slug: "team", personal: false, role: "viewer", created_at: at, updated_at: at },
  ];

  it("is the stored project while I am a member", () => {
    expect(resolveProject("team", list)).toEqual({ slug: "team", project: list[1] });
  });

  it("falls back to the personal project for a project I am not in, or none chosen", () => {
    expect(resolveProject("gone", list)).toEqual({ slug: "", project: list[0] });
    expect(resolveProject("", list)).toEqual({ slug: "", project: list[0] });
    // Choosing the personal project by its slug uses the original routes too.
    expect(resolveProject("~kim", list)).toEqual({ slug: "", project: list[0] });
  });

  it("uses the stored slug as it is while the list loads", () => {
    expect(resolveProject("team", undefined)).toEqual({ slug: "team", project: undefined });
  });

  it("puts a shared project's slug in the path, encoded; the personal one keeps the original routes", () => {
    expect(projectBase("")).toBe("");
    expect(projectBase("team-a")).toBe("/projects/team-a");
    expect(projectBase("a/b")).toBe("/projects/a%2Fb");
  });
});

describe("slug suggested from a project name", () => {
  it.each([
    ["Support Bot", "support-bot"],
    ["  Café — Ops!! ", "cafe-ops"],
    ["Émile's team", "emile-s-team"],
    ["---", ""],
    ["x".repeat(70), "x".repeat(63)],
    [`${"a".repeat(62)} b`, "a".repeat(62)],
  ])("%j → %j", (name, slug) => {
    expect(slugFrom(name)).toBe(slug);
  });
});
