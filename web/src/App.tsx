// The app shell: header with navigation, the page for the current path (the analyser is in the first
// bundle; every other page is loaded on demand), and the notice shown when a session has ended.
import { lazy, type ReactNode, Suspense, useEffect } from "react";
import { Loading } from "./components/ui";
import { useAuth } from "./lib/auth";
import { chooseProject, useStoredSlug } from "./lib/project";
import { useMyProjects, useProjectScope } from "./lib/queries";
import { Link, matchPath, navigate, useLocation } from "./lib/router";
import { AnalyserPage } from "./pages/AnalyserPage";

const EnhancePage = lazy(() => import("./pages/EnhancePage"));
const PromptsPage = lazy(() => import("./pages/PromptsPage"));
const PromptPage = lazy(() => import("./pages/PromptPage"));
const TemplatesPage = lazy(() => import("./pages/TemplatesPage"));
const TemplatePage = lazy(() => import("./pages/TemplatePage"));
const TemplateEditPage = lazy(() => import("./pages/TemplateEditPage"));
const TemplateUsePage = lazy(() => import("./pages/TemplateUsePage"));
const AccountPage = lazy(() => import("./pages/AccountPage"));
const StatusPage = lazy(() => import("./pages/StatusPage"));
const AuditPage = lazy(() => import("./pages/AuditPage"));
const SignInPage = lazy(() => import("./pages/SignInPage"));
const SignUpPage = lazy(() => import("./pages/SignUpPage"));
const ProjectsPage = lazy(() => import("./pages/ProjectsPage"));
const ProjectMembersPage = lazy(() => import("./pages/ProjectMembersPage"));
const ProjectKeysPage = lazy(() => import("./pages/ProjectKeysPage"));
const InvitationPage = lazy(() => import("./pages/InvitationPage"));
const PromotionPage = lazy(() => import("./pages/PromotionPage"));
const ProjectSettingsPage = lazy(() => import("./pages/ProjectSettingsPage"));
const WebhooksPage = lazy(() => import("./pages/WebhooksPage"));
const PlaygroundPage = lazy(() => import("./pages/PlaygroundPage"));
const DatasetsPage = lazy(() => import("./pages/DatasetsPage"));
const DatasetPage = lazy(() => import("./pages/DatasetPage"));
const EvaluationRunPage = lazy(() => import("./pages/EvaluationRunPage"));
const EvaluationComparePage = lazy(() => import("./pages/EvaluationComparePage"));

// Patterns in order: the first match wins ("/templates/new" before "/templates/:id").
const ROUTES: [string, (p: Record<string, string>) => ReactNode][] = [
  ["/", () => <AnalyserPage />],
  ["/enhance", () => <EnhancePage />],
  ["/prompts", () => <PromptsPage />],
  ["/prompts/:id/playground", (p) => <PlaygroundPage key={p.id} id={p.id as string} />],
  ["/prompts/:id", (p) => <PromptPage key={p.id} id={p.id as string} />],
  ["/datasets", () => <DatasetsPage />],
  ["/datasets/:id", (p) => <DatasetPage key={p.id} id={p.id as string} />],
  ["/evaluations/compare", () => <EvaluationComparePage />],
  ["/evaluations/:id", (p) => <EvaluationRunPage key={p.id} id={p.id as string} />],
  ["/templates", () => <TemplatesPage />],
  ["/templates/new", () => <TemplateEditPage key="new" />],
  ["/templates/:id/edit", (p) => <TemplateEditPage key={p.id} id={p.id as string} />],
  ["/templates/:id/use", (p) => <TemplateUsePage key={p.id} id={p.id as string} />],
  ["/templates/:id", (p) => <TemplatePage key={p.id} id={p.id as string} />],
  ["/account", () => <AccountPage />],
  ["/status", () => <StatusPage />],
  ["/audit", () => <AuditPage />],
  ["/projects", () => <ProjectsPage />],
  ["/projects/:slug/members", (p) => <ProjectMembersPage key={p.slug} slug={p.slug as string} />],
  ["/projects/:slug/api-keys", (p) => <ProjectKeysPage key={p.slug} slug={p.slug as string} />],
  [
    "/projects/:slug/promotions/:id",
    (p) => <PromotionPage key={`${p.slug}/${p.id}`} slug={p.slug as string} id={p.id as string} />,
  ],
  ["/projects/:slug/settings", (p) => <ProjectSettingsPage key={p.slug} slug={p.slug as string} />],
  ["/projects/:slug/webhooks", (p) => <WebhooksPage key={p.slug} slug={p.slug as string} />],
  ["/invitations/:token", (p) => <InvitationPage key={p.token} token={p.token as string} />],
  ["/signin", () => <SignInPage />],
  ["/signup", () => <SignUpPage />],
];

function route(path: string): ReactNode {
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return render(params);
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <div className="card">
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. Go to the <Link to="/">analyser</Link> or your{" "}
        <Link to="/prompts">prompts</Link>.
      </p>
    </div>
  );
}

