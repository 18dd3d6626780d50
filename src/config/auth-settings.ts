// Settings of sign-in: passwords, tokens, rate limits and single sign-on (src/config.ts assembles them).
import {
  bool,
  duration,
  fail,
  int,
  list,
  num,
  optStr,
  type Setting,
  str,
  url,
  urlOr,
} from "./setting-kinds.js";

/** Where a group of OIDC_ROLE_MAP leads: the instance admin role, or a role in one project. */
export type SsoRoleTarget =
  | { kind: "instance"; role: "admin" }
  | { kind: "project"; project: string; role: (typeof SSO_PROJECT_ROLES)[number] };
export interface SsoRoleMapping {
  group: string;
  target: SsoRoleTarget;
}
export const SSO_PROJECT_ROLES = ["viewer", "editor", "admin", "owner"] as const;
const ROLE_MAP_FORM =
  "comma-separated group=instance:admin or group=project:<slug>:<role> entries (role: viewer, editor, admin or owner)";

/**
 * OIDC_ROLE_MAP: `pf-admins=instance:admin,team-a=project:team-a:editor`. The target follows the last
 * "=", so a group name may itself hold "=" (an LDAP DN without commas) but not ",".
 */
const roleMap: Setting<SsoRoleMapping[]> = {
  doc: "Groups of OIDC_ROLE_CLAIM mapped to roles: group=instance:admin makes instance admins, group=project:<slug>:<role> grants a project role (viewer, editor, admin, owner); comma-separated",
  default: [],
  allowed: ROLE_MAP_FORM,
  parse: (raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((entry): SsoRoleMapping => {
        const at = entry.lastIndexOf("=");
        const group = entry.slice(0, at).trim();
        const target = entry.slice(at + 1).trim();
        if (at <= 0 || !group) fail(ROLE_MAP_FORM);
        if (target === "instance:admin") return { group, target: { kind: "instance", role: "admin" } };
        const m = /^project:([A-Za-z0-9][A-Za-z0-9_-]{0,63}):([a-z]+)$/.exec(target);
        const role = SSO_PROJECT_ROLES.find((r) => r === m?.[2]);
        if (!m || !role) return fail(ROLE_MAP_FORM);
        return { group, target: { kind: "project", project: (m[1] as string).toLowerCase(), role } };
      }),
};

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** True for an http:// URL on a loopback host: the only plain-HTTP provider PromptForge talks to. */
export function isLoopbackHttp(u: URL): boolean {
  return u.protocol === "http:" && LOOPBACK_HOSTS.has(u.hostname);
}

const oidcIssuer: Setting<string | undefined> = {
  doc: "Issuer URL of the OpenID Connect provider (its discovery document is <issuer>/.well-known/openid-configuration); empty = single sign-on off",
  default: undefined,
  allowed: "an https:// URL (http:// only on a loopback address)",
  parse: (raw) => {
    const u = urlOr(raw, "an https:// URL (http:// only on a loopback address)");
    if (u.protocol !== "https:" && !isLoopbackHttp(u))
      fail("an https:// URL (http:// only on a loopback address)");
    if (u.search || u.hash) fail("an issuer URL without query or fragment");
    return raw.trim().replace(/\/+$/, "");
  },
};

/** Passwords, tokens, the API rate limit and the login throttle. */
export const authSettings = {
  JWT_SECRET: optStr("Secret that signs access tokens; ≥ 32 bytes, required in production", { secret: true }),
  ACCESS_TOKEN_TTL: duration("Lifetime of an access token", 30 * 60),
  REFRESH_TOKEN_TTL: duration("Lifetime of a refresh token", 14 * 86400),
  AUTH_CACHE_SECONDS: int(
    "How long a signed-in request may reuse the user or API-key look-up of an earlier one (0 = off); a change " +
      "made on this instance applies at once, on other instances within this bound (docs/performance.md)",
    5,
    0,
    300,
  ),
  RATE_LIMIT_ENABLED: bool("Apply the API rate limit", true),
  RATE_LIMIT_MAX: int("Requests per client per RATE_LIMIT_WINDOW across the API", 300, 1, 1_000_000),
  RATE_LIMIT_WINDOW: duration("Window of the API rate limit", 60),
  REDIS_URL: url(
    "Redis shared by several instances (redis://…): the API rate limit is counted there and auth-cache invalidations are published there; empty = each instance on its own (docs/scaling.md)",
    ["redis", "rediss"],
    { secret: true },
  ),
  REDIS_KEY_PREFIX: str(
    "Prefix of every Redis key and channel PromptForge uses, so several deployments can share one Redis",
    "promptforge:",
  ),
  LOGIN_RATE_LIMIT_MAX: int(
    "Failed sign-ins allowed for one account from one client address per window",
    10,
    1,
    10_000,
  ),
  LOGIN_ACCOUNT_RATE_LIMIT_MAX: int(
    "Failed sign-ins allowed for one account from all addresses together per window",
    50,
    1,
    100_000,
  ),
  LOGIN_ADDRESS_RATE_LIMIT_MAX: int(
    "Distinct accounts that may fail to sign in from one client address per window (users behind one proxy or NAT share it)",
    100,
    1,
    100_000,
  ),
  LOGIN_RATE_LIMIT_WINDOW: duration("Window of the login throttle", 15 * 60),
  PASSWORD_LOGIN: bool(
    "Allow registration and sign-in with a password; false = single sign-on only (registration and password sign-in answer 403 password_login_disabled; API keys and existing sessions keep working)",
    true,
  ),
} satisfies Record<string, Setting<unknown>>;

/** Single sign-on (OpenID Connect; docs/teams.md#single-sign-on). */
export const ssoSettings = {
  OIDC_ISSUER: oidcIssuer,
  OIDC_CLIENT_ID: optStr("Client id PromptForge is registered under at the OpenID provider"),
  OIDC_CLIENT_SECRET: optStr(
    "Client secret of that registration; empty (and no OIDC_CLIENT_SECRET_FILE) = a public client that proves itself with PKCE alone",
    { secret: true },
  ),
  OIDC_CLIENT_SECRET_FILE: optStr(
    "File holding the client secret (a mounted Docker or Kubernetes secret), read once at start-up instead of OIDC_CLIENT_SECRET",
  ),
  OIDC_DISPLAY_NAME: str('Provider name on the sign-in button ("Sign in with …")', "single sign-on"),
  OIDC_SCOPES: str(
    "Scopes asked of the provider (space-separated; openid is always included)",
    "openid email profile",
  ),
  OIDC_ALLOWED_DOMAINS: list(
    "E-mail domains allowed to sign in through the provider (comma-separated, e.g. example.com,example.org); empty = any domain",
    [],
  ),
  OIDC_REQUIRE_VERIFIED_EMAIL: bool(
    "Refuse a sign-in whose e-mail address the provider does not mark email_verified=true (turn off only for providers that vouch for their addresses without the claim, such as Entra ID)",
    true,
  ),
  OIDC_ROLE_CLAIM: str("Claim of the ID token or userinfo that lists the user's groups", "groups"),
  OIDC_ROLE_MAP: roleMap,
  OIDC_TIMEOUT_SECONDS: num("Longest wait for one answer of the OpenID provider", 10, 1, 120),
  OIDC_FLOW_TTL: duration("How long a started sign-in may take at the provider before it expires", 10 * 60),
} satisfies Record<string, Setting<unknown>>;
