// The initial schema. Written with Kysely's schema builder and only portable types (text, integer,
// real) so one migration serves SQLite and PostgreSQL alike.
import * as kit from "./schema-kit.js";

const userId = kit.belongsTo("user_id", "users");
const promptId = kit.belongsTo("prompt_id", "prompts");

export async function up(db: kit.Db): Promise<void> {
  await db.schema
    .createTable("users")
    .$call(kit.id)
    .$call(kit.requiredText("username"))
    .$call(kit.uniqueText("username_key", "email"))
    .$call(kit.requiredText("password_hash"))
    .$call(kit.optionalText("full_name"))
    .$call(kit.textDefault("role", "user"))
    .$call(kit.timestamps)
    .$call(kit.optionalText("last_active_at"))
    .execute();
  await kit.createIndex(db, "users_last_active_idx", "users", ["last_active_at"]);

  await kit
    .createChildTable(db, "refresh_tokens", userId)
    .$call(kit.requiredText("family_id"))
    .$call(kit.uniqueText("token_hash"))
    .$call(kit.requiredText("created_at", "expires_at"))
    .$call(kit.optionalText("used_at", "revoked_at"))
    .execute();
  await kit.createIndex(db, "refresh_tokens_family_idx", "refresh_tokens", ["family_id"]);
  await kit.createIndex(db, "refresh_tokens_user_idx", "refresh_tokens", ["user_id"]);

  await kit
    .createChildTable(db, "api_keys", userId)
    .$call(kit.requiredText("name", "prefix"))
    .$call(kit.uniqueText("key_hash"))
    .$call(kit.requiredText("created_at"))
    .$call(kit.optionalText("last_used_at"))
    .execute();
  await kit.createIndex(db, "api_keys_user_idx", "api_keys", ["user_id"]);

  await db.schema
    .createTable("login_attempts")
    .addColumn("key", "text", (c) => c.primaryKey())
    .$call(kit.requiredInteger("failures"))
    .$call(kit.requiredText("window_started_at"))
    .execute();

  await kit
    .createChildTable(db, "prompts", userId)
    .$call(kit.requiredText("title", "content", "category"))
    .$call(kit.textDefault("tags", "[]"))
    .$call(kit.requiredText("target_llm"))
    .$call(kit.requiredInteger("current_version"))
    .addColumn("score", "real")
    .$call(kit.timestamps)
    .execute();
  for (const col of ["created_at", "updated_at", "title", "score"]) {
    await kit.createIndex(db, `prompts_user_${col}_idx`, "prompts", ["user_id", col, "id"]);
  }
  await kit.createIndex(db, "prompts_user_category_idx", "prompts", ["user_id", "category"]);
  await kit.createIndex(db, "prompts_user_target_idx", "prompts", ["user_id", "target_llm"]);

  await db.schema
    .createTable("prompt_tags")
    .$call(promptId)
    .$call(kit.requiredText("tag"))
    .addPrimaryKeyConstraint("prompt_tags_pk", ["prompt_id", "tag"])
    .execute();
  await kit.createIndex(db, "prompt_tags_tag_idx", "prompt_tags", ["tag", "prompt_id"]);

  await kit
    .createChildTable(db, "prompt_versions", promptId)
    .$call(kit.requiredInteger("version"))
    .$call(kit.requiredText("content"))
    .$call(kit.optionalText("change_note"))
    .$call(kit.requiredText("created_at"))
    .addUniqueConstraint("prompt_versions_prompt_version_uq", ["prompt_id", "version"])
    .execute();

  await kit
    .createChildTable(db, "templates", userId)
    .$call(kit.requiredText("name"))
    .$call(kit.optionalText("description"))
    .$call(kit.requiredText("content"))
    .$call(kit.textDefault("variables", "[]"))
    .$call(kit.requiredText("category"))
    .$call(kit.textDefault("tags", "[]"))
    .$call(kit.textDefault("visibility", "private"))
    .$call(kit.integerDefault("use_count", 0))
    .$call(kit.optionalText("cloned_from"))
    .$call(kit.timestamps)
    .execute();
  await kit.createIndex(db, "templates_user_idx", "templates", ["user_id", "created_at", "id"]);
  await kit.createIndex(db, "templates_visibility_idx", "templates", ["visibility", "created_at", "id"]);

  await db.schema
    .createTable("template_tags")
    .$call(kit.belongsTo("template_id", "templates"))
    .$call(kit.requiredText("tag"))
    .addPrimaryKeyConstraint("template_tags_pk", ["template_id", "tag"])
    .execute();
  await kit.createIndex(db, "template_tags_tag_idx", "template_tags", ["tag", "template_id"]);

  await kit
    .createChildTable(db, "template_uses", kit.belongsTo("template_id", "templates"))
    .$call(userId)
    .$call(kit.requiredText("created_at"))
    .execute();
  await kit.createIndex(db, "template_uses_user_idx", "template_uses", ["user_id"]);
  await kit.createIndex(db, "template_uses_template_idx", "template_uses", ["template_id"]);

  await kit
    .createChildTable(db, "analyses", userId)
    .$call(kit.optionalBelongsTo("prompt_id", "prompts"))
    .$call(kit.optionalInteger("prompt_version"))
    .$call(kit.requiredText("kind", "engine"))
    .addColumn("overall_score", "real", (c) => c.notNull())
    .$call(kit.requiredText("result", "created_at"))
    .execute();
  await kit.createIndex(db, "analyses_user_idx", "analyses", ["user_id", "kind"]);
  await kit.createIndex(db, "analyses_prompt_idx", "analyses", ["prompt_id", "created_at"]);
}

export async function down(db: kit.Db): Promise<void> {
  await kit.dropTables(
    db,
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
  );
}
