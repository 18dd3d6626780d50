// The conversation with the OpenID provider, through openid-client: discovery (kept once it succeeds,
// tried again after a failure), the authorization URL with state, nonce and a PKCE challenge, and the
// code exchange that validates the ID token (signature, issuer, audience, nonce) and reads userinfo.
// Every failure is sorted into what the sign-in flow needs to say: the provider is unreachable or
// failing (503), the user declined at the provider, the nonce did not match, or the provider's answer
// was refused. Secrets stay in here: errors carry codes and statuses, never request bodies.
import type * as OidcModule from "openid-client";
import { type Config, isLoopbackHttp } from "../../config.js";
import { SOCKET_ERROR_CODES } from "../../lib/network-errors.js";

export type OidcSettings = Pick<
  Config,
  | "OIDC_ISSUER"
  | "OIDC_CLIENT_ID"
  | "OIDC_CLIENT_SECRET"
  | "OIDC_SCOPES"
  | "OIDC_TIMEOUT_SECONDS"
  | "OIDC_ROLE_CLAIM"
>;

/** What the provider says about the person signing in, from the ID token merged over userinfo. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  /** The provider's email_verified claim; null when it sent none. */
  emailVerified: boolean | null;
  name: string | null;
  preferredUsername: string | null;
  /** Values of OIDC_ROLE_CLAIM (a list, or one string). */
  groups: string[];
}

export type ProviderFailureKind = "unavailable" | "denied" | "nonce" | "rejected";

/** A failed exchange with the provider, sorted for the flow; `reason` is a short code safe to log. */
export class ProviderFailure extends Error {
  constructor(
    readonly kind: ProviderFailureKind,
    readonly reason: string,
  ) {
    super(`OpenID provider: ${kind} (${reason})`);
    this.name = "ProviderFailure";
  }
}

const NETWORK_CODES = new Set([
  ...SOCKET_ERROR_CODES,
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
]);

function networkCode(err: unknown): string | null {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** Short, bounded text for logs and error codes: the provider's own error code, never its description. */
function safeCode(value: unknown): string {
  return typeof value === "string" && /^[a-z0-9_.-]{1,64}$/i.test(value) ? value : "unknown";
}

// openid-client is loaded with the first sign-in, so an instance without SSO never carries it in memory.
let loaded: typeof OidcModule | undefined;
async function loadOidc(): Promise<typeof OidcModule> {
  loaded ??= await import("openid-client");
  return loaded;
}

/** What binds one sign-in's callback to its start: the state, the nonce and the PKCE verifier. */
export interface FlowSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Fresh state, nonce and PKCE verifier for one sign-in. */
export async function newFlowSecrets(): Promise<FlowSecrets> {
  const oidc = await loadOidc();
  return {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
  };
}

/** Sorts whatever openid-client (or fetch below it) threw into a ProviderFailure. */
export function classifyProviderError(err: unknown): ProviderFailure {
  // openid-client's own errors can only exist once it has been loaded
  const oidc = loaded;
  if (err instanceof ProviderFailure) return err;
  const net = networkCode(err);
  if (net) return new ProviderFailure("unavailable", net.toLowerCase());
  if (err instanceof TypeError && err.message === "fetch failed")
    return new ProviderFailure("unavailable", "fetch_failed");
  if (oidc && err instanceof oidc.AuthorizationResponseError)
    return new ProviderFailure("denied", safeCode(err.error));
  if (oidc && err instanceof oidc.ResponseBodyError) {
    return err.status >= 500 || err.status === 429
      ? new ProviderFailure("unavailable", `status_${err.status}`)
      : new ProviderFailure("rejected", safeCode(err.error));
  }
  if (oidc && err instanceof oidc.ClientError) {
    const code = err.code ?? "";
    if (code === "OAUTH_TIMEOUT" || code === "OAUTH_ABORT")
      return new ProviderFailure("unavailable", "timeout");
    const cause = err.cause as { status?: unknown; cause?: { claim?: unknown } } | undefined;
    if (code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || code === "OAUTH_RESPONSE_IS_NOT_JSON") {
      const status = typeof cause?.status === "number" ? cause.status : 0;
      if (status >= 500 || status === 429 || status === 0)
        return new ProviderFailure("unavailable", `status_${status}`);
      return new ProviderFailure("rejected", `status_${status}`);
    }
    if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" && cause?.cause?.claim === "nonce") {
      return new ProviderFailure("nonce", "nonce_mismatch");
    }
    return new ProviderFailure("rejected", safeCode(code.replace(/^OAUTH_/, "").toLowerCase()));
  }
  if (err instanceof DOMException && (err.name === "TimeoutError" || err.name === "AbortError")) {
    return new ProviderFailure("unavailable", "timeout");
  }
  return new ProviderFailure("rejected", "unexpected");
}

