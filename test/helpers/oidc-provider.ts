// A real OpenID provider on 127.0.0.1 for the single sign-on tests: the oidc-provider package with one
// confidential client, accounts the test defines, and interactions (log-in and consent) completed in
// code instead of forms, as a provider's own pages would after the person typed their password. The
// tests drive the real redirects between PromptForge and this provider with a cookie-keeping client.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
  groups?: string[];
}

export interface LoopbackProvider {
  /** The issuer: http://127.0.0.1:<port> */
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** The account (subject) the next log-in interaction signs in. */
  signInAs: (subject: string) => void;
  /** What each interaction does: sign in (default) or decline with access_denied. */
  decline: (yes: boolean) => void;
  /** Token endpoint requests received, with their Authorization header (the client secret is in it). */
  tokenRequests: number;
  /** Stops answering: closes the listener and every open connection. */
  stop: () => Promise<void>;
}

export async function startLoopbackProvider(opts: {
  redirectUri: string;
  clientSecret: string;
  clientId?: string;
}): Promise<LoopbackProvider> {
  const accounts = new Map<string, TestAccount>();
  let next = "";
  let declining = false;
  const clientId = opts.clientId ?? "promptforge-test";

  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", use: "sig", alg: "RS256" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [opts.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ["loopback-provider-cookie-key"] },
    pkce: { required: () => true },
    scopes: ["openid", "email", "profile", "groups"],
    claims: {
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
      groups: ["groups"],
    },
    features: { devInteractions: { enabled: false } },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
  });
  // Errors the provider answers to clients (a bad token request) are the tests' business, not noise.
  provider.on("server_error", () => {});

  const state = { tokenRequests: 0 };
  const handle = provider.callback();
  server.on("request", async (req, res) => {
    if (req.url?.startsWith("/token")) state.tokenRequests++;
    if (!req.url?.startsWith("/interaction/")) return handle(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (declining) {
        await provider.interactionFinished(req, res, {
          error: "access_denied",
          error_description: "declined by the test",
        });
        return;
      }
      if (details.prompt.name === "login") {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: next } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      const accountId = details.session?.accountId ?? next;
      const grant = new provider.Grant({ accountId, clientId });
      grant.addOIDCScope(String(details.params.scope ?? "openid"));
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });

  return {
    issuer,
    clientId,
    clientSecret: opts.clientSecret,
    accounts,
    signInAs: (subject) => {
      next = subject;
    },
    decline: (yes) => {
      declining = yes;
    },
    get tokenRequests() {
      return state.tokenRequests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
