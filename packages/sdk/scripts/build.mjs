// Builds @promptforge/sdk into dist/esm (ES modules) and dist/cjs (CommonJS), each with its .d.ts files.
// dist/cjs gets its own package.json saying "commonjs", since this package's own says "module".
// Run by the repository's `npm run build` and by `npm run build` in this folder.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsPackage = createRequire(import.meta.url).resolve("typescript/package.json");
const tsc = join(dirname(tsPackage), "bin/tsc");

rmSync(join(root, "dist"), { recursive: true, force: true });
for (const config of ["tsconfig.json", "tsconfig.cjs.json"]) {
  execFileSync(process.execPath, [tsc, "-p", join(root, config)], { stdio: "inherit" });
}
mkdirSync(join(root, "dist/cjs"), { recursive: true });
writeFileSync(join(root, "dist/cjs/package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
