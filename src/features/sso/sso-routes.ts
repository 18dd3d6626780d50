// HTTP routes of single sign-on, mounted at /api/v1/auth: the sign-in methods the web app shows, the
// start and the callback of the browser flow, and the exchange of the one-time code for a session.
// The browser flow answers pages (a redirect, or a page saying what went wrong); a client that asks
// for JSON gets the one error shape instead.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Static, TSchema } from "typebox";
import { AppError } from "../../http/errors.js";
import { errorResponses, originOf } from "../../http/route-kit.js";
import { TokenPairSchema } from "../auth/auth-schemas.js";
import { renderSsoErrorPage } from "./sso-pages.js";
import {
  CallbackQuerySchema,
  LoginQuerySchema,
  RedeemBodySchema,
  SignInMethodsSchema,
} from "./sso-schemas.js";
import { LOGIN_PATH, type SsoService } from "./sso-service.js";

const tags = ["auth"];
export const STATE_COOKIE = "pf_sso_state";
export const HANDOFF_COOKIE = "pf_sso_handoff";
const COOKIE_PATH = "/api/v1/auth/oidc";
/** As long as a hand-off code lives. */
const HANDOFF_COOKIE_SECONDS = 60;

export interface SsoRoutesOptions {
  sso: SsoService;
  /** Mark the state cookie Secure (PUBLIC_URL is https). */
  secureCookie: boolean;
}

/** The value of one cookie of the request, if sent. */
export function readCookie(req: FastifyRequest, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A browser navigating (Accept names text/html) gets pages; API clients get JSON. */
function wantsHtml(req: FastifyRequest): boolean {
  return /\btext\/html\b/.test(String(req.headers.accept ?? ""));
}

const ssoRoutes: FastifyPluginAsyncTypebox<SsoRoutesOptions> = async (app, { sso, secureCookie }) => {
  const cookie = (value: string, maxAge: number, name = STATE_COOKIE) =>
    `${name}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secureCookie ? "; Secure" : ""}`;

  /** Sends a refusal as a page to browsers; rethrows it for the JSON error handler otherwise. */
  function refuse(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
    if (!(err instanceof AppError) || !wantsHtml(req)) throw err;
    if (err.status === 503) reply.header("Retry-After", "30");
    return reply
      .status(err.status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(
        renderSsoErrorPage({
          status: err.status,
          code: err.code,
          message: err.message,
          requestId: String(req.id),
          loginUrl: LOGIN_PATH,
        }),
      );
  }

  app.get(
    "/methods",
    {
      schema: {
        tags,
        summary: "How to sign in here",
        description:
          "Public. Whether password sign-in is open and, when single sign-on is configured, the provider's name and where the browser starts it.",
        response: { 200: SignInMethodsSchema },
      },
    },
    async () => sso.methods(),
  );

  /**
   * A route of the browser flow (a GET the browser navigates to): what it refuses is a page for a
   * browser (refuse) and the one error shape for a client asking for JSON.
   */
  function browserRoute<Q extends TSchema>(
    url: string,
    schema: { summary: string; description: string; querystring: Q; errors: number[] },
    handler: (req: FastifyRequest<{ Querystring: Static<Q> }>, reply: FastifyReply) => Promise<FastifyReply>,
  ): void {
    const { errors, ...doc } = schema;
    app.get(url, { schema: { tags, ...doc, response: errorResponses(...errors) } }, async (req, reply) => {
      try {
        // The query as its schema types it (the provider cannot see through the generic Q).
        return await handler(req as FastifyRequest<{ Querystring: Static<Q> }>, reply);
      } catch (e) {
        return refuse(req, reply, e);
      }
    });
  }

  browserRoute(
    "/oidc/login",
    {
      summary: "Start single sign-on (browser)",
      description:
        "Redirects the browser to the OpenID provider (authorization code flow with PKCE; state, nonce and verifier kept server-side, the state also in a short-lived HttpOnly cookie). A browser gets a page when it cannot start; a client asking for JSON gets 404 when single sign-on is off and 503 when the provider does not answer.",
      querystring: LoginQuerySchema,
      errors: [404, 422, 502, 503],
    },
    async (req, reply) => {
      const { url, state, ttlSeconds } = await sso.startLogin(req.query.next, originOf(req));
      return reply
        .header("set-cookie", cookie(state, ttlSeconds))
        .header("cache-control", "no-store")
        .redirect(url, 302);
    },
  );

  browserRoute(
    "/oidc/callback",
    {
      summary: "Finish single sign-on (the provider's redirect)",
      description:
        "Checks the state against the browser's cookie and the stored sign-in, exchanges the code, checks the ID token and nonce, the e-mail address and its domain, finds, links or creates the account, applies the role mapping, and redirects to the web app with a one-time code in the URL fragment. Refusals: 400 (state, nonce, expired or reused sign-in), 403 (declined at the provider, e-mail missing, unverified or of a domain not allowed), 502 (the provider's answer failed validation), 503 (the provider does not answer).",
      querystring: CallbackQuerySchema,
      errors: [400, 403, 404, 502, 503],
    },
    async (req, reply) => {
      // The raw query, every parameter the provider sent (the schema only documents the usual ones).
      const query = new URL(req.url, "http://callback.invalid").searchParams;
      reply.header("set-cookie", cookie("", 0)).header("cache-control", "no-store");
      const { redirect, binding } = await sso.finishLogin(
        query,
        readCookie(req, STATE_COOKIE),
        originOf(req),
      );
      return reply
        .header("set-cookie", [cookie("", 0), cookie(binding, HANDOFF_COOKIE_SECONDS, HANDOFF_COOKIE)])
        .redirect(redirect, 302);
    },
  );

  app.post(
    "/oidc/session",
    {
      schema: {
        tags,
        summary: "Exchange a single sign-on code for a session",
        description:
          "The web app sends the one-time code from its URL fragment and receives the same token pair a password sign-in answers. Each code works once, within 60 seconds, and only from the browser that finished the sign-in (it holds the HttpOnly hand-off cookie the callback set).",
        body: RedeemBodySchema,
        response: { 200: TokenPairSchema, ...errorResponses(400, 422) },
      },
    },
    async (req, reply) => {
      reply.header("set-cookie", cookie("", 0, HANDOFF_COOKIE));
      return sso.redeem(req.body.code, readCookie(req, HANDOFF_COOKIE));
    },
  );
};

export default ssoRoutes;
