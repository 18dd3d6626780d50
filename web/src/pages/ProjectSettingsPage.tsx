// A project's registry settings, for its owners and admins: which labels are protected (moving them
// needs an approved promotion), the promotion gate (a minimum overall score, no new error-severity
// finding) and whether a one-person project may approve its own requests. Others read them.
import { useState } from "react";
import { ProjectPageHead, useProjectPage } from "../components/page-gate";
import { ErrorNote, Notice, SubmitButton, TextField } from "../components/ui";
import { fieldMessages } from "../lib/api";
import { canApprove } from "../lib/project";
import { useUpdateRegistrySettings } from "../lib/registry-queries";
import { settingsFormOf as formOf, type SettingsForm, settingsBody } from "../lib/settings-form";

export default function ProjectSettingsPage({ slug }: { slug: string }) {
  const { project, gate } = useProjectPage(slug, {
    page: "settings",
    untitled: "Project settings",
    what: "see the project's settings",
  });
  const update = useUpdateRegistrySettings(slug);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<Partial<Record<keyof SettingsForm, string>>>({});
  const [saved, setSaved] = useState(false);

  if (gate || !project) return gate;
  const admin = canApprove(project.role);
  const f = form ?? formOf(project);
  const set = (patch: Partial<SettingsForm>) => {
    setSaved(false);
    setForm({ ...f, ...patch });
  };
  const server = fieldMessages(update.error);

  return (
    <>
      <ProjectPageHead project={project} page="settings" links={["members", admin && "webhooks"]}>
        <p className="muted small">How labels are protected and what a promotion must pass.</p>
      </ProjectPageHead>
      {!admin && (
        <Notice kind="info">
          <p>Only the project's owners and admins change these; your role is {project.role}.</p>
        </Notice>
      )}
      <form
        className="card"
        aria-label="Registry settings"
        onSubmit={(e) => {
          e.preventDefault();
          const out = settingsBody(f);
          if ("errors" in out) {
            setErrors(out.errors);
            return;
          }
          setErrors({});
          update.mutate(out.body, {
            onSuccess: (p) => {
              setForm(formOf(p));
              setSaved(true);
            },
          });
        }}
      >
        <fieldset disabled={!admin}>
          <TextField
            label="Protected labels"
            hint="Separated by commas. Moving one of these needs a promotion an admin approves."
            value={f.protected_labels}
            onValue={(v) => set({ protected_labels: v.toLowerCase() })}
            error={errors.protected_labels ?? server.protected_labels}
          />
          <h2>Promotion gate</h2>
          <TextField
            label="Minimum overall score"
            hint="0–100; a promotion to a version scoring lower is blocked. Empty: no minimum."
            inputMode="decimal"
            value={f.min_score}
            onValue={(v) => set({ min_score: v })}
            error={errors.min_score ?? server.promotion_gate}
          />
          <label className="choice">
            <input
              type="checkbox"
              checked={f.block_new_errors}
              onChange={(e) => set({ block_new_errors: e.target.checked })}
            />
            <span>Block a promotion that brings a new error-severity finding</span>
          </label>
          <h2>Approval</h2>
          <label className="choice">
            <input
              type="checkbox"
              checked={f.allow_self_approval}
              onChange={(e) => set({ allow_self_approval: e.target.checked })}
            />
            <span>Allow an admin to approve their own promotion requests (for one-person projects)</span>
          </label>
        </fieldset>
        {!server.protected_labels && !server.promotion_gate && <ErrorNote error={update.error} />}
        {saved && <Notice kind="ok">Settings saved.</Notice>}
        {admin && (
          <SubmitButton busy={update.isPending} busyLabel="Saving…">
            Save settings
          </SubmitButton>
        )}
      </form>
    </>
  );
}
