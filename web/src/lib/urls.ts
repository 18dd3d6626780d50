// Where a redirect may go. `next` comes from the address bar, so only paths on this site are allowed:
// anything else (another origin, a protocol-relative URL) falls back to the home page.
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** A project's own pages in the web app (App.tsx routes them). */
export type ProjectPage = "members" | "api-keys" | "settings" | "webhooks";

/** The address of one of a project's pages: /projects/<slug>/<page>. */
export function projectPage(slug: string, page: ProjectPage): string {
  return `/projects/${encodeURIComponent(slug)}/${page}`;
}
