// The registry keeps each fetch's encoded answer keyed by (prompt, version, labels, …) and never
// re-reads a version it has encoded: correct only while no code changes or removes a prompt_versions row
// on its own (rows go only with their prompt, by the foreign key's cascade). This reads the server's
// source, as test/unit/layers.test.ts does for imports, and fails when such a statement appears.
// Migrations are left out: they run before an instance serves, with every cache empty.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");
const MIGRATIONS = join(SRC, "db", "migrations");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === MIGRATIONS) continue;
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

// Kysely's updateTable/deleteFrom, byKey's update/delete helpers, and raw SQL, each naming the table.
const WRITES_VERSIONS = [
  /\b(?:updateTable|deleteFrom)\(\s*["'`]prompt_versions\b/,
  /\bbyKey\.(?:update|updateOne|delete|deleteOne|replace)\(\s*[\w.]+\s*,\s*["'`]prompt_versions["'`]/,
  /\b(?:UPDATE|DELETE\s+FROM)\s+"?prompt_versions\b/i,
];

describe("prompt versions", () => {
  it("are never updated or deleted on their own outside migrations, so a registry answer kept per version stays true", () => {
    const offenders = sourceFiles(SRC).filter((file) => {
      const text = readFileSync(file, "utf8");
      return WRITES_VERSIONS.some((pattern) => pattern.test(text));
    });
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("are recognised when written: the check is not vacuous", () => {
    const samples = [
      `db.updateTable("prompt_versions").set({ content: "x" })`,
      `await db.deleteFrom("prompt_versions").where("id", "=", id)`,
      `byKey.updateOne(db, "prompt_versions", { id }, { content })`,
      "sql`UPDATE prompt_versions SET content = ?`",
    ];
    for (const s of samples)
      expect(
        WRITES_VERSIONS.some((p) => p.test(s)),
        s,
      ).toBe(true);
  });
});
