// The web app's links to a project's own pages (lib/urls.ts projectPage): every page the link names is
// one the app routes, and the slug comes back out of the address exactly as it went in.
import { describe, expect, it } from "vitest";
import { matchPath } from "../../web/src/lib/router.js";
import { type ProjectPage, projectPage } from "../../web/src/lib/urls.js";

const PAGES: ProjectPage[] = ["members", "api-keys", "settings", "webhooks"];

describe("projectPage", () => {
  it("builds /projects/<slug>/<page>", () => {
    expect(projectPage("team-a", "members")).toBe("/projects/team-a/members");
    expect(projectPage("team-a", "api-keys")).toBe("/projects/team-a/api-keys");
  });

  it("encodes the slug so the router reads it back unchanged", () => {
    for (const slug of ["plain", "with space", "a/b", "ü-?#%"]) {
      for (const page of PAGES) {
        const href = projectPage(slug, page);
        expect(href.split("/")).toHaveLength(4);
        expect(matchPath(`/projects/:slug/${page}`, href)).toEqual({ slug });
      }
    }
  });

  it("names only pages App.tsx routes", async () => {
    const { readFile } = await import("node:fs/promises");
    const app = await readFile(new URL("../../web/src/App.tsx", import.meta.url), "utf8");
    for (const page of PAGES) expect(app).toContain(`"/projects/:slug/${page}"`);
  });
});
