// SQL of the prompt registry: labels and their history, promotion requests, the registry settings of
// projects and prompts, and the fetch path's two reads (project + membership + prompt + its labels in
// one query, then the version when its body is not cached). Plain rows in, plain rows out; decisions live in
// the labels, promotions and fetch services. Queries run unchanged on SQLite and PostgreSQL.
import {
  type Bound,
  byKey,
  type Db,
  forUpdate,
  type Maybe,
  newestFirst,
  preparedQueryNow,
  preparedRow,
  type Row,
  repositoryOf,
  thenMaybe,
  withUsername,
} from "../../db/repository.js";

export type RegistryQueries = Bound<typeof queries>;

export type LabelRow = Row<"prompt_labels">;
export type LabelEventRow = Row<"prompt_label_events">;
export type PromotionRow = Row<"promotions">;
export type VersionRow = Row<"prompt_versions">;
export type RegistryPromptRow = Pick<
  Row<"prompts">,
  "id" | "project_id" | "name" | "title" | "type" | "current_version" | "target_llm" | "promotion_gate"
>;

export interface ProjectSettingsRow {
  id: string;
  slug: string;
  protected_labels: string;
  promotion_gate: string | null;
  allow_self_approval: number;
}

/** A label of the fetched prompt, as the first fetch query reads it. */
export interface HeadLabel {
  label: string;
  version: number | null;
  split: string | null;
}

/** What the first fetch query finds: each part null when absent (no project, not a member, …). */
export interface FetchHead {
  project_id: string;
  project_slug: string;
  personal: number;
  created_by: string | null;
  member_role: string | null;
  prompt_id: string | null;
  prompt_name: string | null;
  prompt_type: string | null;
  current_version: number | null;
  /** Every label of the prompt, by name (none when there is no prompt). */
  labels: HeadLabel[];
}

export interface LabelEventWithActor extends LabelEventRow {
  actor_username: string | null;
}

export interface PromotionWithNames extends PromotionRow {
  requested_by_username: string | null;
  decided_by_username: string | null;
  prompt_name: string;
}

const PROMPT_COLUMNS = [
  "id",
  "project_id",
  "name",
  "title",
  "type",
  "current_version",
  "target_llm",
  "promotion_gate",
] as const;

async function findPrompt(db: Db, projectId: string, id: string): Promise<RegistryPromptRow | undefined> {
  return promptRow(db, projectId, id).executeTakeFirst();
}

/** The project's prompt `id`, the columns the registry reads of it. */
function promptRow(db: Db, projectId: string, id: string) {
  return db
    .selectFrom("prompts")
    .select(PROMPT_COLUMNS)
    .where("id", "=", id)
    .where("project_id", "=", projectId);
}

/** The prompt row locked for the rest of the transaction (PostgreSQL; SQLite writers are serialised). */
async function lockPrompt(db: Db, projectId: string, id: string): Promise<RegistryPromptRow | undefined> {
  return forUpdate(db, promptRow(db, projectId, id)).executeTakeFirst();
}

/** One version of a prompt; compiled once, as the fetch path reads it whenever the body is not cached. */
const findVersion = preparedRow((db: Db, promptId: string, version: number) =>
  db
    .selectFrom("prompt_versions")
    .selectAll()
    .where("prompt_id", "=", promptId)
    .where("version", "=", version),
);

/** Which of `versions` exist for the prompt. */
async function existingVersions(db: Db, promptId: string, versions: number[]): Promise<Set<number>> {
  if (versions.length === 0) return new Set();
  const rows = await byKey.list(
    db,
    "prompt_versions",
    { prompt_id: promptId, version: versions },
    { columns: ["version"] },
  );
  return new Set(rows.map((r) => Number(r.version)));
}

async function findSettings(db: Db, projectId: string): Promise<ProjectSettingsRow | undefined> {
  return byKey.find(db, "projects", { id: projectId }, [
    "id",
    "slug",
    "protected_labels",
    "promotion_gate",
    "allow_self_approval",
  ]);
}

async function listLabels(db: Db, promptId: string): Promise<LabelRow[]> {
  return byKey.list(db, "prompt_labels", { prompt_id: promptId }, { orderBy: ["label"] });
}

async function findLabel(db: Db, promptId: string, label: string): Promise<LabelRow | undefined> {
  return byKey.find(db, "prompt_labels", { prompt_id: promptId, label });
}

