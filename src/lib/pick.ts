// What a service returns of a stored row: the fields its response declares, never the other columns
// (hashes, internal flags, columns added later).

/** A copy of `row` with only `keys`. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = row[k];
  return out;
}