function NavLink({ to, children, exact }: { to: string; children: ReactNode; exact?: boolean }) {
  const { path } = useLocation();
  const target = to.split("?")[0] ?? to;
  const current = exact ? path === target : path === target || path.startsWith(`${target}/`);
  return (
    <li>
      <Link to={to} aria-current={current ? "page" : undefined}>
        {children}
      </Link>
    </li>
  );
}

function accountQuery(loc: { path: string; query: URLSearchParams; href: string }): string {
  if (loc.path === "/signin" || loc.path === "/signup") {
    const next = loc.query.get("next");
    return next ? `?next=${encodeURIComponent(next)}` : "";
  }
  return loc.path === "/" ? "" : `?next=${encodeURIComponent(loc.href)}`;
}

/**
 * Which project the prompt and template pages show: my projects, personal first (the server's order).
 * Changing it keeps the page, now showing the other project's list.
 */
function ProjectSwitcher({ username }: { username: string }) {
  const projects = useMyProjects();
  const scope = useProjectScope();
  const stored = useStoredSlug();
  const items = projects.data?.items ?? [];
  // A link that names one of my projects makes it the current one from now on; a link naming another
  // leaves my choice alone.
  const linked = useLocation().query.get("project");
  const current = scope.project;
  useEffect(() => {
    if (!linked || !current || current.slug !== linked) return;
    const want = current.personal ? "" : current.slug;
    if (want !== stored) chooseProject(username, want || null);
  }, [linked, current, stored, username]);
  if (items.length === 0) return null;
  const value = scope.project?.slug ?? items[0]?.slug ?? "";
  return (
    <div className="project-switcher">
      <label htmlFor="project-switcher">Project</label>
      <select
        id="project-switcher"
        value={value}
        onChange={(e) => {
          const chosen = items.find((p) => p.slug === e.target.value);
          chooseProject(username, chosen && !chosen.personal ? chosen.slug : null);
          // A prompt or template belongs to one project: after a switch its list is the place to be.
          // The address no longer names the old project either.
          const path = window.location.pathname;
          const query = new URLSearchParams(window.location.search);
          if (query.has("project")) {
            query.delete("project");
            const rest = query.toString();
            navigate(`${path}${rest ? `?${rest}` : ""}`, { replace: true });
          }
          if (/^\/(prompts|templates)\/./.test(path))
            navigate(path.startsWith("/prompts") ? "/prompts" : "/templates");
          // Datasets and runs too: the list of datasets is the place to be.
          if (/^\/(datasets|evaluations)\/./.test(path)) navigate("/datasets");
        }}
      >
        {items.map((p) => (
          <option key={p.id} value={p.slug}>
            {p.personal ? "Personal" : p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function Header() {
  const auth = useAuth();
  const loc = useLocation();
  const signedIn = auth.status === "signed-in" && auth.user;
  return (
    <header className="site-header">
      <div className="inner">
        <Link to="/" className="brand" aria-label="PromptForge home">
          Prompt<span>Forge</span>
        </Link>
        {signedIn && auth.user && <ProjectSwitcher username={auth.user.username} />}
        <nav aria-label="Main">
          <ul className="nav">
            <NavLink to="/" exact>
              Analyse
            </NavLink>
            <NavLink to="/enhance">Enhance</NavLink>
            <NavLink to="/prompts">Prompts</NavLink>
            <NavLink to="/templates">Templates</NavLink>
            {signedIn && <NavLink to="/datasets">Datasets</NavLink>}
            {signedIn && <NavLink to="/projects">Projects</NavLink>}
            {signedIn && <NavLink to="/account">Account</NavLink>}
            {signedIn && <NavLink to="/audit">Audit</NavLink>}
            {signedIn && auth.user?.role === "admin" && <NavLink to="/status">Status</NavLink>}
            {signedIn ? (
              <li>
                <button
                  type="button"
                  onClick={async () => {
                    await auth.signOut();
                    navigate("/");
                  }}
                >
                  Sign out <span className="user-chip">({auth.user?.username})</span>
                </button>
              </li>
            ) : (
              auth.status !== "loading" && (
                <>
                  {/* Both keep where to return to: the page's own ?next= on the sign-in and sign-up
                      pages, else this page. */}
                  <NavLink to={`/signin${accountQuery(loc)}`}>Sign in</NavLink>
                  <NavLink to={`/signup${accountQuery(loc)}`}>Sign up</NavLink>
                </>
              )
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function ExpiredNotice() {
  const auth = useAuth();
  const loc = useLocation();
  if (!auth.expired || loc.path === "/signin") return null;
  return (
    <div className="notice warning" role="alert" data-testid="session-expired">
      <p>
        <strong>Your session has ended.</strong> What you typed is kept on this device.{" "}
        <Link to={`/signin?next=${encodeURIComponent(loc.href)}`}>Sign in again</Link> to save it.
      </p>
    </div>
  );
}

export function App() {
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <ExpiredNotice />
        <Suspense fallback={<Loading />}>{route(path)}</Suspense>
      </main>
      <footer className="site-footer">
        PromptForge · <a href="/docs">API docs</a>
      </footer>
    </>
  );
}
