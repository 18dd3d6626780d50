// The registry's read side, what applications call at run time: fetch a prompt by name and label (or
// version, or a split label with a bucket key) and compile it with variables. The fetch path is the
// hottest in the product and runs two queries after authentication: project + membership + prompt +
// label in one, then the version with the prompt's labels. Composition (`{{> name}}`, `{{> name@label}}`)
// is resolved only on compile and on `?resolve=true`, at two queries per included prompt.
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
import type { Db } from "../../db/repository.js";
import type { AuthUser } from "../../http/auth-guard.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../http/errors.js";
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

  /** Which version a fetch serves, from the head row and the query. */
  function chooseVersion(head: FetchHead, name: string, q: FetchQuery): { version: number; label?: string } {
    if (q.version !== undefined) return { version: q.version };
    const label = q.label ?? DEFAULT_FETCH_LABEL;
    if (label === LATEST) return { version: Number(head.current_version), label };
    if (head.label_name === null) throw new NotFoundError(`Label ${label} of prompt ${name}`);
    const target = targetOf({ version: head.label_version, split: head.label_split });
    if (target === null) throw new NotFoundError(`Label ${label} of prompt ${name}`);
    const version =
      "version" in target ? target.version : pickFromSplit(target.split, head.prompt_id as string, q.bucket);
    return { version, label };
  }

  /** The two queries of a fetch: head (project, membership, prompt, label), then the version + labels. */
  async function load(
    ref: { projectId?: string; slug?: string },
    userId: string,
    name: string,
    q: FetchQuery,
    check?: (head: FetchHead | undefined) => void,
  ): Promise<Loaded> {
    if (q.label !== undefined && q.version !== undefined)
      throw new ValidationError("Give either label or version, not both", [
        { field: "version", message: "cannot be combined with label" },
      ]);
    if (name.length > 200 || !NAME.test(name)) throw new NotFoundError(`Prompt ${name}`);
    const label = q.version !== undefined ? null : (q.label ?? DEFAULT_FETCH_LABEL);
    const head = await repo.fetchHead(ref, userId, name, label === LATEST ? null : label);
    check?.(head);
    if (!head || head.prompt_id === null) throw new NotFoundError(`Prompt ${name}`);
    const chosen = chooseVersion(head, name, q);
    const rows = await repo.fetchVersionWithLabels(head.prompt_id, chosen.version);
    const v = rows[0];
    if (!v) throw new NotFoundError(`Version ${chosen.version} of prompt ${name}`);
    const labels = new Set<string>();
    for (const r of rows) {
      if (r.l_label === null) continue;
      const t = targetOf({ version: r.l_version, split: r.l_split });
      if (t && versionsOf(t).includes(chosen.version)) labels.add(r.l_label);
    }
    if (chosen.version === Number(head.current_version)) labels.add(LATEST);
    const type = v.type === "chat" ? "chat" : "text";
    return {
      promptId: head.prompt_id,
      name,
      type,
      version: chosen.version,
      currentVersion: Number(head.current_version),
      content: v.content,
      messages: type === "chat" ? parseJsonOr<ChatMessage[]>(v.messages, []) : null,
      variables: parseJsonOr<VariableSpec[]>(v.variables, []),
      config: parseJsonOr<Record<string, unknown>>(v.config, {}),
      labels: [...labels].sort(),
      served: {
        version: chosen.version,
        ...(chosen.label !== undefined ? { label: chosen.label } : {}),
        ...(q.bucket !== undefined && q.version === undefined ? { bucket: q.bucket } : {}),
      },
    };
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

  /** GET /api/v1/registry/:project/:name — the body to send (its hash is the ETag). */
  async function fetch(
    caller: RegistryCaller,
    project: string,
    name: string,
    q: FetchQuery,
  ): Promise<FetchedPrompt> {
    let access: ProjectAccess | undefined;
    const loaded = await load(refOf(project), caller.user.id, name, q, (head) => {
      access = accessOf(caller, head);
      authorize(access, "registry:read");
    });
    const body: FetchedPrompt = {
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
    let access: ProjectAccess | undefined;
    const loaded = await load(refOf(project), caller.user.id, name, q, (head) => {
      access = accessOf(caller, head);
      authorize(access, "registry:read");
    });
    const projectId = (access as ProjectAccess).projectId;
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

  return { fetch, compile };
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
