// What every way of making or changing an account shares: the row of a new account (registration and
// single sign-on) and an audited change of the instance role (the operator's CLI and the SSO role map).
import type { RequestOrigin } from "../../http/route-kit.js";
import type { AuditEntry, AuditRecorder } from "../audit/audit-service.js";
import type { AuthRepository, UserRow } from "./auth-repository.js";

/** A new account's row. Every account starts as a plain user; only an operator or the SSO role map makes admins. */
export function newUserRow(
  fields: Pick<UserRow, "id" | "username" | "email" | "password_hash" | "full_name">,
  now: string,
): UserRow {
  return {
    ...fields,
    username_key: fields.username.toLowerCase(),
    role: "user",
    created_at: now,
    updated_at: now,
    last_active_at: null,
    sessions_valid_after: null,
  };
}

/** Sets `user`'s instance role and records it in the audit log, both in one transaction. */
export async function changeInstanceRole(
  deps: { users: Pick<AuthRepository, "transaction">; audit: AuditRecorder },
  change: {
    user: UserRow;
    role: "user" | "admin";
    updatedAt: string;
    actor: NonNullable<AuditEntry["actor"]>;
    origin: RequestOrigin | undefined;
  },
): Promise<void> {
  const { user, role, updatedAt, actor, origin } = change;
  await deps.users.transaction(async (tx, trx) => {
    await tx.updateUser(user.id, { role, updated_at: updatedAt });
    await deps.audit.record(
      {
        projectId: null,
        action: "user.role_change",
        target: { type: "user", id: user.id },
        actor,
        summary: { from: user.role, to: role, scope: "instance" },
      },
      origin,
      trx,
    );
  });
}
