// A TCP proxy on 127.0.0.1 that a test can cut, as a network partition would: used to make the
// database unreachable from a running PromptForge without touching the shared PostgreSQL server.
import { connect, createServer, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Closes the listener and every open connection; later connections are refused. */
  cut: () => void;
}

/** Forwards 127.0.0.1:`listenPort` (default: any free port) to `host`:`port`. */
export async function startTcpProxy(host: string, port: number, listenPort = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(listenPort, "127.0.0.1", r));
  const addr = server.address();
  return {
    port: typeof addr === "object" && addr ? addr.port : 0,
    cut: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}
