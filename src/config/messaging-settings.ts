// Settings of what PromptForge sends out: webhook deliveries and invitation e-mails
// (src/config.ts assembles them).
import { bool, duration, fail, int, optStr, type Setting, urlOr } from "./setting-kinds.js";

/** smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; a secret: it may hold a password. */
const smtpUrl: Setting<string | undefined> = {
  doc: "SMTP server for invitation e-mails (smtp://user:password@host:587 or smtps://…:465); empty = links are returned to the inviter",
  default: undefined,
  allowed: "an smtp:// or smtps:// URL",
  secret: true,
  parse: (raw) => {
    const u = urlOr(raw, "an smtp:// or smtps:// URL");
    if ((u.protocol !== "smtp:" && u.protocol !== "smtps:") || !u.hostname)
      fail("an smtp:// or smtps:// URL");
    return raw.trim();
  },
};

/** Webhook deliveries. */
export const webhookSettings = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: bool(
    "Let webhooks target private, loopback and link-local addresses (SSRF protection off: only for tests and trusted private networks)",
    false,
  ),
  WEBHOOK_WORKER_ENABLED: bool("Send queued webhook deliveries from this instance", true),
  WEBHOOK_DELIVERY_RETENTION_DAYS: int(
    "Days a finished webhook delivery (delivered or failed) stays in the delivery log; older ones are deleted hourly",
    30,
    1,
    3650,
  ),
  WEBHOOK_POLL_INTERVAL_MS: int(
    "How often the webhook worker looks for due deliveries, in milliseconds",
    1000,
    50,
    60_000,
  ),
} satisfies Record<string, Setting<unknown>>;

/** E-mail (project invitations). */
export const emailSettings = {
  SMTP_URL: smtpUrl,
  SMTP_FROM: optStr(
    'Sender of PromptForge e-mails, e.g. "PromptForge <promptforge@example.com>"; needed with SMTP_URL',
  ),
  INVITATION_TTL: duration("How long a project invitation link stays valid", 7 * 86400),
} satisfies Record<string, Setting<unknown>>;
