// The web app's links to a project's own pages (lib/urls.ts projectPage): every page the link names is
// one the app routes, and the slug is one path segment that decodes back exactly as it went in.
import { describe, expect, it } from "vitest";
import { type ProjectPage, projectPage } from "../../web/src/lib/urls.js";

const PAGES: ProjectPage[] = ["members", "api-keys", "settings", "webhooks"];

describe("projectPage", () => {
  it("builds /projects/<slug>/<page>", () => {
    expect(projectPage("team-a", "members")).toBe("/projects/team-a/members");
    expect(projectPage("team-a", "api-keys")).toBe("/projects/team-a/api-keys");
  });

  it("encodes the slug into one path segment that decodes back unchanged", () => {
    for (const slug of ["plain", "with space", "a/b", "ü-?#%"]) {
      for (const page of PAGES) {
        const [root, projects, encoded, last, ...rest] = projectPage(slug, page).split("/");
        expect([root, projects, last, rest]).toEqual(["", "projects", page, []]);
        expect(decodeURIComponent(encoded as string)).toBe(slug);
        expect(new URL(projectPage(slug, page), "http://x").pathname).toBe(projectPage(slug, page));
      }
    }
  });

  it("names only pages App.tsx routes", async () => {
    const { readFile } = await import("node:fs/promises");
    const app = await readFile(new URL("../../web/src/App.tsx", import.meta.url), "utf8");
    for (const page of PAGES) expect(app).toContain(`"/projects/:slug/${page}"`);
  });
});
