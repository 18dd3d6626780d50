// Secret scrubbing shared by the logger and Sentry's beforeSend: one rule for which field names hold
// secrets, one function for query strings, one bounded deep scrub. Kept in one place so a log line and
// a Sentry event can never disagree about what is a secret.

export const REDACTED = "[REDACTED]";

// Matched against the field name lower-cased with '-' and '_' removed, so "X-API-Key", "api_key",
// "refreshToken" and "refresh_token" are one rule. `token$` (not `token`) keeps counters such as
// "prompt_tokens" readable; `^key$` covers Gemini's `?key=` query parameter.
const SECRET_NAME =
  /(passw(or)?d|secret|token$|apikey|^key$|authorization|cookie|dsn$|jwt|credential|privatekey|sessionid|signature)/;

// Every log line asks about the same few field names: the answers are kept (names beyond the bound, say
// keys of a user's object, are still answered, just not remembered).
const secretNames = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    secret = SECRET_NAME.test(name.toLowerCase().replace(/[-_]/g, ""));
    if (secretNames.size < 2000) secretNames.set(name, secret);
  }
  return secret;
}

/** Replaces the values of secret-named parameters in a query string (with or without the leading '?'). */
export function redactQueryString(query: string): string {
  // An OAuth authorization response (the single-sign-on callback) carries its one-time code and state
  // as `code` and `state`: secret there, though the names are harmless elsewhere.
  const oauthResponse = /(?:[?&]|^)code=/.test(query) && /(?:[?&]|^)state=/.test(query);
  return query.replace(/([?&]|^)([^=&?#]+)=([^&#]*)/g, (whole, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // keep the raw name
    }
    const secret = isSecretName(decoded) || (oauthResponse && (decoded === "code" || decoded === "state"));
    return secret ? `${sep}${name}=${REDACTED}` : whole;
  });
}

// Path segments that are PromptForge's own opaque secrets: API keys (pf_), refresh tokens (pfr_) and
// invitation tokens (pfi_, which travel in POST /invitations/:token/accept).
const SECRET_SEGMENT = /\/(?:pf|pfr|pfi)_[A-Za-z0-9_-]{16,}/g;

/** A URL or path with secret query values and secret path segments redacted. */
export function redactUrl(url: string): string {
  const q = url.indexOf("?");
  const path = (q === -1 ? url : url.slice(0, q)).replace(SECRET_SEGMENT, `/${REDACTED}`);
  return q === -1 ? path : path + redactQueryString(url.slice(q));
}

const URL_FIELDS = new Set(["url", "path", "query_string", "href", "originalurl"]);

/**
 * Returns `value` with secret-named fields replaced and query values in URL fields redacted.
 * Copies only what changes; stops at `depth` so a huge object cannot make logging slow.
 */
export function scrubSecrets<T>(value: T, depth = 6): T {
  if (depth < 0 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = scrubSecrets(v, depth - 1);
      if (s !== v) changed = true;
      return s;
    });
    return (changed ? out : value) as T;
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  // for…in over own keys rather than Object.entries: every log line passes here, and entries allocated
  // an array per field.
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    const v = record[k];
    let next: unknown = v;
    if (v !== undefined && v !== null && v !== REDACTED && isSecretName(k)) next = REDACTED;
    else if (
      typeof v === "string" &&
      URL_FIELDS.has(k.toLowerCase()) &&
      (v.includes("=") || v.includes("/pf"))
    )
      next = k === "query_string" ? redactQueryString(v) : redactUrl(v);
    else if (typeof v === "object") next = scrubSecrets(v, depth - 1);
    if (next !== v) {
      out ??= { ...(value as Record<string, unknown>) };
      out[k] = next;
    }
  }
  return (out ?? value) as T;
}
