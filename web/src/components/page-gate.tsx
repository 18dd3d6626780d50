// What a page for signed-in users shows before it can show itself, in one place: a loading line while
// the session is checked, a way to sign in (and come back) when signed out, and, for a page about one
// object, that object's load failure or a loading line while it comes. A project's own pages (members,
// API keys, webhooks, settings) also share their names, heading row and the owners-and-admins refusal.
import type { ReactNode } from "react";
import { type AuthState, useAuth } from "../lib/auth";
import type { Project, Role } from "../lib/project";
import { useProject } from "../lib/queries";
import { Link, usePageTitle } from "../lib/router";
import { type ProjectPage, projectPage } from "../lib/urls";
import { LoadFailure, Loading, type LoadKind, PageHead, SignInToContinue } from "./ui";

/** What a page shows while its object loads, where "Loading the <kind>" does not say it. */
const LOADING_WORDS: Partial<Record<LoadKind, string>> = { Comparison: "Comparing the runs" };

/**
 * null once the page can render; otherwise what to show instead. `what` completes "Sign in to …";
 * `kind` and `load` name the object the page is about and hold its error and data (a query).
 */
export function pageGate(
  auth: Pick<AuthState, "status" | "user">,
  what: string,
  kind?: LoadKind,
  load?: { error: unknown; data?: unknown },
): ReactNode | null {
  if (auth.status === "loading") return <Loading />;
  if (auth.status !== "signed-in" || !auth.user) return <SignInToContinue what={what} />;
  if (!kind || !load) return null;
  if (load.error) return <LoadFailure error={load.error} what={kind} />;
  if (load.data === undefined || load.data === null)
    return <Loading what={LOADING_WORDS[kind] ?? `Loading the ${kind.toLowerCase()}`} />;
  return null;
}

/**
 * Who alone may use a project page (`may`: canManage, canApprove …), what it manages (`subject`:
 * "API keys", "webhooks") and, for everyone else, where to go instead (`elsewhere`).
 */
interface OwnersAndAdmins {
  may: (role: Role | undefined) => boolean;
  subject: string;
  elsewhere: (project: Project) => ReactNode;
}

/**
 * What each of a project's pages is called: in its heading "<name> of <project>", its tab's title and
 * the buttons that lead to it from the others.
 */
const PAGE_NAMES: Record<ProjectPage, string> = {
  members: "Members",
  "api-keys": "API keys",
  webhooks: "Webhooks",
  settings: "Settings",
};

/**
 * The start of a project's page (members, keys, webhooks, settings): the signed-in user, the project
 * the address names, the tab's title "<name> · <project>" (`untitled` before it loads), and the gate
 * (pageGate) that says what to show until the page can render. A page only owners and admins use
 * (`ownersAndAdmins`) gates everyone else with OwnersAndAdminsOnly; `allowed` says whether its
 * queries should run.
 */
export function useProjectPage(
  slug: string,
  {
    page,
    untitled = PAGE_NAMES[page],
    what,
    ownersAndAdmins,
  }: { page: ProjectPage; untitled?: string; what: string; ownersAndAdmins?: OwnersAndAdmins },
) {
  const label = PAGE_NAMES[page];
  const auth = useAuth();
  const query = useProject(slug);
  const project = query.data;
  usePageTitle(project ? `${label} · ${project.name}` : untitled);
  const allowed = ownersAndAdmins ? ownersAndAdmins.may(project?.role) : true;
  let gate = pageGate(auth, what, "Project", query);
  if (!gate && project && ownersAndAdmins && !allowed)
    gate = (
      <OwnersAndAdminsOnly title={label} subject={ownersAndAdmins.subject} project={project}>
        {ownersAndAdmins.elsewhere(project)}
      </OwnersAndAdminsOnly>
    );
  return { auth, project, gate, allowed };
}

/**
 * A project page's heading row: "<name> of <project>", then `before` and buttons to the project's other
 * pages (`links`; a false entry is left out, as for a role that may not use that page).
 */
export function ProjectPageHead({
  project,
  page,
  links,
  before,
  children,
}: {
  project: Project;
  page: ProjectPage;
  links: (ProjectPage | false)[];
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <PageHead
      title={
        <>
          {PAGE_NAMES[page]} of {project.name}
        </>
      }
      actions={
        <>
          {before}
          {links.map(
            (to) =>
              to && (
                <Link key={to} to={projectPage(project.slug, to)} className="btn">
                  {PAGE_NAMES[to]}
                </Link>
              ),
          )}
        </>
      }
    >
      {children}
    </PageHead>
  );
}

/** Why a project page only owners and admins use is not shown, and (`children`) where to go instead. */
function OwnersAndAdminsOnly({
  title,
  subject,
  project,
  children,
}: {
  title: ReactNode;
  subject: string;
  project: Project;
  children: ReactNode;
}) {
  return (
    <div className="card">
      <h1>
        {title} of {project.name}
      </h1>
      <p>
        Only the project's owners and admins manage its {subject}; your role is {project.role}. {children}
      </p>
    </div>
  );
}
