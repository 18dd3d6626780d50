// Loaded before every test file (vitest.config.ts): no test reaches past loopback, and a test during
// which code tried to — even if that code swallowed the error — fails with the addresses it tried.
// Child processes that tests spawn are separate programs and are not covered.
import { afterEach } from "vitest";
import { blockOutboundNetwork, takeBlockedAttempts } from "../helpers/outbound-network.js";

blockOutboundNetwork();

afterEach(() => {
  const attempts = takeBlockedAttempts();
  if (attempts.length > 0) {
    throw new Error(`this test tried to reach the outbound network: ${attempts.join(", ")}`);
  }
});
