// The prompt registry's data: a name per prompt (unique in its project; `/` separates folders), a type,
// typed variables and a config on each version, labels pointing at versions (or a weighted split) with
// their history, promotion requests for protected labels, and each project's registry settings.
// Existing prompts get names derived from their titles, without collisions inside a project; every
// existing version becomes a `text` version with no declared variables and an empty config.
import { sql } from "kysely";
import * as kit from "./schema-kit.js";

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

export async function up(db: kit.Db): Promise<void> {
  await kit.addColumns(
    db,
    "prompts",
    // Nullable in the table (SQLite cannot add NOT NULL without a default); filled below, always written.
    kit.optionalText("name"),
    kit.textDefault("type", "text"),
    // JSON {min_score?, block_new_errors?}: this prompt's promotion gate, overriding the project's.
    kit.optionalText("promotion_gate"),
  );

  await kit.addColumns(
    db,
    "prompt_versions",
    kit.textDefault("type", "text"),
    // JSON array of {role, content} for chat versions; null for text versions.
    kit.optionalText("messages"),
    // JSON array of {name, type, description, required, default?, enum_values?}.
    kit.textDefault("variables", "[]"),
    // JSON object: model, temperature, max_tokens, response_format, tools (the published config schema).
    kit.textDefault("config", "{}"),
    kit.byUser("created_by"),
  );

  await deriveNames(db);
  await kit.createIndex(db, "prompts_project_name_uq", "prompts", ["project_id", "name"], "unique");

  await kit.addColumns(
    db,
    "projects",
    // JSON array of label names that only a promotion (or an admin's direct move) may change.
    kit.textDefault("protected_labels", '["production"]'),
    // JSON {min_score?, block_new_errors?} or null: no gate.
    kit.optionalText("promotion_gate"),
    kit.integerDefault("allow_self_approval", 0),
  );

  const promptId = kit.belongsTo("prompt_id", "prompts");
  // A label points at one version (`version`) or at a weighted split (`split`, JSON [{version, weight}]).
  await db.schema
    .createTable("prompt_labels")
    .$call(promptId)
    .$call(kit.requiredText("label"))
    .$call(kit.projectId)
    .$call(kit.optionalInteger("version"))
    .$call(kit.optionalText("split"))
    .$call(kit.byUser("updated_by"))
    .$call(kit.requiredText("updated_at"))
    .addPrimaryKeyConstraint("prompt_labels_pk", ["prompt_id", "label"])
    .execute();

  // Every move and removal of a label: from which target to which (JSON {version} | {split}; null = none).
  await kit
    .createChildTable(db, "prompt_label_events", kit.projectId)
    .$call(promptId)
    .$call(kit.requiredText("label"))
    .$call(kit.optionalText("from_target", "to_target"))
    .$call(kit.byUser("actor_id"))
    .$call(kit.optionalText("promotion_id"))
    .$call(kit.requiredText("created_at"))
    .execute();
  await kit.createIndex(db, "prompt_label_events_prompt_idx", "prompt_label_events", [
    "prompt_id",
    "label",
    "created_at",
  ]);

  // A request to move a protected label: pending until an admin approves or rejects it. status: pending |
  // approved | rejected | blocked | superseded; gate: JSON, the gate's verdict when requested {passed, checks}.
  await kit
    .createChildTable(db, "promotions", kit.projectId)
    .$call(promptId)
    .$call(kit.requiredText("label"))
    .$call(kit.optionalInteger("from_version"))
    .$call(kit.requiredInteger("version"))
    .$call(kit.optionalText("note"))
    .$call(kit.requiredText("status"))
    .$call(kit.optionalText("gate"))
    .$call(kit.byUser("requested_by"))
    .$call(kit.requiredText("created_at"))
    .$call(kit.byUser("decided_by"))
    .$call(kit.optionalText("decided_at", "decision_comment"))
    .execute();
  await kit.createIndex(db, "promotions_prompt_idx", "promotions", ["prompt_id", "created_at"]);
  await kit.createIndex(db, "promotions_project_status_idx", "promotions", [
    "project_id",
    "status",
    "created_at",
  ]);
}

/** Names for existing prompts, project by project in creation order, so the oldest keeps the plain name. */
async function deriveNames(db: kit.Db): Promise<void> {
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

export async function down(db: kit.Db): Promise<void> {
  await kit.dropTables(db, "promotions", "prompt_label_events", "prompt_labels");
  await db.schema.dropIndex("prompts_project_name_uq").ifExists().execute();
  await kit.dropColumns(db, "projects", "protected_labels", "promotion_gate", "allow_self_approval");
  await kit.dropColumns(db, "prompt_versions", "type", "messages", "variables", "config", "created_by");
  await kit.dropColumns(db, "prompts", "name", "type", "promotion_gate");
}
