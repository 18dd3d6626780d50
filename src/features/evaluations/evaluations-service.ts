// Evaluation runs: start (the version from `version` or a label's target now, the dataset's current
// items, the assertions in force snapshotted, one pending result row per item × target × repeat, and the
// queue's jobs in the same transaction), read with progress, summary and results, list per prompt,
// cancel, and compare two runs. The work itself is the worker's (evaluation-worker.ts). Also the
// evaluation check of the registry's promotion gate: the latest completed run of a version on a dataset.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { ConflictError, found, NotFoundError, ValidationError } from "../../http/errors.js";
import { decodeCursor, encodeCursor } from "../../http/pagination.js";
import { parseJsonOr } from "../../lib/json.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { LATEST, pickFromSplit, targetOf } from "../registry/label-targets.js";
import type { EvalGateFinding } from "../registry/promotion-gate.js";
import { createRegistryRepository } from "../registry/registry-repository.js";
import { type Assertion, validateAssertions } from "./assertion-schemas.js";
import type { DatasetsService } from "./datasets-service.js";
import type { ResultRow, TargetSummary } from "./evaluation-stats.js";
import { summarize } from "./evaluation-stats.js";
import type { Target, TextGenerator } from "./evaluation-targets.js";
import type { EvaluationWorker } from "./evaluation-worker.js";
import { createEvaluationsRepository, type ResultWithItem, type RunRow } from "./evaluations-repository.js";
import { type Result, RUN_LIMITS, type Run, type StartRunBody } from "./evaluations-schemas.js";
import { compareRuns } from "./run-compare.js";

export interface EvaluationsServiceDeps {
  db: Db;
  clock: () => number;
  metrics: Pick<Metrics, "evaluationRunsTotal">;
  datasets: Pick<DatasetsService, "getDatasetRefsForRun">;
  generator: Pick<TextGenerator, "providers" | "judgeTarget">;
  /** Puts a new run's items on the queue inside the run's own transaction (pg-boss), or nothing. */
  enqueue: (resultIds: string[], trx: Db) => Promise<void>;
  worker: Pick<EvaluationWorker, "notify" | "abortRun">;
}

export type EvaluationsService = ReturnType<typeof createEvaluationsService>;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toStatRow(r: {
  item_id: string;
  target_index: number;
  repeat_index: number;
  status: ResultRow["status"];
  judge_score: number | null;
  latency_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
}): ResultRow {
  return {
    itemId: r.item_id,
    targetIndex: Number(r.target_index),
    repeatIndex: Number(r.repeat_index),
    status: r.status,
    judgeScore: num(r.judge_score),
    latencyMs: num(r.latency_ms),
    inputTokens: num(r.input_tokens),
    outputTokens: num(r.output_tokens),
    costUsd: num(r.cost_usd),
  };
}

function toResult(r: ResultWithItem): Result {
  return {
    item_id: r.item_id,
    item_revision_id: r.item_revision_id,
    variables: parseJsonOr<Record<string, unknown>>(r.variables, {}),
    expected: r.expected,
    target_index: Number(r.target_index),
    repeat_index: Number(r.repeat_index),
    status: r.status,
    rendered: r.rendered,
    output: r.output,
    verdicts: parseJsonOr<Result["verdicts"]>(r.verdicts, null),
    judge_score: num(r.judge_score),
    latency_ms: num(r.latency_ms),
    input_tokens: num(r.input_tokens),
    output_tokens: num(r.output_tokens),
    cost_usd: num(r.cost_usd),
    error: r.error,
  };
}

function toRun(row: RunRow, summary?: TargetSummary[], results?: Result[]): Run {
  return {
    id: row.id,
    project_id: row.project_id,
    prompt_id: row.prompt_id,
    version: Number(row.version),
    label: row.label,
    dataset_id: row.dataset_id,
    targets: parseJsonOr<Target[]>(row.targets, []) as Run["targets"],
    assertions: parseJsonOr<unknown[]>(row.assertions, []),
    repeat: Number(row.repeat),
    concurrency: Number(row.concurrency),
    status: row.status,
    progress: { total: Number(row.total), done: Number(row.done) },
    summary: summary ?? parseJsonOr<TargetSummary[]>(row.summary, []),
    error: row.error,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
    ...(results ? { results } : {}),
  };
}

const invalid = (field: string, message: string) =>
  new ValidationError(`${field} ${message}`, [{ field, message }]);

