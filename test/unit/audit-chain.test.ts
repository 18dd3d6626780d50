// The audit chain's pure parts: which bytes an entry's hash covers, what a summary may hold (no secrets,
// no full texts, bounded), and the walk that names the first broken entry.
import { describe, expect, it } from "vitest";
import type { AuditEventsTable } from "../../src/db/schema.js";
import {
  type ChainedFields,
  canonicalSummary,
  checkChain,
  contentHash,
  GENESIS_HASH,
  hashEntry,
} from "../../src/features/audit/audit-chain.js";
import { AUDIT_LIMITS } from "../../src/features/audit/audit-schemas.js";

function chainOf(n: number): AuditEventsTable[] {
  const out: AuditEventsTable[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainedFields = {
      id: `id-${seq}`,
      chain: "instance",
      seq,
      project_id: null,
      actor_type: "user",
      actor_id: "u1",
      action: "auth.login",
      target_type: "user",
      target_id: "u1",
      created_at: new Date(Date.UTC(2026, 0, 1, 0, seq)).toISOString(),
      client_ip: "127.0.0.1",
      request_id: `r${seq}`,
      summary: "{}",
      prev_hash: prev,
    };
    prev = hashEntry(fields);
    out.push({ ...fields, hash: prev });
  }
  return out;
}

async function* each<T>(xs: T[]) {
  yield* xs;
}
const ends = (rows: AuditEventsTable[]) => ({
  anchorSeq: 0,
  anchorHash: GENESIS_HASH,
  headSeq: rows.length,
  headHash: rows[rows.length - 1]?.hash ?? GENESIS_HASH,
});

describe("the audit chain", () => {
  it("hashes every field: changing any one changes the hash", () => {
    const [e] = chainOf(1);
    if (!e) throw new Error("no entry");
    const { hash, ...fields } = e;
    expect(hashEntry(fields)).toBe(hash);
    for (const key of Object.keys(fields) as (keyof ChainedFields)[]) {
      const v = fields[key];
      const changed = { ...fields, [key]: typeof v === "number" ? v + 1 : `${v ?? ""}x` };
      expect(hashEntry(changed), key).not.toBe(hash);
    }
    // Field boundaries are unambiguous.
    expect(hashEntry({ ...fields, actor_id: "ab", target_id: "c" })).not.toBe(
      hashEntry({ ...fields, actor_id: "a", target_id: "bc" }),
    );
  });

  it("accepts an intact chain and names the first edited, missing or relinked entry", async () => {
    const rows = chainOf(5);
    expect(await checkChain(ends(rows), each(rows))).toEqual({
      ok: true,
      checked: 5,
      firstBrokenId: null,
      reason: null,
    });

    const edited = rows.map((r) => (r.seq === 3 ? { ...r, action: "auth.login_failed" } : r));
    expect(await checkChain(ends(rows), each(edited))).toMatchObject({
      firstBrokenId: "id-3",
      reason: "hash_mismatch",
    });

    const gap = rows.filter((r) => r.seq !== 2);
    expect(await checkChain(ends(rows), each(gap))).toMatchObject({
      firstBrokenId: "id-3",
      reason: "entries_missing",
    });

    // An entry rewritten with a consistent own hash but a wrong link.
    const [, second] = rows;
    if (!second) throw new Error("no entry 2");
    const { hash: _h, ...f2 } = second;
    const relinked = { ...f2, prev_hash: "a".repeat(64) };
    const forged = rows.map((r) => (r.seq === 2 ? { ...relinked, hash: hashEntry(relinked) } : r));
    expect(await checkChain(ends(rows), each(forged))).toMatchObject({
      firstBrokenId: "id-2",
      reason: "link_broken",
    });

    expect(await checkChain(ends(rows), each(rows.slice(0, 4)))).toMatchObject({
      ok: false,
      firstBrokenId: null,
      reason: "head_mismatch",
    });
  });

  it("checks a trimmed chain from its anchor", async () => {
    const rows = chainOf(6);
    const anchor = rows[2] as AuditEventsTable;
    const kept = rows.slice(3);
    const e = {
      anchorSeq: 3,
      anchorHash: anchor.hash,
      headSeq: 6,
      headHash: (rows[5] as AuditEventsTable).hash,
    };
    expect(await checkChain(e, each(kept))).toMatchObject({ ok: true, checked: 3 });
    expect(await checkChain({ ...e, anchorHash: GENESIS_HASH }, each(kept))).toMatchObject({
      ok: false,
      firstBrokenId: "id-4",
    });
  });

  it("stores summaries as sorted JSON without secrets or long texts", () => {
    const summary = canonicalSummary({
      version: 3,
      name: "b",
      password: "canary-pw",
      new_password: "canary-pw2",
      token: "canary-tok",
      refresh_token: "canary-rt",
      api_key: "pf_canary",
      client_secret: "canary-cs",
      content: "the whole prompt",
      text: "the whole prompt",
      content_hash: contentHash("the whole prompt"),
      api_key_id: "k1",
      skipped: undefined,
      title: "x".repeat(AUDIT_LIMITS.summaryString + 50),
    });
    const parsed = JSON.parse(summary);
    expect(Object.keys(parsed)).toEqual(["api_key_id", "content_hash", "name", "title", "version"]);
    expect(summary).not.toMatch(/canary|whole prompt/);
    expect([...parsed.title]).toHaveLength(AUDIT_LIMITS.summaryString);
    expect(parsed.title.endsWith("…")).toBe(true);
    expect(parsed.content_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("keeps at most AUDIT_LIMITS.summaryKeys keys", () => {
    const many = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(2, "0")}`, i]),
    );
    expect(Object.keys(JSON.parse(canonicalSummary(many)))).toHaveLength(AUDIT_LIMITS.summaryKeys);
  });
});
