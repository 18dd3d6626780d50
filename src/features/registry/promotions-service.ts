// Promotion requests: the reviewed way to move a label (the only way for a protected one). A request
// carries the line diff against the labelled version, both versions' offline analysis side by side and
// the quality gate's verdict; a failing gate stores it as `blocked`. A newer request for the same prompt
// and label supersedes pending older ones. Approval needs promotions:approve, a person (never an API
// key), someone other than the requester unless the project allows self-approval, and a label still
// where the request found it; it moves the label in the same transaction. Also the prompt-level gate.
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { ConflictError, ForbiddenError, found, NotFoundError, ValidationError } from "../../http/errors.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import type { AnalysisResult, Scores } from "../analysis/engine/types.js";
import { scoreVersionText } from "../analysis/version-scores.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import { authorize, type ProjectAccess, viaApiKey } from "../projects/permissions.js";
import { diffLines, type LineDiff, splitLines } from "../prompts/diff.js";
import { isLabelName, LATEST, pickFromSplit, targetOf } from "./label-targets.js";
import { type LabelsService, requirePrompt } from "./labels-service.js";
import {
  type EvalGateFinding,
  effectiveGate,
  evaluateGate,
  type GateSettings,
  type GateVerdict,
  parseGate,
} from "./promotion-gate.js";
import type { RegistryEventRecorder } from "./registry-events.js";
import {
  createRegistryRepository,
  type PromotionRow,
  type PromotionWithNames,
  type RegistryPromptRow,
} from "./registry-repository.js";

export const PROMOTION_LIMITS = { note: 2000, comment: 2000, list: 100 } as const;

export interface VersionAnalysis {
  version: number;
  scores: Scores;
  findings: { rule: string; kind: string; severity: string; message: string }[];
  engine_version: string;
}

export interface PromotionSummary {
  id: string;
  prompt_id: string;
  prompt_name: string;
  label: string;
  status: PromotionRow["status"];
  from_version: number | null;
  version: number;
  note: string | null;
  gate: GateVerdict | null;
  requested_by: { id: string; username: string | null } | null;
  created_at: string;
  decided_by: { id: string; username: string | null } | null;
  decided_at: string | null;
  decision_comment: string | null;
}

export interface Promotion extends PromotionSummary {
  diff: LineDiff;
  analyses: { from: VersionAnalysis | null; to: VersionAnalysis };
}

export interface PromotionRequestInput {
  label: string;
  version: number;
  note?: string;
}

export interface PromotionsServiceDeps {
  db: Db;
  clock: () => number;
  audit: AuditRecorder;
  metrics: Pick<Metrics, "promotionsTotal">;
  labels: Pick<LabelsService, "applyMove">;
  events?: RegistryEventRecorder;
  /** The gate's min_eval_pass_rate look-up: the version's latest completed run on a dataset. */
  evaluationGate?: (
    projectId: string,
    promptId: string,
    version: number,
    dataset: string,
  ) => Promise<EvalGateFinding>;
}

export type PromotionsService = ReturnType<typeof createPromotionsService>;

function analysisView(version: number, r: AnalysisResult): VersionAnalysis {
  return {
    version,
    scores: r.scores,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      kind: f.kind,
      severity: f.severity,
      message: f.message,
    })),
    engine_version: r.engine_version,
  };
}

/** The diff against no text at all (the label points nowhere yet): every line added. */
function allAdded(text: string): LineDiff {
  const lines = splitLines(text).map((line, i) => ({
    op: "add" as const,
    text: line,
    old_line: null,
    new_line: i + 1,
  }));
  return { lines, added: lines.length, removed: 0, minimal: true };
}

/** What the audit entry and the webhook event of a promotion both say of the move it asks for. */
function aboutMove(
  prompt: { id: string; name: string },
  label: string,
  fromVersion: number | null,
  version: number,
) {
  return { prompt_id: prompt.id, name: prompt.name, label, from_version: fromVersion, version };
}

