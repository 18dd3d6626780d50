// HTTP routes of a project's people and keys, mounted at /api/v1: members, invitations (and accepting
// one), and the project's API keys. Each route is schema + auth + one service call; the services decide.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Static, TSchema } from "typebox";
import { errorResponses, NoContentSchema, signedIn } from "../../http/route-kit.js";
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

type FastifyTypebox = Parameters<FastifyPluginAsyncTypebox>[0];

export interface MembersRoutesOptions {
  members: MembersService;
  invitations: InvitationsService;
  keys: ProjectKeysService;
}

const membersRoutes: FastifyPluginAsyncTypebox<MembersRoutesOptions> = async (
  app,
  { members, invitations, keys },
) => {
  const inProject = <S extends Parameters<typeof signedIn>[1]>(schema: S) =>
    signedIn(app, schema, { projectKeys: true });

  app.get(
    "/projects/:project/members",
    inProject({
      tags: ["members"],
      summary: "Members of a project and their roles",
      params: ProjectParamsSchema,
      response: { 200: MemberListSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => members.list(callerOf(req), req.params.project),
  );

  app.patch(
    "/projects/:project/members/:user_id",
    inProject({
      tags: ["members"],
      summary: "Change a member's role (admins: up to admin; owners: any, never leaving no owner)",
      params: MemberParamsSchema,
      body: RoleBodySchema,
      response: { 200: MemberSchema, ...errorResponses(401, 403, 404, 409, 422) },
    }),
    async (req) => members.setRole(callerOf(req), req.params.project, req.params.user_id, req.body.role),
  );

  app.delete(
    "/projects/:project/members/:user_id",
    inProject({
      tags: ["members"],
      summary: "Remove a member, or leave (your own user id); the last owner cannot leave",
      params: MemberParamsSchema,
      response: { 204: NoContentSchema, ...errorResponses(401, 403, 404, 409) },
    }),
    async (req, reply) => {
      await members.remove(callerOf(req), req.params.project, req.params.user_id);
      return reply.status(204).send(null);
    },
  );

  projectCollection(app, {
    path: "invitations",
    tag: "members",
    service: invitations,
    create: {
      summary: "Invite someone by e-mail (single-use link, valid 7 days)",
      description:
        "With SMTP configured the link is e-mailed and neither `token` nor `url` is returned (`emailed: true`); without, they are returned once, for the inviter to pass on. A mail server that cannot be reached is 503 and the invitation is withdrawn.",
      body: CreateInvitationBodySchema,
      response: { 201: CreatedInvitationSchema, ...errorResponses(401, 403, 404, 409, 422, 503) },
    },
    list: { summary: "Open invitations (not accepted, withdrawn or expired)", schema: InvitationListSchema },
    revoke: { summary: "Withdraw an open invitation" },
  });

  app.post(
    "/invitations/:token/accept",
    signedIn(app, {
      tags: ["members"],
      summary: "Accept an invitation: join the project with the invited role",
      description:
        "Needs a signed-in account whose e-mail is the invited one (403 otherwise). An unknown token is 404; a used, withdrawn or expired one 410.",
      params: InvitationTokenParamsSchema,
      response: { 200: ProjectSchema, ...errorResponses(401, 403, 404, 409, 410) },
    }),
    async (req) => invitations.accept(callerOf(req), req.params.token),
  );

  projectCollection(app, {
    path: "api-keys",
    tag: "api-keys",
    service: keys,
    create: {
      summary: "Create a project API key with scopes (the secret is shown once)",
      description:
        "Scopes: prompts:read, prompts:write, registry:read, evaluations:run, admin; none beyond your own role. The key acts with its creator's role in the project, limited to its scopes.",
      body: CreateProjectApiKeyBodySchema,
      response: { 201: CreatedProjectApiKeySchema, ...errorResponses(401, 403, 404, 422) },
    },
    list: { summary: "The project's API keys (never their secrets)", schema: ProjectApiKeyListSchema },
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
  app: FastifyTypebox,
  def: {
    path: string;
    tag: string;
    service: CollectionService<Static<B>, Static<C>>;
    create: { summary: string; description: string; body: B; response: { 201: C } & Record<number, TSchema> };
    list: { summary: string; schema: TSchema };
    revoke: { summary: string };
  },
): void {
  const { path, service } = def;
  const tags = [def.tag];
  const inProject = <S extends Parameters<typeof signedIn>[1]>(schema: S) =>
    signedIn(app, schema, { projectKeys: true });

  app.post(
    `/projects/:project/${path}`,
    inProject({ tags, ...def.create, params: ProjectParamsSchema }),
    async (req, reply) =>
      reply.status(201).send(await service.create(callerOf(req), req.params.project, req.body as Static<B>)),
  );

  app.get(
    `/projects/:project/${path}`,
    inProject({
      tags,
      summary: def.list.summary,
      params: ProjectParamsSchema,
      response: { 200: def.list.schema, ...errorResponses(401, 403, 404) },
    }),
    async (req) => service.list(callerOf(req), req.params.project),
  );

  app.delete(
    `/projects/:project/${path}/:id`,
    inProject({
      tags,
      summary: def.revoke.summary,
      params: ProjectItemParamsSchema,
      response: { 204: NoContentSchema, ...errorResponses(401, 403, 404) },
    }),
    async (req, reply) => {
      await service.revoke(callerOf(req), req.params.project, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
