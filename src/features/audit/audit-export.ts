// The audit log as a download: JSON lines (one entry per line) or CSV. CSV cells that a spreadsheet would
// run as a formula (starting with =, +, -, @, tab or carriage return) are prefixed with an apostrophe,
// so an actor-controlled value (a key name, an address) cannot become a formula in the auditor's sheet.
import type { AuditEvent } from "./audit-schemas.js";

export const CSV_COLUMNS = [
  "id",
  "seq",
  "created_at",
  "project_id",
  "actor_type",
  "actor_id",
  "action",
  "target_type",
  "target_id",
  "client_ip",
  "request_id",
  "summary",
  "prev_hash",
  "hash",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: formula-neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(",")}\r\n`;
}

export function csvRow(e: AuditEvent): string {
  const cells: (string | number | null)[] = [
    e.id,
    e.seq,
    e.created_at,
    e.project_id,
    e.actor.type,
    e.actor.id,
    e.action,
    e.target.type,
    e.target.id,
    e.client_ip,
    e.request_id,
    JSON.stringify(e.summary),
    e.prev_hash,
    e.hash,
  ];
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export function jsonLine(e: AuditEvent): string {
  return `${JSON.stringify(e)}\n`;
}
