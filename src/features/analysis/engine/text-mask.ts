// The character mask and material blocks the tokenizer (text.ts) and the paragraph-level material reader
// (material-blocks.ts) both write: kept apart so neither imports the other's module.

/** What a character belongs to: the author's instructions, quoted/pasted material, a placeholder, markup. */
export const MASK_INSTRUCTION = 0;
export const MASK_CONTENT = 1;
export const MASK_SLOT = 2;
export const MASK_MARKUP = 3;

export type BlockKind = "fence" | "triple-quote" | "tag" | "labelled" | "introduced" | "data" | "quote-line";

export interface Block {
  start: number;
  end: number;
  kind: BlockKind;
  /** Tag or label name when the block has one (lower case). */
  name: string;
}

/** Sets mask[start, end) to value; with onlyIfZero, only where it is still instruction text. */
export function fill(mask: Uint8Array, start: number, end: number, value: number, onlyIfZero = false): void {
  for (let i = start; i < end; i++) {
    if (!onlyIfZero || mask[i] === MASK_INSTRUCTION) mask[i] = value;
  }
}
