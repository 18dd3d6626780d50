// The registry's read side, what applications call at run time: fetch a prompt by name and label (or
// version, or a split label with a bucket key) and compile it with variables. The fetch path is the
// hottest in the product: after authentication it runs one query (project + membership + prompt + its
// labels) when the body that query decides on was encoded before, two otherwise (then the version).
// Composition (`{{> name}}`, `{{> name@label}}`) is resolved only on compile and on `?resolve=true`, at
// two queries per included prompt.
import { createHash } from "node:crypto";
import {
  checkVariables,
  indentLines,
  parseTemplate,
  RENDER_LIMITS,
  render,
  renderMessages,
  standaloneLine,
  TemplateRenderError,
  TemplateSyntaxError,
  type VariableSpec,
} from "../../../packages/sdk/src/render.js";
import { type Db, type Maybe, thenMaybe } from "../../db/repository.js";
import type { AuthUser } from "../../http/auth-guard.js";
import { ForbiddenError, found, NotFoundError, ValidationError } from "../../http/errors.js";
import type { RequestOrigin } from "../../http/route-kit.js";
import { parseJsonOr } from "../../lib/json.js";
import { authorize, type ProjectAccess, type ProjectRole, type Scope } from "../projects/permissions.js";
import { DEFAULT_FETCH_LABEL, LATEST, pickFromSplit, targetOf, versionsOf } from "./label-targets.js";
import { createRegistryRepository, type FetchHead } from "./registry-repository.js";

/** Included prompts below the fetched one: deeper is a 422 naming the chain. */
export const MAX_COMPOSITION_DEPTH = 5;
const NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ChatMessage {
  role: string;
  content: string;
}

export interface ResolvedInclude {
  name: string;
  version: number;
  label?: string;
}

/** What a fetch returns (the response body; its hash is the ETag). */
export interface FetchedPrompt {
  name: string;
  type: "text" | "chat";
  version: number;
  /** Labels pointing at this version (a split label counts when the version is one of its entries). */
  labels: string[];
  content?: string;
  messages?: ChatMessage[];
  variables: VariableSpec[];
  config: Record<string, unknown>;
  resolved_from: ResolvedInclude[];
  served: { version: number; label?: string; bucket?: string };
}

export interface CompiledPrompt {
  name: string;
  type: "text" | "chat";
  version: number;
  content?: string;
  messages?: ChatMessage[];
  resolved_from: ResolvedInclude[];
  served: { version: number; label?: string; bucket?: string };
}

export interface FetchQuery {
  label?: string;
  version?: number;
  bucket?: string;
  resolve?: boolean;
}

export interface RegistryServiceDeps {
  db: Db;
}

export type RegistryService = ReturnType<typeof createRegistryService>;

/** The caller as the auth guard found it, with the request's origin. */
export interface RegistryCaller {
  user: AuthUser;
  origin?: RequestOrigin;
}

/** A loaded version of a prompt: what fetch returns and composition includes. */
interface Loaded {
  promptId: string;
  name: string;
  type: "text" | "chat";
  version: number;
  currentVersion: number;
  content: string;
  messages: ChatMessage[] | null;
  variables: VariableSpec[];
  config: Record<string, unknown>;
  labels: string[];
  served: { version: number; label?: string; bucket?: string };
}

/** What the first query of a fetch decides (see locate). */
interface Located {
  promptId: string;
  currentVersion: number;
  labels: string[];
  served: { version: number; label?: string; bucket?: string };
}

/** A fetch's answer as sent: the serialised body and its ETag. */
export interface EncodedFetch {
  etag: string;
  payload: string;
}

/** Most encoded fetch answers kept, and most characters of them in all (then the cache starts over). */
export const ENCODED_FETCH_CACHE = { entries: 1000, chars: 16 * 1024 * 1024 } as const;

/**
 * The encoded answers of fetches without `resolve`, by everything the body is made of. A version's row is
 * never changed once written (versions are only added, and deleted only with their prompt, whose id is
 * never reused), and everything else in the body — the labels pointing at the version, whether it is the
 * newest, the label and bucket served — is read by the fetch's first query on every request and is part
 * of the key. So an entry is never stale, on this instance or any other: a label moved elsewhere changes
 * the key of the next fetch, not the content of an entry. Full, it starts over (a miss costs a query).
 */
