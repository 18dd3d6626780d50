// Labels of a prompt: list (with the computed `latest` and the history of moves), move to a version or a
// weighted split, remove. Protected labels (the project's list, `production` by default) are moved only
// by an approved promotion: a person moving one directly gets 409 naming the promotion route, an API key
// 403 whatever its scopes. Every move is a prompt_label_events row, an audit entry and a registry event,
// written in one transaction with the move; approvals reuse applyMove inside their own transaction.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { ConflictError, ForbiddenError, found, ValidationError } from "../../http/errors.js";
import { iso } from "../../lib/time.js";
import type { AuditRecorder } from "../audit/audit-service.js";
import { authorize, type ProjectAccess, viaApiKey } from "../projects/permissions.js";
import {
  isLabelName,
  LATEST,
  type LabelTarget,
  parseLabelList,
  type SplitEntry,
  splitIssues,
  targetOf,
  versionsOf,
} from "./label-targets.js";
import type { RegistryEventRecorder } from "./registry-events.js";
import {
  createRegistryRepository,
  type LabelEventWithActor,
  type LabelRow,
  type RegistryPromptRow,
  type RegistryQueries,
} from "./registry-repository.js";

/** History events a label listing returns (newest first). */
export const LABEL_HISTORY_LIMIT = 200;

export interface LabelView {
  label: string;
  /** The version it points at; null for a split. */
  version: number | null;
  split: SplitEntry[] | null;
  protected: boolean;
  /** True only for `latest`, which follows the newest version and cannot be moved. */
  computed: boolean;
  updated_by: string | null;
  updated_at: string | null;
}

export interface LabelEventView {
  id: string;
  label: string;
  from: LabelTarget | null;
  to: LabelTarget | null;
  actor: { id: string; username: string | null } | null;
  promotion_id: string | null;
  created_at: string;
}

export interface LabelMoveInput {
  version?: number;
  split?: SplitEntry[];
}

export interface LabelsServiceDeps {
  db: Db;
  clock: () => number;
  audit: AuditRecorder;
  events?: RegistryEventRecorder;
}

export type LabelsService = ReturnType<typeof createLabelsService>;

/** Most labels one prompt may carry (every registry fetch of the prompt reads them all). */
export const MAX_LABELS_PER_PROMPT = 50;

/** A target as one short string for the audit log ("3", or "3:90,4:10" for a split). */
export function describeTarget(t: LabelTarget | null): string | null {
  if (t === null) return null;
  return "version" in t ? String(t.version) : t.split.map((e) => `${e.version}:${e.weight}`).join(",");
}

export function toLabelView(row: LabelRow, protectedLabels: readonly string[]): LabelView {
  return {
    label: row.label,
    version: row.version === null ? null : Number(row.version),
    split: row.split === null ? null : (JSON.parse(row.split) as SplitEntry[]),
    protected: protectedLabels.includes(row.label),
    computed: false,
    updated_by: row.updated_by,
    updated_at: row.updated_at,
  };
}

function toEventView(row: LabelEventWithActor): LabelEventView {
  return {
    id: row.id,
    label: row.label,
    from: row.from_target === null ? null : (JSON.parse(row.from_target) as LabelTarget),
    to: row.to_target === null ? null : (JSON.parse(row.to_target) as LabelTarget),
    actor: row.actor_id === null ? null : { id: row.actor_id, username: row.actor_username },
    promotion_id: row.promotion_id,
    created_at: row.created_at,
  };
}

function checkLabelName(label: string): void {
  if (label === LATEST)
    throw new ValidationError("The label latest always means the newest version and cannot be moved", [
      { field: "label", message: "latest is computed and cannot be moved or removed" },
    ]);
  if (!isLabelName(label))
    throw new ValidationError("Invalid label name", [
      { field: "label", message: "must be 1–40 characters of a-z, 0-9, '.', '_' and '-'" },
    ]);
}

