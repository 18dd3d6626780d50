// `promptforge enhance FILE|-`: the offline enhancer. The enhanced prompt goes to stdout (so it can be
// redirected to a file) and the score summary to stderr; --format json prints the API's answer.
import { STRATEGIES, type Strategy, TARGET_LLMS } from "../features/analysis/engine/types.js";
import {
  DEFAULT_STRATEGY,
  enhanceResponse,
  enhanceText,
} from "../features/analysis/providers/llm-analysis.js";
import { type CliIo, EXIT, oneOf, readInput, write } from "./cli-io.js";
import { checkLength, promptCommandArgs } from "./limits.js";
import { renderEnhanceSummary } from "./text-report.js";

export const usage = `Usage: promptforge enhance FILE|- [--strategy ${STRATEGIES.join("|")}] [--variants 1|3]
                          [--target ${TARGET_LLMS.join("|")}] [--format text|json]

Rewrites a prompt into a stronger one, offline, keeping every {{variable}} and marking what only you
know with [fill in: …]. --format json prints exactly what POST /api/v1/analysis/enhance returns.`;

export async function enhanceCommand(args: string[], io: CliIo): Promise<number> {
  const input = promptCommandArgs("enhance", args, io, usage, ["strategy", "variants", "target", "format"]);
  if (!input) return EXIT.ok;
  const { flags, format, targetLlm } = input;
  const strategy: Strategy | undefined =
    flags.strategy === undefined
      ? undefined
      : oneOf(flags.strategy, STRATEGIES, "strategy", DEFAULT_STRATEGY);
  const variants = oneOf(flags.variants, ["1", "3"] as const, "variants", "1");
  const text = await readInput(input.file, io);
  checkLength(text);
  const strategies = variants === "3" ? [...STRATEGIES] : [strategy ?? DEFAULT_STRATEGY];
  const response = enhanceResponse(await enhanceText(text, { strategies, targetLlm }, null), strategy);
  if (format === "json") {
    write(io.stdout, JSON.stringify(response));
    return EXIT.ok;
  }
  if (variants === "3") {
    for (const v of response.variants) {
      write(io.stdout, `===== ${v.strategy} =====\n${v.enhanced_text}\n`);
      write(io.stderr, renderEnhanceSummary(v, response.engine));
    }
  } else {
    write(io.stdout, response.enhanced_text);
    write(io.stderr, renderEnhanceSummary(response, response.engine));
  }
  return EXIT.ok;
}
