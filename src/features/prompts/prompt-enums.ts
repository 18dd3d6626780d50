// The prompt categories, dependency-free so the server's schemas and the web app share one list.
export const CATEGORIES = [
  "content",
  "code",
  "analysis",
  "education",
  "email",
  "creative",
  "research",
  "social",
  "marketing",
  "business",
  "other",
] as const;
export type Category = (typeof CATEGORIES)[number];
