// Production entry point: load config, build the app, listen, and close gracefully on SIGTERM/SIGINT.
import { buildApp } from "./app.js";
import { ConfigError, loadConfig, readEnvironment } from "./config.js";

export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(readEnvironment(process.env));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`promptforge: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp({ config });
  await app.listen({ port: config.PORT, host: config.HOST });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.deps.shuttingDown = true;
    app.log.info({ signal }, "Shutting down");
    const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`promptforge: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
