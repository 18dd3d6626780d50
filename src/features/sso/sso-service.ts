// Single sign-on with OpenID Connect: starting a sign-in (state, nonce and PKCE verifier kept
// server-side, the state also in the browser's cookie), finishing it at the callback (checks, then the
// account: found by its provider identity, linked by verified e-mail, or created just in time), the
// group-to-role mapping, and the one-time code that hands the session to the web app. Decisions live
// here; SQL in sso-repository.ts and the auth repository, HTTP in sso-routes.ts, the provider
// conversation in oidc-client.ts.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { Config, SsoRoleMapping } from "../../config.js";
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { AppError } from "../../http/errors.js";
import type { RequestOrigin } from "../../http/route-kit.js";
import { iso } from "../../lib/time.js";
import type { Metrics, SsoResult } from "../../observability/metrics.js";
import type { AuditRecorder } from "../audit/audit-service.js";
import { changeInstanceRole, newUserRow } from "../auth/accounts.js";
import { createAuthRepository, type UserRow, uniqueViolation } from "../auth/auth-repository.js";
import type { TokenPair } from "../auth/auth-schemas.js";
import type { AuthService } from "../auth/auth-service.js";
import { hashSecret } from "../auth/tokens.js";
import type { ProjectsService } from "../projects/projects-service.js";
import {
  createOidcClient,
  newFlowSecrets,
  type OidcSettings,
  ProviderFailure,
  type ProviderIdentity,
} from "./oidc-client.js";
import { SSO_ACTOR } from "./project-grants.js";
import { type ProjectGrant, projectGrants, wantsInstanceAdmin } from "./role-mapping.js";
import { createSsoRepository } from "./sso-repository.js";
import { RETURN_TO_MAX_LENGTH, type SignInMethods } from "./sso-schemas.js";
import { deriveUsername, usernameCandidates } from "./usernames.js";

export const CALLBACK_PATH = "/api/v1/auth/oidc/callback";
export const LOGIN_PATH = "/api/v1/auth/oidc/login";
/** A finished sign-in must reach the web app within this long. */
export const HANDOFF_TTL_SECONDS = 60;
export { RETURN_TO_MAX_LENGTH };
/** Password hash of accounts made by single sign-on: no password ever matches it. */
export const SSO_ONLY_PASSWORD_HASH = "!sso-only";

/** A refused or failed single sign-on: its HTTP status and code, and its sso_logins_total result. */
export class SsoError extends AppError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly result: SsoResult | null,
  ) {
    super(status, code, message);
  }
}

export interface SsoServiceDeps {
  db: Db;
  config: OidcSettings &
    Pick<
      Config,
      | "PUBLIC_URL"
      | "PASSWORD_LOGIN"
      | "OIDC_DISPLAY_NAME"
      | "OIDC_ALLOWED_DOMAINS"
      | "OIDC_REQUIRE_VERIFIED_EMAIL"
      | "OIDC_ROLE_MAP"
      | "OIDC_FLOW_TTL"
    >;
  clock: () => number;
  metrics: Pick<Metrics, "ssoLoginsTotal">;
  logger: Pick<Logger, "info" | "warn">;
  auth: Pick<AuthService, "startSession">;
  /** Accounts made by single sign-on get their personal project like registered ones. */
  projects: Pick<ProjectsService, "personalProject">;
  /** Gives a user the project roles their groups map to (project-grants.ts). */
  grantProjectRoles: (
    userId: string,
    grants: readonly ProjectGrant[],
    origin?: RequestOrigin,
  ) => Promise<void>;
  /** Sign-ins, refusals, accounts made and roles changed go to the instance audit log. */
  audit: AuditRecorder;
}

export type SsoService = ReturnType<typeof createSsoService>;

/** A local path of the web app to come back to, or "/" for anything else (no open redirect). */
export function safeReturnTo(next: string | undefined): string {
  if (!next || next.length > RETURN_TO_MAX_LENGTH) return "/";
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return "/";
  // Control characters (a line break smuggled into the Location header, for one) end the path's use.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return "/";
  return next;
}

const SWEEP_INTERVAL_MS = 60_000;

/** What the hand-off cookie holds for a code: the browser that finished the sign-in proves it with it. */
export function handoffBinding(code: string): string {
  return hashSecret(`sso-handoff-browser:${code}`);
}

