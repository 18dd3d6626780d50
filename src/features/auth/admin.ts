// Operator actions on accounts that have no HTTP endpoint (the `promptforge admin` command uses them):
// granting and withdrawing the admin role.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { NotFoundError } from "../../http/errors.js";
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
  const user = await repo.findUserByUsernameKey(username.trim().toLowerCase());
  if (!user) throw new NotFoundError(`User '${username}'`);
  const updatedAt = new Date(clock()).toISOString();
  await repo.updateUser(user.id, { role, updated_at: updatedAt });
  return toUser({ ...user, role, updated_at: updatedAt });
}
