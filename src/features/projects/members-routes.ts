// HTTP routes of a project's people and keys, mounted at /api/v1: members, invitations (and accepting
// one), and the project's API keys. Each route is schema + auth + one service call; the services decide.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { resourceRoutes } from "../../http/resource-routes.js";
import { routeTable } from "../../http/route-kit.js";
import type { InvitationsService } from "./invitations-service.js";
import type { MembersService } from "./members-service.js";
import { callerOf } from "./project-context.js";
import type { ProjectKeysService } from "./project-keys-service.js";
import {
  CreatedInvitationSchema,
  CreatedProjectApiKeySchema,
  CreateInvitationBodySchema,
  CreateProjectApiKeyBodySchema,
  InvitationListSchema,
  InvitationTokenParamsSchema,
  MemberListSchema,
  MemberParamsSchema,
  MemberSchema,
  ProjectApiKeyListSchema,
  ProjectItemParamsSchema,
  ProjectParamsSchema,
  ProjectSchema,
  RoleBodySchema,
} from "./projects-schemas.js";

export interface MembersRoutesOptions {
  members: MembersService;
  invitations: InvitationsService;
  keys: ProjectKeysService;
}

const membersRoutes: FastifyPluginAsyncTypebox<MembersRoutesOptions> = async (
  app,
  { members, invitations, keys },
) => {
  // A project's routes take project API keys (their scopes are checked by the services).
  const inProject = (tag: string) =>
    routeTable(app, { tags: [tag], errors: [401, 403, 404], auth: "project", context: callerOf });
  const people = inProject("members");
  // The params of a project's collection of items (invitations, API keys) and of one item.
  const projectCollection = { collectionParams: ProjectParamsSchema, params: ProjectItemParamsSchema };

  resourceRoutes(
    people,
    "/projects/:project/members",
    { ...members, update: (caller, ref, userId, body) => members.setRole(caller, ref, userId, body.role) },
    {
      key: "user_id",
      params: MemberParamsSchema,
      collectionParams: ProjectParamsSchema,
      list: { summary: "Members of a project and their roles", response: MemberListSchema },
      update: {
        summary: "Change a member's role (admins: up to admin; owners: any, never leaving no owner)",
        body: RoleBodySchema,
        response: MemberSchema,
        errors: [409, 422],
      },
      remove: {
        summary: "Remove a member, or leave (your own user id); the last owner cannot leave",
        errors: [409],
      },
    },
  );

  resourceRoutes(
    people,
    "/projects/:project/invitations",
    { ...invitations, remove: invitations.revoke },
    {
      ...projectCollection,
      create: {
        summary: "Invite someone by e-mail (single-use link, valid 7 days)",
        description:
          "With SMTP configured the link is e-mailed and neither `token` nor `url` is returned (`emailed: true`); without, they are returned once, for the inviter to pass on. A mail server that cannot be reached is 503 and the invitation is withdrawn.",
        body: CreateInvitationBodySchema,
        response: CreatedInvitationSchema,
        errors: [409, 422, 503],
      },
      list: {
        summary: "Open invitations (not accepted, withdrawn or expired)",
        response: InvitationListSchema,
      },
      remove: { summary: "Withdraw an open invitation" },
    },
  );

  // Accepting an invitation takes the invited person's account, never a project API key.
  const invited = routeTable(app, {
    tags: ["members"],
    errors: [401, 403, 404],
    auth: "account",
    context: callerOf,
  });
  invited.post("/invitations/:token/accept", {
    summary: "Accept an invitation: join the project with the invited role",
    description:
      "Needs a signed-in account whose e-mail is the invited one (403 otherwise). An unknown token is 404; a used, withdrawn or expired one 410.",
    params: InvitationTokenParamsSchema,
    response: { 200: ProjectSchema },
    errors: [409, 410],
    handler: (req, caller) => invitations.accept(caller, req.params.token),
  });

  resourceRoutes(
    inProject("api-keys"),
    "/projects/:project/api-keys",
    { ...keys, remove: keys.revoke },
    {
      ...projectCollection,
      create: {
        summary: "Create a project API key with scopes (the secret is shown once)",
        description:
          "Scopes: prompts:read, prompts:write, registry:read, evaluations:run, admin; none beyond your own role. The key acts with its creator's role in the project, limited to its scopes.",
        body: CreateProjectApiKeyBodySchema,
        response: CreatedProjectApiKeySchema,
        errors: [422],
      },
      list: { summary: "The project's API keys (never their secrets)", response: ProjectApiKeyListSchema },
      remove: { summary: "Revoke a project API key" },
    },
  );
};

export default membersRoutes;
