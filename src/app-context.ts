// What every plugin may read through `app.deps`: the infrastructure buildApp was given or built (config,
// database handle, metrics, clock, logger) and the process state the health and shutdown logic share.
// Feature services are not here: services.ts builds them and buildApp hands each route plugin its own.
import type { Logger } from "pino";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/database.js";
import type { Metrics } from "./observability/metrics.js";

export interface AppContext {
  config: Config;
  /** For the health ping, the pool gauge and closing; queries go through the services' repositories. */
  db: Pick<DatabaseHandle, "ping" | "activeConnections" | "kind">;
  metrics: Metrics;
  clock: () => number;
  logger: Logger;
  /** Process start (ms since the epoch), for uptime. */
  startedAt: number;
  /** Set when shutdown begins: readiness turns 503. */
  shuttingDown: boolean;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppContext;
  }
}
