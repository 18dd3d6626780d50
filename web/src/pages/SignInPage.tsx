// Sign in with username or e-mail. Wrong credentials and throttling are explained in words; after
// signing in the user goes back to where they were (`?next=`), where their draft is waiting.
import { useState } from "react";
import { ErrorNote, SubmitButton, TextField } from "../components/ui";
import { ApiError } from "../lib/api";
import { useAuth } from "../lib/auth";
import { Link, navigate, useLocation, usePageTitle } from "../lib/router";
import { safeNext } from "../lib/urls";

export default function SignInPage() {
  usePageTitle("Sign in");
  const auth = useAuth();
  const loc = useLocation();
  const next = safeNext(loc.query.get("next"));
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const message =
    error instanceof ApiError && error.code === "invalid_credentials"
      ? "That username or e-mail and password do not match. Check both and try again."
      : error instanceof ApiError && error.status === 429
        ? `${error.message} Too many attempts — wait before trying again.`
        : null;

  return (
    <div className="card" style={{ maxWidth: "28rem", margin: "1rem auto" }}>
      <h1>Sign in</h1>
      {auth.expired && <p className="muted">Your session ended. Sign in again; your unsaved work is kept.</p>}
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
    </div>
  );
}
