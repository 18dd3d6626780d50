// Access tokens (HS256 JWTs via jose), opaque refresh tokens and API keys. Opaque secrets are stored
// only as SHA-256 hashes: they are long random values, so a slow hash adds nothing but latency.
import { createHash, randomBytes } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";

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

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function newRefreshToken(): string {
  return `pfr_${randomBytes(32).toString("base64url")}`;
}

export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && /^pf_[A-Za-z0-9_-]{43}$/.test(value);
}

export class TokenSigner {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  get expiresIn(): number {
    return this.ttlSeconds;
  }

  async sign(claims: AccessClaims): Promise<string> {
    const nowMs = this.clock();
    const now = Math.floor(nowMs / 1000);
    return new SignJWT({ username: claims.username, role: claims.role, typ: "access", iat_ms: nowMs })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(claims.sub)
      .setIssuer("promptforge")
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomBytes(8).toString("hex"))
      .sign(this.key);
  }

  /** Returns the claims, or null for any invalid, expired or foreign token. */
  async verify(token: string): Promise<AccessClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ["HS256"],
        issuer: "promptforge",
        currentDate: new Date(this.clock()),
      });
      if (payload.typ !== "access" || typeof payload.sub !== "string") return null;
      const role = payload.role === "admin" ? "admin" : "user";
      // Tokens signed before iat_ms existed carry whole seconds only: count them from their second's start.
      const issuedAtMs =
        typeof payload.iat_ms === "number" && Number.isFinite(payload.iat_ms)
          ? payload.iat_ms
          : (payload.iat ?? 0) * 1000;
      return { sub: payload.sub, username: String(payload.username ?? ""), role, issuedAtMs };
    } catch (e) {
      if (e instanceof joseErrors.JOSEError) return null;
      throw e;
    }
  }
}
