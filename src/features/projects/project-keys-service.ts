// API keys that belong to a project: created by an admin or owner with a name, scopes and an optional
// expiry; the secret is shown once. A key acts as its creator, limited to its scopes and to the
// creator's current role in the project (permissions.ts), so it never does more than either allows.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../http/errors.js";
import { iso } from "../../lib/time.js";
import { type AuditRecorder, writeAudited } from "../audit/audit-service.js";
import { hashSecret, newApiKey } from "../auth/tokens.js";
import { authorize, type ProjectAccess, roleAtLeast, SCOPE_MIN_ROLE, type Scope } from "./permissions.js";
import { type ApiKeyRow, createProjectsRepository } from "./projects-repository.js";
import { type Caller, type ProjectsService, parseScopes } from "./projects-service.js";

/** Keys one project may hold. */
export const MAX_PROJECT_API_KEYS = 50;
/** Characters of the key shown in lists, as for user-level keys. */
const PREFIX_LENGTH = 10;
/** The furthest expiry accepted: ten years. */
const MAX_EXPIRY_MS = 10 * 365 * 86400_000;

export interface ProjectApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  created_by: { id: string; username: string };
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

export interface ProjectKeysServiceDeps {
  /** Key creation and revocation go to the project's audit log and the instance's. */
  audit: AuditRecorder;
  db: Db;
  clock: () => number;
  projects: Pick<ProjectsService, "accessFor">;
}

export type ProjectKeysService = ReturnType<typeof createProjectKeysService>;

function toKey(row: ApiKeyRow & { username: string }): ProjectApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes) ?? [],
    created_by: { id: row.user_id, username: row.username },
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
  };
}

export function createProjectKeysService(deps: ProjectKeysServiceDeps) {
  const { clock, projects, audit } = deps;

  /** Project key events are security events: recorded in the project's chain and the instance's. */
  async function recordKey(
    access: ProjectAccess,
    action: "api_key.create" | "api_key.revoke",
    id: string,
    summary: Record<string, string | string[] | null>,
    trx: Db,
  ) {
    for (const projectId of [access.projectId, null]) {
      await audit.record(
        {
          projectId,
          action,
          target: { type: "api_key", id },
          summary: { ...summary, scope: "project", project_id: access.projectId },
        },
        access.origin,
        trx,
      );
    }
  }
  const repo = createProjectsRepository(deps.db);

  async function create(
    caller: Caller,
    ref: string,
    input: { name: string; scopes: Scope[]; expires_at?: string },
  ): Promise<ProjectApiKey & { key: string }> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "api_keys:manage");
    // Never more than the creator: each scope needs a role (and a key creating keys, that scope itself).
    for (const scope of input.scopes) {
      if (!roleAtLeast(access.role, SCOPE_MIN_ROLE[scope]))
        throw new ForbiddenError(`Your role (${access.role}) cannot grant the scope ${scope}`);
      if (access.scopes && !access.scopes.includes(scope))
        throw new ForbiddenError(`This API key cannot grant the scope ${scope}, which it does not hold`);
    }
    const now = clock();
    let expiresAt: string | null = null;
    if (input.expires_at !== undefined) {
      const at = Date.parse(input.expires_at);
      if (!Number.isFinite(at) || at <= now || at > now + MAX_EXPIRY_MS)
        throw new ValidationError("Invalid API key: expires_at must be in the future and within ten years", [
          { field: "expires_at", message: "must be in the future and within ten years" },
        ]);
      expiresAt = iso(at);
    }
    if ((await repo.countProjectApiKeys(access.projectId)) >= MAX_PROJECT_API_KEYS)
      throw new ValidationError(
        `Invalid API key: name cannot be added: a project may hold at most ${MAX_PROJECT_API_KEYS} API keys; revoke one first`,
        [{ field: "name", message: `cannot be added: at most ${MAX_PROJECT_API_KEYS} keys per project` }],
      );
    const key = newApiKey();
    const scopes = [...new Set(input.scopes)];
    const row: ApiKeyRow = {
      id: newId(now),
      user_id: access.userId,
      project_id: access.projectId,
      name: input.name.trim(),
      prefix: key.slice(0, PREFIX_LENGTH),
      key_hash: hashSecret(key),
      scopes: JSON.stringify(scopes),
      created_at: iso(now),
      expires_at: expiresAt,
      last_used_at: null,
    };
    const created = { key_name: row.name, scopes, expires_at: expiresAt };
    await writeAudited(
      repo,
      (tx) => tx.insertApiKey(row),
      (trx) => recordKey(access, "api_key.create", row.id, created, trx),
    );
    return { ...toKey({ ...row, username: caller.username }), key };
  }

  async function list(caller: Caller, ref: string): Promise<{ items: ProjectApiKey[] }> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "api_keys:manage");
    return { items: (await repo.listProjectApiKeys(access.projectId)).map(toKey) };
  }

  async function revoke(caller: Caller, ref: string, id: string): Promise<void> {
    const access = await projects.accessFor(caller, ref);
    authorize(access, "api_keys:manage");
    await repo.transaction(async (tx, trx) => {
      if (!(await tx.deleteProjectApiKey(access.projectId, id))) throw new NotFoundError("API key");
      await recordKey(access, "api_key.revoke", id, {}, trx);
    });
  }

  return { create, list, revoke };
}
