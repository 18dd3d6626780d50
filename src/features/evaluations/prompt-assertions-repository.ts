// SQL of the assertions declared per prompt (table prompt_assertions, one row per prompt holding the
// JSON list). Plain rows in and out; the same queries run on SQLite and PostgreSQL.
import { byKey, type Db, type Row, repositoryOf, withUsername } from "../../db/repository.js";

export type PromptAssertionsRow = Row<"prompt_assertions">;

export interface AssertionsPromptRow {
  id: string;
  name: string;
}

/** The prompt in the project (the assertions hang on it), or undefined. */
async function findPrompt(db: Db, projectId: string, id: string): Promise<AssertionsPromptRow | undefined> {
  return byKey.find(db, "prompts", { id, project_id: projectId }, ["id", "name"]);
}

/** The declared assertions with their author's name, or undefined when the prompt never declared any. */
async function findAssertions(
  db: Db,
  promptId: string,
): Promise<(PromptAssertionsRow & { updated_by_username: string | null }) | undefined> {
  return withUsername(db, "prompt_assertions", "updated_by", "updated_by_username")
    .where("prompt_assertions.prompt_id", "=", promptId)
    .executeTakeFirst();
}

async function upsertAssertions(db: Db, row: PromptAssertionsRow): Promise<void> {
  await db
    .insertInto("prompt_assertions")
    .values(row)
    .onConflict((oc) =>
      oc.column("prompt_id").doUpdateSet({
        assertions: row.assertions,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export const createPromptAssertionsRepository = repositoryOf({
  findPrompt,
  findAssertions,
  upsertAssertions,
});
