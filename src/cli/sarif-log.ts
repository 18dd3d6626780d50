// The SARIF 2.1.0 envelope `promptforge lint` and `promptforge eval` both write: one run of one tool.
// Kept apart from sarif.ts so the eval command does not load the analysis engine.

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** A SARIF log of one run by the PromptForge tool `name`; `driver` and `run` add their own fields. */
export function sarifLog(
  name: string,
  driver: Record<string, unknown>,
  run: Record<string, unknown>,
): object {
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name, informationUri: "https://github.com/promptforge/promptforge", ...driver } },
        ...run,
      },
    ],
  };
}
