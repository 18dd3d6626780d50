// Where a redirect may go. `next` comes from the address bar, so only paths on this site are allowed:
// anything else (another origin, a protocol-relative URL) falls back to the home page.
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
