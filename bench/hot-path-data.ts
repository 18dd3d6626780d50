// The data both HTTP benchmarks read (bench/http.ts over sockets, bench/http-inject.ts in one process):
// a user with an access token and an API key, one prompt, and a project whose prompt the registry serves
// at the label `staging` to a project API key, as an application would read it.

/** One JSON request to PromptForge; rejects on a status of 300 or more. */
export type BenchCall = (
  method: "GET" | "POST" | "PUT",
  path: string,
  body?: unknown,
  token?: string,
) => Promise<Record<string, unknown>>;

export interface HotPathData {
  jwt: string;
  apiKey: string;
  promptPath: string;
  projectKey: string;
  registryPath: string;
}

export async function seedHotPaths(call: BenchCall): Promise<HotPathData> {
  const password = "correct horse battery staple 42";
  await call("POST", "/api/v1/auth/register", { username: "bench", email: "bench@example.com", password });
  const jwt = (await call("POST", "/api/v1/auth/login", { username: "bench", password }))
    .access_token as string;
  const apiKey = (await call("POST", "/api/v1/auth/api-keys", { name: "bench" }, jwt)).key as string;
  const prompt = await call(
    "POST",
    "/api/v1/prompts",
    {
      title: "Summarise a support ticket",
      content:
        "You are a support lead. Summarise the customer's ticket below in three bullet points: the problem, " +
        "what they tried, and what they ask for. Answer in English, under 80 words.\n\nTicket: {{ticket}}",
      category: "business",
      tags: ["support", "summary"],
    },
    jwt,
  );
  await call("POST", "/api/v1/projects", { name: "Bench", slug: "bench" }, jwt);
  const projectPrompt = await call(
    "POST",
    "/api/v1/projects/bench/prompts",
    {
      title: "Triage",
      name: "support/triage",
      content:
        "Classify the ticket below as billing, bug or other. Answer with the label only.\n\n{{ticket}}",
      category: "business",
    },
    jwt,
  );
  await call("PUT", `/api/v1/projects/bench/prompts/${projectPrompt.id}/labels/staging`, { version: 1 }, jwt);
  const projectKey = (
    await call(
      "POST",
      "/api/v1/projects/bench/api-keys",
      { name: "bench app", scopes: ["registry:read"] },
      jwt,
    )
  ).key as string;
  return {
    jwt,
    apiKey,
    promptPath: `/api/v1/prompts/${prompt.id}`,
    projectKey,
    registryPath: "/api/v1/registry/bench/support/triage?label=staging",
  };
}
