// Access tokens (HS256 JWTs: signed with jose, verified here), opaque refresh tokens and API keys. Opaque secrets are stored
// only as SHA-256 hashes: they are long random values, so a slow hash adds nothing but latency.
import { createHmac, createSecretKey, hash, type KeyObject, randomBytes, timingSafeEqual } from "node:crypto";

export interface AccessClaims {
  sub: string;
  username: string;
  role: "user" | "admin";
  /**
   * Issued-at in milliseconds since the epoch (set on verified tokens). JWT's own `iat` has whole
   * seconds only, too coarse to tell a token from a password change in the same second.
   */
  issuedAtMs?: number;
}

export const API_KEY_PREFIX = "pf_";

// crypto.hash is the one-shot form of createHash(…).update(…).digest(…): the same digest without a Hash
// object per call, half the CPU for a key (about 0.8 µs of 1.6), and every API-key request hashes its key.
export function hashSecret(secret: string): string {
  return hash("sha256", secret, "hex");
}

/** A new opaque secret: 32 random bytes as base64url behind `prefix`, so a leaked one says what it is. */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function newRefreshToken(): string {
  return newSecret("pfr_");
}

export function newApiKey(): string {
  return newSecret(API_KEY_PREFIX);
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && /^pf_[A-Za-z0-9_-]{43}$/.test(value);
}

/** The protected header of every access token PromptForge signs, as it appears in the token. */
const ACCESS_TOKEN_HEADER = Buffer.from(JSON.stringify({ alg: "HS256" })).toString("base64url");

/** Verified tokens remembered at most; when full the memory starts over (it costs only the checks again). */
export const MAX_VERIFIED_TOKENS = 10_000;

export class TokenSigner {
  // Signing goes through jose with a key imported once (given raw bytes, jose imports a key per call).
  private readonly signingKey: Promise<CryptoKey>;
  // Verification runs on every signed-in request, so it is done here, synchronously, with the secret
  // imported once as a KeyObject: jose's WebCrypto verification queues each HMAC on the thread pool and
  // cost about 10 times as much CPU (bench/README.md). Only tokens whose header is exactly the one sign()
  // writes are considered, so no other algorithm (none, RS256 with this secret as a "public key") can be.
  private readonly verifyKey: KeyObject;
  /**
   * Tokens already verified, with their claims and expiry: a client sends the same token on every request
   * until it expires, and the HMAC, the decoding and the parse were about 5 % of a signed-in read. Only the
   * signature check is remembered (a pure function of the token and the secret); expiry is checked on
   * every use, and revocation (the user's sessions cut-off) is not decided here at all. Keeping tokens in
   * memory adds no exposure: this process holds the secret that signs them.
   */
  private readonly verified = new Map<string, { claims: Readonly<AccessClaims>; exp: number }>();
  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    const raw = new TextEncoder().encode(secret);
    this.signingKey = globalThis.crypto.subtle.importKey(
      "raw",
      raw,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    // A key that cannot be imported fails each sign, not the process with an unhandled rejection.
    this.signingKey.catch(() => {});
    this.verifyKey = createSecretKey(raw);
  }

  get expiresIn(): number {
    return this.ttlSeconds;
  }

  async sign(claims: AccessClaims): Promise<string> {
    const nowMs = this.clock();
    const now = Math.floor(nowMs / 1000);
    // jose is loaded on the first sign-in, not at start-up: verification does not use it, and an idle
    // server need not hold its modules (docs/performance.md, "Memory").
    const { SignJWT } = await import("jose");
    return new SignJWT({ username: claims.username, role: claims.role, typ: "access", iat_ms: nowMs })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.sub)
      .setIssuer("promptforge")
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomBytes(8).toString("hex"))
      .sign(await this.signingKey);
  }

  /**
   * Returns the claims, or null for any invalid, expired or foreign token. Synchronous: it runs on every
   * signed-in request, where a promise per call is measurable.
   */
  verify(token: string): Readonly<AccessClaims> | null {
    const known = this.verified.get(token);
    if (known) {
      if (known.exp > Math.floor(this.clock() / 1000)) return known.claims;
      this.verified.delete(token);
      return null;
    }
    const payload = this.verifiedPayload(token);
    if (!payload) return null;
    if (payload.typ !== "access" || typeof payload.sub !== "string") return null;
    const role = payload.role === "admin" ? "admin" : "user";
    // Tokens signed before iat_ms existed carry whole seconds only: count them from their second's start.
    const issuedAtMs =
      typeof payload.iat_ms === "number" && Number.isFinite(payload.iat_ms)
        ? payload.iat_ms
        : (typeof payload.iat === "number" ? payload.iat : 0) * 1000;
    const claims = Object.freeze({
      sub: payload.sub,
      username: String(payload.username ?? ""),
      role,
      issuedAtMs,
    });
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, { claims, exp: payload.exp as number });
    return claims;
  }

  /** The payload of a token this signer signed that is in force now (issuer, expiry, not-before). */
  private verifiedPayload(token: string): Record<string, unknown> | null {
    const firstDot = token.indexOf(".");
    const secondDot = token.indexOf(".", firstDot + 1);
    if (firstDot < 0 || secondDot < 0 || token.indexOf(".", secondDot + 1) >= 0) return null;
    if (token.slice(0, firstDot) !== ACCESS_TOKEN_HEADER) return null;
    // Compared as text: decoding first would accept a signature with stray characters added.
    const signature = Buffer.from(token.slice(secondDot + 1));
    const expected = Buffer.from(
      createHmac("sha256", this.verifyKey).update(token.slice(0, secondDot)).digest("base64url"),
    );
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(token.slice(firstDot + 1, secondDot), "base64url").toString("utf8"));
    } catch {
      return null;
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null;
    const claims = payload as Record<string, unknown>;
    const now = Math.floor(this.clock() / 1000);
    if (claims.iss !== "promptforge") return null;
    // As jose checks them: exp is required here (sign() always sets it) and passed at its second.
    if (typeof claims.exp !== "number" || claims.exp <= now) return null;
    if (claims.nbf !== undefined && (typeof claims.nbf !== "number" || claims.nbf > now)) return null;
    if (claims.iat !== undefined && typeof claims.iat !== "number") return null;
    return claims;
  }
}
