// `promptforge analyze FILE|-`: the offline analysis of one prompt, as text or as the API's JSON.
import { TARGET_LLMS } from "../features/analysis/engine/types.js";
import { analyzeText } from "../features/analysis/providers/llm-analysis.js";
import { type CliIo, EXIT, readInput, write } from "./cli-io.js";
import { checkLength, promptCommandArgs } from "./limits.js";
import { renderAnalysis } from "./text-report.js";

export const usage = `Usage: promptforge analyze FILE|- [--target ${TARGET_LLMS.join("|")}] [--format text|json]

Scores a prompt and lists its findings, offline. "-" reads standard input.
--format json prints exactly what POST /api/v1/analysis/analyze returns.`;

export async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  const input = promptCommandArgs("analyze", args, io, usage, ["target", "format"]);
  if (!input) return EXIT.ok;
  const { format, targetLlm } = input;
  const text = await readInput(input.file, io);
  checkLength(text);
  const result = await analyzeText(text, { targetLlm }, null);
  write(io.stdout, format === "json" ? JSON.stringify(result) : renderAnalysis(result, text));
  return EXIT.ok;
}
