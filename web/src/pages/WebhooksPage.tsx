// A project's webhooks, for its owners and admins: add one (a URL and the events it wants; its signing
// secret is shown once), change its events, delete it, send a test ping, and read its delivery log
// (status, attempts, response code and time, last error) to see why a receiver is not getting them;
// pause one (nothing is queued for it) and resume it.
import { useState } from "react";
import { useOpenRow } from "../components/lists";
import { ProjectPageHead, useProjectPage } from "../components/page-gate";
import {
  Card,
  CodeChoices,
  ConfirmDanger,
  ErrorNote,
  FormCard,
  formatDate,
  LoadedList,
  Notice,
  OneTimeSecret,
  SmallButton,
  StackTable,
  SubmitButton,
  TextField,
  useSomeChoices,
} from "../components/ui";
import { fieldMessages } from "../lib/api";
import { canApprove } from "../lib/project";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useTestWebhook,
  useUpdateWebhook,
  useWebhookDeliveries,
  useWebhooks,
} from "../lib/registry-queries";
import { type CreatedWebhook, WEBHOOK_EVENTS, type Webhook, type WebhookEvent } from "../lib/registry-types";
import { Link } from "../lib/router";
import { projectPage } from "../lib/urls";

const EVENT_HINTS: Record<WebhookEvent, string> = {
  "prompt.version.created": "a prompt gets a new version",
  "prompt.label.moved": "a label moves or is removed",
  "promotion.requested": "someone asks to move a protected label",
  "promotion.decided": "a promotion is approved or rejected",
};

/** The events a webhook wants, at least one. */
function EventChoices(props: {
  value: WebhookEvent[];
  onChange: (v: WebhookEvent[]) => void;
  error?: string;
}) {
  return <CodeChoices legend="Events" choices={WEBHOOK_EVENTS} hints={EVENT_HINTS} {...props} />;
}

function CreateWebhook({ slug, onCreated }: { slug: string; onCreated: (w: CreatedWebhook) => void }) {
  const create = useCreateWebhook(slug);
  const [url, setUrl] = useState("");
  const events = useSomeChoices(WEBHOOK_EVENTS, "Choose at least one event.");
  const fields = fieldMessages(create.error);
  return (
    <FormCard
      title="New webhook"
      onSubmit={() => {
        if (!events.check()) return;
        create.mutate(
          { url: url.trim(), events: events.value },
          {
            onSuccess: (w) => {
              onCreated(w);
              setUrl("");
              events.reset();
            },
          },
        );
      }}
    >
      <TextField
        label="Payload URL"
        hint="PromptForge POSTs signed JSON here."
        error={fields.url}
        type="url"
        required
        maxLength={2000}
        placeholder="https://example.com/promptforge"
        value={url}
        onValue={setUrl}
      />
      <EventChoices {...events.props} error={events.props.error ?? fields.events} />
      {!fields.url && !fields.events && <ErrorNote error={create.error} />}
      <SubmitButton busy={create.isPending} busyLabel="Adding…">
        Add webhook
      </SubmitButton>
    </FormCard>
  );
}

function Deliveries({ slug, hook }: { slug: string; hook: Webhook }) {
  const deliveries = useWebhookDeliveries(slug, hook.id);
  const items = deliveries.data;
  return (
    <div data-testid="deliveries">
      <h3>Deliveries to {hook.url}</h3>
      <ErrorNote error={deliveries.error} />
      <LoadedList items={items} loading="Loading deliveries" empty="Nothing sent yet.">
        {(shown) => (
          <StackTable columns={["Event", "Status", "Attempts", "Response", "Last error", "Created"]}>
            {shown.map((d) => (
              <tr key={d.id}>
                <td data-label="Event">
                  <code>{d.event}</code>
                </td>
                <td data-label="Status">
                  <span
                    className={`badge ${d.status === "delivered" ? "ok" : d.status === "failed" ? "error" : "info"}`}
                  >
                    {d.status}
                  </span>
                </td>
                <td data-label="Attempts">{d.attempts}</td>
                <td data-label="Response">
                  {d.last_response_code ?? "—"}
                  {d.last_response_ms !== null ? ` · ${d.last_response_ms} ms` : ""}
                </td>
                <td data-label="Last error" style={{ overflowWrap: "anywhere" }}>
                  {d.last_error ?? ""}
                </td>
                <td data-label="Created">{formatDate(d.created_at)}</td>
              </tr>
            ))}
          </StackTable>
        )}
      </LoadedList>
      <SmallButton onClick={() => void deliveries.refetch()}>Refresh</SmallButton>
    </div>
  );
}

