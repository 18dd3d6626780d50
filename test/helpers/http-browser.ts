// A small browser for redirect flows over real HTTP: follows redirects one hop at a time (so tests can
// stop and change a URL on the way), keeps cookies per host the way browsers do (ports shared, Path
// and Max-Age honoured) and asks for HTML like a navigation does.

export interface Hop {
  url: string;
  status: number;
  location: string | null;
  body: string;
  contentType: string;
  /** The Set-Cookie lines of the answer, as sent. */
  setCookies: string[];
}

interface StoredCookie {
  value: string;
  path: string;
}

export class HttpBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookies(host: string): Map<string, StoredCookie> {
    let m = this.jar.get(host);
    if (!m) {
      m = new Map();
      this.jar.set(host, m);
    }
    return m;
  }

  /** One request; no redirect followed. */
  async visit(url: string, init: { accept?: string } = {}): Promise<Hop> {
    const u = new URL(url);
    const sent = [...this.cookies(u.hostname)]
      .filter(([, c]) => u.pathname.startsWith(c.path))
      .map(([k, c]) => `${k}=${c.value}`)
      .join("; ");
    const res = await fetch(u, {
      redirect: "manual",
      headers: {
        accept: init.accept ?? "text/html,application/xhtml+xml",
        ...(sent ? { cookie: sent } : {}),
      },
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) this.store(u, line);
    const location = res.headers.get("location");
    return {
      url: u.href,
      status: res.status,
      location: location ? new URL(location, u).href : null,
      body: await res.text(),
      contentType: res.headers.get("content-type") ?? "",
      setCookies,
    };
  }

  /**
   * Follows redirects from `url` until an answer is not a redirect, or until `stopAt` says to stop at a
   * redirect target (returned unvisited as the last hop's location).
   */
  async follow(url: string, stopAt?: (next: URL) => boolean): Promise<Hop[]> {
    const hops: Hop[] = [];
    let current = url;
    for (let i = 0; i < 20; i++) {
      const hop = await this.visit(current);
      hops.push(hop);
      if (hop.status < 300 || hop.status >= 400 || !hop.location) return hops;
      if (stopAt?.(new URL(hop.location))) return hops;
      current = hop.location;
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  private store(u: URL, line: string): void {
    const [pair = "", ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    if (eq < 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    let path = "/";
    let expired = false;
    for (const a of attrs) {
      const [k = "", v = ""] = a.split("=").map((s) => s.trim());
      if (k.toLowerCase() === "path") path = v || "/";
      if (k.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
      if (k.toLowerCase() === "expires" && Date.parse(v) < Date.now()) expired = true;
    }
    const jar = this.cookies(u.hostname);
    if (expired || value === "") jar.delete(name);
    else jar.set(name, { value, path });
  }
}
