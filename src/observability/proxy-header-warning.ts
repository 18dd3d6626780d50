// One WARNING when requests arrive carrying X-Forwarded-For while TRUST_PROXY is off: a reverse proxy is
// in front but not trusted, so every client behind it shares the proxy's address — in client_ip, in the
// API rate limit and in the login throttle's per-address counters. Logged once per process, at the
// first such request, so it shows up in the start-up logs without repeating on every request.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

async function proxyHeaderWarning(app: FastifyInstance) {
  if (app.deps.config.TRUST_PROXY !== false) return;
  let warned = false;
  app.addHook("onRequest", (req, _reply, done) => {
    if (!warned && req.headers["x-forwarded-for"] !== undefined) {
      warned = true;
      // The proxy's own address only: the forwarded client addresses are not trusted, nor needed here.
      app.log.warn(
        { proxy_address: req.socket.remoteAddress },
        "Requests carry X-Forwarded-For but TRUST_PROXY is off: every client behind the proxy shares its address (client_ip, rate limit, login throttle). Set TRUST_PROXY to the proxy's hop count or address",
      );
    }
    done();
  });
}

export default fp(proxyHeaderWarning, { name: "proxy-header-warning" });
