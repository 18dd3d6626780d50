// Request and response schemas of the accounts API (/api/v1/auth). Bodies are closed objects: Fastify is
// set to strip unknown properties, so a client sending `role` or `id` simply has them ignored.
import { type Static, Type } from "typebox";
import { ID_PATTERN } from "../../db/ids.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./passwords.js";

export const USERNAME_PATTERN = "^[A-Za-z0-9_-]{3,32}$";
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the mail server's call.
export const EMAIL_PATTERN = "^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+$";
export const EMAIL_MAX_LENGTH = 254;
export const FULL_NAME_MAX_LENGTH = 100;
export const API_KEY_NAME_MAX_LENGTH = 100;

const Username = Type.String({
  pattern: USERNAME_PATTERN,
  minLength: 3,
  maxLength: 32,
  "x-rule": "must be 3–32 characters long, using only letters, digits, _ and -",
  description: "3–32 letters, digits, '_' or '-'. Kept as typed; unique regardless of case.",
  examples: ["ada_lovelace"],
});
const Email = Type.String({
  pattern: EMAIL_PATTERN,
  maxLength: EMAIL_MAX_LENGTH,
  "x-rule": "must be an e-mail address such as name@example.com",
  description: "E-mail address; stored lower-cased and unique.",
  examples: ["ada@example.com"],
});
const NewPassword = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters; not a common password; must not contain the username.`,
});
const FullName = Type.String({ maxLength: FULL_NAME_MAX_LENGTH, description: "Display name." });
const Timestamp = Type.String({ format: "date-time", description: "ISO-8601 UTC timestamp." });

export const UserSchema = Type.Object(
  {
    id: Type.String({ description: "User id (UUIDv7)." }),
    username: Type.String(),
    email: Type.String(),
    full_name: Type.Union([Type.String(), Type.Null()]),
    role: Type.Union([Type.Literal("user"), Type.Literal("admin")]),
    created_at: Timestamp,
  },
  { description: "An account." },
);
export type User = Static<typeof UserSchema>;

export const TokenPairSchema = Type.Object(
  {
    access_token: Type.String({ description: "JWT for `Authorization: Bearer …`." }),
    token_type: Type.Literal("bearer"),
    expires_in: Type.Integer({ description: "Seconds until the access token expires." }),
    refresh_token: Type.String({ description: "Opaque, single-use; exchange at /auth/refresh." }),
  },
  { description: "A session: a short-lived access token and a rotating refresh token." },
);
export type TokenPair = Static<typeof TokenPairSchema>;

export const RegisterBodySchema = Type.Object(
  {
    username: Username,
    email: Email,
    password: NewPassword,
    full_name: Type.Optional(FullName),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBodySchema>;

export const LoginBodySchema = Type.Object(
  {
    username: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: EMAIL_MAX_LENGTH,
        description: "Username or e-mail address (either matches, case-insensitively).",
      }),
    ),
    email: Type.Optional(
      Type.String({ minLength: 1, maxLength: EMAIL_MAX_LENGTH, description: "Alternative to `username`." }),
    ),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false, description: "Give `username` or `email`, and `password`." },
);
export type LoginBody = Static<typeof LoginBodySchema>;

export const RefreshBodySchema = Type.Object(
  { refresh_token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBodySchema>;

export const UpdateMeBodySchema = Type.Object(
  {
    full_name: Type.Optional(Type.Union([FullName, Type.Null()], { description: "null clears it." })),
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);
export type UpdateMeBody = Static<typeof UpdateMeBodySchema>;

export const ChangePasswordBodySchema = Type.Object(
  {
    current_password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    new_password: NewPassword,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;

export const ApiKeySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    prefix: Type.String({ description: "First characters of the key, to tell keys apart." }),
    created_at: Timestamp,
    last_used_at: Type.Union([Timestamp, Type.Null()]),
  },
  { description: "An API key (never its secret)." },
);
export type ApiKey = Static<typeof ApiKeySchema>;

export const CreatedApiKeySchema = Type.Object(
  {
    ...ApiKeySchema.properties,
    key: Type.String({ description: "The secret. Shown only in this response: store it now." }),
  },
  { description: "A new API key, with its secret." },
);
export type CreatedApiKey = Static<typeof CreatedApiKeySchema>;

export const CreateApiKeyBodySchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: API_KEY_NAME_MAX_LENGTH,
      pattern: "\\S",
      "x-rule": `must be 1–${API_KEY_NAME_MAX_LENGTH} characters, not only spaces`,
      description: "What the key is for, e.g. 'CI pipeline'.",
    }),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBodySchema>;

export const ApiKeyListSchema = Type.Object({ items: Type.Array(ApiKeySchema) });

export const ApiKeyParamsSchema = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });
