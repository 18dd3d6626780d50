// Usernames for accounts made by single sign-on: derived from what the provider says (preferred
// username, else the e-mail's local part), reduced to the characters a PromptForge username allows,
// and made unique with a numbered, then a random, suffix.
import { randomBytes } from "node:crypto";

const MAX = 32;
const MIN = 3;

/** A valid username (3–32 of A–Z a–z 0–9 _ -) close to the provider's name for the person. */
export function deriveUsername(preferred: string | null, email: string): string {
  const source = preferred && !preferred.includes("@") ? preferred : email.slice(0, email.indexOf("@"));
  const cleaned = source
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, MAX - 4);
  return cleaned.length >= MIN ? cleaned : `user-${cleaned}`.replace(/-$/, "").padEnd(MIN + 2, "0");
}

/**
 * Names to try in order: free ones first (as `taken` says now), ending with random suffixes that a
 * race with another sign-in cannot exhaust.
 */
export async function usernameCandidates(
  base: string,
  taken: (key: string) => Promise<boolean>,
): Promise<string[]> {
  const out: string[] = [];
  const numbered = [base, ...Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`)];
  for (const name of numbered) {
    if (!(await taken(name.toLowerCase()))) out.push(name);
    if (out.length >= 2) break;
  }
  while (out.length < 5) {
    out.push(`${base.slice(0, MAX - 7)}-${randomBytes(3).toString("hex")}`);
  }
  return out;
}
