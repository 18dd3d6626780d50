// A pairwise logistic (Bradley–Terry) model: each prompt gets a utility w·x, and the probability that
// the better prompt of a pair wins is σ(w·(x_better − x_worse)). Fitted by gradient descent with an L2
// penalty (and optional sign constraints, by projection), cross-validated over k folds. Deterministic: fixed fold assignment, no random start.
// Each feature is fitted on its own scale (its pair differences divided by their root mean square) and
// the weights mapped back: the features differ in spread by two orders of magnitude (a dimension moves by
// a tenth, a rare finding flips 0 to 1 in a few pairs), and on raw values gradient descent left the rare
// ones near zero after any number of steps while the penalty fell on each unevenly.

export interface FitOptions {
  /** L2 penalty on the weights. */
  lambda: number;
  iterations: number;
  learningRate: number;
  /** Fit on standardised feature differences (see the header). */
  standardise: boolean;
}

export const DEFAULT_FIT: FitOptions = {
  lambda: 0.01,
  iterations: 3000,
  learningRate: 0.5,
  standardise: true,
};

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Fits weights on feature differences (better − worse); every row is a pair the better side should win. */
export function fitPairwise(
  diffs: number[][],
  opts: FitOptions = DEFAULT_FIT,
  signs: readonly number[] = [],
): number[] {
  if (!opts.standardise) return fitRaw(diffs, opts, signs);
  const d = diffs[0]?.length ?? 0;
  // a positive divisor keeps each declared sign; a feature that never differs keeps weight 0 either way
  const rms = Array.from({ length: d }, (_, j) => {
    const m = Math.sqrt(diffs.reduce((s, x) => s + x[j]! * x[j]!, 0) / Math.max(1, diffs.length));
    return m > 1e-12 ? m : 1;
  });
  const w = fitRaw(
    diffs.map((x) => x.map((v, j) => v / rms[j]!)),
    opts,
    signs,
  );
  return w.map((wj, j) => wj / rms[j]!);
}

function fitRaw(diffs: number[][], opts: FitOptions, signs: readonly number[]): number[] {
  const d = diffs[0]?.length ?? 0;
  const w = new Array<number>(d).fill(0);
  const n = diffs.length;
  if (n === 0) return w;
  for (let it = 0; it < opts.iterations; it++) {
    const grad = w.map((wi) => opts.lambda * wi);
    for (const x of diffs) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * x[j]!;
      const g = sigmoid(z) - 1; // d/dz of −log σ(z)
      for (let j = 0; j < d; j++) grad[j]! += (g * x[j]!) / n;
    }
    for (let j = 0; j < d; j++) {
      // projected gradient: a weight with a declared sign stays on its side of zero
      const next = w[j]! - opts.learningRate * grad[j]!;
      const sign = signs[j] ?? 0;
      w[j] = sign > 0 ? Math.max(0, next) : sign < 0 ? Math.min(0, next) : next;
    }
  }
  return w;
}

export const utility = (w: readonly number[], x: readonly number[]): number =>
  x.reduce((s, xj, j) => s + (w[j] ?? 0) * xj, 0);

/** Share of pairs whose better side has the strictly higher utility. */
export function pairAccuracy(w: readonly number[], diffs: number[][]): number {
  if (diffs.length === 0) return 1;
  return diffs.filter((x) => utility(w, x) > 1e-12).length / diffs.length;
}

/** k-fold cross-validated accuracy; pair i is in fold i mod k. */
export function crossValidate(
  diffs: number[][],
  k = 5,
  opts: FitOptions = DEFAULT_FIT,
  signs: readonly number[] = [],
): number {
  let correct = 0;
  for (let f = 0; f < k; f++) {
    const train = diffs.filter((_, i) => i % k !== f);
    const test = diffs.filter((_, i) => i % k === f);
    const w = fitPairwise(train, opts, signs);
    correct += test.filter((x) => utility(w, x) > 1e-12).length;
  }
  return diffs.length ? correct / diffs.length : 1;
}

/**
 * Accuracy on each group of pairs with the weights fitted on the other groups: with groups = the files
 * pairs were written in, a closer stand-in for new prompts than k-fold, whose folds share each file's
 * wording (k-fold on the dev pairs read 97.9% where the blind pairs read 85%).
 */
export function crossValidateGroups(
  diffs: number[][],
  groups: readonly string[],
  opts: FitOptions = DEFAULT_FIT,
  signs: readonly number[] = [],
): { accuracy: number; byGroup: Record<string, { pairs: number; correct: number }> } {
  const byGroup: Record<string, { pairs: number; correct: number }> = {};
  let correct = 0;
  for (const g of [...new Set(groups)].sort()) {
    const w = fitPairwise(
      diffs.filter((_, i) => groups[i] !== g),
      opts,
      signs,
    );
    const test = diffs.filter((_, i) => groups[i] === g);
    const ok = test.filter((x) => utility(w, x) > 1e-12).length;
    byGroup[g] = { pairs: test.length, correct: ok };
    correct += ok;
  }
  return { accuracy: diffs.length ? correct / diffs.length : 1, byGroup };
}
