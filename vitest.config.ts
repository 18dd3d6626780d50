import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "packages/**/*.test.ts"],
    environment: "node",
    // No test reaches past loopback; see the file for what it covers.
    setupFiles: ["test/setup/block-outbound-network.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The V8 setting the server runs with (docs/performance.md, "Regular expressions"): tests see the engine's
    // patterns as production does, compiled on their first run at each width of text.
    execArgv: ["--no-regexp-tier-up"],
    reporters: ["default"],
  },
});
