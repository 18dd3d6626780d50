// A project's webhooks: create (the secret, given or generated, is returned this once), list, read,
// change, delete, the delivery log, and a test ping sent at once. Every use case needs webhooks:manage.
// Targets are checked against the SSRF policy when saved (webhook-targets.ts) and again on every delivery.
// Changes go to the project's audit log with the target's host only: a webhook URL's path or query may
// itself be a credential, and the secret is never written anywhere but its row.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { found, NotFoundError, ServiceUnavailableError, ValidationError } from "../../http/errors.js";
import { decodeCreatedCursor, pageOf } from "../../http/pagination.js";
import { iso } from "../../lib/time.js";
import { type AuditRecorder, recorderFor, writeAudited } from "../audit/audit-service.js";
import { newSecret } from "../auth/tokens.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { eventBody, PING_EVENT, parseEvents, WEBHOOK_EVENTS, type WebhookEvent } from "./webhook-events.js";
import {
  bareHost,
  checkTarget,
  parseTargetUrl,
  type Resolver,
  systemResolver,
  TargetRefusedError,
} from "./webhook-targets.js";
import {
  createWebhooksRepository,
  type DeliveryLogRow,
  type NewDelivery,
  type WebhookRow,
} from "./webhooks-repository.js";

/** Webhooks one project may hold. */
export const MAX_WEBHOOKS_PER_PROJECT = 20;
export const SECRET_MIN = 16;
export const SECRET_MAX = 200;
export const DELIVERIES_PAGE_DEFAULT = 50;
export const DELIVERIES_PAGE_MAX = 200;

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  created_at: string;
  updated_at: string;
}

/** A delivery in the log as the API shows it: the row, but for its webhook (the path names it). */
export type WebhookDelivery = Omit<DeliveryLogRow, "webhook_id" | "next_attempt_at"> & {
  /** Null once nothing more will be tried. */
  next_attempt_at: string | null;
};

export interface CreateWebhookInput {
  url: string;
  events: WebhookEvent[];
  secret?: string;
  active?: boolean;
}
export type UpdateWebhookInput = Partial<CreateWebhookInput>;

export interface WebhooksServiceDeps {
  db: Db;
  clock: () => number;
  audit: AuditRecorder;
  config: { WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean };
  /** Queues a delivery and sends it at once (the worker's); the test ping uses it. */
  deliverNow: (delivery: NewDelivery) => Promise<void>;
  resolve?: Resolver;
  /** Longest wait for the resolver when a webhook is saved (tests shorten it). */
  resolveTimeoutMs?: number;
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: parseEvents(row.events) as WebhookEvent[],
    active: row.active === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

function toDelivery(row: DeliveryLogRow): WebhookDelivery {
  const open = row.status === "pending" || row.status === "delivering";
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: open ? row.next_attempt_at : null,
    last_attempt_at: row.last_attempt_at,
    last_response_code: row.last_response_code,
    last_response_ms: row.last_response_ms,
    last_error: row.last_error,
    created_at: row.created_at,
    delivered_at: row.delivered_at,
  };
}

const invalid = (field: string, message: string) =>
  new ValidationError(`Invalid webhook: ${field} ${message}`, [{ field, message }]);

/** A new signing secret: 32 random bytes, prefixed so a leaked one is recognisable. */
export function generateSecret(): string {
  return newSecret("whsec_");
}

const SORT_KEY = "created:desc";

