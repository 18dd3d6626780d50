// The initial schema. Written with Kysely's schema builder and only portable types (text, integer,
// real) so one migration serves SQLite and PostgreSQL alike.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("username_key", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("full_name", "text")
    .addColumn("role", "text", (c) => c.notNull().defaultTo("user"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("last_active_at", "text")
    .execute();
  await db.schema.createIndex("users_last_active_idx").on("users").column("last_active_at").execute();

  await db.schema
    .createTable("refresh_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("family_id", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("refresh_tokens_family_idx").on("refresh_tokens").column("family_id").execute();
  await db.schema.createIndex("refresh_tokens_user_idx").on("refresh_tokens").column("user_id").execute();

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .execute();
  await db.schema.createIndex("api_keys_user_idx").on("api_keys").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("prompts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("target_llm", "text", (c) => c.notNull())
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("score", "real")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  for (const col of ["created_at", "updated_at", "title", "score"]) {
    await db.schema
      .createIndex(`prompts_user_${col}_idx`)
      .on("prompts")
      .columns(["user_id", col, "id"])
      .execute();
  }
  await db.schema
    .createIndex("prompts_user_category_idx")
    .on("prompts")
    .columns(["user_id", "category"])
    .execute();
  await db.schema
    .createIndex("prompts_user_target_idx")
    .on("prompts")
    .columns(["user_id", "target_llm"])
    .execute();

  await db.schema
    .createTable("prompt_tags")
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("prompt_tags_pk", ["prompt_id", "tag"])
    .execute();
  await db.schema
    .createIndex("prompt_tags_tag_idx")
    .on("prompt_tags")
    .columns(["tag", "prompt_id"])
    .execute();

  await db.schema
    .createTable("prompt_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("prompt_id", "text", (c) => c.notNull().references("prompts.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("change_note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("prompt_versions_prompt_version_uq", ["prompt_id", "version"])
    .execute();

  await db.schema
    .createTable("templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("variables", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("private"))
    .addColumn("use_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cloned_from", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("templates_user_idx")
    .on("templates")
    .columns(["user_id", "created_at", "id"])
    .execute();
  await db.schema
    .createIndex("templates_visibility_idx")
    .on("templates")
    .columns(["visibility", "created_at", "id"])
    .execute();

  await db.schema
    .createTable("template_tags")
    .addColumn("template_id", "text", (c) => c.notNull().references("templates.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("template_tags_pk", ["template_id", "tag"])
    .execute();
  await db.schema
    .createIndex("template_tags_tag_idx")
    .on("template_tags")
    .columns(["tag", "template_id"])
    .execute();

  await db.schema
    .createTable("template_uses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("template_id", "text", (c) => c.notNull().references("templates.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("template_uses_user_idx").on("template_uses").column("user_id").execute();
  await db.schema
    .createIndex("template_uses_template_idx")
    .on("template_uses")
    .column("template_id")
    .execute();

  await db.schema
    .createTable("analyses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("prompt_id", "text", (c) => c.references("prompts.id").onDelete("cascade"))
    .addColumn("prompt_version", "integer")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("engine", "text", (c) => c.notNull())
    .addColumn("overall_score", "real", (c) => c.notNull())
    .addColumn("result", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("analyses_user_idx").on("analyses").columns(["user_id", "kind"]).execute();
  await db.schema
    .createIndex("analyses_prompt_idx")
    .on("analyses")
    .columns(["prompt_id", "created_at"])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    "analyses",
    "template_uses",
    "template_tags",
    "templates",
    "prompt_versions",
    "prompt_tags",
    "prompts",
    "login_attempts",
    "api_keys",
    "refresh_tokens",
    "users",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
