// A project's datasets: inputs for evaluation runs. Create, list, read, rename and (softly) delete a
// dataset; add, edit and delete its items, each edit a new revision so a run's results always show the
// item as it was run; import a CSV or JSON-lines file all or nothing, and export the same formats back.
// Reading needs datasets:read, every change datasets:write. getDatasetForRun is what runs and the CLI use.
//
// Every item, however it arrives (a JSON body, a CSV row, a JSON line), passes the one check in
// checkItem, so the rules and their messages are the same everywhere; an import names the line of the
// first row that fails it and writes nothing.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { newId } from "../../db/ids.js";
import { type Db, isUniqueViolation } from "../../db/repository.js";
import {
  AppError,
  ConflictError,
  type FieldIssue,
  found,
  NotFoundError,
  ValidationError,
} from "../../http/errors.js";
import { unstorableInput } from "../../http/input-guard.js";
import { decodeCreatedCursor, pageOf } from "../../http/pagination.js";
import { parseJsonOr } from "../../lib/json.js";
import { pick } from "../../lib/pick.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { charCount } from "../prompts/prompts-schemas.js";
import { isVariableName } from "../templates/render.js";
import {
  FileFormatError,
  type FileItem,
  type FileRow,
  parseCsv,
  parseJsonLines,
  toCsv,
  toJsonLines,
} from "./dataset-files.js";
import {
  createDatasetsRepository,
  type DatasetRow,
  type DatasetWithCount,
  type ItemRow,
} from "./datasets-repository.js";
import {
  DATASET_LIMITS,
  type Dataset,
  type DatasetCreateBody,
  type DatasetList,
  type DatasetListQuery,
  type DatasetPatchBody,
  type DatasetWithItems,
  type ImportFormat,
  type Item,
  type ItemPatch,
  type ItemRevision,
  type ItemsBody,
} from "./datasets-schemas.js";

export interface DatasetsServiceDeps {
  db: Db;
  clock: () => number;
  audit: AuditRecorder;
  metrics?: Pick<Metrics, "datasetImportsTotal" | "datasetItemsImportedTotal">;
}

export type DatasetsService = ReturnType<typeof createDatasetsService>;

/** A dataset as a run uses it: its current items, in order, each naming the revision it is. */
export interface DatasetForRun {
  id: string;
  name: string;
  items: {
    revisionId: string;
    itemId: string;
    variables: Record<string, unknown>;
    expected: string | null;
  }[];
}

/** An export: the file's text and how to send it. */
export interface DatasetExport {
  contentType: string;
  filename: string;
  body: string;
}

const ITEM_FIELDS = new Set(["variables", "expected", "tags", "note"]);
const TAG_FORBIDDEN = /[;|\p{Cc}]/u;
const SORT_KEY = "created:desc";
/** Imported rows checked between two yields to the event loop. */
const CHECK_SLICE = 500;

type Checked = { item: FileItem } | { issue: FieldIssue };

/** The one check of an item's fields, from a JSON body or a file: the item as stored, or the first issue. */
export function checkItem(value: unknown): Checked {
  const issue = (field: string, message: string): Checked => ({ issue: { field, message } });
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return issue("item", "must be an object with variables (and expected, tags, note)");
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).find((k) => !ITEM_FIELDS.has(k));
  if (extra !== undefined) return issue(extra, "is not an accepted field (variables, expected, tags, note)");
  const variables = v.variables;
  if (variables === null || typeof variables !== "object" || Array.isArray(variables))
    return issue("variables", "must be an object of variable name → value");
  for (const name of Object.keys(variables))
    if (!isVariableName(name))
      return issue(
        `variables.${name}`,
        "is not a variable name (a letter or _, then letters, digits or _; at most 64)",
      );
  let expected: string | null = null;
  if (typeof v.expected === "string") expected = v.expected;
  else if (typeof v.expected === "number" || typeof v.expected === "boolean") expected = String(v.expected);
  else if (v.expected !== undefined && v.expected !== null)
    return issue("expected", "must be a string or null");
  if (v.note !== undefined && typeof v.note !== "string") return issue("note", "must be a string");
  const note = (v.note as string | undefined) ?? "";
  const tags: string[] = [];
  if (v.tags !== undefined) {
    if (!Array.isArray(v.tags)) return issue("tags", "must be a list of strings");
    if (v.tags.length > DATASET_LIMITS.tagsPerItem)
      return issue("tags", `must hold at most ${DATASET_LIMITS.tagsPerItem} tags`);
    for (const [i, raw] of v.tags.entries()) {
      if (typeof raw !== "string") return issue(`tags.${i}`, "must be a string");
      const tag = raw.trim().toLowerCase();
      if (tag.length < 1 || charCount(tag) > DATASET_LIMITS.tagChars)
        return issue(`tags.${i}`, `must be 1–${DATASET_LIMITS.tagChars} characters after trimming`);
      if (TAG_FORBIDDEN.test(tag)) return issue(`tags.${i}`, "must not contain ; | or control characters");
      if (!tags.includes(tag)) tags.push(tag);
    }
  }
  const item: FileItem = { variables: variables as Record<string, unknown>, expected, tags, note };
  // What no database stores (NUL characters, non-finite numbers) or what nests too deep to handle later.
  const unstorable = unstorableInput({ params: {}, query: {}, body: item });
  if (unstorable) {
    const first = (unstorable.details as FieldIssue[])[0];
    if (first) return issue(first.field, first.message);
  }
  const bytes = Buffer.byteLength(JSON.stringify(item), "utf8");
  if (bytes > DATASET_LIMITS.itemBytes)
    return issue(
      "item",
      `is ${bytes} bytes as JSON, more than the limit of ${DATASET_LIMITS.itemBytes} bytes (64 KiB) per item`,
    );
  return { item };
}

