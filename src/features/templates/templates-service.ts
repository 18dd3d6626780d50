// Template use cases: create, list, read, replace, delete, use (render, count, optionally save as a
// prompt) and clone, inside a project (which owns its templates). Visibility rules: a private template of
// another project does not exist for the caller
// (404); a public one can be read, used and cloned, but changing or deleting it is 403.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../http/errors.js";
import { decodeCursor, pageOf } from "../../http/pagination.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { contentHash } from "../audit/audit-chain.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { boundedTotal, listTotalBound, normalizeTags } from "../prompts/prompts-schemas.js";
import type { PromptsService } from "../prompts/prompts-service.js";
import { parsePlaceholders, renderTemplate, resolveValues, type TemplateVariable } from "./render.js";
import {
  createTemplatesRepository,
  type TemplateFilter,
  type TemplateRow,
  type TemplateWithOwner,
} from "./templates-repository.js";
import {
  TEMPLATE_LIMITS,
  type Template,
  type TemplateBody,
  type TemplateList,
  type TemplateListQuery,
  type TemplateUseBody,
  type TemplateUseResult,
} from "./templates-schemas.js";

export interface TemplatesServiceDeps {
  db: Db;
  clock: () => number;
  metrics: Pick<Metrics, "templatesCreatedTotal" | "templatesUsedTotal">;
  prompts: Pick<PromptsService, "create">;
  /** Creations, replacements and deletions are recorded in the project's audit log. */
  audit: AuditRecorder;
}

/** Who acts, in which project (the project owns the templates it makes), and their username. */
export type Caller = ProjectAccess & { username: string };

interface Issue {
  field: string;
  message: string;
}

const SORT_KEY = "created:desc";

/** A template's stored fields, checked and normalised. */
interface TemplateFields {
  name: string;
  description: string;
  content: string;
  /** JSON of TemplateVariable[]. */
  variables: string;
  category: string;
  tags: string[];
  visibility: "private" | "public";
}

