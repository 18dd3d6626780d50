// POST /api/v1/rum and GET /api/v1/meta through the real app: vitals land in the histograms with
// bounded labels, bad batches are refused whole with the one error shape, beacons' text/plain works.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DB_TARGETS, type TestApp } from "../../../test/helpers/app.js";

async function metricsText(t: TestApp): Promise<string> {
  return t.app.deps.metrics.registry.metrics();
}

describe.each(DB_TARGETS)("web vitals and meta (%s)", (target) => {
  let t: TestApp;
  /** POST /api/v1/rum with `payload` (an object is sent as JSON) and `headers`. */
  const postRum = (payload: object | string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url: "/api/v1/rum", headers, payload });
  beforeAll(async () => {
    t = await buildTestApp({ target, env: { GRAFANA_URL: "https://grafana.example.com/d/promptforge" } });
  });
  afterAll(async () => t?.close());

  it("records timings in seconds and CLS as a score, labelled by name and page, and answers 204", async () => {
    const res = await postRum({
      metrics: [
        { name: "LCP", value: 1.2, rating: "good", page: "analyser" },
        { name: "INP", value: 0.08, page: "prompt" },
        { name: "CLS", value: 0.02, page: "analyser" },
      ],
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    const text = await metricsText(t);
    expect(text).toMatch(/web_vitals_seconds_count\{name="LCP",page="analyser"\} 1/);
    expect(text).toMatch(/web_vitals_seconds_count\{name="INP",page="prompt"\} 1/);
    expect(text).toMatch(/web_vitals_score_count\{name="CLS",page="analyser"\} 1/);
    expect(text).toMatch(/web_vitals_seconds_sum\{name="LCP",page="analyser"\} 1\.2/);
  });

  it("accepts a text/plain beacon body and counts unknown pages as other", async () => {
    const res = await postRum(
      JSON.stringify({ metrics: [{ name: "TTFB", value: 0.05, page: "/prompts/0193-secret-id" }] }),
      { "content-type": "text/plain;charset=UTF-8" },
    );
    expect(res.statusCode).toBe(204);
    const text = await metricsText(t);
    expect(text).toMatch(/web_vitals_seconds_count\{name="TTFB",page="other"\} 1/);
    expect(text).not.toContain("secret-id");
  });

  it("rejects an unknown metric name with 422 naming the field, and records nothing of the batch", async () => {
    const res = await postRum({
      metrics: [
        { name: "FCP", value: 0.5, page: "enhance" },
        { name: "FID", value: 0.1 },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("validation_error");
    expect(JSON.stringify(res.json().error.details)).toContain("metrics");
    expect(await metricsText(t)).not.toMatch(/web_vitals_seconds_count\{name="FCP",page="enhance"\}/);
  });

  it("rejects negative values, impossible CLS and oversized batches", async () => {
    const negative = await postRum({ metrics: [{ name: "LCP", value: -1 }] });
    expect(negative.statusCode).toBe(422);
    const cls = await postRum({ metrics: [{ name: "CLS", value: 500 }] });
    expect(cls.statusCode).toBe(422);
    expect(cls.json().error.details[0].field).toBe("metrics.0.value");
    const many = await postRum({ metrics: Array.from({ length: 21 }, () => ({ name: "LCP", value: 1 })) });
    expect(many.statusCode).toBe(422);
    const huge = await postRum("x".repeat(20_000), { "content-type": "text/plain" });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe("payload_too_large");
  });

  it("answers 400 invalid_json for a beacon that is not JSON", async () => {
    const res = await postRum("{not json", { "content-type": "text/plain" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_json");
  });

  it("shows the Grafana URL to administrators only", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/meta" });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ version: t.config.version, grafana_url: null });

    const reg = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { username: "opsadmin", email: "ops@example.com", password: "a long admin passphrase" },
    });
    expect(reg.statusCode).toBe(201);
    await t.db.kysely
      .updateTable("users")
      .set({ role: "admin" })
      .where("username", "=", "opsadmin")
      .execute();
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "opsadmin", password: "a long admin passphrase" },
    });
    const token = login.json().access_token as string;
    const admin = await t.app.inject({
      method: "GET",
      url: "/api/v1/meta",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(admin.json().grafana_url).toBe("https://grafana.example.com/d/promptforge");
  });
});
