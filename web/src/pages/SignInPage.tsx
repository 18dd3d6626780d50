// Sign in with username or e-mail, or with the single sign-on provider when the server has one. Wrong
// credentials and throttling are explained in words; after signing in the user goes back to where they
// were (`?next=`), where their draft is waiting. A single sign-on comes back here with a one-time code
// in the URL fragment (`#sso_code=…`), which is exchanged for the session and wiped from the address bar.
import { useEffect, useRef, useState } from "react";
import { ErrorNote, SubmitButton, TextField } from "../components/ui";
import { ApiError } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useSignInMethods } from "../lib/queries";
import { Link, navigate, useLocation, usePageTitle } from "../lib/router";
import { safeNext } from "../lib/urls";

/** The code and return path a single sign-on left in the fragment, if any. */
function ssoReturn(): { code: string; next: string } | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const code = params.get("sso_code");
  return code ? { code, next: safeNext(params.get("next")) } : null;
}

export default function SignInPage() {
  usePageTitle("Sign in");
  const auth = useAuth();
  const loc = useLocation();
  const next = safeNext(loc.query.get("next"));
  const methods = useSignInMethods();
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [finishing, setFinishing] = useState(() => ssoReturn() !== null);
  const started = useRef(false);

  useEffect(() => {
    const back = ssoReturn();
    if (!back || started.current) return;
    started.current = true;
    // The code works once: out of the address bar and the history before anything else.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    auth
      .signInWithCode(back.code)
      .then(() => navigate(back.next, { replace: true }))
      .catch((err) => {
        setError(err);
        setFinishing(false);
      });
  }, [auth]);

  const message =
    error instanceof ApiError && error.code === "invalid_credentials"
      ? "That username or e-mail and password do not match. Check both and try again."
      : error instanceof ApiError && error.status === 429
        ? `${error.message} Too many attempts — wait before trying again.`
        : error instanceof ApiError && error.code === "sso_code_invalid"
          ? "That single sign-on took too long to finish here. Sign in again."
          : null;
  const sso = methods.data?.sso ?? null;
  // Until the server has said, the password form shows as it always did.
  const passwordLogin = methods.data?.password_login ?? true;

  if (finishing) {
    return (
      <div className="card" style={{ maxWidth: "28rem", margin: "1rem auto" }}>
        <h1>Sign in</h1>
        <p aria-live="polite">Finishing your sign-in…</p>
      </div>
    );
  }

  return (
    <div className="card" style={{ maxWidth: "28rem", margin: "1rem auto" }}>
      <h1>Sign in</h1>
      {auth.expired && <p className="muted">Your session ended. Sign in again; your unsaved work is kept.</p>}
      {sso && (
        <p>
          <a
            className="btn primary"
            href={`${sso.login_url}${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}
          >
            Sign in with {sso.name}
          </a>
        </p>
      )}
      {!passwordLogin && !message && <ErrorNote error={error} />}
      {!passwordLogin && message && (
        <div className="notice error" role="alert">
          <p>{message}</p>
        </div>
      )}
      {passwordLogin && (
        <>
          {sso && <p className="muted">Or sign in with your PromptForge password:</p>}
          <form
            onSubmit={async (e) => {
              e.preventDefault();
              setError(null);
              setBusy(true);
              try {
                await auth.signIn(login.trim(), password);
                navigate(next, { replace: true });
              } catch (err) {
                setError(err);
              } finally {
                setBusy(false);
              }
            }}
          >
            <TextField
              label="Username or e-mail"
              autoComplete="username"
              required
              value={login}
              onValue={setLogin}
              aria-invalid={message ? true : undefined}
            />
            <TextField
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onValue={setPassword}
              aria-invalid={message ? true : undefined}
            />
            {message ? (
              <div className="notice error" role="alert">
                <p>{message}</p>
              </div>
            ) : (
              <ErrorNote error={error} />
            )}
            <SubmitButton busy={busy} busyLabel="Signing in…">
              Sign in
            </SubmitButton>
          </form>
          <p style={{ marginTop: "1rem" }}>
            New here?{" "}
            <Link to={`/signup${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}>
              Create an account
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
