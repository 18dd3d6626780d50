// Adds users.sessions_valid_after: access tokens issued before it are refused, so a password change
// ends other sessions at once rather than when their 30-minute access tokens run out.
import type { Db } from "./schema-kit.js";

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable("users").addColumn("sessions_valid_after", "text").execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable("users").dropColumn("sessions_valid_after").execute();
}
