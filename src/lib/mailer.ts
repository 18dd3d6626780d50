// Outgoing e-mail through the SMTP server SMTP_URL names (nodemailer: the maintained SMTP client for
// Node, with STARTTLS, SMTPS, authentication and time-outs; writing SMTP by hand would only redo it).
// createMailer returns null when SMTP is not configured, and callers fall back to showing the link.
// nodemailer is loaded on the first message, so an instance without SMTP never carries it in memory.
import type { Transporter } from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Thrown when the SMTP server cannot be reached or refuses the message; never carries the message text. */
export class MailDeliveryError extends Error {
  constructor(readonly reason: string) {
    super(`E-mail could not be sent: ${reason}`);
  }
}

/** Seconds an SMTP exchange may take at each step, so an unreachable server fails the request quickly. */
const SMTP_TIMEOUT_MS = 10_000;

export function createMailer(config: { SMTP_URL?: string; SMTP_FROM?: string }): Mailer | null {
  if (!config.SMTP_URL || !config.SMTP_FROM) return null;
  const { SMTP_URL: url, SMTP_FROM: from } = config;
  let transport: Transporter | null = null;
  const open = async (): Promise<Transporter> => {
    if (transport) return transport;
    const { default: nodemailer } = await import("nodemailer");
    transport = nodemailer.createTransport(
      {
        url,
        connectionTimeout: SMTP_TIMEOUT_MS,
        greetingTimeout: SMTP_TIMEOUT_MS,
        socketTimeout: SMTP_TIMEOUT_MS,
      },
      { from },
    );
    return transport;
  };
  return {
    async send(message) {
      try {
        await (await open()).sendMail({ to: message.to, subject: message.subject, text: message.text });
      } catch (e) {
        // Only the error's code or SMTP reply code: the message (with its link) stays out of logs.
        const err = e as { code?: unknown; responseCode?: unknown };
        const reason =
          typeof err.responseCode === "number"
            ? `SMTP ${err.responseCode}`
            : typeof err.code === "string"
              ? err.code
              : "unknown error";
        throw new MailDeliveryError(reason);
      }
    },
    close() {
      transport?.close();
    },
  };
}
