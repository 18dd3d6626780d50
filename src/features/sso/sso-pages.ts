// The page a browser sees when a single sign-on cannot go on: a heading, what happened in words, what
// to do next, and the request id to quote. Plain HTML without scripts or inline styles (the security
// headers' policy allows neither), every value escaped.

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const TITLES: Record<number, string> = {
  400: "This sign-in cannot be finished",
  403: "Sign-in refused",
  404: "Single sign-on is not set up",
  502: "The sign-in provider gave an unexpected answer",
  503: "The sign-in provider is not available",
};

export interface SsoErrorPage {
  status: number;
  code: string;
  message: string;
  requestId: string;
  /** Where "Try again" starts a new sign-in. */
  loginUrl: string;
}

export function renderSsoErrorPage(p: SsoErrorPage): string {
  const title = TITLES[p.status] ?? "Sign-in failed";
  const again = p.status === 404 ? "" : `<a href="${escapeHtml(p.loginUrl)}">Try again</a> · `;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · PromptForge</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(p.message)}.</p>
<p>${again}<a href="/signin">Back to the sign-in page</a></p>
<p><small>Error <code>${escapeHtml(p.code)}</code> · request id <code>${escapeHtml(p.requestId)}</code></small></p>
</main>
</body>
</html>
`;
}
