// The API's text limits, applied by the CLI too so both accept and refuse the same prompts; and the
// arguments every one-prompt command (analyze, enhance) takes.
import { MAX_TEXT } from "../features/analysis/analysis-schemas.js";
import { TARGET_LLMS } from "../features/analysis/engine/types.js";
import { type CliIo, oneOf, parseArgs, UsageError, write } from "./cli-io.js";

/** Throws UsageError for an empty prompt or one longer than the API accepts. */
export function checkLength(text: string, label = "the prompt"): void {
  if (text.trim() === "") throw new UsageError(`${label} is empty`);
  const n = [...text].length;
  if (n > MAX_TEXT) throw new UsageError(`${label} has ${n} characters; at most ${MAX_TEXT} are accepted`);
}

/**
 * `NAME FILE|- [--target T] [--format text|json]` plus the command's own valued flags. Prints the usage
 * and answers null for --help; otherwise exactly one FILE (or - for stdin), with the format and target
 * checked.
 */
export function promptCommandArgs(name: string, args: string[], io: CliIo, usage: string, valued: string[]) {
  const { positional, flags } = parseArgs(args, ["help"], valued);
  if (flags.help) {
    write(io.stdout, usage);
    return null;
  }
  if (positional.length !== 1) throw new UsageError(`${name} takes exactly one FILE (or - for stdin)`);
  return {
    file: positional[0] as string,
    flags,
    format: oneOf(flags.format, ["text", "json"] as const, "format", "text"),
    targetLlm: oneOf(flags.target, TARGET_LLMS, "target", "generic"),
  };
}
