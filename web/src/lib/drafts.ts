// Drafts kept in localStorage, so nothing typed is lost to an API error, an expired session, a closed
// tab or a reload. Keys are per place (the analyser, one prompt, one template form); a draft is
// cleared only after the server has accepted what it holds.
import { useEffect, useRef, useState } from "react";

const PREFIX = "pf:draft:";

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as { value: T }).value : null;
  } catch {
    return null;
  }
}

export function saveDraft<T>(key: string, value: T): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ value, saved_at: Date.now() }));
  } catch {
    // Storage full or disabled: the draft lives in memory only.
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // ignore
  }
}

/**
 * State that is mirrored to a draft on every change (written at once, and again when the page is
 * hidden). `initial` is used when there is no draft.
 */
export function useDraft<T>(key: string, initial: T): [T, (v: T | ((prev: T) => T)) => void, () => void] {
  const [value, setValue] = useState<T>(() => loadDraft<T>(key) ?? initial);
  const latest = useRef(value);
  latest.current = value;
  const dirty = useRef(false);

  useEffect(() => {
    const flush = () => {
      if (dirty.current) saveDraft(key, latest.current);
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", flush);
    return () => {
      flush();
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", flush);
    };
  }, [key]);

  const set = (v: T | ((prev: T) => T)) => {
    dirty.current = true;
    setValue((prev) => {
      const next = typeof v === "function" ? (v as (p: T) => T)(prev) : v;
      // Written at once, not after a pause: an error dialog or a sign-in redirect may follow.
      saveDraft(key, next);
      return next;
    });
  };
  const discard = () => {
    dirty.current = false;
    clearDraft(key);
  };
  return [value, set, discard];
}
