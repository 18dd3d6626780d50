// Prompt use cases: create, list, read, update with optimistic concurrency, versions, diff, restore,
// duplicate, export and all-or-nothing import. Transactions begin and end here; SQL lives in the
// repository. Other features (templates' "save as prompt") create prompts through this service.
// Every use case acts in one project (a ProjectAccess) and first asks permissions.ts whether the
// caller's role, and an API key's scopes, allow it; a prompt of another project is 404.
import { newId } from "../../db/ids.js";
import { nameFromTitle, uniqueName } from "../../db/migrations/0007-registry.js";
import type { Db } from "../../db/repository.js";
import { AppError, ConflictError, NotFoundError, ValidationError } from "../../http/errors.js";
import { decodeCursor, pageOf } from "../../http/pagination.js";
import { iso } from "../../lib/time.js";
import {
  recordVersionScores,
  scoreVersionText,
  storedVersionScores,
  type VersionScore,
} from "../analysis/version-scores.js";
import { contentHash } from "../audit/audit-chain.js";
import type { AuditRecorder } from "../audit/audit-service.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { diffLines } from "./diff.js";
import {
  createPromptsRepository,
  type PromptChanges,
  type PromptFilter,
  type PromptPageRequest,
  type PromptRow,
  type PromptsQueries,
  type PromptVersionRow,
  sortValueOf,
} from "./prompts-repository.js";
import {
  CATEGORIES,
  type Category,
  charCount,
  type ExportDocument,
  type ImportBody,
  LIMITS,
  normalizeTags,
  type Prompt,
  type PromptDiff,
  type PromptList,
  type PromptListQuery,
  type PromptVersion,
  type ScoredPromptVersion,
  TARGET_LLMS,
  type TargetLlm,
} from "./prompts-schemas.js";

export class PreconditionRequiredError extends AppError {
  constructor() {
    super(
      428,
      "precondition_required",
      'State the version you edited: send If-Match: "<version>" or base_version in the body',
      [{ field: "base_version", message: "is required (or the If-Match header)" }],
    );
  }
}

export interface PromptsServiceDeps {
  db: Db;
  clock: () => number;
  /** Creations, edits, restores and deletions are recorded in the project's audit log. */
  audit: AuditRecorder;
}

export interface NewPrompt {
  title: string;
  content: string;
  category?: string;
  tags?: string[];
  target_llm?: string;
  change_note?: string | null;
}

export interface PromptUpdate {
  title?: string;
  content?: string;
  category?: string;
  tags?: string[];
  target_llm?: string;
  change_note?: string | null;
}

export type PromptsService = ReturnType<typeof createPromptsService>;

