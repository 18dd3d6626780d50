// Tampering with the audit log in the database, as the verification tests do: change an entry, look at
// what verification says, and put the entry back as it was.
import type { Updateable } from "kysely";
import type { Db } from "../../src/db/repository.js";
import type { AuditEventsTable } from "../../src/db/schema.js";

/** Sets `changes` on audit entry `id`, runs `check` against the tampered log, then writes `original` back. */
export async function whileTampered(
  db: Db,
  id: string,
  changes: Updateable<AuditEventsTable>,
  original: Updateable<AuditEventsTable>,
  check: () => Promise<void>,
): Promise<void> {
  await db.updateTable("audit_events").set(changes).where("id", "=", id).execute();
  await check();
  await db.updateTable("audit_events").set(original).where("id", "=", id).execute();
}
