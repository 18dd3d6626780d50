// Template placeholder checks for the editor and the "use" form. Parsing is the server's own
// (src/features/templates/render.ts), so what the editor flags as you type is what saving would reject.
import { parsePlaceholders } from "../../../src/features/templates/render.js";

export { parsePlaceholders };

export interface VariableCheck {
  /** Used in the content but not declared. */
  undeclared: string[];
  /** Declared but never used. */
  unused: string[];
  /** Syntax errors (unclosed braces, malformed names), in words with line and column. */
  syntax: string[];
}

export function checkVariables(content: string, declared: readonly string[]): VariableCheck {
  const parsed = parsePlaceholders(content);
  const names = declared.map((d) => d.trim()).filter(Boolean);
  return {
    undeclared: parsed.names.filter((n) => !names.includes(n)),
    unused: names.filter((n) => !parsed.names.includes(n)),
    syntax: parsed.errors.map((e) => e.message),
  };
}

/**
 * The live preview: each placeholder replaced by its value (or default); one with no value stays
 * visible as written. Values are inserted verbatim and shown as text, never as markup.
 */
export function renderPreview(content: string, values: Record<string, string>): string {
  const parsed = parsePlaceholders(content);
  const parts: string[] = [];
  let at = 0;
  for (const p of parsed.placeholders) {
    parts.push(content.slice(at, p.start));
    const v = Object.hasOwn(values, p.name) ? values[p.name] : undefined;
    parts.push(v !== undefined && v !== "" ? v : content.slice(p.start, p.end));
    at = p.end;
  }
  parts.push(content.slice(at));
  return parts.join("");
}