function toSummary(row: PromotionWithNames): PromotionSummary {
  return {
    id: row.id,
    prompt_id: row.prompt_id,
    prompt_name: row.prompt_name,
    label: row.label,
    status: row.status,
    from_version: row.from_version === null ? null : Number(row.from_version),
    version: Number(row.version),
    note: row.note,
    gate: row.gate === null ? null : (JSON.parse(row.gate) as GateVerdict),
    requested_by:
      row.requested_by === null ? null : { id: row.requested_by, username: row.requested_by_username },
    created_at: row.created_at,
    decided_by: row.decided_by === null ? null : { id: row.decided_by, username: row.decided_by_username },
    decided_at: row.decided_at,
    decision_comment: row.decision_comment,
  };
}

function refuseKeys(access: ProjectAccess, what: string): void {
  if (viaApiKey(access)) throw new ForbiddenError(`No API key can ${what}, whatever its scopes`);
}

export function createPromotionsService(deps: PromotionsServiceDeps) {
  const { clock, audit, metrics, labels, events } = deps;
  const recordPromotion = recorderFor(audit, "promotion");
  const recordPrompt = recorderFor(audit, "prompt");
  const repo = createRegistryRepository(deps.db);

  /** Diff and analyses of a request, computed from the stored versions (pure CPU after two reads). */
  async function comparison(
    prompt: RegistryPromptRow,
    fromVersion: number | null,
    version: number,
  ): Promise<{
    diff: LineDiff;
    from: AnalysisResult | null;
    to: AnalysisResult;
    analyses: Promotion["analyses"];
  }> {
    const [fromRow, toRow] = await Promise.all([
      fromVersion === null ? undefined : repo.findVersion(prompt.id, fromVersion),
      repo.findVersion(prompt.id, version),
    ]);
    if (!toRow) throw new NotFoundError(`Version ${version}`);
    const to = (await scoreVersionText(toRow.content, prompt.target_llm)).result;
    const from = fromRow ? (await scoreVersionText(fromRow.content, prompt.target_llm)).result : null;
    return {
      diff: fromRow ? diffLines(fromRow.content, toRow.content) : allAdded(toRow.content),
      from,
      to,
      analyses: {
        from: from && fromVersion !== null ? analysisView(fromVersion, from) : null,
        to: analysisView(version, to),
      },
    };
  }

  async function withDetails(row: PromotionWithNames, prompt: RegistryPromptRow): Promise<Promotion> {
    const from = row.from_version === null ? null : Number(row.from_version);
    const c = await comparison(prompt, from, Number(row.version));
    return { ...toSummary(row), diff: c.diff, analyses: c.analyses };
  }

  async function request(
    access: ProjectAccess,
    promptId: string,
    input: PromotionRequestInput,
  ): Promise<Promotion> {
    authorize(access, "promotions:request");
    if (input.label === LATEST || !isLabelName(input.label))
      throw new ValidationError("Invalid label for a promotion", [
        {
          field: "label",
          message:
            input.label === LATEST
              ? "latest is computed and cannot be promoted to"
              : "must be 1–40 characters of a-z, 0-9, '.', '_' and '-'",
        },
      ]);
    const note = input.note?.trim() || null;
    const prompt = await requirePrompt(repo, access.projectId, promptId);
    const [toRow, current, settings] = await Promise.all([
      repo.findVersion(prompt.id, input.version),
      repo.findLabel(prompt.id, input.label),
      repo.findSettings(access.projectId),
    ]);
    if (!toRow)
      throw new ValidationError(`The prompt has no version ${input.version}`, [
        { field: "version", message: `version ${input.version} does not exist` },
      ]);
    const currentTarget = current ? targetOf(current) : null;
    // A split's "from" is its heaviest version: what an unbucketed fetch serves.
    const fromVersion =
      currentTarget === null
        ? null
        : "version" in currentTarget
          ? currentTarget.version
          : pickFromSplit(currentTarget.split, prompt.id, undefined);
    const c = await comparison(prompt, fromVersion, input.version);
    const applies = effectiveGate(prompt.promotion_gate, settings?.promotion_gate);
    const wanted = applies.settings?.min_eval_pass_rate;
    const evaluation = wanted
      ? await (deps.evaluationGate?.(access.projectId, prompt.id, input.version, wanted.dataset) ??
          Promise.resolve<EvalGateFinding>({ found: false, reason: "Evaluations are not available" }))
      : undefined;
    const gate = evaluateGate(applies, c.from, c.to, evaluation);
    const status = gate.passed ? "pending" : "blocked";
    const now = iso(clock());
    const row: PromotionRow = {
      id: newId(clock()),
      project_id: access.projectId,
      prompt_id: prompt.id,
      label: input.label,
      from_version: fromVersion,
      version: input.version,
      note,
      status,
      gate: JSON.stringify(gate),
      requested_by: access.userId,
      created_at: now,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
    };
    await repo.transaction(async (tx, trx) => {
      // Two requests for the same label at once: the prompt row lock makes the later one supersede.
      await tx.lockPrompt(access.projectId, prompt.id);
      const superseded = await tx.supersedePending(prompt.id, input.label, now);
      await tx.insertPromotion(row);
      const about = { ...aboutMove(prompt, input.label, fromVersion, input.version), status };
      await recordPromotion(
        access,
        "promotion.request",
        row.id,
        { ...about, superseded: superseded.length ? superseded : undefined },
        trx,
      );
      await events?.record(trx, {
        projectId: access.projectId,
        type: "promotion.requested",
        data: {
          promotion_id: row.id,
          ...about,
          gate_passed: gate.passed,
          requested_by: access.userId,
        },
      });
    });
    metrics.promotionsTotal.labels(status === "blocked" ? "blocked" : "requested").inc();
    const stored = await repo.findPromotion(access.projectId, row.id);
    return { ...toSummary(stored as PromotionWithNames), diff: c.diff, analyses: c.analyses };
  }

  async function get(access: ProjectAccess, id: string): Promise<Promotion> {
    authorize(access, "prompts:read");
    const row = found(await repo.findPromotion(access.projectId, id), "Promotion");
    return withDetails(row, await requirePrompt(repo, access.projectId, row.prompt_id));
  }

  async function list(access: ProjectAccess, promptId: string): Promise<{ items: PromotionSummary[] }> {
    authorize(access, "prompts:read");
    const prompt = await requirePrompt(repo, access.projectId, promptId);
    const rows = await repo.listPromotions(access.projectId, prompt.id, PROMOTION_LIMITS.list);
    return { items: rows.map(toSummary) };
  }

  /** The project's requests, newest first: all, or those of one status (`pending` for reviewers). */
  async function listProject(
    access: ProjectAccess,
    status: PromotionRow["status"] | undefined,
  ): Promise<{ items: PromotionSummary[] }> {
    authorize(access, "prompts:read");
    const rows = await repo.listProjectPromotions(access.projectId, status, PROMOTION_LIMITS.list);
    return { items: rows.map(toSummary) };
  }

  async function decide(
    access: ProjectAccess,
    id: string,
    decision: "approved" | "rejected",
    comment: string | undefined,
  ): Promise<Promotion> {
    refuseKeys(access, decision === "approved" ? "approve a promotion" : "reject a promotion");
    authorize(access, "promotions:approve");
    const text = comment?.trim() || null;
    const asked = found(await repo.findPromotion(access.projectId, id), "Promotion");
    await repo.transaction(async (tx, trx) => {
      // The prompt row lock orders this decision after any concurrent move of the same prompt's labels.
      const prompt = found(await tx.lockPrompt(access.projectId, asked.prompt_id), "Promotion");
      const row = found(await tx.findPromotion(access.projectId, id), "Promotion");
      if (row.status !== "pending") {
        const why =
          row.status === "blocked"
            ? "it was blocked by the quality gate: fix the version and request again"
            : `it is already ${row.status}`;
        throw new ConflictError(
          `This promotion cannot be decided: ${why}`,
          { status: row.status },
          "promotion_not_pending",
        );
      }
      if (decision === "approved" && row.requested_by === access.userId) {
        const settings = await tx.findSettings(access.projectId);
        if (Number(settings?.allow_self_approval ?? 0) !== 1)
          throw new ForbiddenError(
            "You requested this promotion: another admin must approve it (or the project must allow self-approval)",
          );
      }
      const now = iso(clock());
      const label = await tx.findLabel(prompt.id, row.label);
      if (decision === "approved") {
        const t = label ? targetOf(label) : null;
        const nowFrom =
          t === null ? null : "version" in t ? t.version : pickFromSplit(t.split, prompt.id, undefined);
        const was = row.from_version === null ? null : Number(row.from_version);
        // A label changed after the request is stale even when its (heaviest) version is the same again:
        // a split set meanwhile would otherwise be overwritten unseen.
        if (nowFrom !== was || (label !== undefined && label.updated_at > row.created_at))
          throw new ConflictError(
            `The label ${row.label} has moved since this promotion was requested (it was at ${row.from_version ?? "no version"}, it is at ${nowFrom ?? "no version"}): request again`,
            { from_version: row.from_version, current_version: nowFrom },
            "promotion_stale",
          );
      }
      if (
        !(await tx.decidePromotion(id, {
          status: decision,
          decided_by: access.userId,
          decided_at: now,
          comment: text,
        }))
      )
        throw new ConflictError("This promotion was decided meanwhile", undefined, "promotion_not_pending");
      if (decision === "approved")
        await labels.applyMove(tx, trx, {
          access,
          prompt,
          label: row.label,
          from: label,
          to: { version: Number(row.version) },
          promotionId: row.id,
        });
      const about = aboutMove(prompt, row.label, row.from_version, row.version);
      await recordPromotion(
        access,
        decision === "approved" ? "promotion.approve" : "promotion.reject",
        row.id,
        { ...about, requested_by: row.requested_by },
        trx,
      );
      await events?.record(trx, {
        projectId: access.projectId,
        type: "promotion.decided",
        data: {
          promotion_id: row.id,
          ...about,
          decision,
          decided_by: access.userId,
          comment: text,
        },
      });
    });
    metrics.promotionsTotal.labels(decision).inc();
    const after = await repo.findPromotion(access.projectId, id);
    return withDetails(
      after as PromotionWithNames,
      await requirePrompt(repo, access.projectId, asked.prompt_id),
    );
  }

  /** The gate that applies to a prompt's promotions: its own override, else the project's. */
  async function getGate(access: ProjectAccess, promptId: string) {
    authorize(access, "prompts:read");
    const prompt = await requirePrompt(repo, access.projectId, promptId);
    const settings = await repo.findSettings(access.projectId);
    return gateView(prompt.promotion_gate, settings?.promotion_gate ?? null);
  }

  function gateView(promptGate: string | null, projectGate: string | null) {
    const eff = effectiveGate(promptGate, projectGate);
    return {
      prompt: parseGate(promptGate),
      project: parseGate(projectGate),
      effective: eff.settings,
      source: eff.source,
    };
  }

  /** Sets (gate object) or clears (null) the prompt's own gate. */
  async function setGate(access: ProjectAccess, promptId: string, gate: GateSettings | null) {
    refuseKeys(access, "change a promotion gate");
    authorize(access, "labels:protect");
    const prompt = await requirePrompt(repo, access.projectId, promptId);
    const stored = gate === null ? null : JSON.stringify(gate);
    await repo.transaction(async (tx, trx) => {
      if (!(await tx.setPromptGate(access.projectId, prompt.id, stored))) throw new NotFoundError("Prompt");
      await recordPrompt(
        access,
        "prompt.update",
        prompt.id,
        {
          name: prompt.name,
          promotion_gate_from: prompt.promotion_gate,
          promotion_gate: stored,
        },
        trx,
      );
    });
    const settings = await repo.findSettings(access.projectId);
    return gateView(stored, settings?.promotion_gate ?? null);
  }

  return {
    request,
    get,
    list,
    listProject,
    approve: (a: ProjectAccess, id: string, comment?: string) => decide(a, id, "approved", comment),
    reject: (a: ProjectAccess, id: string, comment?: string) => decide(a, id, "rejected", comment),
    getGate,
    setGate,
  };
}
