// Request and response schemas of the single sign-on routes (/api/v1/auth/methods, /api/v1/auth/oidc/…).
import { type Static, Type } from "typebox";

/** Longest `next` path a sign-in keeps to return to. */
export const RETURN_TO_MAX_LENGTH = 512;

export const SignInMethodsSchema = Type.Object(
  {
    password_login: Type.Boolean({
      description: "Registration and password sign-in are open (false with PASSWORD_LOGIN=false).",
    }),
    sso: Type.Union([
      Type.Object({
        name: Type.String({ description: "The provider's name for the button: “Sign in with <name>”." }),
        login_url: Type.String({ description: "Where the browser goes to start a single sign-on." }),
      }),
      Type.Null(),
    ]),
  },
  { description: "The ways to sign in to this server." },
);
export type SignInMethods = Static<typeof SignInMethodsSchema>;

export const LoginQuerySchema = Type.Object({
  next: Type.Optional(
    Type.String({
      maxLength: 2048,
      description: `Path of the web app to return to afterwards (a local path of at most ${RETURN_TO_MAX_LENGTH} characters; anything else returns to /).`,
    }),
  ),
});
export type LoginQuery = Static<typeof LoginQuerySchema>;

export const CallbackQuerySchema = Type.Object(
  {
    code: Type.Optional(Type.String({ description: "Authorization code from the provider." })),
    state: Type.Optional(Type.String({ description: "The state this sign-in started with." })),
    error: Type.Optional(
      Type.String({ description: "The provider's error code when it did not sign the user in." }),
    ),
  },
  { additionalProperties: true },
);

export const RedeemBodySchema = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 128,
      description: "The one-time code the callback put in the web app's URL fragment (`#sso_code=…`).",
    }),
  },
  { additionalProperties: false },
);
export type RedeemBody = Static<typeof RedeemBodySchema>;
