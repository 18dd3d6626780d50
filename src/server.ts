// Production entry point: load config, build the app, listen (plus the METRICS_PORT server when set), and
// shut down gracefully on SIGTERM/SIGINT through close-with-grace: readiness answers 503 at once, a short
// drain lets load balancers notice, then the listener closes while in-flight requests finish (new requests on kept-alive
// connections get 503), the database closes, Sentry and the logs flush, and the process exits 0 — or
// exits 1 when SHUTDOWN_TIMEOUT_SECONDS passes first.
import closeWithGrace from "close-with-grace";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app.js";
import { type Config, ConfigError, loadConfig, processEnvironment, readEnvironment } from "./config.js";
import { DatabaseUnreachableError } from "./db/wait-for-database.js";
import { resolveCommit } from "./observability/build-info.js";
import { createLogger } from "./observability/logger.js";
import { buildMetricsServer } from "./observability/metrics-routes.js";
import { withJwtSecret, withSecretFiles } from "./startup.js";

/** How long readiness reports 503 before the listener closes, capped at a quarter of the timeout. */
export function drainMillis(config: Pick<Config, "SHUTDOWN_TIMEOUT_SECONDS">): number {
  return Math.min(1500, (config.SHUTDOWN_TIMEOUT_SECONDS * 1000) / 4);
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = withSecretFiles(withJwtSecret(loadConfig(readEnvironment(processEnvironment()))));
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`promptforge: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  // From here on, failures are logged in LOG_FORMAT like everything else, then the process exits 1.
  const logger = createLogger(config);
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, logger, commit: resolveCommit(config.GIT_COMMIT) });
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (e) {
    if (e instanceof DatabaseUnreachableError) {
      logger.fatal(
        {
          setting: "DATABASE_URL",
          database_url: e.databaseUrl,
          error: e.lastError,
          waited_seconds: e.waitedSeconds,
        },
        e.message,
      );
    } else {
      logger.fatal({ err: e }, "Failed to start");
    }
    await new Promise<void>((r) => logger.flush(() => r()));
    process.exit(1);
  }
  let metricsServer: FastifyInstance | undefined;
  if (config.METRICS_PORT) {
    metricsServer = await buildMetricsServer(app);
    await metricsServer.listen({ port: config.METRICS_PORT, host: config.HOST });
    app.log.info({ port: config.METRICS_PORT }, "Metrics served on their own port");
  }

  // close-with-grace owns the signals and crashes: it calls the callback once (a second signal or
  // crash while closing exits 1 at once), exits 0 when the callback finishes, and exits 1 when it throws,
  // when a crash started the close, or when SHUTDOWN_TIMEOUT_SECONDS passes first.
  const flushLogs = () => new Promise<void>((r) => app.deps.logger.flush(() => r()));
  // A crash outside any request: log CRITICAL with its kind and report to Sentry; close-with-grace's
  // own listener (installed after these) then stops the process the way a signal would, exiting 1.
  let crashedBy: string | undefined;
  const crash = (kind: string) => (err: unknown) => {
    crashedBy = kind;
    app.log.fatal({ err, kind }, "Process crashed");
    app.sentry.captureException(err);
  };
  process.once("uncaughtException", crash("uncaughtException"));
  process.once("unhandledRejection", crash("unhandledRejection"));
  closeWithGrace(
    {
      delay: config.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      logger: false,
      skip: ["beforeExit"],
      onTimeout: () => {
        app.log.fatal("Shutdown timed out; exiting");
        app.deps.logger.flush();
      },
    },
    async ({ signal, err }) => {
      const reason = signal ?? crashedBy ?? (err ? "crash" : "close");
      app.deps.shuttingDown = true;
      app.log.info(
        { signal: reason, drain_ms: drainMillis(config) },
        "Shutting down: readiness now reports 503",
      );
      try {
        // The drain: readiness answers 503 while load balancers notice, before the listener closes.
        await new Promise((r) => setTimeout(r, drainMillis(config)));
        // app.close stops accepting connections, waits for in-flight requests, then runs the onClose
        // hooks: database, Sentry flush and close, background timers.
        await Promise.all([app.close(), metricsServer?.close()]);
        app.log.info({ signal: reason }, "Shutdown complete");
      } catch (e) {
        app.log.error({ err: e }, "Error during shutdown");
        await flushLogs();
        throw e;
      }
      await flushLogs();
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    process.stderr.write(`promptforge: failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
