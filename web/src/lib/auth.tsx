// Who is signed in, for every page: the user, sign in/up/out, and what happens when a session ends
// (another tab signed out, or the refresh token expired or was revoked): the user becomes signed out
// with `expired` set, so the layout can say so in words while every draft stays where it was.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, clearSession, onSessionChange, readSession, storeTokens } from "./api";
import type { TokenPair, User } from "./types";

export interface AuthState {
  status: "loading" | "signed-in" | "signed-out";
  user: User | null;
  /** The session ended without the user signing out. */
  expired: boolean;
  signIn: (login: string, password: string) => Promise<User>;
  /** Finishes a single sign-on: exchanges the one-time code the server put in the URL fragment. */
  signInWithCode: (code: string) => Promise<User>;
  signUp: (input: { username: string; email: string; password: string; full_name?: string }) => Promise<User>;
  signOut: () => Promise<void>;
  setUser: (u: User) => void;
  dismissExpired: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside <AuthProvider>");
  return ctx;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthState["status"]>(() => (readSession() ? "loading" : "signed-out"));
  const [expired, setExpired] = useState(false);

  const loadMe = useCallback(async () => {
    const me = await api.get<User>("/auth/me");
    setUser(me);
    setStatus("signed-in");
    setExpired(false);
    return me;
  }, []);

  useEffect(() => {
    if (readSession()) {
      loadMe().catch(() => {
        // Without the user, pages act signed out; after a network error the stored session is kept, so
        // the next load tries again (a dead session was cleared by the API client already).
        setStatus("signed-out");
      });
    }
    const off = onSessionChange((session, reason) => {
      if (!session) {
        setUser(null);
        setStatus("signed-out");
        setExpired(reason === "expired");
      }
    });
    const onStorage = (e: StorageEvent) => {
      if (e.key !== "pf:session") return;
      if (!e.newValue) {
        setUser(null);
        setStatus("signed-out");
      } else if (!e.oldValue) {
        loadMe().catch(() => undefined);
      }
    };
    window.addEventListener("storage", onStorage);
    return () => {
      off();
      window.removeEventListener("storage", onStorage);
    };
  }, [loadMe]);

  const value = useMemo<AuthState>(
    () => ({
      status,
      user,
      expired,
      signIn: async (login, password) => {
        const pair = await api.post<TokenPair>("/auth/login", { username: login, password }, { auth: false });
        storeTokens(pair);
        return loadMe();
      },
      signInWithCode: async (code) => {
        const pair = await api.post<TokenPair>("/auth/oidc/session", { code }, { auth: false });
        storeTokens(pair);
        return loadMe();
      },
      signUp: async (input) => {
        await api.post<User>("/auth/register", input, { auth: false });
        const pair = await api.post<TokenPair>(
          "/auth/login",
          { username: input.username, password: input.password },
          { auth: false },
        );
        storeTokens(pair);
        return loadMe();
      },
      signOut: async () => {
        const s = readSession();
        if (s)
          await api
            .post("/auth/logout", { refresh_token: s.refresh_token }, { auth: false })
            .catch(() => undefined);
        clearSession("signed-out");
        setExpired(false);
      },
      setUser: (u) => setUser(u),
      dismissExpired: () => setExpired(false),
    }),
    [status, user, expired, loadMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
