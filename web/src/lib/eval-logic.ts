// The evaluation pages' pure logic, kept apart from React so it is tested without a browser
// (test/e2e/web-eval-logic.test.ts): the assertion form's drafts and their API shape, a dataset item's
// draft, the results grouped by item, the pass-rate trend's points, and the line a refused import names.
import { ApiError } from "./api.js";
import type {
  Assertion,
  AssertionType,
  DatasetItem,
  EvaluationResult,
  EvaluationRun,
  ItemInput,
  JsonValue,
} from "./eval-types.js";

// ---- assertions

/**
 * What each kind of assertion asks for, in the form: a text (`value`), a number (`threshold`: a
 * length, milliseconds, dollars, or a 0–1 share), and a case option. The server refuses fields a type
 * does not use, so only these are sent.
 */
export const KIND: Record<
  AssertionType,
  {
    value?: { label: string; required: boolean };
    threshold?: { label: string; required: boolean; fraction?: boolean; placeholder?: string };
    caseOption?: boolean;
    hint: string;
  }
> = {
  equals: {
    value: { label: "text (empty: the item's expected)", required: false },
    caseOption: true,
    hint: "the output equals it",
  },
  contains: { value: { label: "text", required: true }, caseOption: true, hint: "the output contains it" },
  "not-contains": {
    value: { label: "text", required: true },
    caseOption: true,
    hint: "the output does not contain it",
  },
  regex: {
    value: { label: "pattern", required: true },
    caseOption: true,
    hint: "the output matches the regular expression",
  },
  "is-json": { hint: "the output is valid JSON" },
  "json-schema": {
    hint: "the output is JSON valid against a schema (default: the prompt's response format)",
  },
  "max-length": {
    threshold: { label: "at most", required: true },
    hint: "the output is this long or shorter",
  },
  "min-length": {
    threshold: { label: "at least", required: true },
    hint: "the output is this long or longer",
  },
  "similar-to": {
    value: { label: "text (empty: the item's expected)", required: false },
    threshold: { label: "threshold", required: false, fraction: true, placeholder: "0.7" },
    hint: "the output is close enough to the text (similarity 0–1)",
  },
  "latency-below": {
    threshold: { label: "milliseconds", required: true },
    hint: "the answer came faster than this",
  },
  "cost-below": { threshold: { label: "US dollars", required: true }, hint: "the call cost less than this" },
  judge: {
    threshold: { label: "minimum score", required: false, fraction: true },
    hint: "a model grades the output against a rubric",
  },
};

export interface AssertionDraft {
  type: AssertionType;
  value: string;
  threshold: string;
  weight: string;
  case_sensitive: boolean;
  unit: "chars" | "words";
  method: "token-f1" | "rouge-l";
  rubric: string;
  judge_prompt: string;
  schema: string;
}

export function draftOf(a: Assertion): AssertionDraft {
  return {
    type: a.type,
    value: a.value === undefined ? "" : String(a.value),
    threshold: a.threshold === undefined ? "" : String(a.threshold),
    weight: a.weight === undefined ? "" : String(a.weight),
    case_sensitive: a.case_sensitive ?? true,
    unit: a.unit ?? "chars",
    method: a.method ?? "token-f1",
    rubric: a.rubric ?? "",
    judge_prompt: a.judge_prompt ?? "",
    schema: a.schema ? JSON.stringify(a.schema, null, 2) : "",
  };
}

/** The draft as the API's assertion, or a sentence saying what is wrong with it. */
export function assertionOf(d: AssertionDraft, n: number): Assertion | string {
  const kind = KIND[d.type];
  const out: Assertion = { type: d.type };
  if (kind.value) {
    if (d.value !== "") out.value = d.value;
    else if (kind.value.required) return `Assertion ${n} (${d.type}): the ${kind.value.label} is required.`;
  }
  if (kind.threshold) {
    const t = Number(d.threshold);
    if (d.threshold.trim() === "") {
      if (kind.threshold.required) return `Assertion ${n} (${d.type}): ${kind.threshold.label} is required.`;
    } else if (!Number.isFinite(t) || t < 0 || (kind.threshold.fraction && t > 1))
      return `Assertion ${n} (${d.type}): ${kind.threshold.label} must be a number${kind.threshold.fraction ? " from 0 to 1" : " of 0 or more"}.`;
    else out.threshold = t;
  }
  if (kind.caseOption && !d.case_sensitive) out.case_sensitive = false;
  if (d.type === "max-length" || d.type === "min-length") out.unit = d.unit;
  if (d.type === "similar-to") out.method = d.method;
  if (d.type === "judge") {
    if (d.rubric.trim() === "") return `Assertion ${n} (judge): the rubric is required.`;
    out.rubric = d.rubric;
    if (d.judge_prompt.trim()) out.judge_prompt = d.judge_prompt.trim();
  }
  if (d.type === "json-schema" && d.schema.trim()) {
    try {
      out.schema = JSON.parse(d.schema) as Record<string, unknown>;
    } catch {
      return `Assertion ${n} (json-schema): the schema is not valid JSON.`;
    }
  }
  if (d.weight.trim() !== "") {
    const w = Number(d.weight);
    if (!Number.isFinite(w) || w <= 0)
      return `Assertion ${n} (${d.type}): the weight must be a number above 0.`;
    out.weight = w;
  }
  return out;
}

