// @promptforge/sdk: fetch prompts from a PromptForge registry at run time, cached and outage-proof,
// and compile them locally with the renderer the server uses. See README.md.
export {
  type FetchLike,
  type GetPromptOptions,
  PromptForge,
  type PromptForgeEvent,
  type PromptForgeEventType,
  type PromptForgeOptions,
} from "./client.js";
export {
  PromptCompileError,
  PromptForgeAuthError,
  PromptForgeError,
  type PromptForgeErrorCode,
  PromptForgeSnapshotError,
  PromptForgeUnavailableError,
  PromptNotFoundError,
} from "./errors.js";
export type {
  ChatMessage,
  ChatPrompt,
  ChatRole,
  Prompt,
  PromptFallback,
  PromptSource,
  ResolvedFrom,
  TextPrompt,
  VariableSpec,
  VariableType,
} from "./prompt.js";
export { render, renderMessages, TemplateSyntaxError } from "./render.js";
