// Runs the real server entry point (src/server.ts, what `npm start` runs once built; or `promptforge
// serve`) as a child process on a free loopback port, for tests that need a real process: restarts,
// signals, start-up.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  output: () => string;
  /** SIGTERM, then the exit code (at once if the process has already exited). */
  stop: () => Promise<number | null>;
}

export interface StartOptions {
  /** Node's arguments: by default the TypeScript entry point through tsx; the CLI passes its shim. */
  args?: string[];
  cwd?: string;
  /** Listen on this port instead of a free one. */
  port?: number;
  /**
   * How long start-up may take. Generous: the suite shares two cores with the PostgreSQL tests (and,
   * on developer machines, other work), and a cold start loads every module.
   */
  startTimeoutMs?: number;
}

/**
 * Starts the server and resolves once GET /health/live answers 200. Rejects — never hangs — with the
 * process's own output when it exits during start-up or misses the deadline. A free port can be taken
 * by someone else between our probe and the server's listen; that EADDRINUSE is retried on a new port.
 */
export async function startServerProcess(
  env: Record<string, string>,
  opts: StartOptions = {},
): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, opts);
    } catch (e) {
      const portTaken = e instanceof Error && /EADDRINUSE/.test(e.message);
      if (!portTaken || opts.port !== undefined || attempt === 3) throw e;
    }
  }
}

export interface SpawnedServer {
  child: ChildProcess;
  /** Everything it has written so far, stdout and stderr together. */
  output: () => string;
  /** The exit code; created at spawn, so a process that exits before anyone waits still resolves it. */
  exited: Promise<number | null>;
}

/**
 * Spawns the server entry point with `env` (and PATH) as its whole environment and captures its output;
 * it does not wait for anything. For tests of start-up itself; the others use startServerProcess.
 */
export function spawnServer(
  env: Record<string, string>,
  opts: Pick<StartOptions, "args" | "cwd"> = {},
): SpawnedServer {
  const child = spawn(process.execPath, opts.args ?? ["--import", "tsx", "src/server.ts"], {
    cwd: opts.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => output, exited };
}

async function startOnce(env: Record<string, string>, opts: StartOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const {
    child,
    output: outputNow,
    exited,
  } = spawnServer(
    {
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "ERROR",
      LOG_FORMAT: "json",
      SERVE_WEB: "false",
      ...env,
    },
    opts,
  );
  // generous: a cold tsx start on two busy cores can take well over ten seconds
  const timeoutMs = opts.startTimeoutMs ?? 45_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited during start-up (code ${child.exitCode ?? child.signalCode}):\n${outputNow()}`,
      );
    }
    try {
      // A bounded probe: a listener that accepts but never answers must not stall the loop.
      if ((await fetch(`${base}/health/live`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await exited;
      throw new Error(`server did not answer /health/live within ${timeoutMs / 1000} s:\n${outputNow()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    base,
    output: outputNow,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
