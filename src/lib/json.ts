// Reading JSON that the server itself stored in a text column.

/** `text` parsed, or `fallback` when it is null or not JSON (a damaged row reads as the default). */
export function parseJsonOr<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
