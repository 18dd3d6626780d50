// The evaluation worker: takes items from the queue (evaluation-queue.ts) while it has free slots
// (EVALUATION_WORKER_CONCURRENCY), claims each one's result row (a token and a lease; the run's own
// concurrency is checked in the same transaction), renders the prompt version with the item's variables
// through the shared renderer, generates with the target's provider, checks the run's assertions (the
// judge through the configured judge provider), and records the result while its claim still holds.
// Each settled item bumps the run's progress; the summary follows as results arrive, and the item that
// settles the last row ends the run. Cancelling aborts this instance's items of the run at once; other
// instances' late writes are dropped (their claims were taken away). Stopping stops taking items, gives
// those in flight EVALUATION_DRAIN_SECONDS to finish, then aborts them and gives their rows back.
import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { Logger } from "pino";
import {
  checkVariables,
  parseTemplate,
  render,
  renderMessages,
  type VariableSpec,
} from "../../../packages/sdk/src/render.js";
import type { Config } from "../../config.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { LlmCallError } from "../analysis/providers/llm-errors.js";
import type { GenerateMessage } from "../analysis/providers/llm-transport.js";
import type { RegistryService } from "../registry/registry-service.js";
import type { Assertion } from "./assertion-schemas.js";
import {
  type AssertionContext,
  effectiveAssertions,
  evaluateAssertions,
  itemPassed,
  judgeScoreOf,
  type Verdict,
} from "./assertions.js";
import type { ItemOutcome, ItemSource, QueuedItem } from "./evaluation-queue.js";
import { type ResultRow, summarize } from "./evaluation-stats.js";
import type { Target, TextGenerator } from "./evaluation-targets.js";
import type { EvaluationsRepository, ResultFields, RunRow } from "./evaluations-repository.js";
import { createJudge, renderJudgePrompt } from "./judge.js";

/** The `result` label of evaluation_items_total. */
export const ITEM_RESULTS = ["passed", "failed", "error"] as const;
/** The `result` label of evaluation_runs_total. */
export const RUN_RESULTS = ["completed", "failed", "cancelled"] as const;
/** An instance's claim outlives the item's time limit by this much before another may take the row. */
export const LEASE_MARGIN_MS = 30_000;
/** The summary of a running run is rewritten at most this often per instance (always when it ends). */
const SUMMARY_EVERY_MS = 500;
/** How often the poll looks for active runs left with every row settled (endStrandedRuns). */
const SWEEP_EVERY_MS = 2_000;
/** Runs whose rendering context one instance keeps in memory. */
const CONTEXT_CACHE = 100;
/** Longest stored output and rendered prompt, in characters. */
export const MAX_STORED_TEXT = 100_000;

type WorkerConfig = Pick<
  Config,
  | "EVALUATION_WORKER_ENABLED"
  | "EVALUATION_WORKER_CONCURRENCY"
  | "EVALUATION_POLL_INTERVAL_MS"
  | "EVALUATION_ITEM_TIMEOUT_SECONDS"
  | "EVALUATION_DRAIN_SECONDS"
>;

export interface EvaluationWorkerDeps {
  repo: EvaluationsRepository;
  source: ItemSource;
  generator: Pick<TextGenerator, "generateText" | "judgeTarget">;
  registry: Pick<RegistryService, "fetch">;
  clock: () => number;
  metrics: Pick<Metrics, "evaluationItemsTotal" | "evaluationRunsTotal">;
  logger: Pick<Logger, "info" | "warn" | "error">;
  config: WorkerConfig;
}

export type EvaluationWorker = ReturnType<typeof createEvaluationWorker>;

/** What rendering a run's items needs, loaded once per run and instance. */
interface RunContext {
  run: RunRow;
  targets: Target[];
  assertions: Assertion[];
  type: "text" | "chat";
  content: string;
  messages: { role: string; content: string }[];
  variables: UsedVariable[];
  responseFormatSchema?: object;
  /** Judge prompts' sources by their name@label reference. */
  judgePrompts: Map<string, string>;
}

