#!/usr/bin/env node
// The `promptforge` command (package.json "bin"): a shim that runs the compiled CLI in dist/.
// `npm install` builds it (the prepare script); in a clone without dist/, run `npm run build` first.
let cli;
try {
  cli = await import("../dist/src/cli/main.js");
} catch (e) {
  if (e && e.code === "ERR_MODULE_NOT_FOUND" && String(e.message).includes("dist/src/cli/main.js")) {
    process.stderr.write("promptforge: not built yet; run `npm run build` first\n");
    process.exit(2);
  }
  throw e;
}
process.exitCode = await cli.run(process.argv.slice(2));
