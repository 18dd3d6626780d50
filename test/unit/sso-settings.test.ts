// The single sign-on settings and the pure rules behind the flow: OIDC_ROLE_MAP's format, the settings
// single sign-on needs together, the client secret read from a file, the group-to-role rules, usernames
// derived from what a provider sends, and the return path that cannot leave the site.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { groupsOf } from "../../src/features/sso/oidc-client.js";
import { projectGrants, wantsInstanceAdmin } from "../../src/features/sso/role-mapping.js";
import { RETURN_TO_MAX_LENGTH, safeReturnTo } from "../../src/features/sso/sso-service.js";
import { deriveUsername, usernameCandidates } from "../../src/features/sso/usernames.js";
import { withSecretFiles } from "../../src/startup.js";

const dir = () => mkdtempSync(join(tmpdir(), "promptforge-sso-"));
const SSO = {
  OIDC_ISSUER: "https://id.example.com/realms/main",
  OIDC_CLIENT_ID: "promptforge",
  PUBLIC_URL: "https://promptforge.example.com",
};
const load = (env: Record<string, string>) => loadConfig({ DATA_DIR: dir(), ...env });

describe("single sign-on settings", () => {
  it("are off by default, with password sign-in on", () => {
    const c = load({});
    expect(c.OIDC_ISSUER).toBeUndefined();
    expect(c.PASSWORD_LOGIN).toBe(true);
    expect(c.OIDC_ROLE_CLAIM).toBe("groups");
    expect(c.OIDC_ROLE_MAP).toEqual([]);
    expect(c.OIDC_ALLOWED_DOMAINS).toEqual([]);
    expect(c.OIDC_FLOW_TTL).toBe(600);
  });

  it("parse OIDC_ROLE_MAP into instance and project targets", () => {
    const c = load({
      ...SSO,
      OIDC_ROLE_MAP: " pf-admins=instance:admin, team-a=project:Team-A:editor ,cn=ops=project:ops:owner",
    });
    expect(c.OIDC_ROLE_MAP).toEqual([
      { group: "pf-admins", target: { kind: "instance", role: "admin" } },
      { group: "team-a", target: { kind: "project", project: "team-a", role: "editor" } },
      { group: "cn=ops", target: { kind: "project", project: "ops", role: "owner" } },
    ]);
  });

  it.each([
    "pf-admins",
    "=instance:admin",
    "pf-admins=instance:owner",
    "team=project:team-a:superuser",
    "team=project::editor",
    "team=projects:team-a:editor",
  ])("refuse OIDC_ROLE_MAP=%s with one line naming the setting and the form", (value) => {
    expect(() => load({ ...SSO, OIDC_ROLE_MAP: value })).toThrow(ConfigError);
    expect(() => load({ ...SSO, OIDC_ROLE_MAP: value })).toThrow(
      /^Invalid OIDC_ROLE_MAP=".*": expected comma-separated group=instance:admin or group=project:<slug>:<role>/,
    );
  });

  it("accept an https issuer, and plain http only on a loopback address", () => {
    expect(load({ ...SSO, OIDC_ISSUER: "https://accounts.google.com/" }).OIDC_ISSUER).toBe(
      "https://accounts.google.com",
    );
    expect(load({ ...SSO, OIDC_ISSUER: "http://127.0.0.1:8080/realms/x" }).OIDC_ISSUER).toBe(
      "http://127.0.0.1:8080/realms/x",
    );
    expect(() => load({ ...SSO, OIDC_ISSUER: "http://id.example.com" })).toThrow(/^Invalid OIDC_ISSUER=/);
    expect(() => load({ ...SSO, OIDC_ISSUER: "not a url" })).toThrow(/^Invalid OIDC_ISSUER=/);
  });

  it("need a client id and a public URL with an issuer, and an issuer to turn password sign-in off", () => {
    expect(() => load({ ...SSO, OIDC_CLIENT_ID: "" })).toThrow(
      "Missing OIDC_CLIENT_ID: required with OIDC_ISSUER",
    );
    expect(() => load({ ...SSO, PUBLIC_URL: "" })).toThrow(/^Missing PUBLIC_URL: required with OIDC_ISSUER/);
    expect(() => load({ PASSWORD_LOGIN: "false" })).toThrow(/^PASSWORD_LOGIN=false needs OIDC_ISSUER/);
    expect(load({ ...SSO, PASSWORD_LOGIN: "false" }).PASSWORD_LOGIN).toBe(false);
    expect(() => load({ ...SSO, OIDC_CLIENT_SECRET: "s3cret-value", OIDC_CLIENT_SECRET_FILE: "/x" })).toThrow(
      "Set OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE, not both",
    );
  });

  it("never print the client secret when it is refused", () => {
    try {
      load({ ...SSO, OIDC_CLIENT_SECRET: "canary-secret-9a", OIDC_CLIENT_SECRET_FILE: "/x" });
      expect.unreachable();
    } catch (e) {
      expect(String(e)).not.toContain("canary-secret-9a");
    }
  });

  it("read the client secret from OIDC_CLIENT_SECRET_FILE at start-up, and fail clearly without it", () => {
    const d = dir();
    const file = join(d, "client-secret");
    writeFileSync(file, "from-a-file-secret\n");
    const c = withSecretFiles(load({ ...SSO, OIDC_CLIENT_SECRET_FILE: file }));
    expect(c.OIDC_CLIENT_SECRET).toBe("from-a-file-secret");
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => withSecretFiles(load({ ...SSO, OIDC_CLIENT_SECRET_FILE: join(d, "missing") }))).toThrow(
      /^Invalid OIDC_CLIENT_SECRET_FILE=".*missing": cannot read it \(ENOENT\)$/,
    );
    writeFileSync(join(d, "empty"), "\n");
    expect(() => withSecretFiles(load({ ...SSO, OIDC_CLIENT_SECRET_FILE: join(d, "empty") }))).toThrow(
      /the file is empty$/,
    );
    const plain = load({ ...SSO, OIDC_CLIENT_SECRET: "given" });
    expect(withSecretFiles(plain)).toBe(plain);
  });
});

