// Evaluations: datasets of inputs (items kept as revisions, so a run always shows the exact items it
// used), the assertions declared per prompt, and runs with one result row per item × target × repeat.
// The result rows are also the work queue of the embedded (SQLite) worker: a row is claimed with a token
// and a lease, and a lapsed lease is claimed again after a crash. On PostgreSQL, pg-boss carries the jobs
// (in its own schema) and the same claim columns keep an item from being run twice.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("datasets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // Deleted datasets stay for the runs that used them; their name is free again.
    .addColumn("deleted_at", "text")
    .execute();
  await db.schema
    .createIndex("datasets_project_name_live_idx")
    .on("datasets")
    .columns(["project_id", "name"])
    .unique()
    .where(sql.ref("deleted_at"), "is", null)
    .execute();

  await db.schema
    .createTable("dataset_items")
    // One row per revision of an item: an edit adds a row and marks the previous one superseded.
    .addColumn("id", "text", (c) => c.primaryKey())
    // The item's stable id across its revisions.
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("dataset_id", "text", (c) => c.notNull().references("datasets.id").onDelete("cascade"))
    .addColumn("revision", "integer", (c) => c.notNull())
    // The item's order in the dataset (kept across revisions).
    .addColumn("position", "integer", (c) => c.notNull())
    // JSON object: variable name → value.
    .addColumn("variables", "text", (c) => c.notNull())
    .addColumn("expected", "text")
    // JSON array of strings.
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    // Set when a newer revision replaces this one, or when the item is deleted.
    .addColumn("superseded_at", "text")
    .addColumn("deleted_at", "text")
    .execute();
  // The current items of a dataset, in order.
  await db.schema
    .createIndex("dataset_items_current_idx")
    .on("dataset_items")
    .columns(["dataset_id", "superseded_at", "position"])
    .execute();
  await db.schema
    .createIndex("dataset_items_item_rev_idx")
    .on("dataset_items")
    .columns(["item_id", "revision"])
    .unique()
    .execute();

  await db.schema
    .createTable("prompt_assertions")
    .addColumn("prompt_id", "text", (c) => c.primaryKey().references("prompts.id").onDelete("cascade"))
    // JSON array of {type, value?, threshold?, weight?, rubric?, …}.
    .addColumn("assertions", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("evaluation_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    // The version evaluated (resolved from `label` at start when a label was given).
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("label", "text")
    .addColumn("dataset_id", "text", (c) => c.notNull().references("datasets.id"))
    // JSON [{provider, model, params}] (never credentials).
    .addColumn("targets", "text", (c) => c.notNull())
    // JSON: the assertions in force for this run (the prompt's, or the run's override), snapshotted.
    .addColumn("assertions", "text", (c) => c.notNull())
    .addColumn("repeat", "integer", (c) => c.notNull())
    .addColumn("concurrency", "integer", (c) => c.notNull())
    // queued | running | completed | failed | cancelled
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    // JSON: per-target aggregates (pass_rate, pass_rate_ci, latency, tokens, cost, flakiness), kept
    // up to date as results arrive and final when the run ends.
    .addColumn("summary", "text")
    .addColumn("error", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("evaluation_runs_prompt_idx")
    .on("evaluation_runs")
    .columns(["prompt_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("evaluation_runs_status_idx")
    .on("evaluation_runs")
    .columns(["status"])
    .execute();

  await db.schema
    .createTable("evaluation_results")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) => c.notNull().references("evaluation_runs.id").onDelete("cascade"))
    // The item revision used (readable after later edits and deletion).
    .addColumn("item_revision_id", "text", (c) => c.notNull().references("dataset_items.id"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("target_index", "integer", (c) => c.notNull())
    .addColumn("repeat_index", "integer", (c) => c.notNull())
    // pending | running | passed | failed | error | cancelled
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("rendered", "text")
    .addColumn("output", "text")
    // JSON [{type, passed, score?, reason, weight}]
    .addColumn("verdicts", "text")
    .addColumn("judge_score", "real")
    .addColumn("latency_ms", "integer")
    .addColumn("input_tokens", "integer")
    .addColumn("output_tokens", "integer")
    .addColumn("cost_usd", "real")
    .addColumn("error", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // The worker's claim while it runs the item: a token and a lease.
    .addColumn("claim", "text")
    .addColumn("claimed_until", "text")
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("evaluation_results_cell_idx")
    .on("evaluation_results")
    .columns(["run_id", "item_id", "target_index", "repeat_index"])
    .unique()
    .execute();
  // The embedded worker's poll: due rows by status.
  await db.schema
    .createIndex("evaluation_results_status_idx")
    .on("evaluation_results")
    .columns(["status", "run_id"])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable("evaluation_results").ifExists().execute();
  await db.schema.dropTable("evaluation_runs").ifExists().execute();
  await db.schema.dropTable("prompt_assertions").ifExists().execute();
  await db.schema.dropTable("dataset_items").ifExists().execute();
  await db.schema.dropTable("datasets").ifExists().execute();
}
