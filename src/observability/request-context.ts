// The current request, reachable from code that has no `req` in hand (LLM provider wrappers, services):
// an AsyncLocalStorage entered by the request hooks for the whole life of each request. Providers call
// `outboundRequestHeaders()` so the request id travels with every outbound call.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  requestId: string;
  method: string;
  /** Route template (`/api/v1/prompts/:id`), or "<unmatched>". */
  endpoint: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** The id of the request being served, or undefined outside a request (start-up, background jobs). */
export function getRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** Headers to add to an outbound call made on behalf of the current request. */
export function outboundRequestHeaders(): Record<string, string> {
  const id = getRequestId();
  return id ? { "X-Request-Id": id } : {};
}