class ItemError extends Error {}
/** The reason an item's signal carries when its time limit passed. */
class ItemTimeout extends Error {}

const clip = (s: string) => (s.length > MAX_STORED_TEXT ? s.slice(0, MAX_STORED_TEXT) : s);

function responseSchemaOf(config: Record<string, unknown>): object | undefined {
  const rf = config.response_format as { json_schema?: unknown } | undefined;
  const js = rf?.json_schema;
  if (!js || typeof js !== "object") return undefined;
  const inner = (js as { schema?: unknown }).schema;
  return inner && typeof inner === "object" ? inner : js;
}

/**
 * The variables a version renders with: its declared ones, or (a version declaring none) each name its
 * template reads, as the registry's compile checks them: required at the top level, optional in sections.
 */
/** A variable a run renders with; `undeclared` when the content uses it without declaring it. */
type UsedVariable = VariableSpec & { undeclared?: boolean };

function specsOf(declared: VariableSpec[], sources: string[]): UsedVariable[] {
  if (declared.length) {
    // Names the content uses without declaring them are allowed by the registry and treated as strings:
    // a dataset column of that name fills them (optional, so a missing one renders blank as before).
    const specs = new Map<string, UsedVariable>(declared.map((v) => [v.name, v]));
    for (const src of sources) {
      const parsed = parseTemplate(src);
      for (const name of [...parsed.variables, ...parsed.nestedNames])
        if (!specs.has(name)) specs.set(name, { name, type: "string", required: false, undeclared: true });
    }
    return [...specs.values()];
  }
  const specs = new Map<string, VariableSpec>();
  for (const src of sources) {
    const parsed = parseTemplate(src);
    for (const name of parsed.variables)
      if (!specs.has(name)) specs.set(name, { name, type: "json", required: true });
    for (const name of parsed.nestedNames)
      if (!specs.has(name)) specs.set(name, { name, type: "json", required: false });
  }
  return [...specs.values()];
}

function asChatMessages(messages: { role: string; content: string }[]): GenerateMessage[] {
  return messages.map((m) => ({
    role: m.role === "system" || m.role === "assistant" ? m.role : "user",
    content: m.content,
  }));
}

