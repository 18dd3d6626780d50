// Reading the server's answer to an enhance request. Pure, so it is tested without a browser.
import type { EnhanceVariant } from "../../../src/features/analysis/engine/types.js";

function isVariant(x: unknown): x is EnhanceVariant {
  return !!x && typeof x === "object" && typeof (x as EnhanceVariant).enhanced_text === "string";
}

/**
 * Accepts the documented EnhanceResponse and the shapes close to it: one variant, or a list. The
 * EnhanceResponse also spreads its first variant at the top level, so its `variants` list is read
 * before the object itself is taken for a lone variant.
 */
export function variantsOf(data: unknown): EnhanceVariant[] | null {
  if (Array.isArray(data)) return data.every(isVariant) ? data : null;
  if (!data || typeof data !== "object") return null;
  const d = data as { variants?: unknown; results?: unknown; result?: unknown };
  for (const v of [d.variants, d.results])
    if (Array.isArray(v) && v.length > 0 && v.every(isVariant)) return v;
  if (isVariant(data)) return [data];
  if (isVariant(d.result)) return [d.result];
  return null;
}
