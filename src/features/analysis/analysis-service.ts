// Use cases of /api/v1/analysis: analyse and enhance text or a saved prompt (storing the result
// against the prompt's version and updating its score), save an enhancement as a new version, batch
// analysis, ambiguity and best-practice views, provider status, and a prompt's score history.
// The domain counters (prompts_analyzed_total, prompts_enhanced_total, prompt_quality_score) are
// counted here; provider metrics belong to the LLM wrapper.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { newId } from "../../db/ids.js";
import type { Db } from "../../db/repository.js";
import { AppError, ValidationError } from "../../http/errors.js";
import { cachedFor } from "../../lib/cache.js";
import { iso } from "../../lib/time.js";
import type { Metrics } from "../../observability/metrics.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import type { PromptsService } from "../prompts/prompts-service.js";
import { type AnalysisRow, createAnalysisRepository } from "./analysis-repository.js";
import {
  type AnalysisHistoryItem,
  type AnalyzeBody,
  type BatchBody,
  type EnhanceBody,
  MAX_TEXT,
  type ModelsResponse,
} from "./analysis-schemas.js";
import type { AnalysisResult, Finding, Strategy, TargetLlm } from "./engine/types.js";
import { STRATEGIES } from "./engine/types.js";
import { ENGINE_VERSION } from "./engine/version.js";
import { loadEngine } from "./engine-loader.js";
import type { ActiveProvider, resolveProvider } from "./providers/index.js";
import {
  AMBIGUITY_KINDS,
  analyzeText,
  DEFAULT_STRATEGY,
  type EnhanceResponse,
  enhanceResponse,
  enhanceText,
} from "./providers/llm-analysis.js";
import type { ResilientLlm } from "./providers/resilient-llm.js";

