// `promptforge eval`: the CI gate on what a prompt does. Starts an evaluation run on the server (the
// prompt by name at a label or version, a dataset by name or id, one or more targets), follows its
// progress on stderr, prints the summary there, writes a JUnit, SARIF or JSON report on stdout, and
// exits 0 when every target's pass rate reaches --min-pass-rate, 1 when one does not, 2 when the run
// could not happen (bad usage, the server unreachable or refusing, the run failed or was cancelled).
import { type CliIo, EXIT, oneOf, parseArgs, UsageError, write } from "./cli-io.js";
import { type EvalReport, type RunView, toJunit, toSarifReport } from "./eval-report.js";
import { CONNECTION, connection, promptsPath, type Server, seg } from "./server-client.js";

export const evalUsage = `Usage: promptforge eval --project P --prompt NAME --dataset D --target PROVIDER:MODEL[,…]
                       [--label L | --version N] [--min-pass-rate 0.9] [--repeat 1-5] [--concurrency N]
                       [--format text|junit|sarif|json] [--timeout SECONDS]

Runs prompt NAME of project P (at --label, default production, or at --version) over every item of
dataset D (its name or id) on each target (provider openai or gemini, e.g. openai:gpt-4o-mini), with
the prompt's declared assertions. Progress and the summary go to stderr; the report (--format, default
text) to stdout. Exit code 0 when every target's pass rate is at least --min-pass-rate (default 1),
1 when one is below it, 2 when the run could not happen. --timeout (default 3600) bounds the wait;
the run is cancelled when it runs out. The key needs evaluations:run and prompts:read.
${CONNECTION}`;

const FORMATS = ["text", "junit", "sarif", "json"] as const;
const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const TARGET = /^(openai|gemini):([A-Za-z0-9._:/-]{1,100})$/;
const PAGE = 100;

interface Target {
  provider: string;
  model: string;
}

function numberFlag(value: string | true | undefined, name: string, min: number, max: number, def: number) {
  if (value === undefined) return def;
  const n = Number(value);
  if (value === true || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

export function parseTargets(value: string | true | undefined): Target[] {
  if (typeof value !== "string") throw new UsageError("--target is needed, e.g. --target openai:gpt-4o-mini");
  const targets = value.split(",").map((t) => t.trim());
  if (targets.length > 4) throw new UsageError("--target takes at most 4 targets");
  return targets.map((t) => {
    const m = TARGET.exec(t);
    if (!m) throw new UsageError(`--target '${t}' must be PROVIDER:MODEL with provider openai or gemini`);
    return { provider: m[1] as string, model: m[2] as string };
  });
}

/** The prompt's id from its name: the listing is narrowed to the name's folder when it has one. */
async function promptIdOf(server: Server, project: string, name: string): Promise<string> {
  const folder = name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : null;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (folder) query.set("folder", folder);
    if (cursor) query.set("cursor", cursor);
    const page: { items: Array<{ id: string; name: string }>; next_cursor: string | null } =
      await server.expect(200, "GET", `${promptsPath(project)}?${query}`);
    const hit = page.items.find((p) => p.name === name);
    if (hit) return hit.id;
    cursor = page.next_cursor;
  } while (cursor);
  throw new UsageError(`project ${project} has no prompt named ${name}`);
}

/** The dataset's id from its name or id. */
async function datasetIdOf(server: Server, project: string, ref: string): Promise<string> {
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) query.set("cursor", cursor);
    const page: { items: Array<{ id: string; name: string }>; next_cursor?: string | null } =
      await server.expect(200, "GET", `/api/v1/projects/${seg(project)}/datasets?${query}`);
    const hit = page.items.find((d) => d.id === ref) ?? page.items.find((d) => d.name === ref);
    if (hit) return hit.id;
    cursor = page.next_cursor ?? null;
  } while (cursor);
  throw new UsageError(`project ${project} has no dataset named ${ref}`);
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "n/a" : `${(x * 100).toFixed(1)}%`;

/** The summary lines: one per target, with its pass rate, interval and whether it reached the bar. */
export function summaryLines(run: RunView, minPassRate: number): string[] {
  const lines = [`run ${run.id}: ${run.status}, ${run.progress.done}/${run.progress.total} results`];
  if (run.error) lines.push(`  error: ${run.error}`);
  for (const t of run.summary ?? []) {
    const ci = t.pass_rate_ci ? ` (95% CI ${pct(t.pass_rate_ci[0])}–${pct(t.pass_rate_ci[1])})` : "";
    const ok = t.pass_rate !== null && t.pass_rate >= minPassRate;
    lines.push(
      `  ${t.provider}:${t.model}: pass rate ${pct(t.pass_rate)}${ci}, ${t.passed} passed, ${t.failed} failed, ${t.errors} errors; ` +
        `p50 ${t.latency_p50_ms ?? "n/a"} ms, $${t.cost_usd.toFixed(4)} — ${ok ? "meets" : "below"} ${pct(minPassRate)}`,
    );
  }
  return lines;
}

