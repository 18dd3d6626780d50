// The API's objects as the web app sees them. Every shape is the server's own: the analysis types
// come from the engine, the rest are the `Static<>` types of the TypeBox schemas the routes validate
// and serialise with, imported as types only, so the UI and the API cannot drift apart and no server
// code reaches the bundle (verbatimModuleSyntax erases `export type` lines).

import type { Static } from "typebox";
import type {
  CreatedInvitationSchema,
  CreatedProjectApiKeySchema,
  InvitationSchema,
  MemberSchema,
  ProjectApiKeySchema,
  ProjectSchema,
} from "../../../src/features/projects/projects-schemas.js";
import type { PromptDiff } from "../../../src/features/prompts/prompts-schemas.js";
import type { Template } from "../../../src/features/templates/templates-schemas.js";

export type {
  AnalysisResult,
  ChecklistEntry,
  EnhanceVariant,
  Finding,
  Scores,
  Severity,
  Span,
  Strategy,
  TargetLlm,
} from "../../../src/features/analysis/engine/types.js";
export { STRATEGIES, TARGET_LLMS } from "../../../src/features/analysis/engine/types.js";
export { AUDIT_ACTIONS } from "../../../src/features/audit/audit-actions.js";
export type { AuditEvent, AuditList, AuditVerify } from "../../../src/features/audit/audit-schemas.js";
export type {
  ApiKey,
  CreatedApiKey,
  TokenPair,
  User,
} from "../../../src/features/auth/auth-schemas.js";
export type { Scope } from "../../../src/features/projects/permissions.js";
export type { ProjectList } from "../../../src/features/projects/projects-schemas.js";
export { CATEGORIES, type Category } from "../../../src/features/prompts/prompt-enums.js";
export type {
  ExportDocument,
  Prompt,
  PromptDiff,
  PromptList,
  PromptVersion,
} from "../../../src/features/prompts/prompts-schemas.js";
export type { SignInMethods } from "../../../src/features/sso/sso-schemas.js";
export type {
  Template,
  TemplateList,
  TemplateUseResult,
} from "../../../src/features/templates/templates-schemas.js";

export type Project = Static<typeof ProjectSchema>;
export type Member = Static<typeof MemberSchema>;
export type Invitation = Static<typeof InvitationSchema>;
export type CreatedInvitation = Static<typeof CreatedInvitationSchema>;
export type ProjectApiKey = Static<typeof ProjectApiKeySchema>;
export type CreatedProjectApiKey = Static<typeof CreatedProjectApiKeySchema>;

/** One declared variable of a template, as the API returns it. */
export type TemplateVariable = Template["variables"][number];
/** One line of a version diff. */
export type DiffLine = PromptDiff["lines"][number];

/** GET /users/me/stats: the server's own type (users-service.ts), imported for its type only. */
export type { UserStats as Stats } from "../../../src/features/users/users-service.js";

export const TARGET_LABELS: Record<string, string> = {
  chatgpt: "ChatGPT",
  claude: "Claude",
  gemini: "Gemini",
  grok: "Grok",
  deepseek: "DeepSeek",
  generic: "Any model",
};
