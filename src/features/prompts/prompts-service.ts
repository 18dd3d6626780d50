// Prompt use cases: create, list, read, update with optimistic concurrency, versions, diff, restore,
// duplicate, export and all-or-nothing import, and the registry shape of each version (name, folders,
// text or chat, typed variables, config — prompt-shape.ts and prompt-config.ts check them), which a new
// version carries forward from the previous one unless the edit gives it. Transactions begin and end here; SQL lives in the
// repository. Other features (templates' "save as prompt") create prompts through this service.
// Every use case acts in one project (a ProjectAccess) and first asks permissions.ts whether the
// caller's role, and an API key's scopes, allow it; a prompt of another project is 404.
import { newId } from "../../db/ids.js";
import { nameFromTitle, uniqueName } from "../../db/migrations/0007-registry.js";
import { type Db, type Maybe, thenMaybe } from "../../db/repository.js";
import { ConflictError, ForbiddenError, found, NotFoundError, ValidationError } from "../../http/errors.js";
import { decodeCursor, pageOf } from "../../http/pagination.js";
import { iso } from "../../lib/time.js";
import {
  recordVersionScores,
  type ScoredVersion,
  scoreVersionText,
  storedVersionScores,
  type VersionScore,
} from "../analysis/version-scores.js";
import { contentHash } from "../audit/audit-chain.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import { authorize, can, type ProjectAccess, viaApiKey } from "../projects/permissions.js";
import type { RegistryEventRecorder } from "../registry/registry-events.js";
import { diffLines } from "./diff.js";
import { canonicalJson, checkName, foldersOf } from "./prompt-shape.js";
import {
  checkFields,
  fail,
  isDuplicateKey,
  type NewPrompt,
  nameTaken,
  newPromptColumns,
  noteOf,
  PreconditionRequiredError,
  type PromptUpdate,
  planImport,
  resolveShape,
  shapeChanged,
  shapeColumns,
  shapeDelta,
  shapeOfRow,
  shapeOfVersion,
  tagsOrFail,
  toPrompt,
  toVersion,
  type VersionShape,
  withShape,
} from "./prompt-versions.js";
import {
  type CurrentPromptRow,
  createPromptsRepository,
  matchesCountedBy,
  type PromptChanges,
  type PromptFilter,
  type PromptPageRequest,
  type PromptRow,
  type PromptsQueries,
  type PromptVersionRow,
  pageCountsMatches,
  sortValueOf,
  WALK_SORT_INDEX_PAST,
} from "./prompts-repository.js";
import {
  boundedTotal,
  type ExportDocument,
  type FolderList,
  type ImportBody,
  LIMITS,
  listTotalBound,
  type Prompt,
  type PromptDiff,
  type PromptList,
  type PromptListQuery,
  type PromptVersion,
  type ScoredPromptVersion,
} from "./prompts-schemas.js";

export interface PromptsServiceDeps {
  db: Db;
  clock: () => number;
  /** Creations, edits, restores and deletions are recorded in the project's audit log. */
  audit: AuditRecorder;
  /** Where a new version is announced (the webhooks outbox), inside the version's transaction; absent: nobody listens. */
  events?: RegistryEventRecorder;
}

export type { NewPrompt, PromptUpdate, ShapeInput } from "./prompt-versions.js";

export type PromptsService = ReturnType<typeof createPromptsService>;

const requireFound = (row: CurrentPromptRow | undefined): CurrentPromptRow => found(row, "Prompt");

