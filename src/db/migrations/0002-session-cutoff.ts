// Adds users.sessions_valid_after: access tokens issued before it are refused, so a password change
// ends other sessions at once rather than when their 30-minute access tokens run out.
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  await kit.addColumns(db, "users", kit.optionalText("sessions_valid_after"));
}

export async function down(db: kit.Db): Promise<void> {
  await kit.dropColumns(db, "users", "sessions_valid_after");
}
