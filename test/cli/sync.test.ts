// `promptforge pull` and `push` against the real app listening on loopback, on SQLite and PostgreSQL:
// pull → push with no edits makes no version; one edited file makes exactly one; a file pulled before
// the prompt moved on is refused and nothing is merged; `---` lines, unicode and trailing whitespace
// survive the round trip; a new file creates a prompt.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { parsePromptFile } from "../../src/cli/prompt-files.js";
import { buildTestApp, DB_TARGETS, type TestApp } from "../helpers/app.js";
import { apiAs, createTestUser, type TestUser } from "../helpers/users.js";

const TRICKY = "Line one   \n---\nünïcödé ✓ 🧪 中文\n\n---\nTrailing tab\t\n\n";
const KEY_CANARY_PREFIX = "pf_";

describe.each(DB_TARGETS)("promptforge pull and push (%s)", (target) => {
  let t: TestApp;
  let owner: TestUser;
  let base: string;
  let key: string;
  const ids: Record<string, string> = {};
  const dir = mkdtempSync(join(tmpdir(), "pf-sync-"));
  const out = join(dir, "prompts");

  const cli = async (...argv: string[]) => {
    const chunks = { out: "", err: "" };
    const sink = (k: "out" | "err") =>
      new Writable({
        write: (c, _e, cb) => {
          chunks[k] += String(c);
          cb();
        },
      });
    const code = await run(argv, {
      stdout: sink("out"),
      stderr: sink("err"),
      cwd: dir,
      env: { PROMPTFORGE_URL: base, PROMPTFORGE_API_KEY: key },
    });
    return { code, stdout: chunks.out, stderr: chunks.err };
  };
  const versions = async (name: string) => {
    const res = await apiAs(t.app, owner, "GET", `/projects/sync-proj/prompts/${ids[name]}/versions`);
    expect(res.statusCode).toBe(200);
    return res.json().items as { version: number; content: string }[];
  };
  const fileOf = (name: string) => join(out, `${name}.prompt.md`);

  beforeAll(async () => {
    t = await buildTestApp({ target });
    owner = await createTestUser(t.app);
    expect(
      (await apiAs(t.app, owner, "POST", "/projects", { name: "Sync", slug: "sync-proj" })).statusCode,
    ).toBe(201);
    const k = await apiAs(t.app, owner, "POST", "/projects/sync-proj/api-keys", {
      name: "git sync",
      scopes: ["prompts:read", "prompts:write", "registry:read"],
    });
    expect(k.statusCode).toBe(201);
    key = k.json().key;
    const create = async (body: object) => {
      const res = await apiAs(t.app, owner, "POST", "/projects/sync-proj/prompts", body);
      expect(res.statusCode, res.body).toBe(201);
      ids[res.json().name] = res.json().id;
    };
    await create({
      title: "Greeting",
      name: "support/greet",
      content: "Hello {{customer}}.",
      variables: [{ name: "customer", type: "string", required: true, description: "Who we answer" }],
      config: { model: "gpt-4o-mini", temperature: 0.2 },
    });
    await create({ title: "Tricky", name: "tricky", content: TRICKY });
    await create({
      title: "Triage",
      name: "support/triage",
      type: "chat",
      messages: [
        { role: "system", content: "You triage tickets.\n---\nBe brief.  " },
        { role: "user", content: "{{ticket}}" },
      ],
      variables: [{ name: "ticket", type: "string", required: true }],
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => t?.close());

  it("pulls one file per prompt, with folders as directories", async () => {
    const r = await cli("pull", "--project", "sync-proj", "--label", "latest", "--out", "prompts");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 written");
    const greet = parsePromptFile(readFileSync(fileOf("support/greet"), "utf8"));
    expect(greet).toMatchObject({
      project: "sync-proj",
      name: "support/greet",
      type: "text",
      version: 1,
      content: "Hello {{customer}}.",
      config: { model: "gpt-4o-mini", temperature: 0.2 },
    });
    expect(greet.labels).toContain("latest");
    expect(parsePromptFile(readFileSync(fileOf("tricky"), "utf8")).content).toBe(TRICKY);
    const triage = parsePromptFile(readFileSync(fileOf("support/triage"), "utf8"));
    expect(triage.messages?.[0]?.content).toBe("You triage tickets.\n---\nBe brief.  ");
    // nothing secret in the files
    for (const name of ["support/greet", "tricky", "support/triage"]) {
      expect(readFileSync(fileOf(name), "utf8")).not.toContain(KEY_CANARY_PREFIX);
    }
    // pulling again rewrites nothing
    expect(
      (await cli("pull", "--project", "sync-proj", "--label", "latest", "--out", "prompts")).stdout,
    ).toContain("0 written, 3 unchanged");
  });

  it("pushes nothing when no file changed", async () => {
    const before = readFileSync(fileOf("tricky"), "utf8");
    const r = await cli("push", "prompts");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 created, 0 updated, 3 unchanged, 0 refused");
    for (const name of ["support/greet", "tricky", "support/triage"])
      expect(await versions(name)).toHaveLength(1);
    expect(readFileSync(fileOf("tricky"), "utf8")).toBe(before);
  });

  it("makes exactly one version from one edited file, and then finds it unchanged", async () => {
    const path = fileOf("support/greet");
    writeFileSync(
      path,
      readFileSync(path, "utf8").replace("Hello {{customer}}.", "Hello {{customer}}, welcome back."),
    );
    const r = await cli("push", "prompts", "--message", "warmer greeting");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1 updated, 2 unchanged");
    const list = await versions("support/greet");
    expect(list.map((v) => v.version)).toEqual([2, 1]);
    expect(list[0]?.content).toBe("Hello {{customer}}, welcome back.");
    // variables and config were carried: the new version is what the file says
    const v2 = await apiAs(
      t.app,
      owner,
      "GET",
      `/projects/sync-proj/prompts/${ids["support/greet"]}/versions/2`,
    );
    expect(v2.json()).toMatchObject({ config: { model: "gpt-4o-mini", temperature: 0.2 } });
    expect(parsePromptFile(readFileSync(path, "utf8")).version).toBe(2);
    expect((await cli("push", "prompts")).stdout).toContain("0 updated, 3 unchanged");
    expect(await versions("support/greet")).toHaveLength(2);
  });

  it("refuses a file whose prompt moved on since it was pulled, and merges nothing", async () => {
    const path = fileOf("tricky");
    const moved = await apiAs(
      t.app,
      owner,
      "PATCH",
      `/projects/sync-proj/prompts/${ids.tricky}`,
      { content: `${TRICKY}Edited in the web app.` },
      { "if-match": '"1"' },
    );
    expect(moved.statusCode).toBe(200);
    const edited = readFileSync(path, "utf8").replace("Line one", "Line one, edited in git");
    writeFileSync(path, edited);
    const r = await cli("push", "prompts");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /refused prompts\/tricky\.prompt\.md: changed from v1, but tricky is at v2 now; pull again/,
    );
    expect(r.stdout).toContain("0 updated, 2 unchanged, 1 refused");
    const list = await versions("tricky");
    expect(list.map((v) => v.version)).toEqual([2, 1]);
    expect(list[0]?.content).toBe(`${TRICKY}Edited in the web app.`);
    expect(readFileSync(path, "utf8")).toBe(edited);
  });

  it("creates a prompt from a new file without a version", async () => {
    writeFileSync(
      join(out, "support", "farewell.prompt.md"),
      "---\nproject: sync-proj\nname: support/farewell\n---\nGoodbye {{customer}}.\n",
    );
    // the stale file is still refused; the rest go through
    const r = await cli("push", "prompts");
    expect(r.stdout).toMatch(/created prompts\/support\/farewell\.prompt\.md: support\/farewell v1/);
    const list = await apiAs(t.app, owner, "GET", "/projects/sync-proj/prompts?limit=100");
    const farewell = (list.json().items as { name: string; content: string }[]).find(
      (p) => p.name === "support/farewell",
    );
    expect(farewell?.content).toBe("Goodbye {{customer}}.");
    expect(parsePromptFile(readFileSync(join(out, "support", "farewell.prompt.md"), "utf8")).version).toBe(1);
  });

  it("checks every file before sending anything", async () => {
    writeFileSync(join(out, "broken.prompt.md"), "---\nname: Broken Name\n---\nx\n");
    const r = await cli("push", "prompts");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("prompts/broken.prompt.md: name must be lower-case");
    expect(r.stderr).toContain("nothing was sent");
  });

  it("pull overwrites files that hold nothing new, keeps one with changes not pushed, and --force overwrites it", async () => {
    rmSync(join(out, "broken.prompt.md"));
    const moved = await apiAs(
      t.app,
      owner,
      "PATCH",
      `/projects/sync-proj/prompts/${ids["support/greet"]}`,
      { content: "Hello {{customer}}, edited in the web app." },
      { "if-match": '"2"' },
    );
    expect(moved.statusCode).toBe(200);
    const edited = readFileSync(fileOf("tricky"), "utf8");
    const r = await cli("pull", "--project", "sync-proj", "--label", "latest", "--out", "prompts");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("kept prompts/tricky.prompt.md: changed since version 1 was pulled");
    expect(r.stdout).toContain("1 written, 2 unchanged, 1 with changes not pushed kept");
    expect(readFileSync(fileOf("tricky"), "utf8")).toBe(edited);
    expect(parsePromptFile(readFileSync(fileOf("support/greet"), "utf8"))).toMatchObject({
      version: 3,
      content: "Hello {{customer}}, edited in the web app.",
    });

    const forced = await cli(
      "pull",
      "--project",
      "sync-proj",
      "--label",
      "latest",
      "--out",
      "prompts",
      "--force",
    );
    expect(forced.code).toBe(0);
    expect(parsePromptFile(readFileSync(fileOf("tricky"), "utf8"))).toMatchObject({
      version: 2,
      content: `${TRICKY}Edited in the web app.`,
    });
    expect((await cli("push", "prompts")).stdout).toContain("0 created, 0 updated, 4 unchanged, 0 refused");
  });

  it("--dry-run says what would happen and sends nothing", async () => {
    const path = fileOf("support/greet");
    const before = readFileSync(path, "utf8");
    writeFileSync(path, before.replace("edited in the web app.", "edited in git."));
    const r = await cli("push", "prompts", "--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("support/greet v3 → v4 (dry run)");
    expect(r.stdout).toContain("(dry run: nothing sent)");
    expect(await versions("support/greet")).toHaveLength(3);
    writeFileSync(path, before);
  });

  it("--project places files that name no project", async () => {
    const other = join(dir, "elsewhere");
    mkdirSync(other);
    writeFileSync(
      join(other, "note.prompt.md"),
      "---\nname: notes/one\ntitle: First note\n---\nRemember {{thing}}.\n",
    );
    expect((await cli("push", "elsewhere")).stderr).toContain("names no project");
    const r = await cli("push", "elsewhere", "--project", "sync-proj");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("created elsewhere/note.prompt.md: notes/one v1");
    const list = await apiAs(t.app, owner, "GET", "/projects/sync-proj/prompts?limit=100");
    expect(
      (list.json().items as { name: string; title: string }[]).find((p) => p.name === "notes/one")?.title,
    ).toBe("First note");
    // the file stays without a project, with its version now
    const file = parsePromptFile(readFileSync(join(other, "note.prompt.md"), "utf8"));
    expect(file).toMatchObject({ name: "notes/one", version: 1, title: "First note" });
    expect(file.project).toBeUndefined();
    expect((await cli("push", "elsewhere", "--project", "sync-proj")).stdout).toContain("1 unchanged");
  });

  it("says what is missing: the project, the URL, the key; and a refused key", async () => {
    expect((await cli("pull", "--out", "x")).stderr).toContain("--project is needed");
    const noUrl = await run(["pull", "--project", "sync-proj"], {
      stdout: new Writable({ write: (_c, _e, cb) => cb() }),
      stderr: new Writable({
        write: (c, _e, cb) => {
          expect(String(c)).toContain("PROMPTFORGE_URL");
          cb();
        },
      }),
      cwd: dir,
      env: {},
    });
    expect(noUrl).toBe(2);
    const saved = key;
    key = "pf_not_a_real_key_0000000000000000";
    const refused = await cli("pull", "--project", "sync-proj");
    key = saved;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("refused the API key");
    expect(refused.stderr).not.toContain("pf_not_a_real_key");
  });
});
