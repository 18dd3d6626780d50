// The hash chain, as pure functions: the canonical content of an entry and its SHA-256, the summary
// rules (canonical JSON, no secrets, no long text), and the walk that checks a chain from its anchor.
// Changing what is hashed breaks every stored chain: add a new HASH_VERSION instead.
import { createHash } from "node:crypto";
import type { AuditEventsTable } from "../../db/schema.js";
import { AUDIT_LIMITS } from "./audit-schemas.js";

/** prev_hash of the first entry of a chain that retention never trimmed. */
export const GENESIS_HASH = "0".repeat(64);
const HASH_VERSION = "promptforge-audit-v1";

/** An entry's fields, without its own hash. */
export type ChainedFields = Omit<AuditEventsTable, "hash">;

/**
 * The bytes an entry's hash covers: every stored field in a fixed order, as one JSON array, after a
 * version tag. JSON keeps field boundaries unambiguous ("a","bc" ≠ "ab","c").
 */
export function canonicalContent(e: ChainedFields): string {
  return JSON.stringify([
    HASH_VERSION,
    e.id,
    e.chain,
    e.seq,
    e.project_id,
    e.actor_type,
    e.actor_id,
    e.action,
    e.target_type,
    e.target_id,
    e.created_at,
    e.client_ip,
    e.request_id,
    e.summary,
    e.prev_hash,
  ]);
}

export function hashEntry(e: ChainedFields): string {
  return createHash("sha256").update(canonicalContent(e), "utf8").digest("hex");
}

/** How summaries name a text without holding it: "sha256:<hex>" of its UTF-8 bytes. */
export function contentHash(text: string): string {
  return `sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`;
}

export type SummaryValue = string | number | boolean | null | string[];
export type AuditSummary = Record<string, SummaryValue | undefined>;

// Keys that name a secret or a full text. A service passing one is a bug caught in tests, and the value
// is dropped rather than stored if it ever reaches production.
const FORBIDDEN_KEY = /(^|_)(password|passwd|secret|token|key|content|text|body|credential)s?$/i;

function cut(s: string): string {
  const chars = [...s];
  return chars.length <= AUDIT_LIMITS.summaryString
    ? s
    : `${chars.slice(0, AUDIT_LIMITS.summaryString - 1).join("")}…`;
}

/**
 * The summary as stored: a JSON object with sorted keys, without undefined values, forbidden keys or
 * strings longer than AUDIT_LIMITS.summaryString characters, and with at most AUDIT_LIMITS.summaryKeys keys.
 */
export function canonicalSummary(summary: AuditSummary): string {
  const out: Record<string, SummaryValue> = {};
  const keys = Object.keys(summary)
    .filter((k) => summary[k] !== undefined && !FORBIDDEN_KEY.test(k))
    .sort()
    .slice(0, AUDIT_LIMITS.summaryKeys);
  for (const k of keys) {
    const v = summary[k] as SummaryValue;
    if (typeof v === "string") out[k] = cut(v);
    else if (Array.isArray(v)) out[k] = v.slice(0, AUDIT_LIMITS.summaryKeys).map((s) => cut(String(s)));
    else if (typeof v === "number" && !Number.isFinite(v)) out[k] = null;
    else out[k] = v;
  }
  return JSON.stringify(out);
}

export type ChainFault = "hash_mismatch" | "link_broken" | "entries_missing" | "head_mismatch";

export interface ChainCheck {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: ChainFault | null;
}

export interface ChainEnds {
  anchorSeq: number;
  anchorHash: string;
  headSeq: number;
  headHash: string;
}

/**
 * Walks a chain's entries in seq order from its anchor: each must hash to its stored hash, follow the
 * previous entry without a gap and name its hash; the last must be the recorded head. Stops at the
 * first fault.
 */
export async function checkChain(
  ends: ChainEnds,
  entries: AsyncIterable<AuditEventsTable>,
): Promise<ChainCheck> {
  let prevSeq = ends.anchorSeq;
  let prevHash = ends.anchorHash;
  let checked = 0;
  const broken = (id: string | null, reason: ChainFault): ChainCheck => ({
    ok: false,
    checked,
    firstBrokenId: id,
    reason,
  });
  for await (const e of entries) {
    const { hash, ...fields } = e;
    checked++;
    if (hashEntry(fields) !== hash) return broken(e.id, "hash_mismatch");
    if (e.seq !== prevSeq + 1) return broken(e.id, "entries_missing");
    if (e.prev_hash !== prevHash) return broken(e.id, "link_broken");
    prevSeq = e.seq;
    prevHash = hash;
  }
  if (prevSeq !== ends.headSeq || prevHash !== ends.headHash) return broken(null, "head_mismatch");
  return { ok: true, checked, firstBrokenId: null, reason: null };
}