export function createEvaluationWorker(deps: EvaluationWorkerDeps) {
  const { repo, source, generator, clock, metrics, logger, config } = deps;
  const itemTimeoutMs = config.EVALUATION_ITEM_TIMEOUT_SECONDS * 1000;
  const leaseMs = itemTimeoutMs + LEASE_MARGIN_MS;
  const stopping = new AbortController();
  /** Aborts items in flight (after the drain). */
  const hardStop = new AbortController();
  const inFlight = new Map<string, { runId: string; abort: AbortController; done: Promise<void> }>();
  const contexts = new Map<string, Promise<RunContext>>();
  const summaryAt = new Map<string, number>();
  let loop: Promise<void> | undefined;
  let started = false;
  let wake: (() => void) | undefined;
  let sweptAt = 0;

  /** Wakes the loop now (a new run, a finished item) instead of at the next poll. */
  function notify(): void {
    wake?.();
  }

  async function loadContext(run: RunRow): Promise<RunContext> {
    const subject = await repo.findRunSubject(run.project_id, run.prompt_id);
    if (!subject) throw new ItemError("The prompt of this run no longer exists");
    const caller = {
      user: { id: run.created_by ?? "", username: "", role: "user" as const, via: "token" as const },
    };
    // The version as the registry serves it, includes inlined: items render exactly as a compile would.
    const fetched = await deps.registry
      .fetch(caller, run.project_id, subject.prompt_name, { version: run.version, resolve: true })
      .catch((e: unknown) => {
        throw new ItemError(
          `Could not load version ${run.version} of the prompt as the run's creator: ${e instanceof Error ? e.message : String(e)}`,
        );
      });
    const assertions = JSON.parse(run.assertions) as Assertion[];
    const judgePrompts = new Map<string, string>();
    for (const a of assertions) {
      if (a.type !== "judge" || !a.judge_prompt || judgePrompts.has(a.judge_prompt)) continue;
      const at = a.judge_prompt.lastIndexOf("@");
      const judge = await deps.registry
        .fetch(caller, run.project_id, a.judge_prompt.slice(0, at), {
          label: a.judge_prompt.slice(at + 1),
          resolve: true,
        })
        .catch((e: unknown) => {
          throw new ItemError(
            `Could not load the judge prompt ${a.judge_prompt}: ${e instanceof Error ? e.message : String(e)}`,
          );
        });
      judgePrompts.set(
        a.judge_prompt,
        judge.type === "chat"
          ? (judge.messages ?? []).map((m) => m.content).join("\n\n")
          : (judge.content ?? ""),
      );
    }
    return {
      run,
      targets: JSON.parse(run.targets) as Target[],
      assertions,
      type: fetched.type,
      content: fetched.content ?? "",
      messages: fetched.messages ?? [],
      variables: specsOf(
        fetched.variables,
        fetched.type === "chat" ? (fetched.messages ?? []).map((m) => m.content) : [fetched.content ?? ""],
      ),
      responseFormatSchema: responseSchemaOf(fetched.config),
      judgePrompts,
    };
  }

  function contextOf(run: RunRow): Promise<RunContext> {
    let ctx = contexts.get(run.id);
    if (!ctx) {
      ctx = loadContext(run);
      // A failed load is not kept: the next item tries again (the cause may be passing).
      ctx.catch(() => contexts.delete(run.id));
      contexts.set(run.id, ctx);
      if (contexts.size > CONTEXT_CACHE) contexts.delete(contexts.keys().next().value as string);
    }
    return ctx;
  }

  /** The prompt rendered with an item's variables (only those the prompt declares or its content uses). */
  function renderItem(
    ctx: RunContext,
    given: Record<string, unknown>,
  ): { text: string; input: string | GenerateMessage[] } {
    const specs = new Map(ctx.variables.map((v) => [v.name, v]));
    const picked = Object.fromEntries(
      Object.entries(given)
        .filter(([k]) => specs.has(k))
        // An undeclared name is a string: a dataset's number or object is passed as its JSON text.
        .map(([k, v]) => [
          k,
          (specs.get(k) as UsedVariable).undeclared && typeof v !== "string" ? JSON.stringify(v) : v,
        ]),
    );
    const { values, issues } = checkVariables(ctx.variables, picked);
    if (issues.length)
      throw new ItemError(
        `The item's variables do not fit the prompt: ${issues.map((i) => `${i.variable ?? "?"} ${i.message}`).join("; ")}`,
      );
    try {
      if (ctx.type === "chat") {
        const messages = asChatMessages(renderMessages(ctx.messages, values));
        return { text: JSON.stringify(messages), input: messages };
      }
      const text = render(ctx.content, values);
      return { text, input: text };
    } catch (e) {
      throw new ItemError(`Could not render the prompt: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  function judgeFor(
    ctx: RunContext,
    a: Assertion,
    item: { input: string; expected: string | null; output: string },
  ) {
    const target = generator.judgeTarget();
    if (!target) return null;
    const source = a.judge_prompt ? ctx.judgePrompts.get(a.judge_prompt) : undefined;
    const system =
      source === undefined
        ? undefined
        : renderJudgePrompt(
            source,
            { rubric: a.rubric ?? "", input: item.input, output: item.output, expected: item.expected },
            render,
          );
    return createJudge(
      async (sys, user, signal) =>
        (
          await generator.generateText(
            target,
            [
              { role: "system", content: sys },
              { role: "user", content: user },
            ],
            signal,
            "judge",
          )
        ).text,
      system === undefined ? undefined : { system },
    );
  }

  async function checkOutput(
    ctx: RunContext,
    actx: AssertionContext,
    assertions: Assertion[],
    signal: AbortSignal,
  ): Promise<Verdict[]> {
    const verdicts: Verdict[] = [];
    // One assertion at a time: each judge assertion may name its own judge prompt.
    for (const a of assertions) {
      const judge =
        a.type === "judge"
          ? judgeFor(ctx, a, { input: actx.rendered, expected: actx.expected, output: actx.output })
          : null;
      if (a.type === "judge" && !judge)
        throw new ItemError("A judge assertion needs a judge provider: none is configured on this instance");
      verdicts.push(...(await evaluateAssertions([a], actx, judge, signal)));
    }
    return verdicts;
  }

  /** Runs the claimed item to a recorded outcome (or gives it back on shutdown). */
  async function execute(
    runId: string,
    row: { id: string; item_revision_id: string; target_index: number },
    run: RunRow,
    claim: string,
    signal: AbortSignal,
  ): Promise<ItemOutcome> {
    const started = performance.now();
    // The result and the run's counter are written together: a failure between them cannot leave a
    // settled row uncounted. What follows (summary, end of run) is outside the item's error handling:
    // its failure must not be turned into a second result of an item already settled.
    const finish = async (fields: ResultFields): Promise<ItemOutcome> => {
      const counts = await repo.transaction(async (tx) => {
        await tx.lockRun(runId);
        return (await tx.recordResult(row.id, claim, fields)) ? tx.incrementDone(runId) : null;
      });
      if (!counts) return { kind: "done" };
      metrics.evaluationItemsTotal.labels(fields.status).inc();
      try {
        await afterSettled(runId, counts);
      } catch (err) {
        // The poll's sweep ends a run whose last item got here (endStrandedRuns).
        logger.warn({ err, run_id: runId }, "Could not update the run after an item settled");
      }
      return { kind: "done" };
    };
    let fields: ResultFields;
    const base = {
      rendered: null as string | null,
      output: null as string | null,
      verdicts: null as string | null,
      judge_score: null as number | null,
      latency_ms: null as number | null,
      input_tokens: null as number | null,
      output_tokens: null as number | null,
      cost_usd: null as number | null,
    };
    try {
      if (run.status === "queued") await repo.markRunStarted(runId, iso(clock()));
      const ctx = await contextOf(run);
      const item = await repo.findItemRevision(row.item_revision_id);
      if (!item) throw new ItemError("The dataset item no longer exists");
      const target = ctx.targets[row.target_index];
      if (!target) throw new ItemError(`The run has no target ${row.target_index}`);
      const variables = JSON.parse(item.variables) as Record<string, unknown>;
      const rendered = renderItem(ctx, variables);
      base.rendered = clip(rendered.text);
      const gen = await generator.generateText(target, rendered.input, signal);
      Object.assign(base, {
        output: clip(gen.text),
        latency_ms: gen.latencyMs,
        input_tokens: gen.usage.promptTokens,
        output_tokens: gen.usage.completionTokens,
        cost_usd: gen.costUsd,
      });
      const assertions = effectiveAssertions(ctx.assertions, item.expected !== null);
      const verdicts = await checkOutput(
        ctx,
        {
          output: gen.text,
          expected: item.expected,
          latencyMs: gen.latencyMs,
          costUsd: gen.costUsd,
          rendered: rendered.text,
          ...(ctx.responseFormatSchema ? { responseFormatSchema: ctx.responseFormatSchema } : {}),
        },
        assertions,
        signal,
      );
      fields = {
        ...base,
        status: itemPassed(verdicts) ? "passed" : "failed",
        verdicts: JSON.stringify(verdicts),
        judge_score: judgeScoreOf(verdicts),
        error: null,
        finished_at: iso(clock()),
      };
    } catch (e) {
      if (hardStop.signal.aborted) {
        await repo.releaseClaim(row.id, claim);
        return { kind: "released" };
      }
      if (signal.aborted && !(signal.reason instanceof ItemTimeout)) return { kind: "done" }; // cancelled
      const message =
        signal.reason instanceof ItemTimeout
          ? `The item took longer than ${config.EVALUATION_ITEM_TIMEOUT_SECONDS} s`
          : e instanceof ItemError
            ? e.message
            : e instanceof LlmCallError
              ? `${e.type}: ${e.message}`
              : `Unexpected error: ${e instanceof Error ? e.message : String(e)}`;
      if (!(e instanceof ItemError) && !(e instanceof LlmCallError) && !signal.aborted)
        logger.error({ err: e, run_id: runId, result_id: row.id }, "Evaluation item failed unexpectedly");
      fields = {
        ...base,
        latency_ms: base.latency_ms ?? Math.round(performance.now() - started),
        status: "error",
        error: message.slice(0, 2000),
        finished_at: iso(clock()),
      };
    }
    return finish(fields);
  }

  function statRow(r: Awaited<ReturnType<typeof repo.statRows>>[number]): ResultRow {
    return {
      itemId: r.item_id,
      targetIndex: Number(r.target_index),
      repeatIndex: Number(r.repeat_index),
      status: r.status,
      judgeScore: r.judge_score === null ? null : Number(r.judge_score),
      latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
      inputTokens: r.input_tokens === null ? null : Number(r.input_tokens),
      outputTokens: r.output_tokens === null ? null : Number(r.output_tokens),
      costUsd: r.cost_usd === null ? null : Number(r.cost_usd),
    };
  }

  /** The summary as results arrive, and the end of the run with its last item. */
  async function afterSettled(runId: string, counts: { done: number; total: number }): Promise<void> {
    const last = counts.done >= counts.total;
    const now = clock();
    if (!last && now - (summaryAt.get(runId) ?? 0) < SUMMARY_EVERY_MS) return;
    summaryAt.set(runId, now);
    const run = await repo.findRunById(runId);
    if (!run) return;
    const rows = await repo.statRows(runId);
    const summary = JSON.stringify(summarize(JSON.parse(run.targets) as Target[], rows.map(statRow)));
    if (!last) {
      await repo.writeSummary(runId, summary);
      return;
    }
    await endRun(run, rows, summary);
  }

  /** Ends a run whose rows are all settled: completed, or failed when nothing could be evaluated. */
  async function endRun(
    run: RunRow,
    rows: Awaited<ReturnType<typeof repo.statRows>>,
    summary: string,
  ): Promise<void> {
    summaryAt.delete(run.id);
    contexts.delete(run.id);
    // Nothing could be evaluated at all: the run failed (its error is the first item's).
    const allErrors = rows.every((r) => r.status === "error");
    const status = allErrors ? "failed" : "completed";
    const error = allErrors ? (rows.find((r) => r.error)?.error ?? "Every item failed") : null;
    if (await repo.finishRun(run.id, { status, summary, error, finished_at: iso(clock()) })) {
      metrics.evaluationRunsTotal.labels(status).inc();
      logger.info({ run_id: run.id, status, total: Number(run.total) }, "Evaluation run finished");
    }
  }

  /**
   * Active runs with no pending or running row left are ended here: their last item's post-settle work
   * failed (or its instance died after settling). Their counter is recomputed from the settled rows.
   */
  async function endStrandedRuns(): Promise<void> {
    for (const runId of await repo.strandedRunIds()) {
      await repo.recountDone(runId);
      const run = await repo.findRunById(runId);
      if (!run) continue;
      const rows = await repo.statRows(runId);
      const summary = JSON.stringify(summarize(JSON.parse(run.targets) as Target[], rows.map(statRow)));
      await endRun(run, rows, summary);
    }
  }

  /** Claims and runs one queued item; the outcome goes back to the source. */
  async function runQueued(q: QueuedItem): Promise<void> {
    let outcome: ItemOutcome = { kind: "done" };
    try {
      const claim = randomUUID();
      const now = clock();
      const claimed = await repo.claimItem(q.resultId, claim, iso(now), iso(now + leaseMs));
      if (claimed.kind !== "claimed") outcome = claimed;
      else {
        const entry = inFlight.get(q.resultId);
        const abort = entry?.abort ?? new AbortController();
        if (entry) entry.runId = claimed.run.id;
        const timer = setTimeout(() => abort.abort(new ItemTimeout()), itemTimeoutMs);
        const onHardStop = () => abort.abort(hardStop.signal.reason);
        hardStop.signal.addEventListener("abort", onHardStop, { once: true });
        try {
          outcome = await execute(claimed.run.id, claimed.row, claimed.run, claim, abort.signal);
        } finally {
          clearTimeout(timer);
          hardStop.signal.removeEventListener("abort", onHardStop);
        }
      }
    } catch (err) {
      if (!hardStop.signal.aborted)
        logger.error({ err, result_id: q.resultId }, "Could not run an evaluation item; it will be retried");
      outcome = { kind: "held", until: iso(clock() + leaseMs) };
    }
    try {
      await q.ack(outcome);
    } catch (err) {
      logger.warn({ err, result_id: q.resultId }, "Could not acknowledge an evaluation job");
    }
  }

  function launch(q: QueuedItem): void {
    if (inFlight.has(q.resultId)) {
      // Already running here (a duplicate job): nothing more to do with this one.
      void q.ack({ kind: "done" }).catch(() => {});
      return;
    }
    const entry = { runId: "", abort: new AbortController(), done: Promise.resolve() };
    inFlight.set(q.resultId, entry);
    entry.done = runQueued(q).finally(() => {
      inFlight.delete(q.resultId);
      notify();
    });
  }

  const sleep = async (ms: number) => {
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    try {
      await Promise.race([delay(ms, undefined, { signal: stopping.signal, ref: false }), woken]);
    } catch (e) {
      if (!stopping.signal.aborted) throw e;
    } finally {
      wake = undefined;
    }
  };

  /** One round: takes as many items as there are free slots and starts them; how many it started. */
  async function poll(): Promise<number> {
    if (clock() - sweptAt >= SWEEP_EVERY_MS) {
      sweptAt = clock();
      await endStrandedRuns();
    }
    const free = config.EVALUATION_WORKER_CONCURRENCY - inFlight.size;
    if (free <= 0) return 0;
    const items = await source.take(free);
    for (const q of items) launch(q);
    return items.length;
  }

  return {
    notify,
    poll,
    /** This instance's items of a run in flight, aborted now (the run was cancelled). */
    abortRun(runId: string): void {
      for (const entry of inFlight.values())
        if (entry.runId === runId) entry.abort.abort(new Error("cancelled"));
      contexts.delete(runId);
    },
    get inFlight(): number {
      return inFlight.size;
    },
    /** Starts the queue and the loop (a no-op when EVALUATION_WORKER_ENABLED is off or it already runs). */
    async start(): Promise<void> {
      if (!config.EVALUATION_WORKER_ENABLED || started || stopping.signal.aborted) return;
      started = true;
      await source.start();
      loop = (async () => {
        while (!stopping.signal.aborted) {
          let taken = 0;
          try {
            taken = await poll();
          } catch (err) {
            if (stopping.signal.aborted) return;
            logger.error({ err }, "Evaluation queue poll failed; retrying at the next interval");
          }
          // Items were found and slots remain: look again at once; otherwise wait (or be woken).
          if (taken === 0 || inFlight.size >= config.EVALUATION_WORKER_CONCURRENCY)
            await sleep(config.EVALUATION_POLL_INTERVAL_MS);
        }
      })();
    },
    /** Stops taking items, lets those in flight finish for the drain time, then aborts and gives back the rest. */
    async stop(): Promise<void> {
      stopping.abort();
      wake?.();
      await loop;
      const all = Promise.all([...inFlight.values()].map((e) => e.done));
      const drained = await Promise.race([
        all.then(() => true),
        delay(config.EVALUATION_DRAIN_SECONDS * 1000, false, { ref: false }),
      ]);
      if (!drained) {
        hardStop.abort(new Error("shutting down"));
        await all;
      }
      // The queue may have been started by an enqueue even without the loop.
      await source.stop();
    },
  };
}
