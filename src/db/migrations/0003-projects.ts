// Projects own what users owned until now: prompts, templates and project API keys. Adds projects, their
// members (owner | admin | editor | viewer) and invitations; gives every existing user a personal project
// (slug "~<username>", the user its owner) and moves each user's prompts and templates into it. Nothing
// is deleted: prompts.user_id and templates.user_id stay as the author, and existing API keys stay
// user-level keys (project_id null), which act on their owner's personal project as before.
import { type Kysely, sql } from "kysely";
import { newId } from "../ids.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving Database type
type Db = Kysely<any>;

/** Users are read and their projects written in chunks, well below both databases' parameter limits. */
const CHUNK = 200;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable("projects")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("personal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // One personal project per user: the index that makes creating it on first use race-free.
  await db.schema
    .createIndex("projects_personal_uq")
    .on("projects")
    .column("created_by")
    .unique()
    .where(sql.ref("personal"), "=", 1)
    .execute();

  await db.schema
    .createTable("project_members")
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("project_members_pk", ["project_id", "user_id"])
    .execute();
  await db.schema.createIndex("project_members_user_idx").on("project_members").column("user_id").execute();

  await db.schema
    .createTable("project_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project_id", "text", (c) => c.notNull().references("projects.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("invited_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("project_invitations_project_idx")
    .on("project_invitations")
    .columns(["project_id", "created_at"])
    .execute();

  // Nullable in the table (SQLite cannot add a NOT NULL column without a default); every row is
  // filled below and the application always writes it.
  for (const table of ["prompts", "templates"]) {
    await db.schema
      .alterTable(table)
      .addColumn("project_id", "text", (c) => c.references("projects.id").onDelete("cascade"))
      .execute();
  }
  // api_keys: project_id null = a user-level key (its owner's personal project, the owner's rights);
  // set = a project key limited to `scopes` (JSON array) and to its creator's role in the project.
  await db.schema
    .alterTable("api_keys")
    .addColumn("project_id", "text", (c) => c.references("projects.id").onDelete("cascade"))
    .execute();
  await db.schema.alterTable("api_keys").addColumn("scopes", "text").execute();
  await db.schema.alterTable("api_keys").addColumn("expires_at", "text").execute();

  await createPersonalProjects(db);

  const personalOf = (table: string) =>
    sql`(select p.id from projects p where p.created_by = ${sql.ref(`${table}.user_id`)} and p.personal = 1)`;
  await db
    .updateTable("prompts")
    .set({ project_id: personalOf("prompts") })
    .where("project_id", "is", null)
    .execute();
  await db
    .updateTable("templates")
    .set({ project_id: personalOf("templates") })
    .where("project_id", "is", null)
    .execute();

  for (const col of ["created_at", "updated_at", "title", "score"]) {
    await db.schema
      .createIndex(`prompts_project_${col}_idx`)
      .on("prompts")
      .columns(["project_id", col, "id"])
      .execute();
  }
  await db.schema
    .createIndex("prompts_project_category_idx")
    .on("prompts")
    .columns(["project_id", "category"])
    .execute();
  await db.schema
    .createIndex("prompts_project_target_idx")
    .on("prompts")
    .columns(["project_id", "target_llm"])
    .execute();
  await db.schema
    .createIndex("templates_project_idx")
    .on("templates")
    .columns(["project_id", "created_at", "id"])
    .execute();
  await db.schema.createIndex("api_keys_project_idx").on("api_keys").column("project_id").execute();
}

/** A personal project, owned by its user, for every user that has none. */
async function createPersonalProjects(db: Db): Promise<void> {
  let after = "";
  for (;;) {
    const users: { id: string; username: string; username_key: string; created_at: string }[] = await db
      .selectFrom("users")
      .select(["id", "username", "username_key", "created_at"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(CHUNK)
      .execute();
    if (users.length === 0) return;
    const now = new Date().toISOString();
    const projects = users.map((u) => ({
      id: newId(),
      name: `${u.username}'s project`,
      slug: `~${u.username_key}`,
      personal: 1,
      created_by: u.id,
      created_at: u.created_at,
      updated_at: now,
    }));
    await db.insertInto("projects").values(projects).execute();
    await db
      .insertInto("project_members")
      .values(
        projects.map((p) => ({
          project_id: p.id,
          user_id: p.created_by,
          role: "owner",
          created_at: p.created_at,
          updated_at: now,
        })),
      )
      .execute();
    after = (users[users.length - 1] as { id: string }).id;
  }
}

export async function down(db: Db): Promise<void> {
  for (const index of [
    "prompts_project_created_at_idx",
    "prompts_project_updated_at_idx",
    "prompts_project_title_idx",
    "prompts_project_score_idx",
    "prompts_project_category_idx",
    "prompts_project_target_idx",
    "templates_project_idx",
    "api_keys_project_idx",
  ]) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  // Project keys cannot be expressed without projects: they go; user-level keys stay.
  await db.deleteFrom("api_keys").where("project_id", "is not", null).execute();
  for (const col of ["project_id", "scopes", "expires_at"]) {
    await db.schema.alterTable("api_keys").dropColumn(col).execute();
  }
  await db.schema.alterTable("templates").dropColumn("project_id").execute();
  await db.schema.alterTable("prompts").dropColumn("project_id").execute();
  await db.schema.dropTable("project_invitations").ifExists().execute();
  await db.schema.dropTable("project_members").ifExists().execute();
  await db.schema.dropTable("projects").ifExists().execute();
}
