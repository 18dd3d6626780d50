// The project roles OIDC_ROLE_MAP gives: at each single sign-on, a member of a mapped group joins the
// project with the mapped role, or is raised to it. The provider only ever grants: a lower mapped role
// never demotes a member, and leaving a group removes no one (that stays a project admin's decision,
// with the last-owner rule). A slug that names no project, or a personal one, is skipped and logged.
import type { Logger } from "pino";
import type { Db } from "../../db/repository.js";
import type { RequestOrigin } from "../../http/route-kit.js";
import { iso } from "../../lib/time.js";
import type { AuditRecorder } from "../audit/audit-service.js";
import { roleAtLeast } from "../projects/permissions.js";
import { createProjectsRepository } from "../projects/projects-repository.js";
import type { ProjectGrant } from "./role-mapping.js";

/** Who changes roles on the provider's word, in the audit log. */
export const SSO_ACTOR = { type: "system" as const, id: "sso" };

export interface ProjectGrantsDeps {
  db: Db;
  clock: () => number;
  logger: Pick<Logger, "info" | "warn">;
  /** Each membership made or raised is audited like a project admin's change, by the actor "sso". */
  audit: AuditRecorder;
}

export function createProjectGrants(deps: ProjectGrantsDeps) {
  const { clock, logger, audit } = deps;
  const repo = createProjectsRepository(deps.db);

  /** Gives `userId` each granted role it does not hold yet (joining, or moving up). */
  return async function grantProjectRoles(
    userId: string,
    grants: readonly ProjectGrant[],
    origin?: RequestOrigin,
  ): Promise<void> {
    for (const grant of grants) {
      const project = await repo.findProjectBySlug(grant.project);
      if (!project || Number(project.personal) === 1) {
        logger.warn({ project: grant.project }, "OIDC_ROLE_MAP names a project that does not exist; skipped");
        continue;
      }
      const changed = await repo.transaction(async (tx, trx) => {
        // The same lock the members service takes, so a grant and a demotion never interleave.
        await tx.lockProject(project.id);
        const member = await tx.findMember(project.id, userId);
        const now = iso(clock());
        const target = { type: "member" as const, id: userId };
        if (!member) {
          await tx.insertMember({
            project_id: project.id,
            user_id: userId,
            role: grant.role,
            created_at: now,
            updated_at: now,
          });
          await audit.record(
            {
              projectId: project.id,
              action: "member.add",
              target,
              actor: SSO_ACTOR,
              summary: { role: grant.role },
            },
            origin,
            trx,
          );
          return true;
        }
        if (roleAtLeast(member.role, grant.role)) return false;
        await tx.setMemberRole(project.id, userId, grant.role, now);
        // Role changes are security events: the instance chain gets a copy, as for an admin's change.
        for (const projectId of [project.id, null]) {
          await audit.record(
            {
              projectId,
              action: "member.role_change",
              target,
              actor: SSO_ACTOR,
              summary: { from: member.role, to: grant.role, project_id: project.id },
            },
            origin,
            trx,
          );
        }
        return true;
      });
      if (changed) {
        logger.info(
          { user_id: userId, project_id: project.id, role: grant.role },
          "Single sign-on granted a project role",
        );
      }
    }
  };
}
