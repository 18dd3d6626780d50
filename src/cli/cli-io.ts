// What every `promptforge` command receives: its arguments, the streams, and the working directory.
// Commands return an exit code instead of calling process.exit, so tests and the shim decide.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs as parseNodeArgs } from "node:util";

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  /** The environment the command reads its settings from (the process's, or a test's). */
  env: Record<string, string | undefined>;
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

/**
 * `--name value`, `--name=value` and bare `--switch`, read by Node's util.parseArgs; `-` is positional
 * (stdin) and `--` ends the options. Its errors become UsageError lines in our words.
 */
export function parseArgs(
  args: string[],
  switches: readonly string[],
  valued: readonly string[],
): ParsedArgs {
  const options: Record<string, { type: "boolean" | "string" }> = {};
  for (const name of switches) options[name] = { type: "boolean" };
  for (const name of valued) options[name] = { type: "string" };
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageErrorOf(e);
  }
  const flags: Record<string, string | true> = {};
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined || value === false) continue;
    if (value === "") throw new UsageError(`--${name} needs a value`);
    flags[name] = value === true ? true : String(value);
  }
  return { positional: parsed.positionals, flags };
}

/** util.parseArgs's error, said the way every promptforge command says it. */
function usageErrorOf(e: unknown): Error {
  const { code, message } = e as { code?: string; message?: string };
  const name = /'(-{1,2}[^' ]+)/.exec(message ?? "")?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError(`unknown option ${name}`);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return new UsageError(
        /does not take an argument/.test(message ?? "") ? `${name} takes no value` : `${name} needs a value`,
      );
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError(message ?? "unexpected argument");
    default:
      return e instanceof Error ? e : new Error(String(e));
  }
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
