// The commit label of promptforge_build_info: GIT_COMMIT when the build sets it, otherwise the checkout's
// .git/HEAD when running from a clone (two small file reads at start-up), otherwise "unknown".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const SHA = /^[0-9a-f]{7,64}$/i;

export function resolveCommit(gitCommit: string | undefined, cwd = process.cwd()): string {
  if (gitCommit?.trim()) return gitCommit.trim().slice(0, 40);
  try {
    const gitDir = join(cwd, ".git");
    const head = readFileSync(join(gitDir, "HEAD"), "utf8").trim();
    if (SHA.test(head)) return head.slice(0, 40);
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (!ref) return "unknown";
    const loose = join(gitDir, ref);
    if (existsSync(loose)) {
      const sha = readFileSync(loose, "utf8").trim();
      return SHA.test(sha) ? sha : "unknown";
    }
    const packed = readFileSync(join(gitDir, "packed-refs"), "utf8")
      .split("\n")
      .find((line) => line.endsWith(` ${ref}`));
    const sha = packed?.split(" ")[0];
    return sha && SHA.test(sha) ? sha : "unknown";
  } catch {
    return "unknown";
  }
}
