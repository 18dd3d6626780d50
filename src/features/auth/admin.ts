// Operator actions on accounts that have no HTTP endpoint (the `promptforge admin` command uses them):
// granting and withdrawing the admin role. A change is recorded in the instance audit log, with the
// operator's command line as the actor.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { found } from "../../http/errors.js";
import { createAuditService } from "../audit/audit-service.js";
import { changeInstanceRole } from "./accounts.js";
import { createAuthRepository } from "./auth-repository.js";
import type { User } from "./auth-schemas.js";
import { toUser } from "./auth-service.js";

/** Gives the user called `username` (any case) the role `role`; throws NotFoundError if there is none. */
export async function setUserRole(
  db: Kysely<Database>,
  username: string,
  role: "user" | "admin",
  clock: () => number = Date.now,
): Promise<User> {
  const repo = createAuthRepository(db);
  const audit = createAuditService({ db, clock, config: { AUDIT_EXPORT_MAX_ROWS: 0 } });
  const user = found(await repo.findUserByUsernameKey(username.trim().toLowerCase()), `User '${username}'`);
  if (user.role === role) return toUser(user);
  const updatedAt = new Date(clock()).toISOString();
  await changeInstanceRole(
    { users: repo, audit },
    { user, role, updatedAt, actor: { type: "system", id: "cli" }, origin: undefined },
  );
  return toUser({ ...user, role, updated_at: updatedAt });
}
