// Line diff between two prompt versions (Myers' O(ND) algorithm, the one behind `git diff`), shaped
// for the API: each line says whether it is kept, added or removed, with its number on either side.
//
// Bounded work: content is at most 50,000 characters, so at most ~50,000 lines a side. The common
// prefix and suffix are stripped first (typical edits touch a few lines), and the search for a minimal
// edit script stops after MAX_EDIT_DISTANCE edits: time stays O((N + M) · D) with D ≤ that cap and the
// stored trace O(D²). Past the cap the changed middle is reported as "all removed, then all added",
// which is still a correct diff (it turns the old text into the new one), just not a minimal one.

export type DiffOp = "equal" | "add" | "remove";

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line number in the old text; null for added lines. */
  old_line: number | null;
  /** 1-based line number in the new text; null for removed lines. */
  new_line: number | null;
}

export interface LineDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** False when the edit-distance cap was hit and the middle was diffed coarsely. */
  minimal: boolean;
}

export const MAX_EDIT_DISTANCE = 1000;

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Diffs two texts line by line. */
export function diffLines(
  oldText: string,
  newText: string,
  opts: { maxEditDistance?: number } = {},
): LineDiff {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const cap = opts.maxEditDistance ?? MAX_EDIT_DISTANCE;

  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }

  // Lines become small integers so the inner loop compares numbers, not strings.
  const ids = new Map<string, number>();
  const intern = (s: string) => {
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return id;
  };
  const midA = Int32Array.from(a.slice(prefix, a.length - suffix), intern);
  const midB = Int32Array.from(b.slice(prefix, b.length - suffix), intern);

  const script = myers(midA, midB, cap);
  const out: DiffLine[] = [];
  let added = 0;
  let removed = 0;
  for (let i = 0; i < prefix; i++) {
    out.push({ op: "equal", text: a[i] as string, old_line: i + 1, new_line: i + 1 });
  }
  let x = 0;
  let y = 0;
  const emit = (op: DiffOp) => {
    if (op === "equal") {
      out.push({ op, text: a[prefix + x] as string, old_line: prefix + x + 1, new_line: prefix + y + 1 });
      x++;
      y++;
    } else if (op === "remove") {
      out.push({ op, text: a[prefix + x] as string, old_line: prefix + x + 1, new_line: null });
      removed++;
      x++;
    } else {
      out.push({ op, text: b[prefix + y] as string, old_line: null, new_line: prefix + y + 1 });
      added++;
      y++;
    }
  };
  if (script) {
    for (const op of script) emit(op);
  } else {
    for (let i = 0; i < midA.length; i++) emit("remove");
    for (let i = 0; i < midB.length; i++) emit("add");
  }
  const oldBase = a.length - suffix;
  const newBase = b.length - suffix;
  for (let i = 0; i < suffix; i++) {
    out.push({
      op: "equal",
      text: a[oldBase + i] as string,
      old_line: oldBase + i + 1,
      new_line: newBase + i + 1,
    });
  }
  return { lines: out, added, removed, minimal: script !== null };
}

/**
 * Shortest edit script from a to b, or null when it needs more than `cap` insertions + deletions.
 * V[k] holds the furthest x reached on diagonal k = x - y; the V of every round is kept so the
 * path can be walked back.
 */
function myers(a: Int32Array, b: Int32Array, cap: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    if (n + m > cap) return null;
    return [...Array<DiffOp>(n).fill("remove"), ...Array<DiffOp>(m).fill("add")];
  }
  const max = Math.min(n + m, cap);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    // Round d only reads diagonals -d-1..d+1 of the previous round's V.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): DiffOp[] {
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d] as Int32Array;
    // prev is indexed from diagonal -d-1.
    const at = (k: number) => prev[k + d + 1] as number;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push("equal");
      x--;
      y--;
    }
    ops.push(x === prevX ? "add" : "remove");
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push("equal");
    x--;
    y--;
  }
  return ops.reverse();
}