export function createSsoService(deps: SsoServiceDeps) {
  const { config, clock, metrics, logger, audit } = deps;
  const repo = createSsoRepository(deps.db);
  const users = createAuthRepository(deps.db);
  const client = createOidcClient(config);
  const enabled = Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.PUBLIC_URL);
  const publicUrl = (config.PUBLIC_URL ?? "").replace(/\/+$/, "");
  const redirectUri = `${publicUrl}${CALLBACK_PATH}`;
  const allowedDomains = new Set(config.OIDC_ALLOWED_DOMAINS.map((d) => d.toLowerCase().replace(/^@/, "")));
  let lastSweep = 0;

  function refuse(status: number, code: string, message: string, result: SsoResult | null): SsoError {
    if (result) metrics.ssoLoginsTotal.labels(result).inc();
    return new SsoError(status, code, message, result);
  }

  function notConfigured(): SsoError {
    return new SsoError(404, "sso_not_configured", "Single sign-on is not configured on this server", null);
  }

  /** The flow's failure in the provider's conversation, as the sign-in's refusal (counted once). */
  function providerRefusal(f: ProviderFailure): SsoError {
    logger.warn({ sso_failure: f.kind, reason: f.reason }, "Single sign-on failed at the provider");
    switch (f.kind) {
      case "unavailable":
        return refuse(
          503,
          "sso_provider_unavailable",
          `${config.OIDC_DISPLAY_NAME} is not answering right now, so single sign-on cannot continue; try again in a few minutes`,
          "provider_unavailable",
        );
      case "denied":
        return refuse(
          403,
          "sso_denied",
          `${config.OIDC_DISPLAY_NAME} did not sign you in (${f.reason})`,
          "denied",
        );
      case "nonce":
        return refuse(
          400,
          "sso_invalid_nonce",
          "The sign-in answer does not belong to the sign-in this browser started (nonce mismatch); start again",
          "invalid_flow",
        );
      default:
        return refuse(
          502,
          "sso_provider_error",
          `${config.OIDC_DISPLAY_NAME} gave an answer PromptForge could not accept (${f.reason}); start again, and tell your administrator if it keeps happening`,
          "provider_error",
        );
    }
  }

  /** Records a counted refusal in the instance audit log, then lets it go on to the caller. */
  async function auditRefusal(e: unknown, origin: RequestOrigin | undefined): Promise<never> {
    if (e instanceof SsoError && e.result) {
      await audit.record(
        {
          projectId: null,
          action: "auth.sso_login_failed",
          target: { type: "user", id: null },
          actor: { type: "anonymous", id: null },
          summary: { method: "oidc", reason: e.code, result: e.result },
        },
        origin,
      );
    }
    throw e;
  }

  async function sweep(now: number): Promise<void> {
    if (now - lastSweep < SWEEP_INTERVAL_MS) return;
    lastSweep = now;
    await repo.deleteExpiredFlows(iso(now));
    await repo.deleteExpiredHandoffs(iso(now));
  }

  /** Refuses an identity without an acceptable e-mail address; returns the address. */
  function checkEmail(identity: ProviderIdentity): string {
    const email = identity.email;
    if (!email || !/^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
      throw refuse(
        403,
        "sso_email_missing",
        `${config.OIDC_DISPLAY_NAME} sent no usable e-mail address; ask your administrator to release the email claim to PromptForge`,
        "refused",
      );
    }
    if (config.OIDC_REQUIRE_VERIFIED_EMAIL && identity.emailVerified !== true) {
      throw refuse(
        403,
        "sso_email_unverified",
        `${config.OIDC_DISPLAY_NAME} has not verified your e-mail address, so PromptForge cannot accept it`,
        "refused",
      );
    }
    const domain = email.slice(email.lastIndexOf("@") + 1);
    if (allowedDomains.size > 0 && !allowedDomains.has(domain)) {
      throw refuse(
        403,
        "sso_domain_not_allowed",
        `Accounts of ${domain} may not sign in to this PromptForge server`,
        "refused",
      );
    }
    return email;
  }

  /** The user this identity belongs to: by identity, else linked by e-mail, else created now. */
  async function accountFor(
    identity: ProviderIdentity,
    email: string,
    origin: RequestOrigin | undefined,
  ): Promise<{ user: UserRow; how: "returning" | "linked" | "created" }> {
    const now = iso(clock());
    const known = await repo.findIdentity(identity.issuer, identity.subject);
    if (known) {
      const user = await users.findUserById(known.user_id);
      if (user) {
        await repo.touchIdentity(known.id, email, now);
        return { user, how: "returning" };
      }
    }
    const identityRow = (userId: string) => ({
      id: newId(clock()),
      user_id: userId,
      issuer: identity.issuer,
      subject: identity.subject,
      email,
      created_at: now,
      last_login_at: now,
    });
    const byEmail = await users.findUserByEmail(email);
    if (byEmail) {
      // PromptForge never verified that address: whoever registered with it may not own it. The
      // provider has verified it, so the account becomes the provider's: its password stops working and
      // its sessions end, so nobody who merely typed the address keeps a way in (nor the roles mapped
      // from the provider's groups).
      const takeover = byEmail.password_hash !== SSO_ONLY_PASSWORD_HASH;
      await users.transaction(async (tx, trx) => {
        if (takeover) {
          await tx.updateUser(byEmail.id, {
            password_hash: SSO_ONLY_PASSWORD_HASH,
            sessions_valid_after: now,
            updated_at: now,
          });
          await tx.revokeUserRefreshTokens(byEmail.id, now);
        }
        await createSsoRepository(trx).insertIdentity(identityRow(byEmail.id));
      });
      return { user: { ...byEmail, password_hash: SSO_ONLY_PASSWORD_HASH }, how: "linked" };
    }
    const base = deriveUsername(identity.preferredUsername, email);
    for (const username of await usernameCandidates(base, async (key) =>
      Boolean(await users.findUserByUsernameKey(key)),
    )) {
      const row = newUserRow(
        {
          id: newId(clock()),
          username,
          email,
          password_hash: SSO_ONLY_PASSWORD_HASH,
          full_name: identity.name?.slice(0, 100) ?? null,
        },
        now,
      );
      try {
        await users.transaction(async (tx, trx) => {
          await tx.insertUser(row);
          await createSsoRepository(trx).insertIdentity(identityRow(row.id));
          await audit.record(
            {
              projectId: null,
              action: "user.register",
              target: { type: "user", id: row.id },
              actor: { type: "user", id: row.id },
              summary: { username: row.username, method: "oidc" },
            },
            origin,
            trx,
          );
        });
        // As at registration: should this fail, the project is made at first use instead.
        await deps.projects.personalProject(row);
        return { user: row, how: "created" };
      } catch (e) {
        const column = uniqueViolation(e);
        if (column === "username") continue; // taken a moment ago by someone else: next candidate
        if (column === "email") {
          // Made a moment ago by a parallel sign-in of the same person: link to it.
          const raced = await users.findUserByEmail(email);
          if (raced) return { user: raced, how: "linked" };
        }
        throw e;
      }
    }
    throw new AppError(409, "username_taken", "No free username could be found for this account; try again");
  }

  /** Applies OIDC_ROLE_MAP: the instance role when the map names one, then project roles. */
  async function applyRoles(
    user: UserRow,
    groups: string[],
    origin: RequestOrigin | undefined,
  ): Promise<UserRow> {
    const map: readonly SsoRoleMapping[] = config.OIDC_ROLE_MAP;
    let current = user;
    const admin = wantsInstanceAdmin(map, groups);
    if (admin !== null) {
      const role = admin ? "admin" : "user";
      if (role !== user.role) {
        const updatedAt = iso(clock());
        await changeInstanceRole({ users, audit }, { user, role, updatedAt, actor: SSO_ACTOR, origin });
        logger.info({ user_id: user.id, role }, "Single sign-on changed the instance role");
        current = { ...user, role, updated_at: updatedAt };
      }
    }
    const grants = projectGrants(map, groups);
    if (grants.length > 0) await deps.grantProjectRoles(user.id, grants, origin);
    return current;
  }

  /**
   * Starts a sign-in: keeps state, nonce and PKCE verifier for the callback and answers the provider
   * URL to send the browser to, and the state for the browser's cookie.
   */
  async function begin(
    next: string | undefined,
  ): Promise<{ url: string; state: string; ttlSeconds: number }> {
    if (!enabled) throw notConfigured();
    const now = clock();
    await sweep(now);
    const { state, nonce, codeVerifier } = await newFlowSecrets();
    let url: URL;
    try {
      url = await client.authorizationUrl({ redirectUri, state, nonce, codeVerifier });
    } catch (e) {
      if (e instanceof ProviderFailure) throw providerRefusal(e);
      throw e;
    }
    await repo.insertFlow({
      state_hash: hashSecret(state),
      nonce,
      code_verifier: codeVerifier,
      return_to: safeReturnTo(next),
      created_at: iso(now),
      expires_at: iso(now + config.OIDC_FLOW_TTL * 1000),
    });
    return { url: url.href, state, ttlSeconds: config.OIDC_FLOW_TTL };
  }

  /**
   * Finishes a sign-in at the callback. `query` is the callback's query string, `cookieState` the state
   * the browser kept. Answers the web app URL that carries the one-time hand-off code.
   */
  async function complete(
    query: URLSearchParams,
    cookieState: string | undefined,
    origin: RequestOrigin | undefined,
  ): Promise<{ redirect: string; binding: string }> {
    if (!enabled) throw notConfigured();
    const state = query.get("state") ?? "";
    if (!cookieState) {
      throw refuse(
        400,
        "sso_flow_missing",
        "This browser has no sign-in under way (it was started elsewhere, or took too long); start again",
        "invalid_flow",
      );
    }
    if (state !== cookieState) {
      throw refuse(
        400,
        "sso_invalid_state",
        "The sign-in answer does not belong to the sign-in this browser started (state mismatch); start again",
        "invalid_flow",
      );
    }
    const now = clock();
    const flow = await repo.takeFlow(hashSecret(state));
    if (!flow || flow.expires_at <= iso(now)) {
      throw refuse(
        400,
        "sso_flow_expired",
        "This sign-in expired or was already used; start again",
        "invalid_flow",
      );
    }

    const callbackUrl = new URL(redirectUri);
    for (const [k, v] of query) callbackUrl.searchParams.append(k, v);
    let identity: ProviderIdentity;
    try {
      identity = await client.exchange({
        callbackUrl,
        state,
        nonce: flow.nonce,
        codeVerifier: flow.code_verifier,
      });
    } catch (e) {
      if (e instanceof ProviderFailure) throw providerRefusal(e);
      throw e;
    }

    const email = checkEmail(identity);
    // Two callbacks of one person at once (a double click) race to link the same identity: the loser
    // finds it linked on a second look.
    const { user: found, how } = await accountFor(identity, email, origin).catch((e: unknown) => {
      if (uniqueViolation(e) === "other") return accountFor(identity, email, origin);
      throw e;
    });
    const user = await applyRoles(found, identity.groups, origin);

    const code = randomBytes(32).toString("base64url");
    await repo.insertHandoff({
      code_hash: hashSecret(code),
      user_id: user.id,
      created_at: iso(now),
      expires_at: iso(now + HANDOFF_TTL_SECONDS * 1000),
    });
    await audit.record(
      {
        projectId: null,
        action: "auth.sso_login",
        target: { type: "user", id: user.id },
        actor: { type: "user", id: user.id },
        summary: { method: "oidc", account: how },
      },
      origin,
    );
    metrics.ssoLoginsTotal.labels("success").inc();
    logger.info({ user_id: user.id, account: how }, "Signed in with single sign-on");
    // The code travels in the fragment: browsers never send it to a server, so no log holds it.
    const fragment = new URLSearchParams({ sso_code: code, next: flow.return_to });
    // The code also binds to this browser (a cookie the route sets): a code someone else's sign-in
    // produced cannot sign this browser into their account.
    return { redirect: `${publicUrl}/signin#${fragment}`, binding: handoffBinding(code) };
  }

  return {
    enabled,

    /** What the sign-in page offers: password sign-in, single sign-on, or both. */
    methods(): SignInMethods {
      return {
        password_login: config.PASSWORD_LOGIN,
        sso: enabled ? { name: config.OIDC_DISPLAY_NAME, login_url: LOGIN_PATH } : null,
      };
    },

    /**
     * Starts a sign-in: keeps state, nonce and PKCE verifier for the callback and answers the provider
     * URL to send the browser to, and the state for the browser's cookie. A refusal is audited.
     */
    startLogin(next: string | undefined, origin?: RequestOrigin) {
      return begin(next).catch((e: unknown) => auditRefusal(e, origin));
    },

    /**
     * Finishes a sign-in at the callback (`query`: the callback's query string; `cookieState`: the state
     * the browser kept) and answers the web app URL carrying the one-time hand-off code. The sign-in, or
     * its refusal, is audited.
     */
    finishLogin(query: URLSearchParams, cookieState: string | undefined, origin?: RequestOrigin) {
      return complete(query, cookieState, origin).catch((e: unknown) => auditRefusal(e, origin));
    },

    /** Exchanges a hand-off code (single-use, HANDOFF_TTL_SECONDS) for the session it stands for. */
    async redeem(code: string, binding: string | undefined): Promise<TokenPair> {
      // checked before the code is spent, so a code sent to the wrong browser stays its owner's
      const bound = binding !== undefined && binding === handoffBinding(code);
      const row = bound ? await repo.takeHandoff(hashSecret(code)) : undefined;
      if (!row || row.expires_at <= iso(clock())) {
        throw new SsoError(
          400,
          "sso_code_invalid",
          "This sign-in code is unknown, expired or already used; sign in again",
          null,
        );
      }
      return deps.auth.startSession(row.user_id);
    },
  };
}
