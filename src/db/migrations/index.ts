// The ordered list of migrations, compiled into the build so no file-system scanning is needed.
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-initial.js";

const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
