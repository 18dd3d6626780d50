// Chat prompts and names in the editor, with the server's own rules (src/features/prompts/prompt-shape.ts
// is pure): a chat version's `content` is its messages joined as "[role]\n<content>" blocks, a message
// list needs at least one message and no empty one, and a name is lower-case segments separated by `/`.
import {
  joinMessages,
  MESSAGE_LIMITS,
  NAME_LIMITS,
  NAME_PATTERN,
} from "../../../src/features/prompts/prompt-shape.js";
import type { ChatMessage } from "./registry-types.js";

export { joinMessages };

/** Problems by message index: an empty message, or too few or too many messages (index -1). */
export function checkMessages(messages: readonly ChatMessage[]): { index: number; message: string }[] {
  if (messages.length === 0) return [{ index: -1, message: "A chat prompt needs at least one message." }];
  if (messages.length > MESSAGE_LIMITS.messages)
    return [{ index: -1, message: `At most ${MESSAGE_LIMITS.messages} messages.` }];
  return messages.flatMap((m, index) =>
    m.content.trim() === "" ? [{ index, message: "Write the message or remove it." }] : [],
  );
}

const NAME = new RegExp(NAME_PATTERN);

export function nameProblem(name: string): string | null {
  if (name === "") return "Give the prompt a name.";
  if (name.length > NAME_LIMITS.name) return `At most ${NAME_LIMITS.name} characters.`;
  if (!NAME.test(name))
    return `Lower-case letters, digits, dots, dashes and underscores, with / between folders (each part at most ${NAME_LIMITS.segment}).`;
  return null;
}
