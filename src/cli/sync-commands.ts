// `promptforge pull` and `promptforge push`: keep a project's prompts in files under version control.
// pull writes one file per prompt at a label (prompt-files.ts has the format); push turns each changed
// file into a new version made from the version the file was pulled at, and refuses a file whose
// prompt has moved on since (a stale file is never merged). Unchanged files make no request that writes.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { type CliIo, EXIT, parseArgs, UsageError, write } from "./cli-io.js";
import {
  formatPromptFile,
  isPromptName,
  PROMPT_FILE_SUFFIX,
  type PromptFileData,
  PromptFileError,
  parsePromptFile,
  promptFilePath,
} from "./prompt-files.js";
import {
  CONNECTION,
  connection,
  describe,
  promptsPath,
  registryPath,
  type Server,
  seg,
} from "./server-client.js";

export const pullUsage = `Usage: promptforge pull --project P [--label production] [--out prompts/] [--force]

Writes one file per prompt of project P at the label (default production; latest = newest versions)
into the folder, as <name>${PROMPT_FILE_SUFFIX} (folders in the name become directories). Prompts
without that label are skipped. A file with changes not pushed yet is left as it is (--force
overwrites it). The key needs prompts:read and registry:read.
${CONNECTION}`;

export const pushUsage = `Usage: promptforge push [PATH...] [--project P] [--message TEXT] [--dry-run]

Reads every *${PROMPT_FILE_SUFFIX} file under the paths (default: prompts/) and makes a new version of
each prompt whose file changed since it was pulled. A file pulled at a version that is no longer the
prompt's newest is refused: pull again and reapply the change. A file without a version creates a new
prompt. --project is for files that do not name one. The key needs prompts:read and prompts:write
(and registry:read to refresh the files afterwards).
${CONNECTION}`;

const PAGE = 100;

interface ListedPrompt {
  id: string;
  name: string;
  version: number;
}

/** Every prompt of the project (id, name, current version), page by page. */
async function listPrompts(server: Server, project: string): Promise<ListedPrompt[]> {
  const all: ListedPrompt[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE), sort: "created", order: "asc" });
    if (cursor) query.set("cursor", cursor);
    const page: { items: ListedPrompt[]; next_cursor: string | null } = await server.expect(
      200,
      "GET",
      `${promptsPath(project)}?${query}`,
    );
    all.push(...page.items.map((p) => ({ id: p.id, name: p.name, version: p.version })));
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

/** What the registry answers for one prompt version, in the file's terms. */
function fromRegistry(project: string, body: Record<string, unknown>): PromptFileData {
  const data: PromptFileData = {
    project,
    name: String(body.name),
    type: body.type === "chat" ? "chat" : "text",
    version: Number(body.version),
    labels: Array.isArray(body.labels) ? (body.labels as string[]) : [],
    variables: Array.isArray(body.variables) ? body.variables : [],
    config: (body.config as Record<string, unknown> | null) ?? {},
  };
  if (data.type === "chat") data.messages = (body.messages as PromptFileData["messages"]) ?? [];
  else data.content = String(body.content ?? "");
  return data;
}

/** Replaces `path` in one step: a reader (or git) never sees half a file. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(tmp, text, "utf8");
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function pullCommand(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(
    args,
    ["help", "force"],
    ["project", "label", "out", "url", "api-key"],
  );
  if (flags.help) {
    write(io.stdout, pullUsage);
    return EXIT.ok;
  }
  if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}' (the folder is --out)`);
  const project = flags.project;
  if (typeof project !== "string") throw new UsageError("--project is needed (the project's slug)");
  const label = typeof flags.label === "string" ? flags.label : "production";
  if (!/^[a-z0-9._-]{1,40}$/.test(label))
    throw new UsageError("--label must be a label name such as production");
  const out = resolve(io.cwd, typeof flags.out === "string" ? flags.out : "prompts");
  const server = connection(flags, io);

  const prompts = await listPrompts(server, project);
  let written = 0;
  let unchanged = 0;
  const skipped: string[] = [];
  const kept: string[] = [];
  for (const p of prompts) {
    if (!isPromptName(p.name))
      throw new UsageError(`the server sent a prompt name that cannot be a path: ${p.name}`);
    const reply = await server.call("GET", `${registryPath(project, p.name)}?label=${seg(label)}`);
    if (reply.status === 404) {
      skipped.push(p.name);
      continue;
    }
    if (reply.status !== 200) throw new UsageError(`fetching ${p.name}@${label}: ${describe(reply)}`);
    const file = join(out, ...promptFilePath(p.name).split("/"));
    const text = formatPromptFile(fromRegistry(project, reply.body as Record<string, unknown>));
    const existing = readOrNull(file);
    if (existing === text) {
      unchanged++;
      continue;
    }
    if (existing !== null && flags.force !== true) {
      const edits = await localEdits(server, project, existing);
      if (edits) {
        kept.push(`${displayPath(io, file)}: ${edits}`);
        continue;
      }
    }
    writeAtomically(file, text);
    written++;
    write(io.stdout, `wrote ${displayPath(io, file)}`);
  }
  for (const k of kept) write(io.stderr, `kept ${k}; push it, or pull --force to overwrite it`);
  const notes = [`${written} written`, `${unchanged} unchanged`];
  if (kept.length) notes.push(`${kept.length} with changes not pushed kept`);
  if (skipped.length) notes.push(`${skipped.length} without label ${label} skipped`);
  write(
    io.stdout,
    `${prompts.length - skipped.length} prompt(s) at ${label} in ${displayPath(io, out)}: ${notes.join(", ")}`,
  );
  return kept.length > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * Why overwriting a local file would lose work: it differs from the version it was pulled at (or
 * cannot be read as a prompt file at all). Null when it holds nothing that is not on the server.
 */
