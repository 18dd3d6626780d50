// HTTP routes of the accounts API, mounted at /api/v1/auth: each is a schema, an auth hook and one
// service call. Public routes are the ones without `...signedIn(app)`.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  currentUser,
  ErrorResponseSchema,
  NoContentSchema,
  originOf,
  signedIn,
} from "../../http/route-kit.js";
import {
  ApiKeyListSchema,
  ApiKeyParamsSchema,
  ChangePasswordBodySchema,
  CreateApiKeyBodySchema,
  CreatedApiKeySchema,
  LoginBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  TokenPairSchema,
  UpdateMeBodySchema,
  UserSchema,
} from "./auth-schemas.js";
import type { AuthService } from "./auth-service.js";

const tags = ["auth"];

export interface AuthRoutesOptions {
  auth: AuthService;
}

const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { auth }) => {
  app.post(
    "/register",
    {
      schema: {
        tags,
        summary: "Create an account",
        description:
          "Creates a user with role `user`. Usernames are unique regardless of case; e-mail addresses are stored lower-cased.",
        body: RegisterBodySchema,
        response: { 201: UserSchema, 409: ErrorResponseSchema, 422: ErrorResponseSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await auth.register(req.body, originOf(req))),
  );

  app.post(
    "/login",
    {
      schema: {
        tags,
        summary: "Sign in with username or e-mail and password",
        description:
          "Answers the same 401 for an unknown account and a wrong password. Repeated failures are throttled with 429 and `Retry-After`: per account from one client address, per account from all addresses, and per address over distinct accounts.",
        body: LoginBodySchema,
        response: {
          200: TokenPairSchema,
          401: ErrorResponseSchema,
          422: ErrorResponseSchema,
          429: ErrorResponseSchema,
        },
      },
    },
    async (req) => auth.login(req.body, originOf(req)),
  );

  app.post(
    "/refresh",
    {
      schema: {
        tags,
        summary: "Exchange a refresh token for a new token pair",
        description:
          "Refresh tokens are single-use. Presenting one that was already used ends the whole session (every token descended from the same sign-in).",
        body: RefreshBodySchema,
        response: { 200: TokenPairSchema, 401: ErrorResponseSchema },
      },
    },
    async (req) => auth.refresh(req.body.refresh_token),
  );

  app.post(
    "/logout",
    {
      schema: {
        tags,
        summary: "End the session a refresh token belongs to",
        description:
          "Revokes the refresh token and every token of its session. Needs no access token (the refresh token is the credential) and answers 204 even for an unknown token.",
        body: RefreshBodySchema,
        response: { 204: NoContentSchema },
      },
    },
    async (req, reply) => {
      await auth.logout(req.body.refresh_token);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/me",
    signedIn(app, {
      tags,
      summary: "The signed-in user",
      response: { 200: UserSchema, 401: ErrorResponseSchema },
    }),
    async (req) => auth.getMe(currentUser(req).id),
  );

  app.patch(
    "/me",
    signedIn(app, {
      tags,
      summary: "Change full name or e-mail address",
      body: UpdateMeBodySchema,
      response: {
        200: UserSchema,
        401: ErrorResponseSchema,
        409: ErrorResponseSchema,
        422: ErrorResponseSchema,
      },
    }),
    async (req) => auth.updateMe(currentUser(req).id, req.body),
  );

  app.post(
    "/change-password",
    signedIn(app, {
      tags,
      summary: "Change the password; ends every other session",
      description:
        "A wrong `current_password` is 422 naming that field. On success every refresh token of the account is revoked and a fresh token pair is returned.",
      body: ChangePasswordBodySchema,
      response: {
        200: TokenPairSchema,
        401: ErrorResponseSchema,
        422: ErrorResponseSchema,
        429: ErrorResponseSchema,
      },
    }),
    async (req) => auth.changePassword(currentUser(req).id, req.body, originOf(req)),
  );

  app.post(
    "/api-keys",
    signedIn(app, {
      tags,
      summary: "Create an API key",
      description:
        "The secret `key` is shown only in this response. Use it as `Authorization: Bearer pf_…` or `X-API-Key: pf_…`.",
      body: CreateApiKeyBodySchema,
      response: { 201: CreatedApiKeySchema, 401: ErrorResponseSchema, 422: ErrorResponseSchema },
    }),
    async (req, reply) =>
      reply.status(201).send(await auth.createApiKey(currentUser(req).id, req.body.name, originOf(req))),
  );

  app.get(
    "/api-keys",
    signedIn(app, {
      tags,
      summary: "List my API keys",
      response: { 200: ApiKeyListSchema, 401: ErrorResponseSchema },
    }),
    async (req) => ({ items: await auth.listApiKeys(currentUser(req).id) }),
  );

  app.delete(
    "/api-keys/:id",
    signedIn(app, {
      tags,
      summary: "Delete one of my API keys",
      params: ApiKeyParamsSchema,
      response: { 204: NoContentSchema, 401: ErrorResponseSchema, 404: ErrorResponseSchema },
    }),
    async (req, reply) => {
      await auth.deleteApiKey(currentUser(req).id, req.params.id, originOf(req));
      return reply.status(204).send(null);
    },
  );
};

export default authRoutes;
