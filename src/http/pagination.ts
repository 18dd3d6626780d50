// Keyset pagination cursors shared by list endpoints. A cursor is opaque to clients: base64url JSON
// holding the sort it belongs to and the (sort value, id) of the last item served. Keyset rather than
// OFFSET so a page costs the same at item 10 and item 100,000, and inserts do not shift later pages.
import { Type } from "typebox";
import { ValidationError } from "./errors.js";

/** Page sizes of the listings that take `limit` and `cursor`: 20 unless asked, at most 100. */
export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** The query fields of a keyset listing: the page size and the cursor of the page before. */
export const pageQueryFields = {
  limit: Type.Integer({ minimum: 1, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default }),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 1000, description: "next_cursor of the previous page" }),
  ),
};

export interface CursorPosition {
  /** Sort column value of the last item served (string, number or null). */
  value: string | number | null;
  id: string;
}

interface CursorPayload {
  s: string;
  v: string | number | null;
  id: string;
}

/** Encodes the position after `last` for a listing sorted by `sortKey` (e.g. "created:desc"). */
export function encodeCursor(sortKey: string, last: CursorPosition): string {
  const payload: CursorPayload = { s: sortKey, v: last.value, id: last.id };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

/**
 * Decodes a cursor; a malformed one, one issued for another sort, or one whose sort value `accepts`
 * refuses (a value of the wrong type would reach the database as a type error) is a 422 naming `cursor`.
 */
export function decodeCursor(
  sortKey: string,
  cursor: string,
  accepts: (value: CursorPosition["value"]) => boolean = () => true,
): CursorPosition {
  const bad = (why: string) =>
    new ValidationError(`Invalid cursor: ${why}`, [{ field: "cursor", message: why }]);
  let payload: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error("not base64url");
    payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad("is not a cursor issued by this API");
  }
  const p = payload as Partial<CursorPayload> | null;
  if (
    !p ||
    typeof p !== "object" ||
    typeof p.s !== "string" ||
    typeof p.id !== "string" ||
    !(typeof p.v === "string" || (typeof p.v === "number" && Number.isFinite(p.v)) || p.v === null) ||
    (p.s === sortKey && !accepts(p.v))
  ) {
    throw bad("is not a cursor issued by this API");
  }
  if (p.s !== sortKey) throw bad("was issued for a different sort order; start again without a cursor");
  return { value: p.v, id: p.id };
}

/**
 * The (created_at, id) position a cursor of a listing sorted by creation time points after; undefined
 * without a cursor. A sort value that is not a timestamp is a forged cursor (422).
 */
export function decodeCreatedCursor(
  sortKey: string,
  cursor: string | undefined,
): { created_at: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const pos = decodeCursor(sortKey, cursor, (v) => typeof v === "string" && Number.isFinite(Date.parse(v)));
  return { created_at: pos.value as string, id: pos.id };
}

/**
 * One page of a keyset listing read with limit + 1 rows: the first `limit` rows, and the cursor after the
 * last of them when the extra row shows that more follow (null on the last page).
 */
export function pageOf<R extends { id: string }>(
  rows: R[],
  limit: number,
  sortKey: string,
  sortValue: (row: R) => CursorPosition["value"],
): { items: R[]; next_cursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const more = rows.length > limit && last !== undefined;
  return { items, next_cursor: more ? encodeCursor(sortKey, { value: sortValue(last), id: last.id }) : null };
}
