// What every `promptforge` command receives: its arguments, the streams, and the working directory.
// Commands return an exit code instead of calling process.exit, so tests and the shim decide.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Exit codes: 0 fine, 1 the checked prompts failed, 2 the command itself could not run. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = "UsageError";
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--switch`; `-` is positional (stdin); `--` ends flags. */
export function parseArgs(
  args: string[],
  switches: readonly string[],
  valued: readonly string[],
): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (switches.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
    } else if (valued.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags };
}

export function oneOf<T extends string>(
  value: string | true | undefined,
  allowed: readonly T[],
  name: string,
  def: T,
): T {
  if (value === undefined) return def;
  if (value === true || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of: ${allowed.join(", ")}`);
  }
  return value as T;
}

export async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** The text of FILE, or of stdin for "-". */
export async function readInput(path: string, io: CliIo): Promise<string> {
  if (path === "-") return readStdin(io.stdin);
  try {
    return readFileSync(resolve(io.cwd, path), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${path}${code ? ` (${code})` : ""}`);
  }
}

export const write = (stream: NodeJS.WritableStream, text: string) => {
  stream.write(text.endsWith("\n") ? text : `${text}\n`);
};
