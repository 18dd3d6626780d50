// The PromptForge client: fetches prompts from the registry (GET /api/v1/registry/:project/:name) and
// keeps serving them when the server is slow or down. The order of resort when a fetch fails is: the
// cached copy however old, then (at a cold start) the snapshot file, then the caller's fallback, then a
// typed error. A prompt that was served once is never replaced by an error.
import {
  PromptForgeAuthError,
  PromptForgeError,
  type PromptForgeSnapshotError,
  PromptForgeUnavailableError,
  PromptNotFoundError,
} from "./errors.js";
import {
  fallbackPrompt,
  type Prompt,
  type PromptData,
  type PromptFallback,
  readPromptData,
  toPrompt,
} from "./prompt.js";
import { SnapshotStore } from "./snapshot.js";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type PromptForgeEventType =
  | "hit"
  | "stale"
  | "revalidated"
  | "not_modified"
  | "fallback"
  | "snapshot"
  | "error";

/** One thing that happened, for the caller's metrics and logs. Never carries the API key. */
export interface PromptForgeEvent {
  type: PromptForgeEventType;
  /** The prompt's name; absent for errors about the snapshot file as a whole. */
  name?: string;
  label?: string;
  /** The version asked for, when getPrompt pinned one. */
  requestedVersion?: number;
  /** The version served (hit, stale, snapshot) or newly received (revalidated). */
  version?: number;
  /** For revalidated: the version it replaced. */
  previousVersion?: number;
  /** For error events. */
  error?: PromptForgeError;
}

export interface PromptForgeOptions {
  /** The server's origin, without /api/v1: `https://promptforge.example.com`. */
  baseUrl: string;
  /** A project API key with the `registry:read` scope. */
  apiKey: string;
  /** The project's slug or id. */
  project: string;
  /** How long a fetched prompt is served without asking the server again. Default 60. */
  cacheTtlSeconds?: number;
  /** Where to keep the last-known-good copies for a cold start while the server is down. */
  snapshotPath?: string;
  /** How long one request may take before it counts as a failure. Default 5000. */
  timeoutMs?: number;
  /** A fetch implementation; the global fetch by default. */
  fetch?: FetchLike;
  /** Called for every event; an exception it throws is ignored. */
  onEvent?: (event: PromptForgeEvent) => void;
}

export interface GetPromptOptions {
  /** The label to fetch (default `production`; `latest` is the newest version). */
  label?: string;
  /** A version number instead of a label. */
  version?: number;
  /** Served when neither the server, the cache nor the snapshot has the prompt. */
  fallback?: PromptFallback;
}

interface Target {
  name: string;
  label?: string;
  version?: number;
}

interface CacheEntry {
  data: PromptData;
  etag: string | null;
  /** When the server last confirmed this copy (ms since the epoch); 0 for a copy read from the snapshot. */
  confirmedAt: number;
  /** No background revalidation before this time (after a failed one). */
  retryAt: number;
}

/** After a failed background revalidation, the next waits this long (or the TTL, if shorter). */
const RETRY_AFTER_FAILURE_MS = 5000;
const DEFAULT_LABEL = "production";

export class PromptForge {
  private readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly project: string;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: FetchLike;
  private readonly onEvent: ((event: PromptForgeEvent) => void) | undefined;
  private readonly snapshot: SnapshotStore | null;
  private readonly cache = new Map<string, CacheEntry>();
  private readonly inflight = new Map<string, Promise<CacheEntry>>();

