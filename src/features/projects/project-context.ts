// How a route plugin learns which project a request acts on: useProjectAccess(app, projects) adds one
// preValidation hook (after authentication, before the body is checked) that resolves `:project` (slug or
// id; absent on the older routes, which act on the personal project or the API key's project) into a
// ProjectAccess; handlers read it with projectAccess(req), or receive it from useProjectRoutes (the table a
// plugin made with projectRoutes declares its routes in), and pass it to their service, which asks
// permissions.ts. The hook only finds the project (404 outside yours); it never decides an action.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { Type } from "typebox";
import { hookOf } from "../../http/auth-guard.js";
import { currentUser, originOf, type RouteTable, routeTable } from "../../http/route-kit.js";
import type { ProjectAccess } from "./permissions.js";
import type { Caller, CallerAccess, ProjectsService } from "./projects-service.js";

/** The access a request carries: accessFor's answer without the project row. */
function withoutRow({ project: _row, ...access }: CallerAccess): ProjectAccess {
  return access;
}

declare module "fastify" {
  interface FastifyRequest {
    projectAccess?: ProjectAccess;
  }
}

/** The caller as the projects service sees it: the user and the API key used, if any. */
export function callerOf(req: FastifyRequest): Caller {
  const user = currentUser(req);
  return { id: user.id, username: user.username, apiKey: user.apiKey, origin: originOf(req) };
}

/** The project access the hook resolved for this request. */
export function projectAccess(req: FastifyRequest): ProjectAccess {
  if (!req.projectAccess) throw new Error("projectAccess(req) used in a route without useProjectAccess");
  return req.projectAccess;
}

/** The `:project` path parameter, as documented in the OpenAPI document. */
const ProjectRefSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  description: "The project's slug or id",
});

/**
 * The route table of a plugin acting inside a project: each request's project is resolved
 * (useProjectAccess), project API keys may call its routes (their scopes are checked by the project's
 * service), every route declares 401, 403 and 404 (unless `errors` says otherwise), and each handler
 * receives the request's ProjectAccess (or what the table's `context` makes of it).
 */
export function useProjectRoutes<C = ProjectAccess>(
  app: FastifyInstance,
  projects: Pick<ProjectsService, "accessFor">,
  opts: ProjectTable<C>,
): RouteTable<C> {
  useProjectAccess(app, projects);
  // ProjectTable<C> requires a context unless C is ProjectAccess.
  const context = opts.context ?? ((_req: FastifyRequest, access: ProjectAccess) => access as C);
  return routeTable(app, {
    tags: opts.tags,
    errors: opts.errors ?? [401, 403, 404],
    auth: "project",
    context: (req) => context(req, projectAccess(req)),
  });
}

/**
 * A project route table's tags and error statuses, and what its handlers receive when not the
 * ProjectAccess itself: `context(req, access)` (required then).
 */
export type ProjectTable<C> = { tags: string[]; errors?: readonly number[] } & (ProjectAccess extends C
  ? { context?: (req: FastifyRequest, access: ProjectAccess) => C }
  : { context: (req: FastifyRequest, access: ProjectAccess) => C });

/** The options of a route plugin acting inside a project: the services it calls, and the projects service. */
export type ProjectRoutesOptions<S extends object> = S & { projects: Pick<ProjectsService, "accessFor"> };

/**
 * A route plugin acting inside a project: `declareRoutes` writes its routes into the project route table
 * (useProjectRoutes with the tags and errors given), with the services the plugin is registered with.
 */
export function projectRoutes<S extends object, C = ProjectAccess>(
  table: ProjectTable<C>,
  declareRoutes: (
    route: RouteTable<C>,
    services: ProjectRoutesOptions<S>,
    app: Parameters<FastifyPluginAsyncTypebox>[0],
  ) => void,
): FastifyPluginAsyncTypebox<ProjectRoutesOptions<S>> {
  return async (app, services) =>
    declareRoutes(useProjectRoutes(app, services.projects, table), services, app);
}

/** Resolves the request's project for every signed-in route of the plugin `app`. */
export function useProjectAccess(app: FastifyInstance, projects: Pick<ProjectsService, "accessFor">): void {
  // Mounted under /projects/:project, a route's own params schema (e.g. {id}) gains `project`, so the
  // OpenAPI document names every path parameter and the value is checked like any other.
  app.addHook("onRoute", (route) => {
    const params = route.schema?.params as
      | { properties?: Record<string, unknown>; required?: string[] }
      | undefined;
    if (!route.url.includes(":project") || !params?.properties || params.properties.project) return;
    route.schema = {
      ...route.schema,
      params: {
        ...params,
        properties: { ...params.properties, project: ProjectRefSchema },
        required: [...(params.required ?? []), "project"],
      },
    };
  });
  // A callback hook: with the project and membership rows in the auth cache, accessFor answers with a
  // value and the request goes on without a promise; a look-up (a promise) continues when it settles.
  app.addHook(
    "preValidation",
    hookOf((req) => {
      if (!req.user) return; // public routes of the plugin have no project
      const ref = (req.params as { project?: unknown } | undefined)?.project;
      const found = projects.accessFor(callerOf(req), typeof ref === "string" ? ref : undefined);
      if (!(found instanceof Promise)) {
        req.projectAccess = withoutRow(found);
        return;
      }
      return found.then((access) => {
        req.projectAccess = withoutRow(access);
      });
    }, "project access"),
  );
}

/** Declares the request decoration once, for every route plugin that uses projects. */
export default fp(
  async (app) => {
    app.decorateRequest("projectAccess", undefined);
  },
  { name: "project-context" },
);
