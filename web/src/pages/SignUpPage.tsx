// Create an account. The server's rules (username characters, password length, common passwords, a
// password containing the username) come back as field messages and are shown under each field.
import { useState } from "react";
import { ErrorNote, SubmitButton, TextField } from "../components/ui";
import { ApiError } from "../lib/api";
import { useAuth } from "../lib/auth";
import { Link, navigate, useLocation, usePageTitle } from "../lib/router";
import { safeNext } from "../lib/urls";

type SignUpForm = { username: string; email: string; full_name: string; password: string };

// The form's fields, in order; `name` is both the state key and the API field its error comes back on.
const FIELDS: {
  name: keyof SignUpForm;
  label: string;
  hint?: string;
  type?: string;
  autoComplete: string;
  required?: boolean;
}[] = [
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
];

export default function SignUpPage() {
  usePageTitle("Create an account");
  const auth = useAuth();
  const loc = useLocation();
  const next = safeNext(loc.query.get("next"));
  const [form, setForm] = useState<SignUpForm>({ username: "", email: "", full_name: "", password: "" });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields: Record<string, string> = error instanceof ApiError ? { ...error.fields } : {};
  if (error instanceof ApiError && error.code === "username_taken")
    fields.username = "This username is taken. Choose another.";
  if (error instanceof ApiError && error.code === "email_taken")
    fields.email = "An account with this e-mail exists. Sign in instead?";
  const shownInFields = Object.keys(fields).length > 0;

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
          <TextField
            key={name}
            {...field}
            error={fields[name]}
            value={form[name]}
            onValue={(value) => setForm((f) => ({ ...f, [name]: value }))}
          />
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