export function promotionRoute(projectSlug: string, promptId: string): string {
  return `POST /api/v1/projects/${projectSlug}/prompts/${promptId}/promotions`;
}

/** The prompt of the project, or 404: what every labels and promotions call starts from. */
export async function requirePrompt(
  q: RegistryQueries,
  projectId: string,
  id: string,
): Promise<RegistryPromptRow> {
  return found(await q.findPrompt(projectId, id), "Prompt");
}

export function createLabelsService(deps: LabelsServiceDeps) {
  const { clock, audit, events } = deps;
  const repo = createRegistryRepository(deps.db);

  /** The target a move body names, checked against the prompt's versions. */
  async function targetFrom(
    q: RegistryQueries,
    promptId: string,
    input: LabelMoveInput,
  ): Promise<LabelTarget> {
    const hasVersion = input.version !== undefined;
    const hasSplit = input.split !== undefined;
    if (hasVersion === hasSplit)
      throw new ValidationError("Give either version or split", [
        { field: hasVersion ? "split" : "version", message: "exactly one of version and split is required" },
      ]);
    const target: LabelTarget = hasVersion
      ? { version: input.version as number }
      : { split: (input.split as SplitEntry[]).map((e) => ({ version: e.version, weight: e.weight })) };
    if ("split" in target) {
      const issues = splitIssues(target.split);
      if (issues.length) throw new ValidationError(`Invalid split: ${issues[0]?.message}`, issues);
    }
    const wanted = versionsOf(target);
    const found = await q.existingVersions(promptId, wanted);
    const missing = wanted.filter((v) => !found.has(v));
    if (missing.length)
      throw new ValidationError(`The prompt has no version ${missing.join(", ")}`, [
        ...missing.map((v) => ({
          field: hasVersion ? "version" : "split",
          message: `version ${v} does not exist`,
        })),
      ]);
    return target;
  }

  /**
   * Points `label` at `to` (null removes it) on the caller's transaction: the label row, its history
   * event, the audit entry and the registry event. Returns the label row written (undefined on removal).
   */
  async function applyMove(
    tx: RegistryQueries,
    trx: Db,
    m: {
      access: ProjectAccess;
      prompt: RegistryPromptRow;
      label: string;
      from: LabelRow | undefined;
      to: LabelTarget | null;
      promotionId?: string;
    },
  ): Promise<LabelRow | undefined> {
    const now = iso(clock());
    const fromTarget = m.from ? targetOf(m.from) : null;
    let row: LabelRow | undefined;
    if (m.to === null) {
      await tx.deleteLabel(m.prompt.id, m.label);
    } else {
      row = {
        prompt_id: m.prompt.id,
        label: m.label,
        project_id: m.prompt.project_id,
        version: "version" in m.to ? m.to.version : null,
        split: "split" in m.to ? JSON.stringify(m.to.split) : null,
        updated_by: m.access.userId,
        updated_at: now,
      };
      await tx.upsertLabel(row);
    }
    await tx.insertLabelEvent({
      id: newId(clock()),
      project_id: m.prompt.project_id,
      prompt_id: m.prompt.id,
      label: m.label,
      from_target: fromTarget === null ? null : JSON.stringify(fromTarget),
      to_target: m.to === null ? null : JSON.stringify(m.to),
      actor_id: m.access.userId,
      promotion_id: m.promotionId ?? null,
      created_at: now,
    });
    await audit.record(
      {
        projectId: m.prompt.project_id,
        action: m.to === null ? "label.remove" : "label.move",
        target: { type: "prompt", id: m.prompt.id },
        summary: {
          name: m.prompt.name,
          label: m.label,
          from: describeTarget(fromTarget),
          to: describeTarget(m.to),
          promotion_id: m.promotionId,
        },
      },
      m.access.origin,
      trx,
    );
    await events?.record(trx, {
      projectId: m.prompt.project_id,
      type: "prompt.label.moved",
      data: {
        prompt_id: m.prompt.id,
        name: m.prompt.name,
        label: m.label,
        from: fromTarget,
        to: m.to,
        promotion_id: m.promotionId ?? null,
        actor_id: m.access.userId,
      },
    });
    return row;
  }

  /**
   * Runs a direct change of `label` in one transaction, after the protection check made inside it (so
   * a label protected meanwhile is never moved): an API key on a protected label is 403 whatever its
   * scopes; then labels:move; then the prompt (404, locked for the change); then a person on a
   * protected label is 409 naming the promotion route.
   */
  function directChange<T>(
    access: ProjectAccess,
    promptId: string,
    label: string,
    fn: (tx: RegistryQueries, trx: Db, prompt: RegistryPromptRow, protectedLabels: string[]) => Promise<T>,
  ): Promise<T> {
    checkLabelName(label);
    return repo.transaction(async (tx, trx) => {
      const settings = await tx.findSettings(access.projectId);
      const protectedLabels = parseLabelList(settings?.protected_labels);
      const isProtected = protectedLabels.includes(label);
      if (isProtected && viaApiKey(access))
        throw new ForbiddenError(`No API key can move the protected label ${label}, whatever its scopes`);
      authorize(access, "labels:move");
      const prompt = found(await tx.lockPrompt(access.projectId, promptId), "Prompt");
      if (isProtected) {
        const route = promotionRoute(settings?.slug ?? access.projectId, prompt.id);
        throw new ConflictError(
          `The label ${label} is protected: request a promotion with ${route}`,
          { promotion_route: route, label },
          "protected_label",
        );
      }
      return fn(tx, trx, prompt, protectedLabels);
    });
  }

  async function list(
    access: ProjectAccess,
    promptId: string,
  ): Promise<{ items: LabelView[]; history: LabelEventView[] }> {
    authorize(access, "prompts:read");
    const prompt = await requirePrompt(repo, access.projectId, promptId);
    const [rows, history, settings] = await Promise.all([
      repo.listLabels(prompt.id),
      repo.listLabelEvents(prompt.id, LABEL_HISTORY_LIMIT),
      repo.findSettings(access.projectId),
    ]);
    const protectedLabels = parseLabelList(settings?.protected_labels);
    const latest: LabelView = {
      label: LATEST,
      version: Number(prompt.current_version),
      split: null,
      protected: false,
      computed: true,
      updated_by: null,
      updated_at: null,
    };
    return {
      items: [latest, ...rows.map((r) => toLabelView(r, protectedLabels))],
      history: history.map(toEventView),
    };
  }

  async function move(
    access: ProjectAccess,
    promptId: string,
    label: string,
    input: LabelMoveInput,
  ): Promise<LabelView> {
    return directChange(access, promptId, label, async (tx, trx, prompt, protectedLabels) => {
      const to = await targetFrom(tx, prompt.id, input);
      const from = await tx.findLabel(prompt.id, label);
      if (!from && (await tx.listLabels(prompt.id)).length >= MAX_LABELS_PER_PROMPT)
        throw new ValidationError(
          `A prompt may have at most ${MAX_LABELS_PER_PROMPT} labels: remove one before adding ${label}`,
          [{ field: "label", message: `would exceed ${MAX_LABELS_PER_PROMPT} labels on this prompt` }],
        );
      // Pointing a label where it already points changes nothing and records nothing.
      const unchanged = from && JSON.stringify(targetOf(from)) === JSON.stringify(to);
      const row = unchanged ? from : await applyMove(tx, trx, { access, prompt, label, from, to });
      return toLabelView(row as LabelRow, protectedLabels);
    });
  }

  async function remove(access: ProjectAccess, promptId: string, label: string): Promise<void> {
    await directChange(access, promptId, label, async (tx, trx, prompt) => {
      const from = found(await tx.findLabel(prompt.id, label), `Label ${label}`);
      await applyMove(tx, trx, { access, prompt, label, from, to: null });
    });
  }

  return { list, move, remove, applyMove };
}