function encodedFetchCache(limits: { entries: number; chars: number } = ENCODED_FETCH_CACHE) {
  const entries = new Map<string, EncodedFetch>();
  let chars = 0;
  return {
    get: (key: string) => entries.get(key),
    set(key: string, value: EncodedFetch): void {
      const size = key.length + value.payload.length;
      if (size > limits.chars) return;
      if (entries.size >= limits.entries || chars + size > limits.chars) {
        entries.clear();
        chars = 0;
      }
      entries.set(key, value);
      chars += size;
    },
  };
}

/** The cache key of a fetch's body: the prompt's version, and each input of the body the head query read. */
function encodedKey(located: Located, name: string): string {
  const { served } = located;
  // Names and labels hold no newline or comma (their patterns); a bucket is any text, so it comes last,
  // and a present label or bucket is marked so that none differs from absent.
  const label = served.label === undefined ? "-" : `=${served.label}`;
  const bucket = served.bucket === undefined ? "-" : `=${served.bucket}`;
  return `${located.promptId}\n${served.version}\n${name}\n${located.labels.join(",")}\n${label}\n${bucket}`;
}

/** A strong ETag: the hash of the response body. */
export function etagOf(body: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 32)}"`;
}

/** If-None-Match against a strong ETag, compared weakly as RFC 9110 says for GET. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // A client revalidating sends back the one ETag it was given: no list to split.
  if (header === etag) return true;
  if (header.trim() === "*") return true;
  return header
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .includes(etag);
}

/** The access a registry caller has in the project the first query found (accessFor's rules, no query). */
function accessOf(caller: RegistryCaller, head: FetchHead | undefined): ProjectAccess {
  const key = caller.user.apiKey;
  if (!head) throw new NotFoundError("Project");
  if (key) {
    const allowed = key.projectId
      ? head.project_id === key.projectId
      : Number(head.personal) === 1 && head.created_by === caller.user.id;
    if (!allowed) throw new NotFoundError("Project");
  }
  if (head.member_role === null) {
    if (key?.projectId)
      throw new ForbiddenError("This API key's creator is no longer a member of its project");
    throw new NotFoundError("Project");
  }
  return {
    projectId: head.project_id,
    userId: caller.user.id,
    role: head.member_role as ProjectRole,
    scopes: key?.projectId ? ((key.scopes as Scope[] | null) ?? []) : null,
    ...(caller.origin ? { origin: caller.origin } : {}),
  };
}

/** Most partial tags a composition walk follows, counted over every path (each include is loaded once). */
const MAX_INCLUDE_VISITS = 500;

function inlinedTooLong(): ValidationError {
  const message = `The prompt with its includes resolved would be longer than ${RENDER_LIMITS.maxOutput} characters`;
  return new ValidationError(message, [{ field: "content", message, kind: "too_long" }]);
}

function compositionError(message: string, chain: string[]): ValidationError {
  return new ValidationError(`${message}: ${chain.join(" → ")}`, [{ field: "content", message, chain }]);
}

