// The prompt registry's data: a name per prompt (unique in its project; `/` separates folders), a type,
// typed variables and a config on each version, labels pointing at versions (or a weighted split) with
// their history, promotion requests for protected labels, and each project's registry settings.
// Existing prompts get names derived from their titles, without collisions inside a project; every
// existing version becomes a `text` version with no declared variables and an empty config.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

const CHUNK = 500;
/** Longest derived name segment; the registry accepts names up to 200 characters. */
const DERIVED_MAX = 60;

/** The name a title becomes: lower-case ASCII letters and digits separated by single dashes. */
export function nameFromTitle(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, DERIVED_MAX)
    .replace(/-+$/g, "");
  return slug === "" ? "prompt" : slug;
}

/** `base`, or `base-2`, `base-3`, … : the first that `taken` does not hold. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function up(db: Db): Promise<void> {
  // Nullable in the table (SQLite cannot add NOT NULL without a default); filled below, always written.
  await db.schema.alterTable("prompts").addColumn("name", "text").execute();
  await db.schema
    .alterTable("prompts")
    .addColumn("type", "text", (c) => c.notNull().defaultTo("text"))
    .execute();
  /** JSON {min_score?, block_new_errors?}: this prompt's promotion gate, overriding the project's. */
  await db.schema.alterTable("prompts").addColumn("promotion_gate", "text").execute();

  await db.schema
    .alterTable("prompt_versions")
    .addColumn("type", "text", (c) => c.notNull().defaultTo("text"))
    .execute();
  // JSON array of {role, content} for chat versions; null for text versions.
  await db.schema.alterTable("prompt_versions").addColumn("messages", "text").execute();
  // JSON array of {name, type, description, required, default?, enum_values?}.
  await db.schema
    .alterTable("prompt_versions")
    .addColumn("variables", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  // JSON object: model, temperature, max_tokens, response_format, tools (the published config schema).
  await db.schema
    .alterTable("prompt_versions")
    .addColumn("config", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await db.schema
    .alterTable("prompt_versions")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  await deriveNames(db);
  await db.schema
    .createIndex("prompts_project_name_uq")
    .on("prompts")
    .columns(["project_id", "name"])
    .unique()
    .execute();

  // JSON array of label names that only a promotion (or an admin's direct move) may change.
  await db.schema
    .alterTable("projects")
    .addColumn("protected_labels", "text", (c) => c.notNull().defaultTo('["production"]'))
    .execute();
  // JSON {min_score?, block_new_errors?} or null: no gate.
  await db.schema.alterTable("projects").addColumn("promotion_gate", "text").execute();
  await db.schema
    .alterTable("projects")
    .addColumn("allow_self_approval", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  // A label points at one version (`version`) or at a weighted split (`split`, JSON [{version, weight}]).
  await db.schema
    .createTable("prompt_labels")
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("version", "integer")
    .addColumn("split", "text")
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("prompt_labels_pk", ["prompt_id", "label"])
    .execute();

  // Every move and removal of a label: from which target to which (JSON {version} | {split}; null = none).
  await db.schema
    .createTable("prompt_label_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("from_target", "text")
    .addColumn("to_target", "text")
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("promotion_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("prompt_label_events_prompt_idx")
    .on("prompt_label_events")
    .columns(["prompt_id", "label", "created_at"])
    .execute();

  // A request to move a protected label: pending until an admin approves or rejects it.
  await db.schema
    .createTable("promotions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("from_version", "integer")
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    // pending | approved | rejected | blocked | superseded
    .addColumn("status", "text", (c) => c.notNull())
    // JSON: the gate's verdict when requested {passed, checks: [...]}
    .addColumn("gate", "text")
    .addColumn("requested_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("decided_at", "text")
    .addColumn("decision_comment", "text")
    .execute();
  await db.schema
    .createIndex("promotions_prompt_idx")
    .on("promotions")
    .columns(["prompt_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("promotions_project_status_idx")
    .on("promotions")
    .columns(["project_id", "status", "created_at"])
    .execute();
}

/** Names for existing prompts, project by project in creation order, so the oldest keeps the plain name. */
async function deriveNames(db: Db): Promise<void> {
  let after: { project_id: string; created_at: string; id: string } | null = null;
  let project = "";
  let taken = new Set<string>();
  for (;;) {
    let q = db
      .selectFrom("prompts")
      .select(["id", "project_id", "title", "created_at"])
      .orderBy("project_id")
      .orderBy("created_at")
      .orderBy("id")
      .limit(CHUNK);
    if (after) {
      const a = after;
      q = q.where(sql<boolean>`(project_id, created_at, id) > (${a.project_id}, ${a.created_at}, ${a.id})`);
    }
    const rows: { id: string; project_id: string; title: string; created_at: string }[] = await q.execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      if (row.project_id !== project) {
        project = row.project_id;
        taken = new Set();
      }
      const name = uniqueName(nameFromTitle(row.title), taken);
      taken.add(name);
      await db.updateTable("prompts").set({ name }).where("id", "=", row.id).execute();
    }
    const last = rows[rows.length - 1] as { id: string; project_id: string; created_at: string };
    after = { project_id: last.project_id, created_at: last.created_at, id: last.id };
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("promotions").ifExists().execute();
  await db.schema.dropTable("prompt_label_events").ifExists().execute();
  await db.schema.dropTable("prompt_labels").ifExists().execute();
  await db.schema.dropIndex("prompts_project_name_uq").ifExists().execute();
  for (const col of ["protected_labels", "promotion_gate", "allow_self_approval"]) {
    await db.schema.alterTable("projects").dropColumn(col).execute();
  }
  for (const col of ["type", "messages", "variables", "config", "created_by"]) {
    await db.schema.alterTable("prompt_versions").dropColumn(col).execute();
  }
  for (const col of ["name", "type", "promotion_gate"]) {
    await db.schema.alterTable("prompts").dropColumn(col).execute();
  }
}
