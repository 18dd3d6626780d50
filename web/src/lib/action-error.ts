// A page with several actions (TanStack mutations) shows one error: the one of the action run last.
import { useState } from "react";

/**
 * `mark(name)` as an action starts; `error` is then that action's error (null before any ran), and
 * `last` its name.
 */
export function useActionError<K extends string>(actions: Record<K, { error: unknown }>) {
  const [last, setLast] = useState<K | null>(null);
  return { last, error: last === null ? null : actions[last].error, mark: setLast };
}
