// Invitations to a project: a single-use token link, valid INVITATION_TTL (7 days by default), stored only
// as its SHA-256. With SMTP configured the link is e-mailed to the invitee and never shown to the inviter;
// without, the inviter gets it to pass on. Accepting needs a signed-in account with the invited e-mail.
import type { Config } from "../../config.js";
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import {
  AppError,
  ConflictError,
  found,
  NotFoundError,
  ServiceUnavailableError,
  ValidationError,
} from "../../http/errors.js";
import type { Mailer } from "../../lib/mailer.js";
import { pick } from "../../lib/pick.js";
import { iso } from "../../lib/time.js";
import type { InvitationResult, Metrics } from "../../observability/metrics.js";
import { type AuditRecorder, recorderFor, writeAudited } from "../audit/audit-service.js";
import { hashSecret, newSecret } from "../auth/tokens.js";
import { personalProject } from "./members-service.js";
import { authorize, type ProjectRole } from "./permissions.js";
import { createProjectsRepository, type InvitationRow } from "./projects-repository.js";
import { type Caller, type Project, type ProjectsService, toProject } from "./projects-service.js";

/** Open invitations one project may have at a time. */
export const MAX_OPEN_INVITATIONS = 100;
/** Members one project may have. */
export const MAX_MEMBERS = 500;

export interface CreatedInvitation {
  id: string;
  email: string;
  role: ProjectRole;
  expires_at: string;
  emailed: boolean;
  token?: string;
  url?: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: ProjectRole;
  created_at: string;
  expires_at: string;
}

export interface InvitationsServiceDeps {
  db: Db;
  clock: () => number;
  config: Pick<Config, "PUBLIC_URL" | "INVITATION_TTL">;
  metrics: Pick<Metrics, "invitationsTotal">;
  mailer: Mailer | null;
  projects: Pick<ProjectsService, "accessFor">;
  /** Invitations made, withdrawn and accepted go to the project's audit log (never the token). */
  audit: AuditRecorder;
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;

const INVITATION_TOKEN = /^pfi_[A-Za-z0-9_-]{43}$/;

function toInvitation(row: InvitationRow): Invitation {
  return pick(row, ["id", "email", "role", "created_at", "expires_at"]);
}

export function createInvitationsService(deps: InvitationsServiceDeps) {
  const { clock, config, metrics, mailer, projects, audit } = deps;
  const recordInvitation = recorderFor(audit, "invitation");
  const recordMember = recorderFor(audit, "member");
  const repo = createProjectsRepository(deps.db);
  const count = (result: InvitationResult) => metrics.invitationsTotal.labels(result).inc();

  /** The link the invitee opens: the web app's page, which accepts through the API once signed in. */
  function linkOf(token: string): string {
    const base = (config.PUBLIC_URL ?? "").replace(/\/+$/, "");
    return `${base}/invitations/${token}`;
  }

  async function create(caller: Caller, ref: string, input: { email: string; role: ProjectRole }) {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "members:manage");
    if (input.role === "owner") authorize(access, "owners:manage");
    if (Number(access.project.personal) === 1) throw personalProject();
    const email = input.email.trim().toLowerCase();
    const now = clock();
    if ((await repo.countOpenInvitations(access.projectId, iso(now))) >= MAX_OPEN_INVITATIONS)
      throw new ValidationError(
        `Invalid invitation: email cannot be added: a project may have at most ${MAX_OPEN_INVITATIONS} open invitations; revoke one first`,
        [{ field: "email", message: `cannot be added: at most ${MAX_OPEN_INVITATIONS} open invitations` }],
      );
    const members = await repo.listMembers(access.projectId);
    if (members.some((m) => m.email === email))
      throw new ConflictError("That person is already a member of this project", undefined, "already_member");
    if (members.length >= MAX_MEMBERS)
      throw new ValidationError(`Invalid invitation: a project may have at most ${MAX_MEMBERS} members`, [
        { field: "email", message: `cannot be added: at most ${MAX_MEMBERS} members` },
      ]);

    const token = newSecret("pfi_");
    const row: InvitationRow = {
      id: newId(now),
      project_id: access.projectId,
      email,
      role: input.role,
      token_hash: hashSecret(token),
      invited_by: access.userId,
      created_at: iso(now),
      expires_at: iso(now + config.INVITATION_TTL * 1000),
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    };
    const created = { email, role: row.role, expires_at: row.expires_at };
    await writeAudited(
      repo,
      (tx) => tx.insertInvitation(row),
      (trx) => recordInvitation(access, "invitation.create", row.id, created, trx),
    );
    count("created");
    const out: CreatedInvitation = {
      id: row.id,
      email,
      role: row.role,
      expires_at: row.expires_at,
      emailed: false,
    };
    if (!mailer) return { ...out, token, url: linkOf(token) };
    try {
      await mailer.send({
        to: email,
        subject: `You are invited to ${access.project.name} on PromptForge`,
        text: [
          `${caller.username} invited you to the PromptForge project "${access.project.name}" as ${row.role}.`,
          "",
          `Accept the invitation (sign in with this e-mail address first): ${linkOf(token)}`,
          "",
          `The link works once and expires at ${row.expires_at}. If you did not expect it, ignore this e-mail.`,
        ].join("\n"),
      });
    } catch {
      // A link nobody received must not stay usable: withdraw it, and say so.
      await repo.transaction(async (tx, trx) => {
        await tx.markInvitationRevoked(row.id, iso(clock()));
        await recordInvitation(
          access,
          "invitation.revoke",
          row.id,
          { email, role: row.role, reason: "email_failed" },
          trx,
        );
      });
      count("email_failed");
      throw new ServiceUnavailableError(
        "The invitation e-mail could not be sent (mail server unavailable); nothing was sent, try again later",
      );
    }
    count("emailed");
    return { ...out, emailed: true };
  }

