// My projects: each with my role, a way to work in it (the switcher's choice), its members and its API
// keys; and a form to create a project, of which I become the owner.
import { useState } from "react";
import { pageGate } from "../components/page-gate";
import { ErrorNote, FormCard, Loading, SmallButton, SubmitButton, TextField } from "../components/ui";
import { ApiError, fieldMessages } from "../lib/api";
import { useAuth } from "../lib/auth";
import { canManage, chooseProject, slugFrom } from "../lib/project";
import { useCreateProject, useMyProjects, useProjectScope } from "../lib/queries";
import { Link, navigate, usePageTitle } from "../lib/router";
import { projectPage } from "../lib/urls";

export default function ProjectsPage() {
  usePageTitle("Projects");
  const auth = useAuth();
  const projects = useMyProjects();
  const scope = useProjectScope();
  const gate = pageGate(auth, "see your projects");
  if (gate || !auth.user) return gate;
  const username = auth.user.username;
  const items = projects.data?.items ?? [];
  const current = scope.project?.id;

  return (
    <>
      <div className="page-head">
        <h1>Projects</h1>
      </div>
      <p className="muted">
        A project holds prompts and templates that its members share. Your personal project is yours alone.
      </p>
      <ErrorNote error={projects.error} />
      {projects.isLoading && <Loading what="Loading projects" />}
      <ul className="item-list" data-testid="project-list">
        {items.map((p) => (
          <li key={p.id}>
            <span className="item-title">{p.name}</span>
            <div className="item-meta">
              <code>{p.slug}</code>
              <span className="badge">{p.personal ? "personal" : p.role}</span>
              {p.id === current && <span className="badge ok">current</span>}
            </div>
            <div className="row" style={{ marginTop: "0.5rem" }}>
              <SmallButton
                tone="primary"
                label={`Open the prompts of ${p.name}`}
                onClick={() => {
                  chooseProject(username, p.personal ? null : p.slug);
                  navigate("/prompts");
                }}
              >
                Open prompts
              </SmallButton>
              {!p.personal && (
                <Link to={projectPage(p.slug, "members")} className="btn small">
                  Members
                </Link>
              )}
              {!p.personal && canManage(p.role) && (
                <Link to={projectPage(p.slug, "api-keys")} className="btn small">
                  API keys
                </Link>
              )}
              <Link to={projectPage(p.slug, "settings")} className="btn small">
                Settings
              </Link>
            </div>
          </li>
        ))}
      </ul>
      <CreateProject username={username} />
    </>
  );
}

function CreateProject({ username }: { username: string }) {
  const create = useCreateProject();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const error = create.error;
  const fields = fieldMessages(error);
  const taken = error instanceof ApiError && error.code === "slug_taken" ? error.message : undefined;

  return (
    <FormCard
      title="New project"
      onSubmit={() => {
        create.mutate(
          { name: name.trim(), slug: slug.trim() },
          {
            onSuccess: (p) => {
              setName("");
              setSlug("");
              setSlugEdited(false);
              chooseProject(username, p.slug);
              navigate(projectPage(p.slug, "members"));
            },
          },
        );
      }}
    >
      <div className="inline-fields">
        <TextField
          label="Project name"
          error={fields.name}
          required
          maxLength={100}
          value={name}
          onValue={(v) => {
            setName(v);
            if (!slugEdited) setSlug(slugFrom(v));
          }}
        />
        <TextField
          label="Slug"
          hint="Lower-case letters, digits and hyphens; used in addresses and the API."
          error={fields.slug ?? taken}
          required
          maxLength={63}
          value={slug}
          onValue={(v) => {
            setSlug(v);
            setSlugEdited(true);
          }}
        />
      </div>
      {!fields.name && !fields.slug && !taken && <ErrorNote error={error} />}
      <SubmitButton busy={create.isPending} busyLabel="Creating…">
        Create project
      </SubmitButton>
    </FormCard>
  );
}
