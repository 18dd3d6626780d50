// HTTP routes of a project's people and keys, mounted at /api/v1: members, invitations (and accepting
// one), and the project's API keys. Each route is schema + auth + one service call; the services decide.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Static, TSchema } from "typebox";
import { NoContentSchema, type RouteTable, routeTable } from "../../http/route-kit.js";
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
import type { Caller } from "./projects-service.js";

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

  people.get("/projects/:project/members", {
    summary: "Members of a project and their roles",
    params: ProjectParamsSchema,
    response: { 200: MemberListSchema },
    handler: (req, caller) => members.list(caller, req.params.project),
  });

  people.patch("/projects/:project/members/:user_id", {
    summary: "Change a member's role (admins: up to admin; owners: any, never leaving no owner)",
    params: MemberParamsSchema,
    body: RoleBodySchema,
    response: { 200: MemberSchema },
    errors: [409, 422],
    handler: (req, caller) => members.setRole(caller, req.params.project, req.params.user_id, req.body.role),
  });

  people.delete("/projects/:project/members/:user_id", {
    summary: "Remove a member, or leave (your own user id); the last owner cannot leave",
    params: MemberParamsSchema,
    response: { 204: NoContentSchema },
    errors: [409],
    handler: (req, caller) => members.remove(caller, req.params.project, req.params.user_id),
  });

  projectCollection(people, "invitations", invitations, {
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
    revoke: { summary: "Withdraw an open invitation" },
  });

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

  projectCollection(inProject("api-keys"), "api-keys", keys, {
    create: {
      summary: "Create a project API key with scopes (the secret is shown once)",
      description:
        "Scopes: prompts:read, prompts:write, registry:read, evaluations:run, admin; none beyond your own role. The key acts with its creator's role in the project, limited to its scopes.",
      body: CreateProjectApiKeyBodySchema,
      response: CreatedProjectApiKeySchema,
      errors: [422],
    },
    list: { summary: "The project's API keys (never their secrets)", response: ProjectApiKeyListSchema },
    revoke: { summary: "Revoke a project API key" },
  });
};

export default membersRoutes;

/** What a collection of a project's items (invitations, API keys) offers its routes. */
interface CollectionService<B, C> {
  create(caller: Caller, ref: string, body: B): Promise<C>;
  list(caller: Caller, ref: string): Promise<unknown>;
  revoke(caller: Caller, ref: string, id: string): Promise<void>;
}

/**
 * The three routes of a project's collection of items, which differ only by path, service and schemas:
 * POST /projects/:project/<path> (201), GET /projects/:project/<path>, DELETE /projects/:project/<path>/:id (204).
 */
function projectCollection<B extends TSchema, C extends TSchema>(
  route: RouteTable<Caller>,
  path: string,
  service: CollectionService<Static<B>, Static<C>>,
  spec: {
    create: { summary: string; description: string; body: B; response: C; errors: readonly number[] };
    list: { summary: string; response: TSchema };
    revoke: { summary: string };
  },
): void {
  const { create, list, revoke } = spec;
  route.post(`/projects/:project/${path}`, {
    ...create,
    params: ProjectParamsSchema,
    response: { 201: create.response },
    handler: (req, caller) => service.create(caller, req.params.project, req.body as Static<B>),
  });

  route.get(`/projects/:project/${path}`, {
    ...list,
    params: ProjectParamsSchema,
    response: { 200: list.response },
    handler: (req, caller) => service.list(caller, req.params.project),
  });

  route.delete(`/projects/:project/${path}/:id`, {
    ...revoke,
    params: ProjectItemParamsSchema,
    response: { 204: NoContentSchema },
    handler: (req, caller) => service.revoke(caller, req.params.project, req.params.id),
  });
}