export function createRegistryService(deps: RegistryServiceDeps) {
  const repo = createRegistryRepository(deps.db);
  const encoded = encodedFetchCache();

  /** Which version a fetch serves, from the head row and the query. */
  function chooseVersion(head: FetchHead, name: string, q: FetchQuery): { version: number; label?: string } {
    if (q.version !== undefined) return { version: q.version };
    const label = q.label ?? DEFAULT_FETCH_LABEL;
    if (label === LATEST) return { version: Number(head.current_version), label };
    const row = head.labels.find((l) => l.label === label);
    const target = row ? targetOf(row) : null;
    if (target === null) throw new NotFoundError(`Label ${label} of prompt ${name}`);
    const version =
      "version" in target ? target.version : pickFromSplit(target.split, head.prompt_id as string, q.bucket);
    return { version, label };
  }

  /**
   * The first query of a fetch, and what it decides: the prompt, the version served, the labels pointing
   * at that version (sorted, `latest` among them when it is the newest) and the `served` object.
   */
  function locate(
    ref: { projectId?: string; slug?: string },
    userId: string,
    name: string,
    q: FetchQuery,
    check?: (head: FetchHead | undefined) => void,
  ): Maybe<Located> {
    if (q.label !== undefined && q.version !== undefined)
      throw new ValidationError("Give either label or version, not both", [
        { field: "version", message: "cannot be combined with label" },
      ]);
    if (name.length > 200 || !NAME.test(name)) throw new NotFoundError(`Prompt ${name}`);
    // Without a promise when the head row was read straight on SQLite: a fetch whose answer is kept
    // encoded then makes none at all (fetchEncoded).
    return thenMaybe(repo.fetchHead(ref, userId, name), (head) => locatedFrom(head, name, q, check));
  }

  /** What the head row decides, once the caller passed `check`. */
  function locatedFrom(
    head: FetchHead | undefined,
    name: string,
    q: FetchQuery,
    check?: (head: FetchHead | undefined) => void,
  ): Located {
    check?.(head);
    if (!head || head.prompt_id === null) throw new NotFoundError(`Prompt ${name}`);
    const chosen = chooseVersion(head, name, q);
    const labels: string[] = [];
    for (const l of head.labels) {
      const t = targetOf(l);
      if (t && versionsOf(t).includes(chosen.version)) labels.push(l.label);
    }
    const currentVersion = Number(head.current_version);
    if (chosen.version === currentVersion) labels.push(LATEST);
    labels.sort();
    return {
      promptId: head.prompt_id,
      currentVersion,
      labels,
      served: {
        version: chosen.version,
        ...(chosen.label !== undefined ? { label: chosen.label } : {}),
        ...(q.bucket !== undefined && q.version === undefined ? { bucket: q.bucket } : {}),
      },
    };
  }

  /** The version `located` chose, read (the second query) and parsed. */
  async function loadLocated(located: Located, name: string): Promise<Loaded> {
    const version = located.served.version;
    const v = found(
      await repo.findVersion(located.promptId, version),
      `Version ${version} of prompt ${name}`,
    );
    const type = v.type === "chat" ? "chat" : "text";
    return {
      promptId: located.promptId,
      name,
      type,
      version,
      currentVersion: located.currentVersion,
      content: v.content,
      messages: type === "chat" ? parseJsonOr<ChatMessage[]>(v.messages, []) : null,
      variables: parseJsonOr<VariableSpec[]>(v.variables, []),
      config: parseJsonOr<Record<string, unknown>>(v.config, {}),
      labels: located.labels,
      served: located.served,
    };
  }

  /**
   * The two queries of a fetch: head (project, membership, prompt, its labels) as locate reads it, then
   * the version.
   */
  async function load(...fetch: Parameters<typeof locate>): Promise<Loaded> {
    const [, , name] = fetch;
    return loadLocated(await locate(...fetch), name);
  }

  /**
   * Every prompt `root` includes, depth first: loaded once per reference ("name" or "name@label"; a bare
   * name takes `label`, the label of the fetch). Cycles and depth over MAX_COMPOSITION_DEPTH are 422s.
   */
  async function resolveIncludes(
    projectId: string,
    userId: string,
    root: Loaded,
    label: string,
    bucket: string | undefined,
  ): Promise<Map<string, Loaded & { label: string }>> {
    const found = new Map<string, Loaded & { label: string }>();
    // The deepest chain length at which each reference's includes were all checked: a diamond of
    // includes is walked once per depth, not once per path (which grows exponentially with depth).
    const checkedAt = new Map<string, number>();
    let visits = 0;
    const visit = async (sources: string[], chain: string[]) => {
      for (const src of sources) {
        const parsed = parseTemplate(src);
        if (parsed.errors.length)
          throw new TemplateSyntaxError(parsed.errors, chain.length > 1 ? chain.at(-1) : undefined);
        for (const p of parsed.partials) {
          const ref = p.label === undefined ? p.name : `${p.name}@${p.label}`;
          const next = [...chain, ref];
          if (chain.some((c) => c.split("@")[0] === p.name))
            throw compositionError("Composition cycle", next);
          if (next.length - 1 > MAX_COMPOSITION_DEPTH)
            throw compositionError(`Composition deeper than ${MAX_COMPOSITION_DEPTH} levels`, next);
          if (++visits > MAX_INCLUDE_VISITS)
            throw compositionError(`Composition includes more than ${MAX_INCLUDE_VISITS} prompts`, next);
          if (found.has(ref)) {
            // Loaded through another path: its own includes still count against this chain, unless they
            // were already checked at this depth or deeper (no cycle below it, and no deeper chain).
            if ((checkedAt.get(ref) ?? -1) >= next.length) continue;
            const seen = found.get(ref) as Loaded;
            await visit([seen.content], next);
            checkedAt.set(ref, Math.max(checkedAt.get(ref) ?? -1, next.length));
            continue;
          }
          const l = p.label ?? label;
          let inc: Loaded;
          try {
            inc = await load({ projectId }, userId, p.name, { label: l, bucket });
          } catch (e) {
            if (e instanceof NotFoundError)
              throw compositionError(`Included prompt ${p.name} has no version labelled ${l}`, next);
            throw e;
          }
          found.set(ref, { ...inc, label: l });
          await visit([inc.content], next);
          checkedAt.set(ref, Math.max(checkedAt.get(ref) ?? -1, next.length));
        }
      }
    };
    await visit(sourcesOf(root), [root.name]);
    return found;
  }

  function resolvedFrom(includes: Map<string, Loaded & { label: string }>): ResolvedInclude[] {
    return [...includes.values()].map((i) => ({ name: i.name, version: i.version, label: i.label }));
  }

  /**
   * `src` with each partial tag replaced by the included prompt's content, recursively (variables left
   * as they are). A tag alone on its line follows the renderer's standalone rule — the line, newline
   * included, becomes the content with the line's indentation on each line — so compiling the inlined
   * text renders exactly what compiling the original does.
   */
  function inline(
    src: string,
    includes: Map<string, Loaded & { label: string }>,
    depth = 0,
    memo = new Map<string, string>(),
  ): string {
    const tags = parseTemplate(src).tags.filter((t) => t.kind === "partial");
    if (tags.length === 0 || depth > MAX_COMPOSITION_DEPTH) return src;
    let out = "";
    let at = 0;
    for (const t of tags) {
      const inc = includes.get(t.name);
      if (!inc) continue;
      const line = standaloneLine(src, t.start, t.end);
      // Each include is inlined once however often it appears; the result is held to the renderer's
      // output limit, so a few small prompts including each other many times cannot build a huge body.
      let body = memo.get(t.name);
      if (body === undefined) {
        body = inline(inc.content, includes, depth + 1, memo);
        memo.set(t.name, body);
      }
      if (line) out += src.slice(at, line.lineStart) + indentLines(body, src.slice(line.lineStart, t.start));
      else out += src.slice(at, t.start) + body;
      at = line ? line.next : t.end;
      if (out.length > RENDER_LIMITS.maxOutput) throw inlinedTooLong();
    }
    out += src.slice(at);
    if (out.length > RENDER_LIMITS.maxOutput) throw inlinedTooLong();
    return out;
  }

  function refOf(project: string): { projectId?: string; slug?: string } {
    return UUID.test(project) ? { projectId: project } : { slug: project };
  }

  /** The check of a fetch's caller against the head row; the access it found, once it ran. */
  function callerCheck(caller: RegistryCaller) {
    const found: { access?: ProjectAccess } = {};
    const check = (head: FetchHead | undefined) => {
      found.access = accessOf(caller, head);
      authorize(found.access, "registry:read");
    };
    return { found, check };
  }

  function bodyOf(loaded: Loaded): FetchedPrompt {
    return {
      name: loaded.name,
      type: loaded.type,
      version: loaded.version,
      labels: loaded.labels,
      ...(loaded.type === "chat" ? { messages: loaded.messages ?? [] } : { content: loaded.content }),
      variables: loaded.variables,
      config: loaded.config,
      resolved_from: [],
      served: loaded.served,
    };
  }

  /** GET /api/v1/registry/:project/:name — the body to send (its hash is the ETag). */
  async function fetch(
    caller: RegistryCaller,
    project: string,
    name: string,
    q: FetchQuery,
  ): Promise<FetchedPrompt> {
    const { found, check } = callerCheck(caller);
    const loaded = await load(refOf(project), caller.user.id, name, q, check);
    const body = bodyOf(loaded);
    const access = found.access;
    if (q.resolve && access) {
      const includes = await resolveIncludes(
        access.projectId,
        caller.user.id,
        loaded,
        includeLabel(q),
        q.bucket,
      ).catch((e: unknown) => {
        throw templateErrorAs422(e);
      });
      body.resolved_from = resolvedFrom(includes);
      // What compile checks, so a client compiling the inlined text locally checks the same variables.
      if (includes.size) body.variables = specsOf(loaded, includes);
      if (loaded.type === "chat")
        body.messages = (loaded.messages ?? []).map((m) => ({ ...m, content: inline(m.content, includes) }));
      else body.content = inline(loaded.content, includes);
    }
    return body;
  }

  /**
   * The fetch as sent: `encode` serialises the body (the route's response serialiser), the ETag is
   * etagOf(body). Without `resolve`, a body already encoded is answered from the first query alone, with
   * no second query, no body built, hashed or serialised (see encodedFetchCache for why it is never stale).
   */
  /**
   * The encoded answer of a fetch: the kept one itself (no promise) when the head row was read at once
   * and the answer is kept; else its promise. Errors before the first query are thrown, not rejected.
   */
  function fetchEncoded(
    caller: RegistryCaller,
    project: string,
    name: string,
    q: FetchQuery,
    encode: (body: FetchedPrompt) => string,
  ): Maybe<EncodedFetch> {
    if (q.resolve)
      return fetch(caller, project, name, q).then((body) => ({ etag: etagOf(body), payload: encode(body) }));
    const located = locate(refOf(project), caller.user.id, name, q, callerCheck(caller).check);
    return thenMaybe(located, (found) => {
      const key = encodedKey(found, name);
      const hit = encoded.get(key);
      if (hit) return hit;
      return loadLocated(found, name).then((loaded) => {
        const body = bodyOf(loaded);
        const entry = { etag: etagOf(body), payload: encode(body) };
        encoded.set(key, entry);
        return entry;
      });
    });
  }

  /** Includes without a label take the fetch's label; a fetch by version makes them take production. */
  function includeLabel(q: FetchQuery): string {
    return q.version !== undefined ? DEFAULT_FETCH_LABEL : (q.label ?? DEFAULT_FETCH_LABEL);
  }

  /** POST /api/v1/registry/:project/:name/compile — rendered text or messages; 422 naming each bad variable. */
  async function compile(
    caller: RegistryCaller,
    project: string,
    name: string,
    q: FetchQuery & { variables: Record<string, unknown> },
  ): Promise<CompiledPrompt> {
    const { found, check } = callerCheck(caller);
    const loaded = await load(refOf(project), caller.user.id, name, q, check);
    const projectId = (found.access as ProjectAccess).projectId;
    try {
      const includes = await resolveIncludes(projectId, caller.user.id, loaded, includeLabel(q), q.bucket);
      const specs = specsOf(loaded, includes);
      const { values, issues } = checkVariables(specs, q.variables);
      if (issues.length)
        throw new ValidationError(
          `Invalid variables: ${issues.map((i) => `${i.variable ?? "?"} ${i.message}`).join("; ")}`,
          issues.map((i) => ({
            field: `variables.${i.variable ?? ""}`,
            variable: i.variable,
            message: i.message,
          })),
        );
      const partials: Record<string, string> = {};
      for (const [ref, inc] of includes) partials[ref] = inc.content;
      const out: CompiledPrompt = {
        name: loaded.name,
        type: loaded.type,
        version: loaded.version,
        resolved_from: resolvedFrom(includes),
        served: loaded.served,
      };
      if (loaded.type === "chat") out.messages = renderMessages(loaded.messages ?? [], values, { partials });
      else out.content = render(loaded.content, values, { partials });
      return out;
    } catch (e) {
      throw templateErrorAs422(e);
    }
  }

  return { fetch, fetchEncoded, compile };
}