  constructor(options: PromptForgeOptions) {
    const { baseUrl, apiKey, project, cacheTtlSeconds = 60, timeoutMs = 5000 } = options ?? {};
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new PromptForgeError("invalid_options", "baseUrl must be an absolute http(s) URL");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new PromptForgeError("invalid_options", "baseUrl must be an absolute http(s) URL");
    }
    if (typeof apiKey !== "string" || apiKey.trim() === "") {
      throw new PromptForgeError("invalid_options", "apiKey is required");
    }
    if (typeof project !== "string" || project.trim() === "") {
      throw new PromptForgeError("invalid_options", "project is required");
    }
    if (typeof cacheTtlSeconds !== "number" || !Number.isFinite(cacheTtlSeconds) || cacheTtlSeconds < 0) {
      throw new PromptForgeError("invalid_options", "cacheTtlSeconds must be a number ≥ 0");
    }
    if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new PromptForgeError("invalid_options", "timeoutMs must be a number > 0");
    }
    const fetchImpl = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
    if (typeof fetchImpl !== "function") {
      throw new PromptForgeError("invalid_options", "no global fetch here: pass options.fetch");
    }
    this.baseUrl = url.origin + url.pathname.replace(/\/+$/, "");
    this.apiKey = apiKey;
    this.project = project;
    this.ttlMs = cacheTtlSeconds * 1000;
    this.timeoutMs = timeoutMs;
    this.fetchImpl = fetchImpl;
    this.onEvent = options.onEvent;
    this.snapshot = options.snapshotPath
      ? new SnapshotStore(options.snapshotPath, (error: PromptForgeSnapshotError) =>
          this.emit({ type: "error", error }),
        )
      : null;
  }

  /**
   * The prompt `name` at `label` (default production) or `version`. Within the TTL the cached copy is
   * returned without a request; after it, the cached copy is returned at once and refreshed in the
   * background. Throws only when the prompt was never served and no snapshot or fallback has it.
   */
  async getPrompt(name: string, options: GetPromptOptions = {}): Promise<Prompt> {
    const target = this.targetOf(name, options);
    const key = this.keyOf(target);
    const entry = this.cache.get(key);
    if (entry) {
      const now = Date.now();
      if (now - entry.confirmedAt < this.ttlMs) {
        this.emit({ type: "hit", ...this.about(target), version: entry.data.version });
        return toPrompt(entry.data, "cache");
      }
      this.emit({ type: "stale", ...this.about(target), version: entry.data.version });
      if (now >= entry.retryAt) this.refresh(key, target).catch(() => {});
      return toPrompt(entry.data, "cache");
    }

    let failure: PromptForgeError;
    try {
      return toPrompt((await this.refresh(key, target)).data, "server");
    } catch (e) {
      failure = e as PromptForgeError;
    }
    // Another call may have filled the cache while this one waited (from its snapshot, say).
    const filled = this.cache.get(key);
    if (filled) return toPrompt(filled.data, "cache");
    if (this.snapshot && (failure.code === "unavailable" || failure.code === "invalid_response")) {
      const saved = await this.snapshot.get(key);
      if (saved) {
        // Served from now on like a copy whose TTL has run out: revalidated (with its ETag) when possible.
        this.cache.set(key, {
          data: saved.data,
          etag: saved.etag,
          confirmedAt: 0,
          retryAt: this.retryTime(),
        });
        this.emit({ type: "snapshot", ...this.about(target), version: saved.data.version });
        return toPrompt(saved.data, "snapshot");
      }
    }
    if (options.fallback !== undefined) {
      const prompt = fallbackPrompt(name, options.fallback);
      this.emit({ type: "fallback", ...this.about(target) });
      return prompt;
    }
    throw failure;
  }

  private targetOf(name: string, options: GetPromptOptions): Target {
    if (typeof name !== "string" || name.trim() === "") {
      throw new PromptForgeError("invalid_options", "getPrompt needs a prompt name");
    }
    const { label, version } = options ?? {};
    if (label !== undefined && version !== undefined) {
      throw new PromptForgeError("invalid_options", "give label or version, not both");
    }
    if (version !== undefined) {
      if (!Number.isInteger(version) || version < 1) {
        throw new PromptForgeError("invalid_options", "version must be a whole number ≥ 1");
      }
      return { name, version };
    }
    if (label !== undefined && (typeof label !== "string" || label === "")) {
      throw new PromptForgeError("invalid_options", "label must be a non-empty string");
    }
    return { name, label: label ?? DEFAULT_LABEL };
  }

  /** The cache and snapshot key: the project, the name and what was asked for. */
  private keyOf(t: Target): string {
    return `${this.project}\n${t.name}\n${t.version !== undefined ? `version=${t.version}` : `label=${t.label}`}`;
  }

  private about(t: Target): Pick<PromptForgeEvent, "name" | "label" | "requestedVersion"> {
    return t.version !== undefined
      ? { name: t.name, requestedVersion: t.version }
      : { name: t.name, label: t.label };
  }

  private retryTime(): number {
    return Date.now() + Math.min(this.ttlMs, RETRY_AFTER_FAILURE_MS);
  }

  /**
   * Asks the server for `target` (with If-None-Match when a copy is cached) and updates the cache and
   * the snapshot. Concurrent calls for one key share one request. Rejects with a PromptForgeError after
   * emitting it; a cached copy, if any, is kept.
   */
  private refresh(key: string, target: Target): Promise<CacheEntry> {
    const running = this.inflight.get(key);
    if (running) return running;
    const request = this.fetchFromServer(key, target).finally(() => this.inflight.delete(key));
    this.inflight.set(key, request);
    return request;
  }

  private async fetchFromServer(key: string, target: Target): Promise<CacheEntry> {
    const cached = this.cache.get(key);
    let answer: Awaited<ReturnType<PromptForge["request"]>>;
    try {
      answer = await this.request(target, cached?.etag ?? null);
    } catch (e) {
      const error =
        e instanceof PromptForgeError
          ? e
          : new PromptForgeError("invalid_response", `Unexpected failure: ${String(e)}`, { cause: e });
      if (cached) cached.retryAt = this.retryTime();
      this.emit({ type: "error", ...this.about(target), error });
      throw error;
    }
    if (answer.notModified && cached) {
      cached.confirmedAt = Date.now();
      cached.retryAt = 0;
      this.emit({ type: "not_modified", ...this.about(target), version: cached.data.version });
      return cached;
    }
    if (answer.notModified) {
      // A 304 to a request that sent no If-None-Match: nothing to serve.
      const error = new PromptForgeError(
        "invalid_response",
        "The server answered 304 to a request without an ETag",
      );
      this.emit({ type: "error", ...this.about(target), error });
      throw error;
    }
    const entry: CacheEntry = { data: answer.data, etag: answer.etag, confirmedAt: Date.now(), retryAt: 0 };
    this.cache.set(key, entry);
    // Saved before the event, so a listener that reads the snapshot file finds this version there.
    await this.snapshot?.save(key, { data: entry.data, etag: entry.etag });
    if (cached) {
      this.emit({
        type: "revalidated",
        ...this.about(target),
        version: entry.data.version,
        previousVersion: cached.data.version,
      });
    }
    return entry;
  }

  /** One GET to the registry; every failure becomes a PromptForgeError with a code. */
  private async request(
    target: Target,
    etag: string | null,
  ): Promise<{ notModified: true } | { notModified: false; data: PromptData; etag: string | null }> {
    const path = target.name.split("/").map(encodeURIComponent).join("/");
    const query = new URLSearchParams(
      target.version !== undefined
        ? { version: String(target.version) }
        : { label: target.label ?? DEFAULT_LABEL },
    );
    query.set("resolve", "true");
    const url = `${this.baseUrl}/api/v1/registry/${encodeURIComponent(this.project)}/${path}?${query}`;
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${this.apiKey}`,
    };
    if (etag) headers["if-none-match"] = etag;
    const what = `${target.name}${target.version !== undefined ? ` v${target.version}` : `@${target.label}`}`;

    // One deadline for the whole exchange, body included.
    const signal = AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, { method: "GET", headers, signal });
      text = res.status === 304 ? "" : await res.text();
    } catch (e) {
      const timedOut = signal.aborted || (e as { name?: string }).name === "TimeoutError";
      throw new PromptForgeUnavailableError(
        "unavailable",
        timedOut
          ? `PromptForge did not answer within ${this.timeoutMs} ms (fetching ${what})`
          : `Cannot reach PromptForge at ${this.baseUrl} (fetching ${what}): ${(e as Error)?.message ?? e}`,
        { cause: e },
      );
    }
    if (res.status === 304) return { notModified: true };
    if (res.status === 200) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const data = readPromptData(body);
      if (!data) {
        throw new PromptForgeError("invalid_response", `The answer for ${what} is not a prompt`, {
          status: 200,
        });
      }
      return { notModified: false, data, etag: res.headers.get("etag") };
    }
    const said = serverMessage(text);
    const status = res.status;
    if (status === 404)
      throw new PromptNotFoundError("not_found", `${what}: ${said ?? "not found"}`, { status });
    if (status === 401) {
      throw new PromptForgeAuthError("unauthorized", `The API key was refused: ${said ?? "unauthorized"}`, {
        status,
      });
    }
    if (status === 403) {
      throw new PromptForgeAuthError("forbidden", `${what}: ${said ?? "forbidden"}`, { status });
    }
    if (status >= 500 || status === 429 || status === 408) {
      throw new PromptForgeUnavailableError(
        "unavailable",
        `PromptForge answered ${status} (fetching ${what})`,
        {
          status,
        },
      );
    }
    throw new PromptForgeError(
      "invalid_response",
      `PromptForge answered ${status} (fetching ${what})${said ? `: ${said}` : ""}`,
      {
        status,
      },
    );
  }

  private emit(event: PromptForgeEvent): void {
    if (!this.onEvent) return;
    try {
      this.onEvent(event);
    } catch {
      // A listener's bug must not turn a served prompt into a failure.
    }
  }
}

/** The message of PromptForge's JSON error shape, cut short; undefined for any other body. */
function serverMessage(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message;
    return typeof message === "string" ? message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}
