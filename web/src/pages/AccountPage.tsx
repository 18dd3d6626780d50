// Account: profile, password change (which ends every other session and starts a fresh one here), API
// keys (the secret is shown once, with copy; revoke with confirmation) and usage statistics.
import { useState } from "react";
import { ApiKeyTable, KeyNameField, NewKeyNotice } from "../components/api-keys";
import { pageGate } from "../components/page-gate";
import {
  Card,
  ErrorNote,
  FormCard,
  formatDate,
  Loading,
  Notice,
  SubmitButton,
  TextField,
} from "../components/ui";
import { useActionError } from "../lib/action-error";
import { ApiError, fieldMessages } from "../lib/api";
import { useAuth } from "../lib/auth";
import {
  useApiKeys,
  useChangePassword,
  useCreateApiKey,
  useRevokeApiKey,
  useStats,
  useUpdateProfile,
} from "../lib/queries";
import { usePageTitle } from "../lib/router";
import type { CreatedApiKey, User } from "../lib/types";

export default function AccountPage() {
  usePageTitle("Account");
  const auth = useAuth();
  const gate = pageGate(auth, "manage your account");
  if (gate || !auth.user) return gate;
  return (
    <>
      <div className="page-head">
        <h1>Account</h1>
        <p>
          Signed in as <strong>{auth.user.username}</strong>
          {auth.user.role === "admin" ? " (administrator)" : ""} since {formatDate(auth.user.created_at)}
        </p>
      </div>
      <div className="grid-halves">
        <div>
          <Profile user={auth.user} />
          <Password />
        </div>
        <div>
          <ApiKeys />
          <Usage />
        </div>
      </div>
    </>
  );
}

function Profile({ user }: { user: User }) {
  const [fullName, setFullName] = useState(user.full_name ?? "");
  const [email, setEmail] = useState(user.email);
  const update = useUpdateProfile();
  const error = update.error;
  const ok = update.isSuccess;
  const fields = fieldMessages(error);
  const emailError =
    fields.email ?? (error instanceof ApiError && error.code === "email_taken" ? error.message : undefined);
  return (
    <FormCard
      title="Profile"
      onSubmit={() => {
        update.mutate({ full_name: fullName, email: email.trim() });
      }}
    >
      <TextField
        label="Full name"
        error={fields.full_name}
        autoComplete="name"
        value={fullName}
        onValue={setFullName}
      />
      <TextField
        label="E-mail"
        error={emailError}
        type="email"
        autoComplete="email"
        value={email}
        onValue={setEmail}
      />
      {!emailError && !Object.keys(fields).length && <ErrorNote error={error} />}
      {ok && <Notice kind="ok">Profile saved.</Notice>}
      <SubmitButton>Save profile</SubmitButton>
    </FormCard>
  );
}

function Password() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const change = useChangePassword();
  const error = change.error;
  const ok = change.isSuccess;
  const fields = fieldMessages(error);
  const currentError =
    fields.current_password ??
    (error instanceof ApiError &&
    (error.code === "invalid_credentials" || error.status === 401) &&
    error.code !== "session_expired"
      ? "This is not your current password."
      : undefined);
  const mismatch = confirm !== "" && confirm !== next ? "The two new passwords differ." : undefined;
  return (
    <FormCard
      title="Change password"
      onSubmit={() => {
        if (mismatch) return;
        change.mutate(
          { current_password: current, new_password: next },
          {
            onSuccess: () => {
              setCurrent("");
              setNext("");
              setConfirm("");
            },
          },
        );
      }}
    >
      <TextField
        label="Current password"
        error={currentError}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onValue={setCurrent}
      />
      <TextField
        label="New password"
        hint="At least 10 characters; not a common password."
        error={fields.new_password}
        type="password"
        autoComplete="new-password"
        required
        value={next}
        onValue={setNext}
      />
      <TextField
        label="New password again"
        error={mismatch}
        type="password"
        autoComplete="new-password"
        required
        value={confirm}
        onValue={setConfirm}
      />
      {!currentError && !fields.new_password && <ErrorNote error={error} />}
      {ok && <Notice kind="ok">Password changed. Other devices have been signed out.</Notice>}
      <SubmitButton>Change password</SubmitButton>
    </FormCard>
  );
}

function ApiKeys() {
  const keysQuery = useApiKeys();
  const keys = keysQuery.data ?? null;
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  // Whichever ran last says what went wrong with it; a failed list load shows until one of them runs.
  const action = useActionError({ create, revoke });
  const error = action.last === null ? keysQuery.error : action.error;
  const fields = fieldMessages(error);

  return (
    <Card title="API keys">
      <p className="muted small">
        Use a key as <code>Authorization: Bearer pf_…</code> or <code>X-API-Key</code> from scripts and the
        CLI.
      </p>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          action.mark("create");
          create.mutate(name.trim(), {
            onSuccess: (key) => {
              setCreated(key);
              setName("");
            },
          });
        }}
      >
        <KeyNameField usedBy="script or machine" error={fields.name} value={name} onValue={setName} />
        <div className="field">
          <SubmitButton>Create key</SubmitButton>
        </div>
      </form>
      {!fields.name && <ErrorNote error={error} />}
      {created?.key && (
        <NewKeyNotice name={created.name} secret={created.key} onDone={() => setCreated(null)} />
      )}
      <ApiKeyTable
        keys={keys}
        testId="api-keys"
        empty="No API keys."
        onRevoke={(k) => {
          action.mark("revoke");
          revoke.mutate(k.id, {
            onSuccess: () => {
              if (created?.id === k.id) setCreated(null);
            },
          });
        }}
      />
    </Card>
  );
}

function Usage() {
  const { data: stats, error } = useStats();
  const items: [string, string | number][] = stats
    ? [
        ["Prompts", stats.prompts],
        ["Versions", stats.versions],
        ["Templates created", stats.templates_created],
        ["Templates used", stats.templates_used],
        ["Analyses", stats.analyses],
        ["Enhancements", stats.enhancements],
        ["Average score", stats.average_score === null ? "—" : Math.round(stats.average_score)],
      ]
    : [];
  return (
    <Card title="Usage">
      <ErrorNote error={error} />
      {!stats && !error && <Loading what="Loading statistics" />}
      {stats && (
        <dl className="stats" data-testid="stats">
          {items.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