export function createPromptsService(deps: PromptsServiceDeps) {
  const { clock, audit, events } = deps;
  const repo = createPromptsRepository(deps.db);

  /** The audit entry of a prompt change: version numbers, names and content hashes, never the text. */
  const recordPrompt = recorderFor(audit, "prompt");

  /** Announces a new version to whoever listens (webhooks), in the transaction that creates it. */
  async function announceVersion(
    trx: Db,
    projectId: string,
    promptId: string,
    name: string,
    version: number,
  ) {
    await events?.record(trx, {
      projectId,
      type: "prompt.version.created",
      data: { prompt_id: promptId, name, version },
    });
  }

  /** Runs fn in the caller's transaction when given, else in a new one. */
  function inTransaction<T>(trx: Db | undefined, fn: (tx: PromptsQueries, trx: Db) => Promise<T>) {
    return trx ? fn(createPromptsRepository(trx), trx) : repo.transaction(fn);
  }

  /** The prompt's row; a value when the read ran straight on SQLite, else a promise (thenMaybe). */
  function requirePrompt(
    queries: Pick<PromptsQueries, "findPrompt">,
    projectId: string,
    id: string,
  ): Maybe<CurrentPromptRow> {
    return thenMaybe(queries.findPrompt(projectId, id), requireFound);
  }

  function versionConflict(row: CurrentPromptRow, base: number): ConflictError {
    return new ConflictError(
      `Prompt was changed since version ${base}; it is now at version ${row.current_version}`,
      { current_version: row.current_version, prompt: toPrompt(row) },
      "version_conflict",
    );
  }

  /** The shape an edit gives the version after `row`'s current one; 422 naming each bad field. */
  function shapeAfter(row: CurrentPromptRow, changes: PromptUpdate): VersionShape {
    const { shape, issues } = resolveShape(changes, shapeOfRow(row));
    if (!shape || issues.length) fail(issues);
    return shape;
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
    if (changes.name !== undefined) issues.push(...checkName(changes.name));
    if (issues.length) fail(issues);
    const tags = changes.tags === undefined ? undefined : tagsOrFail(changes.tags, "tags");
    // The new shape and its score are worked out before the transaction opens (scoring is CPU work)
    // from the version read now; if another edit lands in between, the version check below refuses
    // this one unless it was made from that newer version, and then both are worked out again.
    const before = await requirePrompt(repo, access.projectId, id);
    let planned = { row: before, shape: shapeAfter(before, changes) };
    const scoreOf = (shape: VersionShape, row: CurrentPromptRow): Promise<VersionScore> =>
      scoreVersionText(shape.content, changes.target_llm ?? row.target_llm);
    let score = shapeChanged(shapeOfRow(before), planned.shape)
      ? await scoreOf(planned.shape, before)
      : undefined;
    try {
      return await repo.transaction(async (tx, trx) => {
        const row = await requirePrompt(tx, access.projectId, id);
        const from = base ?? row.current_version;
        if (row.current_version !== from) throw versionConflict(row, from);
        if (row.current_version !== planned.row.current_version) {
          planned = { row, shape: shapeAfter(row, changes) };
          score = undefined;
        }
        const previous = shapeOfRow(row);
        const shape = planned.shape;
        const newVersion = opts.forceNewVersion === true || shapeChanged(previous, shape);
        const now = iso(clock());
        const next = newVersion ? from + 1 : from;
        const renamed = changes.name !== undefined && changes.name !== row.name;
        if (renamed) await guardProtectedLabels(access, tx, id, "renamed");
        if (renamed) {
          const holder = await tx.findIdByName(access.projectId, changes.name as string);
          if (holder !== undefined && holder !== id) throw nameTaken(changes.name as string);
        }
        const set: PromptChanges = { updated_at: now, current_version: next };
        if (changes.title !== undefined) set.title = changes.title;
        if (renamed) set.name = changes.name;
        if (newVersion) {
          set.content = shape.content;
          set.type = shape.type;
        }
        if (changes.category !== undefined) set.category = changes.category;
        if (changes.target_llm !== undefined) set.target_llm = changes.target_llm;
        if (tags !== undefined) set.tags = JSON.stringify(tags);
        // The stored score belongs to the current version: a new version brings its own.
        const newScore = newVersion ? (score ?? (await scoreOf(shape, row))) : undefined;
        if (newScore) {
          set.score = newScore.overall;
          set.score_engine_version = newScore.engineVersion;
        }
        const written = await tx.updatePromptIfVersion(access.projectId, id, from, set);
        if (!written) {
          const current = await requirePrompt(tx, access.projectId, id);
          throw versionConflict(current, from);
        }
        const name = renamed ? (changes.name as string) : row.name;
        if (newVersion) {
          await tx.insertVersions([
            {
              id: newId(clock()),
              prompt_id: id,
              version: next,
              content: shape.content,
              change_note: noteOf(changes.change_note),
              created_at: now,
              ...shapeColumns(shape),
              created_by: access.userId,
            },
          ]);
          if (newScore)
            await recordVersionScores(trx, clock, access.userId, [
              { promptId: id, version: next, score: newScore },
            ]);
          await announceVersion(trx, access.projectId, id, name, next);
        }
        if (tags !== undefined) await tx.replaceTags(id, tags);
        const fields = (
          [
            "title",
            "name",
            "content",
            "type",
            "messages",
            "variables",
            "config",
            "category",
            "target_llm",
            "tags",
          ] as const
        ).filter((f) => changes[f] !== undefined);
        await recordPrompt(
          access,
          opts.restoredFrom === undefined ? "prompt.update" : "prompt.restore",
          id,
          {
            from_version: from,
            version: next,
            fields: [...fields],
            content_hash: newVersion ? contentHash(shape.content) : undefined,
            restored_from: opts.restoredFrom,
            name: renamed ? name : undefined,
            previous_name: renamed ? row.name : undefined,
            ...(newVersion ? shapeDelta(previous, shape) : {}),
          },
          trx,
        );
        return toPrompt(await requirePrompt(tx, access.projectId, id));
      });
    } catch (e) {
      // Two renames to the same free name at once: the unique index decides, the loser gets 409.
      if (changes.name !== undefined && isDuplicateKey(e)) throw nameTaken(changes.name);
      throw e;
    }
  }

  async function create(
    access: ProjectAccess,
    input: NewPrompt,
    opts: { trx?: Db; audit?: { duplicated_from?: string; template_id?: string } } = {},
  ): Promise<Prompt> {
    authorize(access, "prompts:write");
    const issues = checkFields(input);
    if (input.name !== undefined) issues.push(...checkName(input.name));
    const resolved = resolveShape(input, null);
    issues.push(...resolved.issues);
    if (issues.length || !resolved.shape) fail(issues);
    const shape = resolved.shape;
    const tags = tagsOrFail(input.tags ?? [], "tags");
    const now = iso(clock());
    const targetLlm = input.target_llm ?? "generic";
    const score = await scoreVersionText(shape.content, targetLlm);
    const row: PromptRow = {
      ...newPromptColumns(access, newId(clock()), input, shape, tags),
      current_version: 1,
      score: score.overall,
      score_engine_version: score.engineVersion,
      created_at: now,
      updated_at: now,
    };
    try {
      await inTransaction(opts.trx, async (tx, trx) => {
        if (input.name === undefined) {
          await tx.insertPromptNamed(row, nameFromTitle(row.title));
        } else {
          if ((await tx.findIdByName(access.projectId, input.name)) !== undefined)
            throw nameTaken(input.name);
          await tx.insertPrompt(row);
        }
        await tx.insertVersions([
          {
            id: newId(clock()),
            prompt_id: row.id,
            version: 1,
            content: row.content,
            change_note: noteOf(input.change_note),
            created_at: now,
            ...shapeColumns(shape),
            created_by: access.userId,
          },
        ]);
        await tx.replaceTags(row.id, tags, true);
        await recordVersionScores(trx, clock, access.userId, [{ promptId: row.id, version: 1, score }]);
        await announceVersion(trx, access.projectId, row.id, row.name, 1);
        await recordPrompt(
          access,
          "prompt.create",
          row.id,
          {
            version: 1,
            content_hash: contentHash(row.content),
            title: row.title,
            name: row.name,
            ...shapeDelta(null, shape),
            ...opts.audit,
          },
          trx,
        );
      });
    } catch (e) {
      // The same name given by two creates at once: the unique index decides, the loser gets 409.
      if (input.name !== undefined && isDuplicateKey(e)) throw nameTaken(input.name);
      throw e;
    }
    return toPrompt(withShape(row, shape));
  }

  async function list(access: ProjectAccess, q: PromptListQuery): Promise<PromptList> {
    authorize(access, "prompts:read");
    if (q.cursor !== undefined && q.page !== undefined) {
      throw new ValidationError("Use either cursor or page, not both", [
        { field: "cursor", message: "cannot be combined with page" },
      ]);
    }
    if (q.folder !== undefined) {
      const bad = checkName(q.folder, "folder");
      if (bad.length)
        fail(bad.map((b) => ({ ...b, message: "must be a folder path such as support/triage" })));
    }
    if (q.sort === "relevance" && q.q === undefined)
      throw new ValidationError("sort=relevance needs q", [{ field: "sort", message: "relevance needs q" }]);
    const sortKey = `${q.sort}:${q.order}`;
    let after: PromptPageRequest["after"];
    if (q.cursor !== undefined) {
      after = decodeCursor(
        sortKey,
        q.cursor,
        // a score is 0–100; a larger number is a forged cursor (and out of range for PostgreSQL's real)
        (value) =>
          q.sort === "score" || q.sort === "relevance"
            ? typeof value === "number" && Math.abs(value) <= 1000
            : typeof value !== "number",
      );
    }
    const filter: PromptFilter = {
      folder: q.folder,
      category: q.category,
      targetLlm: q.target_llm,
      tag: q.tag?.trim().toLowerCase(),
      q: q.q,
    };
    filter.search = await repo.searchFor(access.projectId, q.q);
    const bound = listTotalBound(filter);
    const page = (manyMatches?: boolean) =>
      repo.pagePrompts(access.projectId, {
        ...filter,
        manyMatches,
        sort: q.sort,
        order: q.order,
        limit: q.limit + 1,
        after,
        offset: q.page !== undefined ? (q.page - 1) * q.limit : undefined,
      });
    // A category or target filter's page is read the way its count says is cheaper (repository: equals).
    // A relevance page counts the matches itself while finding its candidates (the same bound), so it
    // needs a count of its own only when it comes back empty (a cursor or page past the end).
    const countedWithPage = async (): Promise<readonly [number, CurrentPromptRow[]]> => {
      const rows = await page();
      return [matchesCountedBy(rows) ?? (await repo.countPrompts(access.projectId, filter, bound)), rows];
    };
    const [counted, rows] =
      filter.category || filter.targetLlm
        ? await repo
            .countPrompts(access.projectId, filter, bound)
            .then(async (n) => [n, await page(n > WALK_SORT_INDEX_PAST)] as const)
        : pageCountsMatches(q.sort, bound)
          ? await countedWithPage()
          : await Promise.all([repo.countPrompts(access.projectId, filter, bound), page()]);
    const { items, next_cursor } = pageOf(rows, q.limit, sortKey, (row) => sortValueOf(row, q.sort));
    const out: PromptList = {
      items: items.map(toPrompt),
      ...boundedTotal(counted, bound),
      limit: q.limit,
      next_cursor,
    };
    if (q.page !== undefined) out.page = q.page;
    return out;
  }

  /** The project's folders (from the prompts' names) with how many prompts each holds. */
  async function folders(access: ProjectAccess): Promise<FolderList> {
    authorize(access, "prompts:read");
    const names = await repo.listNames(access.projectId);
    const direct = new Map<string, number>();
    const total = new Map<string, number>();
    let root = 0;
    for (const name of names) {
      const path = foldersOf(name);
      const own = path[path.length - 1];
      if (own === undefined) root++;
      else direct.set(own, (direct.get(own) ?? 0) + 1);
      for (const folder of path) {
        total.set(folder, (total.get(folder) ?? 0) + 1);
        if (!direct.has(folder)) direct.set(folder, 0);
      }
    }
    // Sorted by segments, so a parent always comes before its children ("a/b" before "a-c").
    const paths = [...total.keys()].sort((a, b) => {
      const x = a.split("/");
      const y = b.split("/");
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i] !== y[i]) return (x[i] as string) < (y[i] as string) ? -1 : 1;
      }
      return x.length - y.length;
    });
    return {
      items: paths.map((path) => {
        const cut = path.lastIndexOf("/");
        return {
          path,
          name: path.slice(cut + 1),
          parent: cut === -1 ? null : path.slice(0, cut),
          depth: path.split("/").length,
          prompts: direct.get(path) ?? 0,
          total: total.get(path) ?? 0,
        };
      }),
      root_prompts: root,
      total: names.length,
    };
  }

  /**
   * A prompt by id (GET /prompts/:id). Without a promise when the row is read straight on SQLite, as the
   * registry fetch: a refusal or a missing prompt is then thrown rather than rejected.
   */
  function get(access: ProjectAccess, id: string): Maybe<Prompt> {
    authorize(access, "prompts:read");
    return thenMaybe(requirePrompt(repo, access.projectId, id), toPrompt);
  }

  async function update(access: ProjectAccess, id: string, changes: PromptUpdate, base: number | undefined) {
    authorize(access, "prompts:write");
    if (base === undefined) throw new PreconditionRequiredError();
    return applyUpdate(access, id, base, changes);
  }

  /**
   * Renaming or deleting a prompt changes what its protected labels serve (the registry fetches by name),
   * so it is held to the same rule as moving them: never with an API key, and only by those who may move
   * protected labels (admins and owners).
   */
  async function guardProtectedLabels(
    access: ProjectAccess,
    tx: PromptsQueries,
    id: string,
    what: "renamed" | "deleted",
  ): Promise<void> {
    const held = await tx.protectedLabelsOf(access.projectId, id);
    if (held.length === 0) return;
    const list = held.join(", ");
    if (viaApiKey(access))
      throw new ForbiddenError(
        `This prompt holds the protected label ${list}: no API key may have it ${what}, whatever its scopes`,
      );
    if (!can(access, "labels:protect"))
      throw new ForbiddenError(
        `This prompt holds the protected label ${list}: only an admin or owner may have it ${what}`,
      );
  }

  async function remove(access: ProjectAccess, id: string): Promise<void> {
    authorize(access, "prompts:write");
    // Versions and tags go with it (ON DELETE CASCADE).
    await repo.transaction(async (tx, trx) => {
      const row = await requirePrompt(tx, access.projectId, id);
      await guardProtectedLabels(access, tx, id, "deleted");
      if (!(await tx.deletePrompt(access.projectId, id))) throw new NotFoundError("Prompt");
      await recordPrompt(
        access,
        "prompt.delete",
        id,
        {
          version: row.current_version,
          content_hash: contentHash(row.content),
          title: row.title,
          name: row.name,
        },
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
    const v = found(await repo.findVersion(id, n), `Version ${n}`);
    return (await scored(id, [v]))[0] as ScoredPromptVersion;
  }

  /**
   * One version of a project's prompt with its registry fields, for other features (the registry)
   * that have already checked the caller's access; undefined when either does not exist.
   */
  async function getVersionForRegistry(
    projectId: string,
    promptId: string,
    version: number,
  ): Promise<(PromptVersion & { name: string }) | undefined> {
    const row = await repo.findPrompt(projectId, promptId);
    if (!row) return undefined;
    const v = await repo.findVersion(promptId, version);
    return v ? { ...toVersion(v), name: row.name } : undefined;
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
    const [sa, sb] = [shapeOfVersion(a), shapeOfVersion(b)];
    const changed = (["type", "messages", "variables", "config"] as const).filter(
      (f) => canonicalJson(sa[f]) !== canonicalJson(sb[f]),
    );
    const fieldsOf = (s: VersionShape) => ({
      type: s.type,
      messages: s.messages,
      variables: s.variables,
      config: s.config,
    });
    return {
      from,
      to,
      added: d.added,
      removed: d.removed,
      lines: d.lines,
      changed,
      versions: { from: fieldsOf(sa), to: fieldsOf(sb) },
    };
  }

  async function restore(
    access: ProjectAccess,
    id: string,
    n: number,
    base: number | undefined,
  ): Promise<Prompt> {
    authorize(access, "prompts:write");
    const row = await requirePrompt(repo, access.projectId, id);
    const v = found(await repo.findVersion(id, n), `Version ${n}`);
    const shape = shapeOfVersion(v);
    // Without an explicit base the restore applies to the version just read; a concurrent edit in
    // between still turns it into a 409 rather than silently overwriting that edit.
    return applyUpdate(
      access,
      id,
      base ?? row.current_version,
      {
        type: shape.type,
        ...(shape.type === "chat" && shape.messages ? { messages: shape.messages } : { content: v.content }),
        variables: shape.variables,
        config: shape.config,
        change_note: `Restored version ${n}`,
      },
      { forceNewVersion: true, restoredFrom: n },
    );
  }

  async function duplicate(access: ProjectAccess, id: string): Promise<Prompt> {
    authorize(access, "prompts:write");
    const row = await requirePrompt(repo, access.projectId, id);
    const shape = shapeOfRow(row);
    const suffix = " (copy)";
    return create(
      access,
      {
        title: `${[...row.title].slice(0, LIMITS.title - suffix.length).join("")}${suffix}`,
        type: shape.type,
        ...(shape.type === "chat" && shape.messages
          ? { messages: shape.messages }
          : { content: row.content }),
        variables: shape.variables,
        config: shape.config,
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

  async function importAll(
    access: ProjectAccess,
    doc: ImportBody,
  ): Promise<{ imported: number; prompts: Prompt[] }> {
    authorize(access, "prompts:write");
    const plans = planImport(access, doc, clock);
    // Each prompt's current version is scored (older imported versions keep their history unscored:
    // scoring every one could take seconds of CPU for a large archive).
    const scores: ScoredVersion[] = [];
    for (const plan of plans) {
      const score = await scoreVersionText(plan.prompt.content, plan.prompt.target_llm);
      plan.prompt.score = score.overall;
      plan.prompt.score_engine_version = score.engineVersion;
      scores.push({ promptId: plan.prompt.id, version: plan.prompt.current_version, score });
    }
    // Names the document gives are kept; derived names avoid them as well as the project's.
    const givenNames = plans.flatMap((p) => (p.name === undefined ? [] : [p.name]));
    // One transaction: a failure on any item leaves nothing behind.
    try {
      await repo.transaction(async (tx, trx) => {
        for (const plan of plans) {
          if (plan.name !== undefined && (await tx.findIdByName(access.projectId, plan.name)) !== undefined)
            throw nameTaken(plan.name, `prompts.${plan.index}.name`);
        }
        const taken = new Map<string, Set<string>>();
        for (const plan of plans) {
          if (plan.name === undefined) {
            const base = nameFromTitle(plan.prompt.title);
            let names = taken.get(base);
            if (!names) {
              names = await tx.namesLike(access.projectId, base);
              for (const n of givenNames) names.add(n);
              taken.set(base, names);
            }
            plan.prompt.name = uniqueName(base, names);
            names.add(plan.prompt.name);
          }
          await tx.insertPrompt(plan.prompt);
          await tx.insertVersions(plan.versions);
          await tx.replaceTags(plan.prompt.id, plan.tags, true);
          // One event per prompt, for its current version: an archive's history is not news.
          await announceVersion(
            trx,
            access.projectId,
            plan.prompt.id,
            plan.prompt.name,
            plan.prompt.current_version,
          );
          await recordPrompt(
            access,
            "prompt.create",
            plan.prompt.id,
            {
              version: plan.prompt.current_version,
              versions: plan.versions.length,
              content_hash: contentHash(plan.prompt.content),
              title: plan.prompt.title,
              name: plan.prompt.name,
              ...shapeDelta(null, plan.shape),
              imported: true,
            },
            trx,
          );
        }
        await recordVersionScores(trx, clock, access.userId, scores);
      });
    } catch (e) {
      if (isDuplicateKey(e))
        throw new ConflictError("A prompt name of the document was taken meanwhile; nothing was imported");
      throw e;
    }
    return {
      imported: plans.length,
      prompts: plans.map((p) => toPrompt(withShape(p.prompt, p.shape))),
    };
  }

  return {
    create,
    list,
    folders,
    get,
    update,
    remove,
    listVersions,
    getVersion,
    getVersionForRegistry,
    diff,
    restore,
    duplicate,
    exportAll,
    importAll,
  };
}
