// The single-sign-on callback's query carries the provider's one-time authorization code and the
// sign-in's state: a Sentry event or a log line that records the URL must not hold them.
import { describe, expect, it } from "vitest";
import { REDACTED, redactQueryString, redactUrl } from "../../src/observability/redact.js";

describe("redacting an OAuth authorization response", () => {
  it("hides code and state when both are there, as on the callback", () => {
    const url = "/api/v1/auth/oidc/callback?code=canary-code-123&state=canary-state-456&iss=http%3A%2F%2Fidp";
    const out = redactUrl(url);
    expect(out).not.toContain("canary-code-123");
    expect(out).not.toContain("canary-state-456");
    expect(out).toContain(`code=${REDACTED}`);
    expect(out).toContain("iss=http%3A%2F%2Fidp");
    expect(redactQueryString("state=s1&code=c1")).toBe(`state=${REDACTED}&code=${REDACTED}`);
  });

  it("keeps a parameter named code elsewhere, where it is no secret", () => {
    expect(redactQueryString("?code=EUR&limit=5")).toBe("?code=EUR&limit=5");
    expect(redactUrl("/api/v1/prompts?state=draft")).toBe("/api/v1/prompts?state=draft");
  });
});
