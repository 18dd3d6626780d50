// Which project the prompt and template pages work in. The choice is kept in localStorage per account
// (so a reload, or another tab, keeps it) and checked against the server's list of my projects: a
// project I left or never joined falls back to my personal one. The personal project uses the original
// routes (/api/v1/prompts…), every other one its own (/api/v1/projects/:slug/prompts…). A link may name
// its project (`?project=<slug>`, as the prompt list's links do), so a link passed to a teammate opens
// in the right project; the header's switcher then keeps that choice.
import { useSyncExternalStore } from "react";
import { useAuth } from "./auth";
import { useLocation } from "./router";

export * from "./roles";

const PREFIX = "pf:project:";
const listeners = new Set<() => void>();

function storageKey(username: string): string {
  return `${PREFIX}${username.toLowerCase()}`;
}

export function readChosenProject(username: string | undefined): string | null {
  if (!username) return null;
  try {
    return localStorage.getItem(storageKey(username));
  } catch {
    return null;
  }
}

/** Chooses a project for this account; null (or the personal project) means the personal one. */
export function chooseProject(username: string, slug: string | null): void {
  try {
    if (slug) localStorage.setItem(storageKey(username), slug);
    else localStorage.removeItem(storageKey(username));
  } catch {
    // Private browsing without storage: the choice lasts until the page is reloaded.
  }
  for (const fn of listeners) fn();
}

function subscribe(fn: () => void) {
  listeners.add(fn);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith(PREFIX)) fn();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(fn);
    window.removeEventListener("storage", onStorage);
  };
}

/** The slug stored for the signed-in account ("" for the personal project). */
export function useStoredSlug(): string {
  const username = useAuth().user?.username;
  return useSyncExternalStore(
    subscribe,
    () => readChosenProject(username) ?? "",
    () => "",
  );
}

/** The project the address names (`?project=`), else the stored choice. */
export function useChosenSlug(): string {
  const fromLink = useLocation().query.get("project");
  const stored = useStoredSlug();
  return fromLink ?? stored;
}