async function localEdits(server: Server, project: string, text: string): Promise<string | null> {
  let local: PromptFileData;
  try {
    local = parsePromptFile(text);
  } catch (e) {
    return `not a prompt file PromptForge can read (${(e as Error).message})`;
  }
  if (local.version === undefined) return "a new prompt not pushed yet";
  const base = await server.call(
    "GET",
    `${registryPath(local.project ?? project, local.name)}?version=${local.version}`,
  );
  if (base.status !== 200) return `its version ${local.version} cannot be read (${describe(base)})`;
  const pulled = fromRegistry(project, base.body as Record<string, unknown>);
  return essence(versionBody(pulled)) === essence(versionBody(local))
    ? null
    : `changed since version ${local.version} was pulled`;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function displayPath(io: CliIo, path: string): string {
  return relative(io.cwd, path).split(sep).join("/") || path;
}

/** Every prompt file under the paths given (files are taken as they are). */
function promptFiles(paths: string[], io: CliIo): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith(".")) walk(p);
      else if (entry.isFile() && entry.name.endsWith(PROMPT_FILE_SUFFIX)) found.push(p);
    }
  };
  for (const raw of paths) {
    const abs = resolve(io.cwd, raw);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      throw new UsageError(`cannot read ${raw}`);
    }
    if (isDir) walk(abs);
    else found.push(abs);
  }
  return [...new Set(found)].sort();
}

/** The parts of a version that push compares and sends. */
interface VersionParts {
  type: string;
  content?: string | null;
  messages?: unknown;
  variables?: unknown;
  config?: unknown;
}

/** The parts in a form where equal means the same version. */
function essence(p: VersionParts): string {
  return canonicalJson({
    type: p.type,
    body: p.type === "chat" ? (p.messages ?? []) : (p.content ?? ""),
    variables: p.variables ?? [],
    config: p.config ?? {},
  });
}

/** JSON with object keys sorted, so key order in a file does not count as a change. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The body of a create or edit: the version's type, text or messages, variables and config. */
function versionBody(f: PromptFileData): VersionParts {
  return {
    type: f.type,
    ...(f.type === "chat" ? { messages: f.messages } : { content: f.content }),
    variables: f.variables,
    config: f.config,
  };
}

type Outcome = "created" | "updated" | "unchanged" | "refused";

