// SQL of projects: the projects themselves, their members, invitations and project API keys. Plain rows
// in, plain rows out; decisions (who may, the last-owner rule) live in the projects service.
import { PostgresAdapter } from "kysely";
import {
  type Bound,
  byKey,
  type Db,
  newestFirst,
  preparedQuery,
  type Row,
  repositoryOf,
} from "../../db/repository.js";
import type { ProjectRole } from "../../db/schema.js";

/** The repository's queries (what a transaction's callback receives), and the repository. */
export type ProjectsQueries = Bound<typeof queries>;
export type ProjectsRepository = ReturnType<typeof createProjectsRepository>;

export type ProjectRow = Row<"projects">;

/** A new project's registry settings: `production` protected, no promotion gate, no self-approval. */
export const REGISTRY_DEFAULTS = {
  protected_labels: '["production"]',
  promotion_gate: null,
  allow_self_approval: 0,
} as const;
export type MemberRow = Row<"project_members">;
export type InvitationRow = Row<"project_invitations">;
export type ApiKeyRow = Row<"api_keys">;

export interface MemberWithUser extends MemberRow {
  username: string;
  email: string;
  full_name: string | null;
}

export interface ProjectWithRole extends ProjectRow {
  role: ProjectRole;
}

async function insertProject(db: Db, row: ProjectRow): Promise<void> {
  await db.insertInto("projects").values(row).execute();
}

/** Inserts a personal project unless the user already has one (the partial unique index decides). */
async function insertPersonalProjectIfMissing(db: Db, row: ProjectRow): Promise<void> {
  await db
    .insertInto("projects")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();
}

// This and findMember run on every signed-in request to a personal-project route: compiled once.
const personalProjectOf = preparedQuery((db: Db, userId: string) =>
  db.selectFrom("projects").selectAll().where("created_by", "=", userId).where("personal", "=", 1),
);

async function findPersonalProject(db: Db, userId: string): Promise<ProjectRow | undefined> {
  return (await personalProjectOf(db, userId))[0];
}

async function findProjectById(db: Db, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom("projects").selectAll().where("id", "=", id).executeTakeFirst();
}

async function findProjectBySlug(db: Db, slug: string): Promise<ProjectRow | undefined> {
  return db.selectFrom("projects").selectAll().where("slug", "=", slug).executeTakeFirst();
}

async function updateProject(
  db: Db,
  id: string,
  patch: Partial<
    Pick<
      ProjectRow,
      "name" | "slug" | "updated_at" | "protected_labels" | "promotion_gate" | "allow_self_approval"
    >
  >,
): Promise<boolean> {
  const res = await db.updateTable("projects").set(patch).where("id", "=", id).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

async function deleteProject(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom("projects").where("id", "=", id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** The projects `userId` is a member of, personal first, then by name. */
async function listUserProjects(db: Db, userId: string): Promise<ProjectWithRole[]> {
  return db
    .selectFrom("projects")
    .innerJoin("project_members", "project_members.project_id", "projects.id")
    .selectAll("projects")
    .select("project_members.role")
    .where("project_members.user_id", "=", userId)
    .orderBy("projects.personal", "desc")
    .orderBy("projects.name")
    .orderBy("projects.id")
    .execute();
}

async function countCreatedProjects(db: Db, userId: string): Promise<number> {
  return byKey.count(db, "projects", { created_by: userId, personal: 0 });
}

// Members

async function insertMember(db: Db, row: MemberRow): Promise<void> {
  await db.insertInto("project_members").values(row).execute();
}

const memberOf = preparedQuery((db: Db, projectId: string, userId: string) =>
  db
    .selectFrom("project_members")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId),
);

async function findMember(db: Db, projectId: string, userId: string): Promise<MemberRow | undefined> {
  return (await memberOf(db, projectId, userId))[0];
}

async function listMembers(db: Db, projectId: string): Promise<MemberWithUser[]> {
  return db
    .selectFrom("project_members")
    .innerJoin("users", "users.id", "project_members.user_id")
    .selectAll("project_members")
    .select(["users.username", "users.email", "users.full_name"])
    .where("project_members.project_id", "=", projectId)
    .orderBy("project_members.created_at")
    .orderBy("project_members.user_id")
    .execute();
}

async function countMembers(db: Db, projectId: string): Promise<number> {
  return byKey.count(db, "project_members", { project_id: projectId });
}

async function countOwners(db: Db, projectId: string): Promise<number> {
  return byKey.count(db, "project_members", { project_id: projectId, role: "owner" });
}

async function setMemberRole(
  db: Db,
  projectId: string,
  userId: string,
  role: ProjectRole,
  now: string,
): Promise<boolean> {
  return (
    (await byKey.update(
      db,
      "project_members",
      { project_id: projectId, user_id: userId },
      { role, updated_at: now },
    )) === 1
  );
}

async function deleteMember(db: Db, projectId: string, userId: string): Promise<boolean> {
  return (await byKey.delete(db, "project_members", { project_id: projectId, user_id: userId })) === 1;
}

/** Locks the project row for the rest of the transaction (PostgreSQL), so owner counts cannot race. */
async function lockProject(db: Db, projectId: string): Promise<void> {
  // SQLite has no FOR UPDATE and needs none: its one connection runs one transaction at a time.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.selectFrom("projects").select("id").where("id", "=", projectId).forUpdate().execute();
  }
}

// Users (the few facts membership needs)

async function findUserById(
  db: Db,
  id: string,
): Promise<{ id: string; username: string; username_key: string; email: string } | undefined> {
  return db
    .selectFrom("users")
    .select(["id", "username", "username_key", "email"])
    .where("id", "=", id)
    .executeTakeFirst();
}

// Invitations

async function insertInvitation(db: Db, row: InvitationRow): Promise<void> {
  await db.insertInto("project_invitations").values(row).execute();
}

async function findInvitationByHash(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  return byKey.find(db, "project_invitations", { token_hash: tokenHash });
}

async function findInvitation(db: Db, projectId: string, id: string): Promise<InvitationRow | undefined> {
  return byKey.find(db, "project_invitations", { project_id: projectId, id });
}

/** Open invitations: neither accepted nor revoked, not yet expired. */
async function listOpenInvitations(db: Db, projectId: string, now: string): Promise<InvitationRow[]> {
  return newestFirst(
    db
      .selectFrom("project_invitations")
      .selectAll()
      .where("project_id", "=", projectId)
      .where("accepted_at", "is", null)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now),
    {},
  ).execute();
}

