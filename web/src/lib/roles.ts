// What the web app needs to know about projects without React: where a project's routes start, which
// project is current, and which controls to show for my role.
//
// What a role may do is the server's decision (src/features/projects/permissions.ts). The browser only
// hides controls that would be refused, from the role the server reports for me in each project; these
// helpers are checked against that table by test/e2e/web-roles.test.ts.
import type { Project, Scope } from "./types.js";

export type { Project };
export type Role = Project["role"];

/**
 * The scopes a project API key may carry, in the server's order. Written out rather than imported:
 * permissions.ts pulls server code along; test/e2e/web-roles.test.ts checks the two lists agree.
 */
export const KEY_SCOPES = [
  "prompts:read",
  "prompts:write",
  "registry:read",
  "evaluations:run",
  "admin",
] as const satisfies readonly Scope[];

/** What each scope lets a key do, in words for the API-key form. */
export const SCOPE_HINTS: Record<Scope, string> = {
  "prompts:read": "read prompts, templates, datasets and runs",
  "prompts:write": "create, edit and delete prompts and templates",
  "registry:read": "fetch and compile labelled prompt versions",
  "evaluations:run": "start evaluation runs and edit datasets",
  admin: "members, API keys, webhooks and the audit log",
};

/** The start of a project's API paths: "" for the personal project, "/projects/<slug>" otherwise. */
export function projectBase(slug: string): string {
  return slug ? `/projects/${encodeURIComponent(slug)}` : "";
}

/**
 * The current project among `list` (my projects, personal first): the stored choice when I am still a
 * member, else the personal project. While the list loads, the stored slug is used as it is.
 */
export function resolveProject(
  stored: string,
  list: readonly Project[] | undefined,
): { slug: string; project: Project | undefined } {
  if (!list) return { slug: stored, project: undefined };
  const found = stored ? list.find((p) => p.slug === stored) : undefined;
  if (found && !found.personal) return { slug: found.slug, project: found };
  return { slug: "", project: list.find((p) => p.personal) };
}

/** Create, edit, delete and restore prompts and templates (`prompts:write`, `templates:write`). */
export function canWrite(role: Role | undefined): boolean {
  return role === "owner" || role === "admin" || role === "editor";
}

/** Invite, change roles, remove members, manage API keys and read the audit log. */
export function canManage(role: Role | undefined): boolean {
  return role === "owner" || role === "admin";
}

/** Make or unmake owners, delete the project. */
export function isOwner(role: Role | undefined): boolean {
  return role === "owner";
}

/** The roles a member with `role` may give (admins up to admin, owners any), most powerful first. */
export function grantableRoles(role: Role | undefined): Role[] {
  if (role === "owner") return ["owner", "admin", "editor", "viewer"];
  if (role === "admin") return ["admin", "editor", "viewer"];
  return [];
}

/** A slug suggested from a name: lower-case letters, digits and single inner hyphens, at most 63. */
export function slugFrom(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

/** Move and remove unprotected labels (`labels:move`). */
export function canMoveLabels(role: Role | undefined): boolean {
  return canWrite(role);
}

/** Ask for a protected label to move (`promotions:request`). */
export function canRequestPromotion(role: Role | undefined): boolean {
  return canWrite(role);
}

/** Approve or reject promotions, change protected labels, the gate and webhooks (`promotions:approve`,
 * `labels:protect`, `webhooks:manage`). */
export function canApprove(role: Role | undefined): boolean {
  return role === "owner" || role === "admin";
}

/**
 * Whether I may decide this promotion now: it is pending, my role approves, and I did not request it
 * unless the project allows self-approval (the server checks the same and answers 403 otherwise).
 */
export function mayDecide(
  role: Role | undefined,
  promotion: { status: string; requested_by: { id: string } | null },
  myUserId: string | undefined,
  allowSelfApproval: boolean,
): boolean {
  if (promotion.status !== "pending" || !canApprove(role) || !myUserId) return false;
  return allowSelfApproval || promotion.requested_by?.id !== myUserId;
}

/** A label name the registry accepts (`latest` is the newest version and never set by hand). */
export const LABEL_PATTERN = /^[a-z0-9._-]{1,40}$/;
export function labelProblem(label: string): string | null {
  if (!LABEL_PATTERN.test(label)) return "Use 1–40 lower-case letters, digits, dots, dashes or underscores.";
  if (label === "latest") return "“latest” always means the newest version; it cannot be moved.";
  return null;
}