function EditEvents({ slug, hook, onDone }: { slug: string; hook: Webhook; onDone: () => void }) {
  const update = useUpdateWebhook(slug);
  const [events, setEvents] = useState<WebhookEvent[]>(WEBHOOK_EVENTS.filter((e) => hook.events.includes(e)));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (events.length === 0) return;
        update.mutate({ id: hook.id, events }, { onSuccess: onDone });
      }}
    >
      <EventChoices
        value={events}
        onChange={setEvents}
        error={events.length === 0 ? "Choose at least one event." : undefined}
      />
      <ErrorNote error={update.error} />
      <div className="row">
        <SubmitButton className="btn primary small" disabled={update.isPending || events.length === 0}>
          Save events
        </SubmitButton>
        <SmallButton onClick={onDone}>Cancel</SmallButton>
      </div>
    </form>
  );
}

export default function WebhooksPage({ slug }: { slug: string }) {
  const { project, gate, allowed } = useProjectPage(slug, {
    page: "webhooks",
    what: "manage webhooks",
    ownersAndAdmins: {
      may: canApprove,
      subject: "webhooks",
      elsewhere: (p) => (
        <>
          See the <Link to={projectPage(p.slug, "settings")}>project settings</Link>.
        </>
      ),
    },
  });
  const hooks = useWebhooks(slug, allowed);
  const remove = useDeleteWebhook(slug);
  const test = useTestWebhook(slug);
  const pause = useUpdateWebhook(slug);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const { open, setOpen, toggle } = useOpenRow<string>();
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [tested, setTested] = useState<string | null>(null);

  if (gate || !project) return gate;
  const list = hooks.data;
  const openHook = list?.find((w) => w.id === open) ?? null;

  return (
    <>
      <ProjectPageHead project={project} page="webhooks" links={["settings"]}>
        <p className="muted small">
          Each delivery is signed: check the <code>PromptForge-Signature</code> header with the webhook's
          secret. Failed deliveries are retried with backoff for up to a day.
        </p>
      </ProjectPageHead>
      <CreateWebhook slug={slug} onCreated={setCreated} />
      {created && (
        <OneTimeSecret
          testId="new-webhook"
          label="Signing secret"
          value={created.secret}
          copyLabel="Copy secret"
          onDone={() => setCreated(null)}
        >
          <strong>Webhook added.</strong> Copy its signing secret now: it is shown only this once.
        </OneTimeSecret>
      )}
      <ErrorNote error={remove.error ?? test.error ?? pause.error ?? hooks.error} />
      {tested && <Notice kind="ok">{tested}</Notice>}
      <Card title="Webhooks">
        <LoadedList items={list} loading="Loading webhooks" empty="No webhooks yet.">
          {(shown) => (
            <ul className="item-list" data-testid="webhooks">
              {shown.map((w) => (
                <li key={w.id} data-webhook={w.id}>
                  <div className="item-title" style={{ overflowWrap: "anywhere" }}>
                    {w.url}
                  </div>
                  <div className="item-meta">
                    {w.events.map((ev) => (
                      <span key={ev} className="badge">
                        {ev}
                      </span>
                    ))}
                    {w.active === false && <span className="badge warning">paused</span>}
                    <span>added {formatDate(w.created_at)}</span>
                  </div>
                  {editing === w.id ? (
                    <EditEvents slug={slug} hook={w} onDone={() => setEditing(null)} />
                  ) : (
                    <div className="row">
                      <SmallButton aria-expanded={open === w.id} onClick={() => toggle(w.id)}>
                        {open === w.id ? "Hide deliveries" : "Deliveries"}
                      </SmallButton>
                      <SmallButton
                        disabled={test.isPending}
                        onClick={() =>
                          test.mutate(w.id, {
                            onSuccess: () => {
                              setTested(`Test ping queued for ${w.url}.`);
                              setOpen(w.id);
                            },
                          })
                        }
                      >
                        Send test
                      </SmallButton>
                      <SmallButton onClick={() => setEditing(w.id)}>Edit events</SmallButton>
                      <SmallButton
                        disabled={pause.isPending}
                        onClick={() => pause.mutate({ id: w.id, active: w.active === false })}
                      >
                        {w.active === false ? "Resume" : "Pause"}
                      </SmallButton>
                      <SmallButton
                        tone="danger"
                        onClick={() => setDeleting(w)}
                        label={`Delete webhook ${w.url}`}
                      >
                        Delete
                      </SmallButton>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </LoadedList>
      </Card>
      {openHook && (
        <section className="card" aria-label="Delivery log">
          <Deliveries slug={slug} hook={openHook} />
        </section>
      )}
      <ConfirmDanger
        subject={deleting}
        action="Delete webhook"
        onClose={() => setDeleting(null)}
        onConfirm={(w) => {
          remove.mutate(w.id, {
            onSuccess: () => {
              if (open === w.id) setOpen(null);
              if (created?.id === w.id) setCreated(null);
            },
          });
        }}
      >
        <p>{deleting?.url} stops receiving events at once; deliveries not yet sent are dropped.</p>
      </ConfirmDanger>
    </>
  );
}
