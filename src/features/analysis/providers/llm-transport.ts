// The narrow interface every LLM provider implements: one structured-JSON completion, and a cheap
// liveness probe. Transports only speak HTTP and map failures onto LlmCallError; timeouts, retries,
// the circuit breaker and metrics live in the wrapper (resilient-llm.ts) so every provider gets them.
import type { TSchema } from "typebox";

export type ProviderName = "gemini" | "openai";
export type LlmOperation = "analyze" | "enhance" | "probe" | "generate" | "judge";

/** The subset of JSON Schema the prompts use; converted to each provider's dialect by its transport. */
export interface JsonSchema {
  type: "object" | "array" | "string" | "integer" | "number" | "boolean";
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean;
}

/**
 * A TypeBox schema as the transports read it. TypeBox schemas are plain JSON Schema; this names the
 * subset the providers accept (the answers' schemas in llm-analysis.ts keep to it).
 */
export function asJsonSchema(schema: TSchema): JsonSchema {
  return schema as unknown as JsonSchema;
}

export interface LlmCallRequest {
  system: string;
  user: string;
  schema: JsonSchema;
  /** A short identifier for the schema (OpenAI's json_schema.name). */
  schemaName: string;
  /** Forwarded as X-Request-Id so provider-side logs can be matched to ours. */
  requestId?: string;
  signal: AbortSignal;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmCompletion {
  text: string;
  usage: LlmUsage;
}

/** One chat message of a free-text generation. */
export interface GenerateMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/** Sampling parameters a generation may set; absent ones are left to the provider's defaults. */
export interface GenerateParams {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
  stop?: string[];
}

/** A free-text completion (evaluations, the playground, the judge): the model is chosen per call. */
export interface GenerateRequest {
  model: string;
  messages: GenerateMessage[];
  params?: GenerateParams;
  requestId?: string;
  signal: AbortSignal;
}

export interface LlmTransport {
  readonly provider: ProviderName;
  /** The configured model (from config only, so it is safe as a metric label). */
  readonly model: string;
  complete(req: LlmCallRequest): Promise<LlmCompletion>;
  /** Free text from `req.model`; the answer's text is returned as is (no JSON expected). */
  generate(req: GenerateRequest): Promise<LlmCompletion>;
  /** Resolves with the models the server offers (at least the configured one) when it answers. */
  probe(signal: AbortSignal, requestId?: string): Promise<string[]>;
}
