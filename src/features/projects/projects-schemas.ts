// Request and response schemas of /api/v1/projects: projects, members, invitations and project API keys.
import { type Static, Type } from "typebox";
import { ID_PATTERN } from "../../db/ids.js";
import { ROLES, SCOPES } from "./permissions.js";
import { PROJECT_LIMITS, SLUG_PATTERN } from "./projects-service.js";

const Timestamp = Type.String({ format: "date-time" });
export const RoleSchema = Type.Enum([...ROLES], {
  description: "owner, admin, editor or viewer (docs/teams.md)",
});
export const ScopeSchema = Type.Enum([...SCOPES], {
  description: "prompts:read, prompts:write, registry:read, evaluations:run or admin",
});

const GateSchema = Type.Object(
  {
    min_score: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        description: "Minimum overall score of the version to promote",
      }),
    ),
    block_new_errors: Type.Optional(
      Type.Boolean({ description: "Block a new error-severity finding (one the labelled version lacks)" }),
    ),
  },
  { additionalProperties: false },
);
const LabelName = Type.String({
  pattern: "^[a-z0-9._-]{1,40}$",
  "x-rule": "must be 1–40 characters of a-z, 0-9, '.', '_' and '-'",
});

export const ProjectSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  slug: Type.String(),
  personal: Type.Boolean({ description: "The user's own project, made at registration" }),
  role: RoleSchema,
  // Always returned; optional in the schema so clients typed before the registry still compile.
  protected_labels: Type.Optional(
    Type.Array(Type.String(), {
      description: "Labels moved only by an approved promotion (docs/registry.md)",
    }),
  ),
  promotion_gate: Type.Optional(
    Type.Union([GateSchema, Type.Null()], {
      description: "The quality gate promotions must pass; null: none",
    }),
  ),
  allow_self_approval: Type.Optional(
    Type.Boolean({ description: "A requester may approve their own promotion" }),
  ),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const ProjectListSchema = Type.Object({ items: Type.Array(ProjectSchema) });
export type ProjectList = Static<typeof ProjectListSchema>;

const Name = Type.String({
  minLength: 1,
  maxLength: PROJECT_LIMITS.name,
  pattern: "\\S",
  "x-rule": `must be 1–${PROJECT_LIMITS.name} characters, not only spaces`,
});
const Slug = Type.String({
  minLength: 1,
  maxLength: PROJECT_LIMITS.slug,
  pattern: SLUG_PATTERN,
  "x-rule": `must be 1–${PROJECT_LIMITS.slug} lower-case letters, digits and inner hyphens`,
  description: "Unique on this instance; usable instead of the id in every /projects/:project route.",
  examples: ["support-bot"],
});

export const CreateProjectBodySchema = Type.Object(
  { name: Name, slug: Slug },
  { additionalProperties: false },
);
export const UpdateProjectBodySchema = Type.Object(
  {
    name: Type.Optional(Name),
    slug: Type.Optional(Slug),
    // Registry settings (labels:protect; never with an API key): only the fields given change.
    protected_labels: Type.Optional(
      Type.Array(LabelName, { maxItems: PROJECT_LIMITS.protectedLabels, uniqueItems: true }),
    ),
    promotion_gate: Type.Optional(Type.Union([GateSchema, Type.Null()])),
    allow_self_approval: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBodySchema>;

export const ProjectParamsSchema = Type.Object({
  project: Type.String({ minLength: 1, maxLength: 100, description: "The project's slug or id" }),
});
export const MemberParamsSchema = Type.Object({
  project: ProjectParamsSchema.properties.project,
  user_id: Type.String({ pattern: ID_PATTERN }),
});
export const ProjectItemParamsSchema = Type.Object({
  project: ProjectParamsSchema.properties.project,
  id: Type.String({ pattern: ID_PATTERN }),
});

export const MemberSchema = Type.Object({
  user_id: Type.String(),
  username: Type.String(),
  full_name: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  created_at: Timestamp,
});
export const MemberListSchema = Type.Object({ items: Type.Array(MemberSchema) });
export const RoleBodySchema = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const CreateInvitationBodySchema = Type.Object(
  {
    email: Type.String({
      pattern: "^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+$",
      maxLength: 254,
      "x-rule": "must be an e-mail address such as name@example.com",
    }),
    role: RoleSchema,
  },
  { additionalProperties: false },
);
export type CreateInvitationBody = Static<typeof CreateInvitationBodySchema>;

export const CreatedInvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  expires_at: Timestamp,
  emailed: Type.Boolean({ description: "true when the link was sent by e-mail (SMTP configured)" }),
  token: Type.Optional(
    Type.String({ description: "Only without SMTP: give it to the invitee. Shown once." }),
  ),
  url: Type.Optional(
    Type.String({ description: "Only without SMTP: the link that accepts the invitation." }),
  ),
});
export const InvitationSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  created_at: Timestamp,
  expires_at: Timestamp,
});
export const InvitationListSchema = Type.Object({ items: Type.Array(InvitationSchema) });
export const InvitationTokenParamsSchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 200 }),
});

export const ProjectApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(ScopeSchema),
  created_by: Type.Object({ id: Type.String(), username: Type.String() }),
  created_at: Timestamp,
  expires_at: Type.Union([Timestamp, Type.Null()]),
  last_used_at: Type.Union([Timestamp, Type.Null()]),
});
export const CreatedProjectApiKeySchema = Type.Object({
  ...ProjectApiKeySchema.properties,
  key: Type.String({ description: "The secret. Shown only in this response: store it now." }),
});
export const ProjectApiKeyListSchema = Type.Object({ items: Type.Array(ProjectApiKeySchema) });
export const CreateProjectApiKeyBodySchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      pattern: "\\S",
      "x-rule": "must be 1–100 characters, not only spaces",
    }),
    scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: SCOPES.length, uniqueItems: true }),
    expires_at: Type.Optional(
      Type.String({ format: "date-time", description: "When the key stops working" }),
    ),
  },
  { additionalProperties: false },
);
export type CreateProjectApiKeyBody = Static<typeof CreateProjectApiKeyBodySchema>;
