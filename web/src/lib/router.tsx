// A small history-API router: routes are path patterns with :params, links are real <a href>s (so
// open-in-new-tab and keyboard activation work), and every navigation moves focus to the new page's
// heading so screen-reader and keyboard users land where the content starts.
import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
/** False until the first in-app navigation: the initial page load keeps the browser's focus. */
let navigated = false;

function subscribe(fn: () => void) {
  listeners.add(fn);
  window.addEventListener("popstate", fn);
  window.addEventListener("popstate", markNavigated);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("popstate", fn);
    window.removeEventListener("popstate", markNavigated);
  };
}

function markNavigated() {
  navigated = true;
}

function snapshot() {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  navigated = true;
  if (opts.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  for (const fn of listeners) fn();
}

export interface Location {
  path: string;
  query: URLSearchParams;
  href: string;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, "http://x");
  return { path: url.pathname, query: url.searchParams, href };
}

/** Matches "/prompts/:id" against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i] as string;
    const seg = s[i] as string;
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(seg);
      } catch {
        return null;
      }
    } else if (part !== seg) return null;
  }
  return params;
}

export function Link({
  to,
  onClick,
  ...rest
}: { to: string } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href">) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Sets the document title and, after a client-side navigation, moves focus to the page's <h1>. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · PromptForge` : "PromptForge";
  }, [title]);
  useEffect(() => {
    if (!navigated) return;
    const h1 = document.querySelector<HTMLElement>("main h1");
    if (h1 && !h1.contains(document.activeElement)) {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
    }
  }, []);
}
