// Core Web Vitals from real visits (LCP, CLS, INP, FCP, TTFB via the web-vitals library), batched and
// sent with navigator.sendBeacon to POST /api/v1/rum when the page is hidden, so measuring never
// delays what the user is doing. The page is reported as a route name, never as a raw URL.
import type { Metric } from "web-vitals";

interface Sample {
  name: string;
  value: number;
  rating: string;
  page: string;
}

const queue: Sample[] = [];

export function routeName(path: string): string {
  if (path === "/") return "analyser";
  if (path === "/enhance") return "enhance";
  if (path === "/prompts") return "prompts";
  if (/^\/prompts\/[^/]+$/.test(path)) return "prompt";
  if (path === "/templates") return "templates";
  if (path === "/templates/new" || /^\/templates\/[^/]+\/edit$/.test(path)) return "template-edit";
  if (/^\/templates\/[^/]+\/use$/.test(path)) return "template-use";
  if (/^\/templates\/[^/]+$/.test(path)) return "template";
  if (path === "/account") return "account";
  if (path === "/status") return "status";
  if (path === "/signin") return "signin";
  if (path === "/signup") return "signup";
  return "other";
}

function flush() {
  if (queue.length === 0) return;
  const batch = queue.splice(0, 20);
  const body = JSON.stringify({ metrics: batch });
  // text/plain keeps the beacon a "simple" request; the endpoint parses it as JSON.
  const sent = navigator.sendBeacon?.("/api/v1/rum", new Blob([body], { type: "text/plain" }));
  if (!sent) {
    fetch("/api/v1/rum", {
      method: "POST",
      body,
      headers: { "content-type": "text/plain" },
      keepalive: true,
    }).catch(() => undefined);
  }
  if (queue.length > 0) flush();
}

export async function startVitals() {
  const { onCLS, onFCP, onINP, onLCP, onTTFB } = await import("web-vitals");
  const record = (m: Metric) => {
    // LCP, FCP, TTFB and INP arrive in milliseconds; the server stores seconds. CLS has no unit.
    const value = m.name === "CLS" ? m.value : m.value / 1000;
    queue.push({
      name: m.name,
      value: Math.round(value * 10000) / 10000,
      rating: m.rating,
      page: routeName(location.pathname),
    });
  };
  onCLS(record);
  onFCP(record);
  onINP(record);
  onLCP(record);
  onTTFB(record);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
  window.addEventListener("pagehide", flush);
}

/** For tests: send what has been measured so far. */
export function flushVitals() {
  flush();
}