export async function pushCommand(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(
    args,
    ["help", "dry-run"],
    ["project", "message", "url", "api-key"],
  );
  if (flags.help) {
    write(io.stdout, pushUsage);
    return EXIT.ok;
  }
  const dryRun = flags["dry-run"] === true;
  const note = typeof flags.message === "string" ? flags.message : "promptforge push";
  const paths = promptFiles(positional.length ? positional : ["prompts"], io);
  if (paths.length === 0)
    throw new UsageError(`no *${PROMPT_FILE_SUFFIX} files under ${positional.join(", ") || "prompts"}`);

  // Every file is read and checked before anything is sent: a typo in one file pushes nothing.
  const files: { path: string; data: PromptFileData; project: string }[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const path of paths) {
    const shown = displayPath(io, path);
    try {
      const data = parsePromptFile(readFileSync(path, "utf8"));
      const project = typeof flags.project === "string" ? flags.project : data.project;
      if (!project) throw new PromptFileError("names no project: add project: <slug> or pass --project");
      const key = `${project}\n${data.name}`;
      const other = seen.get(key);
      if (other) throw new PromptFileError(`is prompt ${data.name} again (already in ${other})`);
      seen.set(key, shown);
      files.push({ path, data, project });
    } catch (e) {
      problems.push(
        `${shown}: ${e instanceof PromptFileError ? e.message : `cannot read (${(e as Error).message})`}`,
      );
    }
  }
  if (problems.length) {
    for (const p of problems) write(io.stderr, p);
    throw new UsageError(`${problems.length} file(s) cannot be pushed; nothing was sent`);
  }

  const server = connection(flags, io);
  const listed = new Map<string, Map<string, ListedPrompt>>();
  const counts: Record<Outcome, number> = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const { path, data, project } of files) {
    if (!listed.has(project)) {
      listed.set(project, new Map((await listPrompts(server, project)).map((p) => [p.name, p])));
    }
    const onServer = listed.get(project)?.get(data.name);
    const shown = displayPath(io, path);
    const say = (outcome: Outcome, text: string) => {
      counts[outcome]++;
      write(
        outcome === "refused" ? io.stderr : io.stdout,
        `${outcome === "refused" ? "refused" : outcome} ${shown}: ${text}`,
      );
    };

    if (!onServer) {
      if (data.version !== undefined) {
        say(
          "refused",
          `${data.name} (version ${data.version} in the file) is not in project ${project} any more`,
        );
        continue;
      }
      if (dryRun) {
        say("created", `${data.name} would be created (dry run)`);
        continue;
      }
      const created = await server.call("POST", promptsPath(project), {
        title: data.title ?? data.name,
        name: data.name,
        ...versionBody(data),
        change_note: note,
      });
      if (created.status !== 201) {
        say("refused", `creating ${data.name}: ${describe(created)}`);
        continue;
      }
      const prompt = created.body as ListedPrompt;
      await refreshFile(server, project, path, data, prompt.version);
      say("created", `${data.name} v${prompt.version}`);
      continue;
    }
    if (data.version === undefined) {
      say("refused", `${data.name} exists in project ${project} already; pull it, then edit the pulled file`);
      continue;
    }
    const base = await server.call(
      "GET",
      `${promptsPath(project)}/${seg(onServer.id)}/versions/${data.version}`,
    );
    if (base.status !== 200) {
      say("refused", `reading ${data.name} v${data.version}: ${describe(base)}`);
      continue;
    }
    if (essence(base.body as VersionParts) === essence(versionBody(data))) {
      counts.unchanged++;
      continue;
    }
    if (onServer.version !== data.version) {
      say(
        "refused",
        `changed from v${data.version}, but ${data.name} is at v${onServer.version} now; pull again and reapply your change (nothing merged)`,
      );
      continue;
    }
    if (dryRun) {
      say("updated", `${data.name} v${data.version} → v${data.version + 1} (dry run)`);
      continue;
    }
    const edited = await server.call("PATCH", `${promptsPath(project)}/${seg(onServer.id)}`, {
      ...versionBody(data),
      change_note: note,
      base_version: data.version,
    });
    if (edited.status === 409) {
      say(
        "refused",
        `${data.name} changed on the server while pushing (${describe(edited)}); pull again and reapply`,
      );
      continue;
    }
    if (edited.status !== 200) {
      say("refused", `${data.name}: ${describe(edited)}`);
      continue;
    }
    const version = (edited.body as ListedPrompt).version;
    await refreshFile(server, project, path, data, version);
    say("updated", `${data.name} v${data.version} → v${version}`);
  }
  write(
    io.stdout,
    `${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.refused} refused${dryRun ? " (dry run: nothing sent)" : ""}`,
  );
  return counts.refused > 0 ? EXIT.failed : EXIT.ok;
}

/**
 * Rewrites a pushed file as pull would write the new version, so that the next push finds it
 * unchanged and the base version is the new one. Without registry:read the file keeps its content and
 * gets the new version number.
 */
async function refreshFile(
  server: Server,
  project: string,
  path: string,
  data: PromptFileData,
  version: number,
): Promise<void> {
  const reply = await server.call("GET", `${registryPath(project, data.name)}?version=${version}`);
  const fresh =
    reply.status === 200
      ? fromRegistry(data.project ?? project, reply.body as Record<string, unknown>)
      : { ...data, version, labels: [] };
  if (data.project === undefined) delete fresh.project;
  if (data.title !== undefined) fresh.title = data.title;
  writeAtomically(path, formatPromptFile(fresh));
}
