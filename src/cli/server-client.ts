// The PromptForge server as the CLI's network commands (pull, push, eval) reach it: the origin and the
// project API key from flags or the environment, JSON requests with a time-out, and the server's errors
// said in one line.
import { type CliIo, UsageError } from "./cli-io.js";

export const CONNECTION = `Server and key: --url or PROMPTFORGE_URL (the server's origin, e.g. https://promptforge.example.com),
--api-key or PROMPTFORGE_API_KEY (a project API key; the environment keeps it out of your shell history).`;

/** Requests that take longer than this count as a failure (the server is local or on a network). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface Reply {
  status: number;
  body: unknown;
}

/** The server's API as the CLI uses it: JSON in, JSON out, errors in our words. */
export class Server {
  constructor(
    private readonly base: string,
    private readonly key: string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<Reply> {
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
    } catch (e) {
      const why = (e as { name?: string }).name === "TimeoutError" ? "no answer in 30 s" : causeOf(e);
      throw new UsageError(`cannot reach PromptForge at ${this.base}: ${why}`);
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    if (res.status === 401) throw new UsageError("the server refused the API key (401)");
    return { status: res.status, body: parsed };
  }

  /** The answer's body when its status is `ok`; otherwise a UsageError saying what the server said. */
  async expect<T>(ok: number, method: string, path: string, body?: unknown): Promise<T> {
    const reply = await this.call(method, path, body);
    if (reply.status !== ok) throw new UsageError(`${method} ${path}: ${describe(reply)}`);
    return reply.body as T;
  }
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message ?? String(e);
}

/** "409 version_conflict: …" from the one JSON error shape, or the status alone. */
export function describe(reply: Reply): string {
  const error = (reply.body as { error?: { code?: string; message?: string } } | null)?.error;
  return error ? `${reply.status} ${error.code}: ${error.message}` : `answered ${reply.status}`;
}

export function connection(flags: Record<string, string | true>, io: CliIo): Server {
  const url = flags.url ?? io.env.PROMPTFORGE_URL;
  const key = flags["api-key"] ?? io.env.PROMPTFORGE_API_KEY;
  if (typeof url !== "string" || url === "")
    throw new UsageError("the server's URL is needed: --url or PROMPTFORGE_URL");
  if (typeof key !== "string" || key === "") {
    throw new UsageError("an API key is needed: --api-key or PROMPTFORGE_API_KEY");
  }
  let origin: URL;
  try {
    origin = new URL(url);
  } catch {
    throw new UsageError(`--url must be an absolute http(s) URL, not '${url}'`);
  }
  if (origin.protocol !== "http:" && origin.protocol !== "https:") {
    throw new UsageError(`--url must be an absolute http(s) URL, not '${url}'`);
  }
  return new Server(origin.origin + origin.pathname.replace(/\/+$/, ""), key);
}

export const seg = (s: string) => encodeURIComponent(s);
export const registryPath = (project: string, name: string) =>
  `/api/v1/registry/${seg(project)}/${name.split("/").map(seg).join("/")}`;
export const promptsPath = (project: string) => `/api/v1/projects/${seg(project)}/prompts`;
