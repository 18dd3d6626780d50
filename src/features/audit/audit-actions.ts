// The audit log's fixed vocabularies: action names (also the bounded label of audit_events_total), actor
// kinds and target kinds. Plain constants with no schema code, so the web app can import them.

/** Every action the log records. A new one is added here, to docs/teams.md and to docs/api.md. */
export const AUDIT_ACTIONS = [
  // Instance level
  "auth.login",
  "auth.login_failed",
  "auth.sso_login",
  "auth.sso_login_failed",
  "auth.password_change",
  "user.register",
  "user.role_change",
  // Project level (personal API keys are instance-level, project keys project-level)
  "project.create",
  "project.update",
  "project.delete",
  "member.add",
  "member.role_change",
  "member.remove",
  "invitation.create",
  "invitation.accept",
  "invitation.revoke",
  "api_key.create",
  "api_key.revoke",
  "webhook.create",
  "webhook.update",
  "webhook.delete",
  "prompt.create",
  "prompt.update",
  "prompt.delete",
  "prompt.restore",
  "template.create",
  "template.update",
  "template.delete",
  "label.move",
  "label.remove",
  "promotion.request",
  "promotion.approve",
  "promotion.reject",
  "dataset.create",
  "dataset.update",
  "dataset.delete",
  "dataset.import",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const ACTOR_TYPES = ["user", "api_key", "anonymous", "system"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const TARGET_TYPES = [
  "user",
  "project",
  "member",
  "invitation",
  "api_key",
  "webhook",
  "prompt",
  "template",
  "promotion",
  "dataset",
] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
