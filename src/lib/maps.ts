// Memo tables (a Map or a WeakMap): the entry for a key, made on first use and kept.

interface MemoTable<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** `map`'s value for `key`; when it has none, `make(key)`'s, stored under `key` first. */
export function getOrInsert<K, V>(map: MemoTable<K, V>, key: K, make: (key: K) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make(key);
    map.set(key, value);
  }
  return value;
}
