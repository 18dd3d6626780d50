// Projects own what users owned until now: prompts, templates and project API keys. Adds projects, their
// members (owner | admin | editor | viewer) and invitations; gives every existing user a personal project
// (slug "~<username>", the user its owner) and moves each user's prompts and templates into it. Nothing
// is deleted: prompts.user_id and templates.user_id stay as the author, and existing API keys stay
// user-level keys (project_id null), which act on their owner's personal project as before.
import { sql } from "kysely";
import { newId } from "../ids.js";
import * as kit from "./schema-kit.js";

/** Users are read and their projects written in chunks, well below both databases' parameter limits. */
const CHUNK = 200;

export async function up(db: kit.Db): Promise<void> {
  await db.schema
    .createTable("projects")
    .$call(kit.id)
    .$call(kit.requiredText("name"))
    .$call(kit.uniqueText("slug"))
    .$call(kit.integerDefault("personal", 0))
    .$call(kit.byUser("created_by"))
    .$call(kit.timestamps)
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
    .$call(kit.projectId)
    .$call(kit.belongsTo("user_id", "users"))
    .$call(kit.requiredText("role"))
    .$call(kit.timestamps)
    .addPrimaryKeyConstraint("project_members_pk", ["project_id", "user_id"])
    .execute();
  await kit.createIndex(db, "project_members_user_idx", "project_members", ["user_id"]);

  await kit
    .createChildTable(db, "project_invitations", kit.projectId)
    .$call(kit.requiredText("email", "role"))
    .$call(kit.uniqueText("token_hash"))
    .$call(kit.byUser("invited_by"))
    .$call(kit.requiredText("created_at", "expires_at"))
    .$call(kit.optionalText("accepted_at"))
    .$call(kit.byUser("accepted_by"))
    .$call(kit.optionalText("revoked_at"))
    .execute();
  await kit.createIndex(db, "project_invitations_project_idx", "project_invitations", [
    "project_id",
    "created_at",
  ]);

  // Nullable in the table (SQLite cannot add a NOT NULL column without a default); every row is
  // filled below and the application always writes it.
  const projectId = kit.optionalBelongsTo("project_id", "projects");
  for (const table of ["prompts", "templates"]) await kit.addColumns(db, table, projectId);
  // api_keys: project_id null = a user-level key (its owner's personal project, the owner's rights);
  // set = a project key limited to `scopes` (JSON array) and to its creator's role in the project.
  await kit.addColumns(db, "api_keys", projectId, kit.optionalText("scopes", "expires_at"));

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
    await kit.createIndex(db, `prompts_project_${col}_idx`, "prompts", ["project_id", col, "id"]);
  }
  await kit.createIndex(db, "prompts_project_category_idx", "prompts", ["project_id", "category"]);
  await kit.createIndex(db, "prompts_project_target_idx", "prompts", ["project_id", "target_llm"]);
  await kit.createIndex(db, "templates_project_idx", "templates", ["project_id", "created_at", "id"]);
  await kit.createIndex(db, "api_keys_project_idx", "api_keys", ["project_id"]);
}

/** A personal project, owned by its user, for every user that has none. */
async function createPersonalProjects(db: kit.Db): Promise<void> {
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

export async function down(db: kit.Db): Promise<void> {
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
  await kit.dropColumns(db, "api_keys", "project_id", "scopes", "expires_at");
  await kit.dropColumns(db, "templates", "project_id");
  await kit.dropColumns(db, "prompts", "project_id");
  await kit.dropTables(db, "project_invitations", "project_members", "projects");
}