export function createEvaluationsService(deps: EvaluationsServiceDeps) {
  const { clock, metrics } = deps;
  const repo = createEvaluationsRepository(deps.db);
  const registry = createRegistryRepository(deps.db);

  /** The version a start body names: `version`, else the label's target now (a split: its heaviest). */
  async function resolveVersion(
    prompt: { id: string; current_version: number },
    body: Pick<StartRunBody, "version" | "label">,
  ): Promise<{ version: number; label: string | null }> {
    if (body.version !== undefined && body.label !== undefined)
      throw invalid("version", "cannot be combined with label");
    if (body.version !== undefined) {
      if (!(await repo.versionExists(prompt.id, body.version)))
        throw invalid("version", `does not exist (the prompt has versions 1–${prompt.current_version})`);
      return { version: body.version, label: null };
    }
    const label = body.label ?? LATEST;
    if (label === LATEST) return { version: Number(prompt.current_version), label };
    const row = await registry.findLabel(prompt.id, label);
    const target = row ? targetOf(row) : null;
    if (!target) throw invalid("label", `${label} does not point at a version of this prompt`);
    return {
      version: "version" in target ? target.version : pickFromSplit(target.split, prompt.id, undefined),
      label,
    };
  }

  async function requirePrompt(access: ProjectAccess, promptId: string) {
    return found(await repo.findPrompt(access.projectId, promptId), "Prompt");
  }

  async function start(access: ProjectAccess, promptId: string, body: StartRunBody): Promise<Run> {
    authorize(access, "evaluations:run");
    const prompt = await requirePrompt(access, promptId);
    const { version, label } = await resolveVersion(prompt, body);
    const available = deps.generator.providers();
    body.targets.forEach((t, i) => {
      if (!available.includes(t.provider))
        throw invalid(
          `targets.${i}.provider`,
          `${t.provider} is not configured on this instance (${t.provider === "openai" ? "OPENAI_BASE_URL" : "GEMINI_API_KEY"})`,
        );
    });
    const assertions: Assertion[] =
      body.assertions !== undefined
        ? validateAssertions(body.assertions)
        : parseJsonOr<Assertion[]>((await repo.findDeclaredAssertions(prompt.id)) ?? null, []);
    if (assertions.some((a) => a.type === "judge") && !deps.generator.judgeTarget())
      throw invalid(
        "assertions",
        "hold a judge assertion but no judge provider is configured on this instance",
      );
    const dataset = await deps.datasets.getDatasetRefsForRun(access.projectId, body.dataset_id).catch((e) => {
      if (e instanceof NotFoundError) throw invalid("dataset_id", "names no dataset of this project");
      throw e;
    });
    if (dataset.items.length === 0) throw invalid("dataset_id", "names a dataset without items");
    const repeat = body.repeat ?? 1;
    const total = dataset.items.length * body.targets.length * repeat;
    if (total > RUN_LIMITS.results)
      throw invalid(
        "dataset_id",
        `would make ${total} results (items × targets × repeat); at most ${RUN_LIMITS.results} per run`,
      );

    const now = clock();
    const run: Omit<RunRow, "done" | "declared_assertions"> & { declared_assertions: number } = {
      id: newId(now),
      project_id: access.projectId,
      prompt_id: prompt.id,
      version,
      label,
      dataset_id: dataset.id,
      targets: JSON.stringify(
        body.targets.map((t) => ({ provider: t.provider, model: t.model, params: t.params ?? {} })),
      ),
      assertions: JSON.stringify(assertions),
      declared_assertions: body.assertions === undefined ? 1 : 0,
      repeat,
      concurrency: body.concurrency ?? 4,
      status: "queued",
      total,
      summary: null,
      error: null,
      created_by: access.userId,
      created_at: iso(now),
      started_at: null,
      finished_at: null,
    };
    const results = dataset.items.flatMap((item) =>
      body.targets.flatMap((_, targetIndex) =>
        Array.from({ length: repeat }, (_unused, repeatIndex) => ({
          id: newId(now),
          run_id: run.id,
          item_revision_id: item.revisionId,
          item_id: item.itemId,
          target_index: targetIndex,
          repeat_index: repeatIndex,
          status: "pending" as const,
        })),
      ),
    );
    await repo.transaction(async (tx, trx) => {
      await tx.insertRun(run);
      await tx.insertResults(results);
      await deps.enqueue(
        results.map((r) => r.id),
        trx,
      );
    });
    deps.worker.notify();
    const stored = await repo.findRunById(run.id);
    return toRun(stored as RunRow);
  }

  async function requireRun(access: ProjectAccess, runId: string, promptId?: string): Promise<RunRow> {
    const run = await repo.findRun(access.projectId, runId);
    if (!run || (promptId !== undefined && run.prompt_id !== promptId))
      throw new NotFoundError("Evaluation run");
    return run;
  }

  /**
   * A run with progress and a summary computed from its rows now; with `results`, one page of its
   * results (at most RUN_LIMITS.resultsPage) and the cursor of the next. A run's rows never change in
   * number or order, so the cursor is a position in that order (bound to the run).
   */
  async function get(
    access: ProjectAccess,
    runId: string,
    opts: { promptId?: string; results?: boolean; limit?: number; cursor?: string } = {},
  ): Promise<Run> {
    authorize(access, "evaluations:read");
    const run = await requireRun(access, runId, opts.promptId);
    const targets = parseJsonOr<Target[]>(run.targets, []);
    const summary = summarize(targets, (await repo.statRows(run.id)).map(toStatRow));
    if (!opts.results) return toRun(run, summary);
    const limit = Math.min(opts.limit ?? RUN_LIMITS.resultsPage, RUN_LIMITS.resultsPage);
    const sortKey = `results:${run.id}`;
    const offset =
      opts.cursor === undefined
        ? 0
        : Number(
            decodeCursor(sortKey, opts.cursor, (v) => typeof v === "number" && Number.isInteger(v) && v > 0)
              .value,
          );
    const rows = await repo.listResults(run.id, offset, limit + 1);
    const page = rows.slice(0, limit);
    const next_cursor =
      rows.length > limit ? encodeCursor(sortKey, { value: offset + limit, id: run.id }) : null;
    return { ...toRun(run, summary, page.map(toResult)), next_cursor };
  }

  async function list(access: ProjectAccess, promptId: string): Promise<{ items: Run[] }> {
    authorize(access, "evaluations:read");
    const prompt = await requirePrompt(access, promptId);
    const rows = await repo.listRuns(prompt.id, undefined, RUN_LIMITS.list);
    return { items: rows.map((r) => toRun(r)) };
  }

  /** Cancels a queued or running run: its unsettled items are cancelled, those in flight aborted. */
  async function cancel(access: ProjectAccess, runId: string, promptId?: string): Promise<Run> {
    authorize(access, "evaluations:run");
    const run = await requireRun(access, runId, promptId);
    if (run.status === "completed" || run.status === "failed")
      throw new ConflictError(
        `This run has already ${run.status === "completed" ? "completed" : "failed"}`,
        {
          status: run.status,
        },
        "run_finished",
      );
    if (run.status !== "cancelled") {
      const now = iso(clock());
      const ended = await repo.transaction(async (tx) => {
        const done = await tx.finishRun(run.id, {
          status: "cancelled",
          summary: run.summary,
          error: null,
          finished_at: now,
        });
        if (!done) return false;
        await tx.cancelOpenResults(run.id, now);
        const rows = await tx.statRows(run.id);
        await tx.writeEndSummary(
          run.id,
          JSON.stringify(summarize(parseJsonOr<Target[]>(run.targets, []), rows.map(toStatRow))),
        );
        return true;
      });
      if (ended) metrics.evaluationRunsTotal.labels("cancelled").inc();
      deps.worker.abortRun(run.id);
    }
    return get(access, run.id, { promptId, results: false });
  }

  /** Per item and target, what changed from `base` to `head` (regressions first), and both summaries. */
  async function compare(access: ProjectAccess, promptId: string, baseId: string, headId: string) {
    authorize(access, "evaluations:read");
    await requirePrompt(access, promptId);
    const side = async (id: string) => {
      const run = await requireRun(access, id);
      const rows = (await repo.statRows(run.id)).map(toStatRow);
      return { run, rows, summary: summarize(parseJsonOr<Target[]>(run.targets, []), rows) };
    };
    const [base, head] = await Promise.all([side(baseId), side(headId)]);
    const cmp = compareRuns(
      { summary: base.summary, rows: base.rows },
      { summary: head.summary, rows: head.rows },
    );
    const ref = (r: RunRow) => ({ id: r.id, version: Number(r.version), status: r.status });
    return { base: ref(base.run), head: ref(head.run), ...cmp };
  }

  /**
   * The promotion gate's evaluation check: the pass rate of the newest completed run of `version` on the
   * dataset (by id or name); the lowest of its targets', so every target must clear the bar.
   */
  async function latestPassRate(
    projectId: string,
    promptId: string,
    version: number,
    datasetRef: string,
  ): Promise<EvalGateFinding> {
    const dataset = await repo.findDatasetRef(projectId, datasetRef);
    if (!dataset) return { found: false, reason: `No dataset ${datasetRef} in this project` };
    const run = await repo.latestCompletedRun(promptId, version, dataset.id);
    if (!run)
      return {
        found: false,
        reason: `Version ${version} has no completed evaluation run on dataset ${dataset.name} with the prompt's declared assertions`,
      };
    // A run whose items no assertion checked passes every item: it proves nothing.
    if ((await repo.countCheckedResults(run.id)) === 0)
      return {
        found: false,
        reason: `Evaluation run ${run.id} of version ${version} checked no item (no assertion applied)`,
      };
    // From the result rows, not the stored summary: the rows are what the run settled.
    const rows = await repo.statRows(run.id);
    const summary = summarize(parseJsonOr<Target[]>(run.targets, []), rows.map(toStatRow));
    const rates = summary.map((s) => s.pass_rate).filter((r): r is number => r !== null);
    return {
      found: true,
      run_id: run.id,
      dataset_id: dataset.id,
      pass_rate: rates.length ? Math.min(...rates) : null,
    };
  }

  return { start, get, list, cancel, compare, latestPassRate, countQueue: () => repo.countQueue() };
}
