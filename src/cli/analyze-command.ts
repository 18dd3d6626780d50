// `promptforge analyze FILE|-`: the offline analysis of one prompt, as text or as the API's JSON.
import { TARGET_LLMS } from "../features/analysis/engine/types.js";
import { analyzeText } from "../features/analysis/providers/llm-analysis.js";
import { type CliIo, EXIT, oneOf, parseArgs, readInput, UsageError, write } from "./cli-io.js";
import { checkLength } from "./limits.js";
import { renderAnalysis } from "./text-report.js";

export const usage = `Usage: promptforge analyze FILE|- [--target ${TARGET_LLMS.join("|")}] [--format text|json]

Scores a prompt and lists its findings, offline. "-" reads standard input.
--format json prints exactly what POST /api/v1/analysis/analyze returns.`;

export async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(args, ["help"], ["target", "format"]);
  if (flags.help) {
    write(io.stdout, usage);
    return EXIT.ok;
  }
  if (positional.length !== 1) throw new UsageError("analyze takes exactly one FILE (or - for stdin)");
  const format = oneOf(flags.format, ["text", "json"] as const, "format", "text");
  const targetLlm = oneOf(flags.target, TARGET_LLMS, "target", "generic");
  const text = await readInput(positional[0] as string, io);
  checkLength(text);
  const result = await analyzeText(text, { targetLlm }, null);
  write(io.stdout, format === "json" ? JSON.stringify(result) : renderAnalysis(result, text));
  return EXIT.ok;
}
