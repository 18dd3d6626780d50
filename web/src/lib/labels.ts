// Labels as the versions timeline shows them: which labels sit at each version.
import type { PromptLabel } from "./registry-types.js";

/**
 * Labels by the version they point to (a split label is listed at each of its versions). `latest`, which
 * the server lists as computed, is left out: the timeline marks the newest version itself.
 */
export function labelsByVersion(labels: readonly PromptLabel[]): Map<number, PromptLabel[]> {
  const out = new Map<number, PromptLabel[]>();
  const add = (v: number, l: PromptLabel) => out.set(v, [...(out.get(v) ?? []), l]);
  for (const l of labels) {
    if (l.computed) continue;
    if (l.version !== null && l.version !== undefined) add(l.version, l);
    else for (const s of l.split ?? []) add(s.version, l);
  }
  return out;
}
