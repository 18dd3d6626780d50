// The web app's data layer, read from its source: pages and components reach the API only through
// lib/queries.ts, the API's objects are the server's own schema types (imported as types, so no
// server code is bundled), and a delayed value has one implementation, lib/debounce.ts.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const WEB = join(import.meta.dirname, "..", "..", "web", "src");

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => {
      const path = join(e.parentPath, e.name);
      return { file: relative(WEB, path), text: readFileSync(path, "utf8") };
    });
}

const ALL = sources(WEB);
const VIEWS = ALL.filter((s) => /^(pages|components)\//.test(s.file));

/** Import and re-export statements of a file, each as one string. */
function moduleStatements(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"[^"]+";/gms)].map((m) => m[0]);
}

describe("web app data layer", () => {
  it("lets no page or component call the API client or fetch: they use the hooks of lib/queries.ts", () => {
    const offenders = VIEWS.filter((s) =>
      /\bapi\.(get|post|put|patch|del)\b|\brequest\(|\bfetch\(/.test(s.text),
    );
    expect(offenders.map((s) => s.file)).toEqual([]);
    expect(ALL.map((s) => s.file)).toContain(join("lib", "queries.ts"));
  });

  it("declares none of the API's objects itself: they are the server's Static<> types", () => {
    const names = [
      "User",
      "Prompt",
      "PromptVersion",
      "DiffLine",
      "DiffResult",
      "Template",
      "TemplateVariable",
      "ApiKey",
      "ListPage",
      "TokenPair",
    ];
    const written = ALL.flatMap((s) =>
      names
        .filter((n) => new RegExp(`\\binterface ${n}\\b|\\btype ${n}\\s*=\\s*\\{`).test(s.text))
        .map((n) => `${s.file}: ${n}`),
    );
    expect(written).toEqual([]);
    const types = ALL.find((s) => s.file === join("lib", "types.ts"))?.text ?? "";
    for (const schemas of ["auth/auth-schemas", "prompts/prompts-schemas", "templates/templates-schemas"])
      expect(types).toContain(`src/features/${schemas}.js`);
  });

  it("imports the server's schema files as types only, so none of their code reaches the bundle", () => {
    const valueImports = ALL.flatMap((s) =>
      moduleStatements(s.text)
        .filter((st) => /from\s+"[^"]*\/src\/features\/[^"]*-schemas\.js"/.test(st))
        .filter((st) => !/^(import|export)\s+type\b/.test(st))
        .map((st) => `${s.file}: ${st.replace(/\s+/g, " ")}`),
    );
    expect(valueImports).toEqual([]);
  });

  it("has one debounce: only lib/debounce.ts restarts a timer as a value changes", () => {
    // A debounce clears its pending timer on every change; the copy button's reset timer is not one.
    const timers = ALL.filter((s) => /\bclearTimeout\(/.test(s.text)).map((s) => s.file);
    expect(timers.sort()).toEqual([join("components", "ui.tsx"), join("lib", "debounce.ts")].sort());
    expect(ALL.filter((s) => /function useDebounced\b/.test(s.text)).map((s) => s.file)).toEqual([
      join("lib", "debounce.ts"),
    ]);
  });
});
