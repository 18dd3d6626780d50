// The ordered list of migrations, compiled into the build so no file-system scanning is needed.
import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001-initial.js";
import * as m0002 from "./0002-session-cutoff.js";
import * as m0003 from "./0003-projects.js";
import * as m0004 from "./0004-audit.js";
import * as m0005 from "./0005-sso.js";
import * as m0006 from "./0006-score-engine-version.js";
import * as m0007 from "./0007-registry.js";
import * as m0008 from "./0008-webhooks.js";
import * as m0009 from "./0009-evaluations.js";
import * as m0010 from "./0010-evaluation-run-assertions.js";
import * as m0011 from "./0011-text-search.js";

const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-session-cutoff": m0002,
  "0003-projects": m0003,
  "0004-audit": m0004,
  "0005-sso": m0005,
  "0006-score-engine-version": m0006,
  "0007-registry": m0007,
  "0008-webhooks": m0008,
  "0009-evaluations": m0009,
  "0010-evaluation-run-assertions": m0010,
  "0011-text-search": m0011,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
