// The one debounce of the web app: a value that follows another once it has stopped changing for
// `ms`. Live analysis, list filters and anything else that should not run on every keystroke use it.
import { useEffect, useState } from "react";

/**
 * `value`, `ms` after its last change. Changes are compared with `Object.is`, so pass state (or
 * primitives), not an object built during render, or the wait starts again on every render.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(settled, value)) return;
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms, settled]);
  return settled;
}
