// The one HTTP client of the web app: JSON in and out, the API's error shape turned into ApiError
// (with field messages so forms can show them next to the field), and the session: access token on
// every call, a silent refresh shortly before expiry or after a 401, serialised across tabs so a
// rotated refresh token is never spent twice (the server would revoke the whole family).

// Straight from the server (not ./types): the tests load this file under Node's module resolution.
import type { TokenPair } from "../../../src/features/auth/auth-schemas.js";

export interface Session {
  access_token: string;
  refresh_token: string;
  /** Milliseconds since the epoch when the access token stops working. */
  expires_at: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;
  /** Field name → message, from a 422's details. */
  readonly fields: Record<string, string>;
  constructor(status: number, code: string, message: string, details?: unknown, requestId?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
    this.fields = {};
    if (Array.isArray(details)) {
      for (const d of details) {
        if (d && typeof d === "object" && typeof d.field === "string" && typeof d.message === "string") {
          const key = d.field.split(".")[0] ?? d.field;
          const text = humanise(d.message);
          // Each message is a sentence of its own.
          this.fields[key] = this.fields[key] ? `${this.fields[key]} ${text}` : text;
        }
      }
    }
  }
}

/** What a failed request said about each field of a form (field name → message); {} for any other error. */
export function fieldMessages(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

/** Schema-validator phrasing ("must NOT have fewer than 10 characters") in plain words, capitalised. */
export function humanise(message: string): string {
  const m = message
    .replace(/^must NOT have fewer than (\d+) characters?$/, "must be at least $1 characters")
    .replace(/^must NOT have more than (\d+) characters?$/, "must be at most $1 characters")
    .replace(/^must NOT have fewer than (\d+) items?$/, "needs at least $1")
    .replace(/^must NOT have more than (\d+) items?$/, "may have at most $1")
    .replace(/^must match pattern .*$/, "is not in the accepted form")
    .replace(/^must match format "email"$/, "must be an e-mail address like name@example.com")
    .replace(/^must have required property .*$/, "is required");
  return m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? "" : ".");
}

export const SESSION_KEY = "pf:session";
/** Refresh this long before the access token expires, so a request never races the expiry. */
const REFRESH_MARGIN_MS = 30_000;

type SessionListener = (
  session: Session | null,
  reason: "signed-in" | "refreshed" | "signed-out" | "expired",
) => void;
const listeners = new Set<SessionListener>();

export function onSessionChange(fn: SessionListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function emit(session: Session | null, reason: Parameters<SessionListener>[1]) {
  for (const fn of listeners) fn(session, reason);
}

export function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.access_token !== "string" || typeof s.refresh_token !== "string") return null;
    return {
      access_token: s.access_token,
      refresh_token: s.refresh_token,
      expires_at: Number(s.expires_at) || 0,
    };
  } catch {
    return null;
  }
}

function writeSession(s: Session | null) {
  try {
    if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
    else localStorage.removeItem(SESSION_KEY);
  } catch {
    // Private browsing without storage: the session lives for this page only.
  }
}

export function storeTokens(pair: TokenPair, reason: "signed-in" | "refreshed" = "signed-in"): Session {
  const s: Session = {
    access_token: pair.access_token,
    refresh_token: pair.refresh_token,
    expires_at: Date.now() + pair.expires_in * 1000,
  };
  writeSession(s);
  emit(s, reason);
  return s;
}

export function clearSession(reason: "signed-out" | "expired" = "signed-out") {
  writeSession(null);
  emit(null, reason);
}

async function parseError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page): fall through to a generic message
  }
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const requestId =
    (body as { request_id?: string } | null)?.request_id ?? res.headers.get("x-request-id") ?? undefined;
  if (err && typeof err.message === "string") {
    return new ApiError(res.status, err.code ?? "error", err.message, err.details, requestId);
  }
  const generic =
    res.status === 429
      ? "Too many requests; wait a moment and try again."
      : res.status >= 500
        ? "The server had a problem. Try again in a moment."
        : `Request failed (${res.status}).`;
  return new ApiError(
    res.status,
    res.status === 429 ? "rate_limited" : "error",
    generic,
    undefined,
    requestId,
  );
}

