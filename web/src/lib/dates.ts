// Dates typed into the web app's date and time inputs, as the ISO instants the API takes.

/** A datetime-local value ("2026-05-01T08:00"), read in local time, as an ISO instant; "" when empty or invalid. */
export function isoInstant(local: string): string {
  if (!local) return "";
  const ms = Date.parse(local);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : "";
}

/** A date input's value ("2027-01-31") as the end of that day in local time, ISO; "" when empty. */
export function endOfDay(date: string): string {
  return date ? isoInstant(`${date}T23:59:59`) : "";
}
