// Projects: create, list, read, rename, delete; every user's personal project (made at registration, or
// on first use for accounts that predate it); and accessFor(), which turns a caller and a `:project`
// reference (slug or id; none = the personal project or the API key's project) into the ProjectAccess
// every project-scoped service checks with permissions.ts. Outside your projects everything is 404.
import { newId } from "../../db/ids.js";
import { type Db, isUniqueViolation } from "../../db/repository.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../http/errors.js";
import type { RequestOrigin } from "../../http/route-kit.js";
import { parseJsonOr } from "../../lib/json.js";
import { iso } from "../../lib/time.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import type { AuthCache } from "../auth/auth-cache.js";
import { authorize, type ProjectAccess, type ProjectRole, SCOPES, type Scope } from "./permissions.js";
import {
  createProjectsRepository,
  type MemberRow,
  type ProjectRow,
  REGISTRY_DEFAULTS,
} from "./projects-repository.js";

export const PROJECT_LIMITS = {
  name: 100,
  slug: 63,
  /** Shared projects one account may create (personal projects are not counted). */
  projectsPerUser: 100,
  /** Labels a project may protect. */
  protectedLabels: 20,
} as const;

/** Lower-case letters, digits and inner hyphens; "~" is reserved for personal projects. */
export const SLUG_PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";
const SLUG = new RegExp(SLUG_PATTERN);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Who calls: the signed-in user, and the API key used if any. */
export interface Caller {
  id: string;
  username: string;
  apiKey?: { id: string; projectId: string | null; scopes: readonly string[] | null };
  /** The request's actor, address and id, for the audit log. */
  origin?: RequestOrigin;
}

export interface Project {
  id: string;
  name: string;
  slug: string;
  personal: boolean;
  /** The caller's role in the project. */
  role: ProjectRole;
  /** Registry settings: labels moved only by promotion, the promotion gate, self-approval. */
  protected_labels: string[];
  promotion_gate: { min_score?: number; block_new_errors?: boolean } | null;
  allow_self_approval: boolean;
  created_at: string;
  updated_at: string;
}

export interface ProjectInput {
  name: string;
  slug: string;
}

/** What PATCH /projects/:project may change: the name and slug, and the registry settings. */
export interface ProjectPatch extends Partial<ProjectInput> {
  protected_labels?: string[];
  promotion_gate?: { min_score?: number; block_new_errors?: boolean } | null;
  allow_self_approval?: boolean;
}

export interface ProjectsServiceDeps {
  db: Db;
  clock: () => number;
  /** Project creation, changes and deletion are recorded in the audit log. */
  audit: AuditRecorder;
  /**
   * The auth look-up cache, shared for the project and membership rows accessFor reads on every request
   * in a project (same staleness bound: a write to projects or project_members empties it); absent =
   * read every time.
   */
  cache?: Pick<AuthCache, "lookup">;
}

export type ProjectsService = ReturnType<typeof createProjectsService>;

/** What accessFor finds: the caller's access and the project row. */
export type CallerAccess = ProjectAccess & { project: ProjectRow };