/** Malformed content or a render limit, as the 422 naming where; anything else unchanged. */
function templateErrorAs422(e: unknown): unknown {
  if (e instanceof TemplateSyntaxError)
    return new ValidationError(e.message, [
      { field: "content", message: e.message, line: e.line, column: e.column, partial: e.partial },
    ]);
  if (e instanceof TemplateRenderError)
    return new ValidationError(e.message, [{ field: "content", message: e.message, kind: e.kind }]);
  return e;
}

/**
 * The variables a compile checks: the fetched version's declared ones, then those its includes declare
 * (the outer declaration wins). A version that declares none (every version stored before typed
 * variables) requires each variable its template reads, with any JSON value.
 */
function specsOf(root: Loaded, includes: Map<string, Loaded>): VariableSpec[] {
  const specs = new Map<string, VariableSpec>();
  for (const l of [root, ...includes.values()]) {
    const own = l.variables.length
      ? l.variables
      : sourcesOf(l).flatMap((src) => {
          const parsed = parseTemplate(src);
          return [
            ...parsed.variables.map((name): VariableSpec => ({ name, type: "json", required: true })),
            // Names inside sections may be read from the section's item: allowed, not required.
            ...parsed.nestedNames.map((name): VariableSpec => ({ name, type: "json", required: false })),
          ];
        });
    for (const s of own) if (!specs.has(s.name)) specs.set(s.name, s);
  }
  return [...specs.values()];
}

function sourcesOf(l: Loaded): string[] {
  return l.type === "chat" && l.messages ? l.messages.map((m) => m.content) : [l.content];
}
