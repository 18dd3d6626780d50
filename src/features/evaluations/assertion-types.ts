// The kinds of assertion an evaluation checks, in the order the web app's form offers them. A module of
// its own with no imports, so the web app takes the very list the server validates against.
export const ASSERTION_TYPES = [
  "equals",
  "contains",
  "not-contains",
  "regex",
  "is-json",
  "json-schema",
  "max-length",
  "min-length",
  "similar-to",
  "latency-below",
  "cost-below",
  "judge",
] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];