async function countOpenInvitations(db: Db, projectId: string, now: string): Promise<number> {
  const row = await db
    .selectFrom("project_invitations")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("project_id", "=", projectId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Spends an open invitation; false when it was spent, revoked or expired meanwhile (single use). */
async function markInvitationAccepted(db: Db, id: string, userId: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable("project_invitations")
    .set({ accepted_at: now, accepted_by: userId })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

async function markInvitationRevoked(db: Db, id: string, now: string): Promise<boolean> {
  return (
    (await byKey.update(
      db,
      "project_invitations",
      { id, accepted_at: null, revoked_at: null },
      { revoked_at: now },
    )) === 1
  );
}

// Project API keys

async function insertApiKey(db: Db, row: ApiKeyRow): Promise<void> {
  await db.insertInto("api_keys").values(row).execute();
}

async function listProjectApiKeys(db: Db, projectId: string): Promise<(ApiKeyRow & { username: string })[]> {
  return newestFirst(
    db
      .selectFrom("api_keys")
      .innerJoin("users", "users.id", "api_keys.user_id")
      .selectAll("api_keys")
      .select("users.username")
      .where("api_keys.project_id", "=", projectId),
    { table: "api_keys" },
  ).execute();
}

async function countProjectApiKeys(db: Db, projectId: string): Promise<number> {
  return byKey.count(db, "api_keys", { project_id: projectId });
}

async function deleteProjectApiKey(db: Db, projectId: string, id: string): Promise<boolean> {
  return (await byKey.delete(db, "api_keys", { project_id: projectId, id })) === 1;
}

const queries = {
  insertProject,
  insertPersonalProjectIfMissing,
  findPersonalProject,
  findProjectById,
  findProjectBySlug,
  updateProject,
  deleteProject,
  listUserProjects,
  countCreatedProjects,
  insertMember,
  findMember,
  listMembers,
  countMembers,
  countOwners,
  setMemberRole,
  deleteMember,
  lockProject,
  findUserById,
  insertInvitation,
  findInvitationByHash,
  findInvitation,
  listOpenInvitations,
  countOpenInvitations,
  markInvitationAccepted,
  markInvitationRevoked,
  insertApiKey,
  listProjectApiKeys,
  countProjectApiKeys,
  deleteProjectApiKey,
};

export const createProjectsRepository = repositoryOf(queries);
