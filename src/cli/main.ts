// The `promptforge` command: dispatches to one module per command. Analysis commands run offline with
// no server; `serve` starts the service. bin/promptforge.js calls `run`; running this file directly
// (npm run db:migrate, npm run admin) works too.
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { packageVersion, processEnvironment } from "../config.js";
import { type CliIo, type Command, EXIT, UsageError, write } from "./cli-io.js";

/** Export `name` of a command module, imported only when that command runs: a command loads what it uses. */
const lazy =
  <K extends string, M extends Record<K, Command>>(module: () => Promise<M>, name: K) =>
  async (): Promise<Command> =>
    (await module())[name];

/** The operator commands share one module, loaded only when one of them runs. */
const ops = (name: "serveCommand" | "migrateCommand" | "adminCommand" | "envExampleCommand") =>
  lazy(() => import("./ops-commands.js"), name);

/** pull and push share one module too. */
const sync = (name: "pullCommand" | "pushCommand") => lazy(() => import("./sync-commands.js"), name);

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  analyze: {
    summary: "analyze FILE|-            score a prompt and list its findings",
    load: lazy(() => import("./analyze-command.js"), "analyzeCommand"),
  },
  enhance: {
    summary: "enhance FILE|-            rewrite a prompt into a stronger one",
    load: lazy(() => import("./enhance-command.js"), "enhanceCommand"),
  },
  lint: {
    summary: "lint PATH...              check prompt files (--min-score N, --format text|json|sarif)",
    load: lazy(() => import("./lint-command.js"), "lintCommand"),
  },
  pull: {
    summary: "pull --project P          write a project's prompts at a label into files",
    load: sync("pullCommand"),
  },
  push: {
    summary: "push [PATH...]            make new versions from changed prompt files",
    load: sync("pushCommand"),
  },
  eval: {
    summary:
      "eval --project P --prompt N  run a prompt over a dataset on the server; exit 1 below --min-pass-rate",
    load: lazy(() => import("./eval-command.js"), "evalCommand"),
  },
  serve: { summary: "serve                     start the PromptForge service", load: ops("serveCommand") },
  "db:migrate": {
    summary: "db:migrate                apply pending database migrations",
    load: ops("migrateCommand"),
  },
  admin: { summary: "admin promote|demote USER grant or withdraw the admin role", load: ops("adminCommand") },
  "env-example": {
    summary: "env-example               print every setting, for a .env file",
    load: ops("envExampleCommand"),
  },
};

export function helpText(): string {
  return [
    "PromptForge: write, score, enhance, version and share prompts for large language models.",
    "",
    "Usage: promptforge <command> [options]",
    "",
    "Commands:",
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
    "",
    "Options: --help (also after a command), --version",
  ].join("\n");
}

export async function run(argv: string[], io?: Partial<CliIo>): Promise<number> {
  const full: CliIo = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    stdin: io?.stdin ?? process.stdin,
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? processEnvironment(),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    write(full.stdout, helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    write(full.stdout, packageVersion());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    write(full.stderr, `promptforge: unknown command '${name}'\n\n${helpText()}`);
    return EXIT.usage;
  }
  try {
    return await (await command.load())(rest, full);
  } catch (e) {
    if (e instanceof UsageError) {
      write(full.stderr, `promptforge ${name}: ${e.message}`);
      return EXIT.usage;
    }
    write(full.stderr, `promptforge ${name}: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.usage;
  }
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
