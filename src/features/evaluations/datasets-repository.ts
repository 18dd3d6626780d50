// SQL of datasets: a project's datasets (live ones have deleted_at null; their names are unique among
// the live ones by a partial index) and their items, one row per revision. The current revision of an item
// has superseded_at null; an edit or a deletion sets it, so older revisions stay for the runs that used them.
import { byKey, type Cursor, type Db, newestFirst, type Row, repositoryOf } from "../../db/repository.js";

export type DatasetRow = Row<"datasets">;
export type ItemRow = Row<"dataset_items">;
export type DatasetWithCount = DatasetRow & { item_count: number };

/** The project's dataset `id` while it is live (not deleted). */
const liveDataset = (projectId: string, id: string) => ({ project_id: projectId, id, deleted_at: null });
/** The current revisions of a dataset's items, and their order. */
const currentItemsOf = (datasetId: string) => ({ dataset_id: datasetId, superseded_at: null });
const ITEM_ORDER = ["position", "id"] as const;

function withCount(db: Db) {
  return db
    .selectFrom("datasets")
    .selectAll("datasets")
    .select((eb) =>
      eb
        .selectFrom("dataset_items")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("dataset_items.dataset_id", "=", "datasets.id")
        .where("dataset_items.superseded_at", "is", null)
        .as("item_count"),
    );
}

function counted(row: (DatasetRow & { item_count: unknown }) | undefined): DatasetWithCount | undefined {
  return row && { ...row, item_count: Number(row.item_count ?? 0) };
}

async function insertDataset(db: Db, row: DatasetRow): Promise<void> {
  await db.insertInto("datasets").values(row).execute();
}

async function findLiveDataset(db: Db, projectId: string, id: string): Promise<DatasetWithCount | undefined> {
  return findLive(db, projectId, "id", id);
}

/** The project's live dataset whose `column` is `value`, with its item count. */
async function findLive(
  db: Db,
  projectId: string,
  column: "id" | "name",
  value: string,
): Promise<DatasetWithCount | undefined> {
  return counted(
    await withCount(db)
      .where("datasets.project_id", "=", projectId)
      .where(`datasets.${column}`, "=", value)
      .where("datasets.deleted_at", "is", null)
      .executeTakeFirst(),
  );
}

async function findLiveDatasetByName(
  db: Db,
  projectId: string,
  name: string,
): Promise<DatasetWithCount | undefined> {
  return findLive(db, projectId, "name", name);
}

/** Live datasets, newest first, after the (created_at, id) position given. */
async function listLiveDatasets(
  db: Db,
  projectId: string,
  before: Cursor | undefined,
  limit: number,
): Promise<DatasetWithCount[]> {
  const q = withCount(db)
    .where("datasets.project_id", "=", projectId)
    .where("datasets.deleted_at", "is", null);
  const rows = await newestFirst(q, { before, limit, table: "datasets" }).execute();
  return rows.map((r) => counted(r) as DatasetWithCount);
}

async function updateDataset(
  db: Db,
  projectId: string,
  id: string,
  patch: Partial<Pick<DatasetRow, "name" | "description" | "updated_at">>,
): Promise<boolean> {
  return byKey.updateOne(db, "datasets", liveDataset(projectId, id), patch);
}

async function softDeleteDataset(db: Db, projectId: string, id: string, now: string): Promise<boolean> {
  return byKey.updateOne(db, "datasets", liveDataset(projectId, id), { deleted_at: now, updated_at: now });
}

/**
 * Marks a live dataset changed at `now`. Item writes begin with it: on PostgreSQL the row lock it takes
 * queues concurrent writers to one dataset, so the item count and positions they read stay true until
 * they commit (SQLite has one writer at a time anyway). False when the dataset is gone.
 */
async function touchDataset(db: Db, projectId: string, id: string, now: string): Promise<boolean> {
  return updateDataset(db, projectId, id, { updated_at: now });
}

async function countCurrentItems(db: Db, datasetId: string): Promise<number> {
  return byKey.count(db, "dataset_items", currentItemsOf(datasetId));
}

/** The highest position any revision of the dataset took, or -1. */
async function maxPosition(db: Db, datasetId: string): Promise<number> {
  const row = await db
    .selectFrom("dataset_items")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("dataset_id", "=", datasetId)
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? -1 : Number(row.p);
}

async function insertItems(db: Db, rows: ItemRow[]): Promise<void> {
  await byKey.insert(db, "dataset_items", rows);
}

/** The current revision of every item, in order. */
async function listCurrentItems(db: Db, datasetId: string): Promise<ItemRow[]> {
  return byKey.list(db, "dataset_items", currentItemsOf(datasetId), { orderBy: ITEM_ORDER });
}

/** The current items' ids and revision ids only, in order: what starting a run needs (not their data). */
async function listCurrentItemRefs(db: Db, datasetId: string): Promise<{ id: string; item_id: string }[]> {
  return byKey.list(db, "dataset_items", currentItemsOf(datasetId), {
    columns: ["id", "item_id"],
    orderBy: ITEM_ORDER,
  });
}

async function findCurrentItem(db: Db, datasetId: string, itemId: string): Promise<ItemRow | undefined> {
  return byKey.find(db, "dataset_items", { dataset_id: datasetId, item_id: itemId, superseded_at: null });
}

/** Ends a current revision (an edit replaced it, or with `deleted` the item was deleted). */
async function supersedeRevision(
  db: Db,
  revisionId: string,
  now: string,
  deleted: boolean,
): Promise<boolean> {
  const ended = { superseded_at: now, ...(deleted ? { deleted_at: now } : {}) };
  return byKey.updateOne(db, "dataset_items", { id: revisionId, superseded_at: null }, ended);
}

/** Every revision of an item, oldest first. */
async function listRevisions(db: Db, datasetId: string, itemId: string): Promise<ItemRow[]> {
  return byKey.list(
    db,
    "dataset_items",
    { dataset_id: datasetId, item_id: itemId },
    { orderBy: ["revision"] },
  );
}

const queries = {
  insertDataset,
  findLiveDataset,
  findLiveDatasetByName,
  listLiveDatasets,
  updateDataset,
  softDeleteDataset,
  touchDataset,
  countCurrentItems,
  maxPosition,
  insertItems,
  listCurrentItems,
  listCurrentItemRefs,
  findCurrentItem,
  supersedeRevision,
  listRevisions,
};

export const createDatasetsRepository = repositoryOf(queries);