async function upsertLabel(db: Db, row: LabelRow): Promise<void> {
  await db
    .insertInto("prompt_labels")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["prompt_id", "label"]).doUpdateSet({
        version: row.version,
        split: row.split,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

async function deleteLabel(db: Db, promptId: string, label: string): Promise<boolean> {
  return byKey.deleteOne(db, "prompt_labels", { prompt_id: promptId, label });
}

async function insertLabelEvent(db: Db, row: LabelEventRow): Promise<void> {
  await db.insertInto("prompt_label_events").values(row).execute();
}

/** The prompt's label history, newest first, at most `limit` events. */
async function listLabelEvents(db: Db, promptId: string, limit: number): Promise<LabelEventWithActor[]> {
  return newestFirst(
    withUsername(db, "prompt_label_events", "actor_id", "actor_username").where(
      "prompt_label_events.prompt_id",
      "=",
      promptId,
    ),
    { limit, table: "prompt_label_events" },
  ).execute();
}

async function insertPromotion(db: Db, row: PromotionRow): Promise<void> {
  await db.insertInto("promotions").values(row).execute();
}

function promotionsWithNames(db: Db) {
  return db
    .selectFrom("promotions as p")
    .innerJoin("prompts as pr", "pr.id", "p.prompt_id")
    .leftJoin("users as rq", "rq.id", "p.requested_by")
    .leftJoin("users as dc", "dc.id", "p.decided_by")
    .selectAll("p")
    .select([
      "rq.username as requested_by_username",
      "dc.username as decided_by_username",
      "pr.name as prompt_name",
    ]);
}

async function findPromotion(db: Db, projectId: string, id: string): Promise<PromotionWithNames | undefined> {
  return promotionsWithNames(db)
    .where("p.id", "=", id)
    .where("p.project_id", "=", projectId)
    .executeTakeFirst();
}

async function listPromotions(
  db: Db,
  projectId: string,
  promptId: string,
  limit: number,
): Promise<PromotionWithNames[]> {
  return newestFirst(
    promotionsWithNames(db).where("p.project_id", "=", projectId).where("p.prompt_id", "=", promptId),
    { limit, table: "p" },
  ).execute();
}

/** The project's requests, newest first, optionally of one status (the review inbox). */
async function listProjectPromotions(
  db: Db,
  projectId: string,
  status: string | undefined,
  limit: number,
): Promise<PromotionWithNames[]> {
  let q = promotionsWithNames(db).where("p.project_id", "=", projectId);
  if (status) q = q.where("p.status", "=", status as PromotionRow["status"]);
  return newestFirst(q, { limit, table: "p" }).execute();
}

/** Marks the pending requests for the prompt's label superseded; returns their ids. */
async function supersedePending(db: Db, promptId: string, label: string, at: string): Promise<string[]> {
  const rows = await db
    .updateTable("promotions")
    .set({ status: "superseded", decided_at: at })
    .where("prompt_id", "=", promptId)
    .where("label", "=", label)
    .where("status", "=", "pending")
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Decides a pending request; false when it was no longer pending (decided by someone else first). */
async function decidePromotion(
  db: Db,
  id: string,
  decision: {
    status: "approved" | "rejected";
    decided_by: string;
    decided_at: string;
    comment: string | null;
  },
): Promise<boolean> {
  return byKey.updateOne(
    db,
    "promotions",
    { id, status: "pending" },
    {
      status: decision.status,
      decided_by: decision.decided_by,
      decided_at: decision.decided_at,
      decision_comment: decision.comment,
    },
  );
}

async function setPromptGate(
  db: Db,
  projectId: string,
  promptId: string,
  gate: string | null,
): Promise<boolean> {
  return byKey.updateOne(db, "prompts", { id: promptId, project_id: projectId }, { promotion_gate: gate });
}

/**
 * The fetch path's first query, by project id or by slug (compiled once each: preparedQuery), its rows
 * without a promise when read straight on SQLite.
 */
const headQuery = (by: "pj.id" | "pj.slug") =>
  preparedQueryNow((db: Db, project: string, userId: string, name: string) =>
    db
      .selectFrom("projects as pj")
      .leftJoin("project_members as m", (j) =>
        j.onRef("m.project_id", "=", "pj.id").on("m.user_id", "=", userId),
      )
      .leftJoin("prompts as p", (j) => j.onRef("p.project_id", "=", "pj.id").on("p.name", "=", name))
      .leftJoin("prompt_labels as l", "l.prompt_id", "p.id")
      .select([
        "pj.id as project_id",
        "pj.slug as project_slug",
        "pj.personal as personal",
        "pj.created_by as created_by",
        "m.role as member_role",
        "p.id as prompt_id",
        "p.name as prompt_name",
        "p.type as prompt_type",
        "p.current_version as current_version",
        "l.label as label_name",
        "l.version as label_version",
        "l.split as label_split",
      ])
      .where(by, "=", project)
      .orderBy("l.label"),
  );
const headById = headQuery("pj.id");
const headBySlug = headQuery("pj.slug");

/**
 * The fetch path's first query: the project (slug or id), the caller's membership, the prompt by name
 * and all of its labels (one row per label), in one round trip. Undefined only when the project does not
 * exist. With every label at hand, a fetch needs no other query unless the version's body is not cached.
 */
function fetchHead(
  db: Db,
  ref: { projectId?: string; slug?: string },
  userId: string,
  name: string,
): Maybe<FetchHead | undefined> {
  const rows = ref.projectId
    ? headById(db, ref.projectId, userId, name)
    : headBySlug(db, ref.slug ?? "", userId, name);
  return thenMaybe(rows, headOf);
}

type HeadRow = Awaited<ReturnType<typeof headById>>[number];

/** The head of a fetch from its rows (one per label). */
function headOf(rows: HeadRow[]): FetchHead | undefined {
  const first = rows[0];
  if (!first) return undefined;
  const labels: HeadLabel[] = [];
  for (const r of rows)
    if (r.label_name !== null)
      labels.push({ label: r.label_name, version: r.label_version, split: r.label_split });
  return {
    project_id: first.project_id,
    project_slug: first.project_slug,
    personal: first.personal,
    created_by: first.created_by,
    member_role: first.member_role,
    prompt_id: first.prompt_id,
    prompt_name: first.prompt_name,
    prompt_type: first.prompt_type,
    current_version: first.current_version,
    labels,
  } as FetchHead;
}

const queries = {
  findPrompt,
  lockPrompt,
  findVersion,
  existingVersions,
  findSettings,
  listLabels,
  findLabel,
  upsertLabel,
  deleteLabel,
  insertLabelEvent,
  listLabelEvents,
  insertPromotion,
  findPromotion,
  listPromotions,
  listProjectPromotions,
  supersedePending,
  decidePromotion,
  setPromptGate,
  fetchHead,
};

export const createRegistryRepository = repositoryOf(queries);
