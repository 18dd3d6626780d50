// Evaluations: datasets of inputs (items kept as revisions, so a run always shows the exact items it
// used), the assertions declared per prompt, and runs with one result row per item × target × repeat.
// The result rows are also the work queue of the embedded (SQLite) worker: a row is claimed with a token
// and a lease, and a lapsed lease is claimed again after a crash. On PostgreSQL, pg-boss carries the jobs
// (in its own schema) and the same claim columns keep an item from being run twice.
import { sql } from "kysely";
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  await kit
    .createChildTable(db, "datasets", kit.projectId)
    .$call(kit.requiredText("name"))
    .$call(kit.optionalText("description"))
    .$call(kit.byUser("created_by"))
    .$call(kit.timestamps)
    // Deleted datasets stay for the runs that used them; their name is free again.
    .$call(kit.optionalText("deleted_at"))
    .execute();
  await db.schema
    .createIndex("datasets_project_name_live_idx")
    .on("datasets")
    .columns(["project_id", "name"])
    .unique()
    .where(sql.ref("deleted_at"), "is", null)
    .execute();

  // One row per revision of an item: an edit adds a row and marks the previous one superseded. item_id:
  // the item's stable id across its revisions; position: its order in the dataset (kept across
  // revisions); variables: JSON object, variable name → value; tags: JSON array of strings;
  // superseded_at: set when a newer revision replaces this one, or when the item is deleted.
  await db.schema
    .createTable("dataset_items")
    .$call(kit.id)
    .$call(kit.requiredText("item_id"))
    .$call(kit.belongsTo("dataset_id", "datasets"))
    .$call(kit.requiredInteger("revision", "position"))
    .$call(kit.requiredText("variables"))
    .$call(kit.optionalText("expected"))
    .$call(kit.textDefault("tags", "[]"))
    .$call(kit.textDefault("note", ""))
    .$call(kit.byUser("created_by"))
    .$call(kit.requiredText("created_at"))
    .$call(kit.optionalText("superseded_at", "deleted_at"))
    .execute();
  // The current items of a dataset, in order.
  await kit.createIndex(db, "dataset_items_current_idx", "dataset_items", [
    "dataset_id",
    "superseded_at",
    "position",
  ]);
  await kit.createIndex(db, "dataset_items_item_rev_idx", "dataset_items", ["item_id", "revision"], "unique");

  await db.schema
    .createTable("prompt_assertions")
    .addColumn("prompt_id", "text", (c) => c.primaryKey().references("prompts.id").onDelete("cascade"))
    // JSON array of {type, value?, threshold?, weight?, rubric?, …}.
    .$call(kit.requiredText("assertions"))
    .$call(kit.byUser("updated_by"))
    .$call(kit.requiredText("updated_at"))
    .execute();

  // version: the version evaluated (resolved from `label` at start when a label was given); targets: JSON
  // [{provider, model, params}] (never credentials); assertions: JSON, the assertions in force for this
  // run (the prompt's, or the run's override), snapshotted; status: queued | running | completed | failed
  // | cancelled; summary: JSON, per-target aggregates (pass_rate, pass_rate_ci, latency, tokens, cost,
  // flakiness), kept up to date as results arrive and final when the run ends.
  await kit
    .createChildTable(db, "evaluation_runs", kit.projectId)
    .$call(kit.belongsTo("prompt_id", "prompts"))
    .$call(kit.requiredInteger("version"))
    .$call(kit.optionalText("label"))
    .addColumn("dataset_id", "text", (c) => c.notNull().references("datasets.id"))
    .$call(kit.requiredText("targets", "assertions"))
    .$call(kit.requiredInteger("repeat", "concurrency"))
    .$call(kit.requiredText("status"))
    .$call(kit.requiredInteger("total"))
    .$call(kit.integerDefault("done", 0))
    .$call(kit.optionalText("summary", "error"))
    .$call(kit.byUser("created_by"))
    .$call(kit.requiredText("created_at"))
    .$call(kit.optionalText("started_at", "finished_at"))
    .execute();
  await kit.createIndex(db, "evaluation_runs_prompt_idx", "evaluation_runs", ["prompt_id", "created_at"]);
  await kit.createIndex(db, "evaluation_runs_status_idx", "evaluation_runs", ["status"]);

  // item_revision_id: the item revision used (readable after later edits and deletion); status: pending |
  // running | passed | failed | error | cancelled; verdicts: JSON [{type, passed, score?, reason, weight}];
  // claim and claimed_until: the worker's claim while it runs the item.
  await kit
    .createChildTable(db, "evaluation_results", kit.belongsTo("run_id", "evaluation_runs"))
    .addColumn("item_revision_id", "text", (c) => c.notNull().references("dataset_items.id"))
    .$call(kit.requiredText("item_id"))
    .$call(kit.requiredInteger("target_index", "repeat_index"))
    .$call(kit.requiredText("status"))
    .$call(kit.optionalText("rendered", "output", "verdicts"))
    .addColumn("judge_score", "real")
    .$call(kit.optionalInteger("latency_ms", "input_tokens", "output_tokens"))
    .addColumn("cost_usd", "real")
    .$call(kit.optionalText("error"))
    .$call(kit.integerDefault("attempts", 0))
    .$call(kit.claimLease)
    .$call(kit.optionalText("started_at", "finished_at"))
    .execute();
  await kit.createIndex(
    db,
    "evaluation_results_cell_idx",
    "evaluation_results",
    ["run_id", "item_id", "target_index", "repeat_index"],
    "unique",
  );
  // The embedded worker's poll: due rows by status.
  await kit.createIndex(db, "evaluation_results_status_idx", "evaluation_results", ["status", "run_id"]);
}

export async function down(db: kit.Db): Promise<void> {
  await kit.dropTables(
    db,
    "evaluation_results",
    "evaluation_runs",
    "prompt_assertions",
    "dataset_items",
    "datasets",
  );
}
