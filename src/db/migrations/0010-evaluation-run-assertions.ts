// Evaluation runs remember whether they checked the prompt's declared assertions (1) or assertions given
// with the start request (0): the promotion gate counts only the former, so a run with a trivial
// override cannot pass it. Runs made before this column existed are counted as overrides (not trusted).
import type { Db } from "./schema-kit.js";

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable("evaluation_runs")
    .addColumn("declared_assertions", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable("evaluation_runs").dropColumn("declared_assertions").execute();
}
