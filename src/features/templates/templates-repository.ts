// SQL for templates, their tags and uses: createTemplatesRepository(db), with transaction(fn); rows come
// back joined with the owner's username, which every Template response shows.

import { type RawBuilder, type Selectable, sql } from "kysely";
import { byKey, countUpTo, type Db, repositoryOf, rowsChanged } from "../../db/repository.js";
import type { TemplatesTable, TemplateUsesTable } from "../../db/schema.js";
import { hasTag } from "../../db/text-filters.js";
import { matchesText, newestMatches, relevanceOf, type SearchTarget } from "../../db/text-search.js";

export type TemplateRow = Selectable<TemplatesTable>;
/** A template with its owner's username, and how well it answers q in a listing sorted by relevance. */
export type TemplateWithOwner = TemplateRow & { owner_username: string; relevance?: number };

/** What q searches: name, then description, then content (the order relevance weighs them in). */
const SEARCH: SearchTarget = {
  index: "template_search",
  owner: "template_id",
  idRef: "templates.id",
  columns: ["templates.name", "coalesce(templates.description, '')", "templates.content"],
};

async function insertTemplate(db: Db, row: TemplateRow): Promise<void> {
  await db.insertInto("templates").values(row).execute();
}

async function replaceTags(db: Db, templateId: string, tags: string[], fresh = false): Promise<void> {
  const rows = tags.map((tag) => ({ template_id: templateId, tag }));
  await byKey.replace(db, "template_tags", { template_id: templateId }, rows, fresh);
}

function withOwner(db: Db) {
  return db
    .selectFrom("templates")
    .innerJoin("users", "users.id", "templates.user_id")
    .selectAll("templates")
    .select("users.username as owner_username");
}

async function findTemplate(db: Db, id: string): Promise<TemplateWithOwner | undefined> {
  return withOwner(db).where("templates.id", "=", id).executeTakeFirst();
}

export type TemplateChanges = Partial<
  Pick<TemplateRow, "name" | "description" | "content" | "variables" | "category" | "tags" | "visibility">
> & { updated_at: string };

async function updateTemplate(db: Db, id: string, changes: TemplateChanges): Promise<boolean> {
  return byKey.updateOne(db, "templates", { id }, changes);
}

async function deleteTemplate(db: Db, id: string): Promise<boolean> {
  return byKey.deleteOne(db, "templates", { id });
}

/** Counts a use in the row itself (atomic increment, no read-modify-write race); false if it is gone. */
async function incrementUseCount(db: Db, id: string): Promise<boolean> {
  const counted = db
    .updateTable("templates")
    .set((eb) => ({ use_count: eb("use_count", "+", 1) }))
    .where("id", "=", id);
  return (await rowsChanged(counted)) === 1;
}

async function insertUse(db: Db, row: Selectable<TemplateUsesTable>): Promise<void> {
  await db.insertInto("template_uses").values(row).execute();
}

export interface TemplateFilter {
  scope: "all" | "mine" | "public";
  category?: string;
  tag?: string;
  q?: string;
  /** q's predicate, from searchFor: resolved once per listing, for its count and its page alike. */
  search?: RawBuilder<boolean>;
}

/**
 * The search predicate for q (none without q). A listing resolves it once for its count and its page: on
 * SQLite each resolving it looks q up in the trigram index.
 */
async function searchFor(db: Db, q: string | undefined): Promise<RawBuilder<boolean> | undefined> {
  return q === undefined ? undefined : matchesText(db, SEARCH, q);
}

/** The templates `f` selects. */
function filtered(db: Db, projectId: string, f: TemplateFilter) {
  // Without its predicate q would silently select everything.
  if (f.q !== undefined && f.search === undefined) throw new Error("a q filter needs its search (searchFor)");
  let query = db.selectFrom("templates").innerJoin("users", "users.id", "templates.user_id");
  if (f.scope === "mine") query = query.where("templates.project_id", "=", projectId);
  else if (f.scope === "public") query = query.where("templates.visibility", "=", "public");
  else
    query = query.where((eb) =>
      eb.or([eb("templates.project_id", "=", projectId), eb("templates.visibility", "=", "public")]),
    );
  if (f.category) query = query.where("templates.category", "=", f.category);
  if (f.tag) query = query.where(hasTag("template_tags", "template_id", "templates.id", f.tag));
  if (f.search) query = query.where(f.search);
  return query;
}

/** The templates `f` selects, counted up to `upTo` (countUpTo: upTo + 1 means more than upTo). */
async function countTemplates(db: Db, projectId: string, f: TemplateFilter, upTo: number): Promise<number> {
  return countUpTo(db, filtered(db, projectId, f), upTo);
}

export type TemplateSort = "created" | "relevance";

/**
 * The templates sort=relevance ranks: the newest RELEVANCE_CANDIDATES matches (docs/api.md), whole rows
 * under the name templates, with their owners.
 */
function relevanceCandidates(db: Db, projectId: string, f: TemplateFilter): ReturnType<typeof filtered> {
  const newest = newestMatches(filtered(db, projectId, f), "templates");
  // The derived table has the templates table's columns under its name, which the type cannot say.
  return db
    .selectFrom(newest.as("templates"))
    .innerJoin("users", "users.id", "templates.user_id") as unknown as ReturnType<typeof filtered>;
}

/**
 * Newest first, keyset on (created_at, id); or most relevant to q first, keyset on (relevance, id).
 * The service refuses relevance without q.
 */
async function pageTemplates(
  db: Db,
  projectId: string,
  f: TemplateFilter,
  limit: number,
  sort: TemplateSort,
  after?: { value: string | number | null; id: string },
): Promise<TemplateWithOwner[]> {
  const expr = sort === "relevance" ? relevanceOf(db, SEARCH, f.q ?? "") : sql.ref("templates.created_at");
  let query = (sort === "relevance" ? relevanceCandidates(db, projectId, f) : filtered(db, projectId, f))
    .selectAll("templates")
    .select("users.username as owner_username");
  if (sort === "relevance") query = query.select(expr.as("relevance"));
  if (after) query = query.where(sql<boolean>`(${expr}, templates.id) < (${after.value}, ${after.id})`);
  return query.orderBy(expr, "desc").orderBy("templates.id", "desc").limit(limit).execute();
}

const queries = {
  insertTemplate,
  replaceTags,
  findTemplate,
  updateTemplate,
  deleteTemplate,
  incrementUseCount,
  insertUse,
  searchFor,
  countTemplates,
  pageTemplates,
};

export const createTemplatesRepository = repositoryOf(queries);
