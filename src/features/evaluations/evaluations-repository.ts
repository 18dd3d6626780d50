// SQL of evaluation runs: the run row, one result row per item × target × repeat (also the claim the
// worker holds while it runs an item: a token and a lease), the progress counter, the summary, the
// candidates the embedded worker polls for, cancellation, and the reads of the API and the promotion
// gate. Plain rows in and out; queries run unchanged on SQLite and PostgreSQL.
import { sql } from "kysely";
import {
  byKey,
  type Cursor,
  countOf,
  type Db,
  forUpdate,
  type Row,
  repositoryOf,
} from "../../db/repository.js";

export type EvaluationsRepository = ReturnType<typeof createEvaluationsRepository>;

export type RunRow = Row<"evaluation_runs">;
export type ResultRowDb = Row<"evaluation_results">;
export type NewResult = Pick<
  ResultRowDb,
  "id" | "run_id" | "item_revision_id" | "item_id" | "target_index" | "repeat_index" | "status"
>;

/** A result row with its item's variables, expected output and position (what the API shows). */
export interface ResultWithItem extends ResultRowDb {
  variables: string;
  expected: string | null;
  position: number;
}

/** Rows a run is still waiting for or running: what the queue depth counts. */
const OPEN = ["pending", "running"] as const;
const ACTIVE_RUN = ["queued", "running"] as const;

async function insertRun(
  db: Db,
  row: Omit<RunRow, "done" | "declared_assertions"> & { declared_assertions: number },
): Promise<void> {
  await db.insertInto("evaluation_runs").values(row).execute();
}

async function insertResults(db: Db, rows: NewResult[]): Promise<void> {
  await byKey.insert(db, "evaluation_results", rows);
}

async function findRun(db: Db, projectId: string, id: string): Promise<RunRow | undefined> {
  return byKey.find(db, "evaluation_runs", { project_id: projectId, id });
}

async function findRunById(db: Db, id: string): Promise<RunRow | undefined> {
  return byKey.find(db, "evaluation_runs", { id });
}

/** A prompt's runs, newest first, before the (created_at, id) position given. */
async function listRuns(
  db: Db,
  promptId: string,
  before: Cursor | undefined,
  limit: number,
): Promise<RunRow[]> {
  return byKey.page(db, "evaluation_runs", { prompt_id: promptId }, { before, limit });
}

/** Due: waiting, or claimed by a holder whose lease lapsed (it died or was cut off). */
function due(now: string) {
  return sql<boolean>`((evaluation_results.status = 'pending') or (evaluation_results.status = 'running' and evaluation_results.claimed_until < ${now}))`;
}

export type ClaimOutcome =
  | { kind: "claimed"; row: ResultRowDb; run: RunRow }
  /** The run already has `concurrency` items in flight. */
  | { kind: "busy" }
  /** Another live claim holds the row until the time given. */
  | { kind: "held"; until: string }
  /** Nothing left to do: settled, cancelled, or the run or row is gone or over. */
  | { kind: "done" };

/**
 * Claims one result row for `claim` until `until`, in one transaction that first locks the run row
 * (PostgreSQL; SQLite writers are serialised), so concurrent claimers across instances see each other
 * and the run's concurrency holds. The update repeats the due condition, so of two claimers exactly
 * one gets the row.
 */