function toDataset(row: DatasetWithCount): Dataset {
  return pick(row, ["id", "project_id", "name", "description", "item_count", "created_at", "updated_at"]);
}

function toItem(row: ItemRow): Item {
  return {
    id: row.item_id,
    revision: row.revision,
    revision_id: row.id,
    position: row.position,
    variables: parseJsonOr<Record<string, unknown>>(row.variables, {}),
    expected: row.expected,
    tags: parseJsonOr<string[]>(row.tags, []),
    note: row.note,
    created_at: row.created_at,
  };
}

function toRevision(row: ItemRow): ItemRevision {
  return { ...toItem(row), superseded_at: row.superseded_at, deleted_at: row.deleted_at };
}

function fileItemOf(row: ItemRow): FileItem {
  const i = toItem(row);
  return { variables: i.variables, expected: i.expected, tags: i.tags, note: i.note };
}

/** The name as stored: trimmed, 1–100 characters, no control characters. */
function checkedName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || charCount(name) > DATASET_LIMITS.nameMax || /\p{Cc}/u.test(name))
    throw new ValidationError(
      `Invalid dataset: name must be 1–${DATASET_LIMITS.nameMax} characters after trimming, without control characters`,
      [
        {
          field: "name",
          message: `must be 1–${DATASET_LIMITS.nameMax} characters, without control characters`,
        },
      ],
    );
  return name;
}

const nameTaken = (name: string) =>
  new ConflictError(
    `A dataset named ${JSON.stringify(name)} already exists in this project`,
    [{ field: "name", message: "is taken by another dataset of the project" }],
    "dataset_name_taken",
  );

/** The items of a JSON body, checked; a 422 naming the first bad one (`items.3.variables.x`). */
function checkedItems(inputs: readonly unknown[], prefix: string, indexed = true): FileItem[] {
  return inputs.map((input, i) => {
    const r = checkItem(input);
    if ("issue" in r) {
      const field =
        [prefix, indexed ? String(i) : "", r.issue.field === "item" ? "" : r.issue.field]
          .filter(Boolean)
          .join(".") || "body";
      throw new ValidationError(`Invalid item: ${field} ${r.issue.message}`, [
        { field, message: r.issue.message },
      ]);
    }
    return r.item;
  });
}

/** 422 for an import: nothing was imported, and the first bad row's line says where to look. */
function importRefused(line: number, field: string | null, message: string): ValidationError {
  const where = line > 0 ? `line ${line}: ` : "";
  const what = field && field !== "item" ? `${field} ${message}` : message;
  return new ValidationError(`Import refused, nothing was imported: ${where}${what}`, [
    { line, field: field ?? "body", message },
  ]);
}

function tooMany(current: number, adding: number): string {
  return `would make ${current + adding} items: a dataset holds at most ${DATASET_LIMITS.itemsPerDataset} (it has ${current})`;
}

