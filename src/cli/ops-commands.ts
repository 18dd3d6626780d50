// Operator commands of `promptforge`: serve, db:migrate, admin promote|demote, env-example. They load
// the same configuration as the server (environment over .env in the working directory).
import {
  type Config,
  ConfigError,
  loadConfig,
  processEnvironment,
  readEnvironment,
  renderEnvExample,
} from "../config.js";
import { createDatabase, type DatabaseHandle, migrateToLatest } from "../db/database.js";
import { AppError } from "../http/errors.js";
import { type CliIo, EXIT, parseArgs, UsageError, write } from "./cli-io.js";

function configFor(io: CliIo): Config {
  try {
    return loadConfig(readEnvironment(processEnvironment(), io.cwd));
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}

function openDatabase(config: Config): DatabaseHandle {
  return createDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
}

/** For a command without arguments: true once --help has printed the usage; `refusal` for any argument. */
function helpOrNoArguments(args: string[], io: CliIo, usage: string, refusal: string): boolean {
  if (args.includes("--help")) {
    write(io.stdout, usage);
    return true;
  }
  if (args.length) throw new UsageError(refusal);
  return false;
}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const usage =
    "Usage: promptforge serve\n\nStarts the PromptForge service (settings: environment and .env).";
  if (
    helpOrNoArguments(args, io, usage, "serve takes no arguments; configure it with environment variables")
  ) {
    return EXIT.ok;
  }
  const { main } = await import("../server.js");
  await main();
  return EXIT.ok;
}

export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  const usage =
    "Usage: promptforge db:migrate\n\nApplies pending database migrations (DATABASE_URL or SQLite in DATA_DIR).";
  if (helpOrNoArguments(args, io, usage, "db:migrate takes no arguments")) return EXIT.ok;
  const db = openDatabase(configFor(io));
  try {
    const applied = await migrateToLatest(db);
    write(
      io.stdout,
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(", ")}`
        : "Database is up to date",
    );
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

export const adminUsage = `Usage: promptforge admin promote USERNAME
       promptforge admin demote USERNAME

Grants (promote) or withdraws (demote) the admin role.`;

export async function adminCommand(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(args, ["help"], []);
  if (flags.help) {
    write(io.stdout, adminUsage);
    return EXIT.ok;
  }
  const [action, username, ...rest] = positional;
  if ((action !== "promote" && action !== "demote") || !username || rest.length) {
    throw new UsageError(`admin needs "promote USERNAME" or "demote USERNAME"\n\n${adminUsage}`);
  }
  const db = openDatabase(configFor(io));
  try {
    await migrateToLatest(db);
    const { setUserRole } = await import("../features/auth/admin.js");
    const user = await setUserRole(db.kysely, username, action === "promote" ? "admin" : "user");
    write(io.stdout, `${user.username} is now ${user.role === "admin" ? "an admin" : "a regular user"}`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof AppError && e.status === 404) {
      write(io.stderr, `promptforge: no user called ${username}`);
      return EXIT.failed;
    }
    throw e;
  } finally {
    await db.close();
  }
}

export async function envExampleCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length && !args.includes("--help")) throw new UsageError("env-example takes no arguments");
  if (args.includes("--help")) {
    write(
      io.stdout,
      "Usage: promptforge env-example > .env\n\nPrints every setting with its default and description.",
    );
    return EXIT.ok;
  }
  io.stdout.write(renderEnvExample());
  return EXIT.ok;
}