  async function list(caller: Caller, ref: string): Promise<{ items: Invitation[] }> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "members:manage");
    return { items: (await repo.listOpenInvitations(access.projectId, iso(clock()))).map(toInvitation) };
  }

  async function revoke(caller: Caller, ref: string, id: string): Promise<void> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "members:manage");
    const row = await repo.findInvitation(access.projectId, id);
    if (!row || row.accepted_at || row.revoked_at) throw new NotFoundError("Invitation");
    if (row.role === "owner") authorize(access, "owners:manage");
    await repo.transaction(async (tx, trx) => {
      if (!(await tx.markInvitationRevoked(id, iso(clock())))) throw new NotFoundError("Invitation");
      await recordInvitation(
        access,
        "invitation.revoke",
        id,
        { email: row.email, role: row.role, reason: "revoked" },
        trx,
      );
    });
    count("revoked");
  }

  /** Makes the signed-in caller a member with the invited role; the token works once. */
  async function accept(caller: Caller, token: string): Promise<Project> {
    const row = INVITATION_TOKEN.test(token) ? await repo.findInvitationByHash(hashSecret(token)) : undefined;
    const now = iso(clock());
    if (!row) {
      count("refused");
      throw new NotFoundError("Invitation");
    }
    if (row.accepted_at || row.revoked_at) {
      count("refused");
      throw new AppError(410, "invitation_used", "This invitation was already used or was withdrawn");
    }
    if (row.expires_at <= now) {
      count("expired");
      throw new AppError(410, "invitation_expired", "This invitation has expired: ask for a new one");
    }
    const user = await repo.findUserById(caller.id);
    if (!user || user.email !== row.email) {
      count("refused");
      throw new AppError(
        403,
        "invitation_email_mismatch",
        "This invitation is for another e-mail address: sign in with the invited account",
      );
    }
    await repo
      .transaction(async (tx, trx) => {
        if (await tx.findMember(row.project_id, caller.id))
          throw new ConflictError("You are already a member of this project", undefined, "already_member");
        if (!(await tx.markInvitationAccepted(row.id, caller.id, now)))
          throw new AppError(410, "invitation_used", "This invitation was already used or was withdrawn");
        await tx.insertMember({
          project_id: row.project_id,
          user_id: caller.id,
          role: row.role,
          created_at: now,
          updated_at: now,
        });
        const actor = { projectId: row.project_id, origin: caller.origin };
        const summary = { email: row.email, role: row.role, member_id: caller.id };
        await recordInvitation(actor, "invitation.accept", row.id, summary, trx);
        await recordMember(actor, "member.add", caller.id, { role: row.role, invitation_id: row.id }, trx);
      })
      .catch((e: unknown) => {
        count("refused");
        throw e;
      });
    count("accepted");
    const project = found(await repo.findProjectById(row.project_id), "Project");
    return toProject(project, row.role);
  }

  return { create, list, revoke, accept };
}
