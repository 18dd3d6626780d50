// OIDC_ROLE_MAP applied to the groups a provider sends: whether the user is an instance admin, and
// which project roles they hold. Pure functions, so the rules are tested without a provider.
import { SSO_PROJECT_ROLES, type SsoRoleMapping } from "../../config.js";

export type ProjectRole = (typeof SSO_PROJECT_ROLES)[number];

/** A role in one project (by slug) that a user's groups give them. */
export interface ProjectGrant {
  project: string;
  role: ProjectRole;
}

/**
 * True when one of `groups` maps to instance:admin, false when none does, and null when the map names
 * no instance:admin group at all (the provider then does not decide the instance role). Group names
 * compare exactly, case included, as providers send them.
 */
export function wantsInstanceAdmin(
  map: readonly SsoRoleMapping[],
  groups: readonly string[],
): boolean | null {
  const adminGroups = map.filter((m) => m.target.kind === "instance").map((m) => m.group);
  if (adminGroups.length === 0) return null;
  return groups.some((g) => adminGroups.includes(g));
}

/** The project roles `groups` map to, the highest one per project when several groups name it. */
export function projectGrants(map: readonly SsoRoleMapping[], groups: readonly string[]): ProjectGrant[] {
  const best = new Map<string, ProjectRole>();
  for (const { group, target } of map) {
    if (target.kind !== "project" || !groups.includes(group)) continue;
    const held = best.get(target.project);
    if (!held || SSO_PROJECT_ROLES.indexOf(target.role) > SSO_PROJECT_ROLES.indexOf(held)) {
      best.set(target.project, target.role);
    }
  }
  return [...best].map(([project, role]) => ({ project, role }));
}