export function createWebhooksService(deps: WebhooksServiceDeps) {
  const { clock, audit } = deps;
  const recordWebhook = recorderFor(audit, "webhook");
  const repo = createWebhooksRepository(deps.db);
  const policy = {
    allowPrivate: deps.config.WEBHOOK_ALLOW_PRIVATE_TARGETS,
    resolve: deps.resolve ?? systemResolver,
  };

  /** The URL as stored, after the SSRF check; a refusal is a 422 naming `url`. */
  async function checkedUrl(raw: string): Promise<URL> {
    try {
      const url = parseTargetUrl(raw);
      await checkTarget(url, policy, deps.resolveTimeoutMs);
      return url;
    } catch (e) {
      if (!(e instanceof TargetRefusedError)) throw e;
      const code = /\((E[A-Z_]+)\)$/.exec(e.message)?.[1];
      // A resolver that cannot answer now is an outage of ours, not a wrong URL.
      if (e.unresolved && code && !["ENOTFOUND", "ENODATA"].includes(code))
        throw new ServiceUnavailableError(`Could not resolve the webhook's host now (${code}); try again`);
      throw invalid("url", e.message);
    }
  }

  function checkedEvents(events: string[]): WebhookEvent[] {
    const unique = [...new Set(events)];
    if (unique.length === 0) throw invalid("events", "must name at least one event");
    const unknown = unique.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (unknown.length) throw invalid("events", `has unknown events: ${unknown.join(", ")}`);
    return unique as WebhookEvent[];
  }

  function checkedSecret(secret: string): string {
    if (secret.length < SECRET_MIN || secret.length > SECRET_MAX || /[^\x21-\x7e]/.test(secret))
      throw invalid(
        "secret",
        `must be ${SECRET_MIN}–${SECRET_MAX} printable ASCII characters without spaces`,
      );
    return secret;
  }

  async function webhookOf(access: ProjectAccess, id: string): Promise<WebhookRow> {
    return found(await repo.findWebhook(access.projectId, id), "Webhook");
  }

  return {
    /** Deliveries still to send, across every project (webhook_outbox_pending). */
    countOutbox: () => repo.countOutbox(),

    async create(access: ProjectAccess, input: CreateWebhookInput): Promise<Webhook & { secret: string }> {
      authorize(access, "webhooks:manage");
      const events = checkedEvents(input.events);
      const secret = input.secret === undefined ? generateSecret() : checkedSecret(input.secret);
      const url = await checkedUrl(input.url);
      if ((await repo.countWebhooks(access.projectId)) >= MAX_WEBHOOKS_PER_PROJECT)
        throw invalid(
          "url",
          `cannot be added: a project may hold at most ${MAX_WEBHOOKS_PER_PROJECT} webhooks`,
        );
      const now = iso(clock());
      const row: WebhookRow = {
        id: newId(clock()),
        project_id: access.projectId,
        url: url.href,
        events: JSON.stringify(events),
        secret,
        active: input.active === false ? 0 : 1,
        created_by: access.userId,
        created_at: now,
        updated_at: now,
      };
      const created = { host: bareHost(url), events, active: row.active === 1 };
      await writeAudited(
        repo,
        (tx) => tx.insertWebhook(row),
        (trx) => recordWebhook(access, "webhook.create", row.id, created, trx),
      );
      return { ...toWebhook(row), secret };
    },

    async list(access: ProjectAccess): Promise<{ items: Webhook[] }> {
      authorize(access, "webhooks:manage");
      return { items: (await repo.listWebhooks(access.projectId)).map(toWebhook) };
    },

    async get(access: ProjectAccess, id: string): Promise<Webhook> {
      authorize(access, "webhooks:manage");
      return toWebhook(await webhookOf(access, id));
    },

    async update(access: ProjectAccess, id: string, input: UpdateWebhookInput): Promise<Webhook> {
      authorize(access, "webhooks:manage");
      const before = await webhookOf(access, id);
      const patch: Partial<WebhookRow> = {};
      const summary: Record<string, string | boolean | string[]> = {};
      if (input.url !== undefined) {
        const url = await checkedUrl(input.url);
        patch.url = url.href;
        summary.host = bareHost(url);
        summary.url_changed = url.href !== before.url;
      }
      if (input.events !== undefined) {
        const events = checkedEvents(input.events);
        patch.events = JSON.stringify(events);
        summary.events = events;
      }
      if (input.active !== undefined) {
        patch.active = input.active ? 1 : 0;
        summary.active = input.active;
      }
      if (input.secret !== undefined) {
        patch.secret = checkedSecret(input.secret);
        summary.secret_changed = true;
      }
      if (Object.keys(patch).length === 0) return toWebhook(before);
      patch.updated_at = iso(clock());
      const after = await repo.transaction(async (tx, trx) => {
        if (!(await tx.updateWebhook(access.projectId, id, patch))) throw new NotFoundError("Webhook");
        // Deactivating stops what is queued too: an admin turning off a compromised receiver means it.
        if (input.active === false)
          await tx.failUnsent(id, patch.updated_at as string, "webhook deactivated");
        await recordWebhook(access, "webhook.update", id, summary, trx);
        return tx.findWebhook(access.projectId, id);
      });
      if (!after) throw new NotFoundError("Webhook");
      return toWebhook(after);
    },

    async remove(access: ProjectAccess, id: string): Promise<void> {
      authorize(access, "webhooks:manage");
      await repo.transaction(async (tx, trx) => {
        const row = await tx.findWebhook(access.projectId, id);
        if (!row || !(await tx.deleteWebhook(access.projectId, id))) throw new NotFoundError("Webhook");
        await recordWebhook(access, "webhook.delete", id, { host: bareHost(new URL(row.url)) }, trx);
      });
    },

    async deliveries(
      access: ProjectAccess,
      id: string,
      q: { cursor?: string; limit?: number },
    ): Promise<{ items: WebhookDelivery[]; next_cursor: string | null }> {
      authorize(access, "webhooks:manage");
      await webhookOf(access, id);
      const limit = q.limit ?? DELIVERIES_PAGE_DEFAULT;
      const before = decodeCreatedCursor(SORT_KEY, q.cursor);
      const rows = await repo.listDeliveries(id, before, limit + 1);
      const page = pageOf(rows, limit, SORT_KEY, (r) => r.created_at);
      return { items: page.items.map(toDelivery), next_cursor: page.next_cursor };
    },

    /** Queues a ping and sends it at once (one attempt, no retries); the delivery as it ended. */
    async test(access: ProjectAccess, id: string): Promise<WebhookDelivery> {
      authorize(access, "webhooks:manage");
      const hook = await webhookOf(access, id);
      const now = clock();
      const createdAt = iso(now);
      const deliveryId = newId(now);
      await deps.deliverNow({
        id: deliveryId,
        webhook_id: hook.id,
        project_id: access.projectId,
        event: PING_EVENT,
        payload: eventBody(deliveryId, PING_EVENT, access.projectId, createdAt, { webhook_id: hook.id }),
        status: "pending",
        attempts: 0,
        next_attempt_at: createdAt,
        created_at: createdAt,
      });
      const row = found(await repo.findDelivery(hook.id, deliveryId), "Webhook");
      return toDelivery(row);
    },
  };
}
