// The playground's stream: POST …/playground asking for server-sent events, with the session's token
// (refreshed once on a 401, as the JSON client does), and the events read off the response body.
// TanStack Query has no shape for a stream, so the page drives this directly.
import { ApiError, readSession, refreshSession } from "./api";

/** POST with the session's token, refreshed once on a 401, as the JSON client does. */
export async function postStream(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
  const send = (token: string | undefined) =>
    fetch(`/api/v1${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
      signal,
    });
  const session = readSession();
  let res = await send(session?.access_token);
  if (res.status === 401 && session) {
    const fresh = await refreshSession(session.refresh_token);
    if (fresh) res = await send(fresh.access_token);
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(res.status, err.error?.code ?? "error", err.error?.message ?? `HTTP ${res.status}`);
  }
  return res;
}

/** Reads server-sent events off a response body, calling `on` for each. */
export async function readEvents(res: Response, on: (event: string, data: Record<string, unknown>) => void) {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) on(event, JSON.parse(data));
      end = buffer.indexOf("\n\n");
    }
  }
}