function toPrompt(row: PromptRow): Prompt {
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    category: row.category as Category,
    tags: JSON.parse(row.tags) as string[],
    target_llm: row.target_llm as TargetLlm,
    version: row.current_version,
    score: row.score === null ? null : Number(row.score),
    score_engine_version: row.score_engine_version,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function toVersion(row: PromptVersionRow): PromptVersion {
  return {
    version: row.version,
    content: row.content,
    change_note: row.change_note,
    created_at: row.created_at,
  };
}

interface Issue {
  field: string;
  message: string;
}

function fail(issues: Issue[]): never {
  throw new ValidationError(
    `Invalid prompt: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`,
    issues,
  );
}

/**
 * The service checks every rule itself, not only the HTTP schema, because prompts also arrive from
 * other features (a rendered template saved as a prompt can be longer than its template) and imports.
 */
function checkFields(p: PromptUpdate, prefix = ""): Issue[] {
  const issues: Issue[] = [];
  const f = (name: string) => `${prefix}${name}`;
  if (p.title !== undefined && (charCount(p.title) < 1 || charCount(p.title) > LIMITS.title))
    issues.push({ field: f("title"), message: `must be 1–${LIMITS.title} characters` });
  if (p.content !== undefined) {
    const n = charCount(p.content);
    if (n < 1 || n > LIMITS.content)
      issues.push({ field: f("content"), message: `must be 1–${LIMITS.content} characters (got ${n})` });
  }
  if (p.category !== undefined && !(CATEGORIES as readonly string[]).includes(p.category))
    issues.push({ field: f("category"), message: `must be one of: ${CATEGORIES.join(", ")}` });
  if (p.target_llm !== undefined && !(TARGET_LLMS as readonly string[]).includes(p.target_llm))
    issues.push({ field: f("target_llm"), message: `must be one of: ${TARGET_LLMS.join(", ")}` });
  if (p.change_note != null && charCount(p.change_note) > LIMITS.changeNote)
    issues.push({ field: f("change_note"), message: `must be at most ${LIMITS.changeNote} characters` });
  return issues;
}

function tagsOrFail(tags: string[], field: string): string[] {
  return normalizeTags(tags, field);
}

function noteOf(note: string | null | undefined): string | null {
  return note ? note : null;
}

/** The registry fields of a plain text version with nothing declared (what every version was before). */
function textVersion(createdBy: string) {
  return { type: "text" as const, messages: null, variables: "[]", config: "{}", created_by: createdBy };
}

export function createPromptsService(deps: PromptsServiceDeps) {
  const { clock, audit } = deps;
  const repo = createPromptsRepository(deps.db);

  /** The audit entry of a prompt change: version numbers and content hashes, never the text. */
  function recordPrompt(
    access: ProjectAccess,
    action: "prompt.create" | "prompt.update" | "prompt.restore" | "prompt.delete",
    id: string,
    summary: Record<string, string | number | boolean | null | string[] | undefined>,
    trx: Db,
  ) {
    return audit.record(
      { projectId: access.projectId, action, target: { type: "prompt", id }, summary },
      access.origin,
      trx,
    );
  }

  /** Runs fn in the caller's transaction when given, else in a new one. */
  function inTransaction<T>(trx: Db | undefined, fn: (tx: PromptsQueries, trx: Db) => Promise<T>) {
    return trx ? fn(createPromptsRepository(trx), trx) : repo.transaction(fn);
  }

  async function requirePrompt(
    queries: Pick<PromptsQueries, "findPrompt">,
    projectId: string,
    id: string,
  ): Promise<PromptRow> {
    const row = await queries.findPrompt(projectId, id);
    if (!row) throw new NotFoundError("Prompt");
    return row;
  }

  function versionConflict(row: PromptRow, base: number): ConflictError {
    return new ConflictError(
      `Prompt was changed since version ${base}; it is now at version ${row.current_version}`,
      { current_version: row.current_version, prompt: toPrompt(row) },
      "version_conflict",
    );
  }

  /**
   * Version check and write in one transaction, guarded by a conditional update, so of two updates
   * made from the same base exactly one succeeds and the other gets 409.
   */
  async function applyUpdate(
    access: ProjectAccess,
    id: string,
    base: number | undefined,
    changes: PromptUpdate,
    opts: { forceNewVersion?: boolean; restoredFrom?: number } = {},
  ): Promise<Prompt> {
    const issues = checkFields(changes);
    if (issues.length) fail(issues);
    const tags = changes.tags === undefined ? undefined : tagsOrFail(changes.tags, "tags");
    // Scored before the transaction opens (CPU work); used only if the content makes a new version.
    // The target model only shapes the advice stored with the score, so a target read now is enough.
    let score: VersionScore | undefined;
    if (changes.content !== undefined) {
      const target =
        changes.target_llm ?? (await repo.findPrompt(access.projectId, id))?.target_llm ?? "generic";
      score = scoreVersionText(changes.content, target);
    }
    return repo.transaction(async (tx, trx) => {
      const row = await requirePrompt(tx, access.projectId, id);
      const from = base ?? row.current_version;
      if (row.current_version !== from) throw versionConflict(row, from);
      const contentChanged =
        opts.forceNewVersion === true || (changes.content !== undefined && changes.content !== row.content);
      const now = iso(clock());
      const next = contentChanged ? from + 1 : from;
      const set: PromptChanges = { updated_at: now, current_version: next };
      if (changes.title !== undefined) set.title = changes.title;
      if (changes.content !== undefined) set.content = changes.content;
      if (changes.category !== undefined) set.category = changes.category;
      if (changes.target_llm !== undefined) set.target_llm = changes.target_llm;
      if (tags !== undefined) set.tags = JSON.stringify(tags);
      // The stored score belongs to the current version: a new version brings its own.
      const newScore = contentChanged ? (score ?? scoreVersionText(row.content, row.target_llm)) : undefined;
      if (newScore) {
        set.score = newScore.overall;
        set.score_engine_version = newScore.engineVersion;
      }
      const written = await tx.updatePromptIfVersion(access.projectId, id, from, set);
      if (!written) {
        const current = await requirePrompt(tx, access.projectId, id);
        throw versionConflict(current, from);
      }
      if (contentChanged) {
        await tx.insertVersions([
          {
            id: newId(clock()),
            prompt_id: id,
            version: next,
            content: changes.content ?? row.content,
            change_note: noteOf(changes.change_note),
            created_at: now,
            ...textVersion(access.userId),
          },
        ]);
        if (newScore)
          await recordVersionScores(trx, clock, access.userId, [
            { promptId: id, version: next, score: newScore },
          ]);
      }
      if (tags !== undefined) await tx.replaceTags(id, tags);
      const fields = (["title", "content", "category", "target_llm", "tags"] as const).filter(
        (f) => changes[f] !== undefined,
      );
      await recordPrompt(
        access,
        opts.restoredFrom === undefined ? "prompt.update" : "prompt.restore",
        id,
        {
          from_version: from,
          version: next,
          fields: [...fields],
          content_hash: contentChanged ? contentHash(changes.content ?? row.content) : undefined,
          restored_from: opts.restoredFrom,
        },
        trx,
      );
      return toPrompt(await requirePrompt(tx, access.projectId, id));
    });
  }

  async function create(
    access: ProjectAccess,
    input: NewPrompt,
    opts: { trx?: Db; audit?: { duplicated_from?: string; template_id?: string } } = {},
  ): Promise<Prompt> {
    authorize(access, "prompts:write");
    const issues = checkFields(input);
    if (issues.length) fail(issues);
    const tags = tagsOrFail(input.tags ?? [], "tags");
    const now = iso(clock());
    const targetLlm = input.target_llm ?? "generic";
    const score = scoreVersionText(input.content, targetLlm);
    const row: PromptRow = {
      id: newId(clock()),
      user_id: access.userId,
      project_id: access.projectId,
      title: input.title,
      name: "",
      type: "text",
      promotion_gate: null,
      content: input.content,
      category: input.category ?? "other",
      tags: JSON.stringify(tags),
      target_llm: targetLlm,
      current_version: 1,
      score: score.overall,
      score_engine_version: score.engineVersion,
      created_at: now,
      updated_at: now,
    };
    await inTransaction(opts.trx, async (tx, trx) => {
      await tx.insertPromptNamed(row, nameFromTitle(row.title));
      await tx.insertVersions([
        {
          id: newId(clock()),
          prompt_id: row.id,
          version: 1,
          content: row.content,
          change_note: noteOf(input.change_note),
          created_at: now,
          ...textVersion(access.userId),
        },
      ]);
      await tx.replaceTags(row.id, tags, true);
      await recordVersionScores(trx, clock, access.userId, [{ promptId: row.id, version: 1, score }]);
      await recordPrompt(
        access,
        "prompt.create",
        row.id,
        { version: 1, content_hash: contentHash(row.content), title: row.title, ...opts.audit },
        trx,
      );
    });
    return toPrompt(row);
  }

  async function list(access: ProjectAccess, q: PromptListQuery): Promise<PromptList> {
    authorize(access, "prompts:read");
    if (q.cursor !== undefined && q.page !== undefined) {
      throw new ValidationError("Use either cursor or page, not both", [
        { field: "cursor", message: "cannot be combined with page" },
      ]);
    }
    const sortKey = `${q.sort}:${q.order}`;
    let after: PromptPageRequest["after"];
    if (q.cursor !== undefined) {
      after = decodeCursor(
        sortKey,
        q.cursor,
        // a score is 0–100; a larger number is a forged cursor (and out of range for PostgreSQL's real)
        (value) =>
          q.sort === "score"
            ? typeof value === "number" && Math.abs(value) <= 1000
            : typeof value !== "number",
      );
    }
    const filter: PromptFilter = {
      category: q.category,
      targetLlm: q.target_llm,
      tag: q.tag?.trim().toLowerCase(),
      q: q.q,
    };
    const [total, rows] = await Promise.all([
      repo.countPrompts(access.projectId, filter),
      repo.pagePrompts(access.projectId, {
        ...filter,
        sort: q.sort,
        order: q.order,
        limit: q.limit + 1,
        after,
        offset: q.page !== undefined ? (q.page - 1) * q.limit : undefined,
      }),
    ]);
    const { items, next_cursor } = pageOf(rows, q.limit, sortKey, (row) => sortValueOf(row, q.sort));
    const out: PromptList = { items: items.map(toPrompt), total, limit: q.limit, next_cursor };
    if (q.page !== undefined) out.page = q.page;
    return out;
  }

  async function get(access: ProjectAccess, id: string): Promise<Prompt> {
    authorize(access, "prompts:read");
    return toPrompt(await requirePrompt(repo, access.projectId, id));
  }

  async function update(access: ProjectAccess, id: string, changes: PromptUpdate, base: number | undefined) {
    authorize(access, "prompts:write");
    if (base === undefined) throw new PreconditionRequiredError();
    return applyUpdate(access, id, base, changes);
  }

  async function remove(access: ProjectAccess, id: string): Promise<void> {
    authorize(access, "prompts:write");
    // Versions and tags go with it (ON DELETE CASCADE).
    await repo.transaction(async (tx, trx) => {
      const row = await requirePrompt(tx, access.projectId, id);
      if (!(await tx.deletePrompt(access.projectId, id))) throw new NotFoundError("Prompt");
      await recordPrompt(
        access,
        "prompt.delete",
        id,
        { version: row.current_version, content_hash: contentHash(row.content), title: row.title },
        trx,
      );
    });
  }

  /** Versions with the stored score of each (its latest analysis) and the engine version behind it. */
  async function scored(id: string, rows: PromptVersionRow[]): Promise<ScoredPromptVersion[]> {
    const scores = await storedVersionScores(deps.db, id);
    return rows.map((row) => {
      const s = scores.get(row.version);
      return { ...toVersion(row), score: s?.score ?? null, score_engine_version: s?.engineVersion ?? null };
    });
  }

  async function listVersions(access: ProjectAccess, id: string): Promise<ScoredPromptVersion[]> {
    authorize(access, "prompts:read");
    await requirePrompt(repo, access.projectId, id);
    return scored(id, await repo.listVersions(id));
  }

  async function getVersion(access: ProjectAccess, id: string, n: number): Promise<ScoredPromptVersion> {
    authorize(access, "prompts:read");
    await requirePrompt(repo, access.projectId, id);
    const v = await repo.findVersion(id, n);
    if (!v) throw new NotFoundError(`Version ${n}`);
    return (await scored(id, [v]))[0] as ScoredPromptVersion;
  }

  async function diff(access: ProjectAccess, id: string, fromQ?: number, toQ?: number): Promise<PromptDiff> {
    authorize(access, "prompts:read");
    const row = await requirePrompt(repo, access.projectId, id);
    const to = toQ ?? row.current_version;
    const from = fromQ ?? Math.max(1, to - 1);
    const [a, b] = await Promise.all([repo.findVersion(id, from), repo.findVersion(id, to)]);
    if (!a) throw new NotFoundError(`Version ${from}`);
    if (!b) throw new NotFoundError(`Version ${to}`);
    const d = diffLines(a.content, b.content);
    return { from, to, added: d.added, removed: d.removed, lines: d.lines };
  }

  async function restore(
    access: ProjectAccess,
    id: string,
    n: number,
    base: number | undefined,
  ): Promise<Prompt> {
    authorize(access, "prompts:write");
    const row = await requirePrompt(repo, access.projectId, id);
    const v = await repo.findVersion(id, n);
    if (!v) throw new NotFoundError(`Version ${n}`);
    // Without an explicit base the restore applies to the version just read; a concurrent edit in
    // between still turns it into a 409 rather than silently overwriting that edit.
    return applyUpdate(
      access,
      id,
      base ?? row.current_version,
      { content: v.content, change_note: `Restored version ${n}` },
      { forceNewVersion: true, restoredFrom: n },
    );
  }

  async function duplicate(access: ProjectAccess, id: string): Promise<Prompt> {
    authorize(access, "prompts:write");
    const row = await requirePrompt(repo, access.projectId, id);
    const suffix = " (copy)";
    return create(
      access,
      {
        title: `${[...row.title].slice(0, LIMITS.title - suffix.length).join("")}${suffix}`,
        content: row.content,
        category: row.category,
        tags: JSON.parse(row.tags) as string[],
        target_llm: row.target_llm,
      },
      { audit: { duplicated_from: row.id } },
    );
  }

  async function exportAll(access: ProjectAccess): Promise<ExportDocument> {
    authorize(access, "prompts:read");
    // Read both in one transaction so versions match their prompts even while edits happen.
    const [rows, versions] = await repo.transaction((tx) =>
      Promise.all([tx.listProjectPrompts(access.projectId), tx.listProjectVersions(access.projectId)]),
    );
    const byPrompt = new Map<string, PromptVersion[]>();
    for (const v of versions) {
      const list = byPrompt.get(v.prompt_id) ?? [];
      list.push(toVersion(v));
      byPrompt.set(v.prompt_id, list);
    }
    return {
      format: "promptforge-export",
      version: 1,
      exported_at: iso(clock()),
      prompts: rows.map((r) => ({ ...toPrompt(r), versions: byPrompt.get(r.id) ?? [] })),
    };
  }

  /** Checks the whole document before anything is written; every issue names prompts.<index>.<field>. */
  function planImport(access: ProjectAccess, doc: ImportBody) {
    const issues: Issue[] = [];
    const now = iso(clock());
    const stamp = (s: string | undefined) => (s === undefined ? now : new Date(s).toISOString());
    const plans: { prompt: PromptRow; versions: PromptVersionRow[]; tags: string[] }[] = [];
    if (doc.prompts.length > LIMITS.importPrompts)
      issues.push({ field: "prompts", message: `must have at most ${LIMITS.importPrompts} prompts` });
    doc.prompts.forEach((p, i) => {
      const at = `prompts.${i}.`;
      const own = checkFields(p, at);
      let tags: string[] = [];
      try {
        tags = normalizeTags(p.tags ?? [], `${at}tags`);
      } catch (e) {
        if (e instanceof ValidationError) own.push(...(e.details as Issue[]));
        else throw e;
      }
      const given = [...(p.versions ?? [])].sort((a, b) => a.version - b.version);
      if (given.length > LIMITS.importVersions)
        own.push({ field: `${at}versions`, message: `must have at most ${LIMITS.importVersions} versions` });
      given.forEach((v, j) => {
        if (j > 0 && given[j - 1]?.version === v.version)
          own.push({ field: `${at}versions`, message: `has version ${v.version} more than once` });
        own.push(...checkFields({ content: v.content, change_note: v.change_note }, `${at}versions.${j}.`));
      });
      const latest = given[given.length - 1];
      if (latest && latest.content !== p.content)
        own.push({
          field: `${at}content`,
          message: `must equal the content of the latest version (${latest.version})`,
        });
      if (latest && p.version !== undefined && p.version !== latest.version)
        own.push({
          field: `${at}version`,
          message: `must equal the latest version number (${latest.version})`,
        });
      issues.push(...own);
      if (own.length) return;
      const id = newId(clock());
      const versions: PromptVersionRow[] = (
        given.length
          ? given
          : [{ version: 1, content: p.content, change_note: "Imported", created_at: undefined }]
      ).map((v) => ({
        id: newId(clock()),
        prompt_id: id,
        version: v.version,
        content: v.content,
        change_note: noteOf(v.change_note),
        created_at: stamp(v.created_at ?? p.created_at),
        ...textVersion(access.userId),
      }));
      plans.push({
        tags,
        versions,
        prompt: {
          id,
          user_id: access.userId,
          project_id: access.projectId,
          title: p.title,
          name: "",
          type: "text",
          promotion_gate: null,
          content: p.content,
          category: p.category ?? "other",
          tags: JSON.stringify(tags),
          target_llm: p.target_llm ?? "generic",
          current_version: latest?.version ?? 1,
          score: null,
          score_engine_version: null,
          created_at: stamp(p.created_at),
          updated_at: stamp(p.updated_at ?? p.created_at),
        },
      });
    });
    if (issues.length) {
      const shown = issues.slice(0, 20);
      const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
      throw new ValidationError(
        `Invalid import: ${shown.map((x) => `${x.field} ${x.message}`).join("; ")}${more}; nothing was imported`,
        issues.slice(0, 100),
      );
    }
    return plans;
  }

  async function importAll(
    access: ProjectAccess,
    doc: ImportBody,
  ): Promise<{ imported: number; prompts: Prompt[] }> {
    authorize(access, "prompts:write");
    const plans = planImport(access, doc);
    // Each prompt's current version is scored (older imported versions keep their history unscored:
    // scoring every one could take seconds of CPU for a large archive).
    const scores = plans.map((plan) => {
      const score = scoreVersionText(plan.prompt.content, plan.prompt.target_llm);
      plan.prompt.score = score.overall;
      plan.prompt.score_engine_version = score.engineVersion;
      return { promptId: plan.prompt.id, version: plan.prompt.current_version, score };
    });
    // One transaction: a failure on any item leaves nothing behind.
    await repo.transaction(async (tx, trx) => {
      const taken = new Map<string, Set<string>>();
      for (const plan of plans) {
        const base = nameFromTitle(plan.prompt.title);
        const names = taken.get(base) ?? (await tx.namesLike(access.projectId, base));
        taken.set(base, names);
        plan.prompt.name = uniqueName(base, names);
        names.add(plan.prompt.name);
        await tx.insertPrompt(plan.prompt);
        await tx.insertVersions(plan.versions);
        await tx.replaceTags(plan.prompt.id, plan.tags, true);
        await recordPrompt(
          access,
          "prompt.create",
          plan.prompt.id,
          {
            version: plan.prompt.current_version,
            versions: plan.versions.length,
            content_hash: contentHash(plan.prompt.content),
            title: plan.prompt.title,
            imported: true,
          },
          trx,
        );
      }
      await recordVersionScores(trx, clock, access.userId, scores);
    });
    return { imported: plans.length, prompts: plans.map((p) => toPrompt(p.prompt)) };
  }

  return {
    create,
    list,
    get,
    update,
    remove,
    listVersions,
    getVersion,
    diff,
    restore,
    duplicate,
    exportAll,
    importAll,
  };
}