/** `projectId`: the caller's project; its templates are the caller's own (is_owner). */
function toTemplate(row: TemplateWithOwner, projectId: string): Template {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? "",
    content: row.content,
    variables: JSON.parse(row.variables) as TemplateVariable[],
    category: row.category as Template["category"],
    tags: JSON.parse(row.tags) as string[],
    visibility: row.visibility,
    use_count: Number(row.use_count),
    owner: { id: row.user_id, username: row.owner_username },
    is_owner: row.project_id === projectId,
    cloned_from: row.cloned_from,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/**
 * Checks a template as a whole: well-formed placeholders, unique variable names, and every placeholder
 * declared and every declared variable used. All problems are reported at once, each named.
 */
export function checkTemplate(content: string, variables: readonly TemplateVariable[]): void {
  const issues: Issue[] = [];
  const parsed = parsePlaceholders(content);
  for (const e of parsed.errors) issues.push({ field: "content", message: e.message });
  const declared = new Map<string, number>();
  variables.forEach((v, i) => {
    if (declared.has(v.name)) {
      issues.push({ field: `variables.${i}.name`, message: `'${v.name}' is declared more than once` });
    } else declared.set(v.name, i);
  });
  const used = new Set(parsed.names);
  const undeclared = parsed.names.filter((n) => !declared.has(n));
  const unused = [...declared.keys()].filter((n) => !used.has(n));
  for (const n of undeclared) {
    issues.push({ field: "content", message: `placeholder {{${n}}} is used but not declared in variables` });
  }
  for (const n of unused) {
    issues.push({
      field: `variables.${declared.get(n)}.name`,
      message: `'${n}' is declared but not used in content`,
    });
  }
  if (issues.length) {
    const parts: string[] = [];
    if (parsed.errors.length) parts.push(`syntax: ${parsed.errors.map((e) => e.message).join("; ")}`);
    if (undeclared.length) parts.push(`undeclared placeholders: ${undeclared.join(", ")}`);
    if (unused.length) parts.push(`unused variables: ${unused.join(", ")}`);
    if (parts.length === 0) parts.push(issues.map((i) => `${i.field} ${i.message}`).join("; "));
    throw new ValidationError(`Invalid template: ${parts.join("; ")}`, issues);
  }
}

function normalizeVariables(vars: TemplateBody["variables"]): TemplateVariable[] {
  return vars.map((v) => {
    const out: TemplateVariable = {
      name: v.name,
      description: v.description ?? "",
      required: v.required ?? true,
    };
    if (v.default !== undefined) out.default = v.default;
    return out;
  });
}

export type TemplatesService = ReturnType<typeof createTemplatesService>;

export function createTemplatesService(deps: TemplatesServiceDeps) {
  const { clock, metrics, prompts, audit } = deps;
  const repo = createTemplatesRepository(deps.db);

  /** The audit entry of a template change: names and content hashes, never the text. */
  const recordTemplate = recorderFor(audit, "template");

  /** The template if the caller may see it (own, or public); otherwise 404 as if it did not exist. */
  async function visible(
    caller: Caller,
    id: string,
    action: "templates:read" | "templates:write" = "templates:read",
  ): Promise<TemplateWithOwner> {
    authorize(caller, action);
    const row = await repo.findTemplate(id);
    if (!row || (row.project_id !== caller.projectId && row.visibility !== "public"))
      throw new NotFoundError("Template");
    return row;
  }

  async function owned(caller: Caller, id: string): Promise<TemplateWithOwner> {
    const row = await visible(caller, id, "templates:write");
    if (row.project_id !== caller.projectId)
      throw new ForbiddenError("Only the owner may change or delete this template");
    return row;
  }

  function prepare(body: TemplateBody): TemplateFields {
    const variables = normalizeVariables(body.variables ?? []);
    checkTemplate(body.content, variables);
    return {
      name: body.name,
      description: body.description ?? "",
      content: body.content,
      variables: JSON.stringify(variables),
      category: body.category ?? "other",
      tags: normalizeTags(body.tags ?? []),
      visibility: body.visibility ?? "private",
    };
  }

  /** The stored columns of a template's fields, the same for a new template and a replaced one. */
  function columnsOf(fields: TemplateFields) {
    const { name, description, content, variables, category, visibility } = fields;
    return { name, description, content, variables, category, tags: JSON.stringify(fields.tags), visibility };
  }

  async function insert(caller: Caller, fields: TemplateFields, clonedFrom: string | null) {
    const now = iso(clock());
    const row: TemplateRow = {
      id: newId(clock()),
      user_id: caller.userId,
      project_id: caller.projectId,
      ...columnsOf(fields),
      use_count: 0,
      cloned_from: clonedFrom,
      created_at: now,
      updated_at: now,
    };
    await repo.transaction(async (tx, trx) => {
      await tx.insertTemplate(row);
      await tx.replaceTags(row.id, fields.tags, true);
      await recordTemplate(
        caller,
        "template.create",
        row.id,
        {
          name: row.name,
          content_hash: contentHash(row.content),
          visibility: row.visibility,
          cloned_from: clonedFrom ?? undefined,
        },
        trx,
      );
    });
    metrics.templatesCreatedTotal.inc();
    return toTemplate({ ...row, owner_username: caller.username }, caller.projectId);
  }

  async function create(caller: Caller, body: TemplateBody): Promise<Template> {
    authorize(caller, "templates:write");
    return insert(caller, prepare(body), null);
  }

  async function list(caller: Caller, q: TemplateListQuery): Promise<TemplateList> {
    authorize(caller, "templates:read");
    if (q.sort === "relevance" && q.q === undefined)
      throw new ValidationError("sort=relevance needs q", [{ field: "sort", message: "relevance needs q" }]);
    const sortKey = q.sort === "relevance" ? "relevance:desc" : SORT_KEY;
    const after =
      q.cursor === undefined
        ? undefined
        : decodeCursor(sortKey, q.cursor, (value) =>
            q.sort === "relevance"
              ? typeof value === "number" && Math.abs(value) <= 1000
              : typeof value === "string",
          );
    const filter: TemplateFilter = {
      scope: q.scope,
      category: q.category,
      tag: q.tag?.trim().toLowerCase(),
      q: q.q,
    };
    filter.search = await repo.searchFor(q.q);
    const bound = listTotalBound(filter);
    const [counted, rows] = await Promise.all([
      repo.countTemplates(caller.projectId, filter, bound),
      repo.pageTemplates(caller.projectId, filter, q.limit + 1, q.sort, after),
    ]);
    const { items, next_cursor } = pageOf(rows, q.limit, sortKey, (row) =>
      q.sort === "relevance" ? (row.relevance ?? 0) : row.created_at,
    );
    return {
      items: items.map((r) => toTemplate(r, caller.projectId)),
      ...boundedTotal(counted, bound),
      limit: q.limit,
      next_cursor,
    };
  }

  async function get(caller: Caller, id: string): Promise<Template> {
    return toTemplate(await visible(caller, id), caller.projectId);
  }

  /** Full replacement: optional fields left out take their defaults, as on create. */
  async function replace(caller: Caller, id: string, body: TemplateBody): Promise<Template> {
    const before = await owned(caller, id);
    const fields = prepare(body);
    await repo.transaction(async (tx, trx) => {
      const ok = await tx.updateTemplate(id, {
        ...columnsOf(fields),
        updated_at: iso(clock()),
      });
      if (!ok) throw new NotFoundError("Template");
      await tx.replaceTags(id, fields.tags);
      await recordTemplate(
        caller,
        "template.update",
        id,
        {
          name: fields.name,
          content_hash: contentHash(fields.content),
          previous_content_hash: contentHash(before.content),
          visibility: fields.visibility,
          previous_visibility: before.visibility,
        },
        trx,
      );
    });
    return toTemplate(await visible(caller, id, "templates:write"), caller.projectId);
  }

  async function remove(caller: Caller, id: string): Promise<void> {
    const row = await owned(caller, id);
    await repo.transaction(async (tx, trx) => {
      if (!(await tx.deleteTemplate(id))) throw new NotFoundError("Template");
      await recordTemplate(
        caller,
        "template.delete",
        id,
        { name: row.name, content_hash: contentHash(row.content), visibility: row.visibility },
        trx,
      );
    });
  }

  async function use(caller: Caller, id: string, body: TemplateUseBody): Promise<TemplateUseResult> {
    const row = await visible(caller, id);
    const variables = JSON.parse(row.variables) as TemplateVariable[];
    const given = body.variables ?? {};
    const { values, missing, unknown } = resolveValues(variables, given);
    const issues: Issue[] = [
      ...missing.map((n) => ({ field: `variables.${n}`, message: "is required" })),
      ...unknown.map((n) => ({ field: `variables.${n}`, message: "is not a variable of this template" })),
    ];
    if (issues.length) {
      const parts: string[] = [];
      if (missing.length) parts.push(`missing required variables: ${missing.join(", ")}`);
      if (unknown.length) parts.push(`unknown variables: ${unknown.join(", ")}`);
      throw new ValidationError(`Cannot use template: ${parts.join("; ")}`, issues);
    }
    let text: string;
    try {
      text = renderTemplate(row.content, values, { maxLength: TEMPLATE_LIMITS.rendered });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ValidationError(`Cannot render template: ${why}`, [{ field: "variables", message: why }]);
    }
    const save = body.save_as_prompt;
    // The use, its counter and the saved prompt commit together: a prompt that fails validation
    // (e.g. rendered text over the prompt length limit) leaves no use behind.
    const prompt = await repo.transaction(async (tx, trx) => {
      if (!(await tx.incrementUseCount(id))) throw new NotFoundError("Template");
      await tx.insertUse({
        id: newId(clock()),
        template_id: id,
        user_id: caller.userId,
        created_at: iso(clock()),
      });
      if (!save) return undefined;
      return prompts.create(
        caller,
        {
          title: save.title,
          content: text,
          category: save.category ?? row.category,
          tags: save.tags ?? [],
          target_llm: save.target_llm,
          change_note: `Created from template "${row.name}"`.slice(0, 500),
        },
        { trx, audit: { template_id: id } },
      );
    });
    metrics.templatesUsedTotal.inc();
    return prompt ? { text, prompt } : { text };
  }

  async function clone(caller: Caller, id: string): Promise<Template> {
    // Copying into the project is a write; the source only has to be visible.
    const src = await visible(caller, id, "templates:write");
    return insert(
      caller,
      {
        name: src.name,
        description: src.description ?? "",
        content: src.content,
        variables: src.variables,
        category: src.category,
        tags: JSON.parse(src.tags) as string[],
        visibility: "private",
      },
      src.id,
    );
  }

  return { create, list, get, replace, remove, use, clone };
}
