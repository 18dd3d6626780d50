// Timestamps as the database and the API store them: ISO 8601 in UTC with milliseconds.

/** The ISO 8601 form of `ms` (milliseconds since the epoch), e.g. iso(clock()). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
