// Deterministic text similarity for the `similar-to` assertion: token F1 (bag-of-words overlap, the
// measure reading-comprehension benchmarks report) and ROUGE-L (longest common subsequence of tokens,
// so word order counts). Both are a few lines over one tokenizer; writing them here keeps the
// tokenization under our control and documented, which a library would not guarantee across versions.
//
// Tokens: the text is NFKC-normalized and lower-cased, then split into runs of letters and digits
// (any script); punctuation and whitespace separate tokens and are dropped.

export const SIMILARITY_METHODS = ["token-f1", "rouge-l"] as const;
export type SimilarityMethod = (typeof SIMILARITY_METHODS)[number];

/**
 * Texts longer than this many tokens are compared on their first MAX_SIMILARITY_TOKENS tokens:
 * ROUGE-L is quadratic (2,000 × 2,000 cells: about 90 ms on a busy 2-core machine), and an output that long is
 * not a short answer one compares by similarity anyway.
 */
export const MAX_SIMILARITY_TOKENS = 2_000;

// A character class and one quantifier: linear time, no backtracking.
const TOKEN = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  const tokens = text.normalize("NFKC").toLowerCase().match(TOKEN) ?? [];
  return tokens.length > MAX_SIMILARITY_TOKENS ? tokens.slice(0, MAX_SIMILARITY_TOKENS) : tokens;
}

function f1(overlap: number, candidateLength: number, referenceLength: number): number {
  if (overlap === 0) return 0;
  const precision = overlap / candidateLength;
  const recall = overlap / referenceLength;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * Token F1: the harmonic mean of precision and recall of the candidate's tokens against the
 * reference's, counting each token as often as it occurs in both (multiset overlap).
 * Two empty texts are identical (1); one empty text against a non-empty one scores 0.
 */
export function tokenF1(candidate: string, reference: string): number {
  const c = tokenize(candidate);
  const r = tokenize(reference);
  if (c.length === 0 || r.length === 0) return c.length === r.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of r) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of c) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(t, left - 1);
    }
  }
  return f1(overlap, c.length, r.length);
}

/** Length of the longest common subsequence of two token lists (two rows of the usual table). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint32Array(b.length + 1);
  let curr = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      curr[j] =
        ai === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, curr[j - 1] as number);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length] as number;
}

/**
 * ROUGE-L F-measure (β = 1): precision = LCS / candidate tokens, recall = LCS / reference tokens,
 * and their harmonic mean. Same conventions for empty texts as tokenF1.
 */
export function rougeL(candidate: string, reference: string): number {
  const c = tokenize(candidate);
  const r = tokenize(reference);
  if (c.length === 0 || r.length === 0) return c.length === r.length ? 1 : 0;
  return f1(lcsLength(c, r), c.length, r.length);
}

export function similarity(method: SimilarityMethod, candidate: string, reference: string): number {
  return method === "rouge-l" ? rougeL(candidate, reference) : tokenF1(candidate, reference);
}
