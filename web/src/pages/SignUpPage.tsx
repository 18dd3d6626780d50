// Create an account. The server's rules (username characters, password length, common passwords, a
// password containing the username) come back as field messages and are shown under each field.
import { useState } from "react";
import { ErrorNote, SubmitButton, TextField } from "../components/ui";
import { ApiError } from "../lib/api";
import { useAuth } from "../lib/auth";
import { useSignInMethods } from "../lib/queries";
import { Link, navigate, useLocation, usePageTitle } from "../lib/router";
import { safeNext } from "../lib/urls";

/** The form's fields, in order; each shows the server's message for it under it. */
const FIELDS = [
  {
    name: "username",
    label: "Username",
    hint: "3–32 letters, digits, _ or -.",
    autoComplete: "username",
    required: true,
  },
  { name: "email", label: "E-mail", type: "email", autoComplete: "email", required: true },
  { name: "full_name", label: "Full name (optional)", autoComplete: "name" },
  {
    name: "password",
    label: "Password",
    hint: "At least 10 characters; not a common password and not containing your username.",
    type: "password",
    autoComplete: "new-password",
    required: true,
  },
] as const;

export default function SignUpPage() {
  usePageTitle("Create an account");
  const auth = useAuth();
  const loc = useLocation();
  const next = safeNext(loc.query.get("next"));
  const [form, setForm] = useState({ username: "", email: "", full_name: "", password: "" });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields: Record<string, string> = error instanceof ApiError ? { ...error.fields } : {};
  if (error instanceof ApiError && error.code === "username_taken")
    fields.username = "This username is taken. Choose another.";
  if (error instanceof ApiError && error.code === "email_taken")
    fields.email = "An account with this e-mail exists. Sign in instead?";
  const shownInFields = Object.keys(fields).length > 0;
  const methods = useSignInMethods();
  const set = (k: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [k]: value }));

  if (methods.data && !methods.data.password_login) {
    const sso = methods.data.sso;
    return (
      <div className="card" style={{ maxWidth: "32rem", margin: "1rem auto" }}>
        <h1>Create an account</h1>
        <p>
          Accounts on this server are made by signing in with {sso?.name ?? "single sign-on"}: the first
          sign-in creates yours.
        </p>
        {sso && (
          <p>
            <a className="btn primary" href={sso.login_url}>
              Sign in with {sso.name}
            </a>
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="card" style={{ maxWidth: "32rem", margin: "1rem auto" }}>
      <h1>Create an account</h1>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setBusy(true);
          try {
            await auth.signUp({
              username: form.username.trim(),
              email: form.email.trim(),
              password: form.password,
              ...(form.full_name.trim() ? { full_name: form.full_name.trim() } : {}),
            });
            navigate(next, { replace: true });
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {shownInFields && (
          <div className="notice error" role="alert">
            <p>Please fix the {Object.keys(fields).length === 1 ? "field" : "fields"} marked below.</p>
          </div>
        )}
        {FIELDS.map(({ name, ...field }) => (
          <TextField key={name} {...field} error={fields[name]} value={form[name]} onValue={set(name)} />
        ))}
        {!shownInFields && <ErrorNote error={error} />}
        <SubmitButton busy={busy} busyLabel="Creating…">
          Create account
        </SubmitButton>
      </form>
      <p style={{ marginTop: "1rem" }}>
        Have an account?{" "}
        <Link to={`/signin${next !== "/" ? `?next=${encodeURIComponent(next)}` : ""}`}>Sign in</Link>
      </p>
    </div>
  );
}
