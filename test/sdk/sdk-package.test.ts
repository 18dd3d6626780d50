// The SDK as users get it: built, packed with `npm pack`, installed into an empty project with no
// network, then loaded with `import` and with `require`, and type-checked through its package.json
// `exports` from an ES module and from a CommonJS file. It must bring no dependencies along.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "../..");
const sdkDir = join(repo, "packages/sdk");
const consumer = mkdtempSync(join(tmpdir(), "pf-sdk-consumer-"));
const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--offline", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
  });
const node = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: consumer, encoding: "utf8" }).trim();

describe("@promptforge/sdk as an installed package", () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(sdkDir, "scripts/build.mjs")], { cwd: repo, stdio: "pipe" });
    const packDir = mkdtempSync(join(tmpdir(), "pf-sdk-pack-"));
    npm(["pack", "--pack-destination", packDir], sdkDir);
    const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack made no tarball");
    writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    npm(["install", join(packDir, tarball)], consumer);
  }, 120_000);

  it("declares no dependencies and installs nothing besides itself", () => {
    const manifest = JSON.parse(
      readFileSync(join(consumer, "node_modules/@promptforge/sdk/package.json"), "utf8"),
    );
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    const installed = readdirSync(join(consumer, "node_modules")).filter((d) => !d.startsWith("."));
    expect(installed).toEqual(["@promptforge"]);
    expect(readdirSync(join(consumer, "node_modules/@promptforge"))).toEqual(["sdk"]);
  });

  it("loads with import (ES module) and require (CommonJS), and renders with the shared renderer", () => {
    const esm = node([
      "--input-type=module",
      "-e",
      `import { PromptForge, PromptForgeError, render } from "@promptforge/sdk";
       const pf = new PromptForge({ baseUrl: "http://127.0.0.1:9", apiKey: "k", project: "p" });
       console.log(typeof pf.getPrompt, new PromptForgeError("unavailable", "x").code, render("Hi {{n}}", { n: "ESM" }));`,
    ]);
    expect(esm).toBe("function unavailable Hi ESM");
    const cjs = node([
      "--input-type=commonjs",
      "-e",
      `const { PromptForge, PromptNotFoundError, render } = require("@promptforge/sdk");
       const pf = new PromptForge({ baseUrl: "http://127.0.0.1:9", apiKey: "k", project: "p" });
       console.log(typeof pf.getPrompt, new PromptNotFoundError("not_found", "x").name, render("Hi {{n}}", { n: "CJS" }));`,
    ]);
    expect(cjs).toBe("function PromptNotFoundError Hi CJS");
  });

  it("serves a fallback from the CommonJS build when the server is unreachable", () => {
    const out = node([
      "--input-type=commonjs",
      "-e",
      `const { PromptForge } = require("@promptforge/sdk");
       const pf = new PromptForge({ baseUrl: "http://127.0.0.1:9", apiKey: "k", project: "p", timeoutMs: 2000 });
       pf.getPrompt("x", { fallback: "Hello {{who}}" }).then((p) => console.log(p.source, p.compile({ who: "you" })));`,
    ]);
    expect(out).toBe("fallback Hello you");
  });

  it("type-checks from an ES module and from a CommonJS file through its exports", () => {
    writeFileSync(
      join(consumer, "use.mts"),
      `import { PromptForge, type Prompt } from "@promptforge/sdk";
const pf = new PromptForge({ baseUrl: "http://x", apiKey: "k", project: "p", cacheTtlSeconds: 5 });
export async function f(): Promise<string> {
  const p: Prompt = await pf.getPrompt("a", { label: "staging" });
  return p.type === "text" ? p.compile({ a: 1 }) : p.compile({}).map((m) => m.content).join();
}
`,
    );
    writeFileSync(
      join(consumer, "use.cts"),
      `import sdk = require("@promptforge/sdk");
export const pf: sdk.PromptForge = new sdk.PromptForge({ baseUrl: "http://x", apiKey: "k", project: "p" });
`,
    );
    writeFileSync(
      join(consumer, "bad.mts"),
      `import { PromptForge } from "@promptforge/sdk";
new PromptForge({ baseUrl: "http://x", apiKey: "k" });
`,
    );
    const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
    const check = (files: string[]) =>
      execFileSync(
        process.execPath,
        [tsc, "--noEmit", "--strict", "--module", "nodenext", "--lib", "es2022,dom", "--types", "", ...files],
        { cwd: consumer, encoding: "utf8" },
      );
    expect(() => check(["use.mts", "use.cts"])).not.toThrow();
    // and the types are real: a missing option is an error
    let said = "";
    try {
      check(["bad.mts"]);
    } catch (e) {
      said = String((e as { stdout?: string }).stdout);
    }
    expect(said).toMatch(/bad\.mts.*'project' is missing/s);
  });
});
