// HTTP routes of a prompt's declared assertions inside a project: GET and PUT
// /api/v1/projects/:project/prompts/:id/assertions. Schema + auth + one service call.
import { type Static, Type } from "typebox";
import { ValidationError } from "../../http/errors.js";
import { documentRoutes } from "../../http/resource-routes.js";
import { projectRoutes } from "../projects/project-context.js";
import {
  ASSERTION_LIMITS,
  AssertionListSchema,
  AssertionSchema,
  unknownAssertionKeys,
} from "./assertion-schemas.js";
import type { PromptAssertionsService } from "./prompt-assertions-service.js";

export const PromptAssertionsSchema = Type.Object({
  assertions: Type.Array(AssertionSchema),
  updated_by: Type.Union([
    Type.Object({ id: Type.String(), username: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
  updated_at: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
});
export type PromptAssertionsBody = Static<typeof AssertionListSchema>;

export default projectRoutes<{ assertions: PromptAssertionsService }>(
  { tags: ["evaluations"] },
  (route, { assertions }) => {
    documentRoutes(route, "/prompts/:id/assertions", assertions, {
      response: PromptAssertionsSchema,
      get: { summary: "The assertions a prompt declares for its evaluations (empty when none)" },
      put: {
        summary: "Replace the assertions a prompt declares (prompts:write)",
        description: `The whole list, at most ${ASSERTION_LIMITS.perPrompt}; [] clears it. Checked now: a regex that does not compile, an invalid JSON Schema, a missing or foreign field is a 422 naming it. See docs/evaluations.md, "Assertions".`,
        body: AssertionListSchema,
        errors: [422],
        // Before the schema drops unknown keys: a misspelt field is a 422, not a silent default.
        preValidation: async (req) => {
          const issues = unknownAssertionKeys(req.body);
          if (issues.length > 0)
            throw new ValidationError(
              `Invalid body: ${issues.map((i) => `${i.field} ${i.message}`).join("; ")}`,
              issues,
            );
        },
      },
    });
  },
);
