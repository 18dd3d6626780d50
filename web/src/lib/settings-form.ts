// The project registry settings form: what the fields hold as text and the PATCH body they become,
// with each field's problem named before anything is sent.

import type { RegistrySettings } from "./registry-types.js";
import { labelProblem } from "./roles.js";

export interface SettingsForm {
  protected_labels: string;
  min_score: string;
  block_new_errors: boolean;
  allow_self_approval: boolean;
}

export function settingsFormOf(s: Partial<RegistrySettings>): SettingsForm {
  return {
    protected_labels: (s.protected_labels ?? ["production"]).join(", "),
    min_score: s.promotion_gate?.min_score === undefined ? "" : String(s.promotion_gate.min_score),
    block_new_errors: s.promotion_gate?.block_new_errors ?? false,
    allow_self_approval: s.allow_self_approval ?? false,
  };
}

/** The form as the PATCH body, or the field problems that keep it from being sent. */
export function settingsBody(
  f: SettingsForm,
): { body: RegistrySettings } | { errors: Partial<Record<keyof SettingsForm, string>> } {
  const errors: Partial<Record<keyof SettingsForm, string>> = {};
  const labels = [
    ...new Set(
      f.protected_labels
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const bad = labels.map((l) => [l, labelProblem(l)] as const).find(([, p]) => p);
  if (bad) errors.protected_labels = `“${bad[0]}”: ${bad[1]}`;
  let minScore: number | null = null;
  if (f.min_score.trim() !== "") {
    const n = Number(f.min_score);
    if (!Number.isFinite(n) || n < 0 || n > 100)
      errors.min_score = "A score from 0 to 100, or empty for none.";
    else minScore = n;
  }
  if (Object.keys(errors).length) return { errors };
  // The server's gate has no null fields: a minimum left empty is left out.
  const gate =
    minScore === null && !f.block_new_errors
      ? null
      : { ...(minScore === null ? {} : { min_score: minScore }), block_new_errors: f.block_new_errors };
  return {
    body: { protected_labels: labels, promotion_gate: gate, allow_self_approval: f.allow_self_approval },
  };
}
