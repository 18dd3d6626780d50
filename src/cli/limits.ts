// The API's text limits, applied by the CLI too so both accept and refuse the same prompts.
import { MAX_TEXT } from "../features/analysis/analysis-schemas.js";
import { UsageError } from "./cli-io.js";

/** Throws UsageError for an empty prompt or one longer than the API accepts. */
export function checkLength(text: string, label = "the prompt"): void {
  if (text.trim() === "") throw new UsageError(`${label} is empty`);
  const n = [...text].length;
  if (n > MAX_TEXT) throw new UsageError(`${label} has ${n} characters; at most ${MAX_TEXT} are accepted`);
}
