// The kinds of setting the configuration schema is written with: each parses one environment variable,
// names what it allows (the error message and `.env.example` say it) and carries its default and doc.

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface Setting<T> {
  doc: string;
  /** Default used when the variable is absent or empty; a function sees the partially parsed config. */
  default: T | ((partial: Record<string, unknown>) => T);
  parse: (raw: string) => T;
  /** Human-readable description of allowed values, used in error messages. */
  allowed: string;
  /** Values that must never be printed (used by `.env.example` generation and logs). */
  secret?: boolean;
}

export function fail(allowed: string): never {
  throw new ConfigError(allowed);
}

/** `raw` (trimmed) as a URL; a value that is not one fails with `allowed`. */
export function urlOr(raw: string, allowed: string): URL {
  try {
    return new URL(raw.trim());
  } catch {
    return fail(allowed);
  }
}

export const str = (
  doc: string,
  def: string,
  opts: { secret?: boolean; allowed?: string } = {},
): Setting<string> => ({
  doc,
  default: def,
  parse: (raw) => raw,
  allowed: opts.allowed ?? "any string",
  secret: opts.secret,
});

export const optStr = (doc: string, opts: { secret?: boolean } = {}): Setting<string | undefined> => ({
  doc,
  default: undefined,
  parse: (raw) => raw,
  allowed: "any string",
  secret: opts.secret,
});

export const int = (doc: string, def: number, min: number, max: number): Setting<number> => ({
  doc,
  default: def,
  allowed: `an integer from ${min} to ${max}`,
  parse: (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) fail(`an integer from ${min} to ${max}`);
    const n = Number(raw);
    if (n < min || n > max) fail(`an integer from ${min} to ${max}`);
    return n;
  },
});

export const optInt = (doc: string, min: number, max: number): Setting<number | undefined> => ({
  doc,
  default: undefined,
  allowed: `an integer from ${min} to ${max}`,
  parse: (raw) => int(doc, min, min, max).parse(raw),
});

export const num = (doc: string, def: number, min: number, max: number): Setting<number> => ({
  doc,
  default: def,
  allowed: `a number from ${min} to ${max}`,
  parse: (raw) => {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n) || n < min || n > max)
      fail(`a number from ${min} to ${max}`);
    return n;
  },
});

export const bool = (
  doc: string,
  def: boolean | ((partial: Record<string, unknown>) => boolean),
): Setting<boolean> => ({
  doc,
  default: def,
  allowed: "true or false",
  parse: (raw) => {
    const v = raw.trim().toLowerCase();
    if (["true", "1", "yes", "on"].includes(v)) return true;
    if (["false", "0", "no", "off"].includes(v)) return false;
    return fail("true or false");
  },
});

export function oneOf<const T extends readonly string[]>(
  doc: string,
  values: T,
  def: T[number] | ((p: Record<string, unknown>) => T[number]),
  opts: { caseInsensitive?: boolean } = {},
): Setting<T[number]> {
  const allowed = `one of ${values.join(", ")}`;
  return {
    doc,
    default: def,
    allowed,
    parse: (raw) => {
      const v = opts.caseInsensitive ? raw.trim().toUpperCase() : raw.trim();
      const hit = values.find((x) => (opts.caseInsensitive ? x.toUpperCase() : x) === v);
      return hit ?? fail(allowed);
    },
  };
}

/** Durations: plain seconds ("1800") or a number with s/m/h/d ("30m", "14d"). Parsed to seconds. */
export const duration = (doc: string, def: number): Setting<number> => ({
  doc,
  default: def,
  allowed: "seconds, or a number followed by s, m, h or d (e.g. 30m)",
  parse: (raw) => {
    const m = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
    if (!m) fail("seconds, or a number followed by s, m, h or d (e.g. 30m)");
    const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
    const v = Number(m[1]) * unit;
    if (v <= 0) fail("a positive duration");
    return v;
  },
});

/** Sizes: bytes or a number with kb/mb (binary units). */
export const size = (doc: string, def: number): Setting<number> => ({
  doc,
  default: def,
  allowed: "bytes, or a number followed by KB or MB (e.g. 1MB)",
  parse: (raw) => {
    const m = /^(\d+)\s*(b|kb|kib|mb|mib)?$/i.exec(raw.trim());
    if (!m) fail("bytes, or a number followed by KB or MB (e.g. 1MB)");
    const unit = (m[2] ?? "b").toLowerCase();
    const mult = unit.startsWith("k") ? 1024 : unit.startsWith("m") ? 1024 * 1024 : 1;
    const v = Number(m[1]) * mult;
    if (v < 1024 || v > 64 * 1024 * 1024) fail("between 1KB and 64MB");
    return v;
  },
});

export const list = (doc: string, def: string[]): Setting<string[]> => ({
  doc,
  default: def,
  allowed: "a comma-separated list",
  parse: (raw) =>
    raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
});

export const url = (
  doc: string,
  protocols: string[],
  opts: { secret?: boolean } = {},
): Setting<string | undefined> => ({
  doc,
  default: undefined,
  allowed: `a URL (${protocols.join(", ")})`,
  secret: opts.secret,
  parse: (raw) => {
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol.replace(/:$/, ""))) fail(`a URL (${protocols.join(", ")})`);
      return raw;
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      return fail(`a URL (${protocols.join(", ")})`);
    }
  },
});
