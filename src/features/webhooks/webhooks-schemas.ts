// Request and response schemas of /api/v1/projects/:project/webhooks. The secret appears in one
// response only: the creation's.
import { type Static, type TSchema, Type } from "typebox";
import { ID_PATTERN } from "../../db/ids.js";
import { WEBHOOK_EVENTS } from "./webhook-events.js";
import { MAX_URL_LENGTH } from "./webhook-targets.js";
import { DELIVERIES_PAGE_DEFAULT, DELIVERIES_PAGE_MAX, SECRET_MAX, SECRET_MIN } from "./webhooks-service.js";

const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const Timestamp = Type.String({ description: "ISO-8601 UTC timestamp" });

const Url = Type.String({
  minLength: 1,
  maxLength: MAX_URL_LENGTH,
  "x-rule": `must be an http:// or https:// URL of at most ${MAX_URL_LENGTH} characters`,
  description:
    "Where deliveries are POSTed. Hosts resolving to private, loopback or link-local addresses are refused unless the instance sets WEBHOOK_ALLOW_PRIVATE_TARGETS=true.",
});
const Events = Type.Array(Type.Enum([...WEBHOOK_EVENTS]), {
  minItems: 1,
  maxItems: WEBHOOK_EVENTS.length,
  description: `Events to deliver: ${WEBHOOK_EVENTS.join(", ")}`,
});
const Secret = Type.String({
  minLength: SECRET_MIN,
  maxLength: SECRET_MAX,
  pattern: "^[\\x21-\\x7e]+$",
  "x-rule": `must be ${SECRET_MIN}–${SECRET_MAX} printable ASCII characters without spaces`,
  description: "HMAC-SHA256 key of the PromptForge-Signature header; generated when absent",
});

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  active: Type.Boolean({ description: "false: paused, no deliveries are queued for it" }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const CreatedWebhookSchema = Type.Object({
  ...WebhookSchema.properties,
  secret: Type.String({ description: "The signing secret, shown this once" }),
});
export const WebhookListSchema = Type.Object({ items: Type.Array(WebhookSchema) });

export const CreateWebhookBodySchema = Type.Object(
  { url: Url, events: Events, secret: Type.Optional(Secret), active: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBodySchema>;
export const UpdateWebhookBodySchema = Type.Object(
  {
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    secret: Type.Optional(Secret),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const WebhookParamsSchema = Type.Object({
  project: Type.String({ minLength: 1, maxLength: 100, description: "The project's slug or id" }),
  id: Type.String({ pattern: ID_PATTERN }),
});
export const ProjectOnlyParamsSchema = Type.Object({
  project: Type.String({ minLength: 1, maxLength: 100, description: "The project's slug or id" }),
});

export const DeliverySchema = Type.Object({
  id: Type.String({
    description: "Also sent as the PromptForge-Delivery header: the receiver's idempotency key",
  }),
  event: Type.String(),
  status: Type.Enum(["pending", "delivering", "delivered", "failed"]),
  attempts: Type.Integer(),
  next_attempt_at: Nullable(Timestamp),
  last_attempt_at: Nullable(Timestamp),
  last_response_code: Nullable(Type.Integer()),
  last_response_ms: Nullable(Type.Integer()),
  last_error: Nullable(Type.String()),
  created_at: Timestamp,
  delivered_at: Nullable(Timestamp),
});
export const DeliveryListSchema = Type.Object({
  items: Type.Array(DeliverySchema),
  next_cursor: Nullable(Type.String()),
});
export const DeliveriesQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: DELIVERIES_PAGE_MAX,
        description: `default ${DELIVERIES_PAGE_DEFAULT}`,
      }),
    ),
  },
  { additionalProperties: false },
);
