// The e-mail settings: SMTP_URL is an smtp:// or smtps:// URL, a secret never echoed in the error, and
// needs SMTP_FROM; INVITATION_TTL is a duration defaulting to 7 days.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("e-mail settings", () => {
  it("are off by default, with invitations valid 7 days", () => {
    const c = loadConfig({});
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.SMTP_FROM).toBeUndefined();
    expect(c.INVITATION_TTL).toBe(7 * 86400);
  });

  it("accept smtp:// and smtps:// URLs with SMTP_FROM, and durations for INVITATION_TTL", () => {
    const c = loadConfig({
      SMTP_URL: "smtps://mailer:pw@mail.example.com:465",
      SMTP_FROM: "PromptForge <pf@example.com>",
      INVITATION_TTL: "2d",
    });
    expect(c.SMTP_URL).toBe("smtps://mailer:pw@mail.example.com:465");
    expect(c.INVITATION_TTL).toBe(2 * 86400);
  });

  it("refuse another scheme without echoing the secret, and SMTP_URL without SMTP_FROM", () => {
    expect(() =>
      loadConfig({ SMTP_URL: "http://mailer:hunter2@mail.example.com", SMTP_FROM: "a@b.c" }),
    ).toThrow(new ConfigError("Invalid SMTP_URL=(hidden): expected an smtp:// or smtps:// URL"));
    expect(() => loadConfig({ SMTP_URL: "not a url" })).toThrow(/Invalid SMTP_URL=\(hidden\)/);
    expect(() => loadConfig({ SMTP_URL: "smtp://mail.example.com:587" })).toThrow(
      "Missing SMTP_FROM: required with SMTP_URL (the sender of invitation e-mails)",
    );
  });
});
