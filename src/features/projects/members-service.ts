// Project members: list, change a role, remove (or leave). The rules: admins manage editors and viewers,
// owners also manage owners; the last owner can neither leave nor be demoted; personal projects have one
// member, their owner. Role checks come from permissions.ts; counting owners and changing a role happen
// in one transaction with the project row locked, so two owners demoting each other cannot leave none.
import type { Db } from "../../db/repository.js";
import { ConflictError, found } from "../../http/errors.js";
import { pick } from "../../lib/pick.js";
import { iso } from "../../lib/time.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import { authorize, type ProjectAccess, type ProjectRole } from "./permissions.js";
import {
  createProjectsRepository,
  type MemberWithUser,
  type ProjectsQueries,
} from "./projects-repository.js";
import type { Caller, ProjectsService } from "./projects-service.js";

export interface Member {
  user_id: string;
  username: string;
  full_name: string | null;
  role: ProjectRole;
  created_at: string;
}

export interface MembersServiceDeps {
  db: Db;
  clock: () => number;
  projects: Pick<ProjectsService, "accessFor">;
  /** Role changes and removals go to the project's audit log; role changes to the instance's too. */
  audit: AuditRecorder;
}

export type MembersService = ReturnType<typeof createMembersService>;

function toMember(row: MemberWithUser): Member {
  return pick(row, ["user_id", "username", "full_name", "role", "created_at"]);
}

export const lastOwner = () =>
  new ConflictError(
    "A project keeps at least one owner: make another member owner first",
    undefined,
    "last_owner",
  );
export const personalProject = () =>
  new ConflictError(
    "A personal project has one member, its owner: create a project to work with others",
    undefined,
    "personal_project",
  );

export function createMembersService(deps: MembersServiceDeps) {
  const { clock, projects, audit } = deps;
  const recordMember = recorderFor(audit, "member");
  const repo = createProjectsRepository(deps.db);

  /** Changing an owner, or making one, is the owners' business; everything else the admins'. */
  function authorizeChange(access: ProjectAccess, from: ProjectRole, to?: ProjectRole): void {
    authorize(access, "members:manage");
    if (from === "owner" || to === "owner") authorize(access, "owners:manage");
  }

  async function requireMember(tx: Pick<ProjectsQueries, "findMember">, projectId: string, userId: string) {
    return found(await tx.findMember(projectId, userId), "Member");
  }

  /** The caller's role as it is now, under the lock: a change that raced ahead of this request counts. */
  async function currentAccess(
    tx: Pick<ProjectsQueries, "findMember">,
    access: ProjectAccess,
  ): Promise<ProjectAccess> {
    const me = found(await tx.findMember(access.projectId, access.userId), "Project");
    return { ...access, role: me.role };
  }

  async function list(caller: Caller, ref: string): Promise<{ items: Member[] }> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "members:read");
    return { items: (await repo.listMembers(access.projectId)).map(toMember) };
  }

  async function setRole(caller: Caller, ref: string, userId: string, role: ProjectRole): Promise<Member> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "members:manage");
    if (Number(access.project.personal) === 1) throw personalProject();
    await repo.transaction(async (tx, trx) => {
      await tx.lockProject(access.projectId);
      const current = await currentAccess(tx, access);
      const member = await requireMember(tx, access.projectId, userId);
      authorizeChange(current, member.role, role);
      if (member.role === role) return;
      if (member.role === "owner" && (await tx.countOwners(access.projectId)) <= 1) throw lastOwner();
      await tx.setMemberRole(access.projectId, userId, role, iso(clock()));
      // Role changes are security events: the instance administrators see them too.
      for (const projectId of [access.projectId, null]) {
        await audit.record(
          {
            projectId,
            action: "member.role_change",
            target: { type: "member", id: userId },
            summary: { from: member.role, to: role, project_id: access.projectId },
          },
          access.origin,
          trx,
        );
      }
    });
    const members = await repo.listMembers(access.projectId);
    const row = found(
      members.find((m) => m.user_id === userId),
      "Member",
    );
    return toMember(row);
  }

  /** Removes a member; anyone may remove themselves (leave), except the last owner. */
  async function remove(caller: Caller, ref: string, userId: string): Promise<void> {
    const access = await projects.accessFor(caller, ref);
    const leaving = userId === access.userId && caller.apiKey === undefined;
    if (!leaving) authorize(access, "members:manage");
    if (Number(access.project.personal) === 1) throw personalProject();
    await repo.transaction(async (tx, trx) => {
      await tx.lockProject(access.projectId);
      const current = await currentAccess(tx, access);
      const member = await requireMember(tx, access.projectId, userId);
      if (!leaving) authorizeChange(current, member.role);
      if (member.role === "owner" && (await tx.countOwners(access.projectId)) <= 1) throw lastOwner();
      await tx.deleteMember(access.projectId, userId);
      await recordMember(access, "member.remove", userId, { role: member.role, left: leaving }, trx);
    });
  }

  return { list, setRole, remove };
}
