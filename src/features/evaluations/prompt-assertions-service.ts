// The assertions a prompt declares (GET/PUT …/prompts/:id/assertions): read with prompts:read, replaced
// whole with prompts:write after the declaration checks (assertion-schemas.ts), each replacement in the
// audit log as a prompt.update naming the list by hash (assertion values can quote prompt texts, which
// the log never holds). Runs read the declared list through declaredFor.

import type { Db } from "../../db/repository.js";
import { found, ValidationError } from "../../http/errors.js";
import { iso } from "../../lib/time.js";
import { contentHash } from "../audit/audit-chain.js";
import { type AuditRecorder, recorderFor } from "../audit/audit-service.js";
import { authorize, type ProjectAccess } from "../projects/permissions.js";
import { type Assertion, validateAssertions } from "./assertion-schemas.js";
import { createPromptAssertionsRepository } from "./prompt-assertions-repository.js";

export interface PromptAssertionsServiceDeps {
  db: Db;
  clock: () => number;
  audit: AuditRecorder;
}

export interface PromptAssertions {
  assertions: Assertion[];
  /** Who last replaced the list and when; null before the first PUT. */
  updated_by: { id: string; username: string | null } | null;
  updated_at: string | null;
}

export type PromptAssertionsService = ReturnType<typeof createPromptAssertionsService>;

/** The stored list; anything but an array (never written by PUT) reads as none. */
export function parseStoredAssertions(text: string | null | undefined): Assertion[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as Assertion[]) : [];
  } catch {
    return [];
  }
}

export function createPromptAssertionsService(deps: PromptAssertionsServiceDeps) {
  const { clock, audit } = deps;
  const recordPrompt = recorderFor(audit, "prompt");
  const repo = createPromptAssertionsRepository(deps.db);

  async function requirePrompt(projectId: string, promptId: string) {
    return found(await repo.findPrompt(projectId, promptId), "Prompt");
  }

  async function view(promptId: string): Promise<PromptAssertions> {
    const row = await repo.findAssertions(promptId);
    if (!row) return { assertions: [], updated_by: null, updated_at: null };
    return {
      assertions: parseStoredAssertions(row.assertions),
      updated_by: row.updated_by ? { id: row.updated_by, username: row.updated_by_username } : null,
      updated_at: row.updated_at,
    };
  }

  async function get(access: ProjectAccess, promptId: string): Promise<PromptAssertions> {
    authorize(access, "prompts:read");
    await requirePrompt(access.projectId, promptId);
    return view(promptId);
  }

  /** Replaces the prompt's list (an empty list clears it: items with expected then use equals). */
  async function put(
    access: ProjectAccess,
    promptId: string,
    assertions: Assertion[],
  ): Promise<PromptAssertions> {
    authorize(access, "prompts:write");
    if (!Array.isArray(assertions)) throw new ValidationError("The body must be a list of assertions");
    validateAssertions(assertions, "");
    const prompt = await requirePrompt(access.projectId, promptId);
    const stored = JSON.stringify(assertions);
    await repo.transaction(async (tx, trx) => {
      const before = await tx.findAssertions(prompt.id);
      await tx.upsertAssertions({
        prompt_id: prompt.id,
        assertions: stored,
        updated_by: access.userId,
        updated_at: iso(clock()),
      });
      await recordPrompt(
        access,
        "prompt.update",
        prompt.id,
        {
          name: prompt.name,
          assertions: assertions.length,
          assertion_types: [...new Set(assertions.map((a) => a.type))],
          assertions_hash_from: before ? contentHash(before.assertions) : null,
          assertions_hash: contentHash(stored),
        },
        trx,
      );
    });
    return view(prompt.id);
  }

  /** The list a prompt declares, for a run (no permission check: the run's service made it); null for none. */
  async function declaredFor(promptId: string): Promise<Assertion[] | null> {
    const row = await repo.findAssertions(promptId);
    return row ? parseStoredAssertions(row.assertions) : null;
  }

  return { get, put, declaredFor };
}