// ---- dataset items

/** A variable's value as text for a cell or a field (strings as they are, anything else as JSON). */
export function valueText(v: JsonValue | undefined): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** Comma-separated tags → a clean list (trimmed, unique). */
function tagList(input: string): string[] {
  const out: string[] = [];
  for (const t of input.split(",")) {
    const tag = t.trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}

export interface ItemDraft {
  values: Record<string, string>;
  extra: string[];
  expected: string;
  tags: string;
  note: string;
}

export function itemDraftOf(item: DatasetItem | null, names: string[]): ItemDraft {
  const values: Record<string, string> = {};
  for (const n of names) values[n] = item ? valueText(item.variables[n]) : "";
  return {
    values,
    extra: [],
    expected: item?.expected ?? "",
    tags: item?.tags.join(", ") ?? "",
    note: item?.note ?? "",
  };
}

/** The draft as the API's item: a value that was not a string before is read back as JSON when it parses. */
export function inputOf(d: ItemDraft, item: DatasetItem | null): ItemInput {
  const variables: Record<string, JsonValue> = {};
  for (const [k, text] of Object.entries(d.values)) {
    const before = item?.variables[k];
    if (before !== undefined && typeof before !== "string") {
      try {
        variables[k] = JSON.parse(text) as JsonValue;
        continue;
      } catch {
        // now a plain string
      }
    }
    if (text !== "" || before !== undefined) variables[k] = text;
  }
  return {
    variables,
    expected: d.expected === "" ? null : d.expected,
    tags: tagList(d.tags),
    note: d.note,
  };
}

// ---- results

export interface ItemRow {
  itemId: string;
  variables: Record<string, JsonValue>;
  expected: string | null;
  /** Results by target, each by repeat. */
  cells: EvaluationResult[][];
}

/** The results grouped by item (in the order they come), one cell per target. */
export function groupByItem(run: Pick<EvaluationRun, "targets" | "results">): ItemRow[] {
  const rows = new Map<string, ItemRow>();
  for (const r of run.results ?? []) {
    let row = rows.get(r.item_id);
    if (!row) {
      row = {
        itemId: r.item_id,
        variables: r.variables,
        expected: r.expected,
        cells: run.targets.map(() => []),
      };
      rows.set(r.item_id, row);
    }
    const cell = row.cells[r.target_index];
    if (cell) cell.push(r);
  }
  for (const row of rows.values())
    for (const c of row.cells) c.sort((a, b) => a.repeat_index - b.repeat_index);
  return [...rows.values()];
}

/** The item's variables in one short line. */
export function inputSummary(variables: Record<string, JsonValue>): string {
  const text = Object.entries(variables)
    .map(([k, v]) => `${k}: ${valueText(v)}`)
    .join(" · ");
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

export function targetKey(t: { provider: string; model: string }): string {
  return `${t.provider}/${t.model}`;
}

/** Per version: the newest completed run on the chosen dataset, its pass rate for the chosen model. */
export function passRatePoints(runs: readonly EvaluationRun[], dataset: string, target: string) {
  const byVersion = new Map<number, { rate: number; at: string }>();
  for (const r of runs) {
    if (r.status !== "completed" || r.dataset_id !== dataset) continue;
    const s = (r.summary ?? []).find((x) => targetKey(x) === target);
    if (!s || s.pass_rate === null) continue;
    const had = byVersion.get(r.version);
    if (!had || had.at < r.created_at) byVersion.set(r.version, { rate: s.pass_rate, at: r.created_at });
  }
  return [...byVersion.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([version, { rate }]) => ({
      version,
      value: rate * 100,
      text: `${Math.round(rate * 100)} %`,
    }));
}

/** The line number a refused import names in its error's details, wherever the server put it. */
export function importErrorLine(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const seen = new Set<unknown>();
  const find = (v: unknown): number | null => {
    if (!v || typeof v !== "object" || seen.has(v)) return null;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) {
        const n = find(x);
        if (n !== null) return n;
      }
      return null;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.line === "number") return o.line;
    for (const x of Object.values(o)) {
      const n = find(x);
      if (n !== null) return n;
    }
    return null;
  };
  return find(error.details);
}
