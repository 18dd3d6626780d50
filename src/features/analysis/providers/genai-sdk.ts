// Loads the @google/genai SDK on first use: it costs ~0.1 s and ~25 MB at start-up, which a service
// without a Gemini key should not pay.
type GenAiModule = typeof import("@google/genai");

let sdk: Promise<GenAiModule> | undefined;

export function loadGenAi(): Promise<GenAiModule> {
  sdk ??= import("@google/genai");
  return sdk;
}
