// Chat prompts in the editor: the text a chat version's `content` holds (its messages joined as
// "[role]\n<content>" blocks, as the server stores it for search, analysis and diffs), and the
// checks a message list must pass before saving.
import type { ChatMessage } from "./registry-types.js";

export function joinMessages(messages: readonly ChatMessage[]): string {
  return messages.map((m) => `[${m.role}]\n${m.content}`).join("\n\n");
}

/** Problems by message index: an empty message, or no message at all (index -1). */
export function checkMessages(messages: readonly ChatMessage[]): { index: number; message: string }[] {
  if (messages.length === 0) return [{ index: -1, message: "A chat prompt needs at least one message." }];
  return messages.flatMap((m, index) =>
    m.content.trim() === "" ? [{ index, message: "Write the message or remove it." }] : [],
  );
}

/** A prompt name the registry accepts: lower-case segments separated by `/` (folders). */
export const PROMPT_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function nameProblem(name: string): string | null {
  if (name === "") return "Give the prompt a name.";
  if (name.length > 200) return "At most 200 characters.";
  if (!PROMPT_NAME_PATTERN.test(name))
    return "Lower-case letters, digits, dots, dashes and underscores, with / between folders.";
  if (name.split("/").some((s) => s.length > 64)) return "Each folder or name part at most 64 characters.";
  return null;
}
