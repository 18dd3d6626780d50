// The one permission table of PromptForge projects: every action a project member or a project API key
// can take, the roles allowed to take it, and the API-key scope that names it. Services ask `authorize`
// (or `can`); routes never decide. docs/teams.md's roles table is checked against this file by a test,
// and test/api/project-permissions.test.ts exercises every role × every action from it.
import type { ProjectRole } from "../../db/schema.js";
import { ForbiddenError } from "../../http/errors.js";
import type { RequestOrigin } from "../../http/route-kit.js";

export type { ProjectRole };

/** Most powerful first. */
export const ROLES = ["owner", "admin", "editor", "viewer"] as const satisfies readonly ProjectRole[];

/** What a project API key may be allowed to do. A key does only what one of its scopes names. */
export const SCOPES = ["prompts:read", "prompts:write", "registry:read", "evaluations:run", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

const OWNER: ProjectRole[] = ["owner"];
const ADMIN: ProjectRole[] = ["owner", "admin"];
const EDITOR: ProjectRole[] = ["owner", "admin", "editor"];
const VIEWER: ProjectRole[] = ["owner", "admin", "editor", "viewer"];

export interface Permission {
  /** Roles allowed to take the action. */
  roles: readonly ProjectRole[];
  /** The key scope that names the action; null: any key of the project may (reading the project itself). */
  scope: Scope | null;
  /** One line for the docs. */
  description: string;
}

/** Every project action. Later features (registry, evaluations, audit) find theirs here already. */
export const PERMISSIONS = {
  "project:read": { roles: VIEWER, scope: null, description: "See the project's name, slug and your role" },
  "project:update": { roles: ADMIN, scope: "admin", description: "Rename the project or change its slug" },
  "project:delete": { roles: OWNER, scope: "admin", description: "Delete the project and everything in it" },
  "members:read": { roles: VIEWER, scope: "admin", description: "List members and their roles" },
  "members:manage": {
    roles: ADMIN,
    scope: "admin",
    description: "Invite members, change roles up to admin, remove non-owners, revoke invitations",
  },
  "owners:manage": {
    roles: OWNER,
    scope: "admin",
    description: "Make a member owner, change or remove an owner (never the last one)",
  },
  "api_keys:manage": {
    roles: ADMIN,
    scope: "admin",
    description: "Create, list and revoke the project's API keys",
  },
  "prompts:read": {
    roles: VIEWER,
    scope: "prompts:read",
    description: "Read prompts, versions, diffs, exports",
  },
  "prompts:write": {
    roles: EDITOR,
    scope: "prompts:write",
    description: "Create, edit, import, restore, analyse into and delete prompts",
  },
  "analysis:run": {
    roles: VIEWER,
    scope: "prompts:read",
    description: "Analyse and enhance text (a stored prompt's analysis also needs prompts:write)",
  },
  "templates:read": {
    roles: VIEWER,
    scope: "prompts:read",
    description: "Read and render the project's templates",
  },
  "templates:write": {
    roles: EDITOR,
    scope: "prompts:write",
    description: "Create, replace, delete and clone templates (saving a render as a prompt is prompts:write)",
  },
  "registry:read": {
    roles: VIEWER,
    scope: "registry:read",
    description: "Fetch and compile labelled prompt versions",
  },
  "labels:move": { roles: EDITOR, scope: "prompts:write", description: "Move unprotected labels" },
  "labels:protect": {
    roles: ADMIN,
    scope: "admin",
    description: "Change which labels are protected, the promotion gates and self-approval",
  },
  "promotions:request": { roles: EDITOR, scope: "prompts:write", description: "Request a promotion" },
  "promotions:approve": { roles: ADMIN, scope: "admin", description: "Approve or reject a promotion" },
  "datasets:read": { roles: VIEWER, scope: "prompts:read", description: "Read datasets" },
  "datasets:write": {
    roles: EDITOR,
    scope: "evaluations:run",
    description: "Create, edit and delete datasets",
  },
  "evaluations:read": {
    roles: VIEWER,
    scope: "prompts:read",
    description: "Read evaluation runs and results",
  },
  "evaluations:run": {
    roles: EDITOR,
    scope: "evaluations:run",
    description: "Start and cancel evaluation runs",
  },
  "webhooks:manage": { roles: ADMIN, scope: "admin", description: "Create, change and delete webhooks" },
  "audit:read": {
    roles: ADMIN,
    scope: "admin",
    description: "Read, export and verify the project's audit log",
  },
} as const satisfies Record<string, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** The lowest role a key's creator needs to grant each scope: a key never exceeds its creator. */
export const SCOPE_MIN_ROLE: Record<Scope, ProjectRole> = {
  "prompts:read": "viewer",
  "registry:read": "viewer",
  "prompts:write": "editor",
  "evaluations:run": "editor",
  admin: "admin",
};

/** Who is acting in a project: a member's role, and for a project API key the scopes it carries. */
export interface ProjectAccess {
  projectId: string;
  /** The acting user (for a key, the user who created it). */
  userId: string;
  role: ProjectRole;
  /** Null for people and user-level keys (the role alone decides); the key's scopes otherwise. */
  scopes: readonly Scope[] | null;
  /** Who made the request and from where, for the audit log (absent outside a request). */
  origin?: RequestOrigin;
}

export function roleAllows(role: ProjectRole, action: Action): boolean {
  return (PERMISSIONS[action].roles as readonly ProjectRole[]).includes(role);
}

export function scopesAllow(scopes: readonly Scope[] | null, action: Action): boolean {
  if (scopes === null) return true;
  const needed = PERMISSIONS[action].scope;
  return needed === null || scopes.includes(needed);
}

export function can(access: Pick<ProjectAccess, "role" | "scopes">, action: Action): boolean {
  return roleAllows(access.role, action) && scopesAllow(access.scopes, action);
}

/** Throws 403 in the error shape when `access` may not take `action`. */
export function authorize(access: Pick<ProjectAccess, "role" | "scopes">, action: Action): void {
  if (!roleAllows(access.role, action)) {
    throw new ForbiddenError(`Your role in this project (${access.role}) does not allow ${action}`);
  }
  if (!scopesAllow(access.scopes, action)) {
    throw new ForbiddenError(
      `This API key's scopes do not include ${PERMISSIONS[action].scope} (needed for ${action})`,
    );
  }
}

/** True when the request came with an API key (project or user-level), whatever its scopes. */
export function viaApiKey(access: Pick<ProjectAccess, "scopes" | "origin">): boolean {
  return access.scopes !== null || access.origin?.actor?.type === "api_key";
}

/** At least as powerful as `other`. */
export function roleAtLeast(role: ProjectRole, other: ProjectRole): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(other);
}

/** The actions a role may take, for the API and the docs. */
export function actionsOf(role: ProjectRole): Action[] {
  return ACTIONS.filter((a) => roleAllows(role, a));
}
