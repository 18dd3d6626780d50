// SQL of projects: the projects themselves, their members, invitations and project API keys. Plain rows
// in, plain rows out; decisions (who may, the last-owner rule) live in the projects service.
import { type ExpressionBuilder, PostgresAdapter } from "kysely";
import {
  type Bound,
  byKey,
  countOf,
  type Db,
  newestFirst,
  preparedRow,
  type Row,
  repositoryOf,
  rowsChanged,
  withUsername,
} from "../../db/repository.js";
import type { Database, ProjectRole } from "../../db/schema.js";

/** The repository's queries (what a transaction's callback receives). */
export type ProjectsQueries = Bound<typeof queries>;

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
const findPersonalProject = preparedRow((db: Db, userId: string) =>
  db.selectFrom("projects").selectAll().where("created_by", "=", userId).where("personal", "=", 1),
);

async function findProjectById(db: Db, id: string): Promise<ProjectRow | undefined> {
  return byKey.find(db, "projects", { id });
}

async function findProjectBySlug(db: Db, slug: string): Promise<ProjectRow | undefined> {
  return byKey.find(db, "projects", { slug });
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
  return byKey.updateOne(db, "projects", { id }, patch);
}

async function deleteProject(db: Db, id: string): Promise<boolean> {
  return byKey.deleteOne(db, "projects", { id });
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

const findMember = preparedRow((db: Db, projectId: string, userId: string) =>
  db
    .selectFrom("project_members")
    .selectAll()
    .where("project_id", "=", projectId)
    .where("user_id", "=", userId),
);

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
  const member = { project_id: projectId, user_id: userId };
  return byKey.updateOne(db, "project_members", member, { role, updated_at: now });
}

async function deleteMember(db: Db, projectId: string, userId: string): Promise<boolean> {
  return byKey.deleteOne(db, "project_members", { project_id: projectId, user_id: userId });
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
  return byKey.find(db, "users", { id }, ["id", "username", "username_key", "email"]);
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

/** An invitation still open at `now`: neither accepted nor revoked, not yet expired. */
function isOpen(now: string) {
  return (eb: ExpressionBuilder<Database, "project_invitations">) =>
    eb.and([eb("accepted_at", "is", null), eb("revoked_at", "is", null), eb("expires_at", ">", now)]);
}

/** Open invitations, newest first. */
async function listOpenInvitations(db: Db, projectId: string, now: string): Promise<InvitationRow[]> {
  const open = db.selectFrom("project_invitations").selectAll().where("project_id", "=", projectId);
  return newestFirst(open.where(isOpen(now)), {}).execute();
}

async function countOpenInvitations(db: Db, projectId: string, now: string): Promise<number> {
  return countOf(db.selectFrom("project_invitations").where("project_id", "=", projectId).where(isOpen(now)));
}

/** Spends an open invitation; false when it was spent, revoked or expired meanwhile (single use). */
async function markInvitationAccepted(db: Db, id: string, userId: string, now: string): Promise<boolean> {
  const accepted = db
    .updateTable("project_invitations")
    .set({ accepted_at: now, accepted_by: userId })
    .where("id", "=", id)
    .where(isOpen(now));
  return (await rowsChanged(accepted)) === 1;
}

async function markInvitationRevoked(db: Db, id: string, now: string): Promise<boolean> {
  const pending = { id, accepted_at: null, revoked_at: null };
  return byKey.updateOne(db, "project_invitations", pending, { revoked_at: now });
}

// Project API keys

async function insertApiKey(db: Db, row: ApiKeyRow): Promise<void> {
  await db.insertInto("api_keys").values(row).execute();
}

async function listProjectApiKeys(db: Db, projectId: string): Promise<(ApiKeyRow & { username: string })[]> {
  return newestFirst(
    withUsername(db, "api_keys", "user_id", "username", "inner").where("api_keys.project_id", "=", projectId),
    { table: "api_keys" },
  ).execute();
}

async function countProjectApiKeys(db: Db, projectId: string): Promise<number> {
  return byKey.count(db, "api_keys", { project_id: projectId });
}

async function deleteProjectApiKey(db: Db, projectId: string, id: string): Promise<boolean> {
  return byKey.deleteOne(db, "api_keys", { project_id: projectId, id });
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
