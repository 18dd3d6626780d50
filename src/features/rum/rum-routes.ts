// What the web app reports and reads: Core Web Vitals from real visits (POST /api/v1/rum, exported as
// web_vitals_seconds / web_vitals_score by metric name and page) and a few facts the UI shows
// (GET /api/v1/meta). The browser sends vitals with navigator.sendBeacon as text/plain, so this
// plugin reads text/plain bodies as JSON — only here, and only small ones.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type Static, Type } from "typebox";
import { AppError } from "../../http/errors.js";
import { maybeSignedIn, NoContentSchema } from "../../http/route-kit.js";

export const VITAL_NAMES = ["LCP", "FCP", "TTFB", "INP", "CLS"] as const;

/** Route names the web app reports; anything else is counted as "other" so labels stay bounded. */
export const RUM_PAGES = [
  "analyser",
  "enhance",
  "prompts",
  "prompt",
  "templates",
  "template",
  "template-edit",
  "template-use",
  "account",
  "status",
  "signin",
  "signup",
] as const;

const RUM_BODY_LIMIT = 16 * 1024;
/** Layout shift scores above this are not real measurements. */
const MAX_CLS = 100;

export const RumSampleSchema = Type.Object(
  {
    name: Type.Union(VITAL_NAMES.map((n) => Type.Literal(n))),
    /** Seconds for LCP, FCP, TTFB and INP; the unitless layout-shift score for CLS. */
    value: Type.Number({ minimum: 0, maximum: 3600 }),
    rating: Type.Optional(Type.String({ maxLength: 32 })),
    page: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const RumBodySchema = Type.Object(
  {
    metrics: Type.Array(RumSampleSchema, { minItems: 1, maxItems: 20 }),
    /** Default page for samples that do not name one. */
    page: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type RumBody = Static<typeof RumBodySchema>;

export const MetaSchema = Type.Object({
  version: Type.String(),
  /** The Grafana dashboard, shown to administrators only. */
  grafana_url: Type.Union([Type.String(), Type.Null()]),
});

export function pageLabel(page: string | undefined): string {
  return page && (RUM_PAGES as readonly string[]).includes(page) ? page : "other";
}

const rumRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { metrics, config } = app.deps;

  app.removeContentTypeParser("text/plain");
  app.addContentTypeParser(
    "text/plain",
    { parseAs: "string", bodyLimit: RUM_BODY_LIMIT },
    (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError(400, "invalid_json", "Request body is not valid JSON"), undefined);
      }
    },
  );

  app.post(
    "/api/v1/rum",
    {
      bodyLimit: RUM_BODY_LIMIT,
      schema: {
        tags: ["web"],
        summary: "Report Core Web Vitals measured in the browser",
        body: RumBodySchema,
        response: { 204: NoContentSchema },
      },
    },
    async (req, reply) => {
      // Validate the whole batch before recording any of it, so a bad sample cannot half-count.
      const badCls = req.body.metrics.findIndex((s) => s.name === "CLS" && s.value > MAX_CLS);
      if (badCls !== -1) {
        const field = `metrics.${badCls}.value`;
        throw new AppError(
          422,
          "validation_error",
          `Invalid body: ${field} must be at most ${MAX_CLS} for CLS`,
          [{ field, message: `must be at most ${MAX_CLS} for CLS` }],
        );
      }
      for (const sample of req.body.metrics) {
        const page = pageLabel(sample.page ?? req.body.page);
        if (sample.name === "CLS") metrics.webVitalsScore.labels(sample.name, page).observe(sample.value);
        else metrics.webVitalsSeconds.labels(sample.name, page).observe(sample.value);
      }
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/v1/meta",
    {
      ...maybeSignedIn(app),
      schema: {
        tags: ["web"],
        summary: "Version and links the web app shows",
        response: { 200: MetaSchema },
      },
    },
    async (req) => ({
      version: config.version,
      grafana_url: req.user?.role === "admin" ? (config.GRAFANA_URL ?? null) : null,
    }),
  );
};

export default rumRoutes;