describe("group-to-role rules", () => {
  const map = load({
    ...SSO,
    OIDC_ROLE_MAP:
      "pf-admins=instance:admin,a-view=project:a:viewer,a-edit=project:a:editor,b=project:b:owner",
  }).OIDC_ROLE_MAP;

  it("make an instance admin of a member of a mapped group, and decide nothing when none is mapped", () => {
    expect(wantsInstanceAdmin(map, ["x", "pf-admins"])).toBe(true);
    expect(wantsInstanceAdmin(map, ["PF-Admins"])).toBe(false);
    expect(wantsInstanceAdmin(map, [])).toBe(false);
    expect(wantsInstanceAdmin([], ["pf-admins"])).toBeNull();
  });

  it("give the highest mapped role per project", () => {
    expect(projectGrants(map, ["a-edit", "a-view", "b"])).toEqual([
      { project: "a", role: "editor" },
      { project: "b", role: "owner" },
    ]);
    expect(projectGrants(map, ["a-view"])).toEqual([{ project: "a", role: "viewer" }]);
    expect(projectGrants(map, ["other"])).toEqual([]);
  });

  it("read a group claim sent as a list or as one string", () => {
    expect(groupsOf(["a", 1, " b "])).toEqual(["a", "b"]);
    expect(groupsOf("admins")).toEqual(["admins"]);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf({ a: 1 })).toEqual([]);
  });
});

describe("usernames of accounts made by single sign-on", () => {
  it.each([
    ["ada.lovelace", "x@example.com", "ada-lovelace"],
    [null, "Zoë.Ünal+pf@example.com", "Zoe-Unal-pf"],
    ["someone@example.com", "grace@example.com", "grace"],
    [null, "李@example.com", "user0"],
    [null, "ab@example.com", "user-ab"],
    ["__--x--__", "q@example.com", "user-x"],
    ["a".repeat(60), "q@example.com", "a".repeat(28)],
  ])("derive from %s / %s: %s", (preferred, email, expected) => {
    const name = deriveUsername(preferred, email);
    expect(name).toBe(expected);
    expect(name).toMatch(/^[A-Za-z0-9_-]{3,32}$/);
  });

  it("try the name, then numbered ones, then random ones, all valid", async () => {
    const taken = new Set(["grace", "grace-2"]);
    const names = await usernameCandidates("grace", async (k) => taken.has(k));
    expect(names.slice(0, 2)).toEqual(["grace-3", "grace-4"]);
    expect(names).toHaveLength(5);
    for (const n of names) expect(n).toMatch(/^[A-Za-z0-9_-]{3,32}$/);
    const long = await usernameCandidates("b".repeat(28), async () => true);
    for (const n of long) expect(n).toMatch(/^[A-Za-z0-9_-]{3,32}$/);
  });
});

describe("the path a sign-in returns to", () => {
  it.each([
    ["/prompts?tab=mine", "/prompts?tab=mine"],
    [undefined, "/"],
    ["https://evil.test/", "/"],
    ["//evil.test/", "/"],
    ["/\\evil.test", "/"],
    ["/ok\r\nSet-Cookie: x=1", "/"],
    [`/${"a".repeat(RETURN_TO_MAX_LENGTH)}`, "/"],
  ])("keeps %j as %j", (next, expected) => {
    expect(safeReturnTo(next)).toBe(expected);
  });
});