function stringClaim(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

/** A group claim as a list: providers send an array of strings, a single string or nothing. */
export function groupsOf(v: unknown): string[] {
  if (typeof v === "string") return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.filter((g): g is string => typeof g === "string").map((g) => g.trim());
  return [];
}

export type OidcClient = ReturnType<typeof createOidcClient>;

export function createOidcClient(settings: OidcSettings) {
  const issuer = settings.OIDC_ISSUER;
  const clientId = settings.OIDC_CLIENT_ID;
  let discovered: Promise<OidcModule.Configuration> | null = null;

  async function discover(): Promise<OidcModule.Configuration> {
    if (!issuer || !clientId) throw new Error("Single sign-on is not configured");
    const oidc = await loadOidc();
    const server = new URL(issuer);
    const secret = settings.OIDC_CLIENT_SECRET;
    // The provider names the client authentications it accepts; HTTP Basic is the OAuth default.
    const config = await oidc.discovery(
      server,
      clientId,
      secret ? { client_secret: secret } : undefined,
      undefined,
      {
        timeout: settings.OIDC_TIMEOUT_SECONDS,
        execute: isLoopbackHttp(server) ? [oidc.allowInsecureRequests] : [],
      },
    );
    const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
    const auth = !secret
      ? oidc.None()
      : !methods || methods.includes("client_secret_basic")
        ? oidc.ClientSecretBasic(secret)
        : oidc.ClientSecretPost(secret);
    const out = new oidc.Configuration(
      config.serverMetadata(),
      clientId,
      secret ? { client_secret: secret } : undefined,
      auth,
    );
    out.timeout = settings.OIDC_TIMEOUT_SECONDS;
    if (isLoopbackHttp(server)) oidc.allowInsecureRequests(out);
    return out;
  }

  /** The provider's configuration, discovered once; a failed discovery is tried again next time. */
  async function configuration(): Promise<OidcModule.Configuration> {
    if (!discovered) {
      discovered = discover();
      discovered.catch(() => {
        discovered = null;
      });
    }
    try {
      return await discovered;
    } catch (e) {
      throw classifyProviderError(e);
    }
  }

  return {
    /** The URL to send the browser to, with state, nonce and the PKCE challenge of `codeVerifier`. */
    async authorizationUrl(input: FlowSecrets & { redirectUri: string }): Promise<URL> {
      const config = await configuration();
      const oidc = await loadOidc();
      const scopes = new Set(["openid", ...settings.OIDC_SCOPES.split(/\s+/).filter(Boolean)]);
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: input.redirectUri,
        scope: [...scopes].join(" "),
        state: input.state,
        nonce: input.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(input.codeVerifier),
        code_challenge_method: "S256",
      });
    },

    /**
     * Exchanges the code of the callback URL and returns who signed in. Throws ProviderFailure: the
     * state, nonce, PKCE verifier and ID token are all checked by openid-client.
     */
    async exchange(input: FlowSecrets & { callbackUrl: URL }): Promise<ProviderIdentity> {
      const config = await configuration();
      const oidc = await loadOidc();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, input.callbackUrl, {
          expectedState: input.state,
          expectedNonce: input.nonce,
          pkceCodeVerifier: input.codeVerifier,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new ProviderFailure("rejected", "no_id_token");
        // Claims such as e-mail and groups often come only from userinfo; the ID token wins where both say.
        let userinfo: Record<string, unknown> = {};
        if (config.serverMetadata().userinfo_endpoint) {
          userinfo = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)) };
        }
        const all: Record<string, unknown> = { ...userinfo, ...claims };
        const verified = all.email_verified;
        return {
          issuer: claims.iss,
          subject: claims.sub,
          email: stringClaim(all.email)?.toLowerCase() ?? null,
          // Some providers send "true" as a string.
          emailVerified:
            verified === true || verified === "true" ? true : verified === undefined ? null : false,
          name: stringClaim(all.name),
          preferredUsername: stringClaim(all.preferred_username),
          groups: groupsOf(all[settings.OIDC_ROLE_CLAIM]),
        };
      } catch (e) {
        throw classifyProviderError(e);
      }
    },
  };
}
