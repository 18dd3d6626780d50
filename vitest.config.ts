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
    reporters: ["default"],
  },
});
