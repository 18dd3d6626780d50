// Log lines to stdout are gathered over one turn of the event loop and written together: every line
// still arrives whole and in order, secrets are still scrubbed, and flush() (what shutdown and the crash
// handler call) writes what is waiting at once.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger, TurnBatchedLines } from "../../src/observability/logger.js";

function collector() {
  const writes: string[] = [];
  return { writes, write: (text: string) => writes.push(text) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("log lines batched per event-loop turn", () => {
  it("writes the lines of one turn in one write, whole and in order", async () => {
    const out = collector();
    const lines = new TurnBatchedLines(out);
    lines.write('{"n":1}\n');
    lines.write('{"n":2}\n');
    lines.write('{"n":3}\n');
    expect(out.writes).toEqual([]);
    await nextTurn();
    expect(out.writes).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n']);
    lines.write('{"n":4}\n');
    await nextTurn();
    expect(out.writes).toEqual(['{"n":1}\n{"n":2}\n{"n":3}\n', '{"n":4}\n']);
  });

  it("writes at once on flush, and when a turn's lines pass 64 KiB", async () => {
    const out = collector();
    const lines = new TurnBatchedLines(out);
    lines.write("a\n");
    let flushed = false;
    lines.flush(() => {
      flushed = true;
    });
    expect(flushed).toBe(true);
    expect(out.writes).toEqual(["a\n"]);
    const long = `${"x".repeat(40 * 1024)}\n`;
    lines.write(long);
    lines.write(long);
    expect(out.writes).toEqual(["a\n", long + long]);
    await nextTurn();
    expect(out.writes).toHaveLength(2);
  });

  it("carries pino's lines with their fields and redaction, and logger.flush() empties it", () => {
    const out = collector();
    const lines = new TurnBatchedLines(out);
    const config = loadConfig({ LOG_LEVEL: "INFO", LOG_FORMAT: "json" });
    const logger = createLogger(config, { destination: lines as unknown as NodeJS.WritableStream });
    logger.info({ api_key: "pf_canary-batched-secret", path: "/x?token=canary-batched-token" }, "one");
    logger.warn({ n: 2 }, "two");
    expect(out.writes).toEqual([]);
    logger.flush();
    expect(out.writes).toHaveLength(1);
    const text = out.writes[0] as string;
    expect(text).not.toContain("canary-batched");
    const records = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.level, r.message])).toEqual([
      ["INFO", "one"],
      ["WARNING", "two"],
    ]);
    expect(records[0]).toMatchObject({ api_key: "[REDACTED]", path: "/x?token=[REDACTED]" });
  });

  it("logger.flush() empties it in text format too, with the secret scrubbed", () => {
    const out = collector();
    const lines = new TurnBatchedLines(out);
    const config = loadConfig({ LOG_LEVEL: "INFO", LOG_FORMAT: "text" });
    const logger = createLogger(config, { destination: lines as unknown as NodeJS.WritableStream });
    logger.info({ api_key: "pf_canary-text-secret" }, "before a hard stop");
    let called = false;
    logger.flush(() => {
      called = true;
    });
    expect(called).toBe(true);
    expect(out.writes.join("")).toMatch(/INFO\s+before a hard stop api_key=\[REDACTED\]/);
    expect(out.writes.join("")).not.toContain("canary-text");
  });
});