async function claimItem(
  db: Db,
  resultId: string,
  claim: string,
  now: string,
  until: string,
): Promise<ClaimOutcome> {
  return db.transaction().execute(async (trx) => {
    const result = await byKey.find(trx, "evaluation_results", { id: resultId }, [
      "run_id",
      "status",
      "claimed_until",
    ]);
    if (!result) return { kind: "done" };
    const run = await forUpdate(
      trx,
      trx.selectFrom("evaluation_runs").selectAll().where("id", "=", result.run_id),
    ).executeTakeFirst();
    if (!run || !(ACTIVE_RUN as readonly string[]).includes(run.status)) return { kind: "done" };
    if (result.status !== "pending" && result.status !== "running") return { kind: "done" };
    if (result.status === "running" && result.claimed_until !== null && result.claimed_until >= now)
      return { kind: "held", until: result.claimed_until };
    const live = await countOf(
      trx
        .selectFrom("evaluation_results")
        .where("run_id", "=", run.id)
        .where("status", "=", "running")
        .where("claimed_until", ">=", now),
    );
    if (live >= run.concurrency) return { kind: "busy" };
    const res = await trx
      .updateTable("evaluation_results")
      .set((eb) => ({
        status: "running",
        claim,
        claimed_until: until,
        started_at: now,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "=", resultId)
      .where(due(now))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return { kind: "done" };
    const row = await trx
      .selectFrom("evaluation_results")
      .selectAll()
      .where("id", "=", resultId)
      .executeTakeFirstOrThrow();
    return { kind: "claimed", row, run };
  });
}

/** Active runs with how many of their items are in flight under a live claim. */
async function activeRuns(
  db: Db,
  now: string,
): Promise<{ id: string; concurrency: number; in_flight: number }[]> {
  const rows = await db
    .selectFrom("evaluation_runs")
    .leftJoin("evaluation_results", (j) =>
      j
        .onRef("evaluation_results.run_id", "=", "evaluation_runs.id")
        .on("evaluation_results.status", "=", "running")
        .on("evaluation_results.claimed_until", ">=", now),
    )
    .select([
      "evaluation_runs.id",
      "evaluation_runs.concurrency",
      "evaluation_runs.created_at",
      (eb) => eb.fn.count("evaluation_results.id").as("in_flight"),
    ])
    .where("evaluation_runs.status", "in", ACTIVE_RUN)
    .groupBy(["evaluation_runs.id", "evaluation_runs.concurrency", "evaluation_runs.created_at"])
    .orderBy("evaluation_runs.created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, concurrency: Number(r.concurrency), in_flight: Number(r.in_flight) }));
}

/** Up to `limit` due rows of one run, in item order. */
async function dueItems(db: Db, runId: string, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("evaluation_results")
    .select("id")
    .where("run_id", "=", runId)
    .where(due(now))
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Result rows of a run still to run (pending or lapsed): what a restart of the pg-boss queue re-sends. */
async function openItemIds(db: Db, runId: string): Promise<string[]> {
  const rows = await byKey.list(
    db,
    "evaluation_results",
    { run_id: runId, status: OPEN },
    { columns: ["id"], orderBy: ["id"] },
  );
  return rows.map((r) => r.id);
}

async function activeRunIds(db: Db): Promise<string[]> {
  const rows = await byKey.list(db, "evaluation_runs", { status: ACTIVE_RUN }, { columns: ["id"] });
  return rows.map((r) => r.id);
}

async function markRunStarted(db: Db, runId: string, now: string): Promise<void> {
  await byKey.update(
    db,
    "evaluation_runs",
    { id: runId, status: "queued" },
    { status: "running", started_at: now },
  );
}

export type ResultFields = Pick<
  ResultRowDb,
  | "status"
  | "rendered"
  | "output"
  | "verdicts"
  | "judge_score"
  | "latency_ms"
  | "input_tokens"
  | "output_tokens"
  | "cost_usd"
  | "error"
  | "finished_at"
>;

/**
 * Takes the run row's lock (PostgreSQL; SQLite writers are serialised) before an item's result is
 * written: a cancel locks the run and then its open results, so a writer that locked its result first
 * and the run second would deadlock with it.
 */
async function lockRun(db: Db, runId: string): Promise<void> {
  await forUpdate(db, db.selectFrom("evaluation_runs").select("id").where("id", "=", runId)).execute();
}

/** Writes an item's outcome while `claim` still holds it; false when it was lost (cancel, lapsed lease). */
async function recordResult(db: Db, id: string, claim: string, fields: ResultFields): Promise<boolean> {
  return byKey.updateOne(
    db,
    "evaluation_results",
    { id, claim, status: "running" },
    { ...fields, claim: null, claimed_until: null },
  );
}

/** Gives a claimed row back untouched (shutdown): the next claimer runs it from the start. */
async function releaseClaim(db: Db, id: string, claim: string): Promise<void> {
  await byKey.update(
    db,
    "evaluation_results",
    { id, claim, status: "running" },
    { status: "pending", claim: null, claimed_until: null, started_at: null },
  );
}

/** One more settled item; the counters after it. */
async function incrementDone(db: Db, runId: string): Promise<{ done: number; total: number }> {
  const row = await db
    .updateTable("evaluation_runs")
    .set((eb) => ({ done: eb("done", "+", 1) }))
    .where("id", "=", runId)
    .returning(["done", "total"])
    .executeTakeFirstOrThrow();
  return { done: Number(row.done), total: Number(row.total) };
}

/** Active runs with no pending or running row left: ended by the worker's sweep. */
async function strandedRunIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("evaluation_runs")
    .select("evaluation_runs.id")
    .where("evaluation_runs.status", "in", ACTIVE_RUN)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("evaluation_results")
            .select("evaluation_results.id")
            .whereRef("evaluation_results.run_id", "=", "evaluation_runs.id")
            .where("evaluation_results.status", "in", OPEN),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Sets a run's counter to its number of settled rows (what incrementDone counts one by one). */
async function recountDone(db: Db, runId: string): Promise<void> {
  await db
    .updateTable("evaluation_runs")
    .set((eb) => ({
      done: eb
        .selectFrom("evaluation_results")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("evaluation_results.run_id", "=", runId)
        .where("evaluation_results.status", "not in", OPEN),
    }))
    .where("id", "=", runId)
    .execute();
}

/**
 * A run's results joined to their item revisions, in item order (position, item), then target and repeat:
 * the order the API lists them in and the summary reads them in, so comparisons list items in dataset
 * order on either database.
 */
function resultsInItemOrder(db: Db, runId: string) {
  return db
    .selectFrom("evaluation_results")
    .innerJoin("dataset_items", "dataset_items.id", "evaluation_results.item_revision_id")
    .where("evaluation_results.run_id", "=", runId)
    .orderBy("dataset_items.position")
    .orderBy("evaluation_results.item_id")
    .orderBy("evaluation_results.target_index")
    .orderBy("evaluation_results.repeat_index");
}

/** The columns the summary is computed from, for every result of a run, in item order. */
async function statRows(db: Db, runId: string) {
  return resultsInItemOrder(db, runId)
    .select([
      "evaluation_results.item_id",
      "evaluation_results.target_index",
      "evaluation_results.repeat_index",
      "evaluation_results.status",
      "evaluation_results.judge_score",
      "evaluation_results.latency_ms",
      "evaluation_results.input_tokens",
      "evaluation_results.output_tokens",
      "evaluation_results.cost_usd",
      "evaluation_results.error",
    ])
    .execute();
}

/**
 * The summary of a run still going. An ended run's summary is final (finishRun, or the cancel's
 * writeEndSummary): an item's late write must not replace it with an older view.
 */
async function writeSummary(db: Db, runId: string, summary: string): Promise<void> {
  await byKey.update(db, "evaluation_runs", { id: runId, status: ACTIVE_RUN }, { summary });
}

/** The summary of a run just cancelled, written in the cancel's transaction after its rows ended. */
async function writeEndSummary(db: Db, runId: string, summary: string): Promise<void> {
  await byKey.update(db, "evaluation_runs", { id: runId }, { summary });
}

/** Ends an active run; false when it had already ended (another instance, or a cancel, got there first). */
async function finishRun(
  db: Db,
  runId: string,
  fields: Pick<RunRow, "status" | "summary" | "error" | "finished_at">,
): Promise<boolean> {
  return byKey.updateOne(db, "evaluation_runs", { id: runId, status: ACTIVE_RUN }, fields);
}

/** Rows of a run not yet settled become cancelled (claims taken away: late writes are dropped). */
async function cancelOpenResults(db: Db, runId: string, now: string): Promise<number> {
  return byKey.update(
    db,
    "evaluation_results",
    { run_id: runId, status: OPEN },
    { status: "cancelled", claim: null, claimed_until: null, finished_at: now },
  );
}

/** Up to `limit` results of a run from `offset`, with their item revisions, in item order, then target and repeat. */
async function listResults(db: Db, runId: string, offset: number, limit: number): Promise<ResultWithItem[]> {
  return resultsInItemOrder(db, runId)
    .selectAll("evaluation_results")
    .select(["dataset_items.variables", "dataset_items.expected", "dataset_items.position"])
    .orderBy("evaluation_results.id")
    .limit(limit)
    .offset(offset)
    .execute();
}

async function findItemRevision(
  db: Db,
  revisionId: string,
): Promise<{ variables: string; expected: string | null } | undefined> {
  return byKey.find(db, "dataset_items", { id: revisionId }, ["variables", "expected"]);
}

/** Result rows not yet settled, across every run: evaluation_queue_depth. */
async function countQueue(db: Db): Promise<number> {
  return byKey.count(db, "evaluation_results", { status: OPEN });
}

/** The project's dataset by id, or by name among live ones (the promotion gate's reference). */
async function findDatasetRef(
  db: Db,
  projectId: string,
  idOrName: string,
): Promise<{ id: string; name: string } | undefined> {
  const ref = ["id", "name"] as const;
  return (
    (await byKey.find(db, "datasets", { project_id: projectId, id: idOrName }, ref)) ??
    byKey.find(db, "datasets", { project_id: projectId, name: idOrName, deleted_at: null }, ref)
  );
}

/** Result rows of a run that some assertion checked (an item without one passes unchecked). */
async function countCheckedResults(db: Db, runId: string): Promise<number> {
  return countOf(
    db
      .selectFrom("evaluation_results")
      .where("run_id", "=", runId)
      .where("verdicts", "is not", null)
      .where("verdicts", "<>", "[]"),
  );
}

/** The newest completed run of a prompt's version on a dataset made with the prompt's declared assertions. */
async function latestCompletedRun(
  db: Db,
  promptId: string,
  version: number,
  datasetId: string,
): Promise<RunRow | undefined> {
  const [newest] = await byKey.list(
    db,
    "evaluation_runs",
    { prompt_id: promptId, version, dataset_id: datasetId, status: "completed", declared_assertions: 1 },
    {
      orderBy: [
        ["finished_at", "desc"],
        ["id", "desc"],
      ],
      limit: 1,
    },
  );
  return newest;
}

/** What rendering needs to know of the run's project and prompt. */
async function findRunSubject(
  db: Db,
  projectId: string,
  promptId: string,
): Promise<{ prompt_name: string } | undefined> {
  const prompt = await byKey.find(db, "prompts", { id: promptId, project_id: projectId }, ["name"]);
  return prompt && { prompt_name: prompt.name };
}

/** The prompt a run is started on, with its newest version. */
async function findPrompt(
  db: Db,
  projectId: string,
  promptId: string,
): Promise<{ id: string; name: string; current_version: number } | undefined> {
  return byKey.find(db, "prompts", { id: promptId, project_id: projectId }, [
    "id",
    "name",
    "current_version",
  ]);
}

async function versionExists(db: Db, promptId: string, version: number): Promise<boolean> {
  return (
    (await byKey.find(db, "prompt_versions", { prompt_id: promptId, version }, ["version"])) !== undefined
  );
}

/** The prompt's declared assertions (JSON), when it has any. */
async function findDeclaredAssertions(db: Db, promptId: string): Promise<string | undefined> {
  return (await byKey.find(db, "prompt_assertions", { prompt_id: promptId }, ["assertions"]))?.assertions;
}

const queries = {
  findPrompt,
  versionExists,
  findDeclaredAssertions,
  insertRun,
  insertResults,
  findRun,
  findRunById,
  listRuns,
  claimItem,
  activeRuns,
  dueItems,
  openItemIds,
  activeRunIds,
  markRunStarted,
  lockRun,
  recordResult,
  releaseClaim,
  incrementDone,
  strandedRunIds,
  recountDone,
  statRows,
  writeSummary,
  writeEndSummary,
  finishRun,
  cancelOpenResults,
  listResults,
  findItemRevision,
  countQueue,
  findDatasetRef,
  latestCompletedRun,
  countCheckedResults,
  findRunSubject,
};

export const createEvaluationsRepository = repositoryOf(queries);
