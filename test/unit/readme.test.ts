// The README's first screen (everything above its first section heading) is what a newcomer reads: the
// two commands, the supported Node versions and how to serve on another port.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { settings } from "../../src/config.js";

const ROOT = resolve(import.meta.dirname, "../..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const firstScreen = readme.slice(0, readme.indexOf("\n## "));

describe("README first screen", () => {
  it("shows the two commands: start with zero configuration, run the tests", () => {
    expect(firstScreen).toMatch(/^npm install && npm start\s+#.*zero configuration/m);
    expect(firstScreen).toMatch(/^npm test\s+#/m);
  });

  it("says how to serve on another port than the default", () => {
    expect(firstScreen).toContain(`port ${settings.PORT.default}`);
    expect(firstScreen).toMatch(/`PORT=\d+ npm start`/);
  });

  it("fits on a screen", () => {
    expect(firstScreen.split("\n").length).toBeLessThanOrEqual(30);
  });
});