export function createDatasetsService(deps: DatasetsServiceDeps) {
  const { clock, audit, metrics } = deps;
  const recordDataset = recorderFor(audit, "dataset");
  const repo = createDatasetsRepository(deps.db);

  /** A live dataset by id, or else by name; NotFoundError when neither names one. */
  async function foundByIdOrName(projectId: string, idOrName: string): Promise<DatasetWithCount> {
    const byId = await repo.findLiveDataset(projectId, idOrName);
    return found(byId ?? (await repo.findLiveDatasetByName(projectId, idOrName)), "Dataset");
  }

  /** A live dataset by id; NotFoundError when there is none. */
  async function foundById(projectId: string, id: string): Promise<DatasetWithCount> {
    return found(await repo.findLiveDataset(projectId, id), "Dataset");
  }

  /** New current revisions (revision 1) of `items`, placed after `afterPosition`. */
  function newItemRows(
    datasetId: string,
    items: FileItem[],
    afterPosition: number,
    userId: string,
  ): ItemRow[] {
    const now = clock();
    return items.map((item, i) => ({
      id: newId(now),
      item_id: newId(now),
      dataset_id: datasetId,
      revision: 1,
      position: afterPosition + 1 + i,
      variables: JSON.stringify(item.variables),
      expected: item.expected,
      tags: JSON.stringify(item.tags),
      note: item.note,
      created_by: userId,
      created_at: iso(now),
      superseded_at: null,
      deleted_at: null,
    }));
  }

  /**
   * Appends items to a live dataset inside a transaction that holds the dataset (touchDataset), so the
   * count limit holds against concurrent writers. `onFull` words the refusal for the caller's input.
   */
  async function append(
    access: ProjectAccess,
    datasetId: string,
    items: FileItem[],
    onFull: (current: number) => Error,
    after?: (trx: Db) => Promise<void>,
  ): Promise<ItemRow[]> {
    return repo.transaction(async (tx, trx) => {
      if (!(await tx.touchDataset(access.projectId, datasetId, iso(clock()))))
        throw new NotFoundError("Dataset");
      const current = await tx.countCurrentItems(datasetId);
      if (current + items.length > DATASET_LIMITS.itemsPerDataset) throw onFull(current);
      const rows = newItemRows(datasetId, items, await tx.maxPosition(datasetId), access.userId);
      await tx.insertItems(rows);
      await after?.(trx);
      return rows;
    });
  }

  async function currentItem(access: ProjectAccess, id: string, itemId: string) {
    await foundById(access.projectId, id);
    const row = found(await repo.findCurrentItem(id, itemId), "Item");
    return row;
  }

  async function parseFile(format: ImportFormat, bytes: Buffer): Promise<FileRow[]> {
    try {
      return format === "csv" ? await parseCsv(bytes) : await parseJsonLines(bytes);
    } catch (e) {
      if (e instanceof FileFormatError) throw importRefused(e.line, null, e.message);
      throw e;
    }
  }

  return {
    async create(access: ProjectAccess, body: DatasetCreateBody): Promise<DatasetWithItems> {
      authorize(access, "datasets:write");
      const name = checkedName(body.name);
      const items = checkedItems(body.items ?? [], "items");
      if (items.length > DATASET_LIMITS.itemsPerDataset)
        throw new ValidationError(`Invalid dataset: items ${tooMany(0, items.length)}`, [
          { field: "items", message: tooMany(0, items.length) },
        ]);
      if (await repo.findLiveDatasetByName(access.projectId, name)) throw nameTaken(name);
      const now = iso(clock());
      const row: DatasetRow = {
        id: newId(clock()),
        project_id: access.projectId,
        name,
        description: body.description ?? null,
        created_by: access.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      const rows = newItemRows(row.id, items, -1, access.userId);
      try {
        await repo.transaction(async (tx, trx) => {
          await tx.insertDataset(row);
          await tx.insertItems(rows);
          await recordDataset(access, "dataset.create", row.id, { name, items: rows.length }, trx);
        });
      } catch (e) {
        // Another request took the name between the check and the insert.
        if (isUniqueViolation(e)) throw nameTaken(name);
        throw e;
      }
      return { ...toDataset({ ...row, item_count: rows.length }), items: rows.map(toItem) };
    },

    async list(access: ProjectAccess, q: DatasetListQuery): Promise<DatasetList> {
      authorize(access, "datasets:read");
      const before = decodeCreatedCursor(SORT_KEY, q.cursor);
      const rows = await repo.listLiveDatasets(access.projectId, before, q.limit + 1);
      const page = pageOf(rows, q.limit, SORT_KEY, (r) => r.created_at);
      return { items: page.items.map(toDataset), next_cursor: page.next_cursor };
    },

    async get(access: ProjectAccess, id: string): Promise<DatasetWithItems> {
      authorize(access, "datasets:read");
      const row = await foundById(access.projectId, id);
      const items = await repo.listCurrentItems(id);
      return { ...toDataset(row), items: items.map(toItem) };
    },

    async update(access: ProjectAccess, id: string, patch: DatasetPatchBody): Promise<Dataset> {
      authorize(access, "datasets:write");
      const before = await foundById(access.projectId, id);
      const changes: Partial<Pick<DatasetRow, "name" | "description">> = {};
      if (patch.name !== undefined) {
        const name = checkedName(patch.name);
        if (name !== before.name) {
          if (await repo.findLiveDatasetByName(access.projectId, name)) throw nameTaken(name);
          changes.name = name;
        }
      }
      if (patch.description !== undefined && patch.description !== before.description)
        changes.description = patch.description;
      if (Object.keys(changes).length === 0) return toDataset(before);
      try {
        await repo.transaction(async (tx, trx) => {
          if (!(await tx.updateDataset(access.projectId, id, { ...changes, updated_at: iso(clock()) })))
            throw new NotFoundError("Dataset");
          await recordDataset(
            access,
            "dataset.update",
            id,
            {
              name: changes.name ?? before.name,
              ...(changes.name !== undefined ? { from: before.name } : {}),
              description_changed: changes.description !== undefined,
            },
            trx,
          );
        });
      } catch (e) {
        if (isUniqueViolation(e) && changes.name !== undefined) throw nameTaken(changes.name);
        throw e;
      }
      return toDataset(await foundById(access.projectId, id));
    },

    async remove(access: ProjectAccess, id: string): Promise<void> {
      authorize(access, "datasets:write");
      const row = await foundById(access.projectId, id);
      await repo.transaction(async (tx, trx) => {
        // Soft: runs that used the dataset keep reading its items; the name is free again.
        if (!(await tx.softDeleteDataset(access.projectId, id, iso(clock()))))
          throw new NotFoundError("Dataset");
        await recordDataset(access, "dataset.delete", id, { name: row.name, items: row.item_count }, trx);
      });
    },

    async addItems(access: ProjectAccess, id: string, body: ItemsBody): Promise<{ items: Item[] }> {
      authorize(access, "datasets:write");
      const many = Array.isArray(body);
      const items = many ? checkedItems(body, "") : checkedItems([body], "", false);
      await foundById(access.projectId, id);
      const rows = await append(access, id, items, (current) => {
        const message = tooMany(current, items.length);
        return new ValidationError(`Cannot add the items: ${message}`, [{ field: "body", message }]);
      });
      return { items: rows.map(toItem) };
    },

    async updateItem(access: ProjectAccess, id: string, itemId: string, patch: ItemPatch): Promise<Item> {
      authorize(access, "datasets:write");
      const current = await currentItem(access, id, itemId);
      const base = fileItemOf(current);
      const merged = {
        variables: patch.variables ?? base.variables,
        expected: patch.expected === undefined ? base.expected : patch.expected,
        tags: patch.tags ?? base.tags,
        note: patch.note ?? base.note,
      };
      const [item] = checkedItems([merged], "", false);
      if (!item) throw new Error("unreachable: one item checked");
      // An edit that changes nothing makes no revision.
      if (JSON.stringify(item) === JSON.stringify(base)) return toItem(current);
      const now = clock();
      const row: ItemRow = {
        ...current,
        id: newId(now),
        revision: current.revision + 1,
        variables: JSON.stringify(item.variables),
        expected: item.expected,
        tags: JSON.stringify(item.tags),
        note: item.note,
        created_by: access.userId,
        created_at: iso(now),
        superseded_at: null,
        deleted_at: null,
      };
      try {
        await repo.transaction(async (tx) => {
          if (!(await tx.touchDataset(access.projectId, id, iso(now)))) throw new NotFoundError("Dataset");
          if (!(await tx.supersedeRevision(current.id, iso(now), false)))
            throw new ConflictError(
              "The item changed meanwhile: read it again and retry",
              undefined,
              "item_changed",
            );
          await tx.insertItems([row]);
        });
      } catch (e) {
        if (isUniqueViolation(e))
          throw new ConflictError(
            "The item changed meanwhile: read it again and retry",
            undefined,
            "item_changed",
          );
        throw e;
      }
      return toItem(row);
    },

    async removeItem(access: ProjectAccess, id: string, itemId: string): Promise<void> {
      authorize(access, "datasets:write");
      const current = await currentItem(access, id, itemId);
      await repo.transaction(async (tx) => {
        const now = iso(clock());
        if (!(await tx.touchDataset(access.projectId, id, now))) throw new NotFoundError("Dataset");
        if (!(await tx.supersedeRevision(current.id, now, true))) throw new NotFoundError("Item");
      });
    },

    async revisions(access: ProjectAccess, id: string, itemId: string): Promise<{ items: ItemRevision[] }> {
      authorize(access, "datasets:read");
      await foundById(access.projectId, id);
      const rows = await repo.listRevisions(id, itemId);
      if (rows.length === 0) throw new NotFoundError("Item");
      return { items: rows.map(toRevision) };
    },

    /** Imports a whole file or nothing: the first bad row is a 422 naming its line. */
    async importItems(
      access: ProjectAccess,
      id: string,
      format: ImportFormat,
      bytes: Buffer,
    ): Promise<{ imported: number }> {
      authorize(access, "datasets:write");
      await foundById(access.projectId, id);
      try {
        const rows = await parseFile(format, bytes);
        if (rows.length === 0) throw importRefused(0, null, "the file holds no items");
        const items: FileItem[] = [];
        for (const row of rows) {
          const r = checkItem(row.value);
          if ("issue" in r) throw importRefused(row.line, r.issue.field, r.issue.message);
          items.push(r.item);
          // Checking 10,000 large rows takes a while: let other requests in now and then.
          if (items.length % CHECK_SLICE === 0) await yieldToLoop();
        }
        await append(
          access,
          id,
          items,
          (current) => {
            const room = Math.max(0, DATASET_LIMITS.itemsPerDataset - current);
            const line = rows[room]?.line ?? 0;
            return importRefused(
              line,
              null,
              `is past the limit: the import ${tooMany(current, items.length)}`,
            );
          },
          (trx) => recordDataset(access, "dataset.import", id, { format, items: items.length }, trx),
        );
        metrics?.datasetImportsTotal.labels(format, "imported").inc();
        metrics?.datasetItemsImportedTotal.labels(format).inc(items.length);
        return { imported: items.length };
      } catch (e) {
        if (e instanceof AppError && e.status === 422)
          metrics?.datasetImportsTotal.labels(format, "refused").inc();
        throw e;
      }
    },

    async exportItems(access: ProjectAccess, id: string, format: ImportFormat): Promise<DatasetExport> {
      authorize(access, "datasets:read");
      const row = await foundById(access.projectId, id);
      const items = (await repo.listCurrentItems(id)).map(fileItemOf);
      const base = row.name.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "dataset";
      if (format === "csv") {
        let body: string;
        try {
          body = toCsv(items);
        } catch (e) {
          if (e instanceof FileFormatError)
            throw new ValidationError(`Cannot export as CSV: ${e.message}`, [
              { field: "format", message: e.message },
            ]);
          throw e;
        }
        return { contentType: "text/csv; charset=utf-8", filename: `${base}.csv`, body };
      }
      return {
        contentType: "application/x-ndjson; charset=utf-8",
        filename: `${base}.jsonl`,
        body: toJsonLines(items),
      };
    },

    /**
     * The dataset a run (or the CLI) uses: by id, or by name among the live datasets of the project, with
     * its current items in order. NotFoundError otherwise (a deleted dataset cannot start a new run).
     * No permission check: the caller authorised the run.
     */
    async getDatasetForRun(projectId: string, datasetIdOrName: string): Promise<DatasetForRun> {
      const row = await foundByIdOrName(projectId, datasetIdOrName);
      const items = await repo.listCurrentItems(row.id);
      return {
        id: row.id,
        name: row.name,
        items: items.map((r) => ({
          revisionId: r.id,
          itemId: r.item_id,
          variables: parseJsonOr<Record<string, unknown>>(r.variables, {}),
          expected: r.expected,
        })),
      };
    },

    /**
     * The same dataset with only its current items' ids and revision ids: what starting a run stores.
     * The worker reads an item's variables and expected output by revision when it runs it, so a large
     * dataset's data is not loaded at once.
     */
    async getDatasetRefsForRun(
      projectId: string,
      datasetIdOrName: string,
    ): Promise<{ id: string; name: string; items: { revisionId: string; itemId: string }[] }> {
      const row = await foundByIdOrName(projectId, datasetIdOrName);
      const items = await repo.listCurrentItemRefs(row.id);
      return {
        id: row.id,
        name: row.name,
        items: items.map((r) => ({ revisionId: r.id, itemId: r.item_id })),
      };
    },
  };
}
