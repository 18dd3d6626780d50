// Password policy and hashing. Hashes are argon2id (PHC strings from @node-rs/argon2); the policy is
// length 10–256, not a well-known password, and not containing the username.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hash, parseOptions, verify } from "@node-rs/argon2";
import type { FieldIssue } from "../../http/errors.js";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * OWASP's first recommended argon2id setting (19 MiB, 2 passes, 1 lane): about 15 ms per hash on one
 * core of a small server, so a login costs little and many can run side by side, while each guess costs
 * an attacker 19 MiB of memory, which is what makes GPU and ASIC cracking expensive. Raising memory
 * rather than passes buys more resistance per millisecond. Stored hashes with other parameters are
 * upgraded on the next successful login (see `needsRehash`).
 */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  // argon2id is the library's default algorithm (its enum is a const enum, unusable under isolatedModules).
  return hash(password, ARGON2_OPTIONS);
}

/** True when `password` matches `passwordHash`; false for a mismatch or an unreadable hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with parameters other than today's. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const p = parseOptions(passwordHash);
    return (
      p.memoryCost !== ARGON2_OPTIONS.memoryCost ||
      p.timeCost !== ARGON2_OPTIONS.timeCost ||
      p.parallelism !== ARGON2_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}

let commonPasswords: Set<string> | undefined;

// tsc does not copy the list into dist/, so a build run from the repository falls back to the source copy.
const LIST_LOCATIONS = ["./common-passwords.txt", "../../../../src/features/auth/common-passwords.txt"];

/** The shipped list of common passwords, lower-cased; read once. Throws if the file is missing. */
export function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const file = LIST_LOCATIONS.map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) =>
    existsSync(p),
  );
  if (!file) throw new Error("common-passwords.txt not found next to passwords.ts: the build is incomplete");
  const set = new Set<string>();
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const v = line.trim();
    if (v && !v.startsWith("#")) set.add(v.toLowerCase());
  }
  commonPasswords = set;
  return set;
}

export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(password.toLowerCase());
}

/**
 * Every way `password` breaks the policy, as field issues (empty when it is acceptable). `field` names
 * the request field the password came from, so the 422 points at it.
 */
export function passwordIssues(password: string, username: string, field = "password"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    issues.push({ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` });
  } else if (length > PASSWORD_MAX_LENGTH) {
    issues.push({ field, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });
  }
  if (isCommonPassword(password)) {
    issues.push({ field, message: "is one of the most common passwords; choose a less guessable one" });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    issues.push({ field, message: "must not contain the username" });
  }
  return issues;
}