/** Passed when the run completed and every target has a pass rate at or above the bar. */
export function meetsBar(run: RunView, minPassRate: number): boolean {
  const summary = run.summary ?? [];
  return (
    run.status === "completed" &&
    summary.length > 0 &&
    summary.every((t) => t.pass_rate !== null && t.pass_rate >= minPassRate)
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function evalCommand(args: string[], io: CliIo): Promise<number> {
  const { positional, flags } = parseArgs(
    args,
    ["help"],
    [
      "project",
      "prompt",
      "label",
      "version",
      "dataset",
      "target",
      "min-pass-rate",
      "repeat",
      "concurrency",
      "format",
      "timeout",
      "url",
      "api-key",
    ],
  );
  if (flags.help) {
    write(io.stdout, evalUsage);
    return EXIT.ok;
  }
  if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
  const project = flags.project;
  if (typeof project !== "string") throw new UsageError("--project is needed (the project's slug)");
  const name = flags.prompt;
  if (typeof name !== "string") throw new UsageError("--prompt is needed (the prompt's name)");
  const dataset = flags.dataset;
  if (typeof dataset !== "string") throw new UsageError("--dataset is needed (its name or id)");
  if (flags.label !== undefined && flags.version !== undefined)
    throw new UsageError("give --label or --version, not both");
  const version =
    flags.version === undefined ? undefined : numberFlag(flags.version, "version", 1, 1_000_000, 1);
  if (version !== undefined && !Number.isInteger(version))
    throw new UsageError("--version must be an integer");
  const label =
    typeof flags.label === "string" ? flags.label : version === undefined ? "production" : undefined;
  if (label !== undefined && !/^[a-z0-9._-]{1,40}$/.test(label))
    throw new UsageError("--label must be a label name such as production");
  const targets = parseTargets(flags.target);
  const minPassRate = numberFlag(flags["min-pass-rate"], "min-pass-rate", 0, 1, 1);
  const repeat = numberFlag(flags.repeat, "repeat", 1, 5, 1);
  const concurrency = numberFlag(flags.concurrency, "concurrency", 1, 32, 4);
  const timeoutMs = numberFlag(flags.timeout, "timeout", 1, 86_400, 3600) * 1000;
  const format = oneOf(flags.format, FORMATS, "format", "text");
  const server = connection(flags, io);

  const promptId = await promptIdOf(server, project, name);
  const datasetId = await datasetIdOf(server, project, dataset);
  const started: RunView = await server.expect(
    202,
    "POST",
    `${promptsPath(project)}/${seg(promptId)}/evaluations`,
    {
      ...(version === undefined ? { label } : { version }),
      dataset_id: datasetId,
      targets: targets.map((t) => ({ ...t, params: {} })),
      repeat,
      concurrency,
    },
  );
  const runPath = `/api/v1/projects/${seg(project)}/evaluations/${seg(started.id)}`;
  write(
    io.stderr,
    `started run ${started.id} of ${name} v${started.version} on ${started.progress.total} results`,
  );

  const tty = io.stderr.isTTY === true;
  const deadline = Date.now() + timeoutMs;
  let run = started;
  let lastShown = -1;
  while (!TERMINAL.has(run.status)) {
    if (Date.now() > deadline) {
      await server.call("DELETE", runPath);
      if (tty) io.stderr.write("\n");
      write(io.stderr, `run ${run.id} did not finish in ${timeoutMs / 1000} s: cancelled`);
      return EXIT.usage;
    }
    await sleep(run.progress.done === 0 ? 200 : 500);
    run = await server.expect(200, "GET", `${runPath}?results=false`);
    if (tty) io.stderr.write(`\r${bar(run.progress.done, run.progress.total)}`);
    else {
      // Without a terminal, a line at each tenth of the way, so CI logs show it moving.
      const tenth = run.progress.total ? Math.floor((10 * run.progress.done) / run.progress.total) : 0;
      if (tenth !== lastShown && !TERMINAL.has(run.status)) {
        write(io.stderr, `progress ${run.progress.done}/${run.progress.total}`);
        lastShown = tenth;
      }
    }
  }
  if (tty) io.stderr.write("\n");
  // Results come in pages (at most 500 each): read them all for the report.
  const full: RunView = await server.expect(200, "GET", `${runPath}?results=true&limit=500`);
  for (let cursor = full.next_cursor; cursor; ) {
    const page: RunView = await server.expect(
      200,
      "GET",
      `${runPath}?results=true&limit=500&cursor=${encodeURIComponent(cursor)}`,
    );
    full.results = [...(full.results ?? []), ...(page.results ?? [])];
    cursor = page.next_cursor;
  }
  for (const line of summaryLines(full, minPassRate)) write(io.stderr, line);

  const report: EvalReport = {
    project,
    prompt: name,
    run: full,
    minPassRate,
    passed: meetsBar(full, minPassRate),
  };
  if (format === "junit") write(io.stdout, toJunit(report));
  else if (format === "sarif") write(io.stdout, JSON.stringify(toSarifReport(report), null, 2));
  else if (format === "json") write(io.stdout, JSON.stringify({ ...report, run: full }, null, 2));
  else write(io.stdout, report.passed ? "passed" : full.status === "completed" ? "failed" : full.status);

  if (full.status !== "completed") {
    write(io.stderr, `the run ${full.status}${full.error ? `: ${full.error}` : ""}`);
    return EXIT.usage;
  }
  return report.passed ? EXIT.ok : EXIT.failed;
}