export interface AnalysisServiceDeps {
  db: Db;
  clock: () => number;
  metrics: Pick<Metrics, "promptsAnalyzedTotal" | "promptsEnhancedTotal" | "promptQualityScore">;
  /** The configured provider, or null for the offline engine alone. */
  llm: ResilientLlm | null;
  prompts: Pick<PromptsService, "get" | "update">;
  config: Parameters<typeof resolveProvider>[0];
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;

export interface BatchItemResult {
  ok: boolean;
  result?: AnalysisResult;
  error?: { code: string; message: string; details?: unknown };
}

interface Source {
  text: string;
  targetLlm: TargetLlm;
  prompt?: { id: string; version: number };
}

const MODELS_CACHE_MS = 30_000;
const HISTORY_LIMIT = 500;
const BATCH_CONCURRENCY = 4;

function checkText(text: string, field = "text"): void {
  const n = [...text].length;
  if (text.trim() === "")
    throw new ValidationError(`Invalid ${field}: must not be empty`, [
      { field, message: "must not be empty" },
    ]);
  if (n > MAX_TEXT) {
    throw new ValidationError(`Invalid ${field}: must be at most ${MAX_TEXT} characters (got ${n})`, [
      { field, message: `must be at most ${MAX_TEXT} characters` },
    ]);
  }
}

export function createAnalysisService(deps: AnalysisServiceDeps) {
  const { clock, metrics, llm, prompts } = deps;
  const repo = createAnalysisRepository(deps.db);
  const active: ActiveProvider = llm ? llm.provider : "local";

  /** Exactly one of text and prompt_id; a prompt of someone else is 404 (from the prompts service). */
  async function sourceOf(
    access: ProjectAccess,
    body: { text?: string; prompt_id?: string; target_llm?: TargetLlm },
  ): Promise<Source> {
    if ((body.text === undefined) === (body.prompt_id === undefined)) {
      throw new ValidationError("Give either text or prompt_id", [
        {
          field: body.text === undefined ? "text" : "prompt_id",
          message: "exactly one of text and prompt_id is required",
        },
      ]);
    }
    if (body.text !== undefined) {
      checkText(body.text);
      return { text: body.text, targetLlm: body.target_llm ?? "generic" };
    }
    // A stored prompt's analysis is kept in its history (and may set its score): a write to the prompt.
    authorize(access, "prompts:write");
    const prompt = await prompts.get(access, body.prompt_id as string);
    return {
      text: prompt.content,
      targetLlm: body.target_llm ?? prompt.target_llm,
      prompt: { id: prompt.id, version: prompt.version },
    };
  }

  /** Keeps an analysis in the history and, when it is of a stored version, sets that version's score. */
  async function keep(projectId: string, analysis: AnalysisRow): Promise<void> {
    await repo.transaction(async (tx) => {
      await tx.insertAnalyses([analysis]);
      if (analysis.prompt_id !== null && analysis.prompt_version !== null)
        await tx.setPromptScore(
          projectId,
          analysis.prompt_id,
          analysis.prompt_version,
          analysis.overall_score,
          analysis.engine_version,
        );
    });
  }

  function row(
    userId: string,
    kind: "analyze" | "enhance",
    engine: string,
    overall: number,
    result: unknown,
    engineVersion: string | null,
    prompt?: { id: string; version: number | null },
  ): AnalysisRow {
    return {
      id: newId(clock()),
      user_id: userId,
      prompt_id: prompt?.id ?? null,
      prompt_version: prompt?.version ?? null,
      kind,
      engine,
      overall_score: overall,
      result: JSON.stringify(result),
      created_at: iso(clock()),
      engine_version: engineVersion,
    };
  }

  function countAnalysis(result: AnalysisResult): void {
    metrics.promptsAnalyzedTotal.inc();
    metrics.promptQualityScore.observe(result.scores.overall);
  }

  async function analyzeOne(
    access: ProjectAccess,
    body: AnalyzeBody,
    requestId?: string,
  ): Promise<AnalysisResult> {
    authorize(access, "analysis:run");
    const source = await sourceOf(access, body);
    const result = await analyzeText(source.text, { targetLlm: source.targetLlm, requestId }, llm);
    countAnalysis(result);
    await keep(
      access.projectId,
      row(
        access.userId,
        "analyze",
        result.engine,
        result.scores.overall,
        result,
        result.engine_version,
        source.prompt,
      ),
    );
    return result;
  }

  async function enhanceOne(
    access: ProjectAccess,
    body: EnhanceBody,
    requestId?: string,
  ): Promise<EnhanceResponse> {
    authorize(access, "analysis:run");
    if (body.save && body.prompt_id === undefined) {
      throw new ValidationError("save needs prompt_id", [
        { field: "save", message: "is only allowed with prompt_id" },
      ]);
    }
    const source = await sourceOf(access, body);
    const strategies: Strategy[] =
      body.variants === 3 ? [...STRATEGIES] : [body.strategy ?? DEFAULT_STRATEGY];
    const outcome = await enhanceText(
      source.text,
      { strategies, targetLlm: source.targetLlm, requestId },
      llm,
    );
    const response = enhanceResponse(outcome, body.strategy);
    metrics.promptsEnhancedTotal.inc();
    metrics.promptQualityScore.observe(response.after_score);

    let stored: { id: string; version: number | null } | undefined = source.prompt
      ? { id: source.prompt.id, version: null }
      : undefined;
    if (body.save && source.prompt) {
      const note = `Enhanced (${response.strategy}, ${response.engine}): score ${response.before_score} → ${response.after_score}`;
      // The prompts service owns versions: a concurrent edit since we read the prompt is a 409.
      const saved = await prompts.update(
        access,
        source.prompt.id,
        { content: response.enhanced_text, change_note: note },
        source.prompt.version,
      );
      response.saved_version = saved.version;
      stored = { id: source.prompt.id, version: saved.version };
    }
    await keep(
      access.projectId,
      row(
        access.userId,
        "enhance",
        response.engine,
        response.after_score,
        response,
        response.analysis.engine_version,
        stored,
      ),
    );
    return response;
  }

  async function versions(
    access: ProjectAccess,
    promptId: string,
    targetLlm: TargetLlm | undefined,
    requestId?: string,
  ): Promise<EnhanceResponse> {
    return enhanceOne(access, { prompt_id: promptId, variants: 3, target_llm: targetLlm }, requestId);
  }

  async function batch(
    access: ProjectAccess,
    body: BatchBody,
    requestId?: string,
  ): Promise<{ results: BatchItemResult[] }> {
    authorize(access, "analysis:run");
    const results: BatchItemResult[] = new Array(body.items.length);
    let next = 0;
    const worker = async () => {
      while (next < body.items.length) {
        const i = next++;
        const item = body.items[i] as BatchBody["items"][number];
        try {
          checkText(item.text, `items.${i}.text`);
          const result = await analyzeText(
            item.text,
            { targetLlm: item.target_llm ?? "generic", requestId },
            llm,
          );
          countAnalysis(result);
          results[i] = { ok: true, result };
          // the offline engine answers without waiting: let other requests in between two items, so a
          // batch of long texts holds the event loop for one analysis at a time, not for all of them
          // (one worker then: several would each run an item in the same turn of the loop)
          await yieldToLoop();
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results[i] = {
            ok: false,
            error: {
              code: e.code,
              message: e.message,
              ...(e.details === undefined ? {} : { details: e.details }),
            },
          };
        }
      }
    };
    const workers = llm ? Math.min(BATCH_CONCURRENCY, body.items.length) : 1;
    await Promise.all(Array.from({ length: workers }, worker));
    const rows = results.flatMap((r) =>
      r.ok && r.result
        ? [
            row(
              access.userId,
              "analyze",
              r.result.engine,
              r.result.scores.overall,
              r.result,
              r.result.engine_version,
            ),
          ]
        : [],
    );
    await repo.insertAnalyses(rows);
    return { results };
  }

  async function ambiguities(
    access: ProjectAccess,
    text: string,
    targetLlm: TargetLlm | undefined,
    requestId?: string,
  ): Promise<{ findings: Finding[]; engine: string; fallback_reason?: string }> {
    authorize(access, "analysis:run");
    const result = await analyzeText(text, { targetLlm, requestId }, llm);
    return {
      findings: result.findings.filter((f) => AMBIGUITY_KINDS.includes(f.kind)),
      engine: result.engine,
      ...(result.fallback_reason ? { fallback_reason: result.fallback_reason } : {}),
    };
  }

  /** The checklist and target advice are the deterministic rules' domain: no LLM call needed. */
  async function bestPractices(access: ProjectAccess, text: string, targetLlm: TargetLlm | undefined) {
    authorize(access, "analysis:run");
    const { analyze } = await loadEngine();
    const result = analyze(text, { targetLlm: targetLlm ?? "generic" });
    return { checklist: result.checklist, llm_advice: result.llm_advice };
  }

  async function loadModels(requestId?: string): Promise<ModelsResponse> {
    const now = clock();
    const cfg = deps.config;
    const probe = llm ? await llm.probe(requestId) : undefined;
    const remote = (name: "gemini" | "openai", configured: boolean, model: string) => {
      const isActive = active === name;
      return {
        name,
        configured,
        active: isActive,
        models: isActive && probe ? probe.models : [model],
        available: isActive && probe ? probe.ok : false,
        ...(isActive && probe?.error
          ? { error: probe.error }
          : !isActive
            ? { error: configured ? "inactive" : "not_configured" }
            : {}),
        ...(isActive && llm ? { circuit: llm.circuitState } : {}),
      };
    };
    const value: ModelsResponse = {
      active,
      providers: [
        {
          name: "local",
          configured: true,
          active: active === "local",
          models: ["promptforge-rules"],
          available: true,
        },
        remote("gemini", Boolean(cfg.GEMINI_API_KEY), cfg.GEMINI_MODEL),
        remote(
          "openai",
          Boolean(cfg.OPENAI_BASE_URL) || cfg.ANALYSIS_PROVIDER === "openai",
          cfg.OPENAI_MODEL,
        ),
      ],
      engine_version: ENGINE_VERSION,
      checked_at: new Date(now).toISOString(),
    };
    return value;
  }
  // Shared by every caller (the page polls it); the probe of the call that refreshes it is the one used.
  const models = cachedFor(MODELS_CACHE_MS, clock, loadModels);

  async function history(access: ProjectAccess, promptId: string): Promise<{ items: AnalysisHistoryItem[] }> {
    // The prompts service checks prompts:read and that the prompt is in the project.
    await prompts.get(access, promptId);
    const rows = await repo.listPromptAnalyses(promptId, HISTORY_LIMIT);
    return {
      items: rows.map((r) => {
        const result = JSON.parse(r.result) as AnalysisResult | EnhanceResponse;
        const scores = "analysis" in result ? result.analysis.scores : result.scores;
        return {
          id: r.id,
          kind: r.kind === "enhance" ? "enhance" : "analyze",
          version: r.prompt_version === null ? null : Number(r.prompt_version),
          engine: r.engine,
          engine_version: r.engine_version,
          overall_score: Number(r.overall_score),
          scores,
          created_at: r.created_at,
          rescored_at: r.rescored_at,
        };
      }),
    };
  }

  /** The providers and models; any member (or key) may ask. */
  function modelsFor(access: ProjectAccess, requestId?: string) {
    authorize(access, "analysis:run");
    return models(requestId);
  }

  return {
    analyze: analyzeOne,
    enhance: enhanceOne,
    versions,
    batch,
    ambiguities,
    bestPractices,
    models: modelsFor,
    history,
  };
}
