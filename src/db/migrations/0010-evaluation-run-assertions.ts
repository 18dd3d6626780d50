// Evaluation runs remember whether they checked the prompt's declared assertions (1) or assertions given
// with the start request (0): the promotion gate counts only the former, so a run with a trivial
// override cannot pass it. Runs made before this column existed are counted as overrides (not trusted).
import * as kit from "./schema-kit.js";

export async function up(db: kit.Db): Promise<void> {
  await kit.addColumns(db, "evaluation_runs", kit.integerDefault("declared_assertions", 0));
}

export async function down(db: kit.Db): Promise<void> {
  await kit.dropColumns(db, "evaluation_runs", "declared_assertions");
}