let refreshing: Promise<Session | null> | null = null;

async function doRefresh(spent: string): Promise<Session | null> {
  // Another tab may have rotated the token already: use what it stored instead of spending ours again.
  const current = readSession();
  if (!current) return null;
  if (current.refresh_token !== spent && current.expires_at - Date.now() > REFRESH_MARGIN_MS) return current;
  let res: Response;
  try {
    res = await fetch("/api/v1/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refresh_token: current.refresh_token }),
    });
  } catch {
    // Offline: keep the session, the caller reports a network error.
    return current;
  }
  if (!res.ok) {
    if (res.status === 401 || res.status === 422 || res.status === 400) {
      clearSession("expired");
      return null;
    }
    return current;
  }
  return storeTokens((await res.json()) as TokenPair, "refreshed");
}

/** One refresh at a time in this tab, and (where the browser has Web Locks) across tabs. */
export function refreshSession(spent: string): Promise<Session | null> {
  if (!refreshing) {
    const run = () => doRefresh(spent);
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    refreshing = (locks ? locks.request("promptforge-refresh", run) : run()).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

async function validSession(): Promise<Session | null> {
  const s = readSession();
  if (!s) return null;
  if (s.expires_at - Date.now() < REFRESH_MARGIN_MS) return refreshSession(s.refresh_token);
  return s;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the access token (default true when signed in). */
  auth?: boolean;
  signal?: AbortSignal;
  /** Read the answer as text (a download) instead of JSON. */
  text?: boolean;
  /** Send this text as the body with its own content type (a CSV upload) instead of JSON. */
  raw?: { body: string; contentType: string };
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

export const SESSION_EXPIRED_MESSAGE =
  "Your session has ended. Sign in again to continue — what you typed is kept on this device.";

/** Calls /api/v1{path}; throws ApiError for any failure, including a network error (status 0). */
export async function request<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const url =
    path.startsWith("/") && !path.startsWith("/api/") && !path.startsWith("/health")
      ? `/api/v1${path}`
      : path;
  const useAuth = opts.auth !== false;
  let session = useAuth ? await validSession() : null;
  const hadSession = session !== null;

  const send = async (s: Session | null) => {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    if (opts.raw) headers["content-type"] = opts.raw.contentType;
    if (s) headers.authorization = `Bearer ${s.access_token}`;
    try {
      return await fetch(url, {
        method,
        headers,
        body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
        signal: opts.signal,
      });
    } catch (e) {
      if ((e as Error).name === "AbortError") throw e;
      throw new ApiError(
        0,
        "network_error",
        "Could not reach PromptForge. Check your connection and try again — nothing you typed is lost.",
      );
    }
  };

  let res = await send(session);
  if (res.status === 401 && session) {
    session = await refreshSession(session.refresh_token);
    if (session) res = await send(session);
  }
  if (res.status === 401 && hadSession && !session) {
    throw new ApiError(401, "session_expired", SESSION_EXPIRED_MESSAGE);
  }
  if (!res.ok) throw await parseError(res);
  const data = (
    res.status === 204 ? undefined : opts.text ? await res.text() : await res.json().catch(() => undefined)
  ) as T;
  return { data, headers: res.headers, status: res.status };
}

export const api = {
  get: async <T>(path: string, opts?: RequestOptions) => (await request<T>("GET", path, opts)).data,
  post: async <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    (await request<T>("POST", path, { ...opts, body: body ?? {} })).data,
  put: async <T>(path: string, body: unknown, opts?: RequestOptions) =>
    (await request<T>("PUT", path, { ...opts, body })).data,
  patch: async <T>(path: string, body: unknown, opts?: RequestOptions) =>
    (await request<T>("PATCH", path, { ...opts, body })).data,
  del: async (path: string, opts?: RequestOptions) => {
    await request<void>("DELETE", path, opts);
  },
};

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** A message for any thrown value, in words. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