export function toProject(row: ProjectRow, role: ProjectRole): Project {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    personal: Number(row.personal) === 1,
    role,
    protected_labels: parseJsonOr<string[]>(row.protected_labels, ["production"]),
    promotion_gate: parseJsonOr<Project["promotion_gate"]>(row.promotion_gate, null),
    allow_self_approval: Number(row.allow_self_approval) === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid project: ${field} ${message}`, [{ field, message }]);
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || [...trimmed].length > PROJECT_LIMITS.name)
    throw invalid("name", `must be 1–${PROJECT_LIMITS.name} characters, not only spaces`);
  return trimmed;
}

function checkSlug(slug: string): string {
  if (!SLUG.test(slug) || UUID.test(slug))
    throw invalid(
      "slug",
      `must be 1–${PROJECT_LIMITS.slug} lower-case letters, digits and inner hyphens (and not shaped like an id)`,
    );
  return slug;
}

const slugTaken = () => new ConflictError("A project with that slug already exists", undefined, "slug_taken");

/** Scopes as stored (a JSON array), keeping only the ones PromptForge knows. */
export function parseScopes(json: string | null): Scope[] | null {
  if (json === null) return null;
  const list = JSON.parse(json) as unknown;
  return Array.isArray(list)
    ? ((SCOPES as readonly string[]).filter((s) => list.includes(s)) as Scope[])
    : [];
}

export function createProjectsService(deps: ProjectsServiceDeps) {
  const { clock, audit } = deps;
  const recordProject = recorderFor(audit, "project");
  const repo = createProjectsRepository(deps.db);
  // Cached rows are shared by concurrent requests: frozen, so no caller can change another's copy.
  // A row the cache holds comes back as a value, not a promise: accessFor runs on every signed-in
  // request in a project, and a promise per look-up was measurable there.
  const cached = <T extends object>(
    key: string,
    load: () => Promise<T | undefined>,
  ): T | Promise<T | undefined> => {
    const cache = deps.cache;
    if (!cache) return load();
    return cache.lookup(key, async () => {
      const row = await load();
      return row && Object.freeze(row);
    });
  };
  const findPersonalProject = (userId: string) =>
    cached(`personal-project:${userId}`, () => repo.findPersonalProject(userId));
  const findProjectById = (id: string) => cached(`project:${id}`, () => repo.findProjectById(id));
  const findMember = (projectId: string, userId: string) =>
    cached(`member:${projectId}:${userId}`, () => repo.findMember(projectId, userId));

  /** The user's personal project, made now if the account predates projects or its creation failed. */
  async function personalProject(user: { id: string; username: string }): Promise<ProjectRow> {
    const found = await findPersonalProject(user.id);
    if (found) return found;
    const now = iso(clock());
    const key = user.username.toLowerCase();
    // The "~" namespace cannot clash with a shared project; an orphaned personal slug of a deleted
    // account with the same name gets a suffix.
    for (const slug of [`~${key}`, `~${key}-${newId(clock()).slice(-8)}`]) {
      const row: ProjectRow = {
        id: newId(clock()),
        name: `${user.username}'s project`,
        slug,
        personal: 1,
        ...REGISTRY_DEFAULTS,
        created_by: user.id,
        created_at: now,
        updated_at: now,
      };
      await repo.transaction(async (tx) => {
        await tx.insertPersonalProjectIfMissing(row);
        if (await tx.findProjectById(row.id)) {
          await tx.insertMember({
            project_id: row.id,
            user_id: user.id,
            role: "owner",
            created_at: now,
            updated_at: now,
          });
        }
      });
      const made = await repo.findPersonalProject(user.id);
      if (made) return made;
    }
    throw new ConflictError("Could not create the personal project");
  }

  async function findByRef(ref: string): Promise<ProjectRow | undefined> {
    return UUID.test(ref) ? repo.findProjectById(ref) : repo.findProjectBySlug(ref);
  }

  /**
   * What `caller` may do in the project `ref` names (slug or id), or in their default project when
   * `ref` is undefined: a project API key's own project, else the caller's personal project.
   * 404 for a project the caller is not in (or a key's other projects); the action checks come later.
   */
  function accessFor(caller: Caller, ref?: string): CallerAccess | Promise<CallerAccess> {
    if (ref !== undefined) return accessByRef(caller, ref);
    // The usual request, in its default project: a plain value, no promise, while the auth cache holds
    // both rows; each look-up runs once either way.
    const key = caller.apiKey;
    const found = key?.projectId ? findProjectById(key.projectId) : findPersonalProject(caller.id);
    if (found instanceof Promise) return found.then((project) => inDefaultProject(caller, project));
    return inDefaultProject(caller, found);
  }

  /** accessFor in the caller's default project once its row is known (none yet: see personalProject). */
  function inDefaultProject(
    caller: Caller,
    project: ProjectRow | undefined,
  ): CallerAccess | Promise<CallerAccess> {
    if (project) return withMembership(caller, project);
    // Accounts made before projects get theirs on first use; a project key's project is gone.
    return (async () => {
      if (caller.apiKey?.projectId) throw new NotFoundError("Project");
      return withMembership(caller, await personalProject(caller));
    })();
  }

  async function accessByRef(caller: Caller, ref: string): Promise<CallerAccess> {
    const key = caller.apiKey;
    let project = await findByRef(ref);
    // Accounts made before projects get theirs on first use, under any reference to it.
    if (!project && ref.toLowerCase() === `~${caller.username.toLowerCase()}`)
      project = await personalProject(caller);
    // A user-level key acts on its owner's personal project only; a project key on its project only.
    if (project && key) {
      const allowed = key.projectId
        ? project.id === key.projectId
        : Number(project.personal) === 1 && project.created_by === caller.id;
      if (!allowed) project = undefined;
    }
    if (!project) throw new NotFoundError("Project");
    return withMembership(caller, project);
  }

  /** accessOf with the caller's membership row, a plain value while the auth cache holds it. */
  function withMembership(caller: Caller, project: ProjectRow): CallerAccess | Promise<CallerAccess> {
    const member = findMember(project.id, caller.id);
    if (member instanceof Promise) return member.then((row) => accessOf(caller, project, row));
    return accessOf(caller, project, member);
  }

  /** The caller's access to `project` given their membership row (none: 404, or 403 for a project key). */
  function accessOf(caller: Caller, project: ProjectRow, member: MemberRow | undefined): CallerAccess {
    const key = caller.apiKey;
    if (!member) {
      if (key?.projectId)
        throw new ForbiddenError("This API key's creator is no longer a member of its project");
      throw new NotFoundError("Project");
    }
    const scopes = key?.projectId ? ((key.scopes as Scope[] | null) ?? []) : null;
    return {
      project,
      projectId: project.id,
      userId: caller.id,
      role: member.role,
      scopes,
      ...(caller.origin ? { origin: caller.origin } : {}),
    };
  }

  async function create(caller: Caller, input: ProjectInput): Promise<Project> {
    const name = checkName(input.name);
    const slug = checkSlug(input.slug);
    if ((await repo.countCreatedProjects(caller.id)) >= PROJECT_LIMITS.projectsPerUser)
      throw invalid(
        "slug",
        `cannot be added: an account may create at most ${PROJECT_LIMITS.projectsPerUser} projects`,
      );
    const now = iso(clock());
    const row: ProjectRow = {
      id: newId(clock()),
      name,
      slug,
      personal: 0,
      ...REGISTRY_DEFAULTS,
      created_by: caller.id,
      created_at: now,
      updated_at: now,
    };
    if (await repo.findProjectBySlug(slug)) throw slugTaken();
    try {
      await repo.transaction(async (tx, trx) => {
        await tx.insertProject(row);
        await tx.insertMember({
          project_id: row.id,
          user_id: caller.id,
          role: "owner",
          created_at: now,
          updated_at: now,
        });
        await recordProject(
          { projectId: row.id, origin: caller.origin },
          "project.create",
          row.id,
          { name, slug, owner_id: caller.id },
          trx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw slugTaken();
      throw e;
    }
    return toProject(row, "owner");
  }

  async function list(caller: Caller): Promise<{ items: Project[] }> {
    await personalProject(caller);
    const rows = await repo.listUserProjects(caller.id);
    return { items: rows.map((r) => toProject(r, r.role)) };
  }

  async function get(caller: Caller, ref: string): Promise<Project> {
    const access = await accessFor(caller, ref);
    authorize(access, "project:read");
    return toProject(access.project, access.role);
  }

  async function update(caller: Caller, ref: string, patch: ProjectPatch): Promise<Project> {
    const access = await accessFor(caller, ref);
    const registry =
      patch.protected_labels !== undefined ||
      patch.promotion_gate !== undefined ||
      patch.allow_self_approval !== undefined;
    if (patch.name !== undefined || patch.slug !== undefined || !registry)
      authorize(access, "project:update");
    const changes: Partial<
      Pick<ProjectRow, "name" | "slug" | "protected_labels" | "promotion_gate" | "allow_self_approval">
    > & { updated_at: string } = { updated_at: iso(clock()) };
    if (registry) {
      // Unprotecting a label is a way around promotions, so no API key may do it, whatever its scopes.
      if (caller.apiKey)
        throw new ForbiddenError("No API key can change registry settings, whatever its scopes");
      authorize(access, "labels:protect");
      if (patch.protected_labels !== undefined) {
        if (patch.protected_labels.includes("latest"))
          throw invalid("protected_labels", "cannot include latest (it always means the newest version)");
        changes.protected_labels = JSON.stringify([...new Set(patch.protected_labels)].sort());
      }
      if (patch.promotion_gate !== undefined)
        changes.promotion_gate = patch.promotion_gate === null ? null : JSON.stringify(patch.promotion_gate);
      if (patch.allow_self_approval !== undefined)
        changes.allow_self_approval = patch.allow_self_approval ? 1 : 0;
    }
    if (patch.name !== undefined) changes.name = checkName(patch.name);
    if (patch.slug !== undefined && patch.slug !== access.project.slug) {
      if (Number(access.project.personal) === 1)
        throw invalid("slug", "of a personal project cannot change (it is ~<username>)");
      changes.slug = checkSlug(patch.slug);
      if (await repo.findProjectBySlug(changes.slug)) throw slugTaken();
    }
    try {
      await repo.transaction(async (tx, trx) => {
        await tx.updateProject(access.projectId, changes);
        await recordProject(
          access,
          "project.update",
          access.projectId,
          {
            ...(changes.name !== undefined ? { name_from: access.project.name, name: changes.name } : {}),
            ...(changes.slug !== undefined ? { slug_from: access.project.slug, slug: changes.slug } : {}),
            ...(changes.protected_labels !== undefined
              ? {
                  protected_labels_from: access.project.protected_labels,
                  protected_labels: changes.protected_labels,
                }
              : {}),
            ...(changes.promotion_gate !== undefined
              ? {
                  promotion_gate_from: access.project.promotion_gate,
                  promotion_gate: changes.promotion_gate,
                }
              : {}),
            ...(changes.allow_self_approval !== undefined
              ? { allow_self_approval: changes.allow_self_approval === 1 }
              : {}),
          },
          trx,
        );
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw slugTaken();
      throw e;
    }
    return toProject({ ...access.project, ...changes }, access.role);
  }

  async function remove(caller: Caller, ref: string): Promise<void> {
    const access = await accessFor(caller, ref);
    authorize(access, "project:delete");
    if (Number(access.project.personal) === 1)
      throw new ConflictError("A personal project cannot be deleted", undefined, "personal_project");
    // Prompts, templates, members, invitations and keys go with it (ON DELETE CASCADE). The project's own
    // audit chain can no longer be read through it, so the deletion is recorded at instance level.
    await repo.transaction(async (tx, trx) => {
      if (!(await tx.deleteProject(access.projectId))) throw new NotFoundError("Project");
      await audit.record(
        {
          projectId: null,
          action: "project.delete",
          target: { type: "project", id: access.projectId },
          summary: { name: access.project.name, slug: access.project.slug },
        },
        access.origin,
        trx,
      );
    });
  }

  return { personalProject, accessFor, create, list, get, update, remove };
}
