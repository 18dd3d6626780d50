// A project's API keys, for its owners and admins: create one with a name, the scopes it may use and an
// optional expiry (the secret is shown once, with copy), see each key's scopes, creator, last use and
// expiry, and revoke one at once.
import { useState } from "react";
import { ApiKeyTable, KeyNameField, NewKeyNotice } from "../components/api-keys";
import { ProjectPageHead, useProjectPage } from "../components/page-gate";
import {
  Card,
  CodeChoices,
  DateField,
  ErrorNote,
  FormCard,
  formatDate,
  SubmitButton,
  useSomeChoices,
} from "../components/ui";
import { fieldMessages } from "../lib/api";
import { endOfDay } from "../lib/dates";
import { canManage, KEY_SCOPES, SCOPE_HINTS } from "../lib/project";
import { useCreateProjectApiKey, useProjectApiKeys, useRevokeProjectApiKey } from "../lib/queries";
import { Link } from "../lib/router";
import type { CreatedProjectApiKey, ProjectApiKey, Scope } from "../lib/types";
import { projectPage } from "../lib/urls";

function expiryText(k: ProjectApiKey): string {
  if (!k.expires_at) return "never";
  const expired = Date.parse(k.expires_at) <= Date.now();
  return `${expired ? "expired " : ""}${formatDate(k.expires_at)}`;
}

export default function ProjectKeysPage({ slug }: { slug: string }) {
  const { project, gate, allowed } = useProjectPage(slug, {
    page: "api-keys",
    what: "manage API keys",
    ownersAndAdmins: {
      may: canManage,
      subject: "API keys",
      elsewhere: (p) => (
        <>
          See the <Link to={projectPage(p.slug, "members")}>members</Link> to ask one of them.
        </>
      ),
    },
  });
  const keysQuery = useProjectApiKeys(slug, allowed);
  const revoke = useRevokeProjectApiKey(slug);
  const [created, setCreated] = useState<CreatedProjectApiKey | null>(null);

  if (gate || !project) return gate;
  const keys = keysQuery.data;
  return (
    <>
      <ProjectPageHead project={project} page="api-keys" links={["members"]}>
        <p className="muted small">
          A key works on this project only, with the scopes you give it, and never beyond what its creator's
          role allows. Send it as <code>Authorization: Bearer pf_…</code> or <code>X-API-Key</code>.
        </p>
      </ProjectPageHead>
      <CreateKey slug={slug} onCreated={setCreated} />
      {created && <NewKeyNotice name={created.name} secret={created.key} onDone={() => setCreated(null)} />}
      <ErrorNote error={revoke.error ?? keysQuery.error} />
      <Card title="Keys">
        <ApiKeyTable
          keys={keys}
          testId="project-keys"
          empty="No API keys yet."
          middle={[
            { label: "Scopes", cell: (k) => k.scopes.join(", ") },
            { label: "Created by", cell: (k) => k.created_by.username },
          ]}
          end={[{ label: "Expires", cell: expiryText }]}
          onRevoke={(k) =>
            revoke.mutate(k.id, {
              onSuccess: () => {
                if (created?.id === k.id) setCreated(null);
              },
            })
          }
        />
      </Card>
    </>
  );
}

function CreateKey({ slug, onCreated }: { slug: string; onCreated: (k: CreatedProjectApiKey) => void }) {
  const create = useCreateProjectApiKey(slug);
  const [name, setName] = useState("");
  const scopes = useSomeChoices<Scope>([], "Choose at least one scope.");
  const [expires, setExpires] = useState("");
  const error = create.error;
  const fields = fieldMessages(error);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <FormCard
      title="New key"
      onSubmit={() => {
        if (!scopes.check()) return;
        const expiresAt = endOfDay(expires);
        create.mutate(
          {
            name: name.trim(),
            scopes: scopes.value,
            ...(expiresAt ? { expires_at: expiresAt } : {}),
          },
          {
            onSuccess: (k) => {
              onCreated(k);
              setName("");
              scopes.reset();
              setExpires("");
            },
          },
        );
      }}
    >
      <div className="inline-fields">
        <KeyNameField usedBy="service or machine" error={fields.name} value={name} onValue={setName} />
        <DateField
          label="Expires after"
          hint="Optional: the key stops working at the end of this day."
          error={fields.expires_at}
          min={today}
          value={expires}
          onValue={setExpires}
        />
      </div>
      <CodeChoices
        legend="Scopes"
        choices={KEY_SCOPES}
        hints={SCOPE_HINTS}
        {...scopes.props}
        error={scopes.props.error ?? fields.scopes}
      />
      {!fields.name && !fields.scopes && !fields.expires_at && <ErrorNote error={error} />}
      <SubmitButton busy={create.isPending} busyLabel="Creating…">
        Create key
      </SubmitButton>
    </FormCard>
  );
}
